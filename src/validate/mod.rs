//! Validate stage: check references, node kinds at each edge end, dates and sources, and
//! turn the parsed items into domain types. Every problem of every file is collected; none
//! stops the others from being found.

mod cycles;
mod duplicates;
mod edges;
mod error;
mod findings;
pub mod ids;
mod relief;
mod shared;

pub use error::ValidateError;
use findings::Findings;

use std::collections::btree_map::Entry;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use crate::diagnostic::Diagnostic;
use crate::graph::{Builder, EdgeParts, SanctionsGraph};
use crate::load::file::{NodeDef, SourceDef};
use crate::load::{Item, ParsedGraph, Pending};
use crate::model::{Date, Node, NodeId, NodeKind, Origin, Source, SourceId};
use crate::source::{FileSpan, SourceMap};
use crate::suggest::Suggester;

/// Checks a parsed graph and builds it. Returns the graph (complete only when no error was
/// found) and every problem, errors and warnings, in no particular order.
///
/// Each item is checked once and laid out at once: references are resolved to positions
/// while they are checked, so building the graph looks no id up again.
pub fn validate(parsed: &ParsedGraph<'_>, map: &SourceMap) -> (SanctionsGraph, Vec<Diagnostic>) {
    let file_names: Vec<Arc<str>> = map
        .files()
        .map(|(_, file)| Arc::from(file.name.as_str()))
        .collect();
    let mut out = Findings::new(&file_names);
    let mut checker = Checker {
        unparsed: &parsed.unparsed_ids,
        ids: ids::IdTable::with_capacity(parsed.nodes.len()),
        known: Vec::with_capacity(parsed.nodes.len()),
        source_ids: ids::IdTable::with_capacity(parsed.sources.len()),
        source_items: Vec::with_capacity(parsed.sources.len()),
    };
    let sources = checker.sources(&mut out, &parsed.sources);
    let (nodes, countries) = checker.nodes(&mut out, &parsed.nodes);
    let mut builder = Builder::with_capacity(nodes.len(), parsed.edges.len());
    for (_, file) in map.files() {
        builder.file(&file.name);
    }
    for source in &sources {
        builder.source(source);
    }
    for (node, country) in nodes.iter().zip(countries) {
        let file = builder.file(&node.origin.file);
        builder.node(node, country, file);
    }
    let mut after = AfterEdges::new(nodes.len());
    for batch in parsed.edges.chunks(EDGE_BATCH) {
        for checked in checker.edges(map, &file_names, batch) {
            after.take(batch, checked, &mut out, &mut builder);
        }
    }
    let mut problems = out.problems;
    checker.suggest_known(&mut problems);
    problems.extend(after.relief.unmatched(&nodes, map));
    problems.extend(after.relations.warnings(&nodes, map));
    problems.extend(after.part_of.cycles(&nodes, map));
    if let Some(complete_to) = complete_to(parsed, &mut problems) {
        builder.complete_to(complete_to);
    }
    (SanctionsGraph::from_store(builder.finish()), problems)
}

/// What the checks that need every edge collect while edges stream past: the relief
/// without an earlier restriction, relations given twice, `PartOf` cycles, and the
/// explicit action ids met so far.
struct AfterEdges<'p> {
    relief: relief::Relief<'p>,
    relations: duplicates::Relations<'p>,
    part_of: cycles::PartOf<'p>,
    action_ids: BTreeMap<String, FileSpan>,
}

impl<'p> AfterEdges<'p> {
    fn new(nodes: usize) -> AfterEdges<'p> {
        AfterEdges {
            relief: relief::Relief::new(nodes),
            relations: duplicates::Relations::default(),
            part_of: cycles::PartOf::default(),
            action_ids: BTreeMap::new(),
        }
    }

    /// Takes the checked edges of part of `batch`, in file order: their problems, a
    /// duplicate of an action id met earlier, and each edge for the builder unless it
    /// repeats a relation already given.
    fn take<'t>(
        &mut self,
        batch: &'p [Pending],
        checked: Checked<'t>,
        out: &mut Findings<'_>,
        builder: &mut Builder<'t>,
    ) {
        out.problems.extend(checked.problems);
        for (id, span) in checked.action_ids {
            match self.action_ids.entry(id) {
                Entry::Vacant(place) => {
                    place.insert(span);
                }
                Entry::Occupied(first) => {
                    let error = ValidateError::DuplicateAction {
                        id: first.key().clone(),
                    };
                    out.duplicate(error, span, first.get().clone());
                }
            }
        }
        let mut start = 0;
        for (at, parts, cited_end, named_end) in checked.edges {
            let (cited_end, named_end) = (cited_end as usize, named_end as usize);
            if self.relations.is_repeated(&batch[at], &parts) {
                start = named_end;
                continue;
            }
            self.relief.note(&batch[at], &parts);
            self.part_of.note(&batch[at], &parts);
            builder.edge(
                parts,
                &checked.lists[start..cited_end],
                &checked.lists[cited_end..named_end],
            );
            start = named_end;
        }
    }
}

/// The date the graph's curation is complete to: the earliest that a file declares.
fn complete_to(parsed: &ParsedGraph<'_>, problems: &mut Vec<Diagnostic>) -> Option<Date> {
    let mut dates: Vec<(Date, FileSpan)> = Vec::new();
    for (text, span) in &parsed.complete_to {
        match text.parse::<Date>() {
            Ok(date) => dates.push((date, span.clone())),
            Err(error) => problems.push(
                Diagnostic::error(ValidateError::from(error))
                    .at(span.clone(), "not a valid date")
                    .with_help(
                        "write the day the curation is complete to: `complete_to: \"2026-03-01\"`",
                    ),
            ),
        }
    }
    let (kept, _) = dates
        .iter()
        .min_by_key(|(date, _)| date.first_day())?
        .clone();
    if let Some((_, other)) = dates.iter().find(|(date, _)| *date != kept) {
        problems.push(
            Diagnostic::warning(ValidateError::DifferentCompleteTo { kept })
                .at(other.clone(), "a later date")
                .with_help("answers about dates after the earliest may miss events"),
        );
    }
    Some(kept)
}

/// Edges are checked in batches of this many, each split between two threads; the
/// builder takes each batch's valid edges in file order.
const EDGE_BATCH: usize = 1 << 16;

/// The edges of part of a batch that validated, in order: each one's place in the batch,
/// its parts, and where the positions it cites and then names end in `lists`.
#[derive(Default)]
struct Checked<'t> {
    edges: Vec<(usize, EdgeParts<'t>, u32, u32)>,
    lists: Vec<u32>,
    problems: Vec<Diagnostic>,
    /// The explicit action ids met, in file order, with where each is written.
    action_ids: Vec<(String, FileSpan)>,
}

/// What the checks know once sources and nodes are registered: every edge check reads
/// it, from either thread.
struct Checker<'m, 'p, 't> {
    /// Ids of items that did not parse; references to them are not reported again.
    unparsed: &'m BTreeSet<String>,
    /// Every node defined so far: its position by id.
    ids: ids::IdTable,
    /// The kind of every node defined so far, and the item defining it, by position.
    known: Vec<(NodeKind, &'p Item<'t, NodeDef<'t>>)>,
    /// Every source defined so far: its position by id.
    source_ids: ids::IdTable,
    /// The item defining every source defined so far, by position.
    source_items: Vec<&'p Item<'t, SourceDef<'t>>>,
}

impl<'m, 'p, 't> Checker<'m, 'p, 't> {
    /// Adds "did you mean" to the unknown node and source references among `problems`,
    /// in their order, each set of ids prepared once (see [`Suggester`] for the budget
    /// that keeps thousands of unknown references against a large graph fast).
    fn suggest_known(&self, problems: &mut [Diagnostic]) {
        let mut nodes: Option<Suggester> = None;
        let mut sources: Option<Suggester> = None;
        for problem in problems.iter_mut() {
            let (suggester, ids, id) = match problem.problem.downcast_ref::<ValidateError>() {
                Some(ValidateError::UnknownNode { id }) => (&mut nodes, &self.ids, id),
                Some(ValidateError::UnknownSource { id }) => (&mut sources, &self.source_ids, id),
                _ => continue,
            };
            let suggester = suggester.get_or_insert_with(|| Suggester::new(ids.ids()));
            problem.help = suggester.did_you_mean(id);
        }
    }

    fn sources(
        &mut self,
        out: &mut Findings<'m>,
        items: &'p [Item<'t, SourceDef<'t>>],
    ) -> Vec<Source> {
        let mut sources = Vec::new();
        for item in items {
            let def = &item.def;
            if !out.check_id(&def.id, || item.field_span("id")) {
                continue;
            }
            if let Err(first) = self.source_ids.insert(&def.id) {
                let first = self.source_items[first as usize].field_span("id");
                out.duplicate(
                    ValidateError::DuplicateSource {
                        id: def.id.to_string(),
                    },
                    item.field_span("id"),
                    first,
                );
                continue;
            }
            let id = SourceId::new(&def.id);
            self.source_items.push(item);
            if def.title.is_none() && def.description.is_none() {
                out.error(
                    ValidateError::UndescribedSource { id: def.id.to_string() },
                    item.head_span(),
                    "no title or description",
                )
                .help = Some("add `title: \"...\"` (the headline) or `description: \"...\"` (what it reports)".into());
            }
            let date = match &def.date {
                Some(text) => out.date(text, || item.field_span("date")),
                None => None,
            };
            if def.url.is_none() && def.identifier.is_none() {
                out.problems.push(
                    Diagnostic::warning(ValidateError::UnaddressedSource {
                        id: def.id.to_string(),
                    })
                    .at(item.head_span(), "no address")
                    .with_help("add `url: \"https://...\"` or `identifier: \"86 FR 43905\"` (a Federal Register citation, a CELEX number, ...)"),
                );
            }
            if let Some(date) = date {
                out.future(date, "date", || item.field_span("date"));
            }
            sources.push(Source {
                id,
                publisher: def.publisher.to_string(),
                title: def.title.as_deref().map(str::to_owned),
                description: def.description.as_deref().map(str::to_owned),
                date,
                url: def.url.as_deref().map(str::to_owned),
                identifier: def.identifier.as_deref().map(str::to_owned),
                language: def.language.as_deref().map(str::to_owned),
            });
        }
        sources
    }

    /// The nodes that validated, in load order, with the position of each one's country.
    fn nodes(
        &mut self,
        out: &mut Findings<'m>,
        items: &'p [Item<'t, NodeDef<'t>>],
    ) -> (Vec<Node>, Vec<Option<u32>>) {
        let mut nodes = Vec::new();
        let mut with_country = Vec::new();
        for item in items {
            let (kind, id) = node_kind_and_id(&item.def);
            if !out.check_id(id, || item.field_span("id")) {
                continue;
            }
            if let Err(first) = self.ids.insert(id) {
                let at = first as usize;
                let first = self.known[at].1.field_span("id");
                let again = item.field_span("id");
                if first.file != again.file {
                    let node = to_node(&item.def, NodeId::new(id), out.origin(item));
                    if shared::is_same_node(&nodes[at], &node) {
                        if shared::merge(&mut nodes[at], node) {
                            with_country.push((at, item));
                        }
                        continue;
                    }
                }
                out.duplicate(
                    ValidateError::DuplicateNode { id: id.to_owned() },
                    again,
                    first,
                );
                continue;
            }
            let node_id = NodeId::new(id);
            self.known.push((kind, item));
            let node = to_node(&item.def, node_id, out.origin(item));
            if node.country.is_some() {
                with_country.push((nodes.len(), item));
            }
            nodes.push(node);
        }
        // Countries are checked once every node is known, so order in the files is free.
        let mut countries = vec![None; nodes.len()];
        for (at, item) in with_country {
            let Some(country) = nodes[at].country.take() else {
                continue;
            };
            let found = self.reference(
                out,
                country.as_str(),
                || item.field_span("country"),
                "country",
                &[NodeKind::Country, NodeKind::Bloc],
            );
            if let Some(found) = found {
                nodes[at].country = Some(nodes[found as usize].id.clone());
                countries[at] = Some(found);
            }
        }
        (nodes, countries)
    }
}

fn node_kind_and_id<'d>(def: &'d NodeDef<'_>) -> (NodeKind, &'d str) {
    match def {
        NodeDef::Country(d) => (NodeKind::Country, &d.id),
        NodeDef::Bloc(d) => (NodeKind::Bloc, &d.id),
        NodeDef::Body(d) => (NodeKind::Body, &d.id),
        NodeDef::Company(d) => (NodeKind::Company, &d.id),
        NodeDef::Person(d) => (NodeKind::Person, &d.id),
        NodeDef::Commodity(d) => (NodeKind::Commodity, &d.id),
        NodeDef::Aircraft(d) => (NodeKind::Aircraft, &d.id),
        NodeDef::Vessel(d) => (NodeKind::Vessel, &d.id),
    }
}

fn to_node(def: &NodeDef, id: NodeId, origin: Origin) -> Node {
    let (kind, _) = node_kind_and_id(def);
    macro_rules! common {
        ($d:expr) => {{
            let mut node = Node::new(id, kind, $d.name.to_string(), origin);
            node.aliases = $d.aliases.iter().map(|text| text.to_string()).collect();
            node.notes = $d.notes.as_deref().map(str::to_owned);
            node
        }};
    }
    match def {
        NodeDef::Country(d) => Node {
            iso: d.iso.as_deref().map(str::to_owned),
            ..common!(d)
        },
        NodeDef::Bloc(d) => common!(d),
        NodeDef::Body(d) => Node {
            country: d.country.as_ref().map(NodeId::new),
            ..common!(d)
        },
        NodeDef::Company(d) => Node {
            country: d.country.as_ref().map(NodeId::new),
            ..common!(d)
        },
        NodeDef::Person(d) => Node {
            role: d.role.as_deref().map(str::to_owned),
            country: d.country.as_ref().map(NodeId::new),
            ..common!(d)
        },
        NodeDef::Commodity(d) => Node {
            hs: d.hs.iter().map(|text| text.to_string()).collect(),
            ..common!(d)
        },
        NodeDef::Aircraft(d) => Node {
            registration: d.registration.as_deref().map(str::to_owned),
            ..common!(d)
        },
        NodeDef::Vessel(d) => Node {
            registration: d.registration.as_deref().map(str::to_owned),
            ..common!(d)
        },
    }
}

/// "a country, bloc or body".
fn kinds_in_words(kinds: &[NodeKind]) -> String {
    let names: Vec<&str> = kinds.iter().map(|kind| kind.as_str()).collect();
    match names.as_slice() {
        [] => String::new(),
        [one] => format!("a {one}"),
        [rest @ .., last] => format!("a {} or {last}", rest.join(", ")),
    }
}
