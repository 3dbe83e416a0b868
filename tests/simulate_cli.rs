//! `flowlint simulate` on the command line: exit codes, errors, formats.

mod common;

use assert_cmd::Command;

fn simulate(args: &[&str]) -> (u8, String, String) {
    let mut all = vec!["simulate"];
    all.extend_from_slice(args);
    run_in(&common::root(), &all)
}

const AUTH: &str = "tests/scenarios/authentication";

#[test]
fn completed_is_0_and_denied_is_3() {
    assert_eq!(simulate(&[AUTH, "--flow", "sim-auth-none"]).0, 0);
    let (code, stdout, _) = simulate(&[AUTH, "--flow", "sim-auth-authenticated"]);
    assert_eq!(code, 3);
    assert!(stdout.contains("outcome: denied"), "{stdout}");
}

#[test]
fn unknown_slug_is_2_with_did_you_mean() {
    let (code, _, stderr) = simulate(&[AUTH, "--flow", "sim-auth-none2"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("did you mean `sim-auth-none`?"), "{stderr}");
}

#[test]
fn unknown_scenario_key_is_2_with_location() {
    let (code, _, stderr) = simulate(&[AUTH, "--scenario", "tests/scenarios/cli/typo.yaml"]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("tests/scenarios/cli/typo.yaml:2:1"),
        "{stderr}"
    );
    assert!(
        stderr.contains("unknown key `usr`") && stderr.contains("did you mean `user`?"),
        "{stderr}"
    );
}

#[test]
fn a_response_for_no_stage_is_2_with_did_you_mean() {
    let (code, _, stderr) = simulate(&[AUTH, "--scenario", "tests/scenarios/cli/misnamed.yaml"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("`responses` names `sim-auth-dumy`")
            && stderr.contains("did you mean `sim-auth-dummy`?"),
        "{stderr}"
    );
}

#[test]
fn failed_expectation_is_4() {
    let (code, _, stderr) = simulate(&["--scenario", "tests/scenarios/cli/expect-wrong.yaml"]);
    assert_eq!(code, 4, "{stderr}");
    assert!(
        stderr.contains("expected outcome `denied`, got `completed`"),
        "{stderr}"
    );
}

#[test]
fn blueprint_errors_are_1_and_printed() {
    let (code, stdout, _) = simulate(&["tests/scenarios/cli/broken", "--flow", "sim-broken"]);
    assert_eq!(code, 1);
    assert!(stdout.contains("authenticaton"), "{stdout}");
}

#[test]
fn missing_policy_outcome_is_2_unless_assumed() {
    let args = [
        "tests/scenarios/cli/needs",
        "--scenario",
        "tests/scenarios/cli/needs-policy.yaml",
    ];
    let (code, _, stderr) = simulate(&args);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("`sim-needs-expression`") && stderr.contains("--assume"),
        "{stderr}"
    );
    let mut pass = args.to_vec();
    pass.extend(["--assume", "pass"]);
    assert_eq!(simulate(&pass).0, 0);
    let mut fail = args.to_vec();
    fail.extend(["--assume", "fail"]);
    assert_eq!(simulate(&fail).0, 3);
}

#[test]
fn json_is_byte_identical_across_runs() {
    let args = [
        "tests/scenarios/stages",
        "--flow",
        "sim-enroll",
        "--format",
        "json",
    ];
    let first = simulate(&args);
    let second = simulate(&args);
    assert_eq!(first.0, 0);
    assert_eq!(first.1, second.1);
    assert!(first.1.starts_with("{\n  \"plans\": ["), "{}", first.1);
}

#[test]
fn steps_is_a_json_array_with_reasons() {
    let (code, stdout, _) = simulate(&[AUTH, "--flow", "sim-auth-none", "--format", "steps"]);
    assert_eq!(code, 0);
    let steps: serde_json::Value = serde_json::from_str(&stdout).expect("JSON");
    let steps = steps.as_array().expect("an array");
    assert_eq!(steps.len(), 2);
    assert!(
        steps
            .iter()
            .all(|s| s["reason"].is_string() && s["is_completed"].is_boolean())
    );
}

#[test]
fn a_restart_loop_stops() {
    let (code, stdout, _) = simulate(&["tests/scenarios/cli/loop", "--flow", "sim-loop"]);
    assert_eq!(code, 0);
    assert!(stdout.contains("stopped after 100 restarts"), "{stdout}");
}

#[test]
fn flowlint_test_reports_and_exits() {
    let out = Command::cargo_bin("flowlint")
        .expect("binary builds")
        .current_dir(common::root())
        .args(["test", "blueprints/scenarios", "--format", "junit"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("<testsuites name=\"flowlint\"") && text.contains("failures=\"0\""),
        "{text}"
    );
    let out = Command::cargo_bin("flowlint")
        .expect("binary builds")
        .current_dir(common::root())
        .args(["test", "tests/scenarios/cli/failing"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(4));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("FAIL  tests/scenarios/cli/failing/wrong.scenario.yaml"),
        "{text}"
    );
    assert!(
        text.contains("- outcome: denied") && text.contains("+ outcome: completed"),
        "{text}"
    );
    assert!(text.ends_with("0 passed, 1 failed\n"), "{text}");
}

#[test]
fn prompt_passwords_are_never_printed() {
    let scenario = "tests/scenarios/stages/enroll-values.scenario.yaml";
    for format in ["json", "steps", "human"] {
        let (code, stdout, stderr) = simulate(&["--scenario", scenario, "--format", format]);
        assert_eq!(code, 0, "{stderr}");
        for secret in ["Long-enough-1", "Other-one-1", "short"] {
            assert!(
                !stdout.contains(&format!("\"{secret}\"")),
                "{format} prints `{secret}`"
            );
        }
        if format != "human" {
            assert!(stdout.contains("\"password\": \"********\""), "{format}");
        }
    }
}

#[test]
fn a_flow_error_is_5_in_every_format() {
    let dir = "tests/scenarios/flow-errors";
    let args = [dir, "--flow", "sim-fe-redirect-empty"];
    let (code, human, stderr) = simulate(&args);
    assert_eq!(code, 5);
    assert!(human.contains("outcome: error (flow error: "), "{human}");
    assert!(stderr.contains("flowlint: flow error: "), "{stderr}");
    let (code, json, _) = simulate(&[dir, "--flow", "sim-fe-redirect-empty", "--format", "json"]);
    assert_eq!(code, 5);
    let value: serde_json::Value = serde_json::from_str(&json).expect("json");
    assert!(
        value["error"]
            .as_str()
            .is_some_and(|e| e.contains("EmptyFlowException")),
        "{json}"
    );
    let (code, steps, _) = simulate(&[dir, "--flow", "sim-fe-redirect-empty", "--format", "steps"]);
    assert_eq!(code, 5);
    let value: serde_json::Value = serde_json::from_str(&steps).expect("json");
    let last = value.as_array().and_then(|a| a.last()).expect("steps");
    assert!(
        last["reason"]
            .as_str()
            .is_some_and(|r| r.contains("flow error: ")),
        "{steps}"
    );
}

#[test]
fn options_build_the_scenario() {
    let users = "tests/scenarios/users";
    // carol is a superuser through her blueprint group's parent.
    let (code, human, _) = simulate(&[
        users,
        "--flow",
        "sim-users-login",
        "--user",
        "carol",
        "--group",
        "sim-staff",
    ]);
    assert_eq!(code, 0, "{human}");
    assert!(human.contains("logged in as `carol`"), "{human}");
    // Without sim-staff the login stage is dropped: the flow still completes, no login.
    let (_, human, _) = simulate(&[users, "--flow", "sim-users-login", "--user", "carol"]);
    assert!(!human.contains("logged in as"), "{human}");
    let (code, human, _) = simulate(&[
        users,
        "--flow",
        "sim-users-login",
        "--user",
        "carol",
        "--password-wrong",
    ]);
    assert_eq!(code, 3, "{human}");
    assert!(human.contains("access denied: Invalid password"), "{human}");
    let (code, _, stderr) = simulate(&[
        users,
        "--flow",
        "sim-users-login",
        "--password-ok",
        "--password-wrong",
    ]);
    assert_eq!(code, 2, "{stderr}");
    let (code, _, stderr) = simulate(&[users, "--flow", "sim-users-login", "--group", "x"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("--user"), "{stderr}");
    // --authenticated: carol starts logged in; a superuser through her groups.
    let (code, human, _) = simulate(&[
        users,
        "--flow",
        "sim-users-admin",
        "--user",
        "carol",
        "--authenticated",
    ]);
    assert_eq!(code, 0, "{human}");
    let (code, _, stderr) = simulate(&[users, "--flow", "sim-users-admin", "--authenticated"]);
    assert_eq!(code, 2, "{stderr}");
    let mfa = "tests/scenarios/mfa";
    let (code, human, _) = simulate(&[mfa, "--flow", "sim-mfa-deny", "--user", "alice"]);
    assert_eq!(code, 3, "{human}");
    let (code, human, _) = simulate(&[
        mfa,
        "--flow",
        "sim-mfa-deny",
        "--user",
        "alice",
        "--device",
        "totp",
    ]);
    assert_eq!(code, 0, "{human}");
    let (code, _, stderr) = simulate(&[
        mfa,
        "--flow",
        "sim-mfa-deny",
        "--user",
        "alice",
        "--device",
        "yubikey",
    ]);
    assert_eq!(code, 2, "{stderr}");
}

#[test]
fn continued_is_3_and_named_so() {
    let (code, human, _) =
        simulate(&["tests/scenarios/denied-action", "--flow", "sim-da-continue"]);
    assert_eq!(code, 3);
    assert!(human.contains("outcome: continued"), "{human}");
}

/// Runs `flowlint <args>` in `dir`.
fn run_in(dir: &std::path::Path, args: &[&str]) -> (u8, String, String) {
    let out = Command::cargo_bin("flowlint")
        .expect("binary builds")
        .current_dir(dir)
        .args(args)
        .output()
        .expect("runs");
    (
        out.status.code().unwrap_or(-1) as u8,
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn the_install_baseline_follows_flowlint_toml() {
    // `authentik Admins` is a superuser group of every install: a member passes a
    // `require_superuser` flow, unless flowlint.toml says the server has no baseline.
    let temp = tempfile::tempdir().expect("temp dir");
    let dir = temp.path();
    let users = common::root().join("tests/scenarios/users");
    std::fs::copy(users.join("flows.yaml"), dir.join("flows.yaml")).expect("copy");
    std::fs::copy(
        users.join("baseline-admins-group.scenario.yaml"),
        dir.join("admins.scenario.yaml"),
    )
    .expect("copy");
    let (code, stdout, _) = run_in(dir, &["test", "."]);
    assert_eq!(code, 0, "{stdout}");
    std::fs::write(dir.join("flowlint.toml"), "[baseline]\nenabled = false\n").expect("write");
    let (code, stdout, _) = run_in(dir, &["test", "."]);
    assert_eq!(code, 4, "{stdout}");
    assert!(stdout.contains("denied"), "{stdout}");
}

#[test]
fn simulate_takes_a_release() {
    let args = [AUTH, "--flow", "sim-auth-none", "--authentik-version"];
    let with = |v: &str| simulate(&[args[0], args[1], args[2], args[3], v]);
    assert_eq!(with("2025.12").0, 0);
    assert_eq!(with("2026.8.5").0, 0);
    let (code, _, stderr) = with("2019.1");
    assert_eq!(code, 2);
    assert!(stderr.contains("2024.12"), "{stderr}");
}

/// The inspector's flow entries name the background as the targeted release's
/// `FlowSetSerializer` does: `background_url` from 2025.12 (beside the schema's
/// `background`), only `background` before.
#[test]
fn the_inspector_names_the_background_as_the_release_does() {
    let run = |v: &str| {
        simulate(&[
            AUTH,
            "--flow",
            "sim-auth-none",
            "--format",
            "json",
            "--authentik-version",
            v,
        ])
    };
    let (code, old, _) = run("2025.10");
    assert_eq!(code, 0);
    assert!(old.contains("\"background\""), "{old}");
    assert!(!old.contains("\"background_url\""), "{old}");
    let (code, new, _) = run("2025.12");
    assert_eq!(code, 0);
    assert!(new.contains("\"background\""), "{new}");
    assert!(new.contains("\"background_url\""), "{new}");
}
