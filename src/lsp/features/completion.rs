//! `textDocument/completion` on half-typed blueprints: what fits where the cursor is,
//! read from indentation ([`super::outline`]), never from a tree that may not parse.

use lsp_types::{
    CompletionItem, CompletionItemKind, CompletionTextEdit, Documentation, MarkupContent,
    MarkupKind, Position, Range, TextEdit,
};

use super::objects::Objects;
use super::outline::{Outline, unquote};
use super::tags::{TAG_DOCS, tag_doc};
use crate::catalog::{FieldType, ModelSpec, RefTarget, Release};
use crate::lsp::convert::{Encoding, LineIndex};
use crate::lsp::diagnostics::Folders;
use crate::lsp::session::Session;

const ENTRY_KEYS: [(&str, &str); 7] = [
    ("model", "the model, `app_label.modelname`"),
    ("id", "a name for `!KeyOf` in later entries"),
    ("state", "present, created, must_created or absent"),
    ("identifiers", "the fields that find the existing object"),
    ("attrs", "the fields to set"),
    ("conditions", "the entry is skipped unless all are true"),
    ("permissions", "object permissions to assign"),
];
const TOP_KEYS: [&str; 4] = ["version", "metadata", "context", "entries"];
const STATES: [(&str, &str); 4] = [
    ("present", "create or update (default)"),
    ("created", "create if missing, never update"),
    ("must_created", "create; fail when it exists"),
    ("absent", "delete if it exists"),
];

pub struct Request<'a> {
    pub text: &'a str,
    pub position: Position,
    pub encoding: Encoding,
    /// The release the document is judged against (its scope's target).
    pub release: &'static Release,
    /// The workspace folders, synced: what `!Find` values complete from.
    pub folders: &'a Folders,
}

pub fn complete(session: &Session, req: &Request) -> Vec<CompletionItem> {
    let index = LineIndex::new(req.text);
    let offset = index.offset(req.position, req.encoding) as usize;
    let line_no = req.position.line as usize;
    let Some(line_span) = index.line_span(line_no) else {
        return Vec::new();
    };
    let line_start = line_span.start as usize;
    let prefix = &req.text[line_start..offset.max(line_start)];
    let outline = Outline::new(req.text);
    // The token being typed: from the last separator to the cursor.
    let token_start = prefix
        .rfind([' ', '[', ',', '{', '\t'])
        .map(|i| i + 1)
        .unwrap_or(0);
    let token = &prefix[token_start..];
    let replace = Range::new(
        index.position((line_start + token_start) as u32, req.encoding),
        req.position,
    );
    let mut out = Items {
        replace,
        items: Vec::new(),
    };
    let shape = super::outline::shape(prefix);
    let entry = outline.entry_at(line_no);
    let model = entry
        .and_then(|(_, e)| e.model)
        .and_then(|m| req.release.model(m));

    // A value being typed after `key:` (or a sequence item's value).
    let value_part = match shape.key {
        Some(_) => prefix.split_once(": ").map(|(_, v)| v),
        None if shape.dash.is_some() && prefix.trim_start().starts_with('-') => {
            Some(prefix.trim_start().trim_start_matches('-').trim_start())
        }
        None => None,
    };
    if let Some(value) = value_part {
        if let Some(found) = value.rfind("!Find").or_else(|| value.rfind("!FindObject")) {
            find_args(session, req.folders, req.release, &value[found..], &mut out);
            return out.items;
        }
        if value.starts_with("!KeyOf ") {
            let before = entry.map(|(i, _)| i).unwrap_or(outline.entries.len());
            for e in &outline.entries[..before] {
                if let Some(id) = e.id {
                    out.push(
                        id,
                        CompletionItemKind::REFERENCE,
                        e.model.unwrap_or(""),
                        None,
                    );
                }
            }
            return out.items;
        }
        if token.starts_with('!') || value.is_empty() && shape.key.is_none() {
            tags(&mut out);
            return out.items;
        }
        let key = shape.key.unwrap_or("");
        let (path, _) = outline.enclosing(line_no, shape.key_col);
        match (path.as_slice(), key) {
            ([.., "-"], "model") if path.first() == Some(&"entries") => {
                models(req.release, &mut out)
            }
            ([.., "-"], "state") if path.first() == Some(&"entries") => {
                for (state, doc) in STATES {
                    out.push(state, CompletionItemKind::ENUM_MEMBER, doc, None);
                }
            }
            ([.., "identifiers" | "attrs"], field) => {
                if let Some(spec) = model.and_then(|m| m.field(field)) {
                    for choice in spec.enum_values.iter().flatten() {
                        out.push(choice, CompletionItemKind::ENUM_MEMBER, "", None);
                    }
                    if spec.ty == FieldType::Boolean {
                        for b in ["true", "false"] {
                            out.push(b, CompletionItemKind::VALUE, "", None);
                        }
                    }
                    if let Some(target) = spec.reference {
                        references(
                            session,
                            req.folders,
                            req.release,
                            &outline,
                            entry.map(|(i, _)| i),
                            target,
                            &mut out,
                        );
                    }
                }
                tags(&mut out);
            }
            _ => tags(&mut out),
        }
        return out.items;
    }

    // A key being typed.
    let (path, present) = outline.enclosing(line_no, shape.key_col);
    match path.as_slice() {
        [] => {
            for key in TOP_KEYS.iter().filter(|k| !present.contains(k)) {
                out.push_key(key, CompletionItemKind::PROPERTY, "");
            }
        }
        ["metadata"] => {
            for key in ["name", "labels"].iter().filter(|k| !present.contains(k)) {
                out.push_key(key, CompletionItemKind::PROPERTY, "");
            }
        }
        ["entries", "-"] => {
            for (key, doc) in ENTRY_KEYS.iter().filter(|(k, _)| !present.contains(k)) {
                out.push_key(key, CompletionItemKind::PROPERTY, doc);
            }
        }
        ["entries", "-", "identifiers" | "attrs"] => {
            if let Some(model) = model {
                for field in model.fields() {
                    if !present.contains(&field.name.as_str()) {
                        out.push_key(&field.name, CompletionItemKind::FIELD, &field_detail(field));
                    }
                }
            }
        }
        _ => {}
    }
    out.items
}

struct Items {
    replace: Range,
    items: Vec<CompletionItem>,
}

impl Items {
    fn push(&mut self, label: &str, kind: CompletionItemKind, detail: &str, doc: Option<String>) {
        self.push_text(label, label, kind, detail, doc);
    }

    fn push_key(&mut self, key: &str, kind: CompletionItemKind, detail: &str) {
        self.push_text(key, &format!("{key}: "), kind, detail, None);
    }

    fn push_text(
        &mut self,
        label: &str,
        text: &str,
        kind: CompletionItemKind,
        detail: &str,
        doc: Option<String>,
    ) {
        if self.items.iter().any(|i| i.label == label) {
            return;
        }
        self.items.push(CompletionItem {
            label: label.to_string(),
            kind: Some(kind),
            detail: (!detail.is_empty()).then(|| detail.to_string()),
            documentation: doc.map(|value| {
                Documentation::MarkupContent(MarkupContent {
                    kind: MarkupKind::Markdown,
                    value,
                })
            }),
            filter_text: Some(label.to_string()),
            text_edit: Some(CompletionTextEdit::Edit(TextEdit::new(
                self.replace,
                text.to_string(),
            ))),
            ..CompletionItem::default()
        });
    }
}

fn field_detail(field: &crate::catalog::FieldSpec) -> String {
    let ty = format!("{:?}", field.ty).to_lowercase();
    match &field.enum_values {
        Some(values) => format!("{ty}: {}", values.join(" | ")),
        None => ty,
    }
}

fn models(release: &Release, out: &mut Items) {
    for model in release.models() {
        out.push(
            &model.id,
            CompletionItemKind::MODULE,
            model.verbose_name.unwrap_or(""),
            None,
        );
    }
}

fn tags(out: &mut Items) {
    for (name, _) in TAG_DOCS {
        out.push(name, CompletionItemKind::KEYWORD, "", tag_doc(name));
    }
}

/// Inside `!Find [model, [field, value]]`: which argument the cursor is on.
fn find_args(session: &Session, folders: &Folders, release: &Release, find: &str, out: &mut Items) {
    let inner = find.split_once('[').map(|(_, rest)| rest).unwrap_or("");
    let Some((model, query)) = inner.split_once(',') else {
        models(release, out);
        return;
    };
    let model = unquote(model);
    let query = query.trim_start().trim_start_matches('[');
    match query.split_once(',') {
        None => {
            if let Some(spec) = release.model(model) {
                for field in spec.fields() {
                    out.push(
                        &field.name,
                        CompletionItemKind::FIELD,
                        &field_detail(field),
                        None,
                    );
                }
            }
            out.push("pk", CompletionItemKind::FIELD, "primary key", None);
        }
        Some((field, _)) => {
            let objects = Objects::collect(session, folders);
            for value in objects.values(model, unquote(field)) {
                out.push(
                    value,
                    CompletionItemKind::VALUE,
                    "declared in the workspace",
                    None,
                );
            }
            let baseline = session.baseline();
            for value in baseline.values(model, unquote(field)) {
                out.push(
                    value,
                    CompletionItemKind::VALUE,
                    "a fresh install has it",
                    None,
                );
            }
        }
    }
}

/// A reference field's value: `!KeyOf` an earlier entry of the right kind, or a
/// `!Find` of an object the workspace or a fresh install has.
fn references(
    session: &Session,
    folders: &Folders,
    release: &Release,
    outline: &Outline,
    entry: Option<usize>,
    target: RefTarget,
    out: &mut Items,
) {
    let before = entry.unwrap_or(outline.entries.len());
    for e in &outline.entries[..before] {
        let fits = e
            .model
            .and_then(|m| release.model(m))
            .is_some_and(|m| model_fits(m, target));
        if let (Some(id), true) = (e.id, fits) {
            out.push_text(
                &format!("!KeyOf {id}"),
                &format!("!KeyOf {id}"),
                CompletionItemKind::REFERENCE,
                e.model.unwrap_or(""),
                None,
            );
        }
    }
    let lookup = match target {
        RefTarget::Flow => Some(("authentik_flows.flow", "slug")),
        RefTarget::Group => Some(("authentik_core.group", "name")),
        RefTarget::User => Some(("authentik_core.user", "username")),
        _ => None,
    };
    if let Some((model, field)) = lookup {
        let objects = Objects::collect(session, folders);
        let baseline = session.baseline();
        let declared = objects
            .values(model, field)
            .into_iter()
            .map(|v| (v, "declared in the workspace"));
        let installed = baseline
            .values(model, field)
            .map(|v| (v, "a fresh install has it"));
        for (value, origin) in declared.chain(installed) {
            let text = format!("!Find [{model}, [{field}, {value}]]");
            out.push_text(&text, &text, CompletionItemKind::REFERENCE, origin, None);
        }
    }
}

fn model_fits(model: &ModelSpec, target: RefTarget) -> bool {
    use crate::catalog::ModelKind as K;
    match target {
        RefTarget::Flow => model.kind == K::Flow,
        RefTarget::Stage => model.kind == K::Stage,
        RefTarget::Policy => model.kind == K::Policy,
        RefTarget::Group => model.kind == K::Group,
        RefTarget::User => model.kind == K::User,
        RefTarget::Prompt => model.kind == K::Prompt,
        RefTarget::Source => model.is_source(),
        RefTarget::PolicyBindingTarget => true,
    }
}
