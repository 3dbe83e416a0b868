//! Conditions of FL204 (a value of the wrong type) that no positive fixture or near
//! miss reaches, each pinned by the smallest blueprint where the condition decides
//! (written to kill mutants cargo-mutants found surviving; docs/mutants.md lists which
//! test kills which).

mod conditions;

use conditions::{blueprint, check_with, codes, flagged};
use flowlint::check::Settings;

/// FL204's findings on `entries`: (flagged text, help).
fn wrong_types(entries: &str) -> Vec<(String, String)> {
    let text = blueprint(entries);
    let report = check_with(&text, &Settings::default());
    report
        .findings
        .iter()
        .filter(|f| f.rule.code == "FL204")
        .map(|f| {
            (
                text[f.span.start as usize..f.span.end as usize].to_string(),
                f.help.clone().unwrap_or_default(),
            )
        })
        .collect()
}

/// A YAML boolean in a text field is reported with the quoting advice; in a choice
/// field it is FL202's alone (the choice rule names the YAML word).
#[test]
fn fl204_a_boolean_in_text_but_not_in_a_choice() {
    let found = wrong_types(
        "  - model: authentik_stages_deny.denystage
    identifiers:
      name: types
    attrs:
      deny_message: yes
",
    );
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].0, "yes");
    assert!(
        found[0].1.starts_with("quote the value: YAML 1.1"),
        "{found:?}"
    );
    let choice = blueprint(
        "  - model: authentik_flows.flow
    identifiers:
      slug: types
    attrs:
      name: types
      title: types
      designation: on
",
    );
    assert_eq!(codes(&choice), ["FL202"]);
}

/// A reference to a UUID-keyed object: a mapping with `pk` is replaced by that pk (the
/// importer), a mapping without one is no reference.
#[test]
fn fl204_a_mapping_in_a_reference_needs_its_pk() {
    let flow = |value: &str| {
        format!(
            "  - model: authentik_providers_oauth2.oauth2provider
    identifiers:
      name: refs
    attrs:
      authorization_flow: {value}
"
        )
    };
    assert_eq!(
        wrong_types(&flow("{pk: c2a5b2a4-6d5c-4f8e-9a3b-1234567890ab}")),
        []
    );
    assert_eq!(
        flagged("FL204", &blueprint(&flow("{slug: default}"))),
        ["{slug: default}"]
    );
}

/// A date-time field: a bare date (PyYAML builds a `date`) is refused, a full
/// timestamp is taken.
#[test]
fn fl204_a_date_where_a_date_time_belongs() {
    let token = |expires: &str| {
        format!(
            "  - model: authentik_core.token
    identifiers:
      identifier: dates
    attrs:
      expires: {expires}
"
        )
    };
    assert_eq!(wrong_types(&token("2030-01-01")).len(), 1);
    assert_eq!(wrong_types(&token("2030-01-01T00:00:00Z")), []);
}

/// A float in an integer field asks for a whole number.
#[test]
fn fl204_a_float_in_an_integer_field() {
    let found = wrong_types(
        "  - model: authentik_stages_prompt.prompt
    identifiers:
      name: types
    attrs:
      field_key: types
      label: types
      type: text
      order: 1.5
",
    );
    assert_eq!(
        found,
        [("1.5".to_string(), "use a whole number".to_string())]
    );
}

/// The advice follows what YAML built in place of the text: a date, a list.
#[test]
fn fl204_advice_for_dates_and_lists_in_text() {
    let deny = |value: &str| {
        wrong_types(&format!(
            "  - model: authentik_stages_deny.denystage
    identifiers:
      name: types
    attrs:
      deny_message: {value}
"
        ))
    };
    assert_eq!(
        deny("2030-01-01")[0].1,
        "quote the value: YAML reads an unquoted date as a date object"
    );
    assert_eq!(deny("[a, b]")[0].1, "give a single text value");
}

/// `!!binary` in a text field: DRF's `CharField` refuses bytes, and the advice says so.
#[test]
fn fl204_bytes_in_text() {
    let found = wrong_types(
        "  - model: authentik_stages_deny.denystage
    identifiers:
      name: types
    attrs:
      deny_message: !!binary aGk=
",
    );
    assert_eq!(found.len(), 1);
    assert!(
        found[0].1.starts_with("`!!binary` builds bytes"),
        "{found:?}"
    );
}
