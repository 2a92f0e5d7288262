//! Where each value of a RON file stands: a small scanner that keeps byte spans.
//!
//! `ron` reports where a syntax error is but not where a value came from, and the validate
//! stage needs a location for every id, reference and date it rejects. This scanner reads
//! text that `ron` has already accepted and records the span of every value, struct field
//! and list item, so each top-level item can be handed to `ron` on its own and each problem
//! can point at the offending text.

use std::ops::Range;

/// A byte range in one file's text.
pub type ByteRange = Range<usize>;

/// A RON value with the byte span of its text.
#[derive(Debug, Clone, PartialEq)]
pub enum SpanValue {
    /// `Name(field: value, ...)` or `(field: value, ...)`.
    Struct {
        /// The struct or variant name and its span, if written.
        name: Option<(String, ByteRange)>,
        /// The fields in file order.
        fields: Vec<SpanField>,
        /// The whole value.
        span: ByteRange,
    },
    /// `Name(value, ...)`, `(value, ...)` or `()`.
    Tuple {
        /// The name and its span, if written.
        name: Option<(String, ByteRange)>,
        /// The items in file order.
        items: Vec<SpanValue>,
        /// The whole value.
        span: ByteRange,
    },
    /// `[value, ...]`.
    List {
        /// The items in file order.
        items: Vec<SpanValue>,
        /// The whole value.
        span: ByteRange,
    },
    /// `{key: value, ...}`.
    Map {
        /// The whole value.
        span: ByteRange,
    },
    /// A string, number, character, boolean or bare identifier.
    Scalar {
        /// The whole value.
        span: ByteRange,
    },
    /// A value whose text was checked but whose parts were not recorded: the items of a
    /// graph file, scanned again with [`scan_at`] only when a problem needs a location.
    Unscanned {
        /// The whole value.
        span: ByteRange,
    },
}

/// One `name: value` field of a struct.
#[derive(Debug, Clone, PartialEq)]
pub struct SpanField {
    /// The field name.
    pub name: String,
    /// Where the field name stands.
    pub name_span: ByteRange,
    /// The value.
    pub value: SpanValue,
}

impl SpanValue {
    /// The span of the whole value.
    pub fn span(&self) -> ByteRange {
        match self {
            SpanValue::Struct { span, .. }
            | SpanValue::Tuple { span, .. }
            | SpanValue::List { span, .. }
            | SpanValue::Map { span }
            | SpanValue::Scalar { span }
            | SpanValue::Unscanned { span } => span.clone(),
        }
    }

    /// The struct or variant name, if one is written.
    pub fn name(&self) -> Option<(&str, ByteRange)> {
        match self {
            SpanValue::Struct { name, .. } | SpanValue::Tuple { name, .. } => name
                .as_ref()
                .map(|(text, span)| (text.as_str(), span.clone())),
            _ => None,
        }
    }

    /// The fields of a struct; a newtype such as `Country((id: ..))` is looked through.
    pub fn fields(&self) -> &[SpanField] {
        match self {
            SpanValue::Struct { fields, .. } => fields,
            SpanValue::Tuple { items, .. } if items.len() == 1 => items[0].fields(),
            _ => &[],
        }
    }

    /// The value of the named field, if present.
    pub fn field(&self, name: &str) -> Option<&SpanValue> {
        self.fields()
            .iter()
            .find(|field| field.name == name)
            .map(|field| &field.value)
    }

    /// The items of a list (or of `Some([..])`), empty for anything else.
    pub fn items(&self) -> &[SpanValue] {
        match self {
            SpanValue::List { items, .. } => items,
            SpanValue::Tuple { items, .. } if items.len() == 1 => items[0].items(),
            _ => &[],
        }
    }
}

/// Why the scanner stopped; only reached on text `ron` did not check first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScanError {
    /// Byte offset of the problem.
    pub offset: usize,
    /// What was expected there.
    pub message: String,
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
/// one from what looks like the start of an item halfway through (see `Ahead`).
pub fn scan_outline(text: &str) -> Result<SpanValue, ScanError> {
    let guess = (text.len() >= SPLIT_SCAN_BYTES)
        .then(|| item_start_near(text.as_bytes(), text.len() / 2))
        .flatten();
    match guess {
        Some(at) => scan_outline_split(text, at),
        None => scan_document(text, 2),
    }
}

/// Texts at least this long are scanned by two threads.
pub const SPLIT_SCAN_BYTES: usize = 4 << 20;

/// What looks like the start of a top-level list item at or after `from`: a line that
/// holds, after its indentation, a capitalised name and `(`, as every item of a graph
/// file written one per line does. Only a guess: see [`Ahead`].
fn item_start_near(text: &[u8], from: usize) -> Option<usize> {
    let limit = (from + (1 << 20)).min(text.len());
    let mut at = from;
    while at < limit {
        let newline = at
            + text
                .get(at..limit)?
                .iter()
                .position(|&byte| byte == b'\n')?;
        let line = newline + 1;
        let start = line
            + text[line..]
                .iter()
                .take_while(|byte| matches!(byte, b' ' | b'\t'))
                .count();
        let name = text[start..]
            .iter()
            .take_while(|byte| byte.is_ascii_alphanumeric() || **byte == b'_')
            .count();
        let capitalised = text.get(start).is_some_and(u8::is_ascii_uppercase);
        if capitalised && text.get(start + name) == Some(&b'(') {
            return Some(start);
        }
        at = line;
    }
    None
}

/// [`scan_outline`] with a second thread scanning list items from `guess` on.
fn scan_outline_split(text: &str, guess: usize) -> Result<SpanValue, ScanError> {
    std::thread::scope(|scope| {
        let worker = scope.spawn(move || items_from(text.as_bytes(), guess));
        let mut joined = Some(worker);
        let mut join = move || {
            joined
                .take()?
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
        };
        let mut scanner = Scanner {
            text: text.as_bytes(),
            pos: 0,
            depth: 0,
            record_depth: 2,
            ahead: Some(Ahead {
                at: guess,
                join: &mut join,
            }),
        };
        scanner.document()
    })
}

/// The items of a top-level list from `start` to its `]`, and the offset after it; `None`
/// where the text does not read as such (the guess was not an item start).
fn items_from(text: &[u8], start: usize) -> Option<(Vec<SpanValue>, usize)> {
    let mut scanner = Scanner {
        text,
        pos: start,
        // A top-level list's items are scanned at this depth (see `Scanner::top_list`).
        depth: 2,
        record_depth: 2,
        ahead: None,
    };
    let mut items = Vec::new();
    loop {
        items.push(scanner.value().ok()?);
        scanner.skip_trivia().ok()?;
        if !scanner.eat(b',') {
            scanner.skip_trivia().ok()?;
            return scanner.eat(b']').then_some((items, scanner.pos));
        }
        scanner.skip_trivia().ok()?;
        if scanner.eat(b']') {
            return Some((items, scanner.pos));
        }
    }
}

/// The second thread's scan, waiting at `at`. Whether a byte starts an item depends on
/// all the text before it (it could be inside a string or a comment), so the second
/// thread's scan is used only if the first thread, scanning from the start, arrives at
/// `at` exactly where an item of a top-level list begins: from there the two scans are
/// the same work on the same bytes, so the result is the same. Otherwise the first
/// thread scans on by itself and the guess costs nothing but the second core's time.
struct Ahead<'j> {
    at: usize,
    join: &'j mut dyn FnMut() -> Option<(Vec<SpanValue>, usize)>,
}

/// Scans the value that starts at byte `start` of `text`, with every part recorded; spans
/// are offsets into the whole `text`.
pub fn scan_at(text: &str, start: usize) -> Result<SpanValue, ScanError> {
    let mut scanner = Scanner {
        text: text.as_bytes(),
        pos: start,
        depth: 0,
        record_depth: usize::MAX,
        ahead: None,
    };
    scanner.value()
}

fn scan_document(text: &str, record_depth: usize) -> Result<SpanValue, ScanError> {
    let mut scanner = Scanner {
        text: text.as_bytes(),
        pos: 0,
        depth: 0,
        record_depth,
        ahead: None,
    };
    scanner.document()
}

struct Scanner<'t> {
    text: &'t [u8],
    pos: usize,
    depth: usize,
    /// Values nested deeper than this are checked but not recorded.
    record_depth: usize,
    /// Another thread's scan of the rest of a top-level list, if one was started.
    ahead: Option<Ahead<'t>>,
}

impl Scanner<'_> {
    /// The whole text: one value, with trivia and attributes around it.
    fn document(&mut self) -> Result<SpanValue, ScanError> {
        self.skip_trivia()?;
        self.skip_attributes()?;
        let value = self.value()?;
        self.skip_trivia()?;
        if self.pos < self.text.len() {
            return Err(self.error("end of file after the top-level value"));
        }
        Ok(value)
    }

    /// The items of a top-level list after its `[`, taking over the other thread's scan
    /// if this one reaches the item it started from (see [`Ahead`]).
    fn top_list(&mut self) -> Result<Vec<SpanValue>, ScanError> {
        let mut items = Vec::new();
        loop {
            self.skip_trivia()?;
            if self.eat(b']') {
                return Ok(items);
            }
            if self
                .ahead
                .as_ref()
                .is_some_and(|ahead| ahead.at == self.pos)
            {
                let ahead = self.ahead.take().and_then(|ahead| (ahead.join)());
                if let Some((rest, after)) = ahead {
                    items.extend(rest);
                    self.pos = after;
                    return Ok(items);
                }
            }
            items.push(self.value()?);
            self.skip_trivia()?;
            if !self.eat(b',') {
                self.skip_trivia()?;
                if self.eat(b']') {
                    return Ok(items);
                }
                return Err(self.error("`,` or `]`"));
            }
        }
    }

    fn error(&self, expected: &str) -> ScanError {
        ScanError {
            offset: self.pos.min(self.text.len()),
            message: format!("expected {expected}"),
        }
    }

    fn peek(&self) -> Option<u8> {
        self.text.get(self.pos).copied()
    }

    fn peek_at(&self, ahead: usize) -> Option<u8> {
        self.text.get(self.pos + ahead).copied()
    }

    fn eat(&mut self, byte: u8) -> bool {
        if self.peek() == Some(byte) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    fn expect(&mut self, byte: u8) -> Result<(), ScanError> {
        if self.eat(byte) {
            Ok(())
        } else {
            Err(self.error(&format!("`{}`", byte as char)))
        }
    }

    fn skip_trivia(&mut self) -> Result<(), ScanError> {
        loop {
            match (self.peek(), self.peek_at(1)) {
                (Some(b), _) if b.is_ascii_whitespace() => self.pos += 1,
                (Some(b'/'), Some(b'/')) => {
                    while !matches!(self.peek(), None | Some(b'\n')) {
                        self.pos += 1;
                    }
                }
                (Some(b'/'), Some(b'*')) => self.skip_block_comment()?,
                _ => return Ok(()),
            }
        }
    }

    fn skip_block_comment(&mut self) -> Result<(), ScanError> {
        let mut open = 0usize;
        loop {
            match (self.peek(), self.peek_at(1)) {
                (Some(b'/'), Some(b'*')) => {
                    open += 1;
                    self.pos += 2;
                }
                (Some(b'*'), Some(b'/')) => {
                    open -= 1;
                    self.pos += 2;
                    if open == 0 {
                        return Ok(());
                    }
                }
                (Some(_), _) => self.pos += 1,
                (None, _) => return Err(self.error("`*/` to close the comment")),
            }
        }
    }

    /// Skips `#![enable(...)]` lines before the value.
    fn skip_attributes(&mut self) -> Result<(), ScanError> {
        while self.peek() == Some(b'#') {
            self.pos += 1;
            self.expect(b'!')?;
            self.expect(b'[')?;
            let mut open = 1usize;
            while open > 0 {
                match self.peek() {
                    Some(b'[') => open += 1,
                    Some(b']') => open -= 1,
                    Some(_) => {}
                    None => return Err(self.error("`]` to close the attribute")),
                }
                self.pos += 1;
            }
            self.skip_trivia()?;
        }
        Ok(())
    }

    fn value(&mut self) -> Result<SpanValue, ScanError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(self.error(&format!("at most {MAX_DEPTH} levels of nesting")));
        }
        let value = if self.depth > self.record_depth {
            let start = self.pos;
            self.skip_value().map(|()| SpanValue::Unscanned {
                span: start..self.pos,
            })
        } else {
            self.value_inner()
        };
        self.depth -= 1;
        value
    }

    /// Checks a value as [`Scanner::value_inner`] does, recording nothing.
    fn skip_nested(&mut self) -> Result<(), ScanError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(self.error(&format!("at most {MAX_DEPTH} levels of nesting")));
        }
        let skipped = self.skip_value();
        self.depth -= 1;
        skipped
    }

    fn skip_value(&mut self) -> Result<(), ScanError> {
        match self.peek() {
            Some(b'"') => self.string(),
            Some(b'\'') => self.char_literal(),
            Some(b'[') => {
                self.pos += 1;
                self.separated(b']', Self::skip_nested).map(drop)
            }
            Some(b'{') => {
                self.pos += 1;
                self.separated(b'}', |scanner| {
                    scanner.skip_nested()?;
                    scanner.skip_trivia()?;
                    scanner.expect(b':')?;
                    scanner.skip_trivia()?;
                    scanner.skip_nested()
                })
                .map(drop)
            }
            Some(b'(') => self.skip_parenthesised(),
            Some(b'b') if self.peek_at(1) == Some(b'"') => {
                self.pos += 1;
                self.string()
            }
            Some(b'r') | Some(b'b') if self.raw_string_ahead() => self.raw_string(),
            Some(b) if is_ident_start(b) => {
                self.skip_identifier();
                self.skip_trivia()?;
                if self.peek() == Some(b'(') {
                    self.skip_parenthesised()?;
                }
                Ok(())
            }
            Some(b) if b.is_ascii_digit() || matches!(b, b'-' | b'+' | b'.') => {
                self.number();
                Ok(())
            }
            _ => Err(self.error("a value")),
        }
    }

    fn skip_parenthesised(&mut self) -> Result<(), ScanError> {
        self.expect(b'(')?;
        self.skip_trivia()?;
        if self.field_ahead() {
            self.separated(b')', |scanner| {
                scanner.skip_identifier();
                scanner.skip_trivia()?;
                scanner.expect(b':')?;
                scanner.skip_trivia()?;
                scanner.skip_nested()
            })
            .map(drop)
        } else {
            self.separated(b')', Self::skip_nested).map(drop)
        }
    }

    fn number(&mut self) {
        while self
            .peek()
            .is_some_and(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.' | b'+' | b'-'))
        {
            self.pos += 1;
        }
    }

    fn value_inner(&mut self) -> Result<SpanValue, ScanError> {
        let start = self.pos;
        match self.peek() {
            Some(b'"') => {
                self.string()?;
                Ok(SpanValue::Scalar {
                    span: start..self.pos,
                })
            }
            Some(b'\'') => {
                self.char_literal()?;
                Ok(SpanValue::Scalar {
                    span: start..self.pos,
                })
            }
            Some(b'[') => self.list(),
            Some(b'{') => self.map(),
            Some(b'(') => self.parenthesised(None, start),
            Some(b'b') if self.peek_at(1) == Some(b'"') => {
                self.pos += 1;
                self.string()?;
                Ok(SpanValue::Scalar {
                    span: start..self.pos,
                })
            }
            Some(b'r') | Some(b'b') if self.raw_string_ahead() => {
                self.raw_string()?;
                Ok(SpanValue::Scalar {
                    span: start..self.pos,
                })
            }
            Some(b) if is_ident_start(b) => {
                let name = self.identifier();
                let name_span = start..self.pos;
                self.skip_trivia()?;
                if self.peek() == Some(b'(') {
                    self.parenthesised(Some((name, name_span)), start)
                } else {
                    Ok(SpanValue::Scalar { span: name_span })
                }
            }
            Some(b) if b.is_ascii_digit() || matches!(b, b'-' | b'+' | b'.') => {
                self.number();
                Ok(SpanValue::Scalar {
                    span: start..self.pos,
                })
            }
            _ => Err(self.error("a value")),
        }
    }

    fn skip_identifier(&mut self) {
        if self.peek() == Some(b'r') && self.peek_at(1) == Some(b'#') {
            self.pos += 2;
        }
        while self.peek().is_some_and(is_ident_continue) {
            self.pos += 1;
        }
    }

    fn identifier(&mut self) -> String {
        let start = self.pos;
        self.skip_identifier();
        String::from_utf8_lossy(&self.text[start..self.pos])
            .trim_start_matches("r#")
            .to_owned()
    }

    fn string(&mut self) -> Result<(), ScanError> {
        self.expect(b'"')?;
        loop {
            match self.peek() {
                Some(b'\\') => self.pos += 2,
                Some(b'"') => {
                    self.pos += 1;
                    return Ok(());
                }
                Some(_) => self.pos += 1,
                None => return Err(self.error("`\"` to close the string")),
            }
        }
    }

    fn char_literal(&mut self) -> Result<(), ScanError> {
        self.expect(b'\'')?;
        loop {
            match self.peek() {
                Some(b'\\') => self.pos += 2,
                Some(b'\'') => {
                    self.pos += 1;
                    return Ok(());
                }
                Some(_) => self.pos += 1,
                None => return Err(self.error("`'` to close the character")),
            }
        }
    }

    fn raw_string_ahead(&self) -> bool {
        let mut ahead = 0;
        if self.peek_at(ahead) == Some(b'b') {
            ahead += 1;
        }
        if self.peek_at(ahead) != Some(b'r') {
            return false;
        }
        ahead += 1;
        while self.peek_at(ahead) == Some(b'#') {
            ahead += 1;
        }
        self.peek_at(ahead) == Some(b'"')
    }

    fn raw_string(&mut self) -> Result<(), ScanError> {
        self.eat(b'b');
        self.expect(b'r')?;
        let mut hashes = 0;
        while self.eat(b'#') {
            hashes += 1;
        }
        self.expect(b'"')?;
        loop {
            match self.peek() {
                Some(b'"') => {
                    self.pos += 1;
                    let closing = (0..hashes).all(|i| self.peek_at(i) == Some(b'#'));
                    if closing {
                        self.pos += hashes;
                        return Ok(());
                    }
                }
                Some(_) => self.pos += 1,
                None => return Err(self.error("the end of the raw string")),
            }
        }
    }

    /// Items separated by commas up to `close`, with an optional trailing comma.
    fn separated<T>(
        &mut self,
        close: u8,
        mut item: impl FnMut(&mut Self) -> Result<T, ScanError>,
    ) -> Result<Vec<T>, ScanError> {
        let mut items = Vec::new();
        loop {
            self.skip_trivia()?;
            if self.eat(close) {
                return Ok(items);
            }
            items.push(item(self)?);
            self.skip_trivia()?;
            if !self.eat(b',') {
                self.skip_trivia()?;
                if self.eat(close) {
                    return Ok(items);
                }
                return Err(self.error(&format!("`,` or `{}`", close as char)));
            }
        }
    }

    fn list(&mut self) -> Result<SpanValue, ScanError> {
        let start = self.pos;
        self.expect(b'[')?;
        // A list that is a field of the top-level value is at depth 2.
        let items = if self.ahead.is_some() && self.depth == 2 {
            self.top_list()?
        } else {
            self.separated(b']', Self::value)?
        };
        Ok(SpanValue::List {
            items,
            span: start..self.pos,
        })
    }

    fn map(&mut self) -> Result<SpanValue, ScanError> {
        let start = self.pos;
        self.expect(b'{')?;
        self.separated(b'}', |scanner| {
            scanner.value()?;
            scanner.skip_trivia()?;
            scanner.expect(b':')?;
            scanner.skip_trivia()?;
            scanner.value()
        })?;
        Ok(SpanValue::Map {
            span: start..self.pos,
        })
    }

    /// After an optional name: `(field: value, ..)` or `(value, ..)`.
    fn parenthesised(
        &mut self,
        name: Option<(String, ByteRange)>,
        start: usize,
    ) -> Result<SpanValue, ScanError> {
        self.expect(b'(')?;
        self.skip_trivia()?;
        if self.field_ahead() {
            let fields = self.separated(b')', |scanner| {
                let name_start = scanner.pos;
                let name = scanner.identifier();
                let name_span = name_start..scanner.pos;
                scanner.skip_trivia()?;
                scanner.expect(b':')?;
                scanner.skip_trivia()?;
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
                span: start..self.pos,
            })
        } else {
            let items = self.separated(b')', Self::value)?;
            Ok(SpanValue::Tuple {
                name,
                items,
                span: start..self.pos,
            })
        }
    }

    /// Whether an identifier followed by a single `:` comes next.
    fn field_ahead(&self) -> bool {
        let mut probe = Scanner {
            text: self.text,
            pos: self.pos,
            depth: self.depth,
            record_depth: self.record_depth,
            ahead: None,
        };
        if !probe.peek().is_some_and(is_ident_start) {
            return false;
        }
        probe.skip_identifier();
        if probe.skip_trivia().is_err() {
            return false;
        }
        probe.peek() == Some(b':') && probe.peek_at(1) != Some(b':')
    }
}

fn is_ident_start(byte: u8) -> bool {
    byte.is_ascii_alphabetic() || byte == b'_'
}

fn is_ident_continue(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || byte == b'_'
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

#[cfg(test)]
mod split_scan {
    use super::*;

    /// A graph text with the things a guessed item start can land in: a string and a
    /// comment that look like items, nested values, a trailing comma.
    fn text(items: usize, broken: Option<usize>) -> String {
        let mut text = String::from("// A graph.\nGraph(\n    sources: [\n        Source(id: \"s\", publisher: \"p\"),\n    ],\n    edges: [\n");
        for i in 0..items {
            let item = match i % 4 {
                0 => format!("        Action(kind: Sanction, from: \"a{i}\", to: \"b\", date: \"2020\", sources: [\"s\"]),\n"),
                1 => format!("        Relation(kind: Owns, from: \"a{i}\", to: \"b\", notes: \"x\\n        Action(kind: Lift)\", sources: [\"s\"]),\n"),
                2 => format!("        /* a comment\n        Action(kind: Ease),\n        */ Action(kind: Ease, from: \"a{i}\", to: \"b\", date: \"2021\", sources: [\"s\", \"t\"]),\n"),
                _ => format!("        Relation(kind: PartOf, from: \"a{i}\", to: \"b\", sources: [\n            \"s\",\n        ]),\n"),
            };
            if broken == Some(i) {
                text.push_str(&item.replacen("to:", "to", 1));
            } else {
                text.push_str(&item);
            }
        }
        text.push_str("    ],\n    nodes: [],\n)\n");
        text
    }

    #[test]
    fn a_split_scan_gives_what_one_scan_gives_wherever_the_guess_lands() {
        for broken in [None, Some(3), Some(37)] {
            let text = text(48, broken);
            let alone = scan_document(&text, 2);
            for guess in 0..=text.len() {
                assert_eq!(
                    scan_outline_split(&text, guess),
                    alone,
                    "guess at {guess}, broken item {broken:?}"
                );
            }
        }
    }

    #[test]
    fn the_guess_is_a_line_that_starts_with_a_name_and_a_parenthesis() {
        let text = text(48, None);
        let guess = item_start_near(text.as_bytes(), text.len() / 2).expect("a guess");
        let line = &text[guess..];
        assert!(
            line.starts_with("Action(") || line.starts_with("Relation("),
            "{line}"
        );
    }
}
