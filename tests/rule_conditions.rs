//! Rule conditions that neither a positive fixture nor a near miss reaches, each pinned
//! by the smallest blueprint where the condition decides: written to kill a mutant
//! that cargo-mutants found surviving (docs/mutants.md lists which test kills which).

use flowlint::check::{self, Input, Settings};
use flowlint::finding::Severity;

/// The findings of `code` when `files` (name, text) are checked together as one world.
fn findings_of(code: &str, files: &[(&str, &str)]) -> Vec<(Severity, String)> {
    let mut settings = Settings::default();
    let rule = flowlint::rules::RULES
        .iter()
        .find(|r| r.code == code)
        .expect("a rule of the registry");
    settings.rules.enable(rule);
    let inputs = files
        .iter()
        .map(|(name, text)| Input::from_text(*name, (*text).to_string()))
        .collect();
    let report = check::check_inputs(inputs, &settings);
    report
        .findings
        .iter()
        .filter(|f| f.rule.code == code)
        .map(|f| (f.severity, f.message.clone()))
        .collect()
}

const FLOW_WITH_DENY: &str = "\
version: 1
metadata:
  name: flow with a deny stage
entries:
  - model: authentik_flows.flow
    id: flow
    identifiers:
      slug: conditions
    attrs:
      name: conditions
      title: Blocked
      designation: authorization
  - model: authentik_stages_deny.denystage
    id: stage
    identifiers:
      name: conditions-deny
  - model: authentik_policies_expression.expressionpolicy
    id: policy
    identifiers:
      name: conditions-policy
    attrs:
      expression: return True
";

/// FL504 judges a binding that sets only one of the two switches: the other keeps its
/// default (`evaluate_on_plan` false), so `re_evaluate_policies: false` alone already
/// leaves the binding's policies unevaluated.
#[test]
fn fl504_one_switch_written_is_enough() {
    let text = format!(
        "{FLOW_WITH_DENY}  - model: authentik_flows.flowstagebinding
    id: binding
    identifiers:
      target: !KeyOf flow
      stage: !KeyOf stage
      order: 10
    attrs:
      re_evaluate_policies: false
  - model: authentik_policies.policybinding
    identifiers:
      target: !KeyOf binding
      policy: !KeyOf policy
      order: 0
"
    );
    let found = findings_of("FL504", &[("one-switch.yaml", &text)]);
    assert_eq!(found.len(), 1, "{found:?}");
}

/// FL502 across files: a second blueprint binding the same stage to the same flow at the
/// same order, with an identifier that does not find the first binding, creates a second
/// one and fails on the unique (target, stage, order): an error, not the same-file
/// warning.
#[test]
fn fl502_across_files_with_other_identifiers_is_an_error() {
    let first = format!(
        "{FLOW_WITH_DENY}  - model: authentik_flows.flowstagebinding
    identifiers:
      target: !KeyOf flow
      stage: !KeyOf stage
      order: 10
      evaluate_on_plan: true
"
    );
    let second = "\
version: 1
metadata:
  name: second blueprint
entries:
  - model: authentik_flows.flowstagebinding
    identifiers:
      target: !Find [authentik_flows.flow, [slug, conditions]]
      stage: !Find [authentik_stages_deny.denystage, [name, conditions-deny]]
      order: 10
      evaluate_on_plan: false
";
    let found = findings_of("FL502", &[("a.yaml", &first), ("b.yaml", second)]);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, Severity::Error, "{found:?}");
    assert!(found[0].1.contains("do not find it"), "{found:?}");
}

/// FL509 stays quiet on a stage that a binding reaches by a `!KeyOf` written before the
/// stage: the reference fails (FL401 says so), but the stage was meant to be bound.
#[test]
fn fl509_leaves_a_forward_keyof_to_fl401() {
    let text = "\
version: 1
metadata:
  name: forward keyof
entries:
  - model: authentik_flows.flow
    id: flow
    identifiers:
      slug: forward
    attrs:
      name: forward
      title: Blocked
      designation: authorization
  - model: authentik_flows.flowstagebinding
    identifiers:
      target: !KeyOf flow
      stage: !KeyOf stage
      order: 10
  - model: authentik_stages_deny.denystage
    id: stage
    identifiers:
      name: forward-deny
";
    assert_eq!(findings_of("FL509", &[("forward.yaml", text)]), []);
    assert_eq!(findings_of("FL401", &[("forward.yaml", text)]).len(), 1);
}

/// FL405 reports the entries that close the cycle, not one that leaves it for a
/// blueprint outside (A applies B and C, B applies A: the A -> C edge is no cycle).
#[test]
fn fl405_reports_only_the_edges_inside_the_cycle() {
    let blueprint = |name: &str, applies: &[&str]| {
        let mut text = format!("version: 1\nmetadata:\n  name: {name}\nentries:\n");
        for target in applies {
            text.push_str(&format!(
                "  - model: authentik_blueprints.metaapplyblueprint\n    attrs:\n      identifiers:\n        name: {target}\n"
            ));
        }
        if applies.is_empty() {
            text.push_str("  - model: authentik_core.group\n    identifiers:\n      name: leaf\n");
        }
        text
    };
    let a = blueprint("A", &["B", "C"]);
    let b = blueprint("B", &["A"]);
    let c = blueprint("C", &[]);
    let found = findings_of("FL405", &[("a.yaml", &a), ("b.yaml", &b), ("c.yaml", &c)]);
    assert_eq!(found.len(), 2, "{found:?}");
    assert!(found.iter().all(|(_, m)| !m.contains("`C`")), "{found:?}");
}

/// Only the rules about whether PyYAML can construct a tag look inside a value that a
/// later duplicate key replaces: PyYAML builds it and drops it, so authentik never
/// resolves it. An `!Index` outside `!Enumerate` there is no FL303 (FL004 reports the
/// duplicate key).
#[test]
fn fl303_leaves_a_replaced_value_alone() {
    let text = "\
version: 1
metadata:
  name: replaced value
entries:
  - model: authentik_core.group
    identifiers:
      name: replaced
    attrs:
      attributes:
        position: !Index 0
        position: 1
";
    assert_eq!(findings_of("FL303", &[("replaced.yaml", text)]), []);
    assert_eq!(findings_of("FL004", &[("replaced.yaml", text)]).len(), 1);
}

/// FL409's natural-key fix writes the new key on a line of its own at the pk's column:
/// only when nothing but indentation comes before the pk on its line. After an explicit
/// key indicator (`? pk`) that column is not the mapping's, so no fix is offered. In a
/// flow mapping the fix writes `, name: ...` after the pk's value.
#[test]
fn fl409_places_its_natural_key_fix_only_where_the_key_fits() {
    let text = |pk_line: &str| {
        format!(
            "version: 1\nmetadata:\n  name: anchored pk\nentries:\n  - model: authentik_core.group\n    identifiers:\n      {pk_line}0a4b5c6d-1e2f-4a3b-8c9d-0e1f2a3b4c5d\n    attrs:\n      name: staff\n"
        )
    };
    let fixes = |text: String| {
        let mut settings = Settings::default();
        let rule = flowlint::rules::RULES
            .iter()
            .find(|r| r.code == "FL409")
            .expect("a rule of the registry");
        settings.rules.enable(rule);
        check::check_inputs(vec![Input::from_text("pk.yaml", text)], &settings)
            .findings
            .iter()
            .filter(|f| f.rule.code == "FL409")
            .map(|f| f.fix.is_some())
            .collect::<Vec<_>>()
    };
    assert_eq!(fixes(text("pk: ")), [true]);
    assert_eq!(fixes(text("? pk\n      : ")), [false]);
    // In a flow mapping the key goes right after the pk's value, before `,` or `}`.
    let flow = text("pk: ").replace(
        "    identifiers:\n      pk: 0a4b5c6d-1e2f-4a3b-8c9d-0e1f2a3b4c5d\n",
        "    identifiers: {pk: 0a4b5c6d-1e2f-4a3b-8c9d-0e1f2a3b4c5d}\n",
    );
    assert!(flow.contains("{pk: "), "{flow}");
    assert_eq!(fixes(flow), [true]);
}

/// FL404 also judges a blueprint applied by `path` (authentik filters its blueprint
/// instances by the identifiers given, `path` as well as `name`).
#[test]
fn fl404_judges_an_apply_by_path() {
    let text = "\
version: 1
metadata:
  name: applies by path
entries:
  - model: authentik_blueprints.metaapplyblueprint
    attrs:
      identifiers:
        path: custom/not-in-the-world.yaml
";
    let found = findings_of("FL404", &[("by-path.yaml", text)]);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(
        found[0].1.contains("path `custom/not-in-the-world.yaml`"),
        "{found:?}"
    );
}

/// FL302's messages on one tagged value under a group's `attributes`.
fn tag_argument_messages(value: &str) -> Vec<(Severity, String)> {
    let text = format!(
        "version: 1
metadata:
  name: tag arguments
entries:
  - model: authentik_core.group
    identifiers:
      name: tag-arguments
    attrs:
      attributes:
        value: {value}
"
    );
    findings_of("FL302", &[("tags.yaml", &text)])
}

/// `!Context` tests whether its key is a context key: a number never is (the default
/// applies, silently), a list cannot be one (TypeError); `!Env` needs a plain string
/// name whatever it is given.
#[test]
fn fl302_context_and_env_names() {
    assert_eq!(tag_argument_messages("!Context [5, fallback]"), []);
    let list = tag_argument_messages("!Context [[a], fallback]");
    assert_eq!(list.len(), 1, "{list:?}");
    assert!(list[0].1.contains("must be a plain string"), "{list:?}");
    let tagged = tag_argument_messages("!Context [!Format [\"%s\", a], fallback]");
    assert_eq!(tagged.len(), 1, "{tagged:?}");
    assert!(
        tagged[0].1.contains("always gives the default"),
        "{tagged:?}"
    );
    let env = tag_argument_messages("!Env [!Format [\"%s\", HOME], fallback]");
    assert_eq!(env.len(), 1, "{env:?}");
    assert!(env[0].1.contains("must be a plain string"), "{env:?}");
}

/// A `!Find` condition that is no list: an empty string fails when the entry is
/// processed (an empty condition), any other text while loading the file.
#[test]
fn fl302_find_conditions_that_are_text() {
    let empty = tag_argument_messages("!Find [authentik_flows.flow, \"\"]");
    assert_eq!(empty.len(), 1, "{empty:?}");
    assert!(empty[0].1.contains("an empty string"), "{empty:?}");
    let text = tag_argument_messages("!Find [authentik_flows.flow, slug]");
    assert_eq!(text.len(), 1, "{text:?}");
    assert!(
        text[0].1.contains("fails while loading the file"),
        "{text:?}"
    );
    // Three items: the third is ignored, a warning on it.
    let three = tag_argument_messages("!Find [authentik_flows.flow, [slug, a, b]]");
    assert_eq!(three.len(), 1, "{three:?}");
    assert_eq!(three[0].0, Severity::Warning, "{three:?}");
    assert!(
        three[0]
            .1
            .contains("uses the first two and ignores the rest"),
        "{three:?}"
    );
}

/// `!Enumerate` takes three items; a fourth is ignored, a warning on it.
#[test]
fn fl302_enumerate_with_a_fourth_item() {
    let four = tag_argument_messages("!Enumerate [[a, b], SEQ, !Value 0, extra]");
    assert_eq!(four.len(), 1, "{four:?}");
    assert_eq!(four[0].0, Severity::Warning, "{four:?}");
    assert!(
        four[0].1.contains("ignores everything after the third"),
        "{four:?}"
    );
}

/// `!AtIndex` on a written list is judged only when the key is written too: a tag's
/// key may give any index.
#[test]
fn fl302_at_index_with_a_tagged_key_is_not_judged() {
    assert_eq!(tag_argument_messages("!AtIndex [[a, b], !Context idx]"), []);
    let written = tag_argument_messages("!AtIndex [[a, b], idx]");
    assert_eq!(written.len(), 1, "{written:?}");
    assert!(written[0].1.contains("indexed by a number"), "{written:?}");
    // Python's list indexing: `True` is 1, -2 is the first of two items, -3 and 0 of
    // an empty list are out of range.
    assert_eq!(tag_argument_messages("!AtIndex [[a, b], true]"), []);
    assert_eq!(tag_argument_messages("!AtIndex [[a, b], -2]"), []);
    for (list, index) in [("[a, b]", "-3"), ("[]", "0"), ("[a, b]", "2")] {
        let out = tag_argument_messages(&format!("!AtIndex [{list}, {index}]"));
        assert_eq!(out.len(), 1, "{list} {index}: {out:?}");
        assert!(out[0].1.contains("out of range"), "{out:?}");
    }
}
