use super::secrets::{is_secret_field, literal_scalars, nested_secret_values};
use crate::declare_rule;
use crate::finding::Sink;
use crate::rules::EntryCx;
use crate::source::Span;
use crate::yaml::{Node, NodeKind};

declare_rule! {
    /// ## What it does
    /// Reports a credential written as a literal value in an entry: an attribute the
    /// catalog marks as secret (`password`, `client_secret`, `private_key`, a token's
    /// `key`, ...), or, where the catalog does not know the attribute, one whose name
    /// says it is a credential (`api_key`, `bind_password`, `*_token`, ...), also inside
    /// nested mappings such as `attributes:`. The value itself is never printed.
    ///
    /// ## Why is this bad?
    /// Blueprints live in version control and are read by CI, reviewers and anyone
    /// with access to the repository; a secret written there is leaked. authentik can
    /// read it from the server's environment or from a mounted file instead.
    ///
    /// ## Severity
    /// Warning: authentik applies the value as meant; the risk is the secret in version
    /// control, not the blueprint's behaviour.
    ///
    /// ## Example
    /// ```yaml
    /// - model: authentik_providers_oauth2.oauth2provider
    ///   identifiers:
    ///     name: grafana
    ///   attrs:
    ///     client_id: grafana
    ///     client_secret: 4c7e4933009437fb486b5389d15b1731
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    ///     client_secret: !Env GRAFANA_CLIENT_SECRET
    /// ```
    /// or `!File /run/secrets/grafana_client_secret`.
    ///
    /// ## Fix
    /// Unsafe: a plain or quoted secret scalar is replaced by `!Env OBJECT_FIELD`, named
    /// after the object's slug, name or username (e.g. `!Env GRAFANA_CLIENT_SECRET`),
    /// else after its model (`!Env OAUTH2PROVIDER_CLIENT_SECRET`), so two objects of one
    /// model read two variables: the blueprint then needs that environment
    /// variable on the authentik server, and the value must be moved there by hand. The
    /// fix never contains the value. No fix for block scalars or collections.
    pub static PLAINTEXT_SECRET = {
        code: "FL601",
        name: "plaintext-secret",
        family: Security,
        severity: Warning,
        summary: "A secret is written in plain text in the blueprint",
        check: crate::rules::Check::Entry(check),
    };
}

fn check(cx: &EntryCx<'_, '_>, sink: &mut Sink) {
    let mut reported: Vec<Span> = Vec::new();
    let mut specs = cx.field_specs();
    let sections = [(cx.entry.identifiers, false), (cx.entry.attrs, true)];
    for (section, in_attrs) in sections.into_iter().filter_map(|(p, a)| Some((p?, a))) {
        for pair in section.value.as_map().unwrap_or(&[]) {
            let Some(name) = pair.key.as_str() else {
                continue;
            };
            if is_secret_field(specs.of(pair, name), name, in_attrs) {
                report(cx, sink, &mut reported, name, &pair.key, &pair.value);
                continue;
            }
            let mut nested = Vec::new();
            nested_secret_values(&pair.value, &mut nested);
            for (key, value) in nested {
                let inner = key.as_str().unwrap_or(name);
                report(
                    cx,
                    sink,
                    &mut reported,
                    &format!("{name}.{inner}"),
                    key,
                    value,
                );
            }
        }
    }
}

fn report(
    cx: &EntryCx<'_, '_>,
    sink: &mut Sink,
    reported: &mut Vec<Span>,
    name: &str,
    key: &Node,
    value: &Node,
) {
    let mut literals = Vec::new();
    literal_scalars(value, &mut literals);
    if literals.is_empty() {
        return;
    }
    // A scalar is pointed at; a collection of literal credentials at its key.
    let span = match value.kind {
        NodeKind::Scalar(_) => value.span,
        _ => key.span,
    };
    if reported.contains(&span) {
        return;
    }
    reported.push(span);
    let what = if matches!(value.kind, NodeKind::Scalar(_)) {
        "is"
    } else {
        "holds"
    };
    sink.report(&PLAINTEXT_SECRET, span, format!("`{name}` {what} a secret written in plain text"))
        .label("plaintext secret (value not shown)")
        .help("read it at apply time with `!Env NAME` (an environment variable of the authentik server) or `!File /path/to/secret`, and keep the value out of the blueprint")
        .fix_opt(env_fix(cx, name, value));
}

/// Upper-case letters, digits and single `_`s: a word for an environment variable name.
fn env_word(text: &str) -> String {
    let mut word = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            word.push(c.to_ascii_uppercase());
        } else if !word.ends_with('_') {
            word.push('_');
        }
    }
    word.trim_matches('_').to_string()
}

/// `secret` -> `!Env OBJECT_FIELD`, for a plain or quoted scalar written in place.
fn env_fix(cx: &EntryCx<'_, '_>, name: &str, value: &Node) -> Option<crate::fix::Fix> {
    if value.tag.is_some() {
        return None;
    }
    crate::fix::text::scalar_content(&cx.file.source.text, value)?;
    let model = cx.model.map_or("", |m| m.model_name.as_str());
    // Named after the object (`GRAFANA_CLIENT_SECRET`), so two objects of one model do
    // not end up reading one variable; after the model when the object has no name.
    let object = [cx.entry.identifiers, cx.entry.attrs]
        .into_iter()
        .flatten()
        .find_map(|section| {
            ["slug", "name", "username"]
                .iter()
                .find_map(|key| section.value.get(key)?.as_str())
        })
        .map(env_word)
        .filter(|w| w.starts_with(|c: char| c.is_ascii_alphabetic()));
    let var = format!(
        "{}_{}",
        object.unwrap_or_else(|| env_word(model)),
        env_word(name)
    );
    let var = var.trim_start_matches('_').to_string();
    Some(crate::fix::Fix::unsafe_(
        format!("Read the secret from `!Env {var}`"),
        vec![crate::fix::Edit::replace(value.span, format!("!Env {var}"))],
    ))
}
