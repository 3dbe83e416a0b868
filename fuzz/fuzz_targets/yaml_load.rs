//! The YAML layer: any text loads without a panic, and every span lies inside the
//! text on character boundaries.
#![no_main]

use flowlint::yaml::{self, Node, NodeKind};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let loaded = yaml::load(text);
    for problem in &loaded.problems {
        assert_span(text, problem.span.start, problem.span.end);
    }
    if let Some(root) = &loaded.root {
        let mut stack: Vec<&Node> = vec![root];
        while let Some(node) = stack.pop() {
            assert_span(text, node.span.start, node.span.end);
            match &node.kind {
                NodeKind::Scalar(_) => {}
                NodeKind::Seq(items) => stack.extend(items),
                NodeKind::Map(pairs) => {
                    for pair in pairs {
                        stack.push(&pair.key);
                        stack.push(&pair.value);
                    }
                }
            }
        }
    }
});

fn assert_span(text: &str, start: u32, end: u32) {
    let (start, end) = (start as usize, end as usize);
    assert!(
        start <= end && end <= text.len(),
        "span {start}..{end} outside {}",
        text.len()
    );
    assert!(
        text.is_char_boundary(start) && text.is_char_boundary(end),
        "span {start}..{end} splits a char"
    );
}
