//! Nodes by their id, name or alias, with case and accents ignored: `belaruskalij`,
//! `Lietuvos gelezinkeliai`, `dan tri`.

use petgraph::graph::NodeIndex;
use unicode_normalization::UnicodeNormalization;

use super::CutShort;
use crate::graph::SanctionsGraph;

/// How well a node matched, best first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Match {
    /// The text is the node's id, name or an alias (case and accents ignored).
    Exact,
    /// It begins the id, name or an alias.
    Prefix,
    /// It begins a word of one.
    Word,
    /// It is inside one.
    Inside,
}

impl Match {
    /// The name used in output.
    pub fn as_str(self) -> &'static str {
        match self {
            Match::Exact => "exact",
            Match::Prefix => "prefix",
            Match::Word => "word",
            Match::Inside => "inside",
        }
    }
}

/// Which field of a node matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Field {
    /// The id.
    Id,
    /// The name.
    Name,
    /// An alias.
    Alias,
}

impl Field {
    /// The name used in output.
    pub fn as_str(self) -> &'static str {
        match self {
            Field::Id => "id",
            Field::Name => "name",
            Field::Alias => "alias",
        }
    }
}

/// One node found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// The node.
    pub node: NodeIndex,
    /// How well its best field matched.
    pub how: Match,
    /// Which field that was.
    pub field: Field,
    /// That field's text, as written in the graph.
    pub text: String,
}

/// `text` lower-cased with its accents taken off (`Geležinkeliai` to `gelezinkeliai`,
/// `Dân trí` to `dan tri`), for comparing what people type with what files hold.
pub fn fold(text: &str) -> String {
    text.nfkd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            // Letters with a stroke have no decomposition.
            'đ' => 'd',
            'ł' => 'l',
            'ø' => 'o',
            'ħ' => 'h',
            'ı' => 'i',
            other => other,
        })
        .collect()
}

/// How `wanted` (already folded) meets `field`, if at all.
fn meets(wanted: &str, field: &str) -> Option<Match> {
    let folded = fold(field);
    if folded == wanted {
        Some(Match::Exact)
    } else if folded.starts_with(wanted) {
        Some(Match::Prefix)
    } else if folded
        .match_indices(wanted)
        .any(|(at, _)| folded[..at].ends_with(|c: char| !c.is_alphanumeric()))
    {
        Some(Match::Word)
    } else if folded.contains(wanted) {
        Some(Match::Inside)
    } else {
        None
    }
}

/// The nodes whose id, name or an alias contains `text`, case and accents ignored.
///
/// # Arguments
/// * `graph`: the graph.
/// * `text`: what to look for; blank text finds nothing.
/// * `limit`: the most nodes to return.
///
/// # Returns
/// The nodes ranked by how well their best field matched ([`Match`], exact first), then
/// by field (id, name, alias), then by id; at most `limit`, with [`CutShort::Limit`]
/// when more matched.
///
/// # Complexity
/// O(N·L) for N nodes of L characters of id, name and aliases.
///
/// # Example
/// ```
/// use sanctions_graph::query::find::{find, Match};
///
/// let graph = sanctions_graph::load_builtin().expect("the built-in graph is valid").graph;
/// let (found, _) = find(&graph, "BELAVIA", 10);
/// assert_eq!(graph.node_id(found[0].node), "belavia");
/// assert_eq!(found[0].how, Match::Exact);
/// ```
pub fn find(graph: &SanctionsGraph, text: &str, limit: usize) -> (Vec<Found>, Option<CutShort>) {
    let wanted = fold(text.trim());
    if wanted.is_empty() {
        return (Vec::new(), None);
    }
    let mut found: Vec<Found> = graph
        .nodes()
        .filter_map(|node| {
            let fields = std::iter::once((Field::Id, node.id()))
                .chain(std::iter::once((Field::Name, node.name())))
                .chain(
                    node.aliases()
                        .into_iter()
                        .map(|alias| (Field::Alias, alias)),
                );
            fields
                .filter_map(|(field, value)| {
                    meets(&wanted, value).map(|how| (how, field, value.to_owned()))
                })
                .min()
                .map(|(how, field, text)| Found {
                    node: node.index(),
                    how,
                    field,
                    text,
                })
        })
        .collect();
    found.sort_by_cached_key(|f| (f.how, f.field, graph.node_id(f.node).to_owned()));
    let cut = (found.len() > limit).then_some(CutShort::Limit);
    found.truncate(limit);
    (found, cut)
}

/// The one node whose name or an alias is `text`, case and accents ignored; `None` when
/// none is, or several are.
///
/// # Complexity
/// O(N·L), as [`find()`].
///
/// # Example
/// ```
/// use sanctions_graph::query::find::by_name;
///
/// let graph = sanctions_graph::load_builtin().expect("the built-in graph is valid").graph;
/// assert_eq!(graph.node_id(by_name(&graph, "Belavia").unwrap()), "belavia");
/// ```
pub fn by_name(graph: &SanctionsGraph, text: &str) -> Option<NodeIndex> {
    let wanted = fold(text.trim());
    if wanted.is_empty() {
        return None;
    }
    let mut matching = graph.nodes().filter(|node| {
        fold(node.id()) == wanted
            || fold(node.name()) == wanted
            || node.aliases().iter().any(|alias| fold(alias) == wanted)
    });
    let first = matching.next()?;
    matching.next().is_none().then(|| first.index())
}
