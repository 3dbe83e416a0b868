//! The seeded mutation corpus: every mutant is a window of a real blueprint with one to
//! three edits of the kinds that broke flowlint's YAML layer on real input (tabs, line
//! separators, anchors, tags, quoting, flow collections, directives, control characters).
//! The same seed gives the same mutants on every machine.

/// SplitMix64: small, fast and the same everywhere.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }

    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    pub fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
}

/// FNV-1a, for seeds derived from a file's name.
pub fn fnv(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

use super::ops::{block_scalar, flow_indicators, long_key, replaced_duplicate, tag_expression};
use super::tables::{DIRECTIVES, ESCAPES, INSERTS, SCALARS, TAGS};

/// `count` mutants of `text`, seeded by `seed`; each `(what, text)`.
pub fn mutants(text: &str, seed: u64, count: usize) -> Vec<(String, String)> {
    let lines: Vec<&str> = text.lines().collect();
    (0..count)
        .map(|i| {
            let mut rng = Rng::new(seed ^ (i as u64).wrapping_mul(0x2545_F491_4F6C_DD1D));
            mutant(&lines, &mut rng)
        })
        .collect()
}

fn mutant(lines: &[&str], rng: &mut Rng) -> (String, String) {
    // A window of the file keeps each mutant small (PyYAML is pure Python here).
    let len = lines.len().max(1);
    let size = (6 + rng.below(26)).min(len);
    let start = rng.below(len - size + 1);
    let mut lines: Vec<String> = lines
        .get(start..start + size)
        .unwrap_or(&[])
        .iter()
        .map(|s| s.to_string())
        .collect();
    if lines.is_empty() {
        lines.push(String::new());
    }
    let mut what = Vec::new();
    let mut ending = "\n";
    for _ in 0..1 + rng.below(3) {
        let op = rng.below(26);
        what.push(op.to_string());
        let n = lines.len();
        let at = rng.below(n);
        match op {
            0 => {
                if n > 1 {
                    lines.remove(at);
                }
            }
            1 => lines.insert(at, lines[at].clone()),
            2 => {
                let pad = " ".repeat(1 + rng.below(3));
                lines[at].insert_str(0, &pad);
            }
            3 => {
                let trim = lines[at].bytes().take_while(|b| *b == b' ').count();
                let cut = trim.min(1 + rng.below(2));
                lines[at].drain(..cut);
            }
            4 => tab(&mut lines[at], rng),
            5 => requote(&mut lines[at], rng),
            6 => anchor(&mut lines, at, rng),
            7 | 8 => tag(&mut lines[at], rng),
            9 => {
                let d = *rng.pick(DIRECTIVES);
                if rng.chance(50) {
                    lines.insert(0, d.trim_end_matches('\n').to_string());
                } else {
                    lines.insert(at, d.trim_end_matches('\n').to_string());
                }
            }
            10 => {
                if rng.chance(50) {
                    lines[0].insert(0, '\u{feff}');
                } else {
                    let p = char_pos(&lines[at], rng);
                    lines[at].insert(p, '\u{feff}');
                }
            }
            11 => ending = *rng.pick(&["\r\n", "\r", "\n\r\n", "\u{2028}", "\u{85}"]),
            12 => {
                // One line break replaced by a YAML 1.1 break, or one put into a comment.
                let sep = *rng.pick(&["\u{2028}", "\u{2029}", "\u{85}", "\r"]);
                if at + 1 < n && rng.chance(60) {
                    let next = lines.remove(at + 1);
                    lines[at] = format!("{}{sep}{next}", lines[at]);
                } else {
                    lines[at].push_str(&format!(" #{sep}x"));
                }
            }
            13 | 14 => {
                let ins = *rng.pick(INSERTS);
                let p = char_pos(&lines[at], rng);
                lines[at].insert_str(p, ins);
            }
            15 | 16 => {
                let scalar: &&str = rng.pick(SCALARS);
                replace_value(&mut lines[at], scalar)
            }
            17 => flow(&mut lines, at, rng),
            18 => {
                if at + 1 < n {
                    lines.swap(at, at + 1);
                }
            }
            20 => replaced_duplicate(&mut lines, at, rng),
            21 => {
                let expr = tag_expression(rng, 2);
                replace_value(&mut lines[at], &expr);
            }
            22 => flow_indicators(&mut lines, at, rng),
            23 => long_key(&mut lines[at], rng),
            24 => block_scalar(&mut lines, at, rng),
            25 => {
                let escape = *rng.pick(ESCAPES);
                replace_value(&mut lines[at], &format!("\"a{escape}b\""));
            }
            _ => {
                if at + 1 < n {
                    let next = lines.remove(at + 1);
                    lines[at] = format!("{} {}", lines[at], next.trim_start());
                }
            }
        }
    }
    let mut out = lines.join(ending);
    if rng.chance(80) {
        out.push_str(ending);
    }
    (what.join("+"), out)
}

/// A character boundary in `line`.
pub fn char_pos(line: &str, rng: &mut Rng) -> usize {
    let bounds: Vec<usize> = line
        .char_indices()
        .map(|(i, _)| i)
        .chain([line.len()])
        .collect();
    *rng.pick(&bounds)
}

/// Where the value of `key: value` or `- value` starts, if the line has one.
pub fn value_start(line: &str) -> Option<usize> {
    if let Some(i) = line.find(": ") {
        return Some(i + 2);
    }
    let trimmed = line.trim_start();
    if trimmed.starts_with("- ") {
        return Some(line.len() - trimmed.len() + 2);
    }
    None
}

fn tab(line: &mut String, rng: &mut Rng) {
    let indent = line.len() - line.trim_start().len();
    match rng.below(7) {
        0 => line.push('\t'),
        1 => line.insert(indent, '\t'),
        2 => *line = format!("{}\t", " ".repeat(indent)),
        3 => {
            if let Some(v) = value_start(line) {
                line.insert(v, '\t');
            }
        }
        4 => line.push_str("\t# comment"),
        5 => {
            if let Some(v) = line.find(['"', '\'']) {
                line.insert(v + 1, '\t');
            } else {
                line.insert(0, '\t');
            }
        }
        _ => {
            if let Some(v) = line.find("- ") {
                line.replace_range(v + 1..v + 2, "\t");
            } else if let Some(v) = line.find(": ") {
                line.replace_range(v + 1..v + 2, "\t");
            }
        }
    }
}

fn requote(line: &mut String, rng: &mut Rng) {
    let Some(v) = value_start(line) else { return };
    let value = line[v..].to_string();
    let new = match rng.below(5) {
        0 => format!("'{}'", value.replace('\'', "''")),
        1 => format!("\"{}\"", value.replace('\\', "\\\\").replace('"', "\\\"")),
        2 => value.trim_matches(['"', '\'']).to_string(),
        3 => format!("\"{value}"),
        _ => format!("\"{}\"", value.trim_matches('"').replace(' ', "\n ")),
    };
    line.replace_range(v.., &new);
}

fn anchor(lines: &mut Vec<String>, at: usize, rng: &mut Rng) {
    let name = *rng.pick(&["a", "k", "a1", "a-b_c", "a.b", "ä", "a:b", "a]"]);
    let n = lines.len();
    match rng.below(6) {
        0 | 1 => {
            if let Some(v) = value_start(&lines[at]) {
                lines[at].insert_str(v, &format!("&{name} "));
            } else {
                lines[at].push_str(&format!(" &{name}"));
            }
            let later = at + rng.below(n - at);
            if let Some(v) = value_start(&lines[later]) {
                lines[later].replace_range(v.., &format!("*{name}"));
            }
        }
        2 => {
            let indent = lines[at].len() - lines[at].trim_start().len();
            lines.insert(at, format!("{}<<: *{name}", " ".repeat(indent)));
        }
        3 => {
            // The same anchor twice.
            for l in [at, rng.below(n)] {
                if let Some(v) = value_start(&lines[l]) {
                    lines[l].insert_str(v, &format!("&{name} "));
                }
            }
        }
        4 => {
            if let Some(v) = value_start(&lines[at]) {
                lines[at].replace_range(v.., &format!("&{name} [x, *{name}]"));
            }
        }
        _ => {
            let indent = lines[at].len() - lines[at].trim_start().len();
            lines.insert(at, format!("{}*{name} : x", " ".repeat(indent)));
        }
    }
}

fn tag(line: &mut String, rng: &mut Rng) {
    let t = *rng.pick(TAGS);
    let indent = line.len() - line.trim_start().len();
    match rng.below(3) {
        0 => {
            if let Some(v) = value_start(line) {
                line.insert_str(v, &format!("{t} "));
            } else {
                line.push_str(&format!(" {t}"));
            }
        }
        1 => line.insert_str(indent, &format!("{t} ")),
        _ => {
            // A tag before a block collection: `key: !tag` then the nested lines.
            if let Some(i) = line.find(':') {
                if line[i + 1..].trim().is_empty() {
                    line.push_str(&format!(" {t}"));
                    return;
                }
            }
            line.push_str(&format!(" {t}"));
        }
    }
}

pub fn replace_value(line: &mut String, scalar: &str) {
    match value_start(line) {
        Some(v) => line.replace_range(v.., scalar),
        None => line.push_str(&format!(": {scalar}")),
    }
}

fn flow(lines: &mut [String], at: usize, rng: &mut Rng) {
    let Some(v) = value_start(&lines[at]) else {
        return;
    };
    let indent = lines[at].len() - lines[at].trim_start().len();
    let value = lines[at][v..].to_string();
    let cont = " ".repeat(rng.below(indent + 3));
    let new = match rng.below(6) {
        0 => format!("[{value}]"),
        1 => format!("{{k: {value}}}"),
        2 => format!("[\n{cont}{value},\n{cont}x\n{cont}]"),
        3 => format!("{{\n{cont}k: {value},\n{cont}j: x}}"),
        4 => format!("[{value}, ? q]"),
        _ => format!("[{value}]#c"),
    };
    lines[at].replace_range(v.., &new);
}
