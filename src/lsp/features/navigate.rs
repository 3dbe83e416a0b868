//! Go to definition (`!KeyOf`, `!Find`/`!FindObject`, `metaapplyblueprint`) and
//! references of an entry id. Read from the text, so they work while it does not parse.

use std::path::Path;

use lsp_types::{Location, Position, Range, Uri};

use super::hover::word_at;
use super::objects::Objects;
use super::outline::{Outline, shape, unquote};
use crate::lsp::convert::{Encoding, LineIndex, path_to_uri};
use crate::lsp::diagnostics::Folders;
use crate::lsp::session::Session;

pub enum Definition {
    Found(Vec<Location>),
    /// Nothing in the workspace declares it: why, for the user.
    Note(String),
    Nothing,
}

pub fn definition(
    session: &Session,
    folders: &Folders,
    uri: &Uri,
    text: &str,
    position: Position,
) -> Definition {
    let encoding = session.encoding;
    let index = LineIndex::new(text);
    let Some(line_span) = index.line_span(position.line as usize) else {
        return Definition::Nothing;
    };
    let line = &text[line_span.range()];
    let col = (index.offset(position, encoding) - line_span.start) as usize;
    let outline = Outline::new(text);

    if let Some(id) = keyof_at(line, col) {
        let locations: Vec<Location> = outline
            .entries
            .iter()
            .filter(|e| e.id == Some(id))
            .filter_map(|e| id_location(uri, text, &index, encoding, e.id_line?))
            .collect();
        return if locations.is_empty() {
            Definition::Note(format!(
                "no entry of this blueprint has `id: {id}`; `!KeyOf` only sees ids of earlier entries in the same file"
            ))
        } else {
            Definition::Found(locations)
        };
    }
    if let Some((model, field, value)) = find_at(line) {
        let objects = Objects::collect(session, folders);
        let locations: Vec<Location> = objects
            .find(&model, &field, &value)
            .filter_map(|(declared, span)| {
                let text = &objects.texts[declared.text_index].1;
                let range = LineIndex::new(text).range(span, encoding);
                Some(Location::new(path_to_uri(&declared.path)?, range))
            })
            .collect();
        if !locations.is_empty() {
            return Definition::Found(locations);
        }
        let baseline = session.baseline();
        let keys = [(field.as_str(), value.clone())];
        return Definition::Note(match baseline.find(&model, &keys) {
            crate::baseline::BaselineMatch::Found(i) => format!(
                "no workspace blueprint declares it; a fresh install has it: {}",
                baseline.get(i).map(|o| o.describe()).unwrap_or_default()
            ),
            _ => format!(
                "no workspace blueprint declares {model} with {field} = {value}, and a fresh install does not have it: authentik looks it up in its database when the blueprint is applied"
            ),
        });
    }
    let shape = shape(line);
    let meta = outline
        .entry_at(position.line as usize)
        .and_then(|(_, e)| e.model)
        .is_some_and(|m| m.eq_ignore_ascii_case("authentik_blueprints.metaapplyblueprint"));
    if let (true, Some(key @ ("path" | "name"))) = (meta, shape.key) {
        let target = unquote(shape.value);
        let objects = Objects::collect(session, folders);
        let files: Vec<&Path> = match key {
            "path" => objects
                .texts
                .iter()
                .map(|(p, _)| p.as_path())
                .filter(|p| p.ends_with(target))
                .collect(),
            _ => objects
                .names
                .iter()
                .filter(|(_, name)| name == target)
                .map(|(i, _)| objects.texts[*i].0.as_path())
                .collect(),
        };
        let start = Range::new(Position::new(0, 0), Position::new(0, 0));
        let locations: Vec<Location> = files
            .into_iter()
            .filter_map(|p| Some(Location::new(path_to_uri(p)?, start)))
            .collect();
        return if locations.is_empty() {
            Definition::Note(format!(
                "no workspace blueprint has {key} `{target}`; authentik applies an instance it already has, if any"
            ))
        } else {
            Definition::Found(locations)
        };
    }
    Definition::Nothing
}

/// References of the entry id under the cursor (on `id: X` or `!KeyOf X`) in this file.
pub fn references(
    uri: &Uri,
    text: &str,
    position: Position,
    encoding: Encoding,
    include_declaration: bool,
) -> Vec<Location> {
    let index = LineIndex::new(text);
    let Some(line_span) = index.line_span(position.line as usize) else {
        return Vec::new();
    };
    let line = &text[line_span.range()];
    let col = (index.offset(position, encoding) - line_span.start) as usize;
    let shape = shape(line);
    let id = match keyof_at(line, col) {
        Some(id) => id,
        None if shape.key == Some("id") => unquote(shape.value),
        None => return Vec::new(),
    };
    if id.is_empty() {
        return Vec::new();
    }
    let outline = Outline::new(text);
    let mut out = Vec::new();
    if include_declaration {
        for entry in outline.entries.iter().filter(|e| e.id == Some(id)) {
            out.extend(
                entry
                    .id_line
                    .and_then(|l| id_location(uri, text, &index, encoding, l)),
            );
        }
    }
    let needle = format!("!KeyOf {id}");
    for (start, _) in text.match_indices(&needle) {
        let end = start + needle.len();
        let boundary = text[end..]
            .chars()
            .next()
            .is_none_or(|c| !(c.is_alphanumeric() || "_-.".contains(c)));
        if boundary {
            let span = crate::source::Span::new((start + 7) as u32, end as u32);
            out.push(Location::new(uri.clone(), index.range(span, encoding)));
        }
    }
    out
}

/// The id of a `!KeyOf id` the cursor is on (tag or argument).
fn keyof_at(line: &str, col: usize) -> Option<&str> {
    let (word, start) = word_at(line, col);
    if word == "!KeyOf" {
        let rest = line[start + word.len()..].trim_start();
        return Some(word_at(rest, 0).0.trim_end_matches([',', ']']));
    }
    let before = line[..start].trim_end();
    before
        .ends_with("!KeyOf")
        .then(|| unquote(word.trim_end_matches([',', ']'])))
}

/// `!Find [model, [field, value]]` written on one line: its three literal parts.
fn find_at(line: &str) -> Option<(String, String, String)> {
    let at = line.find("!Find")?;
    let args = &line[at..];
    let args = &args[args.find('[')? + 1..];
    let (model, rest) = args.split_once(',')?;
    let rest = rest.trim_start().strip_prefix('[')?;
    let (field, rest) = rest.split_once(',')?;
    let value = rest.split(']').next()?;
    Some((
        unquote(model).to_string(),
        unquote(field).to_string(),
        unquote(value).to_string(),
    ))
}

fn id_location(
    uri: &Uri,
    text: &str,
    index: &LineIndex,
    encoding: Encoding,
    line: usize,
) -> Option<Location> {
    let span = index.line_span(line)?;
    let line_text = &text[span.range()];
    let shape = shape(line_text);
    let value = unquote(shape.value);
    let at = line_text.rfind(value)?;
    let start = span.start + at as u32;
    let value_span = crate::source::Span::new(start, start + value.len() as u32);
    Some(Location::new(
        uri.clone(),
        index.range(value_span, encoding),
    ))
}
