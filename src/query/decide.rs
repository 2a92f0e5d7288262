//! Which measure decides where a target stands on a day, and whether the dates make that
//! certain: a measure dated `2025-12` may fall before or after one dated `2025-12-15`.
//!
//! The rule: a target stands where the latest measure in force puts it (in force: dated on
//! or before the day, and not ended before it); on one day, a relief comes after the
//! restriction it relieves. Every date stands for the interval of days it may be. The
//! standing is *certain* when every choice of days inside those intervals gives the same
//! standing, and *uncertain* otherwise, with every standing some choice gives.

use petgraph::graph::EdgeIndex;

use super::{Certainty, Standing};
use crate::model::{Date, Effect};

/// One measure on a target: when it was taken, when it ends, and what it does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Measure {
    /// Its date.
    pub date: Date,
    /// Its last day in force, when it ends.
    pub until: Option<Date>,
    /// Restrictive, easing or lifting.
    pub effect: Effect,
    /// The edge: the last tie-break, so that the answer never depends on the order of
    /// the input.
    pub edge: EdgeIndex,
}

impl Measure {
    /// The order of measures taken on one day: the later decides; on one day, a relief
    /// after the restriction it relieves; then the edge.
    fn tie(&self) -> (Effect, EdgeIndex) {
        (self.effect, self.edge)
    }

    /// Whether it is in force on `day` whatever days its dates stand for.
    fn certainly_in_force(&self, day: Option<Date>) -> bool {
        let Some(day) = day else {
            return true;
        };
        self.date.certainly_by(day) && self.until.is_none_or(|until| until.certainly_from(day))
    }

    /// Whether it may be in force on `day`.
    fn possibly_in_force(&self, day: Option<Date>) -> bool {
        let Some(day) = day else {
            return true;
        };
        self.date.possibly_by(day) && self.until.is_none_or(|until| until.possibly_from(day))
    }

    /// The latest day it can have been taken and still count on `day`.
    fn latest_day(&self, day: Option<Date>) -> (i32, u8, u8) {
        match day {
            Some(day) => self.date.last_day().min(day.first_day()),
            None => self.date.last_day(),
        }
    }
}

/// Where a measure can fall in the order of measures: a day, then the tie-break.
type OrderKey = ((i32, u8, u8), (Effect, EdgeIndex));

/// Where a target stands, and how surely.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decision {
    /// The measure shown as deciding it: of the measures that can decide it under some
    /// reading of the dates, the latest by first day; the position in the measures given.
    pub decider: usize,
    /// `Certain` when every reading of the dates gives the same standing.
    pub certainty: Certainty,
    /// Every standing some reading of the dates gives, in order; `None` stands for "no
    /// measure in force yet". One element when certain.
    pub possible: Vec<Option<Standing>>,
}

/// Where a target stands on `day` (`None`: with every measure counted, whatever its date)
/// after `measures`, the measures on it that may be in force then. `None` when no measure
/// may be in force.
///
/// # Complexity
/// O(k) for k measures.
pub fn decide(measures: &[Measure], day: Option<Date>) -> Option<Decision> {
    let counted = |m: &&Measure| m.possibly_in_force(day);
    measures.iter().find(counted)?;
    // The two latest of the measures certainly in force, by the earliest day each can
    // be: a measure can decide only if no other certainly in force is certainly later.
    let mut top: [Option<(usize, OrderKey)>; 2] = [None, None];
    for (at, m) in measures.iter().enumerate() {
        if !m.certainly_in_force(day) {
            continue;
        }
        let key = (m.date.first_day(), m.tie());
        if top[0].is_none_or(|(_, best)| key > best) {
            top[1] = top[0];
            top[0] = Some((at, key));
        } else if top[1].is_none_or(|(_, second)| key > second) {
            top[1] = Some((at, key));
        }
    }
    let mut possible: Vec<Option<Standing>> = Vec::new();
    // The decider shown is the latest, by its first day, of the measures that can decide:
    // never one that some other measure certainly follows.
    let mut decider: Option<usize> = None;
    for (at, m) in measures.iter().enumerate() {
        if !counted(&m) {
            continue;
        }
        let rival = match top {
            [Some((first, _)), second] if first == at => second,
            [first, _] => first,
        };
        let own = (m.latest_day(day), m.tie());
        if rival.is_none_or(|(_, key)| key <= own) {
            possible.push(Standing::after(m.effect));
            let later =
                |best: usize| (m.date, m.tie()) > (measures[best].date, measures[best].tie());
            if decider.is_none_or(later) {
                decider = Some(at);
            }
        }
    }
    if top[0].is_none() {
        possible.push(None);
    }
    possible.sort();
    possible.dedup();
    let certainty = if possible.len() == 1 {
        Certainty::Certain
    } else {
        Certainty::Uncertain
    };
    Some(Decision {
        decider: decider?,
        certainty,
        possible,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> Date {
        text.parse().expect("a valid date")
    }

    fn measure(at: usize, text: &str, effect: Effect) -> Measure {
        Measure {
            date: date(text),
            until: None,
            effect,
            edge: EdgeIndex::new(at),
        }
    }

    #[test]
    fn a_month_dated_ease_after_a_day_dated_sanction_in_that_month_is_uncertain() {
        let measures = [
            measure(0, "2025-12-15", Effect::Restrictive),
            measure(1, "2025-12", Effect::Easing),
        ];
        let decision = decide(&measures, Some(date("2026-01-01"))).expect("in force");
        assert_eq!(decision.certainty, Certainty::Uncertain);
        assert_eq!(
            decision.possible,
            vec![Some(Standing::Restrictive), Some(Standing::Eased)]
        );
    }

    #[test]
    fn a_later_month_dated_measure_of_the_same_effect_leaves_the_standing_certain() {
        let measures = [
            measure(0, "2022-06-03", Effect::Restrictive),
            measure(1, "2022-07", Effect::Restrictive),
        ];
        let decision = decide(&measures, Some(date("2022-07-15"))).expect("in force");
        assert_eq!(decision.certainty, Certainty::Certain);
        assert_eq!(decision.possible, vec![Some(Standing::Restrictive)]);
    }

    #[test]
    fn an_ended_licence_no_longer_eases() {
        let mut licence = measure(1, "2021-08-09", Effect::Easing);
        licence.until = Some(date("2021-12-08"));
        let measures = [measure(0, "2021-08-09", Effect::Restrictive), licence];
        let during = decide(&measures, Some(date("2021-10-01"))).expect("in force");
        assert_eq!(measures[during.decider].effect, Effect::Easing);
        let after = decide(&measures, Some(date("2022-01-01"))).expect("in force");
        assert_eq!(after.possible, vec![Some(Standing::Restrictive)]);
    }

    #[test]
    fn the_decider_shown_is_one_that_can_decide() {
        // A lift dated only by January follows an ease of 1 January under every reading
        // (on one day, a relief that lifts comes after one that eases).
        let measures = [
            measure(0, "2020-01", Effect::Lifting),
            measure(1, "2020-01-01", Effect::Easing),
        ];
        let decision = decide(&measures, Some(date("2020-02-03"))).expect("in force");
        assert_eq!(decision.possible, vec![Some(Standing::Lifted)]);
        assert_eq!(measures[decision.decider].effect, Effect::Lifting);
    }

    #[test]
    fn a_measure_that_may_not_have_happened_yet_may_leave_nothing_in_force() {
        let measures = [measure(0, "2025-11", Effect::Restrictive)];
        let decision = decide(&measures, Some(date("2025-11-15"))).expect("may be in force");
        assert_eq!(decision.possible, vec![None, Some(Standing::Restrictive)]);
    }
}
