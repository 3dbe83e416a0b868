//! FL302's checks of single arguments and of the tags with several parts.

use crate::model::TagKind;
use crate::source::Span;
use crate::yaml::{Node, NodeKind, ScalarValue};

use super::{Outcome, Report, expect_items};
use crate::rules::tags::{describe, parse_depth, shape};

pub(super) fn check_depth(report: &mut Report<'_>, node: &Node, tag: Span) {
    let name = report.kind.name();
    let Some(text) = node.scalar_text() else {
        report.at(
            tag,
            format!("`{name}` takes an integer depth, but is given {}; authentik fails while loading the file (TypeError)", shape(node)),
            Outcome::Load,
        );
        return;
    };
    match parse_depth(text) {
        None => report.at(
            node.span,
            format!("`{name}` takes an integer depth, but `{}` is not an integer; authentik fails while loading the file (ValueError)", text.trim()),
            Outcome::Load,
        ),
        Some(depth) if depth < 0 => report.at(
            node.span,
            format!(
                "`{name}` depth is {depth}; authentik fails with \"{} tag: depth must be a positive number or zero\"",
                name.trim_start_matches('!')
            ),
            Outcome::Entry,
        ),
        Some(_) => {}
    }
}

/// `!Env`, `!File`, `!Context`: a name, or `[name, default]` with a plain name.
pub(super) fn check_lookup(report: &mut Report<'_>, node: &Node, tag: Span) {
    let name = report.kind.name();
    let items = match &node.kind {
        NodeKind::Scalar(_) => return,
        NodeKind::Map(_) => {
            let message = format!(
                "`{name}` takes a scalar or a 2-item sequence, but is given a mapping; authentik crashes when the entry is processed"
            );
            return report.at(tag, message, Outcome::Entry);
        }
        NodeKind::Seq(items) => items,
    };
    match items.len() {
        2 => {}
        0 | 1 => {
            let message = format!("`{name}` with a sequence needs 2 items (a name and a default), but has {}; authentik fails while loading the file (IndexError)", items.len());
            return report.at(tag, message, Outcome::Load);
        }
        n => report.at(
            items[2].span,
            format!("`{name}` takes a name and a default, but has {n} items; authentik ignores everything after the second"),
            Outcome::Ignored,
        ),
    }
    let key = &items[0];
    if key.as_str().is_some() {
        return;
    }
    // authentik never resolves a tag in the name position. `!Context` only tests whether
    // the object is a context key (a list or a mapping cannot be one: TypeError).
    if report.kind == TagKind::Context && (key.is_custom_tagged() || key.as_scalar().is_some()) {
        if key.is_custom_tagged() {
            let message = format!(
                "the key of `!Context` is {}, which authentik does not resolve: no context key matches it, so this always gives the default",
                describe(key)
            );
            report.at(key.span, message, Outcome::Silent);
        }
        return;
    }
    let message = format!(
        "the name given to `{name}` must be a plain string, but this is {}; authentik does not resolve it and crashes when the entry is processed (TypeError)",
        describe(key)
    );
    report.at(key.span, message, Outcome::Entry);
}

pub(super) fn check_find_pair(report: &mut Report<'_>, pair: &Node) {
    let name = report.kind.name();
    match pair.as_seq() {
        // authentik iterates over the scalar's text: an empty one gives an empty
        // condition, which fails only when the entry is processed.
        None if pair.scalar_text() == Some("") => report.at(
            pair.span,
            format!(
                "`{name}` conditions are `[field, value]` pairs, but this is an empty string; authentik crashes when the entry is processed (IndexError)"
            ),
            Outcome::Entry,
        ),
        None => report.at(
            pair.span,
            format!(
                "`{name}` conditions are `[field, value]` pairs, but this is {}; authentik fails while loading the file",
                shape(pair)
            ),
            Outcome::Load,
        ),
        Some(items) if items.len() < 2 => report.at(
            pair.span,
            format!(
                "this `{name}` condition has {} item(s), not a `[field, value]` pair; authentik crashes when the entry is processed (IndexError)",
                items.len()
            ),
            Outcome::Entry,
        ),
        Some(items) if items.len() > 2 => report.at(
            items[2].span,
            format!("this `{name}` condition has {} items; authentik uses the first two and ignores the rest", items.len()),
            Outcome::Ignored,
        ),
        Some(_) => {}
    }
}

pub(super) fn check_enumerate(report: &mut Report<'_>, node: &Node, tag: Span) {
    let Some(items) = expect_items(report, node, tag, 3) else {
        return;
    };
    if items.len() > 3 {
        report.at(
            items[3].span,
            format!("`!Enumerate` takes 3 items, but has {}; authentik ignores everything after the third", items.len()),
            Outcome::Ignored,
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
            Outcome::Entry,
        ),
        None => report.at(
            output.span,
            format!(
                "`!Enumerate` output must be the word `SEQ` or `MAP`, but this is {}; authentik crashes calling `.upper()` on it",
                describe(output)
            ),
            Outcome::Entry,
        ),
    }
    let own_context = matches!(
        iterable.tag_name().and_then(TagKind::from_name),
        Some(TagKind::Index | TagKind::Value)
    ) && iterable.scalar_text().and_then(parse_depth) == Some(0);
    if own_context {
        report.at(
            iterable.span,
            "the iterable of `!Enumerate` is its own item (depth 0); authentik fails with \"Enumerate tag's iterable references this tag's context. This is a noop. Check you are setting depth bigger than 0.\"".to_string(),
            Outcome::Entry,
        );
    } else if !iterable.is_custom_tagged()
        && iterable
            .as_scalar()
            .is_some_and(|s| !matches!(s.value(), ScalarValue::Str))
    {
        report.at(
            iterable.span,
            format!(
                "the iterable of `!Enumerate` is {}; authentik fails with \"Enumerate's iterable must be an iterable such as a sequence or a mapping\"",
                describe(iterable)
            ),
            Outcome::Entry,
        );
    }
}

/// `!AtIndex [object, key]` without a default, both written out: the lookup authentik
/// makes, when it certainly fails ("Index out of range", "Invalid index for list",
/// "Key does not exist").
pub(super) fn literal_lookup_problem(obj: &Node, key: &Node) -> Option<String> {
    if obj.is_custom_tagged() || key.is_custom_tagged() {
        return None;
    }
    let key_text = key.scalar_text()?;
    match &obj.kind {
        NodeKind::Seq(items) => match key.as_scalar()?.value() {
            ScalarValue::Int(i) => {
                let len = i64::try_from(items.len()).ok()?;
                let inside = if i < 0 { -i <= len } else { i < len };
                (!inside).then(|| format!(
                    "the list has {len} item(s), so index {i} is out of range; authentik fails with \"Index out of range: {i}\" (give a default as a third item)"
                ))
            }
            ScalarValue::Bool(_) => None,
            _ => Some(format!(
                "a list is indexed by a number, not `{key_text}`; authentik fails with \"Invalid index for list: {key_text}\""
            )),
        },
        NodeKind::Map(pairs) => {
            let wanted = key.dict_key()?;
            let present = pairs.iter().any(|p| p.key.dict_key() == Some(wanted));
            (!present).then(|| format!(
                "the mapping has no key `{key_text}`; authentik fails with \"Key does not exist: {key_text}\" (give a default as a third item)"
            ))
        }
        NodeKind::Scalar(_) => None,
    }
}
