//! Validate stage: check references, node kinds at each edge end, dates and sources, and
//! turn the parsed items into domain types. Every problem of every file is collected; none
//! stops the others from being found.

mod cycles;
mod duplicates;
mod ids;
mod relief;
mod shared;

use std::borrow::Cow;
use std::collections::BTreeSet;
use std::sync::Arc;

use crate::diagnostic::Diagnostic;
use crate::graph::{Builder, EdgeParts, SanctionsGraph};
use crate::load::file::{ActionDef, EdgeDef, NodeDef, RelationDef, SourceDef};
use crate::load::{Item, ParsedGraph, Pending};
use crate::model::{Date, DateError, EdgeKind, Node, NodeId, NodeKind, Origin, Source, SourceId};
use crate::source::{FileSpan, SourceMap};
use crate::suggest::Suggester;

/// What is wrong with a graph that parsed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ValidateError {
    /// An id with characters other than lower-case letters, digits, `-`, `_` and `.`.
    #[error("`{id}` is not a valid id; ids use lower-case letters, digits, `-`, `_` and `.`")]
    InvalidId {
        /// The id as written.
        id: String,
    },
    /// Two nodes share an id.
    #[error("node id `{id}` is defined twice")]
    DuplicateNode {
        /// The id.
        id: String,
    },
    /// Two actions share an explicit id.
    #[error("action id `{id}` is defined twice")]
    DuplicateAction {
        /// The id.
        id: String,
    },
    /// Two sources share an id.
    #[error("source id `{id}` is defined twice")]
    DuplicateSource {
        /// The id.
        id: String,
    },
    /// A reference to a node that no loaded file defines.
    #[error("unknown node `{id}`")]
    UnknownNode {
        /// The id referred to.
        id: String,
    },
    /// A reference to a source that no loaded file defines.
    #[error("unknown source `{id}`")]
    UnknownSource {
        /// The id referred to.
        id: String,
    },
    /// An edge kind joined to a node kind it does not allow at that end.
    #[error("`{kind}` cannot {end} a {found} (`{id}`); expected {allowed}")]
    KindNotAllowed {
        /// The edge kind.
        kind: EdgeKind,
        /// `come from` or `go to`.
        end: &'static str,
        /// The node's id.
        id: String,
        /// The node's kind.
        found: NodeKind,
        /// The kinds allowed there, in words.
        allowed: String,
    },
    /// A reference whose node has the wrong kind (a `concerns` that is not a commodity).
    #[error("`{field}` must name {expected}, but `{id}` is a {found}")]
    WrongReferenceKind {
        /// The field.
        field: &'static str,
        /// The node's id.
        id: String,
        /// Its kind.
        found: NodeKind,
        /// The kinds allowed.
        expected: String,
    },
    /// An edge from a node to itself.
    #[error("`{kind}` goes from `{id}` to itself")]
    SelfLoop {
        /// The edge kind.
        kind: EdgeKind,
        /// The node.
        id: String,
    },
    /// A date that is malformed or does not exist.
    #[error("invalid date: {0}")]
    InvalidDate(#[from] DateError),
    /// A relation that ends before it begins.
    #[error("`until` ({until}) is before `since` ({since})")]
    EndsBeforeStart {
        /// The start.
        since: Date,
        /// The end.
        until: Date,
    },
    /// An action that ends before it happens.
    #[error("`until` ({until}) is before the action's `date` ({date})")]
    ActionEndsBeforeDate {
        /// The action's date.
        date: Date,
        /// Its end.
        until: Date,
    },
    /// A source with neither an address nor an official identifier (a warning).
    #[error("source `{id}` has neither a `url` nor an `identifier`: a reader cannot find it")]
    UnaddressedSource {
        /// The source id.
        id: String,
    },
    /// A date after today (a warning): an action not yet taken is counted as scheduled.
    #[error("`{field}` ({date}) is after today ({today})")]
    FutureDate {
        /// The field.
        field: &'static str,
        /// The date.
        date: Date,
        /// Today.
        today: Date,
    },
    /// The same relation given twice (a warning); it is counted once.
    #[error("this `{kind}` from `{from}` to `{to}` is given twice; it is counted once")]
    DuplicateRelation {
        /// The relation kind.
        kind: EdgeKind,
        /// Its subject.
        from: String,
        /// Its object.
        to: String,
    },
    /// Bodies that `part_of` joins in a circle, each part of itself through the others (a
    /// warning).
    #[error("`part_of` goes round in a circle through {members}: each is part of itself")]
    PartOfCycle {
        /// The ids on the circle, quoted, sorted, comma-separated.
        members: String,
    },
    /// Two files declare different dates their curation is complete to (a warning); the
    /// earliest holds for the graph.
    #[error("the files declare different `complete_to` dates; the earliest, {kept}, holds")]
    DifferentCompleteTo {
        /// The date kept.
        kept: Date,
    },
    /// A source with neither a title nor a description.
    #[error("source `{id}` has neither a `title` nor a `description`")]
    UndescribedSource {
        /// The source id.
        id: String,
    },
    /// An action that cites no source.
    #[error("this `{kind}` cites no source; every action needs at least one")]
    MissingSource {
        /// The action kind.
        kind: EdgeKind,
    },
    /// An `ease` or `lift` with no earlier `sanction` or `restrict` of the same target
    /// (a warning).
    #[error("`{kind}` of `{target}` on {date}, but no earlier `sanction` or `restrict` of `{target}` is in the graph")]
    ReliefWithoutSanction {
        /// `ease` or `lift`.
        kind: EdgeKind,
        /// The target id.
        target: String,
        /// The relief's date.
        date: Date,
    },
}

impl crate::diagnostic::StageError for ValidateError {
    fn code(&self) -> &'static str {
        match self {
            ValidateError::InvalidId { .. } => "invalid-id",
            ValidateError::DuplicateNode { .. } => "duplicate-id",
            ValidateError::DuplicateSource { .. } => "duplicate-source",
            ValidateError::DuplicateAction { .. } => "duplicate-action",
            ValidateError::UnknownNode { .. } => "unknown-id",
            ValidateError::UnknownSource { .. } => "unknown-source",
            ValidateError::KindNotAllowed { .. } => "kind-not-allowed",
            ValidateError::WrongReferenceKind { .. } => "wrong-reference-kind",
            ValidateError::SelfLoop { .. } => "self-loop",
            ValidateError::InvalidDate(_) => "invalid-date",
            ValidateError::EndsBeforeStart { .. } => "ends-before-start",
            ValidateError::MissingSource { .. } => "missing-source",
            ValidateError::UndescribedSource { .. } => "undescribed-source",
            ValidateError::ReliefWithoutSanction { .. } => "relief-without-sanction",
            ValidateError::ActionEndsBeforeDate { .. } => "ends-before-start",
            ValidateError::UnaddressedSource { .. } => "unaddressed-source",
            ValidateError::FutureDate { .. } => "future-date",
            ValidateError::DuplicateRelation { .. } => "duplicate-relation",
            ValidateError::PartOfCycle { .. } => "part-of-cycle",
            ValidateError::DifferentCompleteTo { .. } => "different-complete-to",
        }
    }
}

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
    let mut relief = relief::Relief::new(nodes.len());
    let mut relations = duplicates::Relations::default();
    let mut part_of = cycles::PartOf::default();
    let mut action_ids: std::collections::BTreeMap<String, FileSpan> = Default::default();
    for batch in parsed.edges.chunks(EDGE_BATCH) {
        for checked in checker.edges(map, &file_names, batch) {
            out.problems.extend(checked.problems);
            for (id, span) in checked.action_ids {
                match action_ids.entry(id) {
                    std::collections::btree_map::Entry::Vacant(place) => {
                        place.insert(span);
                    }
                    std::collections::btree_map::Entry::Occupied(first) => {
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
                if relations.is_repeated(&batch[at], &parts) {
                    start = named_end;
                    continue;
                }
                relief.note(&batch[at], &parts);
                part_of.note(&batch[at], &parts);
                builder.edge(
                    parts,
                    &checked.lists[start..cited_end],
                    &checked.lists[cited_end..named_end],
                );
                start = named_end;
            }
        }
    }
    let mut problems = out.problems;
    checker.suggest_known(&mut problems);
    problems.extend(relief.unmatched(&nodes, map));
    problems.extend(relations.warnings(&nodes, map));
    problems.extend(part_of.cycles(&nodes, map));
    if let Some(complete_to) = complete_to(parsed, &mut problems) {
        builder.complete_to(complete_to);
    }
    (SanctionsGraph::from_store(builder.finish()), problems)
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

/// What one run of checks writes: the problems it found, and the positions of what the
/// edge it checked last cites and names. Each thread has its own.
struct Findings<'m> {
    /// Each file's name, shared by the origins of its items.
    file_names: &'m [Arc<str>],
    /// Today, for the warning about dates after it.
    today: Date,
    problems: Vec<Diagnostic>,
    /// The positions of the sources the edge being checked cites.
    cited: Vec<u32>,
    /// The positions of the commodities the edge being checked names.
    named: Vec<u32>,
    /// The explicit action ids met, with where each is written.
    action_ids: Vec<(String, FileSpan)>,
}

impl<'m> Findings<'m> {
    fn new(file_names: &'m [Arc<str>]) -> Findings<'m> {
        Findings {
            file_names,
            today: crate::model::date::today(),
            problems: Vec::new(),
            cited: Vec::new(),
            named: Vec::new(),
            action_ids: Vec::new(),
        }
    }
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

    /// The kind and position of a node defined so far.
    fn known_node(&self, id: &str) -> Option<(NodeKind, u32)> {
        let position = self.ids.get(id)?;
        Some((self.known[position as usize].0, position))
    }

    /// Checks that `id` names a node of one of `kinds` and returns its position; reports
    /// (at `span`) and returns `None` if not.
    fn reference(
        &self,
        out: &mut Findings<'m>,
        id: &str,
        span: impl FnOnce() -> FileSpan,
        field: &'static str,
        kinds: &[NodeKind],
    ) -> Option<u32> {
        match self.known_node(id) {
            None => {
                self.unknown_node(out, id, span);
                None
            }
            Some((found, _)) if !kinds.contains(&found) => {
                out.error(
                    ValidateError::WrongReferenceKind {
                        field,
                        id: id.to_owned(),
                        found,
                        expected: kinds_in_words(kinds),
                    },
                    span(),
                    &format!("a {found}"),
                );
                None
            }
            Some((_, position)) => Some(position),
        }
    }

    fn unknown_node(&self, out: &mut Findings<'m>, id: &str, span: impl FnOnce() -> FileSpan) {
        if self.unparsed.contains(id) {
            return;
        }
        // The "did you mean" is found later, for all unknown ids at once: see
        // `suggest_known`.
        out.error(
            ValidateError::UnknownNode { id: id.to_owned() },
            span(),
            "not defined in any loaded file",
        );
    }

    /// Checks one end of an edge and returns the node's shared id.
    fn end(
        &self,
        out: &mut Findings<'m>,
        kind: EdgeKind,
        id: &str,
        span: impl FnOnce() -> FileSpan,
        outgoing: bool,
    ) -> Option<u32> {
        let Some((found, position)) = self.known_node(id) else {
            self.unknown_node(out, id, span);
            return None;
        };
        let (from, to) = kind.endpoints();
        let allowed = if outgoing { from } else { to };
        if allowed.contains(&found) {
            return Some(position);
        }
        let end = if outgoing { "come from" } else { "go to" };
        out.error(
            ValidateError::KindNotAllowed {
                kind,
                end,
                id: id.to_owned(),
                found,
                allowed: kinds_in_words(allowed),
            },
            span(),
            &format!("a {found}"),
        );
        None
    }

    /// Parses and checks a batch of edges, on two threads when it is long enough to be
    /// worth one.
    fn edges(
        &self,
        map: &'m SourceMap,
        file_names: &'m [Arc<str>],
        items: &[Pending],
    ) -> Vec<Checked<'m>> {
        let check = |base: usize, items: &[Pending]| {
            let mut out = Findings::new(file_names);
            let mut checked = Checked::default();
            for (at, pending) in items.iter().enumerate() {
                let Some(item) = crate::load::parse_edge(map, pending, &mut out.problems) else {
                    continue;
                };
                if let Some(parts) = self.edge(&mut out, &item) {
                    checked.lists.extend_from_slice(&out.cited);
                    let cited_end = checked.lists.len() as u32;
                    checked.lists.extend_from_slice(&out.named);
                    let named_end = checked.lists.len() as u32;
                    checked.edges.push((base + at, parts, cited_end, named_end));
                }
            }
            checked.problems = out.problems;
            checked.action_ids = out.action_ids;
            checked
        };
        if items.len() < 1024 {
            return vec![check(0, items)];
        }
        let (first, second) = items.split_at(items.len() / 2);
        std::thread::scope(|scope| {
            let worker = scope.spawn(|| check(first.len(), second));
            let mine = check(0, first);
            let theirs = worker
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            vec![mine, theirs]
        })
    }

    /// Checks an edge; when it is valid, returns it with its ends resolved, and leaves the
    /// positions of what it cites and names in `cited` and `named`.
    fn edge(&self, out: &mut Findings<'m>, item: &Item<'m, EdgeDef<'m>>) -> Option<EdgeParts<'m>> {
        match &item.def {
            EdgeDef::Action(def) => self.action(out, item, def),
            EdgeDef::Relation(def) => self.relation(out, item, def),
        }
    }

    /// Checks what actions and relations share: both ends, no self-loop, the sources.
    /// Returns the ends' positions and leaves the sources' in `cited`.
    fn common(
        &self,
        out: &mut Findings<'m>,
        item: &Item<'t, EdgeDef<'t>>,
        kind: EdgeKind,
        from: &str,
        to: &str,
        sources: &[Cow<'_, str>],
    ) -> Option<(u32, u32)> {
        let from_at = self.end(out, kind, from, || item.field_span("from"), true);
        let to_at = self.end(out, kind, to, || item.field_span("to"), false);
        let mut ok = from_at.is_some() && to_at.is_some();
        if ok && from == to {
            out.error(
                ValidateError::SelfLoop {
                    kind,
                    id: from.to_owned(),
                },
                item.field_span("to"),
                "same as `from`",
            );
            ok = false;
        }
        out.cited.clear();
        for (i, source) in sources.iter().enumerate() {
            if let Some(at) = self.source_ids.get(source) {
                out.cited.push(at);
            } else if self.unparsed.contains(&**source) {
                ok = false;
            } else {
                out.error(
                    ValidateError::UnknownSource {
                        id: source.to_string(),
                    },
                    item.list_item_span("sources", i),
                    "not defined in any loaded file",
                );
                ok = false;
            }
        }
        match (from_at, to_at, ok) {
            (Some(from), Some(to), true) => Some((from, to)),
            _ => None,
        }
    }

    fn action(
        &self,
        out: &mut Findings<'m>,
        item: &Item<'m, EdgeDef<'m>>,
        def: &ActionDef<'m>,
    ) -> Option<EdgeParts<'m>> {
        let kind = EdgeKind::Action(def.kind);
        let ends = self.common(out, item, kind, &def.from, &def.to, &def.sources);
        // A slug has no `/`, so an explicit id never reads as a derived one.
        let id_ok = def
            .id
            .as_ref()
            .is_none_or(|id| out.check_id(id, || item.field_span("id")));
        let date = out.date(&def.date, || item.field_span("date"));
        if def.sources.is_empty() {
            out.error(
                ValidateError::MissingSource { kind },
                item.field_span("sources"),
                "no source",
            )
            .help =
                Some("add `sources: [\"source-id\"]`, naming a source defined in `sources`".into());
        }
        out.named.clear();
        let mut named_all = true;
        for (i, commodity) in def.concerns.iter().enumerate() {
            let span = || item.list_item_span("concerns", i);
            match self.reference(out, commodity, span, "concerns", &[NodeKind::Commodity]) {
                Some(at) => out.named.push(at),
                None => named_all = false,
            }
        }
        let until = match &def.until {
            Some(text) => Some(out.date(text, || item.field_span("until"))?),
            None => None,
        };
        let ends = ends?;
        let date = date?;
        if let Some(until) = until {
            if until.last_day() < date.first_day() {
                out.error(
                    ValidateError::ActionEndsBeforeDate { date, until },
                    item.field_span("until"),
                    "before the action's date",
                );
                return None;
            }
        }
        out.future(date, "date", || item.field_span("date"));
        if !named_all || def.sources.is_empty() || !id_ok {
            return None;
        }
        if let Some(id) = &def.id {
            out.action_ids.push((id.to_string(), item.field_span("id")));
        }
        Some(EdgeParts {
            date: Some(date),
            until,
            instrument: def.instrument.clone(),
            unverified: def.unverified,
            notes: def.notes.clone(),
            id: def.id.clone(),
            ..out.parts(item, kind, ends)
        })
    }

    fn relation(
        &self,
        out: &mut Findings<'m>,
        item: &Item<'m, EdgeDef<'m>>,
        def: &RelationDef<'m>,
    ) -> Option<EdgeParts<'m>> {
        let kind = EdgeKind::Relation(def.kind);
        let ends = self.common(out, item, kind, &def.from, &def.to, &def.sources);
        out.named.clear();
        let since = def
            .since
            .as_ref()
            .map(|text| out.date(text, || item.field_span("since")));
        let until = def
            .until
            .as_ref()
            .map(|text| out.date(text, || item.field_span("until")));
        let (since, until) = (since.unwrap_or(None), until.unwrap_or(None));
        if let (Some(since), Some(until)) = (since, until) {
            if until.last_day() < since.first_day() {
                out.error(
                    ValidateError::EndsBeforeStart { since, until },
                    item.field_span("until"),
                    "before `since`",
                );
                return None;
            }
        }
        if let Some(since) = since {
            out.future(since, "since", || item.field_span("since"));
        }
        let ends = ends?;
        let dates_ok =
            def.since.is_some() == since.is_some() && def.until.is_some() == until.is_some();
        if !dates_ok {
            return None;
        }
        Some(EdgeParts {
            date: since,
            until,
            unverified: def.unverified,
            notes: def.notes.clone(),
            ..out.parts(item, kind, ends)
        })
    }
}

impl<'m> Findings<'m> {
    /// Where an item was defined: its file and the line its name is on.
    fn origin<T>(&mut self, item: &Item<'_, T>) -> Origin {
        let span = item.head_span();
        Origin {
            file: self.file_names[span.file.0].clone(),
            line: item.line(),
        }
    }

    fn error(&mut self, error: ValidateError, span: FileSpan, label: &str) -> &mut Diagnostic {
        self.problems.push(Diagnostic::error(error).at(span, label));
        self.problems.last_mut().expect("just pushed")
    }

    /// Reports an id defined again at `again`, pointing at its first definition too.
    fn duplicate(&mut self, error: ValidateError, again: FileSpan, first: FileSpan) {
        self.error(error, again, "defined again here")
            .related
            .push(crate::diagnostic::Label::new(first, "first defined here"));
    }

    /// Checks an id; `span` is only asked for when the id is invalid.
    fn check_id(&mut self, id: &str, span: impl FnOnce() -> FileSpan) -> bool {
        let valid = id
            .bytes()
            .next()
            .is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
            && id
                .bytes()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || b"-_.".contains(&c));
        if !valid {
            let slug = crate::suggest::slug(id);
            let diagnostic = self.error(
                ValidateError::InvalidId { id: id.to_owned() },
                span(),
                "invalid id",
            );
            if !slug.is_empty() {
                diagnostic.help = Some(format!("write `{slug}`"));
            }
        }
        valid
    }

    /// Warns when `date` lies wholly after today.
    fn future(&mut self, date: Date, field: &'static str, span: impl FnOnce() -> FileSpan) {
        if !date.possibly_by(self.today) {
            let today = self.today;
            self.problems.push(
                Diagnostic::warning(ValidateError::FutureDate { field, date, today })
                    .at(span(), "after today")
                    .with_help(
                        "queries list it as scheduled until then; check the year if it is a typo",
                    ),
            );
        }
    }

    fn date(&mut self, text: &str, span: impl FnOnce() -> FileSpan) -> Option<Date> {
        match text.parse::<Date>() {
            Ok(date) => Some(date),
            Err(error) => {
                self.error(error.into(), span(), "not a valid date").help = Some(
                    "write YYYY-MM-DD, or YYYY-MM or YYYY when only the month or year is known"
                        .into(),
                );
                None
            }
        }
    }

    /// The parts every edge has, from its item.
    fn parts<'p>(
        &mut self,
        item: &Item<'_, EdgeDef<'_>>,
        kind: EdgeKind,
        (from, to): (u32, u32),
    ) -> EdgeParts<'p> {
        let span = item.head_span();
        EdgeParts {
            kind,
            from,
            to,
            date: None,
            until: None,
            instrument: None,
            notes: None,
            id: None,
            unverified: false,
            file: span.file.0 as u32,
            line: item.line() as u32,
        }
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
