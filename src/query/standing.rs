//! Where a target stands after the actions on it, and the body hierarchy (`part_of`
//! between actors) that decides whose actions count together.

use std::collections::{HashSet, VecDeque};

use petgraph::graph::{DiGraph, NodeIndex};
use petgraph::visit::EdgeRef;
use petgraph::Direction;
use serde::Serialize;

use super::{Step, When};
use crate::model::{Edge, Effect, Node, NodeKind, RelationKind};

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
    graph: &DiGraph<Node, Edge>,
    edge: &Edge,
    ends: [NodeIndex; 2],
    when: When,
) -> bool {
    edge.relation() == Some(RelationKind::PartOf)
        && ends
            .iter()
            .all(|&end| graph[end].kind != NodeKind::Commodity)
        && when.edge(edge).is_some()
}

/// The bodies `node` belongs to, nearest first, each with the `part_of` steps from that
/// body down to `node` (OFAC: the US Treasury, one step; the United States, two).
pub fn bodies_above(
    graph: &DiGraph<Node, Edge>,
    node: NodeIndex,
    when: When,
) -> Vec<(NodeIndex, Vec<Step>)> {
    let mut found: Vec<(NodeIndex, Vec<Step>)> = Vec::new();
    let mut seen = HashSet::from([node]);
    let mut queue = VecDeque::from([(node, Vec::new())]);
    while let Some((child, chain)) = queue.pop_front() {
        for edge in graph.edges_directed(child, Direction::Outgoing) {
            let parent = edge.target();
            let ends = [child, parent];
            if !is_body_link(graph, edge.weight(), ends, when) || !seen.insert(parent) {
                continue;
            }
            let Some(certainty) = when.edge(edge.weight()) else {
                continue;
            };
            let mut steps = vec![Step {
                edge: edge.id(),
                from: parent,
                to: child,
                forward: false,
                certainty,
            }];
            steps.extend(chain.iter().copied());
            found.push((parent, steps.clone()));
            queue.push_back((parent, steps));
        }
    }
    found
}

/// The bodies that belong to `node`, at any depth (the United States: the Treasury, OFAC,
/// the Commerce Department, BIS, ...).
pub fn bodies_below(graph: &DiGraph<Node, Edge>, node: NodeIndex, when: When) -> Vec<NodeIndex> {
    let mut seen = HashSet::from([node]);
    let mut found = Vec::new();
    let mut queue = VecDeque::from([node]);
    while let Some(parent) = queue.pop_front() {
        for edge in graph.edges_directed(parent, Direction::Incoming) {
            let child = edge.source();
            if is_body_link(graph, edge.weight(), [child, parent], when) && seen.insert(child) {
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
pub fn authority(graph: &DiGraph<Node, Edge>, node: NodeIndex, when: When) -> NodeIndex {
    let above = bodies_above(graph, node, when);
    let has_parent = |body: NodeIndex| {
        graph
            .edges_directed(body, Direction::Outgoing)
            .any(|edge| is_body_link(graph, edge.weight(), [body, edge.target()], when))
    };
    above
        .into_iter()
        .map(|(body, _)| body)
        .filter(|&body| !has_parent(body))
        .min_by(|&a, &b| graph[a].id.cmp(&graph[b].id))
        .unwrap_or(node)
}
