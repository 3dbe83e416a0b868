//! Python's `%e` and `%g` renderings of a float (Rust's `{:e}` differs in the
//! exponent's sign and digits and in trailing zeros).

/// Python's `%e`: the exponent has a sign and at least two digits.
pub(super) fn python_exp(x: f64, precision: usize, upper: bool) -> String {
    if !x.is_finite() {
        return non_finite(x, upper);
    }
    let text = format!("{x:.precision$e}");
    let (mantissa, exp) = text.split_once('e').unwrap_or((&text, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    let sign = if exp < 0 { '-' } else { '+' };
    let out = format!("{mantissa}e{sign}{:02}", exp.unsigned_abs());
    if upper { out.to_uppercase() } else { out }
}

/// Python's `%g`: `precision` significant digits, trailing zeros dropped, scientific
/// notation when the exponent is below -4 or not below the precision.
pub(super) fn python_general(x: f64, precision: usize, upper: bool) -> String {
    if !x.is_finite() {
        return non_finite(x, upper);
    }
    let p = precision.max(1);
    let sci = format!("{x:.prec$e}", prec = p - 1);
    let exp: i32 = sci
        .split_once('e')
        .and_then(|(_, e)| e.parse().ok())
        .unwrap_or(0);
    let strip = |s: String| -> String {
        if s.contains('.') {
            s.trim_end_matches('0').trim_end_matches('.').to_string()
        } else {
            s
        }
    };
    if exp < -4 || exp >= p as i32 {
        let out = python_exp(x, p - 1, upper);
        match out.split_once(if upper { 'E' } else { 'e' }) {
            Some((mantissa, rest)) => {
                format!(
                    "{}{}{rest}",
                    strip(mantissa.to_string()),
                    if upper { 'E' } else { 'e' }
                )
            }
            None => out,
        }
    } else {
        let decimals = (p as i32 - 1 - exp).max(0) as usize;
        strip(format!("{x:.decimals$}"))
    }
}

pub(super) fn non_finite(x: f64, upper: bool) -> String {
    let text = if x.is_nan() {
        "nan"
    } else if x > 0.0 {
        "inf"
    } else {
        "-inf"
    };
    if upper {
        text.to_uppercase()
    } else {
        text.to_string()
    }
}
