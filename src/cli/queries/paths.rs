//! `paths`: the typed paths between two nodes, and the search that `export dot --path`
//! runs too.

use std::collections::HashMap;
use std::io::{self, Write};
use std::time::Instant;

use petgraph::graph::{EdgeIndex, NodeIndex};
use sanctions_graph::query::paths::{PathQuery, PathSearch};
use sanctions_graph::query::{self, CutShort, EdgeFilter, Limits, Path, When};
use sanctions_graph::{Loaded, SanctionsGraph};
use serde::Serialize;
use serde_json::{json, Value};

use super::*;
use crate::cli::answer_json::EdgeJson;
use crate::cli::args::{Format, PathSearchArgs, PathsArgs};
use crate::cli::stream::{seq, write_json};
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

/// `sgraph paths FROM TO ...`, written to `out` as it is made.
pub fn paths(
    loaded: &Loaded,
    args: &PathsArgs,
    format: Format,
    out: &mut dyn Write,
) -> io::Result<Report> {
    let graph = &loaded.graph;
    let (from, to) = match (resolve(graph, &args.from), resolve(graph, &args.to)) {
        (Ok(from), Ok(to)) => (from, to),
        (Err(report), _) | (_, Err(report)) => return Ok(report),
    };
    if from == to {
        return Ok(Report::usage(format!(
            "FROM and TO are the same node, `{}`; a path joins two different nodes",
            args.from
        )));
    }
    let when = match (args.as_of, args.between) {
        (Some(date), _) => When::AsOf(date),
        (None, Some((start, end))) => When::Between(start, end),
        (None, None) => When::Always,
    };
    let search = &args.search;
    let found = search_paths(graph, (from, to), when, search);
    match format {
        Format::Json => {
            let edges = EdgeTable::of(&found);
            write_json(
                out,
                &PathsJson {
                    count: found.paths.len(),
                    cut_short: found.cut_short,
                    edges: seq(edges
                        .edges
                        .iter()
                        .map(|&edge| EdgeJson(graph.edge_at(edge)))),
                    paths: seq(found
                        .paths
                        .iter()
                        .map(|path| path_json(graph, path, &edges))),
                    query: json!({
                        "command": "paths",
                        "from": graph.node_id(from),
                        "to": graph.node_id(to),
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
                    }),
                    sources: cited(graph, found.paths.iter().flat_map(|p| p.steps.iter())),
                },
            )?;
        }
        Format::Table | Format::Csv => write_paths_table(out, graph, args, &found)?,
    }
    Ok(answer(String::new(), !found.paths.is_empty()))
}

/// The JSON answer of `paths`, fields in the order JSON objects are written in.
#[derive(Serialize)]
struct PathsJson<'g, E, P> {
    count: usize,
    cut_short: Option<CutShort>,
    edges: E,
    paths: P,
    query: Value,
    sources: Cited<'g>,
}

/// The edges the paths of an answer walk, each listed once: paths refer to them by
/// position, so an edge with a long instrument on thousands of paths is written once.
struct EdgeTable {
    position: HashMap<EdgeIndex, usize>,
    edges: Vec<EdgeIndex>,
}

impl EdgeTable {
    /// The edges of the paths found, in the order the paths first walk them.
    fn of(found: &PathSearch) -> EdgeTable {
        let mut table = EdgeTable {
            position: HashMap::new(),
            edges: Vec::new(),
        };
        for step in found.paths.iter().flat_map(|path| path.steps.iter()) {
            table.position.entry(step.edge).or_insert_with(|| {
                table.edges.push(step.edge);
                table.edges.len() - 1
            });
        }
        table
    }
}

/// A path as its nodes and its steps; a step names its edge by position in the answer's
/// `edges` and says which way it was walked.
fn path_json(graph: &SanctionsGraph, path: &Path, edges: &EdgeTable) -> Value {
    json!({
        "hops": path.hops(),
        "nodes": path.nodes().map(|n| graph.node_id(n)).collect::<Vec<_>>(),
        "steps": path.steps.iter().map(|step| json!({
            "edge": edges.position[&step.edge],
            "walked": walked_json(graph, step),
        })).collect::<Vec<_>>(),
    })
}

/// Writes the paths as text: a headline, then each path's table of steps as it comes.
fn write_paths_table(
    out: &mut dyn Write,
    graph: &SanctionsGraph,
    args: &PathsArgs,
    found: &PathSearch,
) -> io::Result<()> {
    let what = if args.search.shortest {
        "shortest path".to_owned()
    } else if let Some(k) = args.search.k {
        format!("{k} shortest paths")
    } else {
        "paths".to_owned()
    };
    write!(
        out,
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
    )?;
    if found.paths.is_empty() {
        out.write_all(b"no path")?;
        if found.cut_short == Some(CutShort::Timeout) {
            out.write_all(b" found before the timeout")?;
        }
        out.write_all(b"\n")?;
    } else {
        writeln!(out, "{}", count(found.paths.len(), "path", "paths"))?;
    }
    for (number, path) in found.paths.iter().enumerate() {
        write!(
            out,
            "\npath {}: {}\n",
            number + 1,
            count(path.hops(), "hop", "hops")
        )?;
        steps_table(graph, &path.steps, None).write(out, "  ")?;
    }
    match found.cut_short {
        Some(CutShort::Limit) => write!(
            out,
            "\ncut short: more than {} paths exist; raise --limit to see more\n",
            args.search.limit()
        ),
        Some(CutShort::Timeout) => write!(
            out,
            "\ncut short: the search stopped after {}ms; raise --timeout to search longer\n",
            args.search.timeout().as_millis()
        ),
        None => Ok(()),
    }
}
