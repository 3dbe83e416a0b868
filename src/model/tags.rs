//! The 14 custom tags authentik's `BlueprintLoader` registers.

/// A blueprint tag, by name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TagKind {
    KeyOf,
    Find,
    FindObject,
    Context,
    Format,
    Condition,
    If,
    Env,
    File,
    Enumerate,
    Value,
    Index,
    AtIndex,
    ParseJson,
}

impl TagKind {
    pub const ALL: [TagKind; 14] = [
        TagKind::KeyOf,
        TagKind::Find,
        TagKind::FindObject,
        TagKind::Context,
        TagKind::Format,
        TagKind::Condition,
        TagKind::If,
        TagKind::Env,
        TagKind::File,
        TagKind::Enumerate,
        TagKind::Value,
        TagKind::Index,
        TagKind::AtIndex,
        TagKind::ParseJson,
    ];

    /// The tag as written, `!KeyOf`.
    pub fn name(self) -> &'static str {
        match self {
            TagKind::KeyOf => "!KeyOf",
            TagKind::Find => "!Find",
            TagKind::FindObject => "!FindObject",
            TagKind::Context => "!Context",
            TagKind::Format => "!Format",
            TagKind::Condition => "!Condition",
            TagKind::If => "!If",
            TagKind::Env => "!Env",
            TagKind::File => "!File",
            TagKind::Enumerate => "!Enumerate",
            TagKind::Value => "!Value",
            TagKind::Index => "!Index",
            TagKind::AtIndex => "!AtIndex",
            TagKind::ParseJson => "!ParseJSON",
        }
    }

    /// Tag names are case-sensitive in PyYAML, as here.
    pub fn from_name(name: &str) -> Option<TagKind> {
        TagKind::ALL.into_iter().find(|k| k.name() == name)
    }
}
