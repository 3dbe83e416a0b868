//! Keep credentials out of every output.
//!
//! After a check, the report's copy of each file has its secret values masked (the
//! source snippets of the human output show `*******`), and every finding's message,
//! label and help has the secret values and every `--env` value replaced by `***`.
//! Masking keeps byte offsets, line breaks and character counts, so every span and
//! every line:column stays valid. The files on disk are never touched.

use std::borrow::Cow;
use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, MatchKind};

use super::secrets::{is_masked_name, secret_value_nodes, secret_value_nodes_with};
use crate::check::{ParsedFile, Report, Settings};
use crate::finding::Finding;
use crate::source::{SourceFile, Span};

/// Values shorter than this are replaced in messages only where they stand alone
/// (between non-word characters), so a one-letter secret does not mangle the text.
const ANYWHERE_LEN: usize = 6;

const MASK: &str = "***";

/// The secret values of one file: where they are, and their texts (as loaded and
/// as written).
#[derive(Debug, Default)]
pub struct FileSecrets<'a> {
    spans: Vec<Span>,
    values: Vec<Cow<'a, str>>,
}

impl<'a> FileSecrets<'a> {
    /// The secrets of a parsed file whose entries' secret attribute values the check
    /// driver found already ([`super::secrets::entry_secret_values`]; none when the
    /// file is not a blueprint).
    pub fn with_entry_values(
        file: &'a ParsedFile,
        entry_values: Vec<&'a crate::yaml::Node>,
    ) -> Self {
        match &file.loaded.root {
            Some(root) => Self::of(file, secret_value_nodes_with(root, entry_values)),
            None => Self::default(),
        }
    }

    fn of(file: &'a ParsedFile, nodes: Vec<&'a crate::yaml::Node>) -> Self {
        let mut secrets = FileSecrets::default();
        for node in nodes {
            secrets.spans.push(node.span);
            if let Some(text) = node.scalar_text() {
                secrets.values.push(Cow::Borrowed(text));
            }
            secrets
                .values
                .push(Cow::Borrowed(file.source.slice(node.span)));
        }
        secrets
    }

    /// The same secrets, no longer borrowing the file's tree (which can be freed).
    pub fn into_owned(self) -> FileSecrets<'static> {
        FileSecrets {
            spans: self.spans,
            values: self
                .values
                .into_iter()
                .map(|v| Cow::Owned(v.into_owned()))
                .collect(),
        }
    }

    /// A copy in fresh allocations (see `check::linked`).
    pub fn relocated(&self) -> FileSecrets<'static> {
        FileSecrets {
            spans: self.spans.clone(),
            values: self
                .values
                .iter()
                .map(|v| Cow::Owned(v.to_string()))
                .collect(),
        }
    }

    /// Add what the file's `!File` tags read (as secret as what `!Env` gives), as
    /// [`Redactions::from_file_secrets`] does for the parsed files it is given.
    pub fn add_file_tag_contents(&mut self, file: &ParsedFile) {
        self.values
            .extend(file_tag_contents(file).into_iter().map(Cow::Owned));
    }
}

/// How many characters of a value messages show before `…`.
const SHOWN_CHARS: usize = 60;

#[derive(Debug, Default)]
pub struct Redactions {
    /// Per file: the byte spans of secret values in its text.
    spans: Vec<Vec<Span>>,
    /// Secret texts to scrub from findings.
    values: Vec<String>,
    /// One automaton over `values`, so scrubbing is linear in the text whatever the
    /// number of secrets; built on the first scrub (most checks scrub nothing, and
    /// building it was 3% of a one-file check).
    matcher: OnceLock<Option<AhoCorasick>>,
}

impl Redactions {
    /// The secret values of the parsed files, plus the user's `--env` values and the
    /// `--context` values whose key names a credential.
    pub fn collect(parsed: &[ParsedFile], settings: &Settings) -> Self {
        use rayon::prelude::*;
        // Files are independent: find their secrets in parallel, merge in file order
        // (the values are sorted and deduplicated below, so their order is moot).
        let per_file: Vec<FileSecrets<'_>> = parsed
            .par_iter()
            .map(|file| match &file.loaded.root {
                Some(root) => {
                    FileSecrets::of(file, secret_value_nodes(root, settings.target.release))
                }
                None => FileSecrets::default(),
            })
            .collect();
        Self::from_file_secrets(per_file, parsed, settings)
    }

    /// [`Redactions::collect`] with each file's secrets found already (in file order),
    /// as the check driver does while the file's tree is at hand.
    pub fn from_file_secrets<'p>(
        per_file: Vec<FileSecrets<'_>>,
        parsed: impl IntoIterator<Item = &'p ParsedFile>,
        settings: &Settings,
    ) -> Self {
        let mut redactions = Redactions::default();
        for FileSecrets { spans, values } in per_file {
            for value in values {
                redactions.add_value(&value);
            }
            redactions.spans.push(spans);
        }
        for value in settings.env.values() {
            redactions.add_value(value);
        }
        // What `!File` reads is as secret as what `!Env` gives: never print it.
        if settings.allow_file_tag {
            for file in parsed {
                for content in file_tag_contents(file) {
                    redactions.add_value(&content);
                }
            }
        }
        for (key, value) in &settings.context {
            if key.rsplit('.').next().is_some_and(is_masked_name) {
                redactions.add_value(value);
            }
        }
        redactions.values.sort();
        redactions.values.dedup();
        redactions
    }

    /// Only the user's `--env` values and credential `--context` values, for outputs
    /// that have no parsed files at hand (the graph, the simulator): scrub the text
    /// they render with [`Redactions::scrub`].
    pub fn from_settings(settings: &Settings) -> Self {
        Self::collect(&[], settings)
    }

    fn add_value(&mut self, text: &str) {
        let text = text.trim();
        if text.is_empty() {
            return;
        }
        self.values.push(text.to_string());
        // Messages show values escaped and cut at 60 characters (`values::common::
        // shorten`): a PEM key from `!Env` would otherwise pass as `-----BEGIN…\n…`.
        let escaped = text
            .replace('\n', "\\n")
            .replace('\r', "\\r")
            .replace('\t', "\\t");
        let prefix: String = escaped.chars().take(SHOWN_CHARS).collect();
        if prefix.len() < escaped.len() {
            self.values.push(prefix);
        }
        if escaped != text {
            self.values.push(escaped);
        }
    }

    /// Mask the report's file texts and scrub its findings.
    pub fn apply(&self, report: &mut Report) {
        for (id, file) in report.files.iter_mut().enumerate() {
            if let Some(masked) = self.masked_text(id, &file.text) {
                *file = SourceFile::new(std::mem::take(&mut file.path), masked);
            }
        }
        if self.values.is_empty() {
            return;
        }
        for finding in &mut report.findings {
            self.scrub_finding(finding);
        }
    }

    /// The text of file `file` masked as [`Redactions::apply`] masks it; `None` when
    /// it has no secret value.
    pub fn masked_text(&self, file: usize, text: &str) -> Option<String> {
        let spans = self.spans.get(file).filter(|spans| !spans.is_empty())?;
        Some(mask_spans(text, spans))
    }

    /// Scrub findings whose file texts are not masked here (the language server's,
    /// which shows none).
    pub fn scrub_findings(&self, findings: &mut [Finding]) {
        if self.values.is_empty() {
            return;
        }
        for finding in findings {
            self.scrub_finding(finding);
        }
    }

    fn scrub_finding(&self, finding: &mut Finding) {
        finding.message = self.scrub(&finding.message);
        if let Some(label) = &finding.label {
            finding.label = Some(self.scrub(label));
        }
        if let Some(help) = &finding.help {
            finding.help = Some(self.scrub(help));
        }
        for label in &mut finding.labels {
            label.message = self.scrub(&label.message);
        }
        // A fix that would print a secret (an entry moved with its password) is
        // withheld: its edits cannot be masked and still be applied.
        if let Some(fix) = &finding.fix {
            let leaks = |text: &str| self.scrub(text) != text;
            if leaks(&fix.title) || fix.edits.iter().any(|e| leaks(&e.content)) {
                finding.fix = None;
            }
        }
    }

    /// `text` with every secret value replaced by `***`.
    pub fn scrub(&self, text: &str) -> String {
        let matcher = self.matcher.get_or_init(|| {
            AhoCorasick::builder()
                .match_kind(MatchKind::LeftmostLongest)
                .build(&self.values)
                .ok()
        });
        let Some(matcher) = matcher else {
            return text.to_string();
        };
        let mut out = String::with_capacity(text.len());
        let mut done = 0;
        for found in matcher.find_iter(text) {
            let (start, end) = (found.start(), found.end());
            let before = text[..start].chars().next_back();
            let after = text[end..].chars().next();
            let anywhere = text[start..end].chars().count() >= ANYWHERE_LEN;
            let alone = !before.is_some_and(is_word) && !after.is_some_and(is_word);
            if anywhere || alone {
                out.push_str(&text[done..start]);
                out.push_str(MASK);
                done = end;
            }
        }
        out.push_str(&text[done..]);
        out
    }
}

fn is_word(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// Replace each character inside `spans` by a mask character of the same UTF-8
/// length, keeping line breaks, so offsets and columns do not move.
pub fn mask_spans(text: &str, spans: &[Span]) -> String {
    let mut spans: Vec<Span> = spans.to_vec();
    spans.sort();
    let mut out = String::with_capacity(text.len());
    let mut done = 0usize;
    for span in spans {
        let start = (span.start as usize).max(done).min(text.len());
        let end = (span.end as usize).min(text.len());
        if start >= end || !text.is_char_boundary(start) || !text.is_char_boundary(end) {
            continue;
        }
        out.push_str(&text[done..start]);
        out.extend(text[start..end].chars().map(mask_char));
        done = end;
    }
    out.push_str(&text[done..]);
    out
}

fn mask_char(c: char) -> char {
    match c {
        '\n' | '\r' => c,
        _ => match c.len_utf8() {
            1 => '*',
            2 => '\u{b7}',
            3 => '\u{2022}',
            _ => '\u{1d306}',
        },
    }
}

/// The contents `!File` tags of one file read (only with `--allow-file-tag`).
fn file_tag_contents(file: &ParsedFile) -> Vec<String> {
    use crate::eval::{FileAccess, FileRead};
    let Some(root) = &file.loaded.root else {
        return Vec::new();
    };
    let Some(access) = FileAccess::for_blueprint(std::path::Path::new(&file.source.path)) else {
        return Vec::new();
    };
    let mut contents = Vec::new();
    let mut stack = vec![root];
    while let Some(node) = stack.pop() {
        if node.tag_name() == Some("!File") {
            let path = node.scalar_text().or_else(|| {
                node.as_seq()
                    .and_then(|items| items.first())
                    .and_then(|n| n.scalar_text())
            });
            if let Some(FileRead::Content(text)) = path.map(|p| access.read(p)) {
                contents.push(text);
            }
        }
        match &node.kind {
            crate::yaml::NodeKind::Scalar(_) => {}
            crate::yaml::NodeKind::Seq(items) => stack.extend(items.iter()),
            crate::yaml::NodeKind::Map(pairs) => stack.extend(pairs.iter().map(|p| &p.value)),
        }
    }
    contents
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masking_keeps_offsets_lines_and_columns() {
        let text = "a: 1\npassword: hünter2\nb: 2\n";
        let start = text.find("hünter2").unwrap_or(0) as u32;
        let span = Span::new(start, start + "hünter2".len() as u32);
        let masked = mask_spans(text, &[span]);
        assert_eq!(masked.len(), text.len());
        assert!(!masked.contains("hünter2"));
        assert_eq!(masked.lines().nth(1), Some("password: *\u{b7}*****"));
        let (a, b) = (
            SourceFile::new("x", text.into()),
            SourceFile::new("x", masked),
        );
        assert_eq!(
            a.line_col(text.find("b:").unwrap_or(0) as u32),
            b.line_col(text.find("b:").unwrap_or(0) as u32)
        );
    }

    fn scrubber(values: &[&str]) -> Redactions {
        let mut settings = Settings::default();
        for (i, v) in values.iter().enumerate() {
            settings.env.insert(format!("V{i}"), v.to_string());
        }
        Redactions::from_settings(&settings)
    }

    #[test]
    fn values_are_scrubbed_as_messages_show_them_escaped_and_cut() {
        let key = format!("-----BEGIN KEY-----\n{}\n-----END KEY-----", "A".repeat(80));
        let r = scrubber(&[&key, "two\nlines"]);
        let shown: String = key.replace('\n', "\\n").chars().take(60).collect();
        assert_eq!(
            r.scrub(&format!("`{shown}…` is not valid")),
            "`***…` is not valid"
        );
        assert_eq!(
            r.scrub("`two\\nlines` is not a slug"),
            "`***` is not a slug"
        );
    }

    #[test]
    fn short_values_are_scrubbed_only_where_they_stand_alone() {
        let r = scrubber(&["ab", "hunter22", "hunter2"]);
        assert_eq!(r.scrub("`ab` is not a cab"), "`***` is not a cab");
        assert_eq!(r.scrub("xhunter22x and hunter2"), "x***x and ***");
        assert_eq!(scrubber(&[]).scrub("nothing `ab`"), "nothing `ab`");
    }
}
