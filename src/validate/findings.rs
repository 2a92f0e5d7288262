//! What one run of checks writes (problems, the positions an edge cites and names), and
//! the checks of ids, dates and origins every item goes through.

use std::sync::Arc;

use super::ValidateError;
use crate::diagnostic::Diagnostic;
use crate::graph::EdgeParts;
use crate::load::file::EdgeDef;
use crate::load::Item;
use crate::model::{Date, EdgeKind, Origin};
use crate::source::FileSpan;

/// What one run of checks writes: the problems it found, and the positions of what the
/// edge it checked last cites and names. Each thread has its own.
pub(super) struct Findings<'m> {
    /// Each file's name, shared by the origins of its items.
    pub(super) file_names: &'m [Arc<str>],
    /// Today, for the warning about dates after it.
    pub(super) today: Date,
    pub(super) problems: Vec<Diagnostic>,
    /// The positions of the sources the edge being checked cites.
    pub(super) cited: Vec<u32>,
    /// The positions of the commodities the edge being checked names.
    pub(super) named: Vec<u32>,
    /// The explicit action ids met, with where each is written.
    pub(super) action_ids: Vec<(String, FileSpan)>,
}

impl<'m> Findings<'m> {
    pub(super) fn new(file_names: &'m [Arc<str>]) -> Findings<'m> {
        Findings {
            file_names,
            today: crate::model::date::today(),
            problems: Vec::new(),
            cited: Vec::new(),
            named: Vec::new(),
            action_ids: Vec::new(),
        }
    }
}

impl<'m> Findings<'m> {
    /// Where an item was defined: its file and the line its name is on.
    pub(super) fn origin<T>(&mut self, item: &Item<'_, T>) -> Origin {
        let span = item.head_span();
        Origin {
            file: self.file_names[span.file.0].clone(),
            line: item.line(),
        }
    }

    pub(super) fn error(
        &mut self,
        error: ValidateError,
        span: FileSpan,
        label: &str,
    ) -> &mut Diagnostic {
        self.problems.push(Diagnostic::error(error).at(span, label));
        self.problems.last_mut().expect("just pushed")
    }

    /// Reports an id defined again at `again`, pointing at its first definition too.
    pub(super) fn duplicate(&mut self, error: ValidateError, again: FileSpan, first: FileSpan) {
        self.error(error, again, "defined again here")
            .related
            .push(crate::diagnostic::Label::new(first, "first defined here"));
    }

    /// Checks an id; `span` is only asked for when the id is invalid.
    pub(super) fn check_id(&mut self, id: &str, span: impl FnOnce() -> FileSpan) -> bool {
        let valid = id
            .bytes()
            .next()
            .is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
            && id
                .bytes()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || b"-_.".contains(&c));
        if !valid {
            let slug = crate::suggest::slug(id);
            let diagnostic = self.error(
                ValidateError::InvalidId { id: id.to_owned() },
                span(),
                "invalid id",
            );
            if !slug.is_empty() {
                diagnostic.help = Some(format!("write `{slug}`"));
            }
        }
        valid
    }

    /// Warns when `date` lies wholly after today.
    pub(super) fn future(
        &mut self,
        date: Date,
        field: &'static str,
        span: impl FnOnce() -> FileSpan,
    ) {
        if !date.possibly_by(self.today) {
            let today = self.today;
            self.problems.push(
                Diagnostic::warning(ValidateError::FutureDate { field, date, today })
                    .at(span(), "after today")
                    .with_help(
                        "queries list it as scheduled until then; check the year if it is a typo",
                    ),
            );
        }
    }

    pub(super) fn date(&mut self, text: &str, span: impl FnOnce() -> FileSpan) -> Option<Date> {
        match text.parse::<Date>() {
            Ok(date) => Some(date),
            Err(error) => {
                self.error(error.into(), span(), "not a valid date").help = Some(
                    "write YYYY-MM-DD, or YYYY-MM or YYYY when only the month or year is known"
                        .into(),
                );
                None
            }
        }
    }

    /// The parts every edge has, from its item.
    pub(super) fn parts<'p>(
        &mut self,
        item: &Item<'_, EdgeDef<'_>>,
        kind: EdgeKind,
        (from, to): (u32, u32),
    ) -> EdgeParts<'p> {
        let span = item.head_span();
        EdgeParts {
            kind,
            from,
            to,
            date: None,
            until: None,
            instrument: None,
            notes: None,
            id: None,
            unverified: false,
            file: span.file.0 as u32,
            line: item.line() as u32,
        }
    }
}
