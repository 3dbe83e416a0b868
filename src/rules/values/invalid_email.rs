use std::net::{Ipv4Addr, Ipv6Addr};

use super::common::{Item, any_spec, shorten, tag_note, visit};
use super::drf::char_field_text;
use crate::catalog::FieldFormat;
use crate::declare_rule;
use crate::finding::Sink;
use crate::rules::FieldCx;

declare_rule! {
    /// ## What it does
    /// Reports an email field (`format: email`: email stage `from_address`, user
    /// `email`, ...) whose value Django's `EmailValidator` rejects: no `@`, an invalid
    /// local part (spaces, double dots, non-ASCII), or a domain that is not a host name
    /// with a dot, `localhost` or a bracketed IP address. Without a declared maximum
    /// length the value must also be at most 254 characters.
    ///
    /// Decisions:
    /// * the value is trimmed first (DRF's `CharField`); an empty value is left to
    ///   `invalid-string-length`, as is the 254-character limit where the schema
    ///   declares it;
    /// * an internationalised domain is accepted when its labels are otherwise valid
    ///   (Django retries with the IDNA form).
    ///
    /// ## Why is this bad?
    /// The serializer rejects the entry with "Enter a valid email address." and the
    /// blueprint does not apply.
    ///
    /// ## Severity
    /// Error: Django's `EmailValidator` rejects the address, the entry fails and the
    /// blueprint is rolled back.
    ///
    /// ## Example
    /// ```yaml
    /// - model: authentik_stages_email.emailstage
    ///   identifiers:
    ///     name: recovery-email
    ///   attrs:
    ///     from_address: authentik at example.com
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    ///   attrs:
    ///     from_address: authentik@example.com
    /// ```
    pub static INVALID_EMAIL = {
        code: "FL210",
        name: "invalid-email",
        family: Values,
        severity: Error,
        summary: "An email address Django's validator rejects",
        check: crate::rules::Check::Field(check),
    };
}

const MAX_LEN: usize = 254;

fn check(cx: &FieldCx<'_, '_>, sink: &mut Sink) {
    if !any_spec(cx.field, &|spec| spec.format == Some(FieldFormat::Email)) {
        return;
    }
    visit(cx, |item| {
        if item.spec.format == Some(FieldFormat::Email) {
            check_email(item, sink);
        }
    });
}

fn check_email(item: &Item<'_, '_>, sink: &mut Sink) {
    let Some(text) = char_field_text(item.value) else {
        return;
    };
    if text.is_empty() {
        return;
    }
    let problem = match problem(&text) {
        Some(problem) => problem,
        None if item.spec.max_length.is_none() && text.chars().count() > MAX_LEN => {
            format!("it is longer than {MAX_LEN} characters")
        }
        None => return,
    };
    let shown = if item.secret {
        "the value".to_string()
    } else {
        format!("`{}`", shorten(&text))
    };
    sink.report(
        &INVALID_EMAIL,
        item.span,
        format!(
            "{shown}{} is not a valid email address for `{}`: {problem}; authentik says \"Enter a valid email address.\"",
            tag_note(item),
            item.path
        ),
    )
    .label("not an email address")
    .help("use an address like `authentik@example.com`");
}

/// Why Django's `EmailValidator` rejects `value`, or `None` when it accepts it.
pub(super) fn problem(value: &str) -> Option<String> {
    if value.chars().count() > 320 {
        return Some("it is longer than 320 characters".to_string());
    }
    let Some((user, domain)) = value.rsplit_once('@') else {
        return Some("it has no `@`".to_string());
    };
    if !valid_user(user) {
        return Some(format!(
            "the part before `@` (`{}`) is not valid",
            shorten(user)
        ));
    }
    if !valid_domain(domain) {
        return Some(format!("the domain `{}` is not valid", shorten(domain)));
    }
    None
}

const ATEXT_SPECIALS: &str = "!#$%&'*+/=?^_`{}|~-";

/// Django's `user_regex`: a dot-atom or a quoted string, ASCII only.
fn valid_user(user: &str) -> bool {
    if let Some(inner) = user.strip_prefix('"').and_then(|u| u.strip_suffix('"')) {
        let mut chars = inner.chars();
        while let Some(c) = chars.next() {
            let ok = match c {
                '\\' => chars.next().is_some_and(|next| {
                    next.is_ascii() && next != '\0' && next != '\r' && next != '\n'
                }),
                '"' => false,
                // Unescaped, Django's class `[\001-\010\013\014\016-\037!#-\[\]-\177]`
                // leaves out NUL, tab, line feed, carriage return and space too.
                c => c.is_ascii() && !matches!(c, '\0' | '\t' | '\n' | '\r' | ' '),
            };
            if !ok {
                return false;
            }
        }
        return true;
    }
    !user.is_empty()
        && user.split('.').all(|atom| {
            !atom.is_empty()
                && atom
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || ATEXT_SPECIALS.contains(c))
        })
}

/// Django's domain check: `localhost`, a bracketed IP literal, or dotted labels with a
/// top-level label of at least two characters.
fn valid_domain(domain: &str) -> bool {
    if domain.eq_ignore_ascii_case("localhost") {
        return true;
    }
    // Django's `literal_regex` `\[([A-F0-9:.]+)\]` (no `IPv6:` prefix), then
    // `validate_ipv46_address`.
    if let Some(literal) = domain.strip_prefix('[').and_then(|d| d.strip_suffix(']')) {
        return literal
            .bytes()
            .all(|b| b.is_ascii_hexdigit() || b == b':' || b == b'.')
            && (literal.parse::<Ipv4Addr>().is_ok() || literal.parse::<Ipv6Addr>().is_ok());
    }
    let labels: Vec<&str> = domain.split('.').collect();
    if labels.len() < 2 {
        return false;
    }
    let (tld, rest) = labels.split_last().unwrap_or((&"", &[]));
    let label_ok = |label: &str, min: usize| {
        let count = label.chars().count();
        (min..=63).contains(&count)
            && !label.starts_with('-')
            && !label.ends_with('-')
            && label.chars().all(|c| c.is_alphanumeric() || c == '-')
    };
    rest.iter().all(|label| label_ok(label, 1)) && label_ok(tld, 2)
}

#[cfg(test)]
mod tests {
    use super::problem;

    #[test]
    fn follows_django() {
        for ok in [
            "system@authentik.local",
            "a.b+c@example.com",
            "root@localhost",
            "x@[127.0.0.1]",
            "x@[::1]",
            "x@[2001:DB8::1]",
            "x@a-b.example.com",
            "\"a\\ b\"@example.com",
            "\"a\\\tb\\\"c\"@example.com",
            "x@bücher.de",
        ] {
            assert_eq!(problem(ok), None, "{ok}");
        }
        for bad in [
            "authentik",
            "a b@example.com",
            "a..b@example.com",
            "x@example",
            "x@-a.com",
            "x@a-.com",
            "x@a_b.com",
            "x@example.-com",
            "é@example.com",
            "x@example.c",
            // Django's quoted string: no bare space or tab, and after `\` no NUL,
            // line break or non-ASCII character.
            "\"a b\"@example.com",
            "\"a\tb\"@example.com",
            "\"a\\\0\"@example.com",
            "\"a\\\nb\"@example.com",
            "\"a\\\rb\"@example.com",
            "\"a\\éb\"@example.com",
            // Django's address literal is a bare IPv4 or IPv6 address.
            "x@[IPv6:::1]",
            "x@[300.1.1.1]",
            "x@[]",
        ] {
            assert!(problem(bad).is_some(), "{bad}");
        }
        // Django refuses more than 320 characters before any pattern: 320 pass.
        let domain = [
            "b".repeat(63),
            "c".repeat(63),
            "d".repeat(63),
            "e".repeat(63),
        ]
        .join(".");
        let at_limit = format!("{}@{domain}", "a".repeat(64));
        assert_eq!(at_limit.len(), 320);
        assert_eq!(problem(&at_limit), None);
        let over = format!("a{at_limit}");
        assert_eq!(
            problem(&over).as_deref(),
            Some("it is longer than 320 characters")
        );
    }
}
