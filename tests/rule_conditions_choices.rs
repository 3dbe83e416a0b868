//! Conditions of FL201 (slugs) and FL202 (choices) that no positive fixture or near
//! miss reaches, each pinned by the smallest blueprint where the condition decides
//! (written to kill mutants cargo-mutants found surviving; docs/mutants.md lists which
//! test kills which).

mod conditions;

use conditions::{blueprint, check_at, check_with, flagged, messages};
use flowlint::check::Settings;

fn flow_designation(value: &str, settings: &Settings) -> Vec<String> {
    let text = blueprint(&format!(
        "  - model: authentik_flows.flow
    identifiers:
      slug: booleans
    attrs:
      name: booleans
      title: booleans
      designation: {value}
"
    ));
    let report = check_with(&text, settings);
    report
        .findings
        .iter()
        .filter(|f| f.rule.code == "FL202")
        .map(|f| f.message.clone())
        .collect()
}

/// A boolean where a choice belongs: the message quotes the word the author wrote when
/// it is written there, and names YAML's boolean words when a tag produced the value.
#[test]
fn fl202_quotes_the_boolean_word_only_where_it_is_written() {
    let written = flow_designation("on", &Settings::default());
    assert_eq!(written.len(), 1);
    assert!(written[0].contains("unquoted `on`"), "{written:?}");
    let settings = Settings {
        context: vec![("flag".to_string(), "true".to_string())],
        ..Settings::default()
    };
    let computed = flow_designation("!Context flag", &settings);
    assert_eq!(computed.len(), 1);
    assert!(
        computed[0].contains("unquoted `yes/on/true`"),
        "{computed:?}"
    );
}

/// The fixes FL202 offers on an OAuth source whose `provider_type` is written as
/// `value`, judged at 2026.8 (which replaced `azuread` by `entraid`).
fn provider_type_fixes(value: &str) -> Vec<Option<String>> {
    let text = blueprint(&format!(
        "  - model: authentik_sources_oauth.oauthsource
    identifiers:
      slug: azure
    attrs:
      name: azure
      provider_type: {value}
      consumer_key: flowlint
"
    ));
    let report = check_at(&text, "2026.8");
    report
        .findings
        .iter()
        .filter(|f| f.rule.code == "FL202")
        .map(|f| f.fix.as_ref().map(|fix| fix.title.clone()))
        .collect()
}

/// A removed choice is replaced where it is written; inside a tag's arguments the
/// word may mean something else, so no fix is offered there.
#[test]
fn fl202_replaces_a_removed_choice_only_where_written() {
    assert_eq!(
        provider_type_fixes("azuread"),
        [Some("Replace `azuread` with `entraid`".to_string())]
    );
    assert_eq!(provider_type_fixes("!Format [\"%s\", azuread]"), [None]);
}

/// The labels of FL202's findings on `entry` judged at `version`.
fn choice_labels(entry: &str, version: &str) -> Vec<Option<String>> {
    let report = check_at(&blueprint(entry), version);
    report
        .findings
        .iter()
        .filter(|f| f.rule.code == "FL202")
        .map(|f| f.label.clone())
        .collect()
}

/// A choice an older release had and the target dropped is labelled "removed in"; one
/// only newer releases have is "not in" the target.
#[test]
fn fl202_tells_a_removed_choice_from_a_newer_one() {
    let removed = choice_labels(
        "  - model: authentik_policies_event_matcher.eventmatcherpolicy
    identifiers:
      name: consent
    attrs:
      model: authentik_stages_consent.userconsent
",
        "2026.8",
    );
    assert_eq!(removed.len(), 1);
    assert!(
        removed[0]
            .as_deref()
            .is_some_and(|l| l.starts_with("removed in authentik")),
        "{removed:?}"
    );
    // Removed, and close to a current choice: still "removed in", not "did you mean".
    let close = choice_labels(
        "  - model: authentik_policies_event_matcher.eventmatcherpolicy
    identifiers:
      name: rac
    attrs:
      app: authentik.enterprise.providers.rac
",
        "2026.8",
    );
    assert_eq!(close.len(), 1);
    assert!(
        close[0]
            .as_deref()
            .is_some_and(|l| l.starts_with("removed in authentik")),
        "{close:?}"
    );
    let newer = choice_labels(
        "  - model: authentik_providers_scim.scimprovider
    identifiers:
      name: gitlab
    attrs:
      url: https://gitlab.example.com/scim
      token: flowlint
      compatibility_mode: gitlab
",
        "2025.12",
    );
    assert_eq!(newer, [Some("not in authentik 2025.12".to_string())]);
}

/// Only a country list takes alpha-3 and numeric forms: elsewhere a three-letter word or
/// a number that is no choice is reported.
#[test]
fn fl202_takes_country_code_forms_only_for_countries() {
    let flagged_values: Vec<String> = ["abc", "\"276\""]
        .iter()
        .flat_map(|value| {
            flagged(
                "FL202",
                &blueprint(&format!(
                    "  - model: authentik_flows.flow
    identifiers:
      slug: forms
    attrs:
      name: forms
      title: forms
      designation: authentication
      policy_engine_mode: {value}
"
                )),
            )
        })
        .collect();
    assert_eq!(flagged_values, ["abc", "\"276\""]);
}

/// Every slug field is judged, not only a flow's, and the message names only the
/// characters a slug cannot hold (hyphens and underscores it can).
#[test]
fn fl201_judges_slugs_beyond_flows() {
    let text = blueprint(
        "  - model: authentik_core.application
    identifiers:
      slug: my app-x_y
    attrs:
      name: my app
",
    );
    assert_eq!(flagged("FL201", &text), ["my app-x_y"]);
    let said = messages("FL201", &text);
    assert!(said[0].contains("it contains a space;"), "{said:?}");
}

/// FL201's findings on an application slug written as `slug` at `version`: (message,
/// help).
fn slug_findings(model: &str, slug: &str, version: &str) -> Vec<(String, String)> {
    let text = blueprint(&format!(
        "  - model: {model}
    identifiers:
      slug: {slug}
    attrs:
      name: slugs
      title: slugs
      designation: authentication
"
    ));
    let report = check_at(&text, version);
    report
        .findings
        .iter()
        .filter(|f| f.rule.code == "FL201")
        .map(|f| (f.message.clone(), f.help.clone().unwrap_or_default()))
        .collect()
}

/// Each character a slug cannot hold is named the way it reads best: by name, by code
/// point (controls and other blanks), as "not ASCII", or quoted.
#[test]
fn fl201_names_each_bad_character_readably() {
    let found = slug_findings(
        "authentik_core.application",
        "\"a\\u00a0b\\u0007c\\u00e9.d\"",
        "2026.8",
    );
    assert_eq!(found.len(), 1);
    // Listed in code point order.
    assert!(
        found[0]
            .0
            .contains("it contains U+0007, `.`, U+00A0, `é` (not ASCII);"),
        "{found:?}"
    );
}

/// The help suggests a slugified example only for a written slug: a tag's value
/// rewritten would echo what the tag read.
#[test]
fn fl201_suggests_an_example_only_for_written_slugs() {
    // A run of other characters becomes one `-`; `-` and `_` stay.
    let written = slug_findings("authentik_core.application", "\"my  app-x_y\"", "2026.8");
    assert!(written[0].1.contains("e.g. `my-app-x_y`"), "{written:?}");
    let tagged = slug_findings(
        "authentik_core.application",
        "!Format [\"%s app\", my]",
        "2026.8",
    );
    assert_eq!(tagged.len(), 1);
    assert!(!tagged[0].1.contains("e.g."), "{tagged:?}");
}

/// Up to 2025.10 a flow slug holds at most 50 characters: 50 pass, 51 do not.
#[test]
fn fl201_flow_slug_cap_is_inclusive() {
    let at_cap = "a".repeat(50);
    assert_eq!(
        slug_findings("authentik_flows.flow", &at_cap, "2025.10"),
        []
    );
    let over = "a".repeat(51);
    assert_eq!(
        slug_findings("authentik_flows.flow", &over, "2025.10").len(),
        1
    );
}
