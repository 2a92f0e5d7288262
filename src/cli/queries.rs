//! `affects`, `affected-by`, `paths`, `timeline` and `neighbors`: running the queries and
//! printing their answers as tables, JSON or CSV (schemas in docs/queries.md); the pieces
//! they are made of are in `answer_text.rs`.

use std::time::Instant;

use petgraph::graph::{EdgeIndex, NodeIndex};
use sanctions_graph::model::{Date, NodeKind};
use sanctions_graph::query::paths::{PathQuery, PathSearch};
use sanctions_graph::query::{self, Affect, CutShort, EdgeFilter, Limits, When};
use sanctions_graph::{Loaded, SanctionsGraph};
use serde_json::{json, Value};

use super::args::{
    AffectedByArgs, AffectsArgs, Format, NeighborsArgs, PathSearchArgs, PathsArgs, TimelineArgs,
};
use super::commands::{json_text, unknown_id};
use super::table::{headline, Table};

pub(super) use super::answer_text::*;
use super::{Outcome, Report};

/// `sgraph affects COMMODITY [--as-of DATE]`.
pub fn affects(loaded: &Loaded, args: &AffectsArgs, format: Format) -> Report {
    let graph = &loaded.graph;
    let commodity = match resolve(graph, &args.commodity) {
        Ok(index) => index,
        Err(report) => return report,
    };
    if graph.node_at(commodity).kind() != NodeKind::Commodity {
        return not_a(graph, commodity, NodeKind::Commodity);
    }
    let day = Day::of(args.as_of.or(args.between.map(|(_, end)| end)));
    let when = period_or_day(args.between, day.date);
    let left = match super::without::left_out(graph, &args.without) {
        Ok(left) => left,
        Err(report) => return report,
    };
    let found = query::affects_without(graph, commodity, when, |edge| left.contains(&edge));
    let real = (!left.is_empty()).then(|| query::affects(graph, commodity, when));
    let scheduled = if day.today && args.between.is_none() {
        query::scheduled(graph, commodity, day.date)
    } else {
        Vec::new()
    };
    let node = graph.node_at(commodity);
    let stdout = match format {
        Format::Json => json_text(&json!({
            "query": day.query_json(json!({ "command": "affects", "commodity": node.id(), "between": between_json(args.between), "without": args.without }), graph),
            "commodity": node_json(&node.to_node()),
            "without": real.as_ref().map(|real| super::without::differences_json(graph, commodity, real, &found, &left)),
            "actors": found.iter().map(|affect| affect_json(graph, affect, node_json(&graph.node_at(affect.actor).to_node()), "actor")).collect::<Vec<_>>(),
            "scheduled": scheduled.iter().map(|&edge| edge_json(&graph.edge_at(edge).to_edge())).collect::<Vec<_>>(),
            "sources": cited_edges(graph, found.iter().flat_map(|a| a.chain.iter()).map(|step| graph.edge_at(step.edge)).chain(scheduled.iter().map(|&edge| graph.edge_at(edge)))),
        })),
        Format::Csv => super::without::affect_rows(
            graph,
            found.iter().map(|a| (commodity, a.actor, a)),
            ("commodity", "actor"),
        )
        .csv(),
        Format::Table => {
            let mut out = headline(&format!(
                "{} ({}) {}{}: {}\n",
                node.id(),
                node.name(),
                period_text(args.between, &day),
                if left.is_empty() {
                    ""
                } else {
                    ", without some actions"
                },
                count(found.len(), "actor", "actors")
            ));
            if let Some(real) = &real {
                out.push_str(&super::without::differences_table(
                    graph, commodity, real, &found, &left,
                ));
            }
            if !found.is_empty() {
                out.push('\n');
                out.push_str(&affect_table(graph, &found, |a| a.actor, "actor"));
                out.push_str(&chains(graph, found.iter().map(|a| (a.actor, a))));
            }
            out.push_str(&scheduled_table(graph, &scheduled, day.date));
            out.push_str(&sources_list(
                graph,
                found
                    .iter()
                    .flat_map(|a| a.chain.iter().map(|step| step.edge))
                    .chain(scheduled.iter().copied()),
            ));
            out
        }
    };
    let mut report = answer(stdout, !found.is_empty());
    report.stderr = day.staleness(graph);
    report.stderr.push_str(&chosen(graph, &args.commodity));
    report
}

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

/// `sgraph affected-by ACTOR [--as-of DATE]`.
pub fn affected_by(loaded: &Loaded, args: &AffectedByArgs, format: Format) -> Report {
    let graph = &loaded.graph;
    let actor = match resolve(graph, &args.actor) {
        Ok(index) => index,
        Err(report) => return report,
    };
    let day = Day::of(args.as_of.or(args.between.map(|(_, end)| end)));
    let found = query::affected_by(graph, actor, period_or_day(args.between, day.date));
    let node = graph.node_at(actor);
    let when = period_text(args.between, &day);
    let stdout = match format {
        Format::Json => json_text(&json!({
            "query": day.query_json(json!({ "command": "affected-by", "actor": node.id(), "between": between_json(args.between) }), graph),
            "actor": node_json(&node.to_node()),
            "commodities": found.iter().map(|reach| affect_json(graph, &reach.affect, node_json(&graph.node_at(reach.commodity).to_node()), "commodity")).collect::<Vec<_>>(),
            "sources": cited(graph, found.iter().flat_map(|r| r.affect.chain.iter())),
        })),
        Format::Csv => super::without::affect_rows(
            graph,
            found.iter().map(|r| (actor, r.commodity, &r.affect)),
            ("actor", "commodity"),
        )
        .csv(),
        Format::Table => {
            let mut out = headline(&format!(
                "{} ({}) {when}: reaches {}\n",
                node.id(),
                node.name(),
                count(found.len(), "commodity", "commodities")
            ));
            if !found.is_empty() {
                let affects: Vec<Affect> = found.iter().map(|r| r.affect.clone()).collect();
                let commodities: Vec<NodeIndex> = found.iter().map(|r| r.commodity).collect();
                out.push('\n');
                let mut table = Table::new(&["effect", "hops", "commodity", "targets"]);
                for (affect, commodity) in affects.iter().zip(&commodities) {
                    table.row(vec![
                        effect_text(affect),
                        affect.hops().to_string(),
                        graph.node_at(*commodity).id().to_string(),
                        targets_text(graph, affect),
                    ]);
                }
                out.push_str(&table.render());
                out.push_str(&chains(graph, commodities.into_iter().zip(&affects)));
                out.push_str(&sources_list(
                    graph,
                    affects
                        .iter()
                        .flat_map(|a| a.chain.iter().map(|step| step.edge)),
                ));
            }
            out
        }
    };
    let mut report = answer(stdout, !found.is_empty());
    report.stderr = day.staleness(graph);
    report.stderr.push_str(&chosen(graph, &args.actor));
    report
}

/// Runs the path search the flags of `sgraph paths` (and of `export dot --path`) ask for.
pub fn search_paths(
    graph: &SanctionsGraph,
    (from, to): (NodeIndex, NodeIndex),
    when: When,
    search: &PathSearchArgs,
) -> PathSearch {
    let query = PathQuery {
        from,
        to,
        filter: EdgeFilter {
            kinds: edge_kinds(&search.via),
            excluded: edge_kinds(&search.not_via).unwrap_or_default(),
            follow: follow(search.direction()),
            through: node_kinds(&search.through_kind),
            when,
        },
        min_hops: search.min_hops(),
    };
    let limits = Limits {
        max_hops: search.max_hops(),
        max_results: search.limit(),
        deadline: Instant::now().checked_add(search.timeout()),
    };
    if search.shortest {
        query::shortest_path(graph, &query, &limits)
    } else if let Some(k) = search.k {
        query::k_shortest_paths(graph, &query, k, &limits)
    } else {
        query::all_paths(graph, &query, &limits)
    }
}

/// `sgraph paths FROM TO ...`.
pub fn paths(loaded: &Loaded, args: &PathsArgs, format: Format) -> Report {
    let graph = &loaded.graph;
    let (from, to) = match (resolve(graph, &args.from), resolve(graph, &args.to)) {
        (Ok(from), Ok(to)) => (from, to),
        (Err(report), _) | (_, Err(report)) => return report,
    };
    if from == to {
        return Report::usage(format!(
            "FROM and TO are the same node, `{}`; a path joins two different nodes",
            args.from
        ));
    }
    let when = match (args.as_of, args.between) {
        (Some(date), _) => When::AsOf(date),
        (None, Some((start, end))) => When::Between(start, end),
        (None, None) => When::Always,
    };
    let search = &args.search;
    let found = search_paths(graph, (from, to), when, search);
    let (from_node, to_node) = (graph.node_at(from), graph.node_at(to));
    let mut edges = EdgeTable::default();
    let stdout = match format {
        Format::Json => json_text(&json!({
            "query": {
                "command": "paths",
                "from": from_node.id(),
                "to": to_node.id(),
                "max_hops": search.max_hops(),
                "min_hops": search.min_hops(),
                "via": search.via,
                "not_via": search.not_via,
                "direction": direction_text(search.direction()),
                "through_kinds": search.through_kind,
                "as_of": args.as_of,
                "between": args.between.map(|(start, end)| json!([start, end])),
                "shortest": search.shortest,
                "k": search.k,
                "limit": search.limit(),
                "timeout_ms": search.timeout().as_millis(),
            },
            "count": found.paths.len(),
            "paths": paths_json(graph, &found, &mut edges),
            "edges": edges.json(graph),
            "cut_short": found.cut_short,
            "sources": cited(graph, found.paths.iter().flat_map(|p| p.steps.iter())),
        })),
        Format::Table | Format::Csv => paths_table(graph, args, &found),
    };
    answer(stdout, !found.paths.is_empty())
}

/// The edges the paths of an answer walk, each listed once: paths refer to them by
/// position, so an edge with a long instrument on thousands of paths is written once.
#[derive(Default)]
struct EdgeTable {
    position: std::collections::HashMap<EdgeIndex, usize>,
    edges: Vec<EdgeIndex>,
}

impl EdgeTable {
    /// The position of an edge, listing it if it is new.
    fn refer(&mut self, edge: EdgeIndex) -> usize {
        *self.position.entry(edge).or_insert_with(|| {
            self.edges.push(edge);
            self.edges.len() - 1
        })
    }

    fn json(&self, graph: &SanctionsGraph) -> Vec<Value> {
        self.edges
            .iter()
            .map(|&edge| edge_json(&graph.edge_at(edge).to_edge()))
            .collect()
    }
}

/// Each path as its nodes and its steps; a step names its edge by position in the
/// answer's `edges` and says which way it was walked.
fn paths_json(graph: &SanctionsGraph, found: &PathSearch, edges: &mut EdgeTable) -> Vec<Value> {
    found
        .paths
        .iter()
        .map(|path| {
            json!({
                "hops": path.hops(),
                "nodes": path.nodes().map(|n| graph.node_id(n)).collect::<Vec<_>>(),
                "steps": path.steps.iter().map(|step| json!({
                    "edge": edges.refer(step.edge),
                    "walked": walked_json(graph, step),
                })).collect::<Vec<_>>(),
            })
        })
        .collect()
}

fn paths_table(graph: &SanctionsGraph, args: &PathsArgs, found: &PathSearch) -> String {
    let what = if args.search.shortest {
        "shortest path".to_owned()
    } else if let Some(k) = args.search.k {
        format!("{k} shortest paths")
    } else {
        "paths".to_owned()
    };
    let mut out = format!(
        "{what} from {} to {} (direction {}, at most {}{}): ",
        args.from,
        args.to,
        direction_text(args.search.direction()),
        count(args.search.max_hops(), "hop", "hops"),
        match (args.as_of, args.between) {
            (Some(date), _) => format!(", as of {date}"),
            (None, Some((start, end))) => format!(", between {start} and {end}"),
            (None, None) => String::new(),
        }
    );
    if found.paths.is_empty() {
        out.push_str("no path");
        if found.cut_short == Some(CutShort::Timeout) {
            out.push_str(" found before the timeout");
        }
        out.push('\n');
    } else {
        out.push_str(&count(found.paths.len(), "path", "paths"));
        out.push('\n');
    }
    for (number, path) in found.paths.iter().enumerate() {
        out.push_str(&format!(
            "\npath {}: {}\n",
            number + 1,
            count(path.hops(), "hop", "hops")
        ));
        out.push_str(&indent(&steps_table(graph, &path.steps, None)));
    }
    match found.cut_short {
        Some(CutShort::Limit) => out.push_str(&format!(
            "\ncut short: more than {} paths exist; raise --limit to see more\n",
            args.search.limit()
        )),
        Some(CutShort::Timeout) => out.push_str(&format!(
            "\ncut short: the search stopped after {}ms; raise --timeout to search longer\n",
            args.search.timeout().as_millis()
        )),
        None => {}
    }
    out
}

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
    let standing_text = |standing: &[(NodeIndex, query::Standing)]| {
        standing
            .iter()
            .map(|(body, standing)| format!("{} {standing}", graph.node_at(*body).id()))
            .collect::<Vec<_>>()
            .join(", ")
    };
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
        Format::Csv => super::without::timeline_rows(graph, index, &events).csv(),
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
                let mut table = Table::new(&[
                    "date",
                    "action",
                    "by",
                    "on",
                    "instrument",
                    "status",
                    "sources",
                    "standing after",
                ]);
                for event in &events {
                    let edge = graph.edge_at(event.edge);
                    table.row(vec![
                        date_text(edge.date(), event.certainty),
                        edge.kind().to_string(),
                        edge.from().to_string(),
                        edge.to().to_string(),
                        shorten(edge.instrument().unwrap_or_default(), MAX_INSTRUMENT_CHARS),
                        status_text(edge, event.status),
                        sources_text(edge),
                        standing_text(&event.standing),
                    ]);
                }
                out.push('\n');
                out.push_str(&table.render());
                out.push_str(&sources_list(graph, events.iter().map(|e| e.edge)));
            }
            out
        }
    };
    let mut report = Report::success(stdout);
    report.stderr.push_str(&chosen(graph, &args.id));
    report
}

/// `sgraph neighbors ID [--depth N] [--via KIND,...]`.
pub fn neighbors(loaded: &Loaded, args: &NeighborsArgs, format: Format) -> Report {
    let graph = &loaded.graph;
    let index = match resolve(graph, &args.id) {
        Ok(index) => index,
        Err(report) => return report,
    };
    let filter = EdgeFilter {
        kinds: edge_kinds(&args.via),
        follow: follow(args.direction),
        when: as_of(args.as_of),
        ..EdgeFilter::default()
    };
    let found = query::neighbors(graph, index, &filter, args.depth);
    let node = graph.node_at(index);
    let stdout = match format {
        Format::Json => json_text(&json!({
            "query": {
                "command": "neighbors",
                "id": node.id(),
                "depth": args.depth,
                "via": args.via,
                "direction": direction_text(args.direction),
                "as_of": args.as_of,
            },
            "node": node_json(&node.to_node()),
            "neighbors": found.iter().map(|n| {
                let mut value = node_json(&graph.node_at(n.node).to_node());
                value["depth"] = json!(n.depth);
                value["via"] = step_json(graph, &n.step);
                value
            }).collect::<Vec<_>>(),
        })),
        Format::Table | Format::Csv => {
            let mut out = headline(&format!(
                "{} ({}): {} within {}\n",
                node.id(),
                node.name(),
                count(found.len(), "node", "nodes"),
                count(args.depth, "edge", "edges")
            ));
            if !found.is_empty() {
                let mut table = Table::new(&["depth", "id", "kind", "name", "reached by"]);
                for neighbor in &found {
                    let near = graph.node_at(neighbor.node);
                    let step = &neighbor.step;
                    table.row(vec![
                        neighbor.depth.to_string(),
                        near.id().to_string(),
                        near.kind().to_string(),
                        near.name().to_owned(),
                        format!(
                            "{} {} {}",
                            graph.node_at(step.from).id(),
                            arrow(graph.edge_at(step.edge).kind(), step.forward),
                            near.id()
                        ),
                    ]);
                }
                out.push('\n');
                out.push_str(&table.render());
            }
            out
        }
    };
    Report::success(stdout)
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

/// The actions dated after the day that reach the commodity, listed apart.
fn scheduled_table(graph: &SanctionsGraph, scheduled: &[EdgeIndex], day: Date) -> String {
    if scheduled.is_empty() {
        return String::new();
    }
    let mut table = Table::new(&["date", "from", "edge", "to", "instrument", "sources"]);
    for &index in scheduled {
        let edge = graph.edge_at(index);
        table.row(vec![
            edge.period(),
            edge.from().to_owned(),
            arrow(edge.kind(), true),
            edge.to().to_owned(),
            shorten(edge.instrument().unwrap_or_default(), MAX_INSTRUMENT_CHARS),
            sources_text(edge),
        ]);
    }
    format!(
        "\nscheduled (dated after {day}, not counted above):\n{}",
        indent(&table.render())
    )
}
