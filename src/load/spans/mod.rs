//! Where each value of a RON file stands: a small scanner that keeps byte spans.
//!
//! `ron` reports where a syntax error is but not where a value came from, and the validate
//! stage needs a location for every id, reference and date it rejects. This scanner reads
//! text that `ron` has already accepted and records the span of every value, struct field
//! and list item, so each top-level item can be handed to `ron` on its own and each problem
//! can point at the offending text.

mod split;
mod value;

use super::lex::{Cursor, LexError};
pub use split::SPLIT_SCAN_BYTES;
pub use value::{ByteRange, SpanField, SpanValue};

/// Why the scanner stopped; only reached on text `ron` did not check first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScanError {
    /// Byte offset of the problem.
    pub offset: usize,
    /// What was expected there.
    pub message: String,
}

impl From<LexError> for ScanError {
    fn from(error: LexError) -> ScanError {
        ScanError {
            offset: error.offset,
            message: format!("expected {}", error.expected),
        }
    }
}

/// Nesting deeper than this is refused rather than risking the stack.
const MAX_DEPTH: usize = 256;

/// Scans one RON document and returns its top-level value.
pub fn scan(text: &str) -> Result<SpanValue, ScanError> {
    scan_document(text, usize::MAX)
}

/// Scans one RON document, recording values only down to the items of the top-level
/// lists: those are checked as thoroughly but returned as [`SpanValue::Unscanned`], so a
/// file of a million items costs no allocation per item.
///
/// A text of [`SPLIT_SCAN_BYTES`] or more is scanned by two threads: one from the start,
/// one from what looks like the start of an item halfway through (see `split`).
pub fn scan_outline(text: &str) -> Result<SpanValue, ScanError> {
    split::scan_outline(text).unwrap_or_else(|| scan_document(text, 2))
}

/// Scans the value that starts at byte `start` of `text`, with every part recorded; spans
/// are offsets into the whole `text`.
pub fn scan_at(text: &str, start: usize) -> Result<SpanValue, ScanError> {
    Scanner::new(text.as_bytes(), start, 0, usize::MAX).value()
}

fn scan_document(text: &str, record_depth: usize) -> Result<SpanValue, ScanError> {
    Scanner::new(text.as_bytes(), 0, 0, record_depth).document()
}

/// The scanner: values read from the lexer's tokens, recorded down to `record_depth`.
struct Scanner<'t> {
    lex: Cursor<'t>,
    depth: usize,
    /// Values nested deeper than this are checked but not recorded.
    record_depth: usize,
    /// Another thread's scan of the rest of a top-level list, if one was started.
    ahead: Option<split::Ahead<'t>>,
}

impl<'t> Scanner<'t> {
    fn new(text: &'t [u8], pos: usize, depth: usize, record_depth: usize) -> Scanner<'t> {
        Scanner {
            lex: Cursor::new(text, pos),
            depth,
            record_depth,
            ahead: None,
        }
    }

    /// The whole text: one value, with trivia and attributes around it.
    fn document(&mut self) -> Result<SpanValue, ScanError> {
        self.lex.skip_trivia()?;
        self.lex.skip_attributes()?;
        let value = self.value()?;
        self.lex.skip_trivia()?;
        if !self.lex.at_end() {
            return Err(self.error("end of file after the top-level value"));
        }
        Ok(value)
    }

    fn error(&self, expected: &str) -> ScanError {
        ScanError {
            offset: self.lex.pos.min(self.lex.text().len()),
            message: format!("expected {expected}"),
        }
    }

    fn expect(&mut self, byte: u8) -> Result<(), ScanError> {
        if self.lex.eat(byte) {
            Ok(())
        } else {
            Err(self.error(&format!("`{}`", byte as char)))
        }
    }

    /// Goes one level deeper for `inside`, refusing to pass [`MAX_DEPTH`].
    fn nested<T>(
        &mut self,
        inside: impl FnOnce(&mut Self) -> Result<T, ScanError>,
    ) -> Result<T, ScanError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(self.error(&format!("at most {MAX_DEPTH} levels of nesting")));
        }
        let value = inside(self);
        self.depth -= 1;
        value
    }

    fn value(&mut self) -> Result<SpanValue, ScanError> {
        self.nested(|scanner| {
            if scanner.depth > scanner.record_depth {
                let start = scanner.lex.pos;
                scanner.skip_value().map(|()| SpanValue::Unscanned {
                    span: start..scanner.lex.pos,
                })
            } else {
                scanner.value_inner()
            }
        })
    }

    /// Checks a value as [`Scanner::value_inner`] does, recording nothing.
    fn skip_nested(&mut self) -> Result<(), ScanError> {
        self.nested(Self::skip_value)
    }

    /// Steps over a scalar token (string, character, byte or raw string, number), or
    /// returns `false` when none starts here.
    fn scalar(&mut self) -> Result<bool, ScanError> {
        match self.lex.peek() {
            Some(quote @ (b'"' | b'\'')) => {
                self.lex.quoted(quote)?;
            }
            Some(b'b') if self.lex.peek_at(1) == Some(b'"') => {
                self.lex.pos += 1;
                self.lex.quoted(b'"')?;
            }
            Some(b'r' | b'b') if self.lex.raw_string_ahead() => self.lex.raw_string()?,
            _ if self.lex.number_ahead() => self.lex.number(),
            _ => return Ok(false),
        }
        Ok(true)
    }

    fn skip_value(&mut self) -> Result<(), ScanError> {
        match self.lex.peek() {
            Some(b'[') => {
                self.lex.pos += 1;
                self.separated(b']', Self::skip_nested).map(drop)
            }
            Some(b'{') => {
                self.lex.pos += 1;
                self.separated(b'}', |scanner| {
                    scanner.skip_nested()?;
                    scanner.colon()?;
                    scanner.skip_nested()
                })
                .map(drop)
            }
            Some(b'(') => self.skip_parenthesised(),
            _ if self.scalar()? => Ok(()),
            _ if self.lex.ident_ahead() => {
                self.lex.identifier();
                self.lex.skip_trivia()?;
                if self.lex.peek() == Some(b'(') {
                    self.skip_parenthesised()?;
                }
                Ok(())
            }
            _ => Err(self.error("a value")),
        }
    }

    /// The `:` between a key and its value, with the trivia around it.
    fn colon(&mut self) -> Result<(), ScanError> {
        self.lex.skip_trivia()?;
        self.expect(b':')?;
        self.lex.skip_trivia()?;
        Ok(())
    }

    fn skip_parenthesised(&mut self) -> Result<(), ScanError> {
        self.expect(b'(')?;
        self.lex.skip_trivia()?;
        if self.lex.field_ahead() {
            self.separated(b')', |scanner| {
                scanner.lex.identifier();
                scanner.colon()?;
                scanner.skip_nested()
            })
            .map(drop)
        } else {
            self.separated(b')', Self::skip_nested).map(drop)
        }
    }

    fn value_inner(&mut self) -> Result<SpanValue, ScanError> {
        let start = self.lex.pos;
        match self.lex.peek() {
            Some(b'[') => self.list(),
            Some(b'{') => self.map(),
            Some(b'(') => self.parenthesised(None, start),
            _ if self.scalar()? => Ok(SpanValue::Scalar {
                span: start..self.lex.pos,
            }),
            _ if self.lex.ident_ahead() => {
                let name = self.identifier();
                let name_span = start..self.lex.pos;
                self.lex.skip_trivia()?;
                if self.lex.peek() == Some(b'(') {
                    self.parenthesised(Some((name, name_span)), start)
                } else {
                    Ok(SpanValue::Scalar { span: name_span })
                }
            }
            _ => Err(self.error("a value")),
        }
    }

    fn identifier(&mut self) -> String {
        let span = self.lex.identifier();
        String::from_utf8_lossy(&self.lex.text()[span])
            .trim_start_matches("r#")
            .to_owned()
    }

    /// Items separated by commas up to `close`, with an optional trailing comma.
    fn separated<T>(
        &mut self,
        close: u8,
        mut item: impl FnMut(&mut Self) -> Result<T, ScanError>,
    ) -> Result<Vec<T>, ScanError> {
        let mut items = Vec::new();
        loop {
            self.lex.skip_trivia()?;
            if self.lex.eat(close) {
                return Ok(items);
            }
            items.push(item(self)?);
            self.lex.skip_trivia()?;
            if !self.lex.eat(b',') {
                self.lex.skip_trivia()?;
                if self.lex.eat(close) {
                    return Ok(items);
                }
                return Err(self.error(&format!("`,` or `{}`", close as char)));
            }
        }
    }

    fn list(&mut self) -> Result<SpanValue, ScanError> {
        let start = self.lex.pos;
        self.expect(b'[')?;
        // A list that is a field of the top-level value is at depth 2.
        let items = if self.ahead.is_some() && self.depth == 2 {
            self.top_list()?
        } else {
            self.separated(b']', Self::value)?
        };
        Ok(SpanValue::List {
            items,
            span: start..self.lex.pos,
        })
    }

    fn map(&mut self) -> Result<SpanValue, ScanError> {
        let start = self.lex.pos;
        self.expect(b'{')?;
        self.separated(b'}', |scanner| {
            scanner.value()?;
            scanner.colon()?;
            scanner.value()
        })?;
        Ok(SpanValue::Map {
            span: start..self.lex.pos,
        })
    }

    /// After an optional name: `(field: value, ..)` or `(value, ..)`.
    fn parenthesised(
        &mut self,
        name: Option<(String, ByteRange)>,
        start: usize,
    ) -> Result<SpanValue, ScanError> {
        self.expect(b'(')?;
        self.lex.skip_trivia()?;
        if self.lex.field_ahead() {
            let fields = self.separated(b')', |scanner| {
                let name_start = scanner.lex.pos;
                let name = scanner.identifier();
                let name_span = name_start..scanner.lex.pos;
                scanner.colon()?;
                let value = scanner.value()?;
                Ok(SpanField {
                    name,
                    name_span,
                    value,
                })
            })?;
            Ok(SpanValue::Struct {
                name,
                fields,
                span: start..self.lex.pos,
            })
        } else {
            let items = self.separated(b')', Self::value)?;
            Ok(SpanValue::Tuple {
                name,
                items,
                span: start..self.lex.pos,
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text_of<'t>(text: &'t str, value: &SpanValue) -> &'t str {
        &text[value.span()]
    }

    #[test]
    fn finds_fields_and_list_items() {
        let text = r##"#![enable(implicit_some)]
// a comment
Graph(
    nodes: [
        Country(id: "by", name: "Belarus /* not a comment */"),
        /* nested /* comment */ */ Person(id: r#"x"y"#, name: 'c'),
    ],
    edges: [],
)"##;
        let graph = scan(text).expect("scans");
        assert_eq!(graph.name().map(|(name, _)| name), Some("Graph"));
        let nodes = graph.field("nodes").expect("nodes").items();
        assert_eq!(nodes.len(), 2);
        assert_eq!(text_of(text, nodes[0].field("id").expect("id")), "\"by\"");
        assert_eq!(
            text_of(text, nodes[1].field("id").expect("id")),
            "r#\"x\"y\"#"
        );
        assert!(graph.field("edges").expect("edges").items().is_empty());
    }

    #[test]
    fn tells_tuples_from_structs() {
        let value = scan("(Some(1), a, (x: 1))").expect("scans");
        assert!(matches!(value, SpanValue::Tuple { ref items, .. } if items.len() == 3));
    }

    #[test]
    fn refuses_unclosed_input_without_panicking() {
        for text in ["(", "[1,", "\"abc", "/* x", "#![x", "(a: ", "r#\"x\"", "'"] {
            assert!(scan(text).is_err(), "{text}");
        }
    }

    #[test]
    fn refuses_nesting_past_the_limit() {
        let deep = "[".repeat(MAX_DEPTH + 1) + &"]".repeat(MAX_DEPTH + 1);
        assert!(scan(&deep).is_err());
        assert!(scan_outline(&format!("G(nodes: [{deep}])")).is_err());
    }

    #[test]
    fn the_outline_checks_items_as_the_full_scan_does() {
        let texts = [
            "G(nodes: [A(id: \"a\", x: [1, 2], m: {1: 2}), B(r#\"x\"#, 'c', b\"y\")])",
            "G(nodes: [A(id: \"a\" name: \"b\")])",
            "G(nodes: [A(id: [1, 2)])",
            "G(nodes: [A(id: {1 2})])",
            "G(nodes: [A(id: \"unclosed)])",
            "G(nodes: [A(id: 1,), (x: /* c */ 2)], edges: [])",
        ];
        for text in texts {
            let full = scan(text);
            let outline = scan_outline(text);
            assert_eq!(full.as_ref().err(), outline.as_ref().err(), "{text}");
            let (Ok(full), Ok(outline)) = (full, outline) else {
                continue;
            };
            let nodes = outline.field("nodes").expect("nodes").items();
            for (item, scanned) in nodes
                .iter()
                .zip(full.field("nodes").expect("nodes").items())
            {
                assert!(matches!(item, SpanValue::Unscanned { .. }));
                assert_eq!(item.span(), scanned.span());
                assert_eq!(scan_at(text, item.span().start).as_ref(), Ok(scanned));
            }
        }
    }
}
