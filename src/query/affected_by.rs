//! The reverse of `affects`: the commodities one actor's actions reach.

use std::collections::BTreeSet;

use petgraph::graph::NodeIndex;
use petgraph::visit::EdgeRef;
use petgraph::Direction;

use super::influence::{narrower_headings, reached_from};
use super::standing::bodies_below;
use super::{affects, Affect, When};
use crate::graph::SanctionsGraph;
use crate::model::{Effect, NodeKind};

/// One commodity an actor reaches, with the actor's entry in [`affects()`] for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reach {
    /// The commodity.
    pub commodity: NodeIndex,
    /// The actor's net effect, chain and targets for that commodity.
    pub affect: Affect,
}

/// Every commodity that `actor`'s actions, or those of the bodies that belong to it,
/// reach at `when`.
///
/// # Arguments
/// * `graph`: the graph.
/// * `actor`: the actor node.
/// * `when`: which actions and relations count.
///
/// # Returns
/// One [`Reach`] per commodity, sorted like [`affects()`]: by effect, then hops, then
/// commodity id. The entry for each commodity is exactly the actor's entry in
/// `affects(commodity)`, so the two queries always agree.
///
/// # Complexity
/// A forward search over economic ties from the targets of the actor's actions finds the
/// candidate commodities, O(V' + E'); then one [`affects()`] run per candidate,
/// O(C · (V + E)) for C candidates.
///
/// # Example
/// ```
/// use sanctions_graph::query::{affected_by, When};
///
/// let graph = sanctions_graph::load_builtin().expect("the built-in graph is valid").graph;
/// let ofac = graph.index_of("ofac").unwrap();
/// let reached = affected_by(&graph, ofac, When::Always);
/// let ids: Vec<&str> = reached.iter().map(|r| graph.node_id(r.commodity)).collect();
/// assert!(ids.contains(&"potash"));
/// ```
pub fn affected_by(graph: &SanctionsGraph, actor: NodeIndex, when: When) -> Vec<Reach> {
    let mut acting = bodies_below(graph, actor, when);
    acting.push(actor);
    let mut starts = BTreeSet::new();
    for body in acting {
        for edge in graph.edges_directed(body, Direction::Outgoing) {
            let weight = *edge.weight();
            let Some(kind) = weight.action() else {
                continue;
            };
            if when.edge(weight).is_none() {
                continue;
            }
            if kind.effect() != Effect::Diplomatic {
                starts.insert(edge.target());
            }
            for named in weight.concerns() {
                starts.insert(named);
                starts.extend(narrower_headings(graph, named, when));
            }
        }
    }
    let mut found: Vec<Reach> = reached_from(graph, starts, when)
        .into_iter()
        .filter(|&node| graph.node_kind(node) == NodeKind::Commodity)
        .filter_map(|commodity| {
            affects(graph, commodity, when)
                .into_iter()
                .find(|affect| affect.actor == actor)
                .map(|affect| Reach { commodity, affect })
        })
        .collect();
    found.sort_by(|a, b| {
        (
            a.affect.effect,
            a.affect.hops(),
            &graph.node_at(a.commodity).id(),
        )
            .cmp(&(
                b.affect.effect,
                b.affect.hops(),
                &graph.node_at(b.commodity).id(),
            ))
    });
    found
}
