//! Rules: one file per rule under `rules/<family>/`, one registry table.
//!
//! A rule is a static [`Rule`] declared with [`declare_rule!`], whose doc comment is the
//! rule's documentation (`flowlint explain` prints it) and whose [`Check`] says when the
//! driver calls it. The driver walks each tree once and calls every rule at its hook,
//! so no rule re-walks a tree.

pub mod context;
mod registry;
pub mod suggest;

pub mod flow;
pub mod meta;
pub mod references;
pub mod security;
pub mod structure;
pub mod syntax;
pub mod tags;
pub mod values;

pub use context::{EntryCx, FieldCx, FileCx, NodeCx, TagCx};
pub use registry::{RULES, by_code, by_code_or_name};

use crate::finding::{Severity, Sink};

/// Rule families; the hundreds digit of a code names the family.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Family {
    /// FL0xx: the file cannot be read as YAML.
    Syntax,
    /// FL1xx: the blueprint's shape (keys, models, entries).
    Structure,
    /// FL2xx: attribute values against the model catalog.
    Values,
    /// FL3xx: custom tags and their arguments.
    Tags,
    /// FL4xx: references between entries and files.
    References,
    /// FL5xx: how flows behave when run.
    Flow,
    /// FL6xx: secrets and unsafe input.
    Security,
    /// FL9xx: flowlint's own configuration and suppressions.
    Meta,
}

impl Family {
    pub fn as_str(self) -> &'static str {
        match self {
            Family::Syntax => "syntax",
            Family::Structure => "structure",
            Family::Values => "values",
            Family::Tags => "tags",
            Family::References => "references",
            Family::Flow => "flow",
            Family::Security => "security",
            Family::Meta => "meta",
        }
    }
}

pub type FileCheck = fn(&FileCx<'_, '_>, &mut Sink);
pub type EntryCheck = fn(&EntryCx<'_, '_>, &mut Sink);
pub type FieldCheck = fn(&FieldCx<'_, '_>, &mut Sink);
pub type NodeCheck = fn(&NodeCx<'_, '_>, &mut Sink);
pub type TagCheck = fn(&TagCx<'_, '_>, &mut Sink);
pub type WorldCheck = fn(&crate::world::WorldCx<'_, '_>, &mut Sink);

/// When the driver runs a rule.
#[derive(Clone, Copy)]
pub enum Check {
    /// Reported by the loader or the driver itself (syntax errors, limits).
    Builtin,
    /// Once per file with a blueprint.
    File(FileCheck),
    /// Once per entry.
    Entry(EntryCheck),
    /// Once per attribute value of an entry whose model the catalog knows.
    Field(FieldCheck),
    /// Once per node of the tree (keep these cheap).
    Node(NodeCheck),
    /// Once per tagged node.
    Tag(TagCheck),
    /// Once per world (all files checked together).
    World(WorldCheck),
}

impl std::fmt::Debug for Check {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Check::Builtin => "Builtin",
            Check::File(_) => "File",
            Check::Entry(_) => "Entry",
            Check::Field(_) => "Field",
            Check::Node(_) => "Node",
            Check::Tag(_) => "Tag",
            Check::World(_) => "World",
        })
    }
}

#[derive(Debug)]
pub struct Rule {
    /// Stable code, `FL` + 3 digits; never reused.
    pub code: &'static str,
    /// Kebab-case name of the bad pattern.
    pub name: &'static str,
    pub family: Family,
    pub severity: Severity,
    pub summary: &'static str,
    /// The doc comment: what it does, why it is bad, severity, example, fix.
    pub doc: &'static str,
    pub check: Check,
    /// Off unless selected (`--select`, `--extend-select`, `select`/`extend-select` in
    /// flowlint.toml): opinionated rules (portability, guesses about intent) whose
    /// findings are true but not a defect on the blueprints users really write.
    pub opt_in: bool,
}

impl Rule {
    /// The documentation with the doc-comment indentation removed.
    pub fn documentation(&self) -> String {
        let mut out = String::new();
        for line in self.doc.lines() {
            out.push_str(line.strip_prefix(' ').unwrap_or(line));
            out.push('\n');
        }
        out.trim_end().to_string()
    }

    /// The first paragraph of the `## Severity` section, without its leading
    /// `Error:`/`Warning:`/`Info...:` word: why the rule has its default severity.
    pub fn severity_reason(&self) -> Option<String> {
        let doc = self.documentation();
        let section = doc.split("## Severity\n").nth(1)?;
        let paragraph = section.split("\n\n").next()?.trim();
        let reason = paragraph
            .split_once(':')
            .map_or(paragraph, |(_, rest)| rest.trim());
        Some(reason.split_whitespace().collect::<Vec<_>>().join(" "))
    }

    /// How the default rule set treats the rule: `on`, or `opt-in`.
    pub fn default_state(&self) -> &'static str {
        if self.opt_in { "opt-in" } else { "on" }
    }
}

impl PartialEq for Rule {
    fn eq(&self, other: &Self) -> bool {
        self.code == other.code
    }
}

/// Declare a rule: its doc comment becomes its documentation.
#[macro_export]
macro_rules! declare_rule {
    (
        $(#[doc = $doc:literal])*
        pub static $ident:ident = {
            code: $code:literal,
            name: $name:literal,
            family: $family:ident,
            severity: $severity:ident,
            summary: $summary:literal,
            check: $check:expr
            $(, opt_in: $opt_in:literal)? $(,)?
        };
    ) => {
        $(#[doc = $doc])*
        pub static $ident: $crate::rules::Rule = $crate::rules::Rule {
            code: $code,
            name: $name,
            family: $crate::rules::Family::$family,
            severity: $crate::finding::Severity::$severity,
            summary: $summary,
            doc: concat!($($doc, "\n"),*),
            check: $check,
            opt_in: false $(|| $opt_in)?,
        };
    };
}
