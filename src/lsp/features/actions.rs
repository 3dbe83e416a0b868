//! `textDocument/codeAction`: suppress a finding on its line or in the whole file,
//! with the comments `flowlint::suppress` reads.

use std::collections::HashMap;

use lsp_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, Diagnostic, NumberOrString, Position, Range,
    TextEdit, Uri, WorkspaceEdit,
};

use super::outline::shape;
use crate::lsp::convert::{Encoding, LineIndex};

pub fn actions(
    uri: &Uri,
    text: &str,
    diagnostics: &[Diagnostic],
    encoding: Encoding,
) -> Vec<CodeActionOrCommand> {
    let index = LineIndex::new(text);
    let mut out = Vec::new();
    for diagnostic in diagnostics {
        if diagnostic.source.as_deref() != Some("flowlint") {
            continue;
        }
        let Some(NumberOrString::String(code)) = &diagnostic.code else {
            continue;
        };
        out.extend(rule_fix(uri, diagnostic));
        let line = diagnostic.range.start.line as usize;
        if let Some(edit) = line_suppression(text, &index, line, code, encoding) {
            out.push(action(
                format!("Suppress {code} on this line"),
                uri,
                edit,
                diagnostic,
            ));
        }
        let file_edit = TextEdit::new(
            Range::new(Position::new(0, 0), Position::new(0, 0)),
            format!("# flowlint: ignore-file[{code}]\n"),
        );
        out.push(action(
            format!("Suppress {code} in this file"),
            uri,
            file_edit,
            diagnostic,
        ));
    }
    out
}

/// The rule's own fix, carried in the diagnostic's data (see `diagnostics.rs`):
/// preferred when it is safe, offered but not preferred when it changes behaviour.
fn rule_fix(uri: &Uri, diagnostic: &Diagnostic) -> Option<CodeActionOrCommand> {
    let fix = diagnostic.data.as_ref()?.get("fix")?;
    let title = fix.get("title")?.as_str()?;
    let edits: Vec<TextEdit> = serde_json::from_value(fix.get("edits")?.clone()).ok()?;
    let safe = fix.get("applicability")?.as_str()? == "safe";
    Some(CodeActionOrCommand::CodeAction(CodeAction {
        is_preferred: Some(safe),
        ..quick_fix(title.to_string(), uri, edits, diagnostic)
    }))
}

fn action(
    title: String,
    uri: &Uri,
    edit: TextEdit,
    diagnostic: &Diagnostic,
) -> CodeActionOrCommand {
    CodeActionOrCommand::CodeAction(quick_fix(title, uri, vec![edit], diagnostic))
}

fn quick_fix(
    title: String,
    uri: &Uri,
    edits: Vec<TextEdit>,
    diagnostic: &Diagnostic,
) -> CodeAction {
    CodeAction {
        title,
        kind: Some(CodeActionKind::QUICKFIX),
        diagnostics: Some(vec![diagnostic.clone()]),
        edit: Some(WorkspaceEdit {
            changes: Some(HashMap::from([(uri.clone(), edits)])),
            ..WorkspaceEdit::default()
        }),
        ..CodeAction::default()
    }
}

/// Add the code to the line's `# flowlint: ignore[...]`, or end the line with one, or,
/// when the line already has another comment, put one on its own line above.
fn line_suppression(
    text: &str,
    index: &LineIndex,
    line: usize,
    code: &str,
    encoding: Encoding,
) -> Option<TextEdit> {
    let span = index.line_span(line)?;
    let line_text = &text[span.range()];
    if let Some(at) = line_text.find("# flowlint: ignore[") {
        let close = at + line_text[at..].find(']')?;
        let offset = span.start + close as u32;
        let position = index.position(offset, encoding);
        return Some(TextEdit::new(
            Range::new(position, position),
            format!(", {code}"),
        ));
    }
    let has_comment = line_text.contains(" #") || line_text.trim_start().starts_with('#');
    // A block scalar's content line: a comment there would become text.
    let in_block_scalar = shape(line_text).key.is_none() && previous_opens_block(text, index, line);
    if !has_comment && !in_block_scalar {
        let end = index.position(span.end, encoding);
        return Some(TextEdit::new(
            Range::new(end, end),
            format!("  # flowlint: ignore[{code}]"),
        ));
    }
    if in_block_scalar {
        return None;
    }
    let indent = line_text.len() - line_text.trim_start().len();
    let start = index.position(span.start, encoding);
    Some(TextEdit::new(
        Range::new(start, start),
        format!("{}# flowlint: ignore[{code}]\n", &line_text[..indent]),
    ))
}

/// Whether a line lies inside a `|` or `>` block scalar opened on an earlier line.
fn previous_opens_block(text: &str, index: &LineIndex, line: usize) -> bool {
    let Some(here) = index.line_span(line) else {
        return false;
    };
    let indent = |t: &str| t.len() - t.trim_start().len();
    let own = indent(&text[here.range()]);
    for n in (0..line).rev() {
        let Some(span) = index.line_span(n) else {
            break;
        };
        let t = &text[span.range()];
        if t.trim().is_empty() || indent(t) >= own {
            continue;
        }
        let value = shape(t).value;
        return value.starts_with('|') || value.starts_with('>');
    }
    false
}
