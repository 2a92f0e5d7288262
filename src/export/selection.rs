//! What a diagram shows: a set of nodes, a set of edges, and the edges to highlight on a
//! faded context. Each `--focus`, `--commodity`, `--path` and `--as-of` is a way of building
//! or narrowing one.

use std::collections::{BTreeSet, VecDeque};

use petgraph::graph::{EdgeIndex, NodeIndex};

use crate::graph::SanctionsGraph;
use crate::model::Date;
use crate::query::{Certainty, When};

/// The part of a graph a diagram draws.
///
/// Invariant: every edge's two ends are among the nodes, and every highlighted or uncertain
/// edge is among the edges.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Selection {
    nodes: BTreeSet<NodeIndex>,
    edges: BTreeSet<EdgeIndex>,
    highlighted: BTreeSet<EdgeIndex>,
    uncertain: BTreeSet<EdgeIndex>,
    anchors: BTreeSet<NodeIndex>,
}

impl Selection {
    /// Every node and every edge.
    pub fn whole(graph: &SanctionsGraph) -> Selection {
        Selection {
            nodes: graph.node_indices().collect(),
            edges: (0..graph.edge_count()).map(EdgeIndex::new).collect(),
            ..Selection::default()
        }
    }

    /// The nodes at most `depth` edges away from `center`, in either direction, and every
    /// edge between two of them.
    ///
    /// # Arguments
    /// - `center`: the node to start from; it stays in the selection whatever else is
    ///   filtered out later.
    /// - `depth`: how many edges away to go; 0 is the node alone.
    ///
    /// # Complexity
    /// A breadth-first search: O(V + E).
    ///
    /// # Example
    ///
    /// ```
    /// use sanctions_graph::export::Selection;
    ///
    /// let graph = sanctions_graph::load_builtin().expect("the built-in graph is valid").graph;
    /// let center = graph.index_of("bpc").expect("bpc is in the built-in graph");
    /// let selection = Selection::around(&graph, center, 1);
    /// assert!(selection.nodes().any(|index| graph.node_id(index) == "agrorozkvit"));
    /// ```
    pub fn around(graph: &SanctionsGraph, center: NodeIndex, depth: usize) -> Selection {
        Selection::around_all(graph, [center], depth)
    }

    /// The nodes at most `depth` edges away from any of `centers`, and every edge between
    /// two of them; the centers stay whatever is filtered out later. See [`Selection::around`].
    pub fn around_all(
        graph: &SanctionsGraph,
        centers: impl IntoIterator<Item = NodeIndex>,
        depth: usize,
    ) -> Selection {
        let anchors: BTreeSet<NodeIndex> = centers.into_iter().collect();
        let mut nodes = anchors.clone();
        let mut queue: VecDeque<(NodeIndex, usize)> =
            anchors.iter().map(|&center| (center, 0)).collect();
        while let Some((index, distance)) = queue.pop_front() {
            if distance == depth {
                continue;
            }
            let neighbours = graph
                .neighbors_directed(index, petgraph::Direction::Outgoing)
                .chain(graph.neighbors_directed(index, petgraph::Direction::Incoming));
            for next in neighbours {
                if nodes.insert(next) {
                    queue.push_back((next, distance + 1));
                }
            }
        }
        let edges = nodes
            .iter()
            .flat_map(|&node| graph.edges_directed(node, petgraph::Direction::Outgoing))
            .filter(|edge| nodes.contains(&edge.target()))
            .map(|edge| edge.id())
            .collect();
        Selection {
            nodes,
            edges,
            anchors,
            ..Selection::default()
        }
    }

    /// The given edges and their ends, plus the `anchors`, which stay whatever is filtered
    /// out later (the node a question is about).
    pub fn from_edges(
        graph: &SanctionsGraph,
        edges: impl IntoIterator<Item = EdgeIndex>,
        anchors: impl IntoIterator<Item = NodeIndex>,
    ) -> Selection {
        let mut selection = Selection {
            anchors: anchors.into_iter().collect(),
            ..Selection::default()
        };
        selection.nodes.extend(selection.anchors.iter().copied());
        for edge in edges {
            selection.add_edge(graph, edge);
        }
        selection
    }

    /// Adds the edges (and their ends) and marks them highlighted; once any edge is
    /// highlighted, the rest of the diagram is drawn faded.
    pub fn highlight(
        mut self,
        graph: &SanctionsGraph,
        edges: impl IntoIterator<Item = EdgeIndex>,
    ) -> Selection {
        for edge in edges {
            self.add_edge(graph, edge);
            self.highlighted.insert(edge);
        }
        self
    }

    fn add_edge(&mut self, graph: &SanctionsGraph, edge: EdgeIndex) {
        if edge.index() < graph.edge_count() {
            let (from, to) = graph.edge_ends(edge);
            self.nodes.insert(from);
            self.nodes.insert(to);
            self.edges.insert(edge);
        }
    }

    /// Only what stands at `date`, as the queries count it ([`When::AsOf`]): actions dated
    /// on or before it, relations begun by then and not ended. An edge whose date is too
    /// coarse to tell (`2025-11` as of `2025-11-15`) is kept and marked uncertain. Nodes
    /// left without an edge are dropped, except the anchors and nodes that had no edge in
    /// the selection to begin with.
    pub fn as_of(mut self, graph: &SanctionsGraph, date: Date) -> Selection {
        let when = When::AsOf(date);
        let before = self.touched(graph);
        let mut uncertain = BTreeSet::new();
        self.edges
            .retain(|&index| match when.edge(graph.edge_at(index)) {
                Some(Certainty::Certain) => true,
                Some(Certainty::Uncertain) => {
                    uncertain.insert(index);
                    true
                }
                None => false,
            });
        self.uncertain = uncertain;
        self.highlighted.retain(|index| self.edges.contains(index));
        let after = self.touched(graph);
        let anchors = &self.anchors;
        self.nodes.retain(|index| {
            anchors.contains(index) || after.contains(index) || !before.contains(index)
        });
        self
    }

    /// Only the nodes in `keep` and the edges between two of them (a diagram too big to
    /// draw whole, cut down to a part of it).
    pub fn within(mut self, graph: &SanctionsGraph, keep: &BTreeSet<NodeIndex>) -> Selection {
        self.nodes.retain(|index| keep.contains(index));
        self.anchors.retain(|index| keep.contains(index));
        self.edges.retain(|&index| {
            let (from, to) = graph.edge_ends(index);
            keep.contains(&from) && keep.contains(&to)
        });
        let edges = &self.edges;
        self.highlighted.retain(|index| edges.contains(index));
        self.uncertain.retain(|index| edges.contains(index));
        self
    }

    /// The nodes at an end of some selected edge.
    fn touched(&self, graph: &SanctionsGraph) -> BTreeSet<NodeIndex> {
        self.edges
            .iter()
            .map(|&edge| graph.edge_ends(edge))
            .flat_map(|(from, to)| [from, to])
            .collect()
    }

    /// The selected nodes, in index order.
    pub fn nodes(&self) -> impl Iterator<Item = NodeIndex> + '_ {
        self.nodes.iter().copied()
    }

    /// The selected edges, in index order.
    pub fn edges(&self) -> impl Iterator<Item = EdgeIndex> + '_ {
        self.edges.iter().copied()
    }

    /// Whether an edge is highlighted.
    pub fn is_highlighted(&self, index: EdgeIndex) -> bool {
        self.highlighted.contains(&index)
    }

    /// Whether an edge may or may not stand at the date the selection was cut at.
    pub fn is_uncertain(&self, index: EdgeIndex) -> bool {
        self.uncertain.contains(&index)
    }

    /// Whether anything is highlighted, so that the rest is drawn faded.
    pub fn has_highlights(&self) -> bool {
        !self.highlighted.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn builtin() -> SanctionsGraph {
        crate::load_builtin()
            .expect("the built-in graph is valid")
            .graph
    }

    fn ids(graph: &SanctionsGraph, selection: &Selection) -> Vec<String> {
        let mut ids: Vec<String> = selection
            .nodes()
            .map(|index| graph.node_at(index).id().to_string())
            .collect();
        ids.sort();
        ids
    }

    #[test]
    fn depth_zero_is_the_node_alone() {
        let graph = builtin();
        let potash = graph.index_of("potash").expect("potash");
        let selection = Selection::around(&graph, potash, 0);
        assert_eq!(ids(&graph, &selection), ["potash"]);
        assert_eq!(selection.edges().count(), 0);
    }

    #[test]
    fn depth_follows_edges_both_ways() {
        let graph = builtin();
        let agrorozkvit = graph.index_of("agrorozkvit").expect("agrorozkvit");
        let one = Selection::around(&graph, agrorozkvit, 1);
        // agrorozkvit is a subsidiary of bpc (outgoing) and sanctioned by ofac (incoming).
        assert!(ids(&graph, &one).contains(&"bpc".to_owned()));
        assert!(ids(&graph, &one).contains(&"ofac".to_owned()));
        assert!(!ids(&graph, &one).contains(&"us-treasury".to_owned()));
        let two = Selection::around(&graph, agrorozkvit, 2);
        assert!(ids(&graph, &two).contains(&"us-treasury".to_owned()));
    }

    #[test]
    fn as_of_drops_later_actions_and_nodes_left_alone() {
        let graph = builtin();
        let belavia = graph.index_of("belavia").expect("belavia");
        let selection =
            Selection::around(&graph, belavia, 1).as_of(&graph, "2022-12".parse().expect("date"));
        let edges: Vec<String> = selection
            .edges()
            .map(|index| {
                let edge = graph.edge_at(index);
                format!("{} {} {}", edge.from(), edge.kind(), edge.to())
            })
            .collect();
        assert!(edges.contains(&"bis sanction belavia".to_owned()));
        assert!(!edges.iter().any(|edge| edge.starts_with("ofac")));
        assert!(!ids(&graph, &selection).contains(&"ofac".to_owned()));
        assert!(ids(&graph, &selection).contains(&"belavia".to_owned()));
    }

    #[test]
    fn an_edge_that_may_postdate_the_date_is_kept_and_marked() {
        let graph = builtin();
        let lift = |selection: &Selection| {
            selection.edges().find(|&index| {
                let edge = graph.edge_at(index);
                edge.to() == "belavia" && edge.date().is_some_and(|d| d.to_string() == "2025-11-04")
            })
        };
        let november = Selection::whole(&graph).as_of(&graph, "2025-11".parse().expect("date"));
        let lifted = lift(&november).expect("the 4 November delisting may fall in November");
        assert!(november.is_uncertain(lifted));
        let later = Selection::whole(&graph).as_of(&graph, "2025-11-30".parse().expect("date"));
        let lifted = lift(&later).expect("delisted by 30 November");
        assert!(!later.is_uncertain(lifted));
    }

    #[test]
    fn around_several_centers_joins_their_neighbourhoods() {
        let graph = builtin();
        let centers = ["ew-301pj", "potassium-chloride"].map(|id| graph.index_of(id).expect(id));
        let selection = Selection::around_all(&graph, centers, 1);
        let ids = ids(&graph, &selection);
        assert!(ids.contains(&"ofac".to_owned()));
        assert!(ids.contains(&"belaruskali".to_owned()));
        assert!(!ids.contains(&"bpc".to_owned()));
    }

    #[test]
    fn highlighting_adds_the_edges_and_their_ends() {
        let graph = builtin();
        let edge = graph.edge_indices().next().expect("an edge");
        let selection = Selection::default().highlight(&graph, [edge]);
        assert!(selection.has_highlights());
        assert!(selection.is_highlighted(edge));
        assert_eq!(selection.nodes().count(), 2);
    }
}
