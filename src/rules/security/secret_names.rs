//! Credential names: which keys name a secret (`password`, `bind_password`,
//! `client_secret`), which only at an entry's top level (`key`, `auth`), and which
//! are masked in output although no rule reports them (variants such as
//! `password_repeat`, misspellings such as `consumer_secert`).

/// Names that are credentials wherever they appear.
const STRONG_NAMES: &[&str] = &[
    "password",
    "passwd",
    "passphrase",
    "raw_password",
    "password_hash",
    "secret",
    "client_secret",
    "private_key",
    "secret_key",
    "api_key",
    "apikey",
    "api_token",
    "access_token",
    "refresh_token",
    "bearer_token",
    "auth_token",
    "token",
    "key_data",
];

/// Suffixes that make a name a credential (`bind_password`, `shared_secret`, ...).
const STRONG_SUFFIXES: &[&str] = &[
    "_password",
    "_passwd",
    "_secret",
    "_secret_key",
    "_private_key",
    "_api_key",
    "_token",
    "_keytab",
];

/// Names that are credentials only as a top-level attribute whose model or field
/// the catalog does not know (`core.token.key`, the SMS provider's `auth`).
const WEAK_NAMES: &[&str] = &["key", "auth", "credentials", "api key"];

/// Prefixes of switches and options named after a credential they concern.
const SETTING_PREFIXES: &[&str] = &[
    "allow_", "show_", "hide_", "check_", "use_", "require_", "enable_", "disable_", "is_", "has_",
    "include_",
];

/// A switch or option named after a credential (`allow_show_password`), ASCII case
/// ignored: no credential itself.
fn is_setting_name(name: &str) -> bool {
    SETTING_PREFIXES.iter().any(|p| {
        name.len() > p.len() && name.as_bytes()[..p.len()].eq_ignore_ascii_case(p.as_bytes())
    })
}

/// A credential name anywhere in a blueprint.
pub fn is_strong_secret_name(name: &str) -> bool {
    // Most names fail the quick scan; trimming cannot change its answer (whitespace
    // is no letter of a trigram), so it is left for the names that pass it.
    if !might_be_strong(name.as_bytes()) {
        return false;
    }
    // The lists are lower-case ASCII: compare ignoring ASCII case, without a copy.
    let name = name.trim();
    // Settings about a credential are no credential (`allow_show_password: true`).
    if is_setting_name(name) {
        return false;
    }
    STRONG_NAMES.iter().any(|n| name.eq_ignore_ascii_case(n))
        || STRONG_SUFFIXES
            .iter()
            .any(|s| ends_with_ignore_ascii_case(name, s))
}

/// Credential words that, followed by one of [`VARIANT_WORDS`], still name the
/// credential (`password_repeat`, `secret-confirm`).
const VARIANT_HEADS: &[&str] = &["password", "passwd", "passphrase", "pwd", "secret"];

/// Words that make a variant of a credential, not a setting about one
/// (`password_stage` and `password_fields` are no credential).
const VARIANT_WORDS: &[&str] = &[
    "repeat",
    "repeated",
    "confirm",
    "confirmation",
    "again",
    "verify",
    "check",
    "new",
    "old",
    "current",
    "value",
    "plain",
    "text",
    "1",
    "2",
];

/// Credential words whose misspellings (one letter wrong, missing, extra or two
/// swapped: `consumer_secert`, `pasword`) are masked too. The word spelt right is
/// no credential by itself: `password_field` names a prompt field, and masking its
/// value (`password`) would blank that word out of every message.
const MISSPELT_WORDS: &[&str] = &["password", "passphrase", "secret"];

/// A name whose value is masked in every output: a credential name, a variant of one
/// (`password_repeat`), or a misspelt one (`consumer_secert`). Broader than
/// [`is_strong_secret_name`] on purpose: masking a value that was no secret costs a
/// snippet's readability, printing a secret costs the secret. Rules never use it.
pub fn is_masked_name(name: &str) -> bool {
    if is_strong_secret_name(name) {
        return true;
    }
    let name = name.trim();
    if (name.is_ascii() && !might_be_masked(name.as_bytes())) || is_setting_name(name) {
        return false;
    }
    // Called for every attribute the catalog does not know: the words are scanned in
    // place, no string is built (one-file checks count every allocation).
    let mut misspelt = false;
    let mut variant = false;
    let mut previous_head = false;
    for_each_word(name, |word| {
        misspelt |= MISSPELT_WORDS
            .iter()
            .any(|w| word != w.as_bytes() && within_one_edit(word, w.as_bytes()));
        variant |= previous_head && VARIANT_WORDS.iter().any(|w| word == w.as_bytes());
        previous_head = VARIANT_HEADS.iter().any(|w| word == w.as_bytes());
        !(misspelt || variant)
    });
    misspelt || variant
}

/// The longest word [`is_masked_name`] compares: one letter longer than its longest
/// list word (`passphrase`); a longer word matches nothing.
const WORD_CAPACITY: usize = 16;

/// Calls `visit` with each lower-case word of a name (UTF-8 bytes) until it returns
/// false: words split at non-alphanumerics, camelCase humps and where digits start
/// (`password2`). A word longer than [`WORD_CAPACITY`] bytes is passed as empty.
fn for_each_word(name: &str, mut visit: impl FnMut(&[u8]) -> bool) {
    let mut word = [0u8; WORD_CAPACITY];
    let mut len = 0usize;
    let mut too_long = false;
    let mut previous_lower = false;
    let mut flush = |len: &mut usize, too_long: &mut bool, word: &[u8]| -> bool {
        let keep_going = visit(if *too_long { &[] } else { &word[..*len] });
        *len = 0;
        *too_long = false;
        keep_going
    };
    for c in name.chars() {
        // ASCII (nearly every name) answers without Unicode tables, the same answers.
        let (alphanumeric, upper, lower_case) = if c.is_ascii() {
            (
                c.is_ascii_alphanumeric(),
                c.is_ascii_uppercase(),
                c.is_ascii_lowercase(),
            )
        } else {
            (c.is_alphanumeric(), c.is_uppercase(), c.is_lowercase())
        };
        let boundary =
            !alphanumeric || (upper && previous_lower) || (c.is_ascii_digit() && previous_lower);
        if boundary && (len > 0 || too_long) && !flush(&mut len, &mut too_long, &word) {
            return;
        }
        if alphanumeric && c.is_ascii() {
            if len < WORD_CAPACITY && !too_long {
                word[len] = c.to_ascii_lowercase() as u8;
                len += 1;
            } else {
                too_long = true;
            }
        } else if alphanumeric {
            for lower in c.to_lowercase() {
                let mut utf8 = [0u8; 4];
                let bytes = lower.encode_utf8(&mut utf8).as_bytes();
                if len + bytes.len() > WORD_CAPACITY {
                    too_long = true;
                } else if !too_long {
                    word[len..len + bytes.len()].copy_from_slice(bytes);
                    len += bytes.len();
                }
            }
        }
        previous_lower = lower_case;
    }
    if len > 0 || too_long {
        flush(&mut len, &mut too_long, &word);
    }
}

/// Whether `a` becomes `b` by at most one substitution, insertion, deletion or swap of two
/// neighbours (ASCII words).
fn within_one_edit(a: &[u8], b: &[u8]) -> bool {
    if a == b {
        return true;
    }
    let prefix = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let (ra, rb) = (&a[prefix..], &b[prefix..]);
    match ra.len() as isize - rb.len() as isize {
        0 => {
            ra[1..] == rb[1..]
                || (ra.len() >= 2 && ra[0] == rb[1] && ra[1] == rb[0] && ra[2..] == rb[2..])
        }
        1 => ra[1..] == *rb,
        -1 => *ra == rb[1..],
        _ => false,
    }
}

/// Whether `name` holds `pas`, `sec`, `key` or `tok` (ASCII case ignored), as every
/// credential name of the lists does.
fn might_be_strong(name: &[u8]) -> bool {
    // `| 0x20` lower-cases ASCII letters and maps no other byte onto a letter.
    name.windows(3).any(|w| {
        matches!(
            [w[0] | 0x20, w[1] | 0x20, w[2] | 0x20],
            [b'p', b'a', b's'] | [b's', b'e', b'c'] | [b'k', b'e', b'y'] | [b't', b'o', b'k']
        )
    })
}

/// Whether an ASCII `name` holds `pas`, `ord`, `phr`, `pwd`, `se`, `cr` or `et` (case
/// ignored), as every word [`is_masked_name`] takes does beyond the strong names: a
/// head of [`VARIANT_HEADS`] holds `pas`, `pwd` or `se`; one edit (a letter changed,
/// added, dropped, or two swapped) breaks at most four neighbouring three-letter runs
/// of a word, so a misspelt `password` keeps `pas` or `ord` and a misspelt
/// `passphrase` keeps `pas` or `phr`, and at most three neighbouring letter pairs, so
/// a misspelt `secret` keeps `se`, `cr` or `et`. Most names have none of them.
fn might_be_masked(name: &[u8]) -> bool {
    // `| 0x20` lower-cases ASCII letters and maps no other byte onto a letter.
    let pair = |w: &[u8]| [w[0] | 0x20, w[1] | 0x20];
    name.windows(2)
        .any(|w| matches!(pair(w), [b's', b'e'] | [b'c', b'r'] | [b'e', b't']))
        || name.windows(3).any(|w| {
            matches!(
                [w[0] | 0x20, w[1] | 0x20, w[2] | 0x20],
                [b'p', b'a', b's'] | [b'o', b'r', b'd'] | [b'p', b'h', b'r'] | [b'p', b'w', b'd']
            )
        })
}

fn ends_with_ignore_ascii_case(name: &str, suffix: &str) -> bool {
    let (name, suffix) = (name.as_bytes(), suffix.as_bytes());
    name.len() >= suffix.len() && name[name.len() - suffix.len()..].eq_ignore_ascii_case(suffix)
}

/// A name that is a credential only as a top-level attribute whose model or field the
/// catalog does not know (see [`WEAK_NAMES`]).
pub(super) fn is_weak_secret_name(name: &str) -> bool {
    WEAK_NAMES
        .iter()
        .any(|n| name.trim().eq_ignore_ascii_case(n))
}

#[cfg(test)]
mod tests;
