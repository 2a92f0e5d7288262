//! The scan of a large text by two threads: the second starts from a guessed item start
//! halfway through, and its work is used only if the first thread arrives exactly there.

use super::{ScanError, Scanner, SpanValue};
use crate::load::lex::item_start_near;

/// Texts at least this long are scanned by two threads.
pub const SPLIT_SCAN_BYTES: usize = 4 << 20;

/// The outline scan of a text of [`SPLIT_SCAN_BYTES`] or more by two threads; `None` for
/// a shorter text, or one with no line that looks like an item start past its middle.
pub(super) fn scan_outline(text: &str) -> Option<Result<SpanValue, ScanError>> {
    if text.len() < SPLIT_SCAN_BYTES {
        return None;
    }
    let guess = item_start_near(text.as_bytes(), text.len() / 2)?;
    Some(scan_outline_split(text, guess))
}

/// The outline scan with a second thread scanning list items from `guess` on.
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
        let mut scanner = Scanner::new(text.as_bytes(), 0, 0, 2);
        scanner.ahead = Some(Ahead {
            at: guess,
            join: &mut join,
        });
        scanner.document()
    })
}

/// The items of a top-level list from `start` to its `]`, and the offset after it; `None`
/// where the text does not read as such (the guess was not an item start).
fn items_from(text: &[u8], start: usize) -> Option<(Vec<SpanValue>, usize)> {
    // A top-level list's items are scanned at depth 2 (see `Scanner::top_list`).
    let mut scanner = Scanner::new(text, start, 2, 2);
    let mut items = Vec::new();
    loop {
        items.push(scanner.value().ok()?);
        let lex = &mut scanner.lex;
        lex.skip_trivia().ok()?;
        if !lex.eat(b',') {
            lex.skip_trivia().ok()?;
            return lex.eat(b']').then_some((items, lex.pos));
        }
        lex.skip_trivia().ok()?;
        if lex.eat(b']') {
            return Some((items, lex.pos));
        }
    }
}

/// The second thread's scan, waiting at `at`. Whether a byte starts an item depends on
/// all the text before it (it could be inside a string or a comment), so the second
/// thread's scan is used only if the first thread, scanning from the start, arrives at
/// `at` exactly where an item of a top-level list begins: from there the two scans are
/// the same work on the same bytes, so the result is the same. Otherwise the first
/// thread scans on by itself and the guess costs nothing but the second core's time.
pub(super) struct Ahead<'j> {
    at: usize,
    join: &'j mut dyn FnMut() -> Option<(Vec<SpanValue>, usize)>,
}

impl Scanner<'_> {
    /// The items of a top-level list after its `[`, taking over the other thread's scan
    /// if this one reaches the item it started from (see [`Ahead`]).
    pub(super) fn top_list(&mut self) -> Result<Vec<SpanValue>, ScanError> {
        let mut items = Vec::new();
        loop {
            self.lex.skip_trivia()?;
            if self.lex.eat(b']') {
                return Ok(items);
            }
            if self
                .ahead
                .as_ref()
                .is_some_and(|ahead| ahead.at == self.lex.pos)
            {
                let ahead = self.ahead.take().and_then(|ahead| (ahead.join)());
                if let Some((rest, after)) = ahead {
                    items.extend(rest);
                    self.lex.pos = after;
                    return Ok(items);
                }
            }
            items.push(self.value()?);
            self.lex.skip_trivia()?;
            if !self.lex.eat(b',') {
                self.lex.skip_trivia()?;
                if self.lex.eat(b']') {
                    return Ok(items);
                }
                return Err(self.error("`,` or `]`"));
            }
        }
    }
}

#[cfg(test)]
mod split_scan {
    use super::*;
    use crate::load::spans::scan_document;

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
