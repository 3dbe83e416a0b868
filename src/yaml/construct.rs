//! What PyYAML's `SafeLoader` fails to construct although the YAML parses: core tags
//! it has no constructor for, the YAML 1.1 `=` value and `<<` merge scalars outside a
//! key, values a core tag cannot take, and collections used as mapping keys. authentik
//! cannot load such a file at all.

use super::build::Build;
use super::node::{Node, NodeKind, ScalarKind, ScalarStyle};
use super::outcome::{YamlProblem, YamlProblemKind};
use super::python::{self, Failure};

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
            // PyYAML's resolver types a plain `=` as `tag:yaml.org,2002:value` (a key
            // becomes a string) and a plain `<<` as the merge key: elsewhere neither
            // has a constructor.
            if &*scalar.text == "=" && !as_key {
                return fail(undefined("value"));
            }
            if &*scalar.text == "<<" && !as_key {
                return fail(undefined("merge"));
            }
            if scalar.kind == ScalarKind::Timestamp {
                if let Err(failure) = python::construct_timestamp(&scalar.text) {
                    return fail(constructor_failure("a timestamp", &scalar.text, failure));
                }
            }
        }
        (NodeKind::Scalar(scalar), Some(tag @ ("!!merge" | "!!value"))) => {
            if !as_key {
                return fail(undefined(&tag[2..]));
            }
            let _ = scalar;
        }
        (NodeKind::Scalar(scalar), Some(tag)) => {
            let text = &*scalar.text;
            let outcome = match tag {
                "!!null" | "!!str" => Ok(()),
                "!!bool" => python::construct_bool(text).map(drop),
                "!!int" => python::construct_int(text).map(drop),
                "!!float" => python::construct_float(text).map(drop),
                "!!binary" => python::construct_binary(text),
                "!!timestamp" => python::construct_timestamp(text),
                _ => return fail(tag_problem(tag, "a scalar")),
            };
            if let Err(failure) = outcome {
                return fail(constructor_failure(&format!("`{tag}`"), text, failure));
            }
        }
        (NodeKind::Seq(items), Some("!!omap" | "!!pairs")) => {
            if let Some(item) = items
                .iter()
                .find(|i| i.as_map().is_none_or(|m| m.len() != 1))
            {
                return Err(YamlProblem {
                    kind: YamlProblemKind::Syntax,
                    span: item.span,
                    message: format!(
                        "`{}` takes a list of one-pair mappings, but this item is {}: PyYAML fails to construct it",
                        core_tag.unwrap_or_default(),
                        item.kind_with_article()
                    ),
                });
            }
        }
        (NodeKind::Seq(_), Some(tag)) if tag != "!!seq" => {
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

fn constructor_failure(what: &str, text: &str, failure: Failure) -> String {
    match failure {
        Failure::Yaml(message) => format!(
            "{what} cannot take the value `{}`: PyYAML fails to construct it ({message})",
            short(text)
        ),
        Failure::Escapes(class, message) => format!(
            "{what} cannot take the value `{}`: PyYAML raises {class} ({message}), which is not a YAMLError: it escapes authentik's `except YAMLError`, so the whole blueprint discovery run fails, not just this file",
            short(text)
        ),
    }
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
    // A YAML 1.1 line break PyYAML kept in the value is shown as an escape.
    let mut out: String = text
        .chars()
        .take(40)
        .flat_map(|c| match c {
            '\u{2028}' | '\u{2029}' => c.escape_unicode().collect::<Vec<_>>(),
            _ => vec![c],
        })
        .collect();
    if text.chars().nth(40).is_some() {
        out.push('…');
    }
    out
}

/// [`check`] on `node` (built as `build`) and on everything in it
/// PyYAML builds.
pub(super) fn check_subtree(node: &Node, build: Build, as_key: bool) -> Result<(), YamlProblem> {
    if build == Build::Built {
        check(node, as_key)?;
    }
    let tag = node.tag_name();
    match &node.kind {
        NodeKind::Scalar(_) => {}
        NodeKind::Seq(items) => {
            for (i, item) in items.iter().enumerate() {
                check_subtree(item, build.child(tag, Some(i)), false)?;
            }
        }
        NodeKind::Map(pairs) => {
            let build = build.child(tag, None);
            for pair in pairs.iter().filter(|p| !p.merged) {
                check_subtree(&pair.key, build, true)?;
                check_subtree(&pair.value, build, false)?;
            }
        }
    }
    Ok(())
}
