//! `!Enumerate`, `!Index`, `!Value` and `!AtIndex`: authentik's stack of enumerate
//! contexts and indexing into evaluated values.

use std::borrow::Cow;

use super::{Evaluator, MAX_MAP_KEYS, Value};
use crate::model::TagKind;
use crate::yaml::Node;

impl<'a> Evaluator<'_, 'a> {
    /// `pushed`: authentik's resolver met the tag while walking values, so its context
    /// is on the stack while the iterable and the body are resolved.
    pub(super) fn eval_enumerate(&mut self, items: &'a [Node], pushed: bool) -> Value<'a> {
        let [iterable, output, body, ..] = items else {
            return Value::Unknown;
        };
        if pushed {
            self.enumerate_stack.push(None);
        }
        let iterable = self.eval_arg(iterable);
        if pushed {
            self.enumerate_stack.pop();
        }
        let pairs: Vec<(Value<'a>, Value<'a>)> = match iterable {
            Value::Seq(values) => values
                .into_iter()
                .enumerate()
                .map(|(i, v)| (Value::Int(i as i64), v))
                .collect(),
            Value::Map(pairs) => pairs,
            Value::Str(s) => s
                .chars()
                .enumerate()
                .map(|(i, c)| (Value::Int(i as i64), Value::Str(Cow::Owned(c.to_string()))))
                .collect(),
            _ => return Value::Unknown,
        };
        let Some(output) = output.as_str().map(str::to_ascii_uppercase) else {
            return Value::Unknown;
        };
        if output != "SEQ" && output != "MAP" {
            // authentik checks the output kind before iterating.
            return Value::Unknown;
        }
        let mut seq = Vec::new();
        let mut map: Vec<(Value<'a>, Value<'a>)> = Vec::new();
        for pair in pairs {
            if pushed {
                self.enumerate_stack.push(Some(pair));
            }
            let item = self.eval(body);
            if pushed {
                self.enumerate_stack.pop();
            }
            if output == "SEQ" {
                seq.push(item);
                continue;
            }
            if map.len() >= MAX_MAP_KEYS {
                return Value::Unknown;
            }
            // `always_merger.merge(result, {b[0]: b[1]} if list else b)`.
            match item {
                Value::Seq(kv) if kv.len() >= 2 => {
                    let mut kv = kv.into_iter();
                    let k = kv.next().unwrap_or(Value::Unknown);
                    let v = kv.next().unwrap_or(Value::Unknown);
                    if !k.is_fully_known() {
                        return Value::Unknown;
                    }
                    deep_merge(&mut map, vec![(k, v)]);
                }
                Value::Map(pairs) if pairs.iter().all(|(k, _)| k.is_fully_known()) => {
                    deep_merge(&mut map, pairs);
                }
                _ => return Value::Unknown,
            }
        }
        if output == "SEQ" {
            Value::Seq(seq)
        } else {
            Value::Map(map)
        }
    }

    pub(super) fn eval_index_value(&mut self, kind: TagKind, node: &'a Node) -> Value<'a> {
        let Some(depth) = node
            .scalar_text()
            .and_then(|t| t.trim().parse::<usize>().ok())
        else {
            return Value::Unknown;
        };
        let len = self.enumerate_stack.len();
        if depth >= len {
            return Value::Unknown;
        }
        // An empty context (the iterable of an `!Enumerate`) fails in authentik.
        let Some((key, value)) = &self.enumerate_stack[len - 1 - depth] else {
            return Value::Unknown;
        };
        if kind == TagKind::Index {
            key.clone()
        } else {
            value.clone()
        }
    }

    pub(super) fn eval_at_index(&mut self, items: &'a [Node]) -> Value<'a> {
        // authentik ignores items after the third.
        if items.len() < 2 {
            return Value::Unknown;
        }
        let obj = self.eval_arg(&items[0]);
        let key = self.eval_arg(&items[1]);
        let found = match (&obj, &key) {
            (Value::Seq(values), Value::Int(i)) => {
                let len = values.len() as i64;
                let index = if *i < 0 { len + i } else { *i };
                usize::try_from(index)
                    .ok()
                    .and_then(|i| values.get(i))
                    .cloned()
            }
            (Value::Map(pairs), k) if k.is_fully_known() => pairs
                .iter()
                .rev()
                .find(|(pk, _)| pk == k)
                .map(|(_, v)| v.clone()),
            _ => return Value::Unknown,
        };
        match (found, items.get(2)) {
            (Some(v), _) => v,
            (None, Some(default)) => self.eval(default),
            (None, None) => Value::Unknown,
        }
    }
}

/// `deepmerge.always_merger.merge`: nested mappings merge, lists concatenate, anything
/// else is replaced.
fn deep_merge<'a>(into: &mut Vec<(Value<'a>, Value<'a>)>, from: Vec<(Value<'a>, Value<'a>)>) {
    for (key, value) in from {
        let Some(slot) = into.iter_mut().find(|(k, _)| *k == key) else {
            into.push((key, value));
            continue;
        };
        match (&mut slot.1, value) {
            (Value::Map(old), Value::Map(new)) => deep_merge(old, new),
            (Value::Seq(old), Value::Seq(new)) => old.extend(new),
            (old, new) => *old = new,
        }
    }
}
