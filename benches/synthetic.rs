//! Deterministic synthetic blueprint corpus for benchmarks.
//!
//! Each file holds a realistic flow: a flow, stages of several types, bindings,
//! expression policies and policy bindings, with `!KeyOf`, `!Find`, `!Context`,
//! `!Format` and `!If` tags. Sizes scale with `files × flows_per_file`.

#![allow(dead_code)]

use std::fmt::Write;

pub struct Shape {
    pub files: usize,
    pub flows_per_file: usize,
}

/// One blueprint file with `flows` flows of 5 stages each.
pub fn blueprint(file: usize, flows: usize) -> String {
    let mut s = String::with_capacity(flows * 2600);
    let _ = writeln!(
        s,
        "version: 1\nmetadata:\n  name: Bench - file {file}\n  labels:\n    blueprints.goauthentik.io/instantiate: \"false\"\ncontext:\n  prefix: bench{file}\n  layout: stacked\nentries:"
    );
    for f in 0..flows {
        let id = format!("f{file}x{f}");
        let _ = write!(
            s,
            "- model: authentik_flows.flow\n  id: flow-{id}\n  identifiers:\n    slug: !Format [\"%s-{f}\", !Context prefix]\n  attrs:\n    name: Flow {id}\n    title: Welcome {id}\n    designation: authentication\n    layout: !Context [layout, stacked]\n    policy_engine_mode: any\n    denied_action: message_continue\n"
        );
        let stages = [
            (
                "authentik_stages_identification.identificationstage",
                "ident",
                "    user_fields: [email, username]\n",
            ),
            (
                "authentik_stages_password.passwordstage",
                "password",
                "    backends:\n      - authentik.core.auth.InbuiltBackend\n    configure_flow: !Find [authentik_flows.flow, [slug, default-password-change]]\n",
            ),
            (
                "authentik_stages_authenticator_validate.authenticatorvalidatestage",
                "mfa",
                "    not_configured_action: skip\n    last_auth_threshold: hours=1;minutes=30\n",
            ),
            (
                "authentik_stages_deny.denystage",
                "deny",
                "    deny_message: Go away\n",
            ),
            (
                "authentik_stages_user_login.userloginstage",
                "login",
                "    session_duration: hours=8\n    remember_me_offset: days=30\n",
            ),
        ];
        for (i, (model, kind, attrs)) in stages.iter().enumerate() {
            let _ = write!(
                s,
                "- model: {model}\n  id: {kind}-{id}\n  identifiers:\n    name: {kind}-{id}\n  attrs:\n{attrs}"
            );
            let _ = write!(
                s,
                "- model: authentik_flows.flowstagebinding\n  id: binding-{kind}-{id}\n  identifiers:\n    target: !KeyOf flow-{id}\n    stage: !KeyOf {kind}-{id}\n    order: {}\n  attrs:\n    evaluate_on_plan: !If [true, false, true]\n    re_evaluate_policies: true\n    invalid_response_action: retry\n",
                (i + 1) * 10
            );
        }
        let _ = write!(
            s,
            "- model: authentik_policies_expression.expressionpolicy\n  id: policy-{id}\n  identifiers:\n    name: policy-{id}\n  attrs:\n    expression: |\n      return request.user.username != \"blocked\"\n- model: authentik_policies.policybinding\n  identifiers:\n    order: 0\n    target: !KeyOf binding-deny-{id}\n    policy: !KeyOf policy-{id}\n  attrs:\n    negate: true\n    timeout: 30\n"
        );
    }
    s
}

pub fn corpus(shape: &Shape) -> Vec<(String, String)> {
    (0..shape.files)
        .map(|i| {
            (
                format!("bench/file-{i:05}.yaml"),
                blueprint(i, shape.flows_per_file),
            )
        })
        .collect()
}
