//! The objects the workspace's blueprints declare, for `!Find` completion and
//! navigation: every entry's model, id and literal field values, with locations.

use std::path::PathBuf;

use rayon::prelude::*;

use crate::check::Input;
use crate::lsp::diagnostics::display;
use crate::lsp::session::Session;
use crate::model::Blueprint;
use crate::source::Span;

pub struct Declared {
    pub path: PathBuf,
    pub text_index: usize,
    pub model: String,
    /// Literal identifiers and attrs (`(field, value, span of the value)`).
    pub fields: Vec<(String, String, Span)>,
}

/// Every workspace blueprint's text (open documents' unsaved texts first) and what it
/// declares. A document outside every folder counts as its own workspace.
pub struct Objects {
    pub texts: Vec<(PathBuf, String)>,
    pub declared: Vec<Declared>,
    /// Each file's `metadata.name`.
    pub names: Vec<(usize, String)>,
}

impl Objects {
    pub fn collect(session: &Session) -> Objects {
        let mut paths: Vec<PathBuf> = Vec::new();
        for root in &session.roots {
            let scope = session.scope(root);
            paths.extend(
                crate::cli::blueprint_files(std::slice::from_ref(root), &scope.config)
                    .unwrap_or_default(),
            );
        }
        for doc in session.docs.values() {
            if let Some(path) = &doc.path {
                if !paths.contains(path) {
                    paths.push(path.clone());
                }
            }
        }
        paths.sort();
        paths.dedup();
        let texts: Vec<(PathBuf, String)> = paths
            .into_par_iter()
            .filter_map(|path| {
                let text = match session.doc_at(&path) {
                    Some(doc) => doc.text.clone(),
                    None => match Input::read(&path, display(&path), 64 << 20).content {
                        crate::check::InputContent::Text(text) => text,
                        _ => return None,
                    },
                };
                Some((path, text))
            })
            .collect();
        let per_file: Vec<(Vec<Declared>, Option<String>)> = texts
            .par_iter()
            .enumerate()
            .map(|(i, (path, text))| declared_in(i, path, text))
            .collect();
        let mut declared = Vec::new();
        let mut names = Vec::new();
        for (i, (objects, name)) in per_file.into_iter().enumerate() {
            declared.extend(objects);
            names.extend(name.map(|n| (i, n)));
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
    text: &str,
) -> (Vec<Declared>, Option<String>) {
    let loaded = crate::yaml::load(text);
    let Some(blueprint) = loaded
        .root
        .as_ref()
        .and_then(|root| Blueprint::from_root(root, crate::catalog::newest()))
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
