//! Conditions of the values rules (the shared walk in `src/rules/values/common.rs`,
//! FL203, FL206, FL208, FL210) that no positive fixture or near miss reaches, each
//! pinned by the smallest blueprint where the condition decides (written to kill
//! mutants cargo-mutants found surviving; docs/mutants.md lists which test kills which).

mod conditions;

use conditions::{blueprint, check_at, check_with, codes, flagged, messages};
use flowlint::check::Settings;

/// A value a tag computes completely is judged like a written one: `!Format` gives
/// `login`, no designation, and the finding points at the tagged node.
#[test]
fn a_fully_computed_tagged_value_is_judged() {
    let text = blueprint(
        "  - model: authentik_flows.flow
    identifiers:
      slug: computed
    attrs:
      name: computed
      title: computed
      designation: !Format [\"%s\", login]
",
    );
    assert_eq!(flagged("FL202", &text), ["!Format [\"%s\", login]"]);
}

/// The items of a list of objects with declared properties are walked down to each
/// property, and a finding points at the property's own value.
#[test]
fn declared_properties_of_list_items_are_judged_where_written() {
    let text = blueprint(
        "  - model: authentik_providers_oauth2.oauth2provider
    identifiers:
      name: nested
    attrs:
      authorization_flow: !Find [authentik_flows.flow, [slug, default-provider-authorization-implicit-consent]]
      invalidation_flow: !Find [authentik_flows.flow, [slug, default-provider-invalidation-flow]]
      grant_types: [authorization_code]
      redirect_uris:
        - matching_mode: strict
          url: https://app.example.com/callback
        - matching_mode: exact
          url: https://app.example.com/other
",
    );
    assert_eq!(flagged("FL202", &text), ["exact"]);
}

/// Attributes written as a tag are FL110's (authentik's entry type check rejects them);
/// FL208 does not add "missing field" findings for what it cannot see, whichever of
/// `attrs` and `identifiers` is the tag.
#[test]
fn fl208_leaves_tagged_attrs_to_fl110() {
    let text = blueprint(
        "  - model: authentik_flows.flow
    identifiers:
      slug: computed
    attrs: !Context computed_flow_attrs
",
    );
    assert_eq!(codes(&text), ["FL110"]);
}

fn stage_binding_order(order: &str) -> String {
    blueprint(&format!(
        "  - model: authentik_flows.flowstagebinding
    identifiers:
      target: !Find [authentik_flows.flow, [slug, default-authentication-flow]]
      stage: !Find [authentik_stages_deny.denystage, [name, default-authentication-deny]]
      order: {order}
"
    ))
}

/// Python's `int` has no size: a number beyond any machine integer still meets DRF's
/// `MinValueValidator`/`MaxValueValidator`, so it is below the minimum or above the
/// maximum like any other, not a mere "too large".
#[test]
fn fl203_a_huge_integer_is_judged_against_the_field_bounds() {
    let huge = "9".repeat(45);
    let below = messages("FL203", &stage_binding_order(&format!("-{huge}")));
    assert_eq!(below.len(), 1, "{below:?}");
    assert!(
        below[0].contains("below the minimum -2147483648"),
        "{below:?}"
    );
    let above = messages("FL203", &stage_binding_order(&huge));
    assert_eq!(above.len(), 1, "{above:?}");
    assert!(
        above[0].contains("above the maximum 2147483647"),
        "{above:?}"
    );
}

/// A field the schema does not bound is still a 64-bit column: 2^63 does not fit.
#[test]
fn fl203_beyond_64_bits_in_an_unbounded_field() {
    let text = |user: &str| {
        blueprint(&format!(
            "  - model: authentik_policies.policybinding
    identifiers:
      target: !Find [authentik_flows.flow, [slug, default-authentication-flow]]
      user: {user}
      order: 0
"
        ))
    };
    assert_eq!(
        messages("FL203", &text("9223372036854775807")),
        Vec::<String>::new()
    );
    let report = check_with(&text("9223372036854775808"), &Settings::default());
    let helps: Vec<_> = report
        .findings
        .iter()
        .filter(|f| f.rule.code == "FL203")
        .map(|f| f.help.as_deref())
        .collect();
    // No bound to quote: the help asks for a smaller number, not "a value of a 64-bit integer".
    assert_eq!(helps, [Some("use a smaller number")]);
}

/// The fixes FL206 offers for an `access_code_validity` written as `written`: (title,
/// safe).
fn duration_fixes(written: &str) -> Vec<Option<(String, bool)>> {
    let text = blueprint(&format!(
        "  - model: authentik_providers_oauth2.oauth2provider
    identifiers:
      name: durations
    attrs:
      access_code_validity: \"{written}\"
"
    ));
    let report = check_with(&text, &Settings::default());
    report
        .findings
        .iter()
        .filter(|f| f.rule.code == "FL206")
        .map(|f| {
            f.fix.as_ref().map(|fix| {
                let safe = fix.applicability == flowlint::fix::Applicability::Safe;
                (fix.title.clone(), safe)
            })
        })
        .collect()
}

/// Only a lone trailing `;` is removed safely; a rewrite whose text would not stay a
/// plain `unit=value` list (an unknown key with a space) is not offered at all.
#[test]
fn fl206_fixes_only_what_keeps_the_authors_pairs() {
    assert_eq!(
        duration_fixes("minutes=10;"),
        [Some(("Remove the trailing `;`".to_string(), true))]
    );
    assert_eq!(
        duration_fixes("minutes=10,seconds=5"),
        [Some((
            "Rewrite the duration as `minutes=10;seconds=5`".to_string(),
            false
        ))]
    );
    assert_eq!(duration_fixes("minutes=10,x y=2"), [None]);
}

/// An address Django's `EmailValidator` accepts but longer than the field's 254
/// characters is FL209's (`max_length`), not also FL210's.
#[test]
fn fl210_leaves_a_long_valid_address_to_fl209() {
    let domain = ["b", "c", "d", "e"].map(|c| c.repeat(63)).join(".");
    let address = format!("{}@{domain}", "a".repeat(60));
    assert!((255..=320).contains(&address.len()));
    let text = blueprint(&format!(
        "  - model: authentik_core.user
    identifiers:
      username: long-address
    attrs:
      name: long address
      email: {address}
"
    ));
    assert_eq!(codes(&text), ["FL209"]);
}

/// A list with a maximum number of items (GeoIP `countries`, at most 249) is judged by
/// its length: 249 pass, 250 do not.
#[test]
fn fl209_counts_the_items_of_a_bounded_list() {
    let countries = |n: usize| {
        blueprint(&format!(
            "  - model: authentik_policies_geoip.geoippolicy
    identifiers:
      name: countries
    attrs:
      countries: [{}]
",
            vec!["DE"; n].join(", ")
        ))
    };
    assert_eq!(messages("FL209", &countries(249)), Vec::<String>::new());
    assert_eq!(messages("FL209", &countries(250)).len(), 1);
}

/// FL209's messages on an entry judged at `version`.
fn length_messages(entry: &str, version: &str) -> Vec<String> {
    let report = check_at(&blueprint(entry), version);
    report
        .findings
        .iter()
        .filter(|f| f.rule.code == "FL209")
        .map(|f| f.message.clone())
        .collect()
}

/// `max_length` is inclusive (a 150-character username passes, 151 do not), and a cap a
/// later release lifted names the first release that accepts the value: an OAuth
/// source's `authorization_url` keeps its 255 cap until 2026.8.
#[test]
fn fl209_caps_are_inclusive_and_name_the_release_that_lifts_them() {
    let user = |name: &str| {
        format!(
            "  - model: authentik_core.user
    identifiers:
      username: {name}
    attrs:
      name: long
"
        )
    };
    assert_eq!(
        length_messages(&user(&"u".repeat(150)), "2026.8"),
        Vec::<String>::new()
    );
    assert_eq!(length_messages(&user(&"u".repeat(151)), "2026.8").len(), 1);
    let url = format!("https://id.example.com/{}", "a".repeat(280));
    let source = format!(
        "  - model: authentik_sources_oauth.oauthsource
    identifiers:
      slug: long-url
    attrs:
      name: long url
      provider_type: openidconnect
      consumer_key: flowlint
      authorization_url: {url}
"
    );
    let said = length_messages(&source, "2025.12");
    assert_eq!(said.len(), 1);
    assert!(
        said[0].contains("in authentik 2025.12; authentik 2026.8 and later accept it"),
        "{said:?}"
    );
}

/// An identifier `pk` that is neither a UUID nor an integer matches no object (Django
/// refuses it before the query runs); an attribute of that name is no identifier.
#[test]
fn fl205_judges_the_identifier_pk() {
    let text = blueprint(
        "  - model: authentik_flows.flow
    identifiers:
      pk: not-a-uuid
      slug: pk
    attrs:
      name: pk
      title: pk
      designation: authentication
",
    );
    let said = messages("FL205", &text);
    assert_eq!(said.len(), 1);
    assert!(
        said[0].starts_with("the identifier `pk` is `not-a-uuid`"),
        "{said:?}"
    );
}

/// `uuid.UUID(hex=...)` wants exactly 32 hex digits: `abc123` is hex but no UUID. Items
/// of a list of UUIDs (a group's `parents`) are judged one by one.
#[test]
fn fl205_wants_32_hex_digits_in_every_uuid_field() {
    let text = blueprint(
        "  - model: authentik_core.group
    identifiers:
      name: uuids
    attrs:
      parents: [c2a5b2a4-6d5c-4f8e-9a3b-1234567890ab, abc123]
",
    );
    assert_eq!(flagged("FL205", &text), ["abc123"]);
}

/// A validation stage that configures missing devices needs configuration stages: a
/// null list is as missing as none (authentik's serializer tests `not attrs.get(...)`).
#[test]
fn fl223_a_null_requirement_is_missing() {
    let text = blueprint(
        "  - model: authentik_stages_authenticator_validate.authenticatorvalidatestage
    identifiers:
      name: configure
    attrs:
      not_configured_action: configure
      configuration_stages: null
",
    );
    assert_eq!(flagged("FL223", &text), ["configure"]);
}

/// Nulls FL204 leaves alone because the release data cannot tell whether the field
/// takes one (lists, dates and other formatted text, references), while a plain text
/// field's null is "This field may not be null.".
#[test]
fn fl204_judges_null_only_in_plain_fields() {
    let text = blueprint(
        "  - model: authentik_events.event
    identifiers:
      action: custom_
    attrs:
      expires: null
  - model: authentik_stages_identification.identificationstage
    identifiers:
      name: nulls
    attrs:
      user_fields: null
  - model: authentik_core.token
    identifiers:
      identifier: nulls
    attrs:
      user: null
  - model: authentik_stages_deny.denystage
    identifiers:
      name: nulls
    attrs:
      deny_message: null
",
    );
    assert_eq!(flagged("FL204", &text), ["null"]);
    assert_eq!(messages("FL204", &text).len(), 1);
    assert!(messages("FL204", &text)[0].starts_with("`deny_message`"));
}

/// `!!binary` gives `bytes`: an integer primary key reads it (`int(b"12")`), an integer
/// attribute does not (DRF parses `str(b"10")`, `b'10'`).
#[test]
fn fl204_bytes_only_where_python_reads_them() {
    let text = blueprint(
        "  - model: authentik_core.token
    identifiers:
      identifier: bytes
    attrs:
      user: !!binary MTI=
  - model: authentik_flows.flowstagebinding
    identifiers:
      target: !Find [authentik_flows.flow, [slug, default-authentication-flow]]
      stage: !Find [authentik_stages_deny.denystage, [name, bytes]]
      order: !!binary MTA=
",
    );
    assert_eq!(flagged("FL204", &text), ["!!binary MTA="]);
}

/// A primary key (`!KeyOf`) where a choice belongs is reported as "not one of the
/// field's choices", not as "not a string".
#[test]
fn fl204_names_a_choice_field_as_such() {
    let text = blueprint(
        "  - model: authentik_stages_deny.denystage
    id: deny
    identifiers:
      name: choices
  - model: authentik_flows.flow
    identifiers:
      slug: choices
    attrs:
      name: choices
      title: choices
      designation: !KeyOf deny
",
    );
    let said = messages("FL204", &text);
    assert_eq!(said.len(), 1, "{said:?}");
    assert!(
        said[0].contains("is not one of the field's choices"),
        "{said:?}"
    );
}
