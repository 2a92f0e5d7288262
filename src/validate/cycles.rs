//! The warning for `part_of` relations that go round in a circle: a body part of another
//! that is, through others, part of it.

use std::collections::HashMap;

use crate::diagnostic::Diagnostic;
use crate::graph::EdgeParts;
use crate::load::Pending;
use crate::model::{EdgeKind, Node, RelationKind};
use crate::source::SourceMap;

use super::ValidateError;

/// Collects, while edges are checked, every `part_of` that validated.
#[derive(Default)]
pub struct PartOf<'p> {
    /// (part, whole, the item it is written in), in the order met.
    edges: Vec<(u32, u32, &'p Pending)>,
}

impl<'p> PartOf<'p> {
    /// Notes an edge that validated.
    pub fn note(&mut self, item: &'p Pending, edge: &EdgeParts<'_>) {
        if edge.kind == EdgeKind::Relation(RelationKind::PartOf) {
            self.edges.push((edge.from, edge.to, item));
        }
    }

    /// One warning for each group of nodes that `part_of` joins in a circle (a strongly
    /// connected component of two or more), naming its members by id, at the first
    /// `part_of` met inside it. Dates are not compared: two relations of the circle may
    /// not have held at once, which is why this is a warning.
    pub fn cycles(self, nodes: &[Node], map: &SourceMap) -> Vec<Diagnostic> {
        let component = components(&self.edges);
        let mut members: HashMap<usize, Vec<u32>> = HashMap::new();
        for (&node, &group) in &component {
            members.entry(group).or_default().push(node);
        }
        let mut problems = Vec::new();
        let mut warned = std::collections::HashSet::new();
        for &(part, whole, item) in &self.edges {
            let group = component[&part];
            if group != component[&whole] || members[&group].len() < 2 || !warned.insert(group) {
                continue;
            }
            let mut ids: Vec<String> = members[&group]
                .iter()
                .filter_map(|&node| nodes.get(node as usize))
                .map(|node| format!("`{}`", node.id))
                .collect();
            ids.sort();
            problems.push(
                Diagnostic::warning(ValidateError::PartOfCycle {
                    members: ids.join(", "),
                })
                .at(item.item(map).head_span(), "this `part_of` is on the circle")
                .with_help("a body cannot be part of itself; remove or date the `part_of` that closes the circle"),
            );
        }
        problems
    }
}

/// The strongly connected component of every node on an edge (Kosaraju's two passes,
/// each with an explicit stack, so a long chain costs no call stack).
fn components(edges: &[(u32, u32, &Pending)]) -> HashMap<u32, usize> {
    let mut local: HashMap<u32, usize> = HashMap::new();
    let mut global = Vec::new();
    let mut index = |node: u32, global: &mut Vec<u32>| {
        *local.entry(node).or_insert_with(|| {
            global.push(node);
            global.len() - 1
        })
    };
    let mut out: Vec<Vec<usize>> = Vec::new();
    let mut back: Vec<Vec<usize>> = Vec::new();
    for &(from, to, _) in edges {
        let (from, to) = (index(from, &mut global), index(to, &mut global));
        out.resize(global.len(), Vec::new());
        back.resize(global.len(), Vec::new());
        out[from].push(to);
        back[to].push(from);
    }
    let count = global.len();
    // First pass: the order in which depth-first searches along `out` finish each node.
    let mut finished = Vec::with_capacity(count);
    let mut seen = vec![false; count];
    for start in 0..count {
        if seen[start] {
            continue;
        }
        seen[start] = true;
        let mut stack = vec![(start, 0)];
        while let Some((node, next)) = stack.pop() {
            if let Some(&to) = out[node].get(next) {
                stack.push((node, next + 1));
                if !seen[to] {
                    seen[to] = true;
                    stack.push((to, 0));
                }
            } else {
                finished.push(node);
            }
        }
    }
    // Second pass: along `back`, latest finished first; each search is one component.
    let mut group = vec![usize::MAX; count];
    for (number, &start) in finished.iter().rev().enumerate() {
        if group[start] != usize::MAX {
            continue;
        }
        group[start] = number;
        let mut stack = vec![start];
        while let Some(node) = stack.pop() {
            for &from in &back[node] {
                if group[from] == usize::MAX {
                    group[from] = number;
                    stack.push(from);
                }
            }
        }
    }
    global.into_iter().zip(group).collect()
}
