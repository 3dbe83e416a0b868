//! The FL2xx decisions that keep valid blueprints quiet: what DRF accepts, entries
//! that may be updates, Django lookups, version-dependent limits.

use flowlint::catalog::{Target, releases};
use flowlint::check::{self, Report, Settings};

fn check_with(text: &str, settings: &Settings) -> Report {
    check::check_text("values_rules.yaml", text, settings)
}

fn codes(text: &str) -> Vec<&'static str> {
    check_with(text, &Settings::default())
        .findings
        .iter()
        .map(|f| f.rule.code)
        .filter(|c| c.starts_with("FL2"))
        .collect()
}

fn entry(model: &str, identifiers: &str, attrs: &str) -> String {
    format!(
        "version: 1\nentries:\n  - model: {model}\n    identifiers:\n{}\n    attrs:\n{}\n",
        indent(identifiers),
        indent(attrs)
    )
}

fn indent(lines: &str) -> String {
    lines
        .lines()
        .map(|l| format!("      {l}"))
        .collect::<Vec<_>>()
        .join("\n")
}

const BINDING: &str = "authentik_flows.flowstagebinding";
const BINDING_IDS: &str = "target: !KeyOf flow\nstage: !KeyOf stage\norder: 10";

#[test]
fn drf_boolean_spellings_pass() {
    for ok in [
        "true",
        "0",
        "1",
        "\"yes\"",
        "\"off\"",
        "\"T\"",
        "\"FALSE\"",
        "1.0",
    ] {
        let text = entry(BINDING, BINDING_IDS, &format!("evaluate_on_plan: {ok}"));
        assert!(codes(&text).is_empty(), "{ok}: {:?}", codes(&text));
    }
    for bad in ["\"maybe\"", "2", "\"TRUE \"", "[true]"] {
        let text = entry(BINDING, BINDING_IDS, &format!("evaluate_on_plan: {bad}"));
        assert_eq!(codes(&text), ["FL204"], "{bad}");
    }
}

#[test]
fn drf_integer_strings_pass_and_are_range_checked() {
    for ok in ["\"10\"", "\" 10 \"", "\"1_000\"", "5.0", "\"-3.00\""] {
        let text = entry(
            BINDING,
            "target: !KeyOf flow\nstage: !KeyOf stage",
            &format!("order: {ok}"),
        );
        assert!(codes(&text).is_empty(), "{ok}: {:?}", codes(&text));
    }
    let text = entry(
        BINDING,
        "target: !KeyOf flow\nstage: !KeyOf stage",
        "order: \"3000000000\"",
    );
    assert_eq!(codes(&text), ["FL203"]);
    let text = entry(
        BINDING,
        "target: !KeyOf flow\nstage: !KeyOf stage",
        "order: 99999999999999999999999",
    );
    assert_eq!(codes(&text), ["FL203"]);
    let text = entry(
        BINDING,
        "target: !KeyOf flow\nstage: !KeyOf stage",
        "order: 1.5",
    );
    assert_eq!(codes(&text), ["FL204"]);
}

#[test]
fn updates_of_objects_defined_elsewhere_are_not_missing_fields() {
    // Identifiers only.
    let text = "version: 1\nentries:\n  - model: authentik_flows.flow\n    identifiers:\n      slug: default-authentication-flow\n";
    assert!(codes(text).is_empty(), "{:?}", codes(text));
    // A changed setting on an existing stage (no required attribute in attrs).
    let text = entry(
        "authentik_stages_password.passwordstage",
        "name: default-authentication-password",
        "failed_attempts_before_cancel: 5",
    );
    assert!(codes(&text).is_empty(), "{:?}", codes(&text));
    // A pk looked up with a tag.
    let text = entry(
        "authentik_flows.flow",
        "pk: !Find [authentik_flows.flow, [slug, x]]",
        "name: X",
    );
    assert!(codes(&text).is_empty(), "{:?}", codes(&text));
    // A new flow that gives some required attributes but not all.
    let text = entry(
        "authentik_flows.flow",
        "slug: new-flow",
        "name: New\ntitle: New",
    );
    assert_eq!(codes(&text), ["FL208"]);
    // Deleting needs nothing.
    let text = entry("authentik_flows.flow", "slug: new-flow", "name: New")
        .replace("    attrs:", "    state: absent\n    attrs:");
    assert!(codes(&text).is_empty(), "{:?}", codes(&text));
}

#[test]
fn identifier_lookups_are_fields() {
    let text = entry(
        "authentik_flows.flow",
        "slug__iexact: x\npk: 3\ndesignation__in: [authentication]",
        "name: X",
    );
    assert!(!codes(&text).contains(&"FL207"), "{:?}", codes(&text));
    let text = entry("authentik_flows.flow", "slug: x", "titel: X");
    assert!(codes(&text).contains(&"FL207"), "{:?}", codes(&text));
}

#[test]
fn the_slug_cap_depends_on_the_version() {
    let long = "a".repeat(51);
    let text = entry(
        "authentik_flows.flow",
        &format!("slug: {long}"),
        "name: X\ntitle: X\ndesignation: authentication",
    );
    for release in releases() {
        let settings = Settings {
            target: Target::select(Some(release.version())).expect("embedded"),
            ..Settings::default()
        };
        let report = check_with(&text, &settings);
        let capped = report.findings.iter().any(|f| f.rule.code == "FL201");
        assert_eq!(
            capped,
            release.caps.flow_slug_max_len.is_some(),
            "{:?}",
            release.version()
        );
    }
}

#[test]
fn durations_are_trimmed_like_charfield() {
    let model = "authentik_stages_user_login.userloginstage";
    let text = entry(model, "name: login", "session_duration: \" hours=1 \"");
    assert!(codes(&text).is_empty(), "{:?}", codes(&text));
    let text = entry(model, "name: login", "session_duration: hours=1;");
    assert_eq!(codes(&text), ["FL206"]);
    let text = entry(model, "name: login", "session_duration: 30");
    assert_eq!(codes(&text), ["FL211"]);
}

#[test]
fn uuids_parse_like_python() {
    for ok in [
        "c2a5b2a4-6d5c-4f8e-9a3b-1234567890ab",
        "C2A5B2A46D5C4F8E9A3B1234567890AB",
        "\"{c2a5b2a4-6d5c-4f8e-9a3b-1234567890ab}\"",
    ] {
        let text = entry(
            BINDING,
            &format!("target: {ok}\nstage: !KeyOf stage\norder: 10"),
            "re_evaluate_policies: true",
        );
        assert!(codes(&text).is_empty(), "{ok}: {:?}", codes(&text));
    }
    let text = entry(
        BINDING,
        "target: my-flow\nstage: !KeyOf stage\norder: 10",
        "re_evaluate_policies: true",
    );
    assert_eq!(codes(&text), ["FL205"]);
}

#[test]
fn an_empty_reference_is_null() {
    // DRF's relation fields read "" as null: an integer-keyed reference (`user`) takes
    // it like a UUID-keyed one; inside a list of references "" is still no pk.
    let model = "authentik_policies.policybinding";
    let ids = "target: !KeyOf flow\norder: 0";
    let text = entry(model, ids, "policy: !KeyOf policy\nuser: \"\"\ngroup: \"\"");
    assert!(!codes(&text).contains(&"FL204"), "{:?}", codes(&text));
    let text = entry("authentik_core.group", "name: staff", "users: [\"\"]");
    assert_eq!(codes(&text), ["FL204"]);
}
