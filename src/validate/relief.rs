//! The warning for an `ease` or `lift` that no earlier restriction explains.

use crate::diagnostic::Diagnostic;
use crate::graph::EdgeParts;
use crate::load::Pending;
use crate::model::{Date, EdgeKind, Effect, Node};
use crate::source::SourceMap;

use super::ValidateError;

/// Collects, while edges are checked, the first restriction of every target and every
/// relief; only edges that validated are noted.
pub struct Relief<'p> {
    /// The earliest `sanction` or `restrict` of each node, by position.
    first_restriction: Vec<Option<Date>>,
    /// Every easing or lifting, with its item, to point at where it is written.
    reliefs: Vec<(&'p Pending, EdgeKind, u32, Date)>,
}

impl<'p> Relief<'p> {
    /// Nothing noted yet, for a graph of `nodes` nodes.
    pub fn new(nodes: usize) -> Relief<'p> {
        Relief {
            first_restriction: vec![None; nodes],
            reliefs: Vec::new(),
        }
    }

    /// Notes an edge that validated.
    pub fn note(&mut self, item: &'p Pending, edge: &EdgeParts<'_>) {
        let (EdgeKind::Action(kind), Some(date)) = (edge.kind, edge.date) else {
            return;
        };
        match kind.effect() {
            Effect::Restrictive => {
                if let Some(first) = self.first_restriction.get_mut(edge.to as usize) {
                    *first = Some(first.map_or(date, |first| first.min(date)));
                }
            }
            Effect::Easing | Effect::Lifting => {
                self.reliefs.push((item, edge.kind, edge.to, date));
            }
            Effect::Diplomatic => {}
        }
    }

    /// Warns about every easing or lifting whose target no `sanction` or `restrict` dated
    /// on or before it covers. `nodes` are the graph's nodes, by position; `map` holds
    /// the texts the edges were found in.
    pub fn unmatched(self, nodes: &[Node], map: &SourceMap) -> Vec<Diagnostic> {
        let mut problems = Vec::new();
        for (item, kind, target, date) in self.reliefs {
            let covered = self
                .first_restriction
                .get(target as usize)
                .copied()
                .flatten()
                .is_some_and(|first| first.possibly_by(date));
            if covered {
                continue;
            }
            let target = nodes
                .get(target as usize)
                .map_or_else(String::new, |node| node.id.to_string());
            problems.push(
                Diagnostic::warning(ValidateError::ReliefWithoutSanction { kind, target, date })
                    .at(
                        item.item(map).field_span("to"),
                        "nothing restricts this target earlier",
                    )
                    .with_help("add the restriction it relieves, or check the target and the date"),
            );
        }
        problems
    }
}
