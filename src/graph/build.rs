//! Lays validated nodes, edges and sources out as the columns of a [`Store`].

use std::collections::HashMap;
use std::sync::Arc;

use super::store::{Section, Store, INLINE, NONE, SECTION_COUNT, UNVERIFIED};
use crate::model::{Date, Edge, Node, Origin, Source};

/// Strings, each stored once when interned.
#[derive(Default)]
struct Strings<'a> {
    offsets: Vec<u32>,
    blob: Vec<u8>,
    interned: HashMap<&'a str, u32>,
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
    fn intern(&mut self, text: &'a str) -> u32 {
        if let Some(&index) = self.interned.get(text) {
            return index;
        }
        let index = self.push(text);
        self.interned.insert(text, index);
        index
    }

    fn opt(&mut self, text: Option<&'a str>) -> u32 {
        text.map_or(NONE, |text| self.intern(text))
    }
}

/// The list pool.
#[derive(Default)]
struct Lists {
    pool: Vec<u32>,
}

impl Lists {
    fn add(&mut self, items: &[u32]) -> u32 {
        match items {
            [] => NONE,
            [one] if *one < INLINE => INLINE | one,
            _ => {
                let at = self.pool.len() as u32;
                self.pool.push(items.len() as u32);
                self.pool.extend_from_slice(items);
                at
            }
        }
    }
}

/// Runs of consecutive items from the same file: (first item, file) pairs.
fn file_runs<'a>(origins: impl Iterator<Item = &'a Origin>, files: &mut Vec<&'a str>) -> Vec<u32> {
    let mut runs = Vec::new();
    let mut last: Option<&Arc<str>> = None;
    for (at, origin) in origins.enumerate() {
        if last.is_some_and(|last| Arc::ptr_eq(last, &origin.file) || **last == *origin.file) {
            continue;
        }
        let file = match files.iter().position(|name| *name == &*origin.file) {
            Some(file) => file,
            None => {
                files.push(&origin.file);
                files.len() - 1
            }
        };
        runs.extend([at as u32, file as u32]);
        last = Some(&origin.file);
    }
    runs
}

fn code(date: Option<Date>) -> u32 {
    date.map_or(0, Date::code)
}

fn bytes(words: &[u32]) -> Vec<u8> {
    bytemuck::cast_slice(words).to_vec()
}

/// The offsets and items of an adjacency, from each item's node, in the order given.
fn adjacency(
    nodes: usize,
    entries: impl Iterator<Item = (u32, u32)> + Clone,
) -> (Vec<u8>, Vec<u8>) {
    let mut offsets = vec![0u32; nodes + 1];
    for (node, _) in entries.clone() {
        offsets[node as usize + 1] += 1;
    }
    for at in 1..offsets.len() {
        offsets[at] += offsets[at - 1];
    }
    let mut next = offsets.clone();
    let mut items = vec![0u32; offsets[nodes] as usize];
    for (node, item) in entries {
        let slot = &mut next[node as usize];
        items[*slot as usize] = item;
        *slot += 1;
    }
    (bytes(&offsets), bytes(&items))
}

/// Lays out a graph. The first node with an id wins; edges whose ends are unknown are
/// dropped, as are cited sources and named commodities that are not in the graph
/// (validation reports all of these before a graph is built). `files` are the names of
/// the loaded files, kept in this order even when a file holds no node or edge; files
/// that origins name and `files` does not come after them.
pub fn build<'a>(
    nodes: &'a [Node],
    edges: &'a [Edge],
    sources: &'a [Source],
    files: &[&'a str],
) -> Store {
    let mut strings = Strings::default();
    let mut lists = Lists::default();
    let mut files: Vec<&str> = files.to_vec();

    let mut position: HashMap<&str, u32> = HashMap::with_capacity(nodes.len());
    let kept: Vec<&Node> = nodes
        .iter()
        .filter(|node| {
            let next = position.len() as u32;
            let new = !position.contains_key(node.id.as_str());
            if new {
                position.insert(node.id.as_str(), next);
            }
            new
        })
        .collect();
    let node_count = kept.len();

    let mut by_id: Vec<u32> = (0..node_count as u32).collect();
    by_id.sort_unstable_by(|&a, &b| kept[a as usize].id.cmp(&kept[b as usize].id));

    let mut sorted_sources: Vec<&Source> = sources.iter().collect();
    sorted_sources.sort_by(|a, b| a.id.cmp(&b.id));
    sorted_sources.dedup_by(|a, b| a.id == b.id);
    let source_index: HashMap<&str, u32> = sorted_sources
        .iter()
        .enumerate()
        .map(|(at, source)| (source.id.as_str(), at as u32))
        .collect();

    let mut node_kind = Vec::with_capacity(node_count);
    let mut node_id = Vec::with_capacity(node_count);
    let mut node_name = Vec::with_capacity(node_count);
    let mut node_line = Vec::with_capacity(node_count);
    let mut node_detail = Vec::with_capacity(node_count);
    let mut node_details = Vec::new();
    for node in &kept {
        node_kind.push(node.kind.code());
        node_id.push(strings.push(node.id.as_str()));
        node_name.push(strings.push(&node.name));
        node_line.push(node.origin.line as u32);
        let plain = node.aliases.is_empty()
            && node.iso.is_none()
            && node.country.is_none()
            && node.role.is_none()
            && node.hs.is_empty()
            && node.registration.is_none()
            && node.notes.is_none();
        if plain {
            node_detail.push(NONE);
            continue;
        }
        node_detail.push((node_details.len() / super::store::NODE_DETAIL_WORDS) as u32);
        let aliases: Vec<u32> = node
            .aliases
            .iter()
            .map(|alias| strings.push(alias))
            .collect();
        let hs: Vec<u32> = node.hs.iter().map(|code| strings.intern(code)).collect();
        let country = node
            .country
            .as_ref()
            .and_then(|country| position.get(country.as_str()).copied())
            .unwrap_or(NONE);
        node_details.extend([
            lists.add(&aliases),
            strings.opt(node.iso.as_deref()),
            country,
            strings.opt(node.role.as_deref()),
            lists.add(&hs),
            strings.opt(node.registration.as_deref()),
            node.notes
                .as_deref()
                .map_or(NONE, |notes| strings.push(notes)),
        ]);
    }
    let node_files = file_runs(kept.iter().map(|node| &node.origin), &mut files);

    let kept_edges: Vec<(&Edge, u32, u32)> = edges
        .iter()
        .filter_map(|edge| {
            let from = *position.get(edge.from.as_str())?;
            let to = *position.get(edge.to.as_str())?;
            Some((edge, from, to))
        })
        .collect();
    let edge_count = kept_edges.len();
    let mut edge_kind = Vec::with_capacity(edge_count);
    let mut edge_date = Vec::with_capacity(edge_count);
    let mut edge_line = Vec::with_capacity(edge_count);
    let mut edge_sources = Vec::with_capacity(edge_count);
    let mut edge_concerns = Vec::with_capacity(edge_count);
    let mut edge_extra = Vec::with_capacity(edge_count);
    let mut edge_extras = Vec::new();
    let mut concerned: Vec<Vec<u32>> = Vec::with_capacity(edge_count);
    for (edge, _, _) in &kept_edges {
        let unverified = if edge.unverified { UNVERIFIED } else { 0 };
        edge_kind.push(edge.kind.code() | unverified);
        edge_date.push(code(edge.date.or(edge.since)));
        edge_line.push(edge.origin.line as u32);
        let cited: Vec<u32> = edge
            .sources
            .iter()
            .filter_map(|source| source_index.get(source.as_str()).copied())
            .collect();
        edge_sources.push(lists.add(&cited));
        let named: Vec<u32> = edge
            .concerns
            .iter()
            .filter_map(|commodity| position.get(commodity.as_str()).copied())
            .collect();
        edge_concerns.push(lists.add(&named));
        concerned.push(named);
        if edge.until.is_none() && edge.instrument.is_none() && edge.notes.is_none() {
            edge_extra.push(NONE);
        } else {
            edge_extra.push((edge_extras.len() / super::store::EDGE_EXTRA_WORDS) as u32);
            edge_extras.extend([
                code(edge.until),
                strings.opt(edge.instrument.as_deref()),
                edge.notes
                    .as_deref()
                    .map_or(NONE, |notes| strings.push(notes)),
            ]);
        }
    }
    let edge_files = file_runs(
        kept_edges.iter().map(|(edge, _, _)| &edge.origin),
        &mut files,
    );
    let edge_from: Vec<u32> = kept_edges.iter().map(|&(_, from, _)| from).collect();
    let edge_to: Vec<u32> = kept_edges.iter().map(|&(_, _, to)| to).collect();

    let mut source_rows = Vec::with_capacity(sorted_sources.len() * super::store::SOURCE_WORDS);
    for source in &sorted_sources {
        source_rows.extend([
            strings.push(source.id.as_str()),
            strings.intern(&source.publisher),
            strings.opt(source.title.as_deref()),
            strings.opt(source.description.as_deref()),
            code(source.date),
            strings.opt(source.url.as_deref()),
            strings.opt(source.language.as_deref()),
        ]);
    }
    let file_names: Vec<u32> = files.iter().map(|name| strings.intern(name)).collect();
    if strings.offsets.is_empty() {
        strings.offsets.push(0);
    }

    let newest_first = (0..edge_count as u32).rev();
    let relations =
        || (0..edge_count as u32).filter(|&at| !kept_edges[at as usize].0.kind.is_action());
    let (out_offsets, out) = adjacency(
        node_count,
        newest_first.clone().map(|at| (edge_from[at as usize], at)),
    );
    let (in_offsets, incoming) = adjacency(
        node_count,
        newest_first.map(|at| (edge_to[at as usize], at)),
    );
    let (out_rel_offsets, out_rel) = adjacency(
        node_count,
        relations().map(|at| (edge_from[at as usize], at)),
    );
    let (in_rel_offsets, in_rel) =
        adjacency(node_count, relations().map(|at| (edge_to[at as usize], at)));
    let naming_entries = concerned
        .iter()
        .enumerate()
        .flat_map(|(at, named)| named.iter().map(move |&node| (node, at as u32)));
    let (naming_offsets, naming) = adjacency(node_count, naming_entries);

    let meta = [
        node_count as u32,
        edge_count as u32,
        sorted_sources.len() as u32,
        (strings.offsets.len() - 1) as u32,
    ];
    let mut parts: Vec<(Section, Vec<u8>)> = vec![
        (Section::Meta, bytes(&meta)),
        (Section::StrOffsets, bytes(&strings.offsets)),
        (Section::StrBlob, strings.blob),
        (Section::Files, bytes(&file_names)),
        (Section::NodeKind, node_kind),
        (Section::NodeId, bytes(&node_id)),
        (Section::NodeName, bytes(&node_name)),
        (Section::NodeLine, bytes(&node_line)),
        (Section::NodeFiles, bytes(&node_files)),
        (Section::NodeDetail, bytes(&node_detail)),
        (Section::NodeDetails, bytes(&node_details)),
        (Section::ById, bytes(&by_id)),
        (Section::EdgeKind, edge_kind),
        (Section::EdgeFrom, bytes(&edge_from)),
        (Section::EdgeTo, bytes(&edge_to)),
        (Section::EdgeDate, bytes(&edge_date)),
        (Section::EdgeLine, bytes(&edge_line)),
        (Section::EdgeFiles, bytes(&edge_files)),
        (Section::EdgeSources, bytes(&edge_sources)),
        (Section::EdgeConcerns, bytes(&edge_concerns)),
        (Section::EdgeExtra, bytes(&edge_extra)),
        (Section::EdgeExtras, bytes(&edge_extras)),
        (Section::Lists, bytes(&lists.pool)),
        (Section::Sources, bytes(&source_rows)),
        (Section::OutOffsets, out_offsets),
        (Section::Out, out),
        (Section::InOffsets, in_offsets),
        (Section::In, incoming),
        (Section::OutRelOffsets, out_rel_offsets),
        (Section::OutRel, out_rel),
        (Section::InRelOffsets, in_rel_offsets),
        (Section::InRel, in_rel),
        (Section::NamingOffsets, naming_offsets),
        (Section::Naming, naming),
    ];
    debug_assert_eq!(parts.len(), SECTION_COUNT);
    debug_assert!(parts
        .iter()
        .enumerate()
        .all(|(at, (section, _))| *section as usize == at));
    Store::from_sections(parts.drain(..).map(|(_, part)| part).collect())
}
