//! What the exports for other graph engines (openCypher CSV, N-Triples) share: a walk over
//! the edges in a stable order with a stable key for each, a date's bounds, and names.

use petgraph::Direction;

use crate::graph::{EdgeView, SanctionsGraph};
use crate::model::{Date, EdgeKind, NodeKind, Precision};

/// Calls `visit` on every edge with its key, node by node in id order, and within a node
/// by target id, kind, date and load order.
///
/// The key is `FROM/KIND/TO`, then `/DATE` (an action's date, a relation's start) when the
/// edge has one, then `/N` for the second and later edges with the same key (N from 2).
/// It depends only on the edges between the same two nodes, so adding an edge elsewhere
/// changes no key.
///
/// # Complexity
/// O(E log d) for E edges and d the largest out-degree; holds one node's edges at a time.
pub fn for_each_edge<E>(
    graph: &SanctionsGraph,
    mut visit: impl FnMut(EdgeView<'_>, &str) -> Result<(), E>,
) -> Result<(), E> {
    let mut edges: Vec<(EdgeView<'_>, &str, Option<Date>)> = Vec::new();
    let mut key = String::new();
    for node in graph.nodes() {
        edges.clear();
        edges.extend(
            graph
                .edges_directed(node.index(), Direction::Outgoing)
                .map(|edge| (edge, edge.to(), edge.sort_date())),
        );
        edges.sort_by(|a, b| {
            (a.1, a.0.kind().as_str(), a.2, a.0.id()).cmp(&(
                b.1,
                b.0.kind().as_str(),
                b.2,
                b.0.id(),
            ))
        });
        let mut repeat = 1;
        for (at, &(edge, to, date)) in edges.iter().enumerate() {
            let same = at > 0 && {
                let (before, before_to, before_date) = edges[at - 1];
                before_to == to && before.kind() == edge.kind() && before_date == date
            };
            repeat = if same { repeat + 1 } else { 1 };
            key.clear();
            key.push_str(node.id());
            key.push('/');
            key.push_str(edge.kind().as_str());
            key.push('/');
            key.push_str(to);
            if let Some(date) = date {
                key.push('/');
                key.push_str(&date.to_string());
            }
            if repeat > 1 {
                key.push('/');
                key.push_str(&repeat.to_string());
            }
            visit(edge, &key)?;
        }
    }
    Ok(())
}

/// The first or last day a date stands for, as `YYYY-MM-DD` (a year below 1 or above
/// 9999 is written with its sign or all its digits, as XML Schema does).
pub fn day_text((year, month, day): (i32, u8, u8)) -> String {
    format!("{}-{month:02}-{day:02}", year_text(year))
}

/// A year as XML Schema writes it: at least four digits, a minus sign before years before
/// year 1 (which our dates never hold, but a year is an `i32`).
pub fn year_text(year: i32) -> String {
    if year < 0 {
        format!("-{:04}", year.unsigned_abs())
    } else {
        format!("{year:04}")
    }
}

/// A date as written, keeping its precision (`2021`, `2021-08`, `2021-08-09`).
pub fn date_text(date: Date) -> String {
    let (year, month, day) = date.first_day();
    match date.precision() {
        Precision::Year => year_text(year),
        Precision::Month => format!("{}-{month:02}", year_text(year)),
        Precision::Day => day_text((year, month, day)),
    }
}

/// The name of a precision in exports: `year`, `month`, `day`.
pub fn precision_name(precision: Precision) -> &'static str {
    match precision {
        Precision::Year => "year",
        Precision::Month => "month",
        Precision::Day => "day",
    }
}

/// A snake_case name in CamelCase (`pledge_ease` → `PledgeEase`), for labels and classes.
pub fn camel(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut upper = true;
    for c in name.chars() {
        if c == '_' {
            upper = true;
        } else if upper {
            out.push(c.to_ascii_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

/// The label of a node kind (`Country`, `Body`, ...).
pub fn kind_label(kind: NodeKind) -> String {
    camel(kind.as_str())
}

/// The name of an edge kind as a relationship type: `PART_OF`, `SANCTION`.
pub fn relationship_type(kind: EdgeKind) -> String {
    kind.as_str().to_ascii_uppercase()
}

/// The effect of an action as exported: `restrictive`, `easing`, `lifting`, `diplomatic`.
pub fn effect_name(edge: EdgeView<'_>) -> Option<&'static str> {
    edge.action().map(|action| action.effect().as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        assert_eq!(camel("pledge_ease"), "PledgeEase");
        assert_eq!(camel("sanction"), "Sanction");
        assert_eq!(year_text(-44), "-0044");
        assert_eq!(year_text(33), "0033");
        let month = Date::ym(2023, 12).expect("a month");
        assert_eq!(date_text(month), "2023-12");
        assert_eq!(day_text(month.last_day()), "2023-12-31");
    }
}
