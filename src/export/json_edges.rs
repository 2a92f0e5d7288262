//! The graph as plain node/edge JSON, for tools that do not read our format (the
//! comparison with networkx and rustworkx reads it).

use std::io::{self, Write};

use serde_json::json;

use crate::graph::SanctionsGraph;

/// Writes the graph as plain JSON: `{"nodes": [{"id", "kind"}], "edges": [{"from", "to",
/// "kind", "date", "since", "until", "concerns"}]}`, in load order.
pub fn json_edges(graph: &SanctionsGraph, out: &mut dyn Write) -> io::Result<()> {
    out.write_all(b"{\"nodes\": [")?;
    for (i, node) in graph.node_indices().enumerate() {
        let separator = if i == 0 { "\n" } else { ",\n" };
        let item = json!({"id": graph.node_id(node), "kind": graph.node_kind(node)});
        write!(out, "{separator}{item}")?;
    }
    out.write_all(b"\n], \"edges\": [")?;
    for (i, edge) in graph.edges().enumerate() {
        let separator = if i == 0 { "\n" } else { ",\n" };
        let item = json!({
            "from": edge.from(),
            "to": edge.to(),
            "kind": edge.kind(),
            "date": edge.date(),
            "since": edge.since(),
            "until": edge.until(),
            "concerns": edge.concern_ids().collect::<Vec<_>>(),
        });
        write!(out, "{separator}{item}")?;
    }
    out.write_all(b"\n]}\n")
}
