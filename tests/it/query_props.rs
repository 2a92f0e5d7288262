//! Property tests of the queries against plain brute-force versions on small random typed
//! graphs: path search, shortest paths and `affects`.

use std::collections::{BTreeSet, HashSet};

use petgraph::graph::{EdgeIndex, NodeIndex};
use petgraph::visit::EdgeRef;
use proptest::prelude::*;
use sanctions_graph::graph::EdgeView;
use sanctions_graph::model::{
    ActionKind, Date, Edge, EdgeKind, Node, NodeId, NodeKind, Origin, RelationKind, SourceId,
};
use sanctions_graph::query::paths::PathQuery;
use sanctions_graph::query::{
    affected_by, affects, all_paths, k_shortest_paths, shortest_path, EdgeFilter, Follow, Limits,
    When,
};
use sanctions_graph::SanctionsGraph;

fn origin() -> Origin {
    Origin {
        file: "prop".into(),
        line: 1,
    }
}

fn id(i: usize) -> NodeId {
    NodeId::new(format!("n{i}"))
}

fn edge_kind(index: usize) -> EdgeKind {
    let actions = ActionKind::ALL.len();
    if index < actions {
        EdgeKind::Action(ActionKind::ALL[index])
    } else {
        EdgeKind::Relation(RelationKind::ALL[(index - actions) % RelationKind::ALL.len()])
    }
}

fn date(months: u32, precision: u8) -> Date {
    let (year, month) = (2020 + (months / 12) as i32, months % 12 + 1);
    match precision {
        0 => Date::year(year),
        1 => Date::ym(year, month).expect("valid month"),
        _ => Date::ymd(year, month, 1 + months % 28).expect("valid day"),
    }
}

/// Raw material for one edge: ends, kind, date, whether it names node 0.
type RawEdge = (usize, usize, usize, u32, u8, bool);

/// A graph of `kinds.len()` nodes `n0`, `n1`, ...; node 0 is always a commodity.
fn build(kinds: &[usize], raw: &[RawEdge]) -> SanctionsGraph {
    let nodes = kinds
        .iter()
        .enumerate()
        .map(|(i, &k)| {
            let kind = if i == 0 {
                NodeKind::Commodity
            } else {
                NodeKind::ALL[k % NodeKind::ALL.len()]
            };
            Node::new(id(i), kind, format!("Node {i}"), origin())
        })
        .collect();
    let edges = raw
        .iter()
        .map(|&(from, to, kind, months, precision, names)| {
            let kind = edge_kind(kind);
            let mut edge = Edge::new(kind, id(from % kinds.len()), id(to % kinds.len()), origin());
            edge.sources = vec![SourceId::new("s")];
            if kind.is_action() {
                edge.date = Some(date(months, precision));
                if names {
                    edge.concerns = vec![id(0)];
                }
            } else if precision == 0 {
                edge.since = Some(date(months, 2));
            }
            edge
        })
        .collect();
    SanctionsGraph::new(nodes, edges, Vec::new())
}

fn graphs() -> impl Strategy<Value = (Vec<usize>, Vec<RawEdge>)> {
    (2usize..7).prop_flat_map(|n| {
        (
            prop::collection::vec(0usize..7, n),
            prop::collection::vec(
                (0..n, 0..n, 0usize..24, 0u32..48, 0u8..3, any::<bool>()),
                0..16,
            ),
        )
    })
}

fn whens() -> impl Strategy<Value = When> {
    prop_oneof![
        Just(When::Always),
        (0u32..48, 0u8..3).prop_map(|(m, p)| When::AsOf(date(m, p))),
        (0u32..24, 0u32..24).prop_map(|(a, b)| When::Between(date(a, 2), date(a + b, 1))),
    ]
}

fn kind_sets() -> impl Strategy<Value = Option<BTreeSet<EdgeKind>>> {
    prop::option::of(prop::collection::btree_set(
        (0usize..24).prop_map(edge_kind),
        1..12,
    ))
}

fn filters() -> impl Strategy<Value = EdgeFilter> {
    (
        kind_sets(),
        prop::collection::btree_set((0usize..24).prop_map(edge_kind), 0..4),
        prop_oneof![Just(Follow::Out), Just(Follow::In), Just(Follow::Both)],
        prop::option::of(prop::collection::btree_set(
            (0usize..7).prop_map(|k| NodeKind::ALL[k]),
            1..6,
        )),
        whens(),
    )
        .prop_map(|(kinds, excluded, follow, through, when)| EdgeFilter {
            kinds,
            excluded,
            follow,
            through,
            when,
        })
}

type Walk = Vec<(EdgeIndex, bool)>;

/// Every simple path as (edge, walked forwards) lists, found by trying every edge at
/// every step, with the filter's rules written out again.
fn brute_force(graph: &SanctionsGraph, query: &PathQuery, max_hops: usize) -> BTreeSet<Walk> {
    let mut enumerator = Enumerator {
        graph,
        query,
        max_hops,
        found: BTreeSet::new(),
        trail: Vec::new(),
        visited: vec![query.from],
    };
    enumerator.walk(query.from);
    enumerator.found
}

struct Enumerator<'a> {
    graph: &'a SanctionsGraph,
    query: &'a PathQuery,
    max_hops: usize,
    found: BTreeSet<Walk>,
    trail: Walk,
    visited: Vec<NodeIndex>,
}

impl Enumerator<'_> {
    fn allowed(&self, edge: EdgeView<'_>) -> bool {
        let filter = &self.query.filter;
        filter
            .kinds
            .as_ref()
            .is_none_or(|k| k.contains(&edge.kind()))
            && !filter.excluded.contains(&edge.kind())
            && filter.when.edge(edge).is_some()
    }

    fn walk(&mut self, at: NodeIndex) {
        if self.trail.len() == self.max_hops {
            return;
        }
        let graph = self.graph;
        for edge in graph.edges() {
            for forward in [true, false] {
                let ok_way = match self.query.filter.follow {
                    Follow::Out => forward,
                    Follow::In => !forward,
                    Follow::Both => true,
                };
                let (start, end) = if forward {
                    (edge.source(), edge.target())
                } else {
                    (edge.target(), edge.source())
                };
                if !ok_way || start != at || !self.allowed(edge) || self.visited.contains(&end) {
                    continue;
                }
                self.trail.push((edge.id(), forward));
                if end == self.query.to {
                    if self.trail.len() >= self.query.min_hops {
                        self.found.insert(self.trail.clone());
                    }
                } else if self
                    .query
                    .filter
                    .through
                    .as_ref()
                    .is_none_or(|kinds| kinds.contains(&graph.node_at(end).kind()))
                {
                    self.visited.push(end);
                    self.walk(end);
                    self.visited.pop();
                }
                self.trail.pop();
            }
        }
    }
}

fn as_set(paths: &[sanctions_graph::query::Path]) -> BTreeSet<Walk> {
    paths
        .iter()
        .map(|p| p.steps.iter().map(|s| (s.edge, s.forward)).collect())
        .collect()
}

fn unlimited(max_hops: usize) -> Limits {
    Limits {
        max_hops,
        max_results: usize::MAX,
        deadline: None,
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn paths_are_exactly_the_brute_force_paths(
        (kinds, raw) in graphs(),
        filter in filters(),
        ends in (0usize..7, 0usize..7),
        max_hops in 1usize..5,
        min_hops in 0usize..4,
    ) {
        let graph = build(&kinds, &raw);
        let n = kinds.len();
        let (from, to) = (ends.0 % n, ends.1 % n);
        prop_assume!(from != to);
        let query = PathQuery {
            from: graph.index_of(&format!("n{from}")).expect("node"),
            to: graph.index_of(&format!("n{to}")).expect("node"),
            filter,
            min_hops,
        };
        let expected = brute_force(&graph, &query, max_hops);
        let found = all_paths(&graph, &query, &unlimited(max_hops));
        prop_assert_eq!(found.cut_short, None);
        prop_assert_eq!(found.paths.len(), expected.len(), "no path found twice");
        prop_assert_eq!(as_set(&found.paths), expected.clone());
        prop_assert!(found.paths.windows(2).all(|w| w[0].hops() <= w[1].hops()));

        // A limit keeps a prefix of the answer and says it cut it.
        if expected.len() > 1 {
            let limits = Limits { max_results: expected.len() - 1, ..unlimited(max_hops) };
            let cut = all_paths(&graph, &query, &limits);
            prop_assert_eq!(cut.paths.len(), expected.len() - 1);
            prop_assert_eq!(cut.cut_short, Some(sanctions_graph::query::CutShort::Limit));
        }

        // The shortest path has the fewest hops of any; none when there is no path.
        let no_min = PathQuery { min_hops: 0, ..query.clone() };
        let all_lengths: Vec<usize> = {
            let mut lengths: Vec<usize> = brute_force(&graph, &no_min, max_hops).iter().map(Vec::len).collect();
            lengths.sort_unstable();
            lengths
        };
        let shortest = shortest_path(&graph, &no_min, &unlimited(max_hops));
        prop_assert_eq!(shortest.paths.first().map(|p| p.hops()), all_lengths.first().copied());
        if let Some(path) = shortest.paths.first() {
            prop_assert!(as_set(std::slice::from_ref(path)).is_subset(&brute_force(&graph, &no_min, max_hops)));
        }

        // The k shortest have the k smallest hop counts.
        let k = 3;
        let k_found = k_shortest_paths(&graph, &no_min, k, &unlimited(max_hops));
        let hops: Vec<usize> = k_found.paths.iter().map(|p| p.hops()).collect();
        prop_assert_eq!(hops, all_lengths.iter().copied().take(k).collect::<Vec<_>>());
    }

    #[test]
    fn affects_agrees_with_plain_reverse_reachability(
        (kinds, raw) in graphs(),
        when in whens(),
    ) {
        let graph = build(&kinds, &raw);
        let commodity = graph.index_of("n0").expect("node 0");

        // Which way each economic tie carries an effect, written out again.
        let carries = |edge: EdgeView<'_>| -> Option<(NodeIndex, NodeIndex)> {
            let (a, b) = (edge.source(), edge.target());
            match edge.weight().relation()? {
                RelationKind::Produces | RelationKind::Exports | RelationKind::Owns | RelationKind::Operates => Some((a, b)),
                RelationKind::SubsidiaryOf | RelationKind::SellsThrough => Some((b, a)),
                RelationKind::PartOf if graph.node_kind(a) == NodeKind::Commodity && graph.node_kind(b) == NodeKind::Commodity => Some((a, b)),
                _ => None,
            }
        };
        // Nodes from which the commodity is reachable: repeat until nothing changes.
        let mut reaching: HashSet<_> = HashSet::from([commodity]);
        loop {
            let before = reaching.len();
            for edge in graph.edges() {
                if when.edge(edge).is_none() { continue; }
                if let Some((x, y)) = carries(edge) {
                    if reaching.contains(&y) { reaching.insert(x); }
                }
            }
            if reaching.len() == before { break; }
        }
        let mut acting: HashSet<_> = HashSet::new();
        for edge in graph.edges() {
            let weight = edge;
            let Some(kind) = weight.action() else { continue };
            if when.edge(weight).is_none() { continue; }
            let measure = kind.effect() != sanctions_graph::model::Effect::Diplomatic;
            let names = weight.concerns().any(|c| reaching.contains(&c));
            if (measure && reaching.contains(&edge.target())) || names {
                acting.insert(edge.source());
            }
        }
        // The acting bodies and every body they are part of.
        let mut expected = acting.clone();
        loop {
            let before = expected.len();
            for edge in graph.edges() {
                let (a, b) = (edge.source(), edge.target());
                if edge.weight().relation() == Some(RelationKind::PartOf)
                    && graph.node_kind(a) != NodeKind::Commodity && graph.node_kind(b) != NodeKind::Commodity
                    && when.edge(edge).is_some()
                    && expected.contains(&a)
                {
                    expected.insert(b);
                }
            }
            if expected.len() == before { break; }
        }
        let answer = affects(&graph, commodity, when);
        let found: HashSet<_> = answer.iter().map(|a| a.actor).collect();
        prop_assert_eq!(found, expected);

        // The reverse query finds the commodity from every actor, with the same entry.
        for affect in &answer {
            let reached = affected_by(&graph, affect.actor, when);
            let entry = reached.iter().find(|r| r.commodity == commodity);
            prop_assert_eq!(entry.map(|r| &r.affect), Some(affect));
        }
    }
}
