//! Plain-text tables with aligned columns, measured in display width and fitted to the
//! terminal: a table wider than the width has its widest columns narrowed first, never
//! below their longest word while others can give, and their cells wrapped between words
//! onto more lines (`--wide` keeps every row on one line).

use std::io::{self, Write};
use std::sync::atomic::{AtomicUsize, Ordering};

use sanctions_graph::source::escape_controls;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// The width tables fit in on a terminal whose width is not known.
pub const DEFAULT_WIDTH: usize = 100;

/// The width every table of this run fits in; `usize::MAX` for no limit.
static WIDTH: AtomicUsize = AtomicUsize::new(usize::MAX);

/// Tables are printed indented by up to this much (chains, sources): they keep that room.
const INDENT: usize = 2;

/// The most display columns a cell or a headline takes, whatever the width (`--wide`
/// too): a longer text is cut there and ends in `…`, so that no line runs to thousands of
/// characters.
pub const LONGEST: usize = 300;

/// The narrowest a column is made, unless its widest cell is narrower.
const NARROWEST: usize = 8;

/// Sets the width tables fit in: no limit with `--wide`; else `COLUMNS`; else, when stdout
/// is a terminal, its width; else (a pipe, a file, or a terminal whose width cannot be
/// read) [`DEFAULT_WIDTH`], so that saved output reads the same in any terminal.
pub fn set_width(wide: bool) {
    use std::io::IsTerminal;
    let stdout = std::io::stdout();
    let width = if wide {
        usize::MAX
    } else if let Some(columns) = std::env::var("COLUMNS")
        .ok()
        .and_then(|text| text.trim().parse::<usize>().ok())
        .filter(|&columns| columns > 0)
    {
        columns
    } else if stdout.is_terminal() {
        terminal_size::terminal_size_of(&stdout)
            .map_or(DEFAULT_WIDTH, |(terminal_size::Width(columns), _)| {
                usize::from(columns)
            })
    } else {
        DEFAULT_WIDTH
    };
    WIDTH.store(width, Ordering::Relaxed);
}

/// The width of this run's output, `usize::MAX` for no limit.
pub fn width() -> usize {
    WIDTH.load(Ordering::Relaxed)
}

/// `text` wrapped to lines of at most `width` display columns, as table cells are.
pub fn wrap_text(text: &str, width: usize) -> Vec<String> {
    wrap(text, width)
}

/// `line` (one line of prose: a query's headline) escaped, cut at [`LONGEST`] columns and
/// wrapped to the run's width, its following lines indented by two spaces; ends in a
/// newline.
pub fn headline(line: &str) -> String {
    let text = cell_text(line.trim_end_matches('\n').to_owned(), LONGEST);
    let width = width();
    let mut out = String::new();
    for (i, part) in wrap(&text, width.saturating_sub(INDENT).max(NARROWEST))
        .iter()
        .enumerate()
    {
        if i > 0 {
            out.push_str("  ");
        }
        out.push_str(part);
        out.push('\n');
    }
    out
}

/// A cell's text as a table shows it: escaped, then cut at `longest` columns. A text far
/// longer than any cell shows (a 300,000-character instrument on thousands of rows) is
/// first cut to a prefix of `4 × longest` characters, so that each row costs the cell and
/// not the text: every character but a zero-width one takes at least a column, so the
/// cut falls where it would have on the whole text.
pub fn cell_text(text: String, longest: usize) -> String {
    let most = longest.saturating_mul(4).max(1);
    if text.len() <= most {
        return shortened(escaped(text), longest);
    }
    let Some((end, _)) = text.char_indices().nth(most) else {
        return shortened(escaped(text), longest);
    };
    let mut cut = shortened(escaped(text[..end].to_owned()), longest);
    if !cut.ends_with('…') {
        cut.push('…');
    }
    cut
}

/// `text` cut to at most `longest` display columns, the last of them `…`.
pub fn shortened(text: String, longest: usize) -> String {
    if text.width() <= longest {
        return text;
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if used + w + 1 > longest {
            break;
        }
        used += w;
        out.push(c);
    }
    out.push('…');
    out
}

/// A table: a header row and data rows, printed with two spaces between columns. Control
/// characters in a cell are escaped (`\n`, `\u{1b}`): text from a file can neither forge a
/// row nor send commands to the terminal.
#[derive(Debug, Default)]
pub struct Table {
    header: Vec<String>,
    rows: Vec<Vec<String>>,
    /// The most display columns of each column's cells, [`LONGEST`] unless
    /// [`Table::limit`] gives less.
    limits: Vec<usize>,
    /// Lines printed under each row, indented, across the whole width (a note, a list of
    /// sources: detail that would squeeze the columns).
    details: Vec<Vec<String>>,
}

impl Table {
    /// A table with these column titles.
    pub fn new(header: &[&str]) -> Table {
        Table {
            header: header
                .iter()
                .map(|title| escaped((*title).to_owned()))
                .collect(),
            rows: Vec::new(),
            limits: vec![LONGEST; header.len()],
            details: Vec::new(),
        }
    }

    /// Cuts the cells of column `title` to `most` display columns, the last of them `…`
    /// (an instrument's long official title, a note of several sentences); JSON and CSV
    /// keep every cell whole. Set before the rows are added.
    pub fn limit(mut self, title: &str, most: usize) -> Table {
        if let Some(column) = self.header.iter().position(|h| h == title) {
            self.limits[column] = most.min(LONGEST);
        }
        self
    }

    /// Adds a row, each cell cut to its column's limit; missing cells are blank.
    pub fn row(&mut self, cells: Vec<String>) {
        let row = cells
            .into_iter()
            .enumerate()
            .map(|(i, cell)| cell_text(cell, self.limits.get(i).copied().unwrap_or(LONGEST)))
            .collect();
        self.rows.push(row);
        self.details.push(Vec::new());
    }

    /// Adds a row with lines to print under it, each escaped and cut at [`LONGEST`].
    pub fn row_with_details(&mut self, cells: Vec<String>, details: Vec<String>) {
        self.row(cells);
        if let Some(last) = self.details.last_mut() {
            *last = details
                .into_iter()
                .map(|line| cell_text(line, LONGEST))
                .collect();
        }
    }

    /// The table as text, fitted to `budget` columns where the columns allow, each line
    /// ending in a newline; trailing blanks trimmed. (Answers write theirs with
    /// [`Table::write`].)
    #[cfg(test)]
    fn render_in(&self, budget: usize) -> String {
        let mut bytes = Vec::new();
        // A `Vec` takes every write.
        let _ = self.write_in(&mut bytes, budget, "");
        String::from_utf8(bytes).unwrap_or_default()
    }

    /// Writes the table to `out` line by line, fitted to the run's width, each line after
    /// `indent`; trailing blanks trimmed.
    pub fn write(&self, out: &mut dyn Write, indent: &str) -> io::Result<()> {
        self.write_in(out, run_budget(), indent)
    }

    /// Writes the table fitted to `budget` columns, each line after `indent`: the rows are
    /// held (the widths need every cell), the text of one row at a time.
    fn write_in(&self, out: &mut dyn Write, budget: usize, indent: &str) -> io::Result<()> {
        let columns = self.header.len();
        let mut natural: Vec<usize> = self.header.iter().map(|h| h.width()).collect();
        let mut words = vec![0; columns];
        for row in &self.rows {
            for (i, cell) in row.iter().enumerate().take(columns) {
                natural[i] = natural[i].max(cell.width());
                words[i] = words[i].max(longest_word(cell));
            }
        }
        let widths = fitted(&natural, &words, &self.header, budget);
        let no_details = Vec::new();
        let details = std::iter::once(&no_details).chain(&self.details);
        let mut line = String::new();
        for (row, details) in std::iter::once(&self.header).chain(&self.rows).zip(details) {
            let wrapped: Vec<Vec<String>> = (0..columns)
                .map(|i| wrap(row.get(i).map_or("", String::as_str), widths[i]))
                .collect();
            let height = wrapped.iter().map(Vec::len).max().unwrap_or(1);
            for line_number in 0..height {
                line.clear();
                for (i, width) in widths.iter().enumerate() {
                    let cell = wrapped[i].get(line_number).map_or("", String::as_str);
                    line.push_str(cell);
                    if i + 1 < columns {
                        line.push_str(&" ".repeat(width.saturating_sub(cell.width()) + 2));
                    }
                }
                writeln!(out, "{indent}{}", line.trim_end())?;
            }
            for detail in details {
                for (i, part) in wrap(detail, budget.saturating_sub(6).max(NARROWEST))
                    .iter()
                    .enumerate()
                {
                    let gap = if i == 0 { "    " } else { "      " };
                    writeln!(out, "{indent}{gap}{part}")?;
                }
            }
        }
        Ok(())
    }
}

/// The columns a table of this run fits in, leaving room for an indent.
fn run_budget() -> usize {
    WIDTH.load(Ordering::Relaxed).saturating_sub(INDENT)
}

/// Column widths that fit `budget` (with two spaces between columns): the natural widths
/// when they fit; else the widest columns give first: every column wider than some cap is
/// cut to it, the cap being the largest that fits. No column is cut below its longest
/// word (an id, a date) while the others can give, the leftmost columns first; none below
/// its title or [`NARROWEST`].
fn fitted(natural: &[usize], words: &[usize], header: &[String], budget: usize) -> Vec<usize> {
    let gaps = 2 * natural.len().saturating_sub(1);
    let total = |widths: &[usize]| widths.iter().sum::<usize>() + gaps;
    if total(natural) <= budget {
        return natural.to_vec();
    }
    let least: Vec<usize> = natural
        .iter()
        .zip(header)
        .map(|(&width, title)| width.min(title.width().max(NARROWEST)))
        .collect();
    let whole: Vec<usize> = least
        .iter()
        .zip(words)
        .zip(natural)
        .map(|((&least, &word), &width)| least.max(word).min(width))
        .collect();
    // Keep the words whole in as many columns as fit, from the left: the first columns
    // name what a row is about (an id, a date), the later ones add detail.
    let floor = (0..=natural.len())
        .rev()
        .map(|kept| [&whole[..kept], &least[kept..]].concat())
        .find(|floor| total(floor) <= budget)
        .unwrap_or(least);
    let capped = |cap: usize| -> Vec<usize> {
        natural
            .iter()
            .zip(&floor)
            .map(|(&width, &least)| width.min(cap.max(least)))
            .collect()
    };
    let widest = natural.iter().copied().max().unwrap_or(0);
    // The largest cap that fits; the floors when none does.
    let (mut low, mut high) = (0, widest);
    while low < high {
        let cap = (low + high).div_ceil(2);
        if total(&capped(cap)) <= budget {
            low = cap;
        } else {
            high = cap - 1;
        }
    }
    capped(low)
}

/// The display width of the longest word of `text`: what a line should hold whole.
fn longest_word(text: &str) -> usize {
    text.split_whitespace()
        .map(|word| word.trim_end_matches([',', ';']).width())
        .max()
        .unwrap_or(0)
}

/// `text` wrapped to lines of at most `width` display columns: between words where it can,
/// a word that fits a line kept whole on the next; a word longer than a line is broken
/// after a hyphen, a slash or a comma (ids, lists and addresses break there), else inside.
fn wrap(text: &str, width: usize) -> Vec<String> {
    if text.width() <= width || width == 0 {
        return vec![text.to_owned()];
    }
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    let finish = |line: &mut String, lines: &mut Vec<String>| {
        let done = line.trim_end();
        if !done.is_empty() {
            lines.push(done.to_owned());
        }
        line.clear();
    };
    for word in text.split_inclusive(' ') {
        let fits = |line: &str, piece: &str| line.width() + piece.trim_end().width() <= width;
        if fits(&line, word) {
            line.push_str(word);
            continue;
        }
        finish(&mut line, &mut lines);
        if fits("", word) {
            line.push_str(word);
            continue;
        }
        for piece in word.split_inclusive(['-', '/', ',']) {
            if fits(&line, piece) {
                line.push_str(piece);
                continue;
            }
            finish(&mut line, &mut lines);
            for c in piece.chars() {
                if line.width() + c.width().unwrap_or(0) > width && !line.is_empty() {
                    finish(&mut line, &mut lines);
                }
                line.push(c);
            }
        }
    }
    finish(&mut line, &mut lines);
    if lines.is_empty() {
        lines.push(String::new());
    }
    lines
}

/// `cell` with its control characters escaped; most cells have none and are kept as they are.
pub fn escaped(cell: String) -> String {
    match escape_controls(&cell) {
        std::borrow::Cow::Borrowed(_) => cell,
        std::borrow::Cow::Owned(clean) => clean,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_cell_is_cut_where_the_whole_text_would_be() {
        let texts = [
            "y".repeat(300_000),
            "白俄罗斯".repeat(50_000),
            "line\none\u{1b}[31m".repeat(20_000),
            "Tổng ".repeat(40_000),
        ];
        for text in texts {
            for longest in [1, 8, 40, LONGEST] {
                assert_eq!(
                    cell_text(text.clone(), longest),
                    shortened(escaped(text.clone()), longest)
                );
            }
        }
        assert_eq!(cell_text("short".into(), LONGEST), "short");
    }

    #[test]
    fn a_table_that_fits_is_left_as_it_is_and_a_wide_one_is_wrapped_to_fit() {
        let mut table = Table::new(&["id", "title"]);
        table.row(vec!["a".into(), "one two three four five six seven".into()]);
        assert_eq!(
            table.render_in(100),
            "id  title\na   one two three four five six seven\n"
        );
        let narrow = table.render_in(20);
        assert!(narrow.lines().all(|line| line.width() <= 20), "{narrow}");
        assert!(narrow.contains("one two three"), "{narrow}");
    }

    #[test]
    fn a_long_cell_is_cut_with_an_ellipsis_even_on_one_line() {
        let mut table = Table::new(&["id", "note"]);
        table.row(vec!["a".into(), "word ".repeat(2000)]);
        let text = table.render_in(usize::MAX);
        assert_eq!(text.lines().count(), 2, "{text}");
        let row = text.lines().nth(1).expect("a row");
        assert!(row.width() <= "id  ".len() + LONGEST, "{}", row.width());
        assert!(row.ends_with('…'), "{row}");
        assert_eq!(shortened("Bộ Tài chính".into(), 100), "Bộ Tài chính");
        assert_eq!(shortened("白俄罗斯".into(), 5), "白俄…");
    }

    #[test]
    fn a_column_with_a_limit_is_cut_there_and_the_others_at_the_longest() {
        let mut table = Table::new(&["instrument", "note"]).limit("instrument", 10);
        table.row(vec!["Executive Order 14038".into(), "x".repeat(400)]);
        let text = table.render_in(usize::MAX);
        let row = text.lines().nth(1).expect("a row");
        assert!(row.starts_with("Executive…  "), "{row}");
        assert_eq!(row.width(), 10 + 2 + LONGEST, "{row}");
    }

    #[test]
    fn the_widest_column_gives_first_and_an_id_is_not_split_while_another_column_can_give() {
        let mut table = Table::new(&["by", "instrument"]);
        table.row(vec![
            "ofac/ease/bpc/2025-12-15 ended".into(),
            "General License 13, Authorizing Certain Transactions Involving Belarusian Potash"
                .into(),
        ]);
        let text = table.render_in(40);
        assert!(text.lines().all(|line| line.width() <= 40), "{text}");
        assert!(text.contains("ofac/ease/bpc/2025-12-15"), "{text}");
    }

    #[test]
    fn display_width_lines_up_wide_and_accented_text() {
        let mut table = Table::new(&["name", "x"]);
        table.row(vec!["Bộ Tài chính".into(), "1".into()]);
        table.row(vec!["白俄罗斯".into(), "2".into()]);
        let text = table.render_in(100);
        let columns: Vec<usize> = text
            .lines()
            .map(|line| line[..line.rfind(' ').expect("a gap")].width())
            .collect();
        assert!(columns.windows(2).all(|pair| pair[0] == pair[1]), "{text}");
    }
}
