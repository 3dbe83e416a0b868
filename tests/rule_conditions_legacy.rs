//! Conditions of FL211 (values in an older release's format) and of the renamed-field
//! drift (FL207/FL213) that no positive fixture or near miss reaches, each pinned by the smallest blueprint where the condition
//! decides (written to kill mutants cargo-mutants found surviving; docs/mutants.md lists
//! which test kills which).

mod conditions;

use conditions::{blueprint, check_at, check_with, codes};
use flowlint::check::Settings;

/// FL211's findings on `entry` with `settings`: (help, fix title, fix replacement texts).
fn legacy(entry: &str, settings: &Settings) -> Vec<(String, Option<String>, Vec<String>)> {
    let report = check_with(&blueprint(entry), settings);
    report
        .findings
        .iter()
        .filter(|f| f.rule.code == "FL211")
        .map(|f| {
            (
                f.help.clone().unwrap_or_default(),
                f.fix.as_ref().map(|fix| fix.title.clone()),
                f.fix
                    .as_ref()
                    .map(|fix| fix.edits.iter().map(|e| e.content.to_string()).collect())
                    .unwrap_or_default(),
            )
        })
        .collect()
}

fn provider(attrs: &str) -> String {
    format!(
        "  - model: authentik_providers_oauth2.oauth2provider
    identifiers:
      name: legacy
    attrs:
{attrs}"
    )
}

/// A quoted number in a duration field is the legacy integer format too (FL211, not
/// FL206's "not a duration").
#[test]
fn fl211_a_quoted_number_is_a_bare_number() {
    let text = blueprint(&provider("      access_code_validity: \"30\"\n"));
    assert_eq!(codes(&text), ["FL211"]);
}

/// The duration fix writes the number as written; when YAML read something else
/// (`0x1e` is 30) there is no fix, and none for a tag's value.
#[test]
fn fl211_duration_fix_only_for_the_number_as_written() {
    let plain = legacy(
        &provider("      access_code_validity: 30\n"),
        &Settings::default(),
    );
    assert_eq!(plain[0].2, ["seconds=30"]);
    let hex = legacy(
        &provider("      access_code_validity: 0x1e\n"),
        &Settings::default(),
    );
    assert_eq!(hex.len(), 1);
    assert_eq!(hex[0].1, None);
    let settings = Settings {
        env: [("30".to_string(), "30".to_string())].into_iter().collect(),
        ..Settings::default()
    };
    let tagged = legacy(
        &provider("      access_code_validity: !Env 30\n"),
        &settings,
    );
    assert_eq!(tagged.len(), 1);
    assert_eq!(tagged[0].1, None);
}

/// The newline-separated `redirect_uris` string: the help's example is its first URI,
/// `*` becomes a `regex` item, and a value with a YAML tag (`!!str`) gets no fix.
#[test]
fn fl211_redirect_string_help_and_fix() {
    let found = legacy(
        &provider("      redirect_uris: |\n        https://a.example.com/cb\n        *\n"),
        &Settings::default(),
    );
    assert_eq!(found.len(), 1);
    assert!(
        found[0].0.contains("url: https://a.example.com/cb"),
        "{found:?}"
    );
    assert!(
        found[0].2[0].contains("- matching_mode: regex\n          url: \"*\""),
        "{found:?}"
    );
    let tagged = legacy(
        &provider("      redirect_uris: !!str \"https://a.example.com/cb\"\n"),
        &Settings::default(),
    );
    assert_eq!(tagged.len(), 1);
    assert_eq!(tagged[0].1, None);
    let blank = legacy(
        &provider("      redirect_uris: \"\"\n"),
        &Settings::default(),
    );
    assert_eq!(blank.len(), 1);
    // No URI to write: no fix (an empty replacement would leave the key null).
    assert_eq!(blank[0].1, None);
}

/// A field renamed in 2026.5 (`issuer` → `issuer_override`) given alone with a value is
/// FL213's (the setting is lost); given empty or null it sets nothing, and FL207 only
/// notes the unknown name.
#[test]
fn renamed_field_alone_empty_is_no_lost_setting() {
    let saml = |value: &str| {
        blueprint(&format!(
            "  - model: authentik_providers_saml.samlprovider
    identifiers:
      name: renamed
    attrs:
      issuer: {value}
"
        ))
    };
    assert_eq!(codes(&saml("https://id.example.com")), ["FL213"]);
    assert_eq!(codes(&saml("\"\"")), ["FL207"]);
    assert_eq!(codes(&saml("null")), ["FL207"]);
}

/// FL213's fix on `entry`: its title, and its edits applied to the blueprint text.
fn fixed_by_fl213(entry: &str) -> Option<(String, String)> {
    let text = blueprint(entry);
    let report = check_with(&text, &Settings::default());
    let fix = report
        .findings
        .iter()
        .find(|f| f.rule.code == "FL213")?
        .fix
        .clone()?;
    let mut out = text;
    for edit in fix.edits.iter().rev() {
        out.replace_range(
            edit.span.start as usize..edit.span.end as usize,
            &edit.content,
        );
    }
    Some((fix.title, out))
}

/// A group's single `parent` becomes `parents` as a one-item list, a tag's value too;
/// `backchannel_logout_uri` becomes `logout_uri` with `logout_method: backchannel` on a
/// line of its own at the key's indentation, unless the entry sets `logout_method`.
#[test]
fn fl213_fix_reshapes_as_the_release_did() {
    let group = |parent: &str| {
        format!(
            "  - model: authentik_core.group
    identifiers:
      name: child
    attrs:
      parent: {parent}
"
        )
    };
    let (title, plain) =
        fixed_by_fl213(&group("c2a5b2a4-6d5c-4f8e-9a3b-1234567890ab")).expect("a fix");
    assert_eq!(
        title,
        "Rename `parent` to `parents` and make its value a list"
    );
    assert!(
        plain.contains("parents: [c2a5b2a4-6d5c-4f8e-9a3b-1234567890ab]\n"),
        "{plain}"
    );
    let (_, tagged) =
        fixed_by_fl213(&group("!Find [authentik_core.group, [name, top]]")).expect("a fix");
    assert!(
        tagged.contains("parents: [!Find [authentik_core.group, [name, top]]]\n"),
        "{tagged}"
    );
    let provider = |extra: &str| {
        format!(
            "  - model: authentik_providers_oauth2.oauth2provider
    identifiers:
      name: logout
    attrs:
      client_type: confidential
      backchannel_logout_uri: https://app.example.com/logout
{extra}"
        )
    };
    let (_, added) = fixed_by_fl213(&provider("")).expect("a fix");
    assert!(
        added.contains(
            "      logout_method: backchannel\n      logout_uri: https://app.example.com/logout\n"
        ),
        "{added}"
    );
    let (_, kept) =
        fixed_by_fl213(&provider("      logout_method: frontchannel\n")).expect("a fix");
    assert!(!kept.contains("backchannel\n"), "{kept}");
    assert!(
        kept.contains("logout_uri: https://app.example.com/logout\n"),
        "{kept}"
    );
}

/// A model whose field list is known to be incomplete (2025.12's account lockdown
/// stage, which that release's artifacts predate) gets no "unknown attribute" finding.
#[test]
fn fl207_stays_quiet_on_a_model_with_an_incomplete_field_list() {
    let text = blueprint(
        "  - model: authentik_stages_account_lockdown.accountlockdownstage
    identifiers:
      name: lockdown
    attrs:
      delete_sessions: true
      notify_admins: true
",
    );
    let codes_at = |version: &str| -> Vec<&'static str> {
        check_at(&text, version)
            .findings
            .iter()
            .map(|f| f.rule.code)
            .collect()
    };
    let codes = codes_at("2025.12");
    assert!(!codes.contains(&"FL207"), "{codes:?}");
    // The same attribute on a model whose fields are all known is reported.
    let codes = codes_at("2026.8");
    assert!(codes.contains(&"FL207"), "{codes:?}");
}

/// Identifiers may use Django lookups (`Q(**identifiers)`): on `pk` or on a field of the
/// model they are no unknown attribute; on a name the model lacks they are.
#[test]
fn fl207_reads_identifier_lookups_as_the_importer_does() {
    let flow = |key: &str| {
        blueprint(&format!(
            "  - model: authentik_flows.flow
    identifiers:
      {key}: x
    attrs:
      name: lookups
      title: lookups
      designation: authentication
"
        ))
    };
    for key in ["pk__in", "slug__iexact"] {
        assert!(!codes(&flow(key)).contains(&"FL207"), "{key}");
    }
    assert!(codes(&flow("slgu__iexact")).contains(&"FL207"));
}

/// FL207's findings on `entry`: (help, fix title).
fn unknown(entry: &str) -> Vec<(String, Option<String>)> {
    let report = check_with(&blueprint(entry), &Settings::default());
    report
        .findings
        .iter()
        .filter(|f| f.rule.code == "FL207")
        .map(|f| {
            (
                f.help.clone().unwrap_or_default(),
                f.fix.as_ref().map(|fix| fix.title.clone()),
            )
        })
        .collect()
}

/// A misspelt list field is renamed only when the value is a list (a scalar there means
/// the author meant another shape); with no close name the help lists the model's
/// fields, shortened after 15.
#[test]
fn fl207_fix_and_field_list() {
    let stage = |value: &str| {
        format!(
            "  - model: authentik_stages_identification.identificationstage
    identifiers:
      name: shapes
    attrs:
      user_feilds: {value}
"
        )
    };
    assert_eq!(
        unknown(&stage("[username]"))[0].1.as_deref(),
        Some("Rename `user_feilds` to `user_fields`")
    );
    assert_eq!(unknown(&stage("username"))[0].1, None);
    let far = |model: &str| {
        unknown(&format!(
            "  - model: {model}
    identifiers:
      name: far
    attrs:
      zzzzzzzzzz: 1
"
        ))
    };
    let many = far("authentik_providers_oauth2.oauth2provider");
    assert!(many[0].0.ends_with(", …"), "{many:?}");
    let few = far("authentik_stages_deny.denystage");
    assert!(few[0].0.starts_with("remove it; fields of"), "{few:?}");
    assert!(!few[0].0.contains('…'), "{few:?}");
    // Exactly 15 fields: all listed, nothing left out.
    let fifteen = far("authentik_policies_password.passwordpolicy");
    assert_eq!(fifteen[0].0.matches(", ").count(), 14, "{fifteen:?}");
    assert!(!fifteen[0].0.contains('…'), "{fifteen:?}");
}
