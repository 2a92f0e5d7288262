//! Writes a graph back out: as a RON graph file that loads as the same graph, and as
//! plain node/edge JSON for other tools. Both are written item by item to any writer, so a
//! graph of millions of edges is never held as one text.

use std::fmt::Write as _;
use std::io::{self, Write};

use serde_json::json;

use crate::graph::SanctionsGraph;
use crate::model::{Date, Edge, EdgeKind, Node, NodeKind};

/// A RON string literal.
fn quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn list<'t>(items: impl Iterator<Item = &'t str>) -> String {
    let items: Vec<String> = items.map(quoted).collect();
    format!("[{}]", items.join(", "))
}

/// Appends `, name: value` for each field that is set.
struct Fields(String);

impl Fields {
    fn text(&mut self, name: &str, value: Option<&str>) {
        if let Some(value) = value {
            let _ = write!(self.0, ", {name}: {}", quoted(value));
        }
    }

    fn date(&mut self, name: &str, value: Option<Date>) {
        self.text(name, value.map(|date| date.to_string()).as_deref());
    }

    fn list<'t>(&mut self, name: &str, items: impl ExactSizeIterator<Item = &'t str>) {
        if items.len() > 0 {
            let _ = write!(self.0, ", {name}: {}", list(items));
        }
    }
}

/// Writes the graph as one RON graph file, in load order, so that loading it gives the
/// same graph (origins aside: they name the new file).
pub fn ron(graph: &SanctionsGraph, out: &mut dyn Write) -> io::Result<()> {
    out.write_all(b"// A generated graph (sgraph generate).\nGraph(\n    sources: [\n")?;
    for source in graph.sources() {
        let mut fields = Fields(format!(
            "        Source(id: {}, publisher: {}",
            quoted(source.id.as_str()),
            quoted(&source.publisher)
        ));
        fields.text("title", source.title.as_deref());
        fields.text("description", source.description.as_deref());
        fields.date("date", source.date);
        fields.text("url", source.url.as_deref());
        fields.text("language", source.language.as_deref());
        writeln!(out, "{}),", fields.0)?;
    }
    out.write_all(b"    ],\n    nodes: [\n")?;
    for node in graph.petgraph().node_weights() {
        out.write_all(node_ron(node).as_bytes())?;
    }
    out.write_all(b"    ],\n    edges: [\n")?;
    for edge in graph.edges() {
        out.write_all(edge_ron(edge).as_bytes())?;
    }
    out.write_all(b"    ],\n)\n")
}

fn node_ron(node: &Node) -> String {
    let kind = match node.kind {
        NodeKind::Country => "Country",
        NodeKind::Bloc => "Bloc",
        NodeKind::Body => "Body",
        NodeKind::Company => "Company",
        NodeKind::Person => "Person",
        NodeKind::Commodity => "Commodity",
        NodeKind::Aircraft => "Aircraft",
        NodeKind::Vessel => "Vessel",
    };
    let mut fields = Fields(format!(
        "        {kind}(id: {}, name: {}",
        quoted(node.id.as_str()),
        quoted(&node.name)
    ));
    fields.list("aliases", node.aliases.iter().map(String::as_str));
    fields.text("iso", node.iso.as_deref());
    fields.text("country", node.country.as_ref().map(|id| id.as_str()));
    fields.text("role", node.role.as_deref());
    fields.list("hs", node.hs.iter().map(String::as_str));
    fields.text("registration", node.registration.as_deref());
    fields.text("notes", node.notes.as_deref());
    fields.0 + "),\n"
}

fn edge_ron(edge: &Edge) -> String {
    let (variant, kind) = match edge.kind {
        EdgeKind::Action(kind) => ("Action", kind.file_name()),
        EdgeKind::Relation(kind) => ("Relation", kind.file_name()),
    };
    let mut fields = Fields(format!(
        "        {variant}(kind: {kind}, from: {}, to: {}",
        quoted(edge.from.as_str()),
        quoted(edge.to.as_str())
    ));
    fields.date("date", edge.date);
    fields.date("since", edge.since);
    fields.date("until", edge.until);
    fields.list("sources", edge.sources.iter().map(|id| id.as_str()));
    fields.list("concerns", edge.concerns.iter().map(|id| id.as_str()));
    fields.text("instrument", edge.instrument.as_deref());
    if edge.unverified {
        fields.0.push_str(", unverified: true");
    }
    fields.text("notes", edge.notes.as_deref());
    fields.0 + "),\n"
}

/// Writes the graph as plain JSON: `{"nodes": [{"id", "kind"}], "edges": [{"from", "to",
/// "kind", "date", "since", "until", "concerns"}]}`, in load order.
pub fn json_edges(graph: &SanctionsGraph, out: &mut dyn Write) -> io::Result<()> {
    out.write_all(b"{\"nodes\": [")?;
    for (i, node) in graph.petgraph().node_weights().enumerate() {
        let separator = if i == 0 { "\n" } else { ",\n" };
        let item = json!({"id": node.id, "kind": node.kind});
        write!(out, "{separator}{item}")?;
    }
    out.write_all(b"\n], \"edges\": [")?;
    for (i, edge) in graph.edges().enumerate() {
        let separator = if i == 0 { "\n" } else { ",\n" };
        let item = json!({
            "from": edge.from,
            "to": edge.to,
            "kind": edge.kind,
            "date": edge.date,
            "since": edge.since,
            "until": edge.until,
            "concerns": edge.concerns,
        });
        write!(out, "{separator}{item}")?;
    }
    out.write_all(b"\n]}\n")
}
