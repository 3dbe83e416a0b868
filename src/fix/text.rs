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
        assert!(!is_plain_word("a b"));
    }
}
