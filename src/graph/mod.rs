//! The validated graph: typed nodes and edges stored as flat columns (see the `store` module), with
//! adjacency in both directions, an id order and the query indexes built in, read through
//! [`NodeView`] and [`EdgeView`].
//!
//! The columns are the same bytes in memory and in a compiled file, so a graph loaded from
//! text and a graph opened from a compiled file are the same thing, and opening one is
//! checking it, not rebuilding it.

mod build;
mod check;
mod indexes;
pub(crate) mod store;
mod views;

use std::collections::BTreeMap;
use std::sync::Arc;

use petgraph::graph::{EdgeIndex, NodeIndex};
use petgraph::Direction;
use serde::Serialize;

use crate::model::{Date, Edge, EdgeKind, Node, NodeKind, Origin, Source, SourceId};
pub(crate) use build::{Builder, EdgeParts};
use store::{Section, Store, SOURCE_WORDS};
pub use views::{EdgeView, NodeView};

/// A validated sanctions graph. Queries read it; nothing mutates it after construction.
/// Cloning shares the columns.
#[derive(Debug, Clone)]
pub struct SanctionsGraph {
    store: Arc<Store>,
    /// The names of the files items came from, shared by every origin handed out.
    files: Arc<[Arc<str>]>,
}

impl Default for SanctionsGraph {
    fn default() -> SanctionsGraph {
        SanctionsGraph::new(Vec::new(), Vec::new(), Vec::new())
    }
}

impl SanctionsGraph {
    /// Builds the graph from validated parts. Edges whose ends are unknown are dropped
    /// (validation reports them before this is called); the first node with an id wins.
    pub fn new(nodes: Vec<Node>, edges: Vec<Edge>, sources: Vec<Source>) -> SanctionsGraph {
        SanctionsGraph::from_store(build::build(&nodes, &edges, &sources, &[]))
    }

    /// [`SanctionsGraph::new`], naming the files the parts were loaded from, in load
    /// order: [`SanctionsGraph::files`] lists them even when one holds only sources.
    pub fn with_files(
        nodes: Vec<Node>,
        edges: Vec<Edge>,
        sources: Vec<Source>,
        files: &[&str],
    ) -> SanctionsGraph {
        SanctionsGraph::from_store(build::build(&nodes, &edges, &sources, files))
    }

    /// The graph over columns that are checked (built here, or read and checked by
    /// the store's opening functions).
    pub(crate) fn from_store(store: Store) -> SanctionsGraph {
        let files = store
            .words(Section::Files)
            .iter()
            .map(|&name| Arc::from(store.str(name)))
            .collect();
        SanctionsGraph {
            store: Arc::new(store),
            files,
        }
    }

    /// The bytes of the columns, as a compiled file stores them.
    pub(crate) fn payload(&self) -> std::borrow::Cow<'_, [u8]> {
        self.store.payload()
    }

    /// The names of the files the items came from.
    pub fn files(&self) -> impl Iterator<Item = &str> + '_ {
        self.files.iter().map(|name| &**name)
    }

    fn origin(&self, runs: Section, at: usize, line: u32) -> Origin {
        let runs = self.store.words(runs);
        let run = runs
            .chunks_exact(2)
            .take_while(|run| run[0] as usize <= at)
            .last();
        let file = run
            .and_then(|run| self.files.get(run[1] as usize))
            .cloned()
            .unwrap_or_else(|| Arc::from(""));
        Origin {
            file,
            line: line as usize,
        }
    }

    /// The date the graph's curation is complete to, when its files declare one: answers
    /// about later dates may miss events.
    pub fn complete_to(&self) -> Option<Date> {
        self.store
            .words(Section::Meta)
            .get(4)
            .and_then(|&code| Date::from_code(code))
    }

    /// The number of nodes.
    pub fn node_count(&self) -> usize {
        self.store.bytes(Section::NodeKind).len()
    }

    /// The number of edges.
    pub fn edge_count(&self) -> usize {
        self.store.bytes(Section::EdgeKind).len()
    }

    /// The id of the node at an index (empty past the last node).
    pub fn node_id(&self, index: NodeIndex) -> &str {
        self.store
            .str(self.store.word(Section::NodeId, index.index()))
    }

    /// The kind of the node at an index.
    pub fn node_kind(&self, index: NodeIndex) -> NodeKind {
        let code = self.store.bytes(Section::NodeKind).get(index.index());
        code.and_then(|&code| NodeKind::from_code(code))
            .unwrap_or(NodeKind::Country)
    }

    /// The kind of the edge at an index.
    pub fn edge_kind(&self, index: EdgeIndex) -> EdgeKind {
        let code = self.store.bytes(Section::EdgeKind).get(index.index());
        code.and_then(|&code| EdgeKind::from_code(code & !store::UNVERIFIED))
            .unwrap_or(EdgeKind::Action(crate::model::ActionKind::Sanction))
    }

    /// The two ends of the edge at an index: (from, to).
    pub fn edge_ends(&self, index: EdgeIndex) -> (NodeIndex, NodeIndex) {
        let end = |section| NodeIndex::new(self.store.word(section, index.index()) as usize);
        (end(Section::EdgeFrom), end(Section::EdgeTo))
    }

    /// The date that orders the edge at an index: an action's date, a relation's start.
    pub fn edge_date(&self, index: EdgeIndex) -> Option<Date> {
        Date::from_code(self.store.word(Section::EdgeDate, index.index()))
    }

    /// The index of a node id: a binary search of the id order.
    pub fn index_of(&self, id: &str) -> Option<NodeIndex> {
        let by_id = self.store.words(Section::ById);
        by_id
            .binary_search_by(|&at| self.node_id(NodeIndex::new(at as usize)).cmp(id))
            .ok()
            .map(|found| NodeIndex::new(by_id[found] as usize))
    }

    /// The node with this id.
    pub fn node(&self, id: &str) -> Option<NodeView<'_>> {
        self.index_of(id).map(|index| self.node_at(index))
    }

    /// The node at an index.
    pub fn node_at(&self, index: NodeIndex) -> NodeView<'_> {
        NodeView { graph: self, index }
    }

    /// The edge at an index.
    pub fn edge_at(&self, index: EdgeIndex) -> EdgeView<'_> {
        EdgeView { graph: self, index }
    }

    /// Every node, sorted by id.
    pub fn nodes(&self) -> impl Iterator<Item = NodeView<'_>> + '_ {
        self.store
            .words(Section::ById)
            .iter()
            .map(|&at| self.node_at(NodeIndex::new(at as usize)))
    }

    /// Every node index, in load order.
    pub fn node_indices(&self) -> impl Iterator<Item = NodeIndex> {
        (0..self.node_count()).map(NodeIndex::new)
    }

    /// Every edge index, in load order.
    pub fn edge_indices(&self) -> impl Iterator<Item = EdgeIndex> {
        (0..self.edge_count()).map(EdgeIndex::new)
    }

    /// Every node id, sorted.
    pub fn ids(&self) -> impl Iterator<Item = &str> + '_ {
        self.nodes().map(|node| node.id())
    }

    /// Every edge, in load order.
    pub fn edges(&self) -> impl Iterator<Item = EdgeView<'_>> + '_ {
        (0..self.edge_count()).map(|at| self.edge_at(EdgeIndex::new(at)))
    }

    fn indexes(items: &[u32]) -> impl Iterator<Item = EdgeIndex> + '_ {
        items.iter().map(|&at| EdgeIndex::new(at as usize))
    }

    /// Every edge leaving (`Outgoing`) or entering (`Incoming`) a node, newest first.
    pub fn edges_directed(
        &self,
        index: NodeIndex,
        direction: Direction,
    ) -> impl Iterator<Item = EdgeView<'_>> + '_ {
        let (offsets, items) = match direction {
            Direction::Outgoing => (Section::OutOffsets, Section::Out),
            Direction::Incoming => (Section::InOffsets, Section::In),
        };
        Self::indexes(self.store.adjacent(offsets, items, index.index())).map(|at| self.edge_at(at))
    }

    /// The nodes at the other end of the edges leaving (`Outgoing`) or entering
    /// (`Incoming`) a node, newest edge first: one per edge, so a node linked twice comes
    /// twice.
    pub fn neighbors_directed(
        &self,
        index: NodeIndex,
        direction: Direction,
    ) -> impl Iterator<Item = NodeIndex> + '_ {
        let (offsets, items, ends) = match direction {
            Direction::Outgoing => (Section::OutOffsets, Section::Out, Section::EdgeTo),
            Direction::Incoming => (Section::InOffsets, Section::In, Section::EdgeFrom),
        };
        let store = &self.store;
        store
            .adjacent(offsets, items, index.index())
            .iter()
            .map(move |&edge| NodeIndex::new(store.word(ends, edge as usize) as usize))
    }

    /// The number of edges leaving or entering a node.
    pub fn degree(&self, index: NodeIndex, direction: Direction) -> usize {
        let (offsets, items) = match direction {
            Direction::Outgoing => (Section::OutOffsets, Section::Out),
            Direction::Incoming => (Section::InOffsets, Section::In),
        };
        self.store.adjacent(offsets, items, index.index()).len()
    }

    /// The actions that name this node in their `concerns`, in load order.
    pub fn actions_naming(&self, index: NodeIndex) -> impl Iterator<Item = EdgeIndex> + '_ {
        Self::indexes(
            self.store
                .adjacent(Section::NamingOffsets, Section::Naming, index.index()),
        )
    }

    /// The standing relations leaving (`Outgoing`) or entering (`Incoming`) a node, in load
    /// order; its actions are left out.
    pub fn relations_of(
        &self,
        index: NodeIndex,
        direction: Direction,
    ) -> impl Iterator<Item = EdgeIndex> + '_ {
        let (offsets, items) = match direction {
            Direction::Outgoing => (Section::OutRelOffsets, Section::OutRel),
            Direction::Incoming => (Section::InRelOffsets, Section::InRel),
        };
        Self::indexes(self.store.adjacent(offsets, items, index.index()))
    }

    fn source_at(&self, row: &[u32]) -> Source {
        let store = &self.store;
        let text = |at: usize| store.opt_str(row[at]).map(str::to_owned);
        Source {
            id: SourceId::new(store.str(row[0])),
            publisher: store.str(row[1]).to_owned(),
            title: text(2),
            description: text(3),
            date: Date::from_code(row[4]),
            url: text(5),
            language: text(6),
            identifier: text(7),
        }
    }

    fn source_rows(&self) -> std::slice::ChunksExact<'_, u32> {
        self.store
            .words(Section::Sources)
            .chunks_exact(SOURCE_WORDS)
    }

    /// A source by id: a binary search of the sources, which are stored sorted.
    pub fn source(&self, id: &str) -> Option<Source> {
        let rows = self.store.words(Section::Sources);
        let id_of = |at: usize| self.store.str(rows[at * SOURCE_WORDS]);
        let (mut low, mut high) = (0, self.source_count());
        while low < high {
            let middle = low + (high - low) / 2;
            match id_of(middle).cmp(id) {
                std::cmp::Ordering::Less => low = middle + 1,
                std::cmp::Ordering::Greater => high = middle,
                std::cmp::Ordering::Equal => {
                    let row = &rows[middle * SOURCE_WORDS..(middle + 1) * SOURCE_WORDS];
                    return Some(self.source_at(row));
                }
            }
        }
        None
    }

    /// Every source, sorted by id.
    pub fn sources(&self) -> impl Iterator<Item = Source> + '_ {
        self.source_rows().map(|row| self.source_at(row))
    }

    /// The number of sources.
    pub fn source_count(&self) -> usize {
        self.source_rows().len()
    }

    /// The edges leaving (`Outgoing`) or entering (`Incoming`) a node, in date order (undated
    /// relations first), then by kind and other end.
    pub fn edges_of(&self, index: NodeIndex, direction: Direction) -> Vec<EdgeView<'_>> {
        let mut edges: Vec<EdgeView<'_>> = self.edges_directed(index, direction).collect();
        edges.sort_by(|a, b| {
            (a.sort_date(), a.kind(), a.from(), a.to()).cmp(&(
                b.sort_date(),
                b.kind(),
                b.from(),
                b.to(),
            ))
        });
        edges
    }

    /// Counts and date range, for `sgraph check`.
    pub fn summary(&self) -> Summary {
        let mut summary = Summary {
            nodes: self.node_count(),
            edges: self.edge_count(),
            sources: self.source_count(),
            ..Summary::default()
        };
        let mut node_counts = [0usize; 256];
        for &code in self.store.bytes(Section::NodeKind) {
            node_counts[usize::from(code)] += 1;
        }
        for (code, &count) in node_counts.iter().enumerate() {
            if let Some(kind) = NodeKind::from_code(code as u8).filter(|_| count > 0) {
                summary.nodes_by_kind.insert(kind, count);
            }
        }
        let mut edge_counts = [0usize; 256];
        for &code in self.store.bytes(Section::EdgeKind) {
            edge_counts[usize::from(code & !store::UNVERIFIED)] += 1;
        }
        for (code, &count) in edge_counts.iter().enumerate() {
            if let Some(kind) = EdgeKind::from_code(code as u8).filter(|_| count > 0) {
                summary.edges_by_kind.insert(kind, count);
            }
        }
        let dates = self
            .edges()
            .filter(|edge| edge.kind().is_action())
            .filter_map(|edge| edge.sort_date());
        for date in dates {
            summary.first_action = Some(summary.first_action.map_or(date, |d| d.min(date)));
            summary.last_action = Some(summary.last_action.map_or(date, |d| d.max(date)));
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
