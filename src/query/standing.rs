//! Where a target stands after the actions on it, and the body hierarchy (`part_of`
//! between actors) that decides whose actions count together.

use std::collections::VecDeque;

use super::index_map::{IndexMap, IndexSet};

use petgraph::graph::NodeIndex;
use petgraph::Direction;
use serde::Serialize;

use super::{Step, When};
use crate::graph::EdgeView;
use crate::model::{Effect, NodeKind, RelationKind};
use crate::SanctionsGraph;

/// Where a target stands with one acting authority.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Standing {
    /// Restricted: sanctioned, listed or banned.
    Restrictive,
    /// Restricted, but dealings are allowed by licence.
    Eased,
    /// The restriction is removed.
    Lifted,
}

impl Standing {
    /// Where a target stands after an action with this effect; `None` for a diplomatic
    /// action, which leaves it where it was.
    pub fn after(effect: Effect) -> Option<Standing> {
        match effect {
            Effect::Restrictive => Some(Standing::Restrictive),
            Effect::Easing => Some(Standing::Eased),
            Effect::Lifting => Some(Standing::Lifted),
            Effect::Diplomatic => None,
        }
    }

    /// The name used in output.
    pub fn as_str(self) -> &'static str {
        match self {
            Standing::Restrictive => "restrictive",
            Standing::Eased => "eased",
            Standing::Lifted => "lifted",
        }
    }
}

impl std::fmt::Display for Standing {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Whether an edge is a `part_of` between actors that holds at `when`: the body
/// hierarchy (OFAC part of the US Treasury), not a commodity heading.
fn is_body_link(
    graph: &SanctionsGraph,
    edge: EdgeView<'_>,
    ends: [NodeIndex; 2],
    when: When,
) -> bool {
    edge.relation() == Some(RelationKind::PartOf)
        && ends
            .iter()
            .all(|&end| graph.node_kind(end) != NodeKind::Commodity)
        && when.edge(edge).is_some()
}

/// The bodies `node` belongs to, nearest first, each with the `part_of` steps from that
/// body down to `node` (OFAC: the US Treasury, one step; the United States, two).
pub fn bodies_above(
    graph: &SanctionsGraph,
    node: NodeIndex,
    when: When,
) -> Vec<(NodeIndex, Vec<Step>)> {
    Hierarchy::new(graph, when).above(node)
}

/// The body hierarchy, read lazily: each node's edges are scanned for `part_of` once,
/// however many walks up the hierarchy pass through it (a country with thousands of
/// actions is the parent of many bodies).
#[derive(Debug)]
pub struct Hierarchy<'g> {
    graph: &'g SanctionsGraph,
    when: When,
    parents: IndexMap<NodeIndex, Vec<Step>>,
}

impl<'g> Hierarchy<'g> {
    /// An empty cache over `graph` at `when`.
    pub fn new(graph: &'g SanctionsGraph, when: When) -> Hierarchy<'g> {
        Hierarchy {
            graph,
            when,
            parents: IndexMap::default(),
        }
    }

    /// The `part_of` steps from each body `node` belongs to directly, down to `node`.
    fn parents(&mut self, node: NodeIndex) -> Vec<Step> {
        let (graph, when) = (self.graph, self.when);
        self.parents
            .entry(node)
            .or_insert_with(|| {
                graph
                    .relations_of(node, Direction::Outgoing)
                    .filter_map(|edge| {
                        let (_, parent) = graph.edge_ends(edge);
                        if !is_body_link(graph, graph.edge_at(edge), [node, parent], when) {
                            return None;
                        }
                        Some(Step {
                            edge,
                            from: parent,
                            to: node,
                            forward: false,
                            certainty: when.edge(graph.edge_at(edge))?,
                        })
                    })
                    .collect()
            })
            .clone()
    }

    /// The bodies `node` belongs to, nearest first, each with the `part_of` steps from
    /// that body down to `node`.
    pub fn above(&mut self, node: NodeIndex) -> Vec<(NodeIndex, Vec<Step>)> {
        let mut found: Vec<(NodeIndex, Vec<Step>)> = Vec::new();
        let mut seen = IndexSet::from_iter([node]);
        let mut queue = VecDeque::from([(node, Vec::new())]);
        while let Some((child, chain)) = queue.pop_front() {
            for step in self.parents(child) {
                if !seen.insert(step.from) {
                    continue;
                }
                let mut steps = vec![step];
                steps.extend(chain.iter().copied());
                found.push((step.from, steps.clone()));
                queue.push_back((step.from, steps));
            }
        }
        found
    }
}

/// The bodies that belong to `node`, at any depth (the United States: the Treasury, OFAC,
/// the Commerce Department, BIS, ...).
pub fn bodies_below(graph: &SanctionsGraph, node: NodeIndex, when: When) -> Vec<NodeIndex> {
    let mut seen = IndexSet::from_iter([node]);
    let mut found = Vec::new();
    let mut queue = VecDeque::from([node]);
    while let Some(parent) = queue.pop_front() {
        for edge in graph.relations_of(parent, Direction::Incoming) {
            let (child, _) = graph.edge_ends(edge);
            if is_body_link(graph, graph.edge_at(edge), [child, parent], when) && seen.insert(child)
            {
                found.push(child);
                queue.push_back(child);
            }
        }
    }
    found
}

/// The authority a body acts for: the topmost body above it (OFAC and BIS act for the
/// United States), or the node itself when it belongs to none. Of several tops, the one
/// with the smallest id.
pub fn authority(graph: &SanctionsGraph, node: NodeIndex, when: When) -> NodeIndex {
    let mut hierarchy = Hierarchy::new(graph, when);
    let above = hierarchy.above(node);
    above
        .into_iter()
        .map(|(body, _)| body)
        .filter(|&body| hierarchy.parents(body).is_empty())
        .min_by(|&a, &b| graph.node_id(a).cmp(graph.node_id(b)))
        .unwrap_or(node)
}
