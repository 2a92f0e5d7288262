//! `sgraph generate`: writes a generated graph as a RON graph file, and as plain
//! node/edge JSON for other tools (see [`sanctions_graph::export::ron`] and
//! [`sanctions_graph::export::json_edges`]).

use std::fmt::Write as _;
use std::io::{self, Write};
use std::path::Path;

use sanctions_graph::atomic::write_atomically_with;
use sanctions_graph::export::{json_edges, ron};
use sanctions_graph::generate::{generate as make, GenerateConfig};
use sanctions_graph::SanctionsGraph;

use super::queries::plural;
use super::Report;

/// What `sgraph generate` was asked for.
pub struct Request<'a> {
    /// Number of nodes.
    pub nodes: usize,
    /// Edges per node, on average.
    pub edges_per_node: usize,
    /// The seed.
    pub seed: u64,
    /// The directory to write into.
    pub output: &'a str,
    /// Also write `graph.json`.
    pub json_edges: bool,
}

/// Generates the graph and writes `graph.ron` (and `graph.json`) into the directory.
pub fn generate(request: &Request<'_>) -> Report {
    let Some(edges) = request.nodes.checked_mul(request.edges_per_node) else {
        return Report::usage("--nodes times --edges-per-node is too large".into());
    };
    let graph = make(&GenerateConfig {
        nodes: request.nodes,
        edges,
        seed: request.seed,
    });
    let dir = Path::new(request.output);
    if let Err(error) = std::fs::create_dir_all(dir) {
        return Report::usage(format!("cannot create `{}`: {error}", dir.display()));
    }
    type Writer = fn(&SanctionsGraph, &mut dyn Write) -> io::Result<()>;
    let mut writers: Vec<(&str, Writer)> = vec![("graph.ron", graph_ron)];
    if request.json_edges {
        writers.push(("graph.json", json_edges::json_edges));
    }
    let mut out = String::new();
    for (name, write) in writers {
        let path = dir.join(name);
        if let Err(error) = write_atomically_with(&path, |out| write(&graph, out)) {
            return Report::usage(error.to_string());
        }
        let bytes = std::fs::metadata(&path).map_or(0, |meta| meta.len());
        let _ = writeln!(
            out,
            "wrote {} ({})",
            path.display(),
            plural(bytes, "byte", "bytes")
        );
    }
    let _ = writeln!(
        out,
        "{}, {}, {}, seed {}",
        plural(graph.node_count(), "node", "nodes"),
        plural(graph.edge_count(), "edge", "edges"),
        plural(graph.sources().count(), "source", "sources"),
        request.seed
    );
    Report::success(out)
}

/// The generated graph as one RON graph file.
fn graph_ron(graph: &SanctionsGraph, out: &mut dyn Write) -> io::Result<()> {
    out.write_all(b"// A generated graph (sgraph generate).\n")?;
    ron::write_to(graph, ron::ALL, out)
}
