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

/// The rules a selector names. A well-formed code prefix with no rule yet (`FL5`) is
/// accepted and names none, so a config keeps working as families fill up.
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
        return Ok(RULES
            .iter()
            .copied()
            .filter(|r| r.code.starts_with(&upper))
            .collect());
    }
    Err(SelectorError {
        selector: trimmed.to_string(),
        suggestion: rules::suggest::did_you_mean(trimmed, RULES.iter().map(|r| r.name))
            .map(str::to_string),
    })
}
