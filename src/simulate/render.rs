//! The three output formats of `flowlint simulate`.

use super::json::Json;
use super::{Outcome, Simulation, outcome_name};

/// `--format json`: the inspector response at the end of the run.
pub fn json(sim: &Simulation) -> String {
    json_scrubbed(sim, &|s| s.to_owned())
}

/// [`json`] with every string of the response passed through `scrub` (secrets).
///
/// A run that ends in a flow error adds `"error": <reason>` after the inspector's
/// keys (the schema allows further keys): authentik's inspector has no field for it.
pub fn json_scrubbed(sim: &Simulation, scrub: &dyn Fn(&str) -> String) -> String {
    let response = match (&sim.outcome, &sim.inspection) {
        (Outcome::Error { reason }, Json::Object(pairs)) => {
            let mut pairs = pairs.clone();
            pairs.push(("error".to_owned(), Json::str(reason)));
            Json::Object(pairs)
        }
        _ => sim.inspection.clone(),
    };
    let mut text = response.to_pretty_scrubbed(scrub);
    text.push('\n');
    text
}

/// `--format steps`: one element per executor step, the inspector response at that
/// step with a `reason` first.
pub fn steps(sim: &Simulation) -> String {
    steps_scrubbed(sim, &|s| s.to_owned())
}

/// [`steps`] with every string passed through `scrub` (secrets).
pub fn steps_scrubbed(sim: &Simulation, scrub: &dyn Fn(&str) -> String) -> String {
    let items = sim
        .steps
        .iter()
        .enumerate()
        .map(|(i, step)| {
            let mut pairs = vec![("reason".to_owned(), Json::str(&step.reason))];
            if let Some(Json::Object(rest)) = sim.step_inspection(i) {
                pairs.extend(rest);
            }
            Json::Object(pairs)
        })
        .collect();
    let mut text = Json::Array(items).to_pretty_scrubbed(scrub);
    text.push('\n');
    text
}

/// `--format human`: a numbered trace and the outcome.
pub fn human(sim: &Simulation) -> String {
    let mut out = format!("flow `{}`\n", sim.slug);
    for (i, step) in sim.steps.iter().enumerate() {
        out.push_str(&format!("{:>3}. {}\n", i + 1, step.reason));
    }
    out.push_str(&format!(
        "stages completed: [{}]\n",
        sim.completed_stages.join(", ")
    ));
    let detail = match &sim.outcome {
        Outcome::Completed { to } => format!("redirect to `{to}`"),
        Outcome::Denied { message } => format!("access denied: {message}"),
        Outcome::Waiting { stage, reason } => format!("waiting at `{stage}`: {reason}"),
        Outcome::Continued { to, action } => {
            format!(
                "not applicable; denied_action `{action}` sends the user on to `{to}` without an error"
            )
        }
        Outcome::Error { reason } => format!("flow error: {reason}"),
    };
    out.push_str(&format!(
        "outcome: {} ({detail})\n",
        outcome_name(&sim.outcome)
    ));
    if !sim.assumed_policies.is_empty() {
        out.push_str(&format!(
            "assumed policy outcomes: {}\n",
            sim.assumed_policies.join(", ")
        ));
    }
    out
}
