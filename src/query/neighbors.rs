//! The nodes within a few edges of a node.

use std::collections::VecDeque;

use crate::index_map::IndexMap;

use petgraph::graph::NodeIndex;

use super::{EdgeFilter, Step};
use crate::graph::SanctionsGraph;

/// A node near the start, and how it was first reached.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Neighbor {
    /// The node.
    pub node: NodeIndex,
    /// Its distance in edges from the start.
    pub depth: usize,
    /// The step that first reached it, from a node one edge closer to the start.
    pub step: Step,
}

/// Every node within `depth` edges of `start` along edges the filter admits.
///
/// # Arguments
/// * `graph`: the graph.
/// * `start`: where to start.
/// * `filter`: which edges count and which way; nodes whose kind `filter.through` refuses
///   are listed but not walked through.
/// * `depth`: the most edges from the start.
///
/// # Returns
/// The nodes, sorted by depth then id, each with the first step (in breadth-first order)
/// that reached it. The start itself is not listed.
///
/// # Complexity
/// Breadth-first search: O(V' + E') for the nodes and edges within `depth`.
///
/// # Example
/// ```
/// use sanctions_graph::query::{neighbors, EdgeFilter, Follow};
///
/// let graph = sanctions_graph::load_builtin().expect("the built-in graph is valid").graph;
/// let ofac = graph.index_of("ofac").unwrap();
/// let filter = EdgeFilter { follow: Follow::Both, ..EdgeFilter::default() };
/// let near = neighbors(&graph, ofac, &filter, 1);
/// assert!(near.iter().any(|n| graph.node_id(n.node) == "us-treasury"));
/// ```
pub fn neighbors(
    graph: &SanctionsGraph,
    start: NodeIndex,
    filter: &EdgeFilter,
    depth: usize,
) -> Vec<Neighbor> {
    let mut reached: IndexMap<NodeIndex, Neighbor> = IndexMap::default();
    let mut queue = VecDeque::from([(start, 0)]);
    while let Some((node, hops)) = queue.pop_front() {
        if hops == depth {
            continue;
        }
        for step in filter.steps(graph, node, filter.follow) {
            if step.to == start || reached.contains_key(&step.to) {
                continue;
            }
            reached.insert(
                step.to,
                Neighbor {
                    node: step.to,
                    depth: hops + 1,
                    step,
                },
            );
            if filter.passes(graph.node_kind(step.to)) {
                queue.push_back((step.to, hops + 1));
            }
        }
    }
    let mut found: Vec<Neighbor> = reached.into_values().collect();
    found.sort_by(|a, b| (a.depth, graph.node_id(a.node)).cmp(&(b.depth, graph.node_id(b.node))));
    found
}
