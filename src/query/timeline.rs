//! A node's history: the actions by it and on it in date order, with where it stands
//! after each.

use petgraph::graph::{EdgeIndex, NodeIndex};
use petgraph::visit::EdgeRef;
use petgraph::Direction;
use serde::Serialize;

use super::standing::{authority, Standing};
use super::{Certainty, When};
use crate::graph::SanctionsGraph;
use crate::model::Date;

/// Where an action stands on a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Taken, and not ended (or no day to read it on).
    InForce,
    /// Taken, and ended (`until`) before the day: an expired licence, a lapsed order.
    Expired,
    /// Dated after the day: announced for later, not counted yet.
    Scheduled,
}

impl Status {
    /// Where an action dated `date`, ending `until`, stands on `day`.
    pub fn of(date: Date, until: Option<Date>, day: Option<Date>) -> Status {
        let Some(day) = day else {
            return Status::InForce;
        };
        // The same reading of dates as `When::in_force`: not possibly taken yet is
        // scheduled, not possibly still in force is expired.
        if !date.possibly_by(day) {
            Status::Scheduled
        } else if until.is_some_and(|until| !until.possibly_from(day)) {
            Status::Expired
        } else {
            Status::InForce
        }
    }

    /// The name used in output.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::InForce => "in_force",
            Status::Expired => "expired",
            Status::Scheduled => "scheduled",
        }
    }
}

/// One action in a node's history.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    /// The action.
    pub edge: EdgeIndex,
    /// `true` when the node acts; `false` when it is the target.
    pub acting: bool,
    /// Whether the action certainly happened by the queried date.
    pub certainty: Certainty,
    /// Whether it is in force, ended or still to come on the day statuses are read on.
    pub status: Status,
    /// Where the node stands after this action with each authority that has acted on it
    /// (the topmost body the acting body belongs to: BIS and OFAC act for the United
    /// States), sorted by authority id. Empty until a measure targets the node.
    pub standing: Vec<(NodeIndex, Standing)>,
}

/// The actions by and on `node` that count at `when`, in date order.
///
/// # Arguments
/// * `graph`: the graph.
/// * `node`: the node.
/// * `when`: which actions count; with [`When::AsOf`], every action taken by then, an
///   action whose date (a month, a year) straddles the date kept and marked uncertain.
/// * `day`: the day each event's [`Status`] is read on (in force, ended, scheduled), when
///   one is wanted: usually the date asked about, or today.
///
/// # Returns
/// The events sorted by date (a month sorts at its first day, before the days inside it;
/// see [`crate::model::Date`]), then action kind, then the ids at both ends. Each carries
/// where the node stands after it: a measure on the node by a body sets the standing for
/// that body's authority; diplomatic actions and the node's own actions leave it as it was.
///
/// # Complexity
/// O(d log d) for the d edges at the node, plus one walk up the body hierarchy per
/// action.
///
/// # Example
/// ```
/// use sanctions_graph::query::{timeline, Standing, When};
///
/// let graph = sanctions_graph::load_builtin().expect("the built-in graph is valid").graph;
/// let belavia = graph.index_of("belavia").unwrap();
/// let events = timeline(&graph, belavia, When::Always, None);
/// let last = events.last().unwrap();
/// assert_eq!(last.standing[0].1, Standing::Lifted);
/// ```
pub fn timeline(
    graph: &SanctionsGraph,
    node: NodeIndex,
    when: When,
    day: Option<Date>,
) -> Vec<Event> {
    let mut edges: Vec<(EdgeIndex, bool, Certainty)> = graph
        .edges_directed(node, Direction::Outgoing)
        .map(|edge| (edge, true))
        .chain(
            graph
                .edges_directed(node, Direction::Incoming)
                .filter(|edge| edge.source() != node)
                .map(|edge| (edge, false)),
        )
        .filter(|(edge, _)| edge.weight().action().is_some())
        .filter_map(|(edge, acting)| {
            // Taken by the time asked, whether or not it has ended since: the history
            // keeps an expired licence, marked so.
            let date = edge.weight().date()?;
            Some((edge.id(), acting, when.action(date)?))
        })
        .collect();
    edges.sort_by(|a, b| {
        let (x, y) = (graph.edge_at(a.0), graph.edge_at(b.0));
        (x.date(), x.kind(), &x.from(), &x.to(), a.0).cmp(&(
            y.date(),
            y.kind(),
            &y.from(),
            &y.to(),
            b.0,
        ))
    });
    let mut standing: Vec<(NodeIndex, Standing)> = Vec::new();
    edges
        .into_iter()
        .map(|(edge, acting, certainty)| {
            let weight = graph.edge_at(edge);
            let after = weight
                .action()
                .and_then(|kind| Standing::after(kind.effect()));
            if let (false, Some(after)) = (acting, after) {
                let (source, _) = graph.edge_ends(edge);
                let by = authority(graph, source, when);
                match standing.iter_mut().find(|(body, _)| *body == by) {
                    Some(entry) => entry.1 = after,
                    None => standing.push((by, after)),
                }
                standing.sort_by(|a, b| graph.node_at(a.0).id().cmp(graph.node_at(b.0).id()));
            }
            Event {
                edge,
                acting,
                certainty,
                status: weight.date().map_or(Status::InForce, |date| {
                    Status::of(date, weight.until(), day)
                }),
                standing: standing.clone(),
            }
        })
        .collect()
}
