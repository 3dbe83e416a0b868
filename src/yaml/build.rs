//! Which nodes PyYAML constructs when authentik loads a blueprint.
//!
//! PyYAML builds a plain (or `!!`-tagged) collection and, in the end, everything in it.
//! A node under one of authentik's tags is built only when the tag's constructor calls
//! `construct_object` on it (`authentik/blueprints/v1/common.py`): `!KeyOf`,
//! `!ParseJSON`, `!Value` and `!Index` read the node's raw value and build nothing;
//! `!Env`, `!File` and `!Context` build items 0 and 1 of a sequence (nothing of a
//! mapping); `!Format` and `!Condition` every item; `!If`, `!Enumerate` and `!AtIndex`
//! items 0 to 2 at most; `!Find` and `!FindObject` item 0 and the items of each
//! condition list, but never the condition list itself. A node that is not built
//! cannot fail to construct (an unknown tag, `!!int x`, a bad merge key there loads
//! fine) and never reaches authentik's resolver.

/// How PyYAML treats one node of the document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Build {
    /// Constructed, with its tag's constructor.
    Built,
    /// Never constructed: its tag and everything in it are ignored.
    Unbuilt,
    /// A `!Find` condition list: the list's own tag is ignored, its items are built.
    ItemsOnly,
}

impl Build {
    /// How a child of a node built as `self` is treated: the `index`th item of a
    /// sequence (`None`: a key or value of a mapping), the node tagged `tag`.
    pub fn child(self, tag: Option<&str>, index: Option<usize>) -> Build {
        match self {
            Build::Unbuilt => Build::Unbuilt,
            // `for node_values in raw_node.value`: a mapping's pairs are tuples, which
            // fail to construct (reported by FL302); nothing in them is built.
            Build::ItemsOnly if index.is_some() => Build::Built,
            Build::ItemsOnly => Build::Unbuilt,
            Build::Built => match (tag, index) {
                (None, _) => Build::Built,
                (Some(tag), _) if tag.starts_with("!!") => Build::Built,
                (Some(tag), Some(i)) => by_tag_constructor(tag, i),
                (Some(_), None) => Build::Unbuilt,
            },
        }
    }
}

/// The `i`th item of a sequence tagged `tag` (a custom tag).
fn by_tag_constructor(tag: &str, i: usize) -> Build {
    match tag {
        "!Env" | "!File" | "!Context" if i < 2 => Build::Built,
        "!Format" | "!Condition" => Build::Built,
        "!If" | "!Enumerate" | "!AtIndex" if i < 3 => Build::Built,
        "!Find" | "!FindObject" if i == 0 => Build::Built,
        "!Find" | "!FindObject" => Build::ItemsOnly,
        // `!KeyOf`, `!ParseJSON`, `!Value`, `!Index`, items past what a constructor
        // reads, and unknown tags (the load fails on the tag itself).
        _ => Build::Unbuilt,
    }
}

#[cfg(test)]
mod tests {
    use super::Build::{self, *};

    #[test]
    fn constructors_build_what_authentik_reads() {
        let item = |tag, i| Built.child(Some(tag), Some(i));
        assert_eq!(item("!Find", 0), Built);
        assert_eq!(item("!Find", 1), ItemsOnly);
        assert_eq!(ItemsOnly.child(Some("!keyof"), Some(0)), Built);
        assert_eq!(ItemsOnly.child(None, None), Unbuilt);
        assert_eq!(item("!Enumerate", 2), Built);
        assert_eq!(item("!Enumerate", 3), Unbuilt);
        assert_eq!(item("!Env", 1), Built);
        assert_eq!(item("!Env", 2), Unbuilt);
        assert_eq!(item("!Format", 9), Built);
        assert_eq!(item("!KeyOf", 0), Unbuilt);
        assert_eq!(Built.child(Some("!Env"), None), Unbuilt);
        assert_eq!(Built.child(Some("!!map"), None), Built);
        assert_eq!(Built.child(None, Some(7)), Built);
        assert_eq!(Build::Unbuilt.child(None, Some(0)), Unbuilt);
    }
}
