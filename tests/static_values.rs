//! Tagged attribute values are checked only when flowlint can evaluate them fully, and
//! findings then point at the tag.

use flowlint::check::{self, Report, Settings};

fn check(text: &str) -> Report {
    check::check_text("static_values.yaml", text, &Settings::default())
}

/// The findings of one code, as (code, covered text, message).
fn of<'r>(report: &'r Report, text: &'r str, code: &str) -> Vec<(&'r str, &'r str)> {
    report
        .findings
        .iter()
        .filter(|f| f.rule.code == code)
        .map(|f| {
            (
                &text[f.span.start as usize..f.span.end as usize],
                f.message.as_str(),
            )
        })
        .collect()
}

fn flow(designation: &str, extra: &str) -> String {
    format!(
        "version: 1\n\
         {extra}\
         entries:\n  \
           - model: authentik_flows.flow\n    \
             identifiers:\n      \
               slug: static-values\n    \
             attrs:\n      \
               name: Static values\n      \
               title: Static values\n      \
               designation: {designation}\n"
    )
}

#[test]
fn a_context_default_is_checked_and_reported_at_the_tag() {
    let text = flow("!Context [designation, login]", "");
    let report = check(&text);
    let found = of(&report, &text, "FL202");
    assert_eq!(found.len(), 1, "{:?}", report.findings);
    assert_eq!(found[0].0, "!Context [designation, login]");
    assert!(found[0].1.contains("`login`"), "{}", found[0].1);
    assert!(found[0].1.contains("tag"), "{}", found[0].1);
}

#[test]
fn a_context_from_the_file_is_used() {
    let text = flow(
        "!Context designation",
        "context:\n  designation: authentification\n",
    );
    let report = check(&text);
    let found = of(&report, &text, "FL202");
    assert_eq!(found.len(), 1, "{:?}", report.findings);
    assert_eq!(found[0].0, "!Context designation");
    assert!(found[0].1.contains("`authentification`"), "{}", found[0].1);
}

#[test]
fn a_context_without_default_or_value_is_not_reported() {
    let text = flow("!Context designation", "");
    let report = check(&text);
    for code in ["FL202", "FL204", "FL209"] {
        assert!(
            of(&report, &text, code).is_empty(),
            "{code}: {:?}",
            report.findings
        );
    }
}

#[test]
fn if_picks_the_branch() {
    let text = flow("authentication", "").replace(
        "name: Static values",
        "name: Static values\n      layout: !If [true, stacked, bogus]",
    );
    let report = check(&text);
    assert!(
        of(&report, &text, "FL202").is_empty(),
        "{:?}",
        report.findings
    );

    let text = flow("authentication", "").replace(
        "name: Static values",
        "name: Static values\n      layout: !If [false, stacked, bogus]",
    );
    let report = check(&text);
    let found = of(&report, &text, "FL202");
    assert_eq!(found.len(), 1, "{:?}", report.findings);
    assert_eq!(found[0].0, "!If [false, stacked, bogus]");
    assert!(found[0].1.contains("`bogus`"), "{}", found[0].1);
}

#[test]
fn format_of_literals_is_checked() {
    let text = flow("authentication", "").replace(
        "slug: static-values",
        "slug: !Format [\"%s %s\", static, values]",
    );
    let report = check(&text);
    let found = of(&report, &text, "FL201");
    assert_eq!(found.len(), 1, "{:?}", report.findings);
    assert!(found[0].0.starts_with("!Format"), "{}", found[0].0);
    assert!(found[0].1.contains("`static values`"), "{}", found[0].1);
}

#[test]
fn unknown_values_and_references_are_not_checked() {
    let text = "version: 1\n\
                entries:\n  \
                  - model: authentik_flows.flowstagebinding\n    \
                    identifiers:\n      \
                      target: !KeyOf flow\n      \
                      stage: !Find [authentik_stages_dummy.dummystage, [name, x]]\n      \
                      order: !Env ORDER\n";
    let report = check(text);
    for code in ["FL203", "FL204", "FL205"] {
        assert!(
            of(&report, text, code).is_empty(),
            "{code}: {:?}",
            report.findings
        );
    }
}

#[test]
fn secret_values_are_never_printed() {
    let text = "version: 1\n\
                entries:\n  \
                  - model: authentik_stages_captcha.captchastage\n    \
                    identifiers:\n      \
                      name: captcha\n    \
                    attrs:\n      \
                      public_key: public\n      \
                      private_key: [hunter2]\n";
    let report = check(text);
    let found = of(&report, text, "FL204");
    assert_eq!(found.len(), 1, "{:?}", report.findings);
    assert!(!found[0].1.contains("hunter2"), "{}", found[0].1);
}
