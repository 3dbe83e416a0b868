//! What each of authentik's blueprint tags does, for hover and completion
//! (from `../shared/spec/blueprint-format.md` §4, itself read from authentik's importer).

pub const TAG_DOCS: [(&str, &str); 14] = [
    (
        "!KeyOf",
        "`!KeyOf id`: the primary key of the object saved by an *earlier* entry with this `id` (its `pbm_uuid` when a policy binding's target). An unknown id, a forward reference or a skipped entry fails the blueprint.",
    ),
    (
        "!Find",
        "`!Find [model, [field, value], ...]`: the primary key of the first object of `model` matching every `[field, value]` pair (Django lookups allowed), or null when none matches.",
    ),
    (
        "!FindObject",
        "`!FindObject [model, [field, value], ...]`: like `!Find`, but the serialized object (a mapping) instead of its key. Since authentik 2025.8.",
    ),
    (
        "!Context",
        "`!Context key` or `!Context [key, default]`: a value of the blueprint's context (`context:` in the file, then the instance's context), else the default.",
    ),
    (
        "!Format",
        "`!Format [format, arg, ...]`: Python `format % (args)`; a literal `%` is written `%%`.",
    ),
    (
        "!Condition",
        "`!Condition [AND|NAND|OR|NOR|XOR|XNOR, value, ...]`: the values' truth combined by the mode.",
    ),
    (
        "!If",
        "`!If [condition]` gives true/false; `!If [condition, then, else]` gives the chosen branch, resolved.",
    ),
    (
        "!Env",
        "`!Env NAME` or `!Env [NAME, default]`: the environment variable of the authentik worker, else the default. flowlint never reads your environment (`--env`).",
    ),
    (
        "!File",
        "`!File path` or `!File [path, default]`: the file's content (stripped) on the authentik worker, else the default.",
    ),
    (
        "!Enumerate",
        "`!Enumerate [iterable, SEQ|MAP, body]`: the body once per item (`!Index`/`!Value` inside it), as a list (SEQ) or a mapping (MAP).",
    ),
    (
        "!Value",
        "`!Value depth`: the current item of the enclosing `!Enumerate` (0 = innermost).",
    ),
    (
        "!Index",
        "`!Index depth`: the current key or index of the enclosing `!Enumerate` (0 = innermost).",
    ),
    (
        "!AtIndex",
        "`!AtIndex [object, key]` or `[object, key, default]`: an element of a list or a value of a mapping.",
    ),
    ("!ParseJSON", "`!ParseJSON text`: the JSON text, parsed."),
];

/// The documentation of a tag as written (`!KeyOf`), if it is one of authentik's.
pub fn tag_doc(name: &str) -> Option<String> {
    TAG_DOCS
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, doc)| doc.to_string())
}
