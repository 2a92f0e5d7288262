//! Rows of a listing, produced apart from how they are written: one writer per format
//! (an aligned table, CSV), so that a listing's rows are computed once whatever the format.

use super::table::Table;

/// A listing: column titles and rows of cells (missing cells are blank).
#[derive(Debug, Default)]
pub struct Rows {
    header: Vec<&'static str>,
    rows: Vec<Vec<String>>,
    /// Columns only CSV writes (the node a timeline is of, which the table's headline
    /// names).
    csv_only: Vec<&'static str>,
    /// Columns the table prints as a line under each row (`note: ...`) rather than as a
    /// column, so that the columns keep their ids whole.
    below: Vec<&'static str>,
}

impl Rows {
    /// A listing with these column titles.
    pub fn new(header: &[&'static str]) -> Rows {
        Rows {
            header: header.to_vec(),
            rows: Vec::new(),
            csv_only: Vec::new(),
            below: Vec::new(),
        }
    }

    /// Leaves column `title` out of the table; CSV writes it.
    pub fn csv_only(mut self, title: &'static str) -> Rows {
        self.csv_only.push(title);
        self
    }

    /// Prints column `title` in the table as a line under each row that has it (in the
    /// order of these calls), after the title (`note: expired 2021-12-08`), rather than as a column; CSV keeps the column.
    pub fn below(mut self, title: &'static str) -> Rows {
        self.below.push(title);
        self
    }

    /// Adds a row.
    pub fn push(&mut self, cells: Vec<String>) {
        self.rows.push(cells);
    }

    /// The rows as an aligned table (control characters escaped), its titles spelt with
    /// spaces where CSV's have underscores (`standing after`, `standing_after`); the cells
    /// are moved into it, not copied.
    fn into_table(self) -> Table {
        let shown: Vec<usize> = (0..self.header.len())
            .filter(|&i| {
                !self.csv_only.contains(&self.header[i]) && !self.below.contains(&self.header[i])
            })
            .collect();
        let below: Vec<usize> = self
            .below
            .iter()
            .filter_map(|title| self.header.iter().position(|h| h == title))
            .collect();
        let title = |i: usize| self.header[i].replace('_', " ");
        let titles: Vec<String> = shown.iter().map(|&i| title(i)).collect();
        let mut table = Table::new(&titles.iter().map(String::as_str).collect::<Vec<_>>());
        for row in self.rows {
            let mut cells: Vec<Option<String>> = row.into_iter().map(Some).collect();
            let mut cell = |i: usize| cells.get_mut(i).and_then(Option::take).unwrap_or_default();
            let details = below
                .iter()
                .map(|&i| (i, cell(i)))
                .filter(|(_, text)| !text.is_empty())
                .map(|(i, text)| format!("{}: {text}", title(i)))
                .collect();
            table.row_with_details(shown.iter().map(|&i| cell(i)).collect(), details);
        }
        table
    }

    /// Writes the rows as an aligned table to `out`, line by line, each line after
    /// `indent`.
    pub fn write_table(self, out: &mut dyn std::io::Write, indent: &str) -> std::io::Result<()> {
        self.into_table().write(out, indent)
    }

    /// Writes these columns' titles, then `records` as they come, as CSV.
    pub fn write_csv(
        &self,
        out: &mut dyn std::io::Write,
        records: impl Iterator<Item = Vec<String>>,
    ) -> std::io::Result<()> {
        super::stream::write_csv(out, &self.header, records)
    }
}
