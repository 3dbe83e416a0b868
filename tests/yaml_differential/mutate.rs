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

const TAGS: &[&str] = &[
    "!!str",
    "!!int",
    "!!float",
    "!!bool",
    "!!null",
    "!!binary",
    "!!timestamp",
    "!!seq",
    "!!map",
    "!!set",
    "!!omap",
    "!!pairs",
    "!!merge",
    "!!value",
    "!!python/none",
    "!<tag:yaml.org,2002:str>",
    "!<tag:yaml.org,2002:int>",
    "!<>",
    "!<!KeyOf>",
    "!",
    "!KeyOf",
    "!Find",
    "!FindObject",
    "!Context",
    "!Format",
    "!Condition",
    "!If",
    "!Env",
    "!File",
    "!Enumerate",
    "!Value",
    "!Index",
    "!AtIndex",
    "!ParseJSON",
    "!keyof",
    "!Unknown",
    "!e!str",
    "!!Str",
];

const SCALARS: &[&str] = &[
    "yes",
    "oN",
    "ON",
    "off",
    "y",
    "n",
    "~",
    "null",
    "Null",
    "NULL",
    "010",
    "0o17",
    "0x1F",
    "0b101",
    "1_000",
    "1:30",
    "1:30.5",
    "190:20:30",
    "1e3",
    "1.0e+3",
    "1.0e3",
    "6.8523015e+5",
    ".5",
    "-.5",
    "+.5",
    "1.",
    ".",
    ".inf",
    "-.Inf",
    ".NaN",
    "0",
    "-0",
    "+12",
    "09",
    "2024-01-02",
    "2024-02-30",
    "2024-13-01",
    "2024-1-2",
    "2001-12-14 21:59:43.10 -05:00",
    "2001-12-14t21:59:43.10-05:00",
    "2024-01-01T25:00:00Z",
    "2024-01-01 10:00:00 +99",
    "2002-12-14",
    "=",
    "<<",
    "-",
    ":",
    "?",
    "? x",
    "a?b",
    "[a, ? b]",
    "{a: ? b}",
    "-x",
    ":x",
    "a: b",
    "a #b",
    "a#b",
    "\"\\ud800\"",
    "\"\\x85\"",
    "\"\\N\\_\\L\\P\"",
    "\"\\/\"",
    "\"\\e\"",
    "\"\\U0001F600\"",
    "'it''s'",
    "\"a\\\"b\"",
    "|",
    "|-\n  x",
    ">\n  a\n  b",
    "*k",
    "*k:",
    "&k x",
    "&a.b x",
    "&ä x",
    "&k",
    "\"\"",
    "''",
    "1 2",
    " 12 ",
    "١٢",
    "!!int ١٢",
    "!!float ١.٥",
    "!!int \" 12 \"",
    "!!float 1e3",
    "!!int 0o17",
    "!!int 0b0b1",
    "!!bool oN",
    "!!bool maybe",
    "!!int 1e3",
    "!!null x",
    "!!binary aGVsbG8=",
    "!!binary aGVsbG8",
    "!!binary a",
    "!!binary \"aGVs\nbG8=\"",
    "!!timestamp 2024-01-02",
    "!!timestamp x",
    "!!str 1",
    "[]",
    "{}",
    "[a, b]",
    "{a: 1, b: 2}",
    "[a,\nb]",
    "{a: [b, c]}#x",
    "[a]#c",
    "\"x\"#c",
    "{a: b}#c",
    "!Index 0",
    "!Index x",
    "!Index \" 1 \"",
    "!Value ١",
    "!If [a]",
    "!If [a, b]",
    "!Env [x]",
    "!Env [x, y]",
    "!Format x",
    "!Format {a: b}",
    "!Find [m, x]",
    "!Find [m, [a, b]]",
    "!Find [m, \"\"]",
    "!Enumerate [a, SEQ]",
    "!AtIndex [a]",
    "!KeyOf [a, !!int x]",
    "!ParseJSON {a: 1}",
    "!!omap [a: 1, b: 2]",
    "!!omap [a, b]",
    "!!pairs [a: 1]",
    "!!pairs {a: 1}",
    "!!omap {}",
    "!!set {a, b}",
    "!!set [a]",
    "!!seq {}",
    "!!map []",
    "!!str [a]",
    "{? a, b: c}",
    "@x",
    "`x",
    "%x",
];

const INSERTS: &[&str] = &[
    "\t",
    "\t",
    "\t",
    " ",
    "\u{2028}",
    "\u{2029}",
    "\u{85}",
    "\u{feff}",
    "\u{0}",
    "\u{1}",
    "\u{7}",
    "\u{8}",
    "\u{b}",
    "\u{c}",
    "\u{1b}",
    "\u{7f}",
    "\u{80}",
    "\u{9f}",
    "\u{a0}",
    "\u{fffe}",
    "\u{ffff}",
    "\u{fffd}",
    "\u{e000}",
    "\u{10ffff}",
    "\r",
    "#",
    ":",
    "- ",
    "? ",
    "[",
    "]",
    "{",
    "}",
    ",",
    "&a ",
    "*a",
    "!",
    "|",
    ">",
    "'",
    "\"",
    "%",
    "@",
    "`",
    "...",
    "---",
    "\\",
    "é",
    "😀",
];

const DIRECTIVES: &[&str] = &[
    "%YAML 1.1\n---\n",
    "%YAML 1.2\n---\n",
    "%YAML 2.0\n---\n",
    "%YAML 1.1\n%YAML 1.1\n---\n",
    "%TAG !e! tag:yaml.org,2002:\n---\n",
    "%TAG ! !foo\n---\n",
    "%FOO bar\n---\n",
    "---\n",
    "--- \n",
    "...\n",
    "...\n---\n",
    "# c\n...\n",
    "--- |\n  x\n",
    "%YAML 1.1\n",
];

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
        let op = rng.below(20);
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
                let trim = lines[at].len() - lines[at].trim_start().len();
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
fn char_pos(line: &str, rng: &mut Rng) -> usize {
    let bounds: Vec<usize> = line
        .char_indices()
        .map(|(i, _)| i)
        .chain([line.len()])
        .collect();
    *rng.pick(&bounds)
}

/// Where the value of `key: value` or `- value` starts, if the line has one.
fn value_start(line: &str) -> Option<usize> {
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

fn replace_value(line: &mut String, scalar: &str) {
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
