use crate::declare_rule;
use crate::finding::Sink;
use crate::model::TagKind;
use crate::rules::TagCx;

declare_rule! {
    /// ## What it does
    /// Parses the text of each `!ParseJSON` as JSON and reports where it fails.
    ///
    /// ## Why is this bad?
    /// authentik calls `json.loads` on the text when the entry is processed; invalid JSON
    /// fails the entry with the JSON error (`Entry invalid: Expecting property name
    /// enclosed in double quotes: line 1 column 2 (char 1)`), and with it the blueprint.
    ///
    /// ## Severity
    /// Error: `json.loads` raises, the entry fails and the blueprint is rolled back.
    ///
    /// ## Example
    /// ```yaml
    /// attrs:
    ///   attributes: !ParseJSON "{team: staff}"
    /// ```
    ///
    /// Use instead: valid JSON (single-quote it in YAML), or a plain YAML mapping.
    /// ```yaml
    /// attrs:
    ///   attributes: !ParseJSON '{"team": "staff"}'
    /// ```
    pub static INVALID_JSON = {
        code: "FL306",
        name: "invalid-json",
        family: Tags,
        severity: Error,
        summary: "The text of `!ParseJSON` is not valid JSON",
        check: crate::rules::Check::Tag(check),
    };
}

fn check(cx: &TagCx<'_, '_>, sink: &mut Sink) {
    if cx.kind != Some(TagKind::ParseJson) {
        return;
    }
    // A non-scalar argument is FL302's.
    let Some(text) = cx.node.scalar_text() else {
        return;
    };
    let Err(error) = serde_json::from_str::<serde::de::IgnoredAny>(text) else {
        return;
    };
    if python_accepts(text) {
        return;
    }
    let lines = text.lines().count();
    let location = if lines > 1 {
        format!(
            "at line {} column {} of the text",
            error.line(),
            error.column()
        )
    } else {
        format!("at column {} of the text", error.column())
    };
    let mut reason = error.to_string();
    if let Some(cut) = reason.rfind(" at line ") {
        reason.truncate(cut);
    }
    sink.report(
        &INVALID_JSON,
        cx.node.span,
        format!("`!ParseJSON` text is not valid JSON: {reason} {location}; authentik fails the entry with the JSON error"),
    )
    .label("invalid JSON")
    .help("pass valid JSON (double-quoted keys and strings, single quotes around it in YAML), or write the value as YAML without the tag");
}

/// Python's `json.loads` also accepts `NaN`, `Infinity`, `-Infinity`, numbers too
/// large for a float (they become `inf`) and deeper nesting, which serde_json rejects.
fn python_accepts(text: &str) -> bool {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    let mut in_string = false;
    while let Some(c) = rest.chars().next() {
        if in_string {
            if c == '\\' {
                let len = rest.chars().take(2).map(char::len_utf8).sum::<usize>();
                out.push_str(&rest[..len]);
                rest = &rest[len..];
                continue;
            }
            in_string = c != '"';
        } else if c == '"' {
            in_string = true;
        } else if let Some(word) = ["-Infinity", "Infinity", "NaN"]
            .into_iter()
            .find(|w| rest.starts_with(w))
        {
            out.push('0');
            rest = &rest[word.len()..];
            continue;
        }
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
    match serde_json::from_str::<serde::de::IgnoredAny>(&out) {
        Ok(_) => out != text,
        // serde_json stops at 128 levels of nesting, Python's parser much later.
        Err(error) => {
            let message = error.to_string();
            message.starts_with("number out of range")
                || message.starts_with("recursion limit exceeded")
        }
    }
}
