//! Read-only views of one node or one edge of a [`SanctionsGraph`]: each field is read from
//! the columns when asked for, so a query that needs an edge's kind and ends touches
//! nothing else.

use std::fmt;

use petgraph::graph::{EdgeIndex, NodeIndex};
use serde::Serialize;

use super::store::{Section, EDGE_EXTRA_WORDS, NODE_DETAIL_WORDS, NONE, UNVERIFIED};
use super::SanctionsGraph;
use crate::model::{
    ActionKind, Date, Edge, EdgeKind, Node, NodeId, NodeKind, Origin, RelationKind, SourceId,
};

/// One node of a graph.
#[derive(Clone, Copy)]
pub struct NodeView<'g> {
    pub(super) graph: &'g SanctionsGraph,
    pub(super) index: NodeIndex,
}

impl<'g> NodeView<'g> {
    fn detail(&self, field: usize) -> u32 {
        let store = &self.graph.store;
        let row = store.word(Section::NodeDetail, self.index.index());
        store
            .row(Section::NodeDetails, NODE_DETAIL_WORDS, row)
            .map_or(NONE, |row| row[field])
    }

    fn detail_str(&self, field: usize) -> Option<&'g str> {
        self.graph.store.opt_str(self.detail(field))
    }

    fn detail_list(&self, field: usize) -> Vec<&'g str> {
        let store = &self.graph.store;
        store
            .list(self.detail(field))
            .map(|text| store.str(text))
            .collect()
    }

    /// The node's position in the graph.
    pub fn index(&self) -> NodeIndex {
        self.index
    }

    /// Stable id.
    pub fn id(&self) -> &'g str {
        self.graph.node_id(self.index)
    }

    /// Kind.
    pub fn kind(&self) -> NodeKind {
        self.graph.node_kind(self.index)
    }

    /// Display name.
    pub fn name(&self) -> &'g str {
        let store = &self.graph.store;
        store.str(store.word(Section::NodeName, self.index.index()))
    }

    /// Other names.
    pub fn aliases(&self) -> Vec<&'g str> {
        self.detail_list(0)
    }

    /// ISO 3166-1 code (countries).
    pub fn iso(&self) -> Option<&'g str> {
        self.detail_str(1)
    }

    /// The id of the country of a body, company or person.
    pub fn country(&self) -> Option<&'g str> {
        let country = self.detail(2);
        (country != NONE).then(|| self.graph.node_id(NodeIndex::new(country as usize)))
    }

    /// Office or function (persons).
    pub fn role(&self) -> Option<&'g str> {
        self.detail_str(3)
    }

    /// Harmonized System codes (commodities).
    pub fn hs(&self) -> Vec<&'g str> {
        self.detail_list(4)
    }

    /// Registration mark (aircraft) or IMO number (vessels).
    pub fn registration(&self) -> Option<&'g str> {
        self.detail_str(5)
    }

    /// Free text.
    pub fn notes(&self) -> Option<&'g str> {
        self.detail_str(6)
    }

    /// Where it was defined.
    pub fn origin(&self) -> Origin {
        let line = self.graph.store.word(Section::NodeLine, self.index.index());
        self.graph
            .origin(Section::NodeFiles, self.index.index(), line)
    }

    /// The node as a value of its own.
    pub fn to_node(&self) -> Node {
        Node {
            id: NodeId::new(self.id()),
            kind: self.kind(),
            name: self.name().to_owned(),
            aliases: self.aliases().into_iter().map(str::to_owned).collect(),
            iso: self.iso().map(str::to_owned),
            country: self.country().map(NodeId::new),
            role: self.role().map(str::to_owned),
            hs: self.hs().into_iter().map(str::to_owned).collect(),
            registration: self.registration().map(str::to_owned),
            notes: self.notes().map(str::to_owned),
            origin: self.origin(),
        }
    }
}

impl fmt::Debug for NodeView<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.to_node(), f)
    }
}

impl Serialize for NodeView<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.to_node().serialize(serializer)
    }
}

/// One edge of a graph.
#[derive(Clone, Copy)]
pub struct EdgeView<'g> {
    pub(super) graph: &'g SanctionsGraph,
    pub(super) index: EdgeIndex,
}

impl<'g> EdgeView<'g> {
    fn extra(&self, field: usize) -> u32 {
        let store = &self.graph.store;
        let row = store.word(Section::EdgeExtra, self.index.index());
        store
            .row(Section::EdgeExtras, EDGE_EXTRA_WORDS, row)
            .map_or(NONE, |row| row[field])
    }

    /// The edge's position in the graph (load order).
    pub fn id(&self) -> EdgeIndex {
        self.index
    }

    /// Kind.
    pub fn kind(&self) -> EdgeKind {
        self.graph.edge_kind(self.index)
    }

    /// The action kind, if this is an action.
    pub fn action(&self) -> Option<ActionKind> {
        match self.kind() {
            EdgeKind::Action(kind) => Some(kind),
            EdgeKind::Relation(_) => None,
        }
    }

    /// The relation kind, if this is a relation.
    pub fn relation(&self) -> Option<RelationKind> {
        match self.kind() {
            EdgeKind::Relation(kind) => Some(kind),
            EdgeKind::Action(_) => None,
        }
    }

    /// The actor or subject.
    pub fn source(&self) -> NodeIndex {
        self.graph.edge_ends(self.index).0
    }

    /// The target or object.
    pub fn target(&self) -> NodeIndex {
        self.graph.edge_ends(self.index).1
    }

    /// The id of the actor or subject.
    pub fn from(&self) -> &'g str {
        self.graph.node_id(self.source())
    }

    /// The id of the target or object.
    pub fn to(&self) -> &'g str {
        self.graph.node_id(self.target())
    }

    /// When an action happened (always set for actions, never for relations).
    pub fn date(&self) -> Option<Date> {
        if self.kind().is_action() {
            self.sort_date()
        } else {
            None
        }
    }

    /// Since when a relation holds.
    pub fn since(&self) -> Option<Date> {
        if self.kind().is_action() {
            None
        } else {
            self.sort_date()
        }
    }

    /// Until when a relation held, or the last day an action has effect.
    pub fn until(&self) -> Option<Date> {
        Date::from_code(self.extra(0))
    }

    /// The date that orders this edge in a history: the action's date, or when a relation
    /// began.
    pub fn sort_date(&self) -> Option<Date> {
        self.graph.edge_date(self.index)
    }

    /// When the edge holds, as written in tables and diagrams: an action's date (`X to Y`
    /// when it ends), or a relation's `since X`, `X to Y` or `until Y`; empty for a
    /// relation without dates.
    pub fn period(&self) -> String {
        match (self.date(), self.since(), self.until()) {
            (Some(date), _, Some(until)) => format!("{date} to {until}"),
            (Some(date), _, _) => date.to_string(),
            (None, Some(since), Some(until)) => format!("{since} to {until}"),
            (None, Some(since), None) => format!("since {since}"),
            (None, None, Some(until)) => format!("until {until}"),
            (None, None, None) => String::new(),
        }
    }

    /// The commodities an action names.
    pub fn concerns(&self) -> impl Iterator<Item = NodeIndex> + 'g {
        let store = &self.graph.store;
        store
            .list(store.word(Section::EdgeConcerns, self.index.index()))
            .map(|node| NodeIndex::new(node as usize))
    }

    /// The ids of the commodities an action names.
    pub fn concern_ids(&self) -> impl Iterator<Item = &'g str> + 'g {
        let graph = self.graph;
        self.concerns().map(move |node| graph.node_id(node))
    }

    /// Programme or legal instrument.
    pub fn instrument(&self) -> Option<&'g str> {
        self.graph.store.opt_str(self.extra(1))
    }

    /// The ids of the sources that report it.
    pub fn sources(&self) -> impl Iterator<Item = &'g str> + 'g {
        let store = &self.graph.store;
        store
            .list(store.word(Section::EdgeSources, self.index.index()))
            .map(|source| store.source_id(source))
    }

    /// Whether no source confirms it yet.
    pub fn unverified(&self) -> bool {
        let kinds = self.graph.store.bytes(Section::EdgeKind);
        kinds
            .get(self.index.index())
            .is_some_and(|code| code & UNVERIFIED != 0)
    }

    /// Free text.
    pub fn notes(&self) -> Option<&'g str> {
        self.graph.store.opt_str(self.extra(2))
    }

    /// An action's explicit id, as written in its file (`"gl-13"`).
    pub fn explicit_id(&self) -> Option<&'g str> {
        self.graph.store.opt_str(self.extra(3))
    }

    /// Where it was defined.
    pub fn origin(&self) -> Origin {
        let line = self.graph.store.word(Section::EdgeLine, self.index.index());
        self.graph
            .origin(Section::EdgeFiles, self.index.index(), line)
    }

    /// The edge as a value of its own.
    pub fn to_edge(&self) -> Edge {
        Edge {
            kind: self.kind(),
            from: NodeId::new(self.from()),
            to: NodeId::new(self.to()),
            date: self.date(),
            since: self.since(),
            until: self.until(),
            concerns: self.concern_ids().map(NodeId::new).collect(),
            instrument: self.instrument().map(str::to_owned),
            sources: self.sources().map(SourceId::new).collect(),
            unverified: self.unverified(),
            notes: self.notes().map(str::to_owned),
            id: self.explicit_id().map(str::to_owned),
            origin: self.origin(),
        }
    }
}

impl fmt::Debug for EdgeView<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.to_edge(), f)
    }
}

impl Serialize for EdgeView<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.to_edge().serialize(serializer)
    }
}

/// An edge view is its own weight, so that code written against petgraph's edge
/// references reads `edge.weight().kind()` as it would on any petgraph graph.
impl<'g> petgraph::visit::EdgeRef for EdgeView<'g> {
    type NodeId = NodeIndex;
    type EdgeId = EdgeIndex;
    type Weight = EdgeView<'g>;

    fn source(&self) -> NodeIndex {
        EdgeView::source(self)
    }

    fn target(&self) -> NodeIndex {
        EdgeView::target(self)
    }

    fn weight(&self) -> &EdgeView<'g> {
        self
    }

    fn id(&self) -> EdgeIndex {
        self.index
    }
}
