//! The data an HTML page embeds: the selection's nodes and edges with everything their
//! cards show, when each edge stands (counted by the queries' [`When`]), and the answers of
//! [`query::affects`] for each commodity at every date where they can change.

use std::collections::{BTreeMap, BTreeSet};

use petgraph::graph::{EdgeIndex, NodeIndex};
use petgraph::Direction;
use serde::Serialize;

use crate::export::Selection;
use crate::graph::SanctionsGraph;
use crate::model::{Date, NodeKind, Precision};
use crate::query::{self, Certainty, When};

/// Everything the page reads, in a fixed key order.
#[derive(Debug, Serialize)]
pub(super) struct Data {
    pub title: String,
    /// The day the slider starts at (`--as-of`), or the last day of change.
    pub start: String,
    /// How many nodes the graph or asked-for selection had, and how many are drawn.
    pub limit: Limit,
    /// The days where something drawn can change, ascending: the slider's stops.
    pub dates: Vec<String>,
    pub nodes: Vec<NodeData>,
    pub boxes: Vec<BoxData>,
    pub edges: Vec<EdgeData>,
    pub sources: BTreeMap<String, SourceData>,
    pub commodities: Vec<CommodityData>,
}

/// The size limit and what was done about it.
#[derive(Debug, Serialize)]
pub(super) struct Limit {
    pub max_nodes: usize,
    pub asked: usize,
    pub drawn: usize,
    /// Why fewer nodes are drawn than asked for, when they are.
    pub note: Option<String>,
}

#[derive(Debug, Serialize)]
pub(super) struct NodeData {
    pub id: String,
    pub kind: &'static str,
    pub name: String,
    pub aliases: Vec<String>,
    pub country: Option<String>,
    pub iso: Option<String>,
    pub role: Option<String>,
    pub hs: Vec<String>,
    pub registration: Option<String>,
    pub notes: Option<String>,
    /// The position in `boxes` of the country box it is drawn in.
    pub r#box: Option<usize>,
    /// Whether it stays drawn when none of its edges stands (the node a question is about).
    pub anchor: bool,
}

/// A country (or bloc) box: the country's own node and the nodes whose `country` names it.
#[derive(Debug, Serialize)]
pub(super) struct BoxData {
    pub id: String,
    pub name: String,
}

#[derive(Debug, Serialize)]
pub(super) struct EdgeData {
    /// Positions in `nodes`.
    pub from: usize,
    pub to: usize,
    pub kind: &'static str,
    /// `restrictive`, `easing`, `lifting`, `diplomatic`, or `relation`.
    pub effect: &'static str,
    pub date: Option<DateData>,
    pub since: Option<DateData>,
    pub until: Option<DateData>,
    pub instrument: Option<String>,
    pub notes: Option<String>,
    pub concerns: Vec<String>,
    pub sources: Vec<String>,
    pub unverified: bool,
    /// When the edge stands: from each day on (the first from the start of time), whether
    /// it is `absent`, `uncertain` (its dates are too coarse to tell) or `certain`.
    pub stands: Vec<Run<&'static str>>,
}

/// A date as written, with its precision.
#[derive(Debug, Serialize)]
pub(super) struct DateData {
    pub text: String,
    pub precision: &'static str,
}

#[derive(Debug, Serialize)]
pub(super) struct SourceData {
    pub publisher: String,
    pub title: Option<String>,
    pub date: Option<String>,
    pub url: Option<String>,
    pub identifier: Option<String>,
    pub description: Option<String>,
}

/// A value that holds from a day on; `from` is `None` for the first run, which holds
/// from the start of time.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub(super) struct Run<T> {
    pub from: Option<String>,
    pub value: T,
}

#[derive(Debug, Serialize)]
pub(super) struct CommodityData {
    /// Position in `nodes`.
    pub node: usize,
    /// What `sgraph affects` answers, item by item, from each day on: each actor with its
    /// place in the day's answer (null while it is not in it), and the drawn nodes and
    /// edges on its chains and targets with the net effect they are lit with.
    pub actors: Vec<(String, Vec<Run<Option<ActorState>>>)>,
    pub nodes: Vec<(usize, Vec<Run<Option<&'static str>>>)>,
    pub edges: Vec<(usize, Vec<Run<Option<&'static str>>>)>,
}

/// An actor's line in one day's answer.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub(super) struct ActorState {
    /// Its position in the answer (sorted as `sgraph affects` sorts it).
    pub rank: usize,
    pub name: String,
    pub effect: &'static str,
    pub certain: bool,
    pub partial: bool,
    pub hops: usize,
}

/// One day's answer, keyed for [`Timelines`].
struct Answer {
    actors: BTreeMap<String, ActorState>,
    nodes: BTreeMap<usize, &'static str>,
    edges: BTreeMap<usize, &'static str>,
}

/// Values by key that change from day to day, kept as runs per key.
struct Timelines<K, V> {
    runs: BTreeMap<K, Vec<Run<Option<V>>>>,
}

impl<K: Ord + Clone, V: PartialEq + Clone> Timelines<K, V> {
    fn new() -> Self {
        Timelines {
            runs: BTreeMap::new(),
        }
    }

    /// Records the values on a day (`None`: before every day of change); a key missing
    /// from `now` is absent that day.
    fn record(&mut self, from: Option<&str>, now: &BTreeMap<K, V>) {
        for key in now.keys() {
            self.runs.entry(key.clone()).or_insert_with(|| {
                let before = from.map(|_| Run {
                    from: None,
                    value: None,
                });
                before.into_iter().collect()
            });
        }
        for (key, runs) in &mut self.runs {
            let value = now.get(key).cloned();
            if runs.last().is_none_or(|run| run.value != value) {
                runs.push(Run {
                    from: if runs.is_empty() {
                        None
                    } else {
                        from.map(str::to_owned)
                    },
                    value,
                });
            }
        }
    }

    fn into_vec(self) -> Vec<(K, Vec<Run<Option<V>>>)> {
        self.runs.into_iter().collect()
    }
}

/// Builds the page's data for a selection.
pub(super) fn build(
    graph: &SanctionsGraph,
    selection: &Selection,
    anchors: &BTreeSet<NodeIndex>,
    title: String,
    start: Option<Date>,
    limit: Limit,
) -> Data {
    let nodes: Vec<NodeIndex> = selection.nodes().collect();
    let position: BTreeMap<NodeIndex, usize> =
        nodes.iter().enumerate().map(|(i, &n)| (n, i)).collect();
    let edges: Vec<EdgeIndex> = selection.edges().collect();
    let edge_position: BTreeMap<EdgeIndex, usize> =
        edges.iter().enumerate().map(|(i, &e)| (e, i)).collect();

    let (boxes, box_of) = country_boxes(graph, &nodes);
    let node_data = nodes
        .iter()
        .map(|&index| node_data(graph, index, box_of.get(&index).copied(), anchors))
        .collect();

    let mut days = BTreeSet::new();
    let mut sources = BTreeMap::new();
    let edge_data = edges
        .iter()
        .map(|&index| {
            let edge = graph.edge_at(index);
            for id in edge.sources() {
                if let Some(source) = graph.source(id) {
                    sources.insert(id.to_owned(), source_data(&source));
                }
            }
            let own = change_days(graph, index);
            days.extend(own.iter().copied());
            edge_data(graph, index, &position, &own)
        })
        .collect();
    let commodity_data: Vec<CommodityData> = nodes
        .iter()
        .copied()
        .filter(|&n| graph.node_kind(n) == NodeKind::Commodity)
        .map(|commodity| commodity_data(graph, commodity, &position, &edge_position))
        .collect();
    for data in &commodity_data {
        let froms = data
            .actors
            .iter()
            .flat_map(|(_, runs)| runs.iter().map(|run| &run.from))
            .chain(
                data.nodes
                    .iter()
                    .flat_map(|(_, runs)| runs.iter().map(|run| &run.from)),
            )
            .chain(
                data.edges
                    .iter()
                    .flat_map(|(_, runs)| runs.iter().map(|run| &run.from)),
            );
        days.extend(froms.filter_map(|from| from.as_deref()?.parse::<Date>().ok()));
    }
    // A month or a year starts the slider at its first day.
    let start = start
        .and_then(|d| {
            let (year, month, day) = d.first_day();
            Date::ymd(year, u32::from(month), u32::from(day)).ok()
        })
        .or_else(|| days.last().copied())
        .map(|d| d.to_string())
        .unwrap_or_default();
    Data {
        title,
        start,
        limit,
        dates: days.iter().map(Date::to_string).collect(),
        nodes: node_data,
        boxes,
        edges: edge_data,
        sources,
        commodities: commodity_data,
    }
}

/// The days on which an edge's standing can change as the queries count it: each of its
/// dates' first and last days (where "possibly by" and "certainly by" turn), and the days
/// after them (where "possibly from" and "certainly from" turn off).
pub(super) fn change_days(graph: &SanctionsGraph, index: EdgeIndex) -> BTreeSet<Date> {
    let edge = graph.edge_at(index);
    let mut days = BTreeSet::new();
    for date in [edge.date(), edge.since(), edge.until()]
        .into_iter()
        .flatten()
    {
        for (year, month, day) in [date.first_day(), date.last_day()] {
            if let Ok(day) = Date::ymd(year, u32::from(month), u32::from(day)) {
                days.insert(day);
                if let Some(next) = next_day(day) {
                    days.insert(next);
                }
            }
        }
    }
    days
}

/// The day after a day-precision date.
pub(super) fn next_day(day: Date) -> Option<Date> {
    let (year, month, d) = day.first_day();
    let (month, d) = (u32::from(month), u32::from(d));
    Date::ymd(year, month, d + 1)
        .or_else(|_| Date::ymd(year, month + 1, 1))
        .ok()
        .or_else(|| Date::ymd(year.checked_add(1)?, 1, 1).ok())
}

/// The day before a day-precision date.
pub(super) fn previous_day(day: Date) -> Option<Date> {
    let (year, month, d) = day.first_day();
    if d > 1 {
        return Date::ymd(year, u32::from(month), u32::from(d) - 1).ok();
    }
    if month > 1 {
        let last = crate::model::date::days_in_month(year, month - 1);
        return Date::ymd(year, u32::from(month) - 1, u32::from(last)).ok();
    }
    Date::ymd(year.checked_sub(1)?, 12, 31).ok()
}

/// Evaluates `value` before the first day and on each day, keeping a run where the value
/// changes.
fn runs<T: PartialEq>(days: &BTreeSet<Date>, mut value: impl FnMut(Date) -> T) -> Vec<Run<T>> {
    let mut found: Vec<Run<T>> = Vec::new();
    let before = days.first().copied().and_then(previous_day);
    let asked = before
        .map(|day| (None, day))
        .into_iter()
        .chain(days.iter().map(|&day| (Some(day), day)));
    for (from, day) in asked {
        let now = value(day);
        if found.last().is_some_and(|run| run.value == now) {
            continue;
        }
        found.push(Run {
            from: if found.is_empty() {
                None
            } else {
                from.map(|d| d.to_string())
            },
            value: now,
        });
    }
    found
}

fn standing_name(certainty: Option<Certainty>) -> &'static str {
    match certainty {
        None => "absent",
        Some(Certainty::Uncertain) => "uncertain",
        Some(Certainty::Certain) => "certain",
    }
}

/// The answers of `affects` for a commodity on every day where they can change.
fn commodity_data(
    graph: &SanctionsGraph,
    commodity: NodeIndex,
    nodes: &BTreeMap<NodeIndex, usize>,
    edges: &BTreeMap<EdgeIndex, usize>,
) -> CommodityData {
    let mut days = BTreeSet::new();
    for edge in scope(graph, commodity) {
        days.extend(change_days(graph, edge));
    }
    let before = days.first().copied().and_then(previous_day);
    let asked = before
        .map(|day| (None, day))
        .into_iter()
        .chain(days.iter().map(|&day| (Some(day.to_string()), day)));
    let mut actors = Timelines::new();
    let mut lit_nodes = Timelines::new();
    let mut lit_edges = Timelines::new();
    for (from, day) in asked {
        let found = query::affects(graph, commodity, When::AsOf(day));
        let now = answer(graph, &found, nodes, edges);
        actors.record(from.as_deref(), &now.actors);
        lit_nodes.record(from.as_deref(), &now.nodes);
        lit_edges.record(from.as_deref(), &now.edges);
    }
    CommodityData {
        node: nodes[&commodity],
        actors: actors.into_vec(),
        nodes: lit_nodes.into_vec(),
        edges: lit_edges.into_vec(),
    }
}

/// Every edge `affects` can read for a commodity on some day: the relations walked back
/// from it (and up its headings), the actions on what they reach or naming it, and the
/// body hierarchy above the actors. Its days of change are the answer's.
pub(super) fn scope(graph: &SanctionsGraph, commodity: NodeIndex) -> BTreeSet<EdgeIndex> {
    let mut edges = BTreeSet::new();
    let mut reached = BTreeSet::from([commodity]);
    let mut queue = vec![commodity];
    while let Some(node) = queue.pop() {
        let mut walk: Vec<(EdgeIndex, NodeIndex)> = graph
            .relations_of(node, Direction::Incoming)
            .map(|edge| (edge, graph.edge_ends(edge).0))
            .collect();
        if graph.node_kind(node) == NodeKind::Commodity {
            walk.extend(
                graph
                    .relations_of(node, Direction::Outgoing)
                    .map(|edge| (edge, graph.edge_ends(edge).1)),
            );
        }
        for (edge, next) in walk {
            edges.insert(edge);
            if reached.insert(next) {
                queue.push(next);
            }
        }
    }
    let mut actors = Vec::new();
    for &node in &reached {
        let on = graph
            .edges_directed(node, Direction::Incoming)
            .map(|edge| edge.id())
            .filter(|&edge| graph.edge_kind(edge).is_action());
        for edge in on.chain(graph.actions_naming(node)).collect::<Vec<_>>() {
            edges.insert(edge);
            actors.push(graph.edge_ends(edge).0);
        }
    }
    let mut above: BTreeSet<NodeIndex> = actors.iter().copied().collect();
    while let Some(node) = actors.pop() {
        for edge in graph.relations_of(node, Direction::Outgoing) {
            edges.insert(edge);
            let up = graph.edge_ends(edge).1;
            if above.insert(up) {
                actors.push(up);
            }
        }
    }
    edges
}

fn answer(
    graph: &SanctionsGraph,
    found: &[query::Affect],
    nodes: &BTreeMap<NodeIndex, usize>,
    edges: &BTreeMap<EdgeIndex, usize>,
) -> Answer {
    let mut lit_nodes: BTreeMap<usize, &'static str> = BTreeMap::new();
    let mut lit_edges: BTreeMap<usize, &'static str> = BTreeMap::new();
    let mut actors = BTreeMap::new();
    for (rank, affect) in found.iter().enumerate() {
        let effect = affect.effect.as_str();
        let steps = affect.chain.iter().map(|step| step.edge);
        let actions = affect.targets.iter().map(|target| target.action);
        for edge in steps.chain(actions) {
            let (from, to) = graph.edge_ends(edge);
            for node in [from, to] {
                if let Some(&at) = nodes.get(&node) {
                    lit_nodes.entry(at).or_insert(effect);
                }
            }
            if let Some(&at) = edges.get(&edge) {
                lit_edges.entry(at).or_insert(effect);
            }
        }
        if let Some(&at) = nodes.get(&affect.actor) {
            lit_nodes.entry(at).or_insert(effect);
        }
        let actor = graph.node_at(affect.actor);
        actors.insert(
            actor.id().to_owned(),
            ActorState {
                rank,
                name: actor.name().to_owned(),
                effect,
                certain: affect.certainty == Certainty::Certain,
                partial: affect.partial,
                hops: affect.hops(),
            },
        );
    }
    Answer {
        actors,
        nodes: lit_nodes,
        edges: lit_edges,
    }
}

/// The country boxes, as `export dot --cluster country` draws them: a box per country or
/// bloc that holds two drawn nodes or more.
fn country_boxes(
    graph: &SanctionsGraph,
    nodes: &[NodeIndex],
) -> (Vec<BoxData>, BTreeMap<NodeIndex, usize>) {
    let mut members: BTreeMap<String, Vec<NodeIndex>> = BTreeMap::new();
    for &index in nodes {
        let node = graph.node_at(index);
        let key = match node.kind() {
            NodeKind::Country | NodeKind::Bloc => Some(node.id().to_owned()),
            _ => node.country().map(str::to_owned),
        };
        if let Some(key) = key {
            members.entry(key).or_default().push(index);
        }
    }
    let mut boxes = Vec::new();
    let mut box_of = BTreeMap::new();
    for (key, inside) in members.into_iter().filter(|(_, inside)| inside.len() > 1) {
        let name = graph
            .node(&key)
            .map_or(key.clone(), |n| n.name().to_owned());
        for index in inside {
            box_of.insert(index, boxes.len());
        }
        boxes.push(BoxData { id: key, name });
    }
    (boxes, box_of)
}

fn node_data(
    graph: &SanctionsGraph,
    index: NodeIndex,
    r#box: Option<usize>,
    anchors: &BTreeSet<NodeIndex>,
) -> NodeData {
    let node = graph.node_at(index);
    let owned = |list: Vec<&str>| list.into_iter().map(str::to_owned).collect();
    NodeData {
        id: node.id().to_owned(),
        kind: node.kind().as_str(),
        name: node.name().to_owned(),
        aliases: owned(node.aliases()),
        country: node.country().map(str::to_owned),
        iso: node.iso().map(str::to_owned),
        role: node.role().map(str::to_owned),
        hs: owned(node.hs()),
        registration: node.registration().map(str::to_owned),
        notes: node.notes().map(str::to_owned),
        r#box,
        anchor: anchors.contains(&index),
    }
}

fn date_data(date: Date) -> DateData {
    DateData {
        text: date.to_string(),
        precision: match date.precision() {
            Precision::Day => "day",
            Precision::Month => "month",
            Precision::Year => "year",
        },
    }
}

fn edge_data(
    graph: &SanctionsGraph,
    index: EdgeIndex,
    position: &BTreeMap<NodeIndex, usize>,
    days: &BTreeSet<Date>,
) -> EdgeData {
    let edge = graph.edge_at(index);
    let (from, to) = graph.edge_ends(index);
    let stands = if days.is_empty() {
        vec![Run {
            from: None,
            value: standing_name(When::Always.edge(edge)),
        }]
    } else {
        runs(days, |day| standing_name(When::AsOf(day).edge(edge)))
    };
    EdgeData {
        from: position[&from],
        to: position[&to],
        kind: edge.kind().as_str(),
        effect: edge
            .action()
            .map_or("relation", |action| action.effect().as_str()),
        date: edge.date().map(date_data),
        since: edge.since().map(date_data),
        until: edge.until().map(date_data),
        instrument: edge.instrument().map(str::to_owned),
        notes: edge.notes().map(str::to_owned),
        concerns: edge.concern_ids().map(str::to_owned).collect(),
        sources: edge.sources().map(str::to_owned).collect(),
        unverified: edge.unverified(),
        stands,
    }
}

fn source_data(source: &crate::model::Source) -> SourceData {
    SourceData {
        publisher: source.publisher.clone(),
        title: source.title.clone(),
        date: source.date.map(|d| d.to_string()),
        url: source.url.clone(),
        identifier: source.identifier.clone(),
        description: source.description.clone(),
    }
}
