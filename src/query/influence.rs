//! How the effect of an action travels towards a commodity: along economic relations only,
//! each in the direction a sanction's consequences flow.
//!
//! * `produces`, `exports`: from the producer or exporter to the commodity.
//! * `owns`, `operates`: from the owner or operator to what it owns or operates (blocking
//!   an owner reaches what it owns).
//! * `carries`: from a vessel, aircraft or carrier to the commodity it carries (a sanction
//!   on a tanker reaches the crude oil it carries).
//! * `subsidiary_of`: from the parent to the subsidiary, like ownership.
//! * `sells_through`: from the trading company back to the producer whose output it
//!   sells (a sanction on the trader closes the producer's channel).
//! * `part_of` between two commodities: from the narrower heading to the wider one
//!   (potassium chloride is part of potash, so what reaches potassium chloride reaches
//!   potash). `part_of` between actors is the body hierarchy, not an economic tie.
//!
//! Political relations (`leads`, `envoy_of`, `allied_with`, `member_of`) never carry an
//! effect: a sanction on a head of state does not by itself restrict his country's exports.

use crate::index_map::{IndexMap, IndexSet};

use petgraph::graph::{EdgeIndex, NodeIndex};
use petgraph::Direction;

use super::walk::{self, breadth_first};
use super::{Step, When};
use crate::graph::SanctionsGraph;
use crate::model::{NodeKind, RelationKind};

/// Whether an edge carries an effect, and which way: `Some(true)` from its `from` to its
/// `to`, `Some(false)` from its `to` to its `from`, `None` not at all.
pub fn carries(graph: &SanctionsGraph, edge: EdgeIndex) -> Option<bool> {
    let (source, target) = graph.edge_ends(edge);
    match graph.edge_at(edge).relation()? {
        RelationKind::Produces
        | RelationKind::Exports
        | RelationKind::Owns
        | RelationKind::Operates
        | RelationKind::Carries => Some(true),
        RelationKind::SubsidiaryOf | RelationKind::SellsThrough => Some(false),
        RelationKind::PartOf
            if graph.node_kind(source) == NodeKind::Commodity
                && graph.node_kind(target) == NodeKind::Commodity =>
        {
            Some(true)
        }
        _ => None,
    }
}

/// For every node whose actions' effects reach one commodity: how many economic ties lie
/// between it and the commodity, and the first of them.
#[derive(Debug, Clone)]
pub struct Towards {
    commodity: NodeIndex,
    next: IndexMap<NodeIndex, (usize, Option<Step>)>,
}

impl Towards {
    /// Walks economic ties backwards from `commodity`, breadth-first, using only ties that
    /// hold at `when`. O(V' + E') for the nodes and edges reached.
    pub fn measure(graph: &SanctionsGraph, commodity: NodeIndex, when: When) -> Towards {
        let arriving = |node| {
            let incoming = graph.relations_of(node, Direction::Incoming);
            let outgoing = graph.relations_of(node, Direction::Outgoing);
            incoming
                .map(|edge| (edge, true))
                .chain(outgoing.map(|edge| (edge, false)))
                .filter_map(move |(edge, incoming)| {
                    if carries(graph, edge) != Some(incoming) {
                        return None;
                    }
                    let certainty = when.edge(graph.edge_at(edge))?;
                    let (from, to) = graph.edge_ends(edge);
                    let source = if incoming { from } else { to };
                    let step = Step {
                        edge,
                        from: source,
                        to: node,
                        forward: incoming,
                        certainty,
                    };
                    Some((source, step))
                })
        };
        let mut next = IndexMap::from_iter([(commodity, (0, None))]);
        for reached in breadth_first([commodity], arriving) {
            next.insert(reached.node, (reached.hops, Some(reached.via)));
        }
        Towards { commodity, next }
    }

    /// Every node that reaches the commodity, the commodity included, in no set order.
    pub fn nodes(&self) -> impl Iterator<Item = NodeIndex> + '_ {
        self.next.keys().copied()
    }

    /// The commodity measured towards.
    pub fn commodity(&self) -> NodeIndex {
        self.commodity
    }

    /// The number of economic ties from `node` to the commodity, if it reaches it.
    pub fn hops(&self, node: NodeIndex) -> Option<usize> {
        self.next.get(&node).map(|&(hops, _)| hops)
    }

    /// The ties from `node` to the commodity, in order; empty for the commodity itself or a
    /// node that does not reach it.
    pub fn chain(&self, node: NodeIndex) -> Vec<Step> {
        let mut steps = Vec::new();
        let mut node = node;
        while let Some(&(_, Some(step))) = self.next.get(&node) {
            steps.push(step);
            node = step.to;
        }
        steps
    }
}

/// Every node the effects on `starts` reach along economic ties holding at `when`,
/// including the starts. O(V' + E') for the nodes and edges reached.
pub fn reached_from(
    graph: &SanctionsGraph,
    starts: impl IntoIterator<Item = NodeIndex>,
    when: When,
) -> Vec<NodeIndex> {
    let leaving = |node| {
        let outgoing = graph.relations_of(node, Direction::Outgoing);
        let incoming = graph.relations_of(node, Direction::Incoming);
        outgoing
            .map(|edge| (edge, true))
            .chain(incoming.map(|edge| (edge, false)))
            .filter_map(move |(edge, outgoing)| {
                if carries(graph, edge) != Some(outgoing)
                    || when.edge(graph.edge_at(edge)).is_none()
                {
                    return None;
                }
                let (from, to) = graph.edge_ends(edge);
                Some((if outgoing { to } else { from }, ()))
            })
    };
    let mut seen: IndexSet<NodeIndex> = IndexSet::default();
    let mut order: Vec<NodeIndex> = starts.into_iter().filter(|&s| seen.insert(s)).collect();
    let reached = breadth_first(order.clone(), leaving);
    order.extend(reached.into_iter().map(|reached| reached.node));
    order
}

/// The headings that contain a commodity (potash contains potassium chloride), nearest
/// first, each with the `part_of` steps from it down to the commodity; only headings
/// whose `part_of` holds at `when`. O(V' + E') for the headings and edges reached.
pub fn broader_headings(
    graph: &SanctionsGraph,
    commodity: NodeIndex,
    when: When,
) -> IndexMap<NodeIndex, Vec<Step>> {
    let wider = |node| {
        graph
            .relations_of(node, Direction::Outgoing)
            .filter_map(move |edge| {
                let (_, wider) = graph.edge_ends(edge);
                if carries(graph, edge) != Some(true)
                    || graph.node_kind(wider) != NodeKind::Commodity
                {
                    return None;
                }
                let certainty = when.edge(graph.edge_at(edge))?;
                let step = Step {
                    edge,
                    from: wider,
                    to: node,
                    forward: false,
                    certainty,
                };
                Some((wider, step))
            })
    };
    let found = breadth_first([commodity], wider);
    (0..found.len())
        .map(|k| (found[k].node, walk::chain(&found, k)))
        .collect()
}

/// The headings inside a commodity (potassium chloride inside potash), at any depth,
/// whose `part_of` holds at `when`. O(V' + E') for the headings and edges reached.
pub fn narrower_headings(
    graph: &SanctionsGraph,
    commodity: NodeIndex,
    when: When,
) -> Vec<NodeIndex> {
    let narrower = |node| {
        graph
            .relations_of(node, Direction::Incoming)
            .filter_map(move |edge| {
                let (narrower, _) = graph.edge_ends(edge);
                let heading = graph.edge_at(edge).relation() == Some(RelationKind::PartOf)
                    && graph.node_kind(narrower) == NodeKind::Commodity
                    && when.edge(graph.edge_at(edge)).is_some();
                heading.then_some((narrower, ()))
            })
    };
    breadth_first([commodity], narrower)
        .into_iter()
        .map(|inside| inside.node)
        .collect()
}
