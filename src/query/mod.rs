//! Queries on a validated graph: typed paths, who affects which commodity, a node's
//! history and its neighbourhood. Queries read the graph and never change it.
//!
//! One algorithm per file, each documented with the same headings: Arguments, Returns,
//! Complexity, Example. Every search that can explode takes [`Limits`] and says when an
//! answer was cut short.

pub mod actions;
pub mod affected_by;
pub mod affects;
pub mod decide;
pub mod diff;
pub mod filter;
pub mod find;
pub mod influence;
pub mod limits;
pub mod neighbors;
pub mod paths;
pub mod shortest;
pub mod standing;
pub mod timeline;
mod walk;
pub mod when;

pub use affected_by::{affected_by, Reach};
pub use affects::{
    actions_reaching, affects, affects_and_scheduled, affects_without, scheduled, Affect, Coverage,
    NetEffect, TargetStanding,
};
pub use filter::{EdgeFilter, Follow};
pub use limits::{CutShort, Limits};
pub use neighbors::{neighbors, Neighbor};
pub use paths::{all_paths, k_shortest_paths, PathSearch};
pub use shortest::shortest_path;
pub use standing::Standing;
pub use timeline::{timeline, Event, Status};
pub use when::{Certainty, When};

use petgraph::graph::{EdgeIndex, NodeIndex};

/// One edge walked in a path or chain: which edge, between which nodes in the order walked,
/// and whether the walk follows the edge's own direction.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Step {
    /// The edge.
    pub edge: EdgeIndex,
    /// The node the step leaves.
    pub from: NodeIndex,
    /// The node the step reaches.
    pub to: NodeIndex,
    /// `true` when the walk goes from the edge's `from` to its `to`; `false` when it walks
    /// the edge backwards.
    pub forward: bool,
    /// Whether the edge certainly counts at the queried time.
    pub certainty: Certainty,
}

/// A walk from one node to another, as the steps taken.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Path {
    /// Where the walk starts.
    pub start: NodeIndex,
    /// The steps, in order; never empty for a path between two different nodes.
    pub steps: Vec<Step>,
}

impl Path {
    /// The number of edges walked.
    pub fn hops(&self) -> usize {
        self.steps.len()
    }

    /// The nodes visited, from start to end.
    pub fn nodes(&self) -> impl Iterator<Item = NodeIndex> + '_ {
        std::iter::once(self.start).chain(self.steps.iter().map(|step| step.to))
    }

    /// Whether some edge on the path only possibly counts at the queried time.
    pub fn is_uncertain(&self) -> bool {
        self.steps
            .iter()
            .any(|step| step.certainty == Certainty::Uncertain)
    }
}
