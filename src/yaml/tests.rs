use super::*;
use crate::source::Span;

fn text_of(src: &str, span: Span) -> &str {
    &src[span.range()]
}

#[test]
fn spans_cover_tags_and_nested_values() {
    let src = "slug: !Format [\"%s-x\", !Context foo]\npolicies: !Enumerate [!Context items, SEQ, {a: !Value 0}]\n";
    let loaded = load(src);
    assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
    let root = loaded.root.unwrap();
    let slug = root.get("slug").unwrap();
    assert_eq!(slug.tag_name(), Some("!Format"));
    assert_eq!(text_of(src, slug.span), "!Format [\"%s-x\", !Context foo]");
    let ctx = &slug.as_seq().unwrap()[1];
    assert_eq!(text_of(src, ctx.span), "!Context foo");
    assert_eq!(text_of(src, ctx.tag.as_ref().unwrap().span), "!Context");
    let body = &root.get("policies").unwrap().as_seq().unwrap()[2];
    assert_eq!(text_of(src, body.span), "{a: !Value 0}");
}

#[test]
fn block_collections_and_keys() {
    let src = "entries:\n  - model: authentik_flows.flow\n    identifiers:\n      slug: x\n\n# trailing\n";
    let root = load(src).root.unwrap();
    let entries = root.get("entries").unwrap();
    let entry = &entries.as_seq().unwrap()[0];
    assert_eq!(
        text_of(src, entry.span),
        "model: authentik_flows.flow\n    identifiers:\n      slug: x"
    );
    let pair = entry.get_pair("identifiers").unwrap();
    assert_eq!(text_of(src, pair.key.span), "identifiers");
}

#[test]
fn non_ascii_text_gives_byte_spans() {
    let src = "# blueprint – ünïcode ✓\nname: \"ñé€😀\"\nslug: !KeyOf ab\n";
    let root = load(src).root.unwrap();
    let slug = root.get("slug").unwrap();
    assert_eq!(text_of(src, slug.span), "!KeyOf ab");
    let name = root.get("name").unwrap();
    assert_eq!(text_of(src, name.span), "\"ñé€😀\"");
}

#[test]
fn duplicate_keys_are_kept_and_last_wins() {
    let root = load("a: 1\nb: 2\nb: 3\n").root.unwrap();
    assert_eq!(root.as_map().unwrap().len(), 3);
    assert_eq!(root.get("b").unwrap().scalar_text(), Some("3"));
}

#[test]
fn replaced_pairs_are_marked_as_pyyaml_drops_them() {
    let root = load("a: 1\nb: 2\nb: 3\nc: {<<: {x: 1, y: 2}, y: 3}\n")
        .root
        .unwrap();
    let flags: Vec<bool> = root
        .as_map()
        .unwrap()
        .iter()
        .map(|p| p.overridden)
        .collect();
    assert_eq!(flags, [false, true, false, false]);
    let merged = root.get("c").unwrap().as_map().unwrap();
    let flags: Vec<(&str, bool)> = merged
        .iter()
        .map(|p| (p.key.scalar_text().unwrap(), p.overridden))
        .collect();
    assert_eq!(flags, [("x", false), ("y", true), ("y", false)]);
}

#[test]
fn what_pyyaml_safe_loader_cannot_construct_is_a_syntax_problem() {
    // Each checked against PyYAML 6's `yaml.safe_load`.
    for bad in [
        "a: =\n",
        "- =\n",
        "a: <<\n",
        "a: !!python/tuple [1, 2]\n",
        "a: !!foo bar\n",
        "{[a, b]: x}\n",
        "? {a: 1}\n: b\n",
        "a: !!bool maybe\n",
        "a: !!timestamp nope\n",
        "a: !!seq x\n",
    ] {
        let loaded = load(bad);
        assert!(
            loaded
                .problems
                .iter()
                .any(|p| p.kind == YamlProblemKind::Syntax),
            "{bad:?}: {:?}",
            loaded.problems
        );
    }
    for good in [
        "a: \"=\"\n",
        "<<: {a: 1}\n",
        "a: !!int 12\n",
        "a: !!binary aGVsbG8=\n",
        "a: !!set {x, y}\n",
        "a: !!omap [{a: 1}]\n",
        "a: !!null x\n",
        "a: !!float 1\n",
        "? !Format [x]\n: b\n",
    ] {
        assert!(load(good).problems.is_empty(), "{good:?}");
    }
}

#[test]
fn anchors_aliases_and_merge_keys() {
    let src = "base: &b {x: 1, y: 2}\nother:\n  <<: *b\n  y: 3\nlist: [*b]\n";
    let root = load(src).root.unwrap();
    let other = root.get("other").unwrap();
    assert_eq!(other.get("x").unwrap().scalar_text(), Some("1"));
    assert_eq!(other.get("y").unwrap().scalar_text(), Some("3"));
    assert_eq!(
        root.get("list").unwrap().as_seq().unwrap()[0]
            .get("y")
            .unwrap()
            .scalar_text(),
        Some("2")
    );
}

#[test]
fn merge_list_earlier_mapping_wins() {
    let src = "a: &a {k: 1}\nb: &b {k: 2, j: 2}\nc:\n  <<: [*a, *b]\n";
    let root = load(src).root.unwrap();
    let c = root.get("c").unwrap();
    assert_eq!(c.get("k").unwrap().scalar_text(), Some("1"));
    assert_eq!(c.get("j").unwrap().scalar_text(), Some("2"));
}

#[test]
fn quoted_and_tagged_scalars_stay_strings() {
    let root = load("a: 'yes'\nb: yes\nc: !!str 10\nd: !KeyOf on\n")
        .root
        .unwrap();
    assert_eq!(root.get("a").unwrap().kind_name(), "string");
    assert_eq!(root.get("b").unwrap().kind_name(), "boolean");
    assert_eq!(root.get("c").unwrap().kind_name(), "string");
    assert_eq!(root.get("c").unwrap().tag_name(), Some("!!str"));
    assert_eq!(root.get("d").unwrap().scalar_text(), Some("on"));
}

#[test]
fn syntax_errors_have_a_location() {
    let src = "a: 1\nb: \"unclosed\nc: 2\n";
    let loaded = load(src);
    assert!(loaded.root.is_none());
    assert_eq!(loaded.problems.len(), 1);
    assert_eq!(loaded.problems[0].kind, YamlProblemKind::Syntax);
}

#[test]
fn alias_bombs_are_bounded() {
    let mut src = String::from(
        "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n",
    );
    let names = ["a", "b", "c", "d", "e", "f", "g", "h", "i"];
    for w in names.windows(2) {
        let refs = vec![format!("*{}", w[0]); 9].join(",");
        src.push_str(&format!("{}: &{} [{}]\n", w[1], w[1], refs));
    }
    let loaded = load(&src);
    assert!(loaded.root.is_none());
    assert_eq!(loaded.problems[0].kind, YamlProblemKind::AliasBudget);
}

#[test]
fn deep_nesting_is_bounded() {
    let src = "[".repeat(100_000) + &"]".repeat(100_000);
    let loaded = load(&src);
    assert!(loaded.root.is_none());
    assert_eq!(loaded.problems[0].kind, YamlProblemKind::TooDeep);
    let block = "- ".repeat(100_000) + "x\n";
    let loaded = load(&block);
    assert!(loaded.root.is_none());
    assert_eq!(loaded.problems[0].kind, YamlProblemKind::TooDeep);
}

#[test]
fn multiple_documents_are_reported() {
    let loaded = load("a: 1\n---\nb: 2\n");
    assert_eq!(loaded.problems[0].kind, YamlProblemKind::MultipleDocuments);
}

#[test]
fn empty_stream_has_no_root() {
    let loaded = load("# only a comment\n");
    assert!(loaded.root.is_none());
    assert!(loaded.problems.is_empty());
}

#[test]
fn scalar_spans_end_at_the_value() {
    let src = "a: \"quoted\"   # comment\nb: 'it''s' # c\nc: !Tag \"esc \\\" q\"  # x\nd: plain   # y\ne: [ \"x\" , 'y' ]\nf: |\n  block\n\ng: 1\n";
    let root = load(src).root.unwrap();
    let span = |k: &str| text_of(src, root.get(k).unwrap().span);
    assert_eq!(span("a"), "\"quoted\"");
    assert_eq!(span("b"), "'it''s'");
    assert_eq!(span("c"), "!Tag \"esc \\\" q\"");
    assert_eq!(span("d"), "plain");
    let e = root.get("e").unwrap().as_seq().unwrap();
    assert_eq!(text_of(src, e[0].span), "\"x\"");
    assert_eq!(text_of(src, e[1].span), "'y'");
    assert!(span("f").ends_with("block"), "{:?}", span("f"));
}

mod first_byte_shortcut {
    use proptest::prelude::*;

    use super::super::scalar::{resolve_by_rules, resolve_plain};

    fn same(a: crate::yaml::ScalarValue, b: crate::yaml::ScalarValue) -> bool {
        // NaN != NaN: compare floats by bits.
        match (a, b) {
            (crate::yaml::ScalarValue::Float(x), crate::yaml::ScalarValue::Float(y)) => {
                x.to_bits() == y.to_bits()
            }
            _ => a == b,
        }
    }

    proptest! {
        // The shortcut only ever answers "string" early: it must agree with the full
        // resolver chain on anything, including the look-alikes of every YAML 1.1 type.
        #[test]
        fn agrees_with_the_resolver_chain(
            text in prop_oneof![
                "[-+.~0-9a-zA-Z:_ ]{0,12}",
                "(null|Null|NULL|~|yes|No|on|OFF|true|False|\\.inf|-\\.Inf|\\.nan|0x1F|0b101|0o7|017|1_000|1:30|2024-01-02|1\\.5e\\+3|-\\.5|\\.5|[a-z]+)",
                any::<String>(),
            ]
        ) {
            prop_assert!(same(resolve_plain(&text), resolve_by_rules(&text)), "{text:?}");
        }
    }
}

#[test]
fn plain_scalar_runs_keep_text_and_spans_across_multibyte_and_indicators() {
    let src = "k: ünïcödé_välue:x # c\nflow: [a:b, ç,d]\nmap: {a: b,c: d}\nurl: http://x.y/z?q=1\nnext: 1\n";
    let loaded = load(src);
    assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
    let root = loaded.root.unwrap();
    let k = root.get("k").unwrap();
    assert_eq!(k.scalar_text(), Some("ünïcödé_välue:x"));
    assert_eq!(text_of(src, k.span), "ünïcödé_välue:x");
    let flow: Vec<&str> = root
        .get("flow")
        .unwrap()
        .as_seq()
        .unwrap()
        .iter()
        .map(|n| n.scalar_text().unwrap())
        .collect();
    assert_eq!(flow, ["a:b", "ç", "d"]);
    let map = root.get("map").unwrap();
    assert_eq!(map.get("a").and_then(Node::scalar_text), Some("b"));
    assert_eq!(map.get("c").and_then(Node::scalar_text), Some("d"));
    assert_eq!(
        root.get("url").and_then(Node::scalar_text),
        Some("http://x.y/z?q=1")
    );
    let next = root.get_pair("next").unwrap();
    assert_eq!(text_of(src, next.key.span), "next");
    assert_eq!(text_of(src, next.value.span), "1");
}

#[test]
fn problems_at_a_yaml_1_1_line_break_sit_on_character_boundaries() {
    // Found by tests/fuzz_replay.rs: U+0085 is read as a line break, and the parser's
    // error at it fell between the character's two bytes.
    let src = "0x1Fversion: 1\n- \u{85}";
    let loaded = load(src);
    assert!(!loaded.problems.is_empty());
    for problem in &loaded.problems {
        let (start, end) = (problem.span.start as usize, problem.span.end as usize);
        assert!(src.is_char_boundary(start) && src.is_char_boundary(end));
        assert!(end <= src.len());
    }
}
