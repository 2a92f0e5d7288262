//! Validate stage: check references, node kinds at each edge end, dates and sources, and
//! turn the parsed items into domain types. Every problem of every file is collected; none
//! stops the others from being found.

mod relief;

use std::collections::{BTreeSet, HashMap};
use std::sync::Arc;

use crate::diagnostic::{Diagnostic, FileSpan, SourceMap};
use crate::load::file::{ActionDef, EdgeDef, NodeDef, RelationDef, SourceDef};
use crate::load::{Item, ParsedGraph};
use crate::model::{
    Date, DateError, Edge, EdgeKind, Node, NodeId, NodeKind, Origin, Source, SourceId,
};
use crate::suggest::did_you_mean;

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

impl ValidateError {
    /// A short, stable name for the kind of problem.
    pub fn code(&self) -> &'static str {
        match self {
            ValidateError::InvalidId { .. } => "invalid-id",
            ValidateError::DuplicateNode { .. } => "duplicate-id",
            ValidateError::DuplicateSource { .. } => "duplicate-source",
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
        }
    }
}

/// The domain values of a graph that validated, ready for [`crate::graph::SanctionsGraph`].
#[derive(Debug, Clone, Default)]
pub struct ValidGraph {
    /// Nodes in load order.
    pub nodes: Vec<Node>,
    /// Edges in load order.
    pub edges: Vec<Edge>,
    /// Sources in load order.
    pub sources: Vec<Source>,
}

/// Checks a parsed graph. Returns the domain values (complete only when no error was
/// found) and every problem, errors and warnings, in no particular order.
pub fn validate(parsed: &ParsedGraph<'_>, map: &SourceMap) -> (ValidGraph, Vec<Diagnostic>) {
    let mut checker = Checker {
        map,
        file_names: map
            .files()
            .map(|(_, file)| Arc::from(file.name.as_str()))
            .collect(),
        unparsed: &parsed.unparsed_ids,
        problems: Vec::new(),
        nodes: HashMap::with_capacity(parsed.nodes.len()),
        sources: HashMap::with_capacity(parsed.sources.len()),
    };
    let sources = checker.sources(&parsed.sources);
    let nodes = checker.nodes(&parsed.nodes);
    let checked: Vec<(&Item<EdgeDef>, Edge)> = parsed
        .edges
        .iter()
        .filter_map(|item| checker.edge(item).map(|edge| (item, edge)))
        .collect();
    let mut problems = checker.problems;
    problems.extend(relief::unmatched_relief(&checked));
    let edges = checked.into_iter().map(|(_, edge)| edge).collect();
    (
        ValidGraph {
            nodes,
            edges,
            sources,
        },
        problems,
    )
}

/// A known node: its id (shared by every edge that names it), kind, and the item that
/// defines it.
struct Known<'p, 't> {
    id: NodeId,
    kind: NodeKind,
    item: &'p Item<'t, NodeDef>,
}

struct Checker<'m, 'p, 't> {
    map: &'m SourceMap,
    /// Each file's name, shared by the origins of its items.
    file_names: Vec<Arc<str>>,
    /// Ids of items that did not parse; references to them are not reported again.
    unparsed: &'m BTreeSet<String>,
    problems: Vec<Diagnostic>,
    /// Every node defined so far, by id. Hash maps, because a large graph makes millions of
    /// lookups; suggestions and reports do not depend on their order.
    nodes: HashMap<&'p str, Known<'p, 't>>,
    /// Every source defined so far, by id.
    sources: HashMap<&'p str, (SourceId, &'p Item<'t, SourceDef>)>,
}

impl<'p, 't> Checker<'_, 'p, 't> {
    /// Where an item was defined: its file and the line its name is on.
    fn origin<T>(&self, item: &Item<'t, T>) -> Origin {
        let span = item.head_span();
        Origin {
            file: self.file_names[span.file.0].clone(),
            line: self.map.file(span.file).line(span.range.start),
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

    fn sources(&mut self, items: &'p [Item<'t, SourceDef>]) -> Vec<Source> {
        let mut sources = Vec::new();
        for item in items {
            let def = &item.def;
            if !self.check_id(&def.id, || item.field_span("id")) {
                continue;
            }
            if let Some((_, first)) = self.sources.get(def.id.as_str()) {
                let first = first.field_span("id");
                self.duplicate(
                    ValidateError::DuplicateSource { id: def.id.clone() },
                    item.field_span("id"),
                    first,
                );
                continue;
            }
            let id = SourceId::new(&def.id);
            self.sources.insert(&def.id, (id.clone(), item));
            if def.title.is_none() && def.description.is_none() {
                self.error(
                    ValidateError::UndescribedSource { id: def.id.clone() },
                    item.head_span(),
                    "no title or description",
                )
                .help = Some("add `title: \"...\"` (the headline) or `description: \"...\"` (what it reports)".into());
            }
            let date = match &def.date {
                Some(text) => self.date(text, || item.field_span("date")),
                None => None,
            };
            sources.push(Source {
                id,
                publisher: def.publisher.clone(),
                title: def.title.clone(),
                description: def.description.clone(),
                date,
                url: def.url.clone(),
                language: def.language.clone(),
            });
        }
        sources
    }

    fn nodes(&mut self, items: &'p [Item<'t, NodeDef>]) -> Vec<Node> {
        let mut nodes = Vec::new();
        let mut with_country = Vec::new();
        for item in items {
            let (kind, id) = node_kind_and_id(&item.def);
            if !self.check_id(id, || item.field_span("id")) {
                continue;
            }
            if let Some(first) = self.nodes.get(id) {
                let first = first.item.field_span("id");
                self.duplicate(
                    ValidateError::DuplicateNode { id: id.to_owned() },
                    item.field_span("id"),
                    first,
                );
                continue;
            }
            let node_id = NodeId::new(id);
            self.nodes.insert(
                id,
                Known {
                    id: node_id.clone(),
                    kind,
                    item,
                },
            );
            let node = to_node(&item.def, node_id, self.origin(item));
            if node.country.is_some() {
                with_country.push((nodes.len(), item));
            }
            nodes.push(node);
        }
        // Countries are checked once every node is known, so order in the files is free.
        for (at, item) in with_country {
            let Some(country) = nodes[at].country.take() else {
                continue;
            };
            nodes[at].country = self.reference(
                country.as_str(),
                || item.field_span("country"),
                "country",
                &[NodeKind::Country, NodeKind::Bloc],
            );
        }
        nodes
    }

    /// Checks that `id` names a node of one of `kinds` and returns its shared id; reports
    /// (at `span`) and returns `None` if not.
    fn reference(
        &mut self,
        id: &str,
        span: impl FnOnce() -> FileSpan,
        field: &'static str,
        kinds: &[NodeKind],
    ) -> Option<NodeId> {
        match self
            .nodes
            .get(id)
            .map(|known| (known.kind, known.id.clone()))
        {
            None => {
                self.unknown_node(id, span);
                None
            }
            Some((found, _)) if !kinds.contains(&found) => {
                self.error(
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
            Some((_, id)) => Some(id),
        }
    }

    fn unknown_node(&mut self, id: &str, span: impl FnOnce() -> FileSpan) {
        if self.unparsed.contains(id) {
            return;
        }
        let help = did_you_mean(id, self.nodes.keys().copied());
        self.error(
            ValidateError::UnknownNode { id: id.to_owned() },
            span(),
            "not defined in any loaded file",
        )
        .help = help;
    }

    /// Checks one end of an edge and returns the node's shared id.
    fn end(
        &mut self,
        kind: EdgeKind,
        id: &str,
        span: impl FnOnce() -> FileSpan,
        outgoing: bool,
    ) -> Option<NodeId> {
        let Some((found, node_id)) = self.nodes.get(id).map(|known| (known.kind, &known.id)) else {
            self.unknown_node(id, span);
            return None;
        };
        let (from, to) = kind.endpoints();
        let allowed = if outgoing { from } else { to };
        if allowed.contains(&found) {
            return Some(node_id.clone());
        }
        let end = if outgoing { "come from" } else { "go to" };
        self.error(
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

    fn edge(&mut self, item: &Item<'t, EdgeDef>) -> Option<Edge> {
        match &item.def {
            EdgeDef::Action(def) => self.action(item, def),
            EdgeDef::Relation(def) => self.relation(item, def),
        }
    }

    /// Checks what actions and relations share: both ends, no self-loop, the sources.
    fn common(
        &mut self,
        item: &Item<'t, EdgeDef>,
        kind: EdgeKind,
        from: &str,
        to: &str,
        sources: &[String],
    ) -> Option<Edge> {
        let from_id = self.end(kind, from, || item.field_span("from"), true);
        let to_id = self.end(kind, to, || item.field_span("to"), false);
        let mut ok = from_id.is_some() && to_id.is_some();
        if ok && from == to {
            self.error(
                ValidateError::SelfLoop {
                    kind,
                    id: from.to_owned(),
                },
                item.field_span("to"),
                "same as `from`",
            );
            ok = false;
        }
        let mut source_ids = Vec::with_capacity(sources.len());
        for (i, source) in sources.iter().enumerate() {
            if let Some((id, _)) = self.sources.get(source.as_str()) {
                source_ids.push(id.clone());
            } else if self.unparsed.contains(source) {
                ok = false;
            } else {
                let help = did_you_mean(source, self.sources.keys().copied());
                self.error(
                    ValidateError::UnknownSource { id: source.clone() },
                    item.list_item_span("sources", i),
                    "not defined in any loaded file",
                )
                .help = help;
                ok = false;
            }
        }
        let (Some(from), Some(to), true) = (from_id, to_id, ok) else {
            return None;
        };
        let mut edge = Edge::new(kind, from, to, self.origin(item));
        edge.sources = source_ids;
        Some(edge)
    }

    fn action(&mut self, item: &Item<'t, EdgeDef>, def: &ActionDef) -> Option<Edge> {
        let kind = EdgeKind::Action(def.kind);
        let edge = self.common(item, kind, &def.from, &def.to, &def.sources);
        let date = self.date(&def.date, || item.field_span("date"));
        if def.sources.is_empty() {
            self.error(
                ValidateError::MissingSource { kind },
                item.field_span("sources"),
                "no source",
            )
            .help =
                Some("add `sources: [\"source-id\"]`, naming a source defined in `sources`".into());
        }
        let mut concerns = Vec::with_capacity(def.concerns.len());
        for (i, commodity) in def.concerns.iter().enumerate() {
            let span = || item.list_item_span("concerns", i);
            if let Some(id) = self.reference(commodity, span, "concerns", &[NodeKind::Commodity]) {
                concerns.push(id);
            }
        }
        let mut edge = edge?;
        edge.date = Some(date?);
        if concerns.len() != def.concerns.len() || def.sources.is_empty() {
            return None;
        }
        edge.concerns = concerns;
        edge.instrument = def.instrument.clone();
        edge.unverified = def.unverified;
        edge.notes = def.notes.clone();
        Some(edge)
    }

    fn relation(&mut self, item: &Item<'t, EdgeDef>, def: &RelationDef) -> Option<Edge> {
        let kind = EdgeKind::Relation(def.kind);
        let edge = self.common(item, kind, &def.from, &def.to, &def.sources);
        let since = def
            .since
            .as_ref()
            .map(|text| self.date(text, || item.field_span("since")));
        let until = def
            .until
            .as_ref()
            .map(|text| self.date(text, || item.field_span("until")));
        let (since, until) = (since.unwrap_or(None), until.unwrap_or(None));
        if let (Some(since), Some(until)) = (since, until) {
            if until < since {
                self.error(
                    ValidateError::EndsBeforeStart { since, until },
                    item.field_span("until"),
                    "before `since`",
                );
                return None;
            }
        }
        let mut edge = edge?;
        let dates_ok =
            def.since.is_some() == since.is_some() && def.until.is_some() == until.is_some();
        if !dates_ok {
            return None;
        }
        edge.since = since;
        edge.until = until;
        edge.unverified = def.unverified;
        edge.notes = def.notes.clone();
        Some(edge)
    }
}

fn node_kind_and_id(def: &NodeDef) -> (NodeKind, &str) {
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
            let mut node = Node::new(id, kind, $d.name.clone(), origin);
            node.aliases = $d.aliases.clone();
            node.notes = $d.notes.clone();
            node
        }};
    }
    match def {
        NodeDef::Country(d) => Node {
            iso: d.iso.clone(),
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
            role: d.role.clone(),
            country: d.country.as_ref().map(NodeId::new),
            ..common!(d)
        },
        NodeDef::Commodity(d) => Node {
            hs: d.hs.clone(),
            ..common!(d)
        },
        NodeDef::Aircraft(d) => Node {
            registration: d.registration.clone(),
            ..common!(d)
        },
        NodeDef::Vessel(d) => Node {
            registration: d.registration.clone(),
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
