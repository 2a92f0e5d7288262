//! Lays nodes, edges and sources out as the columns of a [`Store`], one item at a time.
//!
//! The validator feeds a [`Builder`] directly, with every reference already resolved to a
//! position, so that loading a file makes no intermediate copy of the graph and looks no
//! id up twice. [`build`] does the same for nodes and edges given as domain values. The
//! indexes derived from the columns are computed by the `indexes` module.

use std::borrow::Cow;
use std::collections::HashMap;

use super::indexes::{id_order, Adjacencies, EdgeColumns};
use super::store::{
    Part, Section, Store, EDGE_EXTRA_WORDS, INLINE, NODE_DETAIL_WORDS, NONE, SECTION_COUNT,
    SOURCE_WORDS, UNVERIFIED,
};
use crate::model::{Date, Edge, EdgeKind, Node, Source};

/// Strings, each stored once when interned.
#[derive(Default)]
struct Strings<'a> {
    offsets: Vec<u32>,
    blob: Vec<u8>,
    interned: HashMap<Cow<'a, str>, u32>,
}

impl<'a> Strings<'a> {
    /// Stores a string that is unlikely to repeat (an id, a name).
    fn push(&mut self, text: &str) -> u32 {
        if self.offsets.is_empty() {
            self.offsets.push(0);
        }
        self.blob.extend_from_slice(text.as_bytes());
        self.offsets.push(self.blob.len() as u32);
        (self.offsets.len() - 2) as u32
    }

    /// Stores a string once however often it is given (a publisher, an instrument).
    fn intern(&mut self, text: impl Into<Cow<'a, str>>) -> u32 {
        let text = text.into();
        if let Some(&index) = self.interned.get(&*text) {
            return index;
        }
        let index = self.push(&text);
        self.interned.insert(text, index);
        index
    }

    fn opt(&mut self, text: Option<&'a str>) -> u32 {
        text.map_or(NONE, |text| self.intern(text))
    }
}

/// Adds a list to the pool and returns its reference.
fn list(pool: &mut Vec<u32>, items: &[u32]) -> u32 {
    match items {
        [] => NONE,
        [one] if *one < INLINE => INLINE | one,
        _ => {
            let at = pool.len() as u32;
            pool.push(items.len() as u32);
            pool.extend_from_slice(items);
            at
        }
    }
}

fn code(date: Option<Date>) -> u32 {
    date.map_or(0, Date::code)
}

/// The file runs of one kind of item: (first item, file) each time the file changes.
#[derive(Default)]
struct FileRuns {
    runs: Vec<u32>,
    last: Option<u32>,
}

impl FileRuns {
    fn note(&mut self, item: usize, file: u32) {
        if self.last != Some(file) {
            self.runs.extend([item as u32, file]);
            self.last = Some(file);
        }
    }
}

/// An edge with its references resolved: ends, cited sources and named commodities are
/// positions given to the builder.
#[derive(Debug, Clone)]
pub struct EdgeParts<'a> {
    /// Kind.
    pub kind: EdgeKind,
    /// Position of the actor or subject.
    pub from: u32,
    /// Position of the target or object.
    pub to: u32,
    /// An action's date, or a relation's `since`.
    pub date: Option<Date>,
    /// A relation's `until`.
    pub until: Option<Date>,
    /// Programme or legal instrument.
    pub instrument: Option<Cow<'a, str>>,
    /// Free text.
    pub notes: Option<Cow<'a, str>>,
    /// An action's explicit id.
    pub id: Option<Cow<'a, str>>,
    /// Whether no source confirms it yet.
    pub unverified: bool,
    /// The file (as numbered by [`Builder::file`]) and line it was written on.
    pub file: u32,
    /// The 1-based line.
    pub line: u32,
}

/// Builds the columns of a graph item by item: files, then sources, then nodes, then
/// edges, which name the others by the positions they were added at.
#[derive(Default)]
pub struct Builder<'a> {
    complete_to: Option<Date>,
    strings: Strings<'a>,
    pool: Vec<u32>,
    files: Vec<&'a str>,
    sources: Vec<&'a Source>,
    node_kind: Vec<u8>,
    node_id: Vec<u32>,
    node_name: Vec<u32>,
    node_line: Vec<u32>,
    node_files: FileRuns,
    node_detail: Vec<u32>,
    node_details: Vec<u32>,
    edge_kind: Vec<u8>,
    edge_from: Vec<u32>,
    edge_to: Vec<u32>,
    edge_date: Vec<u32>,
    edge_line: Vec<u32>,
    edge_files: FileRuns,
    edge_sources: Vec<u32>,
    edge_concerns: Vec<u32>,
    edge_extra: Vec<u32>,
    edge_extras: Vec<u32>,
}

impl<'a> Builder<'a> {
    /// A builder expecting about this many nodes and edges.
    pub fn with_capacity(nodes: usize, edges: usize) -> Builder<'a> {
        Builder {
            node_kind: Vec::with_capacity(nodes),
            node_id: Vec::with_capacity(nodes),
            node_name: Vec::with_capacity(nodes),
            node_line: Vec::with_capacity(nodes),
            node_detail: Vec::with_capacity(nodes),
            edge_kind: Vec::with_capacity(edges),
            edge_from: Vec::with_capacity(edges),
            edge_to: Vec::with_capacity(edges),
            edge_date: Vec::with_capacity(edges),
            edge_line: Vec::with_capacity(edges),
            edge_sources: Vec::with_capacity(edges),
            edge_concerns: Vec::with_capacity(edges),
            edge_extra: Vec::with_capacity(edges),
            ..Builder::default()
        }
    }

    /// The number of a file name, added if new.
    pub fn file(&mut self, name: &'a str) -> u32 {
        match self.files.iter().position(|known| *known == name) {
            Some(at) => at as u32,
            None => {
                self.files.push(name);
                (self.files.len() - 1) as u32
            }
        }
    }

    /// Adds a source (ids must be unique) and returns its position.
    pub fn source(&mut self, source: &'a Source) -> u32 {
        self.sources.push(source);
        (self.sources.len() - 1) as u32
    }

    /// Adds a node (ids must be unique) from `file`; `country` is the position of its
    /// country, if any. Returns its position.
    pub fn node(&mut self, node: &'a Node, country: Option<u32>, file: u32) -> u32 {
        let at = self.node_kind.len();
        self.node_files.note(at, file);
        self.node_kind.push(node.kind.code());
        self.node_id.push(self.strings.push(node.id.as_str()));
        self.node_name.push(self.strings.push(&node.name));
        self.node_line.push(node.origin.line as u32);
        let plain = node.aliases.is_empty()
            && node.iso.is_none()
            && country.is_none()
            && node.role.is_none()
            && node.hs.is_empty()
            && node.registration.is_none()
            && node.notes.is_none();
        if plain {
            self.node_detail.push(NONE);
        } else {
            self.node_detail
                .push((self.node_details.len() / NODE_DETAIL_WORDS) as u32);
            let aliases: Vec<u32> = node.aliases.iter().map(|a| self.strings.push(a)).collect();
            let hs: Vec<u32> = node
                .hs
                .iter()
                .map(|code| self.strings.intern(code))
                .collect();
            let row = [
                list(&mut self.pool, &aliases),
                self.strings.opt(node.iso.as_deref()),
                country.unwrap_or(NONE),
                self.strings.opt(node.role.as_deref()),
                list(&mut self.pool, &hs),
                self.strings.opt(node.registration.as_deref()),
                node.notes
                    .as_deref()
                    .map_or(NONE, |notes| self.strings.push(notes)),
            ];
            self.node_details.extend(row);
        }
        at as u32
    }

    /// Adds an edge citing the sources and naming the commodities at these positions.
    pub fn edge(&mut self, edge: EdgeParts<'a>, sources: &[u32], concerns: &[u32]) {
        let at = self.edge_kind.len();
        self.edge_files.note(at, edge.file);
        let unverified = if edge.unverified { UNVERIFIED } else { 0 };
        self.edge_kind.push(edge.kind.code() | unverified);
        self.edge_from.push(edge.from);
        self.edge_to.push(edge.to);
        self.edge_date.push(code(edge.date));
        self.edge_line.push(edge.line);
        self.edge_sources.push(list(&mut self.pool, sources));
        self.edge_concerns.push(list(&mut self.pool, concerns));
        if edge.until.is_none()
            && edge.instrument.is_none()
            && edge.notes.is_none()
            && edge.id.is_none()
        {
            self.edge_extra.push(NONE);
        } else {
            self.edge_extra
                .push((self.edge_extras.len() / EDGE_EXTRA_WORDS) as u32);
            let row = [
                code(edge.until),
                edge.instrument
                    .map_or(NONE, |text| self.strings.intern(text)),
                edge.notes.map_or(NONE, |notes| self.strings.push(&notes)),
                edge.id.map_or(NONE, |id| self.strings.push(&id)),
            ];
            self.edge_extras.extend(row);
        }
    }

    /// Sorts the sources by id, pointing every cited source at its new place.
    fn sorted_sources(&mut self) -> Vec<u32> {
        let mut order: Vec<u32> = (0..self.sources.len() as u32).collect();
        order.sort_by(|&a, &b| {
            self.sources[a as usize]
                .id
                .cmp(&self.sources[b as usize].id)
        });
        let mut rank = vec![0u32; order.len()];
        for (new, &old) in order.iter().enumerate() {
            rank[old as usize] = new as u32;
        }
        for cited in &mut self.edge_sources {
            if *cited == NONE {
                continue;
            }
            if *cited & INLINE != 0 {
                let old = (*cited & !INLINE) as usize;
                *cited = INLINE | rank.get(old).copied().unwrap_or_default();
                continue;
            }
            let at = *cited as usize;
            let count = self.pool[at] as usize;
            for item in &mut self.pool[at + 1..at + 1 + count] {
                *item = rank.get(*item as usize).copied().unwrap_or_default();
            }
        }
        let mut rows = Vec::with_capacity(order.len() * SOURCE_WORDS);
        for &at in &order {
            let source = self.sources[at as usize];
            rows.extend([
                self.strings.push(source.id.as_str()),
                self.strings.intern(&source.publisher),
                self.strings.opt(source.title.as_deref()),
                self.strings.opt(source.description.as_deref()),
                code(source.date),
                self.strings.opt(source.url.as_deref()),
                self.strings.opt(source.language.as_deref()),
                self.strings.opt(source.identifier.as_deref()),
            ]);
        }
        rows
    }

    /// Declares the date the graph's curation is complete to.
    pub fn complete_to(&mut self, date: Date) {
        self.complete_to = Some(date);
    }

    /// The files' names as strings, in the order they were numbered.
    fn file_names(&mut self) -> Vec<u32> {
        let files = std::mem::take(&mut self.files);
        files
            .iter()
            .map(|&name| self.strings.intern(name))
            .collect()
    }

    /// Lays out the columns and the indexes queries use: the sources sorted by id and the
    /// files named, then the id order and the adjacencies derived from the columns, then
    /// every section in the store's order.
    pub fn finish(mut self) -> Store {
        let source_rows = self.sorted_sources();
        let file_names = self.file_names();
        if self.strings.offsets.is_empty() {
            self.strings.offsets.push(0);
        }
        let Builder {
            complete_to,
            strings,
            pool,
            sources,
            node_kind,
            node_id,
            node_name,
            node_line,
            node_files,
            node_detail,
            node_details,
            edge_kind,
            edge_from,
            edge_to,
            edge_date,
            edge_line,
            edge_files,
            edge_sources,
            edge_concerns,
            edge_extra,
            edge_extras,
            ..
        } = self;
        let (node_count, edge_count) = (node_kind.len(), edge_kind.len());

        let by_id = id_order(node_count, |at| {
            let string = node_id[at as usize] as usize;
            &strings.blob[strings.offsets[string] as usize..strings.offsets[string + 1] as usize]
        });
        let Adjacencies {
            out,
            incoming,
            out_rel,
            in_rel,
            naming,
        } = Adjacencies::of(
            node_count,
            &EdgeColumns {
                kind: &edge_kind,
                from: &edge_from,
                to: &edge_to,
                concerns: &edge_concerns,
                pool: &pool,
            },
        );
        let meta = vec![
            node_count as u32,
            edge_count as u32,
            sources.len() as u32,
            (strings.offsets.len() - 1) as u32,
            code(complete_to),
        ];

        use Part::{Bytes, Words};
        let parts: Vec<(Section, Part)> = vec![
            (Section::Meta, Words(meta)),
            (Section::StrOffsets, Words(strings.offsets)),
            (Section::StrBlob, Bytes(strings.blob)),
            (Section::Files, Words(file_names)),
            (Section::NodeKind, Bytes(node_kind)),
            (Section::NodeId, Words(node_id)),
            (Section::NodeName, Words(node_name)),
            (Section::NodeLine, Words(node_line)),
            (Section::NodeFiles, Words(node_files.runs)),
            (Section::NodeDetail, Words(node_detail)),
            (Section::NodeDetails, Words(node_details)),
            (Section::ById, Words(by_id)),
            (Section::EdgeKind, Bytes(edge_kind)),
            (Section::EdgeFrom, Words(edge_from)),
            (Section::EdgeTo, Words(edge_to)),
            (Section::EdgeDate, Words(edge_date)),
            (Section::EdgeLine, Words(edge_line)),
            (Section::EdgeFiles, Words(edge_files.runs)),
            (Section::EdgeSources, Words(edge_sources)),
            (Section::EdgeConcerns, Words(edge_concerns)),
            (Section::EdgeExtra, Words(edge_extra)),
            (Section::EdgeExtras, Words(edge_extras)),
            (Section::Lists, Words(pool)),
            (Section::Sources, Words(source_rows)),
            (Section::OutOffsets, out.offsets),
            (Section::Out, out.items),
            (Section::InOffsets, incoming.offsets),
            (Section::In, incoming.items),
            (Section::OutRelOffsets, out_rel.offsets),
            (Section::OutRel, out_rel.items),
            (Section::InRelOffsets, in_rel.offsets),
            (Section::InRel, in_rel.items),
            (Section::NamingOffsets, naming.offsets),
            (Section::Naming, naming.items),
        ];
        in_store_order(parts)
    }
}

/// The parts of a store, checked (in debug builds) to come one per section in the
/// sections' order, as [`Store::from_parts`] takes them.
fn in_store_order(parts: Vec<(Section, Part)>) -> Store {
    debug_assert_eq!(parts.len(), SECTION_COUNT);
    debug_assert!(parts
        .iter()
        .enumerate()
        .all(|(at, (section, _))| *section as usize == at));
    Store::from_parts(parts.into_iter().map(|(_, part)| part).collect())
}

/// Lays out a graph given as domain values. The first node or source with an id wins;
/// edges whose ends are unknown are dropped, as are cited sources and named commodities
/// that are not in the graph (validation reports all of these before a graph is built).
/// `files` are the names of the loaded files, kept in this order even when a file holds
/// no node or edge; files that origins name and `files` does not come after them.
pub fn build<'a>(
    nodes: &'a [Node],
    edges: &'a [Edge],
    sources: &'a [Source],
    files: &[&'a str],
) -> Store {
    let mut builder = Builder::with_capacity(nodes.len(), edges.len());
    for name in files {
        builder.file(name);
    }
    let mut source_at: HashMap<&str, u32> = HashMap::with_capacity(sources.len());
    for source in sources {
        if !source_at.contains_key(source.id.as_str()) {
            source_at.insert(source.id.as_str(), builder.source(source));
        }
    }
    let mut position: HashMap<&str, u32> = HashMap::with_capacity(nodes.len());
    let mut kept = Vec::with_capacity(nodes.len());
    for node in nodes {
        if !position.contains_key(node.id.as_str()) {
            position.insert(node.id.as_str(), kept.len() as u32);
            kept.push(node);
        }
    }
    for node in kept {
        let country = node
            .country
            .as_ref()
            .and_then(|country| position.get(country.as_str()).copied());
        let file = builder.file(&node.origin.file);
        builder.node(node, country, file);
    }
    let mut cited = Vec::new();
    let mut named = Vec::new();
    for edge in edges {
        let ends = (
            position.get(edge.from.as_str()),
            position.get(edge.to.as_str()),
        );
        let (Some(&from), Some(&to)) = ends else {
            continue;
        };
        cited.clear();
        cited.extend(
            edge.sources
                .iter()
                .filter_map(|id| source_at.get(id.as_str()).copied()),
        );
        named.clear();
        named.extend(
            edge.concerns
                .iter()
                .filter_map(|id| position.get(id.as_str()).copied()),
        );
        let parts = EdgeParts {
            kind: edge.kind,
            from,
            to,
            date: edge.date.or(edge.since),
            until: edge.until,
            instrument: edge.instrument.as_deref().map(Cow::Borrowed),
            notes: edge.notes.as_deref().map(Cow::Borrowed),
            id: edge.id.as_deref().map(Cow::Borrowed),
            unverified: edge.unverified,
            file: builder.file(&edge.origin.file),
            line: edge.origin.line as u32,
        };
        builder.edge(parts, &cited, &named);
    }
    builder.finish()
}
