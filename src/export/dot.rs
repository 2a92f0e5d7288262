//! A selection of the graph as a Graphviz DOT diagram: shapes and colours by node kind,
//! colours and styles by edge effect, dated edge labels, a legend and a title.
//!
//! Every id and attribute value goes through [`quoted`]; node ids are `n0`, `n1`, ... by
//! the node's rank among the graph's sorted ids, so no name reaches Graphviz as syntax. The
//! output depends only on the graph and the options: nodes by id, edges by ends, date,
//! kind and place of definition.

use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet};
use std::io::{self, Write};

use dot_writer::{Attributes, AttributesList, DotWriter, Scope};
use petgraph::graph::{EdgeIndex, NodeIndex};

use super::escape::quoted;
use super::selection::Selection;
use crate::graph::SanctionsGraph;
use crate::graph::{EdgeView, NodeView};
use crate::model::{ActionKind, Date, EdgeKind, Effect, NodeKind, RelationKind};

/// How to group nodes into boxes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Clusters {
    /// No grouping.
    #[default]
    None,
    /// A box per country (or bloc) holding the country node and every node whose
    /// `country` names it; a box is drawn only when it would hold two nodes or more.
    Country,
}

/// How to draw a selection.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DotOptions {
    /// What the diagram shows, for the first line of the title (`around Belavia, 2 steps`);
    /// none for the whole graph.
    pub subject: Option<String>,
    /// The date the selection was cut at; the title gives it instead of a date range.
    pub as_of: Option<Date>,
    /// Grouping into boxes.
    pub clusters: Clusters,
}

/// Draws `selection` of `graph` as DOT text, ending in a newline (what [`write_dot`]
/// writes, held as one text).
///
/// # Example
///
/// ```
/// use sanctions_graph::export::{to_dot, DotOptions, Selection};
///
/// let graph = sanctions_graph::load_builtin().expect("the built-in graph is valid").graph;
/// let dot = to_dot(&graph, &Selection::whole(&graph), &DotOptions::default());
/// assert!(dot.starts_with("digraph {"));
/// assert!(dot.contains("\"Belaruskali OAO\""));
/// ```
pub fn to_dot(graph: &SanctionsGraph, selection: &Selection, options: &DotOptions) -> String {
    let mut bytes = Vec::new();
    // A `Vec` takes every write.
    let _ = write_dot(graph, selection, options, &mut bytes);
    // dot-writer writes only the `str`s it is handed, so the bytes are UTF-8.
    String::from_utf8(bytes).unwrap_or_default()
}

/// Draws `selection` of `graph` as DOT into `out` as it goes, ending in a newline: the
/// diagram is never held whole.
///
/// # Errors
/// The first write error of `out`; nothing more is written after it.
pub fn write_dot(
    graph: &SanctionsGraph,
    selection: &Selection,
    options: &DotOptions,
    out: &mut dyn Write,
) -> io::Result<()> {
    let ids = NodeIds::new(graph);
    let failed = RefCell::new(None);
    let mut latched = Latched {
        out,
        failed: &failed,
        last: None,
    };
    {
        let mut writer = DotWriter::from(&mut latched);
        writer.set_pretty_print(true);
        let mut digraph = writer.digraph();
        header(&mut digraph, &title(graph, selection, options));
        let faded = selection.has_highlights();
        let lit = lit_nodes(graph, selection);
        let (clusters, loose) = group(graph, selection, options.clusters, &ids);
        for (country, members) in &clusters {
            let mut cluster = digraph.cluster();
            let label = graph
                .node(country)
                .map_or(country.as_str(), |node| node.name());
            set(&mut cluster, "label", label);
            set(&mut cluster, "style", "rounded,dashed");
            set(&mut cluster, "color", "#999999");
            set(&mut cluster, "fontcolor", "#555555");
            for &index in members {
                node(
                    &mut cluster,
                    graph,
                    index,
                    &ids,
                    faded && !lit.contains(&index),
                );
            }
        }
        for &index in &loose {
            if failed.borrow().is_some() {
                break;
            }
            node(
                &mut digraph,
                graph,
                index,
                &ids,
                faded && !lit.contains(&index),
            );
        }
        for index in sorted_edges(graph, selection, &ids) {
            if failed.borrow().is_some() {
                break;
            }
            edge(&mut digraph, graph, selection, index, &ids, options.as_of);
        }
        legend(&mut digraph, graph, selection);
    }
    if latched.last != Some(b'\n') {
        latched.write_all(b"\n")?;
    }
    match failed.into_inner() {
        Some(error) => Err(error),
        None => Ok(()),
    }
}

/// What dot-writer writes through: dot-writer panics on a failed write (a reader that
/// stopped early), so the first error is kept aside, the writes after it are dropped,
/// and [`write_dot`] stops drawing and returns it.
struct Latched<'w, 'f> {
    out: &'w mut dyn Write,
    failed: &'f RefCell<Option<io::Error>>,
    /// The last byte written, so that the diagram can end in a newline.
    last: Option<u8>,
}

impl Write for Latched<'_, '_> {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        let mut failed = self.failed.borrow_mut();
        if failed.is_none() {
            match self.out.write_all(bytes) {
                Ok(()) => self.last = bytes.last().copied().or(self.last),
                Err(error) => *failed = Some(error),
            }
        }
        Ok(bytes.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// Sets an attribute, quoted and escaped.
fn set<A: Attributes>(attributes: &mut A, name: &str, value: &str) {
    attributes.set(name, &quoted(value), false);
}

/// Node ids of our own: `n` and the node's rank among the graph's sorted ids, so that an
/// id stays the same whatever part of the graph is drawn.
struct NodeIds {
    rank: BTreeMap<NodeIndex, usize>,
}

impl NodeIds {
    fn new(graph: &SanctionsGraph) -> NodeIds {
        let rank = graph
            .ids()
            .filter_map(|id| graph.index_of(id))
            .enumerate()
            .map(|(rank, index)| (index, rank))
            .collect();
        NodeIds { rank }
    }

    fn rank(&self, index: NodeIndex) -> usize {
        self.rank.get(&index).copied().unwrap_or(usize::MAX)
    }

    fn dot_id(&self, index: NodeIndex) -> String {
        quoted(&format!("n{}", self.rank(index)))
    }
}

/// The title: what is shown, then the as-of date or the range of the actions drawn.
fn title(graph: &SanctionsGraph, selection: &Selection, options: &DotOptions) -> String {
    let first = match &options.subject {
        Some(subject) => format!("Sanctions graph: {subject}"),
        None => "Sanctions graph".to_owned(),
    };
    let dates: BTreeSet<Date> = selection
        .edges()
        .filter_map(|index| graph.edge_at(index).date())
        .collect();
    let second = match (options.as_of, dates.first(), dates.last()) {
        (Some(as_of), _, _) => format!("as of {as_of}"),
        (None, Some(first), Some(last)) if first == last => format!("actions dated {first}"),
        (None, Some(first), Some(last)) => format!("actions dated {first} to {last}"),
        _ => "no dated actions".to_owned(),
    };
    format!("{first}\n{second}")
}

fn header(digraph: &mut Scope, title: &str) {
    {
        let mut graph = digraph.graph_attributes();
        set(&mut graph, "label", title);
        set(&mut graph, "labelloc", "t");
        set(&mut graph, "fontname", "Helvetica");
        set(&mut graph, "fontsize", "16");
        set(&mut graph, "rankdir", "LR");
        set(&mut graph, "nodesep", "0.3");
        set(&mut graph, "ranksep", "0.8");
    }
    {
        let mut nodes = digraph.node_attributes();
        set(&mut nodes, "fontname", "Helvetica");
        set(&mut nodes, "fontsize", "11");
        set(&mut nodes, "style", "filled");
    }
    let mut edges = digraph.edge_attributes();
    set(&mut edges, "fontname", "Helvetica");
    set(&mut edges, "fontsize", "9");
}

/// Shape and fill colour of a node kind.
fn kind_style(kind: NodeKind) -> (&'static str, &'static str) {
    match kind {
        NodeKind::Country => ("doubleoctagon", "#cfe2f3"),
        NodeKind::Bloc => ("tripleoctagon", "#d9d2e9"),
        NodeKind::Body => ("box", "#fff2cc"),
        NodeKind::Company => ("component", "#fce5cd"),
        NodeKind::Person => ("ellipse", "#d9ead3"),
        NodeKind::Commodity => ("hexagon", "#ffd966"),
        NodeKind::Aircraft => ("cds", "#e6e6e6"),
        NodeKind::Vessel => ("invtrapezium", "#d0e0e3"),
    }
}

const FADED_FILL: &str = "#f4f4f4";
const FADED_LINE: &str = "#cccccc";
const FADED_TEXT: &str = "#aaaaaa";

fn node(scope: &mut Scope, graph: &SanctionsGraph, index: NodeIndex, ids: &NodeIds, faded: bool) {
    let node = graph.node_at(index);
    let (shape, fill) = kind_style(node.kind());
    let mut statement = scope.node_named(ids.dot_id(index));
    set(&mut *statement, "label", node.name());
    set(&mut *statement, "shape", shape);
    if faded {
        set(&mut *statement, "fillcolor", FADED_FILL);
        set(&mut *statement, "color", FADED_LINE);
        set(&mut *statement, "fontcolor", FADED_TEXT);
    } else {
        set(&mut *statement, "fillcolor", fill);
    }
    set(&mut *statement, "tooltip", &node_tooltip(node));
}

fn node_tooltip(node: NodeView<'_>) -> String {
    match node.role() {
        Some(role) => format!("{} ({}): {role}", node.id(), node.kind()),
        None => format!("{} ({})", node.id(), node.kind()),
    }
}

/// Colour, style and pen width of an edge: by effect for actions, grey for relations.
fn edge_style(kind: EdgeKind) -> (&'static str, &'static str, &'static str) {
    match kind {
        EdgeKind::Action(action) => match action.effect() {
            Effect::Restrictive => ("#c0392b", "solid", "1.6"),
            Effect::Easing => ("#2e8b3d", "dashed", "1.6"),
            Effect::Lifting => ("#2e8b3d", "bold", "2.4"),
            Effect::Diplomatic => ("#2f6db5", "solid", "1.2"),
        },
        EdgeKind::Relation(_) => ("#8c8c8c", "solid", "1"),
    }
}

/// The edge's label: what happened and when.
fn edge_label(edge: EdgeView<'_>) -> String {
    let mut lines = vec![edge.kind().as_str().replace('_', " ")];
    let period = edge.period();
    if !period.is_empty() {
        lines.push(period);
    }
    if edge.unverified() {
        lines.push("(unverified)".to_owned());
    }
    lines.join("\n")
}

fn edge_tooltip(edge: EdgeView<'_>) -> String {
    let mut text = format!("{} {} {}", edge.from(), edge.kind(), edge.to());
    if let Some(instrument) = edge.instrument() {
        text.push_str(&format!(": {instrument}"));
    }
    let sources: Vec<&str> = edge.sources().collect();
    if !sources.is_empty() {
        text.push_str(&format!(" [{}]", sources.join(", ")));
    }
    text
}

/// Draws an edge of the selection; `as_of` is the date the selection was cut at.
fn edge(
    scope: &mut Scope,
    graph: &SanctionsGraph,
    selection: &Selection,
    index: EdgeIndex,
    ids: &NodeIds,
    as_of: Option<Date>,
) {
    let (from, to) = graph.edge_ends(index);
    let (faded, highlighted) = (selection.has_highlights(), selection.is_highlighted(index));
    let edge = graph.edge_at(index);
    let (colour, style, width) = edge_style(edge.kind());
    let mut label = edge_label(edge);
    if let (true, Some(as_of)) = (selection.is_uncertain(index), as_of) {
        label.push_str(&format!("\n(uncertain as of {as_of})"));
    }
    let mut attributes: AttributesList = scope.edge(ids.dot_id(from), ids.dot_id(to)).attributes();
    set(&mut attributes, "label", &label);
    set(&mut attributes, "style", style);
    if faded && !highlighted {
        set(&mut attributes, "color", FADED_LINE);
        set(&mut attributes, "fontcolor", FADED_TEXT);
        set(&mut attributes, "penwidth", width);
    } else {
        set(&mut attributes, "color", colour);
        set(&mut attributes, "fontcolor", colour);
        set(
            &mut attributes,
            "penwidth",
            if highlighted { "3.2" } else { width },
        );
    }
    if edge.kind().is_action() {
        set(&mut attributes, "arrowhead", "normal");
    } else {
        set(&mut attributes, "arrowhead", "empty");
    }
    set(&mut attributes, "tooltip", &edge_tooltip(edge));
}

/// The nodes at an end of a highlighted edge: drawn in full colour on a faded context.
fn lit_nodes(graph: &SanctionsGraph, selection: &Selection) -> BTreeSet<NodeIndex> {
    selection
        .edges()
        .filter(|&index| selection.is_highlighted(index))
        .map(|index| graph.edge_ends(index))
        .flat_map(|(from, to)| [from, to])
        .collect()
}

/// The nodes per cluster (by cluster id) and the nodes in none, each sorted by id.
type Grouping = (BTreeMap<String, Vec<NodeIndex>>, Vec<NodeIndex>);

fn group(
    graph: &SanctionsGraph,
    selection: &Selection,
    clusters: Clusters,
    ids: &NodeIds,
) -> Grouping {
    let mut nodes: Vec<NodeIndex> = selection.nodes().collect();
    nodes.sort_by_key(|&index| ids.rank(index));
    if clusters == Clusters::None {
        return (BTreeMap::new(), nodes);
    }
    let mut boxes: BTreeMap<String, Vec<NodeIndex>> = BTreeMap::new();
    let mut loose = Vec::new();
    for index in nodes {
        let node = graph.node_at(index);
        let key = match node.kind() {
            NodeKind::Country | NodeKind::Bloc => Some(node.id().to_string()),
            _ => node.country().as_ref().map(ToString::to_string),
        };
        match key {
            Some(key) => boxes.entry(key).or_default().push(index),
            None => loose.push(index),
        }
    }
    // A box around one node says nothing the node does not.
    let (boxes, singles): (BTreeMap<_, _>, BTreeMap<_, _>) = boxes
        .into_iter()
        .partition(|(_, members)| members.len() > 1);
    loose.extend(singles.into_values().flatten());
    loose.sort_by_key(|&index| ids.rank(index));
    (boxes, loose)
}

/// The edges in a fixed order: by the ids of their ends, then date, kind and where they
/// were defined.
fn sorted_edges(graph: &SanctionsGraph, selection: &Selection, ids: &NodeIds) -> Vec<EdgeIndex> {
    let mut edges: Vec<EdgeIndex> = selection.edges().collect();
    edges.sort_by_key(|&index| {
        let edge = graph.edge_at(index);
        let (from, to) = graph.edge_ends(index);
        let ends = (ids.rank(from), ids.rank(to));
        (ends, edge.sort_date(), edge.kind(), edge.origin().clone())
    });
    edges
}

/// What an effect means, for the legend.
fn effect_caption(effect: Option<Effect>) -> &'static str {
    match effect {
        Some(Effect::Restrictive) => "restrictive: sanction, restrict",
        Some(Effect::Easing) => "easing: licence, property stays blocked",
        Some(Effect::Lifting) => "lifting: delisting",
        Some(Effect::Diplomatic) => "diplomacy: visit, meet, pledge, ...",
        None => "standing relation: owns, part of, ...",
    }
}

/// A box with a sample of every node kind and edge style the diagram uses.
fn legend(digraph: &mut Scope, graph: &SanctionsGraph, selection: &Selection) {
    let kinds: BTreeSet<NodeKind> = selection
        .nodes()
        .map(|index| graph.node_at(index).kind())
        .collect();
    let effects: BTreeSet<Option<Effect>> = selection
        .edges()
        .map(|index| graph.edge_at(index).action().map(|action| action.effect()))
        .collect();
    if kinds.is_empty() {
        return;
    }
    let mut legend = digraph.cluster();
    set(&mut legend, "label", "Legend");
    set(&mut legend, "style", "rounded");
    set(&mut legend, "color", "#bbbbbb");
    set(&mut legend, "fontsize", "12");
    let mut row = Vec::new();
    for kind in kinds {
        let (shape, fill) = kind_style(kind);
        let id = quoted(&format!("legend_{kind}"));
        let mut sample = legend.node_named(id.clone());
        set(&mut *sample, "label", kind.as_str());
        set(&mut *sample, "shape", shape);
        set(&mut *sample, "fillcolor", fill);
        row.push(id);
    }
    // Invisible edges lay the kinds out in one row rather than one tall column.
    if let Some(chain) = legend.edges(row) {
        set(&mut chain.attributes(), "style", "invis");
    }
    // Actions first, standing relations last.
    let ordered = effects
        .iter()
        .filter(|effect| effect.is_some())
        .chain(effects.iter().filter(|effect| effect.is_none()));
    let mut samples: Vec<(&str, &str, &str, &str, &str)> = ordered
        .map(|&effect| {
            let kind = match effect {
                Some(Effect::Restrictive) => EdgeKind::Action(ActionKind::Sanction),
                Some(Effect::Easing) => EdgeKind::Action(ActionKind::Ease),
                Some(Effect::Lifting) => EdgeKind::Action(ActionKind::Lift),
                Some(Effect::Diplomatic) => EdgeKind::Action(ActionKind::Visit),
                None => EdgeKind::Relation(RelationKind::PartOf),
            };
            let (colour, style, width) = edge_style(kind);
            let name = effect.map_or("relation", Effect::as_str);
            (name, effect_caption(effect), colour, style, width)
        })
        .collect();
    if selection.has_highlights() {
        samples.push((
            "highlight",
            "on the path asked for",
            "#333333",
            "solid",
            "3.2",
        ));
        samples.push(("context", "context", FADED_LINE, "solid", "1"));
    }
    for (name, caption, colour, style, width) in samples {
        let tail = quoted(&format!("legend_{name}"));
        let head = quoted(&format!("legend_{name}_end"));
        {
            let mut text = legend.node_named(tail.clone());
            set(&mut *text, "label", caption);
            set(&mut *text, "shape", "plaintext");
            set(&mut *text, "style", "solid");
        }
        {
            let mut point = legend.node_named(head.clone());
            set(&mut *point, "shape", "point");
            set(&mut *point, "width", "0.05");
        }
        let mut sample = legend.edge(tail, head).attributes();
        set(&mut sample, "color", colour);
        set(&mut sample, "style", style);
        set(&mut sample, "penwidth", width);
        set(
            &mut sample,
            "arrowhead",
            if name == "relation" {
                "empty"
            } else {
                "normal"
            },
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn builtin() -> SanctionsGraph {
        crate::load_builtin()
            .expect("the built-in graph is valid")
            .graph
    }

    fn line_with<'d>(dot: &'d str, needle: &str) -> &'d str {
        dot.lines()
            .find(|line| line.contains(needle))
            .unwrap_or_else(|| panic!("no line with {needle} in\n{dot}"))
    }

    #[test]
    fn highlighted_edges_stand_out_on_a_faded_context() {
        let graph = builtin();
        let designation = graph
            .edge_indices()
            .find(|&index| {
                let edge = graph.edge_at(index);
                edge.kind() == EdgeKind::Action(ActionKind::Sanction)
                    && edge.from() == "ofac"
                    && edge.to() == "belaruskali"
            })
            .expect("OFAC designated Belaruskali");
        let selection = Selection::whole(&graph).highlight(&graph, [designation]);
        let dot = to_dot(&graph, &selection, &DotOptions::default());
        let highlighted = line_with(&dot, "sanction\\n2021-08-09");
        assert!(highlighted.contains("color=\"#c0392b\""), "{highlighted}");
        assert!(highlighted.contains("penwidth=\"3.2\""), "{highlighted}");
        let context = line_with(&dot, "sanction\\n2006-06-16");
        assert!(
            context.contains(&format!("color=\"{FADED_LINE}\"")),
            "{context}"
        );
        let lit = line_with(&dot, "label=\"Belaruskali OAO\"");
        assert!(lit.contains("fillcolor=\"#fce5cd\""), "{lit}");
        let faded = line_with(&dot, "label=\"Belavia\"");
        assert!(
            faded.contains(&format!("fillcolor=\"{FADED_FILL}\"")),
            "{faded}"
        );
        assert!(dot.contains("\"legend_highlight\""));
    }

    #[test]
    fn title_gives_the_subject_and_the_dates() {
        let graph = builtin();
        let whole = to_dot(&graph, &Selection::whole(&graph), &DotOptions::default());
        assert!(
            whole.contains("label=\"Sanctions graph\\nactions dated 2006-06-16 to 2026-02-26\"")
        );
        let as_of: Date = "2022".parse().expect("a date");
        let options = DotOptions {
            subject: Some("around Belavia, 1 step".to_owned()),
            as_of: Some(as_of),
            clusters: Clusters::None,
        };
        let selection = Selection::whole(&graph).as_of(&graph, as_of);
        let cut = to_dot(&graph, &selection, &options);
        assert!(cut.contains("label=\"Sanctions graph: around Belavia, 1 step\\nas of 2022\""));
    }

    #[test]
    fn an_empty_selection_is_a_titled_empty_diagram() {
        let graph = builtin();
        let dot = to_dot(&graph, &Selection::default(), &DotOptions::default());
        assert!(dot.contains("no dated actions"));
        assert!(!dot.contains("->"));
        assert!(!dot.contains("Legend"));
    }
}
