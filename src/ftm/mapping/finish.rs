//! Once the input ends: the drafts become values. Each step is its own method, in the
//! order [`Builder::finish`] runs them: links the rules found become edges, referents and
//! authorities are resolved, ids are handed out (countries, commodities, bodies of the
//! table, other authorities, then entities in the sorted order of their FtM ids), each
//! edge's ends are checked against its kind, and the sources cited are built.

use std::collections::btree_map::Entry;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::Arc;

use crate::model::{Edge, EdgeKind, Node, NodeId, NodeKind, Origin, RelationKind};

use super::super::countries;
use super::super::ids::{self, Allocator};
use super::draft::{Field, NodeDraft};
use super::{
    compose_notes, edge_shell, extend_unique, Builder, EdgeDraft, ImportStats, Parts, Ref,
    SourceKey, UNKNOWN_AUTHORITY,
};

/// The kinds a node may be made as when no entity defines it, most likely first.
const PREFERENCE: [NodeKind; 7] = [
    NodeKind::Company,
    NodeKind::Person,
    NodeKind::Body,
    NodeKind::Vessel,
    NodeKind::Aircraft,
    NodeKind::Country,
    NodeKind::Bloc,
];

/// Per FtM id (by number) referenced but not in the input: the kinds each reference
/// allows, and the first line.
type Unresolved = HashMap<u32, (Vec<&'static [NodeKind]>, usize)>;

/// An entity that becomes a node: defined by the input, or only referenced.
enum EntityNode {
    Defined(NodeDraft),
    Referenced(Vec<&'static [NodeKind]>, usize),
}

/// What the resolved edges use: entries of the table and other authorities, with the
/// first line that used each, and commodities of the rules.
#[derive(Default)]
struct Used {
    table: BTreeMap<usize, usize>,
    /// Normalised names, with their numbers.
    authorities: BTreeMap<String, u32>,
    commodities: BTreeMap<usize, usize>,
}

/// Our ids of what the drafts refer to, handed out by one allocator.
#[derive(Default)]
struct Ids<'a> {
    allocator: Allocator,
    countries: BTreeMap<&'a str, NodeId>,
    commodities: HashMap<usize, NodeId>,
    table: HashMap<usize, NodeId>,
    authorities: HashMap<u32, NodeId>,
    entities: HashMap<u32, (NodeId, NodeKind)>,
}

impl Ids<'_> {
    /// The id and kind of an edge's end.
    fn end(&self, end: &Ref) -> (NodeId, NodeKind) {
        match end {
            Ref::Entity(id) => self.entities[id].clone(),
            Ref::Authority(key) => (self.authorities[key].clone(), NodeKind::Body),
            Ref::Table(at) => (self.table[at].clone(), NodeKind::Body),
            Ref::Commodity(at) => (self.commodities[at].clone(), NodeKind::Commodity),
        }
    }
}

/// The entries of a curated list (the rules' commodities, the authorities table) that are
/// used, each with the id it is given and the first line that used it, in the order of the
/// ids they want, so that ids do not depend on the order of lines.
fn curated<'e>(
    used: &BTreeMap<usize, usize>,
    id_of: impl Fn(usize) -> &'e str,
    allocator: &mut Allocator,
) -> Vec<(usize, NodeId, usize)> {
    let mut wanted: Vec<(&str, usize)> = used.keys().map(|&at| (id_of(at), at)).collect();
    wanted.sort_unstable();
    wanted
        .into_iter()
        .map(|(wanted, at)| {
            (
                at,
                NodeId::new(allocator.take(wanted.to_owned())),
                used[&at],
            )
        })
        .collect()
}

/// An edge that passed its checks, with its ends' ids.
pub(super) type Kept = (EdgeDraft, NodeId, NodeId);

impl Builder {
    /// Resolves references, hands out ids, checks each edge's ends and builds the values.
    pub fn finish(mut self) -> (Parts, ImportStats) {
        let mut used = Used {
            commodities: self.link_rules(),
            ..Used::default()
        };
        let mut native = std::mem::take(&mut self.native);
        self.count_unused();
        self.drop_shadowing_referents();
        self.resolve_ends(&mut used);
        self.add_table_parents(&mut used.table);
        let unresolved = self.sort_out_edges();
        // What is left of the drafts is consumed from here on: each is freed once its
        // values are made.
        self.referents = HashMap::new();
        self.unmapped = HashSet::new();
        let drafts = std::mem::take(&mut self.nodes);
        let mut edges = std::mem::take(&mut self.edges);
        // Grown by doubling while reading: give back what is spare for the rest.
        edges.shrink_to_fit();
        let table_key = self.source_keys.id(&SourceKey::Table);
        let mut stats = std::mem::take(&mut self.stats);
        let file: Arc<str> = self.file.as_str().into();
        let origin = |line: usize| Origin {
            file: file.clone(),
            line,
        };
        let mut ids = Ids::default();
        native.reserve_nodes(&mut ids.allocator, &mut stats);
        let mut nodes = Vec::with_capacity(
            self.countries.len()
                + used.commodities.len()
                + used.table.len()
                + used.authorities.len()
                + drafts.len()
                + unresolved.len(),
        );
        self.country_nodes(&mut ids, &mut nodes, &origin);
        self.commodity_nodes(&used.commodities, &mut ids, &mut nodes, &origin);
        self.table_nodes(&used.table, &mut ids, &mut nodes, &origin);
        self.authority_nodes(&used.authorities, &mut ids, &mut nodes, &origin);
        stats
            .unresolved
            .extend(unresolved.keys().map(|&id| self.names.get(id).to_string()));
        self.entity_nodes(drafts, unresolved, &mut ids, &mut nodes, &origin);
        nodes.sort_unstable_by(|a, b| a.id.cmp(&b.id));
        let mut kept = self.table_part_of(&used.table, &ids, table_key);
        self.check_edges(edges, &ids, &mut stats, &mut kept);
        drop(ids);
        self.stats = stats;
        let mut source_allocator = Allocator::default();
        native.reserve_sources(&mut source_allocator, &mut self.stats);
        let (mut sources, source_ids) = self.cited_sources(&kept, source_allocator);
        let mut edges: Vec<Edge> = kept
            .into_iter()
            .map(|(draft, from, to)| {
                let mut edge = Edge::new(draft.kind, from, to, origin(draft.line));
                edge.date = draft.date;
                edge.since = draft.since;
                edge.until = draft.until;
                edge.instrument = draft.instrument;
                edge.notes = draft.notes;
                edge.sources = draft
                    .sources
                    .iter()
                    .filter_map(|&key| source_ids[key as usize].clone())
                    .collect();
                edge
            })
            .collect();
        if !native.is_empty() {
            native.add_to(&mut nodes, &mut edges, &mut sources, &mut self.stats);
        }
        (
            Parts {
                nodes,
                edges,
                sources,
            },
            self.stats,
        )
    }

    /// Turns the links the rules found into edges, each noting the rules and values behind
    /// it; returns the commodities used, with the first line that used each.
    fn link_rules(&mut self) -> BTreeMap<usize, usize> {
        let mut used_commodities = BTreeMap::new();
        for ((target, commodity, relation), (sources, line)) in std::mem::take(&mut self.links) {
            used_commodities.entry(commodity).or_insert(line);
            let notes: Vec<String> = sources
                .iter()
                .filter_map(|key| match key {
                    SourceKey::Rule(at, value) => {
                        let rule = self.rules.rule(*at);
                        Some(format!(
                            "by rule `{}`: {} {value:?}",
                            rule.id, rule.property
                        ))
                    }
                    _ => None,
                })
                .collect();
            let sources = sources.iter().map(|key| self.source_keys.id(key));
            self.edges.push(EdgeDraft {
                kind: EdgeKind::Relation(relation),
                schema: "Rule",
                from: Ref::Entity(self.names.id(target.as_str())),
                to: Ref::Commodity(commodity),
                notes: compose_notes(notes),
                sources: sources.collect(),
                ..edge_shell(line)
            });
        }
        used_commodities
    }

    /// Moves the counts of unused properties into the statistics, as `Schema.property`.
    fn count_unused(&mut self) {
        for (schema, properties) in std::mem::take(&mut self.unused) {
            for (property, count) in properties {
                self.stats
                    .unused_properties
                    .insert(format!("{schema}.{property}"), count);
            }
        }
    }

    /// A referent that is the id of another entity of the input would take over that
    /// entity's edges: it is ignored and reported, never merged.
    fn drop_shadowing_referents(&mut self) {
        let shadowing: Vec<u32> = self
            .referents
            .keys()
            .filter(|id| {
                self.nodes.contains_key(*id)
                    || self.unmapped.contains(*id)
                    || self.documents.contains_key(*id)
            })
            .copied()
            .collect();
        for id in shadowing {
            self.referents.remove(&id);
            let name = self.names.get(id).to_string();
            self.stats.shadowing_referents.insert(name);
        }
    }

    /// Resolves every edge's ends: referents to the entity that claims them, authorities
    /// to a public body of the input named alike, else to the table, else to a body of
    /// their own (counted as unresolved).
    fn resolve_ends(&mut self, used: &mut Used) {
        let mut bodies: HashMap<u32, u32> = HashMap::new();
        let mut body_ids: Vec<(&str, u32, &NodeDraft)> = self
            .nodes
            .iter()
            .filter(|(_, draft)| draft.kind == NodeKind::Body)
            .map(|(&id, draft)| (&**self.names.get(id), id, draft))
            .collect();
        body_ids.sort_by(|a, b| a.0.cmp(b.0));
        // In reverse, so that the smallest id keeps a name two bodies share. Only names
        // some sanction gives as its authority matter.
        for (_, id, draft) in body_ids.into_iter().rev() {
            if let Some(name) = draft.name() {
                if let Some(key) = self.names.find(ids::normalise(name).as_str()) {
                    bodies.insert(key, id);
                }
            }
        }
        for edge in &mut self.edges {
            for end in [&mut edge.from, &mut edge.to] {
                *end = match *end {
                    Ref::Entity(id) => match self.referents.get(&id) {
                        Some(&canonical) => Ref::Entity(canonical),
                        None => Ref::Entity(id),
                    },
                    Ref::Authority(number) => match bodies.get(&number) {
                        Some(&id) => Ref::Entity(id),
                        None => match self.table.resolve(self.names.get(number)) {
                            Some(at) => {
                                used.table.entry(at).or_insert(edge.line);
                                Ref::Table(at)
                            }
                            None => {
                                let key = self.names.get(number);
                                let name = self.authorities[&**key].spellings.iter().next();
                                let name = name.map_or(&**key, String::as_str);
                                // A sanction that names no authority is not counted: there
                                // was nothing to resolve.
                                if name != UNKNOWN_AUTHORITY {
                                    Self::count(&mut self.stats.unresolved_authorities, name);
                                }
                                used.authorities.insert(key.to_string(), number);
                                Ref::Authority(number)
                            }
                        },
                    },
                    other => other,
                };
            }
        }
    }

    /// Adds the bodies the used entries of the table are part of, up their chains, and
    /// the countries of all of them.
    fn add_table_parents(&mut self, used_table: &mut BTreeMap<usize, usize>) {
        let mut pending: Vec<(usize, usize)> = used_table.iter().map(|(&a, &l)| (a, l)).collect();
        while let Some((at, line)) = pending.pop() {
            let entry = self.table.entry(at);
            if let Some(code) = &entry.country {
                self.countries.entry(code.clone()).or_insert(line);
            }
            let parent = entry
                .part_of
                .as_deref()
                .and_then(|id| self.table.entry_by_id(id));
            if let Some(parent) = parent {
                if let Entry::Vacant(vacant) = used_table.entry(parent) {
                    vacant.insert(line);
                    pending.push((parent, line));
                }
            }
        }
    }

    /// Drops the edges to entities of schemata that are not mapped, and gathers the
    /// entities referenced but not in the input at all, which are kept as unresolved
    /// nodes.
    fn sort_out_edges(&mut self) -> Unresolved {
        let mut unresolved = Unresolved::new();
        // In place: the edges are the largest part of what the import holds.
        let mut edges = std::mem::take(&mut self.edges);
        edges.retain(|edge| {
            let unmapped = [&edge.from, &edge.to].into_iter().any(|end| {
                matches!(end, Ref::Entity(id) if self.unmapped.contains(id) && !self.nodes.contains_key(id))
            });
            if unmapped {
                Self::count(
                    &mut self.stats.dropped_edges,
                    &format!(
                        "{} to an entity of a schema that is not mapped",
                        edge.schema
                    ),
                );
                return false;
            }
            let (from_kinds, to_kinds) = edge.kind.endpoints();
            for (end, kinds) in [(&edge.from, from_kinds), (&edge.to, to_kinds)] {
                if let Ref::Entity(id) = end {
                    if !self.nodes.contains_key(id) {
                        let entry = unresolved
                            .entry(*id)
                            .or_insert_with(|| (Vec::new(), edge.line));
                        entry.0.push(kinds);
                    }
                }
            }
            true
        });
        self.edges = edges;
        unresolved
    }

    /// A country node for each code used, named by ISO 3166.
    fn country_nodes<'a>(
        &'a self,
        ids: &mut Ids<'a>,
        nodes: &mut Vec<Node>,
        origin: &dyn Fn(usize) -> Origin,
    ) {
        for (code, &line) in &self.countries {
            let id = NodeId::new(ids.allocator.take(ids::from_ftm_id(code)));
            let named = countries::name(code);
            let mut node = Node::new(id.clone(), named.kind, named.name, origin(line));
            node.iso = named.iso;
            node.aliases = named.aliases;
            nodes.push(node);
            ids.countries.insert(code, id);
        }
    }

    /// A commodity node for each commodity of the rules a link uses, by its id's order.
    fn commodity_nodes(
        &self,
        used: &BTreeMap<usize, usize>,
        ids: &mut Ids<'_>,
        nodes: &mut Vec<Node>,
        origin: &dyn Fn(usize) -> Origin,
    ) {
        let id_of = |at| self.rules.commodity(at).id.as_str();
        for (at, id, line) in curated(used, id_of, &mut ids.allocator) {
            let entry = self.rules.commodity(at);
            let kind = NodeKind::Commodity;
            let mut node = Node::new(id.clone(), kind, entry.name.clone(), origin(line));
            node.aliases.clone_from(&entry.aliases);
            node.hs.clone_from(&entry.hs);
            nodes.push(node);
            ids.commodities.insert(at, id);
        }
    }

    /// A body node for each entry of the authorities table used, by its id's order.
    fn table_nodes(
        &self,
        used: &BTreeMap<usize, usize>,
        ids: &mut Ids<'_>,
        nodes: &mut Vec<Node>,
        origin: &dyn Fn(usize) -> Origin,
    ) {
        let id_of = |at| self.table.entry(at).id.as_str();
        for (at, id, line) in curated(used, id_of, &mut ids.allocator) {
            let entry = self.table.entry(at);
            let kind = NodeKind::Body;
            let mut node = Node::new(id.clone(), kind, entry.name.clone(), origin(line));
            node.aliases.clone_from(&entry.aliases);
            node.country = entry
                .country
                .as_ref()
                .and_then(|code| ids.countries.get(code.as_str()).cloned());
            nodes.push(node);
            ids.table.insert(at, id);
        }
    }

    /// A body node for each authority the table does not know, named as first written.
    fn authority_nodes(
        &self,
        used: &BTreeMap<String, u32>,
        ids: &mut Ids<'_>,
        nodes: &mut Vec<Node>,
        origin: &dyn Fn(usize) -> Origin,
    ) {
        for (key, &number) in used {
            let draft = &self.authorities[key];
            let wanted = match ids::slug(key) {
                slug if slug.is_empty() => ids::hashed("authority", key),
                slug => slug,
            };
            let id = NodeId::new(ids.allocator.take(wanted));
            let mut spellings = draft.spellings.iter().cloned();
            let name = spellings.next().unwrap_or_else(|| key.clone());
            let mut node = Node::new(id.clone(), NodeKind::Body, name, origin(draft.line));
            node.aliases = spellings.collect();
            node.country = draft
                .country
                .as_ref()
                .and_then(|code| ids.countries.get(code.as_str()).cloned());
            nodes.push(node);
            ids.authorities.insert(number, id);
        }
    }

    /// A node for each entity, defined or only referenced, with ids handed out in the
    /// sorted order of FtM ids so that they do not depend on the order of lines. Each
    /// draft is freed as its node is made.
    fn entity_nodes(
        &self,
        drafts: HashMap<u32, NodeDraft>,
        unresolved: Unresolved,
        ids: &mut Ids<'_>,
        nodes: &mut Vec<Node>,
        origin: &dyn Fn(usize) -> Origin,
    ) {
        let mut entities: Vec<(u32, EntityNode)> =
            Vec::with_capacity(drafts.len() + unresolved.len());
        entities.extend(
            drafts
                .into_iter()
                .map(|(id, draft)| (id, EntityNode::Defined(draft))),
        );
        entities.extend(
            unresolved
                .into_iter()
                .map(|(id, (roles, line))| (id, EntityNode::Referenced(roles, line))),
        );
        entities.sort_unstable_by(|a, b| self.names.get(a.0).cmp(self.names.get(b.0)));
        for (number, entity) in entities {
            let ftm_id = &**self.names.get(number);
            let id = NodeId::new(ids.allocator.take(ids::from_ftm_id(ftm_id)));
            let node = match entity {
                EntityNode::Defined(draft) => defined_node(ftm_id, draft, id, ids, origin),
                EntityNode::Referenced(roles, line) => {
                    // The kind every reference allows, else the kind the first one allows.
                    let kind = PREFERENCE
                        .into_iter()
                        .find(|kind| roles.iter().all(|allowed| allowed.contains(kind)))
                        .or_else(|| PREFERENCE.into_iter().find(|kind| roles[0].contains(kind)))
                        .unwrap_or(NodeKind::Company);
                    let mut node = Node::new(id, kind, ftm_id, origin(line));
                    node.notes = Some(format!(
                        "Unresolved: FtM entity `{ftm_id}` is referenced but not in the input."
                    ));
                    node
                }
            };
            ids.entities.insert(number, (node.id.clone(), node.kind));
            nodes.push(node);
        }
    }

    /// Each body of the table used is part of its parent, or of its country, on the
    /// evidence of the table (`table_key`, the number of [`SourceKey::Table`]).
    fn table_part_of(
        &self,
        used_table: &BTreeMap<usize, usize>,
        ids: &Ids<'_>,
        table_key: u32,
    ) -> Vec<Kept> {
        let mut kept = Vec::new();
        for (&at, &line) in used_table {
            let entry = self.table.entry(at);
            let parent = match entry
                .part_of
                .as_deref()
                .and_then(|id| self.table.entry_by_id(id))
            {
                Some(parent) => ids.table.get(&parent).cloned(),
                None => entry
                    .country
                    .as_ref()
                    .and_then(|code| ids.countries.get(code.as_str()).cloned()),
            };
            if let Some(parent) = parent {
                let draft = EdgeDraft {
                    kind: EdgeKind::Relation(RelationKind::PartOf),
                    schema: "Sanction",
                    sources: Box::new([table_key]),
                    ..edge_shell(line)
                };
                kept.push((draft, ids.table[&at].clone(), parent));
            }
        }
        kept
    }

    /// Keeps the edges whose ends are of kinds their kind allows, and counts the others
    /// and the links each rule made.
    fn check_edges(
        &self,
        edges: Vec<EdgeDraft>,
        ids: &Ids<'_>,
        stats: &mut ImportStats,
        kept: &mut Vec<Kept>,
    ) {
        kept.reserve(edges.len());
        for draft in edges {
            let (from, from_kind) = ids.end(&draft.from);
            let (to, to_kind) = ids.end(&draft.to);
            let (from_kinds, to_kinds) = draft.kind.endpoints();
            if from == to {
                Self::count(
                    &mut stats.dropped_edges,
                    &format!("{} from an entity to itself", draft.schema),
                );
                continue;
            }
            if !from_kinds.contains(&from_kind) || !to_kinds.contains(&to_kind) {
                Self::count(
                    &mut stats.dropped_edges,
                    &format!("{} from a {from_kind} to a {to_kind}", draft.schema),
                );
                continue;
            }
            for &key in &draft.sources {
                if let SourceKey::Rule(at, _) = self.source_keys.get(key) {
                    let id = &self.rules.rule(*at).id;
                    *stats.rule_links.entry(id.clone()).or_default() += 1;
                }
            }
            kept.push((draft, from, to));
        }
    }
}

/// The node of an entity the input defines, made from its draft, which it consumes.
fn defined_node(
    ftm_id: &str,
    draft: NodeDraft,
    id: NodeId,
    ids: &Ids<'_>,
    origin: &dyn Fn(usize) -> Origin,
) -> Node {
    let texts = &draft.texts;
    let name = draft.name().unwrap_or(ftm_id);
    let mut node = Node::new(id, draft.kind, name, origin(draft.line));
    let aliases = texts.of(Field::Name).chain(texts.of(Field::Alias));
    let aliases: Vec<String> = aliases
        .filter(|alias| *alias != node.name)
        .map(str::to_owned)
        .collect();
    extend_unique(&mut node.aliases, aliases);
    if matches!(
        draft.kind,
        NodeKind::Person | NodeKind::Company | NodeKind::Body
    ) {
        node.country = texts
            .first(Field::Country)
            .and_then(|code| ids.countries.get(code).cloned());
    }
    let role: Vec<&str> = texts.of(Field::Role).collect();
    if draft.kind == NodeKind::Person && !role.is_empty() {
        node.role = Some(role.join("; "));
    }
    node.registration = texts.first(Field::Registration).map(str::to_owned);
    let mut notes: Vec<String> = texts.of(Field::Note).map(str::to_owned).collect();
    let topics: Vec<&str> = texts.of(Field::Topic).collect();
    if !topics.is_empty() {
        notes.push(format!("topics: {}", topics.join(", ")));
    }
    node.notes = (!notes.is_empty()).then(|| notes.join("\n"));
    node
}
