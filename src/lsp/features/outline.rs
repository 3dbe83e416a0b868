//! Where the cursor is in a blueprint, read from indentation alone so it works on
//! half-typed YAML that does not parse: the keys enclosing the line, the entry the
//! line belongs to, and the entries' models and ids.

/// One line's block structure: `  - key: value` has a dash at 2 and its key at 4.
#[derive(Clone, Debug)]
pub struct LineShape<'a> {
    pub dash: Option<usize>,
    pub key_col: usize,
    pub key: Option<&'a str>,
    /// The text after `key:` (comments stripped), or the whole rest when no key.
    pub value: &'a str,
    pub blank: bool,
}

pub fn shape(line: &str) -> LineShape<'_> {
    let line = line.trim_end_matches(['\r', '\n']);
    let indent = line.len() - line.trim_start_matches(' ').len();
    let mut rest = &line[indent..];
    let mut col = indent;
    let mut dash = None;
    while let Some(after) = rest
        .strip_prefix("- ")
        .or_else(|| (rest == "-").then_some(""))
    {
        dash = Some(col);
        let spaces = after.len() - after.trim_start_matches(' ').len();
        col += rest.len() - after.len() + spaces;
        rest = &after[spaces..];
    }
    let blank = rest.is_empty() || rest.starts_with('#');
    let (key, value) = match split_key(rest) {
        Some((key, value)) => (Some(key), strip_comment(value).trim()),
        None => (None, strip_comment(rest).trim()),
    };
    LineShape {
        dash,
        key_col: col,
        key,
        value,
        blank: blank && dash.is_none(),
    }
}

/// `key: value` or `key:` (a plain or quoted key; not `!Tag`, not inside a flow).
fn split_key(text: &str) -> Option<(&str, &str)> {
    if text.starts_with(['!', '[', '{', '&', '*', '#']) {
        return None;
    }
    let mut search = 0;
    while let Some(at) = text[search..].find(':') {
        let at = search + at;
        let after = &text[at + 1..];
        if after.is_empty() || after.starts_with([' ', '\t']) {
            let key = text[..at].trim().trim_matches(['"', '\'']);
            return Some((key, after));
        }
        search = at + 1;
    }
    None
}

fn strip_comment(text: &str) -> &str {
    let mut quote = None;
    let bytes = text.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        match (quote, b) {
            (None, b'"' | b'\'') => quote = Some(b),
            (Some(q), _) if b == q => quote = None,
            (None, b'#') if i == 0 || bytes[i - 1] == b' ' => return &text[..i],
            _ => {}
        }
    }
    text
}

/// A scalar as typed: quotes removed.
pub fn unquote(text: &str) -> &str {
    text.trim().trim_matches(['"', '\''])
}

/// An entry's lines under `entries:`, found by indentation.
#[derive(Clone, Debug)]
pub struct EntryBlock<'a> {
    pub first_line: usize,
    /// One past the last line.
    pub end_line: usize,
    /// Column of the entry's own keys.
    pub key_col: usize,
    pub model: Option<&'a str>,
    pub id: Option<&'a str>,
    pub id_line: Option<usize>,
}

pub struct Outline<'a> {
    pub shapes: Vec<LineShape<'a>>,
    pub entries: Vec<EntryBlock<'a>>,
}

impl<'a> Outline<'a> {
    pub fn new(text: &'a str) -> Outline<'a> {
        let lines: Vec<&str> = text.split('\n').collect();
        let shapes: Vec<LineShape> = lines.iter().map(|l| shape(l)).collect();
        let mut entries = Vec::new();
        let start = shapes
            .iter()
            .position(|s| s.key == Some("entries") && s.key_col == 0 && s.dash.is_none());
        if let Some(start) = start {
            let mut item_dash = None;
            for (n, s) in shapes.iter().enumerate().skip(start + 1) {
                if s.blank {
                    continue;
                }
                if s.dash.is_none() && s.key_col == 0 {
                    break; // the next top-level key
                }
                let dash = s.dash.filter(|d| item_dash.is_none_or(|i| *d == i));
                if let Some(d) = dash {
                    item_dash = Some(d);
                    if let Some(last) = entries.last_mut() {
                        let last: &mut EntryBlock = last;
                        last.end_line = n;
                    }
                    entries.push(EntryBlock {
                        first_line: n,
                        end_line: lines.len(),
                        key_col: s.key_col,
                        model: None,
                        id: None,
                        id_line: None,
                    });
                }
                if let Some(entry) = entries.last_mut() {
                    if s.key_col == entry.key_col && (s.dash.is_none() || dash.is_some()) {
                        match s.key {
                            Some("model") => entry.model = Some(unquote(s.value)),
                            Some("id") => {
                                entry.id = Some(unquote(s.value));
                                entry.id_line = Some(n);
                            }
                            _ => {}
                        }
                    }
                }
            }
            if let Some(last) = entries.last_mut() {
                // Trailing blank lines and the next top-level key are not the entry's.
                let mut end = last.end_line.min(lines.len());
                for (n, s) in shapes.iter().enumerate().skip(last.first_line + 1) {
                    if !s.blank && s.dash.is_none() && s.key_col == 0 {
                        end = n;
                        break;
                    }
                }
                last.end_line = end;
            }
        }
        Outline { shapes, entries }
    }

    /// The entry holding a line.
    pub fn entry_at(&self, line: usize) -> Option<(usize, &EntryBlock<'a>)> {
        self.entries
            .iter()
            .enumerate()
            .find(|(_, e)| e.first_line <= line && line < e.end_line)
    }

    /// The keys that enclose a position at `col` on `line` (outermost first), and the
    /// keys already present beside it in the same mapping.
    pub fn enclosing(&self, line: usize, col: usize) -> (Vec<&'a str>, Vec<&'a str>) {
        let mut limit = col;
        let mut path = Vec::new();
        let mut block_start = 0;
        for n in (0..line).rev() {
            let s = &self.shapes[n];
            if s.blank {
                continue;
            }
            if let Some(d) = s.dash {
                if d < limit && s.key_col >= limit {
                    // The line starting the sequence item the cursor is in.
                    path.push("-");
                    limit = d;
                    if block_start == 0 {
                        block_start = n;
                    }
                    continue;
                }
            }
            if s.key_col < limit && s.key.is_some() {
                if block_start == 0 {
                    block_start = n + 1;
                }
                path.extend(s.key);
                limit = s.key_col.min(s.dash.unwrap_or(usize::MAX));
                if limit == 0 {
                    break;
                }
            }
        }
        path.reverse();
        // Siblings: lines at the cursor's column in the same block.
        let mut present = Vec::new();
        for n in block_start..self.shapes.len() {
            let s = &self.shapes[n];
            if n == line || s.blank {
                continue;
            }
            let new_item = n > block_start && s.dash.is_some_and(|d| d < col);
            if n > line && (s.key_col < col || new_item) {
                break;
            }
            if s.key_col == col {
                present.extend(s.key);
            }
        }
        (path, present)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HALF: &str = "version: 1
entries:
  - model: authentik_flows.flow
    id: flow
    identifiers:
      slug: x
    attrs:
      name: y
      desig
  - model: authentik_flows.flowstagebinding
    identifiers:
      target: !KeyOf fl
";

    #[test]
    fn entries_and_enclosing_keys_of_broken_yaml() {
        let outline = Outline::new(HALF);
        assert_eq!(outline.entries.len(), 2);
        assert_eq!(outline.entries[0].id, Some("flow"));
        assert_eq!(
            outline.entries[1].model,
            Some("authentik_flows.flowstagebinding")
        );
        let (path, present) = outline.enclosing(8, 6);
        assert_eq!(path, ["entries", "-", "attrs"]);
        assert_eq!(present, ["name"]);
        let (path, present) = outline.enclosing(4, 4);
        assert_eq!(path, ["entries", "-"]);
        assert!(present.contains(&"model") && present.contains(&"attrs"));
        assert_eq!(outline.entry_at(11).map(|(i, _)| i), Some(1));
    }
}
