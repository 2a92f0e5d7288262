//! The indexes queries use, derived from the laid-out columns when a graph is built: the
//! id order, and the adjacencies (every edge leaving and entering each node, the
//! relations only, the actions naming each commodity).

use super::store::{list_items, Part, UNVERIFIED};
use crate::model::EdgeKind;

/// The node positions sorted by id. `id_text` gives a node's id as it lies in the string
/// blob, so ids are compared side by side there, not where each node's own text happens
/// to be in memory.
pub(super) fn id_order<'s>(node_count: usize, id_text: impl Fn(u32) -> &'s [u8]) -> Vec<u32> {
    let mut by_id: Vec<u32> = (0..node_count as u32).collect();
    by_id.sort_unstable_by(|&a, &b| id_text(a).cmp(id_text(b)));
    by_id
}

/// The offsets and items of an adjacency, from each item's node, in the order given.
fn adjacency(nodes: usize, entries: impl Iterator<Item = (u32, u32)> + Clone) -> Adjacency {
    let mut offsets = vec![0u32; nodes + 1];
    for (node, _) in entries.clone() {
        offsets[node as usize + 1] += 1;
    }
    for at in 1..offsets.len() {
        offsets[at] += offsets[at - 1];
    }
    let mut next = offsets.clone();
    let mut items = vec![0u32; offsets[nodes] as usize];
    for (node, item) in entries {
        let slot = &mut next[node as usize];
        items[*slot as usize] = item;
        *slot += 1;
    }
    Adjacency {
        offsets: Part::Words(offsets),
        items: Part::Words(items),
    }
}

/// One adjacency as two sections: where each node's items start, and the items.
pub(super) struct Adjacency {
    /// `nodes + 1` offsets into `items`.
    pub offsets: Part,
    /// Edge positions, grouped by node.
    pub items: Part,
}

/// The edge columns the adjacencies are read from.
pub(super) struct EdgeColumns<'c> {
    /// Each edge's kind code, with the unverified flag.
    pub kind: &'c [u8],
    /// Each edge's `from` position.
    pub from: &'c [u32],
    /// Each edge's `to` position.
    pub to: &'c [u32],
    /// Each edge's list of named commodities, in `pool`.
    pub concerns: &'c [u32],
    /// The list pool.
    pub pool: &'c [u32],
}

/// Every adjacency the queries walk.
pub(super) struct Adjacencies {
    /// Every edge leaving each node, newest first.
    pub out: Adjacency,
    /// Every edge entering each node, newest first.
    pub incoming: Adjacency,
    /// The relations leaving each node (no actions), in load order: walks along
    /// relations never step over a hub's thousands of actions.
    pub out_rel: Adjacency,
    /// The relations entering each node, in load order.
    pub in_rel: Adjacency,
    /// The actions naming each node in their `concerns`, in load order.
    pub naming: Adjacency,
}

impl Adjacencies {
    /// The adjacencies of `node_count` nodes joined by `edges`.
    pub fn of(node_count: usize, edges: &EdgeColumns<'_>) -> Adjacencies {
        let edge_count = edges.kind.len() as u32;
        let newest_first = (0..edge_count).rev();
        let relations = || {
            (0..edge_count).filter(|&at| {
                EdgeKind::from_code(edges.kind[at as usize] & !UNVERIFIED)
                    .is_some_and(|kind| !kind.is_action())
            })
        };
        let leaving = |at: u32| (edges.from[at as usize], at);
        let entering = |at: u32| (edges.to[at as usize], at);
        let naming = edges.concerns.iter().enumerate().flat_map(|(at, &named)| {
            list_items(edges.pool, named).map(move |node| (node, at as u32))
        });
        Adjacencies {
            out: adjacency(node_count, newest_first.clone().map(leaving)),
            incoming: adjacency(node_count, newest_first.map(entering)),
            out_rel: adjacency(node_count, relations().map(leaving)),
            in_rel: adjacency(node_count, relations().map(entering)),
            naming: adjacency(node_count, naming),
        }
    }
}
