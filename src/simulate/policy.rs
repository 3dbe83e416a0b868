//! The policy engine (flow-semantics §4): bindings of one target, `all`/`any`,
//! disabled bindings invisible, `negate`, `failure_result`, user and group bindings
//! as one combined static result, dummy and password policies evaluated offline and
//! every other policy answered by the scenario.

use std::collections::{BTreeSet, HashMap};

use super::flows::FlowModel;
use super::scenario::PolicyAnswer;
use super::state::{PlanContext, SimUser};
use crate::catalog::Behaviour;

/// Scenario answers for policies flowlint cannot evaluate, and the ones it needed
/// but did not get.
#[derive(Debug, Default)]
pub struct Answers {
    pub given: HashMap<String, PolicyAnswer>,
    /// `--assume pass|fail`.
    pub assume: Option<bool>,
    pub missing: BTreeSet<String>,
}

/// Who and what a policy sees.
pub struct PolicyRequest<'r> {
    pub user: Option<&'r SimUser>,
    pub context: &'r PlanContext,
}

#[derive(Debug, Default)]
pub struct EngineResult {
    pub passing: bool,
    pub messages: Vec<String>,
    /// One line per binding, for step reasons.
    pub explain: Vec<String>,
}

impl EngineResult {
    pub fn summary(&self) -> String {
        if self.explain.is_empty() {
            "no enabled policy bindings".to_owned()
        } else {
            self.explain.join("; ")
        }
    }
}

/// Evaluate the policy bindings of `target` (a flow or stage binding object).
pub fn evaluate(
    model: &FlowModel,
    target: usize,
    req: &PolicyRequest<'_>,
    answers: &mut Answers,
) -> EngineResult {
    let mode_all = model.obj(target).str_or("policy_engine_mode", "any") == "all";
    let mut results: Vec<bool> = Vec::new();
    let mut out = EngineResult::default();
    let mut statics: Vec<bool> = Vec::new();
    let mut groups: Option<Vec<String>> = None;
    for &pb in model.policy_bindings_of(target) {
        let binding = model.obj(pb);
        if !binding.bool_or("enabled", true) {
            continue;
        }
        let negate = binding.bool_or("negate", false);
        if let Some(policy) = binding
            .reference("policy")
            .filter(|p| model.set.live(*p).is_some())
        {
            let name = model.obj(policy).name().to_owned();
            let (passing, messages, how) = match run_policy(model, policy, req, answers) {
                Ok((passing, messages, how)) => (passing != negate, messages, how),
                Err(Raised::Policy(error)) => {
                    let failure = binding.bool_or("failure_result", false);
                    (
                        failure,
                        vec![error],
                        format!("raised, failure_result {failure}"),
                    )
                }
                Err(Raised::Other(error)) => (false, vec![error], "failed to run".to_owned()),
            };
            let neg = if negate { ", negated" } else { "" };
            out.explain.push(format!(
                "policy `{name}` ({how}{neg}): {}",
                verdict(passing)
            ));
            out.messages.extend(messages);
            results.push(passing);
            continue;
        }
        let user_ref = binding.reference("user");
        let group_ref = binding.reference("group");
        let literal_user = binding.int("user");
        if user_ref.is_none() && group_ref.is_none() && literal_user.is_none() {
            continue;
        }
        // No user pk (anonymous): every static binding fails, negated or not (newest engine).
        let Some(user) = req.user else {
            out.explain
                .push("user/group binding: no user, fails".to_owned());
            statics.push(false);
            continue;
        };
        let (what, matched) = if let Some(g) = group_ref {
            let name = model.obj(g).name();
            let groups = groups.get_or_insert_with(|| model.group_closure(&user.groups));
            (format!("group `{name}`"), groups.iter().any(|n| n == name))
        } else if let Some(u) = user_ref {
            let obj = model.obj(u);
            let by_pk = obj.int("pk").is_some_and(|pk| pk == user.pk);
            (
                format!("user `{}`", obj.str_or("username", "?")),
                by_pk || obj.str_or("username", "") == user.username,
            )
        } else {
            let pk = literal_user.unwrap_or_default();
            (format!("user pk {pk}"), pk == user.pk)
        };
        let passing = matched != negate;
        let neg = if negate { ", negated" } else { "" };
        out.explain.push(format!(
            "{what} ({}{neg}): {}",
            if matched { "member" } else { "not a member" },
            verdict(passing)
        ));
        statics.push(passing);
    }
    if !statics.is_empty() {
        results.push(if mode_all {
            statics.iter().all(|b| *b)
        } else {
            statics.iter().any(|b| *b)
        });
    }
    out.passing = if results.is_empty() {
        true
    } else if mode_all {
        results.iter().all(|b| *b)
    } else {
        results.iter().any(|b| *b)
    };
    out
}

/// Evaluate a list of policies directly, mode `all` (prompt validation policies).
pub fn evaluate_list(
    model: &FlowModel,
    policies: &[usize],
    req: &PolicyRequest<'_>,
    answers: &mut Answers,
) -> EngineResult {
    let mut out = EngineResult {
        passing: true,
        ..EngineResult::default()
    };
    for &policy in policies {
        let name = model.obj(policy).name().to_owned();
        let (passing, messages) = match run_policy(model, policy, req, answers) {
            Ok((passing, messages, _)) => (passing, messages),
            Err(Raised::Policy(error) | Raised::Other(error)) => (false, vec![error]),
        };
        out.explain
            .push(format!("policy `{name}`: {}", verdict(passing)));
        out.messages.extend(messages);
        out.passing &= passing;
    }
    out
}

fn verdict(passing: bool) -> &'static str {
    if passing { "pass" } else { "fail" }
}

type PolicyOutcome = Result<(bool, Vec<String>, String), Raised>;

/// How a policy failed to give a result (flow-semantics §4.1).
#[derive(Debug)]
enum Raised {
    /// A `PolicyException`: the binding's `failure_result`.
    Policy(String),
    /// Any other exception in the worker: `PolicyResult(False, str(exc))`.
    Other(String),
}

fn run_policy(
    model: &FlowModel,
    policy: usize,
    req: &PolicyRequest<'_>,
    answers: &mut Answers,
) -> PolicyOutcome {
    let obj = model.obj(policy);
    let name = obj.name().to_owned();
    let behaviour = model
        .set
        .release
        .model(&obj.model)
        .and_then(|m| m.behaviour);
    match behaviour {
        Some(Behaviour::DummyPolicy) => {
            // `randrange(wait_min, wait_max)` before the wait: an empty range raises a
            // ValueError, which is no PolicyException, so the worker answers
            // `PolicyResult(False, str(exc))` whatever `negate` and `failure_result`.
            let (wait_min, wait_max) = (
                obj.int("wait_min").unwrap_or(5),
                obj.int("wait_max").unwrap_or(30),
            );
            if wait_min >= wait_max {
                return Err(Raised::Other(format!(
                    "empty range in randrange({wait_min}, {wait_max})"
                )));
            }
            Ok((
                obj.bool_or("result", false),
                vec!["dummy".to_owned()],
                "dummy".to_owned(),
            ))
        }
        Some(Behaviour::PasswordPolicy) => {
            let field = obj.str_or("password_field", "password");
            let value = req.context.prompt().iter().find(|p| p.key == field);
            let Some(value) = value else {
                return Ok((
                    false,
                    vec!["Password not set in context".to_owned()],
                    "password".to_owned(),
                ));
            };
            if obj.bool_or("check_static_rules", true) && !value.generated {
                let text = value.value.as_str().unwrap_or_default();
                if !static_rules_pass(obj, text) {
                    let message = obj.str_or("error_message", "").to_owned();
                    return Ok((false, vec![message], "password static rules".to_owned()));
                }
            }
            let online =
                obj.bool_or("check_have_i_been_pwned", false) || obj.bool_or("check_zxcvbn", false);
            if online && !value.generated {
                return answer(&name, answers)
                    .map(|(p, m, _)| (p, m, "password, HIBP/zxcvbn from scenario".to_owned()));
            }
            Ok((true, Vec::new(), "password".to_owned()))
        }
        _ => answer(&name, answers),
    }
}

fn answer(name: &str, answers: &mut Answers) -> PolicyOutcome {
    match answers.given.get(name) {
        Some(PolicyAnswer::Pass) => Ok((true, Vec::new(), "from scenario".to_owned())),
        Some(PolicyAnswer::Fail) => Ok((false, Vec::new(), "from scenario".to_owned())),
        Some(PolicyAnswer::Error) => Err(Raised::Policy(format!(
            "policy `{name}` raised an error (scenario)"
        ))),
        None => {
            answers.missing.insert(name.to_owned());
            let assumed = answers.assume.unwrap_or(true);
            Ok((assumed, Vec::new(), "assumed".to_owned()))
        }
    }
}

fn static_rules_pass(policy: &super::model::Obj, password: &str) -> bool {
    let count = |f: fn(&char) -> bool| password.chars().filter(f).count() as i64;
    let charset = policy.str_or("symbol_charset", "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~ ");
    let symbols = password.chars().filter(|c| charset.contains(*c)).count() as i64;
    let at_least = |field: &str, have: i64| have >= policy.int(field).unwrap_or(0);
    at_least("length_min", password.chars().count() as i64)
        && at_least("amount_digits", count(char::is_ascii_digit))
        && at_least("amount_uppercase", count(|c| c.is_uppercase()))
        && at_least("amount_lowercase", count(|c| c.is_lowercase()))
        && at_least("amount_symbols", symbols)
}

/// Policy answers from the scenario.
pub fn answers_from(policies: &[(String, PolicyAnswer)], assume: Option<bool>) -> Answers {
    Answers {
        given: policies.iter().cloned().collect(),
        assume,
        missing: BTreeSet::new(),
    }
}
