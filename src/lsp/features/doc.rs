//! A document as the features see it: its text, line index and (when it parses) tree.

use lsp_types::{Position, Range, Uri};

use crate::lsp::convert::{Encoding, LineIndex};
use crate::lsp::session::{OpenDoc, Session};
use crate::model::{Blueprint, TagKind};
use crate::source::Span;
use crate::yaml::{Loaded, Node};

#[allow(dead_code)] // used by the navigation handlers landing next
pub struct DocView<'a> {
    pub uri: &'a Uri,
    pub text: &'a str,
    pub index: LineIndex<'a>,
    pub loaded: Loaded,
    pub encoding: Encoding,
}

#[allow(dead_code)]
impl<'a> DocView<'a> {
    pub fn new(doc: &'a OpenDoc, session: &Session) -> DocView<'a> {
        DocView::of_text(&doc.uri, &doc.text, session.encoding)
    }

    pub fn of_text(uri: &'a Uri, text: &'a str, encoding: Encoding) -> DocView<'a> {
        DocView {
            uri,
            text,
            index: LineIndex::new(text),
            loaded: crate::yaml::load(text),
            encoding,
        }
    }

    pub fn blueprint(&self) -> Option<Blueprint<'_>> {
        // Symbols only need entry models' names and kinds: the newest release has them.
        Blueprint::from_root(self.loaded.root.as_ref()?, crate::catalog::newest())
    }

    pub fn range(&self, span: Span) -> Range {
        self.index.range(span, self.encoding)
    }

    pub fn offset(&self, position: Position) -> u32 {
        self.index.offset(position, self.encoding)
    }

    /// The innermost node whose span holds `offset`, with its ancestors (outermost first).
    pub fn nodes_at(&self, offset: u32) -> Vec<&Node> {
        let mut path = Vec::new();
        let Some(mut node) = self.loaded.root.as_ref() else {
            return path;
        };
        loop {
            path.push(node);
            let mut children = Vec::new();
            node.push_children(&mut children);
            match children
                .into_iter()
                .find(|c| c.span.start <= offset && offset <= c.span.end && c.span != node.span)
            {
                Some(child) => node = child,
                None => return path,
            }
        }
    }
}

/// What a reference node points at, for outlines: `!KeyOf id` gives `id`, `!Find
/// [model, [field, value]]` gives `value`, a plain scalar gives itself.
pub fn describe_ref(node: &Node) -> Option<String> {
    match node.tag_name().and_then(TagKind::from_name) {
        Some(TagKind::KeyOf) => node.scalar_text().map(str::to_string),
        Some(TagKind::Find | TagKind::FindObject) => {
            let query = node.as_seq()?.get(1)?.as_seq()?;
            query.get(1)?.scalar_text().map(str::to_string)
        }
        Some(_) => None,
        None => node.scalar_text().map(str::to_string),
    }
}
