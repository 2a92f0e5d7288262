//! FollowTheMoney import and export: every mapped schema, unresolved references, each kind
//! of bad line, the RON the import writes, and the export → import round trip.

use std::fs::File;
use std::io::BufReader;

use sanctions_graph::ftm::FtmOptions;
use sanctions_graph::model::{ActionKind, Edge, Node, Origin, Source};
use sanctions_graph::{Input, SanctionsGraph};

use crate::support::{run, temp_graph};

const SAMPLE: &str = "tests/data/ftm/sample.ftm.jsonl";

fn options(as_of: &str) -> FtmOptions {
    FtmOptions {
        skip_invalid: false,
        as_of: as_of.parse().expect("a date"),
    }
}

fn import_file(path: &str, as_of: &str) -> SanctionsGraph {
    let reader = BufReader::new(File::open(path).expect("the sample exists"));
    let (loaded, _) = sanctions_graph::load_ftm(reader, path, &options(as_of), &mut |_| {})
        .expect("the sample imports");
    loaded.graph
}

pub(crate) fn import_bytes(bytes: &[u8], as_of: &str) -> SanctionsGraph {
    // Without rules: the round trip must give back what was exported, nothing added.
    let (loaded, _) = sanctions_graph::load_ftm_with(
        bytes,
        "<memory>",
        &options(as_of),
        sanctions_graph::ftm::Authorities::builtin(),
        sanctions_graph::ftm::Rules::none(),
        &mut |_| {},
    )
    .expect("the export imports");
    loaded.graph
}

/// Nodes, edges and sources with the place they were defined left out, edges sorted: what
/// must agree between two loads of the same graph.
pub(crate) fn canonical(graph: &SanctionsGraph) -> (Vec<Node>, Vec<String>, Vec<Source>) {
    let nowhere = Origin {
        file: "".into(),
        line: 0,
    };
    let nodes = graph
        .nodes()
        .map(|node| Node {
            origin: nowhere.clone(),
            ..node.to_node()
        })
        .collect();
    let mut edges: Vec<String> = graph
        .edges()
        .map(|edge| {
            format!(
                "{:?}",
                Edge {
                    origin: nowhere.clone(),
                    ..edge.to_edge()
                }
            )
        })
        .collect();
    edges.sort();
    (nodes, edges, graph.sources().collect())
}

#[test]
fn imports_every_mapped_schema() {
    let (code, stdout, stderr) = run(&["import", "ftm", SAMPLE, "--as-of", "2025-12-31"], None);
    assert_eq!(code, 0, "{stderr}");
    insta::assert_snapshot!("sample_ron", stdout);
    insta::assert_snapshot!("sample_summary", stderr);
}

#[test]
fn the_ron_it_writes_loads_back_as_the_same_graph() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let out = dir.path().join("out");
    let out_arg = out.to_str().expect("a UTF-8 path");
    let (code, stdout, stderr) = run(
        &[
            "import",
            "ftm",
            SAMPLE,
            "--as-of",
            "2025-12-31",
            "-o",
            out_arg,
        ],
        None,
    );
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stdout.starts_with("imported 28 entities from 28 lines"),
        "{stdout}"
    );
    let (code, _, stderr) = run(&["check", out_arg], None);
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.is_empty(), "no warnings expected: {stderr}");
    let from_ron = sanctions_graph::load(&[Input::Path(out)]).expect("valid RON");
    assert_eq!(
        canonical(&from_ron.graph),
        canonical(&import_file(SAMPLE, "2025-12-31"))
    );
}

#[test]
fn ids_do_not_depend_on_the_order_of_lines() {
    let text = std::fs::read_to_string(SAMPLE).expect("the sample exists");
    let reversed: String = text.lines().rev().map(|line| format!("{line}\n")).collect();
    assert_eq!(
        canonical(&import_bytes(reversed.as_bytes(), "2025-12-31")),
        canonical(&import_bytes(text.as_bytes(), "2025-12-31"))
    );
}

#[test]
fn queries_an_ftm_file_directly() {
    let (code, stdout, stderr) = run(&["--graph", SAMPLE, "show", "nk-belaruskali"], None);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("OAO Belaruskali, Belaruskali"), "{stdout}");
    assert!(stdout.contains("ofac"), "{stdout}");
    let text = std::fs::read_to_string(SAMPLE).expect("the sample exists");
    let (code, stdout, _) = run(
        &[
            "--input-format",
            "ftm",
            "--graph",
            "-",
            "list",
            "--kind",
            "vessel",
        ],
        Some(&text),
    );
    assert_eq!(code, 0);
    assert!(stdout.contains("nk-ship"), "{stdout}");
}

#[test]
fn counts_unmapped_schemata_and_bad_values_without_failing() {
    let text = concat!(
        r#"{"id": "p", "schema": "Person", "properties": {"name": ["P"], "nationality": ["not a code"], "hairColor": ["red"]}}"#,
        "\n",
        r#"{"id": "pos", "schema": "Position", "properties": {"name": ["Minister"]}}"#,
        "\n",
        r#"{"id": "s", "schema": "Sanction", "properties": {"entity": ["p"], "authority": ["A"], "startDate": ["soon"]}, "first_seen": "2023-04-05T06:07:08"}"#,
        "\n",
    );
    let (_dir, path) = temp_graph("entities.ftm.json", text);
    let path = path.to_str().expect("a UTF-8 path");
    let (code, stdout, stderr) = run(
        &[
            "import",
            "ftm",
            path,
            "--format",
            "json",
            "-o",
            &format!("{path}.out"),
        ],
        None,
    );
    assert_eq!(code, 0, "{stderr}");
    let summary: serde_json::Value = serde_json::from_str(&stdout).expect("JSON");
    assert_eq!(summary["stats"]["unmapped_schemata"]["Position"], 1);
    assert_eq!(summary["stats"]["unused_properties"]["Person.hairColor"], 1);
    assert_eq!(summary["stats"]["invalid_values"]["Person.nationality"], 1);
    assert_eq!(summary["stats"]["invalid_values"]["Sanction.startDate"], 1);
    // No listing or start date: the date the publisher first saw the entity, said so.
    let (_, stdout, _) = run(&["--graph", path, "show", "p"], None);
    assert!(stdout.contains("2023-04-05  sanction"), "{stdout}");
}

#[test]
fn an_end_date_lifts_only_once_it_has_passed() {
    let lifts = |graph: &SanctionsGraph| {
        graph
            .edges()
            .filter(|edge| edge.action() == Some(ActionKind::Lift))
            .map(|edge| {
                format!(
                    "{} {}",
                    edge.to(),
                    edge.date().map(|d| d.to_string()).unwrap_or_default()
                )
            })
            .collect::<Vec<_>>()
    };
    assert!(lifts(&import_file(SAMPLE, "2025-11-03")).is_empty());
    assert_eq!(
        lifts(&import_file(SAMPLE, "2025-11-04")),
        ["nk-ew001pb 2025-11-04"]
    );
    // The EU listing ends in 2099: still in force, its history whole.
    let graph = import_file(SAMPLE, "2025-12-31");
    let eu = graph
        .edges()
        .filter(|edge| edge.to() == "q1234" && edge.action().is_some())
        .count();
    assert_eq!(eu, 1);
}

#[test]
fn keeps_references_to_missing_entities_on_unresolved_nodes() {
    let path = "tests/data/ftm/unresolved.ftm.jsonl";
    let (code, stdout, stderr) = run(&["import", "ftm", path], None);
    assert_eq!(code, 0, "{stderr}");
    insta::assert_snapshot!("unresolved_summary", stderr);
    assert!(stdout.contains(
        r#"Person(id: "missing-person", name: "missing-person", notes: "Unresolved: FtM entity `missing-person` is referenced but not in the input.")"#
    ), "{stdout}");
    assert!(
        stdout.contains(r#"Company(id: "missing-asset", name: "Missing-Asset""#),
        "{stdout}"
    );
    let graph = import_file(path, "2025-01-01");
    // Four edges of the input, and the resolved authority's `part_of` its country.
    assert_eq!(graph.edge_count(), 5);
}

#[test]
fn stops_at_a_bad_line_with_its_number() {
    for (file, line) in [
        ("bad-json", 3),
        ("no-schema", 2),
        ("no-id", 2),
        ("not-strings", 2),
    ] {
        let path = format!("tests/data/ftm/{file}.ftm.jsonl");
        let (code, stdout, stderr) = run(&["import", "ftm", &path], None);
        assert_eq!(code, 1, "{file}: {stderr}");
        assert!(stdout.is_empty());
        assert!(
            stderr.contains(&format!("{path}:{line}:")),
            "{file}: {stderr}"
        );
        insta::assert_snapshot!(format!("bad_line_{file}"), stderr);
    }
}

#[test]
fn skips_and_counts_bad_lines_when_asked() {
    let path = "tests/data/ftm/not-strings.ftm.jsonl";
    let (code, stdout, stderr) = run(&["import", "ftm", path, "--skip-invalid"], None);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stdout.contains(r#"Person(id: "p-1", name: "First")"#),
        "{stdout}"
    );
    insta::assert_snapshot!("skipped_lines", stderr);
    let (code, _, stderr) = run(
        &[
            "--graph",
            "tests/data/ftm/bad-json.ftm.jsonl",
            "--skip-invalid",
            "check",
        ],
        None,
    );
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains("bad-json.ftm.jsonl:3:67"), "{stderr}");
}

#[test]
fn refuses_an_ftm_file_mixed_with_other_inputs() {
    let (code, _, stderr) = run(&["--graph", SAMPLE, "--graph", "graphs", "list"], None);
    assert_eq!(code, 2);
    assert!(stderr.contains("loaded on its own"), "{stderr}");
}

#[test]
fn exports_the_builtin_graph_whole() {
    let (code, stdout, stderr) = run(&["export", "ftm"], None);
    assert_eq!(code, 0, "{stderr}");
    insta::assert_snapshot!("builtin_export_count", stderr);
    let first = stdout
        .lines()
        .find(|line| line.contains(r#""id":"belaruskali""#));
    insta::assert_snapshot!("builtin_export_belaruskali", first.unwrap_or(""));
    // Every line is an entity the import reads back without a bad line.
    let graph = import_bytes(stdout.as_bytes(), "2026-01-01");
    let belavia: Vec<String> = graph
        .edges()
        .filter(|edge| edge.to() == "belavia")
        .map(|edge| {
            format!(
                "{} {} {}",
                edge.kind(),
                edge.from(),
                edge.date().map(|d| d.to_string()).unwrap_or_default()
            )
        })
        .collect();
    assert_eq!(
        belavia,
        [
            "pledge_ease john-coale 2025-09-11",
            "sanction bis 2022-06-16",
            "sanction bis 2022-12-13",
            "sanction bis 2023-06-07",
            "sanction bis 2023-12",
            "sanction ofac 2023-08-09",
            "ease ofac 2025-09-11",
            "ease bis 2025-09-12",
            "lift ofac 2025-11-04",
        ]
    );
}

#[test]
fn export_writes_a_file_only_whole() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let path = dir.path().join("graph.ftm.json");
    let path_arg = path.to_str().expect("a UTF-8 path");
    let (code, stdout, _) = run(&["export", "ftm", "-o", path_arg], None);
    assert_eq!(code, 0);
    assert!(stdout.is_empty());
    let written = std::fs::read_to_string(&path).expect("written");
    let (_, expected, _) = run(&["export", "ftm"], None);
    assert_eq!(written, expected);
    let missing = dir.path().join("no/such/dir/graph.ftm.json");
    let (code, _, stderr) = run(
        &["export", "ftm", "-o", missing.to_str().expect("UTF-8")],
        None,
    );
    assert_eq!(code, 2, "{stderr}");
}

/// A JSON answer with the places items were defined left out: they name different files
/// for the same graph loaded from FtM and from RON.
fn without_origins(value: serde_json::Value) -> serde_json::Value {
    match value {
        serde_json::Value::Object(map) => map
            .into_iter()
            .filter(|(key, _)| key != "origin")
            .map(|(key, value)| (key, without_origins(value)))
            .collect(),
        serde_json::Value::Array(items) => items.into_iter().map(without_origins).collect(),
        other => other,
    }
}

#[test]
fn queries_answer_on_an_ftm_file_exactly_as_on_its_import_written_in_ron() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let out = dir.path().join("imported");
    let out = out.to_str().expect("a UTF-8 path");
    let (code, _, stderr) = run(
        &["import", "ftm", SAMPLE, "-o", out, "--as-of", "2025-12-31"],
        None,
    );
    assert_eq!(code, 0, "{stderr}");
    let queries: &[&[&str]] = &[
        &[
            "paths",
            "ofac",
            "nk-agro",
            "--direction",
            "both",
            "--max-hops",
            "3",
        ],
        &[
            "paths",
            "q1234",
            "nk-bpc",
            "--direction",
            "both",
            "--shortest",
        ],
        &["neighbors", "q1234", "--depth", "2"],
        &["timeline", "nk-ew001pb"],
        &["affected-by", "ofac"],
    ];
    for query in queries {
        let answer = |graph: &str| {
            let mut args = vec!["--graph", graph, "--format", "json"];
            args.extend_from_slice(query);
            let (code, stdout, stderr) = run(&args, None);
            let value: serde_json::Value = serde_json::from_str(&stdout)
                .unwrap_or_else(|error| panic!("{query:?} on {graph}: {error}\n{stdout}{stderr}"));
            (code, without_origins(value))
        };
        let from_ftm = answer(SAMPLE);
        let from_ron = answer(out);
        assert_eq!(from_ftm, from_ron, "{query:?}");
    }
}
