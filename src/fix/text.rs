//! Building edits on YAML text: keep the quoting style of what is replaced, check the
//! text at a span is what the tree says before editing it.

use super::Edit;
use crate::source::Span;
use crate::yaml::{Node, NodeKind, ScalarStyle};

/// The span of a scalar's content as written: a plain scalar's whole span, a quoted
/// scalar's span inside the quotes. `None` for block scalars, non-scalars and a span
/// whose text does not spell the scalar's value (escapes, folded lines, a tag or anchor
/// inside the span), where editing the bytes could change more than meant.
pub fn scalar_content(text: &str, node: &Node) -> Option<Span> {
    let NodeKind::Scalar(scalar) = &node.kind else {
        return None;
    };
    let span = node.span;
    let written = text.get(span.range())?;
    let inner = match scalar.style {
        ScalarStyle::Plain => span,
        ScalarStyle::SingleQuoted | ScalarStyle::DoubleQuoted => {
            let quote = if scalar.style == ScalarStyle::SingleQuoted {
                '\''
            } else {
                '"'
            };
            if written.len() < 2 || !written.starts_with(quote) || !written.ends_with(quote) {
                return None;
            }
            Span::new(span.start + 1, span.end - 1)
        }
        ScalarStyle::Literal | ScalarStyle::Folded => return None,
    };
    (text.get(inner.range())? == &*scalar.text).then_some(inner)
}

/// The content span of the scalar written at `span` whose loaded value is `value`:
/// [`scalar_content`] for when only the span and the value are at hand.
pub fn content_at(text: &str, span: Span, value: &str) -> Option<Span> {
    let written = text.get(span.range())?;
    let inner = match written.as_bytes().first()? {
        b'\'' | b'"' if written.len() >= 2 && written.ends_with(&written[..1]) => {
            Span::new(span.start + 1, span.end - 1)
        }
        b'|' | b'>' | b'!' | b'&' | b'*' | b'\'' | b'"' => return None,
        _ => span,
    };
    (text.get(inner.range())? == value).then_some(inner)
}

/// Whether `content` means the same written plain, single- or double-quoted (no
/// quote, backslash, `: `, ` #` or leading indicator), so it can replace any scalar's
/// content in place.
pub fn is_style_neutral(content: &str) -> bool {
    !content.is_empty()
        && content.chars().all(|c| {
            c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.' | '=' | ';' | '+' | '/' | ':')
        })
        && !content.contains(": ")
        && !content.ends_with(':')
        && content.starts_with(|c: char| c.is_ascii_alphanumeric())
}

/// `value` as a YAML scalar that PyYAML reads back as the same string: plain when
/// that is unambiguous, double-quoted (escaped) otherwise.
pub fn yaml_string(value: &str) -> String {
    let indicator = |c: char| "-?:,[]{}#&*!|>'\"%@`".contains(c);
    let plain = !value.is_empty()
        && !value.starts_with(indicator)
        && !value.starts_with(' ')
        && !value.ends_with([' ', ':'])
        && !value.contains(": ")
        && !value.contains(" #")
        && value
            .chars()
            .all(|c| c.is_ascii_graphic() || c == ' ' || (!c.is_ascii() && !c.is_control()))
        && matches!(
            crate::yaml::resolve_plain(value),
            crate::yaml::ScalarValue::Str
        );
    if plain {
        return value.to_string();
    }
    let mut out = String::with_capacity(value.len() + 2);
    out.push('"');
    for c in value.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// `value` as a YAML scalar that reads back as the same string inside a flow collection
/// (`[a, b]`) too: [`yaml_string`], double-quoted when the plain form holds a flow
/// indicator.
pub fn flow_string(value: &str) -> String {
    let written = yaml_string(value);
    if written.starts_with('"') || !written.contains([',', '[', ']', '{', '}']) {
        return written;
    }
    format!("\"{}\"", value.replace('\\', "\\\\").replace('"', "\\\""))
}

/// The indentation of the line `at` is on, when only spaces and `- ` come before `at`
/// on that line (a block mapping key): the key's column. `None` in flow context.
pub fn block_key_column(text: &str, at: u32) -> Option<usize> {
    let line_start = text.get(..at as usize)?.rfind('\n').map_or(0, |i| i + 1);
    let before = &text[line_start..at as usize];
    before
        .chars()
        .all(|c| c == ' ' || c == '-')
        .then_some(before.chars().count())
}

/// Whether `word` can be written as a plain YAML key or value and read back as the same
/// string (letters, digits, `_`, `-`, `.`, not starting with `-`/`.`, not a YAML 1.1
/// boolean or null word).
pub fn is_plain_word(word: &str) -> bool {
    let reserved = [
        "y", "n", "yes", "no", "on", "off", "true", "false", "null", "~",
    ];
    !word.is_empty()
        && word
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'))
        && word.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
        && !reserved.contains(&word.to_ascii_lowercase().as_str())
}

/// Replace a scalar's content with `word`, keeping its quoting: the edit for renaming a
/// key or correcting an identifier. `None` when the scalar cannot be edited in place.
pub fn replace_word(text: &str, node: &Node, word: &str) -> Option<Edit> {
    if !is_plain_word(word) || node.tag.is_some() {
        return None;
    }
    scalar_content(text, node).map(|span| Edit::replace(span, word))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::yaml;

    fn first_key_and_value(text: &str) -> (Node, Node) {
        let loaded = yaml::load(text);
        let root = loaded.root.expect("parses");
        let pair = root.as_map().expect("map")[0].clone();
        (pair.key.clone(), pair.value.clone())
    }

    #[test]
    fn keeps_the_quotes() {
        for (text, fixed) in [
            ("attr: 1\n", "attrs: 1\n"),
            ("'attr': 1\n", "'attrs': 1\n"),
            ("\"attr\" : 1 # c\n", "\"attrs\" : 1 # c\n"),
        ] {
            let (key, _) = first_key_and_value(text);
            let edit = replace_word(text, &key, "attrs").expect("editable");
            let mut out = text.to_string();
            out.replace_range(edit.span.range(), &edit.content);
            assert_eq!(out, fixed);
        }
    }

    #[test]
    fn refuses_what_it_cannot_edit_in_place() {
        let text = "\"at\\x74r\": 1\n";
        let (key, _) = first_key_and_value(text);
        assert_eq!(replace_word(text, &key, "attrs"), None);
        let text = "k: |\n  block\n";
        let (_, value) = first_key_and_value(text);
        assert_eq!(scalar_content(text, &value), None);
        assert!(!is_plain_word("yes"));
        for value in [
            "https://a.example/cb",
            "*",
            ".*",
            "a: b",
            "yes",
            "x\"y\\",
            "#f",
            "é",
        ] {
            let text = format!("k: {}\n", yaml_string(value));
            let (_, node) = first_key_and_value(&text);
            assert_eq!(node.as_str(), Some(value), "{text}");
        }
        assert!(!is_plain_word("a b"));
        for value in ["a,b", "x]", "{y", "plain-slug", "yes", "a \"q\" ,"] {
            let text = format!("k: [{}, z]\n", flow_string(value));
            let (_, node) = first_key_and_value(&text);
            let NodeKind::Seq(items) = &node.kind else {
                panic!("{text}")
            };
            assert_eq!(items.len(), 2, "{text}");
            assert_eq!(items[0].as_str(), Some(value), "{text}");
        }
    }
}
