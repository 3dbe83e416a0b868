//! Finding `# flowlint: ...` comments by scanning source lines: a `#` at the start of a
//! line or after whitespace, outside a quoted scalar on the same line, starts a YAML
//! comment. Cheap and without a re-parse; a directive written inside a block scalar
//! (`|`) or a multi-line quoted scalar would be read too, which no real blueprint does.

use crate::source::Span;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DirectiveKind {
    /// `ignore[...]`: the comment's line, or the next code line when on its own line.
    Line,
    /// `ignore-file[...]`: the whole file.
    File,
}

/// One code or name in a directive's brackets.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DirectiveCode {
    pub text: String,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Directive {
    pub kind: DirectiveKind,
    /// 1-based line of the comment.
    pub line: u32,
    /// 1-based line whose findings a `Line` directive suppresses.
    pub target_line: u32,
    /// The comment, from `#` to the end of the line.
    pub span: Span,
    pub codes: Vec<DirectiveCode>,
}

/// A `# flowlint:` comment that is not a well-formed directive.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Malformed {
    pub span: Span,
    pub message: String,
}

#[derive(Debug, Default)]
pub struct Scan {
    pub directives: Vec<Directive>,
    pub malformed: Vec<Malformed>,
}

/// Scan a file's text for directives.
pub fn scan(text: &str) -> Scan {
    let mut out = Scan::default();
    // (line number, start offset, text) of every line; `code_lines` marks lines that
    // hold something other than whitespace and comments.
    let lines: Vec<(usize, &str)> = line_offsets(text);
    let comment_at: Vec<Option<usize>> =
        lines.iter().map(|(_, line)| comment_start(line)).collect();
    let is_code = |i: usize| {
        let (_, line) = lines[i];
        let code = comment_at[i].map_or(line, |c| &line[..c]);
        !code.trim().is_empty()
    };
    for (index, (start, line)) in lines.iter().enumerate() {
        let Some(hash) = comment_at[index] else {
            continue;
        };
        let comment = line[hash..].trim_end_matches(['\r', '\n']);
        let base = (start + hash) as u32;
        let span = Span::new(base, base + comment.len() as u32);
        let body = comment[1..].trim_start();
        let Some(rest) = body.strip_prefix("flowlint:") else {
            continue;
        };
        let rest_offset = comment.len() - rest.len();
        let trimmed = rest.trim_start();
        let directive_offset = rest_offset + (rest.len() - trimmed.len());
        let (kind, after) = if let Some(after) = trimmed.strip_prefix("ignore-file") {
            (DirectiveKind::File, after)
        } else if let Some(after) = trimmed.strip_prefix("ignore") {
            (DirectiveKind::Line, after)
        } else {
            out.malformed.push(Malformed {
                span,
                message: "unknown flowlint directive; write `# flowlint: ignore[CODE]` or `# flowlint: ignore-file[CODE]`"
                    .to_string(),
            });
            continue;
        };
        let Some(list) = after
            .strip_prefix('[')
            .and_then(|a| a.find(']').map(|end| &a[..end]))
        else {
            out.malformed.push(Malformed {
                span,
                message: "a suppression names the rules it suppresses: `# flowlint: ignore[FL101, unknown-key]`"
                    .to_string(),
            });
            continue;
        };
        let list_offset = directive_offset + (trimmed.len() - after.len()) + 1;
        let mut codes = Vec::new();
        let mut cursor = 0;
        for part in list.split(',') {
            let lead = part.len() - part.trim_start().len();
            let code = part.trim();
            if !code.is_empty() {
                let at = base + (list_offset + cursor + lead) as u32;
                codes.push(DirectiveCode {
                    text: code.to_string(),
                    span: Span::new(at, at + code.len() as u32),
                });
            }
            cursor += part.len() + 1;
        }
        if codes.is_empty() {
            out.malformed.push(Malformed {
                span,
                message: "the suppression's brackets are empty: name the codes it suppresses"
                    .to_string(),
            });
            continue;
        }
        let line_no = index as u32 + 1;
        let own_line = line[..hash].trim().is_empty();
        let target_line = if own_line && kind == DirectiveKind::Line {
            // The next line with code, skipping blank lines and other comments.
            (index + 1..lines.len())
                .find(|&i| is_code(i))
                .map_or(line_no + 1, |i| i as u32 + 1)
        } else {
            line_no
        };
        out.directives.push(Directive {
            kind,
            line: line_no,
            target_line,
            span,
            codes,
        });
    }
    out
}

fn line_offsets(text: &str) -> Vec<(usize, &str)> {
    let mut lines = Vec::new();
    let mut start = 0;
    for line in text.split_inclusive('\n') {
        lines.push((start, line));
        start += line.len();
    }
    lines
}

/// Byte offset of the `#` that starts a comment on this line, if any.
fn comment_start(line: &str) -> Option<usize> {
    let bytes = line.as_bytes();
    let mut quote: Option<u8> = None;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let prev = if i == 0 { None } else { Some(bytes[i - 1]) };
        match quote {
            Some(b'"') if b == b'\\' => i += 1,
            Some(q) if b == q => {
                if q == b'\'' && bytes.get(i + 1) == Some(&b'\'') {
                    i += 1;
                } else {
                    quote = None;
                }
            }
            Some(_) => {}
            None => {
                let opens_scalar =
                    prev.is_none_or(|p| p.is_ascii_whitespace() || b"[{,:-?".contains(&p));
                if (b == b'"' || b == b'\'') && opens_scalar {
                    quote = Some(b);
                } else if b == b'#' && prev.is_none_or(|p| p.is_ascii_whitespace()) {
                    return Some(i);
                }
            }
        }
        i += 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_outside_quotes_only() {
        assert_eq!(comment_start("a: b # c"), Some(5));
        assert_eq!(comment_start("# c"), Some(0));
        assert_eq!(comment_start("a: \"b # c\""), None);
        assert_eq!(comment_start("a: 'it''s # x' # y"), Some(15));
        assert_eq!(comment_start("a: b#c"), None);
        assert_eq!(comment_start("a: it's # y"), Some(8));
    }

    #[test]
    fn directives_with_spans() {
        let text =
            "a: 1  # flowlint: ignore[FL101, unknown-key]\n# flowlint: ignore[FL104]\n\nb: 2\n";
        let scan = scan(text);
        assert_eq!(scan.directives.len(), 2);
        let first = &scan.directives[0];
        assert_eq!(first.kind, DirectiveKind::Line);
        assert_eq!(first.target_line, 1);
        let spans: Vec<&str> = first.codes.iter().map(|c| &text[c.span.range()]).collect();
        assert_eq!(spans, ["FL101", "unknown-key"]);
        assert_eq!(scan.directives[1].target_line, 4);
    }

    #[test]
    fn malformed_directives() {
        let scan = scan(
            "# flowlint: ignore\n# flowlint: disable[FL1]\n# flowlint: ignore[]\n# other: x\n",
        );
        assert_eq!(scan.malformed.len(), 3);
        assert!(scan.directives.is_empty());
    }
}
