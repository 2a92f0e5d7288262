//! petgraph's visitor traits for [`SanctionsGraph`], so that petgraph's traversals
//! (`Bfs`, `Dfs`, `dijkstra`, ...) run on the columns directly.

use petgraph::graph::{EdgeIndex, NodeIndex};
use petgraph::visit::{
    GraphBase, IntoNeighbors, IntoNeighborsDirected, NodeCount, NodeIndexable, Visitable,
};
use petgraph::Direction;

use super::store::Section;
use super::SanctionsGraph;

/// The nodes at the other end of a node's edges, one per edge, newest edge first.
#[derive(Debug, Clone)]
pub struct Neighbors<'g> {
    graph: &'g SanctionsGraph,
    edges: std::slice::Iter<'g, u32>,
    ends: Section,
}

impl Iterator for Neighbors<'_> {
    type Item = NodeIndex;

    fn next(&mut self) -> Option<NodeIndex> {
        let &edge = self.edges.next()?;
        let end = self.graph.store.word(self.ends, edge as usize);
        Some(NodeIndex::new(end as usize))
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.edges.size_hint()
    }
}

impl SanctionsGraph {
    /// The nodes at the other end of the edges leaving (`Outgoing`) or entering
    /// (`Incoming`) a node: one per edge, so a node linked twice comes twice.
    pub fn neighbors_directed(&self, node: NodeIndex, direction: Direction) -> Neighbors<'_> {
        let (offsets, items, ends) = match direction {
            Direction::Outgoing => (Section::OutOffsets, Section::Out, Section::EdgeTo),
            Direction::Incoming => (Section::InOffsets, Section::In, Section::EdgeFrom),
        };
        Neighbors {
            graph: self,
            edges: self.store.adjacent(offsets, items, node.index()).iter(),
            ends,
        }
    }
}

impl GraphBase for SanctionsGraph {
    type NodeId = NodeIndex;
    type EdgeId = EdgeIndex;
}

impl NodeCount for &SanctionsGraph {
    fn node_count(&self) -> usize {
        SanctionsGraph::node_count(self)
    }
}

impl NodeIndexable for &SanctionsGraph {
    fn node_bound(&self) -> usize {
        SanctionsGraph::node_count(self)
    }

    fn to_index(&self, node: NodeIndex) -> usize {
        node.index()
    }

    fn from_index(&self, index: usize) -> NodeIndex {
        NodeIndex::new(index)
    }
}

impl Visitable for &SanctionsGraph {
    type Map = fixedbitset::FixedBitSet;

    fn visit_map(&self) -> Self::Map {
        fixedbitset::FixedBitSet::with_capacity(SanctionsGraph::node_count(self))
    }

    fn reset_map(&self, map: &mut Self::Map) {
        map.clear();
        map.grow(SanctionsGraph::node_count(self));
    }
}

impl<'g> IntoNeighbors for &'g SanctionsGraph {
    type Neighbors = Neighbors<'g>;

    fn neighbors(self, node: NodeIndex) -> Neighbors<'g> {
        self.neighbors_directed(node, Direction::Outgoing)
    }
}

impl<'g> IntoNeighborsDirected for &'g SanctionsGraph {
    type NeighborsDirected = Neighbors<'g>;

    fn neighbors_directed(self, node: NodeIndex, direction: Direction) -> Neighbors<'g> {
        SanctionsGraph::neighbors_directed(self, node, direction)
    }
}
