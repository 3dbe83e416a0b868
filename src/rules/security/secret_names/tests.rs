//! The masking names: the quick scans checked against the lists and the
//! straightforward reading.

use super::*;

#[test]
fn the_quick_scan_lets_every_credential_name_through() {
    for name in STRONG_NAMES.iter().chain(STRONG_SUFFIXES) {
        assert!(might_be_strong(name.as_bytes()), "{name}");
        assert!(might_be_strong(name.to_uppercase().as_bytes()), "{name}");
    }
    assert!(is_strong_secret_name(" LDAP_Bind_Password "));
    assert!(!is_strong_secret_name("allow_show_password"));
    assert!(!is_strong_secret_name("Is_Token"));
    assert!(!is_strong_secret_name("slug"));
    assert!(!is_strong_secret_name("passing_grade"));
}

#[test]
fn masking_takes_variants_and_misspellings() {
    for name in [
        "consumer_secert",
        "password_repeat",
        "passwordRepeat",
        "pasword",
        "client-secrte",
        "password2",
        "new_password",
    ] {
        assert!(is_masked_name(name), "{name}");
    }
    for name in [
        "slug",
        "passed",
        "sector",
        "select",
        "allow_show_password",
        // Switches named after a credential, even one with a variant or a typo in it.
        "allow_password_repeat",
        "show_pasword",
        "name",
    ] {
        assert!(!is_masked_name(name), "{name}");
    }
}

/// Every word one edit away from a misspelt word, over letters and digits.
fn one_edit_variants(word: &str) -> Vec<String> {
    let letters: Vec<char> = ('a'..='z').chain('0'..='9').collect();
    let chars: Vec<char> = word.chars().collect();
    let mut out = Vec::new();
    for i in 0..=chars.len() {
        for &c in &letters {
            let mut added = chars.clone();
            added.insert(i, c);
            out.push(added);
            if i < chars.len() {
                let mut changed = chars.clone();
                changed[i] = c;
                out.push(changed);
            }
        }
        if i < chars.len() {
            let mut dropped = chars.clone();
            dropped.remove(i);
            out.push(dropped);
        }
        if i + 1 < chars.len() {
            let mut swapped = chars.clone();
            swapped.swap(i, i + 1);
            out.push(swapped);
        }
    }
    out.into_iter().map(|c| c.into_iter().collect()).collect()
}

#[test]
fn the_quick_scan_lets_every_masked_word_through() {
    for head in VARIANT_HEADS {
        assert!(might_be_masked(head.as_bytes()), "{head}");
    }
    let mut masked = 0;
    for word in MISSPELT_WORDS {
        for variant in one_edit_variants(word) {
            assert!(might_be_masked(variant.as_bytes()), "{variant}");
            assert!(
                might_be_masked(variant.to_uppercase().as_bytes()),
                "{variant}"
            );
            masked += usize::from(is_masked_name(&variant));
        }
    }
    // The variants are masked through the scan, not around it.
    assert!(masked > 1_000, "{masked}");
    assert!(!might_be_masked(b"policy_engine_mode"));
    assert!(!is_masked_name("policy_engine_mode"));
}

/// The straightforward reading of the masking rule, words collected as strings:
/// the in-place scan must agree with it on every name.
fn masked_by_reference(name: &str) -> bool {
    if is_strong_secret_name(name) {
        return true;
    }
    let name = name.trim();
    if is_setting_name(name) {
        return false;
    }
    let mut words = Vec::new();
    let mut word = String::new();
    let mut previous_lower = false;
    for c in name.chars() {
        let boundary = !c.is_alphanumeric()
            || (c.is_uppercase() && previous_lower)
            || (c.is_ascii_digit() && previous_lower);
        if boundary && !word.is_empty() {
            words.push(std::mem::take(&mut word));
        }
        if c.is_alphanumeric() {
            word.extend(c.to_lowercase());
        }
        previous_lower = c.is_lowercase();
    }
    if !word.is_empty() {
        words.push(word);
    }
    let misspelt = words.iter().any(|word| {
        MISSPELT_WORDS
            .iter()
            .any(|w| word != w && within_one_edit(word.as_bytes(), w.as_bytes()))
    });
    let variant = words.windows(2).any(|pair| {
        VARIANT_HEADS.contains(&pair[0].as_str()) && VARIANT_WORDS.contains(&pair[1].as_str())
    });
    misspelt || variant
}

#[test]
fn the_in_place_word_scan_agrees_with_the_reference() {
    let parts = [
        "password",
        "Password",
        "PASSWORD",
        "pasword",
        "passwrod",
        "secret",
        "Secert",
        "secrets",
        "passphrase",
        "pwd",
        "passwd",
        "repeat",
        "Repeat",
        "2",
        "new",
        "confirm",
        "_",
        "-",
        " ",
        ".",
        "x",
        "user",
        "name",
        "İ",
        "ß",
        "É",
        "sécret",
        "ǅ",
        "ﬃ",
        "averyveryverylongwordindeed",
        "Sec",
        "ret",
        "pass",
        "phrase",
    ];
    let mut seed = 0x9e37_79b9_7f4a_7c15_u64;
    for _ in 0..20_000 {
        let mut name = String::new();
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let count = 1 + (seed % 4) as usize;
        let mut pick = seed;
        for _ in 0..count {
            name.push_str(parts[(pick % parts.len() as u64) as usize]);
            pick /= parts.len() as u64;
        }
        assert_eq!(
            is_masked_name(&name),
            masked_by_reference(&name),
            "{name:?}"
        );
    }
}

#[test]
fn one_edit_means_one() {
    for (a, b) in [
        ("secret", "secert"),
        ("secret", "secrt"),
        ("secret", "secrets"),
        ("secret", "sacret"),
    ] {
        assert!(within_one_edit(a.as_bytes(), b.as_bytes()), "{a} {b}");
    }
    // Two substitutions side by side are two edits, not a swap.
    for (a, b) in [
        ("secret", "sexyet"),
        ("password", "paxxword"),
        ("secret", "sceert"),
    ] {
        assert!(!within_one_edit(a.as_bytes(), b.as_bytes()), "{a} {b}");
    }
}
