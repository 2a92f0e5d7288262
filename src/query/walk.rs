//! The one breadth-first walk the queries share: up and down the body hierarchy, into and
//! out of commodity headings, along economic ties. Each caller says which edges lead on
//! from a node; the walk keeps each node's first arrival, nearest first.

use petgraph::graph::NodeIndex;

use crate::index_map::IndexSet;

/// A node reached by a [`breadth_first`] walk.
#[derive(Debug, Clone, Copy)]
pub struct Reached<T> {
    /// The node reached.
    pub node: NodeIndex,
    /// How it was reached: what the caller's `next` gave with it (a step, an edge).
    pub via: T,
    /// The node it was reached from, as an index into the same walk's answer; `None`: a
    /// start.
    pub from: Option<usize>,
    /// Steps from the nearest start.
    pub hops: usize,
}

/// Every node reached from `starts` by following `next`, breadth-first, each once (the
/// starts are never reached again), in the order reached.
///
/// # Arguments
/// `next` gives the nodes one step on from a node, each with what the caller wants to keep
/// of the step; a node given twice keeps its first arrival.
///
/// # Returns
/// The nodes reached, nearest first, the starts left out; each one's `from` points at an
/// earlier entry, so a chain back to a start is rebuilt by following them.
///
/// # Complexity
/// O(V' + E') for the V' nodes reached and the E' steps `next` gives, plus what `next`
/// itself costs.
pub fn breadth_first<T, I>(
    starts: impl IntoIterator<Item = NodeIndex>,
    mut next: impl FnMut(NodeIndex) -> I,
) -> Vec<Reached<T>>
where
    I: IntoIterator<Item = (NodeIndex, T)>,
{
    let mut seen: IndexSet<NodeIndex> = IndexSet::default();
    let starts: Vec<NodeIndex> = starts.into_iter().filter(|&s| seen.insert(s)).collect();
    let mut found: Vec<Reached<T>> = Vec::new();
    let mut arrive = |found: &mut Vec<Reached<T>>, at: NodeIndex, from, hops| {
        for (node, via) in next(at) {
            if seen.insert(node) {
                found.push(Reached {
                    node,
                    via,
                    from,
                    hops,
                });
            }
        }
    };
    for start in starts {
        arrive(&mut found, start, None, 1);
    }
    // The answer is also the queue: entries are expanded in the order they were found.
    let mut head = 0;
    while head < found.len() {
        let (at, hops) = (found[head].node, found[head].hops);
        arrive(&mut found, at, Some(head), hops + 1);
        head += 1;
    }
    found
}

/// The `via` of every entry from the `k`-th back to its start, the `k`-th first.
pub fn chain<T: Copy>(found: &[Reached<T>], k: usize) -> Vec<T> {
    let mut vias = Vec::with_capacity(found[k].hops);
    let mut at = Some(k);
    while let Some(i) = at {
        vias.push(found[i].via);
        at = found[i].from;
    }
    vias
}
