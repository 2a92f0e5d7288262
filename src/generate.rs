//! Deterministic random graphs, for benchmarks and tests: a realistic mix of node and edge
//! kinds, a few hubs, every action dated and sourced, the same graph for the same seed.

use crate::graph::SanctionsGraph;
use crate::model::{
    ActionKind, Date, Edge, EdgeKind, Node, NodeId, NodeKind, Origin, RelationKind, Source,
    SourceId,
};

/// What to generate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GenerateConfig {
    /// The number of nodes; at least [`FEWEST_NODES`] are made, so that every kind is
    /// present.
    pub nodes: usize,
    /// The number of edges.
    pub edges: usize,
    /// The seed: the same seed and sizes give the same graph.
    pub seed: u64,
}

impl Default for GenerateConfig {
    /// A thousand nodes, five thousand edges, seed 1.
    fn default() -> GenerateConfig {
        GenerateConfig {
            nodes: 1_000,
            edges: 5_000,
            seed: 1,
        }
    }
}

/// A random graph with `config.nodes` nodes and `config.edges` edges.
///
/// Nodes: about 1% countries, 0.2% blocs, 4% government bodies, 55% companies, 24%
/// persons, 2% commodities, 7% aircraft and the rest vessels, with ids such as `company-17`. Bodies
/// are `part_of` a country or an earlier body, so the body hierarchy has no cycle.
/// Companies come in corporate groups of eight: the group's first company owns the
/// others, which are its subsidiaries and mostly sell through one another; a few links
/// cross groups to large holdings. Edges follow the kinds' endpoint rules: about 30%
/// measures (sanction, restrict, ease, lift; a third name a commodity; an ease or lift
/// relieves a target sanctioned or restricted earlier, so the graph loads without
/// warnings), 10% diplomatic
/// actions, and standing relations (produces, exports, owns, subsidiary_of,
/// sells_through, operates, leads, envoy_of, allied_with, member_of, part_of). Ends are
/// drawn with a skew towards low numbers, so the first states act very often and
/// `commodity-0` and `company-0` are hubs. Actions are dated between 2000 and 2025
/// (mostly to the day, some to the month or year) and every edge cites one or two of
/// `edges / 100` sources.
///
/// The pseudo-random numbers come from SplitMix64 (a 64-bit counter passed through a
/// fixed mixing function): fast, statistically good enough for test data, and fully
/// determined by the seed.
///
/// # Example
/// ```
/// use sanctions_graph::generate::{generate, GenerateConfig};
///
/// let config = GenerateConfig { nodes: 200, edges: 800, seed: 7 };
/// let graph = generate(&config);
/// assert_eq!(graph.node_count(), 200);
/// assert_eq!(graph.edge_count(), 800);
/// assert!(graph.edges().filter(|e| e.kind().is_action()).all(|e| e.date().is_some()));
/// ```
pub fn generate(config: &GenerateConfig) -> SanctionsGraph {
    let mut maker = Maker::new(config);
    maker.structure();
    while maker.edges.len() < config.edges {
        maker.random_edge();
    }
    maker.edges.truncate(config.edges);
    let sources = (0..maker.source_count)
        .map(|i| Source {
            id: SourceId::new(format!("source-{i}")),
            publisher: format!("Publisher {}", i % 17),
            title: None,
            description: Some(format!("Generated report {i}.")),
            date: None,
            url: None,
            identifier: Some(format!("generated report {i}")),
            language: None,
        })
        .collect();
    SanctionsGraph::new(maker.nodes, maker.edges, sources)
}

/// SplitMix64: each call advances a counter by a fixed odd constant and mixes it.
struct SplitMix64(u64);

impl SplitMix64 {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (n > 0); the modulo bias is negligible for test data.
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    /// A number in `0..n` skewed towards 0: a uniform fraction raised to `power` (2: the
    /// first of 10,000 is drawn 1% of the time; 3: 4.6%).
    fn skewed(&mut self, n: usize, power: i32) -> usize {
        let unit = (self.next() >> 11) as f64 / (1u64 << 53) as f64;
        (unit.powi(power) * n as f64) as usize % n
    }

    /// `true` with probability `percent` / 100.
    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
}

/// The index range of each node kind.
/// The fewest nodes a generated graph has: the floors of every kind added up.
pub const FEWEST_NODES: usize = 23;

const VESSELS_AT_LEAST: usize = 3;

struct Ranges {
    kinds: Vec<(NodeKind, usize, usize)>,
}

impl Ranges {
    fn new(total: usize) -> Ranges {
        // (kind, share per mille, the fewest of it); vessels take the rest, at least 3.
        let shares = [
            (NodeKind::Country, 10, 3),
            (NodeKind::Bloc, 2, 1),
            (NodeKind::Body, 40, 3),
            (NodeKind::Company, 550, 5),
            (NodeKind::Person, 240, 3),
            (NodeKind::Commodity, 20, 2),
            (NodeKind::Aircraft, 70, 3),
        ];
        let mut counts = shares.map(|(_, per_mille, least)| (total * per_mille / 1000).max(least));
        // In small graphs the floors push the sum past the total: take the excess back
        // from the kinds furthest above their floor, so that the total is kept.
        let mut excess = (counts.iter().sum::<usize>() + VESSELS_AT_LEAST).saturating_sub(total);
        while excess > 0 {
            let Some(most) = (0..counts.len())
                .filter(|&i| counts[i] > shares[i].2)
                .max_by_key(|&i| (counts[i] - shares[i].2, std::cmp::Reverse(i)))
            else {
                break;
            };
            counts[most] -= 1;
            excess -= 1;
        }
        let mut kinds = Vec::new();
        let mut start = 0;
        for ((kind, _, _), count) in shares.into_iter().zip(counts) {
            kinds.push((kind, start, count));
            start += count;
        }
        kinds.push((
            NodeKind::Vessel,
            start,
            total.saturating_sub(start).max(VESSELS_AT_LEAST),
        ));
        Ranges { kinds }
    }

    fn range(&self, kind: NodeKind) -> (usize, usize) {
        self.kinds
            .iter()
            .find(|(k, _, _)| *k == kind)
            .map_or((0, 0), |&(_, start, count)| (start, count))
    }
}

/// Companies come in corporate groups of this many: ownership, subsidiaries and trading
/// channels stay mostly inside a group, as they do in real corporate structures, with a few
/// links across groups to large holdings.
const GROUP: usize = 8;

struct Maker {
    rng: SplitMix64,
    ranges: Ranges,
    nodes: Vec<Node>,
    edges: Vec<Edge>,
    source_count: usize,
    origin: Origin,
    /// Every sanction or restriction drawn so far: its target and date. An ease or lift
    /// relieves one of them, later, as in the real record.
    restricted: Vec<(usize, Date)>,
    /// Every relation drawn so far, so that none is drawn twice.
    relations: std::collections::HashSet<(EdgeKind, usize, usize)>,
}

impl Maker {
    fn new(config: &GenerateConfig) -> Maker {
        let ranges = Ranges::new(config.nodes.max(FEWEST_NODES));
        let origin = Origin {
            file: format!("generated:seed-{}", config.seed).into(),
            line: 0,
        };
        let mut nodes = Vec::new();
        for &(kind, _, count) in &ranges.kinds {
            for i in 0..count {
                let id = NodeId::new(format!("{kind}-{i}"));
                let name = format!("{kind} {i}");
                nodes.push(Node::new(id, kind, name, origin.clone()));
            }
        }
        Maker {
            rng: SplitMix64(config.seed),
            ranges,
            nodes,
            edges: Vec::with_capacity(config.edges),
            source_count: (config.edges / 100).max(1),
            origin,
            restricted: Vec::new(),
            relations: Default::default(),
        }
    }

    fn id(&self, index: usize) -> NodeId {
        self.nodes[index].id.clone()
    }

    /// A node of one of `kinds`: uniformly (`power` 1), or with hubs first (2, 3).
    fn pick(&mut self, kinds: &[NodeKind], power: i32) -> usize {
        let kind = kinds[self.rng.below(kinds.len())];
        let (start, count) = self.ranges.range(kind);
        start + self.rng.skewed(count, power)
    }

    /// The first company of `company`'s corporate group: its head.
    fn head_of(&self, company: usize) -> usize {
        let (start, _) = self.ranges.range(NodeKind::Company);
        start + (company - start) / GROUP * GROUP
    }

    /// Another company of `company`'s group.
    fn group_member(&mut self, company: usize) -> usize {
        let (start, count) = self.ranges.range(NodeKind::Company);
        let head = self.head_of(company);
        let size = GROUP.min(start + count - head);
        head + self.rng.below(size)
    }

    fn date(&mut self) -> Date {
        let year = 2000 + self.rng.below(26) as i32;
        let month = 1 + self.rng.below(12) as u32;
        let roll = self.rng.below(100);
        let date = if roll < 85 {
            Date::ymd(year, month, 1 + self.rng.below(28) as u32)
        } else if roll < 95 {
            Date::ym(year, month)
        } else {
            Ok(Date::year(year))
        };
        date.unwrap_or_else(|_| Date::year(year))
    }

    fn push(&mut self, kind: EdgeKind, from: usize, to: usize) -> Option<&mut Edge> {
        if from == to || (!kind.is_action() && !self.relations.insert((kind, from, to))) {
            return None;
        }
        let mut edge = Edge::new(kind, self.id(from), self.id(to), self.origin.clone());
        edge.sources.push(SourceId::new(format!(
            "source-{}",
            self.rng.below(self.source_count)
        )));
        if self.rng.chance(30) {
            edge.sources.push(SourceId::new(format!(
                "source-{}",
                self.rng.below(self.source_count)
            )));
            edge.sources.dedup();
        }
        if kind.is_action() {
            edge.date = Some(self.date());
        }
        self.edges.push(edge);
        self.edges.last_mut()
    }

    /// The body hierarchy, bloc membership and commodity headings.
    fn structure(&mut self) {
        let (body_start, bodies) = self.ranges.range(NodeKind::Body);
        for i in 0..bodies {
            let body = body_start + i;
            let parent = if i > 0 && self.rng.chance(30) {
                body_start + self.rng.below(i)
            } else {
                self.pick(&[NodeKind::Country], 3)
            };
            self.push(EdgeKind::Relation(RelationKind::PartOf), body, parent);
        }
        let (country_start, countries) = self.ranges.range(NodeKind::Country);
        for i in 0..countries {
            if self.rng.chance(50) {
                let bloc = self.pick(&[NodeKind::Bloc], 1);
                self.push(
                    EdgeKind::Relation(RelationKind::MemberOf),
                    country_start + i,
                    bloc,
                );
            }
        }
        let (commodity_start, commodities) = self.ranges.range(NodeKind::Commodity);
        for i in (commodities / 5).max(1)..commodities {
            if self.rng.chance(30) {
                let wider = commodity_start + self.rng.below(i);
                self.push(
                    EdgeKind::Relation(RelationKind::PartOf),
                    commodity_start + i,
                    wider,
                );
            }
        }
    }

    fn random_edge(&mut self) {
        use NodeKind::{Aircraft, Bloc, Body, Commodity, Company, Country, Person, Vessel};
        const STATES: &[NodeKind] = &[Country, Body, Body, Body];
        const TARGETS: &[NodeKind] = &[Company, Company, Company, Person, Aircraft, Vessel];
        const ACTORS: &[NodeKind] = &[Country, Bloc, Body, Company, Person];
        let roll = self.rng.below(100);
        let relation = |kind| EdgeKind::Relation(kind);
        match roll {
            0..=29 => {
                let mut kind = match self.rng.below(10) {
                    0..=5 => ActionKind::Sanction,
                    6 => ActionKind::Restrict,
                    7 | 8 => ActionKind::Ease,
                    _ => ActionKind::Lift,
                };
                let relieved = match kind {
                    ActionKind::Ease | ActionKind::Lift if !self.restricted.is_empty() => {
                        Some(self.restricted[self.rng.below(self.restricted.len())])
                    }
                    ActionKind::Ease | ActionKind::Lift => {
                        kind = ActionKind::Sanction;
                        None
                    }
                    _ => None,
                };
                let from = self.pick(STATES, 3);
                let to = match relieved {
                    Some((target, _)) => target,
                    None => self.pick(TARGETS, 2),
                };
                let names = self
                    .rng
                    .chance(33)
                    .then(|| self.pick(&[Commodity], 2))
                    .map(|c| self.id(c));
                if let Some(edge) = self.push(EdgeKind::Action(kind), from, to) {
                    edge.concerns.extend(names);
                    edge.instrument = Some("Generated programme".to_owned());
                    if let (Some((_, since)), Some(date)) = (relieved, edge.date) {
                        edge.date = Some(date.max(since));
                    }
                    if relieved.is_none() {
                        let date = edge.date;
                        self.restricted.extend(date.map(|date| (to, date)));
                    }
                }
            }
            30..=39 => {
                let kind = [
                    ActionKind::Visit,
                    ActionKind::Meet,
                    ActionKind::PledgeEase,
                    ActionKind::PledgeCooperation,
                ][self.rng.below(4)];
                let from = self.pick(ACTORS, 3);
                let to = if kind == ActionKind::PledgeEase {
                    self.pick(&[Country, Company], 2)
                } else {
                    self.pick(&[Country, Person], 3)
                };
                let names = (kind == ActionKind::PledgeEase)
                    .then(|| self.pick(&[Commodity], 2))
                    .map(|c| self.id(c));
                if let Some(edge) = self.push(EdgeKind::Action(kind), from, to) {
                    edge.concerns.extend(names);
                }
            }
            40..=54 => {
                let kind = if self.rng.chance(70) {
                    RelationKind::Produces
                } else {
                    RelationKind::Exports
                };
                let from = self.pick(&[Company, Company, Company, Country], 1);
                let to = self.pick(&[Commodity], 2);
                self.push(relation(kind), from, to);
            }
            55..=69 => {
                // A group's head owns its members; some companies and aircraft belong to
                // a state, a person or a holding elsewhere.
                let owned = self.pick(&[Company, Company, Aircraft, Vessel], 1);
                let owner = if self.ranges.range(Company).0 <= owned
                    && self.nodes[owned].kind == Company
                    && self.rng.chance(80)
                {
                    self.head_of(owned)
                } else {
                    self.pick(&[Country, Body, Company, Person], 3)
                };
                self.push(relation(RelationKind::Owns), owner, owned);
            }
            70..=79 => {
                let from = self.pick(&[Company], 1);
                let to = if self.rng.chance(95) {
                    self.head_of(from)
                } else {
                    self.pick(&[Company], 3)
                };
                self.push(relation(RelationKind::SubsidiaryOf), from, to);
            }
            80..=84 => {
                let from = self.pick(&[Company], 1);
                let to = if self.rng.chance(90) {
                    self.group_member(from)
                } else {
                    self.pick(&[Company], 3)
                };
                self.push(relation(RelationKind::SellsThrough), from, to);
            }
            85..=89 => {
                let from = self.pick(&[Company, Person, Body], 1);
                let to = self.pick(&[Aircraft, Vessel], 1);
                self.push(relation(RelationKind::Operates), from, to);
            }
            90..=94 => {
                let from = self.pick(&[Person], 1);
                let to = self.pick(&[Country, Body, Company, Company], 2);
                self.push(relation(RelationKind::Leads), from, to);
            }
            95..=96 => {
                let from = self.pick(&[Person], 1);
                let to = self.pick(&[Country, Person], 3);
                self.push(relation(RelationKind::EnvoyOf), from, to);
            }
            _ => {
                let from = self.pick(ACTORS, 1);
                let to = self.pick(ACTORS, 2);
                self.push(relation(RelationKind::AlliedWith), from, to);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn small(seed: u64) -> SanctionsGraph {
        generate(&GenerateConfig {
            nodes: 300,
            edges: 1_500,
            seed,
        })
    }

    #[test]
    fn the_same_seed_gives_the_same_graph_and_another_seed_another() {
        let edges =
            |graph: &SanctionsGraph| graph.edges().map(|edge| edge.to_edge()).collect::<Vec<_>>();
        assert_eq!(edges(&small(3)), edges(&small(3)));
        assert_ne!(edges(&small(3)), edges(&small(4)));
    }

    #[test]
    fn every_edge_joins_allowed_kinds_and_every_action_is_dated_and_sourced() {
        let graph = small(5);
        assert_eq!(graph.edge_count(), 1_500);
        for edge in graph.edges() {
            let (from, to) = edge.kind().endpoints();
            let kind_of = |id: &str| graph.node(id).map(|n| n.kind());
            assert!(
                kind_of(edge.from()).is_some_and(|k| from.contains(&k)),
                "{edge:?}"
            );
            assert!(
                kind_of(edge.to()).is_some_and(|k| to.contains(&k)),
                "{edge:?}"
            );
            assert_ne!(edge.from(), edge.to());
            assert_eq!(edge.kind().is_action(), edge.date().is_some(), "{edge:?}");
            assert!(edge.sources().next().is_some());
            assert!(edge.sources().all(|s| graph.source(s).is_some()));
            for named in edge.concerns() {
                assert_eq!(graph.node_kind(named), NodeKind::Commodity);
            }
        }
        for kind in NodeKind::ALL {
            assert!(graph.nodes().any(|n| n.kind() == kind), "{kind} missing");
        }
    }
}
