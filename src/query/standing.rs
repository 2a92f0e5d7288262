//! Where a target stands after the actions on it, and the body hierarchy (`part_of`
//! between actors) that decides whose actions count together.

use crate::index_map::IndexMap;

use petgraph::graph::NodeIndex;
use petgraph::Direction;
use serde::Serialize;

use super::walk::{self, breadth_first, Reached};
use super::{Step, When};
use crate::graph::EdgeView;
use crate::graph::SanctionsGraph;
use crate::model::{Effect, NodeKind, RelationKind};

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
    let ancestry = Hierarchy::new(graph, when).above(node);
    (0..ancestry.len())
        .map(|k| (ancestry.body(k), ancestry.chain(k)))
        .collect()
}

/// The bodies a node belongs to, nearest first. Each body keeps only its last step and
/// the body below it, so a hierarchy of depth H takes O(H) memory, not O(H²); a chain is
/// rebuilt when one is asked for.
#[derive(Debug, Clone, Default)]
pub struct Ancestry {
    /// Each body above, with the `part_of` step from it down to the body below it on the way.
    found: Vec<Reached<Step>>,
}

impl Ancestry {
    /// How many bodies are above the node.
    pub fn len(&self) -> usize {
        self.found.len()
    }

    /// Whether the node belongs to no body.
    pub fn is_empty(&self) -> bool {
        self.found.is_empty()
    }

    /// The `k`-th body above the node, nearest first.
    pub fn body(&self, k: usize) -> NodeIndex {
        self.found[k].node
    }

    /// The bodies above the node, nearest first.
    pub fn bodies(&self) -> impl Iterator<Item = NodeIndex> + '_ {
        self.found.iter().map(|above| above.node)
    }

    /// The number of `part_of` steps from the `k`-th body down to the node.
    pub fn hops(&self, k: usize) -> usize {
        self.found[k].hops
    }

    /// The `part_of` steps from the `k`-th body down to the node, top first.
    pub fn chain(&self, k: usize) -> Vec<Step> {
        walk::chain(&self.found, k)
    }
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

    /// The bodies `node` belongs to, nearest first, each with the way down to `node`.
    ///
    /// # Complexity
    /// O(H + R) for the H bodies above `node` and the R `part_of` relations among them.
    pub fn above(&mut self, node: NodeIndex) -> Ancestry {
        let found = breadth_first([node], |child| {
            self.parents(child)
                .into_iter()
                .map(|step| (step.from, step))
        });
        Ancestry { found }
    }
}

/// The bodies that belong to `node`, at any depth (the United States: the Treasury, OFAC,
/// the Commerce Department, BIS, ...).
pub fn bodies_below(graph: &SanctionsGraph, node: NodeIndex, when: When) -> Vec<NodeIndex> {
    let children = |parent| {
        graph
            .relations_of(parent, Direction::Incoming)
            .filter_map(move |edge| {
                let (child, _) = graph.edge_ends(edge);
                is_body_link(graph, graph.edge_at(edge), [child, parent], when)
                    .then_some((child, ()))
            })
    };
    breadth_first([node], children)
        .into_iter()
        .map(|below| below.node)
        .collect()
}

/// The authority a body acts for: the topmost body above it (OFAC and BIS act for the
/// United States), or the node itself when it belongs to none. Of several tops, the one
/// with the smallest id.
pub fn authority(graph: &SanctionsGraph, node: NodeIndex, when: When) -> NodeIndex {
    let mut hierarchy = Hierarchy::new(graph, when);
    let above = hierarchy.above(node);
    above
        .bodies()
        .filter(|&body| hierarchy.parents(body).is_empty())
        .min_by(|&a, &b| graph.node_id(a).cmp(graph.node_id(b)))
        .unwrap_or(node)
}
