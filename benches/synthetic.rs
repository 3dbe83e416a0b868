//! Deterministic synthetic blueprint corpus for benchmarks.
//!
//! Each file holds a realistic flow: a flow, stages of several types, bindings,
//! expression policies and policy bindings, with `!KeyOf`, `!Find`, `!Context`,
//! `!Format` and `!If` tags. Sizes scale with `files × flows_per_file`; the reference
//! density with `refs_per_flow` (policies, each bound with two `!KeyOf`s); `tags: false`
//! writes the computed values as literals (only the `!KeyOf` references stay).

#![allow(dead_code)]

use std::fmt::Write;

pub struct Shape {
    pub files: usize,
    pub flows_per_file: usize,
    /// Expression policies per flow, each bound to one of its stage bindings.
    pub refs_per_flow: usize,
    /// `!Format`, `!Context`, `!If` and `!Find` values (else the same values as literals).
    pub tags: bool,
}

impl Shape {
    /// The default corpus: one policy per flow, with tags (~30.5 KB per 10 flows).
    pub fn new(files: usize, flows_per_file: usize) -> Self {
        Shape {
            files,
            flows_per_file,
            refs_per_flow: 1,
            tags: true,
        }
    }
}

/// One blueprint file with `flows` flows of 5 stages each.
pub fn blueprint(file: usize, shape: &Shape) -> String {
    let flows = shape.flows_per_file;
    let refs = shape.refs_per_flow;
    let tags = shape.tags;
    let mut s = String::with_capacity(flows * (2600 + 350 * refs));
    let _ = writeln!(
        s,
        "version: 1\nmetadata:\n  name: Bench - file {file}\n  labels:\n    blueprints.goauthentik.io/instantiate: \"false\"\ncontext:\n  prefix: bench{file}\n  layout: stacked\nentries:"
    );
    for f in 0..flows {
        let id = format!("f{file}x{f}");
        let (slug, layout) = if tags {
            (
                format!("!Format [\"%s-{f}\", !Context prefix]"),
                "!Context [layout, stacked]",
            )
        } else {
            (format!("bench{file}-{f}"), "stacked")
        };
        let _ = write!(
            s,
            "- model: authentik_flows.flow\n  id: flow-{id}\n  identifiers:\n    slug: {slug}\n  attrs:\n    name: Flow {id}\n    title: Welcome {id}\n    designation: authentication\n    layout: {layout}\n    policy_engine_mode: any\n    denied_action: message_continue\n"
        );
        let configure_flow = if tags {
            "    configure_flow: !Find [authentik_flows.flow, [slug, default-password-change]]\n"
        } else {
            ""
        };
        let evaluate_on_plan = if tags {
            "!If [true, false, true]"
        } else {
            "false"
        };
        let password =
            format!("    backends:\n      - authentik.core.auth.InbuiltBackend\n{configure_flow}");
        let stages = [
            (
                "authentik_stages_identification.identificationstage",
                "ident",
                "    user_fields: [email, username]\n",
            ),
            (
                "authentik_stages_password.passwordstage",
                "password",
                password.as_str(),
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
                "- model: authentik_flows.flowstagebinding\n  id: binding-{kind}-{id}\n  identifiers:\n    target: !KeyOf flow-{id}\n    stage: !KeyOf {kind}-{id}\n    order: {}\n  attrs:\n    evaluate_on_plan: {evaluate_on_plan}\n    re_evaluate_policies: true\n    invalid_response_action: retry\n",
                (i + 1) * 10
            );
        }
        for r in 0..refs {
            // The first policy guards the deny stage (the default corpus); more spread
            // over the flow's bindings.
            let policy = if r == 0 {
                format!("policy-{id}")
            } else {
                format!("policy-{id}-{r}")
            };
            let kind = ["deny", "ident", "password", "mfa", "login"][r % 5];
            let _ = write!(
                s,
                "- model: authentik_policies_expression.expressionpolicy\n  id: {policy}\n  identifiers:\n    name: {policy}\n  attrs:\n    expression: |\n      return request.user.username != \"blocked\"\n- model: authentik_policies.policybinding\n  identifiers:\n    order: {r}\n    target: !KeyOf binding-{kind}-{id}\n    policy: !KeyOf {policy}\n  attrs:\n    negate: true\n    timeout: 30\n"
            );
        }
    }
    s
}

pub fn corpus(shape: &Shape) -> Vec<(String, String)> {
    (0..shape.files)
        .map(|i| (format!("bench/file-{i:05}.yaml"), blueprint(i, shape)))
        .collect()
}
