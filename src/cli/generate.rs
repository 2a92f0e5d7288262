//! `sgraph generate`: writes a generated graph as a RON graph file, and as plain
//! node/edge JSON for other tools (see [`sanctions_graph::write`]).

use std::fmt::Write as _;
use std::io::{self, Write};
use std::path::Path;

use sanctions_graph::generate::{generate as make, GenerateConfig};
use sanctions_graph::{write, SanctionsGraph};

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
    let mut writers: Vec<(&str, Writer)> = vec![("graph.ron", write::ron)];
    if request.json_edges {
        writers.push(("graph.json", write::json_edges));
    }
    let mut out = String::new();
    for (name, write) in writers {
        let path = dir.join(name);
        let written = std::fs::File::create(&path).and_then(|file| {
            let mut file = io::BufWriter::new(file);
            write(&graph, &mut file)?;
            file.flush()
        });
        if let Err(error) = written {
            return Report::usage(format!("cannot write `{}`: {error}", path.display()));
        }
        let bytes = std::fs::metadata(&path).map_or(0, |meta| meta.len());
        let _ = writeln!(out, "wrote {} ({bytes} bytes)", path.display());
    }
    let _ = writeln!(
        out,
        "{} nodes, {} edges, {} sources, seed {}",
        graph.node_count(),
        graph.edge_count(),
        graph.sources().count(),
        request.seed
    );
    Report::success(out)
}
