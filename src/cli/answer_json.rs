//! The JSON of an `affects` or `affected-by` entry, serialized straight from the graph's
//! columns: no owned edge and no `serde_json::Value` tree per entry, since a hub's answer
//! has tens of thousands of entries, each with its chain and targets. Keys are written in
//! the sorted order a `Value` object writes them in, so the text is the same.

use petgraph::graph::NodeIndex;
use sanctions_graph::graph::EdgeView;
use sanctions_graph::query::{Affect, Step, TargetStanding};
use sanctions_graph::SanctionsGraph;
use serde::ser::{SerializeMap, Serializer};
use serde::Serialize;

/// A node as `{ "id", "kind", "name" }`.
pub struct NodeJson<'g> {
    pub graph: &'g SanctionsGraph,
    pub node: NodeIndex,
}

impl Serialize for NodeJson<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let node = self.graph.node_at(self.node);
        let mut map = serializer.serialize_map(Some(3))?;
        map.serialize_entry("id", node.id())?;
        map.serialize_entry("kind", &node.kind())?;
        map.serialize_entry("name", node.name())?;
        map.end()
    }
}

/// Writes an edge's fields as `edge_json` gives them (no origin, no notes, source ids
/// only), in sorted order; `walked`, when given, is the last key (`w` sorts after them all).
fn edge_entries<M: SerializeMap>(
    map: &mut M,
    edge: EdgeView<'_>,
    walked: Option<Walked<'_>>,
) -> Result<(), M::Error> {
    let concerns: Vec<&str> = edge.concern_ids().collect();
    if !concerns.is_empty() {
        map.serialize_entry("concerns", &concerns)?;
    }
    if let Some(date) = edge.date() {
        map.serialize_entry("date", &date)?;
    }
    map.serialize_entry("from", edge.from())?;
    if let Some(id) = edge.explicit_id() {
        map.serialize_entry("id", id)?;
    }
    if let Some(instrument) = edge.instrument() {
        map.serialize_entry("instrument", instrument)?;
    }
    map.serialize_entry("kind", &edge.kind())?;
    if let Some(since) = edge.since() {
        map.serialize_entry("since", &since)?;
    }
    map.serialize_entry("sources", &edge.sources().collect::<Vec<_>>())?;
    map.serialize_entry("to", edge.to())?;
    if edge.unverified() {
        map.serialize_entry("unverified", &true)?;
    }
    if let Some(until) = edge.until() {
        map.serialize_entry("until", &until)?;
    }
    if let Some(walked) = walked {
        map.serialize_entry("walked", &walked)?;
    }
    Ok(())
}

/// An edge, as `edge_json` gives it.
pub struct EdgeJson<'g>(pub EdgeView<'g>);

impl Serialize for EdgeJson<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        edge_entries(&mut map, self.0, None)?;
        map.end()
    }
}

/// A step of a chain, as `step_json` gives it: the edge and which way it was walked.
struct StepJson<'g> {
    graph: &'g SanctionsGraph,
    step: &'g Step,
}

impl Serialize for StepJson<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        let walked = Walked {
            graph: self.graph,
            step: self.step,
        };
        edge_entries(&mut map, self.graph.edge_at(self.step.edge), Some(walked))?;
        map.end()
    }
}

/// Which way a step was walked, as `walked_json` gives it.
struct Walked<'g> {
    graph: &'g SanctionsGraph,
    step: &'g Step,
}

impl Serialize for Walked<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(4))?;
        map.serialize_entry("certainty", &self.step.certainty)?;
        let direction = if self.step.forward {
            "forward"
        } else {
            "backward"
        };
        map.serialize_entry("direction", direction)?;
        map.serialize_entry("from", self.graph.node_id(self.step.from))?;
        map.serialize_entry("to", self.graph.node_id(self.step.to))?;
        map.end()
    }
}

/// A target's standing, and the action that decides it.
struct TargetJson<'g> {
    graph: &'g SanctionsGraph,
    target: &'g TargetStanding,
}

impl Serialize for TargetJson<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let target = self.target;
        let mut map = serializer.serialize_map(Some(8))?;
        map.serialize_entry("certainty", &target.certainty)?;
        map.serialize_entry("coverage", &target.coverage)?;
        map.serialize_entry("decided_by", &EdgeJson(self.graph.edge_at(target.action)))?;
        map.serialize_entry("id", self.graph.node_id(target.target))?;
        map.serialize_entry("partial", &target.is_partial())?;
        map.serialize_entry("possible", &target.possible)?;
        map.serialize_entry("standing", &target.standing)?;
        map.serialize_entry("unverified", &target.unverified)?;
        map.end()
    }
}

/// One entry of `affects` (`who` is an actor, under `"actor"`) or `affected-by` (a
/// commodity, under `"commodity"`); either title sorts before `unverified`, the last key.
pub struct AffectJson<'g> {
    pub graph: &'g SanctionsGraph,
    pub affect: &'g Affect,
    pub who: NodeIndex,
    /// `"actor"` or `"commodity"`.
    pub title: &'static str,
}

impl Serialize for AffectJson<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let (graph, affect) = (self.graph, self.affect);
        let who = NodeJson {
            graph,
            node: self.who,
        };
        let mut map = serializer.serialize_map(Some(10))?;
        // The title goes where it sorts among the other keys.
        let mut title_written = false;
        let mut key = |map: &mut S::SerializeMap, key: &str| {
            if !title_written && self.title < key {
                title_written = true;
                map.serialize_entry(self.title, &who)?;
            }
            Ok::<(), S::Error>(())
        };
        key(&mut map, "certainty")?;
        map.serialize_entry("certainty", &affect.certainty)?;
        key(&mut map, "chain")?;
        map.serialize_entry(
            "chain",
            &Seq(affect.chain.iter().map(|step| StepJson { graph, step })),
        )?;
        key(&mut map, "coverage")?;
        map.serialize_entry("coverage", &affect.coverage)?;
        key(&mut map, "effect")?;
        map.serialize_entry("effect", &affect.effect)?;
        key(&mut map, "hops")?;
        map.serialize_entry("hops", &affect.hops())?;
        key(&mut map, "names")?;
        map.serialize_entry("names", &affect.names.map(|n| graph.node_id(n)))?;
        key(&mut map, "partial")?;
        map.serialize_entry("partial", &affect.partial)?;
        key(&mut map, "targets")?;
        map.serialize_entry(
            "targets",
            &Seq(affect
                .targets
                .iter()
                .map(|target| TargetJson { graph, target })),
        )?;
        key(&mut map, "unverified")?;
        map.serialize_entry("unverified", &affect.unverified)?;
        map.end()
    }
}

/// A list written from a cloneable iterator (each write walks it anew).
struct Seq<I>(I);

impl<I> Serialize for Seq<I>
where
    I: Iterator + Clone,
    I::Item: Serialize,
{
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.clone())
    }
}
