//! The entities our own export wrote (they carry `sgraph:kind`): read back as the nodes,
//! edges and sources they were, with their ids, and checked once the input ends, without
//! the mapping's guesses (no authority resolution, no rules, no lift from an `endDate`).

use std::collections::{HashMap, HashSet};

use crate::model::{Edge, EdgeKind, Node, NodeId, NodeKind, Origin, Source, SourceId};

use super::super::ids::{self, Allocator};
use super::super::schemata::{edge_properties, KIND, SOURCE_KIND};
use super::{parse_date, Builder, Entity, ImportStats};

/// What the entities of our export hold, in file order.
#[derive(Debug, Default)]
pub(super) struct Native {
    nodes: Vec<Node>,
    edges: Vec<Edge>,
    sources: Vec<Source>,
}

/// A property's values as written, taken out of the entity.
fn values(entity: &mut Entity<'_>, property: &str) -> Vec<String> {
    entity
        .properties
        .remove(property)
        .unwrap_or_default()
        .into_iter()
        .map(|value| value.0.into_owned())
        .collect()
}

fn first(entity: &mut Entity<'_>, property: &str) -> Option<String> {
    values(entity, property).into_iter().next()
}

impl Builder {
    /// Reads an entity of our export, if `entity` is one; returns whether it was.
    pub(super) fn native(&mut self, entity: &mut Entity<'_>, line: usize) -> bool {
        let Some(kind) = entity.properties.get(KIND).and_then(|kinds| kinds.first()) else {
            return false;
        };
        let kind = kind.0.clone().into_owned();
        let origin = Origin {
            file: self.origin_file.clone(),
            line,
        };
        if kind == SOURCE_KIND {
            self.native_source(entity);
        } else if let Some(kind) = NodeKind::parse(&kind) {
            self.native_node(entity, kind, origin);
        } else if let Some(kind) = EdgeKind::parse(&kind) {
            self.native_edge(entity, kind, origin);
        } else {
            self.invalid(&format!("{}.{KIND}", entity.schema));
            return true;
        }
        Self::count(&mut self.stats.schemata, &entity.schema);
        true
    }

    fn native_node(&mut self, entity: &mut Entity<'_>, kind: NodeKind, origin: Origin) {
        let name = first(entity, "name")
            .or_else(|| entity.caption.take())
            .unwrap_or_else(|| entity.id.clone());
        let mut node = Node::new(
            NodeId::new(ids::from_ftm_id(&entity.id)),
            kind,
            name,
            origin,
        );
        node.aliases = values(entity, "alias");
        node.iso = first(entity, "sgraph:iso");
        node.country = first(entity, "sgraph:country").map(|id| NodeId::new(ids::from_ftm_id(&id)));
        node.role = first(entity, "position").or_else(|| first(entity, "sgraph:role"));
        node.hs = values(entity, "sgraph:hs");
        node.registration =
            first(entity, "imoNumber").or_else(|| first(entity, "registrationNumber"));
        node.notes = first(entity, "notes");
        self.native.nodes.push(node);
    }

    fn native_edge(&mut self, entity: &mut Entity<'_>, kind: EdgeKind, origin: Origin) {
        let [_, from, to, date, since, until] = edge_properties(kind);
        let node_id = |id: String| NodeId::new(ids::from_ftm_id(&id));
        let (Some(from), Some(to)) = (first(entity, from), first(entity, to)) else {
            Self::count(
                &mut self.stats.dropped_edges,
                &format!("{kind} without both ends"),
            );
            return;
        };
        let mut edge = Edge::new(kind, node_id(from), node_id(to), origin);
        edge.date = self.native_date(entity, date);
        edge.since = self.native_date(entity, since);
        edge.until = self.native_date(entity, until);
        edge.concerns = values(entity, "sgraph:concerns")
            .into_iter()
            .map(node_id)
            .collect();
        edge.instrument = first(entity, "program");
        edge.sources = values(entity, "proof")
            .into_iter()
            .map(|id| SourceId::new(ids::from_ftm_id(&id)))
            .collect();
        edge.unverified = first(entity, "sgraph:unverified").as_deref() == Some("true");
        edge.notes = first(entity, "summary");
        edge.id = first(entity, "sgraph:id").map(|id| ids::from_ftm_id(&id));
        self.native.edges.push(edge);
    }

    fn native_date(
        &mut self,
        entity: &mut Entity<'_>,
        property: &str,
    ) -> Option<crate::model::Date> {
        let text = first(entity, property)?;
        let date = parse_date(&text);
        if date.is_none() {
            self.invalid(&format!("{}.{property}", entity.schema));
        }
        date
    }

    fn native_source(&mut self, entity: &mut Entity<'_>) {
        let date = self.native_date(entity, "date");
        self.native.sources.push(Source {
            id: SourceId::new(ids::from_ftm_id(&entity.id)),
            publisher: first(entity, "publisher").unwrap_or_else(|| "unknown".into()),
            title: first(entity, "title"),
            description: first(entity, "description"),
            date,
            url: first(entity, "sourceUrl"),
            identifier: first(entity, "sgraph:identifier"),
            language: first(entity, "language"),
        });
    }
}

impl Native {
    /// Whether the input held no entity of our export.
    pub(super) fn is_empty(&self) -> bool {
        self.nodes.is_empty() && self.edges.is_empty() && self.sources.is_empty()
    }

    /// Takes the ids of the nodes before the mapped entities get theirs: an id given twice
    /// keeps its first definition, the others are dropped and counted.
    pub(super) fn reserve_nodes(&mut self, allocator: &mut Allocator, stats: &mut ImportStats) {
        reserve(&mut self.nodes, |node| node.id.as_str(), allocator, stats);
    }

    /// The same for sources, with the allocator of source ids.
    pub(super) fn reserve_sources(&mut self, allocator: &mut Allocator, stats: &mut ImportStats) {
        reserve(
            &mut self.sources,
            |source| source.id.as_str(),
            allocator,
            stats,
        );
    }

    /// Adds the nodes, edges and sources to those the mapping made, after checking what
    /// they refer to: a country that is not a country or bloc, and a concern or source not
    /// in the input, is left out; an edge whose ends do not fit its kind, or an action
    /// with no date or source, is dropped; each is counted.
    pub(super) fn add_to(
        self,
        nodes: &mut Vec<Node>,
        edges: &mut Vec<Edge>,
        sources: &mut Vec<Source>,
        stats: &mut ImportStats,
    ) {
        let Native {
            nodes: mut native_nodes,
            edges: native_edges,
            sources: native_sources,
        } = self;
        let kinds: HashMap<NodeId, NodeKind> = nodes
            .iter()
            .chain(&native_nodes)
            .map(|node| (node.id.clone(), node.kind))
            .collect();
        for node in &mut native_nodes {
            let fits = node.country.as_ref().is_none_or(|country| {
                matches!(kinds.get(country), Some(NodeKind::Country | NodeKind::Bloc))
            });
            if !fits {
                node.country = None;
                Builder::count(&mut stats.invalid_values, "sgraph:country");
            }
        }
        nodes.extend(native_nodes);
        nodes.sort_by(|a, b| a.id.cmp(&b.id));
        sources.extend(native_sources);
        sources.sort_by(|a, b| a.id.cmp(&b.id));
        let source_ids: HashSet<&SourceId> = sources.iter().map(|source| &source.id).collect();
        let mut kept = Vec::with_capacity(native_edges.len());
        for mut edge in native_edges {
            let before = edge.concerns.len() + edge.sources.len();
            edge.concerns
                .retain(|id| kinds.get(id) == Some(&NodeKind::Commodity));
            edge.sources.retain(|id| source_ids.contains(id));
            if edge.concerns.len() + edge.sources.len() < before {
                Builder::count(
                    &mut stats.invalid_values,
                    "sgraph reference not in the input",
                );
            }
            let (from_kinds, to_kinds) = edge.kind.endpoints();
            let (from, to) = (kinds.get(&edge.from), kinds.get(&edge.to));
            let problem = match (from, to) {
                (None, _) | (_, None) => Some("to an id not in the input".to_owned()),
                (Some(from), Some(to)) if !from_kinds.contains(from) || !to_kinds.contains(to) => {
                    Some(format!("from a {from} to a {to}"))
                }
                _ if edge.kind.is_action() && edge.date.is_none() => Some("without a date".into()),
                _ if edge.kind.is_action() && edge.sources.is_empty() => {
                    Some("without a source".into())
                }
                _ => None,
            };
            if let Some(problem) = problem {
                Builder::count(
                    &mut stats.dropped_edges,
                    &format!("{} {problem}", edge.kind),
                );
                continue;
            }
            kept.push(edge);
        }
        edges.extend(kept);
        // In file order, mapped and ours alike.
        edges.sort_by_key(|edge| edge.origin.line);
    }
}

/// Keeps the items whose id the allocator still had free, taking it.
fn reserve<T>(
    items: &mut Vec<T>,
    id: impl Fn(&T) -> &str,
    allocator: &mut Allocator,
    stats: &mut ImportStats,
) {
    let mut seen = HashSet::new();
    items.retain(|item| {
        let id = id(item);
        if !seen.insert(id.to_owned()) {
            Builder::count(&mut stats.invalid_values, "sgraph id given twice");
            return false;
        }
        allocator.take(id.to_owned());
        true
    });
}
