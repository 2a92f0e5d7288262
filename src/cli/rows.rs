//! Rows of a listing, produced apart from how they are written: one writer per format
//! (an aligned table, CSV), so that a listing's rows are computed once whatever the format.

use super::table::{escaped, Table};

/// A listing: column titles and rows of cells (missing cells are blank).
#[derive(Debug, Default)]
pub struct Rows {
    header: Vec<&'static str>,
    rows: Vec<Vec<String>>,
    /// Columns the table shortens (a note of several sentences), with their most
    /// characters; CSV and JSON keep every cell whole.
    short: Vec<(usize, usize)>,
}

impl Rows {
    /// A listing with these column titles.
    pub fn new(header: &[&'static str]) -> Rows {
        Rows {
            header: header.to_vec(),
            rows: Vec::new(),
            short: Vec::new(),
        }
    }

    /// Shortens the cells of column `title` in the table to `most` characters, with an
    /// ellipsis.
    pub fn shorten(mut self, title: &str, most: usize) -> Rows {
        if let Some(column) = self.header.iter().position(|h| *h == title) {
            self.short.push((column, most));
        }
        self
    }

    /// Adds a row.
    pub fn push(&mut self, cells: Vec<String>) {
        self.rows.push(cells);
    }

    /// Whether there are no rows.
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// The rows as an aligned table (control characters escaped).
    pub fn table(&self) -> String {
        let mut table = Table::new(&self.header);
        for row in &self.rows {
            let mut cells = row.clone();
            for &(column, most) in &self.short {
                if let Some(cell) = cells.get_mut(column) {
                    *cell = shortened(cell, most);
                }
            }
            table.row(cells);
        }
        table.render()
    }

    /// The rows as CSV (RFC 4180), header first, control characters escaped so that a
    /// file's text reaches a spreadsheet as the characters it holds.
    pub fn csv(&self) -> String {
        let width = self.header.len();
        sanctions_graph::export::csv::to_csv(
            &self.header,
            self.rows.iter().map(|row| {
                (0..width)
                    .map(|i| escaped(row.get(i).cloned().unwrap_or_default()))
                    .collect::<Vec<_>>()
            }),
        )
    }
}

/// `text`, cut to `most` characters with an ellipsis when longer.
pub fn shortened(text: &str, most: usize) -> String {
    if text.chars().count() <= most {
        return text.to_owned();
    }
    let mut short: String = text.chars().take(most.saturating_sub(1)).collect();
    short.push('…');
    short
}
