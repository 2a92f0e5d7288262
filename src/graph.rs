//! The validated graph: petgraph's directed graph of nodes and typed edges, with an id index
//! and the sources the edges cite.

use std::collections::{BTreeMap, HashMap};
use std::sync::OnceLock;

use petgraph::graph::{DiGraph, EdgeIndex, NodeIndex};
use petgraph::Direction;
use serde::Serialize;

use crate::model::{Date, Edge, EdgeKind, Node, NodeId, NodeKind, Source, SourceId};

/// A validated sanctions graph. Queries read it; nothing mutates it after construction.
#[derive(Debug, Clone, Default)]
pub struct SanctionsGraph {
    graph: DiGraph<Node, Edge>,
    /// Id to node: a hash map, because a million lookups in a tree of strings cost more
    /// than the rest of building the graph.
    index: HashMap<NodeId, NodeIndex>,
    /// Every node in id order, sorted on first use: only listing needs it, and sorting a
    /// million ids is work a query should not pay for.
    by_id: OnceLock<Vec<NodeIndex>>,
    sources: BTreeMap<SourceId, Source>,
    /// The actions naming each commodity in `concerns`, so that queries need not scan
    /// every edge to find them.
    naming: BTreeMap<NodeIndex, Vec<EdgeIndex>>,
    /// Each node's standing relations, leaving and entering, without its actions: walks
    /// that follow only relations need not step over a hub's thousands of actions.
    relations: Vec<[Vec<EdgeIndex>; 2]>,
}

impl SanctionsGraph {
    /// Builds the graph from validated parts. Edges whose ends are unknown are dropped
    /// (validation reports them before this is called); the first node with an id wins.
    pub fn new(nodes: Vec<Node>, edges: Vec<Edge>, sources: Vec<Source>) -> SanctionsGraph {
        let mut graph = DiGraph::with_capacity(nodes.len(), edges.len());
        let mut index = HashMap::with_capacity(nodes.len());
        for node in nodes {
            if !index.contains_key(node.id.as_str()) {
                let id = node.id.clone();
                index.insert(id, graph.add_node(node));
            }
        }
        for edge in edges {
            let ends = (index.get(edge.from.as_str()), index.get(edge.to.as_str()));
            if let (Some(&from), Some(&to)) = ends {
                graph.add_edge(from, to, edge);
            }
        }
        SanctionsGraph::assemble(graph, index, OnceLock::new(), sources)
    }

    /// Builds the graph from parts that were validated before and stored: edge ends are
    /// node positions and the id order is known, so no id is looked up.
    pub(crate) fn from_positions(
        nodes: Vec<Node>,
        edges: Vec<(usize, usize, Edge)>,
        sources: Vec<Source>,
        by_id: Vec<NodeIndex>,
    ) -> SanctionsGraph {
        let mut graph = DiGraph::with_capacity(nodes.len(), edges.len());
        let mut index = HashMap::with_capacity(nodes.len());
        for node in nodes {
            let id = node.id.clone();
            index.insert(id, graph.add_node(node));
        }
        for (from, to, edge) in edges {
            graph.add_edge(NodeIndex::new(from), NodeIndex::new(to), edge);
        }
        SanctionsGraph::assemble(graph, index, OnceLock::from(by_id), sources)
    }

    /// The graph with the indexes that queries use, whichever way it was built.
    fn assemble(
        graph: DiGraph<Node, Edge>,
        index: HashMap<NodeId, NodeIndex>,
        by_id: OnceLock<Vec<NodeIndex>>,
        sources: Vec<Source>,
    ) -> SanctionsGraph {
        let mut naming: BTreeMap<NodeIndex, Vec<EdgeIndex>> = BTreeMap::new();
        let mut relations = vec![[Vec::new(), Vec::new()]; graph.node_count()];
        for (at, edge) in graph.raw_edges().iter().enumerate() {
            let added = EdgeIndex::new(at);
            if !edge.weight.kind.is_action() {
                relations[edge.source().index()][0].push(added);
                relations[edge.target().index()][1].push(added);
            }
            for commodity in &edge.weight.concerns {
                if let Some(&named) = index.get(commodity.as_str()) {
                    naming.entry(named).or_default().push(added);
                }
            }
        }
        SanctionsGraph {
            graph,
            index,
            by_id,
            sources: sources
                .into_iter()
                .map(|source| (source.id.clone(), source))
                .collect(),
            naming,
            relations,
        }
    }

    fn by_id(&self) -> &[NodeIndex] {
        self.by_id.get_or_init(|| {
            let mut order: Vec<NodeIndex> = self.graph.node_indices().collect();
            order.sort_unstable_by(|&a, &b| self.graph[a].id.cmp(&self.graph[b].id));
            order
        })
    }

    /// The underlying petgraph graph, for algorithms.
    pub fn petgraph(&self) -> &DiGraph<Node, Edge> {
        &self.graph
    }

    /// The index of a node id.
    pub fn index_of(&self, id: &str) -> Option<NodeIndex> {
        self.index.get(id).copied()
    }

    /// The node with this id.
    pub fn node(&self, id: &str) -> Option<&Node> {
        self.index_of(id).map(|index| &self.graph[index])
    }

    /// The node at an index.
    pub fn node_at(&self, index: NodeIndex) -> &Node {
        &self.graph[index]
    }

    /// The edge at an index.
    pub fn edge_at(&self, index: EdgeIndex) -> &Edge {
        &self.graph[index]
    }

    /// Every node, sorted by id.
    pub fn nodes(&self) -> impl Iterator<Item = &Node> + '_ {
        self.by_id().iter().map(|&index| &self.graph[index])
    }

    /// Every node id, sorted.
    pub fn ids(&self) -> impl Iterator<Item = &str> + '_ {
        self.nodes().map(|node| node.id.as_str())
    }

    /// Every edge, in load order.
    pub fn edges(&self) -> impl Iterator<Item = &Edge> + '_ {
        self.graph.edge_weights()
    }

    /// The number of nodes.
    pub fn node_count(&self) -> usize {
        self.graph.node_count()
    }

    /// The number of edges.
    pub fn edge_count(&self) -> usize {
        self.graph.edge_count()
    }

    /// The actions that name this node in their `concerns`, in load order.
    pub fn actions_naming(&self, index: NodeIndex) -> &[EdgeIndex] {
        self.naming.get(&index).map_or(&[], Vec::as_slice)
    }

    /// The standing relations leaving (`Outgoing`) or entering (`Incoming`) a node, in load
    /// order; its actions are left out.
    pub fn relations_of(&self, index: NodeIndex, direction: Direction) -> &[EdgeIndex] {
        let side = match direction {
            Direction::Outgoing => 0,
            Direction::Incoming => 1,
        };
        self.relations
            .get(index.index())
            .map_or(&[], |sides| sides[side].as_slice())
    }

    /// A source by id.
    pub fn source(&self, id: &SourceId) -> Option<&Source> {
        self.sources.get(id)
    }

    /// Every source, sorted by id.
    pub fn sources(&self) -> impl Iterator<Item = &Source> + '_ {
        self.sources.values()
    }

    /// The edges leaving (`Outgoing`) or entering (`Incoming`) a node, in date order (undated
    /// relations first), then by kind and other end.
    pub fn edges_of(&self, index: NodeIndex, direction: Direction) -> Vec<&Edge> {
        let mut edges: Vec<&Edge> = self
            .graph
            .edges_directed(index, direction)
            .map(|edge| edge.weight())
            .collect();
        edges.sort_by(|a, b| {
            (a.sort_date(), a.kind, &a.from, &a.to).cmp(&(b.sort_date(), b.kind, &b.from, &b.to))
        });
        edges
    }

    /// Counts and date range, for `sgraph check`.
    pub fn summary(&self) -> Summary {
        let mut summary = Summary {
            nodes: self.node_count(),
            edges: self.edge_count(),
            sources: self.sources.len(),
            ..Summary::default()
        };
        for node in self.graph.node_weights() {
            *summary.nodes_by_kind.entry(node.kind).or_default() += 1;
        }
        for edge in self.graph.edge_weights() {
            *summary.edges_by_kind.entry(edge.kind).or_default() += 1;
            if let Some(date) = edge.date {
                summary.first_action = Some(summary.first_action.map_or(date, |d| d.min(date)));
                summary.last_action = Some(summary.last_action.map_or(date, |d| d.max(date)));
            }
        }
        summary
    }
}

/// What a graph holds, in numbers.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    /// Number of nodes.
    pub nodes: usize,
    /// Number of edges.
    pub edges: usize,
    /// Number of sources.
    pub sources: usize,
    /// Nodes by kind.
    pub nodes_by_kind: BTreeMap<NodeKind, usize>,
    /// Edges by kind.
    #[serde(serialize_with = "serialize_edge_counts")]
    pub edges_by_kind: BTreeMap<EdgeKind, usize>,
    /// The earliest action date.
    pub first_action: Option<Date>,
    /// The latest action date.
    pub last_action: Option<Date>,
}

fn serialize_edge_counts<S: serde::Serializer>(
    counts: &BTreeMap<EdgeKind, usize>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    serializer.collect_map(counts.iter().map(|(kind, count)| (kind.as_str(), count)))
}
