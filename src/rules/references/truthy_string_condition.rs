use crate::declare_rule;
use crate::eval::Value;
use crate::finding::Sink;
use crate::fix::{Edit, Fix, text};
use crate::rules::FileCx;
use crate::world::WorldCx;

declare_rule! {
    /// ## What it does
    /// Checks `conditions` items that are strings meaning "false" (`"false"`, `"0"`,
    /// `"no"`, `"off"`, `"none"`, `"null"`, any case), written literally or produced
    /// by a tag whose value flowlint knows (`!Context`, `!Env` given with `--env`).
    ///
    /// ## Why is this bad?
    /// Conditions use Python truthiness: every non-empty string is true, including
    /// `"false"` and `"0"`. The entry is processed although the author meant to skip
    /// it, without any error or log.
    ///
    /// ## Severity
    /// Warning: the blueprint applies, but Python treats the non-empty string as true, so
    /// the entry its author meant to skip is processed.
    ///
    /// ## Example
    /// ```yaml
    /// - model: authentik_flows.flowstagebinding
    ///   conditions:
    ///     - "false"
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// - model: authentik_flows.flowstagebinding
    ///   conditions:
    ///     - false
    /// ```
    ///
    /// ## Fix
    /// Unsafe: a literal string such as `"false"` is replaced by the boolean `false`. The
    /// entry is then skipped, which is what the word says but not what authentik does
    /// today, so the behaviour changes. No fix for a tag's value.
    pub static TRUTHY_STRING_CONDITION = {
        code: "FL408",
        name: "truthy-string-condition",
        family: References,
        severity: Warning,
        summary: "A condition is a string such as \"false\", which Python treats as true",
        check: crate::rules::Check::World(check),
    };
}

const FALSE_WORDS: &[&str] = &["false", "0", "no", "off", "none", "null", "n", "f"];

fn check(cx: &WorldCx<'_, '_>, sink: &mut Sink) {
    let world = cx.world;
    for we in &world.entries {
        let Some(pair) = we.entry.conditions else {
            continue;
        };
        let Some(items) = pair
            .value
            .as_seq()
            .filter(|_| !pair.value.is_custom_tagged())
        else {
            continue;
        };
        let (file, blueprint, context) = &world.blueprints[we.bp];
        let file_cx = FileCx {
            file: *file,
            source: &world.files[*file].source,
            blueprint,
            settings: cx.settings,
            context,
            files: None,
        };
        for item in items {
            let tagged = item.is_custom_tagged();
            let value = if tagged {
                file_cx.eval(item)
            } else {
                Value::from_scalar(item).unwrap_or(Value::Unknown)
            };
            let Value::Str(text) = &value else { continue };
            if !FALSE_WORDS
                .iter()
                .any(|w| text.trim().eq_ignore_ascii_case(w))
            {
                continue;
            }
            let how = if tagged {
                "evaluates to the string"
            } else {
                "is the string"
            };
            sink.report_in(
                &TRUTHY_STRING_CONDITION,
                we.file,
                item.span,
                format!("this condition {how} \"{text}\", which is true in Python: the entry is processed anyway"),
            )
            .label("always true")
            .help(if tagged {
                "compare explicitly, e.g. `!Condition [NOR, ...]` on a boolean context value, or pass a real boolean"
            } else {
                "write the boolean without quotes (`false`), or compute it with a tag such as `!Context`"
            })
            .fix_opt(
                // Never from a tag's value: the tag is what the author wrote.
                (!tagged && text::scalar_content(&file_cx.source.text, item).is_some()).then(|| {
                    Fix::unsafe_(
                        "Write the condition as the boolean `false`",
                        vec![Edit::replace(item.span, "false")],
                    )
                }),
            );
        }
    }
}
