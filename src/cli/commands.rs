//! `check`, `show` and `list`: what each prints, as tables or JSON.

use std::io::{self, Write};

use petgraph::Direction;
use sanctions_graph::model::{Date, Edge, Node, NodeKind};
use sanctions_graph::source::escape_controls;
use sanctions_graph::suggest::did_you_mean;
use sanctions_graph::{Failed, Loaded, SanctionsGraph};
use serde::Serialize;
use serde_json::{json, Value};

use super::args::{Format, GlobalArgs};
use super::queries::{details, note_text, plural, sources_text, status_today};
use super::rows::Rows;
use super::stream::{seq, write_csv, write_json};
use super::table::Table;
use super::{failure, render, style, Report};

/// Pretty JSON with a final newline.
pub fn json_text(value: &Value) -> String {
    let mut text = serde_json::to_string_pretty(value).unwrap_or_else(|_| "null".into());
    text.push('\n');
    text
}

/// `sgraph check`: the summary of a valid graph, or every problem of an invalid one,
/// written to `out` as it is made.
pub fn check(
    result: Result<Loaded, Failed>,
    global: &GlobalArgs,
    out: &mut dyn Write,
) -> io::Result<Report> {
    let loaded = match result {
        Ok(loaded) => loaded,
        Err(failed) => return failure(&failed, global, out),
    };
    let summary = loaded.graph.summary();
    let warnings = if global.quiet {
        &[][..]
    } else {
        &loaded.warnings[..]
    };
    match global.format {
        Format::Json => write_json(
            out,
            &CheckJson {
                complete_to: loaded.graph.complete_to(),
                diagnostics: seq(warnings.iter().map(|d| render::to_json(d, &loaded.sources))),
                files: file_names(&loaded.sources),
                // Through a `Value`, whose keys are sorted, as the answer always was.
                summary: json!(summary),
                valid: true,
            },
        )?,
        Format::Table | Format::Csv => {
            let range = match (summary.first_action, summary.last_action) {
                (Some(first), Some(last)) => format!("actions dated {first} to {last}"),
                _ => "no dated actions".to_owned(),
            };
            writeln!(
                out,
                "valid: {}, {}, {}, {}; {range}",
                plural(file_names(&loaded.sources).len(), "file", "files"),
                plural(summary.nodes, "node", "nodes"),
                plural(summary.edges, "edge", "edges"),
                plural(summary.sources, "source", "sources")
            )?;
            match loaded.graph.complete_to() {
                Some(date) => writeln!(
                    out,
                    "curation complete to {date}: answers about later dates may miss events\n"
                )?,
                None => out.write_all(b"\n")?,
            }
            let mut nodes = Table::new(&["node kind", "count"]);
            for (kind, count) in &summary.nodes_by_kind {
                nodes.row(vec![kind.to_string(), count.to_string()]);
            }
            let mut edges = Table::new(&["edge kind", "count"]);
            for (kind, count) in &summary.edges_by_kind {
                edges.row(vec![kind.to_string(), count.to_string()]);
            }
            nodes.write(out, "")?;
            out.write_all(b"\n")?;
            edges.write(out, "")?;
        }
    }
    let mut report = Report::success(String::new());
    if !warnings.is_empty() {
        report.stderr = render::render_all(warnings, &loaded.sources, style(global));
    }
    Ok(report)
}

/// The JSON answer of `check` for a valid graph, fields in the order JSON objects are
/// written in.
#[derive(Serialize)]
struct CheckJson<D> {
    complete_to: Option<Date>,
    diagnostics: D,
    files: Vec<String>,
    summary: Value,
    valid: bool,
}

/// The names of the loaded files, once each (a FollowTheMoney file may be held as several
/// excerpts).
fn file_names(map: &sanctions_graph::SourceMap) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for (_, file) in map.files() {
        if !names.contains(&file.name) {
            names.push(file.name.clone());
        }
    }
    names
}

/// Reports an id that is not in the graph, with the closest one.
pub fn unknown_id(graph: &SanctionsGraph, id: &str) -> Report {
    let mut message = format!("no node `{id}` in the graph");
    let names = graph
        .nodes()
        .flat_map(|node| std::iter::once(node.name()).chain(node.aliases()));
    if let Some(hint) = did_you_mean(id, graph.ids()) {
        message.push_str(&format!("; {hint}"));
    } else if let Some(name) = sanctions_graph::suggest::closest(id, names) {
        if let Some(node) = graph
            .nodes()
            .find(|node| node.name() == name || node.aliases().contains(&name))
        {
            message.push_str(&format!("; `{}` is `{}`", escape_controls(name), node.id()));
        }
    }
    message.push_str("\n  = help: `sgraph list` shows every id");
    Report::usage(message)
}

/// `sgraph show ID`; its JSON written edge by edge (a hub has hundreds of thousands).
pub fn show(
    loaded: &Loaded,
    id: &str,
    format: Format,
    out: &mut dyn std::io::Write,
) -> std::io::Result<Report> {
    let graph = &loaded.graph;
    let index = match super::queries::resolve(graph, id) {
        Ok(index) => index,
        Err(report) => return Ok(report),
    };
    let node = graph.node_at(index);
    let outgoing = graph.edges_of(index, Direction::Outgoing);
    let incoming = graph.edges_of(index, Direction::Incoming);
    // The actions whose `concerns` name a commodity: what the measures say they cover.
    let mut naming: Vec<sanctions_graph::graph::EdgeView<'_>> = graph
        .actions_naming(index)
        .map(|edge| graph.edge_at(edge))
        .collect();
    naming.sort_by_key(|edge| (edge.date(), edge.kind(), edge.from(), edge.to(), edge.id()));
    match format {
        Format::Json => write_json(
            out,
            &ShowJson {
                incoming: seq(incoming.iter().map(|edge| with_id(graph, edge))),
                named_by: seq(naming.iter().map(|edge| with_id(graph, edge))),
                node: json!(node),
                outgoing: seq(outgoing.iter().map(|edge| with_id(graph, edge))),
            },
        )?,
        Format::Table | Format::Csv => {
            out.write_all(node_card(graph, &node.to_node()).as_bytes())?;
            for (title, edges, outgoing) in [
                ("outgoing", &outgoing, true),
                ("incoming", &incoming, false),
            ] {
                write!(out, "\n{title} ({}):\n", edges.len())?;
                if edges.is_empty() {
                    continue;
                }
                let other_title = if outgoing { "to" } else { "from" };
                let mut table = Table::new(&["date", "kind", other_title, "instrument"]);
                for edge in edges.iter() {
                    let other = if outgoing { &edge.to() } else { &edge.from() };
                    table.row_with_details(
                        vec![
                            edge.period(),
                            edge.kind().to_string(),
                            other.to_string(),
                            edge.instrument().unwrap_or_default().to_owned(),
                        ],
                        details(&[
                            ("note", note_text(*edge, status_today(*edge))),
                            ("sources", sources_text(*edge)),
                        ]),
                    );
                }
                table.write(out, "  ")?;
            }
            if !naming.is_empty() {
                write!(out, "\nnamed by ({}):\n", naming.len())?;
                let mut table = Table::new(&["date", "kind", "by", "on", "instrument"]);
                for edge in &naming {
                    table.row_with_details(
                        vec![
                            edge.period(),
                            edge.kind().to_string(),
                            edge.from().to_owned(),
                            edge.to().to_owned(),
                            edge.instrument().unwrap_or_default().to_owned(),
                        ],
                        details(&[("note", note_text(*edge, status_today(*edge)))]),
                    );
                }
                table.write(out, "  ")?;
            }
            super::queries::write_sources(
                out,
                graph,
                outgoing
                    .iter()
                    .chain(&incoming)
                    .chain(&naming)
                    .map(|edge| edge.id()),
            )?;
        }
    }
    let mut report = Report::success(String::new());
    report.stderr = super::queries::chosen(graph, id);
    Ok(report)
}

/// The JSON answer of `show`, fields in the order JSON objects are written in.
#[derive(serde::Serialize)]
struct ShowJson<I, N, O> {
    incoming: I,
    named_by: N,
    node: Value,
    outgoing: O,
}

/// An edge as JSON with its sources spelt out, and, for an action, its id.
fn with_id(graph: &SanctionsGraph, edge: &sanctions_graph::graph::EdgeView<'_>) -> Value {
    let mut value = edge_json(graph, &edge.to_edge());
    if let Some(id) = sanctions_graph::query::actions::action_id(graph, edge.id()) {
        value["id"] = json!(id);
    }
    value
}

/// When an edge happened or held: `2025-12-15`, `since 2025-11`, or blank.
fn node_card(graph: &SanctionsGraph, node: &Node) -> String {
    let mut out = super::table::headline(&format!("{} ({})", node.name, node.kind));
    // A long value (a note) wraps under itself, inside the output's width.
    let room = super::table::width().saturating_sub(15).max(20);
    let mut field = |name: &str, value: String| {
        let lines = super::table::wrap_text(&escape_controls(&value), room);
        for (i, line) in lines.iter().enumerate() {
            let name = if i == 0 { name } else { "" };
            out.push_str(&format!("  {name:<13}{line}\n"));
        }
    };
    field("id", node.id.to_string());
    if !node.aliases.is_empty() {
        field("aliases", node.aliases.join(", "));
    }
    if let Some(iso) = &node.iso {
        field("iso", iso.clone());
    }
    if let Some(role) = &node.role {
        field("role", role.clone());
    }
    if let Some(country) = &node.country {
        let name = graph.node(country.as_str()).map_or("", |n| n.name());
        field("country", format!("{country} ({name})"));
    }
    if !node.hs.is_empty() {
        field("hs codes", node.hs.join(", "));
    }
    if let Some(registration) = &node.registration {
        field("registration", registration.clone());
    }
    if let Some(notes) = &node.notes {
        field("notes", notes.clone());
    }
    field("defined at", node.origin.to_string());
    out
}

/// An edge as JSON, with its sources spelt out.
fn edge_json(graph: &SanctionsGraph, edge: &Edge) -> Value {
    let mut value = json!(edge);
    value["sources"] = edge
        .sources
        .iter()
        .map(|id| {
            graph
                .source(id.as_str())
                .map_or_else(|| json!({ "id": id }), |source| json!(source))
        })
        .collect();
    value
}

/// `sgraph list [--kind KIND]`, JSON and CSV written node by node as they are read.
pub fn list(
    loaded: &Loaded,
    kind: Option<&str>,
    format: Format,
    out: &mut dyn std::io::Write,
) -> std::io::Result<Report> {
    let kind = kind.and_then(NodeKind::parse);
    let nodes = || {
        loaded
            .graph
            .nodes()
            .filter(move |node| kind.is_none_or(|kind| node.kind() == kind))
    };
    match format {
        // Each node through a `Value`, whose keys are sorted, as the answer always was.
        Format::Json => write_json(out, &seq(nodes().map(|node| json!(node))))?,
        Format::Table => {
            let mut rows = Rows::new(&["id", "kind", "name"]);
            for node in nodes() {
                rows.push(vec![
                    node.id().to_string(),
                    node.kind().to_string(),
                    node.name().to_owned(),
                ]);
            }
            rows.write_table(out, "")?;
        }
        Format::Csv => write_csv(
            out,
            &["id", "kind", "name", "aliases", "country"],
            nodes().map(|node| {
                vec![
                    node.id().to_string(),
                    node.kind().to_string(),
                    node.name().to_owned(),
                    node.aliases().join("; "),
                    node.country().unwrap_or_default().to_owned(),
                ]
            }),
        )?,
    }
    Ok(Report::success(String::new()))
}

/// The input that writing `output` would replace, if any, among the `inputs` named:
/// paths are compared resolved, so that `./x.ron`, a link to it and `x.ron` are one file.
pub fn overwritten_input<'n>(
    mut inputs: impl Iterator<Item = &'n str>,
    output: &std::path::Path,
) -> Option<&'n str> {
    let output = std::fs::canonicalize(output).ok()?;
    inputs.find(|name| std::fs::canonicalize(name).is_ok_and(|input| input == output))
}
