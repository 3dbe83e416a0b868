//! Settings for a check run (from the command line and, later, a config file).

use std::collections::{HashMap, HashSet};

pub use crate::catalog::AuthentikVersion;
use crate::catalog::Target;
use crate::finding::Severity;
use crate::rules::Rule;

/// Which rules run and at which severity. The default set is every rule that is not
/// opt-in ([`Rule::opt_in`]); an opt-in rule runs once enabled (`select`,
/// `extend-select`, `--select`, `--extend-select`).
#[derive(Clone, Debug, Default)]
pub struct RuleSelection {
    disabled: HashSet<&'static str>,
    enabled: HashSet<&'static str>,
    severity: HashMap<&'static str, Severity>,
}

impl RuleSelection {
    pub fn disable(&mut self, rule: &'static Rule) {
        self.enabled.remove(rule.code);
        self.disabled.insert(rule.code);
    }

    pub fn enable(&mut self, rule: &'static Rule) {
        self.disabled.remove(rule.code);
        self.enabled.insert(rule.code);
    }

    pub fn set_severity(&mut self, rule: &'static Rule, severity: Severity) {
        self.severity.insert(rule.code, severity);
    }

    pub fn is_enabled(&self, rule: &Rule) -> bool {
        !self.disabled.contains(rule.code) && (!rule.opt_in || self.enabled.contains(rule.code))
    }

    pub fn severity_of(&self, rule: &Rule) -> Severity {
        self.severity
            .get(rule.code)
            .copied()
            .unwrap_or(rule.severity)
    }

    /// The severity configured for a rule, if the user set one.
    pub fn severity_override(&self, rule: &Rule) -> Option<Severity> {
        self.severity.get(rule.code).copied()
    }
}

#[derive(Clone, Debug)]
pub struct Settings {
    /// The authentik release the blueprints are judged against (default: the
    /// newest embedded release), resolved once from the flag or the config file.
    pub target: Target,
    /// `--context key=value` values, merged over each file's `context:`.
    pub context: Vec<(String, String)>,
    /// `--env NAME=value` values for `!Env`; the process environment is never read.
    pub env: HashMap<String, String>,
    pub rules: RuleSelection,
    /// Files larger than this are reported, not read.
    pub max_file_size: u64,
    /// Check all files as one world (cross-file rules), as authentik's blueprint folder.
    pub world: bool,
    /// Evaluate `!File` tags, reading only inside each blueprint's folder.
    pub allow_file_tag: bool,
    /// What the server has besides the blueprints (the install baseline).
    pub baseline: crate::baseline::BaselineSettings,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            target: Target::default(),
            context: Vec::new(),
            env: HashMap::new(),
            rules: RuleSelection::default(),
            max_file_size: 64 * 1024 * 1024,
            world: true,
            allow_file_tag: false,
            baseline: crate::baseline::BaselineSettings::default(),
        }
    }
}
