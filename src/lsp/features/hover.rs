//! `textDocument/hover`: a model or field's type, choices, limits and release; a tag's
//! semantics; a finding's rule explanation.

use lsp_types::{Hover, HoverContents, MarkupContent, MarkupKind, Position};

use super::outline::{Outline, shape, unquote};
use super::tags::tag_doc;
use crate::catalog::{FieldSpec, ModelSpec, Release};
use crate::lsp::convert::{Encoding, LineIndex};

/// The word under the cursor (model ids and tags included) and its byte range in the line.
pub fn word_at(line: &str, col: usize) -> (&str, usize) {
    let is_word = |c: char| c.is_alphanumeric() || "_.-!".contains(c);
    let col = col.min(line.len());
    let start = line[..col]
        .rfind(|c: char| !is_word(c))
        .map(|i| i + 1)
        .unwrap_or(0);
    let end = line[col..]
        .find(|c: char| !is_word(c))
        .map(|i| col + i)
        .unwrap_or(line.len());
    (&line[start..end], start)
}

pub fn hover(
    text: &str,
    position: Position,
    encoding: Encoding,
    release: &Release,
    diagnostics: &[lsp_types::Diagnostic],
) -> Option<Hover> {
    let index = LineIndex::new(text);
    let line_span = index.line_span(position.line as usize)?;
    let offset = index.offset(position, encoding);
    let line = &text[line_span.range()];
    let col = (offset - line_span.start) as usize;
    let (word, _) = word_at(line, col);
    let mut parts: Vec<String> = Vec::new();

    for d in diagnostics {
        let inside = d.range.start <= position && position <= d.range.end;
        if let (true, Some(lsp_types::NumberOrString::String(code))) = (inside, &d.code) {
            if let Some(rule) = crate::rules::by_code(code) {
                parts.push(format!(
                    "**{} {}**\n\n{}",
                    rule.code,
                    rule.name,
                    rule.documentation()
                ));
            }
        }
    }

    let word = word.trim_end_matches([':', ',']);
    if let Some(doc) = word.starts_with('!').then(|| tag_doc(word)).flatten() {
        parts.insert(0, doc);
    } else if let Some(model) = release.model(unquote(word)) {
        parts.insert(0, model_doc(release, model));
    } else {
        let shape = shape(line);
        let on_key = shape.key == Some(word) && col <= shape.key_col + word.len();
        if on_key {
            let outline = Outline::new(text);
            let (path, _) = outline.enclosing(position.line as usize, shape.key_col);
            if matches!(path.as_slice(), [.., "identifiers" | "attrs"]) {
                let model = outline
                    .entry_at(position.line as usize)
                    .and_then(|(_, e)| e.model)
                    .and_then(|m| release.model(m));
                if let Some((model, field)) = model.and_then(|m| Some((m, m.field(word)?))) {
                    parts.insert(0, field_doc(release, model, field));
                }
            }
        }
    }
    if parts.is_empty() {
        return None;
    }
    Some(Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value: parts.join("\n\n---\n\n"),
        }),
        range: None,
    })
}

/// The release described (the document's target) and the releases that have the thing.
fn releases(release: &Release, elsewhere: Option<String>) -> String {
    let mut out = format!(
        "authentik {} (the release this folder targets)",
        release.version()
    );
    if let Some(elsewhere) = elsewhere {
        out.push_str(&format!("; exists {elsewhere}"));
    }
    out
}

fn model_doc(release: &Release, model: &ModelSpec) -> String {
    let mut out = format!("**{}**", model.id);
    if let Some(name) = model.verbose_name {
        out.push_str(&format!(" ({name})"));
    }
    out.push_str(&format!("\n\n{} fields", model.fields().len()));
    if !model.required_on_create.is_empty() {
        out.push_str(&format!(
            "; required when created: `{}`",
            model.required_on_create.join("`, `")
        ));
    }
    let elsewhere = crate::catalog::describe_releases(|r| r.model(&model.id).is_some());
    out.push_str(&format!("\n\nIn: {}", releases(release, elsewhere)));
    out
}

fn field_doc(release: &Release, model: &ModelSpec, field: &FieldSpec) -> String {
    let ty = format!("{:?}", field.ty).to_lowercase();
    let mut out = format!("**{}.{}**: {ty}", model.id, field.name);
    if field.nullable {
        out.push_str(" or null");
    }
    let mut facts = Vec::new();
    if let Some(values) = &field.enum_values {
        facts.push(format!("choices: `{}`", values.join("`, `")));
    }
    if let Some(min) = field.minimum {
        facts.push(format!("minimum: {min}"));
    }
    if let Some(max) = field.maximum {
        facts.push(format!("maximum: {max}"));
    }
    if let Some(min) = field.min_length {
        facts.push(format!("minimum length: {min}"));
    }
    if let Some(max) = field.max_length {
        facts.push(format!("maximum length: {max}"));
    }
    if let Some(max) = field.max_items {
        facts.push(format!("at most {max} items"));
    }
    if let Some(pattern) = &field.pattern {
        facts.push(format!("pattern: `{pattern}`"));
    }
    if let Some(format) = field.format {
        facts.push(format!("format: {format:?}").to_lowercase());
    }
    if field.duration {
        facts.push("a duration (`hours=1;minutes=30`)".into());
    }
    if let Some(target) = field.reference {
        facts.push(format!("refers to a {target:?}").to_lowercase());
    }
    if field.secret {
        facts.push("secret: flowlint never prints its value".into());
    }
    if let Some(default) = &field.default {
        facts.push(format!("default: `{default}`"));
    }
    if model.required_on_create.contains(&field.name.as_str()) {
        facts.push("required when the object is created".into());
    }
    for fact in facts {
        out.push_str(&format!("\n- {fact}"));
    }
    let elsewhere = crate::catalog::describe_releases(|r| {
        r.model(&model.id)
            .is_some_and(|m| m.field(&field.name).is_some())
    });
    out.push_str(&format!("\n\nIn: {}", releases(release, elsewhere)));
    out
}
