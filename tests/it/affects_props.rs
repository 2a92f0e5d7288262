//! `affects` against a brute-force evaluator written from the rules in docs/queries.md, on
//! small random graphs with random date precisions, ends and ownership periods: standing
//! per (target, commodity), relations valid on the queried date, and certainty over every
//! reading of the dates (each day a month-dated date may be, enumerated).

use std::collections::{BTreeMap, BTreeSet};

use proptest::prelude::*;
use sanctions_graph::model::{
    ActionKind, Date, Edge, EdgeKind, Node, NodeId, NodeKind, Origin, RelationKind, SourceId,
};
use sanctions_graph::query::{affects, Standing, When};
use sanctions_graph::SanctionsGraph;

fn origin() -> Origin {
    Origin {
        file: "prop".into(),
        line: 1,
    }
}

/// A day or a month of 2020, from a number of days into the year.
pub(super) fn date(day_of_year: u32, month_precision: bool) -> Date {
    let (month, day) = month_day(day_of_year);
    if month_precision {
        Date::ym(2020, month).expect("a month")
    } else {
        Date::ymd(2020, month, day).expect("a day")
    }
}

const MONTH_DAYS: [u32; 4] = [31, 29, 31, 30];

/// Month and day of the `n`th day (0-based) of 2020, within its first four months.
fn month_day(n: u32) -> (u32, u32) {
    let mut left = n % 121;
    for (month, &days) in MONTH_DAYS.iter().enumerate() {
        if left < days {
            return (month as u32 + 1, left + 1);
        }
        left -= days;
    }
    (4, 30)
}

/// Every day (as a number into the year) a date may stand for.
pub(super) fn days_of(date: Date) -> Vec<u32> {
    let index = |(_, m, d): (i32, u8, u8)| {
        MONTH_DAYS[..usize::from(m) - 1].iter().sum::<u32>() + u32::from(d) - 1
    };
    (index(date.first_day())..=index(date.last_day())).collect()
}

/// One random measure: by which body, on which target, its effect, the commodities it
/// names (bits over c0..c3), its date and its end.
pub(super) type RawMeasure = (usize, usize, usize, u8, (u32, bool), Option<(u32, bool)>);
/// One random economic tie: from target, to (a commodity, or another target when owning),
/// and the period it holds (days into 2020).
pub(super) type RawTie = (usize, usize, bool, Option<u32>, Option<u32>);

const COMMODITIES: [&str; 4] = ["c0", "c1", "c2", "c3"];
const TARGETS: usize = 3;

pub(super) struct Case {
    pub(super) graph: SanctionsGraph,
    pub(super) measures: Vec<RawMeasure>,
    pub(super) ties: Vec<RawTie>,
}

/// c0 is asked about; c1 is part of c0, c0 part of c2; c3 stands apart. Body b1 is part
/// of body b0.
pub(super) fn build(measures: Vec<RawMeasure>, ties: Vec<RawTie>) -> Case {
    let mut nodes = vec![
        Node::new(NodeId::new("b0"), NodeKind::Body, "B0", origin()),
        Node::new(NodeId::new("b1"), NodeKind::Body, "B1", origin()),
    ];
    for c in COMMODITIES {
        nodes.push(Node::new(NodeId::new(c), NodeKind::Commodity, c, origin()));
    }
    for t in 0..TARGETS {
        nodes.push(Node::new(
            NodeId::new(format!("t{t}")),
            NodeKind::Company,
            "T",
            origin(),
        ));
    }
    let relation = |kind, from: &str, to: &str| {
        let mut edge = Edge::new(
            EdgeKind::Relation(kind),
            NodeId::new(from),
            NodeId::new(to),
            origin(),
        );
        edge.sources = vec![SourceId::new("s")];
        edge
    };
    let mut edges = vec![
        relation(RelationKind::PartOf, "b1", "b0"),
        relation(RelationKind::PartOf, "c1", "c0"),
        relation(RelationKind::PartOf, "c0", "c2"),
    ];
    for &(from, to, owns, since, until) in &ties {
        let mut edge = if owns {
            relation(
                RelationKind::Owns,
                &format!("t{from}"),
                &format!("t{}", to % TARGETS),
            )
        } else {
            relation(
                RelationKind::Produces,
                &format!("t{from}"),
                COMMODITIES[to % 4],
            )
        };
        edge.since = since.map(|d| date(d, false));
        edge.until = until.map(|d| date(d, false));
        edges.push(edge);
    }
    let kinds = [ActionKind::Sanction, ActionKind::Ease, ActionKind::Lift];
    for &(body, target, kind, names, (day, month), until) in &measures {
        let mut edge = Edge::new(
            EdgeKind::Action(kinds[kind]),
            NodeId::new(format!("b{body}")),
            NodeId::new(format!("t{target}")),
            origin(),
        );
        edge.sources = vec![SourceId::new("s")];
        edge.date = Some(date(day, month));
        edge.until = until.map(|(d, m)| date(d, m));
        edge.concerns = (0..4)
            .filter(|bit| names & (1 << bit) != 0)
            .map(|bit| NodeId::new(COMMODITIES[bit]))
            .collect();
        edges.push(edge);
    }
    Case {
        graph: SanctionsGraph::new(nodes, edges, Vec::new()),
        measures,
        ties,
    }
}

pub(super) fn measures() -> impl Strategy<Value = Vec<RawMeasure>> {
    let measure = (
        0usize..2,
        0..TARGETS,
        0usize..3,
        0u8..16,
        (0u32..120, any::<bool>()),
    )
        .prop_flat_map(|(body, target, kind, names, (day, month))| {
            let start = date(day, month).last_day();
            let earliest =
                days_of(Date::ymd(start.0, u32::from(start.1), u32::from(start.2)).expect("day"))
                    [0];
            (
                Just((body, target, kind, names, (day, month))),
                prop::option::of((earliest..121, any::<bool>())),
            )
        })
        .prop_map(|((body, target, kind, names, at), until)| {
            (body, target, kind, names, at, until)
        });
    prop::collection::vec(measure, 0..4)
}

pub(super) fn ties() -> impl Strategy<Value = Vec<RawTie>> {
    let tie = (
        0..TARGETS,
        0usize..4,
        any::<bool>(),
        prop::option::of(0u32..60),
        prop::option::of(60u32..121),
    );
    prop::collection::vec(tie, 0..5)
}

/// Whether target `t` reaches c0 on day `on` through ties holding then (c1 counts: it is
/// part of c0).
fn reaches(ties: &[RawTie], t: usize, on: u32, seen: &mut BTreeSet<usize>) -> bool {
    if !seen.insert(t) {
        return false;
    }
    ties.iter().any(|&(from, to, owns, since, until)| {
        let holds = since.is_none_or(|s| s <= on) && until.is_none_or(|u| u >= on);
        if from != t || !holds {
            return false;
        }
        if owns {
            reaches(ties, to % TARGETS, on, seen)
        } else {
            matches!(to % 4, 0 | 1)
        }
    })
}

/// Whether a measure counts for c0: by what it names, or, naming nothing, by its target.
fn counts(ties: &[RawTie], measure: &RawMeasure, on: u32) -> bool {
    let (_, target, _, names, _, _) = *measure;
    if names == 0 {
        reaches(ties, target, on, &mut BTreeSet::new())
    } else {
        names & 0b0111 != 0
    }
}

/// Every standing a target can have on `on`, over every reading of the dates of the
/// measures that count (`None`: no measure in force).
fn possible_standings(chosen: &[&RawMeasure], on: u32) -> BTreeSet<Option<Standing>> {
    let options: Vec<(Vec<u32>, Vec<Option<u32>>)> = chosen
        .iter()
        .map(|&&(_, _, _, _, (day, month), until)| {
            let dates = days_of(date(day, month));
            let ends = match until {
                Some((d, m)) => days_of(date(d, m)).into_iter().map(Some).collect(),
                None => vec![None],
            };
            (dates, ends)
        })
        .collect();
    let mut found = BTreeSet::new();
    let mut pick = vec![(0usize, 0usize); chosen.len()];
    loop {
        // The latest measure in force under this reading; a relief after a restriction on
        // one day, then the edge order (the measures are in edge order).
        let mut best: Option<(u32, usize, usize)> = None;
        for (i, &(a, b)) in pick.iter().enumerate() {
            let (day, end) = (options[i].0[a], options[i].1[b]);
            if day <= on && end.is_none_or(|end| end >= on) {
                let key = (day, chosen[i].2, i);
                if best.is_none_or(|best| key > best) {
                    best = Some(key);
                }
            }
        }
        found.insert(
            best.map(|(_, kind, _)| {
                [Standing::Restrictive, Standing::Eased, Standing::Lifted][kind]
            }),
        );
        // The next reading.
        let mut i = 0;
        loop {
            if i == pick.len() {
                return found;
            }
            pick[i].1 += 1;
            if pick[i].1 < options[i].1.len() {
                break;
            }
            pick[i].1 = 0;
            pick[i].0 += 1;
            if pick[i].0 < options[i].0.len() {
                break;
            }
            pick[i].0 = 0;
            i += 1;
        }
    }
}

/// Whether some reading of a measure's dates has it in force on `on`: an actor is listed
/// only for its measures that may be in force.
fn may_be_in_force(measure: &RawMeasure, on: u32) -> bool {
    let (_, _, _, _, (day, month), until) = *measure;
    days_of(date(day, month))[0] <= on
        && until.is_none_or(|(d, m)| *days_of(date(d, m)).last().expect("a day") >= on)
}

fn readings(measures: &[RawMeasure]) -> usize {
    measures
        .iter()
        .map(|&(_, _, _, _, (day, month), until)| {
            days_of(date(day, month)).len() * until.map_or(1, |(d, m)| days_of(date(d, m)).len())
        })
        .product()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn affects_agrees_with_the_rules_over_every_reading_of_the_dates(
        raw_measures in measures(),
        raw_ties in ties(),
        on in 0u32..121,
    ) {
        prop_assume!(readings(&raw_measures) <= 20_000);
        let case = build(raw_measures, raw_ties);
        let graph = &case.graph;
        let commodity = graph.index_of("c0").expect("c0");
        let answer = affects(graph, commodity, When::AsOf(date(on, false)));

        // The rules: b1 is part of b0, so their measures count together; each actor's
        // targets are those of its own measures and of the bodies below it.
        let mut expected: BTreeMap<String, BTreeMap<String, BTreeSet<Option<Standing>>>> =
            BTreeMap::new();
        for actor in 0..2usize {
            let acting: Vec<usize> = if actor == 0 { vec![0, 1] } else { vec![1] };
            let targets: BTreeSet<usize> = case
                .measures
                .iter()
                .filter(|m| {
                    acting.contains(&m.0) && counts(&case.ties, m, on) && may_be_in_force(m, on)
                })
                .map(|m| m.1)
                .collect();
            for target in targets {
                let chosen: Vec<&RawMeasure> = case
                    .measures
                    .iter()
                    .filter(|m| m.1 == target && counts(&case.ties, m, on))
                    .collect();
                let possible = possible_standings(&chosen, on);
                if possible.iter().any(Option::is_some) {
                    expected
                        .entry(format!("b{actor}"))
                        .or_default()
                        .insert(format!("t{target}"), possible);
                }
            }
        }

        let mut found: BTreeMap<String, BTreeMap<String, BTreeSet<Option<Standing>>>> =
            BTreeMap::new();
        for affect in &answer {
            let mut targets = BTreeMap::new();
            for t in &affect.targets {
                let possible: BTreeSet<Option<Standing>> = if t.possible.is_empty() {
                    BTreeSet::from([Some(t.standing)])
                } else {
                    prop_assert!(t.possible.contains(&Some(t.standing)));
                    t.possible.iter().copied().collect()
                };
                prop_assert_eq!(
                    t.certainty == sanctions_graph::query::Certainty::Certain,
                    possible.len() == 1
                );
                targets.insert(graph.node_id(t.target).to_owned(), possible);
            }
            found.insert(graph.node_id(affect.actor).to_owned(), targets);
        }
        prop_assert_eq!(found, expected);
    }

    #[test]
    fn affects_and_scheduled_together_give_what_each_gives_alone(
        raw_measures in measures(),
        raw_ties in ties(),
        on in 0u32..121,
        leave_out in 0usize..8,
    ) {
        let case = build(raw_measures, raw_ties);
        let graph = &case.graph;
        let commodity = graph.index_of("c0").expect("c0");
        let day = date(on, false);
        // Every other action from the `leave_out`-th on is taken out, as `--without` does.
        let left_out = |edge: petgraph::graph::EdgeIndex| {
            edge.index() >= leave_out && (edge.index() - leave_out) % 2 == 0
        };
        let (found, later) =
            sanctions_graph::query::affects_and_scheduled(graph, commodity, day, left_out);
        prop_assert_eq!(
            found,
            sanctions_graph::query::affects_without(graph, commodity, When::AsOf(day), left_out)
        );
        prop_assert_eq!(later, sanctions_graph::query::scheduled(graph, commodity, day));
    }
}
