//! FL401's fix (move an entry above the first `!KeyOf` that names it): applied where
//! nothing else depends on the entry's place, refused otherwise.

use flowlint::check::{self, Input, Settings};
use flowlint::fix::{self, Applicability, FixPolicy};

const HEAD: &str = "version: 1\nmetadata:\n  name: moves\nentries:\n";

const FLOW: &str = "  - model: authentik_flows.flow\n    id: flow\n    identifiers:\n      slug: moves\n    attrs:\n      name: Moves\n      title: Moves\n      designation: authentication\n";

fn binding(stage_id: &str, order: u32) -> String {
    format!(
        "  - model: authentik_flows.flowstagebinding\n    identifiers:\n      target: !KeyOf flow\n      stage: !KeyOf {stage_id}\n      order: {order}\n"
    )
}

fn stage(id: &str, name: &str) -> String {
    format!(
        "  - model: authentik_stages_user_login.userloginstage\n    id: {id}\n    identifiers:\n      name: {name}\n"
    )
}

/// The FL401 findings of `text`, each with whether it carries a fix.
fn fl401(text: &str) -> Vec<bool> {
    let report = check::check_inputs(
        vec![Input::from_text("moves.yaml", text.to_string())],
        &Settings::default(),
    );
    report
        .findings
        .iter()
        .filter(|f| f.rule.code == "FL401")
        .map(|f| f.fix.is_some())
        .collect()
}

fn fixed(text: &str) -> String {
    let settings = Settings::default();
    let run = fix::fix_inputs(
        vec![Input::from_text("moves.yaml", text.to_string())],
        &FixPolicy::new(Applicability::Unsafe),
        |i| check::check_inputs(i, &settings),
    );
    run.files[0].fixed.clone()
}

#[test]
fn a_stage_below_its_binding_moves_above_it() {
    let text = format!(
        "{HEAD}{FLOW}{}  # the login stage\n{}",
        binding("login", 10),
        stage("login", "moves-login")
    );
    assert_eq!(fl401(&text), [true]);
    let out = fixed(&text);
    assert_eq!(
        out,
        format!(
            "{HEAD}{FLOW}  # the login stage\n{}{}",
            stage("login", "moves-login"),
            binding("login", 10)
        )
    );
    assert!(fl401(&out).is_empty());
    // Only --unsafe-fixes moves entries.
    let settings = Settings::default();
    let safe = fix::fix_inputs(
        vec![Input::from_text("moves.yaml", text.clone())],
        &FixPolicy::new(Applicability::Safe),
        |i| check::check_inputs(i, &settings),
    );
    assert_eq!(safe.files[0].fixed, text);
}

#[test]
fn refused_when_the_id_is_written_twice() {
    let text = format!(
        "{HEAD}{FLOW}{}{}{}",
        binding("login", 10),
        stage("login", "moves-login"),
        stage("login", "moves-login-2")
    );
    assert_eq!(fl401(&text), [false]);
}

#[test]
fn refused_when_an_entry_in_between_may_be_the_same_object() {
    let text = format!(
        "{HEAD}{FLOW}{}{}{}",
        binding("login", 10),
        stage("other", "moves-login"),
        stage("login", "moves-login")
    );
    assert_eq!(fl401(&text), [false]);
    // Another object of the same model is no obstacle.
    let text = format!(
        "{HEAD}{FLOW}{}{}{}",
        binding("login", 10),
        stage("other", "moves-other"),
        stage("login", "moves-login")
    );
    assert_eq!(fl401(&text), [true]);
    // One whose name comes from the server's environment may be it.
    let text = format!(
        "{HEAD}{FLOW}{}{}{}",
        binding("login", 10),
        stage("other", "!Env OTHER_STAGE_NAME"),
        stage("login", "moves-login")
    );
    assert_eq!(fl401(&text), [false]);
    // authentik looks an entry up by `pk` OR its other identifiers: the same pk is the
    // same object whatever the names.
    let login = "  - model: authentik_stages_user_login.userloginstage\n    id: ID\n    identifiers:\n      pk: 0a4b5c6d-1e2f-4a3b-8c9d-0e1f2a3b4c5d\n      name: NAME\n";
    let text = format!(
        "{HEAD}{FLOW}{}{}{}",
        binding("login", 10),
        login.replace("ID", "other").replace("NAME", "moves-other"),
        login.replace("ID", "login").replace("NAME", "moves-login"),
    );
    assert_eq!(fl401(&text), [false]);
    // Only the moved entry's identifiers decide what it finds: its attributes do not.
    let text = format!(
        "{HEAD}{FLOW}{}  - model: authentik_stages_user_login.userloginstage\n    id: other\n    identifiers:\n      name: moves-login\n      session_duration: hours=2\n{}    attrs:\n      session_duration: hours=1\n",
        binding("login", 10),
        stage("login", "moves-login"),
    );
    assert_eq!(fl401(&text), [false]);
}

#[test]
fn refused_when_its_own_keyof_would_then_come_first() {
    let text = format!(
        "{HEAD}{FLOW}{}{}  - model: authentik_stages_user_login.userloginstage\n    id: login\n    identifiers:\n      name: moves-login\n    attrs:\n      session_duration: !Format [\"seconds=%s\", !KeyOf in-between]\n",
        binding("login", 10),
        stage("in-between", "moves-in-between"),
    );
    assert_eq!(fl401(&text), [false]);
}

#[test]
fn refused_when_its_own_find_would_then_run_first() {
    // The identification stage finds the password stage written between the binding
    // and itself: moved above the binding, its `!Find` would run first and find nothing.
    let text = format!(
        "{HEAD}{FLOW}{}  - model: authentik_stages_password.passwordstage\n    id: password\n    identifiers:\n      name: moves-password\n    attrs:\n      backends: [authentik.core.auth.InbuiltBackend]\n  - model: authentik_stages_identification.identificationstage\n    id: ident\n    identifiers:\n      name: moves-ident\n    attrs:\n      user_fields: [username]\n      password_stage: !Find [authentik_stages_password.passwordstage, [name, moves-password]]\n",
        binding("ident", 10),
    );
    assert_eq!(fl401(&text), [false]);
    // Without that `!Find` the same move is made.
    let plain = text.replace(
        "      password_stage: !Find [authentik_stages_password.passwordstage, [name, moves-password]]\n",
        "",
    );
    assert_eq!(fl401(&plain), [true]);
}

#[test]
fn refused_when_an_entry_in_between_has_a_model_given_by_a_tag() {
    // `model: !Format [...]` may name the moved entry's model: it may be the same object.
    let text = format!(
        "{HEAD}{FLOW}{}  - model: !Format [\"authentik_stages_%s.userloginstage\", user_login]\n    identifiers:\n      name: moves-login\n{}",
        binding("login", 10),
        stage("login", "moves-login"),
    );
    assert_eq!(fl401(&text), [false]);
}

#[test]
fn refused_in_a_file_with_aliases() {
    let text = format!(
        "{HEAD}{FLOW}{}{}  - model: authentik_stages_user_login.userloginstage\n    id: more\n    identifiers:\n      name: &n moves-more\n    attrs:\n      name: *n\n",
        binding("login", 10),
        stage("login", "moves-login"),
    );
    assert_eq!(fl401(&text), [false]);
}

#[test]
fn refused_across_sections_of_an_entries_mapping() {
    let text = format!(
        "version: 1\nmetadata:\n  name: moves\nentries:\n  flows:\n{}  bindings:\n{}  stages:\n{}",
        FLOW.replace("\n  ", "\n    ").replacen("  -", "    -", 1),
        binding("login", 10)
            .replace("\n  ", "\n    ")
            .replacen("  -", "    -", 1),
        stage("login", "moves-login")
            .replace("\n  ", "\n    ")
            .replacen("  -", "    -", 1),
    );
    assert_eq!(fl401(&text), [false], "{text}");
}
