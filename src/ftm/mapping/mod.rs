//! From FtM entities to our nodes, edges and sources: each line becomes a draft as it is
//! read; references are resolved, ids handed out and kinds checked once the input ends.
//!
//! Drafts name FtM ids, authorities and cited sources by their number in an [`Interner`]:
//! an edge's ends and sources are a few `u32`s, not copies of strings, so that what the
//! import holds until the input ends stays well under the size of the input.

use std::borrow::Borrow;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::hash::Hash;

use foldhash::fast::FixedState;
use indexmap::IndexSet;

use crate::model::{ActionKind, Date, Edge, EdgeKind, Node, RelationKind, Source};

mod draft;
mod entities;
mod finish;
mod native;
mod sources;

use self::draft::NodeDraft;
use super::authorities::Authorities;
use super::ids;
use super::line::Entity;
use super::rules::Rules;
use super::schemata::{node_kind, RELATIONS};
use super::ImportStats;

/// The name an authority-less `Sanction` is filed under.
pub const UNKNOWN_AUTHORITY: &str = "Unknown authority";

/// Values each stored once, each named by its number (the order they were first seen).
#[derive(Debug)]
struct Interner<T>(IndexSet<T, FixedState>);

impl<T> Default for Interner<T> {
    fn default() -> Interner<T> {
        Interner(IndexSet::with_hasher(FixedState::with_seed(0x5eed)))
    }
}

impl<T: Hash + Eq> Interner<T> {
    /// The number of `value`, added if new.
    fn id<Q>(&mut self, value: &Q) -> u32
    where
        Q: Hash + indexmap::Equivalent<T> + ?Sized,
        for<'q> &'q Q: Into<T>,
    {
        match self.0.get_index_of(value) {
            Some(at) => at as u32,
            None => self.0.insert_full(value.into()).0 as u32,
        }
    }

    /// The number of `value`, if it was seen.
    fn find<Q: Hash + indexmap::Equivalent<T> + ?Sized>(&self, value: &Q) -> Option<u32> {
        self.0.get_index_of(value).map(|at| at as u32)
    }

    /// The value numbered `id`.
    fn get(&self, id: u32) -> &T {
        &self.0[id as usize]
    }
}

/// FtM ids and authorities' normalised names.
type Names = Interner<Box<str>>;

impl From<&SourceKey> for SourceKey {
    fn from(key: &SourceKey) -> SourceKey {
        key.clone()
    }
}

/// What an edge end refers to before ids are handed out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
enum Ref {
    /// An FtM entity, by the number of its FtM id in [`Builder::names`].
    Entity(u32),
    /// A sanction authority, by the number of its normalised name in [`Builder::names`].
    Authority(u32),
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
    /// Numbers in [`Builder::source_keys`].
    sources: Box<[u32]>,
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
    /// FtM ids and authorities' normalised names, which the maps below and the edges'
    /// ends name by number.
    names: Names,
    /// What edges cite, which their `sources` name by number.
    source_keys: Interner<SourceKey>,
    nodes: HashMap<u32, NodeDraft>,
    /// Older ids to the entity that claims each.
    referents: HashMap<u32, u32>,
    unmapped: HashSet<u32>,
    documents: HashMap<u32, DocumentDraft>,
    authorities: BTreeMap<String, AuthorityDraft>,
    /// Authority spellings already seen, to their normalised key.
    authority_keys: HashMap<String, String>,
    countries: BTreeMap<String, usize>,
    edges: Vec<EdgeDraft>,
    /// Unused properties by schema, then property: counted without building a key a line.
    unused: HashMap<String, HashMap<String, usize>>,
    /// The entities our own export wrote, read back as they were.
    native: native::Native,
    /// The input's name, shared by the origins of what `native` reads.
    origin_file: std::sync::Arc<str>,
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
/// The list is new and of its exact length: the parser's, which drafts would otherwise
/// keep, has room to spare.
fn take(entity: &mut Entity<'_>, property: &str) -> Vec<String> {
    let values = entity.properties.remove(property).unwrap_or_default();
    let mut taken = Vec::with_capacity(values.len());
    taken.extend(values.into_iter().filter_map(|value| {
        let trimmed = value.0.trim();
        if trimmed.is_empty() {
            None
        } else if trimmed.len() == value.0.len() {
            Some(value.0.into_owned())
        } else {
            Some(trimmed.to_owned())
        }
    }));
    taken
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
            names: Names::default(),
            source_keys: Interner::default(),
            nodes: HashMap::new(),
            referents: HashMap::new(),
            unmapped: HashSet::new(),
            documents: HashMap::new(),
            authorities: BTreeMap::new(),
            authority_keys: HashMap::new(),
            countries: BTreeMap::new(),
            edges: Vec::new(),
            unused: HashMap::new(),
            native: native::Native::default(),
            origin_file: file.into(),
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

    fn sources(&mut self, entity: &mut Entity<'_>) -> Box<[u32]> {
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
        let mut unique: Vec<u32> = Vec::with_capacity(keys.len());
        extend_unique(&mut unique, keys.iter().map(|key| self.source_keys.id(key)));
        unique.into_boxed_slice()
    }

    /// Adds one entity read from line `line`.
    pub fn add(&mut self, mut entity: Entity<'_>, line: usize) {
        self.stats.entities += 1;
        if self.native(&mut entity, line) {
            return;
        }
        let id = self.names.id(entity.id.as_str());
        for referent in std::mem::take(&mut entity.referents) {
            if referent == entity.id {
                continue;
            }
            let older = self.names.id(referent.as_str());
            match self.referents.get_mut(&older) {
                None => {
                    self.referents.insert(older, id);
                }
                Some(owner) if *owner == id => {}
                // Two entities claim the same older id: the smaller id keeps it whatever
                // the line order, and the conflict is reported.
                Some(owner) => {
                    if *entity.id < **self.names.get(*owner) {
                        *owner = id;
                    }
                    self.stats.contested_referents.insert(referent);
                }
            }
        }
        let schema = entity.schema.clone();
        let matched = self.apply_rules(&entity, line);
        let mapped = if let Some(kind) = node_kind(&schema) {
            self.node(&mut entity, id, kind, line);
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
                "Document" => self.document(&mut entity, id),
                _ => false,
            }
        };
        if !mapped {
            Self::count(&mut self.stats.unmapped_schemata, &schema);
            self.unmapped.insert(id);
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
}

/// An edge draft with nothing but its line set, to fill with struct update syntax.
fn edge_shell(line: usize) -> EdgeDraft {
    EdgeDraft {
        kind: EdgeKind::Action(ActionKind::Sanction),
        schema: "Event",
        from: Ref::Entity(0),
        to: Ref::Entity(0),
        date: None,
        since: None,
        until: None,
        instrument: None,
        notes: None,
        sources: Box::default(),
        line,
    }
}
