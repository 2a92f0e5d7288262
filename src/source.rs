//! The texts that were loaded and places in them: the ground floor that every stage may
//! use and that uses nothing else of the crate.
//!
//! A [`SourceMap`] holds every loaded input in load order; a [`FileSpan`] is a byte range
//! in one of them; a [`SourceFile`] turns byte offsets into lines and columns (counted in
//! characters) without scanning a large file from its start.

use std::ops::Range;
use std::sync::OnceLock;

/// Index of a file in a [`SourceMap`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct FileId(pub usize);

/// One loaded input: a file, the standard input or a built-in graph file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceFile {
    /// The name shown in messages: the path as given, `<stdin>`, or `builtin:NAME`.
    pub name: String,
    /// The text.
    pub text: String,
    /// The line number of the text's first line in the whole file: 1, or more for an
    /// excerpt of a file too large to keep (one line of a FollowTheMoney stream).
    pub first_line: usize,
    /// Byte offset of the start of each line, so that locating an offset is a binary
    /// search rather than a scan from the start of a large file. Built when first asked
    /// for: loading a valid graph never needs it (items know their lines).
    line_starts: OnceLock<Vec<usize>>,
    /// Every [`CHAR_CHECKPOINT`] bytes: the byte offset (a character boundary) and the
    /// characters before it, so that a column on a line of megabytes is counted from the
    /// nearest checkpoint, not from the line's start. Built when first asked for.
    char_checkpoints: OnceLock<Vec<(usize, usize)>>,
}

/// The distance in bytes between two [`SourceFile`] character checkpoints.
const CHAR_CHECKPOINT: usize = 4096;

impl SourceFile {
    /// A whole file with its line index.
    pub fn new(name: impl Into<String>, text: impl Into<String>) -> SourceFile {
        SourceFile::excerpt(name, text, 1)
    }

    /// An excerpt of a file whose first line is line `first_line` of the file.
    pub fn excerpt(
        name: impl Into<String>,
        text: impl Into<String>,
        first_line: usize,
    ) -> SourceFile {
        SourceFile {
            name: name.into(),
            text: text.into(),
            first_line: first_line.max(1),
            line_starts: OnceLock::new(),
            char_checkpoints: OnceLock::new(),
        }
    }

    fn line_starts(&self) -> &[usize] {
        self.line_starts.get_or_init(|| {
            std::iter::once(0)
                .chain(self.text.match_indices('\n').map(|(at, _)| at + 1))
                .collect()
        })
    }

    /// The 1-based line and column (counted in characters) of a byte offset.
    pub fn line_column(&self, offset: usize) -> (usize, usize) {
        let offset = floor_char_boundary(&self.text, offset.min(self.text.len()));
        let index = self.line_starts().partition_point(|&start| start <= offset);
        let line_start = self.line_starts()[index - 1];
        let column = self.chars_before(offset) - self.chars_before(line_start) + 1;
        (index - 1 + self.first_line, column)
    }

    /// The number of characters before a byte offset (a character boundary): counted from
    /// the nearest checkpoint, at most [`CHAR_CHECKPOINT`] bytes.
    fn chars_before(&self, offset: usize) -> usize {
        let points = self.char_checkpoints.get_or_init(|| {
            let mut points = vec![(0, 0)];
            let (mut at, mut chars) = (0, 0);
            while at + CHAR_CHECKPOINT < self.text.len() {
                let next = floor_char_boundary(&self.text, at + CHAR_CHECKPOINT);
                chars += self.text[at..next].chars().count();
                points.push((next, chars));
                at = next;
            }
            points
        });
        let index = points.partition_point(|&(at, _)| at <= offset) - 1;
        let (at, chars) = points[index];
        chars + self.text[at..offset].chars().count()
    }

    /// The 1-based line of a byte offset.
    pub fn line(&self, offset: usize) -> usize {
        self.line_starts().partition_point(|&start| start <= offset) - 1 + self.first_line
    }

    /// The byte offset where a 1-based line of the file starts in this text, if it holds
    /// that line.
    pub fn line_offset(&self, line: usize) -> Option<usize> {
        line.checked_sub(self.first_line)
            .and_then(|index| self.line_starts().get(index))
            .copied()
    }

    /// The text of a 1-based line of the file, without its line break; empty if this text
    /// does not hold that line.
    pub fn line_text(&self, line: usize) -> &str {
        let Some(&start) = line
            .checked_sub(self.first_line)
            .and_then(|index| self.line_starts().get(index))
        else {
            return "";
        };
        let index = line - self.first_line;
        let end = match self.line_starts().get(index + 1) {
            Some(&next) => next - 1,
            None => self.text.len(),
        };
        let line = &self.text[start..end];
        line.strip_suffix('\r').unwrap_or(line)
    }

    /// The byte offset of a 1-based line and character column; clamped to the text.
    pub fn offset_of(&self, line: usize, column: usize) -> usize {
        offset_of(&self.text, line + 1 - self.first_line.min(line), column)
    }
}

/// `text` with every control character (and every bidirectional override, which can make
/// text read differently from what it holds) written as an escape: `\n`, `\t`, `\r`, or
/// `\u{1b}`. What a file holds then reaches a terminal as plain characters, never as a
/// command to it or a forged line.
pub fn escape_controls(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.chars().any(needs_escape) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        push_escaped(&mut out, c);
    }
    std::borrow::Cow::Owned(out)
}

/// Pushes `c` onto `out`, escaped as [`escape_controls`] does.
pub fn push_escaped(out: &mut String, c: char) {
    match c {
        '\n' => out.push_str("\\n"),
        '\r' => out.push_str("\\r"),
        '\t' => out.push_str("\\t"),
        c if needs_escape(c) => {
            let _ = std::fmt::Write::write_fmt(out, format_args!("\\u{{{:x}}}", u32::from(c)));
        }
        c => out.push(c),
    }
}

fn needs_escape(c: char) -> bool {
    c.is_control() || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// The byte offset in `text` of a 1-based line and character column; clamped to the text.
pub fn offset_of(text: &str, line: usize, column: usize) -> usize {
    let mut line_start = 0;
    for _ in 1..line {
        match text[line_start..].find('\n') {
            Some(newline) => line_start += newline + 1,
            None => return text.len(),
        }
    }
    let line_text = &text[line_start..];
    let line_end = line_text.find('\n').unwrap_or(line_text.len());
    // On an ASCII stretch a column is a byte: a column far along a long line is then
    // found without walking its characters one by one.
    let before = column.saturating_sub(1);
    if before <= line_end && line_text.as_bytes()[..before].is_ascii() {
        return line_start + before;
    }
    line_text[..line_end]
        .char_indices()
        .nth(column.saturating_sub(1))
        .map_or(line_start + line_end, |(at, _)| line_start + at)
}

/// The largest char boundary at or below `offset`.
pub fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while offset > 0 && !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// All loaded inputs, in load order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SourceMap {
    files: Vec<SourceFile>,
}

impl SourceMap {
    /// Adds a file and returns its id.
    pub fn add(&mut self, name: impl Into<String>, text: impl Into<String>) -> FileId {
        self.add_excerpt(name, text, 1)
    }

    /// Adds an excerpt of a file whose first line is line `first_line` of the file, and
    /// returns its id.
    pub fn add_excerpt(
        &mut self,
        name: impl Into<String>,
        text: impl Into<String>,
        first_line: usize,
    ) -> FileId {
        self.files.push(SourceFile::excerpt(name, text, first_line));
        FileId(self.files.len() - 1)
    }

    /// The file with this id.
    ///
    /// # Panics
    /// If the id does not come from this map.
    pub fn file(&self, id: FileId) -> &SourceFile {
        &self.files[id.0]
    }

    /// Every file with its id.
    pub fn files(&self) -> impl Iterator<Item = (FileId, &SourceFile)> {
        self.files
            .iter()
            .enumerate()
            .map(|(i, file)| (FileId(i), file))
    }

    /// How many files.
    pub fn len(&self) -> usize {
        self.files.len()
    }

    /// Whether no file was loaded.
    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }
}

/// A byte range in one file.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct FileSpan {
    /// Which file.
    pub file: FileId,
    /// Which bytes.
    pub range: Range<usize>,
}

impl FileSpan {
    /// A span in a file.
    pub fn new(file: FileId, range: Range<usize>) -> FileSpan {
        FileSpan { file, range }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_columns_in_characters_not_bytes() {
        let file = SourceFile::new("x", "ab\n\"Torng\" x".replace("Torng", "Tổng"));
        let offset = file.text.find('x').expect("x");
        assert_eq!(file.line_column(offset), (2, 8));
        assert_eq!(file.offset_of(2, 8), offset);
        assert_eq!(file.offset_of(9, 1), file.text.len());
        assert_eq!(file.line_column(0), (1, 1));
        assert_eq!(file.line_column(3), (2, 1));
        assert_eq!(file.line_text(2), "\"Tổng\" x");
    }

    #[test]
    fn a_column_is_found_alike_on_ascii_and_wider_text_and_past_the_line_end() {
        let text = "ab\nplain ascii line\nTổng x\nlast";
        let walk = |line: usize, column: usize| {
            let start: usize = text.split('\n').take(line - 1).map(|l| l.len() + 1).sum();
            let line_text = text[start..].split('\n').next().unwrap_or("");
            line_text
                .char_indices()
                .nth(column - 1)
                .map_or(start + line_text.len(), |(at, _)| start + at)
        };
        for line in 1..=4 {
            for column in 1..=20 {
                assert_eq!(
                    offset_of(text, line, column),
                    walk(line, column),
                    "{line}:{column}"
                );
            }
        }
    }

    #[test]
    fn an_excerpt_keeps_the_line_numbers_of_its_file() {
        let mut map = SourceMap::default();
        let id = map.add_excerpt("big.ftm.json", "{\"id\": 1}", 41);
        let file = map.file(id);
        assert_eq!(file.line_column(2), (41, 3));
        assert_eq!(file.line_text(41), "{\"id\": 1}");
        assert_eq!(file.line_text(1), "");
    }
}
