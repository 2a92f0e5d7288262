//! Which edges a path may walk and which nodes it may pass through: edge kinds, direction,
//! the kinds of the nodes in the middle, and the time.

use std::collections::BTreeSet;

use petgraph::graph::NodeIndex;
use petgraph::Direction;

use super::{Certainty, Step, When};
use crate::graph::EdgeView;
use crate::graph::SanctionsGraph;
use crate::model::{EdgeKind, NodeKind};

/// Which way a walk may take an edge.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Follow {
    /// From the edge's `from` to its `to` only.
    #[default]
    Out,
    /// From the edge's `to` to its `from` only.
    In,
    /// Either way.
    Both,
}

impl Follow {
    /// The opposite way: what a search walking back from the end must follow.
    pub fn reversed(self) -> Follow {
        match self {
            Follow::Out => Follow::In,
            Follow::In => Follow::Out,
            Follow::Both => Follow::Both,
        }
    }
}

/// The edges and nodes a walk may use.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EdgeFilter {
    /// Edge kinds allowed; `None` allows every kind.
    pub kinds: Option<BTreeSet<EdgeKind>>,
    /// Edge kinds refused, even when `kinds` allows them.
    pub excluded: BTreeSet<EdgeKind>,
    /// Which way edges may be walked.
    pub follow: Follow,
    /// Node kinds allowed in the middle of a walk (never checked at its two ends); `None`
    /// allows every kind.
    pub through: Option<BTreeSet<NodeKind>>,
    /// The time: which dated edges count.
    pub when: When,
}

impl EdgeFilter {
    /// Whether the edge may be walked, and how surely it counts at the queried time.
    pub fn admits(&self, edge: EdgeView<'_>) -> Option<Certainty> {
        let kind = edge.kind();
        let kind_ok = self
            .kinds
            .as_ref()
            .is_none_or(|kinds| kinds.contains(&kind))
            && !self.excluded.contains(&kind);
        if kind_ok {
            self.when.edge(edge)
        } else {
            None
        }
    }

    /// Whether a walk may pass through this node on its way elsewhere.
    pub fn passes(&self, kind: NodeKind) -> bool {
        self.through
            .as_ref()
            .is_none_or(|kinds| kinds.contains(&kind))
    }

    /// The steps a walk may take from `node`, walking the way `follow` says (a search from
    /// the far end passes [`Follow::reversed`] and gets steps towards `node`, still
    /// described from `node`'s side). Steps come in petgraph's adjacency order.
    pub fn steps<'g>(
        &'g self,
        graph: &'g SanctionsGraph,
        node: NodeIndex,
        follow: Follow,
    ) -> impl Iterator<Item = Step> + 'g {
        // `take_while` on a constant ends a side's iterator at once when that direction is
        // not wanted, without walking its edges.
        let out = matches!(follow, Follow::Out | Follow::Both);
        let inward = matches!(follow, Follow::In | Follow::Both);
        let outgoing = graph
            .edges_directed(node, Direction::Outgoing)
            .take_while(move |_| out);
        let incoming = graph
            .edges_directed(node, Direction::Incoming)
            .take_while(move |_| inward);
        outgoing
            .map(|edge| (edge, true))
            .chain(incoming.map(|edge| (edge, false)))
            .filter_map(move |(edge, forward)| {
                let certainty = self.admits(edge)?;
                let other = if forward {
                    edge.target()
                } else {
                    edge.source()
                };
                Some(Step {
                    edge: edge.id(),
                    from: node,
                    to: other,
                    forward,
                    certainty,
                })
            })
    }
}
