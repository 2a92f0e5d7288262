//! FollowTheMoney authorities and countries: spellings and abbreviations resolved to one
//! body of the curated table, each part of its government and country; unknown authorities
//! kept as written and counted; the user's own table; ISO codes named.

use std::fs::File;
use std::io::BufReader;
use std::sync::Arc;

use sanctions_graph::ftm::{Authorities, FtmOptions, ImportStats};
use sanctions_graph::model::NodeKind;
use sanctions_graph::SanctionsGraph;

use crate::support::{run, temp_graph};

const LINES: &str = "tests/data/ftm/authorities.ftm.jsonl";

fn import(table: Arc<Authorities>) -> (SanctionsGraph, ImportStats) {
    let options = FtmOptions {
        skip_invalid: false,
        as_of: "2026-03-02".parse().expect("a date"),
    };
    let reader = BufReader::new(File::open(LINES).expect("the test data exists"));
    let (loaded, stats) = sanctions_graph::load_ftm_with(
        reader,
        LINES,
        &options,
        table,
        sanctions_graph::ftm::Rules::builtin(),
        &mut |_| {},
    )
    .expect("imports");
    (loaded.graph, stats)
}

fn part_of(graph: &SanctionsGraph, id: &str) -> Vec<String> {
    graph
        .edges()
        .filter(|edge| edge.from() == id && edge.kind().to_string() == "part_of")
        .map(|edge| edge.to().to_owned())
        .collect()
}

#[test]
fn spellings_and_abbreviations_resolve_to_one_body() {
    let (graph, _) = import(Authorities::builtin());
    let from_ofac: Vec<&str> = graph
        .edges()
        .filter(|edge| edge.from() == "ofac" && edge.kind().to_string() == "sanction")
        .map(|edge| edge.to())
        .collect();
    assert_eq!(
        from_ofac,
        ["nk-belaruskali", "nk-bpc"],
        "`OFAC` and the full name are one body"
    );
    let ofac = graph.node("ofac").expect("OFAC");
    assert_eq!(ofac.name(), "Office of Foreign Assets Control");
    assert!(ofac.aliases().contains(&"OFAC"));
    assert_eq!(ofac.country(), Some("us"));
    assert_eq!(part_of(&graph, "ofac"), ["us-treasury"]);
    assert_eq!(part_of(&graph, "us-treasury"), ["us"]);
    assert_eq!(part_of(&graph, "hm-treasury"), ["gb"]);
    assert_eq!(part_of(&graph, "council-of-the-eu"), ["eu"]);
    for edge in graph.edges().filter(|e| e.kind().to_string() == "part_of") {
        assert_eq!(edge.sources().collect::<Vec<_>>(), ["sgraph-authorities"]);
    }
}

#[test]
fn iso_codes_become_named_countries_and_eu_the_bloc() {
    let (graph, _) = import(Authorities::builtin());
    let by = graph.node("by").expect("Belarus");
    assert_eq!(
        (by.kind(), by.name(), by.iso()),
        (NodeKind::Country, "Belarus", Some("BY"))
    );
    assert!(by.aliases().contains(&"BLR"));
    assert_eq!(
        graph.node("us").map(|n| n.name()),
        Some("United States of America")
    );
    let eu = graph.node("eu").expect("the EU");
    assert_eq!((eu.kind(), eu.name()), (NodeKind::Bloc, "European Union"));
    assert_eq!(graph.node("nk-bpc").and_then(|n| n.country()), Some("by"));
}

#[test]
fn an_unknown_authority_is_a_body_of_its_own_tied_to_the_sanction_country_and_counted() {
    let (graph, stats) = import(Authorities::builtin());
    let body = graph
        .node("ministry-of-example-affairs")
        .expect("kept as written");
    assert_eq!(
        (body.kind(), body.name()),
        (NodeKind::Body, "Ministry of Example Affairs")
    );
    assert_eq!(body.country(), Some("lt"));
    assert_eq!(
        stats.unresolved_authorities.into_iter().collect::<Vec<_>>(),
        [("Ministry of Example Affairs".to_owned(), 1)]
    );
    let (code, stdout, stderr) = run(&["import", "ftm", LINES, "--as-of", "2026-03-02"], None);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stderr.contains("unknown authority  1 in 1 edges: Ministry of Example Affairs 1"),
        "{stderr}"
    );
    let (code, _, _) = run(&["check", "-"], Some(&stdout));
    assert_eq!(code, 0, "the RON the import writes passes check");
}

#[test]
fn a_file_of_ones_own_extends_the_table() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let mine = dir.path().join("mine.ron");
    std::fs::write(
        &mine,
        "Authorities(authorities: [\n    Authority(id: \"example-ministry\", name: \"Ministry of Example Affairs\", aliases: [\"MEA\"], country: \"lt\"),\n])\n",
    )
    .expect("write");
    let text = std::fs::read_to_string(&mine).expect("read");
    let table = Authorities::with_file("mine.ron", &text).expect("valid");
    let (graph, stats) = import(Arc::new(table));
    assert!(stats.unresolved_authorities.is_empty());
    assert_eq!(part_of(&graph, "example-ministry"), ["lt"]);
    assert!(graph.node("ofac").is_some(), "the built-in entries stay");
    let path = mine.to_string_lossy().into_owned();
    let (code, _, stderr) = run(&["import", "ftm", LINES, "--authorities", &path], None);
    assert_eq!(code, 0, "{stderr}");
    assert!(!stderr.contains("unknown authority"), "{stderr}");

    std::fs::write(
        &mine,
        "Authorities(authorities: [Authority(id: \"x\", name: \"OFAC\")])",
    )
    .expect("write");
    let (code, _, stderr) = run(&["import", "ftm", LINES, "--authorities", &path], None);
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains("`OFAC` is a spelling of both `ofac` and `x`"),
        "{stderr}"
    );
    let (code, _, stderr) = run(
        &["import", "ftm", LINES, "--authorities", "/no/such/file.ron"],
        None,
    );
    assert_eq!(code, 2, "{stderr}");
}

#[test]
fn topics_are_kept_in_the_notes_and_shown() {
    let (graph, stats) = import(Authorities::builtin());
    let bpc = graph.node("nk-bpc").expect("BPC");
    assert_eq!(bpc.notes(), Some("topics: sanction"));
    assert!(!stats.unused_properties.contains_key("Company.topics"));
    let (code, stdout, stderr) = run(
        &["--graph", LINES, "--input-format", "ftm", "show", "nk-bpc"],
        None,
    );
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("topics: sanction"), "{stdout}");
}

/// Regression: an `endDate` still to come was dropped; it ends the measure (`until`).
#[test]
fn an_end_date_ends_the_measure_and_shows() {
    let (code, stdout, stderr) = run(
        &[
            "--graph",
            "tests/data/ftm/sample.ftm.jsonl",
            "show",
            "nk-ew001pb",
        ],
        None,
    );
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stdout.contains("2024-08-09 to 2025-11-04  sanction"),
        "{stdout}"
    );
    let (code, ron, stderr) = run(&["import", "ftm", "tests/data/ftm/sample.ftm.jsonl"], None);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        ron.contains(r#"date: "2020", until: "2099-01-01""#),
        "{ron}"
    );
}

/// Regression: the table's bodies have the ids of the built-in graph's (`ofac`, `bis`,
/// `us-treasury`, the bloc `eu`), so loading an import beside the built-in graph failed
/// with duplicate ids. The same body is now the same node.
#[test]
fn an_import_loads_beside_the_built_in_graph_with_shared_bodies_as_one_node() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let out = dir.path().join("imported");
    let out = out.to_str().expect("UTF-8");
    let (code, _, stderr) = run(&["import", "ftm", LINES, "-o", out], None);
    assert_eq!(code, 0, "{stderr}");
    let (code, stdout, stderr) = run(&["-g", "builtin", "-g", out, "check"], None);
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert!(!stderr.contains("duplicate-id"), "{stderr}");
    // One `ofac`: the built-in name kept, the table's spellings added as aliases.
    let (code, stdout, stderr) = run(
        &[
            "-g",
            "builtin",
            "-g",
            out,
            "find",
            "Treasury OFAC",
            "--format",
            "json",
        ],
        None,
    );
    assert_eq!(code, 0, "{stderr}");
    let found: serde_json::Value = serde_json::from_str(&stdout).expect("JSON");
    let ids: Vec<&str> = found["nodes"]
        .as_array()
        .expect("a list")
        .iter()
        .filter_map(|node| node["id"].as_str())
        .collect();
    assert_eq!(ids, ["ofac"], "{stdout}");
    // The imported sanctions hang on the built-in body.
    let (code, stdout, stderr) = run(&["-g", "builtin", "-g", out, "show", "ofac"], None);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stdout.contains("Office of Foreign Assets Control"),
        "{stdout}"
    );
}

/// Two different nodes under one id are still a duplicate, across files too.
#[test]
fn a_different_node_under_a_built_in_id_is_still_a_duplicate() {
    let (_dir, path) = temp_graph(
        "clash.ron",
        r#"(nodes: [Company(id: "ofac", name: "Ofac Trading LLC")])"#,
    );
    let path = path.to_str().expect("UTF-8");
    let (code, _, stderr) = run(&["-g", "builtin", "-g", path, "check"], None);
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("duplicate-id"), "{stderr}");
}
