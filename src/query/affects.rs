//! Who affects a commodity: every actor whose actions reach it, with the shortest chain
//! explaining how, and the net effect of its actions as of a date.

use std::collections::{BTreeMap, HashMap, HashSet};

use petgraph::graph::{EdgeIndex, NodeIndex};
use petgraph::visit::EdgeRef;
use serde::Serialize;

use super::influence::Towards;
use super::standing::{bodies_above, bodies_below, Standing};
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
/// One breadth-first search backwards from the commodity over economic ties, one pass
/// over the edges to find the actions that reach it, then for each acting body its
/// ancestors and descendants in the body hierarchy: O(V + E + A·H) for A actors and
/// hierarchies of H bodies.
///
/// # Example
/// ```
/// use sanctions_graph::query::{affects, NetEffect, When};
///
/// let graph = sanctions_graph::load_builtin().expect("the built-in graph is valid").graph;
/// let potash = graph.index_of("potash").unwrap();
/// let as_of = When::AsOf("2025-12-31".parse().unwrap());
/// let found = affects(&graph, potash, as_of);
/// let usa = found.iter().find(|a| graph.node_at(a.actor).id.as_str() == "usa").unwrap();
/// assert_eq!(usa.effect, NetEffect::Eased);
/// let eu = found.iter().find(|a| graph.node_at(a.actor).id.as_str() == "eu").unwrap();
/// assert_eq!(eu.effect, NetEffect::Restrictive);
/// ```
pub fn affects(graph: &SanctionsGraph, commodity: NodeIndex, when: When) -> Vec<Affect> {
    let g = graph.petgraph();
    let towards = Towards::measure(g, commodity, when);
    let hits = find_hits(graph, &towards, when);

    let mut by_target: HashMap<NodeIndex, Vec<usize>> = HashMap::new();
    for (i, hit) in hits.iter().enumerate() {
        if hit.is_measure() {
            by_target.entry(hit.target).or_default().push(i);
        }
    }
    // Each actor's own hits (by it or a body below it), with the part_of steps from the
    // actor down to the acting body.
    let mut own: BTreeMap<NodeIndex, Vec<(usize, Vec<Step>)>> = BTreeMap::new();
    let mut above_cache: HashMap<NodeIndex, Vec<(NodeIndex, Vec<Step>)>> = HashMap::new();
    for (i, hit) in hits.iter().enumerate() {
        own.entry(hit.actor).or_default().push((i, Vec::new()));
        let above = above_cache
            .entry(hit.actor)
            .or_insert_with(|| bodies_above(g, hit.actor, when));
        for (body, steps) in above.iter() {
            own.entry(*body).or_default().push((i, steps.clone()));
        }
    }

    let mut found: Vec<Affect> = own
        .into_iter()
        .map(|(actor, own_hits)| {
            let mut family: HashSet<NodeIndex> = bodies_below(g, actor, when).into_iter().collect();
            family.insert(actor);
            family.extend(
                above_cache
                    .entry(actor)
                    .or_insert_with(|| bodies_above(g, actor, when))
                    .iter()
                    .map(|(body, _)| *body),
            );
            summarise(
                graph, &towards, &hits, &by_target, actor, &own_hits, &family,
            )
        })
        .collect();
    found.sort_by(|a, b| {
        (a.effect, a.hops(), &graph.node_at(a.actor).id).cmp(&(
            b.effect,
            b.hops(),
            &graph.node_at(b.actor).id,
        ))
    });
    found
}

/// Every action that reaches the commodity, with the fewest edges it needs to.
fn find_hits(graph: &SanctionsGraph, towards: &Towards, when: When) -> Vec<Hit> {
    let g = graph.petgraph();
    let mut hits = Vec::new();
    for edge in g.edge_references() {
        let weight = edge.weight();
        let Some(kind) = weight.action() else {
            continue;
        };
        let effect = kind.effect();
        let measure = effect != Effect::Diplomatic;
        if !measure && weight.concerns.is_empty() {
            continue;
        }
        let Some(certainty) = when.edge(weight) else {
            continue;
        };
        let through_target = measure
            .then(|| towards.hops(edge.target()))
            .flatten()
            .map(|hops| (hops + 1, None));
        let through_name = weight
            .concerns
            .iter()
            .filter_map(|id| graph.index_of(id.as_str()))
            .filter_map(|named| towards.hops(named).map(|hops| (hops + 1, Some(named))))
            .min_by_key(|&(hops, named)| (hops, named.map(|n| graph.node_at(n).id.clone())));
        let best = match (through_target, through_name) {
            (Some(target), Some(name)) if name.0 < target.0 => Some(name),
            (Some(target), _) => Some(target),
            (None, name) => name,
        };
        if let Some((hops, names)) = best {
            hits.push(Hit {
                edge: edge.id(),
                actor: edge.source(),
                target: edge.target(),
                effect,
                date: weight.date,
                certainty,
                hops,
                names,
            });
        }
    }
    hits
}

/// One actor's entry: where its targets stand, its net effect and its explaining chain.
fn summarise(
    graph: &SanctionsGraph,
    towards: &Towards,
    hits: &[Hit],
    by_target: &HashMap<NodeIndex, Vec<usize>>,
    actor: NodeIndex,
    own_hits: &[(usize, Vec<Step>)],
    family: &HashSet<NodeIndex>,
) -> Affect {
    let mut targets: Vec<TargetStanding> = Vec::new();
    let mut deciding: HashSet<usize> = HashSet::new();
    let mut seen_targets: HashSet<NodeIndex> = HashSet::new();
    for &(i, _) in own_hits {
        let hit = &hits[i];
        if !hit.is_measure() || !seen_targets.insert(hit.target) {
            continue;
        }
        let latest = by_target[&hit.target]
            .iter()
            .copied()
            .filter(|&j| family.contains(&hits[j].actor))
            .max_by_key(|&j| hits[j].order());
        if let Some(j) = latest {
            if let Some(standing) = Standing::after(hits[j].effect) {
                deciding.insert(j);
                targets.push(TargetStanding {
                    target: hit.target,
                    standing,
                    action: hits[j].edge,
                    certainty: hits[j].certainty,
                });
            }
        }
    }
    targets.sort_by(|a, b| graph.node_at(a.target).id.cmp(&graph.node_at(b.target).id));

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
    let certainty = if effect == NetEffect::Pledged {
        own_hits
            .iter()
            .map(|&(i, _)| hits[i].certainty)
            .min()
            .unwrap_or(Certainty::Certain)
    } else {
        targets
            .iter()
            .map(|t| t.certainty)
            .max()
            .unwrap_or(Certainty::Certain)
    };

    // The explaining chain: the shortest among the actions that decide a target's
    // standing, else among the actor's measures, else among its pledges; on equal length,
    // the latest action.
    let pick = |keep: &dyn Fn(usize) -> bool| {
        own_hits
            .iter()
            .filter(|(i, _)| keep(*i))
            .min_by_key(|(i, up)| {
                let hit = &hits[*i];
                (up.len() + hit.hops, std::cmp::Reverse(hit.order()))
            })
    };
    let chosen = pick(&|i| deciding.contains(&i))
        .or_else(|| pick(&|i| hits[i].is_measure()))
        .or_else(|| pick(&|_| true))
        .expect("an actor is listed because it has at least one hit");
    let (i, up) = chosen;
    let hit = &hits[*i];
    let mut chain = up.clone();
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
