use foldhash::{HashMap, HashMapExt};

use crate::declare_rule;
use crate::finding::Sink;
use crate::rules::NodeCx;
use crate::yaml::NodeKind;

declare_rule! {
    /// ## What it does
    /// Reports a key written twice in the same mapping, pointing at both.
    ///
    /// ## Why is this bad?
    /// PyYAML keeps the last value and drops the first without a word, so half of what
    /// you wrote is silently ignored.
    ///
    /// ## Example
    /// ```yaml
    /// attrs:
    ///   name: Welcome
    ///   name: Welcome to authentik!
    /// ```
    ///
    /// Use instead: keep one of them.
    pub static DUPLICATE_KEY = {
        code: "FL004",
        name: "duplicate-key",
        family: Syntax,
        severity: Warning,
        summary: "A mapping has the same key twice; the last one silently wins",
        check: crate::rules::Check::Node(check),
    };
}

fn check(cx: &NodeCx<'_, '_>, sink: &mut Sink) {
    let NodeKind::Map(pairs) = &cx.node.kind else {
        return;
    };
    if pairs.len() < 2 {
        return;
    }
    // Small mappings (nearly all of them) are scanned without a hash map: no
    // allocation, no hashing; the first earlier equal key is the same either way.
    const SCAN: usize = 16;
    let mut seen: HashMap<(&str, Option<&str>), usize> = HashMap::new();
    for (i, pair) in pairs.iter().enumerate() {
        let Some(key) = key_of(pair) else { continue };
        let text = key.0;
        let earlier = if pairs.len() <= SCAN {
            pairs[..i].iter().position(|p| key_of(p) == Some(key))
        } else {
            seen.get(&key).copied()
        };
        if let Some(first) = earlier {
            let first_key = &pairs[first].key;
            sink.report(
                &DUPLICATE_KEY,
                pair.key.span,
                format!("duplicate key `{text}`; this value replaces the one above"),
            )
            .label("written again here")
            .with_label(cx.file, first_key.span, "first written here")
            .help("remove one of the two keys");
        } else if pairs.len() > SCAN {
            seen.insert(key, i);
        }
    }
}

fn key_of(pair: &crate::yaml::Pair) -> Option<(&str, Option<&str>)> {
    if pair.merged {
        return None;
    }
    Some((pair.key.scalar_text()?, pair.key.tag_name()))
}
