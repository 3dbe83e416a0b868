//! FL3xx: custom tags and their arguments.

mod format_argument_mismatch;
mod index_outside_enumerate;
mod invalid_condition_mode;
mod invalid_json;
mod invalid_tag_arguments;
mod unknown_tag;

pub use format_argument_mismatch::FORMAT_ARGUMENT_MISMATCH;
pub use index_outside_enumerate::INDEX_OUTSIDE_ENUMERATE;
pub use invalid_condition_mode::INVALID_CONDITION_MODE;
pub use invalid_json::INVALID_JSON;
pub use invalid_tag_arguments::INVALID_TAG_ARGUMENTS;
pub use unknown_tag::UNKNOWN_TAG;

use crate::rules::Rule;
use crate::source::Span;
use crate::yaml::{Node, NodeKind};

/// The tag rules that judge whether PyYAML can construct a tag (so they also look
/// inside a value a later duplicate key replaces: PyYAML builds it, then drops it).
pub fn judges_construction(rule: &Rule) -> bool {
    [UNKNOWN_TAG.code, INVALID_TAG_ARGUMENTS.code].contains(&rule.code)
}

/// Where to point for the tag itself: its `!Name` token.
fn tag_span(node: &Node) -> Span {
    node.tag.as_deref().map_or(node.span, |t| t.span)
}

/// The YAML node kind, for messages about a tag's argument.
fn shape(node: &Node) -> &'static str {
    match node.kind {
        NodeKind::Scalar(_) => "a scalar",
        NodeKind::Seq(_) => "a sequence",
        NodeKind::Map(_) => "a mapping",
    }
}

/// A short description of a node for messages: a `!Context` tag, a mapping, an integer.
fn describe(node: &Node) -> String {
    match node.tag_name().filter(|_| node.is_custom_tagged()) {
        Some(tag) => format!("a `{tag}` tag"),
        None => match node.kind_name() {
            "integer" => "an integer".to_string(),
            other => format!("a {other}"),
        },
    }
}

/// The depth of an `!Index`/`!Value` tag as Python's `int()` reads it; `None` when
/// `int()` would raise.
fn parse_depth(text: &str) -> Option<i64> {
    use crate::yaml::python::decimal_digit;
    let text = text.trim();
    let (negative, digits) = match text.as_bytes().first() {
        Some(b'-') => (true, &text[1..]),
        Some(b'+') => (false, &text[1..]),
        _ => (false, text),
    };
    // Python allows single underscores between digits (`1_0`).
    if digits.is_empty()
        || digits.starts_with('_')
        || digits.ends_with('_')
        || digits.contains("__")
        || !digits
            .chars()
            .all(|c| decimal_digit(c).is_some() || c == '_')
    {
        return None;
    }
    // `int()` takes any Unicode decimal digits (`١` is 1).
    let value: i64 = digits
        .chars()
        .filter_map(|c| decimal_digit(c).and_then(|d| char::from_digit(d, 10)))
        .collect::<String>()
        .parse()
        .ok()?;
    Some(if negative { -value } else { value })
}

#[cfg(test)]
mod tests {
    use super::parse_depth;

    #[test]
    fn depth_parses_like_python_int() {
        assert_eq!(parse_depth("0"), Some(0));
        assert_eq!(parse_depth(" 2 "), Some(2));
        assert_eq!(parse_depth("+1"), Some(1));
        assert_eq!(parse_depth("-1"), Some(-1));
        assert_eq!(parse_depth("1_0"), Some(10));
        assert_eq!(parse_depth("abc"), None);
        assert_eq!(parse_depth("1.0"), None);
        assert_eq!(parse_depth(""), None);
        assert_eq!(parse_depth("0x1"), None);
        // Python's `int()` takes underscores only between digits.
        assert_eq!(parse_depth("_1"), None);
        assert_eq!(parse_depth("1_"), None);
        assert_eq!(parse_depth("1__0"), None);
        assert_eq!(parse_depth("-_1"), None);
    }
}
