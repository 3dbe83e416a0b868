//! The scenario loader: every mistake is an error with its location.

use flowlint::simulate::{ExpectedOutcome, PolicyAnswer, Response, Scenario};

fn error(text: &str) -> String {
    Scenario::parse("s.yaml", text)
        .expect_err("an error")
        .to_string()
}

#[test]
fn a_full_scenario_loads() {
    let text = "user:\n  username: alice\n  email: a@example.com\n  pk: 7\n  groups: [staff]\n\
                authenticated: true\npolicies: {p1: true, p2: false, p3: error}\n\
                responses:\n  login-password: [invalid, valid]\n  prompt: [{username: bob}]\n\
                context: {brand: x}\nenv: {A: b}\nnext: /if/user/\n\
                expect: {outcome: denied, stages: [a, b]}\n";
    let sc = Scenario::parse("s.yaml", text).expect("loads");
    let user = sc.user.expect("user");
    assert_eq!(
        (user.username.as_str(), user.pk, user.groups.len()),
        ("alice", Some(7), 1)
    );
    assert!(sc.authenticated);
    assert_eq!(sc.policies[2], ("p3".to_owned(), PolicyAnswer::Error));
    assert_eq!(sc.responses[0].1, vec![Response::Invalid, Response::Valid]);
    assert!(matches!(sc.responses[1].1[0], Response::Values(_)));
    assert_eq!(sc.next.as_deref(), Some("/if/user/"));
    assert_eq!(
        sc.expect.expect("expect").outcome,
        Some(ExpectedOutcome::Denied)
    );
}

#[test]
fn unknown_keys_have_location_and_suggestion() {
    let e = error("user:\n  usernme: alice\n");
    assert!(
        e.starts_with("s.yaml:2:3: unknown key `usernme` in `user` (did you mean `username`?)"),
        "{e}"
    );
    let e = error("expect:\n  outcom: completed\n");
    assert!(
        e.contains("s.yaml:2:3") && e.contains("did you mean `outcome`?"),
        "{e}"
    );
}

#[test]
fn bad_values_are_errors() {
    assert!(error("responses:\n  x: [maybe]\n").starts_with("s.yaml:2:7:"));
    assert!(error("policies: {p: perhaps}\n").contains("true, false or `error`"));
    assert!(error("authenticated: true\n").contains("needs a `user`"));
    assert!(error("user: {email: a@b.c}\n").contains("needs a `username`"));
    assert!(
        error("expect: {outcome: finished}\n")
            .contains("`completed`, `denied`, `continued`, `error` or `waiting`")
    );
    assert!(error("user: {username: a, devices: [totpp]}\n").contains("did you mean `totp`?"));
    assert!(error("password: maybe\n").contains("`ok` or `wrong`"));
    assert!(error("invitation: {fixed_dat: {}}\n").contains("did you mean `fixed_data`?"));
    assert!(error("user: [a]\n").contains("must be a mapping"));
}
