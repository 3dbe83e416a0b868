//! Blueprints carried in Kubernetes ConfigMaps (authentik's Helm chart mounts the
//! ConfigMaps named in `blueprints.configMaps`, one file per `data` key).
//!
//! Each `data` value that is a blueprint is checked as a blueprint file of its own;
//! the findings are then moved back onto the manifest. A literal block value
//! (`|`, `|-`, `|+`, with any indentation) maps line for line and column for column.
//! Any other style (quoted, folded, plain) changes the text's lines when it is
//! decoded, so findings in such a value point at its `data` key.

use super::classify::looks_like_blueprint;
use crate::source::Span;
use crate::yaml::{self, NodeKind, ScalarStyle};

/// One blueprint inside a manifest.
#[derive(Debug, Clone)]
pub struct EmbeddedBlueprint {
    /// The `data` key: the file name the blueprint is mounted as.
    pub key: String,
    /// Where the key is in the manifest.
    pub key_span: Span,
    /// Where the value is in the manifest.
    pub value_span: Span,
    /// The blueprint's text, as the mounted file holds it.
    pub text: String,
    map: SpanMap,
}

/// How offsets in the blueprint's text become offsets in the manifest.
#[derive(Debug, Clone)]
enum SpanMap {
    /// Per line of the blueprint: its start, the manifest offset of the same bytes,
    /// and its length (without the line break).
    Lines(Vec<(u32, u32, u32)>),
    /// Every span goes to the `data` key.
    Key,
}

impl EmbeddedBlueprint {
    /// The manifest span of a span in the blueprint's text.
    pub fn map(&self, span: Span) -> Span {
        match &self.map {
            SpanMap::Key => self.key_span,
            SpanMap::Lines(lines) => {
                let start = map_offset(lines, span.start);
                let end = map_offset(lines, span.end).max(start);
                Span::new(start, end)
            }
        }
    }

    /// Whether each line of the blueprint sits in the manifest unchanged.
    pub fn maps_lines(&self) -> bool {
        matches!(self.map, SpanMap::Lines(_))
    }

    /// The (blueprint, manifest) byte ranges of its lines, for copying masks over.
    pub fn line_ranges(&self) -> impl Iterator<Item = (std::ops::Range<usize>, usize)> + '_ {
        let lines = match &self.map {
            SpanMap::Lines(lines) => lines.as_slice(),
            SpanMap::Key => &[],
        };
        lines
            .iter()
            .map(|&(virt, orig, len)| (virt as usize..(virt + len) as usize, orig as usize))
    }
}

fn map_offset(lines: &[(u32, u32, u32)], offset: u32) -> u32 {
    let index = match lines.binary_search_by_key(&offset, |l| l.0) {
        Ok(i) => i,
        Err(0) => 0,
        Err(i) => i - 1,
    };
    let Some(&(virt, orig, len)) = lines.get(index) else {
        return 0;
    };
    // An offset on a line break maps to the manifest's line break after the line.
    orig + offset.saturating_sub(virt).min(len)
}

/// The blueprints in the ConfigMaps of a (possibly multi-document) manifest.
pub fn configmap_blueprints(text: &str) -> Vec<EmbeddedBlueprint> {
    let mut found = Vec::new();
    for (offset, document) in documents(text) {
        let loaded = yaml::load(document);
        let Some(root) = loaded.root else { continue };
        if root.get("kind").and_then(|k| k.as_str()) != Some("ConfigMap") {
            continue;
        }
        let Some(data) = root.get("data").and_then(|d| d.as_map()) else {
            continue;
        };
        for pair in data.iter().filter(|p| !p.merged && !p.overridden) {
            let (Some(key), NodeKind::Scalar(scalar)) = (pair.key.as_str(), &pair.value.kind)
            else {
                continue;
            };
            if !looks_like_blueprint(&scalar.text) {
                continue;
            }
            let shift = |s: Span| Span::new(s.start + offset, s.end + offset);
            let value_span = shift(pair.value.span);
            let map = match scalar.style {
                ScalarStyle::Literal => literal_lines(text, value_span.start, &scalar.text),
                _ => None,
            };
            found.push(EmbeddedBlueprint {
                key: key.to_string(),
                key_span: shift(pair.key.span),
                value_span,
                text: scalar.text.to_string(),
                map: map.map_or(SpanMap::Key, SpanMap::Lines),
            });
        }
    }
    found
}

/// The documents of a YAML stream with their offsets, split at `---` lines.
fn documents(text: &str) -> Vec<(u32, &str)> {
    let mut docs = Vec::new();
    let mut start = 0usize;
    let mut at = 0usize;
    for line in text.split_inclusive('\n') {
        let bare = line.trim_end();
        let marker = bare == "---" || bare.starts_with("--- ") || bare == "...";
        if marker {
            docs.push((start as u32, &text[start..at]));
            start = at + line.len();
        }
        at += line.len();
    }
    docs.push((start as u32, &text[start..]));
    docs.retain(|(_, d)| !d.trim().is_empty());
    docs
}

/// The line map of a literal block scalar whose span (as the loader gives it) starts
/// at `content` in `text` and whose decoded value is `value`; `None` when a line of
/// the value is not found where it should be (then findings go to the key).
fn literal_lines(text: &str, content: u32, value: &str) -> Option<Vec<(u32, u32, u32)>> {
    // The span starts on the first line with text; the value's leading empty lines
    // are the blank lines above it.
    let mut first_line = text[..content as usize].rfind('\n').map_or(0, |i| i + 1);
    for _ in 0..value.bytes().take_while(|b| *b == b'\n').count() {
        let above = text[..first_line.checked_sub(1)?]
            .rfind('\n')
            .map_or(0, |i| i + 1);
        if !text[above..first_line].trim().is_empty() {
            break;
        }
        first_line = above;
    }
    let mut original = text[first_line..].split_inclusive('\n');
    let mut at = first_line;
    let mut indent: Option<usize> = None;
    let mut lines = Vec::new();
    let mut virt = 0usize;
    for line in value.split_inclusive('\n') {
        let content = line.strip_suffix('\n').unwrap_or(line);
        let source = original.next()?;
        let source_line = source.trim_end_matches(['\n', '\r']);
        let start = if content.is_empty() {
            at + source_line.len().min(indent.unwrap_or(0))
        } else {
            let width = *indent.get_or_insert(source_line.len().checked_sub(content.len())?);
            if source_line.get(width..)? != content
                || !source_line[..width].bytes().all(|b| b == b' ')
            {
                return None;
            }
            at + width
        };
        lines.push((virt as u32, start as u32, content.len() as u32));
        virt += line.len();
        at += source.len();
    }
    Some(lines)
}

#[cfg(test)]
mod tests {
    use super::*;

    const MANIFEST: &str = "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: auth\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: bp\ndata:\n  login.yaml: |\n    version: 1\n    metadata:\n      name: login\n\n    entries: []\n  other.yaml: \"version: 1\\nentries: []\\n\"\n  note.txt: hello\n";

    #[test]
    fn finds_each_blueprint_value_and_maps_literal_lines() {
        let found = configmap_blueprints(MANIFEST);
        let keys: Vec<&str> = found.iter().map(|b| b.key.as_str()).collect();
        assert_eq!(keys, ["login.yaml", "other.yaml"]);
        let login = &found[0];
        assert!(login.maps_lines());
        let at = login.text.find("name: login").unwrap() as u32;
        let mapped = login.map(Span::new(at, at + 11));
        assert_eq!(&MANIFEST[mapped.range()], "name: login");
        let entries = login.text.find("entries").unwrap() as u32;
        assert_eq!(
            &MANIFEST[login.map(Span::new(entries, entries + 7)).range()],
            "entries"
        );
        let other = &found[1];
        assert!(!other.maps_lines());
        assert_eq!(&MANIFEST[other.map(Span::new(0, 3)).range()], "other.yaml");
    }
}
