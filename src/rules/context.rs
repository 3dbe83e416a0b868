//! What each rule hook sees.

use std::borrow::Cow;

use crate::catalog::{FieldSpec, ModelSpec, Target};
use crate::check::Settings;
use crate::eval::{Context, EvalEnv, Evaluator, FileAccess, Value};
use crate::model::{Blueprint, Entry, TagKind};
use crate::source::{FileId, SourceFile};
use crate::world::FieldValue;
use crate::yaml::{Node, Pair};

/// One file with a blueprint.
pub struct FileCx<'r, 'a> {
    pub file: FileId,
    pub source: &'a SourceFile,
    pub blueprint: &'r Blueprint<'a>,
    pub settings: &'r Settings,
    /// The effective context of this file (defaults, its `context:`, the user's values).
    pub context: &'r Context<'a>,
    /// Where `!File` may read, when `--allow-file-tag` is given.
    pub files: Option<FileAccess>,
}

impl<'r, 'a> FileCx<'r, 'a> {
    /// Evaluate a node statically; unknown parts stay [`Value::Unknown`].
    pub fn eval(&self, node: &'a Node) -> Value<'a> {
        let mut evaluator = Evaluator::new(EvalEnv {
            context: self.context,
            env: &self.settings.env,
            finder: None,
            files: self.files.as_ref(),
        });
        evaluator.eval(node)
    }
}

/// One entry, with its model when the catalog knows it.
pub struct EntryCx<'r, 'a> {
    pub file: &'r FileCx<'r, 'a>,
    pub entry: &'r Entry<'a>,
    pub model: Option<&'static ModelSpec>,
    /// The entry's fields as the driver evaluated them (empty when it did not).
    pub fields: &'r [FieldValue<'a>],
}

impl<'r, 'a> EntryCx<'r, 'a> {
    /// Catalog fields of the entry's pairs, for a rule that visits them in document
    /// order (identifiers, then attrs): each comes from the driver's evaluation when
    /// it made one, so no name is looked up twice.
    pub fn field_specs(&self) -> FieldSpecs<'r, 'a> {
        FieldSpecs {
            model: self.model,
            evaluated: self.fields,
            next: 0,
        }
    }

    /// The value of one of the entry's `identifiers`/`attrs` pairs: the driver's
    /// evaluation when it made one (nothing is evaluated twice), else evaluated now.
    pub fn value_of(&self, pair: &'a Pair) -> Cow<'_, Value<'a>> {
        match self
            .fields
            .iter()
            .find(|field| std::ptr::eq(field.pair, pair))
        {
            Some(field) => Cow::Borrowed(&field.value),
            None => Cow::Owned(self.file.eval(&pair.value)),
        }
    }
}

/// See [`EntryCx::field_specs`].
pub struct FieldSpecs<'r, 'a> {
    model: Option<&'static ModelSpec>,
    evaluated: &'r [FieldValue<'a>],
    next: usize,
}

impl FieldSpecs<'_, '_> {
    /// The catalog field of `pair` (whose key is `name`), if the model has it.
    pub fn of(&mut self, pair: &Pair, name: &str) -> Option<&'static FieldSpec> {
        // The evaluations follow the pairs in order: the match is at or after the
        // last one (after it when the rule skipped pairs).
        let rest = self.evaluated.get(self.next..).unwrap_or(&[]);
        match rest.iter().position(|field| std::ptr::eq(field.pair, pair)) {
            Some(offset) => {
                self.next += offset + 1;
                rest[offset].spec
            }
            None => self.model.and_then(|model| model.field(name)),
        }
    }
}

/// Which mapping of the entry a field value was written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FieldSection {
    Identifiers,
    Attrs,
}

/// One attribute value of an entry whose model is known.
pub struct FieldCx<'r, 'a> {
    pub entry: &'r EntryCx<'r, 'a>,
    pub model: &'static ModelSpec,
    pub field: &'static FieldSpec,
    pub pair: &'a Pair,
    pub section: FieldSection,
    /// The value as far as it is statically known (tags evaluated where possible).
    pub value: &'r Value<'a>,
    /// Whether the value was written as a tag (then only a known result is checked).
    pub tagged: bool,
}

impl FieldCx<'_, '_> {
    /// Where to point: the value node.
    pub fn span(&self) -> crate::source::Span {
        self.pair.value.span
    }
}

/// Any node of the tree.
pub struct NodeCx<'r, 'a> {
    pub file: FileId,
    pub source: &'a SourceFile,
    pub node: &'a Node,
    pub settings: &'r Settings,
}

/// A tagged node.
pub struct TagCx<'r, 'a> {
    pub file: FileId,
    pub source: &'a SourceFile,
    pub node: &'a Node,
    /// `None` for a tag authentik does not register.
    pub kind: Option<TagKind>,
    /// How many `!Enumerate` contexts authentik has pushed when it resolves this node
    /// (those its resolver walks to, around their iterable and body).
    pub enumerate_depth: usize,
    /// The node is inside a value a later duplicate key replaces: PyYAML still
    /// constructs it (so a tag that cannot be built fails the load), but authentik
    /// never resolves it. Only rules [`crate::rules::tags::judges_construction`]
    /// names see such nodes.
    pub replaced: bool,
    pub settings: &'r Settings,
}

impl TagCx<'_, '_> {
    pub fn tag_name(&self) -> &str {
        self.node.tag_name().unwrap_or("")
    }
}

/// The release every hook judges against ([`Target`]): `cx.target().release`.
macro_rules! target_of_settings {
    ($($cx:ident),*) => {$(
        impl $cx<'_, '_> {
            /// The release the run is judged against.
            pub fn target(&self) -> &Target {
                &self.settings.target
            }
        }
    )*};
}
target_of_settings!(FileCx, NodeCx, TagCx);

impl EntryCx<'_, '_> {
    /// The release the run is judged against.
    pub fn target(&self) -> &Target {
        self.file.target()
    }
}

impl FieldCx<'_, '_> {
    /// The release the run is judged against.
    pub fn target(&self) -> &Target {
        self.entry.target()
    }
}
