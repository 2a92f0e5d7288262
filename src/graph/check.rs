//! Checks a buffer before queries read it: every column has its length, and every node or
//! edge position that a query uses to index its own tables is in range.
//!
//! Strings, rows and lists are looked up with checked access when shown, so a bad one
//! shows as empty rather than stopping the program; they need no pass here. A checksum
//! guards compiled files against damage; this guards against a file that was written
//! wrong, so that no input can make a query index out of bounds.

use super::store::CorruptStore;
use super::store::{Section, Store, UNVERIFIED};
use crate::model::{Date, EdgeKind, NodeKind};

fn corrupt(what: &'static str) -> CorruptStore {
    CorruptStore { what }
}

fn length(
    store: &Store,
    section: Section,
    words: usize,
    what: &'static str,
) -> Result<(), CorruptStore> {
    if store.bytes(section).len() == words * 4 && store.words(section).len() == words {
        Ok(())
    } else {
        Err(corrupt(what))
    }
}

fn below(values: &[u32], bound: usize, what: &'static str) -> Result<(), CorruptStore> {
    // A maximum over the whole column vectorises; checking as we go would not.
    match values.iter().copied().max() {
        Some(max) if max as usize >= bound => Err(corrupt(what)),
        _ => Ok(()),
    }
}

fn adjacency(
    store: &Store,
    offsets: Section,
    items: Section,
    nodes: usize,
    edges: usize,
    what: &'static str,
) -> Result<(), CorruptStore> {
    length(store, offsets, nodes + 1, what)?;
    let offsets = store.words(offsets);
    let items = store.words(items);
    let ordered = offsets.windows(2).all(|pair| pair[0] <= pair[1]);
    if !ordered
        || offsets.first() != Some(&0)
        || offsets.last().copied() != Some(items.len() as u32)
    {
        return Err(corrupt(what));
    }
    below(items, edges, what)
}

/// Checks the columns of a store.
pub fn check(store: &Store) -> Result<(), CorruptStore> {
    let meta = store.words(Section::Meta);
    let &[nodes, edges, _, _, complete_to] = meta else {
        return Err(corrupt("counts"));
    };
    if complete_to != 0 && Date::from_code(complete_to).is_none() {
        return Err(corrupt("the date the curation is complete to"));
    }
    let (nodes, edges) = (nodes as usize, edges as usize);
    if store.bytes(Section::NodeKind).len() != nodes
        || store
            .bytes(Section::NodeKind)
            .iter()
            .any(|&code| NodeKind::from_code(code).is_none())
    {
        return Err(corrupt("node kinds"));
    }
    for section in [
        Section::NodeId,
        Section::NodeName,
        Section::NodeLine,
        Section::NodeDetail,
    ] {
        length(store, section, nodes, "node columns")?;
    }
    length(store, Section::ById, nodes, "id order")?;
    below(store.words(Section::ById), nodes, "id order")?;
    if store.bytes(Section::EdgeKind).len() != edges
        || store
            .bytes(Section::EdgeKind)
            .iter()
            .any(|&code| EdgeKind::from_code(code & !UNVERIFIED).is_none())
    {
        return Err(corrupt("edge kinds"));
    }
    for section in [
        Section::EdgeFrom,
        Section::EdgeTo,
        Section::EdgeDate,
        Section::EdgeLine,
        Section::EdgeSources,
        Section::EdgeConcerns,
        Section::EdgeExtra,
    ] {
        length(store, section, edges, "edge columns")?;
    }
    below(store.words(Section::EdgeFrom), nodes, "edge ends")?;
    below(store.words(Section::EdgeTo), nodes, "edge ends")?;
    let concerns_in_range = store
        .words(Section::EdgeConcerns)
        .iter()
        .all(|&list| store.list(list).all(|node| (node as usize) < nodes));
    if !concerns_in_range {
        return Err(corrupt("edge concerns"));
    }
    for (offsets, items, what) in [
        (Section::OutOffsets, Section::Out, "outgoing adjacency"),
        (Section::InOffsets, Section::In, "incoming adjacency"),
        (
            Section::OutRelOffsets,
            Section::OutRel,
            "outgoing relations",
        ),
        (Section::InRelOffsets, Section::InRel, "incoming relations"),
        (
            Section::NamingOffsets,
            Section::Naming,
            "actions naming commodities",
        ),
    ] {
        adjacency(store, offsets, items, nodes, edges, what)?;
    }
    Ok(())
}
