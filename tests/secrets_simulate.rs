//! Planted secrets never appear in `flowlint simulate` (json, steps, human) nor in
//! `flowlint test` (human, junit, failure diffs): a password answered to a prompt, a
//! literal `password` / `client_secret` attr of a blueprint, a prompt field whose key
//! names a secret, and an `!Env` value (from `--env` or the scenario's `env:`).

use std::path::Path;

use assert_cmd::Command;

const BLUEPRINT: &str = r#"# flowlint: ignore-file[FL501, FL601]
version: 1
metadata:
  name: leak
entries:
  - {model: authentik_flows.flow, id: enroll, identifiers: {slug: leak-enroll},
     attrs: {name: enroll, title: enroll, designation: enrollment}}
  - {model: authentik_flows.flow, id: deny, identifiers: {slug: leak-deny},
     attrs: {name: deny, title: deny, designation: authorization}}
  - {model: authentik_core.user, identifiers: {username: bob},
     attrs: {name: Bob, password: PLANTEDBLUEPRINTPW}}
  - {model: authentik_providers_oauth2.oauth2provider, identifiers: {name: leak-provider},
     attrs: {client_id: leak-client, client_secret: PLANTEDCLIENTSECRET, authorization_flow: !KeyOf enroll,
             invalidation_flow: !KeyOf deny}}
  - {model: authentik_stages_prompt.prompt, id: f-username, identifiers: {name: leak-username},
     attrs: {field_key: username, label: Username, type: username}}
  - {model: authentik_stages_prompt.prompt, id: f-email, identifiers: {name: leak-email},
     attrs: {field_key: email, label: Email, type: email}}
  - {model: authentik_stages_prompt.prompt, id: f-password, identifiers: {name: leak-password},
     attrs: {field_key: password, label: Password, type: password, initial_value: PLANTEDINITIALPW}}
  - {model: authentik_stages_prompt.prompt, id: f-repeat, identifiers: {name: leak-password-repeat},
     attrs: {field_key: password_repeat, label: Repeat, type: password, initial_value: PLANTEDINITIALPW}}
  - {model: authentik_stages_prompt.prompt, id: f-nick, identifiers: {name: leak-nick},
     attrs: {field_key: nickname, label: Nickname, type: text, initial_value: !Env NICK}}
  - {model: authentik_stages_prompt.prompt, id: f-token, identifiers: {name: leak-token},
     attrs: {field_key: api_token, label: Token, type: text, initial_value: PLANTEDTOKENVALUE}}
  - {model: authentik_stages_prompt.promptstage, id: prompt, identifiers: {name: leak-prompt},
     attrs: {fields: [!KeyOf f-username, !KeyOf f-email, !KeyOf f-password, !KeyOf f-repeat, !KeyOf f-nick, !KeyOf f-token]}}
  - {model: authentik_stages_user_write.userwritestage, id: write, identifiers: {name: leak-write},
     attrs: {user_creation_mode: create_when_required}}
  - {model: authentik_stages_user_login.userloginstage, id: login, identifiers: {name: leak-login}}
  - {model: authentik_stages_dummy.dummystage, id: dummy, identifiers: {name: !Format ["st-%s", !Env NICK]}}
  - {model: authentik_stages_deny.denystage, id: deny-stage, identifiers: {name: leak-deny-stage},
     attrs: {deny_message: !Format ["go away %s", !Env NICK]}}
  - {model: authentik_flows.flowstagebinding, identifiers: {target: !KeyOf enroll, stage: !KeyOf prompt, order: 10}}
  - {model: authentik_flows.flowstagebinding, identifiers: {target: !KeyOf enroll, stage: !KeyOf write, order: 20}}
  - {model: authentik_flows.flowstagebinding, identifiers: {target: !KeyOf enroll, stage: !KeyOf login, order: 30}}
  - {model: authentik_flows.flowstagebinding, identifiers: {target: !KeyOf deny, stage: !KeyOf dummy, order: 10}}
  - {model: authentik_flows.flowstagebinding, identifiers: {target: !KeyOf deny, stage: !KeyOf deny-stage, order: 20}}
"#;

/// Prompt answers with a planted password.
const ANSWERED: &str = r#"flow: leak-enroll
blueprints: [flows.yaml]
responses:
  leak-prompt:
    - {username: carol, email: carol@example.com, password: PLANTEDRESPONSEPW, password_repeat: PLANTEDRESPONSEPW, api_token: PLANTEDRESPONSETOKEN, nickname: PLANTEDENVNICK}
"#;

/// A plain `valid` answer: flowlint fills the fields from their initial values.
const VALID: &str = "flow: leak-enroll\nblueprints: [flows.yaml]\n";

/// The deny flow: a stage named and a message built from `!Env`.
const DENY: &str = "flow: leak-deny\nblueprints: [flows.yaml]\n";

const ENV: &str = "env: {NICK: PLANTEDENVNICK}\n";

/// A failing expectation, so `flowlint test` prints its diff.
const WRONG: &str = "expect: {outcome: completed, stages: [nothing]}\n";

fn flowlint(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("flowlint").expect("binary builds");
    cmd.current_dir(dir);
    cmd
}

fn setup(scenario_env: bool, wrong: bool) -> tempfile::TempDir {
    let temp = tempfile::tempdir().expect("temp dir");
    let dir = temp.path();
    std::fs::write(dir.join("flows.yaml"), BLUEPRINT).expect("write");
    for (name, body) in [("answered", ANSWERED), ("valid", VALID), ("deny", DENY)] {
        let mut text = body.to_owned();
        if scenario_env {
            text.push_str(ENV);
        }
        if wrong {
            text.push_str(WRONG);
        }
        std::fs::write(dir.join(format!("{name}.scenario.yaml")), text).expect("write");
    }
    temp
}

fn assert_clean(what: &str, out: &std::process::Output) {
    let mut all = String::from_utf8_lossy(&out.stdout).into_owned();
    all.push_str(&String::from_utf8_lossy(&out.stderr));
    for (i, line) in all.lines().enumerate() {
        assert!(!line.contains("PLANTED"), "{what} line {}: {line}", i + 1);
    }
}

#[test]
fn simulate_outputs_never_show_a_planted_secret() {
    for scenario_env in [true, false] {
        let temp = setup(scenario_env, false);
        for name in ["answered", "valid", "deny"] {
            for format in ["json", "steps", "human"] {
                let mut cmd = flowlint(temp.path());
                cmd.args([
                    "simulate",
                    "--scenario",
                    &format!("{name}.scenario.yaml"),
                    "--format",
                    format,
                ]);
                if !scenario_env {
                    cmd.args(["--env", "NICK=PLANTEDENVNICK"]);
                }
                let out = cmd.output().expect("runs");
                let what =
                    format!("simulate {name} --format {format} (env in scenario: {scenario_env})");
                let code = out.status.code();
                let want = if name == "deny" { Some(3) } else { Some(0) };
                assert_eq!(
                    code,
                    want,
                    "{what}: {}{}",
                    String::from_utf8_lossy(&out.stdout),
                    String::from_utf8_lossy(&out.stderr)
                );
                assert_clean(&what, &out);
            }
        }
    }
}

#[test]
fn an_env_value_that_json_escapes_is_scrubbed_in_its_escaped_form_too() {
    let temp = setup(false, false);
    for name in ["valid", "deny"] {
        for format in ["json", "steps", "human"] {
            let out = flowlint(temp.path())
                .args([
                    "simulate",
                    "--scenario",
                    &format!("{name}.scenario.yaml"),
                    "--format",
                    format,
                    "--env",
                    "NICK=PLANTED \"quoted\" back\\slash",
                ])
                .output()
                .expect("runs");
            assert_clean(&format!("simulate {name} --format {format}"), &out);
        }
    }
}

#[test]
fn the_env_value_does_reach_the_run_so_the_test_above_means_something() {
    // Without the value the nickname is unknown and the deny message is not built
    // from it; with it, the masked forms appear where the value would be.
    let temp = setup(false, false);
    let out = flowlint(temp.path())
        .args([
            "simulate",
            "--scenario",
            "deny.scenario.yaml",
            "--format",
            "human",
            "--env",
            "NICK=PLANTEDENVNICK",
        ])
        .output()
        .expect("runs");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("go away ***"), "{text}");
    assert!(text.contains("st-***"), "{text}");
    let out = flowlint(temp.path())
        .args([
            "simulate",
            "--scenario",
            "answered.scenario.yaml",
            "--format",
            "json",
        ])
        .output()
        .expect("runs");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("\"password\": \"********\""), "{text}");
    assert!(text.contains("\"api_token\": \"********\""), "{text}");
}

#[test]
fn flowlint_test_outputs_and_diffs_never_show_a_planted_secret() {
    for wrong in [false, true] {
        let temp = setup(true, wrong);
        for format in ["human", "junit"] {
            let out = flowlint(temp.path())
                .args(["test", "--format", format, "."])
                .output()
                .expect("runs");
            let what = format!("test --format {format} (failing: {wrong})");
            let text = String::from_utf8_lossy(&out.stdout);
            if wrong {
                assert_eq!(out.status.code(), Some(4), "{what}: {text}");
                assert!(
                    text.contains("nothing"),
                    "{what}: the diff is printed: {text}"
                );
            } else {
                assert_eq!(out.status.code(), Some(0), "{what}: {text}");
            }
            assert_clean(&what, &out);
        }
    }
}

#[test]
fn env_values_are_masked_inside_json_strings_only_so_the_json_stays_valid() {
    // `true`, `0` and `any` also stand in the response as a boolean, a number and a
    // policy engine mode; masking them there made the JSON unreadable.
    let temp = setup(false, false);
    for value in ["true", "false", "0", "null"] {
        for format in ["json", "steps"] {
            let out = flowlint(temp.path())
                .args([
                    "simulate",
                    "--scenario",
                    "deny.scenario.yaml",
                    "--format",
                    format,
                    "--env",
                    &format!("NICK={value}"),
                ])
                .output()
                .expect("runs");
            let text = String::from_utf8_lossy(&out.stdout);
            let json: serde_json::Value = serde_json::from_str(&text)
                .unwrap_or_else(|e| panic!("--env NICK={value} --format {format}: {e}\n{text}"));
            let last = json
                .as_array()
                .and_then(|steps| steps.last())
                .unwrap_or(&json);
            assert!(last["is_completed"].is_boolean(), "{text}");
            // Inside strings the value is still masked where it stands alone.
            assert!(text.contains("\"st-***\""), "--env NICK={value}: {text}");
        }
    }
}
