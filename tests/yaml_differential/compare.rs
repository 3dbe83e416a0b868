//! flowlint's answer for one case, compared with the oracle's, and the allowlist.

use std::path::Path;

use flowlint::check::{Settings, check_text};
use flowlint::rules::RULES;
use flowlint::yaml::{Node, NodeKind, ScalarValue, load};

use super::oracle::Answer;

/// A scalar's type and, for bool, int and float, its Python repr.
pub type Typed = (String, Option<String>);

pub struct Case {
    pub name: String,
    pub text: String,
}

pub enum Verdict {
    Agree,
    Allowed,
    Disagree(String),
}

/// The rules whose findings mean "authentik cannot load this file": the YAML layer's
/// problems, an unknown tag, and a tag its constructor cannot build.
const LOAD_RULES: &[&str] = &[
    "FL001", "FL002", "FL003", "FL005", "FL006", "FL301", "FL302",
];

fn load_settings() -> Settings {
    let mut settings = Settings::default();
    for rule in RULES {
        if !LOAD_RULES.contains(&rule.code) {
            settings.rules.disable(rule);
        }
    }
    settings
}

/// `None` when flowlint says the file loads, else the first reason.
fn flowlint_failure(text: &str) -> Option<String> {
    thread_local! {
        static SETTINGS: Settings = load_settings();
    }
    let report = SETTINGS.with(|s| check_text("mutant.yaml", text, s));
    report
        .findings
        .iter()
        .find(|f| {
            f.rule.code != "FL302" || f.label.as_deref() == Some("authentik cannot load this")
        })
        .map(|f| format!("{} {}", f.rule.code, f.message))
}

/// Every scalar once (aliases and merged copies share their original's span), in
/// document order, typed as the oracle prints it.
fn flowlint_values(text: &str) -> Vec<(String, Option<String>)> {
    let loaded = load(text);
    // (start, end, an empty key (kept apart from the empty value beside it), order)
    let mut out: Vec<(u32, u32, bool, usize, Typed)> = Vec::new();
    let mut stack: Vec<(&Node, bool)> = loaded.root.iter().map(|n| (n, false)).collect();
    while let Some((node, is_key)) = stack.pop() {
        match &node.kind {
            // The stand-in for an alias inside its own anchored node (a recursive
            // structure PyYAML builds and a tree cannot hold).
            NodeKind::Scalar(_)
                if node.span.is_empty()
                    && text
                        .get(node.span.start as usize..)
                        .is_some_and(|rest| rest.starts_with('*')) => {}
            NodeKind::Scalar(scalar) => {
                let typed = if node.is_custom_tagged() {
                    ("tag".to_string(), None)
                } else {
                    match scalar.value() {
                        ScalarValue::Null => ("null".into(), None),
                        ScalarValue::Bool(b) => {
                            ("bool".into(), Some(if b { "True" } else { "False" }.into()))
                        }
                        ScalarValue::Int(i) => ("int".into(), Some(i.to_string())),
                        ScalarValue::BigInt => ("int".into(), None),
                        ScalarValue::Float(f) => ("float".into(), Some(python_float(f))),
                        ScalarValue::Timestamp => ("timestamp".into(), None),
                        ScalarValue::Binary => ("binary".into(), None),
                        ScalarValue::Str => ("str".into(), None),
                    }
                };
                let order = out.len();
                // An empty key and its empty value (`[?]`) may share one span.
                let empty_key = is_key && scalar.text.is_empty();
                out.push((node.span.start, node.span.end, empty_key, order, typed));
            }
            NodeKind::Seq(items) => stack.extend(items.iter().rev().map(|n| (n, false))),
            NodeKind::Map(pairs) => {
                // Merged pairs too: a merged inline mapping is only reachable there
                // (copies of aliased ones share their spans and count once).
                for pair in pairs.iter().rev() {
                    stack.push((&pair.value, false));
                    stack.push((&pair.key, true));
                }
            }
        }
    }
    out.sort_by_key(|(start, end, empty_key, order, _)| (*start, *end, *empty_key, *order));
    out.dedup_by(|a, b| a.0 == b.0 && a.1 == b.1 && a.2 == b.2);
    out.sort_by_key(|(start, _, empty_key, order, _)| (*start, !*empty_key, *order));
    out.into_iter().map(|(_, _, _, _, typed)| typed).collect()
}

fn python_float(f: f64) -> String {
    if f.is_nan() {
        "nan".into()
    } else if f.is_infinite() {
        if f > 0.0 { "inf".into() } else { "-inf".into() }
    } else {
        format!("{f:?}")
    }
}

fn same_value(ours: &(String, Option<String>), theirs: &(String, Option<String>)) -> bool {
    // A scalar authentik never constructs (under `!KeyOf [..]`) has no type to compare.
    if theirs.0 == "error" {
        return true;
    }
    if ours.0 != theirs.0 {
        return false;
    }
    match (&ours.1, &theirs.1) {
        (Some(a), Some(b)) if ours.0 == "float" => {
            let (x, y): (f64, f64) = (a.parse().unwrap_or(f64::NAN), b.parse().unwrap_or(0.0));
            x == y || (x.is_nan() && y.is_nan())
        }
        (Some(a), Some(b)) => a == b,
        // A big integer: flowlint keeps the text, the type is what matters.
        (None, _) | (_, None) => true,
    }
}

/// What flowlint says about one case: why it does not load, or its scalars' types.
pub struct Ours {
    failure: Option<String>,
    values: Vec<(String, Option<String>)>,
}

pub fn ours(case: &Case) -> Ours {
    let failure = flowlint_failure(&case.text);
    let values = if failure.is_none() {
        flowlint_values(&case.text)
    } else {
        Vec::new()
    };
    Ours { failure, values }
}

pub fn compare(case: &Case, ours: &Ours, answer: &Answer, allow: &Allowlist) -> Verdict {
    let failure = &ours.failure;
    let disagreement = match (&failure, answer.loads) {
        (None, false) => Some((
            "miss",
            format!(
                "PyYAML fails ({}: {}), flowlint loads",
                answer.error.as_deref().unwrap_or("?"),
                first_line(&answer.message)
            ),
        )),
        (Some(why), true) => Some(("false-alarm", format!("PyYAML loads, flowlint: {why}"))),
        (Some(_), false) => None,
        (None, true) => {
            let ours = &ours.values;
            let differs = ours.len() != answer.values.len()
                || ours
                    .iter()
                    .zip(&answer.values)
                    .any(|(a, b)| !same_value(a, b));
            differs.then(|| {
                let at = ours
                    .iter()
                    .zip(&answer.values)
                    .position(|(a, b)| !same_value(a, b))
                    .unwrap_or(ours.len().min(answer.values.len()));
                (
                    "values",
                    format!(
                        "scalar {at} typed {:?} by flowlint, {:?} by PyYAML ({} and {} scalars)",
                        ours.get(at),
                        answer.values.get(at),
                        ours.len(),
                        answer.values.len()
                    ),
                )
            })
        }
    };
    match disagreement {
        None => Verdict::Agree,
        Some((kind, what)) if allow.explains(kind, answer, &case.text) => {
            let _ = what;
            Verdict::Allowed
        }
        Some((kind, what)) => Verdict::Disagree(format!("{kind}: {what}")),
    }
}

fn first_line(text: &str) -> &str {
    text.lines().next().unwrap_or("")
}

/// `kind | oracle error | text the case contains | reason`, `*` for any; `\t`, `\n`,
/// `\r` and `\u{…}` escapes in the text part.
pub struct Allowlist(Vec<(String, String, String)>);

impl Allowlist {
    pub fn load(path: &Path) -> Allowlist {
        let text = std::fs::read_to_string(path).unwrap_or_default();
        let mut entries = Vec::new();
        for line in text.lines() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let parts: Vec<&str> = line.splitn(4, '|').map(str::trim).collect();
            assert!(
                parts.len() == 4 && !parts[3].is_empty(),
                "allowlist entries are `kind | error | contains | reason`: {line}"
            );
            entries.push((parts[0].into(), parts[1].into(), unescape(parts[2])));
        }
        Allowlist(entries)
    }

    fn explains(&self, kind: &str, answer: &Answer, text: &str) -> bool {
        self.0.iter().any(|(k, error, contains)| {
            (k == "*" || k == kind)
                && (error == "*" || answer.error.as_deref() == Some(error.as_str()))
                && (contains == "*" || text.contains(contains.as_str()))
        })
    }
}

fn unescape(text: &str) -> String {
    let mut out = String::new();
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('t') => out.push('\t'),
            Some('n') => out.push('\n'),
            Some('r') => out.push('\r'),
            Some('u') => {
                let hex: String = chars
                    .by_ref()
                    .skip_while(|c| *c == '{')
                    .take_while(|c| *c != '}')
                    .collect();
                if let Some(ch) = u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32) {
                    out.push(ch);
                }
            }
            Some(other) => out.push(other),
            None => out.push('\\'),
        }
    }
    out
}
