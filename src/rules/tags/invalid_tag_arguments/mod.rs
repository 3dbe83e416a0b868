use crate::catalog::{Release, describe_releases};
use crate::declare_rule;
use crate::finding::{Severity, Sink};
use crate::model::TagKind;
use crate::rules::TagCx;
use crate::source::Span;
use crate::yaml::{Node, NodeKind, ScalarValue};

use super::{describe, shape, tag_span};

mod items;

use items::{check_depth, check_enumerate, check_find_pair, check_lookup};

declare_rule! {
    /// ## What it does
    /// Checks that each tag is given the YAML node and the number of arguments authentik
    /// expects: `!KeyOf`, `!ParseJSON` a scalar; `!Index`/`!Value` an integer depth;
    /// `!Env`, `!File`, `!Context` a scalar or `[name, default]`; `!Format` a plain
    /// format string and its arguments; `!Find`/`!FindObject` a model and `[field,
    /// value]` pairs (a literal model must exist in the target release: the app label
    /// is case-sensitive); `!Condition` a mode and at least one value; `!If` 1 or 3 items;
    /// `!Enumerate` `[iterable, SEQ|MAP, body]`; `!AtIndex` 2 or 3 items (and a lookup
    /// written out in full with no default must find its index or key).
    ///
    /// ## Why is this bad?
    /// The tags are built while the YAML is loaded: many shape errors (`!If` with two
    /// items, `!Index abc`, `!Format` given a string) raise a Python exception before any
    /// validation, and discovery and import fail with an unhandled error. The others fail
    /// the entry when it is processed, or silently ignore the extra items.
    ///
    /// ## Severity
    /// Error: a malformed tag raises while the YAML is loaded or when the entry is
    /// processed, and the blueprint fails. Extra items authentik silently ignores are a
    /// warning.
    ///
    /// ## Example
    /// ```yaml
    /// attrs:
    ///   session_duration: !If [!Context long_sessions, "days=30"]
    ///   order: !Index first
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// attrs:
    ///   session_duration: !If [!Context long_sessions, "days=30", "seconds=0"]
    ///   order: !Index 0
    /// ```
    pub static INVALID_TAG_ARGUMENTS = {
        code: "FL302",
        name: "invalid-tag-arguments",
        family: Tags,
        severity: Error,
        summary: "A tag is given the wrong kind of node or the wrong number of arguments",
        check: crate::rules::Check::Tag(check),
    };
}

/// How the tag is written correctly.
fn usage(kind: TagKind) -> &'static str {
    match kind {
        TagKind::KeyOf => "`!KeyOf entry-id`",
        TagKind::ParseJson => "`!ParseJSON '{\"key\": \"value\"}'`",
        TagKind::Index => "`!Index 0`",
        TagKind::Value => "`!Value 0`",
        TagKind::Env => "`!Env NAME` or `!Env [NAME, default]`",
        TagKind::File => "`!File path` or `!File [path, default]`",
        TagKind::Context => "`!Context key` or `!Context [key, default]`",
        TagKind::Format => "`!Format [\"%s-suffix\", value]`",
        TagKind::Find => "`!Find [app_label.model, [field, value]]`",
        TagKind::FindObject => "`!FindObject [app_label.model, [field, value]]`",
        TagKind::Condition => "`!Condition [AND, value, ...]`",
        TagKind::If => "`!If [condition]` or `!If [condition, then, else]`",
        TagKind::Enumerate => "`!Enumerate [iterable, SEQ, body]` (or `MAP`)",
        TagKind::AtIndex => "`!AtIndex [object, key]` or `!AtIndex [object, key, default]`",
    }
}

/// Python's type name of what the loader builds for a node.
fn python_type(node: &Node) -> String {
    if let Some(kind) = node.tag_name().and_then(TagKind::from_name) {
        return kind.name().trim_start_matches('!').to_string();
    }
    match &node.kind {
        NodeKind::Scalar(s) => match s.value() {
            ScalarValue::Null => "NoneType",
            ScalarValue::Bool(_) => "bool",
            ScalarValue::Int(_) | ScalarValue::BigInt => "int",
            ScalarValue::Float(_) => "float",
            ScalarValue::Timestamp => "datetime.date",
            ScalarValue::Binary => "bytes",
            ScalarValue::Str => "str",
        }
        .to_string(),
        NodeKind::Seq(_) => "list".to_string(),
        NodeKind::Map(_) => "dict".to_string(),
    }
}

/// A model id `apps.get_model` cannot find in `release` (every concrete model,
/// base models included), and not one a development branch is known to have.
fn is_unknown_model(release: &Release, id: &str) -> bool {
    release.model(id).is_none() && release.newer_model_hint(id).is_none()
}

/// What authentik does with the mistake.
#[derive(Clone, Copy)]
enum Outcome {
    /// The tag cannot be built: loading the file fails.
    Load,
    /// The entry fails (or the import crashes) when the tag is resolved.
    Entry,
    /// authentik ignores the extra items.
    Ignored,
    /// authentik goes on, silently doing something else than written.
    Silent,
}

struct Report<'s> {
    sink: &'s mut Sink,
    kind: TagKind,
    /// In a value a later duplicate key replaces: only load failures matter there.
    replaced: bool,
}

impl Report<'_> {
    fn at(&mut self, span: Span, message: String, outcome: Outcome) {
        let kind = self.kind;
        if self.replaced && !matches!(outcome, Outcome::Load) {
            return;
        }
        let (label, severity) = match outcome {
            Outcome::Load => ("authentik cannot load this", Severity::Error),
            Outcome::Entry => ("fails when the entry is processed", Severity::Error),
            Outcome::Ignored => ("ignored by authentik", Severity::Warning),
            Outcome::Silent => ("not what authentik does", Severity::Warning),
        };
        let message = if self.replaced {
            format!(
                "{message} (PyYAML builds this value although a later duplicate key replaces it)"
            )
        } else {
            message
        };
        let finding = self.sink.report(&INVALID_TAG_ARGUMENTS, span, message);
        finding.severity = severity;
        finding
            .label(label)
            .help(format!("write it as {}", usage(kind)));
    }
}

fn check(cx: &TagCx<'_, '_>, sink: &mut Sink) {
    let Some(kind) = cx.kind else { return };
    let node = cx.node;
    let name = kind.name();
    let release = cx.target().release;
    let mut report = Report {
        sink,
        kind,
        replaced: cx.replaced,
    };
    let tag = tag_span(node);
    match kind {
        TagKind::KeyOf | TagKind::ParseJson => {
            if node.as_scalar().is_none() {
                let outcome = if kind == TagKind::KeyOf {
                    "authentik looks for an entry with that value as its `id` and fails with \"KeyOf: failed to find entry\""
                } else {
                    "authentik passes the node to `json.loads` and crashes with a TypeError"
                };
                report.at(
                    tag,
                    format!(
                        "`{name}` takes a scalar, but is given {}; {outcome}",
                        shape(node)
                    ),
                    Outcome::Entry,
                );
            }
        }
        TagKind::Index | TagKind::Value => check_depth(&mut report, node, tag),
        TagKind::Env | TagKind::File | TagKind::Context => check_lookup(&mut report, node, tag),
        TagKind::Format => {
            let Some(items) = expect_items(&mut report, node, tag, 1) else {
                return;
            };
            let fmt = &items[0];
            if fmt.as_str().is_none() {
                report.at(
                    fmt.span,
                    format!(
                        "the format string of `!Format` must be a plain string, but this is {}; authentik fails with \"unsupported operand type(s) for %: '{}' and 'tuple'\"",
                        describe(fmt),
                        python_type(fmt)
                    ),
                    Outcome::Entry,
                );
            }
        }
        TagKind::Find | TagKind::FindObject => {
            let Some(items) = expect_items(&mut report, node, tag, 1) else {
                return;
            };
            let model = &items[0];
            if !model.is_custom_tagged() && model.as_str().is_none() {
                report.at(
                    model.span,
                    format!("the model of `{name}` must be a string `app_label.model`, but this is {}; authentik crashes when the entry is processed", describe(model)),
                    Outcome::Entry,
                );
            }
            if let Some(id) = model.as_str().filter(|id| is_unknown_model(release, id)) {
                let version = release.version();
                let elsewhere = describe_releases(|other| other.model(id).is_some())
                    .map(|when| format!(" (it exists {when})"))
                    .unwrap_or_default();
                report.at(
                    model.span,
                    format!("`{name}` looks up `{id}`, a model authentik {version} does not have{elsewhere}; the lookup fails with Django's LookupError and the entry with it"),
                    Outcome::Entry,
                );
            }
            for pair in &items[1..] {
                check_find_pair(&mut report, pair);
            }
        }
        TagKind::Condition => {
            let Some(items) = expect_items(&mut report, node, tag, 1) else {
                return;
            };
            if items.len() == 1 {
                report.at(
                    tag,
                    "`!Condition` has a mode but no values; authentik fails with \"At least one value is required after mode selection.\"".to_string(),
                    Outcome::Entry,
                );
            }
            let mode = &items[0];
            if mode.is_custom_tagged() || mode.as_scalar().is_none() {
                report.at(
                    mode.span,
                    format!(
                        "the mode of `!Condition` must be written as a plain word (AND, OR, ...), but this is {}; authentik does not resolve it and crashes calling `.upper()` on it",
                        describe(mode)
                    ),
                    Outcome::Entry,
                );
            }
        }
        TagKind::If => {
            let Some(items) = expect_items(&mut report, node, tag, 1) else {
                return;
            };
            match items.len() {
                1 | 3 => {}
                2 => report.at(
                    tag,
                    "`!If` has 2 items: a condition and one branch; authentik reads the missing else branch while loading the file and fails (IndexError)".to_string(),
                    Outcome::Load,
                ),
                n => report.at(
                    items[3].span,
                    format!("`!If` takes 1 or 3 items, but has {n}; authentik ignores everything after the third"),
                    Outcome::Ignored,
                ),
            }
        }
        TagKind::Enumerate => check_enumerate(&mut report, node, tag),
        TagKind::AtIndex => {
            let Some(items) = expect_items(&mut report, node, tag, 2) else {
                return;
            };
            if items.len() > 3 {
                report.at(
                    items[3].span,
                    format!("`!AtIndex` takes 2 or 3 items, but has {}; authentik ignores everything after the third", items.len()),
                    Outcome::Ignored,
                );
            }
            let obj = &items[0];
            if !obj.is_custom_tagged()
                && obj
                    .as_scalar()
                    .is_some_and(|s| !matches!(s.value(), ScalarValue::Str))
            {
                report.at(
                    obj.span,
                    format!(
                        "`!AtIndex` looks up a key in a list or a mapping, but is given {}; authentik crashes (TypeError)",
                        describe(obj)
                    ),
                    Outcome::Entry,
                );
            }
            if items.len() == 2 {
                if let Some(problem) = items::literal_lookup_problem(obj, &items[1]) {
                    report.at(items[1].span, problem, Outcome::Entry);
                }
            }
        }
    }
}

/// The items of a tag that takes a sequence of at least `min` items; reports otherwise.
fn expect_items<'n>(
    report: &mut Report<'_>,
    node: &'n Node,
    tag: Span,
    min: usize,
) -> Option<&'n [Node]> {
    let name = report.kind.name();
    let Some(items) = node.as_seq() else {
        report.at(
            tag,
            format!("`{name}` takes a sequence, but is given {}; authentik cannot build the tag and fails while loading the file", shape(node)),
            Outcome::Load,
        );
        return None;
    };
    if items.len() < min {
        let needs = if min == 1 {
            "at least 1 item".to_string()
        } else {
            format!("at least {min} items")
        };
        report.at(
            tag,
            format!("`{name}` needs {needs}, but has {}; authentik fails while loading the file (IndexError)", items.len()),
            Outcome::Load,
        );
        return None;
    }
    Some(items)
}
