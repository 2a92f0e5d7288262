//! DOT quoting: every id and label leaves as a double-quoted string that Graphviz reads
//! back as the text it was given.
//!
//! dot-writer writes attribute values as they come, so a quote, a backslash or a newline in
//! a name would end the string early or turn into a Graphviz escape (`\N` is the node's id,
//! `\l` ends a left-aligned line). Quoting also keeps a node called `graph` or `node` from
//! reading as a keyword.

/// What Graphviz shows in place of a control character, which it cannot draw and which
/// SVG may not carry.
pub const REPLACEMENT: char = '\u{FFFD}';

/// `text` as a DOT double-quoted string, quotes included, for an id or a label.
///
/// - `"` becomes `\"` and `\` becomes `\\`: Graphviz reads `\\` in a label as one backslash,
///   so no Graphviz escape (`\n`, `\l`, `\N`, ...) can be spelt by the text. A backslash
///   right before a quote or the end is followed by a line continuation (a backslash and
///   a newline, which DOT drops), so that no reader can take `\\"` for `\` and `\"`.
/// - A line break (`\n`, `\r\n` or a lone `\r`) becomes `\n`, Graphviz's centred line break.
/// - `&` becomes `&amp;`: Graphviz decodes HTML entities in labels, so `&lt;` would
///   otherwise show as `<`.
/// - Tabs stay; any other control character becomes [`REPLACEMENT`].
/// - Everything else, non-ASCII text included, is kept as it is.
///
/// [`displayed`] gives the text a reader sees.
///
/// # Example
///
/// ```
/// use sanctions_graph::export::escape::quoted;
///
/// assert_eq!(quoted("Tổng thống \"A\\B\"\n&"), r#""Tổng thống \"A\\B\"\n&amp;""#);
/// ```
pub fn quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => {
                out.push_str("\\\\");
                // The DOT grammar names `\"` as its only escape, so a parser that takes it at
                // its word reads `\\"` as a backslash and an escaped quote, where Graphviz
                // reads an escaped backslash and a quote. A line continuation (a backslash
                // and a newline), which every reader drops, keeps the two apart.
                if matches!(chars.peek(), None | Some('"')) {
                    out.push_str("\\\n");
                }
            }
            '&' => out.push_str("&amp;"),
            '\n' => out.push_str("\\n"),
            '\r' => {
                // A Windows line end is one break, not two.
                chars.next_if_eq(&'\n');
                out.push_str("\\n");
            }
            '\t' => out.push('\t'),
            c if c.is_control() => out.push(REPLACEMENT),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The text Graphviz shows for a label that went through [`quoted`]: line ends made `\n`,
/// control characters other than tabs replaced by [`REPLACEMENT`], the rest unchanged.
pub fn displayed(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                chars.next_if_eq(&'\n');
                out.push('\n');
            }
            '\n' | '\t' => out.push(c),
            c if c.is_control() => out.push(REPLACEMENT),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_plain_text_and_keeps_non_ascii() {
        assert_eq!(quoted("graph"), "\"graph\"");
        assert_eq!(quoted("Tổng thống"), "\"Tổng thống\"");
        assert_eq!(quoted(""), "\"\"");
    }

    #[test]
    fn escapes_what_graphviz_would_read_otherwise() {
        assert_eq!(quoted(r#"say "hi""#), r#""say \"hi\"""#);
        assert_eq!(quoted(r"\N and \l"), r#""\\N and \\l""#);
        assert_eq!(quoted("ends with \\"), "\"ends with \\\\\\\n\"");
        assert_eq!(quoted("a\\\"b"), "\"a\\\\\\\n\\\"b\"");
        assert_eq!(quoted("a&lt;b"), "\"a&amp;lt;b\"");
    }

    #[test]
    fn every_line_end_is_one_break() {
        assert_eq!(quoted("a\nb\r\nc\rd"), r#""a\nb\nc\nd""#);
        assert_eq!(displayed("a\nb\r\nc\rd"), "a\nb\nc\nd");
    }

    #[test]
    fn control_characters_are_replaced_and_tabs_kept() {
        assert_eq!(quoted("a\u{0}b\tc\u{85}"), "\"a\u{FFFD}b\tc\u{FFFD}\"");
        assert_eq!(displayed("a\u{0}b\tc\u{85}"), "a\u{FFFD}b\tc\u{FFFD}");
    }
}
