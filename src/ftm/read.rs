//! Reading FtM lines with a cap on their length, and the short window of a bad line that a
//! diagnostic shows: a line with no end (`/dev/zero`) or of a gigabyte is refused after
//! [`MAX_LINE_BYTES`], and no more than a window of it is ever copied to be shown.

use std::io::{self, BufRead};

/// The longest line read, newline not counted: 64 MiB. OpenSanctions' largest entities
/// are a few megabytes; a longer line is refused, not read to its end into memory.
pub const MAX_LINE_BYTES: usize = 64 << 20;

/// How many bytes of a bad line are shown on either side of the point where it goes wrong.
const WINDOW_BYTES: usize = 120;

/// What one read found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Read {
    /// The input has ended.
    End,
    /// A whole line is in the buffer (with its newline, if it had one).
    Line,
    /// The line is longer than the cap: its first `cap` bytes are in the buffer, the rest
    /// is still to be read (see [`skip_rest`]).
    TooLong,
}

/// Reads one line into `buffer` (cleared first), at most `cap` bytes of it besides the
/// newline. Returns what was found and how many bytes were consumed.
///
/// # Errors
/// A read error of `reader`.
pub fn read_line(
    reader: &mut impl BufRead,
    buffer: &mut Vec<u8>,
    cap: usize,
) -> io::Result<(Read, usize)> {
    buffer.clear();
    let mut consumed = 0;
    loop {
        let available = match reader.fill_buf() {
            Ok(available) => available,
            Err(error) if error.kind() == io::ErrorKind::Interrupted => continue,
            Err(error) => return Err(error),
        };
        if available.is_empty() {
            let read = if consumed == 0 { Read::End } else { Read::Line };
            return Ok((read, consumed));
        }
        let (used, ends) = match memchr::memchr(b'\n', available) {
            Some(newline) => (newline + 1, true),
            None => (available.len(), false),
        };
        let content = if ends { used - 1 } else { used };
        let room = cap - buffer.len();
        if content > room {
            buffer.extend_from_slice(&available[..room]);
            reader.consume(room);
            return Ok((Read::TooLong, consumed + room));
        }
        buffer.extend_from_slice(&available[..used]);
        reader.consume(used);
        consumed += used;
        if ends {
            return Ok((Read::Line, consumed));
        }
    }
}

/// Reads and forgets the rest of a line, up to and including its newline, in constant
/// memory. Returns how many bytes it consumed.
///
/// # Errors
/// A read error of `reader`.
pub fn skip_rest(reader: &mut impl BufRead) -> io::Result<u64> {
    let mut skipped = 0u64;
    loop {
        let available = match reader.fill_buf() {
            Ok(available) => available,
            Err(error) if error.kind() == io::ErrorKind::Interrupted => continue,
            Err(error) => return Err(error),
        };
        if available.is_empty() {
            return Ok(skipped);
        }
        let (used, ends) = match memchr::memchr(b'\n', available) {
            Some(newline) => (newline + 1, true),
            None => (available.len(), false),
        };
        reader.consume(used);
        skipped += used as u64;
        if ends {
            return Ok(skipped);
        }
    }
}

/// A window of a bad line around byte `at` (its start when `None`): at most
/// [`WINDOW_BYTES`] on either side, cut at character boundaries, invalid UTF-8 replaced,
/// `...` where the line goes on. Returns the text and the 1-based character column of `at`
/// in it. Only the window is copied, whatever the length of the line.
pub fn window(line: &[u8], at: Option<usize>) -> (String, usize) {
    let at = at.unwrap_or(0).min(line.len());
    let start = at.saturating_sub(WINDOW_BYTES);
    let end = at.saturating_add(WINDOW_BYTES).min(line.len());
    // Step back to a UTF-8 boundary: a byte that does not continue a character.
    let boundary = |mut i: usize| {
        while i > 0 && i < line.len() && line[i] & 0xc0 == 0x80 {
            i -= 1;
        }
        i
    };
    let (start, end) = (boundary(start), boundary(end));
    let before = String::from_utf8_lossy(&line[start..boundary(at).max(start)]);
    let after = String::from_utf8_lossy(&line[boundary(at).max(start)..end]);
    let mut text = String::with_capacity(end - start + 6);
    if start > 0 {
        text.push_str("...");
    }
    text.push_str(&before);
    let column = text.chars().count() + 1;
    text.push_str(&after);
    if end < line.len() {
        text.push_str("...");
    }
    let text = text.trim_end_matches(['\n', '\r']).to_owned();
    let column = column.min(text.chars().count().max(1));
    (text, column)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stops_a_line_at_the_cap() {
        let mut input: &[u8] = b"abcdef\nxy\n";
        let mut buffer = Vec::new();
        assert_eq!(
            read_line(&mut input, &mut buffer, 4).expect("reads"),
            (Read::TooLong, 4)
        );
        assert_eq!(buffer, b"abcd");
        assert_eq!(skip_rest(&mut input).expect("reads"), 3);
        assert_eq!(
            read_line(&mut input, &mut buffer, 4).expect("reads"),
            (Read::Line, 3)
        );
        assert_eq!(buffer, b"xy\n");
        assert_eq!(
            read_line(&mut input, &mut buffer, 4).expect("reads"),
            (Read::End, 0)
        );
    }

    #[test]
    fn a_line_of_exactly_the_cap_is_read() {
        let mut input: &[u8] = b"abcd\nabcd";
        let mut buffer = Vec::new();
        assert_eq!(
            read_line(&mut input, &mut buffer, 4).expect("reads").0,
            Read::Line
        );
        assert_eq!(
            read_line(&mut input, &mut buffer, 4).expect("reads").0,
            Read::Line
        );
        assert_eq!(buffer, b"abcd");
    }

    #[test]
    fn shows_a_window_around_the_problem() {
        let line = format!("{}é{}", "a".repeat(500), "b".repeat(500));
        let (text, column) = window(line.as_bytes(), Some(501));
        assert!(text.len() < 2 * WINDOW_BYTES + 10, "{}", text.len());
        assert!(text.starts_with("...") && text.ends_with("..."));
        assert_eq!(text.chars().nth(column - 1), Some('é'));
        assert_eq!(window(b"short", None), ("short".to_owned(), 1));
    }
}
