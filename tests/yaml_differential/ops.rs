//! Mutations added for held-out runs (issue 18): values replaced by a later duplicate
//! key, tags nested in the arguments of authentik's tags, `?` and `:` at odd places
//! in flow collections, keys past PyYAML's 1,024-character simple key limit, block
//! scalar headers.

use super::mutate::{Rng, replace_value, value_start};
use super::tables::{SCALARS, TAGS};

/// authentik's tags and a few near misses, for [`tag_expression`].
const CUSTOM: &[&str] = &[
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
    "!Bad",
];

/// `key: <something that may fail>` followed by the same key with the line's value:
/// PyYAML builds the replaced value too.
pub fn replaced_duplicate(lines: &mut Vec<String>, at: usize, rng: &mut Rng) {
    let Some(v) = value_start(&lines[at]) else {
        return;
    };
    let key = lines[at][..v].to_string();
    let first = if rng.chance(50) {
        tag_expression(rng, 1)
    } else {
        rng.pick(SCALARS).to_string()
    };
    lines.insert(at, format!("{key}{first}"));
}

/// A custom tag with arguments of every shape, some tagged in turn (`depth` levels).
pub fn tag_expression(rng: &mut Rng, depth: usize) -> String {
    let tag = *rng.pick(CUSTOM);
    match rng.below(5) {
        0 => format!("{tag} {}", leaf(rng)),
        1 | 2 => {
            let items: Vec<String> = (0..rng.below(6)).map(|_| argument(rng, depth)).collect();
            format!("{tag} [{}]", items.join(", "))
        }
        3 => {
            let value = argument(rng, depth);
            let merge = if rng.chance(30) { "<<: 1, " } else { "" };
            format!("{tag} {{{merge}k: {value}}}")
        }
        _ => format!("{tag} [m, {}]", argument(rng, depth)),
    }
}

fn argument(rng: &mut Rng, depth: usize) -> String {
    match rng.below(4) {
        0 if depth > 0 => tag_expression(rng, depth - 1),
        1 => {
            let items: Vec<String> = (0..rng.below(4)).map(|_| leaf(rng)).collect();
            let tag = if rng.chance(50) {
                format!("{} ", rng.pick(TAGS))
            } else {
                String::new()
            };
            format!("{tag}[{}]", items.join(", "))
        }
        _ => leaf(rng),
    }
}

fn leaf(rng: &mut Rng) -> String {
    let plain = *rng.pick(&["x", "0", "name", "SEQ", "\"\"", "1e3", "2024-02-30", "aGk="]);
    if rng.chance(40) {
        format!("{} {plain}", rng.pick(TAGS))
    } else {
        plain.to_string()
    }
}

/// `?` and `:` at the edges of flow entries, and flow keys broken over lines.
pub fn flow_indicators(lines: &mut [String], at: usize, rng: &mut Rng) {
    let Some(v) = value_start(&lines[at]) else {
        return;
    };
    let value = lines[at][v..].to_string();
    let indent = " ".repeat(2 + rng.below(3));
    let new = match rng.below(10) {
        0 => format!("[? : {value}]"),
        1 => format!("[?{value}]"),
        2 => format!("{{? {value}}}"),
        3 => format!("[{value}, : x]"),
        4 => format!("{{:{value}}}"),
        5 => format!("{{k: :{value}}}"),
        6 => format!("{{{value}\n{indent}: x}}"),
        7 => format!("[? {value}\n{indent}: x]"),
        8 => format!("[{value}: x, ?]"),
        _ => format!("{{\"{value}\"\n{indent}: x}}"),
    };
    replace_value(&mut lines[at], &new);
}

/// A key of 1,000 to 1,100 characters, in block or flow style: PyYAML drops a simple
/// key longer than 1,024 characters.
pub fn long_key(line: &mut String, rng: &mut Rng) {
    let key = "k".repeat(1000 + rng.below(101));
    match value_start(line) {
        Some(v) if rng.chance(50) => {
            let indent = line.len() - line.trim_start().len();
            let value = line[v..].to_string();
            *line = format!("{}{key}: {value}", " ".repeat(indent));
        }
        _ => replace_value(line, &format!("{{{key}: x}}")),
    }
}

/// A block scalar with an indentation or chomping indicator, its lines indented more,
/// less or the same.
pub fn block_scalar(lines: &mut Vec<String>, at: usize, rng: &mut Rng) {
    let header = *rng.pick(&[
        "|", ">", "|-", ">+", "|2", ">1-", "|+3", "|0", "|10", "|-2", "|#c",
    ]);
    if value_start(&lines[at]).is_none() {
        return;
    }
    replace_value(&mut lines[at], header);
    let indent = lines[at].len() - lines[at].trim_start().len();
    let body = indent + rng.below(5);
    let count = 1 + rng.below(3);
    for i in 0..count {
        let extra = if i > 0 && rng.chance(30) { 1 } else { 0 };
        let text = if rng.chance(20) { "" } else { "text" };
        lines.insert(at + 1 + i, format!("{}{text}", " ".repeat(body + extra)));
    }
}
