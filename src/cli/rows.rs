//! Rows of a listing, produced apart from how they are written: one writer per format
//! (an aligned table, CSV), so that a listing's rows are computed once whatever the format.

use super::table::{escaped, Table};

/// A listing: column titles and rows of cells (missing cells are blank).
#[derive(Debug, Default)]
pub struct Rows {
    header: Vec<&'static str>,
    rows: Vec<Vec<String>>,
    /// Columns the table cuts shorter than [`super::table::LONGEST`] (a note of several
    /// sentences), with their most display columns; CSV keeps every cell whole.
    limits: Vec<(&'static str, usize)>,
    /// Columns only CSV writes (the node a timeline is of, which the table's headline
    /// names).
    csv_only: Vec<&'static str>,
}

impl Rows {
    /// A listing with these column titles.
    pub fn new(header: &[&'static str]) -> Rows {
        Rows {
            header: header.to_vec(),
            rows: Vec::new(),
            limits: Vec::new(),
            csv_only: Vec::new(),
        }
    }

    /// Cuts the cells of column `title` in the table to `most` display columns, as
    /// [`Table::limit`] does.
    pub fn limit(mut self, title: &'static str, most: usize) -> Rows {
        self.limits.push((title, most));
        self
    }

    /// Leaves column `title` out of the table; CSV writes it.
    pub fn csv_only(mut self, title: &'static str) -> Rows {
        self.csv_only.push(title);
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

    /// The rows as an aligned table (control characters escaped), its titles spelt with
    /// spaces where CSV's have underscores (`standing after`, `standing_after`).
    pub fn table(&self) -> String {
        let shown: Vec<usize> = (0..self.header.len())
            .filter(|&i| !self.csv_only.contains(&self.header[i]))
            .collect();
        let titles: Vec<String> = shown
            .iter()
            .map(|&i| self.header[i].replace('_', " "))
            .collect();
        let mut table = Table::new(&titles.iter().map(String::as_str).collect::<Vec<_>>());
        for &(title, most) in &self.limits {
            table = table.limit(&title.replace('_', " "), most);
        }
        for row in &self.rows {
            table.row(
                shown
                    .iter()
                    .map(|&i| row.get(i).cloned().unwrap_or_default())
                    .collect(),
            );
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
