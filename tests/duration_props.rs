//! Property tests of authentik's timedelta grammar (`flowlint::duration`,
//! flow-semantics §6.2): generated valid expressions parse to the expected number of
//! seconds, generated invalid ones always fail.

use flowlint::duration::parse_duration;
use proptest::prelude::*;

const UNITS: [(&str, f64); 7] = [
    ("microseconds", 1e-6),
    ("milliseconds", 1e-3),
    ("seconds", 1.0),
    ("minutes", 60.0),
    ("hours", 3_600.0),
    ("days", 86_400.0),
    ("weeks", 604_800.0),
];

/// One `key=value` pair: the text and the seconds it stands for.
#[derive(Clone, Debug)]
struct Pair {
    unit: usize,
    key: String,
    value: String,
    amount: f64,
}

impl Pair {
    fn text(&self) -> String {
        format!("{}={}", self.key, self.value)
    }
}

/// A number as Python's `float()` reads it: optional sign, digits with single
/// underscores between groups, optional decimals, whitespace around it.
fn number() -> impl Strategy<Value = (String, f64)> {
    (
        prop::sample::select(vec!["", "+", "-"]),
        1u32..100_000,
        prop::bool::ANY,
        prop::option::of(0u32..1000),
        prop::sample::select(vec!["", " ", "  ", "\t"]),
        prop::sample::select(vec!["", " ", "\t "]),
    )
        .prop_map(|(sign, int, underscores, decimals, before, after)| {
            let digits = int.to_string();
            let grouped = if underscores && digits.len() > 1 {
                let (head, tail) = digits.split_at(1);
                format!("{head}_{tail}")
            } else {
                digits
            };
            let (text, mut amount) = match decimals {
                Some(d) => (
                    format!("{grouped}.{d:03}"),
                    f64::from(int) + f64::from(d) / 1000.0,
                ),
                None => (grouped, f64::from(int)),
            };
            if sign == "-" {
                amount = -amount;
            }
            (format!("{before}{sign}{text}{after}"), amount)
        })
}

/// A unit name with each letter's case chosen at random.
fn key(unit: usize) -> impl Strategy<Value = String> {
    let name = UNITS[unit].0;
    prop::collection::vec(prop::bool::ANY, name.len()).prop_map(move |upper| {
        name.chars()
            .zip(upper)
            .map(|(c, up)| if up { c.to_ascii_uppercase() } else { c })
            .collect()
    })
}

fn pair(unit: usize) -> impl Strategy<Value = Pair> {
    (key(unit), number()).prop_map(move |(key, (value, n))| Pair {
        unit,
        key,
        value,
        amount: n * UNITS[unit].1,
    })
}

/// A random non-empty subset of the units, in random order, each once.
fn pairs(min: usize) -> impl Strategy<Value = Vec<Pair>> {
    prop::sample::subsequence((0..UNITS.len()).collect::<Vec<_>>(), min..=UNITS.len())
        .prop_shuffle()
        .prop_flat_map(|units| units.into_iter().map(pair).collect::<Vec<_>>())
}

fn join(pairs: &[Pair], separator: &str) -> String {
    pairs
        .iter()
        .map(Pair::text)
        .collect::<Vec<_>>()
        .join(separator)
}

fn close(actual: f64, expected: f64) -> bool {
    (actual - expected).abs() <= 1e-9 * expected.abs().max(1.0)
}

proptest! {
    #[test]
    fn valid_expressions_parse_to_their_seconds(pairs in pairs(1)) {
        let expr = join(&pairs, ";");
        let expected: f64 = pairs.iter().map(|p| p.amount).sum();
        let seconds = parse_duration(&expr);
        prop_assert!(seconds.is_ok(), "{expr:?} should parse: {seconds:?}");
        let seconds = seconds.unwrap_or_default();
        prop_assert!(close(seconds, expected), "{expr:?}: {seconds} != {expected}");
    }

    #[test]
    fn comma_separators_fail(pairs in pairs(2)) {
        let expr = join(&pairs, ",");
        prop_assert!(parse_duration(&expr).is_err(), "{expr:?} should fail");
    }

    #[test]
    fn a_trailing_semicolon_fails(pairs in pairs(1)) {
        let expr = format!("{};", join(&pairs, ";"));
        prop_assert!(parse_duration(&expr).is_err(), "{expr:?} should fail");
    }

    #[test]
    fn singular_units_fail(pairs in pairs(1)) {
        let singular: Vec<Pair> = pairs
            .into_iter()
            .map(|mut p| {
                p.key.pop();
                p
            })
            .collect();
        let expr = join(&singular, ";");
        prop_assert!(parse_duration(&expr).is_err(), "{expr:?} should fail");
    }

    #[test]
    fn a_leading_space_in_every_key_fails(pairs in pairs(1)) {
        let spaced: Vec<Pair> = pairs
            .into_iter()
            .map(|mut p| {
                p.key.insert(0, ' ');
                p
            })
            .collect();
        let expr = join(&spaced, ";");
        prop_assert!(parse_duration(&expr).is_err(), "{expr:?} should fail");
    }

    #[test]
    fn an_empty_value_fails(pairs in pairs(1), which in any::<prop::sample::Index>(), blank in prop::sample::select(vec!["", " ", "\t"])) {
        let mut pairs = pairs;
        let i = which.index(pairs.len());
        pairs[i].value = blank.to_string();
        let expr = join(&pairs, ";");
        prop_assert!(parse_duration(&expr).is_err(), "{expr:?} should fail (unit {})", UNITS[pairs[i].unit].0);
    }

    #[test]
    fn nan_fails(pairs in pairs(1), which in any::<prop::sample::Index>(), nan in prop::sample::select(vec!["nan", "NaN", " -nan", "+NAN "])) {
        let mut pairs = pairs;
        let i = which.index(pairs.len());
        pairs[i].value = nan.to_string();
        let expr = join(&pairs, ";");
        prop_assert!(parse_duration(&expr).is_err(), "{expr:?} should fail");
    }
}

#[test]
fn the_issue_examples() {
    assert_eq!(
        parse_duration("hours=-1;minutes=-2;seconds=-3"),
        Ok(-3_723.0)
    );
    assert_eq!(parse_duration("Hours=1.5"), Ok(5_400.0));
    for bad in ["minutes=10,seconds=5", "hours=1;", "minute=3", "hours=nan"] {
        assert!(parse_duration(bad).is_err(), "{bad} should fail");
    }
}
