//! Every hand row of the overlay claims releases ([`Span`]); each claim is checked
//! against the release data: the row's model and field exist in every release it
//! claims, and (unless it starts at the oldest embedded release) not in the release
//! before its first, so a row's first release is the one that added what it names.

use crate::catalog::overlay::{
    ALL, Span, behaviour, choices, defaults, fields, policies, required, stages,
};
use crate::catalog::*;

/// The claims that fail for one row: `has(release)` says whether the release's data
/// has what the row names.
fn check(what: &str, span: Span, has: impl Fn(&Release) -> bool, wrong: &mut Vec<String>) {
    let all: Vec<&Release> = releases().collect();
    if !all.iter().any(|release| release.version() == span.first) {
        wrong.push(format!(
            "{what}: first release {} is not embedded",
            span.first
        ));
    }
    if let Some(last) = span.last
        && !all.iter().any(|release| release.version() == last)
    {
        wrong.push(format!("{what}: last release {last} is not embedded"));
    }
    for (i, release) in all.iter().enumerate() {
        let version = release.version();
        if span.holds_in(version) && !has(release) {
            wrong.push(format!("{what}: claims {version}, whose data lacks it"));
        }
        let before_first = all
            .get(i + 1)
            .is_some_and(|next| next.version() == span.first);
        if before_first && has(release) {
            wrong.push(format!(
                "{what}: starts at {} but {version} already has it",
                span.first
            ));
        }
    }
}

fn has_field(release: &Release, model: &str, field: &str) -> bool {
    release
        .model(model)
        .is_some_and(|m| m.field(field).is_some())
}

/// Some model of the release has a field called `name` (name-keyed rows).
fn has_field_named(release: &Release, name: &str) -> bool {
    release.models().any(|m| m.field(name).is_some())
}

#[test]
fn all_is_the_oldest_embedded_release() {
    assert_eq!(Some(ALL.first), embedded_versions().next());
    assert_eq!(ALL.last, None);
}

#[test]
fn every_model_field_row_holds_where_it_claims() {
    let mut wrong = Vec::new();
    for (model, field, _, span) in defaults::DEFAULTS {
        let what = format!("default {model}.{field}");
        check(&what, *span, |r| has_field(r, model, field), &mut wrong);
    }
    for (model, field, span) in fields::EXTRA_DURATION_FIELDS {
        let what = format!("duration {model}.{field}");
        check(&what, *span, |r| has_field(r, model, field), &mut wrong);
    }
    for (model, field, _, span) in fields::MODEL_REFERENCES {
        let what = format!("reference {model}.{field}");
        check(&what, *span, |r| has_field(r, model, field), &mut wrong);
    }
    for (model, names, span) in required::REQUIRED_ON_CREATE {
        for field in *names {
            let what = format!("required {model}.{field}");
            check(&what, *span, |r| has_field(r, model, field), &mut wrong);
        }
    }
    assert!(wrong.is_empty(), "{wrong:#?}");
}

#[test]
fn every_name_row_holds_where_it_claims() {
    let mut wrong = Vec::new();
    for (name, span) in fields::SECRET_FIELD_NAMES {
        let what = format!("secret `{name}`");
        check(&what, *span, |r| has_field_named(r, name), &mut wrong);
    }
    for (name, _, span) in fields::NAMED_REFERENCES {
        let what = format!("reference `{name}`");
        check(&what, *span, |r| has_field_named(r, name), &mut wrong);
    }
    for (name, _, span) in defaults::STAGE_DEFAULTS
        .iter()
        .chain(defaults::POLICY_DEFAULTS)
    {
        let what = format!("inherited default `{name}`");
        check(&what, *span, |r| has_field_named(r, name), &mut wrong);
    }
    assert!(wrong.is_empty(), "{wrong:#?}");
}

/// An extra choice row holds until the release data lists the values itself: the
/// release after its last accepts every value without the row.
#[test]
fn every_choice_row_holds_where_it_claims_and_ends_where_the_data_takes_over() {
    let mut wrong = Vec::new();
    for (model, field, values, span) in choices::EXTRA_CHOICES {
        let what = format!("choices {model}.{field}");
        check(&what, *span, |r| has_field(r, model, field), &mut wrong);
        let Some(last) = span.last else { continue };
        let after = releases().find(|release| release.version() > last);
        let field_after = after.and_then(|r| r.model(model)?.field(field));
        let accepts = |value: &str| {
            field_after.is_some_and(|f| {
                f.allows_value(value) && f.items.as_deref().is_none_or(|i| i.allows_value(value))
            })
        };
        for value in *values {
            if !accepts(value) {
                wrong.push(format!(
                    "{what}: ends at {last}, but the next release's data lacks `{value}`"
                ));
            }
        }
    }
    assert!(wrong.is_empty(), "{wrong:#?}");
}

#[test]
fn every_behaviour_row_names_a_model_of_each_release_it_claims() {
    let mut wrong = Vec::new();
    for (model, _, span) in behaviour::BEHAVIOURS {
        let what = format!("behaviour {model}");
        check(&what, *span, |r| r.model(model).is_some(), &mut wrong);
    }
    for (model, _, span) in behaviour::BASE_QUERIES {
        let what = format!("base model {model}");
        // A base model is queried, never created: the data marks it so.
        let is_base = |r: &Release| r.model(model).is_some_and(|m| !m.entry);
        check(&what, *span, is_base, &mut wrong);
    }
    assert!(wrong.is_empty(), "{wrong:#?}");
}

#[test]
fn every_stage_row_names_a_model_of_each_release_it_claims() {
    let mut wrong = Vec::new();
    for entry in stages::STAGES.iter().chain(policies::POLICIES) {
        let what = format!("described {}", entry.id);
        check(
            &what,
            entry.releases,
            |r| r.model(entry.id).is_some(),
            &mut wrong,
        );
    }
    for (model, _, _, span) in stages::OTHER_VERBOSE_NAMES {
        let what = format!("verbose names {model}");
        check(&what, *span, |r| r.model(model).is_some(), &mut wrong);
    }
    for (model, _, span) in stages::STAGE_EFFECTS {
        let what = format!("effect {model}");
        check(&what, *span, |r| r.model(model).is_some(), &mut wrong);
    }
    assert!(wrong.is_empty(), "{wrong:#?}");
}

/// A model with two stage rows (the account lockdown stage: 2025.12 by supplement,
/// then from 2026.5) is described by one row per release, and every release that has
/// a stage or policy model the spec describes has its row.
#[test]
fn stage_rows_of_one_model_do_not_overlap() {
    for release in releases() {
        for entry in stages::STAGES.iter().chain(policies::POLICIES) {
            let rows = stages::STAGES
                .iter()
                .chain(policies::POLICIES)
                .filter(|other| other.id == entry.id && other.releases.holds_in(release.version()))
                .count();
            let expected = usize::from(release.model(entry.id).is_some());
            assert_eq!(rows, expected, "{} in {}", entry.id, release.version());
        }
    }
}

/// The checks above fail on a row that claims too much or starts too late.
#[test]
fn a_wrong_row_is_caught() {
    let mut wrong = Vec::new();
    let lockdown = "authentik_stages_account_lockdown.accountlockdownstage";
    // Too early: 2024.12 has no account lockdown stage.
    check(
        "too early",
        ALL,
        |r| has_field(r, lockdown, "deactivate_user"),
        &mut wrong,
    );
    // Too late: the flow's `slug` is in every release.
    let late = Span::since(AuthentikVersion::new(2025, 8));
    check(
        "too late",
        late,
        |r| has_field(r, "authentik_flows.flow", "slug"),
        &mut wrong,
    );
    assert!(
        wrong
            .iter()
            .any(|w| w.starts_with("too early: claims 2024.12"))
    );
    assert!(
        wrong
            .iter()
            .any(|w| w.starts_with("too late: starts at 2025.8"))
    );
}
