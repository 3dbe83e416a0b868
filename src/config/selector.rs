//! Rule selectors: a code (`FL104`), a code prefix (`FL1`, `FL10`) or a name (`unknown-key`).

use std::fmt;

use crate::rules::{self, RULES, Rule};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SelectorError {
    pub selector: String,
    pub suggestion: Option<String>,
}

impl fmt::Display for SelectorError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "no rule or code prefix `{}`", self.selector)?;
        if let Some(s) = &self.suggestion {
            write!(f, " (did you mean `{s}`?)")?;
        }
        f.write_str("; `flowlint rules` lists them")
    }
}

/// The rules a selector names, never none: a code or prefix that matches no rule
/// (`FL99`, a typo) is an error, because selecting nothing would silently switch
/// linting off and ignoring nothing would silently keep a rule on.
pub fn resolve_selector(selector: &str) -> Result<Vec<&'static Rule>, SelectorError> {
    let trimmed = selector.trim();
    if let Some(rule) = rules::by_code_or_name(trimmed) {
        return Ok(vec![rule]);
    }
    let upper = trimmed.to_ascii_uppercase();
    let is_prefix = upper.len() >= 2
        && upper.len() <= 5
        && upper.starts_with("FL")
        && upper[2..].chars().all(|c| c.is_ascii_digit());
    if is_prefix {
        let rules: Vec<&'static Rule> = RULES
            .iter()
            .copied()
            .filter(|r| r.code.starts_with(&upper))
            .collect();
        if !rules.is_empty() {
            return Ok(rules);
        }
        // The nearest code, or the longest prefix of it that names rules (`FL99` -> `FL9`).
        let suggestion = rules::suggest::did_you_mean(&upper, RULES.iter().map(|r| r.code))
            .map(str::to_string)
            .or_else(|| {
                (2..upper.len())
                    .rev()
                    .map(|n| &upper[..n])
                    .find(|p| p.len() > 2 && RULES.iter().any(|r| r.code.starts_with(p)))
                    .map(str::to_string)
            });
        return Err(SelectorError {
            selector: trimmed.to_string(),
            suggestion,
        });
    }
    let candidates = RULES.iter().flat_map(|r| [r.name, r.code]);
    Err(SelectorError {
        selector: trimmed.to_string(),
        suggestion: rules::suggest::did_you_mean(trimmed, candidates).map(str::to_string),
    })
}
