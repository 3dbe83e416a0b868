use super::common::{Item, any_spec, shown, tag_note, visit};
use super::drf::{DrfInt, bound_text, drf_float, drf_int};
use crate::catalog::{FieldSpec, FieldType};
use crate::declare_rule;
use crate::eval::Value;
use crate::finding::Sink;
use crate::rules::FieldCx;

declare_rule! {
    /// ## What it does
    /// Reports a number outside the field's minimum/maximum: binding and prompt `order`
    /// (int32, −2147483648…2147483647), policy binding `timeout` (0…2147483647),
    /// static-token `token_length` (0…100), the non-negative counters of flow-semantics
    /// §7, and every other bound the schema declares, list items included (GeoIP `asns`).
    ///
    /// Decisions:
    /// * values are read as DRF does: `IntegerField` accepts integer-valued strings
    ///   (`"10"`, `"1_000"`, `"5.0"`) and checks their range too; values it cannot read
    ///   at all are left to `wrong-value-type`;
    /// * an integer beyond 64 bits is reported even where the schema states no bound:
    ///   no database integer column holds it.
    ///
    /// ## Why is this bad?
    /// The serializer rejects the entry ("Ensure this value is less than or equal to
    /// 2147483647.") and the blueprint fails; a value that slips past the serializer
    /// fails in the database instead.
    ///
    /// ## Severity
    /// Error: the serializer (or, past it, the database) rejects the number, the entry
    /// fails and the blueprint is rolled back.
    ///
    /// ## Example
    /// ```yaml
    /// - model: authentik_flows.flowstagebinding
    ///   identifiers:
    ///     target: !KeyOf flow
    ///     stage: !KeyOf stage
    ///     order: 9999999999
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    ///     order: 100
    /// ```
    pub static INTEGER_OUT_OF_RANGE = {
        code: "FL203",
        name: "integer-out-of-range",
        family: Values,
        severity: Error,
        summary: "A number outside the field's allowed range",
        check: crate::rules::Check::Field(check),
    };
}

fn check(cx: &FieldCx<'_, '_>, sink: &mut Sink) {
    let numeric = |spec: &FieldSpec| matches!(spec.ty, FieldType::Integer | FieldType::Number);
    if !any_spec(cx.field, &numeric) {
        return;
    }
    visit(cx, |item| match item.spec.ty {
        FieldType::Integer => check_integer(item, sink),
        FieldType::Number => check_number(item, sink),
        _ => {}
    });
}

fn check_integer(item: &Item<'_, '_>, sink: &mut Sink) {
    if matches!(item.value, Value::Bool(_)) {
        return;
    }
    let Some(number) = drf_int(item.value) else {
        return;
    };
    let (min, max) = (item.spec.minimum, item.spec.maximum);
    let problem = match number {
        DrfInt::Exact(n) => {
            let n = n as f64;
            if let Some(min) = min.filter(|min| n < *min) {
                Some(Bound::Below(min))
            } else {
                max.filter(|max| n > *max).map(Bound::Above)
            }
        }
        DrfInt::Huge { negative } => Some(match (negative, min, max) {
            (true, Some(min), _) => Bound::Below(min),
            (false, _, Some(max)) => Bound::Above(max),
            _ => Bound::Huge,
        }),
    };
    // i64 values that the schema does not bound are fine; beyond i64 they are not.
    let problem = match (problem, number) {
        (None, DrfInt::Exact(n)) if i64::try_from(n).is_err() => Some(Bound::Huge),
        (problem, _) => problem,
    };
    if let Some(problem) = problem {
        report(item, problem, sink);
    }
}

fn check_number(item: &Item<'_, '_>, sink: &mut Sink) {
    let Some(n) = drf_float(item.value) else {
        return;
    };
    if n.is_nan() {
        return;
    }
    if let Some(min) = item.spec.minimum.filter(|min| n < *min) {
        report(item, Bound::Below(min), sink);
    } else if let Some(max) = item.spec.maximum.filter(|max| n > *max) {
        report(item, Bound::Above(max), sink);
    }
}

enum Bound {
    Below(f64),
    Above(f64),
    Huge,
}

fn report(item: &Item<'_, '_>, bound: Bound, sink: &mut Sink) {
    let value = format!("{}{}", shown(item.value, item.secret), tag_note(item));
    let range = match (item.spec.minimum, item.spec.maximum) {
        (Some(min), Some(max)) => format!("{} to {}", bound_text(min), bound_text(max)),
        (Some(min), None) => format!("at least {}", bound_text(min)),
        (None, Some(max)) => format!("at most {}", bound_text(max)),
        (None, None) => "a 64-bit integer".to_string(),
    };
    let (message, authentik) = match bound {
        Bound::Below(min) => (
            format!(
                "{value} is below the minimum {} of `{}`",
                bound_text(min),
                item.path
            ),
            format!(
                "Ensure this value is greater than or equal to {}.",
                bound_text(min)
            ),
        ),
        Bound::Above(max) => (
            format!(
                "{value} is above the maximum {} of `{}`",
                bound_text(max),
                item.path
            ),
            format!(
                "Ensure this value is less than or equal to {}.",
                bound_text(max)
            ),
        ),
        Bound::Huge => (
            format!(
                "{value} does not fit in any database integer column (`{}`)",
                item.path
            ),
            "integer out of range".to_string(),
        ),
    };
    sink.report(
        &INTEGER_OUT_OF_RANGE,
        item.span,
        format!("{message}; authentik says \"{authentik}\""),
    )
    .label(format!("allowed: {range}"))
    .help(match (item.spec.minimum, item.spec.maximum) {
        (None, None) => "use a smaller number".to_string(),
        _ => format!("use a value of {range}"),
    });
}
