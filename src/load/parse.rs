//! Parsing the files of a source map, item by item: each file's outline is scanned, the
//! `Graph(...)` and its fields checked, and each source and node parsed (with the quick
//! reader, else ron); edges are noted to be parsed where they are checked.

use std::collections::BTreeSet;
use std::ops::Range;

use super::file::{EdgeDef, NodeDef, SourceDef, TOP_LEVEL_FIELDS};
use super::item::{Item, Pending};
use super::ron_error::{describe, help_for, label_for, ron_span, syntax_problem};
use super::spans::{self, SpanField, SpanValue};
use super::{quick, LoadError};
use crate::diagnostic::Diagnostic;
use crate::source::{floor_char_boundary, FileId, FileSpan, SourceFile, SourceMap};
use crate::suggest::did_you_mean;
use ron::extensions::Extensions;

/// Parses an edge found earlier; a problem is added to `problems` when it does not parse.
pub fn parse_edge<'t>(
    map: &'t SourceMap,
    pending: &Pending,
    problems: &mut Vec<Diagnostic>,
) -> Option<Item<'t, EdgeDef<'t>>> {
    let text = &map.file(pending.file).text;
    let at = (pending.range.clone(), pending.line);
    parse_one(pending.file, text, at, "edge", problems).ok()
}

/// Every item of every file that parsed (sources and nodes), and every edge found.
#[derive(Debug, Clone, Default)]
pub struct ParsedGraph<'t> {
    /// Sources of evidence.
    pub sources: Vec<Item<'t, SourceDef<'t>>>,
    /// Nodes.
    pub nodes: Vec<Item<'t, NodeDef<'t>>>,
    /// Edges, found but not parsed yet: see [`Pending`].
    pub edges: Vec<Pending>,
    /// Ids of nodes and sources whose items did not parse: their problem is reported once,
    /// and references to them are not reported again as unknown.
    pub unparsed_ids: BTreeSet<String>,
    /// Each file's `complete_to`: the text of the date its curation is complete to, and
    /// where it is written.
    pub complete_to: Vec<(String, FileSpan)>,
}

/// The RON options every graph file is read with: `Some(..)` may be left out around
/// optional values, and node variants take their fields directly (`Country(id: ..)`).
pub fn ron_options() -> ron::Options {
    ron::Options::default()
        .with_default_extension(Extensions::IMPLICIT_SOME | Extensions::UNWRAP_VARIANT_NEWTYPES)
}

/// How far parsing has got, in bytes of graph text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    /// Bytes parsed.
    pub done: u64,
    /// Bytes in all.
    pub total: u64,
}

/// Items parsed between two progress reports.
const ITEMS_PER_REPORT: usize = 4096;

/// Parses every file of the map; problems are returned, never raised, and every file is
/// parsed whatever the others hold.
pub fn parse(map: &SourceMap) -> (ParsedGraph<'_>, Vec<Diagnostic>) {
    parse_with_progress(map, &mut |_| {})
}

/// [`parse`], telling `progress` how far it has got every few thousand items and when
/// each file is done.
pub fn parse_with_progress<'m>(
    map: &'m SourceMap,
    progress: &mut dyn FnMut(Progress),
) -> (ParsedGraph<'m>, Vec<Diagnostic>) {
    let mut graph = ParsedGraph::default();
    let mut problems = Vec::new();
    let total = map.files().map(|(_, file)| file.text.len() as u64).sum();
    let mut before = 0;
    for (file, source) in map.files() {
        let mut report = |at: usize| {
            progress(Progress {
                done: before + at as u64,
                total,
            })
        };
        parse_file(file, source, &mut graph, &mut problems, &mut report);
        before += source.text.len() as u64;
        progress(Progress {
            done: before,
            total,
        });
    }
    (graph, problems)
}

/// Counts lines from one offset to a later one, so that items found in file order learn
/// their line in one pass over the text.
struct Lines<'t> {
    text: &'t [u8],
    at: usize,
    line: usize,
    first_line: usize,
}

impl Lines<'_> {
    /// The 1-based line of `offset`.
    fn to(&mut self, offset: usize) -> usize {
        if offset < self.at {
            (self.at, self.line) = (0, self.first_line);
        }
        let end = offset.min(self.text.len());
        let between = self.text.get(self.at..end).unwrap_or_default();
        self.line += between.iter().filter(|&&byte| byte == b'\n').count();
        self.at = end;
        self.line
    }
}

/// Parses one file into `graph`, in named steps: the outline scan, the `Graph(...)`
/// around the fields, each top-level field, the items of each list.
fn parse_file<'t>(
    file: FileId,
    source: &'t SourceFile,
    graph: &mut ParsedGraph<'t>,
    problems: &mut Vec<Diagnostic>,
    report: &mut dyn FnMut(usize),
) {
    let text = source.text.as_str();
    let Some(top) = outline(file, text, problems) else {
        return;
    };
    let Some(fields) = graph_fields(file, text, top, problems) else {
        return;
    };
    let mut lines = Lines {
        text: text.as_bytes(),
        at: 0,
        line: source.first_line,
        first_line: source.first_line,
    };
    let mut seen: Vec<String> = Vec::new();
    for field in fields {
        if !is_known_and_new(file, &field, &mut seen, problems) {
            continue;
        }
        if field.name == "complete_to" {
            complete_to(file, text, &field, graph, problems);
            continue;
        }
        let SpanValue::List { items, .. } = field.value else {
            problems.push(
                Diagnostic::error(LoadError::NotAList {
                    field: field.name.clone(),
                })
                .at(FileSpan::new(file, field.value.span()), "expected `[...]`"),
            );
            continue;
        };
        let list = List {
            file,
            text,
            field: &field.name,
        };
        list.parse(items, &mut lines, graph, problems, report);
    }
}

/// The outline of a file (see [`spans::scan_outline`]), or its syntax problem. The
/// scanner checks the structure of the whole text and records where each item is; only
/// when it fails is ron run on the whole text, for its message.
fn outline(file: FileId, text: &str, problems: &mut Vec<Diagnostic>) -> Option<SpanValue> {
    let scan_error = match spans::scan_outline(text) {
        Ok(top) => return Some(top),
        Err(scan_error) => scan_error,
    };
    if let Err(error) = ron_options().from_str::<ron::Value>(text) {
        problems.push(syntax_problem(file, text, &error));
        return None;
    }
    // ron accepts what the scanner does not follow (nesting past its limit).
    let at = floor_char_boundary(text, scan_error.offset);
    problems.push(
        Diagnostic::error(LoadError::Syntax {
            message: scan_error.message,
        })
        .at(FileSpan::new(file, at..at), "here"),
    );
    None
}

/// The fields of the top-level `Graph(...)` (none for `()`), or `None` with a problem
/// when the top-level value is something else.
fn graph_fields(
    file: FileId,
    text: &str,
    top: SpanValue,
    problems: &mut Vec<Diagnostic>,
) -> Option<Vec<SpanField>> {
    match (&top, top.name()) {
        (SpanValue::Struct { .. }, None | Some(("Graph", _))) => {}
        (SpanValue::Tuple { items, .. }, None | Some(("Graph", _))) if items.is_empty() => {}
        (_, name) => {
            let found = match name {
                Some((name, _)) => format!("`{name}(...)`"),
                None => format!("`{}`", first_line(&text[top.span()])),
            };
            problems.push(
                Diagnostic::error(LoadError::NotAGraph { found })
                    .at(FileSpan::new(file, top.span()), "not a graph")
                    .with_help(
                        "a graph file holds `Graph(sources: [...], nodes: [...], edges: [...])`",
                    ),
            );
            return None;
        }
    }
    Some(match top {
        SpanValue::Struct { fields, .. } => fields,
        _ => Vec::new(),
    })
}

/// Whether a top-level field is one the format has and is not given twice; a problem
/// when not.
fn is_known_and_new(
    file: FileId,
    field: &SpanField,
    seen: &mut Vec<String>,
    problems: &mut Vec<Diagnostic>,
) -> bool {
    let field_span = FileSpan::new(file, field.name_span.clone());
    if !TOP_LEVEL_FIELDS.contains(&field.name.as_str()) {
        problems.push(
            Diagnostic::error(LoadError::UnknownField {
                field: field.name.clone(),
            })
            .at(field_span, "unknown field")
            .with_help_opt(did_you_mean(&field.name, TOP_LEVEL_FIELDS.iter().copied())),
        );
        return false;
    }
    if seen.contains(&field.name) {
        problems.push(
            Diagnostic::error(LoadError::DuplicateField {
                field: field.name.clone(),
            })
            .at(field_span, "given again here"),
        );
        return false;
    }
    seen.push(field.name.clone());
    true
}

/// Keeps a file's `complete_to` text, which must be a string.
fn complete_to(
    file: FileId,
    text: &str,
    field: &SpanField,
    graph: &mut ParsedGraph<'_>,
    problems: &mut Vec<Diagnostic>,
) {
    let span = FileSpan::new(file, field.value.span());
    match ron::from_str::<String>(&text[field.value.span()]) {
        Ok(date) => graph.complete_to.push((date, span)),
        Err(_) => problems.push(
            Diagnostic::error(LoadError::NotADateText {
                field: field.name.clone(),
            })
            .at(span, "expected a date in quotes")
            .with_help("write the date as text: `complete_to: \"2026-03-01\"`"),
        ),
    }
}

/// One top-level list of a file: `sources`, `nodes` or `edges`.
struct List<'t, 'f> {
    file: FileId,
    text: &'t str,
    field: &'f str,
}

impl<'t> List<'t, '_> {
    /// Parses the list's items into `graph` (edges are only noted, see [`Pending`]),
    /// keeping the ids of sources and nodes that do not parse.
    fn parse(
        &self,
        items: Vec<SpanValue>,
        lines: &mut Lines<'_>,
        graph: &mut ParsedGraph<'t>,
        problems: &mut Vec<Diagnostic>,
        report: &mut dyn FnMut(usize),
    ) {
        let (file, text) = (self.file, self.text);
        for (i, item) in items.into_iter().enumerate() {
            if i % ITEMS_PER_REPORT == 0 {
                report(item.span().start);
            }
            let at = (item.span(), lines.to(item.span().start));
            let unparsed = match self.field {
                "sources" => parse_item(file, text, at, "source", &mut graph.sources, problems),
                "nodes" => parse_item(file, text, at, "node", &mut graph.nodes, problems),
                _ => {
                    let (range, line) = at;
                    graph.edges.push(Pending { file, range, line });
                    None
                }
            };
            if let Some(item) = unparsed {
                let id = item.spans().field("id").map(|id| &text[id.span()]);
                if let Some(Ok(id)) = id.map(ron::from_str::<String>) {
                    graph.unparsed_ids.insert(id);
                }
            }
        }
    }
}

fn first_line(text: &str) -> String {
    let line = text.lines().next().unwrap_or("");
    let short: String = line.chars().take(40).collect();
    if short.len() < text.len() {
        format!("{short}...")
    } else {
        short
    }
}

/// Parses one item and keeps it; returns the item back, fully scanned, when it does not
/// parse.
fn parse_item<'t, T: serde::Deserialize<'t>>(
    file: FileId,
    text: &'t str,
    at: (Range<usize>, usize),
    what: &'static str,
    into: &mut Vec<Item<'t, T>>,
    problems: &mut Vec<Diagnostic>,
) -> Option<Item<'t, ()>> {
    match parse_one(file, text, at, what, problems) {
        Ok(item) => {
            into.push(item);
            None
        }
        Err(item) => Some(item),
    }
}

/// Parses the item at `range`, which starts on `line`: with the quick reader when it
/// can, else with ron, whose problem is added to `problems` and the item returned
/// unparsed.
pub(super) fn parse_one<'t, T: serde::Deserialize<'t>>(
    file: FileId,
    text: &'t str,
    (range, line): (Range<usize>, usize),
    what: &'static str,
    problems: &mut Vec<Diagnostic>,
) -> Result<Item<'t, T>, Item<'t, ()>> {
    let item_text = &text[range.clone()];
    if let Some(def) = quick::read::<T>(item_text) {
        return Ok(Item::new(def, file, text, range, line));
    }
    match ron_options().from_str::<T>(item_text) {
        Ok(def) => Ok(Item::new(def, file, text, range, line)),
        Err(error) => {
            let item = Item::new((), file, text, range.clone(), line);
            let span = match error.code {
                // ron points past the last field; the item's name says more.
                ron::Error::MissingStructField { .. } => item
                    .spans()
                    .name()
                    .map_or(range.start..range.start + 1, |(_, name)| name),
                _ => ron_span(item_text, &error.span, range.start),
            };
            problems.push(
                Diagnostic::error(LoadError::Item {
                    what,
                    message: describe(&error.code),
                })
                .at(FileSpan::new(file, span), label_for(&error.code))
                .with_help_opt(help_for(&error.code)),
            );
            Err(item)
        }
    }
}
