//! Actions by their stable ids, by their instruments, and every action matching a filter
//! (by whom, on whom, of which kinds, in which period, reaching which commodity).

use std::collections::BTreeSet;

use petgraph::graph::{EdgeIndex, NodeIndex};
use petgraph::Direction;

use super::affects::actions_reaching;
use super::standing::bodies_below;
use super::{Certainty, CutShort, When};
use crate::graph::SanctionsGraph;
use crate::model::ActionKind;

/// An action's stable id: the id its file gives it (`Action(id: "gl-13", ...)`), else one
/// derived from what it is, `ACTOR/KIND/TARGET/DATE` (`ofac/ease/belaruskali/2025-12-15`),
/// with `#2`, `#3`, ... for a second or third action with the same four (in file order),
/// so it stays the same when other actions are added; `None` for a relation. An explicit
/// id is a slug, without `/`, so it never reads as a derived one.
///
/// # Complexity
/// O(d) for the d edges leaving the acting node.
///
/// # Example
/// ```
/// use sanctions_graph::query::actions::action_id;
///
/// let graph = sanctions_graph::load_builtin().expect("the built-in graph is valid").graph;
/// let lift = graph.edges().find(|e| e.instrument() == Some("SDN List removal")).unwrap();
/// assert_eq!(action_id(&graph, lift.id()).unwrap(), "ofac/lift/belavia/2025-11-04");
/// ```
pub fn action_id(graph: &SanctionsGraph, edge: EdgeIndex) -> Option<String> {
    let view = graph.edge_at(edge);
    if let (Some(id), Some(_)) = (view.explicit_id(), view.action()) {
        return Some(id.to_owned());
    }
    let base = base_id(graph, edge)?;
    let (from, to) = graph.edge_ends(edge);
    let (kind, date) = (view.action(), view.date());
    // Same base id: same actor, kind, target and date. Compared as columns, not as
    // formatted ids, along the shorter of the actor's and the target's lists: a hub has
    // hundreds of thousands of edges.
    let (side, direction) =
        if graph.degree(from, Direction::Outgoing) <= graph.degree(to, Direction::Incoming) {
            (from, Direction::Outgoing)
        } else {
            (to, Direction::Incoming)
        };
    let earlier = graph
        .edges_directed(side, direction)
        .filter(|other| {
            let id = other.id();
            id < edge
                && other.action() == kind
                && other.date() == date
                && graph.edge_ends(id) == (from, to)
        })
        .count();
    Some(match earlier {
        0 => base,
        n => format!("{base}#{}", n + 1),
    })
}

fn base_id(graph: &SanctionsGraph, edge: EdgeIndex) -> Option<String> {
    let view = graph.edge_at(edge);
    let (kind, date) = (view.action()?, view.date()?);
    Some(format!(
        "{}/{}/{}/{date}",
        view.from(),
        kind.as_str(),
        view.to()
    ))
}

/// What a `--without` names: the actions with this id, else with this instrument (case
/// ignored), else with an instrument containing the text, when all those are one
/// instrument.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Named {
    /// The actions named, in edge order; one for an id, every action of an instrument.
    Actions(Vec<EdgeIndex>),
    /// The text is part of several instruments: these, sorted.
    Ambiguous(Vec<String>),
    /// No action id or instrument matches.
    Unknown,
}

/// The actions an action id or an instrument's text names.
///
/// # Complexity
/// O(E) over every edge, with the acting node's edges scanned once per candidate id.
///
/// # Example
/// ```
/// use sanctions_graph::query::actions::{named_actions, Named};
///
/// let graph = sanctions_graph::load_builtin().expect("the built-in graph is valid").graph;
/// let Named::Actions(licence) = named_actions(&graph, "general license 13") else { panic!() };
/// assert_eq!(licence.len(), 3);
/// ```
pub fn named_actions(graph: &SanctionsGraph, text: &str) -> Named {
    let actions: Vec<EdgeIndex> = graph
        .edge_indices()
        .filter(|&edge| graph.edge_kind(edge).is_action())
        .collect();
    if let Some(&edge) = actions
        .iter()
        .find(|&&edge| match graph.edge_at(edge).explicit_id() {
            Some(id) => id == text,
            None => {
                base_id(graph, edge).is_some_and(|base| text.starts_with(&base))
                    && action_id(graph, edge).as_deref() == Some(text)
            }
        })
    {
        return Named::Actions(vec![edge]);
    }
    let wanted = text.to_lowercase();
    let instrument = |edge: EdgeIndex| graph.edge_at(edge).instrument().map(str::to_lowercase);
    let equal: Vec<EdgeIndex> = actions
        .iter()
        .copied()
        .filter(|&edge| instrument(edge).as_deref() == Some(wanted.as_str()))
        .collect();
    if !equal.is_empty() {
        return Named::Actions(equal);
    }
    let containing: Vec<EdgeIndex> = actions
        .iter()
        .copied()
        .filter(|&edge| instrument(edge).is_some_and(|i| !wanted.is_empty() && i.contains(&wanted)))
        .collect();
    let instruments: BTreeSet<String> = containing
        .iter()
        .filter_map(|&edge| graph.edge_at(edge).instrument().map(str::to_owned))
        .collect();
    match instruments.len() {
        0 => Named::Unknown,
        1 => Named::Actions(containing),
        _ => Named::Ambiguous(instruments.into_iter().collect()),
    }
}

/// Which actions [`actions()`] lists; an unset field lets every action through.
#[derive(Debug, Clone, Default)]
pub struct ActionFilter {
    /// Only actions by this node or a body that belongs to it (`usa`: OFAC's and BIS's too).
    pub by: Option<NodeIndex>,
    /// Only actions on this node.
    pub on: Option<NodeIndex>,
    /// Only these kinds.
    pub kinds: Option<BTreeSet<ActionKind>>,
    /// Only actions dated in this time ([`When::Between`] a period, [`When::AsOf`] a day).
    pub when: When,
    /// Only actions that reach this commodity, by the scope rules of
    /// [`super::affects()`].
    pub commodity: Option<NodeIndex>,
}

/// One listed action, and whether its date certainly falls in the time asked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Listed {
    /// The action.
    pub edge: EdgeIndex,
    /// `Uncertain` when its date (a month, a year) straddles an end of the period.
    pub certainty: Certainty,
}

/// Every action that passes `filter`, in date order.
///
/// # Arguments
/// * `graph`: the graph.
/// * `filter`: by whom, on whom, which kinds, when, reaching what.
/// * `limit`: the most actions to return.
///
/// # Returns
/// The actions sorted by date (a month before the days inside it), kind, actor, target
/// and file order, at most `limit` of them, and [`CutShort::Limit`] when more matched.
///
/// # Complexity
/// O(E log E) over every action when neither `by`, `on` nor `commodity` is given;
/// otherwise over the actions at those nodes (or reaching the commodity, as
/// [`super::affects()`] finds them).
///
/// # Example
/// ```
/// use sanctions_graph::query::actions::{actions, ActionFilter};
/// use sanctions_graph::query::When;
/// use sanctions_graph::model::ActionKind;
///
/// let graph = sanctions_graph::load_builtin().expect("the built-in graph is valid").graph;
/// let filter = ActionFilter {
///     by: graph.index_of("ofac"),
///     kinds: Some([ActionKind::Sanction].into()),
///     when: When::Between("2023-01-01".parse().unwrap(), "2023-12-31".parse().unwrap()),
///     ..ActionFilter::default()
/// };
/// let (found, _) = actions(&graph, &filter, 100);
/// assert!(found.iter().all(|a| graph.edge_at(a.edge).from() == "ofac"));
/// ```
pub fn actions(
    graph: &SanctionsGraph,
    filter: &ActionFilter,
    limit: usize,
) -> (Vec<Listed>, Option<CutShort>) {
    let mut candidates: Vec<EdgeIndex> = match (filter.commodity, filter.on, filter.by) {
        (Some(commodity), _, _) => actions_reaching(graph, commodity, filter.when),
        (None, Some(on), _) => graph
            .edges_directed(on, Direction::Incoming)
            .map(|edge| edge.id())
            .collect(),
        (None, None, Some(by)) => std::iter::once(by)
            .chain(bodies_below(graph, by, When::Always))
            .flat_map(|body| graph.edges_directed(body, Direction::Outgoing))
            .map(|edge| edge.id())
            .collect(),
        (None, None, None) => graph.edge_indices().collect(),
    };
    let acting: Option<BTreeSet<NodeIndex>> = filter.by.map(|by| {
        std::iter::once(by)
            .chain(bodies_below(graph, by, When::Always))
            .collect()
    });
    candidates.sort_unstable();
    candidates.dedup();
    let mut found: Vec<Listed> = candidates
        .into_iter()
        .filter_map(|edge| {
            let view = graph.edge_at(edge);
            let (kind, date) = (view.action()?, view.date()?);
            if filter
                .kinds
                .as_ref()
                .is_some_and(|kinds| !kinds.contains(&kind))
            {
                return None;
            }
            let (from, to) = graph.edge_ends(edge);
            if filter.on.is_some_and(|on| on != to)
                || acting
                    .as_ref()
                    .is_some_and(|bodies| !bodies.contains(&from))
            {
                return None;
            }
            let certainty = filter.when.action(date)?;
            Some(Listed { edge, certainty })
        })
        .collect();
    found.sort_by_cached_key(|listed| {
        let view = graph.edge_at(listed.edge);
        (
            view.date(),
            view.kind(),
            view.from(),
            view.to(),
            listed.edge,
        )
    });
    let cut = (found.len() > limit).then_some(CutShort::Limit);
    found.truncate(limit);
    (found, cut)
}
