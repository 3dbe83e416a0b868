use crate::catalog::{ModelSpec, Release};
use crate::yaml::{Node, NodeKind, Pair};

/// One blueprint file as authentik's dataclasses see it.
#[derive(Debug)]
pub struct Blueprint<'a> {
    /// The release its models were resolved in (the run's target).
    pub release: &'static Release,
    pub root: &'a Node,
    pub version: Option<&'a Pair>,
    pub metadata: Option<&'a Pair>,
    pub context: Option<&'a Pair>,
    pub entries_pair: Option<&'a Pair>,
    /// Entries in processing order (mapping form: sections in order, then list order).
    pub entries: Vec<Entry<'a>>,
}

/// One entry of `entries`.
#[derive(Debug)]
pub struct Entry<'a> {
    /// Position in processing order, from 0.
    pub index: usize,
    pub node: &'a Node,
    /// The section name when `entries` is a mapping of named lists.
    pub section: Option<&'a str>,
    pub model: Option<&'a Pair>,
    pub id: Option<&'a Pair>,
    pub state: Option<&'a Pair>,
    pub conditions: Option<&'a Pair>,
    pub identifiers: Option<&'a Pair>,
    pub attrs: Option<&'a Pair>,
    pub permissions: Option<&'a Pair>,
    /// The catalog's model for a literal `model:` it knows, resolved once here: every
    /// rule, the secret scan and the world ask for it.
    pub spec: Option<&'static ModelSpec>,
}

/// `app_label.modelname` split, when the model is a literal string.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ModelId<'a> {
    pub full: &'a str,
    pub app_label: &'a str,
    pub model_name: &'a str,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EntryState {
    Present,
    Created,
    MustCreated,
    Absent,
}

impl EntryState {
    pub const NAMES: [&'static str; 4] = ["present", "created", "must_created", "absent"];

    pub fn parse(text: &str) -> Option<EntryState> {
        match text {
            "present" => Some(EntryState::Present),
            "created" => Some(EntryState::Created),
            "must_created" => Some(EntryState::MustCreated),
            "absent" => Some(EntryState::Absent),
            _ => None,
        }
    }

    /// Whether applying the entry may create the object (and so needs required fields).
    pub fn may_create(self) -> bool {
        !matches!(self, EntryState::Absent)
    }
}

impl<'a> Blueprint<'a> {
    /// The model of a document root, its entries' models resolved in `release`;
    /// `None` when the root is not a mapping.
    pub fn from_root(root: &'a Node, release: &'static Release) -> Option<Blueprint<'a>> {
        root.as_map()?;
        let entries_pair = root.get_pair("entries");
        let mut entries = Vec::new();
        if let Some(pair) = entries_pair {
            collect_entries(&pair.value, release, &mut entries);
        }
        Some(Blueprint {
            release,
            root,
            version: root.get_pair("version"),
            metadata: root.get_pair("metadata"),
            context: root.get_pair("context"),
            entries_pair,
            entries,
        })
    }

    /// `metadata.name` when it is a literal string.
    pub fn name(&self) -> Option<&'a str> {
        self.metadata?.value.get("name")?.as_str()
    }

    pub fn labels(&self) -> Option<&'a Node> {
        self.metadata?.value.get("labels")
    }
}

fn collect_entries<'a>(node: &'a Node, release: &'static Release, out: &mut Vec<Entry<'a>>) {
    if node.is_custom_tagged() {
        // Dynamic entries (a tag producing the list) are resolved by the evaluator.
        return;
    }
    let section = |pair: &'a Pair| {
        (pair.value.as_seq())
            .filter(|_| !pair.value.is_custom_tagged())
            .map(|items| (pair.key.as_str(), items))
    };
    // Sized once: kept with the file's tree for its worlds, a list grown by doubling
    // left a quarter of its memory unused on average.
    match &node.kind {
        NodeKind::Seq(items) => {
            out.reserve_exact(items.len());
            push_items(items, None, release, out);
        }
        NodeKind::Map(pairs) => {
            out.reserve_exact(pairs.iter().filter_map(section).map(|(_, i)| i.len()).sum());
            for (name, items) in pairs.iter().filter_map(section) {
                push_items(items, name, release, out);
            }
        }
        NodeKind::Scalar(_) => {}
    }
}

fn push_items<'a>(
    items: &'a [Node],
    section: Option<&'a str>,
    release: &'static Release,
    out: &mut Vec<Entry<'a>>,
) {
    for item in items {
        if item.as_map().is_none() || item.is_custom_tagged() {
            continue;
        }
        let model = item.get_pair("model");
        let mut entry = Entry {
            index: out.len(),
            node: item,
            section,
            model,
            id: item.get_pair("id"),
            state: item.get_pair("state"),
            conditions: item.get_pair("conditions"),
            identifiers: item.get_pair("identifiers"),
            attrs: item.get_pair("attrs"),
            permissions: item.get_pair("permissions"),
            spec: None,
        };
        // A model only `!Find` can query is no entry model: rules see it as unknown.
        entry.spec = entry
            .model_id()
            .and_then(|m| release.model(m.full))
            .filter(|spec| spec.entry);
        out.push(entry);
    }
}

impl<'a> Entry<'a> {
    /// The model id when `model` is a literal `app_label.modelname` string.
    pub fn model_id(&self) -> Option<ModelId<'a>> {
        let full = self.model?.value.as_str()?;
        // Bytes, not `split_once('.')`: asked several times per entry by the rules, and
        // the char searcher was most of its cost on ids this short.
        let dot = full.bytes().position(|b| b == b'.')?;
        let (app_label, model_name) = (&full[..dot], &full[dot + 1..]);
        if model_name.bytes().any(|b| b == b'.') || app_label.is_empty() || model_name.is_empty() {
            return None;
        }
        Some(ModelId {
            full,
            app_label,
            model_name,
        })
    }

    pub fn id_str(&self) -> Option<&'a str> {
        self.id?.value.as_str()
    }

    /// The literal state; `Some(Present)` when absent from the entry, `None` when it is a
    /// tag or an unknown string.
    pub fn literal_state(&self) -> Option<EntryState> {
        match self.state {
            None => Some(EntryState::Present),
            Some(pair) => EntryState::parse(pair.value.as_str()?),
        }
    }

    /// A field's value as the serializer sees it: identifiers are merged over attrs.
    pub fn field(&self, name: &str) -> Option<&'a Node> {
        self.identifiers
            .and_then(|p| p.value.get(name))
            .or_else(|| self.attrs.and_then(|p| p.value.get(name)))
    }

    /// Field names set through identifiers or attrs.
    pub fn field_pairs(&self) -> impl Iterator<Item = &'a Pair> {
        let ids = self
            .identifiers
            .and_then(|p| p.value.as_map())
            .unwrap_or(&[]);
        let attrs = self.attrs.and_then(|p| p.value.as_map()).unwrap_or(&[]);
        ids.iter().chain(attrs.iter())
    }

    /// Whether the entry has conditions at all (statically true or not).
    pub fn has_conditions(&self) -> bool {
        self.conditions
            .is_some_and(|p| p.value.as_seq().is_none_or(|items| !items.is_empty()))
    }
}
