//! What `affects` answers, rule by rule (docs/queries.md): a measure's scope, headings both
//! ways, relations on the queried date, certainty over the dates' precision, actions that
//! end, the future, unverified facts, the graph's freshness, and the model's small gaps.

use sanctions_graph::query::{affects, Affect, Certainty, Coverage, NetEffect, Standing, When};
use sanctions_graph::{load_str, Loaded};

use crate::support::{run, temp_graph, TODAY};

const SOURCES: &str =
    r#"sources: [Source(id: "s", publisher: "P", title: "T", identifier: "T-1")],"#;

fn graph(nodes: &str, edges: &str) -> String {
    format!("Graph(\n    {SOURCES}\n    nodes: [{nodes}],\n    edges: [{edges}],\n)")
}

fn load(text: &str) -> Loaded {
    load_str("case.ron", text).unwrap_or_else(|failed| panic!("{:#?}", failed.diagnostics))
}

fn answer(loaded: &Loaded, commodity: &str, as_of: &str) -> Vec<Affect> {
    let graph = &loaded.graph;
    let index = graph.index_of(commodity).expect("a commodity");
    affects(graph, index, When::AsOf(as_of.parse().expect("a date")))
}

fn entry<'a>(loaded: &Loaded, found: &'a [Affect], actor: &str) -> Option<&'a Affect> {
    found
        .iter()
        .find(|a| loaded.graph.node_id(a.actor) == actor)
}

/// The instrument of the action in an entry's chain.
fn evidence(loaded: &Loaded, affect: &Affect) -> String {
    affect
        .chain
        .iter()
        .map(|step| loaded.graph.edge_at(step.edge))
        .find(|edge| edge.kind().is_action())
        .and_then(|edge| edge.instrument().map(str::to_owned))
        .unwrap_or_default()
}

/// The G7 price cap on Russian oil: a measure on crude oil, a relief on diesel.
const PRICE_CAP: &str = r#"
    Country(id: "usa", name: "United States"), Country(id: "russia", name: "Russia"),
    Commodity(id: "crude-oil", name: "Crude oil"), Commodity(id: "diesel", name: "Diesel"),
    Company(id: "tanker-co", name: "Tanker Co"),
"#;
const PRICE_CAP_EDGES: &str = r#"
    Relation(kind: Produces, from: "russia", to: "crude-oil", sources: ["s"]),
    Relation(kind: Produces, from: "russia", to: "diesel", sources: ["s"]),
    Action(kind: Restrict, from: "usa", to: "russia", date: "2022-12-05", concerns: ["crude-oil"],
        instrument: "Crude oil price cap", sources: ["s"]),
    Action(kind: Lift, from: "usa", to: "russia", date: "2023-06-01", concerns: ["diesel"],
        instrument: "Diesel relief", sources: ["s"]),
"#;

#[test]
fn a_measure_affects_only_the_commodities_it_names() {
    let loaded = load(&graph(PRICE_CAP, PRICE_CAP_EDGES));
    let crude = answer(&loaded, "crude-oil", "2024-01-01");
    let usa = entry(&loaded, &crude, "usa").expect("the US restricts crude oil");
    assert_eq!(usa.effect, NetEffect::Restrictive);
    assert_eq!(evidence(&loaded, usa), "Crude oil price cap");

    // Before the diesel relief, the crude cap says nothing about diesel.
    let diesel = answer(&loaded, "diesel", "2023-01-01");
    assert!(entry(&loaded, &diesel, "usa").is_none(), "{diesel:?}");
    let diesel = answer(&loaded, "diesel", "2024-01-01");
    let usa = entry(&loaded, &diesel, "usa").expect("the relief names diesel");
    assert_eq!(usa.effect, NetEffect::Lifted);
    assert_eq!(evidence(&loaded, usa), "Diesel relief");
}

#[test]
fn a_measure_that_names_nothing_reaches_what_its_target_produces() {
    let edges = format!(
        "{PRICE_CAP_EDGES}
        Relation(kind: Carries, from: \"tanker-co\", to: \"crude-oil\", sources: [\"s\"]),
        Action(kind: Sanction, from: \"usa\", to: \"tanker-co\", date: \"2023-02-01\", sources: [\"s\"],
            instrument: \"Blocking of a tanker operator\"),"
    );
    let loaded = load(&graph(PRICE_CAP, &edges));
    let crude = answer(&loaded, "crude-oil", "2024-01-01");
    let usa = entry(&loaded, &crude, "usa").expect("listed");
    let targets: Vec<&str> = usa
        .targets
        .iter()
        .map(|t| loaded.graph.node_id(t.target))
        .collect();
    assert_eq!(
        targets,
        ["russia", "tanker-co"],
        "carries reaches crude oil"
    );
    let diesel = answer(&loaded, "diesel", "2024-01-01");
    let usa = entry(&loaded, &diesel, "usa").expect("listed");
    assert!(
        usa.targets
            .iter()
            .all(|t| loaded.graph.node_id(t.target) == "russia"),
        "the tanker carries crude oil, not diesel"
    );
}

const POTASH: &str = r#"
    Bloc(id: "eu", name: "EU"), Country(id: "belarus", name: "Belarus"),
    Commodity(id: "potash", name: "Potash"), Commodity(id: "kcl", name: "Potassium chloride"),
"#;

#[test]
fn a_measure_on_a_heading_counts_for_what_it_contains_and_partly_for_what_contains_it() {
    let edges = r#"
        Relation(kind: PartOf, from: "kcl", to: "potash", sources: ["s"]),
        Action(kind: Restrict, from: "eu", to: "belarus", date: "2021-06-24", concerns: ["potash"],
            instrument: "Potash ban", sources: ["s"]),
    "#;
    let loaded = load(&graph(POTASH, edges));
    let kcl = answer(&loaded, "kcl", "2022-01-01");
    let eu = entry(&loaded, &kcl, "eu").expect("a ban on potash covers potassium chloride");
    assert_eq!(eu.coverage, Coverage::Contains);
    assert!(!eu.partial);

    let edges = r#"
        Relation(kind: PartOf, from: "kcl", to: "potash", sources: ["s"]),
        Action(kind: Restrict, from: "eu", to: "belarus", date: "2022-03-02", concerns: ["kcl"],
            instrument: "Potassium chloride ban", sources: ["s"]),
    "#;
    let loaded = load(&graph(POTASH, edges));
    let potash = answer(&loaded, "potash", "2022-06-01");
    let eu = entry(&loaded, &potash, "eu").expect("listed");
    assert_eq!(eu.coverage, Coverage::Part);
    assert!(eu.partial, "it covers part of potash");
    let (_dir, path) = temp_graph("potash.ron", &graph(POTASH, edges));
    let path = path.to_string_lossy().into_owned();
    let (_, stdout, _) = run(
        &[
            "--graph",
            &path,
            "affects",
            "potash",
            "--as-of",
            "2022-06-01",
            "--wide",
        ],
        None,
    );
    assert!(stdout.contains("restrictive (partial)"), "{stdout}");
    assert!(
        stdout.contains("names kcl: covers part of potash"),
        "{stdout}"
    );
}

const OWNERSHIP: &str = r#"
    Body(id: "ofac", name: "OFAC"), Company(id: "holding", name: "Holding"),
    Company(id: "old-sub", name: "Old subsidiary"), Company(id: "new-sub", name: "New subsidiary"),
    Commodity(id: "c", name: "C"), Commodity(id: "d", name: "D"),
"#;
const OWNERSHIP_EDGES: &str = r#"
    Relation(kind: Owns, from: "holding", to: "old-sub", until: "2020-01-01", sources: ["s"]),
    Relation(kind: Owns, from: "holding", to: "new-sub", since: "2023-05-01", sources: ["s"]),
    Relation(kind: Produces, from: "old-sub", to: "c", sources: ["s"]),
    Relation(kind: Produces, from: "new-sub", to: "d", sources: ["s"]),
    Action(kind: Sanction, from: "ofac", to: "holding", date: "2022-03-01", sources: ["s"]),
"#;

#[test]
fn a_sanction_reaches_what_its_target_owns_on_the_date_not_what_it_sold() {
    let loaded = load(&graph(OWNERSHIP, OWNERSHIP_EDGES));
    assert!(
        answer(&loaded, "c", "2024-01-01").is_empty(),
        "the holding sold the producer of c in 2020"
    );
    assert!(
        answer(&loaded, "d", "2023-01-01").is_empty(),
        "not owned yet"
    );
    let d = answer(&loaded, "d", "2024-01-01");
    assert!(
        entry(&loaded, &d, "ofac").is_some(),
        "property acquired after the sanction is blocked too"
    );
    // With no date, the answer is as of today: the ended ownership does not count.
    let (_dir, path) = temp_graph("own.ron", &graph(OWNERSHIP, OWNERSHIP_EDGES));
    let path = path.to_string_lossy().into_owned();
    let (code, stdout, _) = run(&["--graph", &path, "affects", "c"], None);
    assert_eq!(code, 1, "{stdout}");
    assert!(
        stdout.contains(&format!("as of today, {TODAY}")),
        "{stdout}"
    );
}

#[test]
fn certainty_is_decided_by_every_reading_of_the_dates() {
    let nodes = r#"Body(id: "ofac", name: "OFAC"), Company(id: "k", name: "K"),
        Commodity(id: "c", name: "C")"#;
    let edges = r#"
        Relation(kind: Produces, from: "k", to: "c", sources: ["s"]),
        Action(kind: Sanction, from: "ofac", to: "k", date: "2025-12-15", sources: ["s"]),
        Action(kind: Ease, from: "ofac", to: "k", date: "2025-12", sources: ["s"]),
    "#;
    let loaded = load(&graph(nodes, edges));
    let found = answer(&loaded, "c", "2026-01-01");
    let ofac = entry(&loaded, &found, "ofac").expect("listed");
    assert_eq!(
        ofac.certainty,
        Certainty::Uncertain,
        "which came last is unknown"
    );
    assert_eq!(
        ofac.targets[0].possible,
        [Some(Standing::Restrictive), Some(Standing::Eased)]
    );

    let edges = r#"
        Relation(kind: Produces, from: "k", to: "c", sources: ["s"]),
        Action(kind: Sanction, from: "ofac", to: "k", date: "2022-06-03", sources: ["s"]),
        Action(kind: Restrict, from: "ofac", to: "k", date: "2022-07", sources: ["s"]),
    "#;
    let loaded = load(&graph(nodes, edges));
    let found = answer(&loaded, "c", "2022-07-15");
    let ofac = entry(&loaded, &found, "ofac").expect("listed");
    assert_eq!(
        ofac.certainty,
        Certainty::Certain,
        "the later month-dated measure cannot change the standing"
    );
}

#[test]
fn a_licence_eases_until_it_ends() {
    let nodes = r#"Body(id: "ofac", name: "OFAC"), Company(id: "k", name: "K"),
        Commodity(id: "c", name: "C")"#;
    let edges = r#"
        Relation(kind: Produces, from: "k", to: "c", sources: ["s"]),
        Action(kind: Sanction, from: "ofac", to: "k", date: "2021-08-09", sources: ["s"]),
        Action(kind: Ease, from: "ofac", to: "k", date: "2021-08-09", until: "2021-12-08",
            instrument: "General License 4", sources: ["s"]),
    "#;
    let loaded = load(&graph(nodes, edges));
    let during = answer(&loaded, "c", "2021-10-01");
    assert_eq!(during[0].effect, NetEffect::Eased);
    let after = answer(&loaded, "c", "2022-01-01");
    assert_eq!(
        after[0].effect,
        NetEffect::Restrictive,
        "the licence expired"
    );

    let (_dir, path) = temp_graph("gl4.ron", &graph(nodes, edges));
    let path = path.to_string_lossy().into_owned();
    let (_, stdout, _) = run(&["--graph", &path, "timeline", "k"], None);
    assert!(stdout.contains("expired 2021-12-08"), "{stdout}");
    let (_, stdout, _) = run(
        &["--graph", &path, "export", "dot", "--as-of", "2022-01-01"],
        None,
    );
    assert!(
        !stdout.contains("General License 4"),
        "an expired licence is not drawn as standing: {stdout}"
    );
}

#[test]
fn an_order_that_ends_before_it_is_taken_is_refused_but_a_month_end_is_not() {
    let nodes = r#"Body(id: "bis", name: "BIS"), Company(id: "k", name: "K")"#;
    let refused = graph(
        nodes,
        r#"Action(kind: Sanction, from: "bis", to: "k", date: "2022-06-16", until: "2022-05",
            sources: ["s"]),"#,
    );
    assert!(load_str("bad.ron", &refused).is_err());
    let accepted = graph(
        nodes,
        r#"Action(kind: Sanction, from: "bis", to: "k", date: "2022-06-16", until: "2022-06",
            sources: ["s"]),
        Relation(kind: Owns, from: "k", to: "k2", since: "2021-05-05", until: "2021-05",
            sources: ["s"]),"#,
    )
    .replace(
        r#"Company(id: "k", name: "K")"#,
        r#"Company(id: "k", name: "K"), Company(id: "k2", name: "K2")"#,
    );
    load(&accepted);
}

#[test]
fn a_future_action_is_scheduled_not_counted_and_check_warns() {
    let nodes = r#"Body(id: "ofac", name: "OFAC"), Company(id: "k", name: "K"),
        Commodity(id: "c", name: "C")"#;
    let edges = r#"
        Relation(kind: Produces, from: "k", to: "c", sources: ["s"]),
        Action(kind: Sanction, from: "ofac", to: "k", date: "2031-01-01", instrument: "Later",
            sources: ["s"]),
    "#;
    let (_dir, path) = temp_graph("future.ron", &graph(nodes, edges));
    let path = path.to_string_lossy().into_owned();
    let (code, stdout, _) = run(&["--graph", &path, "affects", "c"], None);
    assert_eq!(code, 1, "nothing is in force today: {stdout}");
    assert!(stdout.contains("scheduled (dated after"), "{stdout}");
    assert!(stdout.contains("2031-01-01"), "{stdout}");
    let (code, _, stderr) = run(&["--graph", &path, "check"], None);
    assert_eq!(code, 0);
    assert!(stderr.contains("future-date"), "{stderr}");
}

#[test]
fn an_answer_resting_on_an_unverified_action_says_so() {
    let nodes = r#"Body(id: "ofac", name: "OFAC"), Company(id: "k", name: "K"),
        Commodity(id: "c", name: "C")"#;
    let edges = r#"
        Relation(kind: Produces, from: "k", to: "c", sources: ["s"]),
        Action(kind: Sanction, from: "ofac", to: "k", date: "2021-01-01", unverified: true,
            sources: ["s"]),
    "#;
    let loaded = load(&graph(nodes, edges));
    let found = answer(&loaded, "c", "2022-01-01");
    assert!(found[0].unverified);
    assert_eq!(found[0].certainty, Certainty::Uncertain);
    let (_dir, path) = temp_graph("unverified.ron", &graph(nodes, edges));
    let path = path.to_string_lossy().into_owned();
    let (_, stdout, _) = run(
        &["--graph", &path, "affects", "c", "--as-of", "2022-01-01"],
        None,
    );
    assert!(
        stdout.contains("restrictive (uncertain, unverified)"),
        "{stdout}"
    );
    let (_, stdout, _) = run(&["--graph", &path, "timeline", "k"], None);
    assert!(stdout.contains("unverified"), "{stdout}");
    let (_, stdout, _) = run(&["--graph", &path, "show", "k"], None);
    assert!(stdout.contains("unverified"), "{stdout}");
}

#[test]
fn a_query_past_the_graphs_curation_date_warns() {
    let text = graph(
        r#"Body(id: "ofac", name: "OFAC"), Company(id: "k", name: "K"), Commodity(id: "c", name: "C")"#,
        r#"Relation(kind: Produces, from: "k", to: "c", sources: ["s"]),
        Action(kind: Sanction, from: "ofac", to: "k", date: "2021-01-01", sources: ["s"]),"#,
    )
    .replacen("Graph(", "Graph(\n    complete_to: \"2025-12-31\",", 1);
    let (_dir, path) = temp_graph("fresh.ron", &text);
    let path = path.to_string_lossy().into_owned();
    let (_, _, stderr) = run(
        &["--graph", &path, "affects", "c", "--as-of", "2026-06-01"],
        None,
    );
    assert!(
        stderr.contains("curation is complete to 2025-12-31"),
        "{stderr}"
    );
    let (_, _, stderr) = run(
        &["--graph", &path, "affects", "c", "--as-of", "2025-06-01"],
        None,
    );
    assert!(stderr.is_empty(), "{stderr}");
    let (_, stdout, _) = run(&["--graph", &path, "check"], None);
    assert!(
        stdout.contains("curation complete to 2025-12-31"),
        "{stdout}"
    );
}

#[test]
fn a_bloc_can_be_restricted_and_a_restriction_can_be_pledged() {
    let nodes = r#"Country(id: "russia", name: "Russia"), Bloc(id: "g7", name: "Price cap coalition"),
        Commodity(id: "crude-oil", name: "Crude oil")"#;
    let edges = r#"
        Action(kind: Restrict, from: "russia", to: "g7", date: "2022-12-27", concerns: ["crude-oil"],
            instrument: "Decree against the price cap", sources: ["s"]),
        Action(kind: PledgeRestrict, from: "russia", to: "g7", date: "2022-12-05",
            concerns: ["crude-oil"], sources: ["s"]),
    "#;
    let loaded = load(&graph(nodes, edges));
    let found = answer(&loaded, "crude-oil", "2023-01-01");
    assert_eq!(found[0].effect, NetEffect::Restrictive);
    let pledged = answer(&loaded, "crude-oil", "2022-12-10");
    assert_eq!(
        pledged[0].effect,
        NetEffect::Pledged,
        "announced, not in force"
    );
}

#[test]
fn a_relation_given_twice_is_warned_about_and_counted_once() {
    let nodes = r#"Body(id: "ofac", name: "OFAC"), Country(id: "usa", name: "US")"#;
    let edges = r#"
        Relation(kind: PartOf, from: "ofac", to: "usa", sources: ["s"]),
        Relation(kind: PartOf, from: "ofac", to: "usa", sources: ["s"]),
    "#;
    let loaded = load(&graph(nodes, edges));
    assert_eq!(loaded.graph.edge_count(), 1);
    let codes: Vec<&str> = loaded.warnings.iter().map(|w| w.problem.code()).collect();
    assert_eq!(codes, ["duplicate-relation"]);
}
