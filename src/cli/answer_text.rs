//! The text and JSON pieces the query answers are made of: counts, arrows, dates,
//! statuses, effects, targets, chains and step tables, source lists, and the JSON of
//! nodes, edges, steps and entries.

use std::collections::BTreeSet;
use std::io::{self, Write};

use petgraph::graph::{EdgeIndex, NodeIndex};
use sanctions_graph::graph::EdgeView;
use sanctions_graph::model::{Date, Edge, EdgeKind, Node, NodeKind};
use sanctions_graph::query::diff::Held;
use sanctions_graph::query::{
    self, Affect, Certainty, Coverage, Follow, NetEffect, Standing, Step, TargetStanding, When,
};
use sanctions_graph::SanctionsGraph;
use serde::{Serialize, Serializer};
use serde_json::{json, Value};

use super::args::Direction;
use super::table::Table;

/// The most display columns of an instrument a table of an answer shows (the whole text
/// is in JSON and CSV).
pub(super) const INSTRUMENT_WIDTH: usize = 120;

/// Writes every source the edges cite, once, with where to find it.
pub(super) fn write_sources(
    out: &mut dyn Write,
    graph: &SanctionsGraph,
    edges: impl Iterator<Item = EdgeIndex>,
) -> io::Result<()> {
    let mut ids: BTreeSet<&str> = BTreeSet::new();
    for edge in edges {
        ids.extend(graph.edge_at(edge).sources());
    }
    if ids.is_empty() {
        return Ok(());
    }
    let mut table = Table::new(&["source", "publisher", "date", "title", "address"])
        .limit("publisher", 40)
        .limit("title", 60);
    for id in ids {
        let Some(source) = graph.source(id) else {
            continue;
        };
        let title = source
            .title
            .clone()
            .or(source.description.clone())
            .unwrap_or_default();
        let address = source
            .url
            .clone()
            .or(source.identifier.clone())
            .unwrap_or_default();
        table.row(vec![
            id.to_owned(),
            source.publisher.clone(),
            source.date.map(|d| d.to_string()).unwrap_or_default(),
            title,
            address,
        ]);
    }
    out.write_all(b"\nsources:\n")?;
    table.write(out, "  ")
}

pub(super) fn as_of(date: Option<Date>) -> When {
    date.map_or(When::Always, When::AsOf)
}

pub(super) fn follow(direction: Direction) -> Follow {
    match direction {
        Direction::Out => Follow::Out,
        Direction::In => Follow::In,
        Direction::Both => Follow::Both,
    }
}

pub(super) fn direction_text(direction: Direction) -> &'static str {
    match direction {
        Direction::Out => "out",
        Direction::In => "in",
        Direction::Both => "both",
    }
}

/// The edge kinds named by a flag; `None` when the flag was not given. Clap has already
/// refused unknown names.
pub(super) fn edge_kinds(names: &[String]) -> Option<BTreeSet<EdgeKind>> {
    (!names.is_empty()).then(|| names.iter().filter_map(|n| EdgeKind::parse(n)).collect())
}

pub(super) fn node_kinds(names: &[String]) -> Option<BTreeSet<NodeKind>> {
    (!names.is_empty()).then(|| names.iter().filter_map(|n| NodeKind::parse(n)).collect())
}

/// `0 files`, `1 file`, `2 files`: a count in English.
pub(super) fn plural(n: impl std::fmt::Display, one: &str, many: &str) -> String {
    let n = n.to_string();
    if n == "1" {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

/// `no actor`, `1 actor`, `2 actors`.
pub(super) fn count(n: usize, one: &str, many: &str) -> String {
    match n {
        0 => format!("no {one}"),
        1 => format!("1 {one}"),
        _ => format!("{n} {many}"),
    }
}

/// `-sanction->` for an edge walked forwards, `<-part_of-` for one walked backwards.
pub(super) fn arrow(kind: EdgeKind, forward: bool) -> String {
    if forward {
        format!("-{kind}->")
    } else {
        format!("<-{kind}-")
    }
}

pub(super) fn date_text(date: Option<Date>, certainty: Certainty) -> String {
    match (date, certainty) {
        (Some(date), Certainty::Uncertain) => format!("{date} (uncertain)"),
        (Some(date), Certainty::Certain) => date.to_string(),
        (None, _) => String::new(),
    }
}

/// When an edge happened or held: its date, `since ...`, `until ...`, or blank.
pub(super) fn when_edge(edge: EdgeView<'_>, certainty: Certainty) -> String {
    let text = edge.period();
    if certainty == Certainty::Uncertain {
        format!("{text} (uncertain)")
    } else {
        text
    }
}

pub(super) fn sources_text(edge: EdgeView<'_>) -> String {
    edge.sources().collect::<Vec<_>>().join(", ")
}

/// The lines under a table's row: each text that is not blank, after its title.
pub(super) fn details(parts: &[(&str, String)]) -> Vec<String> {
    parts
        .iter()
        .filter(|(_, text)| !text.is_empty())
        .map(|(title, text)| format!("{title}: {text}"))
        .collect()
}

/// An edge's status read today: scheduled, in force or expired.
pub(super) fn status_today(edge: EdgeView<'_>) -> query::Status {
    edge.date().map_or(query::Status::InForce, |date| {
        query::Status::of(
            date,
            edge.until(),
            Some(sanctions_graph::model::date::today()),
        )
    })
}

/// The note of an edge in a table: its status, what it names and whether it is
/// unverified ([`status_text`]), then the edge's own notes.
pub(super) fn note_text(edge: EdgeView<'_>, status: query::Status) -> String {
    let mut parts = vec![status_text(edge, status)];
    parts.extend(edge.notes().map(str::to_owned));
    parts.retain(|part| !part.is_empty());
    parts.join("; ")
}

/// `expired 2021-12-08`, `scheduled`, `until 2027-02-28`, with `unverified` and the
/// commodities the action names.
pub(super) fn status_text(edge: EdgeView<'_>, status: query::Status) -> String {
    let mut parts: Vec<String> = Vec::new();
    match (status, edge.until()) {
        (query::Status::Expired, Some(until)) => parts.push(format!("expired {until}")),
        (query::Status::Scheduled, _) => parts.push("scheduled".to_owned()),
        (_, Some(until)) => parts.push(format!("until {until}")),
        _ => {}
    }
    let names: Vec<&str> = edge.concern_ids().collect();
    if !names.is_empty() {
        parts.push(format!("names {}", names.join(", ")));
    }
    if edge.unverified() {
        parts.push("unverified".to_owned());
    }
    parts.join("; ")
}

/// `restrictive`, `restrictive (partial, uncertain, unverified)`.
pub(super) fn effect_text(affect: &Affect) -> String {
    let mut marks = Vec::new();
    if affect.partial {
        marks.push("partial");
    }
    if affect.certainty == Certainty::Uncertain {
        marks.push("uncertain");
    }
    if affect.unverified {
        marks.push("unverified");
    }
    with_marks(affect.effect.to_string(), &marks)
}

pub(super) fn with_marks(text: String, marks: &[&str]) -> String {
    if marks.is_empty() {
        text
    } else {
        format!("{text} ({})", marks.join(", "))
    }
}

/// `restrictive`, `eased (partial)`, or `none` when no measure was in force: a
/// target's standing before or after a change.
pub(super) fn held_text(held: Option<Held>) -> String {
    match held {
        None => "none".to_owned(),
        Some(held) if held.partial => format!("{} (partial)", held.standing),
        Some(held) => held.standing.to_string(),
    }
}

/// An actor's net effect before or after a change, or `none`.
pub(super) fn effect_or_none(effect: Option<NetEffect>) -> String {
    effect.map_or("none".to_owned(), |e| e.to_string())
}

/// `belaruskali eased`, `belarus restrictive (partial)`, `bpc restrictive or eased`.
pub(super) fn target_text(graph: &SanctionsGraph, target: &TargetStanding) -> String {
    let standing = if target.possible.is_empty() {
        target.standing.to_string()
    } else {
        target
            .possible
            .iter()
            .map(|p| p.map_or("not yet in force", Standing::as_str))
            .collect::<Vec<_>>()
            .join(" or ")
    };
    let mut marks = Vec::new();
    if target.is_partial() {
        marks.push("partial");
    }
    if target.unverified {
        marks.push("unverified");
    }
    with_marks(
        format!("{} {standing}", graph.node_at(target.target).id()),
        &marks,
    )
}

/// The targets of an entry, at most [`MOST_TARGETS`] of them, then `and N more` (JSON and
/// CSV list every one).
pub(super) fn targets_text(graph: &SanctionsGraph, affect: &Affect) -> String {
    let mut text = affect
        .targets
        .iter()
        .take(MOST_TARGETS)
        .map(|t| target_text(graph, t))
        .collect::<Vec<_>>()
        .join(", ");
    if affect.targets.len() > MOST_TARGETS {
        text.push_str(&format!(
            ", and {} more",
            affect.targets.len() - MOST_TARGETS
        ));
    }
    text
}

/// The most targets a table row names: an actor with thousands would print a line of
/// thousands of characters.
pub(super) const MOST_TARGETS: usize = 8;

/// Writes the summary table of `affects` and `affected-by`: one row per actor (or
/// commodity).
pub(super) fn write_affect_table<'a>(
    out: &mut dyn Write,
    graph: &SanctionsGraph,
    entries: impl Iterator<Item = (NodeIndex, &'a Affect)>,
    title: &str,
) -> io::Result<()> {
    let mut table = Table::new(&["effect", "hops", title, "targets"]);
    for (who, affect) in entries {
        table.row(vec![
            effect_text(affect),
            affect.hops().to_string(),
            graph.node_id(who).to_owned(),
            targets_text(graph, affect),
        ]);
    }
    table.write(out, "")
}

/// Writes each entry's explaining chain, edge by edge, entry by entry.
pub(super) fn write_chains<'a>(
    out: &mut dyn Write,
    graph: &SanctionsGraph,
    entries: impl Iterator<Item = (NodeIndex, &'a Affect)>,
) -> io::Result<()> {
    out.write_all(b"\nchains:\n")?;
    for (who, affect) in entries {
        write!(
            out,
            "\n{} ({}, {})\n",
            graph.node_at(who).id(),
            effect_text(affect),
            count(affect.hops(), "hop", "hops"),
        )?;
        steps_table(
            graph,
            &affect.chain,
            affect.names.map(|named| (named, affect.coverage)),
        )
        .write(out, "  ")?;
    }
    Ok(())
}

/// The table of the steps of a path or chain: from, edge, to, date and instrument, and under each step
/// a note (what the action names and how it covers the commodity asked about, when the
/// edge ends, whether it is unverified, and its own notes) and its sources.
pub(super) fn steps_table(
    graph: &SanctionsGraph,
    steps: &[Step],
    names: Option<(NodeIndex, Coverage)>,
) -> Table {
    let asked = steps.last().map(|step| step.to);
    let mut table = Table::new(&["from", "edge", "to", "date", "instrument"])
        .limit("instrument", INSTRUMENT_WIDTH);
    for step in steps {
        let edge = graph.edge_at(step.edge);
        let mut parts = vec![match names {
            Some((named, coverage))
                if edge.kind().is_action()
                    && edge.concerns().any(|named_here| named_here == named) =>
            {
                coverage_note(graph, named, coverage, asked)
            }
            _ => String::new(),
        }];
        parts.extend(edge.until().map(|until| format!("until {until}")));
        if edge.unverified() {
            parts.push("unverified".to_owned());
        }
        parts.extend(edge.notes().map(str::to_owned));
        parts.retain(|part| !part.is_empty());
        let note = parts.join("; ");
        table.row_with_details(
            vec![
                graph.node_at(step.from).id().to_string(),
                arrow(edge.kind(), step.forward),
                graph.node_at(step.to).id().to_string(),
                when_edge(edge, step.certainty),
                edge.instrument().unwrap_or_default().to_owned(),
            ],
            details(&[("note", note), ("sources", sources_text(edge))]),
        );
    }
    table
}

/// `names potash`; `names potash, which contains potassium-chloride`; `names
/// potassium-chloride: covers part of potash`.
pub(super) fn coverage_note(
    graph: &SanctionsGraph,
    named: NodeIndex,
    coverage: Coverage,
    asked: Option<NodeIndex>,
) -> String {
    let named_id = graph.node_at(named).id();
    let asked_id = asked.map_or("", |asked| graph.node_id(asked));
    match coverage {
        Coverage::Contains => format!("names {named_id}, which contains {asked_id}"),
        Coverage::Part => format!("names {named_id}: covers part of {asked_id}"),
        Coverage::Names | Coverage::Ties => format!("names {named_id}"),
    }
}

pub(super) fn node_json(node: &Node) -> Value {
    json!({ "id": node.id, "kind": node.kind, "name": node.name })
}

/// An edge as JSON, with source ids (the sources themselves are listed once, under the
/// answer's `sources`).
pub(super) fn edge_json(edge: &Edge) -> Value {
    let mut value = json!(edge);
    if let Some(object) = value.as_object_mut() {
        object.remove("origin");
        object.remove("notes");
    }
    value
}

/// A step as JSON: the edge, and which way it was walked.
pub(super) fn step_json(graph: &SanctionsGraph, step: &Step) -> Value {
    let mut value = edge_json(&graph.edge_at(step.edge).to_edge());
    value["walked"] = walked_json(graph, step);
    value
}

/// Which way a step was walked, and how certain it is at the queried time.
pub(super) fn walked_json(graph: &SanctionsGraph, step: &Step) -> Value {
    json!({
        "from": graph.node_at(step.from).id(),
        "to": graph.node_at(step.to).id(),
        "direction": if step.forward { "forward" } else { "backward" },
        "certainty": step.certainty,
    })
}

/// The sources cited by the steps, by id.
pub(super) fn cited<'a, 'g>(
    graph: &'g SanctionsGraph,
    steps: impl Iterator<Item = &'a Step>,
) -> Cited<'g> {
    cited_edges(graph, steps.map(|step| graph.edge_at(step.edge)))
}

/// The sources the edges cite, by id.
pub(super) fn cited_edges<'g>(
    graph: &'g SanctionsGraph,
    edges: impl Iterator<Item = EdgeView<'g>>,
) -> Cited<'g> {
    let mut ids = BTreeSet::new();
    for edge in edges {
        ids.extend(edge.sources());
    }
    Cited { graph, ids }
}

/// The sources an answer cites, each once, in id order: a JSON object written source by
/// source, so that only the ids are held.
pub(super) struct Cited<'g> {
    graph: &'g SanctionsGraph,
    ids: BTreeSet<&'g str>,
}

impl Serialize for Cited<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(
            self.ids
                .iter()
                .filter_map(|&id| Some((id, json!(self.graph.source(id)?)))),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_read_as_english_whatever_the_integer_type() {
        assert_eq!(plural(1_u64, "byte", "bytes"), "1 byte");
        assert_eq!(plural(2_usize, "file", "files"), "2 files");
        assert_eq!(plural(0_usize, "problem", "problems"), "0 problems");
        assert_eq!(count(0, "actor", "actors"), "no actor");
    }
}
