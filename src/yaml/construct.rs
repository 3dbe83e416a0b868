//! What PyYAML's `SafeLoader` fails to construct although the YAML parses: core tags
//! it has no constructor for, the YAML 1.1 `=` value and `<<` merge scalars outside a
//! key, values a core tag cannot take, and collections used as mapping keys. authentik
//! cannot load such a file at all.

use super::node::{Node, NodeKind, ScalarStyle};
use super::outcome::{YamlProblem, YamlProblemKind};
use super::scalar::resolve_core_tagged;

/// Check one node as it is placed in its parent (`as_key`: as a mapping key).
pub(super) fn check(node: &Node, as_key: bool) -> Result<(), YamlProblem> {
    let fail = |message: String| {
        Err(YamlProblem {
            kind: YamlProblemKind::Syntax,
            span: node.span,
            message,
        })
    };
    let core_tag = node.tag_name().filter(|t| t.starts_with("!!"));
    match (&node.kind, core_tag) {
        (NodeKind::Scalar(scalar), None) if scalar.style == ScalarStyle::Plain => {
            // PyYAML's resolver types a plain `=` as `tag:yaml.org,2002:value` and a
            // plain `<<` as the merge key, which only a mapping key can be.
            if &*scalar.text == "=" {
                return fail(undefined("value"));
            }
            if &*scalar.text == "<<" && !as_key {
                return fail(undefined("merge"));
            }
        }
        (NodeKind::Scalar(scalar), Some(tag)) => {
            let known = matches!(
                tag,
                "!!null" | "!!bool" | "!!int" | "!!float" | "!!binary" | "!!timestamp" | "!!str"
            );
            if !known {
                return fail(tag_problem(tag, "a scalar"));
            }
            if resolve_core_tagged(tag, &scalar.text).is_none() {
                return fail(format!(
                    "`{tag}` cannot take the value `{}`: PyYAML fails to construct it",
                    short(&scalar.text)
                ));
            }
        }
        (NodeKind::Seq(_), Some(tag)) if !matches!(tag, "!!seq" | "!!omap" | "!!pairs") => {
            return fail(tag_problem(tag, "a sequence"));
        }
        (NodeKind::Map(_), Some(tag)) if !matches!(tag, "!!map" | "!!set") => {
            return fail(tag_problem(tag, "a mapping"));
        }
        _ => {}
    }
    let collection = matches!(node.kind, NodeKind::Seq(_) | NodeKind::Map(_));
    if as_key && collection && !node.is_custom_tagged() {
        return fail(
            "found unhashable key: a list or mapping cannot be a mapping key (PyYAML builds a Python dict)"
                .to_owned(),
        );
    }
    Ok(())
}

fn undefined(name: &str) -> String {
    format!(
        "could not determine a constructor for the tag 'tag:yaml.org,2002:{name}' (PyYAML's safe loader); quote the value"
    )
}

fn tag_problem(tag: &str, on: &str) -> String {
    let name = tag.trim_start_matches("!!");
    match name {
        "null" | "bool" | "int" | "float" | "binary" | "timestamp" | "str" | "seq" | "omap"
        | "pairs" | "map" | "set" => {
            format!("`{tag}` cannot be put on {on}: PyYAML fails to construct it")
        }
        _ => format!(
            "could not determine a constructor for the tag 'tag:yaml.org,2002:{name}' (PyYAML's safe loader)"
        ),
    }
}

fn short(text: &str) -> String {
    let mut out: String = text.chars().take(40).collect();
    if out.len() < text.len() {
        out.push('…');
    }
    out
}
