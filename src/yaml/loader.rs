//! Build the spanned tree from saphyr-parser events.
//!
//! saphyr-parser reports positions in characters; miette and our spans need bytes, so
//! positions are converted once here. Aliases are expanded (with a budget, so an alias
//! bomb cannot exhaust memory), `<<` merge keys are applied the way PyYAML applies
//! them, and nesting depth is capped so no input can overflow the stack.

use std::borrow::Cow;
use std::collections::HashMap;

use saphyr_parser::{Event, Parser, ScalarStyle as ParserStyle, Span as ParserSpan};

use super::build::Build;
use super::kept_break::kept_break;
use super::merge::{apply_merges, is_merge_key, mark_overridden};
use super::node::{Node, NodeKind, Pair, Tag};
use super::offsets::CharOffsets;
use super::outcome::{LoadLimits, Loaded, YamlProblem, YamlProblemKind};
use super::pyyaml_text::{self, ScalarExtent};
use super::scalar::make_scalar;
use crate::source::Span;
use spans::on_char_boundaries;

mod limits;
mod spans;

pub fn load(text: &str) -> Loaded {
    load_with_limits(text, LoadLimits::default())
}

pub fn load_with_limits(text: &str, limits: LoadLimits) -> Loaded {
    let original = text;
    if let Some(problem) = pyyaml_text::unprintable(text) {
        return Loaded {
            root: None,
            problems: vec![problem],
            uses_anchors: false,
        };
    }
    // Same byte length as `text`: every span holds for the original too.
    let text = pyyaml_text::yaml11_breaks(text);
    let mut builder = Builder::new(&text, limits);
    if matches!(text, Cow::Owned(_)) {
        builder.original = Some(original);
    }
    if memchr::memchr(b'\t', text.as_bytes()).is_some() {
        builder.scalars = Some(Vec::new());
    }
    let outcome = builder.run().and_then(|()| match &mut builder.scalars {
        Some(scalars) => pyyaml_text::stray_tab(&text, scalars).map_or(Ok(()), Err),
        None => Ok(()),
    });
    if let Err(problem) = outcome {
        builder.problems.push(problem);
        builder.root = None;
    }
    if matches!(text, Cow::Owned(_)) {
        // A problem the parser met at a rewritten break may start or end inside the
        // original character (U+0085 is two bytes, U+2028/U+2029 three).
        for problem in &mut builder.problems {
            problem.span = on_char_boundaries(original, problem.span);
        }
    }
    Loaded {
        root: builder.root,
        problems: builder.problems,
        uses_anchors: builder.uses_anchors,
    }
}

/// An open collection. Its children wait on the builder's shared stacks (from
/// `first` on) and move into a vector of exactly their number when it closes: no
/// per-collection growth, no spare capacity kept in the tree.
enum Frame {
    Seq {
        start: u32,
        tag: Option<Box<Tag>>,
        anchor: usize,
        first: usize,
        build: Build,
    },
    Map {
        start: u32,
        tag: Option<Box<Tag>>,
        anchor: usize,
        first: usize,
        key: Option<Node>,
        build: Build,
    },
}

impl Frame {
    fn anchor(&self) -> usize {
        match self {
            Frame::Seq { anchor, .. } | Frame::Map { anchor, .. } => *anchor,
        }
    }
}

struct Builder<'a> {
    text: &'a str,
    offsets: CharOffsets<'a>,
    limits: LoadLimits,
    stack: Vec<Frame>,
    open_items: Vec<Node>,
    open_pairs: Vec<Pair>,
    /// Each anchored node, its node count, and whether PyYAML builds it where it is
    /// defined.
    anchors: HashMap<usize, (Node, usize, Build)>,
    alias_nodes: usize,
    documents: usize,
    root: Option<Node>,
    problems: Vec<YamlProblem>,
    /// Every scalar's extent, kept only when the text has a tab to place.
    scalars: Option<Vec<ScalarExtent>>,
    /// The text before its YAML 1.1 line breaks were rewritten, when they were.
    original: Option<&'a str>,
    /// An anchor was defined or an alias used.
    uses_anchors: bool,
}

impl<'a> Builder<'a> {
    fn new(text: &'a str, limits: LoadLimits) -> Self {
        Builder {
            text,
            offsets: CharOffsets::new(text),
            limits,
            stack: Vec::new(),
            open_items: Vec::new(),
            open_pairs: Vec::new(),
            anchors: HashMap::new(),
            alias_nodes: 0,
            documents: 0,
            root: None,
            problems: Vec::new(),
            scalars: None,
            original: None,
            uses_anchors: false,
        }
    }

    fn span(&mut self, span: &ParserSpan) -> Span {
        let start = self.offsets.byte(span.start.index());
        let end = self.offsets.byte(span.end.index()).max(start);
        Span::new(start, end)
    }

    fn run(&mut self) -> Result<(), YamlProblem> {
        let mut parser = Parser::new_from_str(self.text);
        while let Some(next) = parser.next_event() {
            let (event, parser_span) = match next {
                Ok(pair) => pair,
                Err(error) => {
                    let at = self.offsets.byte(error.marker().index());
                    let (kind, message) = if error.info().contains("recursion limit") {
                        let message = "nesting too deep for the YAML parser (recursion limit exceeded); flowlint stops reading this file here";
                        (YamlProblemKind::TooDeep, message.to_string())
                    } else {
                        (YamlProblemKind::Syntax, error.info().to_string())
                    };
                    return Err(YamlProblem {
                        kind,
                        span: self.token_span(at),
                        message,
                    });
                }
            };
            let span = self.span(&parser_span);
            match event {
                Event::DocumentStart(_) => {
                    self.documents += 1;
                    if self.documents > 1 {
                        return Err(YamlProblem {
                            kind: YamlProblemKind::MultipleDocuments,
                            span: self.token_span(span.start),
                            message: "expected a single document in the stream, but found another document".into(),
                        });
                    }
                }
                Event::Alias(id) => {
                    self.uses_anchors = true;
                    let node = self.expand_alias(id, span)?;
                    self.complete(node)?;
                }
                Event::Scalar(text, style, anchor, tag) => {
                    // `!` alone: PyYAML resolves the scalar as if plain and untagged,
                    // even when quoted (`! "true"` is a bool).
                    let (tag, style) = match tag {
                        Some(t) if t.handle.is_empty() && t.suffix == "!" => {
                            (None, ParserStyle::Plain)
                        }
                        other => (other, style),
                    };
                    let tag = tag
                        .map(|t| self.make_tag(&t.handle, &t.suffix, span.start))
                        .transpose()?;
                    let raw_end = span.end;
                    let starts_at_content = tag.is_none() && anchor == 0;
                    let span = self.scalar_span(span, style);
                    if self.scalars.is_some() {
                        let tab_span = match style {
                            ParserStyle::Literal | ParserStyle::Folded => {
                                self.block_scalar_tab_extent(span, raw_end, starts_at_content)
                            }
                            _ => span,
                        };
                        if let Some(scalars) = &mut self.scalars {
                            scalars.push(ScalarExtent {
                                span: tab_span,
                                tabs_allowed: style != ParserStyle::Plain,
                            });
                        }
                    }
                    let mut text = text.into_owned();
                    if let Some(original) = self.original {
                        if tag.as_ref().is_some_and(|t| &*t.name == "!!binary") {
                            let block = matches!(style, ParserStyle::Literal | ParserStyle::Folded);
                            // PyYAML's value holds the U+2028/U+2029 the rewrite made a
                            // line feed: put it back, the constructor fails on it.
                            text.extend(kept_break(original, span, raw_end, block));
                        }
                    }
                    let node = make_scalar(text, style, tag, span);
                    if anchor != 0 {
                        self.uses_anchors = true;
                        let build = self.child_build();
                        self.anchors.insert(anchor, (node.clone(), 1, build));
                    }
                    self.complete(node)?;
                }
                Event::SequenceStart(anchor, tag) => {
                    self.check_depth(span)?;
                    let tag = tag.filter(|t| !(t.handle.is_empty() && t.suffix == "!"));
                    let tag = tag
                        .map(|t| self.make_tag(&t.handle, &t.suffix, span.start))
                        .transpose()?;
                    let build = self.child_build();
                    self.stack.push(Frame::Seq {
                        start: span.start,
                        tag,
                        anchor,
                        first: self.open_items.len(),
                        build,
                    });
                }
                Event::MappingStart(anchor, tag) => {
                    self.check_depth(span)?;
                    let tag = tag.filter(|t| !(t.handle.is_empty() && t.suffix == "!"));
                    let tag = tag
                        .map(|t| self.make_tag(&t.handle, &t.suffix, span.start))
                        .transpose()?;
                    let build = self.child_build();
                    self.stack.push(Frame::Map {
                        start: span.start,
                        tag,
                        anchor,
                        first: self.open_pairs.len(),
                        key: None,
                        build,
                    });
                }
                Event::SequenceEnd | Event::MappingEnd => {
                    let end = self.trim_end(span.end);
                    let node = match self.stack.pop() {
                        Some(Frame::Seq {
                            start,
                            tag,
                            anchor,
                            first,
                            build,
                        }) => {
                            let items: Box<[Node]> = self.open_items.drain(first..).collect();
                            let seq = NodeKind::Seq(items);
                            self.finish_collection(start, end, tag, (anchor, build), seq)
                        }
                        Some(Frame::Map {
                            start,
                            tag,
                            anchor,
                            first,
                            build,
                            ..
                        }) => {
                            let pairs: Vec<Pair> = self.open_pairs.drain(first..).collect();
                            // Only PyYAML's own mapping constructor applies merge keys.
                            let constructs = build == Build::Built
                                && tag.as_deref().is_none_or(|t| t.name.starts_with("!!"));
                            let mut pairs = if constructs {
                                apply_merges(pairs)?
                            } else {
                                pairs
                            };
                            mark_overridden(&mut pairs);
                            self.finish_collection(
                                start,
                                end,
                                tag,
                                (anchor, build),
                                NodeKind::Map(pairs.into_boxed_slice()),
                            )
                        }
                        None => continue,
                    };
                    self.complete(node)?;
                }
                Event::StreamStart | Event::StreamEnd | Event::DocumentEnd | Event::Nothing => {}
            }
        }
        Ok(())
    }

    fn finish_collection(
        &mut self,
        start: u32,
        end: u32,
        tag: Option<Box<Tag>>,
        (anchor, build): (usize, Build),
        kind: NodeKind,
    ) -> Node {
        // A flow collection ends at its closing bracket; a block one at its last
        // child (the parser's end event sits on the next token, past any comments).
        let end = if self.is_flow_collection(start, tag.as_deref()) {
            end
        } else {
            kind.block_end().unwrap_or(start)
        };
        let node = Node {
            span: Span::new(start, end.max(start)),
            tag,
            kind,
        };
        if anchor != 0 {
            self.uses_anchors = true;
            let count = node.count();
            self.anchors.insert(anchor, (node.clone(), count, build));
        }
        node
    }

    fn complete(&mut self, node: Node) -> Result<(), YamlProblem> {
        let as_key = matches!(self.stack.last(), Some(Frame::Map { key: None, .. }));
        // PyYAML's `flatten_mapping` reads a merge value's structure and never
        // constructs it by its tag (`<<: !!map []` merges nothing and loads).
        let merge_source = matches!(node.kind, NodeKind::Seq(_) | NodeKind::Map(_))
            && matches!(self.stack.last(), Some(Frame::Map { key: Some(k), .. }) if is_merge_key(k));
        if self.child_build() == Build::Built && !merge_source {
            super::construct::check(&node, as_key)?;
        }
        match self.stack.last_mut() {
            None => {
                if self.root.is_none() {
                    self.root = Some(node);
                }
            }
            Some(Frame::Seq { .. }) => self.open_items.push(node),
            Some(Frame::Map { key, .. }) => match key.take() {
                None => *key = Some(node),
                Some(k) => self.open_pairs.push(Pair {
                    key: k,
                    value: node,
                    merged: false,
                    overridden: false,
                }),
            },
        }
        Ok(())
    }

    /// How PyYAML treats the node that completes next in the innermost open collection.
    fn child_build(&self) -> Build {
        match self.stack.last() {
            None => Build::Built,
            Some(Frame::Seq {
                tag, build, first, ..
            }) => build.child(
                tag.as_deref().map(|t| &*t.name),
                Some(self.open_items.len() - first),
            ),
            Some(Frame::Map { tag, build, .. }) => {
                build.child(tag.as_deref().map(|t| &*t.name), None)
            }
        }
    }
}
