use foldhash::{HashMap, HashMapExt};

use crate::declare_rule;
use crate::finding::Sink;
use crate::rules::NodeCx;
use crate::yaml::{DictKey, NodeKind};

declare_rule! {
    /// ## What it does
    /// Reports a key written twice in the same mapping, pointing at both.
    ///
    /// ## Why is this bad?
    /// PyYAML keeps the last value and drops the first without a word, so half of what
    /// you wrote is silently ignored.
    ///
    /// ## Severity
    /// Warning: the file loads and applies, but PyYAML keeps only the last value; which
    /// of the two the author meant flowlint cannot know (often they are equal).
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
    // The loader flags every pair a later key replaces; written pairs come after the
    // merged ones, so a written duplicate always leaves a flagged written pair.
    if !pairs.iter().any(|p| p.overridden && !p.merged) {
        return;
    }
    // Small mappings (nearly all of them) are scanned without a hash map: no
    // allocation, no hashing; the first earlier equal key is the same either way.
    const SCAN: usize = 16;
    let mut seen: HashMap<DictKey<'_>, usize> = HashMap::new();
    for (i, pair) in pairs.iter().enumerate() {
        let Some(key) = key_of(pair) else { continue };
        let text = pair.key.scalar_text().unwrap_or_default();
        let earlier = if pairs.len() <= SCAN {
            pairs[..i].iter().position(|p| key_of(p) == Some(key))
        } else {
            seen.get(&key).copied()
        };
        if let Some(first) = earlier {
            let first_key = &pairs[first].key;
            let first_text = first_key.scalar_text().unwrap_or_default();
            let message = if first_text == text {
                format!("duplicate key `{text}`; this value replaces the one above")
            } else {
                format!(
                    "key `{text}` is the same key as `{first_text}` above once YAML 1.1 types them (Python: `True == 1 == 1.0`, `~` is `null`); this value replaces the one above"
                )
            };
            sink.report(&DUPLICATE_KEY, pair.key.span, message)
                .label("written again here")
                .with_label(cx.file, first_key.span, "first written here")
                .help("remove one of the two keys");
        } else if pairs.len() > SCAN {
            seen.insert(key, i);
        }
    }
}

/// Keys equal as Python dict keys (`yes`, `true` and `1` are one key).
fn key_of(pair: &crate::yaml::Pair) -> Option<DictKey<'_>> {
    if pair.merged {
        return None;
    }
    pair.key.dict_key()
}
