//! Who affects a commodity: every actor whose actions reach it, with the shortest chain
//! explaining how, and the net effect of its actions as of a date.

use super::index_map::IndexMap;

use petgraph::graph::{EdgeIndex, NodeIndex};
use petgraph::visit::EdgeRef;
use petgraph::Direction;
use serde::Serialize;

use super::influence::Towards;
use super::standing::{Hierarchy, Standing};
use super::{Certainty, Step, When};
use crate::model::{Date, Effect};
use crate::SanctionsGraph;

/// The net effect of an actor's actions on a commodity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum NetEffect {
    /// Every target it reaches the commodity through stands restricted.
    Restrictive,
    /// Every such target stands eased by licence.
    Eased,
    /// Every such target has its restriction lifted.
    Lifted,
    /// The targets stand differently (one restricted, one eased, ...).
    Mixed,
    /// Its only actions naming the commodity are diplomatic: a pledge or statement, not a
    /// measure.
    Pledged,
}

impl NetEffect {
    /// The name used in output.
    pub fn as_str(self) -> &'static str {
        match self {
            NetEffect::Restrictive => "restrictive",
            NetEffect::Eased => "eased",
            NetEffect::Lifted => "lifted",
            NetEffect::Mixed => "mixed",
            NetEffect::Pledged => "pledged",
        }
    }
}

impl std::fmt::Display for NetEffect {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Where one target stands with an actor, and the action that put it there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TargetStanding {
    /// The target of the actions.
    pub target: NodeIndex,
    /// Where it stands.
    pub standing: Standing,
    /// The latest action on it by the actor's bodies (that decides the standing).
    pub action: EdgeIndex,
    /// Whether that action certainly happened by the queried date.
    pub certainty: Certainty,
}

/// One actor that affects the commodity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Affect {
    /// The actor: the acting body or a body it belongs to.
    pub actor: NodeIndex,
    /// The net effect as of the queried date.
    pub effect: NetEffect,
    /// `Uncertain` when an action deciding the effect may or may not have happened by the
    /// queried date (it is dated by month or year).
    pub certainty: Certainty,
    /// The shortest explaining chain, from the actor to the commodity: `part_of` steps up
    /// from the acting body to the actor (walked backwards), the action, then the
    /// economic ties from its target to the commodity.
    pub chain: Vec<Step>,
    /// The commodity the chain's action names, when the chain reaches the commodity that
    /// way rather than through the target's ties. The steps after the action then lead
    /// from this commodity to the queried one.
    pub names: Option<NodeIndex>,
    /// Where each target stands, sorted by target id (empty when the effect is `pledged`).
    pub targets: Vec<TargetStanding>,
}

impl Affect {
    /// The number of edges in the explaining chain.
    pub fn hops(&self) -> usize {
        self.chain.len()
    }
}

/// An action that reaches the commodity.
#[derive(Debug, Clone, Copy)]
struct Hit {
    edge: EdgeIndex,
    actor: NodeIndex,
    target: NodeIndex,
    effect: Effect,
    date: Option<Date>,
    certainty: Certainty,
    /// Edges from the action (included) to the commodity.
    hops: usize,
    names: Option<NodeIndex>,
}

impl Hit {
    fn is_measure(&self) -> bool {
        self.effect != Effect::Diplomatic
    }

    /// Orders the actions on one target: the later decides; on one day, a relief after
    /// the restriction it relieves.
    fn order(&self) -> (Option<Date>, Effect, EdgeIndex) {
        (self.date, self.effect, self.edge)
    }
}

/// Every actor whose actions reach `commodity` at `when`, with its net effect.
///
/// An action reaches the commodity when it names it (or a narrower heading that is
/// `part_of` it) in `concerns`, or when it is a measure (restrictive, easing or lifting)
/// whose target is tied to the commodity by economic relations (see
/// [`super::influence`]). Diplomatic actions reach it only by naming it, and count as
/// `pledged`. Each acting body is listed, and so is every body it belongs to (`part_of`
/// upward).
///
/// The net effect of an actor comes from the targets its actions (and those of the bodies
/// that belong to it) reach the commodity through: each target stands where the latest
/// measure on it by the actor, a body it belongs to, or a body that belongs to it, put it;
/// then all restrictive gives `restrictive`, all eased `eased`, all lifted `lifted`, and
/// anything else `mixed`.
///
/// # Arguments
/// * `graph`: the graph.
/// * `commodity`: the commodity node.
/// * `when`: which actions and relations count, usually [`When::AsOf`] a date.
///
/// # Returns
/// One [`Affect`] per actor, sorted by effect (restrictive, eased, lifted, mixed,
/// pledged), then hops, then actor id.
///
/// # Complexity
/// One breadth-first search backwards from the commodity over the V' nodes and R'
/// relations that reach it (walking relations only, see
/// [`SanctionsGraph::relations_of`]); then the X actions on those nodes or naming them
/// ([`SanctionsGraph::actions_naming`]); then each action is credited to its acting body
/// and the H bodies above it, and each actor's targets are combined with the measures of
/// the bodies above it: O(V' + R' + X·H + T·H) for T (actor, target) pairs. Nothing is
/// proportional to the whole graph.
///
/// # Example
/// ```
/// use sanctions_graph::query::{affects, NetEffect, When};
///
/// let graph = sanctions_graph::load_builtin().expect("the built-in graph is valid").graph;
/// let potash = graph.index_of("potash").unwrap();
/// let as_of = When::AsOf("2025-12-31".parse().unwrap());
/// let found = affects(&graph, potash, as_of);
/// let usa = found.iter().find(|a| graph.node_id(a.actor) == "usa").unwrap();
/// assert_eq!(usa.effect, NetEffect::Eased);
/// let eu = found.iter().find(|a| graph.node_id(a.actor) == "eu").unwrap();
/// assert_eq!(eu.effect, NetEffect::Restrictive);
/// ```
pub fn affects(graph: &SanctionsGraph, commodity: NodeIndex, when: When) -> Vec<Affect> {
    let towards = Towards::measure(graph, commodity, when);
    let hits = find_hits(graph, &towards, when);

    // The bodies above each acting node, with the part_of steps down from each.
    let mut hierarchy = Hierarchy::new(graph, when);
    let mut above: IndexMap<NodeIndex, Vec<(NodeIndex, Vec<Step>)>> = IndexMap::default();
    // The latest measure on each target by each acting node itself.
    let mut direct: IndexMap<(NodeIndex, NodeIndex), usize> = IndexMap::default();
    // For each actor: its own hits and those of the bodies below it, summarised.
    let mut reached: IndexMap<NodeIndex, Reached> = IndexMap::default();
    for (i, hit) in hits.iter().enumerate() {
        if hit.is_measure() {
            keep_latest(&hits, direct.entry((hit.target, hit.actor)).or_insert(i), i);
        }
        let chains = above
            .entry(hit.actor)
            .or_insert_with(|| hierarchy.above(hit.actor));
        let listed = std::iter::once((hit.actor, None, 0)).chain(
            chains
                .iter()
                .enumerate()
                .map(|(k, (body, steps))| (*body, Some(k), steps.len())),
        );
        for (body, up, up_hops) in listed {
            reached.entry(body).or_default().add(&hits, i, up, up_hops);
        }
    }

    let mut found: Vec<Affect> = reached
        .into_iter()
        .map(|(actor, reached)| {
            let ancestors: Vec<NodeIndex> = above
                .entry(actor)
                .or_insert_with(|| hierarchy.above(actor))
                .iter()
                .map(|(body, _)| *body)
                .collect();
            summarise(
                graph, &towards, &hits, &above, &direct, actor, &ancestors, reached,
            )
        })
        .collect();
    found.sort_by_cached_key(|a| (a.effect, a.hops(), graph.node_id(a.actor)));
    found
}

/// Replaces the hit in `slot` by hit `i` when `i` is later.
fn keep_latest(hits: &[Hit], slot: &mut usize, i: usize) {
    if hits[i].order() > hits[*slot].order() {
        *slot = i;
    }
}

/// A hit that could explain an actor's entry: the hit, which of the acting body's
/// `above` chains leads from the actor down to it (`None`: the actor acted itself), and
/// the chain's length.
#[derive(Debug, Clone, Copy)]
struct Candidate {
    hit: usize,
    up: Option<usize>,
    hops: usize,
}

impl Candidate {
    /// Shorter chains first; on equal length, the later action.
    fn better_than(&self, other: &Candidate, hits: &[Hit]) -> bool {
        (self.hops, std::cmp::Reverse(hits[self.hit].order()))
            < (other.hops, std::cmp::Reverse(hits[other.hit].order()))
    }
}

fn keep_better(slot: &mut Option<Candidate>, candidate: Candidate, hits: &[Hit]) {
    if slot.is_none_or(|current| candidate.better_than(&current, hits)) {
        *slot = Some(candidate);
    }
}

/// What one actor reaches through its own actions and those of the bodies below it.
#[derive(Debug, Default)]
struct Reached {
    /// The latest measure on each target, with the chain candidate for it.
    latest: IndexMap<NodeIndex, Candidate>,
    /// The shortest chain through a measure.
    measure: Option<Candidate>,
    /// The shortest chain through a diplomatic action naming the commodity.
    pledge: Option<Candidate>,
}

impl Reached {
    fn add(&mut self, hits: &[Hit], i: usize, up: Option<usize>, up_hops: usize) {
        let hit = &hits[i];
        let candidate = Candidate {
            hit: i,
            up,
            hops: up_hops + hit.hops,
        };
        if hit.is_measure() {
            keep_better(&mut self.measure, candidate, hits);
            let slot = self.latest.entry(hit.target).or_insert(candidate);
            if hits[i].order() > hits[slot.hit].order() {
                *slot = candidate;
            }
        } else {
            keep_better(&mut self.pledge, candidate, hits);
        }
    }
}

/// Every action that reaches the commodity, with the fewest edges it needs to. Only the
/// actions on nodes that reach the commodity and those naming a node that does are looked
/// at, not every edge.
fn find_hits(graph: &SanctionsGraph, towards: &Towards, when: When) -> Vec<Hit> {
    let mut candidates: Vec<EdgeIndex> = Vec::new();
    for node in towards.nodes() {
        candidates.extend(
            graph
                .edges_directed(node, Direction::Incoming)
                .filter(|edge| edge.weight().action().is_some())
                .map(|edge| edge.id()),
        );
        candidates.extend(graph.actions_naming(node));
    }
    candidates.sort_unstable();
    candidates.dedup();
    let mut hits = Vec::new();
    for index in candidates {
        let weight = graph.edge_at(index);
        let Some(kind) = weight.action() else {
            continue;
        };
        let effect = kind.effect();
        let measure = effect != Effect::Diplomatic;
        if !measure && weight.concerns().next().is_none() {
            continue;
        }
        let Some(certainty) = when.edge(weight) else {
            continue;
        };
        let (source, target) = graph.edge_ends(index);
        let through_target = measure
            .then(|| towards.hops(target))
            .flatten()
            .map(|hops| (hops + 1, None));
        let through_name = weight
            .concerns()
            .filter_map(|named| towards.hops(named).map(|hops| (hops + 1, Some(named))))
            .min_by_key(|&(hops, named)| (hops, named.map(|n| graph.node_id(n))));
        let best = match (through_target, through_name) {
            (Some(target), Some(name)) if name.0 < target.0 => Some(name),
            (Some(target), _) => Some(target),
            (None, name) => name,
        };
        if let Some((hops, names)) = best {
            hits.push(Hit {
                edge: index,
                actor: source,
                target,
                effect,
                date: weight.date(),
                certainty,
                hops,
                names,
            });
        }
    }
    hits
}

/// One actor's entry: where its targets stand, its net effect and its explaining chain.
#[allow(clippy::too_many_arguments)]
fn summarise(
    graph: &SanctionsGraph,
    towards: &Towards,
    hits: &[Hit],
    above: &IndexMap<NodeIndex, Vec<(NodeIndex, Vec<Step>)>>,
    direct: &IndexMap<(NodeIndex, NodeIndex), usize>,
    actor: NodeIndex,
    ancestors: &[NodeIndex],
    reached: Reached,
) -> Affect {
    // Each target stands where the latest measure on it by the actor, a body below it
    // (both in `reached.latest`) or a body above it (in `direct`) put it.
    let mut targets: Vec<TargetStanding> = Vec::with_capacity(reached.latest.len());
    let mut deciding: Option<Candidate> = None;
    for (&target, &own) in &reached.latest {
        let mut latest = own.hit;
        for &body in ancestors {
            if let Some(&j) = direct.get(&(target, body)) {
                if hits[j].order() > hits[latest].order() {
                    latest = j;
                }
            }
        }
        if latest == own.hit {
            keep_better(&mut deciding, own, hits);
        }
        if let Some(standing) = Standing::after(hits[latest].effect) {
            targets.push(TargetStanding {
                target,
                standing,
                action: hits[latest].edge,
                certainty: hits[latest].certainty,
            });
        }
    }
    // Each id is read once: comparing ids through the nodes would reach into memory for
    // both nodes at every comparison.
    targets.sort_by_cached_key(|t| graph.node_id(t.target));

    let effect = match targets.first() {
        None => NetEffect::Pledged,
        Some(first) if targets.iter().all(|t| t.standing == first.standing) => {
            match first.standing {
                Standing::Restrictive => NetEffect::Restrictive,
                Standing::Eased => NetEffect::Eased,
                Standing::Lifted => NetEffect::Lifted,
            }
        }
        Some(_) => NetEffect::Mixed,
    };
    let certainty = match effect {
        NetEffect::Pledged => reached
            .pledge
            .map_or(Certainty::Certain, |c| hits[c.hit].certainty),
        _ => targets
            .iter()
            .map(|t| t.certainty)
            .max()
            .unwrap_or(Certainty::Certain),
    };

    // The explaining chain: the shortest among the actions that decide a target's
    // standing, else among the actor's measures, else its pledge.
    let chosen = deciding
        .or(reached.measure)
        .or(reached.pledge)
        .expect("an actor is listed because it has at least one hit");
    let hit = &hits[chosen.hit];
    let mut chain = chosen
        .up
        .and_then(|k| above.get(&hit.actor).and_then(|chains| chains.get(k)))
        .map(|(_, steps)| steps.clone())
        .unwrap_or_default();
    chain.push(Step {
        edge: hit.edge,
        from: hit.actor,
        to: hit.target,
        forward: true,
        certainty: hit.certainty,
    });
    chain.extend(towards.chain(hit.names.unwrap_or(hit.target)));
    Affect {
        actor,
        effect,
        certainty,
        chain,
        names: hit.names,
        targets,
    }
}
