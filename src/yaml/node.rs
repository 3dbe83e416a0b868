//! The spanned YAML tree flowlint works on.

use std::borrow::Cow;

use ecow::EcoString;

use crate::model::TagKind;
use crate::source::Span;

/// A YAML node with its byte span (tag included) and, when present, its tag.
#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    pub span: Span,
    pub tag: Option<Box<Tag>>,
    pub kind: NodeKind,
}

/// A tag as written, e.g. `!KeyOf` or `!!str`, and where it is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Tag {
    /// Borrowed for authentik's and YAML's core tags: no allocation per tag.
    pub name: Cow<'static, str>,
    pub span: Span,
}

/// YAML's core tags; with authentik's tags ([`TagKind`]) the names shared by every
/// node that carries them.
const CORE_TAGS: &[&str] = &[
    "!!str",
    "!!int",
    "!!float",
    "!!bool",
    "!!null",
    "!!binary",
    "!!timestamp",
    "!!map",
    "!!seq",
];

impl Tag {
    /// The name `prefix` + `suffix`, shared (not allocated) when it is a known tag.
    pub fn name_from_parts(prefix: &str, suffix: &str) -> Cow<'static, str> {
        let known = TagKind::ALL
            .iter()
            .map(|kind| kind.name())
            .chain(CORE_TAGS.iter().copied())
            .find(|known| {
                known.len() == prefix.len() + suffix.len()
                    && known.starts_with(prefix)
                    && known[prefix.len()..] == *suffix
            });
        match known {
            Some(known) => Cow::Borrowed(known),
            None => Cow::Owned(format!("{prefix}{suffix}")),
        }
    }
}

/// Boxed slices, not vectors: the loader builds each collection at its exact size,
/// and 16-byte children let the kind share the scalar's 24 bytes (a node is 40 bytes).
#[derive(Clone, Debug, PartialEq)]
pub enum NodeKind {
    Scalar(Scalar),
    Seq(Box<[Node]>),
    Map(Box<[Pair]>),
}

impl NodeKind {
    /// Where a block collection of these children ends: at its last child (past any
    /// comments that follow it); `None` for an empty one or a scalar.
    pub(super) fn block_end(&self) -> Option<u32> {
        match self {
            NodeKind::Seq(items) => items.last().map(|n| n.span.end),
            NodeKind::Map(pairs) => pairs
                .iter()
                .filter(|p| !p.merged)
                .map(|p| p.value.span.end.max(p.key.span.end))
                .max(),
            NodeKind::Scalar(_) => None,
        }
    }
}

/// One `key: value` pair. Duplicate keys are kept, in document order.
#[derive(Clone, Debug, PartialEq)]
pub struct Pair {
    pub key: Node,
    pub value: Node,
    /// The pair came from a `<<` merge key rather than being written in this mapping.
    pub merged: bool,
    /// A later pair of the mapping has the same key: PyYAML keeps the last value, so
    /// authentik never sees this one (the duplicate-key rule reports it).
    pub overridden: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ScalarStyle {
    Plain,
    SingleQuoted,
    DoubleQuoted,
    Literal,
    Folded,
}

/// A scalar's text (after unescaping) and its YAML 1.1 type.
#[derive(Clone, Debug, PartialEq)]
pub struct Scalar {
    /// Short texts (most keys and names) inline, without an allocation each.
    pub text: EcoString,
    pub style: ScalarStyle,
    /// The type only: numbers are read from the text again when asked for
    /// ([`Scalar::value`]), which keeps every node of the tree 16 bytes smaller.
    pub kind: ScalarKind,
}

/// The type of a scalar as stored in the tree.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ScalarKind {
    Null,
    True,
    False,
    Int,
    BigInt,
    Float,
    Timestamp,
    /// `!!binary`: PyYAML builds `bytes`.
    Binary,
    Str,
}

impl ScalarKind {
    pub(super) fn of(value: ScalarValue) -> Self {
        match value {
            ScalarValue::Null => ScalarKind::Null,
            ScalarValue::Bool(true) => ScalarKind::True,
            ScalarValue::Bool(false) => ScalarKind::False,
            ScalarValue::Int(_) => ScalarKind::Int,
            ScalarValue::BigInt => ScalarKind::BigInt,
            ScalarValue::Float(_) => ScalarKind::Float,
            ScalarValue::Timestamp => ScalarKind::Timestamp,
            ScalarValue::Binary => ScalarKind::Binary,
            ScalarValue::Str => ScalarKind::Str,
        }
    }
}

impl Scalar {
    /// The value PyYAML's `SafeLoader` constructs, numbers included.
    pub fn value(&self) -> ScalarValue {
        match self.kind {
            ScalarKind::Null => ScalarValue::Null,
            ScalarKind::True => ScalarValue::Bool(true),
            ScalarKind::False => ScalarValue::Bool(false),
            ScalarKind::Int => super::scalar::int_of(&self.text),
            ScalarKind::BigInt => ScalarValue::BigInt,
            ScalarKind::Float => ScalarValue::Float(super::scalar::float_of(&self.text)),
            ScalarKind::Timestamp => ScalarValue::Timestamp,
            ScalarKind::Binary => ScalarValue::Binary,
            ScalarKind::Str => ScalarValue::Str,
        }
    }
}

/// The type PyYAML's `SafeLoader` gives a scalar (YAML 1.1 rules), with its value.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum ScalarValue {
    Null,
    Bool(bool),
    Int(i64),
    /// An integer beyond 64 bits (Python keeps it; its text is the scalar's text).
    BigInt,
    Float(f64),
    /// A YAML 1.1 timestamp (`2024-01-01`); PyYAML builds a date object.
    Timestamp,
    /// `!!binary`: Python `bytes` (the scalar's text is the base64).
    Binary,
    Str,
}

impl Node {
    pub fn as_scalar(&self) -> Option<&Scalar> {
        match &self.kind {
            NodeKind::Scalar(s) => Some(s),
            _ => None,
        }
    }

    pub fn as_seq(&self) -> Option<&[Node]> {
        match &self.kind {
            NodeKind::Seq(items) => Some(items),
            _ => None,
        }
    }

    pub fn as_map(&self) -> Option<&[Pair]> {
        match &self.kind {
            NodeKind::Map(pairs) => Some(pairs),
            _ => None,
        }
    }

    pub fn tag_name(&self) -> Option<&str> {
        self.tag.as_deref().map(|t| &*t.name)
    }

    /// True for nodes carrying a custom `!Tag` (not a `!!core` tag).
    pub fn is_custom_tagged(&self) -> bool {
        self.tag_name().is_some_and(|t| !t.starts_with("!!"))
    }

    /// The text of an untagged string scalar.
    pub fn as_str(&self) -> Option<&str> {
        if self.is_custom_tagged() {
            return None;
        }
        match &self.kind {
            NodeKind::Scalar(s) if s.kind == ScalarKind::Str => Some(&s.text),
            _ => None,
        }
    }

    /// The raw text of any scalar, typed or not, tagged or not.
    pub fn scalar_text(&self) -> Option<&str> {
        self.as_scalar().map(|s| &*s.text)
    }

    /// What this scalar is as a Python dict key: PyYAML builds a dict, where `yes`,
    /// `true`, `1`, `0x1` and `1.0` are one key (`True == 1 == 1.0`), and `~` and
    /// `null` another. `None` for collections (unhashable) and custom tags.
    pub fn dict_key(&self) -> Option<DictKey<'_>> {
        let scalar = self.as_scalar()?;
        if self.is_custom_tagged() {
            return None;
        }
        // Most keys are plain words: typed without reading a number.
        if scalar.kind == ScalarKind::Str {
            return Some(DictKey::Text(&scalar.text, true));
        }
        Some(match scalar.value() {
            ScalarValue::Null => DictKey::Null,
            ScalarValue::Bool(b) => DictKey::Int(i64::from(b)),
            ScalarValue::Int(i) => DictKey::Int(i),
            ScalarValue::Float(f) if f.fract() == 0.0 && f.abs() < 9.0e15 => DictKey::Int(f as i64),
            ScalarValue::Float(f) => DictKey::Float(f.to_bits()),
            ScalarValue::BigInt
            | ScalarValue::Timestamp
            | ScalarValue::Binary
            | ScalarValue::Str => {
                DictKey::Text(&scalar.text, matches!(scalar.value(), ScalarValue::Str))
            }
        })
    }

    /// The value for `key`, as PyYAML would see it: the last occurrence wins.
    pub fn get(&self, key: &str) -> Option<&Node> {
        self.get_pair(key).map(|p| &p.value)
    }

    pub fn get_pair(&self, key: &str) -> Option<&Pair> {
        self.as_map()?
            .iter()
            .rev()
            .find(|p| p.key.scalar_text() == Some(key) && !p.key.is_custom_tagged())
    }

    pub fn kind_name(&self) -> &'static str {
        match &self.kind {
            NodeKind::Scalar(s) => match s.kind {
                ScalarKind::Null => "null",
                ScalarKind::True | ScalarKind::False => "boolean",
                ScalarKind::Int | ScalarKind::BigInt => "integer",
                ScalarKind::Float => "number",
                ScalarKind::Timestamp => "timestamp",
                ScalarKind::Binary => "binary value",
                ScalarKind::Str => "string",
            },
            NodeKind::Seq(_) => "sequence",
            NodeKind::Map(_) => "mapping",
        }
    }

    /// [`Node::kind_name`] with its article, for "found an integer", "found null".
    pub fn kind_with_article(&self) -> String {
        match self.kind_name() {
            "null" => "null".to_owned(),
            name @ "integer" => format!("an {name}"),
            name => format!("a {name}"),
        }
    }

    /// Number of nodes in this subtree, this node included.
    pub fn count(&self) -> usize {
        let mut total = 0;
        let mut stack = vec![self];
        while let Some(node) = stack.pop() {
            total += 1;
            node.push_children(&mut stack);
        }
        total
    }

    /// Push this node's children (items; keys and values) onto a walk's stack.
    pub fn push_children<'n>(&'n self, stack: &mut Vec<&'n Node>) {
        match &self.kind {
            NodeKind::Scalar(_) => {}
            NodeKind::Seq(items) => stack.extend(items.iter()),
            NodeKind::Map(pairs) => {
                for pair in pairs {
                    stack.push(&pair.key);
                    stack.push(&pair.value);
                }
            }
        }
    }
}

impl Drop for Node {
    // A deeply nested tree would overflow the stack with the default recursive drop;
    // flatten children onto a heap stack instead.
    fn drop(&mut self) {
        let mut pending: Vec<Node> = Vec::new();
        take_children(&mut self.kind, &mut pending);
        while let Some(mut node) = pending.pop() {
            take_children(&mut node.kind, &mut pending);
        }
    }
}

/// Move the children that have children of their own onto `into`; leaves (most
/// nodes) stay and are freed in place by their vector, one level deep, never moved.
fn take_children(kind: &mut NodeKind, into: &mut Vec<Node>) {
    fn take_if_nested(node: &mut Node, into: &mut Vec<Node>) {
        let nested = match &node.kind {
            NodeKind::Scalar(_) => false,
            NodeKind::Seq(items) => !items.is_empty(),
            NodeKind::Map(pairs) => !pairs.is_empty(),
        };
        if nested {
            let empty = Node {
                span: Span::default(),
                tag: None,
                kind: NodeKind::Seq(Box::default()),
            };
            into.push(std::mem::replace(node, empty));
        }
    }
    match kind {
        NodeKind::Scalar(_) => {}
        NodeKind::Seq(items) => {
            for item in items.iter_mut() {
                take_if_nested(item, into);
            }
        }
        NodeKind::Map(pairs) => {
            for pair in pairs.iter_mut() {
                take_if_nested(&mut pair.key, into);
                take_if_nested(&mut pair.value, into);
            }
        }
    }
}

/// A mapping key as Python compares dict keys ([`Node::dict_key`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DictKey<'a> {
    Null,
    /// Integers, booleans and integral floats.
    Int(i64),
    /// Other floats, by bits.
    Float(u64),
    /// The text, and whether it is a string (big ints and dates compare by text too,
    /// never equal to a string).
    Text(&'a str, bool),
}
