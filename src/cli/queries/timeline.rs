//! `timeline`: a node's history, the actions by it and on it in date order, with where it
//! stands after each.

use petgraph::graph::NodeIndex;
use sanctions_graph::query::{self, Event, When};
use sanctions_graph::{Loaded, SanctionsGraph};
use serde_json::json;

use super::*;
use crate::cli::args::{Format, TimelineArgs};
use crate::cli::commands::json_text;
use crate::cli::rows::Rows;
use crate::cli::table::headline;
use crate::cli::Report;

/// `sgraph timeline ID [--as-of DATE]`.
pub fn timeline(loaded: &Loaded, args: &TimelineArgs, format: Format) -> Report {
    let graph = &loaded.graph;
    let index = match resolve(graph, &args.id) {
        Ok(index) => index,
        Err(report) => return report,
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
    let stdout = match format {
        Format::Json => json_text(&json!({
            "query": day.query_json(json!({ "command": "timeline", "id": node.id(), "between": between_json(args.between) }), graph),
            "node": node_json(&node.to_node()),
            "events": events.iter().map(|event| {
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
            }).collect::<Vec<_>>(),
            "sources": cited_edges(graph, events.iter().map(|e| graph.edge_at(e.edge))),
        })),
        Format::Csv => timeline_rows(graph, index, &events).csv(),
        Format::Table => {
            let mut out = headline(&format!(
                "{} ({}) {}: {}\n",
                node.id(),
                node.name(),
                match (args.as_of, args.between) {
                    (Some(date), _) => format!("up to {date}"),
                    (None, Some((start, end))) => format!("between {start} and {end}"),
                    (None, None) => format!("read today, {}", day.date),
                },
                count(events.len(), "action", "actions")
            ));
            if !events.is_empty() {
                out.push('\n');
                out.push_str(&timeline_rows(graph, index, &events).table());
                out.push_str(&sources_list(graph, events.iter().map(|e| e.edge)));
            }
            out
        }
    };
    let mut report = Report::success(stdout);
    report.stderr.push_str(&chosen(graph, &args.id));
    report
}

/// One row per event of a timeline: the table shows all but the node, which its headline
/// names, with the instrument, the note, the sources and the standings after on lines under
/// each row.
fn timeline_rows(graph: &SanctionsGraph, node: NodeIndex, events: &[Event]) -> Rows {
    let mut rows = Rows::new(&[
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
    .below("standing_after");
    for event in events {
        let edge = graph.edge_at(event.edge);
        rows.push(vec![
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
        ]);
    }
    rows
}
