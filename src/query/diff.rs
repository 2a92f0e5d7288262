//! What changed between two dates: the actions taken and the licences that ended in the
//! window, and every standing that differs between the two as-of answers of
//! [`super::affects()`], from what to what and by which action.

use std::collections::BTreeMap;

use petgraph::graph::{EdgeIndex, NodeIndex};

use super::actions::{actions, ActionFilter, Listed};
use super::affects::{actions_reaching, affects, Affect, NetEffect};
use super::standing::Standing;
use super::{CutShort, When};
use crate::graph::SanctionsGraph;
use crate::model::{Date, NodeKind};

/// What `diff` compares: two days, and optionally one commodity.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DiffQuery {
    /// The first day: standings as of it are the "before".
    pub from: Date,
    /// The second day: standings as of it are the "after".
    pub to: Date,
    /// Only this commodity; `None`: every commodity of the graph.
    pub commodity: Option<NodeIndex>,
}

/// Where a target stands with an actor on one of the two days.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Held {
    /// The standing.
    pub standing: Standing,
    /// Whether the deciding measure covers only part of the commodity.
    pub partial: bool,
    /// The measure that decides it.
    pub action: EdgeIndex,
}

/// One (commodity, target) whose standing with some actors differs between the two days.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// The commodity.
    pub commodity: NodeIndex,
    /// The target of the measures.
    pub target: NodeIndex,
    /// The actors with which it changed this way (an acting body and the bodies it is part
    /// of), sorted by id.
    pub actors: Vec<NodeIndex>,
    /// Where it stood on the first day; `None`: no measure of theirs was in force.
    pub before: Option<Held>,
    /// Where it stands on the second day; `None`: none is in force any more.
    pub after: Option<Held>,
}

/// An actor whose effect on a commodity differs between the two days.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ActorChange {
    /// The commodity.
    pub commodity: NodeIndex,
    /// The actor.
    pub actor: NodeIndex,
    /// Its net effect on the first day; `None`: it did not affect the commodity.
    pub before: Option<NetEffect>,
    /// Its net effect on the second day; `None`: it no longer does.
    pub after: Option<NetEffect>,
}

/// The answer of [`diff()`].
#[derive(Debug, Clone, Default)]
pub struct Diff {
    /// The actions dated in the window, both days included, in date order.
    pub actions: Vec<Listed>,
    /// The actions whose end (`until`) falls in the window, by end date.
    pub ended: Vec<EdgeIndex>,
    /// The standings that changed, by commodity id, target id, then actors.
    pub changes: Vec<Change>,
    /// The actors that started or stopped affecting a commodity, or whose effect changed,
    /// by commodity id, then actor id.
    pub actors: Vec<ActorChange>,
    /// Set when a list was cut at the limit.
    pub cut_short: Option<CutShort>,
}

/// What changed between `query.from` and `query.to`.
///
/// The standings compared are exactly those of `affects(commodity, AsOf(from))` and
/// `affects(commodity, AsOf(to))`: a (commodity, actor, target) appears in
/// [`Diff::changes`] when its standing, its partial coverage or its deciding measure
/// differs between the two answers, or when it is in one answer only.
///
/// # Arguments
/// * `graph`: the graph.
/// * `query`: the two days and the commodity.
/// * `limit`: the most entries of each list.
///
/// # Returns
/// A [`Diff`]; each list sorted as documented there and cut at `limit`.
///
/// # Complexity
/// Two runs of [`affects()`] per commodity, plus the actions of the window as
/// [`super::actions::actions()`] finds them.
///
/// # Example
/// ```
/// use sanctions_graph::query::diff::{diff, DiffQuery};
/// use sanctions_graph::query::Standing;
///
/// let graph = sanctions_graph::load_builtin().expect("the built-in graph is valid").graph;
/// let query = DiffQuery {
///     from: "2025-01-01".parse().unwrap(),
///     to: "2025-12-31".parse().unwrap(),
///     commodity: graph.index_of("potash"),
/// };
/// let found = diff(&graph, &query, 1000);
/// let bpc = found.changes.iter().find(|c| graph.node_id(c.target) == "bpc").unwrap();
/// assert_eq!(bpc.after.unwrap().standing, Standing::Eased);
/// ```
pub fn diff(graph: &SanctionsGraph, query: &DiffQuery, limit: usize) -> Diff {
    let window = When::Between(query.from, query.to);
    let commodities: Vec<NodeIndex> = match query.commodity {
        Some(commodity) => vec![commodity],
        None => {
            let mut all: Vec<NodeIndex> = graph
                .node_indices()
                .filter(|&n| graph.node_kind(n) == NodeKind::Commodity)
                .collect();
            all.sort_by_key(|&n| graph.node_id(n));
            all
        }
    };
    let mut cut_short = None;
    let (listed, cut) = actions(
        graph,
        &ActionFilter {
            when: window,
            commodity: query.commodity,
            ..ActionFilter::default()
        },
        limit,
    );
    cut_short = cut_short.or(cut);

    let mut ended: Vec<EdgeIndex> = match query.commodity {
        Some(commodity) => actions_reaching(graph, commodity, When::Always),
        None => graph.edge_indices().collect(),
    }
    .into_iter()
    .filter(|&edge| {
        let view = graph.edge_at(edge);
        view.action().is_some()
            && view
                .until()
                .is_some_and(|until| window.action(until).is_some())
    })
    .collect();
    ended.sort_by_cached_key(|&edge| (graph.edge_at(edge).until(), edge));
    if ended.len() > limit {
        ended.truncate(limit);
        cut_short = Some(CutShort::Limit);
    }

    let mut changes: Vec<Change> = Vec::new();
    let mut actor_changes: Vec<ActorChange> = Vec::new();
    for &commodity in &commodities {
        let before = affects(graph, commodity, When::AsOf(query.from));
        let after = affects(graph, commodity, When::AsOf(query.to));
        let (standings, effects) = compare(graph, commodity, &before, &after);
        changes.extend(standings);
        actor_changes.extend(effects);
    }
    for list_len in [changes.len(), actor_changes.len()] {
        if list_len > limit {
            cut_short = Some(CutShort::Limit);
        }
    }
    changes.truncate(limit);
    actor_changes.truncate(limit);
    Diff {
        actions: listed,
        ended,
        changes,
        actors: actor_changes,
        cut_short,
    }
}

/// How two answers of [`affects()`] on one commodity differ: the standings (grouped as in
/// [`Diff::changes`]) and the actors' effects (as in [`Diff::actors`]). [`diff()`] compares
/// two days with it; `affects --without` compares an answer with and without actions.
///
/// # Complexity
/// O(T log T) for the T (actor, target) standings of the two answers.
pub fn compare(
    graph: &SanctionsGraph,
    commodity: NodeIndex,
    before: &[Affect],
    after: &[Affect],
) -> (Vec<Change>, Vec<ActorChange>) {
    (
        standing_changes(graph, commodity, before, after),
        effect_changes(graph, commodity, before, after),
    )
}

/// Each actor's standings per target, as [`Held`].
fn held(found: &[Affect]) -> BTreeMap<(NodeIndex, NodeIndex), Held> {
    found
        .iter()
        .flat_map(|affect| {
            affect.targets.iter().map(move |t| {
                (
                    (affect.actor, t.target),
                    Held {
                        standing: t.standing,
                        partial: t.is_partial(),
                        action: t.action,
                    },
                )
            })
        })
        .collect()
}

/// The (actor, target) standings that differ, grouped by target and by the change.
fn standing_changes(
    graph: &SanctionsGraph,
    commodity: NodeIndex,
    before: &[Affect],
    after: &[Affect],
) -> Vec<Change> {
    let (old, new) = (held(before), held(after));
    type Key<'g> = (&'g str, NodeIndex, Option<Held>, Option<Held>);
    let mut grouped: BTreeMap<Key<'_>, Vec<NodeIndex>> = BTreeMap::new();
    for &(actor, target) in old.keys().chain(new.keys()) {
        let (was, is) = (
            old.get(&(actor, target)).copied(),
            new.get(&(actor, target)).copied(),
        );
        if was == is {
            continue;
        }
        let actors = grouped
            .entry((graph.node_id(target), target, was, is))
            .or_default();
        if !actors.contains(&actor) {
            actors.push(actor);
        }
    }
    let mut changes: Vec<Change> = grouped
        .into_iter()
        .map(|((_, target, before, after), mut actors)| {
            actors.sort_by_key(|&a| graph.node_id(a));
            Change {
                commodity,
                target,
                actors,
                before,
                after,
            }
        })
        .collect();
    changes.sort_by_cached_key(|c| {
        (
            graph.node_id(c.target),
            c.actors.first().map(|&a| graph.node_id(a)),
        )
    });
    changes
}

/// The actors whose net effect differs, or that appear in one answer only.
fn effect_changes(
    graph: &SanctionsGraph,
    commodity: NodeIndex,
    before: &[Affect],
    after: &[Affect],
) -> Vec<ActorChange> {
    let effects = |found: &[Affect]| -> BTreeMap<NodeIndex, NetEffect> {
        found.iter().map(|a| (a.actor, a.effect)).collect()
    };
    let (old, new) = (effects(before), effects(after));
    let mut actors: Vec<NodeIndex> = old.keys().chain(new.keys()).copied().collect();
    actors.sort_by_key(|&a| graph.node_id(a));
    actors.dedup();
    actors
        .into_iter()
        .filter_map(|actor| {
            let (was, is) = (old.get(&actor).copied(), new.get(&actor).copied());
            (was != is).then_some(ActorChange {
                commodity,
                actor,
                before: was,
                after: is,
            })
        })
        .collect()
}
