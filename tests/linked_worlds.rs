//! Above a few MB, `check` frees each tree once its file is checked and builds a shared world again
//! only for the files that relate to each other: its findings must equal those of one
//! world keeping every tree (`check_one_world`), on every corpus at hand and on
//! crafted runs where each relation between files changes a finding.

mod common;

use std::path::PathBuf;

use flowlint::check::{self, Input, Settings};

fn texts(files: &[(&str, &str)]) -> Vec<Input> {
    files
        .iter()
        .map(|(path, text)| Input::from_text(*path, text.to_string()))
        .collect()
}

/// The JSON report of both ways, which must be identical (`check_inputs` takes the
/// linked way above [`check::ONE_WORLD_MAX_BYTES`] only: these runs are smaller).
fn assert_same(make: impl Fn() -> Vec<Input>, settings: &Settings, what: &str) -> String {
    let linked = flowlint::output::json::render(&check::check_inputs_linked(make(), settings));
    let one = flowlint::output::json::render(&check::check_one_world(make(), settings));
    assert!(
        linked == one,
        "{what}: linked worlds differ from one world\nlinked: {linked}\none world: {one}"
    );
    linked
}

#[test]
fn every_corpus_gives_the_findings_of_one_world() {
    let root = common::root();
    let settings = Settings::default();
    let mut runs: Vec<Vec<PathBuf>> = vec![
        vec![root.join("tests/fixtures")],
        vec![root.join("blueprints")],
        vec![root.join("tests/robustness_hostile")],
        vec![root.join("fuzz/corpus/check_text")],
    ];
    if let Some(corpus) = common::shared_corpus() {
        runs.push(vec![corpus.clone()]);
        for dir in ["authentik", "authentik-next", "authentik-tests"] {
            runs.push(vec![corpus.join(dir)]);
        }
        // authentik's blueprints with the examples: relations across both.
        runs.push(vec![corpus.join("authentik"), root.join("blueprints")]);
    }
    for dirs in runs.into_iter().filter(|d| d.iter().all(|p| p.is_dir())) {
        assert_same(
            || common::inputs_of(&dirs, &settings),
            &settings,
            &format!("{dirs:?}"),
        );
    }
}

const FLOW_A: &str = "version: 1
metadata: {name: flow a}
entries:
- model: authentik_flows.flow
  id: flow
  identifiers: {slug: shared-flow}
  attrs: {name: A, title: A, designation: authentication}
";

const BINDS_A: &str = "version: 1
metadata: {name: binds a}
entries:
- model: authentik_stages_user_login.userloginstage
  id: login
  identifiers: {name: login-b}
- model: authentik_flows.flowstagebinding
  identifiers:
    target: !Find [authentik_flows.flow, [slug, shared-flow]]
    stage: !KeyOf login
    order: 10
";

/// Each run's findings differ when its files are checked apart (`--per-file`), so
/// the run exercises a relation; the linked check must still give one world's.
fn assert_related(files: &[(&str, &str)], what: &str) {
    let settings = Settings::default();
    let together = assert_same(|| texts(files), &settings, what);
    let apart = flowlint::output::json::render(&check::check_each(texts(files), &settings));
    assert_ne!(together, apart, "{what}: the files do not relate");
}

#[test]
fn a_find_of_another_files_object_joins_the_files() {
    assert_related(&[("a.yaml", FLOW_A), ("b.yaml", BINDS_A)], "find");
    // With unrelated files around them, in either order.
    let other = "version: 1\nmetadata: {name: other}\nentries:\n- model: authentik_core.group\n  identifiers: {name: g}\n";
    assert_related(
        &[("b.yaml", BINDS_A), ("c.yaml", other), ("a.yaml", FLOW_A)],
        "find, three files",
    );
}

#[test]
fn a_find_joins_the_files_that_set_its_field_to_an_unknown_value() {
    let finds = "version: 1
metadata: {name: finder}
entries:
- model: authentik_stages_password.passwordstage
  identifiers: {name: password}
  attrs:
    backends: [authentik.core.auth.InbuiltBackend]
    configure_flow: !Find [authentik_flows.flow, [slug, default-password-chang]]
";
    // Whether b's flow is the one searched for is up to the server's environment.
    let unknown = |field: &str| {
        format!(
            "version: 1\nmetadata: {{name: b}}\nentries:\n- model: authentik_flows.flow\n  identifiers: {field}\n  attrs: {{name: B, title: B, designation: authentication}}\n"
        )
    };
    assert_related(
        &[
            ("a.yaml", finds),
            ("b.yaml", &unknown("{slug: !Env FLOW_SLUG}")),
        ],
        "unknown field",
    );
    assert_related(
        &[
            ("a.yaml", finds),
            ("b.yaml", &unknown("!Env FLOW_IDENTIFIERS")),
        ],
        "opaque identifiers",
    );
}

#[test]
fn the_same_object_in_two_files_is_one_node() {
    // b binds a stage to the flow a declares, naming the flow by its own entry.
    let b = "version: 1
metadata: {name: b}
entries:
- model: authentik_flows.flow
  id: flow
  identifiers: {slug: shared-flow}
- model: authentik_stages_user_login.userloginstage
  id: login
  identifiers: {name: login-b}
- model: authentik_flows.flowstagebinding
  identifiers: {target: !KeyOf flow, stage: !KeyOf login, order: 10}
";
    assert_related(&[("a.yaml", FLOW_A), ("b.yaml", b)], "same object");
}

#[test]
fn names_unique_across_files_join_them() {
    let stage = |model: &str| {
        format!(
            "version: 1\nmetadata: {{name: {model}}}\nentries:\n- model: {model}\n  identifiers: {{name: same-name}}\n"
        )
    };
    let (a, b) = (
        stage("authentik_stages_user_login.userloginstage"),
        stage("authentik_stages_deny.denystage"),
    );
    assert_related(&[("a.yaml", &a), ("b.yaml", &b)], "stage names");
    let named =
        |entries: &str| format!("version: 1\nmetadata: {{name: twin}}\nentries: {entries}\n");
    assert_related(
        &[("a.yaml", &named("[]")), ("b.yaml", &named("[]"))],
        "blueprint names",
    );
}

#[test]
fn an_applied_blueprint_joins_the_files_and_a_missing_one_sees_every_name() {
    let applies = |by: &str| {
        format!(
            "version: 1\nmetadata: {{name: applier}}\nentries:\n- model: authentik_blueprints.metaapplyblueprint\n  attrs:\n    identifiers: {{{by}}}\n"
        )
    };
    assert_related(
        &[("x/a.yaml", FLOW_A), ("b.yaml", &applies("name: flow a"))],
        "by name",
    );
    assert_related(
        &[("x/a.yaml", FLOW_A), ("b.yaml", &applies("path: x/a.yaml"))],
        "by path",
    );
    // Missing: "did you mean" lists the run's blueprints, also those it is not tied to.
    assert_related(
        &[("x/a.yaml", FLOW_A), ("b.yaml", &applies("name: flow b"))],
        "missing",
    );
}

#[test]
fn a_find_whose_result_feeds_another_tag_joins_every_file() {
    // a's flow is `shared-flow` only when b's flow exists; then it is c's flow, which
    // a binds a stage to. Alone, c's flow has no binding.
    let a = "version: 1
metadata: {name: a}
entries:
- model: authentik_flows.flow
  id: flow
  identifiers:
    slug: !If [!Find [authentik_flows.flow, [slug, from-b]], shared-flow, lonely]
  attrs: {name: A, title: A, designation: authentication}
- model: authentik_stages_user_login.userloginstage
  id: login
  identifiers: {name: login-a}
- model: authentik_flows.flowstagebinding
  identifiers: {target: !KeyOf flow, stage: !KeyOf login, order: 10}
";
    let b = "version: 1\nmetadata: {name: b}\nentries:\n- model: authentik_flows.flow\n  identifiers: {slug: from-b}\n  attrs: {name: B, title: B, designation: authentication}\n";
    let c = FLOW_A.replace("flow a", "flow c");
    assert_related(
        &[("a.yaml", a), ("b.yaml", b), ("c.yaml", &c)],
        "find in a tag",
    );
}

#[test]
fn a_missed_find_of_an_other_model_is_judged_by_the_whole_run() {
    let finds = "version: 1
metadata: {name: finder}
entries:
- model: authentik_core.group
  identifiers: {name: child}
  attrs:
    parent: !Find [authentik_core.group, [name, nowhere]]
";
    let declares = "version: 1\nmetadata: {name: groups}\nentries:\n- model: authentik_core.group\n  identifiers: {name: elsewhere}\n";
    // Every model is judged against the world and the install baseline, whatever
    // the run declares: a token lookup gives the same finding with or without a file
    // declaring another token.
    let finds_token = finds.replace(
        "authentik_core.group, [name",
        "authentik_core.token, [identifier",
    );
    let declares_token = "version: 1\nmetadata: {name: tokens}\nentries:\n- model: authentik_core.token\n  identifiers: {identifier: t}\n  attrs: {user: 1}\n";
    let settings = Settings::default();
    assert_same(
        || texts(&[("a.yaml", finds), ("b.yaml", declares)]),
        &settings,
        "groups",
    );
    assert_same(
        || texts(&[("a.yaml", &finds_token), ("b.yaml", declares_token)]),
        &settings,
        "token",
    );
}
