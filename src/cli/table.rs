//! Plain-text tables with aligned columns.

use sanctions_graph::diagnostic::escape_controls;

/// A table: a header row and data rows, printed with two spaces between columns. Control
/// characters in a cell are escaped (`\n`, `\u{1b}`): text from a file can neither forge a
/// row nor send commands to the terminal.
#[derive(Debug, Default)]
pub struct Table {
    header: Vec<String>,
    rows: Vec<Vec<String>>,
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
        }
    }

    /// Adds a row; missing cells are blank.
    pub fn row(&mut self, cells: Vec<String>) {
        self.rows.push(cells.into_iter().map(escaped).collect());
    }

    /// The table as text, each line ending in a newline; trailing blanks trimmed.
    pub fn render(&self) -> String {
        let columns = self.header.len();
        let mut widths: Vec<usize> = self.header.iter().map(|h| h.chars().count()).collect();
        for row in &self.rows {
            for (i, cell) in row.iter().enumerate().take(columns) {
                widths[i] = widths[i].max(cell.chars().count());
            }
        }
        let mut out = String::new();
        for row in std::iter::once(&self.header).chain(&self.rows) {
            let mut line = String::new();
            for (i, width) in widths.iter().enumerate() {
                let cell = row.get(i).map_or("", String::as_str);
                line.push_str(cell);
                if i + 1 < columns {
                    line.push_str(&" ".repeat(width - cell.chars().count() + 2));
                }
            }
            out.push_str(line.trim_end());
            out.push('\n');
        }
        out
    }
}

/// `cell` with its control characters escaped; most cells have none and are kept as they are.
pub fn escaped(cell: String) -> String {
    match escape_controls(&cell) {
        std::borrow::Cow::Borrowed(_) => cell,
        std::borrow::Cow::Owned(clean) => clean,
    }
}
