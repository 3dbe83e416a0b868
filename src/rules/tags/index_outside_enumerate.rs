use crate::declare_rule;
use crate::finding::Sink;
use crate::model::TagKind;
use crate::rules::TagCx;

use super::parse_depth;

declare_rule! {
    /// ## What it does
    /// Reports `!Index N` and `!Value N` where fewer than `N + 1` `!Enumerate` tags
    /// enclose the tag. Depth 0 is the innermost `!Enumerate`, 1 the one around it, and
    /// so on. Only an `!Enumerate` that authentik's resolver reaches while walking values
    /// counts: one written as a direct argument of another tag (e.g. of `!Format`) does
    /// not push its item, so an `!Index 0` in its body refers to the enclosing one.
    ///
    /// ## Why is this bad?
    /// The entry fails with `Index tags are only usable inside an Enumerate tag` or
    /// `Index tag: invalid depth: N. Max depth: M`, and with it the blueprint.
    ///
    /// ## Severity
    /// Error: the resolver raises (`Index tags are only usable inside an Enumerate tag`),
    /// the entry fails and the blueprint is rolled back.
    ///
    /// ## Example
    /// ```yaml
    /// identifiers:
    ///   target: !KeyOf flow
    ///   stage: !KeyOf stage
    ///   order: !Index 0
    /// ```
    ///
    /// Use instead: write the value, or put the tag inside an `!Enumerate` body.
    /// ```yaml
    /// identifiers:
    ///   target: !KeyOf flow
    ///   stage: !KeyOf stage
    ///   order: 10
    /// ```
    pub static INDEX_OUTSIDE_ENUMERATE = {
        code: "FL303",
        name: "index-outside-enumerate",
        family: Tags,
        severity: Error,
        summary: "`!Index`/`!Value` is not inside enough `!Enumerate` tags for its depth",
        check: crate::rules::Check::Tag(check),
    };
}

fn check(cx: &TagCx<'_, '_>, sink: &mut Sink) {
    let Some(kind @ (TagKind::Index | TagKind::Value)) = cx.kind else {
        return;
    };
    // A depth that is not a non-negative integer is FL302's.
    let Some(depth) = cx.node.scalar_text().and_then(parse_depth) else {
        return;
    };
    let Ok(depth) = usize::try_from(depth) else {
        return;
    };
    let available = cx.enumerate_depth;
    if depth < available {
        return;
    }
    let name = kind.name();
    let class = name.trim_start_matches('!');
    let (message, help) = if available == 0 {
        let error = if depth == 0 {
            format!("{class} tags are only usable inside an Enumerate tag")
        } else {
            format!("{class} tag: invalid depth: {depth}. Max depth: -1")
        };
        (
            format!("`{name} {depth}` is not inside any `!Enumerate`; authentik fails with \"{error}\""),
            "use `!Index`/`!Value` only inside the body of an `!Enumerate [iterable, SEQ, body]` written as a value (not as an argument of another tag)".to_string(),
        )
    } else {
        let max = available - 1;
        (
            format!(
                "`{name} {depth}` refers to the `!Enumerate` {depth} level{} out, but {} enclose{} it; authentik fails with \"{class} tag: invalid depth: {depth}. Max depth: {max}\"",
                if depth == 1 { "" } else { "s" },
                if available == 1 {
                    "only one `!Enumerate`".to_string()
                } else {
                    format!("only {available} `!Enumerate` tags")
                },
                if available == 1 { "s" } else { "" },
            ),
            if max == 0 {
                "only depth 0 (the enclosing `!Enumerate`) exists here".to_string()
            } else {
                format!("use a depth between 0 (the innermost `!Enumerate`) and {max}")
            },
        )
    };
    let label = if available == 0 {
        "not inside an `!Enumerate`"
    } else {
        "depth too large"
    };
    sink.report(&INDEX_OUTSIDE_ENUMERATE, cx.node.span, message)
        .label(label)
        .help(help);
}
