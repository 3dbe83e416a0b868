//! The objects the workspace's blueprints declare, for `!Find` completion and
//! navigation: every entry's model, id and literal field values, with locations.
//! They are read from the folders' workspaces (their kept trees, the open documents'
//! texts in place of the disk's); an open document outside every folder is parsed.

use std::path::PathBuf;

use crate::lsp::diagnostics::Folders;
use crate::lsp::session::Session;
use crate::model::Blueprint;
use crate::source::Span;
use crate::yaml::Node;

pub struct Declared {
    pub path: PathBuf,
    pub text_index: usize,
    pub model: String,
    /// Literal identifiers and attrs (`(field, value, span of the value)`).
    pub fields: Vec<(String, String, Span)>,
}

/// Every workspace blueprint's text and what it declares, by path.
pub struct Objects<'w> {
    pub texts: Vec<(PathBuf, &'w str)>,
    pub declared: Vec<Declared>,
    /// Each file's `metadata.name`.
    pub names: Vec<(usize, String)>,
}

impl<'w> Objects<'w> {
    /// What the folders' workspaces hold (see [`crate::lsp::diagnostics::sync_all`])
    /// and the open documents outside every folder.
    pub fn collect(session: &'w Session, folders: &'w Folders) -> Objects<'w> {
        let mut files: Vec<(PathBuf, &'w str, Option<&'w Node>)> = Vec::new();
        for folder in folders.values() {
            files.extend(
                folder.blueprint_files().map(|(path, file)| {
                    (path, file.source.text.as_str(), file.loaded.root.as_ref())
                }),
            );
        }
        let mut outside: Vec<(PathBuf, &'w str, crate::yaml::Loaded)> = Vec::new();
        for doc in session.docs.values() {
            if let Some(path) = doc.path.as_ref().filter(|p| session.root_of(p).is_none()) {
                outside.push((path.clone(), &doc.text, crate::yaml::load(&doc.text)));
            }
        }
        let loaded: Vec<(PathBuf, &'w str, Option<&Node>)> = outside
            .iter()
            .map(|(path, text, loaded)| (path.clone(), *text, loaded.root.as_ref()))
            .collect();
        // A file under nested folders is in both: once, in path order.
        let mut all: Vec<(PathBuf, &'w str, Option<&Node>)> =
            files.into_iter().chain(loaded).collect();
        all.sort_by(|a, b| a.0.cmp(&b.0));
        all.dedup_by(|a, b| a.0 == b.0);
        let mut declared = Vec::new();
        let mut names = Vec::new();
        let mut texts = Vec::with_capacity(all.len());
        for (i, (path, text, root)) in all.into_iter().enumerate() {
            let (objects, name) = declared_in(i, &path, root);
            declared.extend(objects);
            names.extend(name.map(|n| (i, n)));
            texts.push((path, text));
        }
        Objects {
            texts,
            declared,
            names,
        }
    }

    /// The objects of `model` whose `field` is `value`.
    pub fn find<'s>(
        &'s self,
        model: &'s str,
        field: &'s str,
        value: &'s str,
    ) -> impl Iterator<Item = (&'s Declared, Span)> + 's {
        self.declared
            .iter()
            .filter(move |d| d.model == model)
            .filter_map(move |d| {
                d.fields
                    .iter()
                    .find(|(f, v, _)| f == field && v == value)
                    .map(|(_, _, span)| (d, *span))
            })
    }

    /// The distinct values `field` has on objects of `model`.
    pub fn values(&self, model: &str, field: &str) -> Vec<&str> {
        let mut values: Vec<&str> = self
            .declared
            .iter()
            .filter(|d| d.model == model)
            .flat_map(|d| d.fields.iter().filter(|(f, ..)| f == field))
            .map(|(_, v, _)| v.as_str())
            .collect();
        values.sort_unstable();
        values.dedup();
        values
    }
}

fn declared_in(
    index: usize,
    path: &std::path::Path,
    root: Option<&Node>,
) -> (Vec<Declared>, Option<String>) {
    let Some(blueprint) =
        root.and_then(|root| Blueprint::from_root(root, crate::catalog::newest()))
    else {
        return (Vec::new(), None);
    };
    let name = blueprint.name().map(str::to_string);
    let declared = blueprint
        .entries
        .iter()
        .filter_map(|entry| {
            let model = entry.model_id()?.full.to_string();
            let fields = entry
                .field_pairs()
                .filter_map(|pair| {
                    let key = pair.key.as_str()?;
                    let value = pair.value.as_str()?;
                    Some((key.to_string(), value.to_string(), pair.value.span))
                })
                .collect();
            Some(Declared {
                path: path.to_path_buf(),
                text_index: index,
                model,
                fields,
            })
        })
        .collect();
    (declared, name)
}
