//! The questions about a graph: `affects` and `affected-by`, `paths`, `timeline` and
//! `neighbors`, one file each, run and printed as tables, JSON or CSV (schemas in
//! docs/queries.md). This file holds what they share: resolving the ids asked about, the
//! day an answer is for, and the exit code of an answer; the text and JSON pieces are in
//! `answer_text.rs`.

mod affects;
mod neighbors;
mod paths;
mod timeline;

use petgraph::graph::NodeIndex;
use sanctions_graph::model::{Date, NodeKind};
use sanctions_graph::query::{self, When};
use sanctions_graph::SanctionsGraph;
use serde_json::{json, Value};

use super::commands::unknown_id;
use super::{Outcome, Report};

pub(super) use super::answer_text::*;
pub use affects::{affected_by, affects};
pub use neighbors::neighbors;
pub use paths::{paths, search_paths};
pub use timeline::timeline;

/// With `--between`, the period; else as of the day.
fn period_or_day(between: Option<(Date, Date)>, day: Date) -> When {
    between.map_or(When::AsOf(day), |(start, end)| When::Between(start, end))
}

fn between_json(between: Option<(Date, Date)>) -> Value {
    between.map_or(Value::Null, |(start, end)| json!([start, end]))
}

/// `between 2025-01 and 2025-12`, else the day's text.
fn period_text(between: Option<(Date, Date)>, day: &Day) -> String {
    between.map_or_else(
        || day.text(),
        |(start, end)| format!("between {start} and {end}"),
    )
}

/// Success with the answer, or exit 1 ("checked, and the answer is no") when it is empty.
pub(super) fn answer(stdout: String, found: bool) -> Report {
    Report {
        stdout,
        stderr: String::new(),
        outcome: if found { Outcome::Success } else { Outcome::No },
    }
}

/// The node an argument names: its id, else the one node whose name or an alias it is
/// (case and accents ignored; [`chosen`] says which was taken).
pub(super) fn resolve(graph: &SanctionsGraph, id: &str) -> Result<NodeIndex, Report> {
    graph
        .index_of(id)
        .or_else(|| query::find::by_name(graph, id))
        .ok_or_else(|| unknown_id(graph, id))
}

/// The note that says which node a name or alias was taken for, or nothing when `asked`
/// is an id.
pub(super) fn chosen(graph: &SanctionsGraph, asked: &str) -> String {
    if graph.index_of(asked).is_some() {
        return String::new();
    }
    query::find::by_name(graph, asked).map_or_else(String::new, |index| {
        let node = graph.node_at(index);
        format!(
            "note: `{}` is `{}` ({})\n",
            super::table::escaped(asked.to_owned()),
            node.id(),
            super::table::escaped(node.name().to_owned())
        )
    })
}

/// A node of the wrong kind for the command, with the ids of the right kind.
pub(super) fn not_a(graph: &SanctionsGraph, index: NodeIndex, kind: NodeKind) -> Report {
    let node = graph.node_at(index);
    let right: Vec<&str> = graph
        .nodes()
        .filter(|n| n.kind() == kind)
        .map(|n| n.id())
        .collect();
    Report::usage(format!(
        "`{}` is a {}, not a {kind}\n  = help: {kind} ids: {}",
        node.id(),
        node.kind(),
        right.join(", ")
    ))
}

/// The day a query answers for: the one asked, or today.
struct Day {
    date: Date,
    /// Whether no date was asked, so the answer is as of today.
    today: bool,
}

impl Day {
    fn of(asked: Option<Date>) -> Day {
        match asked {
            Some(date) => Day { date, today: false },
            None => Day {
                date: sanctions_graph::model::date::today(),
                today: true,
            },
        }
    }

    /// `as of 2025-12-31`, or `as of today, 2026-12-02`.
    fn text(&self) -> String {
        if self.today {
            format!("as of today, {}", self.date)
        } else {
            format!("as of {}", self.date)
        }
    }

    /// The query part of a JSON answer: what was asked, the day, whether it is today, and
    /// the date the graph's curation is complete to.
    fn query_json(&self, asked: Value, graph: &SanctionsGraph) -> Value {
        let mut query = asked;
        query["as_of"] = json!(self.date);
        query["as_of_today"] = json!(self.today);
        query["complete_to"] = json!(graph.complete_to());
        query["after_complete_to"] = json!(self.after_complete_to(graph));
        query
    }

    fn after_complete_to(&self, graph: &SanctionsGraph) -> bool {
        graph
            .complete_to()
            .is_some_and(|complete| self.date.first_day() > complete.last_day())
    }

    /// The warning for a day after the graph's curation is complete to.
    fn staleness(&self, graph: &SanctionsGraph) -> String {
        match graph.complete_to() {
            Some(complete) if self.after_complete_to(graph) => format!(
                "warning: the graph's curation is complete to {complete}; this answer {} may miss later events\n",
                self.text()
            ),
            _ => String::new(),
        }
    }
}
