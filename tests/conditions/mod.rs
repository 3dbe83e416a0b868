//! Helpers of the `rule_conditions_*` tests: one-file checks of small blueprints.
#![allow(dead_code)]

use flowlint::check::{self, Input, Settings};

/// The text under each finding of `code` in a one-file check of `text`.
pub fn flagged(code: &str, text: &str) -> Vec<String> {
    let report = check::check_inputs(
        vec![Input::from_text("values.yaml", text.to_string())],
        &Settings::default(),
    );
    report
        .findings
        .iter()
        .filter(|f| f.rule.code == code)
        .map(|f| text[f.span.start as usize..f.span.end as usize].to_string())
        .collect()
}

pub fn blueprint(entries: &str) -> String {
    format!("version: 1\nmetadata:\n  name: values\nentries:\n{entries}")
}

pub fn codes(text: &str) -> Vec<&'static str> {
    let report = check::check_inputs(
        vec![Input::from_text("values.yaml", text.to_string())],
        &Settings::default(),
    );
    report.findings.iter().map(|f| f.rule.code).collect()
}

pub fn messages(code: &str, text: &str) -> Vec<String> {
    let report = check::check_inputs(
        vec![Input::from_text("values.yaml", text.to_string())],
        &Settings::default(),
    );
    report
        .findings
        .iter()
        .filter(|f| f.rule.code == code)
        .map(|f| f.message.clone())
        .collect()
}
