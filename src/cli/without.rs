//! `affects --without`: which actions the flags name, and what differs from the real
//! answer; and the CSV rows of `affects`, `affected-by` and `timeline`.

use std::collections::BTreeSet;

use petgraph::graph::{EdgeIndex, NodeIndex};
use sanctions_graph::query::actions::{action_id, named_actions, Named};
use sanctions_graph::query::diff::compare;
use sanctions_graph::query::{Affect, Event, NetEffect};
use sanctions_graph::SanctionsGraph;
use serde_json::{json, Value};

use super::queries::{date_text, indent, sources_text, status_text};
use super::rows::Rows;
use super::table::{escaped, headline};
use super::Report;

/// The actions every `--without` names, or a usage report for one that names none or is
/// ambiguous.
pub fn left_out(graph: &SanctionsGraph, texts: &[String]) -> Result<BTreeSet<EdgeIndex>, Report> {
    let mut edges = BTreeSet::new();
    for text in texts {
        match named_actions(graph, text) {
            Named::Actions(found) => edges.extend(found),
            Named::Ambiguous(instruments) => {
                let listed: Vec<String> = instruments
                    .into_iter()
                    .map(|i| format!("\"{}\"", escaped(i)))
                    .collect();
                return Err(Report::usage(format!(
                    "--without `{}` is part of several instruments: {}\n  = help: give the whole instrument, or an action id",
                    escaped(text.clone()),
                    listed.join(", ")
                )));
            }
            Named::Unknown => {
                return Err(Report::usage(format!(
                    "--without `{}` is neither an action id nor an instrument's text\n  = help: `sgraph actions` lists every action with its id and instrument",
                    escaped(text.clone())
                )))
            }
        }
    }
    Ok(edges)
}

fn effect_text(effect: Option<NetEffect>) -> String {
    effect.map_or("none".to_owned(), |e| e.to_string())
}

/// What differs between the real answer and the one without the actions, as a table
/// section.
pub fn differences_table(
    graph: &SanctionsGraph,
    commodity: NodeIndex,
    real: &[Affect],
    without: &[Affect],
    left: &BTreeSet<EdgeIndex>,
) -> String {
    let ids: BTreeSet<String> = left.iter().filter_map(|&e| action_id(graph, e)).collect();
    let ids: Vec<String> = ids.into_iter().collect();
    let mut out = String::from("\n");
    out.push_str(&headline(&format!(
        "without {} ({}), compared with the real answer:",
        if ids.len() == 1 {
            "the action"
        } else {
            "the actions"
        },
        ids.join(", ")
    )));
    let (standings, effects) = compare(graph, commodity, real, without);
    if standings.is_empty() && effects.is_empty() {
        out.push_str("  no difference: every actor and target stands as in the real answer\n");
        return out;
    }
    if !effects.is_empty() {
        let mut rows = Rows::new(&["actor", "real", "without"]);
        for change in &effects {
            rows.push(vec![
                graph.node_id(change.actor).to_owned(),
                effect_text(change.before),
                effect_text(change.after),
            ]);
        }
        out.push_str(&indent(&rows.table()));
    }
    if !standings.is_empty() {
        let mut rows = Rows::new(&["target", "real", "without", "with"]);
        for change in &standings {
            let text = |held: Option<sanctions_graph::query::diff::Held>| match held {
                None => "none".to_owned(),
                Some(h) if h.partial => format!("{} (partial)", h.standing),
                Some(h) => h.standing.to_string(),
            };
            rows.push(vec![
                graph.node_id(change.target).to_owned(),
                text(change.before),
                text(change.after),
                change
                    .actors
                    .iter()
                    .map(|&a| graph.node_id(a))
                    .collect::<Vec<_>>()
                    .join(", "),
            ]);
        }
        out.push('\n');
        out.push_str(&indent(&rows.table()));
    }
    out
}

/// The differences as JSON: the actions left out, and the actors whose effect differs.
pub fn differences_json(
    graph: &SanctionsGraph,
    commodity: NodeIndex,
    real: &[Affect],
    without: &[Affect],
    left: &BTreeSet<EdgeIndex>,
) -> Value {
    let (standings, effects) = compare(graph, commodity, real, without);
    json!({
        "left_out": left.iter().filter_map(|&e| action_id(graph, e)).collect::<BTreeSet<_>>(),
        "actors": effects.iter().map(|c| json!({
            "actor": graph.node_id(c.actor),
            "real": c.before,
            "without": c.after,
        })).collect::<Vec<_>>(),
        "targets": standings.iter().map(|c| json!({
            "target": graph.node_id(c.target),
            "actors": c.actors.iter().map(|&a| graph.node_id(a)).collect::<Vec<_>>(),
            "real": c.before.map(|h| json!({"standing": h.standing, "partial": h.partial})),
            "without": c.after.map(|h| json!({"standing": h.standing, "partial": h.partial})),
        })).collect::<Vec<_>>(),
    })
}

/// One CSV row per (who, target) of an `affects` or `affected-by` answer; a pledge with no
/// target is one row with the target blank.
pub fn affect_rows<'a>(
    graph: &SanctionsGraph,
    entries: impl Iterator<Item = (NodeIndex, NodeIndex, &'a Affect)>,
    (first, second): (&'static str, &'static str),
) -> Rows {
    let mut rows = Rows::new(&[
        first,
        second,
        "effect",
        "hops",
        "target",
        "standing",
        "certainty",
        "partial",
        "unverified",
        "decided_by",
        "instrument",
    ]);
    for (a, b, affect) in entries {
        let lead = vec![
            graph.node_id(a).to_owned(),
            graph.node_id(b).to_owned(),
            affect.effect.to_string(),
            affect.hops().to_string(),
        ];
        if affect.targets.is_empty() {
            let mut row = lead;
            row.extend([String::new(), String::new()]);
            row.push(format!("{:?}", affect.certainty).to_lowercase());
            row.push(affect.partial.to_string());
            row.push(affect.unverified.to_string());
            rows.push(row);
            continue;
        }
        for target in &affect.targets {
            let mut row = lead.clone();
            row.extend([
                graph.node_id(target.target).to_owned(),
                target.standing.to_string(),
                format!("{:?}", target.certainty).to_lowercase(),
                target.is_partial().to_string(),
                target.unverified.to_string(),
                action_id(graph, target.action).unwrap_or_default(),
                graph
                    .edge_at(target.action)
                    .instrument()
                    .unwrap_or_default()
                    .to_owned(),
            ]);
            rows.push(row);
        }
    }
    rows
}

/// One CSV row per event of a timeline.
pub fn timeline_rows(graph: &SanctionsGraph, node: NodeIndex, events: &[Event]) -> Rows {
    let mut rows = Rows::new(&[
        "node",
        "date",
        "id",
        "action",
        "by",
        "on",
        "instrument",
        "status",
        "sources",
        "standing_after",
    ]);
    for event in events {
        let edge = graph.edge_at(event.edge);
        rows.push(vec![
            graph.node_id(node).to_owned(),
            date_text(edge.date(), event.certainty),
            action_id(graph, event.edge).unwrap_or_default(),
            edge.kind().to_string(),
            edge.from().to_owned(),
            edge.to().to_owned(),
            edge.instrument().unwrap_or_default().to_owned(),
            status_text(edge, event.status),
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
