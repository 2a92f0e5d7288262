//! The warning for a standing relation given twice (two graphs that both say OFAC is part
//! of the Treasury): the second is counted once, not twice.

use std::collections::HashMap;

use crate::diagnostic::Diagnostic;
use crate::graph::EdgeParts;
use crate::load::Pending;
use crate::model::{Date, EdgeKind, Node};
use crate::source::SourceMap;

use super::ValidateError;

/// What makes two relations the same: kind, ends and dates.
type Key = (EdgeKind, u32, u32, Option<Date>, Option<Date>);

/// The relations seen so far, and every repeat found.
#[derive(Default)]
pub struct Relations<'p> {
    first: HashMap<Key, &'p Pending>,
    repeats: Vec<(&'p Pending, &'p Pending, Key)>,
}

impl<'p> Relations<'p> {
    /// Notes a relation that validated; `true` when the same one was noted before (so the
    /// caller leaves it out). Actions are never repeats: two reports of one kind of
    /// measure on one day may be two measures.
    pub fn is_repeated(&mut self, item: &'p Pending, edge: &EdgeParts<'_>) -> bool {
        if edge.kind.is_action() {
            return false;
        }
        let key = (edge.kind, edge.from, edge.to, edge.date, edge.until);
        match self.first.get(&key) {
            Some(&first) => {
                self.repeats.push((item, first, key));
                true
            }
            None => {
                self.first.insert(key, item);
                false
            }
        }
    }

    /// One warning per repeat, pointing at it and at the first. `nodes` are the graph's
    /// nodes, by position.
    pub fn warnings(self, nodes: &[Node], map: &SourceMap) -> Vec<Diagnostic> {
        let id = |at: u32| {
            nodes
                .get(at as usize)
                .map_or_else(String::new, |node| node.id.to_string())
        };
        self.repeats
            .into_iter()
            .map(|(again, first, (kind, from, to, _, _))| {
                let mut warning = Diagnostic::warning(ValidateError::DuplicateRelation {
                    kind,
                    from: id(from),
                    to: id(to),
                })
                .at(again.item(map).head_span(), "given again here")
                .with_help("remove one of them; their sources can be listed together");
                warning.related.push(crate::diagnostic::Label::new(
                    first.item(map).head_span(),
                    "first given here",
                ));
                warning
            })
            .collect()
    }
}
