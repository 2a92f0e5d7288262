//! From FtM entities to our nodes, edges and sources: each line becomes a draft as it is
//! read; references are resolved, ids handed out and kinds checked once the input ends.

use std::borrow::Borrow;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use crate::model::{
    ActionKind, Date, Edge, EdgeKind, Node, NodeId, NodeKind, Origin, RelationKind, Source,
    SourceId,
};

use super::authorities::Authorities;
use super::countries;
use super::ids::{self, Allocator};
use super::line::Entity;
use super::rules::Rules;
use super::ImportStats;

/// The name an authority-less `Sanction` is filed under.
pub const UNKNOWN_AUTHORITY: &str = "Unknown authority";

/// The node kind of each FtM schema that becomes a node.
pub fn node_kind(schema: &str) -> Option<NodeKind> {
    Some(match schema {
        "Person" => NodeKind::Person,
        "Company" | "Organization" | "LegalEntity" => NodeKind::Company,
        "PublicBody" => NodeKind::Body,
        "Airplane" => NodeKind::Aircraft,
        "Vessel" => NodeKind::Vessel,
        _ => return None,
    })
}

/// The FtM relationship schemata: (schema, relation, subject property, object property).
pub const RELATIONS: &[(&str, RelationKind, &str, &str)] = &[
    ("Ownership", RelationKind::Owns, "owner", "asset"),
    (
        "Directorship",
        RelationKind::Directs,
        "director",
        "organization",
    ),
    (
        "Membership",
        RelationKind::MemberOf,
        "member",
        "organization",
    ),
    (
        "Employment",
        RelationKind::EmployedBy,
        "employee",
        "employer",
    ),
    (
        "Representation",
        RelationKind::Represents,
        "agent",
        "client",
    ),
    ("Family", RelationKind::FamilyOf, "person", "relative"),
    (
        "Associate",
        RelationKind::AssociateOf,
        "person",
        "associate",
    ),
    ("UnknownLink", RelationKind::LinkedTo, "subject", "object"),
];

/// Properties of relationship entities that go into an edge's notes, with their labels.
const RELATION_NOTES: &[(&str, &str)] = &[
    ("role", "role"),
    ("relationship", "relationship"),
    ("percentage", "percentage"),
    ("ownershipType", "ownership type"),
];

/// Properties of a `Sanction` that go into the edge's notes, with their labels.
const SANCTION_NOTES: &[(&str, &str)] = &[
    ("provisions", "provisions"),
    ("status", "status"),
    ("reason", "reason"),
];

/// What an edge end refers to before ids are handed out.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
enum Ref {
    /// An FtM entity, by its FtM id.
    Entity(String),
    /// A sanction authority, by its normalised name.
    Authority(String),
    /// An entry of the authorities table, by its position.
    Table(usize),
    /// A commodity of the rules, by its position.
    Commodity(usize),
}

/// Where an edge's evidence comes from, before source ids are handed out.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
enum SourceKey {
    /// An FtM `Document` named in `proof`.
    Document(String),
    /// A dataset named in `datasets`.
    Dataset(String),
    /// A `sourceUrl`.
    Url(String),
    /// The input itself, for actions that name no other evidence.
    Input,
    /// The authorities table, for the `part_of` relations of the bodies it resolved.
    Table,
    /// A rule, by its position, and the value it matched.
    Rule(usize, String),
}

#[derive(Debug)]
struct NodeDraft {
    kind: NodeKind,
    caption: Option<String>,
    names: Vec<String>,
    aliases: Vec<String>,
    countries: Vec<String>,
    role: Vec<String>,
    registration: Option<String>,
    /// FtM `topics` (`sanction`, `role.pep`, ...), kept in the notes.
    topics: Vec<String>,
    notes: Vec<String>,
    line: usize,
}

#[derive(Debug)]
struct EdgeDraft {
    kind: EdgeKind,
    schema: &'static str,
    from: Ref,
    to: Ref,
    date: Option<Date>,
    since: Option<Date>,
    until: Option<Date>,
    instrument: Option<String>,
    notes: Option<String>,
    sources: Vec<SourceKey>,
    line: usize,
}

#[derive(Debug)]
struct DocumentDraft {
    title: Option<String>,
    description: Option<String>,
    publisher: Option<String>,
    date: Option<Date>,
    url: Option<String>,
    language: Option<String>,
}

#[derive(Debug, Default)]
struct AuthorityDraft {
    spellings: BTreeSet<String>,
    country: Option<String>,
    line: usize,
}

/// The graph as it is read: drafts keyed by FtM id, edges in file order.
#[derive(Debug)]
pub struct Builder {
    file: String,
    table: std::sync::Arc<Authorities>,
    rules: std::sync::Arc<Rules>,
    /// Links the rules found: (FtM id, commodity, relation) to the rules and values that
    /// support it, and the first line.
    links: BTreeMap<(String, usize, RelationKind), (Vec<SourceKey>, usize)>,
    as_of: Date,
    nodes: HashMap<String, NodeDraft>,
    referents: HashMap<String, String>,
    unmapped: HashSet<String>,
    documents: HashMap<String, DocumentDraft>,
    authorities: BTreeMap<String, AuthorityDraft>,
    /// Authority spellings already seen, to their normalised key.
    authority_keys: HashMap<String, String>,
    countries: BTreeMap<String, usize>,
    edges: Vec<EdgeDraft>,
    /// Unused properties by schema, then property: counted without building a key a line.
    unused: HashMap<String, HashMap<String, usize>>,
    /// What the import counted so far.
    pub stats: ImportStats,
}

/// The domain values an import produced.
#[derive(Debug, Clone, Default)]
pub struct Parts {
    /// Nodes sorted by id.
    pub nodes: Vec<Node>,
    /// Edges in file order.
    pub edges: Vec<Edge>,
    /// Sources sorted by id.
    pub sources: Vec<Source>,
}

/// Takes a property's values out of an entity, leaving the rest to be counted as unused.
fn take(entity: &mut Entity<'_>, property: &str) -> Vec<String> {
    entity
        .properties
        .remove(property)
        .unwrap_or_default()
        .into_iter()
        .filter_map(|value| {
            let trimmed = value.0.trim();
            if trimmed.is_empty() {
                None
            } else if trimmed.len() == value.0.len() {
                Some(value.0.into_owned())
            } else {
                Some(trimmed.to_owned())
            }
        })
        .collect()
}

/// A FtM date (`2021`, `2021-08`, `2021-08-09` or a date-time) as one of ours: the date part,
/// at the precision given.
pub fn parse_date(text: &str) -> Option<Date> {
    let date = text.trim().split(['T', ' ']).next().unwrap_or("");
    date.parse().ok()
}

/// A country code as FtM writes it (`ru`, `gb`, `suhh`, `ge-ab`), lower-cased, or `None`.
pub(super) fn country_code(text: &str) -> Option<String> {
    let code = text.trim().to_ascii_lowercase();
    let valid = (2..=10).contains(&code.len())
        && code.starts_with(|c: char| c.is_ascii_lowercase())
        && code.chars().all(|c| c.is_ascii_lowercase() || c == '-');
    valid.then_some(code)
}

/// Appends the values not yet in `list`, in order. Short lists are searched; long ones go
/// through a hash set, so that an entity with 80,000 names costs linear time.
fn extend_unique<T: Clone + Eq + std::hash::Hash>(
    list: &mut Vec<T>,
    values: impl IntoIterator<Item = T>,
) {
    const SEARCHED: usize = 16;
    let mut values = values.into_iter();
    while list.len() < SEARCHED {
        let Some(value) = values.next() else {
            return;
        };
        if !list.contains(&value) {
            list.push(value);
        }
    }
    let mut seen: HashSet<T> = list.iter().cloned().collect();
    for value in values {
        if !seen.contains(&value) {
            seen.insert(value.clone());
            list.push(value);
        }
    }
}

/// `summary; label: a, b; label: c`, or `None` when there is nothing to say.
fn compose_notes(parts: Vec<String>) -> Option<String> {
    (!parts.is_empty()).then(|| parts.join("; "))
}

impl Builder {
    /// A builder for the input named `file`; an `endDate` on or before `as_of` lifts.
    pub fn new(
        file: &str,
        as_of: Date,
        table: std::sync::Arc<Authorities>,
        rules: std::sync::Arc<Rules>,
    ) -> Builder {
        Builder {
            file: file.to_owned(),
            table,
            rules,
            links: BTreeMap::new(),
            as_of,
            nodes: HashMap::new(),
            referents: HashMap::new(),
            unmapped: HashSet::new(),
            documents: HashMap::new(),
            authorities: BTreeMap::new(),
            authority_keys: HashMap::new(),
            countries: BTreeMap::new(),
            edges: Vec::new(),
            unused: HashMap::new(),
            stats: ImportStats::default(),
        }
    }

    fn count(map: &mut BTreeMap<String, usize>, key: &str) {
        match map.get_mut(key) {
            Some(count) => *count += 1,
            None => {
                map.insert(key.to_owned(), 1);
            }
        }
    }

    fn invalid(&mut self, what: &str) {
        Self::count(&mut self.stats.invalid_values, what);
    }

    fn date(&mut self, entity: &mut Entity<'_>, property: &str) -> Option<Date> {
        let mut found = None;
        for text in take(entity, property) {
            match parse_date(&text) {
                Some(date) => found = Some(found.map_or(date, |d: Date| d.min(date))),
                None => self.invalid(&format!("{}.{property}", entity.schema)),
            }
        }
        found
    }

    fn countries(
        &mut self,
        entity: &mut Entity<'_>,
        properties: &[&str],
        line: usize,
    ) -> Vec<String> {
        let mut found = Vec::new();
        for property in properties {
            for text in take(entity, property) {
                match country_code(&text) {
                    Some(code) => {
                        if !self.countries.contains_key(&code) {
                            self.countries.insert(code.clone(), line);
                        }
                        found.push(code);
                    }
                    None => self.invalid(&format!("{}.{property}", entity.schema)),
                }
            }
        }
        let mut codes = Vec::with_capacity(found.len());
        extend_unique(&mut codes, found);
        codes
    }

    fn sources(&self, entity: &mut Entity<'_>) -> Vec<SourceKey> {
        let mut keys: Vec<SourceKey> = take(entity, "proof")
            .into_iter()
            .map(SourceKey::Document)
            .collect();
        keys.extend(
            entity
                .datasets
                .iter()
                .map(|d| SourceKey::Dataset(d.clone())),
        );
        keys.extend(take(entity, "sourceUrl").into_iter().map(SourceKey::Url));
        // Deduplicated in file order, so that a round trip keeps the order of sources.
        let mut unique: Vec<SourceKey> = Vec::with_capacity(keys.len());
        extend_unique(&mut unique, keys);
        unique
    }

    /// Adds one entity read from line `line`.
    pub fn add(&mut self, mut entity: Entity<'_>, line: usize) {
        self.stats.entities += 1;
        for referent in std::mem::take(&mut entity.referents) {
            if referent == entity.id {
                continue;
            }
            match self.referents.get_mut(&referent) {
                None => {
                    self.referents.insert(referent, entity.id.clone());
                }
                Some(owner) if *owner == entity.id => {}
                // Two entities claim the same older id: the smaller id keeps it whatever
                // the line order, and the conflict is reported.
                Some(owner) => {
                    if entity.id < *owner {
                        owner.clone_from(&entity.id);
                    }
                    self.stats.contested_referents.insert(referent);
                }
            }
        }
        let schema = entity.schema.clone();
        let matched = self.apply_rules(&entity, line);
        let mapped = if let Some(kind) = node_kind(&schema) {
            self.node(&mut entity, kind, line);
            true
        } else if let Some(&(name, kind, subject, object)) =
            RELATIONS.iter().find(|(name, ..)| *name == schema)
        {
            self.relation(&mut entity, name, kind, subject, object, line);
            true
        } else {
            match schema.as_str() {
                "Sanction" => self.sanction(&mut entity, line),
                "Event" => self.event(&mut entity, line),
                "Document" => self.document(&mut entity),
                _ => false,
            }
        };
        if !mapped {
            Self::count(&mut self.stats.unmapped_schemata, &schema);
            self.unmapped.insert(entity.id);
            return;
        }
        Self::count(&mut self.stats.schemata, &schema);
        // A property a rule matched is used, by the rule.
        for property in matched {
            entity.properties.remove(property.as_str());
        }
        if entity.properties.is_empty() {
            return;
        }
        let unused = match self.unused.get_mut(&schema) {
            Some(unused) => unused,
            None => self.unused.entry(schema.clone()).or_default(),
        };
        for property in entity.properties.keys() {
            let property: &str = property.borrow();
            match unused.get_mut(property) {
                Some(count) => *count += 1,
                None => {
                    unused.insert(property.to_owned(), 1);
                }
            }
        }
    }

    /// Records the links the rules find in `entity`; returns the properties they matched.
    fn apply_rules(&mut self, entity: &Entity<'_>, line: usize) -> Vec<String> {
        if self.rules.is_empty() {
            return Vec::new();
        }
        let mut matched = Vec::new();
        for hit in self.rules.hits(entity) {
            let property = &self.rules.rule(hit.rule).property;
            if !matched.contains(property) {
                matched.push(property.clone());
            }
            let key = SourceKey::Rule(hit.rule, hit.value);
            for target in hit.targets {
                let link = self
                    .links
                    .entry((target, hit.commodity, hit.relation))
                    .or_insert_with(|| (Vec::new(), line));
                if !link.0.contains(&key) {
                    link.0.push(key.clone());
                }
            }
        }
        matched
    }

    fn node(&mut self, entity: &mut Entity<'_>, kind: NodeKind, line: usize) {
        let names = take(entity, "name");
        let mut aliases = take(entity, "alias");
        aliases.extend(take(entity, "weakAlias"));
        aliases.extend(take(entity, "previousName"));
        let country_properties: &[&str] = match kind {
            NodeKind::Person => &["nationality", "citizenship", "country"],
            NodeKind::Vessel => &["flag", "country"],
            _ => &["jurisdiction", "country"],
        };
        let countries = self.countries(entity, country_properties, line);
        let role = if kind == NodeKind::Person {
            take(entity, "position")
        } else {
            Vec::new()
        };
        let registration = match kind {
            NodeKind::Aircraft => take(entity, "registrationNumber").into_iter().next(),
            NodeKind::Vessel => {
                let imo = take(entity, "imoNumber").into_iter().next();
                imo.or_else(|| take(entity, "registrationNumber").into_iter().next())
            }
            _ => None,
        };
        let notes = take(entity, "notes");
        let topics = take(entity, "topics");
        let caption = entity.caption.take();
        match self.nodes.get_mut(&entity.id) {
            // FtM streams may carry an entity in several fragments: merge them.
            Some(draft) => {
                draft.caption = draft.caption.take().or(caption);
                extend_unique(&mut draft.names, names);
                extend_unique(&mut draft.aliases, aliases);
                extend_unique(&mut draft.countries, countries);
                extend_unique(&mut draft.role, role);
                draft.registration = draft.registration.take().or(registration);
                extend_unique(&mut draft.notes, notes);
                extend_unique(&mut draft.topics, topics);
            }
            None => {
                self.nodes.insert(
                    entity.id.clone(),
                    NodeDraft {
                        kind,
                        caption,
                        names,
                        aliases,
                        countries,
                        role,
                        registration,
                        notes,
                        topics,
                        line,
                    },
                );
            }
        }
    }

    fn relation(
        &mut self,
        entity: &mut Entity<'_>,
        schema: &'static str,
        mut kind: RelationKind,
        subject: &str,
        object: &str,
        line: usize,
    ) {
        let subjects = take(entity, subject);
        let objects = take(entity, object);
        let since = self.date(entity, "startDate");
        let mut until = self.date(entity, "endDate");
        if let (Some(start), Some(end)) = (since, until) {
            if end < start {
                self.invalid(&format!("{schema}.endDate"));
                until = None;
            }
        }
        let mut notes = take(entity, "summary");
        for (property, label) in RELATION_NOTES {
            let values = take(entity, property);
            // Our own export names relations FtM has no schema for in an UnknownLink's role.
            if kind == RelationKind::LinkedTo && *property == "role" {
                if let [role] = values.as_slice() {
                    if let Some(EdgeKind::Relation(named)) = EdgeKind::parse(role) {
                        if role == named.as_str() {
                            kind = named;
                            continue;
                        }
                    }
                }
            }
            if !values.is_empty() {
                notes.push(format!("{label}: {}", values.join(", ")));
            }
        }
        let notes = compose_notes(notes);
        let sources = self.sources(entity);
        if subjects.is_empty() || objects.is_empty() {
            Self::count(
                &mut self.stats.dropped_edges,
                &format!("{schema} without `{subject}` or `{object}`"),
            );
            return;
        }
        for from in &subjects {
            for to in &objects {
                self.edges.push(EdgeDraft {
                    kind: EdgeKind::Relation(kind),
                    schema,
                    from: Ref::Entity(from.clone()),
                    to: Ref::Entity(to.clone()),
                    date: None,
                    since,
                    until,
                    instrument: None,
                    notes: notes.clone(),
                    sources: sources.clone(),
                    line,
                });
            }
        }
    }

    fn sanction(&mut self, entity: &mut Entity<'_>, line: usize) -> bool {
        let targets = take(entity, "entity");
        let mut authorities = take(entity, "authority");
        if authorities.is_empty() {
            authorities.push(UNKNOWN_AUTHORITY.to_owned());
        }
        let country = self
            .countries(entity, &["country"], line)
            .into_iter()
            .next();
        let programs = take(entity, "program");
        let program_ids = take(entity, "programId");
        let instrument = match (programs.is_empty(), program_ids.is_empty()) {
            (true, true) => None,
            (false, true) => Some(programs.join(", ")),
            (true, false) => Some(program_ids.join(", ")),
            (false, false) => Some(format!(
                "{} ({})",
                programs.join(", "),
                program_ids.join(", ")
            )),
        };
        let mut notes = take(entity, "summary");
        for (property, label) in SANCTION_NOTES {
            let values = take(entity, property);
            if !values.is_empty() {
                notes.push(format!("{label}: {}", values.join(", ")));
            }
        }
        let listed = self.date(entity, "listingDate");
        let started = self.date(entity, "startDate");
        let dated = self.date(entity, "date");
        let mut date = listed.or(started).or(dated);
        if date.is_none() {
            date = entity.first_seen.as_deref().and_then(parse_date);
            if date.is_some() {
                notes.push("dated by first_seen: no listing or start date".to_owned());
            }
        }
        let end = self.date(entity, "endDate");
        let mut sources = self.sources(entity);
        if sources.is_empty() {
            sources.push(SourceKey::Input);
        }
        let Some(date) = date else {
            Self::count(&mut self.stats.dropped_edges, "Sanction without a date");
            return true;
        };
        if targets.is_empty() {
            Self::count(&mut self.stats.dropped_edges, "Sanction without `entity`");
            return true;
        }
        // The measure ends at its `endDate`, passed or not.
        let until = match end {
            Some(end) if end < date => {
                self.invalid("Sanction.endDate");
                None
            }
            end => end,
        };
        let lift = until.filter(|end| end.certainly_by(self.as_of));
        let notes = compose_notes(notes);
        for authority in &authorities {
            let key = match self.authority_keys.get(authority) {
                Some(key) => key.clone(),
                None => {
                    let key = ids::normalise(authority);
                    let draft = self.authorities.entry(key.clone()).or_default();
                    if draft.spellings.is_empty() {
                        draft.line = line;
                    }
                    draft
                        .spellings
                        .insert(authority.split_whitespace().collect::<Vec<_>>().join(" "));
                    self.authority_keys.insert(authority.clone(), key.clone());
                    key
                }
            };
            // The alphabetically first code, so that the line order does not matter.
            if let (Some(draft), Some(code)) = (self.authorities.get_mut(&key), &country) {
                if draft.country.as_ref().is_none_or(|known| code < known) {
                    draft.country = Some(code.clone());
                }
            }
            for target in &targets {
                let edge = EdgeDraft {
                    kind: EdgeKind::Action(ActionKind::Sanction),
                    schema: "Sanction",
                    from: Ref::Authority(key.clone()),
                    to: Ref::Entity(target.clone()),
                    date: Some(date),
                    since: None,
                    until,
                    instrument: instrument.clone(),
                    notes: notes.clone(),
                    sources: sources.clone(),
                    line,
                };
                let lifted = lift.map(|end| EdgeDraft {
                    kind: EdgeKind::Action(ActionKind::Lift),
                    schema: "Sanction",
                    from: edge.from.clone(),
                    to: edge.to.clone(),
                    date: Some(end),
                    instrument: edge.instrument.clone(),
                    notes: Some("endDate of the sanction has passed".to_owned()),
                    sources: edge.sources.clone(),
                    ..edge_shell(line)
                });
                self.edges.push(edge);
                self.edges.extend(lifted);
            }
        }
        true
    }

    fn event(&mut self, entity: &mut Entity<'_>, line: usize) -> bool {
        let keywords = take(entity, "keywords");
        let Some(kind) = keywords
            .iter()
            .find_map(|word| ActionKind::ALL.into_iter().find(|k| k.as_str() == word))
        else {
            return false;
        };
        let organizers = take(entity, "organizer");
        let involved = take(entity, "involved");
        let date = self.date(entity, "date");
        let date = date.or_else(|| self.date(entity, "startDate"));
        let instrument = compose_notes(take(entity, "program"));
        let notes = compose_notes(take(entity, "summary"));
        take(entity, "name");
        let mut sources = self.sources(entity);
        if sources.is_empty() {
            sources.push(SourceKey::Input);
        }
        let Some(date) = date else {
            Self::count(&mut self.stats.dropped_edges, "Event without a date");
            return true;
        };
        for from in &organizers {
            for to in &involved {
                self.edges.push(EdgeDraft {
                    kind: EdgeKind::Action(kind),
                    from: Ref::Entity(from.clone()),
                    to: Ref::Entity(to.clone()),
                    date: Some(date),
                    instrument: instrument.clone(),
                    notes: notes.clone(),
                    sources: sources.clone(),
                    ..edge_shell(line)
                });
            }
        }
        if organizers.is_empty() || involved.is_empty() {
            Self::count(
                &mut self.stats.dropped_edges,
                "Event without `organizer` or `involved`",
            );
        }
        true
    }

    fn document(&mut self, entity: &mut Entity<'_>) -> bool {
        let first =
            |entity: &mut Entity<'_>, property: &str| take(entity, property).into_iter().next();
        let title = first(entity, "title").or_else(|| first(entity, "name"));
        let description = first(entity, "description").or_else(|| first(entity, "summary"));
        let publisher = first(entity, "publisher").or_else(|| first(entity, "author"));
        let date = self.date(entity, "date");
        let url = first(entity, "sourceUrl");
        let language = first(entity, "language");
        self.documents.insert(
            entity.id.clone(),
            DocumentDraft {
                title,
                description,
                publisher,
                date,
                url,
                language,
            },
        );
        true
    }

    /// Resolves references, hands out ids, checks each edge's ends and builds the values.
    pub fn finish(mut self) -> (Parts, ImportStats) {
        let mut used_commodities: BTreeMap<usize, usize> = BTreeMap::new();
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
            self.edges.push(EdgeDraft {
                kind: EdgeKind::Relation(relation),
                schema: "Rule",
                from: Ref::Entity(target),
                to: Ref::Commodity(commodity),
                notes: compose_notes(notes),
                sources,
                ..edge_shell(line)
            });
        }
        for (schema, properties) in std::mem::take(&mut self.unused) {
            for (property, count) in properties {
                self.stats
                    .unused_properties
                    .insert(format!("{schema}.{property}"), count);
            }
        }
        // A referent that is the id of another entity of the input would take over that
        // entity's edges: it is ignored and reported, never merged.
        let mut shadowing: Vec<&String> = self
            .referents
            .keys()
            .filter(|id| {
                self.nodes.contains_key(*id)
                    || self.unmapped.contains(*id)
                    || self.documents.contains_key(*id)
            })
            .collect();
        shadowing.sort_unstable();
        let shadowing: Vec<String> = shadowing.into_iter().cloned().collect();
        for id in shadowing {
            self.referents.remove(&id);
            self.stats.shadowing_referents.insert(id);
        }
        let resolve = |referents: &HashMap<String, String>, id: String| match referents.get(&id) {
            Some(canonical) => canonical.clone(),
            None => id,
        };
        // An authority named exactly like a public body in the input is that body.
        let mut bodies: BTreeMap<String, &str> = BTreeMap::new();
        let mut body_ids: Vec<(&String, &NodeDraft)> = self
            .nodes
            .iter()
            .filter(|(_, draft)| draft.kind == NodeKind::Body)
            .collect();
        body_ids.sort_by(|a, b| a.0.cmp(b.0));
        for (id, draft) in body_ids.into_iter().rev() {
            if let Some(name) = draft.caption.as_ref().or(draft.names.first()) {
                bodies.insert(ids::normalise(name), id);
            }
        }
        let mut used_authorities = BTreeSet::new();
        // Entries of the table used, with the first line that used each.
        let mut used_table: BTreeMap<usize, usize> = BTreeMap::new();
        for edge in &mut self.edges {
            for end in [&mut edge.from, &mut edge.to] {
                *end = match std::mem::replace(end, Ref::Authority(String::new())) {
                    Ref::Entity(id) => Ref::Entity(resolve(&self.referents, id)),
                    Ref::Authority(key) => match bodies.get(&key) {
                        Some(id) => Ref::Entity((*id).to_owned()),
                        None => match self.table.resolve(&key) {
                            Some(at) => {
                                used_table.entry(at).or_insert(edge.line);
                                Ref::Table(at)
                            }
                            None => {
                                let name = self.authorities[&key].spellings.iter().next();
                                let name = name.unwrap_or(&key);
                                // A sanction that names no authority is not counted: there
                                // was nothing to resolve.
                                if name != UNKNOWN_AUTHORITY {
                                    Self::count(&mut self.stats.unresolved_authorities, name);
                                }
                                used_authorities.insert(key.clone());
                                Ref::Authority(key)
                            }
                        },
                    },
                    table => table,
                };
            }
        }
        // The bodies the used entries are part of, up their chains, and their countries.
        let mut pending: Vec<(usize, usize)> = used_table.iter().map(|(&a, &l)| (a, l)).collect();
        while let Some((at, line)) = pending.pop() {
            let entry = self.table.entry(at);
            if let Some(code) = &entry.country {
                self.countries.entry(code.clone()).or_insert(line);
            }
            if let Some(parent) = entry
                .part_of
                .as_deref()
                .and_then(|id| self.table.entry_by_id(id))
            {
                if let std::collections::btree_map::Entry::Vacant(vacant) = used_table.entry(parent)
                {
                    vacant.insert(line);
                    pending.push((parent, line));
                }
            }
        }
        // Edges to entities of schemata we do not map are dropped; to entities not in the
        // input at all, kept on an unresolved node.
        // Per unresolved FtM id: the kinds each reference allows, and the first line.
        let mut unresolved: BTreeMap<String, (Vec<&'static [NodeKind]>, usize)> = BTreeMap::new();
        let mut edges = Vec::with_capacity(self.edges.len());
        for edge in std::mem::take(&mut self.edges) {
            let unmapped = [&edge.from, &edge.to].into_iter().any(
                |end| matches!(end, Ref::Entity(id) if self.unmapped.contains(id) && !self.nodes.contains_key(id)),
            );
            if unmapped {
                Self::count(
                    &mut self.stats.dropped_edges,
                    &format!(
                        "{} to an entity of a schema that is not mapped",
                        edge.schema
                    ),
                );
                continue;
            }
            let (from_kinds, to_kinds) = edge.kind.endpoints();
            for (end, kinds) in [(&edge.from, from_kinds), (&edge.to, to_kinds)] {
                if let Ref::Entity(id) = end {
                    if !self.nodes.contains_key(id) {
                        let entry = unresolved
                            .entry(id.clone())
                            .or_insert_with(|| (Vec::new(), edge.line));
                        entry.0.push(kinds);
                    }
                }
            }
            edges.push(edge);
        }
        let mut allocator = Allocator::default();
        // Our id and kind of every FtM entity and of every authority body.
        let mut entity_nodes: HashMap<&str, (NodeId, NodeKind)> = HashMap::new();
        let mut authority_nodes: HashMap<&str, NodeId> = HashMap::new();
        let mut country_ids: BTreeMap<&str, NodeId> = BTreeMap::new();
        let mut nodes = Vec::with_capacity(self.nodes.len() + unresolved.len());
        let file: std::sync::Arc<str> = self.file.as_str().into();
        let origin = |line: usize| Origin {
            file: file.clone(),
            line,
        };
        for (code, &line) in &self.countries {
            let id = NodeId::new(allocator.take(ids::from_ftm_id(code)));
            let named = countries::name(code);
            let mut node = Node::new(id.clone(), named.kind, named.name, origin(line));
            node.iso = named.iso;
            node.aliases = named.aliases;
            nodes.push(node);
            country_ids.insert(code, id);
        }
        let mut commodity_nodes: HashMap<usize, NodeId> = HashMap::new();
        let mut commodity_ids: Vec<(&str, usize)> = used_commodities
            .keys()
            .map(|&at| (self.rules.commodity(at).id.as_str(), at))
            .collect();
        commodity_ids.sort_unstable();
        for (wanted, at) in commodity_ids {
            let entry = self.rules.commodity(at);
            let id = NodeId::new(allocator.take(wanted.to_owned()));
            let line = used_commodities[&at];
            let mut node = Node::new(
                id.clone(),
                NodeKind::Commodity,
                entry.name.clone(),
                origin(line),
            );
            node.aliases.clone_from(&entry.aliases);
            node.hs.clone_from(&entry.hs);
            nodes.push(node);
            commodity_nodes.insert(at, id);
        }
        let mut table_nodes: HashMap<usize, NodeId> = HashMap::new();
        let mut table_ids: Vec<(&str, usize)> = used_table
            .keys()
            .map(|&at| (self.table.entry(at).id.as_str(), at))
            .collect();
        table_ids.sort_unstable();
        for (wanted, at) in table_ids {
            let entry = self.table.entry(at);
            let id = NodeId::new(allocator.take(wanted.to_owned()));
            let line = used_table[&at];
            let mut node = Node::new(id.clone(), NodeKind::Body, entry.name.clone(), origin(line));
            node.aliases.clone_from(&entry.aliases);
            node.country = entry
                .country
                .as_ref()
                .and_then(|code| country_ids.get(code.as_str()).cloned());
            nodes.push(node);
            table_nodes.insert(at, id);
        }
        for key in &used_authorities {
            let draft = &self.authorities[key];
            let wanted = match ids::slug(key) {
                slug if slug.is_empty() => ids::hashed("authority", key),
                slug => slug,
            };
            let id = NodeId::new(allocator.take(wanted));
            let mut spellings = draft.spellings.iter().cloned();
            let name = spellings.next().unwrap_or_else(|| key.clone());
            let mut node = Node::new(id.clone(), NodeKind::Body, name, origin(draft.line));
            node.aliases = spellings.collect();
            node.country = draft
                .country
                .as_ref()
                .and_then(|code| country_ids.get(code.as_str()).cloned());
            nodes.push(node);
            authority_nodes.insert(key, id);
        }
        let mut drafts: Vec<(&String, &NodeDraft)> = self.nodes.iter().collect();
        drafts.sort_unstable_by(|a, b| a.0.cmp(b.0));
        let preference = [
            NodeKind::Company,
            NodeKind::Person,
            NodeKind::Body,
            NodeKind::Vessel,
            NodeKind::Aircraft,
            NodeKind::Country,
            NodeKind::Bloc,
        ];
        // Ids are handed out in the sorted order of FtM ids, defined or not, so that they do
        // not depend on the order of lines.
        let mut defined = drafts.iter().peekable();
        let mut missing = unresolved.iter().peekable();
        loop {
            let take_defined = match (defined.peek(), missing.peek()) {
                (Some((a, _)), Some((b, _))) => a.as_str() <= b.as_str(),
                (Some(_), None) => true,
                (None, Some(_)) => false,
                (None, None) => break,
            };
            if take_defined {
                let Some(&(ftm_id, draft)) = defined.next() else {
                    break;
                };
                let id = NodeId::new(allocator.take(ids::from_ftm_id(ftm_id)));
                let name = draft
                    .caption
                    .clone()
                    .or_else(|| draft.names.first().cloned())
                    .unwrap_or_else(|| ftm_id.clone());
                let mut node = Node::new(id.clone(), draft.kind, name, origin(draft.line));
                let aliases = draft.names.iter().chain(&draft.aliases);
                let aliases = aliases.filter(|alias| **alias != node.name).cloned();
                extend_unique(&mut node.aliases, aliases);
                if matches!(
                    draft.kind,
                    NodeKind::Person | NodeKind::Company | NodeKind::Body
                ) {
                    node.country = draft
                        .countries
                        .first()
                        .and_then(|code| country_ids.get(code.as_str()).cloned());
                }
                if draft.kind == NodeKind::Person && !draft.role.is_empty() {
                    node.role = Some(draft.role.join("; "));
                }
                node.registration.clone_from(&draft.registration);
                let mut notes = draft.notes.clone();
                if !draft.topics.is_empty() {
                    notes.push(format!("topics: {}", draft.topics.join(", ")));
                }
                node.notes = (!notes.is_empty()).then(|| notes.join("\n"));
                nodes.push(node);
                entity_nodes.insert(ftm_id, (id, draft.kind));
            } else {
                let Some((ftm_id, (roles, line))) = missing.next() else {
                    break;
                };
                // The kind every reference allows, else the kind the first one allows.
                let kind = preference
                    .into_iter()
                    .find(|kind| roles.iter().all(|allowed| allowed.contains(kind)))
                    .or_else(|| preference.into_iter().find(|kind| roles[0].contains(kind)))
                    .unwrap_or(NodeKind::Company);
                let id = NodeId::new(allocator.take(ids::from_ftm_id(ftm_id)));
                let mut node = Node::new(id.clone(), kind, ftm_id.clone(), origin(*line));
                node.notes = Some(format!(
                    "Unresolved: FtM entity `{ftm_id}` is referenced but not in the input."
                ));
                nodes.push(node);
                entity_nodes.insert(ftm_id, (id, kind));
                self.stats.unresolved.insert(ftm_id.clone());
            }
        }
        nodes.sort_unstable_by(|a, b| a.id.cmp(&b.id));

        let mut used_sources: BTreeSet<SourceKey> = self
            .documents
            .keys()
            .cloned()
            .map(SourceKey::Document)
            .collect();
        let end_of = |end: &Ref| -> (NodeId, NodeKind) {
            match end {
                Ref::Entity(id) => entity_nodes[id.as_str()].clone(),
                Ref::Authority(key) => (authority_nodes[key.as_str()].clone(), NodeKind::Body),
                Ref::Table(at) => (table_nodes[at].clone(), NodeKind::Body),
                Ref::Commodity(at) => (commodity_nodes[at].clone(), NodeKind::Commodity),
            }
        };
        let mut kept = Vec::with_capacity(edges.len());
        // Each body of the table is part of its parent, or of its country.
        for (&at, &line) in &used_table {
            let entry = self.table.entry(at);
            let parent = match entry
                .part_of
                .as_deref()
                .and_then(|id| self.table.entry_by_id(id))
            {
                Some(parent) => table_nodes.get(&parent).cloned(),
                None => entry
                    .country
                    .as_ref()
                    .and_then(|code| country_ids.get(code.as_str()).cloned()),
            };
            if let Some(parent) = parent {
                let draft = EdgeDraft {
                    kind: EdgeKind::Relation(RelationKind::PartOf),
                    schema: "Sanction",
                    sources: vec![SourceKey::Table],
                    ..edge_shell(line)
                };
                used_sources.insert(SourceKey::Table);
                kept.push((draft, table_nodes[&at].clone(), parent));
            }
        }
        for draft in edges {
            let (from, from_kind) = end_of(&draft.from);
            let (to, to_kind) = end_of(&draft.to);
            let (from_kinds, to_kinds) = draft.kind.endpoints();
            if from == to {
                Self::count(
                    &mut self.stats.dropped_edges,
                    &format!("{} from an entity to itself", draft.schema),
                );
                continue;
            }
            if !from_kinds.contains(&from_kind) || !to_kinds.contains(&to_kind) {
                Self::count(
                    &mut self.stats.dropped_edges,
                    &format!("{} from a {from_kind} to a {to_kind}", draft.schema),
                );
                continue;
            }
            for key in &draft.sources {
                if let SourceKey::Rule(at, _) = key {
                    let id = &self.rules.rule(*at).id;
                    *self.stats.rule_links.entry(id.clone()).or_default() += 1;
                }
                if !used_sources.contains(key) {
                    used_sources.insert(key.clone());
                }
            }
            kept.push((draft, from, to));
        }
        let mut source_allocator = Allocator::default();
        let mut source_ids: HashMap<SourceKey, SourceId> = HashMap::new();
        let mut sources = Vec::new();
        for key in used_sources {
            let (wanted, source) = self.source(&key);
            let id = SourceId::new(source_allocator.take(wanted));
            sources.push(Source {
                id: id.clone(),
                ..source
            });
            source_ids.insert(key, id);
        }
        sources.sort_by(|a, b| a.id.cmp(&b.id));
        let edges = kept
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
                    .map(|key| source_ids[key].clone())
                    .collect();
                edge
            })
            .collect();
        (
            Parts {
                nodes,
                edges,
                sources,
            },
            self.stats,
        )
    }

    /// The wanted id and the values of a source.
    fn source(&mut self, key: &SourceKey) -> (String, Source) {
        let mut source = Source {
            id: SourceId::new(""),
            publisher: String::new(),
            title: None,
            description: None,
            date: None,
            url: None,
            identifier: None,
            language: None,
        };
        let wanted = match key {
            SourceKey::Document(ftm_id) => {
                match self.documents.remove(ftm_id) {
                    Some(document) => {
                        source.publisher = document.publisher.unwrap_or_else(|| "unknown".into());
                        source.title = document.title;
                        source.description = document.description;
                        source.date = document.date;
                        source.url = document.url;
                        source.language = document.language;
                        if source.title.is_none() && source.description.is_none() {
                            source.title = Some(ftm_id.clone());
                        }
                    }
                    None => {
                        self.stats.unresolved.insert(ftm_id.clone());
                        source.publisher = "unknown".into();
                        source.title = Some(format!(
                            "Unresolved: FtM document `{ftm_id}` is cited but not in the input"
                        ));
                    }
                }
                ids::from_ftm_id(ftm_id)
            }
            SourceKey::Dataset(name) => {
                source.publisher = name.clone();
                source.title = Some(format!("FollowTheMoney dataset `{name}`"));
                source.identifier = Some(name.clone());
                match ids::slug(name) {
                    slug if slug.is_empty() => ids::hashed("dataset", name),
                    slug => format!("dataset-{slug}"),
                }
            }
            SourceKey::Url(url) => {
                let host = url
                    .split("://")
                    .nth(1)
                    .and_then(|rest| rest.split('/').next())
                    .filter(|host| !host.is_empty())
                    .unwrap_or("unknown");
                source.publisher = host.to_owned();
                source.title = Some(url.clone());
                source.url = Some(url.clone());
                ids::hashed(&format!("url-{}", ids::slug(host)), url)
            }
            SourceKey::Table => {
                source.publisher = "sanctions-graph".into();
                source.title = Some("Table of sanctioning authorities".into());
                source.description = Some(
                    "The bodies `import ftm` resolves authorities to, and what each is part of \
                     (data/ftm/authorities.ron, with any `--authorities` file)"
                        .into(),
                );
                source.identifier = Some("data/ftm/authorities.ron".into());
                "sgraph-authorities".to_owned()
            }
            SourceKey::Rule(at, value) => {
                let rule = self.rules.rule(*at);
                source.publisher = "sanctions-graph".into();
                source.title = Some(format!(
                    "Rule `{}`: {} {}",
                    rule.id,
                    rule.property,
                    rule.matches.describe()
                ));
                source.description = Some(format!(
                    "{} {} {:?}, so it {} {} (rules of `import ftm`: data/ftm/rules.ron, with any `--rules` file)",
                    rule.schemata.join(" or "),
                    rule.property,
                    value,
                    rule.relation,
                    rule.commodity
                ));
                source.identifier = Some(format!("rule:{}", rule.id));
                ids::hashed(&format!("rule-{}", rule.id), value)
            }
            SourceKey::Input => {
                source.publisher = "FollowTheMoney input".into();
                source.title = Some(format!("Entities imported from `{}`", self.file));
                source.identifier = Some(self.file.to_string());
                "ftm-input".to_owned()
            }
        };
        (wanted, source)
    }
}

/// An edge draft with nothing but its line set, to fill with struct update syntax.
fn edge_shell(line: usize) -> EdgeDraft {
    EdgeDraft {
        kind: EdgeKind::Action(ActionKind::Sanction),
        schema: "Event",
        from: Ref::Entity(String::new()),
        to: Ref::Entity(String::new()),
        date: None,
        since: None,
        until: None,
        instrument: None,
        notes: None,
        sources: Vec::new(),
        line,
    }
}
