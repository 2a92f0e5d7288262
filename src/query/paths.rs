//! Every simple typed path between two nodes, shortest first: a depth-first search run
//! once per hop count, pruned by distances measured from the far end.
//!
//! `petgraph::algo::all_simple_paths` returns node lists; here each path is a list of
//! edges, so a sanction and an ease between the same two nodes are two paths.

use super::index_map::IndexMap;
use std::collections::VecDeque;

use petgraph::graph::NodeIndex;

use super::limits::CLOCK_EVERY;
use super::{CutShort, EdgeFilter, Limits, Path, Step};
use crate::SanctionsGraph;

/// What to look for: the two ends, the edges and nodes allowed, the fewest hops.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PathQuery {
    /// Where paths start.
    pub from: NodeIndex,
    /// Where paths end.
    pub to: NodeIndex,
    /// The edges and middle nodes allowed.
    pub filter: EdgeFilter,
    /// Paths with fewer edges are left out.
    pub min_hops: usize,
}

/// Paths found, and why the search stopped early if it did.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PathSearch {
    /// The paths, fewest hops first, then by the node ids along them, then by the dates
    /// and kinds of their edges.
    pub paths: Vec<Path>,
    /// Set when more paths may exist than were returned.
    pub cut_short: Option<CutShort>,
}

/// Every simple path from `query.from` to `query.to` with `min_hops` to `max_hops` edges.
///
/// # Arguments
/// * `graph`: the graph.
/// * `query`: the ends, the filter (edge kinds, direction, middle node kinds, time) and
///   the fewest hops.
/// * `limits`: at most `max_hops` edges a path; stop after `max_results` paths or at the
///   deadline.
///
/// # Returns
/// The paths, fewest hops first and, among equal hop counts, sorted by the node ids and
/// edge dates and kinds along them. A path never visits a node twice; two edges between the same
/// nodes make two paths. `cut_short` is [`CutShort::Limit`] when more than `max_results`
/// paths exist (which ones of the last hop count are kept follows the graph's edge order)
/// and [`CutShort::Timeout`] when the deadline passed.
///
/// # Complexity
/// A breadth-first search from `to`, walking edges backwards, measures how far each node
/// within `max_hops / 2` edges is from the end (a node it did not reach is farther):
/// O(V' + E') for the V' nodes and E' edges it reaches. Measuring half the way keeps
/// that search small around hubs while still pruning the widest, last levels. Then, for each hop count h, a depth-first search extends a path only while
/// its length plus the measured distance can still end at `to` in exactly h edges. The
/// worst case is O(b^max_hops) edge visits for branching factor b (paths can be
/// exponentially many); `max_results` and the deadline bound the work in practice.
///
/// # Example
/// ```
/// use sanctions_graph::query::{all_paths, paths::PathQuery, EdgeFilter, Limits};
///
/// let graph = sanctions_graph::load_builtin().expect("the built-in graph is valid").graph;
/// let query = PathQuery {
///     from: graph.index_of("ofac").unwrap(),
///     to: graph.index_of("potash").unwrap(),
///     filter: EdgeFilter::default(),
///     min_hops: 0,
/// };
/// let found = all_paths(&graph, &query, &Limits::default());
/// // OFAC sanctioned and then licensed Belaruskali, which produces potash.
/// assert!(found.paths.iter().any(|path| path.hops() == 2));
/// assert_eq!(found.cut_short, None);
/// ```
pub fn all_paths(graph: &SanctionsGraph, query: &PathQuery, limits: &Limits) -> PathSearch {
    let mut search = Search::new(graph, query, limits, limits.max_results.saturating_add(1));
    search.run();
    if search.found.len() > limits.max_results {
        search.found.truncate(limits.max_results);
        search.cut_short.get_or_insert(CutShort::Limit);
    }
    PathSearch {
        paths: sorted(graph, search.found),
        cut_short: search.cut_short,
    }
}

/// The `k` shortest simple paths from `query.from` to `query.to`.
///
/// # Arguments
/// * `graph`, `query`: as for [`all_paths`].
/// * `k`: how many paths.
/// * `limits`: `max_hops` and the deadline bound the search; `max_results` is not used.
///
/// # Returns
/// Up to `k` paths with the fewest hops, fewest first; among paths of the same length as
/// the `k`-th, which are kept follows the graph's edge order. `cut_short` is only ever
/// [`CutShort::Timeout`]: finding `k` paths is the answer asked for, not a cut.
///
/// # Complexity
/// As [`all_paths`], stopping at the `k`-th path: hop counts are searched in increasing
/// order, so no longer path is ever explored before every shorter one is found.
///
/// # Example
/// ```
/// use sanctions_graph::query::{k_shortest_paths, paths::PathQuery, EdgeFilter, Limits};
///
/// let graph = sanctions_graph::load_builtin().expect("the built-in graph is valid").graph;
/// let query = PathQuery {
///     from: graph.index_of("ofac").unwrap(),
///     to: graph.index_of("potash").unwrap(),
///     filter: EdgeFilter::default(),
///     min_hops: 0,
/// };
/// let found = k_shortest_paths(&graph, &query, 2, &Limits::default());
/// assert_eq!(found.paths.len(), 2);
/// assert!(found.paths[0].hops() <= found.paths[1].hops());
/// ```
pub fn k_shortest_paths(
    graph: &SanctionsGraph,
    query: &PathQuery,
    k: usize,
    limits: &Limits,
) -> PathSearch {
    let mut search = Search::new(graph, query, limits, k);
    search.run();
    search.found.truncate(k);
    let cut_short = search.cut_short.filter(|cut| *cut == CutShort::Timeout);
    PathSearch {
        paths: sorted(graph, search.found),
        cut_short,
    }
}

/// Sorts paths by hop count, then by the ids and kinds along them, so output is stable.
fn sorted(graph: &SanctionsGraph, mut paths: Vec<Path>) -> Vec<Path> {
    paths.sort_by_cached_key(|path| {
        let nodes: Vec<&str> = path.nodes().map(|n| graph.node_id(n)).collect();
        let edges: Vec<_> = path
            .steps
            .iter()
            .map(|step| {
                let edge = graph.edge_at(step.edge);
                (
                    edge.sort_date(),
                    edge.kind().as_str(),
                    !step.forward,
                    step.edge,
                )
            })
            .collect();
        (path.hops(), nodes, edges)
    });
    paths
}

struct Search<'q> {
    graph: &'q SanctionsGraph,
    query: &'q PathQuery,
    limits: &'q Limits,
    /// Stop once this many paths are found: `k`, or one more than `max_results` (to know
    /// that the answer was cut).
    stop_at: usize,
    /// Lower bounds on the hops from a node to `query.to`, for nodes near it.
    distance: IndexMap<NodeIndex, usize>,
    /// Nodes farther than this from the end have no entry in `distance`.
    radius: usize,
    trail: Vec<Step>,
    found: Vec<Path>,
    clock: u32,
    cut_short: Option<CutShort>,
}

impl<'q> Search<'q> {
    fn new(
        graph: &'q SanctionsGraph,
        query: &'q PathQuery,
        limits: &'q Limits,
        stop_at: usize,
    ) -> Search<'q> {
        Search {
            graph,
            query,
            limits,
            stop_at,
            distance: IndexMap::default(),
            radius: limits.max_hops / 2,
            trail: Vec::with_capacity(limits.max_hops),
            found: Vec::new(),
            clock: 0,
            cut_short: None,
        }
    }

    fn run(&mut self) {
        if self.query.from == self.query.to || self.limits.max_hops == 0 || self.stop_at == 0 {
            return;
        }
        self.measure_distances();
        let nearest = self.bound(self.query.from).max(1);
        for hops in nearest.max(self.query.min_hops)..=self.limits.max_hops {
            self.extend(self.query.from, hops);
            if self.stopped() {
                break;
            }
        }
    }

    /// Breadth-first from the end, walking edges the other way, through allowed nodes.
    fn measure_distances(&mut self) {
        let filter = &self.query.filter;
        let backwards = filter.follow.reversed();
        self.distance.insert(self.query.to, 0);
        let mut queue = VecDeque::from([(self.query.to, 0)]);
        while let Some((node, hops)) = queue.pop_front() {
            if hops == self.radius {
                continue;
            }
            for step in filter.steps(self.graph, node, backwards) {
                if self.distance.contains_key(&step.to) {
                    continue;
                }
                self.distance.insert(step.to, hops + 1);
                if filter.passes(self.graph.node_kind(step.to)) {
                    queue.push_back((step.to, hops + 1));
                }
            }
        }
    }

    fn bound(&self, node: NodeIndex) -> usize {
        self.distance.get(&node).copied().unwrap_or(self.radius + 1)
    }

    fn stopped(&self) -> bool {
        self.cut_short.is_some() || self.found.len() >= self.stop_at
    }

    /// Extends the trail, now at `node`, to paths of exactly `hops` edges.
    fn extend(&mut self, node: NodeIndex, hops: usize) {
        self.clock += 1;
        if self.clock % CLOCK_EVERY == 0 && self.limits.expired() {
            self.cut_short = Some(CutShort::Timeout);
            return;
        }
        let filter = &self.query.filter;
        let depth = self.trail.len() + 1;
        for step in filter.steps(self.graph, node, filter.follow) {
            if step.to == self.query.to {
                if depth == hops {
                    self.trail.push(step);
                    self.found.push(Path {
                        start: self.query.from,
                        steps: self.trail.clone(),
                    });
                    self.trail.pop();
                    if self.stopped() {
                        return;
                    }
                }
                continue;
            }
            if depth >= hops
                || depth + self.bound(step.to) > hops
                || step.to == self.query.from
                || self.trail.iter().any(|taken| taken.to == step.to)
                || !filter.passes(self.graph.node_kind(step.to))
            {
                continue;
            }
            self.trail.push(step);
            self.extend(step.to, hops);
            self.trail.pop();
            if self.stopped() {
                return;
            }
        }
    }
}
