//! Focused tests of the static tag evaluator (`flowlint::eval`) on the tricky cases of
//! the blueprint format (spec §4).

use std::borrow::Cow;
use std::collections::HashMap;

use flowlint::eval::{Context, EvalEnv, Evaluator, Value, python_format};
use flowlint::yaml;

/// Evaluate the `value:` of a small document, with its `context:` as the blueprint context.
fn eval(doc: &str) -> Value<'static> {
    let loaded = yaml::load(doc);
    assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
    let root = loaded.root.as_ref().expect("a document");
    let rbac_models = Value::Map(Vec::new());
    let mut context = Context::with_defaults(&rbac_models);
    if let Some(ctx) = root.get("context") {
        context.merge_node(ctx);
    }
    let env = HashMap::new();
    let mut evaluator = Evaluator::new(EvalEnv {
        context: &context,
        env: &env,
        finder: None,
        files: None,
    });
    evaluator
        .eval(root.get("value").expect("a value"))
        .into_owned()
}

fn s(text: &str) -> Value<'static> {
    Value::Str(Cow::Owned(text.to_string()))
}

fn map(pairs: &[(Value<'static>, Value<'static>)]) -> Value<'static> {
    Value::Map(pairs.to_vec())
}

#[test]
fn condition_modes() {
    let cases = [
        ("AND, true, 1, text", true),
        ("AND, true, 0", false),
        ("NAND, true, false", true),
        ("NAND, true, yes", false),
        ("OR, null, '', 0", false),
        ("OR, null, x", true),
        ("NOR, null, ''", true),
        ("NOR, null, x", false),
        // XOR is parity: an odd number of true values.
        ("XOR, true, true, true", true),
        ("XOR, true, true", false),
        ("XOR, true", true),
        ("XOR, null", false),
        ("XNOR, true, true", true),
        ("XNOR, true, true, true", false),
        ("xor, 1, 0", true),
    ];
    for (args, expected) in cases {
        assert_eq!(
            eval(&format!("value: !Condition [{args}]")),
            Value::Bool(expected),
            "{args}"
        );
    }
}

#[test]
fn condition_with_unknowns() {
    // An unknown value decides nothing unless the others already decide the result.
    assert_eq!(
        eval("value: !Condition [AND, false, !Env X]"),
        Value::Bool(false)
    );
    assert_eq!(
        eval("value: !Condition [OR, true, !Env X]"),
        Value::Bool(true)
    );
    assert_eq!(
        eval("value: !Condition [NAND, false, !Env X]"),
        Value::Bool(true)
    );
    assert_eq!(
        eval("value: !Condition [AND, true, !Env X]"),
        Value::Unknown
    );
    assert_eq!(
        eval("value: !Condition [XOR, true, !Env X]"),
        Value::Unknown
    );
    // No values, or an unknown mode, fail in authentik.
    assert_eq!(eval("value: !Condition [AND]"), Value::Unknown);
    assert_eq!(eval("value: !Condition [MAYBE, true]"), Value::Unknown);
}

#[test]
fn enumerate_mapping_to_map() {
    let doc = r#"
context:
  mapping: {key1: value, key2: 2}
value: !Enumerate [!Context mapping, MAP, [!Format ["prefix-%s", !Index 0], !Format ["other-prefix-%s", !Value 0]]]
"#;
    assert_eq!(
        eval(doc),
        map(&[
            (s("prefix-key1"), s("other-prefix-value")),
            (s("prefix-key2"), s("other-prefix-2")),
        ])
    );
}

#[test]
fn enumerate_sequence_and_string() {
    assert_eq!(
        eval(r#"value: !Enumerate [[a, b], SEQ, !Format ["%s-%s", !Index 0, !Value 0]]"#),
        Value::Seq(vec![s("0-a"), s("1-b")])
    );
    // A string is iterable: one item per character.
    assert_eq!(
        eval("value: !Enumerate [ab, seq, !Value 0]"),
        Value::Seq(vec![s("a"), s("b")])
    );
    // Not iterable, or an unknown output kind: authentik fails.
    assert_eq!(
        eval("value: !Enumerate [null, SEQ, !Value 0]"),
        Value::Unknown
    );
    assert_eq!(eval("value: !Enumerate [[], LIST, x]"), Value::Unknown);
}

#[test]
fn enumerate_map_output_merges_like_deepmerge() {
    // A repeated key keeps one entry; mapping bodies merge deeply, lists concatenate.
    assert_eq!(
        eval("value: !Enumerate [[a, a], MAP, [!Value 0, !Index 0]]"),
        map(&[(s("a"), Value::Int(1))])
    );
    assert_eq!(
        eval("value: !Enumerate [[x, y], MAP, {common: [!Value 0]}]"),
        map(&[(s("common"), Value::Seq(vec![s("x"), s("y")]))])
    );
}

#[test]
fn nested_enumerate_depths() {
    // The iterable of an inner `!Enumerate` sees its own (empty) context at depth 0, so
    // `!Value 1` there is the enclosing item (authentik's tests use `!Value 2` two levels in).
    let doc = r#"
value: !Enumerate
  - [ab, cd]
  - SEQ
  - [!Enumerate [!Value 1, SEQ, !Format ["%s%s", !Index 1, !Value 0]]]
"#;
    assert_eq!(
        eval(doc),
        Value::Seq(vec![
            Value::Seq(vec![Value::Seq(vec![s("0a"), s("0b")])]),
            Value::Seq(vec![Value::Seq(vec![s("1c"), s("1d")])]),
        ])
    );
    // An `!Enumerate` that is a direct argument of another tag pushes no context: its
    // body's `!Index 0` is the enclosing item.
    let doc = r#"
value: !Enumerate [[x], SEQ, !Format ["%s", !Enumerate [[a, b], SEQ, !Index 0]]]
"#;
    assert_eq!(eval(doc), Value::Seq(vec![s("[0, 0]")]));
    assert_eq!(eval("value: !Index 0"), Value::Unknown);
}

#[test]
fn at_index() {
    assert_eq!(eval("value: !AtIndex [[a, b, c], -1]"), s("c"));
    assert_eq!(eval("value: !AtIndex [[a, b, c], -3]"), s("a"));
    assert_eq!(
        eval("value: !AtIndex [[a, b, c], 5, fallback]"),
        s("fallback")
    );
    assert_eq!(
        eval("value: !AtIndex [[a, b, c], -4, fallback]"),
        s("fallback")
    );
    assert_eq!(eval("value: !AtIndex [{k: v}, k]"), s("v"));
    assert_eq!(
        eval("value: !AtIndex [{k: v}, missing, fallback]"),
        s("fallback")
    );
    // No default: authentik fails ("Index out of range", "Key does not exist").
    assert_eq!(eval("value: !AtIndex [[a], 3]"), Value::Unknown);
    assert_eq!(eval("value: !AtIndex [{k: v}, missing]"), Value::Unknown);
}

#[test]
fn context_dotted_paths() {
    let context = r#"
context:
  foo.bar.baz: not-nested
  foo: {bar: {baz: {qux: nested}}}
  bar: [{baz: [list-element]}]
  baz.0.name: has-priority
  baz: [{name: does-not-have-priority}]
  qux: [{quux: !Context nested_ref_value}]
  nested_ref_value: ref-value
  falsy: false
  tagged: !Format ["%s", a]
"#;
    let cases = [
        ("!Context foo.bar.baz", s("not-nested")),
        ("!Context foo.bar.baz.qux", s("nested")),
        ("!Context bar.0.baz.0", s("list-element")),
        ("!Context baz.0.name", s("has-priority")),
        ("!Context qux.0.quux", s("ref-value")),
        (
            "!Context [foo.bar.non.existing, default-value]",
            s("default-value"),
        ),
        // A key that exists wins over the default, even when its value is false.
        ("!Context [falsy, true]", Value::Bool(false)),
        ("!Context missing", Value::Null),
        // A path never walks into a tag's own arguments.
        ("!Context [tagged.0, default]", Value::Unknown),
        ("!Context tagged", s("a")),
        // authentik does not resolve a tag used as the key: the default is used.
        ("!Context [!Format ['%s', falsy], fallback]", s("fallback")),
    ];
    for (expr, expected) in cases {
        assert_eq!(
            eval(&format!("{context}value: {expr}\n")),
            expected,
            "{expr}"
        );
    }
}

#[test]
fn if_forms() {
    let context = "context:\n  foo: bar\n";
    assert_eq!(
        eval(&format!("{context}value: !If [!Context foo]")),
        Value::Bool(true)
    );
    assert_eq!(eval("value: !If [null]"), Value::Bool(false));
    assert_eq!(
        eval("value: !If ['', yes-branch, no-branch]"),
        s("no-branch")
    );
    assert_eq!(
        eval(&format!(
            "{context}value: !If [!Context foo, [!Format ['foo-%s', !Context foo]], null]"
        )),
        Value::Seq(vec![s("foo-bar")])
    );
}

#[test]
fn format_strings() {
    assert_eq!(eval(r#"value: !Format ["100%% %s", done]"#), s("100% done"));
    assert_eq!(eval(r#"value: !Format ["%%s", x]"#), Value::Unknown);
    assert_eq!(
        eval(r#"value: !Format ["%s.view_%s", app, model]"#),
        s("app.view_model")
    );
    assert_eq!(
        eval(r#"value: !Format ["%03d|%-4s|%x", 7, ab, 255]"#),
        s("007|ab  |ff")
    );
}

#[test]
fn python_format_matches_python() {
    let f = |fmt: &str, args: &[Value<'static>]| {
        python_format(fmt, args).map(Option::unwrap_or_default)
    };
    assert_eq!(f("%g", &[Value::Float(1.0)]), Ok("1".into()));
    assert_eq!(
        f("%g", &[Value::Float(1234567.0)]),
        Ok("1.23457e+06".into())
    );
    assert_eq!(f("%g", &[Value::Float(0.0001)]), Ok("0.0001".into()));
    assert_eq!(f("%g", &[Value::Float(0.00001)]), Ok("1e-05".into()));
    assert_eq!(f("%e", &[Value::Float(1.5)]), Ok("1.500000e+00".into()));
    assert_eq!(f("%.2E", &[Value::Int(-1234)]), Ok("-1.23E+03".into()));
    assert_eq!(f("%x", &[Value::Int(-255)]), Ok("-ff".into()));
    assert_eq!(f("%x", &[Value::Bool(true)]), Ok("1".into()));
    assert_eq!(f("%*d", &[Value::Int(3), Value::Int(1)]), Ok("  1".into()));
    assert_eq!(
        f("%.*f", &[Value::Int(2), Value::Float(1.5)]),
        Ok("1.50".into())
    );
    // A huge width is not allocated: the text is left unknown.
    assert_eq!(python_format("%999999999999s", &[s("x")]), Ok(None));
    assert_eq!(
        python_format("%.999999999999f", &[Value::Float(1.0)]),
        Ok(None)
    );
    assert_eq!(
        python_format("%*d", &[Value::Int(i64::MAX), Value::Int(1)]),
        Ok(None)
    );
    let err = |fmt: &str, args: &[Value<'static>]| python_format(fmt, args).unwrap_err().describe();
    assert_eq!(
        err("%x", &[s("a")]),
        "%x format: an integer is required, not str"
    );
    assert_eq!(err("%f", &[s("a")]), "must be real number, not str");
    assert_eq!(
        err("%d", &[Value::Null]),
        "%d format: a real number is required, not NoneType"
    );
    assert_eq!(
        err("é%q", &[s("a")]),
        "unsupported format character 'q' (0x71) at index 2"
    );
    assert_eq!(err("%*d", &[s("a"), Value::Int(1)]), "* wants int");
    assert_eq!(err("%(a", &[]), "format requires a mapping");
}

#[test]
fn nested_enumerates_stay_bounded() {
    // 60^5 evaluations if done in full: the evaluator gives up and leaves parts unknown.
    let items: Vec<String> = (0..60).map(|i| i.to_string()).collect();
    let doc = format!(
        "value: !Enumerate [&a [{}], SEQ, !Enumerate [*a, SEQ, !Enumerate [*a, SEQ, !Enumerate [*a, SEQ, !Enumerate [*a, SEQ, !Value 0]]]]]\n",
        items.join(", ")
    );
    let value = eval(&doc);
    assert!(!value.is_fully_known());
    assert!(matches!(value, Value::Seq(ref outer) if outer.len() == 60));
}
