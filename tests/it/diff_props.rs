//! `diff` between two days against the two as-of answers of `affects`, on the small random
//! graphs of `affects_props`: the standings that changed are exactly those that differ
//! between the answers, nothing changes when nothing happens in the window, and the
//! actions listed are those dated in it. Also CSV quoting against a reader of RFC 4180.

use std::collections::BTreeSet;

use proptest::prelude::*;
use sanctions_graph::export::csv::to_csv;
use sanctions_graph::query::diff::{diff, DiffQuery};
use sanctions_graph::query::{affects, Affect, When};
use sanctions_graph::SanctionsGraph;

use super::affects_props::{build, date, days_of, measures, ties};

/// (commodity, actor, target, before, after) with standings as (standing, partial, action).
type Row = (String, String, String, Option<String>, Option<String>);

fn held(graph: &SanctionsGraph, found: &[Affect], actor: &str, target: &str) -> Option<String> {
    found
        .iter()
        .filter(|a| graph.node_id(a.actor) == actor)
        .flat_map(|a| a.targets.iter())
        .find(|t| graph.node_id(t.target) == target)
        .map(|t| format!("{} {} {:?}", t.standing, t.is_partial(), t.action))
}

/// The difference of the two as-of answers, computed from them alone.
fn expected(graph: &SanctionsGraph, commodity: &str, from: u32, to: u32) -> BTreeSet<Row> {
    let index = graph.index_of(commodity).expect("commodity");
    let before = affects(graph, index, When::AsOf(date(from, false)));
    let after = affects(graph, index, When::AsOf(date(to, false)));
    let mut pairs = BTreeSet::new();
    for answer in [&before, &after] {
        for affect in answer.iter() {
            for t in &affect.targets {
                pairs.insert((
                    graph.node_id(affect.actor).to_owned(),
                    graph.node_id(t.target).to_owned(),
                ));
            }
        }
    }
    pairs
        .into_iter()
        .filter_map(|(actor, target)| {
            let (was, is) = (
                held(graph, &before, &actor, &target),
                held(graph, &after, &actor, &target),
            );
            (was != is).then(|| (commodity.to_owned(), actor, target, was, is))
        })
        .collect()
}

fn found(
    graph: &SanctionsGraph,
    changes: &[sanctions_graph::query::diff::Change],
) -> BTreeSet<Row> {
    let text = |h: Option<sanctions_graph::query::diff::Held>| {
        h.map(|h| format!("{} {} {:?}", h.standing, h.partial, h.action))
    };
    changes
        .iter()
        .flat_map(|c| {
            c.actors.iter().map(move |&actor| {
                (
                    graph.node_id(c.commodity).to_owned(),
                    graph.node_id(actor).to_owned(),
                    graph.node_id(c.target).to_owned(),
                    text(c.before),
                    text(c.after),
                )
            })
        })
        .collect()
}

/// A reader of RFC 4180 records, written from the RFC: quoted fields may hold commas,
/// CRLF and doubled quotes.
fn read_csv(text: &str) -> Vec<Vec<String>> {
    let mut records = Vec::new();
    let (mut record, mut field) = (Vec::new(), String::new());
    let mut chars = text.chars().peekable();
    let mut quoted = false;
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') if field.is_empty() => quoted = true,
            (false, ',') => record.push(std::mem::take(&mut field)),
            (false, '\r') if chars.peek() == Some(&'\n') => {
                chars.next();
                record.push(std::mem::take(&mut field));
                records.push(std::mem::take(&mut record));
            }
            (false, c) => field.push(c),
        }
    }
    records
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn diff_is_the_difference_of_the_two_as_of_answers(
        raw_measures in measures(),
        raw_ties in ties(),
        (from, to) in (0u32..121, 0u32..121).prop_map(|(a, b)| (a.min(b), a.max(b))),
    ) {
        let case = build(raw_measures, raw_ties);
        let graph = &case.graph;
        let query = DiffQuery {
            from: date(from, false),
            to: date(to, false),
            commodity: None,
        };
        let answer = diff(graph, &query, 10_000);
        let mut wanted = BTreeSet::new();
        for commodity in ["c0", "c1", "c2", "c3"] {
            wanted.extend(expected(graph, commodity, from, to));
        }
        prop_assert_eq!(found(graph, &answer.changes), wanted);

        // The same for one commodity.
        let one = diff(graph, &DiffQuery { commodity: graph.index_of("c0"), ..query }, 10_000);
        prop_assert_eq!(found(graph, &one.changes), expected(graph, "c0", from, to));

        // The actions listed are those whose date may fall in the window.
        let inside = |days: Vec<u32>| days.iter().any(|d| (from..=to).contains(d));
        let dated = case.measures.iter().filter(|m| inside(days_of(date(m.4 .0, m.4 .1)))).count();
        prop_assert_eq!(answer.actions.len(), dated);

        // Nothing dated, ended or begun in the window: nothing changes.
        let quiet = dated == 0
            && case.measures.iter().all(|m| m.5.is_none_or(|(d, p)| !inside(days_of(date(d, p)))))
            && case.ties.iter().all(|t| {
                t.3.is_none_or(|d| !(from..=to).contains(&d))
                    && t.4.is_none_or(|d| !(from..=to).contains(&d))
            });
        if quiet {
            prop_assert!(answer.changes.is_empty(), "{:?}", answer.changes);
            prop_assert!(answer.actors.is_empty());
        }
    }

    #[test]
    fn csv_fields_read_back_as_written(
        rows in prop::collection::vec(
            prop::collection::vec("[a-c,\" \r\n]{0,6}", 3),
            0..5,
        ),
    ) {
        let text = to_csv(&["x", "y", "z"], rows.clone());
        let mut expected = vec![vec!["x".to_owned(), "y".to_owned(), "z".to_owned()]];
        expected.extend(rows);
        prop_assert_eq!(read_csv(&text), expected);
    }
}
