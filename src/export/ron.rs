//! Writes a graph in our RON format, one item a line, so that it loads back with the same
//! nodes, edges and sources (the place each was defined aside).

use std::io;

use crate::graph::SanctionsGraph;
use crate::model::{Edge, EdgeKind, Node, NodeKind, Source};

/// A part of a graph file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    /// `sources: [...]`.
    Sources,
    /// `nodes: [...]`.
    Nodes,
    /// `edges: [...]`.
    Edges,
}

/// Every section, in the order a graph file has them.
pub const ALL: &[Section] = &[Section::Sources, Section::Nodes, Section::Edges];

/// Writes the graph, or the chosen sections of it, as the text of one `.ron` file, item by
/// item, so that a graph of millions of edges is never held as one text: sources and nodes
/// sorted by id, edges in graph order. Empty sections are left out.
pub fn write_to(
    graph: &SanctionsGraph,
    sections: &[Section],
    out: &mut dyn io::Write,
) -> io::Result<()> {
    out.write_all(b"Graph(\n")?;
    if let (Some(date), true) = (graph.complete_to(), sections.contains(&Section::Sources)) {
        writeln!(out, "    complete_to: \"{date}\",")?;
    }
    for section in sections {
        let (name, count) = match section {
            Section::Sources => ("sources", graph.sources().count()),
            Section::Nodes => ("nodes", graph.node_count()),
            Section::Edges => ("edges", graph.edge_count()),
        };
        if count == 0 {
            continue;
        }
        writeln!(out, "    {name}: [")?;
        match section {
            Section::Sources => {
                for item in graph.sources() {
                    writeln!(out, "        {},", source(&item))?;
                }
            }
            Section::Nodes => {
                for item in graph.nodes() {
                    writeln!(out, "        {},", node(&item.to_node()))?;
                }
            }
            Section::Edges => {
                for item in graph.edges() {
                    writeln!(out, "        {},", edge(&item.to_edge()))?;
                }
            }
        }
        out.write_all(b"    ],\n")?;
    }
    out.write_all(b")\n")
}

/// The graph, or the chosen sections of it, as the text of one `.ron` file (see
/// [`write_to`]).
pub fn write(graph: &SanctionsGraph, sections: &[Section]) -> String {
    let mut bytes = Vec::new();
    write_to(graph, sections, &mut bytes).expect("writing to memory does not fail");
    String::from_utf8(bytes).expect("the writer writes UTF-8")
}

/// A RON string literal.
fn quoted(text: &str) -> String {
    ron::to_string(text).unwrap_or_else(|_| format!("{text:?}"))
}

/// `field: "text"` pairs of an item, written only when present.
#[derive(Default)]
struct Fields(Vec<String>);

impl Fields {
    fn raw(&mut self, name: &str, value: impl std::fmt::Display) -> &mut Self {
        self.0.push(format!("{name}: {value}"));
        self
    }

    fn text(&mut self, name: &str, value: &str) -> &mut Self {
        self.raw(name, quoted(value))
    }

    fn opt(&mut self, name: &str, value: Option<impl ToString>) -> &mut Self {
        if let Some(value) = value {
            self.text(name, &value.to_string());
        }
        self
    }

    fn list<T: AsRef<str>>(&mut self, name: &str, values: &[T]) -> &mut Self {
        if !values.is_empty() {
            let items: Vec<String> = values.iter().map(|v| quoted(v.as_ref())).collect();
            self.raw(name, format!("[{}]", items.join(", ")));
        }
        self
    }

    fn finish(&self, head: &str) -> String {
        format!("{head}({})", self.0.join(", "))
    }
}

fn source(source: &Source) -> String {
    Fields::default()
        .text("id", source.id.as_str())
        .text("publisher", &source.publisher)
        .opt("title", source.title.as_ref())
        .opt("description", source.description.as_ref())
        .opt("date", source.date)
        .opt("url", source.url.as_ref())
        .opt("identifier", source.identifier.as_ref())
        .opt("language", source.language.as_ref())
        .finish("Source")
}

fn node(node: &Node) -> String {
    let mut fields = Fields::default();
    fields
        .text("id", node.id.as_str())
        .text("name", &node.name)
        .list("aliases", &node.aliases);
    match node.kind {
        NodeKind::Country => fields.opt("iso", node.iso.as_ref()),
        NodeKind::Bloc => &mut fields,
        NodeKind::Body | NodeKind::Company => fields.opt("country", node.country.as_ref()),
        NodeKind::Person => fields
            .opt("role", node.role.as_ref())
            .opt("country", node.country.as_ref()),
        NodeKind::Commodity => fields.list("hs", &node.hs),
        NodeKind::Aircraft | NodeKind::Vessel => {
            fields.opt("registration", node.registration.as_ref())
        }
    };
    fields.opt("notes", node.notes.as_ref());
    let head = match node.kind {
        NodeKind::Country => "Country",
        NodeKind::Bloc => "Bloc",
        NodeKind::Body => "Body",
        NodeKind::Company => "Company",
        NodeKind::Person => "Person",
        NodeKind::Commodity => "Commodity",
        NodeKind::Aircraft => "Aircraft",
        NodeKind::Vessel => "Vessel",
    };
    fields.finish(head)
}

fn ids<T: std::fmt::Display>(ids: &[T]) -> Vec<String> {
    ids.iter().map(ToString::to_string).collect()
}

fn edge(edge: &Edge) -> String {
    let mut fields = Fields::default();
    let head = match edge.kind {
        EdgeKind::Action(kind) => {
            fields
                .opt("id", edge.id.as_ref())
                .raw("kind", kind.file_name())
                .text("from", edge.from.as_str())
                .text("to", edge.to.as_str())
                .opt("date", edge.date)
                .opt("until", edge.until)
                .list("concerns", &ids(&edge.concerns))
                .opt("instrument", edge.instrument.as_ref());
            "Action"
        }
        EdgeKind::Relation(kind) => {
            fields
                .raw("kind", kind.file_name())
                .text("from", edge.from.as_str())
                .text("to", edge.to.as_str())
                .opt("since", edge.since)
                .opt("until", edge.until);
            "Relation"
        }
    };
    fields.list("sources", &ids(&edge.sources));
    if edge.unverified {
        fields.raw("unverified", true);
    }
    fields.opt("notes", edge.notes.as_ref()).finish(head)
}
