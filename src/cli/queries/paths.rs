//! `paths`: the typed paths between two nodes, and the search that `export dot --path`
//! runs too.

use std::time::Instant;

use petgraph::graph::{EdgeIndex, NodeIndex};
use sanctions_graph::query::paths::{PathQuery, PathSearch};
use sanctions_graph::query::{self, CutShort, EdgeFilter, Limits, When};
use sanctions_graph::{Loaded, SanctionsGraph};
use serde_json::{json, Value};

use super::*;
use crate::cli::args::{Format, PathSearchArgs, PathsArgs};
use crate::cli::commands::json_text;
use crate::cli::Report;

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
