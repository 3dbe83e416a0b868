use super::common::{Item, shorten, tag_note, visit};
use super::drf::char_field_text;
use super::legacy_value_format::is_bare_number;
use crate::declare_rule;
use crate::duration::{DurationError, UNITS, parse_duration};
use crate::finding::Sink;
use crate::fix::{Edit, Fix, text};
use crate::rules::FieldCx;

declare_rule! {
    /// ## What it does
    /// Reports a duration field (`token_expiry`, `session_duration`,
    /// `consent_expire_in`, `access_token_validity`, ... flow-semantics §6.2, §7) whose
    /// value authentik's `timedelta_string_validator` rejects: pairs separated by commas,
    /// a trailing `;`, only singular or unknown units (`minute=3`: no valid key), an
    /// empty or non-numeric
    /// value, `nan`, or a duration beyond 999999999 days. When the fix is obvious the help
    /// shows the corrected value.
    ///
    /// Decisions:
    /// * the value is trimmed first, as DRF's `CharField` does before running
    ///   validators, so ` hours=1` passes; keys are not trimmed inside, and authentik
    ///   skips unknown keys, so `hours=1; minutes=2` is accepted as one hour (` minutes`
    ///   is no unit), as is `hours=1;minute=30`: a warning names the skipped keys (not
    ///   for a tag's value, which is never echoed);
    /// * a bare number (`token_expiry: 30`, integer minutes in old releases) is left to
    ///   `legacy-value-format`;
    /// * an empty value is left to `invalid-string-length`.
    ///
    /// ## Why is this bad?
    /// authentik refuses the entry with "<value> is not in the correct format of
    /// 'hours=3;minutes=1'." and the blueprint does not apply. The email stage's own help
    /// text suggests the comma form, which the validator rejects.
    ///
    /// ## Severity
    /// Error: `timedelta_string_validator` rejects the value, the entry fails and the
    /// blueprint is rolled back. A value it accepts while skipping unknown keys is a
    /// warning: the entry applies, without those keys.
    ///
    /// ## Example
    /// ```yaml
    /// - model: authentik_stages_email.emailstage
    ///   identifiers:
    ///     name: recovery-email
    ///   attrs:
    ///     token_expiry: hours=3,minutes=17
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    ///   attrs:
    ///     token_expiry: hours=3;minutes=17
    /// ```
    ///
    /// ## Fix
    /// Safe: a duration rejected only for a trailing `;` (`hours=1;`) loses the `;`; the
    /// pairs stay exactly as written. Unsafe: other rewrites (commas to `;`, spaces
    /// dropped, units lower-cased or made plural) guess what was meant, and for a
    /// duration authentik accepts while skipping keys they change the value it reads.
    /// A value from a tag gets no fix.
    pub static INVALID_DURATION = {
        code: "FL206",
        name: "invalid-duration",
        family: Values,
        severity: Error,
        summary: "A duration string authentik cannot parse",
        check: crate::rules::Check::Field(check),
    };
}

fn check(cx: &FieldCx<'_, '_>, sink: &mut Sink) {
    if !cx.field.duration {
        return;
    }
    let source = cx.entry.file.source.text.as_str();
    visit(cx, |item| {
        if item.depth == 0 {
            check_duration(source, item, sink);
        }
    });
}

fn check_duration(source: &str, item: &Item<'_, '_>, sink: &mut Sink) {
    let Some(text) = char_field_text(item.value) else {
        return;
    };
    if text.is_empty() || is_bare_number(item.value) {
        return;
    }
    let error = match parse_duration(&text) {
        Ok(seconds) => {
            report_skipped_keys(source, item, &text, seconds, sink);
            return;
        }
        Err(error) => error,
    };
    let shown = shorten(&text);
    let finding = sink.report(
        &INVALID_DURATION,
        item.span,
        format!(
            "`{shown}`{} is not a valid duration for `{}`: {error}; authentik says \"{shown} is not in the correct format of 'hours=3;minutes=1'.\"",
            tag_note(item),
            item.path
        ),
    );
    finding.label(short_label(&error));
    // A rewrite of a tag's value would echo what the tag read (an `!Env` secret),
    // and the fix is in the tag's input anyway.
    let help = match rewrite(&text).filter(|_| !item.tagged) {
        Some(fixed) if fixed != text => format!("write `{}`", shorten(&fixed)),
        _ => format!(
            "write `unit=value` pairs separated by `;` (e.g. `hours=1;minutes=30`); units: {}",
            UNITS.join(", ")
        ),
    };
    finding.help(help);
    finding.fix_opt(duration_fix(source, item, true));
}

/// The repair of a duration written as a plain or quoted string (never a tag's value):
/// only a trailing `;` removed is safe (the pairs are exactly the author's); any other
/// rewrite (commas, units made plural, spaces dropped) guesses, and is unsafe.
fn duration_fix(source: &str, item: &Item<'_, '_>, rejected: bool) -> Option<Fix> {
    if item.tagged {
        return None;
    }
    let crate::eval::Value::Str(value) = item.value else {
        return None;
    };
    let content = text::content_at(source, item.span, value)?;
    let written = &source[content.range()];
    let kept = written.trim_end();
    if rejected
        && let Some(pairs) = kept.strip_suffix(';')
        && !pairs.trim_end().ends_with(';')
        && parse_duration(pairs).is_ok()
    {
        let cut = content.start + pairs.len() as u32;
        return Some(Fix::safe(
            "Remove the trailing `;`",
            vec![Edit::delete(crate::source::Span::new(cut, content.end))],
        ));
    }
    let fixed = rewrite(written)?;
    (fixed != written && text::is_style_neutral(&fixed)).then(|| {
        Fix::unsafe_(
            format!("Rewrite the duration as `{fixed}`"),
            vec![Edit::replace(content, fixed)],
        )
    })
}

/// A duration authentik accepts while silently skipping some of its keys: a space
/// after `;` or a singular unit drops that part of the duration.
fn report_skipped_keys(
    source: &str,
    item: &Item<'_, '_>,
    text: &str,
    seconds: f64,
    sink: &mut Sink,
) {
    // A tag's value (an `!Env`) is not echoed, not even in parts.
    if item.tagged {
        return;
    }
    let skipped = crate::duration::skipped_keys(text);
    let Some(first) = skipped.first() else {
        return;
    };
    let listed = skipped
        .iter()
        .map(|k| format!("`{k}`"))
        .collect::<Vec<_>>()
        .join(", ");
    let shown = format!("`{}`", shorten(text));
    let finding = sink.report(
        &INVALID_DURATION,
        item.span,
        format!(
            "{shown} for `{}` has {listed}, which authentik skips (keys are compared untrimmed and in the plural); it reads {seconds} seconds",
            item.path
        ),
    );
    finding.severity = crate::finding::Severity::Warning;
    finding.label(format!("`{first}` is no unit"));
    finding.help(format!(
        "write each pair as `unit=value` with no space after `;`, units in the plural: {}",
        UNITS.join(", ")
    ));
    finding.fix_opt(duration_fix(source, item, false));
}

fn short_label(error: &DurationError) -> &'static str {
    match error {
        DurationError::MissingEquals { piece } if piece.is_empty() => "empty pair",
        DurationError::MissingEquals { .. } => "missing `=`",
        DurationError::TooManyEquals { .. } => "pairs must be separated by `;`",
        DurationError::NotANumber { .. } => "not a number",
        DurationError::NaN { .. } => "nan is not allowed",
        DurationError::NoValidKeys { .. } => "no known unit",
        DurationError::OutOfRange => "out of range",
    }
}

/// An obvious correction that parses: commas to semicolons, no empty pairs, keys
/// trimmed and lower-cased, singular units made plural. `None` when that is not enough.
fn rewrite(text: &str) -> Option<String> {
    let pieces: Vec<String> = text
        .split([';', ','])
        .map(str::trim)
        .filter(|piece| !piece.is_empty())
        .map(|piece| match piece.split_once('=') {
            Some((key, value)) => format!("{}={}", fix_unit(key.trim()), value.trim()),
            None => piece.to_string(),
        })
        .collect();
    let fixed = pieces.join(";");
    parse_duration(&fixed).is_ok().then_some(fixed)
}

/// `minute` → `minutes`, `Hours` → `hours`, common abbreviations spelt out.
fn fix_unit(key: &str) -> String {
    let lower = key.to_lowercase();
    let full = match lower.as_str() {
        "us" | "microsecond" => "microseconds",
        "ms" | "millisecond" => "milliseconds",
        "s" | "sec" | "secs" | "second" => "seconds",
        "m" | "min" | "mins" | "minute" => "minutes",
        "h" | "hr" | "hrs" | "hour" => "hours",
        "d" | "day" => "days",
        "w" | "wk" | "wks" | "week" => "weeks",
        other => other,
    };
    full.to_string()
}

#[cfg(test)]
mod tests {
    use super::rewrite;

    #[test]
    fn rewrites_the_obvious_mistakes() {
        assert_eq!(
            rewrite("minutes=10,seconds=5").as_deref(),
            Some("minutes=10;seconds=5")
        );
        assert_eq!(rewrite("hours=1;").as_deref(), Some("hours=1"));
        assert_eq!(rewrite("minute=3").as_deref(), Some("minutes=3"));
        assert_eq!(
            rewrite("hours=1; minutes=2").as_deref(),
            Some("hours=1;minutes=2")
        );
        assert_eq!(rewrite("hours=nan"), None);
        assert_eq!(rewrite("30"), None);
    }
}
