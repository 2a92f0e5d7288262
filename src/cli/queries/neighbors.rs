//! `neighbors`: the nodes within a few edges of a node.

use sanctions_graph::query::{self, EdgeFilter};
use sanctions_graph::Loaded;
use serde::Serialize;
use serde_json::{json, Value};
use std::io::{self, Write};

use super::*;
use crate::cli::args::{Format, NeighborsArgs};
use crate::cli::stream::{seq, write_json};
use crate::cli::table::{headline, Table};
use crate::cli::Report;

/// `sgraph neighbors ID [--depth N] [--via KIND,...]`; its JSON written node by node.
pub fn neighbors(
    loaded: &Loaded,
    args: &NeighborsArgs,
    format: Format,
    out: &mut dyn Write,
) -> io::Result<Report> {
    let graph = &loaded.graph;
    let index = match resolve(graph, &args.id) {
        Ok(index) => index,
        Err(report) => return Ok(report),
    };
    let filter = EdgeFilter {
        kinds: edge_kinds(&args.via),
        follow: follow(args.direction),
        when: as_of(args.as_of),
        ..EdgeFilter::default()
    };
    let found = query::neighbors(graph, index, &filter, args.depth);
    let node = graph.node_at(index);
    match format {
        Format::Json => write_json(
            out,
            &NeighborsJson {
                neighbors: seq(found.iter().map(|n| {
                    let mut value = node_json(&graph.node_at(n.node).to_node());
                    value["depth"] = json!(n.depth);
                    value["via"] = step_json(graph, &n.step);
                    value
                })),
                node: node_json(&node.to_node()),
                query: json!({
                    "command": "neighbors",
                    "id": node.id(),
                    "depth": args.depth,
                    "via": args.via,
                    "direction": direction_text(args.direction),
                    "as_of": args.as_of,
                }),
            },
        )?,
        Format::Table | Format::Csv => {
            let headline = headline(&format!(
                "{} ({}): {} within {}\n",
                node.id(),
                node.name(),
                count(found.len(), "node", "nodes"),
                count(args.depth, "edge", "edges")
            ));
            out.write_all(headline.as_bytes())?;
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
                out.write_all(b"\n")?;
                table.write(out, "")?;
            }
        }
    }
    Ok(Report::success(String::new()))
}

/// The JSON answer of `neighbors`, fields in the order JSON objects are written in.
#[derive(Serialize)]
struct NeighborsJson<N> {
    neighbors: N,
    node: Value,
    query: Value,
}
