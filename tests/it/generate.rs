//! `sgraph generate`: the same flags give the same bytes, the graph it writes is valid, and
//! a compiled graph loads as the same graph as its text.

use proptest::prelude::*;
use sanctions_graph::compiled;
use sanctions_graph::{Input, SanctionsGraph};

use crate::support::run;

/// Generates a graph into a fresh directory and returns it.
fn generated(nodes: usize, seed: u64, extra: &[&str]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let out = dir.path().display().to_string();
    let (nodes, seed) = (nodes.to_string(), seed.to_string());
    let mut args = vec!["generate", "--nodes", &nodes, "--seed", &seed, "-o", &out];
    args.extend(extra);
    let (code, _, stderr) = run(&args, None);
    assert_eq!(code, 0, "{stderr}");
    dir
}

fn read(dir: &tempfile::TempDir, name: &str) -> Vec<u8> {
    std::fs::read(dir.path().join(name)).expect("the generated file")
}

#[test]
fn the_same_seed_gives_the_same_bytes_and_another_seed_others() {
    let a = generated(500, 7, &["--json-edges"]);
    let b = generated(500, 7, &["--json-edges"]);
    let c = generated(500, 8, &[]);
    assert_eq!(read(&a, "graph.ron"), read(&b, "graph.ron"));
    assert_eq!(read(&a, "graph.json"), read(&b, "graph.json"));
    assert_ne!(read(&a, "graph.ron"), read(&c, "graph.ron"));
    assert!(!c.path().join("graph.json").exists());
}

#[test]
fn the_generated_graph_is_valid_and_its_json_has_the_same_counts() {
    let dir = generated(2_000, 3, &["--json-edges", "--edges-per-node", "4"]);
    let ron = dir.path().join("graph.ron").display().to_string();
    let (code, stdout, stderr) = run(&["-q", "check", &ron], None);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stdout.starts_with("valid: 1 file, 2000 nodes, 8000 edges"),
        "{stdout}"
    );
    let json: serde_json::Value = serde_json::from_slice(&read(&dir, "graph.json")).expect("JSON");
    assert_eq!(json["nodes"].as_array().map(Vec::len), Some(2_000));
    assert_eq!(json["edges"].as_array().map(Vec::len), Some(8_000));
    assert!(json["edges"]
        .as_array()
        .expect("edges")
        .iter()
        .all(|edge| edge["from"].is_string() && edge["kind"].is_string()));
}

/// Two graphs hold the same nodes, edges (with their ends) and sources, in the same order.
fn assert_same_graph(a: &SanctionsGraph, b: &SanctionsGraph) {
    assert_eq!(a.node_count(), b.node_count());
    assert_eq!(a.edge_count(), b.edge_count());
    let nodes = |g: &SanctionsGraph| -> Vec<_> {
        g.node_indices().map(|n| g.node_at(n).to_node()).collect()
    };
    assert_eq!(nodes(a), nodes(b));
    let ends =
        |g: &SanctionsGraph| -> Vec<_> { g.edges().map(|e| (e.source(), e.target())).collect() };
    assert_eq!(ends(a), ends(b));
    let edges = |g: &SanctionsGraph| -> Vec<_> { g.edges().map(|e| e.to_edge()).collect() };
    assert_eq!(edges(a), edges(b));
    assert!(a.sources().eq(b.sources()));
    assert!(a.ids().eq(b.ids()));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(8))]

    /// Loading the text and loading its compiled form give the same graph.
    #[test]
    fn a_compiled_graph_loads_as_the_same_graph_as_its_text(
        nodes in 23usize..400,
        seed in any::<u64>(),
    ) {
        let dir = generated(nodes, seed, &[]);
        let ron = dir.path().join("graph.ron");
        let from_text = sanctions_graph::load(&[Input::Path(ron.clone())])
            .unwrap_or_else(|failed| panic!("{:?}", failed.diagnostics.first()));
        let sgc = dir.path().join("graph.sgc");
        let (code, _, stderr) = run(
            &["compile", &ron.display().to_string(), "-o", &sgc.display().to_string()],
            None,
        );
        prop_assert_eq!(code, 0, "{}", stderr);
        let from_compiled = sanctions_graph::pipeline::open_compiled(&sgc).expect("the compiled graph loads");
        assert_same_graph(&from_text.graph, &from_compiled.graph);
        let names: Vec<&str> = from_compiled.sources.files().map(|(_, f)| f.name.as_str()).collect();
        prop_assert_eq!(names, vec![ron.display().to_string()]);
    }
}

#[test]
fn a_graph_built_in_memory_compiles_with_the_files_its_origins_name() {
    let graph = sanctions_graph::generate::generate(&sanctions_graph::generate::GenerateConfig {
        nodes: 300,
        edges: 1_200,
        seed: 5,
    });
    let decoded = compiled::decode(&compiled::encode(&graph))
        .map(sanctions_graph::pipeline::from_compiled)
        .expect("decodes");
    assert_same_graph(&graph, &decoded.graph);
    let names: Vec<&str> = decoded
        .sources
        .files()
        .map(|(_, f)| f.name.as_str())
        .collect();
    assert_eq!(names, vec!["generated:seed-5"]);
}

/// A long edge list is parsed by two threads, half each: a broken item in either half
/// is reported, in file order, and nothing else is lost.
#[test]
fn broken_items_in_both_halves_of_a_long_edge_list_are_all_reported() {
    let dir = generated(5_000, 3, &[]);
    let path = dir.path().join("graph.ron");
    let text = String::from_utf8(read(&dir, "graph.ron")).expect("UTF-8");
    let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
    let edges: Vec<usize> = (0..lines.len())
        .filter(|&at| lines[at].trim_start().starts_with("Action(kind: Sanction"))
        .collect();
    assert!(edges.len() > 1_000, "a long edge list");
    let (early, late) = (edges[10], edges[edges.len() - 10]);
    lines[early] = lines[early].replacen("kind: Sanction", "kind: Sanctoin", 1);
    lines[late] = lines[late].replacen("date: \"", "date: \"20x", 1);
    std::fs::write(&path, lines.join("\n")).expect("writes");
    let (code, _, stderr) = run(
        &[
            "--no-cache",
            "--graph",
            &path.display().to_string(),
            "check",
        ],
        None,
    );
    assert_eq!(code, 1, "{stderr}");
    let early_at = stderr
        .find(&format!("graph.ron:{}:", early + 1))
        .unwrap_or_else(|| panic!("line {} reported: {stderr}", early + 1));
    let late_at = stderr
        .find(&format!("graph.ron:{}:", late + 1))
        .unwrap_or_else(|| panic!("line {} reported: {stderr}", late + 1));
    assert!(early_at < late_at, "in file order: {stderr}");
    assert!(stderr.contains("Sanctoin"), "{stderr}");
}

/// Generated reliefs relieve earlier restrictions, as in the real record, so a generated
/// graph loads without warnings (and is therefore cached like any other).
#[test]
fn a_generated_graph_loads_without_warnings() {
    let dir = generated(3_000, 11, &[]);
    let ron = dir.path().join("graph.ron");
    let loaded = sanctions_graph::load(&[Input::Path(ron)])
        .unwrap_or_else(|failed| panic!("{:?}", failed.diagnostics.first()));
    assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings.first());
    let reliefs = loaded
        .graph
        .edges()
        .filter(|edge| {
            edge.action().is_some_and(|kind| {
                use sanctions_graph::model::Effect;
                matches!(kind.effect(), Effect::Easing | Effect::Lifting)
            })
        })
        .count();
    assert!(reliefs > 0, "the generator still draws eases and lifts");
}
