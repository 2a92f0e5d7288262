//! A parsed item of a file with where it stands, and an edge found but left to parse.

use std::ops::Range;
use std::sync::OnceLock;

use super::lex;
use super::spans::{self, SpanValue};
use crate::source::{FileId, FileSpan, SourceMap};

/// One parsed item of a file. The spans of its parts are found on first use (only a
/// problem needs them), by scanning the item's text again.
#[derive(Debug, Clone)]
pub struct Item<'t, T> {
    /// The parsed value.
    pub def: T,
    /// The file it is in.
    pub file: FileId,
    /// The whole text of the file.
    text: &'t str,
    /// Where the item stands in the text.
    range: Range<usize>,
    /// The 1-based line the item starts on.
    line: usize,
    /// Boxed: most items are never scanned in full, and a million of them should not
    /// each carry room for the result. A `OnceLock`, so that items can be checked on two
    /// threads.
    spans: OnceLock<Box<SpanValue>>,
}

impl<'t, T> Item<'t, T> {
    /// An item of `file`, written at `range` of its `text`, starting on line `line`.
    pub fn new(
        def: T,
        file: FileId,
        text: &'t str,
        range: Range<usize>,
        line: usize,
    ) -> Item<'t, T> {
        Item {
            def,
            file,
            text,
            range,
            line,
            spans: OnceLock::new(),
        }
    }

    /// The 1-based line the item starts on.
    pub fn line(&self) -> usize {
        self.line
    }

    /// The item's text, with every part's span.
    pub fn spans(&self) -> &SpanValue {
        self.spans.get_or_init(|| {
            // The text was scanned once already, so this does not fail; if it did, the
            // whole item would still be a place to point at.
            Box::new(
                spans::scan_at(self.text, self.range.start).unwrap_or(SpanValue::Scalar {
                    span: self.range.clone(),
                }),
            )
        })
    }

    /// The span of the whole item.
    pub fn span(&self) -> FileSpan {
        FileSpan::new(self.file, self.range.clone())
    }

    /// The span of the item's name (`Action`, `Country`), or of the whole item. Found
    /// without scanning the item: the name is the identifier it starts with.
    pub fn head_span(&self) -> FileSpan {
        let name = lex::ident_len(&self.text.as_bytes()[self.range.clone()]);
        let range = if name > 0 {
            self.range.start..self.range.start + name
        } else {
            self.range.clone()
        };
        FileSpan::new(self.file, range)
    }

    /// The span of a field's value, or the item's name when the field is not written.
    pub fn field_span(&self, field: &str) -> FileSpan {
        match self.spans().field(field) {
            Some(value) => FileSpan::new(self.file, value.span()),
            None => self.head_span(),
        }
    }

    /// The span of the `index`th item of a list field, or of the field itself.
    pub fn list_item_span(&self, field: &str, index: usize) -> FileSpan {
        match self
            .spans()
            .field(field)
            .and_then(|list| list.items().get(index))
        {
            Some(value) => FileSpan::new(self.file, value.span()),
            None => self.field_span(field),
        }
    }
}

/// An item found in a file and left to be parsed where it is checked ([`parse_edge`](super::parse_edge)).
/// Edges are most of a large graph: parsing each one just before it is checked, on the
/// thread that checks it, keeps millions of parsed items out of memory at once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pending {
    /// The file it is in.
    pub file: FileId,
    /// Where it stands in the text.
    pub range: Range<usize>,
    /// The 1-based line it starts on.
    pub line: usize,
}

impl Pending {
    /// The item, not parsed, for pointing at its parts.
    pub fn item<'t>(&self, map: &'t SourceMap) -> Item<'t, ()> {
        let text = &map.file(self.file).text;
        Item::new((), self.file, text, self.range.clone(), self.line)
    }
}
