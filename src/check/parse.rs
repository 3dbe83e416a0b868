//! Reading one input into a parsed file: its source and its tree, or the findings
//! that say why it could not be read.

use super::ParsedFile;
use super::inputs::{Input, InputContent};
use crate::finding::Finding;
use crate::rules::syntax::{
    INPUT_LIMIT_EXCEEDED, INVALID_ENCODING, NEVER_DISCOVERED, NOT_A_BLUEPRINT, UNREADABLE_FILE,
};
use crate::source::{FileId, SourceFile, Span};
use crate::yaml;

/// `input`, the new text of `before`: its tree is made from `before`'s when the edit
/// allows ([`yaml::splice`]). When the new text does not parse, `before` comes back
/// with it if it did, to splice a later edit against (typing a key leaves a line
/// without its colon for a few keystrokes).
pub(crate) fn parse_edited(input: Input, before: ParsedFile) -> (ParsedFile, Option<ParsedFile>) {
    match input.content {
        InputContent::Text(text)
            if before.read_findings.is_empty() && before.loaded.root.is_some() =>
        {
            let (loaded, kept) = match yaml::splice(&before.source.text, before.loaded, &text) {
                Ok(loaded) => (loaded, None),
                Err(old) => {
                    let loaded = yaml::load(&text);
                    let kept = (loaded.root.is_none() && old.root.is_some()).then(|| ParsedFile {
                        source: before.source,
                        loaded: old,
                        read_findings: Vec::new(),
                    });
                    (loaded, kept)
                }
            };
            let file = ParsedFile {
                source: SourceFile::new(input.path, text),
                loaded,
                read_findings: Vec::new(),
            };
            (file, kept)
        }
        content => (parse_input(0, Input { content, ..input }), None),
    }
}

pub(crate) fn parse_input(id: FileId, input: Input) -> ParsedFile {
    let mut read_findings = Vec::new();
    let mut read_findings_after_load = Vec::new();
    let text = match input.content {
        InputContent::Text(text) => text,
        InputContent::YmlBlueprint(text) => {
            read_findings_after_load.push(
                Finding::new(
                    &NEVER_DISCOVERED,
                    id,
                    Span::empty(0),
                    "authentik never loads this blueprint: its discovery reads `*.yaml` files only",
                )
                .help("rename the file to `.yaml` (a blueprint imported by hand may keep its name)")
                .clone(),
            );
            text
        }
        InputContent::NotBlueprint { text, what } => {
            let source = SourceFile::new(input.path, text);
            read_findings.push(
                Finding::new(
                    &NOT_A_BLUEPRINT,
                    id,
                    Span::empty(0),
                    format!("this is {what}, not an authentik blueprint; it was not checked"),
                )
                .help("leave it out of the paths given to flowlint (files found in folders are skipped)")
                .clone(),
            );
            return ParsedFile {
                source,
                loaded: yaml::Loaded::default(),
                read_findings,
            };
        }
        InputContent::BadEncoding { lossy, at } => {
            let source = SourceFile::new(input.path, lossy);
            let at = source
                .text
                .char_indices()
                .find(|(i, _)| *i >= at)
                .map_or(at, |(i, _)| i) as u32;
            read_findings.push(
                Finding::new(
                    &INVALID_ENCODING,
                    id,
                    Span::new(at, at + 1),
                    format!("the file is not valid UTF-8 (first bad byte at offset {at})"),
                )
                .help("authentik reads blueprints as UTF-8; re-save the file as UTF-8")
                .clone(),
            );
            return ParsedFile {
                source,
                loaded: yaml::Loaded::default(),
                read_findings,
            };
        }
        InputContent::TooLarge { size, limit } => {
            read_findings.push(
                Finding::new(
                    &INPUT_LIMIT_EXCEEDED,
                    id,
                    Span::empty(0),
                    format!(
                        "the file is {size} bytes, over the limit of {limit} bytes; it was not read"
                    ),
                )
                .help("split the blueprint, or raise the limit with --max-file-size")
                .clone(),
            );
            String::new()
        }
        InputContent::Unreadable(reason) => {
            read_findings.push(Finding::new(
                &UNREADABLE_FILE,
                id,
                Span::empty(0),
                format!("cannot read the file: {reason}"),
            ));
            String::new()
        }
    };
    let loaded = if read_findings.is_empty() {
        yaml::load(&text)
    } else {
        yaml::Loaded::default()
    };
    read_findings.extend(read_findings_after_load);
    ParsedFile {
        source: SourceFile::new(input.path, text),
        loaded,
        read_findings,
    }
}
