//! The warning for an `ease` or `lift` that no earlier restriction explains.

use std::collections::BTreeMap;

use crate::diagnostic::Diagnostic;
use crate::load::file::EdgeDef;
use crate::load::Item;
use crate::model::{Date, Edge, Effect};

use super::ValidateError;

/// Warns about every easing or lifting whose target no `sanction` or `restrict` dated on or
/// before it covers. Only edges that validated are considered, each with the item it came
/// from, to point at where the relief is written.
pub fn unmatched_relief(edges: &[(&Item<EdgeDef>, Edge)]) -> Vec<Diagnostic> {
    let mut first_restriction: BTreeMap<&str, Date> = BTreeMap::new();
    for (_, edge) in edges {
        if let (Some(kind), Some(date)) = (edge.action(), edge.date) {
            if kind.effect() == Effect::Restrictive {
                let first = first_restriction.entry(edge.to.as_str()).or_insert(date);
                *first = (*first).min(date);
            }
        }
    }
    let mut problems = Vec::new();
    for (item, edge) in edges {
        let (Some(kind), Some(date)) = (edge.action(), edge.date) else {
            continue;
        };
        if !matches!(kind.effect(), Effect::Easing | Effect::Lifting) {
            continue;
        }
        let covered = first_restriction
            .get(edge.to.as_str())
            .is_some_and(|first| first.possibly_by(date));
        if covered {
            continue;
        }
        problems.push(
            Diagnostic::warning(ValidateError::ReliefWithoutSanction {
                kind: edge.kind,
                target: edge.to.to_string(),
                date,
            })
            .at(
                item.field_span("to"),
                "nothing restricts this target earlier",
            )
            .with_help("add the restriction it relieves, or check the target and the date"),
        );
    }
    problems
}
