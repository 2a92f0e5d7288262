//! Writes a graph as FollowTheMoney JSON lines: nodes as entities, sources as `Document`
//! entities, sanctions as `Sanction` entities, other actions as `Event` entities, relations
//! as FtM's interval schemata. What FtM's properties cannot hold travels in properties
//! prefixed `sgraph:`, so that the import gives back the same graph (`docs/ftm.md`).

use std::collections::HashMap;
use std::io::{self, Write};

use serde::Serialize;
use serde_json::{json, Map, Value};

use crate::graph::SanctionsGraph;
use crate::graph::{EdgeView, NodeView};
use crate::model::{EdgeKind, NodeKind};

use super::schemata::{edge_properties, relation_schema, schema_of, KIND, SOURCE_KIND};

/// What an export wrote.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ExportStats {
    /// Entities written: one a source, a node and an edge.
    pub entities: usize,
}

/// Properties under construction: empty values are left out.
#[derive(Default)]
struct Props(Map<String, Value>);

impl Props {
    fn set<I: IntoIterator<Item = S>, S: Into<String>>(&mut self, name: &str, values: I) {
        let values: Vec<Value> = values
            .into_iter()
            .map(|value| Value::String(value.into()))
            .collect();
        if !values.is_empty() {
            self.0.insert(name.to_owned(), Value::Array(values));
        }
    }
}

fn line(
    out: &mut dyn Write,
    id: &str,
    schema: &str,
    caption: Option<&str>,
    props: Props,
) -> io::Result<()> {
    let mut entity = json!({ "id": id, "schema": schema, "properties": props.0 });
    if let Some(caption) = caption {
        entity["caption"] = json!(caption);
    }
    serde_json::to_writer(&mut *out, &entity)?;
    out.write_all(b"\n")
}

/// Writes the graph as FtM JSON lines: sources, then nodes (sorted by id), then edges (in
/// graph order).
///
/// # Errors
/// A write error of `out`.
pub fn write(graph: &SanctionsGraph, out: &mut dyn Write) -> io::Result<ExportStats> {
    let mut stats = ExportStats::default();
    for source in graph.sources() {
        let mut props = Props::default();
        props.set(KIND, [SOURCE_KIND]);
        props.set("title", source.title.clone());
        props.set("description", source.description.clone());
        props.set("publisher", [source.publisher.clone()]);
        props.set("date", source.date.map(|d| d.to_string()));
        props.set("sourceUrl", source.url.clone());
        props.set("sgraph:identifier", source.identifier.clone());
        props.set("language", source.language.clone());
        line(out, source.id.as_str(), "Document", None, props)?;
        stats.entities += 1;
    }
    for node in graph.nodes() {
        line(
            out,
            node.id(),
            schema_of(node.kind()),
            Some(node.name()),
            node_props(graph, node),
        )?;
        stats.entities += 1;
    }
    let mut seen: HashMap<(&str, EdgeKind, &str), usize> = HashMap::new();
    for edge in graph.edges() {
        let count = seen
            .entry((edge.from(), edge.kind(), edge.to()))
            .or_default();
        *count += 1;
        let mut id = format!("{}.{}.{}", edge.from(), edge.kind(), edge.to());
        if *count > 1 {
            id.push_str(&format!("-{count}"));
        }
        let (schema, props) = edge_props(graph, edge);
        line(out, &id, schema, None, props)?;
        stats.entities += 1;
    }
    Ok(stats)
}

/// A node's properties: FtM's own where the schema has them (the ISO code of its country
/// among them), the rest prefixed.
fn node_props(graph: &SanctionsGraph, node: NodeView<'_>) -> Props {
    let mut props = Props::default();
    props.set(KIND, [node.kind().as_str()]);
    props.set("name", [node.name()]);
    props.set("alias", node.aliases());
    props.set("notes", node.notes());
    let country_property = match node.kind() {
        NodeKind::Person => "nationality",
        NodeKind::Country => "country",
        _ => "jurisdiction",
    };
    let iso = match node.kind() {
        NodeKind::Country => node.iso(),
        _ => node
            .country()
            .and_then(|country| graph.node(country)?.iso()),
    };
    props.set(country_property, iso.map(str::to_lowercase));
    props.set("sgraph:country", node.country());
    props.set("sgraph:iso", node.iso());
    let role = match node.kind() {
        NodeKind::Person => "position",
        _ => "sgraph:role",
    };
    props.set(role, node.role());
    props.set("sgraph:hs", node.hs());
    let registration = match node.kind() {
        NodeKind::Vessel => "imoNumber",
        _ => "registrationNumber",
    };
    props.set(registration, node.registration());
    props
}

/// An edge's schema and properties.
fn edge_props(graph: &SanctionsGraph, edge: EdgeView<'_>) -> (&'static str, Props) {
    let (from, to) = (graph.node_at(edge.source()), graph.node_at(edge.target()));
    let [schema, from_property, to_property, date, since, until] = edge_properties(edge.kind());
    let mut props = Props::default();
    props.set(KIND, [edge.kind().as_str()]);
    props.set(from_property, [from.id()]);
    props.set(to_property, [to.id()]);
    props.set(date, edge.date().map(|d| d.to_string()));
    props.set(since, edge.since().map(|d| d.to_string()));
    props.set(until, edge.until().map(|d| d.to_string()));
    props.set("program", edge.instrument());
    props.set("summary", edge.notes());
    props.set("proof", edge.sources());
    props.set("sgraph:concerns", edge.concern_ids());
    props.set("sgraph:unverified", edge.unverified().then_some("true"));
    props.set("sgraph:id", edge.explicit_id());
    match edge.kind() {
        // FtM's authority is a name; other FtM tools read it, ours reads the id above.
        EdgeKind::Action(crate::model::ActionKind::Sanction) => {
            props.set("authority", [from.name()]);
        }
        EdgeKind::Action(kind) => {
            props.set(
                "name",
                [format!("{kind}: {} to {}", from.name(), to.name())],
            );
            props.set("keywords", [kind.as_str()]);
        }
        EdgeKind::Relation(kind) => {
            if relation_schema(kind).0 == "UnknownLink"
                && kind != crate::model::RelationKind::LinkedTo
            {
                props.set("role", [kind.as_str()]);
            }
        }
    }
    (schema, props)
}
