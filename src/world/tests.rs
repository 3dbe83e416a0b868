//! World building: `!Find` resolution, conditions, `!KeyOf`, blueprint lookup.

use super::*;
use crate::check::{Input, Settings};

fn with_world(files: &[(&str, &str)], f: impl FnOnce(&World<'_, '_>)) {
    let settings = Settings::default();
    let inputs = files
        .iter()
        .map(|(path, text)| Input::from_text(*path, text.to_string()))
        .collect();
    crate::workspace::Workspace::new(settings, crate::workspace::Retention::KeepTrees)
        .loaded(inputs)
        .with_world(f);
}

const FLOW: &str = "version: 1
metadata: {name: Flows}
entries:
  - model: authentik_flows.flow
    identifiers: {slug: login}
    attrs: {name: Login, title: Login, designation: authentication}
  - model: authentik_flows.flow
    identifiers: {slug: !Format ['%s-x', dynamic]}
    attrs: {name: D, title: D, designation: authentication}
";

#[test]
fn find_resolves_to_the_declaring_entry_across_files() {
    let stage = "version: 1
entries:
  - model: authentik_stages_password.passwordstage
    identifiers: {name: pw}
    attrs:
      backends: [authentik.core.auth.InbuiltBackend]
      configure_flow: !Find [authentik_flows.flow, [slug, login]]
  - model: authentik_stages_password.passwordstage
    identifiers: {name: pw2}
    attrs:
      configure_flow: !Find [authentik_flows.flow, [slug, nope]]
";
    with_world(&[("a.yaml", FLOW), ("b.yaml", stage)], |world| {
        let pw = &world.entries[2];
        let value = pw.value("configure_flow").expect("field");
        assert_eq!(world.target_of(2, value), Some(0));
        let outcomes: Vec<FindOutcome> = world.find_sites.iter().map(|s| s.outcome).collect();
        assert_eq!(outcomes, vec![FindOutcome::Found(0), FindOutcome::NotFound]);
        assert_eq!(
            world.find_sites[1].describe(),
            "`authentik_flows.flow` with slug = `nope`"
        );
    });
}

#[test]
fn find_by_a_field_no_literal_find_queries_scans_the_model_entries() {
    // Only fields literal `!Find`s query first are hashed; a dynamic field name, or a
    // query from outside the world's sites, must still find the declaring entry.
    let stage = "version: 1
entries:
  - model: authentik_stages_password.passwordstage
    identifiers: {name: pw}
    attrs:
      configure_flow: !Find [authentik_flows.flow, [!Format ['%s', name], Login]]
";
    with_world(&[("a.yaml", FLOW), ("b.yaml", stage)], |world| {
        let value = world.entries[2].value("configure_flow").expect("field");
        assert_eq!(world.target_of(2, value), Some(0));
        let by_title = [(
            crate::eval::Value::Str("title".into()),
            crate::eval::Value::Str("D".into()),
        )];
        assert_eq!(
            world.find_outcome("authentik_flows.flow", &by_title),
            FindOutcome::Found(1)
        );
        let missing = [(
            crate::eval::Value::Str("title".into()),
            crate::eval::Value::Str("nope".into()),
        )];
        assert_eq!(
            world.find_outcome("authentik_flows.flow", &missing),
            FindOutcome::NotFound
        );
    });
}

#[test]
fn find_is_unknown_when_a_declared_value_is_not_known() {
    with_world(&[("a.yaml", FLOW)], |world| {
        let none: [(crate::eval::Value<'_>, crate::eval::Value<'_>); 0] = [];
        assert!(matches!(
            world.find_outcome("authentik_flows.flow", &none),
            FindOutcome::Found(_)
        ));
        let cond = [(
            crate::eval::Value::Str("slug".into()),
            crate::eval::Value::Str("other".into()),
        )];
        // One flow's slug is a tag flowlint evaluates (`dynamic-x`), so `other` is
        // definitely not declared.
        assert_eq!(
            world.find_outcome("authentik_flows.flow", &cond),
            FindOutcome::NotFound
        );
        let lookup = [(
            crate::eval::Value::Str("slug__startswith".into()),
            crate::eval::Value::Str("l".into()),
        )];
        assert_eq!(
            world.find_outcome("authentik_flows.flow", &lookup),
            FindOutcome::Unknown
        );
    });
}

#[test]
fn conditions_skip_entries_and_keyof_sees_it() {
    let text = "version: 1
entries:
  - model: authentik_stages_deny.denystage
    id: deny
    conditions: [false, true]
    identifiers: {name: deny}
  - model: authentik_stages_deny.denystage
    id: maybe
    conditions: [!Env SOMETHING]
    identifiers: {name: maybe}
  - model: authentik_flows.flowstagebinding
    identifiers: {target: !KeyOf flow, stage: !KeyOf deny, order: 1}
  - model: authentik_flows.flow
    id: flow
    identifiers: {slug: f}
";
    with_world(&[("a.yaml", text)], |world| {
        assert_eq!(world.entries[0].status, EntryStatus::Skipped);
        assert_eq!(world.entries[1].status, EntryStatus::MaybeSkipped);
        assert_eq!(world.entries[3].status, EntryStatus::Processed);
        let outcomes: Vec<(&str, KeyOfOutcome)> = world
            .keyof_sites
            .iter()
            .map(|s| (s.id, s.outcome))
            .collect();
        assert_eq!(
            outcomes,
            vec![
                ("flow", KeyOfOutcome::Forward(3)),
                ("deny", KeyOfOutcome::Skipped(0))
            ]
        );
        // Skipped entries declare nothing: no graph node.
        assert!(world.graph.node_of(0).is_none());
    });
}

#[test]
fn meta_apply_finds_blueprints_by_name_and_path() {
    let apply = "version: 1
metadata: {name: Applier}
entries:
  - model: authentik_blueprints.metaapplyblueprint
    attrs: {identifiers: {name: Flows}}
  - model: authentik_blueprints.metaapplyblueprint
    attrs: {identifiers: {path: default/flows.yaml}}
";
    with_world(
        &[("bp/default/flows.yaml", FLOW), ("bp/apply.yaml", apply)],
        |world| {
            let name = world.entries[2].value("identifiers").expect("identifiers");
            let path = world.entries[3].value("identifiers").expect("identifiers");
            assert_eq!(world.blueprint_named(name), Some(0));
            assert_eq!(world.blueprint_named(path), Some(0));
            assert_eq!(world.blueprint_label(1), "Applier");
        },
    );
}
