//! The load stage's one RON lexer: the tokens of a RON text, read byte by byte from a
//! position, for the span scanner (`spans`), the quick item reader (`quick`) and the
//! helpers that find where an item starts or what it is named.
//!
//! It knows tokens, not values: white space and comments, identifiers, strings, raw
//! strings, characters, numbers and `#![...]` attributes. Every RON token starts and ends
//! on an ASCII byte, so the offsets it gives are character boundaries of the text.

/// Why a token could not be read: where the text stopped making sense, and what was
/// expected there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LexError {
    /// Byte offset of the problem, never past the end of the text.
    pub offset: usize,
    /// What was expected, as a phrase: "`]` to close the attribute".
    pub expected: &'static str,
}

/// A position in a RON text and the tokens that follow it.
#[derive(Debug, Clone, Copy)]
pub struct Cursor<'t> {
    text: &'t [u8],
    /// The byte offset of the next token (or of the white space before it).
    pub pos: usize,
}

impl<'t> Cursor<'t> {
    /// A cursor at byte `pos` of `text`.
    pub fn new(text: &'t [u8], pos: usize) -> Cursor<'t> {
        Cursor { text, pos }
    }

    /// The whole text.
    pub fn text(&self) -> &'t [u8] {
        self.text
    }

    /// Whether the whole text has been read.
    pub fn at_end(&self) -> bool {
        self.pos >= self.text.len()
    }

    /// The next byte.
    pub fn peek(&self) -> Option<u8> {
        self.text.get(self.pos).copied()
    }

    /// The byte `ahead` bytes after the next one.
    pub fn peek_at(&self, ahead: usize) -> Option<u8> {
        self.text.get(self.pos + ahead).copied()
    }

    /// Steps over the next byte if it is `byte`.
    pub fn eat(&mut self, byte: u8) -> bool {
        if self.peek() == Some(byte) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    /// An error here, expecting `expected`.
    pub fn error(&self, expected: &'static str) -> LexError {
        LexError {
            offset: self.pos.min(self.text.len()),
            expected,
        }
    }

    /// Steps over white space, not comments.
    pub fn skip_whitespace(&mut self) {
        while self.peek().is_some_and(|byte| byte.is_ascii_whitespace()) {
            self.pos += 1;
        }
    }

    /// Steps over white space and comments (`// ...` and nested `/* ... */`).
    pub fn skip_trivia(&mut self) -> Result<(), LexError> {
        loop {
            self.skip_whitespace();
            match (self.peek(), self.peek_at(1)) {
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

    fn skip_block_comment(&mut self) -> Result<(), LexError> {
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

    /// Steps over `#![enable(...)]` lines and the trivia after them.
    pub fn skip_attributes(&mut self) -> Result<(), LexError> {
        while self.eat(b'#') {
            if !self.eat(b'!') {
                return Err(self.error("`!`"));
            }
            if !self.eat(b'[') {
                return Err(self.error("`[`"));
            }
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

    /// Whether an identifier starts here (raw identifiers `r#name` included).
    pub fn ident_ahead(&self) -> bool {
        self.peek().is_some_and(is_ident_start)
    }

    /// Steps over an identifier, `r#` prefix included, and returns its span.
    pub fn identifier(&mut self) -> std::ops::Range<usize> {
        let start = self.pos;
        if self.peek() == Some(b'r') && self.peek_at(1) == Some(b'#') {
            self.pos += 2;
        }
        while self.peek().is_some_and(is_ident_continue) {
            self.pos += 1;
        }
        start..self.pos
    }

    /// Steps over a plain identifier (ASCII, no `r#`) and returns its span, or `None`
    /// where none starts.
    pub fn plain_identifier(&mut self) -> Option<std::ops::Range<usize>> {
        let start = self.pos;
        let len = ident_len(&self.text[start.min(self.text.len())..]);
        (len > 0).then(|| {
            self.pos += len;
            start..self.pos
        })
    }

    /// Steps over a quoted string or character (`quote` is `"` or `'`), escapes
    /// included, and says whether it held an escape.
    pub fn quoted(&mut self, quote: u8) -> Result<Quoted, LexError> {
        let (opening, closing) = if quote == b'"' {
            ("`\"`", "`\"` to close the string")
        } else {
            ("`'`", "`'` to close the character")
        };
        if !self.eat(quote) {
            return Err(self.error(opening));
        }
        let mut escaped = false;
        // A long string is stepped over a stretch at a time: memchr finds the next quote
        // or backslash far faster than a byte-by-byte loop.
        loop {
            let rest = self.text.get(self.pos..).unwrap_or_default();
            let Some(found) = memchr::memchr2(quote, b'\\', rest) else {
                self.pos = self.text.len();
                return Err(self.error(closing));
            };
            self.pos += found;
            if rest[found] == quote {
                self.pos += 1;
                return Ok(Quoted { escaped });
            }
            escaped = true;
            self.pos += 2;
        }
    }

    /// Whether a raw string (`r"..."`, `r#"..."#`, `br"..."`) starts here.
    pub fn raw_string_ahead(&self) -> bool {
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

    /// Steps over a raw string, which [`Cursor::raw_string_ahead`] found here.
    pub fn raw_string(&mut self) -> Result<(), LexError> {
        self.eat(b'b');
        if !self.eat(b'r') {
            return Err(self.error("`r`"));
        }
        let mut hashes = 0;
        while self.eat(b'#') {
            hashes += 1;
        }
        if !self.eat(b'"') {
            return Err(self.error("`\"`"));
        }
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

    /// Whether a number starts here.
    pub fn number_ahead(&self) -> bool {
        self.peek()
            .is_some_and(|byte| byte.is_ascii_digit() || matches!(byte, b'-' | b'+' | b'.'))
    }

    /// Steps over a number's characters (ron checks its form).
    pub fn number(&mut self) {
        while self.peek().is_some_and(|byte| {
            byte.is_ascii_alphanumeric() || matches!(byte, b'_' | b'.' | b'+' | b'-')
        }) {
            self.pos += 1;
        }
    }

    /// Whether an identifier followed by a single `:` comes next: a struct's field.
    pub fn field_ahead(&self) -> bool {
        let mut probe = *self;
        if !probe.ident_ahead() {
            return false;
        }
        probe.identifier();
        if probe.skip_trivia().is_err() {
            return false;
        }
        probe.peek() == Some(b':') && probe.peek_at(1) != Some(b':')
    }
}

/// What [`Cursor::quoted`] read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Quoted {
    /// Whether the text held a `\` escape.
    pub escaped: bool,
}

/// Whether an identifier may start with `byte`.
pub fn is_ident_start(byte: u8) -> bool {
    byte.is_ascii_alphabetic() || byte == b'_'
}

/// Whether an identifier may go on with `byte`.
pub fn is_ident_continue(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || byte == b'_'
}

/// The length of the identifier `text` starts with, 0 if none does.
pub fn ident_len(text: &[u8]) -> usize {
    if !text.first().copied().is_some_and(is_ident_start) {
        return 0;
    }
    text.iter()
        .take_while(|byte| is_ident_continue(**byte))
        .count()
}

/// What looks like the start of an item of a top-level list at or after `from`, within
/// 1 MiB: a line that holds, after its indentation, a capitalised name and `(`, as every
/// item of a graph file written one per line does. Only a guess: the line could be inside
/// a string or a comment, which only a scan from the start can tell.
pub fn item_start_near(text: &[u8], from: usize) -> Option<usize> {
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
        let name = ident_len(&text[start..]);
        let capitalised = text.get(start).is_some_and(u8::is_ascii_uppercase);
        if capitalised && text.get(start + name) == Some(&b'(') {
            return Some(start);
        }
        at = line;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cursor(text: &str) -> Cursor<'_> {
        Cursor::new(text.as_bytes(), 0)
    }

    #[test]
    fn trivia_takes_nested_comments_and_stops_at_a_token() {
        let mut lex = cursor(" // line\n /* a /* b */ c */ x");
        assert_eq!(lex.skip_trivia(), Ok(()));
        assert_eq!(lex.peek(), Some(b'x'));
        let mut open = cursor("/* a /* b */");
        assert_eq!(
            open.skip_trivia().map_err(|error| error.expected),
            Err("`*/` to close the comment")
        );
    }

    #[test]
    fn strings_say_whether_they_hold_an_escape() {
        let mut plain = cursor("\"abc\" rest");
        assert_eq!(plain.quoted(b'"'), Ok(Quoted { escaped: false }));
        assert_eq!(plain.pos, 5);
        let mut escaped = cursor(r#""a\"b""#);
        assert_eq!(escaped.quoted(b'"'), Ok(Quoted { escaped: true }));
        assert!(escaped.at_end());
        let mut open = cursor("'a");
        assert_eq!(open.quoted(b'\'').map_err(|error| error.offset), Err(2));
    }

    #[test]
    fn raw_strings_end_at_their_own_hashes() {
        let mut lex = cursor(r###"r##"a"#b"## x"###);
        assert!(lex.raw_string_ahead());
        assert_eq!(lex.raw_string(), Ok(()));
        assert_eq!(lex.peek(), Some(b' '));
        assert!(!cursor("r#name").raw_string_ahead());
    }

    #[test]
    fn identifiers_and_fields() {
        let mut lex = cursor("r#type: 1");
        assert!(lex.field_ahead());
        assert_eq!(lex.identifier(), 0..6);
        assert!(!cursor("a::b").field_ahead());
        assert_eq!(cursor("9a").plain_identifier(), None);
        assert_eq!(ident_len(b"Action(kind"), 6);
    }

    #[test]
    fn the_guess_is_a_line_that_starts_with_a_capitalised_name_and_a_parenthesis() {
        let text = b"G(\n  edges: [\n    lower(x),\n    Action(kind: Ease),\n  ],\n)";
        let at = item_start_near(text, 0).expect("a guess");
        assert!(text[at..].starts_with(b"Action("));
        assert_eq!(item_start_near(text, at), None);
    }
}
