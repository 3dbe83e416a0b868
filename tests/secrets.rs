//! Planted secrets never appear in any output: not in messages, labels or help, and
//! not in the source snippets of the human report (masked in the report's copy).

mod common;

use flowlint::check::{Input, Settings, check_inputs};

const FIXTURE: &str = "tests/fixtures/FL6-secrets/planted.yaml";
const ENV: [&str; 4] = [
    "--env",
    "SLUG_FROM_ENV=PLANTED ENV SLUG",
    "--env",
    "NAME_FROM_ENV=PLANTEDNAME",
];

use common::flowlint;

/// Every `--format` value `flowlint check --help` lists.
fn formats() -> Vec<String> {
    let out = flowlint().args(["check", "--help"]).output().unwrap();
    let help = String::from_utf8_lossy(&out.stdout).into_owned();
    let start = help.find("--format").expect("a --format option");
    let section = &help[start..];
    let end = section.find("[default").unwrap_or(section.len());
    section[..end]
        .lines()
        .filter_map(|l| l.trim().strip_prefix("- "))
        .filter_map(|l| l.split(':').next())
        .map(|name| name.trim().to_string())
        .collect()
}

#[test]
fn no_output_format_leaks_a_planted_secret() {
    let formats = formats();
    for expected in ["human", "json", "sarif", "github", "junit"] {
        assert!(
            formats.iter().any(|f| f == expected),
            "{expected} not in {formats:?}"
        );
    }
    let temp = tempfile::tempdir().unwrap();
    for format in &formats {
        let runs: [Vec<String>; 3] = [
            vec![],
            vec!["--statistics".into()],
            vec![
                "--output".into(),
                temp.path()
                    .join(format!("report.{format}"))
                    .display()
                    .to_string(),
            ],
        ];
        for extra in runs {
            let out = flowlint()
                .args([
                    "check",
                    "--no-config",
                    "--color",
                    "always",
                    "--format",
                    format,
                    FIXTURE,
                ])
                .args(ENV)
                .args(&extra)
                .output()
                .unwrap();
            assert_eq!(
                out.status.code(),
                Some(1),
                "{format} {extra:?}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
            let mut all = String::from_utf8_lossy(&out.stdout).into_owned();
            all.push_str(&String::from_utf8_lossy(&out.stderr));
            if let Some(path) = extra.get(1) {
                all.push_str(&std::fs::read_to_string(path).expect("--output wrote the report"));
            }
            assert!(
                all.contains("FL601") || all.contains("plaintext-secret"),
                "{format} {extra:?}: no FL601 in {all}"
            );
            for (i, line) in all.lines().enumerate() {
                assert!(
                    !line.contains("PLANTED"),
                    "{format} {extra:?} line {}: {line}",
                    i + 1
                );
            }
        }
    }
}

#[test]
fn secrets_echoed_by_other_rules_are_scrubbed_and_still_reported() {
    let text = std::fs::read_to_string(common::root().join(FIXTURE)).unwrap();
    let mut settings = Settings::default();
    settings
        .env
        .insert("SLUG_FROM_ENV".into(), "PLANTED ENV SLUG".into());
    let report = check_inputs(
        vec![Input::from_text("planted.yaml", text.clone())],
        &settings,
    );
    let codes: Vec<&str> = report.findings.iter().map(|f| f.rule.code).collect();
    assert_eq!(
        codes.iter().filter(|c| **c == "FL601").count(),
        6,
        "{codes:?}"
    );
    // Other rules still see the secret fields (a duplicate, wrong types, the slug from --env).
    for code in ["FL004", "FL204", "FL201"] {
        assert!(codes.contains(&code), "{code} in {codes:?}");
    }
    for f in &report.findings {
        let texts = [Some(&f.message), f.label.as_ref(), f.help.as_ref()];
        for t in texts
            .into_iter()
            .flatten()
            .chain(f.labels.iter().map(|l| &l.message))
        {
            assert!(!t.contains("PLANTED"), "{}: {t}", f.rule.code);
        }
    }
    // The report's copy of the file is masked in place: same length, same lines.
    let masked = &report.files[0];
    assert!(!masked.text.contains("PLANTED"), "{}", masked.text);
    assert_eq!(masked.text.len(), text.len());
    assert_eq!(masked.text.lines().count(), text.lines().count());
    let original = flowlint::source::SourceFile::new("x", text.clone());
    let at = text.find("designation").unwrap() as u32;
    assert_eq!(masked.line_col(at), original.line_col(at));
}

#[test]
fn env_values_used_only_in_non_secret_fields_are_scrubbed() {
    let text = "version: 1\nentries:\n  - model: authentik_flows.flow\n    identifiers:\n      slug: !Format [\"%s-x\", !Env S]\n    attrs: {name: n, title: t, designation: authentication}\n";
    let mut settings = Settings::default();
    settings.env.insert("S".into(), "Secret Value".into());
    let report = check_inputs(vec![Input::from_text("f.yaml", text.into())], &settings);
    let slug = report
        .findings
        .iter()
        .find(|f| f.rule.code == "FL201")
        .expect("the formatted slug is checked");
    assert!(!slug.message.contains("Secret Value"), "{}", slug.message);
    assert!(slug.message.contains("***"), "{}", slug.message);
}

#[test]

fn graph_output_does_not_leak_env_values() {
    for format in ["dot", "mermaid", "json"] {
        let out = flowlint()
            .args(["graph", "--format", format, FIXTURE])
            .args(ENV)
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(!text.contains("PLANTED"), "graph --format {format}: {text}");
    }
}

#[test]
fn secrets_reached_through_anchors_and_merge_keys_are_masked_where_written() {
    let path = common::root().join("tests/fixtures/fuzz/secret-in-anchor.yaml");
    let text = std::fs::read_to_string(path).unwrap();
    let report = check_inputs(vec![Input::from_text("a.yaml", text)], &Settings::default());
    assert!(report.findings.iter().any(|f| f.rule.code == "FL601"));
    let human = flowlint::output::human::render(&report, Default::default());
    let json = flowlint::output::json::render(&report);
    assert!(
        !report.files[0].text.contains("hunter2"),
        "{}",
        report.files[0].text
    );
    assert!(
        !human.contains("hunter2") && !json.contains("hunter2"),
        "{human}"
    );
}

#[test]
fn fix_hints_never_rewrite_a_value_read_by_a_tag() {
    // `hours=17,minutes=43` is not a duration; rewritten (`;` for `,`) it would slip
    // past the scrubber, which knows the value as given.
    for format in ["json", "human", "sarif", "github"] {
        let out = flowlint()
            .args([
                "check",
                "--no-config",
                "--color",
                "never",
                "--format",
                format,
                "--env",
                "EXPIRY_FROM_ENV=hours=17,minutes=43",
                FIXTURE,
            ])
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(text.contains("token_expiry"), "{format}: {text}");
        assert!(!text.contains("hours=17"), "{format}: {text}");
        assert!(!text.contains("minutes=43"), "{format}: {text}");
    }
}

/// A fix that would print a secret is dropped, even when only its edits carry it: a
/// forward `!KeyOf` is fixed by moving the entry it names, and that entry holds a
/// client secret.
#[test]
fn a_fix_whose_edits_carry_a_secret_is_dropped() {
    let text = "\
version: 1
metadata:
  name: moved secret
entries:
  - model: authentik_core.application
    identifiers:
      slug: moved
    attrs:
      name: moved
      provider: !KeyOf provider
  - model: authentik_providers_oauth2.oauth2provider
    id: provider
    identifiers:
      name: moved
    attrs:
      client_secret: PLANTED-MOVED-SECRET
";
    let report = check_inputs(
        vec![Input::from_text("moved.yaml", text.to_string())],
        &Settings::default(),
    );
    let forward: Vec<_> = report
        .findings
        .iter()
        .filter(|f| f.rule.code == "FL401")
        .collect();
    assert_eq!(forward.len(), 1, "{:?}", report.findings);
    assert!(forward[0].fix.is_none(), "{:?}", forward[0].fix);
    // Without the secret the same entry is moved.
    let plain = text.replace("client_secret: PLANTED-MOVED-SECRET", "client_type: public");
    let report = check_inputs(
        vec![Input::from_text("moved.yaml", plain)],
        &Settings::default(),
    );
    let fix = report
        .findings
        .iter()
        .find(|f| f.rule.code == "FL401")
        .and_then(|f| f.fix.as_ref());
    assert!(fix.is_some());
}

/// A multi-line secret is masked character by character but keeps its line breaks:
/// the snippets and line numbers of later findings stay where they are.
#[test]
fn a_masked_multi_line_secret_keeps_the_lines_after_it() {
    let out = flowlint()
        .args([
            "check",
            "--no-config",
            "--color",
            "never",
            "tests/fixtures/FL6-secrets/multi-line-key.yaml",
        ])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(!text.contains("PLANTEDKEYLINE"), "{text}");
    assert!(text.contains("multi-line-key.yaml:21:20]"), "{text}");
    assert!(text.contains(" 21 │       designation: login"), "{text}");
}

/// What `!File` reads (with `--allow-file-tag`) is masked like any secret: the slug it
/// gives is reported (FL201) without being printed.
#[test]
fn file_tag_contents_are_never_printed() {
    for format in ["json", "human"] {
        let out = flowlint()
            .args([
                "check",
                "--no-config",
                "--allow-file-tag",
                "--color",
                "never",
                "--format",
                format,
                "tests/fixtures/FL6-secrets/file-tag/blueprint.yaml",
            ])
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(text.contains("FL201"), "{format}: {text}");
        assert!(!text.contains("PLANTED-FILE-SLUG"), "{format}: {text}");
    }
}

/// An ambiguous credential name (`key`) in the attributes of a model flowlint does not
/// know is masked: nothing says it is not the token it usually is.
#[test]
fn a_weak_credential_name_of_an_unknown_model_is_masked() {
    let text = "\
version: 1
metadata:
  name: weak name
entries:
  - model: authentik_custom.thing
    identifiers:
      name: weak
    attrs:
      key: PLANTEDWEAKKEY
";
    let report = check_inputs(
        vec![Input::from_text("weak.yaml", text.to_string())],
        &Settings::default(),
    );
    assert!(!report.files[0].text.contains("PLANTEDWEAKKEY"));
    // As an identifier it is a lookup key, not a credential.
    let lookup = text.replace("    attrs:\n      key:", "      key:");
    let report = check_inputs(
        vec![Input::from_text("weak.yaml", lookup)],
        &Settings::default(),
    );
    assert!(report.files[0].text.contains("PLANTEDWEAKKEY"));
}
