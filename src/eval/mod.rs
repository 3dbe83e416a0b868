//! Static evaluation of blueprint tags.
//!
//! Tags are evaluated the way authentik's importer would, from what flowlint knows
//! offline: the blueprint's context, values the user passed with `--context` and
//! `--env`, and the entries of the world. Anything else evaluates to
//! [`Value::Unknown`], which propagates: nothing guesses.

mod context;
mod enumerate;
mod file_tag;
mod format;
mod format_spec;
mod pyfloat;
mod value;

use std::borrow::Cow;
use std::collections::HashMap;

pub use context::{Context, ContextValue, DottedKeys};
pub use file_tag::{FileAccess, FileRead, MAX_FILE_TAG_BYTES};
pub use format::{FormatError, placeholder_count, python_format};
pub use value::{Value, python_float};

use crate::model::TagKind;
use crate::yaml::{Node, NodeKind};

/// Resolves `!Find`/`!FindObject` against the objects a world declares.
pub trait FindResolver {
    /// `Some(value)` when exactly the matching object is known, `None` otherwise.
    fn find(
        &self,
        model: &str,
        conditions: &[(Value<'_>, Value<'_>)],
        object: bool,
    ) -> Option<Value<'static>>;
}

/// Everything evaluation may read.
pub struct EvalEnv<'e, 'a> {
    pub context: &'e Context<'a>,
    /// `!Env` values the user passed explicitly; the process environment is never read.
    pub env: &'e HashMap<String, String>,
    pub finder: Option<&'e dyn FindResolver>,
    /// Where `!File` may read; `None` (the default) keeps every `!File` unknown.
    pub files: Option<&'e FileAccess>,
}

const MAX_EVAL_DEPTH: usize = 64;
/// Nodes evaluated per top-level call: nested `!Enumerate`s multiply, and a few
/// lines of YAML could otherwise ask for billions of evaluations.
const MAX_EVAL_STEPS: usize = 200_000;
/// Keys of a `MAP` `!Enumerate` result (merging is quadratic).
const MAX_MAP_KEYS: usize = 10_000;

pub struct Evaluator<'e, 'a> {
    env: EvalEnv<'e, 'a>,
    /// authentik's stack of `!Enumerate` contexts: `None` while an `!Enumerate`'s
    /// iterable is resolved (it is pushed already, with an empty context).
    enumerate_stack: Vec<Option<(Value<'a>, Value<'a>)>>,
    depth: usize,
    /// Nodes evaluated in the current top-level call.
    steps: usize,
    /// The node being evaluated is a direct tag argument, which authentik resolves
    /// without its resolver walk (so an `!Enumerate` there pushes no context).
    direct: bool,
    /// A `!Find`/`!FindObject` was reached since the last [`Evaluator::take_reached_find`]:
    /// only then can a world's objects change the result.
    reached_find: bool,
}

impl<'e, 'a> Evaluator<'e, 'a> {
    pub fn new(env: EvalEnv<'e, 'a>) -> Self {
        Evaluator {
            env,
            enumerate_stack: Vec::new(),
            depth: 0,
            steps: 0,
            direct: false,
            reached_find: false,
        }
    }

    /// Whether evaluation reached a `!Find`/`!FindObject` since the last call.
    pub fn take_reached_find(&mut self) -> bool {
        std::mem::take(&mut self.reached_find)
    }

    /// Evaluate a node fully, as the entry resolver does.
    pub fn eval(&mut self, node: &'a Node) -> Value<'a> {
        if self.depth == 0 {
            self.steps = 0;
        }
        if self.depth >= MAX_EVAL_DEPTH || self.steps >= MAX_EVAL_STEPS {
            return Value::Unknown;
        }
        self.steps += 1;
        self.depth += 1;
        let value = self.eval_inner(node);
        self.depth -= 1;
        value
    }

    fn eval_inner(&mut self, node: &'a Node) -> Value<'a> {
        let direct = std::mem::take(&mut self.direct);
        if let Some(tag) = node.tag_name().filter(|t| !t.starts_with("!!")) {
            return match TagKind::from_name(tag) {
                Some(TagKind::Enumerate) => {
                    self.eval_enumerate(node.as_seq().unwrap_or(&[]), !direct)
                }
                Some(kind) => self.eval_tag(kind, node),
                None => Value::Unknown,
            };
        }
        match &node.kind {
            NodeKind::Scalar(_) => Value::from_scalar(node).unwrap_or(Value::Unknown),
            NodeKind::Seq(items) => Value::Seq(items.iter().map(|n| self.eval(n)).collect()),
            NodeKind::Map(pairs) => Value::Map(
                pairs
                    .iter()
                    .map(|p| {
                        // Tags used as keys are never resolved by authentik.
                        let key = if p.key.is_custom_tagged() {
                            Value::Unknown
                        } else {
                            Value::from_scalar(&p.key).unwrap_or(Value::Unknown)
                        };
                        (key, self.eval(&p.value))
                    })
                    .collect(),
            ),
        }
    }

    /// A direct tag argument: resolved only when it is itself a tag (authentik does not
    /// walk into list or dict arguments of most tags).
    fn eval_arg(&mut self, node: &'a Node) -> Value<'a> {
        self.direct = true;
        let value = self.eval(node);
        self.direct = false;
        value
    }

    fn eval_tag(&mut self, kind: TagKind, node: &'a Node) -> Value<'a> {
        let items = node.as_seq().unwrap_or(&[]);
        match kind {
            TagKind::KeyOf => node
                .scalar_text()
                .map_or(Value::Unknown, |id| Value::KeyOf(Cow::Borrowed(id))),
            TagKind::Env => self.eval_env(node),
            TagKind::File => self.eval_file(node),
            TagKind::Context => self.eval_context(node),
            TagKind::Format => self.eval_format(items),
            TagKind::Condition => self.eval_condition(items),
            TagKind::If => self.eval_if(items),
            // `eval_inner` handles `!Enumerate` itself: only it knows whether it is pushed.
            TagKind::Enumerate => self.eval_enumerate(items, false),
            TagKind::Index | TagKind::Value => self.eval_index_value(kind, node),
            TagKind::AtIndex => self.eval_at_index(items),
            TagKind::ParseJson => node
                .scalar_text()
                .and_then(|t| serde_json::from_str::<serde_json::Value>(t).ok())
                .map_or(Value::Unknown, json_to_value),
            TagKind::Find | TagKind::FindObject => self.eval_find(kind, items),
        }
    }

    fn eval_env(&mut self, node: &'a Node) -> Value<'a> {
        let name = match &node.kind {
            NodeKind::Scalar(s) => Some(&*s.text),
            NodeKind::Seq(items) => items.first().and_then(Node::scalar_text),
            NodeKind::Map(_) => None,
        };
        match name.and_then(|n| self.env.env.get(n)) {
            Some(v) if !v.is_empty() => Value::Str(Cow::Owned(v.clone())),
            // An unset or empty variable falls back to the default, but whether the
            // server has it set is unknowable offline.
            _ => Value::Unknown,
        }
    }

    fn eval_file(&mut self, node: &'a Node) -> Value<'a> {
        let Some(files) = self.env.files else {
            return Value::Unknown;
        };
        let (path, default) = match &node.kind {
            NodeKind::Scalar(s) => (Some(&*s.text), None),
            NodeKind::Seq(items) => (items.first().and_then(Node::as_str), items.get(1)),
            NodeKind::Map(_) => (None, None),
        };
        let Some(path) = path else {
            return Value::Unknown;
        };
        match files.read(path) {
            FileRead::Content(text) => Value::Str(Cow::Owned(text)),
            FileRead::Missing => default.map_or(Value::Null, |d| self.eval(d)),
            FileRead::Refused => Value::Unknown,
        }
    }

    fn eval_context(&mut self, node: &'a Node) -> Value<'a> {
        let (key, default) = match &node.kind {
            NodeKind::Scalar(s) => (Value::Str(Cow::Borrowed(&s.text)), None),
            NodeKind::Seq(items) => match items.first() {
                // authentik does not resolve a tag used as the key: it never matches.
                Some(k) if k.is_custom_tagged() => {
                    return items.get(1).map_or(Value::Null, |d| self.eval_arg(d));
                }
                Some(k) => (self.eval_arg(k), items.get(1)),
                None => return Value::Unknown,
            },
            NodeKind::Map(_) => return Value::Unknown,
        };
        let Some(key) = key.as_str().map(str::to_owned) else {
            return Value::Unknown;
        };
        match self.env.context.lookup(&key) {
            // authentik resolves a tag found there directly, not through its walk.
            Some(ContextValue::Node(n)) => self.eval_arg(n),
            Some(ContextValue::Value(v)) => v.clone(),
            Some(ContextValue::Shared(v)) => v.clone(),
            None if self.env.context.is_open() => Value::Unknown,
            None => default.map_or(Value::Null, |d| self.eval_arg(d)),
        }
    }

    fn eval_format(&mut self, items: &'a [Node]) -> Value<'a> {
        let Some(fmt) = items.first().and_then(Node::as_str) else {
            return Value::Unknown;
        };
        let args: Vec<Value<'a>> = items[1..].iter().map(|n| self.eval_arg(n)).collect();
        match python_format(fmt, &args) {
            Ok(Some(text)) => Value::Str(Cow::Owned(text)),
            _ => Value::Unknown,
        }
    }

    fn eval_condition(&mut self, items: &'a [Node]) -> Value<'a> {
        let Some(mode) = items.first().and_then(Node::scalar_text) else {
            return Value::Unknown;
        };
        let values: Vec<Option<bool>> = items[1..]
            .iter()
            .map(|n| self.eval_arg(n).truthy())
            .collect();
        if values.is_empty() {
            return Value::Unknown;
        }
        let any_true = values.contains(&Some(true));
        let any_false = values.contains(&Some(false));
        let all_known = values.iter().all(Option::is_some);
        let parity = || values.iter().filter(|v| **v == Some(true)).count() % 2 == 1;
        let result = match mode.to_ascii_uppercase().as_str() {
            "AND" => (any_false || all_known).then_some(!any_false),
            "NAND" => (any_false || all_known).then_some(any_false),
            "OR" => (any_true || all_known).then_some(any_true),
            "NOR" => (any_true || all_known).then_some(!any_true),
            "XOR" => all_known.then(parity),
            "XNOR" => all_known.then(|| !parity()),
            "EQ" => all_known.then(|| values.windows(2).all(|w| w[0] == w[1])),
            "NEQ" => all_known.then(|| !values.windows(2).all(|w| w[0] == w[1])),
            _ => None,
        };
        result.map_or(Value::Unknown, Value::Bool)
    }

    fn eval_if(&mut self, items: &'a [Node]) -> Value<'a> {
        let Some(cond) = items.first() else {
            return Value::Unknown;
        };
        let truth = self.eval_arg(cond).truthy();
        match (items.len(), truth) {
            (1, Some(t)) => Value::Bool(t),
            (3, Some(true)) => self.eval(&items[1]),
            (3, Some(false)) => self.eval(&items[2]),
            (3, None) => {
                let (then, otherwise) = (self.eval(&items[1]), self.eval(&items[2]));
                if then == otherwise {
                    then
                } else {
                    Value::Unknown
                }
            }
            _ => Value::Unknown,
        }
    }

    fn eval_find(&mut self, kind: TagKind, items: &'a [Node]) -> Value<'a> {
        self.reached_find = true;
        let Some(finder) = self.env.finder else {
            return Value::Unknown;
        };
        let Some(model) = items.first().map(|n| self.eval_arg(n)) else {
            return Value::Unknown;
        };
        let Some(model) = model.as_str().map(str::to_owned) else {
            return Value::Unknown;
        };
        let mut conditions = Vec::new();
        for pair in &items[1..] {
            let Some([field, value]) = pair.as_seq().and_then(|p| <&[Node; 2]>::try_from(p).ok())
            else {
                return Value::Unknown;
            };
            conditions.push((self.eval_arg(field), self.eval_arg(value)));
        }
        finder
            .find(&model, &conditions, kind == TagKind::FindObject)
            .unwrap_or(Value::Unknown)
    }

    /// The enumerate nesting depth at this point of evaluation.
    pub fn enumerate_depth(&self) -> usize {
        self.enumerate_stack.len()
    }
}

/// Convert parsed JSON into a value.
pub fn json_to_value(json: serde_json::Value) -> Value<'static> {
    match json {
        serde_json::Value::Null => Value::Null,
        serde_json::Value::Bool(b) => Value::Bool(b),
        serde_json::Value::Number(n) => match n.as_i64() {
            Some(i) => Value::Int(i),
            None => Value::Float(n.as_f64().unwrap_or(f64::NAN)),
        },
        serde_json::Value::String(s) => Value::Str(Cow::Owned(s)),
        serde_json::Value::Array(items) => {
            Value::Seq(items.into_iter().map(json_to_value).collect())
        }
        serde_json::Value::Object(map) => Value::Map(
            map.into_iter()
                .map(|(k, v)| (Value::Str(Cow::Owned(k)), json_to_value(v)))
                .collect(),
        ),
    }
}
