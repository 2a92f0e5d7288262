//! No input makes loading panic: arbitrary text, and curated files with random edits.

use proptest::prelude::*;
use sanctions_graph::load_str;

const CURATED: &str = include_str!("../../graphs/us-measures.ron");

/// Characters that matter to RON, plus some that do not belong there at all.
fn ron_char() -> impl Strategy<Value = char> {
    prop_oneof![
        prop::sample::select(vec![
            '(', ')', '[', ']', '{', '}', '"', '\\', ',', ':', '/', '*', '#', '!', 'r', '\'', '\n',
            ' '
        ]),
        any::<char>(),
    ]
}

/// Every diagnostic points inside its file, at character boundaries.
fn assert_spans_are_sound(text: &str) {
    if let Err(failed) = load_str("fuzz.ron", text) {
        assert!(!failed.diagnostics.is_empty());
        for diagnostic in &failed.diagnostics {
            if let Some(label) = &diagnostic.primary {
                let file = failed.sources.file(label.span.file);
                let range = &label.span.range;
                assert!(
                    range.start <= range.end && range.end <= file.text.len(),
                    "{range:?}"
                );
                assert!(
                    file.text.is_char_boundary(range.start)
                        && file.text.is_char_boundary(range.end)
                );
                let (line, column) = file.line_column(range.start);
                assert!(line >= 1 && column >= 1);
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn arbitrary_text_never_panics(text in ".{0,200}") {
        assert_spans_are_sound(&text);
    }

    #[test]
    fn random_ron_characters_never_panic(chars in prop::collection::vec(ron_char(), 0..200)) {
        let text: String = chars.into_iter().collect();
        assert_spans_are_sound(&format!("Graph(nodes: [{text}])"));
        assert_spans_are_sound(&text);
    }

    #[test]
    fn edited_curated_files_never_panic(
        edits in prop::collection::vec((0..CURATED.len(), 0usize..4, ron_char()), 1..6)
    ) {
        let mut text = CURATED.to_owned();
        for (at, cut, inserted) in edits {
            let at = (0..=at.min(text.len())).rev().find(|&i| text.is_char_boundary(i)).unwrap_or(0);
            let end = (at..=(at + cut).min(text.len())).rev().find(|&i| text.is_char_boundary(i)).unwrap_or(at);
            text.replace_range(at..end, &inserted.to_string());
        }
        assert_spans_are_sound(&text);
    }
}

#[test]
fn deep_nesting_is_refused_not_a_stack_overflow() {
    for depth in [100, 10_000, 200_000] {
        let text = format!("Graph(nodes: {}{})", "[".repeat(depth), "]".repeat(depth));
        assert!(load_str("deep.ron", &text).is_err(), "depth {depth}");
        let text = format!(
            "Graph(nodes: [Country(id: \"x\", name: \"x\", notes: {}))])",
            "Some(".repeat(depth)
        );
        assert!(load_str("deep.ron", &text).is_err(), "depth {depth}");
    }
}

#[test]
fn a_long_single_line_is_handled() {
    let name = "x".repeat(5_000_000);
    let text = format!("Graph(nodes: [Country(id: \"x\", name: \"{name}\", bogus: 1)])");
    let failed = load_str("long.ron", &text).expect_err("an unknown field");
    assert_eq!(failed.diagnostics.len(), 1);
}

#[test]
fn a_problem_on_a_long_line_is_shown_in_a_short_window() {
    let name = "x".repeat(1_000_000);
    let text = format!("Graph(nodes: [Country(id: \"x\", name: \"{name}\", bogus: 1)])");
    let (code, _, stderr) = crate::support::run(&["check", "-"], Some(&text));
    assert_eq!(code, 1);
    assert!(
        stderr.len() < 2_000,
        "{} bytes of diagnostics",
        stderr.len()
    );
    assert!(
        stderr.contains("...xxx") && stderr.contains("bogus"),
        "{stderr}"
    );
    assert!(!stderr.contains("panicked"));
}

#[test]
fn garbage_on_stdin_is_a_clear_error() {
    for garbage in [
        "\u{0}\u{1}\u{2}",
        "}}}}",
        "Graph(",
        "\"unterminated",
        r#"Graph(nodes: [Country(id: "x", name: "é\"]))"#,
    ] {
        let (code, stdout, stderr) = crate::support::run(&["check", "-"], Some(garbage));
        assert_eq!((code, stdout.as_str()), (1, ""), "{garbage:?}: {stderr}");
        assert!(stderr.starts_with("error["), "{garbage:?}: {stderr}");
        assert!(!stderr.contains("panicked"), "{stderr}");
    }
}

/// The contents of every file of a fuzz target's seed corpus.
fn seeds(target: &str) -> Vec<Vec<u8>> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fuzz/seeds")
        .join(target);
    let mut seeds: Vec<Vec<u8>> = std::fs::read_dir(&dir)
        .unwrap_or_else(|error| panic!("{}: {error}", dir.display()))
        .map(|entry| std::fs::read(entry.expect("entry").path()).expect("readable seed"))
        .collect();
    seeds.sort();
    assert!(seeds.len() >= 5, "only {} seeds for {target}", seeds.len());
    seeds
}

#[test]
fn the_ron_fuzz_seeds_replay_clean() {
    for seed in seeds("load_ron") {
        if let Ok(text) = std::str::from_utf8(&seed) {
            assert_spans_are_sound(text);
        }
    }
}

#[test]
fn the_ftm_fuzz_seeds_replay_clean() {
    use sanctions_graph::ftm::FtmOptions;
    for seed in seeds("import_ftm") {
        for skip_invalid in [false, true] {
            let options = FtmOptions {
                skip_invalid,
                as_of: "2025-12-31".parse().expect("a date"),
            };
            let _ = sanctions_graph::load_ftm(&seed[..], "seed.ftm.json", &options, &mut |_| {});
        }
    }
}

#[test]
fn the_dot_fuzz_seeds_replay_clean() {
    use sanctions_graph::export::escape::quoted;
    for seed in seeds("dot_escape") {
        let text = String::from_utf8_lossy(&seed);
        let dot = format!("digraph {{ \"n0\" [label={}]; }}\n", quoted(&text));
        assert!(
            dot_parser::ast::Graph::try_from(dot.as_str()).is_ok(),
            "{dot}"
        );
    }
}

/// A complete directed graph: every node allied with every other, so the simple paths
/// between two nodes number in the billions.
fn complete_graph(nodes: usize) -> String {
    let mut text = String::from("Graph(nodes: [\n");
    for i in 0..nodes {
        text.push_str(&format!("  Company(id: \"c{i}\", name: \"C{i}\"),\n"));
    }
    text.push_str("], edges: [\n");
    for i in 0..nodes {
        for j in (0..nodes).filter(|&j| j != i) {
            text.push_str(&format!(
                "  Relation(kind: AlliedWith, from: \"c{i}\", to: \"c{j}\"),\n"
            ));
        }
    }
    text.push_str("])\n");
    text
}

#[test]
fn paths_on_a_complete_graph_of_14_nodes_stop_at_their_limits_and_say_so() {
    let graph = complete_graph(14);
    let (code, stdout, _) = crate::support::run(
        &[
            "--graph",
            "-",
            "paths",
            "c0",
            "c13",
            "--max-hops",
            "13",
            "--format",
            "json",
        ],
        Some(&graph),
    );
    assert_eq!(code, 0);
    let answer: serde_json::Value = serde_json::from_str(&stdout).expect("JSON");
    assert_eq!(answer["cut_short"], "limit");
    assert_eq!(answer["count"], 100);

    let (code, stdout, _) = crate::support::run(
        &[
            "--graph",
            "-",
            "paths",
            "c0",
            "c13",
            "--max-hops",
            "13",
            "--limit",
            "10000",
            "--timeout",
            "1ms",
            "--format",
            "json",
        ],
        Some(&graph),
    );
    assert_eq!(code, 0);
    let answer: serde_json::Value = serde_json::from_str(&stdout).expect("JSON");
    assert!(
        answer["cut_short"] == "timeout" || answer["cut_short"] == "limit",
        "{}",
        answer["cut_short"]
    );
    assert!(answer["count"]
        .as_u64()
        .is_some_and(|count| count <= 10_000));

    let (code, _, stderr) = crate::support::run(
        &["--graph", "-", "paths", "c0", "c13", "--limit", "10001"],
        Some(&graph),
    );
    assert_eq!(code, 2);
    assert!(stderr.contains("expected 1 to 10000"), "{stderr}");
}

#[test]
fn the_compiled_fuzz_seeds_replay_clean() {
    use sanctions_graph::query::{affects, When};
    let mut opened = 0;
    for seed in seeds("open_compiled") {
        if let Ok(graph) = sanctions_graph::compiled::decode(&seed) {
            opened += 1;
            for node in graph.node_indices() {
                let _ = affects(&graph, node, When::Always);
            }
        }
    }
    assert_eq!(opened, 1, "only the intact seed opens");
}
