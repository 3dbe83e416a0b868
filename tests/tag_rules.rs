//! Focused cases for the tag rules (FL3xx): what fires, where, and with which message.

use flowlint::catalog::{Target, releases};
use flowlint::check::{Settings, check_text};
use flowlint::finding::Severity;

/// FL3xx findings of one document: (code, pointed text, message, severity).
fn tag_findings_with(text: &str, settings: &Settings) -> Vec<(String, String, String, Severity)> {
    let report = check_text("test.yaml", text, settings);
    report
        .findings
        .iter()
        .filter(|f| f.rule.code.starts_with("FL3"))
        .map(|f| {
            let at = text[f.span.start as usize..f.span.end as usize].to_string();
            (f.rule.code.to_string(), at, f.message.clone(), f.severity)
        })
        .collect()
}

fn tag_findings(text: &str) -> Vec<(String, String, String, Severity)> {
    tag_findings_with(text, &Settings::default())
}

fn codes(text: &str) -> Vec<(String, String)> {
    tag_findings(text)
        .into_iter()
        .map(|(c, at, _, _)| (c, at))
        .collect()
}

fn pairs(expected: &[(&str, &str)]) -> Vec<(String, String)> {
    expected
        .iter()
        .map(|(c, a)| (c.to_string(), a.to_string()))
        .collect()
}

fn doc(attrs: &str) -> String {
    format!(
        "version: 1\nentries:\n  - model: authentik_core.group\n    identifiers:\n      name: test\n    attrs:\n{attrs}"
    )
}

#[test]
fn unknown_tags_and_case() {
    let found = tag_findings(&doc(
        "      attributes:\n        a: !keyof x\n        b: !Nope 1\n        c: !!str 5\n        d: ! plain\n",
    ));
    assert_eq!(found.len(), 2, "{found:?}");
    assert_eq!(
        (found[0].0.as_str(), found[0].1.as_str()),
        ("FL301", "!keyof")
    );
    assert_eq!(
        (found[1].0.as_str(), found[1].1.as_str()),
        ("FL301", "!Nope")
    );
    let report = check_text(
        "t.yaml",
        &doc("      attributes: !keyof x\n"),
        &Settings::default(),
    );
    let help = report
        .findings
        .iter()
        .find(|f| f.rule.code == "FL301")
        .and_then(|f| f.help.clone());
    assert_eq!(
        help.as_deref(),
        Some("tag names are case-sensitive: write `!KeyOf`")
    );
}

#[test]
fn argument_shapes() {
    let attrs = r#"      attributes:
        if2: !If [a, b]
        if1: !If [a]
        if3: !If [a, b, c]
        keyof: !KeyOf [x]
        env1: !Env [NAME]
        env2: !Env [NAME, default]
        env_tag: !Env [!Context name, default]
        ctx_tag: !Context [!Format ["%s", a], default]
        fmt_scalar: !Format "%s"
        fmt_tag: !Format [!Context f, x]
        find: !Find [authentik_flows.flow, [slug], slug]
        find_model: !Find [42, [slug, x]]
        cond1: !Condition [AND]
        cond_tag: !Condition [!Context mode, true]
        enum2: !Enumerate [[a], SEQ]
        enum_out: !Enumerate [[a], LIST, x]
        enum_self: !Enumerate [!Value 0, SEQ, x]
        enum_null: !Enumerate [null, SEQ, x]
        index: !Index abc
        negative: !Value -1
        at1: !AtIndex [[a]]
        json: !ParseJSON [a]
"#;
    assert_eq!(
        codes(&doc(attrs)),
        pairs(&[
            ("FL302", "!If"),
            ("FL302", "!KeyOf"),
            ("FL302", "!Env"),
            ("FL302", "!Context name"),
            ("FL302", "!Format [\"%s\", a]"),
            ("FL302", "!Format"),
            ("FL302", "!Context f"),
            ("FL302", "[slug]"),
            ("FL302", "slug"),
            ("FL302", "42"),
            ("FL302", "!Condition"),
            ("FL302", "!Context mode"),
            ("FL302", "!Enumerate"),
            ("FL302", "LIST"),
            ("FL302", "!Value 0"),
            ("FL302", "null"),
            ("FL302", "!Index abc"),
            ("FL302", "!Value -1"),
            ("FL302", "!AtIndex"),
            ("FL302", "!ParseJSON"),
        ])
    );
    // Extra items and a tag as `!Context` key do not fail: warnings.
    let text =
        doc("      attributes:\n        a: !If [a, b, c, d]\n        b: !Context [!Env k, d]\n");
    let severities: Vec<Severity> = tag_findings(&text).iter().map(|f| f.3).collect();
    assert_eq!(severities, [Severity::Warning, Severity::Warning]);
}

#[test]
fn index_depth_follows_authentik_resolver() {
    let attrs = r#"      attributes:
        ok: !Enumerate [[a], SEQ, [!Index 0, !Format ["%s", !Value 0]]]
        nested: !Enumerate [[a], SEQ, [!Enumerate [!Value 1, SEQ, [!Index 0, !Index 1]]]]
        too_deep: !Enumerate [[a], SEQ, !Index 1]
        outside: !Index 0
        outside2: !Value 2
        branch: !Enumerate [[a], SEQ, !If [true, !Index 0, x]]
        direct: !Format ["%s", !Enumerate [[a], SEQ, !Index 0]]
"#;
    let found = tag_findings(&doc(attrs));
    let got: Vec<(&str, &str)> = found
        .iter()
        .map(|(c, at, _, _)| (c.as_str(), at.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            ("FL303", "!Index 1"),
            ("FL303", "!Index 0"),
            ("FL303", "!Value 2"),
            ("FL303", "!Index 0")
        ]
    );
    assert!(
        found[0]
            .2
            .contains("\"Index tag: invalid depth: 1. Max depth: 0\""),
        "{}",
        found[0].2
    );
    assert!(
        found[1]
            .2
            .contains("\"Index tags are only usable inside an Enumerate tag\"")
    );
    assert!(
        found[2]
            .2
            .contains("\"Value tag: invalid depth: 2. Max depth: -1\"")
    );
}

#[test]
fn dynamic_entries_bodies_have_a_context() {
    let text = r#"version: 1
entries:
  group1: !Enumerate
    - [one, two]
    - SEQ
    - model: authentik_core.group
      identifiers:
        name: !Value 0
"#;
    assert_eq!(codes(text), pairs(&[]));
}

#[test]
fn condition_modes() {
    let attrs = "      attributes:\n        a: !Condition [and, true]\n        b: !Condition [MAYBE, true]\n        c: !Condition [1, true]\n        d: !Condition [EQ, a, b]\n";
    let found = tag_findings(&doc(attrs));
    let got: Vec<(&str, &str)> = found
        .iter()
        .map(|(c, at, _, _)| (c.as_str(), at.as_str()))
        .collect();
    assert_eq!(got[..2], [("FL304", "MAYBE"), ("FL304", "1")]);
    assert!(found[0].2.contains("\"'MAYBE'\""));
    // Judged against the newest release by default: EQ is an error only where the
    // release lacks it.
    let newest_has_eq = releases()
        .next_back()
        .is_some_and(|r| r.caps.condition_modes.contains(&"EQ"));
    assert_eq!(found.len(), if newest_has_eq { 2 } else { 3 });
    assert!(found.iter().all(|f| f.3 == Severity::Error));
    // Each release accepts NEQ exactly when its caps say so, and the message names
    // the release judged against and the one that has the mode.
    for release in releases() {
        let settings = Settings {
            target: Target::select(Some(release.version())).expect("embedded"),
            ..Settings::default()
        };
        let found = tag_findings_with(
            &doc("      attributes:\n        d: !Condition [NEQ, a, b]\n"),
            &settings,
        );
        if release.caps.condition_modes.contains(&"NEQ") {
            assert!(found.is_empty(), "{found:?}");
        } else {
            assert_eq!(found.len(), 1, "{found:?}");
            assert_eq!(found[0].3, Severity::Error);
            assert!(
                found[0].2.contains("exists from authentik 2026.5"),
                "{}",
                found[0].2
            );
            assert!(
                found[0]
                    .2
                    .contains(&format!("authentik {}", release.version())),
                "{}",
                found[0].2
            );
        }
    }
}

#[test]
fn format_arguments() {
    let attrs = r#"      attributes:
        ok: !Format ["%s-%s %%", a, !Context b]
        few: !Format ["%s-%s", a]
        many: !Format ["%s", a, b]
        mapping: !Format ["%(name)s", a]
        lone: !Format ["100% ready"]
        unsupported: !Format ["%q", a]
        trailing: !Format ["100%"]
        typed: !Format ["%d items", many]
        typed_ok: !Format ["%d items", 3]
        unknown_ok: !Format ["%d items", !Context n]
"#;
    let found = tag_findings(&doc(attrs));
    let got: Vec<(&str, &str)> = found
        .iter()
        .map(|(c, at, _, _)| (c.as_str(), at.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            ("FL305", "\"%s-%s\""),
            ("FL305", "b"),
            ("FL305", "\"%(name)s\""),
            ("FL305", "\"100% ready\""),
            ("FL305", "\"%q\""),
            ("FL305", "\"100%\""),
            ("FL305", "many"),
        ]
    );
    assert!(
        found[0]
            .2
            .contains("not enough arguments for format string")
    );
    assert!(
        found[1]
            .2
            .contains("not all arguments converted during string formatting")
    );
    assert!(found[2].2.contains("format requires a mapping"));
    // "100% ready": `% r` is a placeholder (space flag, `r` conversion).
    assert!(
        found[3].2.contains("not enough arguments"),
        "{}",
        found[3].2
    );
    assert!(
        found[4]
            .2
            .contains("unsupported format character 'q' (0x71) at index 1"),
        "{}",
        found[4].2
    );
    assert!(found[5].2.contains("incomplete format"));
    assert!(
        found[6]
            .2
            .contains("%d format: a real number is required, not str")
    );
}

#[test]
fn parse_json() {
    let attrs = r#"      attributes:
        ok: !ParseJSON '{"a": [1, 2.5, null, true]}'
        python_only: !ParseJSON '[NaN, Infinity, -Infinity, 1e400]'
        deep: !ParseJSON '[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]'
        bad: !ParseJSON '{"a": }'
"#;
    let found = tag_findings(&doc(attrs));
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, "FL306");
    assert!(found[0].2.contains("column 7"), "{}", found[0].2);
}
