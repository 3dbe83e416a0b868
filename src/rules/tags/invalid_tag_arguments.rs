use crate::declare_rule;
use crate::finding::{Severity, Sink};
use crate::model::TagKind;
use crate::rules::TagCx;
use crate::source::Span;
use crate::yaml::{Node, NodeKind, ScalarValue};

use super::{parse_depth, tag_span};

declare_rule! {
    /// ## What it does
    /// Checks that each tag is given the YAML node and the number of arguments authentik
    /// expects: `!KeyOf`, `!ParseJSON` a scalar; `!Index`/`!Value` an integer depth;
    /// `!Env`, `!File`, `!Context` a scalar or `[name, default]`; `!Format` a plain
    /// format string and its arguments; `!Find`/`!FindObject` a model and `[field,
    /// value]` pairs; `!Condition` a mode and at least one value; `!If` 1 or 3 items;
    /// `!Enumerate` `[iterable, SEQ|MAP, body]`; `!AtIndex` 2 or 3 items.
    ///
    /// ## Why is this bad?
    /// The tags are built while the YAML is loaded: many shape errors (`!If` with two
    /// items, `!Index abc`, `!Format` given a string) raise a Python exception before any
    /// validation, and discovery and import fail with an unhandled error. The others fail
    /// the entry when it is processed, or silently ignore the extra items.
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

fn shape(node: &Node) -> &'static str {
    match node.kind {
        NodeKind::Scalar(_) => "a scalar",
        NodeKind::Seq(_) => "a sequence",
        NodeKind::Map(_) => "a mapping",
    }
}

/// Python's type name of what the loader builds for a node.
fn python_type(node: &Node) -> String {
    if let Some(kind) = node.tag_name().and_then(TagKind::from_name) {
        return kind.name().trim_start_matches('!').to_string();
    }
    match &node.kind {
        NodeKind::Scalar(s) => match s.value {
            ScalarValue::Null => "NoneType",
            ScalarValue::Bool(_) => "bool",
            ScalarValue::Int(_) => "int",
            ScalarValue::Float(_) => "float",
            ScalarValue::Timestamp => "datetime.date",
            ScalarValue::Str => "str",
        }
        .to_string(),
        NodeKind::Seq(_) => "list".to_string(),
        NodeKind::Map(_) => "dict".to_string(),
    }
}

struct Report<'s> {
    sink: &'s mut Sink,
    kind: TagKind,
}

impl Report<'_> {
    fn at(&mut self, span: Span, message: String, severity: Severity) {
        let kind = self.kind;
        let finding = self.sink.report(&INVALID_TAG_ARGUMENTS, span, message);
        finding.severity = severity;
        finding.help(format!("write it as {}", usage(kind)));
    }
}

fn check(cx: &TagCx<'_, '_>, sink: &mut Sink) {
    let Some(kind) = cx.kind else { return };
    let node = cx.node;
    let name = kind.name();
    let mut report = Report { sink, kind };
    let tag = tag_span(node);
    match kind {
        TagKind::KeyOf | TagKind::ParseJson => {
            if node.as_scalar().is_none() {
                let outcome = if kind == TagKind::KeyOf {
                    "authentik looks for an entry with that value as its `id` and fails with \"KeyOf: failed to find entry\""
                } else {
                    "authentik passes the node to `json.loads` and crashes with a TypeError"
                };
                report.at(tag, format!("`{name}` takes a scalar, but is given {}; {outcome}", shape(node)), Severity::Error);
            }
        }
        TagKind::Index | TagKind::Value => check_depth(&mut report, node, tag),
        TagKind::Env | TagKind::File | TagKind::Context => match &node.kind {
            NodeKind::Scalar(_) => {}
            NodeKind::Map(_) => report.at(
                tag,
                format!("`{name}` takes a scalar or a 2-item sequence, but is given a mapping; authentik crashes when the entry is processed"),
                Severity::Error,
            ),
            NodeKind::Seq(items) => match items.len() {
                2 => {}
                0 | 1 => report.at(
                    tag,
                    format!("`{name}` with a sequence needs 2 items (a name and a default), but has {}; authentik fails while loading the file (IndexError)", items.len()),
                    Severity::Error,
                ),
                n => report.at(
                    items[2].span,
                    format!("`{name}` takes a name and a default, but has {n} items; authentik ignores everything after the second"),
                    Severity::Warning,
                ),
            },
        },
        TagKind::Format => {
            let Some(items) = expect_items(&mut report, node, tag, 1) else { return };
            let fmt = &items[0];
            if fmt.as_str().is_none() {
                report.at(
                    fmt.span,
                    format!(
                        "the format string of `!Format` must be a plain string, but this is {}; authentik fails with \"unsupported operand type(s) for %: '{}' and 'tuple'\"",
                        describe(fmt),
                        python_type(fmt)
                    ),
                    Severity::Error,
                );
            }
        }
        TagKind::Find | TagKind::FindObject => {
            let Some(items) = expect_items(&mut report, node, tag, 1) else { return };
            for pair in &items[1..] {
                check_find_pair(&mut report, pair);
            }
        }
        TagKind::Condition => {
            let Some(items) = expect_items(&mut report, node, tag, 1) else { return };
            if items.len() == 1 {
                report.at(
                    tag,
                    "`!Condition` has a mode but no values; authentik fails with \"At least one value is required after mode selection.\"".to_string(),
                    Severity::Error,
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
                    Severity::Error,
                );
            }
        }
        TagKind::If => {
            let Some(items) = expect_items(&mut report, node, tag, 1) else { return };
            match items.len() {
                1 | 3 => {}
                2 => report.at(
                    tag,
                    "`!If` has 2 items: a condition and one branch; authentik reads the missing else branch while loading the file and fails (IndexError)".to_string(),
                    Severity::Error,
                ),
                n => report.at(
                    items[3].span,
                    format!("`!If` takes 1 or 3 items, but has {n}; authentik ignores everything after the third"),
                    Severity::Warning,
                ),
            }
        }
        TagKind::Enumerate => check_enumerate(&mut report, node, tag),
        TagKind::AtIndex => {
            let Some(items) = expect_items(&mut report, node, tag, 2) else { return };
            if items.len() > 3 {
                report.at(
                    items[3].span,
                    format!("`!AtIndex` takes 2 or 3 items, but has {}; authentik ignores everything after the third", items.len()),
                    Severity::Warning,
                );
            }
            let obj = &items[0];
            if !obj.is_custom_tagged()
                && obj.as_scalar().is_some_and(|s| !matches!(s.value, ScalarValue::Str))
            {
                report.at(
                    obj.span,
                    format!(
                        "`!AtIndex` looks up a key in a list or a mapping, but is given {}; authentik crashes (TypeError)",
                        describe(obj)
                    ),
                    Severity::Error,
                );
            }
        }
    }
}

/// A short description of a node for messages: `a tag (!Context)`, `a mapping`, `an integer`.
fn describe(node: &Node) -> String {
    match node.tag_name().filter(|_| node.is_custom_tagged()) {
        Some(tag) => format!("a `{tag}` tag"),
        None => match node.kind_name() {
            "integer" => "an integer".to_string(),
            other => format!("a {other}"),
        },
    }
}

/// The items of a tag that takes a sequence of at least `min` items; reports otherwise.
fn expect_items<'n>(report: &mut Report<'_>, node: &'n Node, tag: Span, min: usize) -> Option<&'n [Node]> {
    let name = report.kind.name();
    let Some(items) = node.as_seq() else {
        report.at(
            tag,
            format!("`{name}` takes a sequence, but is given {}; authentik cannot build the tag and fails while loading the file", shape(node)),
            Severity::Error,
        );
        return None;
    };
    if items.len() < min {
        let needs = if min == 1 { "at least 1 item".to_string() } else { format!("at least {min} items") };
        report.at(
            tag,
            format!("`{name}` needs {needs}, but has {}; authentik fails while loading the file (IndexError)", items.len()),
            Severity::Error,
        );
        return None;
    }
    Some(items)
}

fn check_depth(report: &mut Report<'_>, node: &Node, tag: Span) {
    let name = report.kind.name();
    let Some(text) = node.scalar_text() else {
        report.at(
            tag,
            format!("`{name}` takes an integer depth, but is given {}; authentik fails while loading the file (TypeError)", shape(node)),
            Severity::Error,
        );
        return;
    };
    match parse_depth(text) {
        None => report.at(
            node.span,
            format!("`{name}` takes an integer depth, but `{}` is not an integer; authentik fails while loading the file (ValueError)", text.trim()),
            Severity::Error,
        ),
        Some(depth) if depth < 0 => report.at(
            node.span,
            format!(
                "`{name}` depth is {depth}; authentik fails with \"{} tag: depth must be a positive number or zero\"",
                name.trim_start_matches('!')
            ),
            Severity::Error,
        ),
        Some(_) => {}
    }
}

fn check_find_pair(report: &mut Report<'_>, pair: &Node) {
    let name = report.kind.name();
    match pair.as_seq() {
        None => report.at(
            pair.span,
            format!(
                "`{name}` conditions are `[field, value]` pairs, but this is {}; authentik fails while loading the file",
                shape(pair)
            ),
            Severity::Error,
        ),
        Some(items) if items.len() < 2 => report.at(
            pair.span,
            format!(
                "this `{name}` condition has {} item(s), not a `[field, value]` pair; authentik crashes when the entry is processed (IndexError)",
                items.len()
            ),
            Severity::Error,
        ),
        Some(items) if items.len() > 2 => report.at(
            items[2].span,
            format!("this `{name}` condition has {} items; authentik uses the first two and ignores the rest", items.len()),
            Severity::Warning,
        ),
        Some(_) => {}
    }
}

fn check_enumerate(report: &mut Report<'_>, node: &Node, tag: Span) {
    let Some(items) = expect_items(report, node, tag, 3) else { return };
    if items.len() > 3 {
        report.at(
            items[3].span,
            format!("`!Enumerate` takes 3 items, but has {}; authentik ignores everything after the third", items.len()),
            Severity::Warning,
        );
    }
    let (iterable, output) = (&items[0], &items[1]);
    match output.as_str() {
        Some(text) if matches!(text.to_ascii_uppercase().as_str(), "SEQ" | "MAP") => {}
        Some(text) => report.at(
            output.span,
            format!(
                "`!Enumerate` output must be `SEQ` or `MAP`, not `{text}`; authentik fails with \"'{}'\"",
                text.to_ascii_uppercase()
            ),
            Severity::Error,
        ),
        None => report.at(
            output.span,
            format!(
                "`!Enumerate` output must be the word `SEQ` or `MAP`, but this is {}; authentik crashes calling `.upper()` on it",
                describe(output)
            ),
            Severity::Error,
        ),
    }
    let own_context = matches!(iterable.tag_name().and_then(TagKind::from_name), Some(TagKind::Index | TagKind::Value))
        && iterable.scalar_text().and_then(parse_depth) == Some(0);
    if own_context {
        report.at(
            iterable.span,
            "the iterable of `!Enumerate` is its own item (depth 0); authentik fails with \"Enumerate tag's iterable references this tag's context. This is a noop. Check you are setting depth bigger than 0.\"".to_string(),
            Severity::Error,
        );
    } else if !iterable.is_custom_tagged()
        && iterable.as_scalar().is_some_and(|s| !matches!(s.value, ScalarValue::Str))
    {
        report.at(
            iterable.span,
            format!(
                "the iterable of `!Enumerate` is {}; authentik fails with \"Enumerate's iterable must be an iterable such as a sequence or a mapping\"",
                describe(iterable)
            ),
            Severity::Error,
        );
    }
}
