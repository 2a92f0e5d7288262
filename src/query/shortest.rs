//! One shortest typed path between two nodes: a breadth-first search from both ends that
//! meet in the middle, returning the path, not only its length.

use crate::index_map::IndexMap;

use petgraph::graph::NodeIndex;

use super::limits::CLOCK_EVERY;
use super::paths::{PathQuery, PathSearch};
use super::{CutShort, Follow, Limits, Path, Step};
use crate::graph::SanctionsGraph;

/// A shortest path from `query.from` to `query.to` with at most `max_hops` edges.
///
/// # Arguments
/// * `graph`: the graph.
/// * `query`: the ends and the filter; `min_hops` is not used (a shortest path is as
///   short as it is).
/// * `limits`: `max_hops` and the deadline; `max_results` is not used.
///
/// # Returns
/// At most one path, with the fewest edges any allowed path has; which one of several
/// equally short paths follows the graph's edge order. No path when none has at most
/// `max_hops` edges. `cut_short` is [`CutShort::Timeout`] when the deadline passed first.
///
/// # Complexity
/// Each round expands the whole current level of the smaller of the two frontiers, so the
/// search visits about O(b^(d/2)) edges from each end for branching factor b and distance
/// d, instead of O(b^d) from one end. Memory: the nodes visited, in two hash maps.
///
/// # Example
/// ```
/// use sanctions_graph::query::{shortest_path, paths::PathQuery, EdgeFilter, Limits};
///
/// let graph = sanctions_graph::load_builtin().expect("the built-in graph is valid").graph;
/// let query = PathQuery {
///     from: graph.index_of("usa").unwrap(),
///     to: graph.index_of("potash").unwrap(),
///     filter: EdgeFilter { follow: sanctions_graph::query::Follow::Both, ..EdgeFilter::default() },
///     min_hops: 0,
/// };
/// let found = shortest_path(&graph, &query, &Limits::default());
/// assert_eq!(found.paths.len(), 1);
/// ```
pub fn shortest_path(graph: &SanctionsGraph, query: &PathQuery, limits: &Limits) -> PathSearch {
    if query.from == query.to || limits.max_hops == 0 {
        return PathSearch::default();
    }
    let mut ahead = Side::new(query.from, query.filter.follow);
    let mut behind = Side::new(query.to, query.filter.follow.reversed());
    let mut clock = 0u32;
    while !ahead.frontier.is_empty()
        && !behind.frontier.is_empty()
        && ahead.depth + behind.depth < limits.max_hops
    {
        let forward = ahead.frontier.len() <= behind.frontier.len();
        let (side, other) = if forward {
            (&mut ahead, &behind)
        } else {
            (&mut behind, &ahead)
        };
        match side.expand(graph, query, other, limits, &mut clock) {
            Err(cut) => {
                return PathSearch {
                    paths: Vec::new(),
                    cut_short: Some(cut),
                }
            }
            Ok(Some(meeting)) => {
                return PathSearch {
                    paths: vec![join(&ahead, &behind, meeting)],
                    cut_short: None,
                }
            }
            Ok(None) => {}
        }
    }
    PathSearch::default()
}

/// One end of the search: the nodes it reached, each with the step that reached it and
/// its depth, and the current level.
struct Side {
    follow: Follow,
    depth: usize,
    reached: IndexMap<NodeIndex, (Option<Step>, usize)>,
    frontier: Vec<NodeIndex>,
}

impl Side {
    fn new(start: NodeIndex, follow: Follow) -> Side {
        Side {
            follow,
            depth: 0,
            reached: IndexMap::from_iter([(start, (None, 0))]),
            frontier: vec![start],
        }
    }

    /// Expands the whole current level; returns the node where the two ends meet, on the
    /// shortest join found in this level.
    fn expand(
        &mut self,
        graph: &SanctionsGraph,
        query: &PathQuery,
        other: &Side,
        limits: &Limits,
        clock: &mut u32,
    ) -> Result<Option<NodeIndex>, CutShort> {
        let mut next = Vec::new();
        let mut best: Option<(usize, NodeIndex)> = None;
        for &node in &self.frontier {
            *clock += 1;
            if *clock % CLOCK_EVERY == 0 && limits.expired() {
                return Err(CutShort::Timeout);
            }
            for step in query.filter.steps(graph, node, self.follow) {
                if self.reached.contains_key(&step.to) {
                    continue;
                }
                let is_end = step.to == query.from || step.to == query.to;
                if !is_end && !query.filter.passes(graph.node_kind(step.to)) {
                    continue;
                }
                self.reached.insert(step.to, (Some(step), self.depth + 1));
                if let Some(&(_, depth)) = other.reached.get(&step.to) {
                    let length = self.depth + 1 + depth;
                    if best.is_none_or(|(shortest, _)| length < shortest) {
                        best = Some((length, step.to));
                    }
                }
                next.push(step.to);
            }
        }
        self.depth += 1;
        self.frontier = next;
        Ok(best.map(|(_, meeting)| meeting))
    }
}

/// The path through `meeting`: the steps from the start to it, then on to the end, each
/// described in the direction walked.
fn join(ahead: &Side, behind: &Side, meeting: NodeIndex) -> Path {
    let mut steps = Vec::new();
    let mut node = meeting;
    while let Some(&(Some(step), _)) = ahead.reached.get(&node) {
        steps.push(step);
        node = step.from;
    }
    let start = node;
    steps.reverse();
    let mut node = meeting;
    while let Some(&(Some(step), _)) = behind.reached.get(&node) {
        steps.push(Step {
            from: step.to,
            to: step.from,
            forward: !step.forward,
            ..step
        });
        node = step.from;
    }
    Path { start, steps }
}
