//! `affects --without`: which actions the flags name, and what differs from the real
//! answer.

use std::collections::BTreeSet;
use std::io::{self, Write};

use petgraph::graph::{EdgeIndex, NodeIndex};
use sanctions_graph::query::actions::{action_id, named_actions, Named};
use sanctions_graph::query::diff::compare;
use sanctions_graph::query::Affect;
use sanctions_graph::SanctionsGraph;
use serde_json::{json, Value};

use super::queries::{effect_or_none, held_text};
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

/// Writes what differs between the real answer and the one without the actions, as a
/// table section.
pub fn write_differences(
    out: &mut dyn Write,
    graph: &SanctionsGraph,
    commodity: NodeIndex,
    real: &[Affect],
    without: &[Affect],
    left: &BTreeSet<EdgeIndex>,
) -> io::Result<()> {
    let ids: BTreeSet<String> = left.iter().filter_map(|&e| action_id(graph, e)).collect();
    let ids: Vec<String> = ids.into_iter().collect();
    out.write_all(b"\n")?;
    out.write_all(
        headline(&format!(
            "without {} ({}), compared with the real answer:",
            if ids.len() == 1 {
                "the action"
            } else {
                "the actions"
            },
            ids.join(", ")
        ))
        .as_bytes(),
    )?;
    let (standings, effects) = compare(graph, commodity, real, without);
    if standings.is_empty() && effects.is_empty() {
        return out
            .write_all(b"  no difference: every actor and target stands as in the real answer\n");
    }
    if !effects.is_empty() {
        let mut rows = Rows::new(&["actor", "real", "without"]);
        for change in &effects {
            rows.push(vec![
                graph.node_id(change.actor).to_owned(),
                effect_or_none(change.before),
                effect_or_none(change.after),
            ]);
        }
        rows.write_table(out, "  ")?;
    }
    if !standings.is_empty() {
        let mut rows = Rows::new(&["target", "real", "without", "with"]);
        for change in &standings {
            rows.push(vec![
                graph.node_id(change.target).to_owned(),
                held_text(change.before),
                held_text(change.after),
                change
                    .actors
                    .iter()
                    .map(|&a| graph.node_id(a))
                    .collect::<Vec<_>>()
                    .join(", "),
            ]);
        }
        out.write_all(b"\n")?;
        rows.write_table(out, "  ")?;
    }
    Ok(())
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
