//! Static tag evaluation: evaluating every node of any tree, with the file's own
//! context and an `--env` value, never panics.
#![no_main]

use std::collections::HashMap;

use flowlint::eval::{Context, EvalEnv, Evaluator, Value};
use flowlint::yaml::{self, Node, NodeKind};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let loaded = yaml::load(text);
    let Some(root) = &loaded.root else { return };
    let rbac = Value::Unknown;
    let mut context = Context::with_defaults(&rbac);
    if let Some(ctx) = root.get("context") {
        context.merge_node(ctx);
    }
    let env = HashMap::from([("FUZZ".to_string(), "value".to_string())]);
    let mut evaluator = Evaluator::new(EvalEnv {
        context: &context,
        env: &env,
        finder: None,
        files: None,
    });
    let mut stack: Vec<&Node> = vec![root];
    let mut visited = 0usize;
    while let Some(node) = stack.pop() {
        visited += 1;
        // Evaluating every node of a deep tree is quadratic; the first nodes suffice.
        if visited > 2_000 {
            break;
        }
        let value = evaluator.eval(node);
        let _ = value.truthy();
        let _ = value.python_str();
        match &node.kind {
            NodeKind::Scalar(_) => {}
            NodeKind::Seq(items) => stack.extend(items),
            NodeKind::Map(pairs) => stack.extend(pairs.iter().flat_map(|p| [&p.key, &p.value])),
        }
    }
});
