//! `timeline`: a node's history, the actions by it and on it in date order, with where it
//! stands after each.

use petgraph::graph::NodeIndex;
use sanctions_graph::query::{self, Event, When};
use sanctions_graph::{Loaded, SanctionsGraph};
use serde::Serialize;
use serde_json::{json, Value};
use std::io::{self, Write};

use super::*;
use crate::cli::args::{Format, TimelineArgs};
use crate::cli::rows::Rows;
use crate::cli::stream::{seq, write_json, Shown, Tail};
use crate::cli::table::headline;
use crate::cli::Report;

/// `sgraph timeline ID [--as-of DATE]`, written to `out` as it is made.
pub fn timeline(
    loaded: &Loaded,
    args: &TimelineArgs,
    format: Format,
    out: &mut dyn Write,
) -> io::Result<Report> {
    let graph = &loaded.graph;
    let index = match resolve(graph, &args.id) {
        Ok(index) => index,
        Err(report) => return Ok(report),
    };
    let node = graph.node_at(index);
    // With no date, the whole history, each action's status read today (an action dated
    // later is scheduled); with one, the history up to it, read on it.
    let day = Day::of(args.as_of.or(args.between.map(|(_, end)| end)));
    let when = match args.between {
        Some((start, end)) => When::Between(start, end),
        None => as_of(args.as_of),
    };
    let events = query::timeline(graph, index, when, Some(day.date));
    let shown = Shown::of(events.len(), args.limit, format);
    let events_shown = || events.iter().take(shown.shown);
    let mut report = Report::success(String::new());
    match format {
        Format::Json => write_json(
            out,
            &TimelineJson {
                events: seq(events_shown().map(|event| {
                    let edge = graph.edge_at(event.edge);
                    json!({
                        "date": edge.date(),
                        "certainty": event.certainty,
                        "status": event.status,
                        "role": if event.acting { "actor" } else { "target" },
                        "id": query::actions::action_id(graph, event.edge),
                        "action": edge_json(&edge.to_edge()),
                        "standing_after": event.standing.iter()
                            .map(|(body, standing)| (graph.node_at(*body).id().to_string(), json!(standing)))
                            .collect::<serde_json::Map<_, _>>(),
                    })
                })),
                node: node_json(&node.to_node()),
                query: day.query_json(json!({ "command": "timeline", "id": node.id(), "between": between_json(args.between) }), graph),
                tail: shown.with_sources(cited_edges(graph, events_shown().map(|e| graph.edge_at(e.edge)))),
            },
        )?,
        Format::Csv => {
            timeline_columns().write_csv(
                out,
                events_shown().map(|event| timeline_record(graph, index, event)),
            )?;
            report.stderr.push_str(&shown.csv_note("actions"));
        }
        Format::Table => {
            out.write_all(
                headline(&format!(
                    "{} ({}) {}: {}\n",
                    node.id(),
                    node.name(),
                    match (args.as_of, args.between) {
                        (Some(date), _) => format!("up to {date}"),
                        (None, Some((start, end))) => format!("between {start} and {end}"),
                        (None, None) => format!("read today, {}", day.date),
                    },
                    count(events.len(), "action", "actions")
                ))
                .as_bytes(),
            )?;
            if !events.is_empty() {
                let mut rows = timeline_columns();
                for event in events_shown() {
                    rows.push(timeline_record(graph, index, event));
                }
                out.write_all(b"\n")?;
                rows.write_table(out, "")?;
                write_sources(out, graph, events_shown().map(|e| e.edge))?;
            }
            out.write_all(shown.table_note("actions").as_bytes())?;
        }
    }
    report.stderr.push_str(&chosen(graph, &args.id));
    Ok(report)
}

/// The JSON answer of `timeline`, fields in the order JSON objects are written in.
#[derive(Serialize)]
struct TimelineJson<'g, E> {
    events: E,
    node: Value,
    query: Value,
    #[serde(flatten)]
    tail: Tail<Cited<'g>>,
}

/// The columns of a timeline: the table shows all but the node, which its headline names,
/// with the instrument, the note, the sources and the standings after on lines under each
/// row.
fn timeline_columns() -> Rows {
    Rows::new(&[
        "node",
        "date",
        "id",
        "action",
        "by",
        "on",
        "instrument",
        "note",
        "sources",
        "standing_after",
    ])
    .csv_only("node")
    .below("instrument")
    .below("note")
    .below("sources")
    .below("standing_after")
}

/// One event of a timeline, in [`timeline_columns`].
fn timeline_record(graph: &SanctionsGraph, node: NodeIndex, event: &Event) -> Vec<String> {
    let edge = graph.edge_at(event.edge);
    vec![
        graph.node_id(node).to_owned(),
        date_text(edge.date(), event.certainty),
        query::actions::action_id(graph, event.edge).unwrap_or_default(),
        edge.kind().to_string(),
        edge.from().to_owned(),
        edge.to().to_owned(),
        edge.instrument().unwrap_or_default().to_owned(),
        note_text(edge, event.status),
        sources_text(edge),
        event
            .standing
            .iter()
            .map(|(body, standing)| format!("{} {standing}", graph.node_id(*body)))
            .collect::<Vec<_>>()
            .join(", "),
    ]
}
