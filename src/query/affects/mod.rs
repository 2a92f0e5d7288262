//! Who affects a commodity: every actor whose actions reach it, with the shortest chain
//! explaining how, and the net effect of its actions as of a date.

use crate::index_map::IndexMap;

use petgraph::graph::{EdgeIndex, NodeIndex};
use petgraph::visit::EdgeRef;
use petgraph::Direction;

use super::decide::{decide, Measure};
use super::influence::{broader_headings, Towards};
use super::standing::{Ancestry, Hierarchy, Standing};
use super::{Certainty, Step, When};
use crate::graph::SanctionsGraph;
use crate::model::{Date, Effect, NodeKind};

mod answer;

pub use answer::{Affect, Coverage, NetEffect, TargetStanding};

/// An action that reaches the commodity.
#[derive(Debug, Clone, Copy)]
struct Hit {
    edge: EdgeIndex,
    actor: NodeIndex,
    target: NodeIndex,
    effect: Effect,
    date: Date,
    until: Option<Date>,
    certainty: Certainty,
    /// Edges from the action (included) to the commodity.
    hops: usize,
    names: Option<NodeIndex>,
    coverage: Coverage,
    unverified: bool,
}

impl Hit {
    fn is_measure(&self) -> bool {
        self.effect != Effect::Diplomatic
    }

    /// Orders the actions on one target: the later decides; on one day, a relief after
    /// the restriction it relieves.
    fn order(&self) -> (Date, Effect, EdgeIndex) {
        (self.date, self.effect, self.edge)
    }

    fn measure(&self) -> Measure {
        Measure {
            date: self.date,
            until: self.until,
            effect: self.effect,
            edge: self.edge,
        }
    }
}

/// Every actor whose actions reach `commodity` at `when`, with its net effect.
///
/// The rules, in plain words, are in `docs/queries.md`; in short:
///
/// * **Scope.** A measure that names commodities (`concerns`) reaches the commodity when it
///   names it, a heading that contains it ([`Coverage::Contains`]) or a narrower heading
///   inside it ([`Coverage::Part`], *partial*); it reaches no other commodity, whatever
///   its target produces. A measure that names none reaches whatever its target's
///   economic ties reach ([`super::influence`]). Diplomatic actions reach the commodity
///   only by naming it, and count as `pledged`.
/// * **Standing per target and commodity.** Each target stands where the latest measure
///   in force on it that reaches this commodity puts it, counting the measures of the
///   actor, of the bodies that belong to it and of the bodies it belongs to. In force:
///   taken by the queried date and not ended (`until`) before it. On one day, a relief
///   comes after the restriction it relieves.
/// * **Relations on the date.** Economic ties and the body hierarchy count only while
///   they hold on the queried date.
/// * **Certainty.** A standing is certain when every reading of the dates inside their
///   precision gives the same standing (see [`super::decide`]); an unverified deciding
///   action makes it uncertain too.
///
/// The net effect of an actor: all its targets restrictive gives `restrictive`, all eased
/// `eased`, all lifted `lifted`, anything else `mixed`; no target in force but a pledge
/// naming the commodity gives `pledged`.
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
/// [`SanctionsGraph::relations_of`]) and one up its headings; then the X actions on those
/// nodes or naming them ([`SanctionsGraph::actions_naming`]); then each action is credited
/// to its acting body and the H bodies above it, and each actor's targets are decided
/// with the measures of the bodies above it: O(V' + R' + X·H + T·H) for T (actor,
/// target) pairs. Nothing is proportional to the whole graph.
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
    affects_without(graph, commodity, when, |_| false)
}

/// [`affects()`] with some actions taken out, as if they had never been taken: what the
/// answer would be without a licence, a delisting or a ban.
///
/// # Arguments
/// * `graph`, `commodity`, `when`: as for [`affects()`].
/// * `left_out`: whether an action is taken out; relations are never taken out.
///
/// # Returns
/// As [`affects()`], computed by the same code on the actions kept.
///
/// # Complexity
/// As [`affects()`], plus one call of `left_out` per action looked at.
///
/// # Example
/// ```
/// use sanctions_graph::query::{affects_without, NetEffect, When};
///
/// let graph = sanctions_graph::load_builtin().expect("the built-in graph is valid").graph;
/// let potash = graph.index_of("potash").unwrap();
/// let as_of = When::AsOf("2025-12-31".parse().unwrap());
/// let licence = |edge| graph.edge_at(edge).instrument() == Some("Belarus General License 13");
/// let found = affects_without(&graph, potash, as_of, licence);
/// let usa = found.iter().find(|a| graph.node_id(a.actor) == "usa").unwrap();
/// assert_eq!(usa.effect, NetEffect::Restrictive);
/// ```
pub fn affects_without(
    graph: &SanctionsGraph,
    commodity: NodeIndex,
    when: When,
    left_out: impl Fn(EdgeIndex) -> bool,
) -> Vec<Affect> {
    let reach = Reach::new(graph, commodity, when);
    let hits = find_hits(graph, &reach, when, |hit| !left_out(hit.edge));
    answer(graph, &reach, when, &hits)
}

/// [`affects_without`] as of `day` and [`scheduled`] after it, together: the actions that
/// reach the commodity are looked for once, not once for each answer (at a hub, that
/// search is a good part of the query).
///
/// # Arguments
/// As [`affects_without`], with the day asked.
///
/// # Returns
/// What the two functions return.
///
/// # Complexity
/// As [`affects()`].
///
/// # Example
/// ```
/// use sanctions_graph::query::{affects_and_scheduled, affects_without, scheduled, When};
///
/// let graph = sanctions_graph::load_builtin().expect("the built-in graph is valid").graph;
/// let potash = graph.index_of("potash").unwrap();
/// let day = "2021-06-30".parse().unwrap();
/// let (found, later) = affects_and_scheduled(&graph, potash, day, |_| false);
/// assert_eq!(found, affects_without(&graph, potash, When::AsOf(day), |_| false));
/// assert_eq!(later, scheduled(&graph, potash, day));
/// assert!(!later.is_empty());
/// ```
pub fn affects_and_scheduled(
    graph: &SanctionsGraph,
    commodity: NodeIndex,
    day: Date,
    left_out: impl Fn(EdgeIndex) -> bool,
) -> (Vec<Affect>, Vec<EdgeIndex>) {
    let when = When::AsOf(day);
    let reach = Reach::new(graph, commodity, when);
    // Every reaching action whatever its date; those that count on the day are the hits
    // `find_hits` would give for it (the date only filters and sets the certainty).
    let every = find_hits(graph, &reach, When::Always, |_| true);
    let mut later: Vec<&Hit> = every
        .iter()
        .filter(|hit| !hit.date.possibly_by(day))
        .collect();
    later.sort_by_key(|hit| hit.order());
    let later = later.into_iter().map(|hit| hit.edge).collect();
    let hits: Vec<Hit> = every
        .into_iter()
        .filter(|hit| !left_out(hit.edge))
        .filter_map(|hit| {
            let certainty = when.edge(graph.edge_at(hit.edge))?;
            Some(Hit { certainty, ..hit })
        })
        .collect();
    (answer(graph, &reach, when, &hits), later)
}

/// The answer of `affects` from the actions that reach the commodity and count.
fn answer(graph: &SanctionsGraph, reach: &Reach, when: When, hits: &[Hit]) -> Vec<Affect> {
    // The bodies above each acting node, with the part_of steps down from each.
    let mut hierarchy = Hierarchy::new(graph, when);
    let mut above: IndexMap<NodeIndex, Ancestry> = IndexMap::default();
    // The measures on each target by each acting node itself.
    let mut direct: IndexMap<(NodeIndex, NodeIndex), Vec<usize>> = IndexMap::default();
    // For each actor: its own hits and those of the bodies below it.
    let mut reached: IndexMap<NodeIndex, Reached> = IndexMap::default();
    for (i, hit) in hits.iter().enumerate() {
        if hit.is_measure() {
            direct.entry((hit.target, hit.actor)).or_default().push(i);
        }
        let ancestry = above
            .entry(hit.actor)
            .or_insert_with(|| hierarchy.above(hit.actor));
        let listed = std::iter::once((hit.actor, None, 0))
            .chain((0..ancestry.len()).map(|k| (ancestry.body(k), Some(k), ancestry.hops(k))));
        for (body, up, up_hops) in listed {
            reached.entry(body).or_default().add(hits, i, up, up_hops);
        }
    }

    let mut found: Vec<Affect> = reached
        .into_iter()
        .filter_map(|(actor, reached)| {
            // Only the acting bodies' ancestries are kept (their chains explain entries);
            // an actor's own is used and dropped, so memory stays linear in the depth.
            let ancestors: Vec<NodeIndex> = match above.get(&actor) {
                Some(ancestry) => ancestry.bodies().collect(),
                None => hierarchy.above(actor).bodies().collect(),
            };
            let group = Group {
                hits,
                direct: &direct,
                ancestors: &ancestors,
                day: when.day(),
            };
            summarise(graph, reach, &group, &above, actor, reached)
        })
        .collect();
    found.sort_by_cached_key(|a| (a.effect, a.hops(), graph.node_id(a.actor)));
    found
}

/// The actions that reach the commodity but are dated after `day`: measures and pledges
/// already announced for a later date, listed apart as *scheduled*, oldest first.
///
/// # Complexity
/// As [`affects()`], without the crediting to bodies.
pub fn scheduled(graph: &SanctionsGraph, commodity: NodeIndex, day: Date) -> Vec<EdgeIndex> {
    let reach = Reach::new(graph, commodity, When::AsOf(day));
    let mut later: Vec<Hit> = find_hits(graph, &reach, When::Always, |hit| {
        !hit.date.possibly_by(day)
    });
    later.sort_by_key(Hit::order);
    later.into_iter().map(|hit| hit.edge).collect()
}

/// The actions that reach `commodity` and count at `when` (with [`When::Between`], the
/// actions dated in the period), by the same scope rules as [`affects()`], in date order.
///
/// # Complexity
/// As [`affects()`], without the crediting to bodies.
pub fn actions_reaching(
    graph: &SanctionsGraph,
    commodity: NodeIndex,
    when: When,
) -> Vec<EdgeIndex> {
    let reach = Reach::new(graph, commodity, when);
    let mut hits: Vec<Hit> = find_hits(graph, &reach, when, |_| true);
    hits.sort_by_key(Hit::order);
    hits.into_iter().map(|hit| hit.edge).collect()
}

/// What reaches the commodity at the queried time: the nodes whose ties lead to it and
/// the headings that contain it.
struct Reach {
    towards: Towards,
    broader: IndexMap<NodeIndex, Vec<Step>>,
}

impl Reach {
    fn new(graph: &SanctionsGraph, commodity: NodeIndex, when: When) -> Reach {
        Reach {
            towards: Towards::measure(graph, commodity, when),
            broader: broader_headings(graph, commodity, when),
        }
    }

    /// How a named commodity meets the queried one, and the edges from it.
    fn named(&self, graph: &SanctionsGraph, named: NodeIndex) -> Option<(Coverage, usize)> {
        if named == self.towards.commodity() {
            return Some((Coverage::Names, 0));
        }
        if let Some(steps) = self.broader.get(&named) {
            return Some((Coverage::Contains, steps.len()));
        }
        let hops = self.towards.hops(named)?;
        (graph.node_kind(named) == NodeKind::Commodity).then_some((Coverage::Part, hops))
    }

    /// The steps from what an action reaches (the commodity it names, or its target) to
    /// the queried commodity.
    fn chain(&self, hit: &Hit) -> Vec<Step> {
        match (hit.coverage, hit.names) {
            (Coverage::Contains, Some(named)) => {
                self.broader.get(&named).cloned().unwrap_or_default()
            }
            (_, named) => self.towards.chain(named.unwrap_or(hit.target)),
        }
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
    /// Shorter chains first; on equal length, the action covering more, then the later.
    fn better_than(&self, other: &Candidate, hits: &[Hit]) -> bool {
        let key = |c: &Candidate| {
            (
                c.hops,
                hits[c.hit].coverage,
                std::cmp::Reverse(hits[c.hit].order()),
            )
        };
        key(self) < key(other)
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
    /// The measures on each target, each with its chain candidate.
    measures: IndexMap<NodeIndex, Vec<Candidate>>,
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
            self.measures.entry(hit.target).or_default().push(candidate);
        } else {
            keep_better(&mut self.pledge, candidate, hits);
        }
    }
}

/// Every action that reaches the commodity and counts at `when`, with the fewest edges
/// it needs to, for which `keep` holds. Only the actions on nodes that reach the
/// commodity and those naming a node that does (or a heading around it) are looked at,
/// not every edge.
fn find_hits(
    graph: &SanctionsGraph,
    reach: &Reach,
    when: When,
    keep: impl Fn(&Hit) -> bool,
) -> Vec<Hit> {
    let mut candidates: Vec<EdgeIndex> = Vec::new();
    for node in reach.towards.nodes() {
        candidates.extend(
            graph
                .edges_directed(node, Direction::Incoming)
                .filter(|edge| edge.weight().action().is_some())
                .map(|edge| edge.id()),
        );
        candidates.extend(graph.actions_naming(node));
    }
    for &heading in reach.broader.keys() {
        candidates.extend(graph.actions_naming(heading));
    }
    candidates.sort_unstable();
    candidates.dedup();
    let mut hits = Vec::new();
    for index in candidates {
        let weight = graph.edge_at(index);
        let (Some(kind), Some(date)) = (weight.action(), weight.date()) else {
            continue;
        };
        let effect = kind.effect();
        let mut names = weight.concerns().peekable();
        let names_any = names.peek().is_some();
        if effect == Effect::Diplomatic && !names_any {
            continue;
        }
        let Some(certainty) = when.edge(weight) else {
            continue;
        };
        let (source, target) = graph.edge_ends(index);
        // A measure that names commodities reaches only those; one that names none
        // reaches what its target's ties reach.
        let best = if names_any {
            names
                .filter_map(|named| {
                    reach
                        .named(graph, named)
                        .map(|(coverage, hops)| (coverage, hops + 1, Some(named)))
                })
                .min_by_key(|&(coverage, hops, named)| {
                    (coverage, hops, named.map(|n| graph.node_id(n)))
                })
        } else {
            reach
                .towards
                .hops(target)
                .map(|hops| (Coverage::Ties, hops + 1, None))
        };
        let Some((coverage, hops, names)) = best else {
            continue;
        };
        let hit = Hit {
            edge: index,
            actor: source,
            target,
            effect,
            date,
            until: weight.until(),
            certainty,
            hops,
            names,
            coverage,
            unverified: weight.unverified(),
        };
        if keep(&hit) {
            hits.push(hit);
        }
    }
    hits
}

/// The measures that count together for one actor: its own hits and those of the bodies
/// below it (in [`Reached`]), and those of the bodies above it.
struct Group<'a> {
    hits: &'a [Hit],
    direct: &'a IndexMap<(NodeIndex, NodeIndex), Vec<usize>>,
    ancestors: &'a [NodeIndex],
    day: Option<Date>,
}

impl Group<'_> {
    /// Where `target` stands, deciding among the actor's own measures `own` and those of
    /// the bodies above it; with the deciding hit.
    fn standing(&self, target: NodeIndex, own: &[Candidate]) -> Option<(TargetStanding, usize)> {
        let mut involved: Vec<usize> = own.iter().map(|c| c.hit).collect();
        for &body in self.ancestors {
            if let Some(theirs) = self.direct.get(&(target, body)) {
                involved.extend(theirs.iter().copied());
            }
        }
        involved.sort_unstable();
        involved.dedup();
        let measures: Vec<Measure> = involved.iter().map(|&i| self.hits[i].measure()).collect();
        let decision = decide(&measures, self.day)?;
        let deciding = involved[decision.decider];
        let hit = &self.hits[deciding];
        let standing = Standing::after(hit.effect)?;
        let unverified = hit.unverified;
        let certainty = if unverified {
            Certainty::Uncertain
        } else {
            decision.certainty
        };
        let possible = if decision.possible.len() > 1 {
            decision.possible
        } else {
            Vec::new()
        };
        Some((
            TargetStanding {
                target,
                standing,
                action: hit.edge,
                certainty,
                possible,
                coverage: hit.coverage,
                unverified,
            },
            deciding,
        ))
    }
}

/// One actor's entry: where its targets stand, its net effect and its explaining chain;
/// `None` when no measure of it is in force and it made no pledge.
fn summarise(
    graph: &SanctionsGraph,
    reach: &Reach,
    group: &Group<'_>,
    above: &IndexMap<NodeIndex, Ancestry>,
    actor: NodeIndex,
    reached: Reached,
) -> Option<Affect> {
    let hits = group.hits;
    let mut targets: Vec<TargetStanding> = Vec::with_capacity(reached.measures.len());
    let mut deciding: Option<Candidate> = None;
    for (&target, own) in &reached.measures {
        let Some((standing, hit)) = group.standing(target, own) else {
            continue;
        };
        if let Some(&candidate) = own.iter().find(|c| c.hit == hit) {
            keep_better(&mut deciding, candidate, hits);
        }
        targets.push(standing);
    }
    // Each id is read once: comparing ids through the nodes would reach into memory for
    // both nodes at every comparison.
    targets.sort_by_cached_key(|t| graph.node_id(t.target));

    let effect = match targets.first() {
        None if reached.pledge.is_none() => return None,
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

    // The explaining chain: the shortest among the actions that decide a target's
    // standing, else among the actor's measures, else its pledge.
    let chosen = match effect {
        NetEffect::Pledged => reached.pledge,
        _ => deciding.or(reached.measure),
    }?;
    let hit = &hits[chosen.hit];
    let certainty = match effect {
        NetEffect::Pledged if hit.unverified => Certainty::Uncertain,
        NetEffect::Pledged => hit.certainty,
        _ => targets
            .iter()
            .map(|t| t.certainty)
            .max()
            .unwrap_or(Certainty::Certain),
    };
    let mut chain = chosen
        .up
        .and_then(|k| above.get(&hit.actor).map(|ancestry| ancestry.chain(k)))
        .unwrap_or_default();
    chain.push(Step {
        edge: hit.edge,
        from: hit.actor,
        to: hit.target,
        forward: true,
        certainty: hit.certainty,
    });
    chain.extend(reach.chain(hit));
    let unverified = targets.iter().any(|t| t.unverified)
        || chain
            .iter()
            .any(|step| graph.edge_at(step.edge).unverified());
    Some(Affect {
        actor,
        effect,
        certainty,
        partial: !targets.is_empty() && targets.iter().all(TargetStanding::is_partial),
        unverified,
        chain,
        names: hit.names,
        coverage: hit.coverage,
        targets,
    })
}
