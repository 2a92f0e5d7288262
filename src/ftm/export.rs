//! Writes a graph as FollowTheMoney JSON lines: nodes as entities, sources as `Document`
//! entities, sanctions as `Sanction` entities, other actions as `Event` entities, relations
//! as FtM's interval schemata. What FtM cannot hold is counted (mapping and losses in
//! `docs/ftm.md`).

use std::collections::{BTreeMap, HashMap};
use std::io::{self, Write};

use serde::Serialize;
use serde_json::{json, Map, Value};

use crate::graph::SanctionsGraph;
use crate::graph::{EdgeView, NodeView};
use crate::model::{ActionKind, EdgeKind, NodeKind, RelationKind};

use super::schemata::{relation_schema, schema_of};

/// What an export wrote and what it could not.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ExportStats {
    /// Entities written.
    pub entities: usize,
    /// Nodes not written, by kind (countries are written as ISO codes, not entities).
    pub lost_nodes: BTreeMap<String, usize>,
    /// Edges not written, by reason.
    pub lost_edges: BTreeMap<String, usize>,
    /// Values not written, by field.
    pub lost_values: BTreeMap<String, usize>,
}

impl ExportStats {
    fn lose(map: &mut BTreeMap<String, usize>, what: String) {
        *map.entry(what).or_default() += 1;
    }
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
        props.set("title", source.title.clone());
        props.set("description", source.description.clone());
        props.set("publisher", [source.publisher.clone()]);
        props.set("date", source.date.map(|d| d.to_string()));
        props.set("sourceUrl", source.url.clone());
        props.set("language", source.language.clone());
        line(out, source.id.as_str(), "Document", None, props)?;
        stats.entities += 1;
    }
    let iso = |node: NodeView<'_>| -> Option<String> {
        let country = graph.node(node.country()?)?;
        country.iso().map(str::to_lowercase)
    };
    for node in graph.nodes() {
        let Some(schema) = schema_of(node.kind()) else {
            if node.kind() != NodeKind::Country || node.iso().is_none() {
                ExportStats::lose(&mut stats.lost_nodes, node.kind().to_string());
            }
            continue;
        };
        let mut props = Props::default();
        props.set("name", [node.name()]);
        props.set("alias", node.aliases().clone());
        props.set("notes", node.notes());
        let country_property = match node.kind() {
            NodeKind::Person => "nationality",
            _ => "jurisdiction",
        };
        match iso(node) {
            Some(code) => props.set(country_property, [code]),
            None if node.country().is_some() => {
                ExportStats::lose(&mut stats.lost_values, "country (no ISO code)".into());
            }
            None => {}
        }
        props.set("position", node.role());
        let registration = match node.kind() {
            NodeKind::Vessel => "imoNumber",
            _ => "registrationNumber",
        };
        props.set(registration, node.registration());
        line(out, node.id(), schema, Some(node.name()), props)?;
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
        if edge_entity(graph, edge, &id, out, &mut stats)? {
            stats.entities += 1;
        }
    }
    Ok(stats)
}

/// Writes one edge as an entity; returns whether it could.
fn edge_entity(
    graph: &SanctionsGraph,
    edge: EdgeView<'_>,
    id: &str,
    out: &mut dyn Write,
    stats: &mut ExportStats,
) -> io::Result<bool> {
    let (from, to) = (graph.node_at(edge.source()), graph.node_at(edge.target()));
    let exported = |node: NodeView<'_>| schema_of(node.kind()).is_some();
    let mut props = Props::default();
    props.set("summary", edge.notes());
    props.set("proof", edge.sources());
    if edge.concerns().next().is_some() {
        ExportStats::lose(&mut stats.lost_values, "concerns".into());
    }
    if edge.unverified() {
        ExportStats::lose(&mut stats.lost_values, "unverified".into());
    }
    // A sanction needs only its target as an entity (the authority travels by name);
    // every other edge needs both ends.
    let is_sanction = edge.kind() == EdgeKind::Action(ActionKind::Sanction);
    if !(is_sanction || (exported(from) && exported(to))) {
        ExportStats::lose(
            &mut stats.lost_edges,
            format!("{} from a {} to a {}", edge.kind(), from.kind(), to.kind()),
        );
        return Ok(false);
    }
    let schema = match edge.kind() {
        EdgeKind::Action(ActionKind::Sanction) => {
            if !exported(to) {
                ExportStats::lose(
                    &mut stats.lost_edges,
                    format!("sanction of a {}", to.kind()),
                );
                return Ok(false);
            }
            props.set("entity", [to.id().to_string()]);
            props.set("authority", [from.name()]);
            props.set("startDate", edge.date().map(|d| d.to_string()));
            props.set("endDate", edge.until().map(|d| d.to_string()));
            props.set("program", edge.instrument());
            "Sanction"
        }
        EdgeKind::Action(kind) => {
            props.set(
                "name",
                [format!("{kind}: {} to {}", from.name(), to.name())],
            );
            props.set("keywords", [kind.as_str()]);
            props.set("organizer", [from.id().to_string()]);
            props.set("involved", [to.id().to_string()]);
            props.set("date", edge.date().map(|d| d.to_string()));
            props.set("program", edge.instrument());
            "Event"
        }
        EdgeKind::Relation(kind) => {
            let (schema, subject, object) = relation_schema(kind);
            props.set(subject, [from.id().to_string()]);
            props.set(object, [to.id().to_string()]);
            if schema == "UnknownLink" && kind != RelationKind::LinkedTo {
                props.set("role", [kind.as_str()]);
            }
            props.set("startDate", edge.since().map(|d| d.to_string()));
            props.set("endDate", edge.until().map(|d| d.to_string()));
            schema
        }
    };
    line(out, id, schema, None, props)?;
    Ok(true)
}
