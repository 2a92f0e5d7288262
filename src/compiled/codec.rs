//! The payload of a compiled graph: interned strings, then sources, nodes and edges as
//! fixed-width records that point into the strings and at each other by position.
//!
//! Layout (all integers little-endian; `str` is a `u32` index into the strings, `opt` the
//! same with `u32::MAX` for none, `list<T>` a `u32` count then the items):
//!
//! ```text
//! strings  u32 count, (count + 1) × u32 offsets into the blob, the UTF-8 blob
//! files    list<str>                                  names of the loaded files
//! sources  list<(id str, publisher str, title opt, description opt, date, url opt,
//!                language opt)>
//! nodes    list<(id str, kind u8, name str, aliases list<str>, iso opt, country u32|MAX,
//!                role opt, hs list<str>, registration opt, notes opt, file u32, line u32)>
//! by id    node count × u32                           node positions in id order
//! edges    list<(kind u8, from u32, to u32, date, since, until, concerns list<u32>,
//!                instrument opt, sources list<u32>, unverified u8, notes opt, file u32,
//!                line u32)>
//! date     u8 precision (0 none, 1 year, 2 month, 3 day); if some: i32 year, u8 month,
//!          u8 day
//! ```
//!
//! Edges keep their load order and ends are node positions, so the graph is rebuilt
//! without looking up a single id.

use std::collections::HashMap;
use std::sync::Arc;

use petgraph::graph::NodeIndex;

use super::CompiledError;
use crate::graph::SanctionsGraph;
use crate::model::{
    Date, Edge, EdgeKind, Node, NodeId, NodeKind, Origin, Precision, Source, SourceId,
};

const NONE: u32 = u32::MAX;

/// Collects each distinct string once.
#[derive(Default)]
struct Strings<'g> {
    index: HashMap<&'g str, u32>,
    list: Vec<&'g str>,
}

impl<'g> Strings<'g> {
    fn intern(&mut self, text: &'g str) -> u32 {
        let next = self.list.len() as u32;
        *self.index.entry(text).or_insert_with(|| {
            self.list.push(text);
            next
        })
    }
}

struct Writer<'g> {
    out: Vec<u8>,
    strings: Strings<'g>,
}

impl<'g> Writer<'g> {
    fn u8(&mut self, value: u8) {
        self.out.push(value);
    }

    fn u32(&mut self, value: u32) {
        self.out.extend_from_slice(&value.to_le_bytes());
    }

    fn len(&mut self, len: usize) {
        self.u32(u32::try_from(len).expect("fewer than 4 billion items"));
    }

    fn str(&mut self, text: &'g str) {
        let index = self.strings.intern(text);
        self.u32(index);
    }

    fn opt(&mut self, text: Option<&'g str>) {
        match text {
            Some(text) => self.str(text),
            None => self.u32(NONE),
        }
    }

    fn strs(&mut self, texts: &'g [String]) {
        self.len(texts.len());
        for text in texts {
            self.str(text);
        }
    }

    fn date(&mut self, date: Option<Date>) {
        let Some(date) = date else {
            return self.u8(0);
        };
        self.u8(match date.precision() {
            Precision::Year => 1,
            Precision::Month => 2,
            Precision::Day => 3,
        });
        let (year, month, day) = date.first_day();
        self.out.extend_from_slice(&year.to_le_bytes());
        self.u8(month);
        self.u8(day);
    }
}

/// Encodes a graph's payload.
pub fn encode(graph: &SanctionsGraph, files: &[&str]) -> Vec<u8> {
    let petgraph = graph.petgraph();
    let mut body = Writer {
        out: Vec::with_capacity(64 * (petgraph.node_count() + petgraph.edge_count())),
        strings: Strings::default(),
    };
    // The loaded files, then any other file an origin names (a graph built in memory).
    let mut names: Vec<&str> = files.to_vec();
    let mut file_index: HashMap<&str, u32> = HashMap::new();
    for name in files {
        let next = file_index.len() as u32;
        file_index.entry(name).or_insert(next);
    }
    let origins = petgraph
        .node_weights()
        .map(|node| &node.origin)
        .chain(petgraph.edge_weights().map(|edge| &edge.origin));
    for origin in origins {
        if !file_index.contains_key(&*origin.file) {
            file_index.insert(&origin.file, names.len() as u32);
            names.push(&origin.file);
        }
    }
    let origin = |body: &mut Writer<'_>, origin: &Origin| {
        body.u32(file_index.get(&*origin.file).copied().unwrap_or(NONE));
        body.u32(u32::try_from(origin.line).unwrap_or(NONE));
    };
    body.len(names.len());
    for name in &names {
        body.str(name);
    }
    let sources: Vec<&Source> = graph.sources().collect();
    let source_index: HashMap<&str, u32> = sources
        .iter()
        .enumerate()
        .map(|(i, source)| (source.id.as_str(), i as u32))
        .collect();
    body.len(sources.len());
    for source in &sources {
        body.str(source.id.as_str());
        body.str(&source.publisher);
        body.opt(source.title.as_deref());
        body.opt(source.description.as_deref());
        body.date(source.date);
        body.opt(source.url.as_deref());
        body.opt(source.language.as_deref());
    }
    body.len(petgraph.node_count());
    for node in petgraph.node_weights() {
        body.str(node.id.as_str());
        body.u8(node_kind_code(node.kind));
        body.str(&node.name);
        body.strs(&node.aliases);
        body.opt(node.iso.as_deref());
        let country = node
            .country
            .as_ref()
            .and_then(|id| graph.index_of(id.as_str()));
        body.u32(country.map_or(NONE, |index| index.index() as u32));
        body.opt(node.role.as_deref());
        body.strs(&node.hs);
        body.opt(node.registration.as_deref());
        body.opt(node.notes.as_deref());
        origin(&mut body, &node.origin);
    }
    for node in graph.nodes() {
        let index = graph
            .index_of(node.id.as_str())
            .map_or(NONE, |index| index.index() as u32);
        body.u32(index);
    }
    body.len(petgraph.edge_count());
    let node_position = |id: &NodeId| {
        graph
            .index_of(id.as_str())
            .map_or(NONE, |i| i.index() as u32)
    };
    for edge in petgraph.raw_edges() {
        let weight = &edge.weight;
        body.u8(edge_kind_code(weight.kind));
        body.u32(edge.source().index() as u32);
        body.u32(edge.target().index() as u32);
        body.date(weight.date);
        body.date(weight.since);
        body.date(weight.until);
        body.len(weight.concerns.len());
        for commodity in &weight.concerns {
            body.u32(node_position(commodity));
        }
        body.opt(weight.instrument.as_deref());
        body.len(weight.sources.len());
        for source in &weight.sources {
            body.u32(source_index.get(source.as_str()).copied().unwrap_or(NONE));
        }
        body.u8(u8::from(weight.unverified));
        body.opt(weight.notes.as_deref());
        origin(&mut body, &weight.origin);
    }
    let strings = body.strings.list;
    let blob_len: usize = strings.iter().map(|text| text.len()).sum();
    let mut out = Vec::with_capacity(8 + 4 * strings.len() + blob_len + body.out.len());
    out.extend_from_slice(&(strings.len() as u32).to_le_bytes());
    let mut offset = 0u32;
    out.extend_from_slice(&offset.to_le_bytes());
    for text in &strings {
        offset += u32::try_from(text.len()).expect("strings under 4 GB");
        out.extend_from_slice(&offset.to_le_bytes());
    }
    for text in &strings {
        out.extend_from_slice(text.as_bytes());
    }
    out.extend_from_slice(&body.out);
    out
}

fn node_kind_code(kind: NodeKind) -> u8 {
    NodeKind::ALL.iter().position(|k| *k == kind).unwrap_or(0) as u8
}

fn edge_kind_code(kind: EdgeKind) -> u8 {
    EdgeKind::all().position(|k| k == kind).unwrap_or(0) as u8
}

struct Reader<'b> {
    bytes: &'b [u8],
    at: usize,
}

fn corrupt(what: &'static str) -> CompiledError {
    CompiledError::Corrupt { what }
}

impl<'b> Reader<'b> {
    fn take(&mut self, len: usize, what: &'static str) -> Result<&'b [u8], CompiledError> {
        let end = self.at.checked_add(len).ok_or(corrupt(what))?;
        let bytes = self.bytes.get(self.at..end).ok_or(corrupt(what))?;
        self.at = end;
        Ok(bytes)
    }

    fn u8(&mut self, what: &'static str) -> Result<u8, CompiledError> {
        Ok(self.take(1, what)?[0])
    }

    fn u32(&mut self, what: &'static str) -> Result<u32, CompiledError> {
        let bytes = self.take(4, what)?;
        Ok(u32::from_le_bytes([bytes[0], bytes[1], bytes[2], bytes[3]]))
    }

    fn len(&mut self, what: &'static str) -> Result<usize, CompiledError> {
        let len = self.u32(what)? as usize;
        // Every item takes at least one byte: a count larger than what is left is corrupt,
        // and refusing it keeps a bad count from reserving gigabytes.
        if len > self.bytes.len() - self.at {
            return Err(corrupt(what));
        }
        Ok(len)
    }

    fn date(&mut self) -> Result<Option<Date>, CompiledError> {
        let precision = self.u8("date")?;
        if precision == 0 {
            return Ok(None);
        }
        let bytes = self.take(6, "date")?;
        let year = i32::from_le_bytes([bytes[0], bytes[1], bytes[2], bytes[3]]);
        let (month, day) = (u32::from(bytes[4]), u32::from(bytes[5]));
        let date = match precision {
            1 => Ok(Date::year(year)),
            2 => Date::ym(year, month),
            3 => Date::ymd(year, month, day),
            _ => return Err(corrupt("date")),
        };
        date.map(Some).map_err(|_| corrupt("date"))
    }
}

/// The strings of a payload, checked once as UTF-8.
struct StringTable<'b> {
    blob: &'b str,
    offsets: &'b [u8],
    count: usize,
}

impl<'b> StringTable<'b> {
    fn read(reader: &mut Reader<'b>) -> Result<StringTable<'b>, CompiledError> {
        let count = reader.len("strings")?;
        let offsets = reader.take(4 * (count + 1), "strings")?;
        let table = StringTable {
            blob: "",
            offsets,
            count,
        };
        let blob_len = table.offset(count);
        let blob = reader.take(blob_len, "strings")?;
        let blob = std::str::from_utf8(blob).map_err(|_| corrupt("strings"))?;
        Ok(StringTable { blob, ..table })
    }

    fn offset(&self, i: usize) -> usize {
        let at = 4 * i;
        let bytes = &self.offsets[at..at + 4];
        u32::from_le_bytes([bytes[0], bytes[1], bytes[2], bytes[3]]) as usize
    }

    fn get(&self, index: u32) -> Result<&'b str, CompiledError> {
        let index = index as usize;
        if index >= self.count {
            return Err(corrupt("string index"));
        }
        self.blob
            .get(self.offset(index)..self.offset(index + 1))
            .ok_or(corrupt("string offsets"))
    }

    fn str(&self, reader: &mut Reader<'_>) -> Result<&'b str, CompiledError> {
        self.get(reader.u32("string index")?)
    }

    fn opt(&self, reader: &mut Reader<'_>) -> Result<Option<String>, CompiledError> {
        match reader.u32("string index")? {
            NONE => Ok(None),
            index => self.get(index).map(|text| Some(text.to_owned())),
        }
    }

    fn strs(&self, reader: &mut Reader<'_>) -> Result<Vec<String>, CompiledError> {
        let len = reader.len("string list")?;
        (0..len)
            .map(|_| self.str(reader).map(str::to_owned))
            .collect()
    }
}

/// A decoded payload: the graph and the names of the files it was compiled from.
pub struct Decoded {
    pub graph: SanctionsGraph,
    pub files: Vec<String>,
}

/// Decodes a payload; never panics, whatever the bytes.
pub fn decode(bytes: &[u8]) -> Result<Decoded, CompiledError> {
    let mut reader = Reader { bytes, at: 0 };
    let strings = StringTable::read(&mut reader)?;
    let file_count = reader.len("files")?;
    let mut files = Vec::with_capacity(file_count);
    for _ in 0..file_count {
        files.push(strings.str(&mut reader)?);
    }
    let file_names: Vec<Arc<str>> = files.iter().map(|name| Arc::from(*name)).collect();
    let origin = |reader: &mut Reader<'_>| -> Result<Origin, CompiledError> {
        let file = reader.u32("origin")?;
        let line = reader.u32("origin")?;
        Ok(Origin {
            file: file_names
                .get(file as usize)
                .cloned()
                .ok_or(corrupt("origin"))?,
            line: line as usize,
        })
    };
    let source_count = reader.len("sources")?;
    let mut sources = Vec::with_capacity(source_count);
    for _ in 0..source_count {
        sources.push(Source {
            id: SourceId::new(strings.str(&mut reader)?),
            publisher: strings.str(&mut reader)?.to_owned(),
            title: strings.opt(&mut reader)?,
            description: strings.opt(&mut reader)?,
            date: reader.date()?,
            url: strings.opt(&mut reader)?,
            language: strings.opt(&mut reader)?,
        });
    }
    let node_count = reader.len("nodes")?;
    let mut nodes = Vec::with_capacity(node_count);
    let mut countries = Vec::new();
    for at in 0..node_count {
        let id = NodeId::new(strings.str(&mut reader)?);
        let kind = *NodeKind::ALL
            .get(usize::from(reader.u8("node kind")?))
            .ok_or(corrupt("node kind"))?;
        let name = strings.str(&mut reader)?.to_owned();
        let aliases = strings.strs(&mut reader)?;
        let iso = strings.opt(&mut reader)?;
        match reader.u32("country")? {
            NONE => {}
            country => countries.push((at, country as usize)),
        }
        let node = Node {
            id,
            kind,
            name,
            aliases,
            iso,
            country: None,
            role: strings.opt(&mut reader)?,
            hs: strings.strs(&mut reader)?,
            registration: strings.opt(&mut reader)?,
            notes: strings.opt(&mut reader)?,
            origin: origin(&mut reader)?,
        };
        nodes.push(node);
    }
    for (at, country) in countries {
        let id = nodes.get(country).ok_or(corrupt("country"))?.id.clone();
        nodes[at].country = Some(id);
    }
    let mut by_id = Vec::with_capacity(node_count);
    for _ in 0..node_count {
        let index = reader.u32("id order")? as usize;
        if index >= node_count {
            return Err(corrupt("id order"));
        }
        by_id.push(NodeIndex::new(index));
    }
    let kinds: Vec<EdgeKind> = EdgeKind::all().collect();
    let edge_count = reader.len("edges")?;
    let mut edges = Vec::with_capacity(edge_count);
    let node_id = |nodes: &[Node], at: u32| -> Result<NodeId, CompiledError> {
        nodes
            .get(at as usize)
            .map(|node| node.id.clone())
            .ok_or(corrupt("edge end"))
    };
    for _ in 0..edge_count {
        let kind = *kinds
            .get(usize::from(reader.u8("edge kind")?))
            .ok_or(corrupt("edge kind"))?;
        let from = reader.u32("edge end")?;
        let to = reader.u32("edge end")?;
        let (date, since, until) = (reader.date()?, reader.date()?, reader.date()?);
        let concerns = reader.len("concerns")?;
        let concerns = (0..concerns)
            .map(|_| node_id(&nodes, reader.u32("concerns")?))
            .collect::<Result<_, _>>()?;
        let instrument = strings.opt(&mut reader)?;
        let cited = reader.len("edge sources")?;
        let cited = (0..cited)
            .map(|_| {
                let at = reader.u32("edge sources")? as usize;
                let source: &Source = sources.get(at).ok_or(corrupt("edge sources"))?;
                Ok(source.id.clone())
            })
            .collect::<Result<_, CompiledError>>()?;
        let edge = Edge {
            kind,
            from: node_id(&nodes, from)?,
            to: node_id(&nodes, to)?,
            date,
            since,
            until,
            concerns,
            instrument,
            sources: cited,
            unverified: reader.u8("unverified")? != 0,
            notes: strings.opt(&mut reader)?,
            origin: origin(&mut reader)?,
        };
        edges.push((from as usize, to as usize, edge));
    }
    if reader.at != bytes.len() {
        return Err(corrupt("trailing bytes"));
    }
    let files = files.into_iter().map(str::to_owned).collect();
    Ok(Decoded {
        graph: SanctionsGraph::from_positions(nodes, edges, sources, by_id),
        files,
    })
}
