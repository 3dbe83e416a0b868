//! The effective blueprint context: defaults, then the file's `context:`, then the
//! caller's values (later wins), as authentik's importer merges them.

use std::borrow::Cow;

use super::value::Value;
use crate::yaml::Node;

#[derive(Clone, Debug)]
pub enum ContextValue<'a> {
    /// A value written in the blueprint (possibly a tag, evaluated on each read).
    Node(&'a Node),
    Value(Value<'a>),
    /// A value shared by every file of a run (the defaults), not copied per file.
    Shared(&'a Value<'a>),
}

#[derive(Clone, Debug, Default)]
pub struct Context<'a> {
    entries: Vec<(Cow<'a, str>, ContextValue<'a>)>,
    /// When true, keys that are not set may still be set by a blueprint instance, so
    /// their lookups are unknown rather than falling back to the default.
    open: bool,
    /// How a dotted key that is no top-level key is looked up.
    dotted: DottedKeys,
}

/// `!Context a.b.0`: authentik 2026.5 walks nested mappings and lists; older releases
/// only match a top-level key written with the dots, and take the default.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum DottedKeys {
    /// 2026.5 and later.
    #[default]
    Walk,
    /// Before 2026.5.
    TopLevelOnly,
    /// The release is not known: a path that exists gives an unknown value (the
    /// releases disagree), one that does not gives the default (they agree).
    Either,
}

pub const LICENSED_KEY: &str = "goauthentik.io/enterprise/licensed";
pub const RBAC_MODELS_KEY: &str = "goauthentik.io/rbac/models";

impl<'a> Context<'a> {
    /// authentik's default keys. The licence state is unknown offline; the RBAC model
    /// map is built from the catalog by the caller.
    pub fn with_defaults(rbac_models: &'a Value<'a>) -> Self {
        let mut ctx = Context::default();
        ctx.set(LICENSED_KEY, ContextValue::Value(Value::Unknown));
        ctx.set(RBAC_MODELS_KEY, ContextValue::Shared(rbac_models));
        ctx
    }

    pub fn set(&mut self, key: impl Into<Cow<'a, str>>, value: ContextValue<'a>) {
        let key = key.into();
        self.entries.retain(|(k, _)| *k != key);
        self.entries.push((key, value));
    }

    /// Merge the keys of a blueprint's `context:` mapping.
    pub fn merge_node(&mut self, mapping: &'a Node) {
        for pair in mapping.as_map().unwrap_or(&[]) {
            if let Some(key) = pair.key.as_str() {
                self.set(key, ContextValue::Node(&pair.value));
            }
        }
    }

    pub fn set_open(&mut self, open: bool) {
        self.open = open;
    }

    pub fn set_dotted_keys(&mut self, dotted: DottedKeys) {
        self.dotted = dotted;
    }

    pub fn is_open(&self) -> bool {
        self.open
    }

    /// Exact key first; then (per [`DottedKeys`]) a dotted path walking nested literal
    /// mappings and lists.
    pub fn lookup(&self, key: &str) -> Option<ContextValue<'a>> {
        if let Some((_, v)) = self.entries.iter().rev().find(|(k, _)| k == key) {
            return Some(v.clone());
        }
        match self.dotted {
            DottedKeys::Walk => self.walk(key),
            DottedKeys::TopLevelOnly => None,
            DottedKeys::Either => self.walk(key).map(|_| ContextValue::Value(Value::Unknown)),
        }
    }

    fn walk(&self, key: &str) -> Option<ContextValue<'a>> {
        let mut parts = key.split('.');
        let head = parts.next()?;
        let (_, mut current) = self.entries.iter().rev().find(|(k, _)| k == head)?.clone();
        for part in parts {
            current = match current {
                // What a tag yields is known only once it is resolved: never walk into
                // the tag's own arguments.
                ContextValue::Node(node) if node.is_custom_tagged() => {
                    return Some(ContextValue::Value(Value::Unknown));
                }
                ContextValue::Node(node) => {
                    if let Some(seq) = node.as_seq() {
                        ContextValue::Node(seq.get(part.parse::<usize>().ok()?)?)
                    } else {
                        ContextValue::Node(node.get(part)?)
                    }
                }
                ContextValue::Value(Value::Seq(items)) => {
                    ContextValue::Value(items.get(part.parse::<usize>().ok()?)?.clone())
                }
                ContextValue::Value(v) => ContextValue::Value(v.get(part)?.clone()),
                ContextValue::Shared(Value::Seq(items)) => {
                    ContextValue::Shared(items.get(part.parse::<usize>().ok()?)?)
                }
                ContextValue::Shared(v) => ContextValue::Shared(v.get(part)?),
            };
        }
        Some(current)
    }

    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.entries.iter().map(|(k, _)| &**k)
    }
}
