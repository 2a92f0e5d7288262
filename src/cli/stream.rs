//! Writing an answer as it goes rather than whole: JSON whose lists are serialized element
//! by element straight to the output, CSV record by record, and the `--limit` cut of a
//! listing (how many entries are shown, of how many, and how to see more).

use std::cell::Cell;
use std::io::{self, Write};

use serde::{Serialize, Serializer};

use super::args::Format;

/// How many entries a table shows when `--limit` is not given: a table is read, and its
/// column widths need every row it shows. JSON and CSV give every entry unless limited.
pub const TABLE_LIMIT: usize = 50;

/// A list serialized from an iterator, element by element, so that the list is never held
/// whole: `serde_json` writes each element to the output as the iterator yields it.
pub struct Seq<I>(Cell<Option<I>>);

/// The items of `items`, serialized as a list when the answer is written.
pub fn seq<I>(items: I) -> Seq<I> {
    Seq(Cell::new(Some(items)))
}

impl<I> Serialize for Seq<I>
where
    I: Iterator,
    I::Item: Serialize,
{
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        // An answer is written once; a second write would find the list already used.
        match self.0.take() {
            Some(items) => serializer.collect_seq(items),
            None => Err(serde::ser::Error::custom("a streamed list is written once")),
        }
    }
}

/// Writes `value` as pretty JSON with a final newline, straight to `out`.
pub fn write_json(out: &mut dyn Write, value: &impl Serialize) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, value).map_err(io::Error::from)?;
    out.write_all(b"\n")
}

/// The part of an answer a `--limit` lets through.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shown {
    /// How many entries are shown.
    pub shown: usize,
    /// How many the answer has.
    pub total: usize,
}

impl Shown {
    /// The entries of an answer of `total` shown with `limit` in `format`: a table shows
    /// [`TABLE_LIMIT`] unless told otherwise, JSON and CSV every entry.
    pub fn of(total: usize, limit: Option<usize>, format: Format) -> Shown {
        let limit = match (limit, format) {
            (Some(limit), _) => limit,
            (None, Format::Table) => TABLE_LIMIT,
            (None, Format::Json | Format::Csv) => usize::MAX,
        };
        Shown {
            shown: total.min(limit),
            total,
        }
    }

    /// Whether some entries are left out.
    pub fn is_cut(self) -> bool {
        self.shown < self.total
    }

    /// The last fields of a listing's JSON answer: `sources`, and `shown` and `total` when
    /// some entries are left out.
    pub fn with_sources<S>(self, sources: S) -> Tail<S> {
        Tail {
            shown: self.is_cut().then_some(self.shown),
            sources,
            total: self.is_cut().then_some(self.total),
        }
    }

    /// `20 of 25435 actors shown; --limit 25435 shows every one`, or nothing when every
    /// entry is shown.
    pub fn note(self, many: &str) -> String {
        if !self.is_cut() {
            return String::new();
        }
        format!(
            "{} of {} {many} shown; --limit {} shows every one\n",
            self.shown, self.total, self.total
        )
    }

    /// The note of a cut table, set apart from what comes before it.
    pub fn table_note(self, many: &str) -> String {
        let note = self.note(many);
        if note.is_empty() {
            note
        } else {
            format!("\n{note}")
        }
    }

    /// The note of a cut CSV answer, for standard error (the CSV itself stays rows only).
    pub fn csv_note(self, many: &str) -> String {
        let note = self.note(many);
        if note.is_empty() {
            note
        } else {
            format!("note: {note}")
        }
    }
}

/// The fields a listing's JSON answer has in common, in their sorted places (flattened
/// into the answer's object): the sources its entries cite, and, when `--limit` left
/// entries out, how many are shown of how many.
#[derive(Serialize)]
pub struct Tail<S> {
    #[serde(skip_serializing_if = "Option::is_none")]
    shown: Option<usize>,
    sources: S,
    #[serde(skip_serializing_if = "Option::is_none")]
    total: Option<usize>,
}

/// Writes a CSV answer: the header, then each record as it comes, control characters
/// escaped as in tables.
pub fn write_csv(
    out: &mut dyn Write,
    header: &[&str],
    records: impl Iterator<Item = Vec<String>>,
) -> io::Result<()> {
    write_record(out, header.iter().map(|title| (*title).to_owned()))?;
    for record in records {
        let width = header.len();
        write_record(
            out,
            record
                .into_iter()
                .chain(std::iter::repeat(String::new()))
                .take(width),
        )?;
    }
    Ok(())
}

fn write_record(out: &mut dyn Write, fields: impl Iterator<Item = String>) -> io::Result<()> {
    for (i, value) in fields.enumerate() {
        if i > 0 {
            out.write_all(b",")?;
        }
        sanctions_graph::export::csv::write_field(&mut &mut *out, &super::table::escaped(value))?;
    }
    out.write_all(b"\r\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_streamed_list_writes_as_a_collected_one() {
        let mut streamed = Vec::new();
        write_json(&mut streamed, &seq(1..4)).expect("a Vec takes every write");
        assert_eq!(
            String::from_utf8(streamed).expect("JSON is UTF-8"),
            format!(
                "{}\n",
                serde_json::to_string_pretty(&vec![1, 2, 3]).expect("numbers serialize")
            )
        );
        let mut empty = Vec::new();
        write_json(&mut empty, &seq(std::iter::empty::<u8>())).expect("a Vec takes every write");
        assert_eq!(empty, b"[]\n");
    }

    #[test]
    fn a_limit_cuts_tables_by_default_and_json_only_when_asked() {
        assert_eq!(Shown::of(80, None, Format::Table).shown, TABLE_LIMIT);
        assert!(!Shown::of(80, None, Format::Json).is_cut());
        assert_eq!(Shown::of(80, Some(20), Format::Csv).shown, 20);
        assert_eq!(
            Shown::of(80, Some(20), Format::Json).note("actors"),
            "20 of 80 actors shown; --limit 80 shows every one\n"
        );
        assert_eq!(Shown::of(3, Some(20), Format::Table).note("actors"), "");
    }
}
