use crate::declare_rule;
use crate::eval::{FormatError, Value, placeholder_count, python_format};
use crate::finding::Sink;
use crate::model::TagKind;
use crate::rules::TagCx;
use crate::yaml::{Node, NodeKind};

declare_rule! {
    /// ## What it does
    /// Checks a `!Format` string against its arguments the way Python's `fmt % tuple(args)`
    /// does: one argument per placeholder, no `%(name)s` mapping keys (the arguments are
    /// always a tuple), no lone `%`, and, for literal arguments, the right type for each
    /// conversion (`%d` needs a number).
    ///
    /// ## Why is this bad?
    /// A count or type mismatch raises a TypeError that fails the entry with Python's
    /// message (`not enough arguments for format string`, `not all arguments converted
    /// during string formatting`); a lone `%` raises a ValueError that authentik does not
    /// catch, so the import crashes.
    ///
    /// ## Severity
    /// Error: Python's `%` raises: a TypeError fails the entry and the blueprint, a lone
    /// `%` crashes the import.
    ///
    /// ## Example
    /// ```yaml
    /// attrs:
    ///   name: !Format ["%s-%s", !Context prefix]
    ///   title: !Format ["100% of %s", !Context brand]
    /// ```
    ///
    /// Use instead: one argument per placeholder, and `%%` for a literal percent sign.
    /// ```yaml
    /// attrs:
    ///   name: !Format ["%s-%s", !Context prefix, login]
    ///   title: !Format ["100%% of %s", !Context brand]
    /// ```
    pub static FORMAT_ARGUMENT_MISMATCH = {
        code: "FL305",
        name: "format-argument-mismatch",
        family: Tags,
        severity: Error,
        summary: "`!Format` placeholders do not match its arguments",
        check: crate::rules::Check::Tag(check),
    };
}

const PERCENT_HELP: &str = "write a literal percent sign as `%%`";

fn check(cx: &TagCx<'_, '_>, sink: &mut Sink) {
    if cx.kind != Some(TagKind::Format) {
        return;
    }
    // Shape problems (no items, a tag as format string) are FL302's.
    let Some([fmt_node, args @ ..]) = cx.node.as_seq() else {
        return;
    };
    let Some(fmt) = fmt_node.as_str() else { return };
    let count = match placeholder_count(fmt) {
        Ok(count) => count,
        Err(error) => {
            report_format_error(sink, fmt_node, &error);
            return;
        }
    };
    if count > args.len() {
        sink.report(
            &FORMAT_ARGUMENT_MISMATCH,
            fmt_node.span,
            format!(
                "the format string has {count} placeholder(s) but `!Format` gives {} argument(s); authentik fails with \"not enough arguments for format string\"",
                args.len()
            ),
        )
        .label(format!("{count} placeholder(s), {} argument(s)", args.len()))
        .help(format!("give one argument per placeholder, or {PERCENT_HELP}"));
        return;
    }
    if count < args.len() {
        sink.report(
            &FORMAT_ARGUMENT_MISMATCH,
            args[count].span,
            format!(
                "the format string has {count} placeholder(s) but `!Format` gives {} argument(s); authentik fails with \"not all arguments converted during string formatting\"",
                args.len()
            ),
        )
        .label("argument without a placeholder")
        .help(if fmt.contains("%%") {
            "`%%` is a literal percent sign, not a placeholder: write `%s` for each argument"
        } else {
            "add a placeholder (`%s`) for this argument or remove it"
        });
        return;
    }
    // Counts match: try the conversions with the literal arguments, one at a time, so
    // the finding points at the argument that does not fit.
    let values: Vec<Value<'_>> = args.iter().map(literal).collect();
    if !matches!(
        python_format(fmt, &values),
        Err(FormatError::BadArgumentType { .. })
    ) {
        return;
    }
    for (i, arg) in args.iter().enumerate() {
        if values[i].is_unknown() {
            continue;
        }
        let only: Vec<Value<'_>> = values
            .iter()
            .enumerate()
            .map(|(j, v)| if i == j { v.clone() } else { Value::Unknown })
            .collect();
        if let Err(error @ FormatError::BadArgumentType { .. }) = python_format(fmt, &only) {
            sink.report(
                &FORMAT_ARGUMENT_MISMATCH,
                arg.span,
                format!(
                    "this argument does not fit its placeholder; authentik fails with \"{}\"",
                    error.describe()
                ),
            )
            .label("wrong type for its placeholder")
            .help("use `%s` for any value, or pass a number for `%d`/`%f`/`%x`");
        }
    }
}

/// The value of a literal argument; tags are unknown here (the run-time value decides).
/// Collections stand in as empty ones: only their Python type matters for the checks.
fn literal(node: &Node) -> Value<'_> {
    if node.is_custom_tagged() {
        return Value::Unknown;
    }
    match &node.kind {
        NodeKind::Scalar(_) => Value::from_scalar(node).unwrap_or(Value::Unknown),
        NodeKind::Seq(_) => Value::Seq(Vec::new()),
        NodeKind::Map(_) => Value::Map(Vec::new()),
    }
}

fn report_format_error(sink: &mut Sink, fmt_node: &Node, error: &FormatError) {
    let (message, help) = match error {
        FormatError::NeedsMapping => (
            "the format string uses a `%(name)s` mapping key, but `!Format` always passes its arguments as a tuple; authentik fails with \"format requires a mapping\"".to_string(),
            "use positional placeholders (`%s`) in the order of the arguments".to_string(),
        ),
        FormatError::Incomplete | FormatError::UnsupportedCharacter { .. } => (
            format!(
                "the format string has a `%` that does not start a placeholder; Python raises \"{}\" (a ValueError), which authentik does not catch, so the import crashes",
                error.describe()
            ),
            PERCENT_HELP.to_string(),
        ),
        other => (
            format!("the format string cannot be used; authentik fails with \"{}\"", other.describe()),
            PERCENT_HELP.to_string(),
        ),
    };
    sink.report(&FORMAT_ARGUMENT_MISMATCH, fmt_node.span, message)
        .label("Python cannot apply this format")
        .help(help);
}
