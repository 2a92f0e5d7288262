//! Every simple typed path between two nodes, shortest first: a depth-first search run
//! once per hop count, pruned by distances measured from the far end.
//!
//! `petgraph::algo::all_simple_paths` returns node lists; here each path is a list of
//! edges, so a sanction and an ease between the same two nodes are two paths.

use crate::index_map::IndexMap;
use std::collections::VecDeque;

use petgraph::graph::NodeIndex;

use super::limits::CLOCK_EVERY;
use super::{CutShort, EdgeFilter, Limits, Path, Step};
use crate::graph::SanctionsGraph;

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
/// exponentially many); `max_results` and the deadline bound the work in practice. A
/// round that leaves out no step for its hop count ends the search: longer rounds would
/// walk the same trails. Memory: the trail and one flag per node; no recursion, so a path
/// of any length fits.
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
    /// Which nodes the trail (or its start) holds, by node index; empty until first used.
    on_trail: Vec<bool>,
    /// Whether the last round left out a step only because of its hop count: if not, a
    /// round with more hops walks the same trails and finds nothing new.
    cut_by_hops: bool,
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
            trail: Vec::new(),
            on_trail: Vec::new(),
            cut_by_hops: false,
            found: Vec::new(),
            clock: 0,
            cut_short: None,
        }
    }

    fn run(&mut self) {
        if self.query.from == self.query.to || self.limits.max_hops == 0 || self.stop_at == 0 {
            return;
        }
        // A simple path visits each node at most once.
        let most = self
            .limits
            .max_hops
            .min(self.graph.node_count().saturating_sub(1));
        self.measure_distances();
        self.on_trail = vec![false; self.graph.node_count()];
        self.on_trail[self.query.from.index()] = true;
        let nearest = self.bound(self.query.from).max(1);
        for hops in nearest.max(self.query.min_hops)..=most {
            self.cut_by_hops = false;
            self.walk(hops);
            if self.stopped() || !self.cut_by_hops {
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

    /// Counts one more node entered; false, and the search cut short, past the deadline.
    fn tick(&mut self) -> bool {
        self.clock += 1;
        if self.clock % CLOCK_EVERY == 0 && self.limits.expired() {
            self.cut_short = Some(CutShort::Timeout);
            return false;
        }
        true
    }

    /// Every path of exactly `hops` edges from the start, depth first. The stack holds,
    /// for each node of the trail, the steps out of it not yet tried, so that a path of
    /// any length costs heap, not call stack.
    fn walk(&mut self, hops: usize) {
        let (graph, filter) = (self.graph, &self.query.filter);
        if !self.tick() {
            return;
        }
        let mut stack = vec![filter.steps(graph, self.query.from, filter.follow)];
        while let Some(untried) = stack.last_mut() {
            let Some(step) = untried.next() else {
                stack.pop();
                if let Some(left) = self.trail.pop() {
                    self.on_trail[left.to.index()] = false;
                }
                continue;
            };
            let depth = self.trail.len() + 1;
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
            if self.on_trail[step.to.index()] || !filter.passes(graph.node_kind(step.to)) {
                continue;
            }
            if depth >= hops || depth + self.bound(step.to) > hops {
                self.cut_by_hops = true;
                continue;
            }
            if !self.tick() {
                return;
            }
            self.trail.push(step);
            self.on_trail[step.to.index()] = true;
            stack.push(filter.steps(graph, step.to, filter.follow));
        }
    }
}
