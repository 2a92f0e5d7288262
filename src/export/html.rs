//! One self-contained HTML page to explore a selection through time: cytoscape.js, the
//! page's script and style, and the data (with the answers of `sgraph affects` at every
//! date where they change) inline, so it opens with no network.
//!
//! The page's script builds its DOM with `textContent` only, and the data sits in a
//! `<script type="application/json">` block with `<`, `>`, `&`, U+2028 and U+2029
//! escaped, so no text from a graph file can close the block or become markup.

mod data;

use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::io::{self, Write};

use petgraph::graph::NodeIndex;
use petgraph::Direction;
use serde::Serialize;

use crate::export::Selection;
use crate::graph::SanctionsGraph;
use crate::model::Date;

/// cytoscape.js, the graph library the page draws with (a pinned release, vendored under
/// `vendor/cytoscape/` with its licence and checksum).
pub const CYTOSCAPE_JS: &str = include_str!("../../vendor/cytoscape/cytoscape.min.js");

/// cytoscape.js's licence, carried into every page.
pub const CYTOSCAPE_LICENSE: &str = include_str!("../../vendor/cytoscape/LICENSE");

const TEMPLATE: &str = include_str!("html/page.html");
const STYLE: &str = include_str!("html/page.css");
const SCRIPT: &str = include_str!("html/page.js");

/// The most nodes a page draws. Above it, the page draws the `MAX_NODES` nodes nearest the
/// selection's centre and says so. A generated graph of 1,500 nodes and 4,500 edges opens
/// in headless Chromium in about 9 seconds on two busy cores (docs/export.md); beyond
/// that the page is slow to open and to pan.
pub const MAX_NODES: usize = 1500;

/// How to write a page.
#[derive(Debug, Clone, Default)]
pub struct HtmlOptions {
    /// What the selection shows ("what affects Potash fertilisers"), for the title.
    pub subject: Option<String>,
    /// The day the date slider starts at; default: the last day on which something
    /// drawn changes.
    pub as_of: Option<Date>,
    /// The nodes the selection is about (`--focus`, `--commodity`): drawn whatever the
    /// date, the centre of the cut when the selection is too big, and (for a commodity)
    /// chosen when the page opens.
    pub anchors: Vec<NodeIndex>,
    /// The most nodes to draw; [`MAX_NODES`] unless a test asks for fewer.
    pub max_nodes: usize,
}

/// A written page, and a note for the user when less than the selection is drawn.
#[derive(Debug, Clone)]
pub struct Html {
    /// The page.
    pub text: String,
    /// Set when the selection was too big and a part of it is drawn.
    pub note: Option<String>,
}

/// The page for a selection, held as one text (what [`write_html`] writes).
///
/// # Example
/// ```
/// use sanctions_graph::export::{html::{to_html, HtmlOptions}, Selection};
///
/// let graph = sanctions_graph::load_builtin().expect("the built-in graph is valid").graph;
/// let page = to_html(&graph, &Selection::whole(&graph), &HtmlOptions::default());
/// assert!(page.text.starts_with("<!DOCTYPE html>"));
/// assert!(page.note.is_none());
/// ```
pub fn to_html(graph: &SanctionsGraph, selection: &Selection, options: &HtmlOptions) -> Html {
    let mut bytes = Vec::new();
    // A `Vec` takes every write.
    let note = write_html(graph, selection, options, &mut bytes).unwrap_or_default();
    Html {
        // The template, the vendored files and serde_json's output are UTF-8.
        text: String::from_utf8(bytes).unwrap_or_default(),
        note,
    }
}

/// Writes the page for a selection into `out` as it goes: the template, the style and
/// the scripts as they are, the data serialized straight into the page.
///
/// # Arguments
/// - `graph`: the graph the selection is of.
/// - `selection`: what to draw (whole, around a node, what affects a commodity); the
///   slider then cuts it at each date as [`Selection::as_of`] does.
/// - `options`: title, starting date, anchors and the size limit.
/// - `out`: where the page goes.
///
/// # Returns
/// A note when the selection had more than `options.max_nodes` nodes and only the
/// nearest ones to its centre are drawn.
///
/// # Errors
/// A write error of `out`.
///
/// # Complexity
/// O(V + E) for the selection, plus, for each of the C commodities drawn, one
/// [`crate::query::affects()`] per day on which some edge's standing can change (D days):
/// O(C · D · A) for A the cost of one answer.
///
/// # Example
/// ```
/// use sanctions_graph::export::{html::{write_html, HtmlOptions}, Selection};
///
/// let graph = sanctions_graph::load_builtin().expect("the built-in graph is valid").graph;
/// let mut page = Vec::new();
/// let note = write_html(&graph, &Selection::whole(&graph), &HtmlOptions::default(), &mut page)
///     .expect("a Vec takes every write");
/// assert!(page.starts_with(b"<!DOCTYPE html>"));
/// assert!(note.is_none());
/// ```
pub fn write_html(
    graph: &SanctionsGraph,
    selection: &Selection,
    options: &HtmlOptions,
    out: &mut dyn Write,
) -> io::Result<Option<String>> {
    let max = if options.max_nodes == 0 {
        MAX_NODES
    } else {
        options.max_nodes
    };
    let asked = selection.nodes().count();
    let anchors: BTreeSet<NodeIndex> = options.anchors.iter().copied().collect();
    let (selection, note) = if asked > max {
        let center = center(graph, selection, &anchors);
        let keep = nearest(graph, selection, center, max);
        let note = format!(
            "the selection has {asked} nodes, more than a page draws ({max}): drawn are the \
             {max} nearest {} (`{}`); choose a part with --focus ID --depth N or --commodity ID",
            graph.node_at(center).name(),
            graph.node_id(center),
        );
        (selection.clone().within(graph, &keep), Some(note))
    } else {
        (selection.clone(), None)
    };
    let drawn = selection.nodes().count();
    let title = match &options.subject {
        Some(subject) => format!("sgraph: {subject}"),
        None => "sgraph: the whole graph".to_owned(),
    };
    let limit = data::Limit {
        max_nodes: max,
        asked,
        drawn,
        note: note.clone(),
    };
    let data = data::build(graph, &selection, &anchors, title, options.as_of, limit);
    write_page(out, &data)?;
    Ok(note)
}

/// Writes the template with its slots filled; the slots are found in the constant
/// template, never in what is put into them.
fn write_page(out: &mut dyn Write, data: &impl Serialize) -> io::Result<()> {
    let mut rest = TEMPLATE;
    for slot in ["/*STYLE*/", "/*CYTOSCAPE*/", "/*DATA*/", "/*SCRIPT*/"] {
        let Some((before, after)) = rest.split_once(slot) else {
            debug_assert!(false, "the page template lacks {slot}");
            continue;
        };
        out.write_all(before.as_bytes())?;
        match slot {
            "/*STYLE*/" => out.write_all(STYLE.as_bytes())?,
            "/*CYTOSCAPE*/" => out.write_all(CYTOSCAPE_JS.as_bytes())?,
            "/*DATA*/" => write_script_safe_json(out, data)?,
            _ => out.write_all(SCRIPT.as_bytes())?,
        }
        rest = after;
    }
    out.write_all(rest.as_bytes())
}

/// Writes `value` as JSON that can sit inside a `<script>` element: `<`, `>` and `&` as
/// `\u` escapes (so `</script>` or `<!--` in a name cannot end or change the element),
/// and U+2028 and U+2029, which older JavaScript reads as line ends. These characters
/// only occur inside JSON strings, where the escapes mean the same characters.
///
/// # Errors
/// A write error of `out`, or a value that cannot be serialized.
pub fn write_script_safe_json(out: &mut dyn Write, value: &impl Serialize) -> io::Result<()> {
    let mut serializer = serde_json::Serializer::with_formatter(out, ScriptSafe);
    value.serialize(&mut serializer).map_err(io::Error::from)
}

/// serde_json's compact layout, with the text of every string (keys too) escaped as
/// [`write_script_safe_json`] says.
struct ScriptSafe;

impl serde_json::ser::Formatter for ScriptSafe {
    fn write_string_fragment<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> io::Result<()> {
        let mut rest = fragment;
        while let Some(at) = rest.find(['<', '>', '&', '\u{2028}', '\u{2029}']) {
            writer.write_all(&rest.as_bytes()[..at])?;
            let c = rest[at..].chars().next().unwrap_or_default();
            let escape = match c {
                '<' => "\\u003c",
                '>' => "\\u003e",
                '&' => "\\u0026",
                '\u{2028}' => "\\u2028",
                _ => "\\u2029",
            };
            writer.write_all(escape.as_bytes())?;
            rest = &rest[at + c.len_utf8()..];
        }
        writer.write_all(rest.as_bytes())
    }
}

/// The node a cut is centred on: the first anchor, else the node with the most drawn
/// edges (the smallest id among equals).
fn center(
    graph: &SanctionsGraph,
    selection: &Selection,
    anchors: &BTreeSet<NodeIndex>,
) -> NodeIndex {
    if let Some(&anchor) = anchors.iter().find(|&&a| selection.nodes().any(|n| n == a)) {
        return anchor;
    }
    let mut degree: BTreeMap<NodeIndex, usize> = selection.nodes().map(|n| (n, 0)).collect();
    for edge in selection.edges() {
        let (from, to) = graph.edge_ends(edge);
        for end in [from, to] {
            *degree.entry(end).or_default() += 1;
        }
    }
    degree
        .into_iter()
        .max_by(|(a, da), (b, db)| {
            da.cmp(db)
                .then_with(|| graph.node_id(*b).cmp(graph.node_id(*a)))
        })
        .map_or(NodeIndex::new(0), |(n, _)| n)
}

/// The `max` selected nodes first reached by a breadth-first search from `center` along
/// the graph's edges (neighbours in id order), then from the next unreached nodes.
fn nearest(
    graph: &SanctionsGraph,
    selection: &Selection,
    center: NodeIndex,
    max: usize,
) -> BTreeSet<NodeIndex> {
    let selected: BTreeSet<NodeIndex> = selection.nodes().collect();
    let mut keep = BTreeSet::new();
    let starts = std::iter::once(center).chain(selected.iter().copied());
    for start in starts {
        if keep.len() >= max {
            break;
        }
        if !keep.insert(start) {
            continue;
        }
        let mut queue = VecDeque::from([start]);
        while let Some(node) = queue.pop_front() {
            let mut next: Vec<NodeIndex> = graph
                .neighbors_directed(node, Direction::Outgoing)
                .chain(graph.neighbors_directed(node, Direction::Incoming))
                .filter(|n| selected.contains(n) && !keep.contains(n))
                .collect();
            next.sort_by_key(|&n| graph.node_id(n));
            next.dedup();
            for n in next {
                if keep.len() >= max {
                    return keep;
                }
                keep.insert(n);
                queue.push_back(n);
            }
        }
    }
    keep
}

#[cfg(test)]
mod tests {
    use super::data::{change_days, next_day, previous_day, scope};
    use super::*;
    use crate::query::{affects, When};

    fn builtin() -> SanctionsGraph {
        crate::load_builtin()
            .expect("the built-in graph is valid")
            .graph
    }

    fn day(text: &str) -> Date {
        text.parse().expect("a date")
    }

    #[test]
    fn script_safe_json_leaves_nothing_that_ends_a_script() {
        let hostile = "</script><!-- & \u{2028}\u{2029}";
        let mut bytes = Vec::new();
        write_script_safe_json(&mut bytes, &BTreeMap::from([(hostile, hostile)]))
            .expect("a Vec takes every write");
        let safe = String::from_utf8(bytes).expect("JSON is UTF-8");
        for bad in ["<", ">", "&", "\u{2028}", "\u{2029}"] {
            assert!(!safe.contains(bad), "{bad:?} left in {safe}");
        }
        let back: BTreeMap<String, String> = serde_json::from_str(&safe).expect("still JSON");
        assert_eq!(
            back,
            BTreeMap::from([(hostile.to_owned(), hostile.to_owned())])
        );
    }

    #[test]
    fn days_step_over_month_and_year_ends() {
        assert_eq!(next_day(day("2024-02-28")), Some(day("2024-02-29")));
        assert_eq!(next_day(day("2023-02-28")), Some(day("2023-03-01")));
        assert_eq!(next_day(day("2025-12-31")), Some(day("2026-01-01")));
        assert_eq!(previous_day(day("2024-03-01")), Some(day("2024-02-29")));
        assert_eq!(previous_day(day("2026-01-01")), Some(day("2025-12-31")));
        assert_eq!(previous_day(day("2025-07-02")), Some(day("2025-07-01")));
    }

    /// Guards the page's lookup: between two days of change, `affects` gives the answer of
    /// the earlier one, so the page may embed answers only on those days.
    #[test]
    fn the_answer_of_affects_changes_only_on_days_of_change() {
        let graph = builtin();
        for commodity in ["potash", "potassium-chloride"] {
            let commodity = graph.index_of(commodity).expect("a commodity");
            let mut days = BTreeSet::new();
            for edge in scope(&graph, commodity) {
                days.extend(change_days(&graph, edge));
            }
            let days: Vec<Date> = days.into_iter().collect();
            for pair in days.windows(2) {
                let (first, next) = (pair[0], pair[1]);
                let answer = affects(&graph, commodity, When::AsOf(first));
                let mut between = first;
                while let Some(later) = next_day(between).filter(|&d| d != next) {
                    between = later;
                    assert_eq!(
                        affects(&graph, commodity, When::AsOf(between)),
                        answer,
                        "changed on {between}, between {first} and {next}"
                    );
                }
            }
        }
    }

    #[test]
    fn a_selection_too_big_is_cut_around_its_centre_and_said() {
        let graph = builtin();
        let belavia = graph.index_of("belavia").expect("belavia");
        let options = HtmlOptions {
            anchors: vec![belavia],
            max_nodes: 5,
            ..HtmlOptions::default()
        };
        let page = to_html(&graph, &Selection::whole(&graph), &options);
        let note = page.note.expect("a note");
        assert!(note.contains("nearest Belavia"), "{note}");
        assert!(page.text.contains("\"drawn\":5"));
    }

    #[test]
    fn the_vendored_library_cannot_end_its_script_element() {
        assert!(!CYTOSCAPE_JS.to_ascii_lowercase().contains("</script"));
        assert!(!CYTOSCAPE_JS.contains("<!--"));
        assert!(CYTOSCAPE_LICENSE.contains("Permission is hereby granted"));
    }
}
