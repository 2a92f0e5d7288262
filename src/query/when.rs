//! Which edges count at a date or in a period, keeping each date's precision: an action
//! dated `2025-11` neither certainly happened nor certainly did not by 15 November 2025.

use serde::Serialize;

use crate::graph::EdgeView;
use crate::model::Date;

/// The time a query looks at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum When {
    /// Every edge counts, whatever its date.
    #[default]
    Always,
    /// As of a date: actions dated on or before it; relations begun by then and not ended.
    AsOf(Date),
    /// A period, both ends included: actions dated inside it; relations that held during
    /// some of it.
    Between(Date, Date),
}

/// How sure it is that an edge counts at the queried time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Certainty {
    /// The edge's dates put it inside the queried time.
    Certain,
    /// The edge's dates are too coarse to tell: `2025-11` as of `2025-11-15`.
    Uncertain,
}

impl When {
    /// Whether the edge counts at this time, and how surely; `None` when it does not.
    ///
    /// An action counts as of a date when its date is at least possibly on or before it
    /// ([`Date::possibly_by`]); it is certain when its whole interval is
    /// ([`Date::certainly_by`]). A relation counts unless its `since` is certainly after the
    /// time or its `until` certainly before it.
    pub fn edge(self, edge: EdgeView<'_>) -> Option<Certainty> {
        match (edge.date(), self) {
            // Only an answer as of a date asks whether an action has ended: other walks
            // do not read the end at all.
            (Some(date), When::AsOf(_)) => self.in_force(date, edge.until()),
            (Some(date), _) => self.action(date),
            (None, _) => self.relation(edge.since(), edge.until()),
        }
    }

    /// Whether an action dated `date` that ends `until` counts at this time, and how
    /// surely: as of a date, it must have been taken and not have ended (an expired
    /// licence no longer eases); in a period, it must have been taken in it.
    pub fn in_force(self, date: Date, until: Option<Date>) -> Option<Certainty> {
        let taken = self.action(date)?;
        let (When::AsOf(day), Some(until)) = (self, until) else {
            return Some(taken);
        };
        let lasting = if until.certainly_from(day) {
            Certainty::Certain
        } else if until.possibly_from(day) {
            Certainty::Uncertain
        } else {
            return None;
        };
        Some(taken.max(lasting))
    }

    /// The day the standing of targets is read on: the date asked about, the end of a
    /// period, or `None` with every action counted.
    pub fn day(self) -> Option<Date> {
        match self {
            When::Always => None,
            When::AsOf(day) | When::Between(_, day) => Some(day),
        }
    }

    /// Whether an action dated `date` falls in this time, and how surely.
    pub fn action(self, date: Date) -> Option<Certainty> {
        match self {
            When::Always => Some(Certainty::Certain),
            When::AsOf(day) => by(date, day),
            When::Between(start, end) => {
                // A period runs from its start's first day to its end's last day: `2023..2023`
                // is the whole year, and an end given as a day is that day exactly.
                let inside =
                    date.first_day() >= start.first_day() && date.last_day() <= end.last_day();
                let overlaps =
                    date.last_day() >= start.first_day() && date.first_day() <= end.last_day();
                if inside {
                    Some(Certainty::Certain)
                } else if overlaps {
                    Some(Certainty::Uncertain)
                } else {
                    None
                }
            }
        }
    }

    fn relation(self, since: Option<Date>, until: Option<Date>) -> Option<Certainty> {
        let (first, last) = match self {
            When::Always => return Some(Certainty::Certain),
            When::AsOf(day) => (day, day),
            When::Between(start, end) => (start, end),
        };
        let begun = since.map_or(Some(Certainty::Certain), |since| by(since, last))?;
        let lasting = match until {
            None => Certainty::Certain,
            Some(until) if until.last_day() < first.first_day() => return None,
            Some(until) if until.first_day() >= first.last_day() => Certainty::Certain,
            Some(_) => Certainty::Uncertain,
        };
        Some(begun.max(lasting))
    }
}

/// Whether something dated `date` happened by `day`: certainly, possibly, or not.
fn by(date: Date, day: Date) -> Option<Certainty> {
    if date.certainly_by(day) {
        Some(Certainty::Certain)
    } else if date.possibly_by(day) {
        Some(Certainty::Uncertain)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> Date {
        text.parse().expect("valid date")
    }

    #[test]
    fn a_month_date_is_uncertain_inside_its_month() {
        let as_of = When::AsOf(date("2022-02-15"));
        assert_eq!(as_of.action(date("2022-02")), Some(Certainty::Uncertain));
        assert_eq!(as_of.action(date("2022-01")), Some(Certainty::Certain));
        assert_eq!(as_of.action(date("2022-03")), None);
        assert_eq!(
            When::AsOf(date("2022-02-28")).action(date("2022-02")),
            Some(Certainty::Certain)
        );
    }

    #[test]
    fn a_period_keeps_actions_inside_and_flags_those_straddling_its_ends() {
        let period = When::Between(date("2025-09-12"), date("2025-11-04"));
        assert_eq!(period.action(date("2025-10")), Some(Certainty::Certain));
        assert_eq!(period.action(date("2025-11-04")), Some(Certainty::Certain));
        assert_eq!(period.action(date("2025-09")), Some(Certainty::Uncertain));
        assert_eq!(period.action(date("2025-11-05")), None);
    }

    #[test]
    fn relations_hold_between_since_and_until() {
        let as_of = When::AsOf(date("2025-06-01"));
        assert_eq!(as_of.relation(None, None), Some(Certainty::Certain));
        assert_eq!(as_of.relation(Some(date("2025-11")), None), None);
        assert_eq!(
            as_of.relation(Some(date("2025")), None),
            Some(Certainty::Uncertain)
        );
        assert_eq!(as_of.relation(None, Some(date("2024"))), None);
        assert_eq!(
            as_of.relation(None, Some(date("2025-06"))),
            Some(Certainty::Certain)
        );
        assert_eq!(
            as_of.relation(None, Some(date("2025"))),
            Some(Certainty::Uncertain)
        );
    }
}
