//! Helpers of the `rule_conditions_*` tests: one-file checks of small blueprints.
#![allow(dead_code)]

use flowlint::check::{self, Input, Report, Settings};

/// A one-file check of `text` with `settings`.
pub fn check_with(text: &str, settings: &Settings) -> Report {
    check::check_inputs(
        vec![Input::from_text("values.yaml", text.to_string())],
        settings,
    )
}

/// A one-file check of `text` judged against authentik `version`.
pub fn check_at(text: &str, version: &str) -> Report {
    let settings = Settings {
        target: flowlint::catalog::Target::parse(version).expect("a release"),
        ..Settings::default()
    };
    check_with(text, &settings)
}

/// The text under each finding of `code` in a one-file check of `text`.
pub fn flagged(code: &str, text: &str) -> Vec<String> {
    check_with(text, &Settings::default())
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
    check_with(text, &Settings::default())
        .findings
        .iter()
        .map(|f| f.rule.code)
        .collect()
}

pub fn messages(code: &str, text: &str) -> Vec<String> {
    check_with(text, &Settings::default())
        .findings
        .iter()
        .filter(|f| f.rule.code == code)
        .map(|f| f.message.clone())
        .collect()
}
