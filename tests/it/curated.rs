//! Every curated graph file loads clean, and the built-in graph is true to the fact sheet.

use std::path::Path;

use sanctions_graph::model::{ActionKind, Date, EdgeKind};
use sanctions_graph::{load, load_builtin, Input};

#[test]
fn the_graphs_directory_loads_with_no_error_and_no_warning() {
    let graphs = Path::new(env!("CARGO_MANIFEST_DIR")).join("graphs");
    let loaded = load(&[Input::Path(graphs)])
        .unwrap_or_else(|failed| panic!("graphs/ does not load: {:#?}", failed.diagnostics));
    assert!(loaded.warnings.is_empty(), "{:#?}", loaded.warnings);
}

#[test]
fn each_curated_file_parses_on_its_own() {
    let graphs = Path::new(env!("CARGO_MANIFEST_DIR")).join("graphs");
    let mut files: Vec<_> = std::fs::read_dir(&graphs)
        .expect("graphs/ exists")
        .map(|entry| entry.expect("readable entry").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "ron"))
        .collect();
    files.sort();
    assert!(files.len() >= 4, "curated files: {files:?}");
    for file in files {
        let text = std::fs::read_to_string(&file).expect("readable");
        let mut map = sanctions_graph::SourceMap::default();
        map.add(file.display().to_string(), text);
        let (parsed, problems) = sanctions_graph::load::parse(&map);
        assert!(problems.is_empty(), "{}: {problems:#?}", file.display());
        assert!(
            !(parsed.nodes.is_empty() && parsed.edges.is_empty() && parsed.sources.is_empty()),
            "{} is empty",
            file.display()
        );
    }
}

#[test]
fn the_builtin_graph_is_the_graphs_directory() {
    let builtin = load_builtin().expect("the built-in graph loads");
    let graphs = Path::new(env!("CARGO_MANIFEST_DIR")).join("graphs");
    let on_disk = load(&[Input::Path(graphs)]).expect("graphs/ loads");
    assert_eq!(builtin.graph.summary(), on_disk.graph.summary());
    let names: Vec<String> = builtin
        .sources
        .files()
        .map(|(_, file)| file.name.clone())
        .collect();
    assert!(
        names.iter().all(|name| name.starts_with("builtin:")),
        "{names:?}"
    );
}

fn action<'g>(
    graph: &'g sanctions_graph::SanctionsGraph,
    kind: ActionKind,
    from: &str,
    to: &str,
) -> Vec<sanctions_graph::graph::EdgeView<'g>> {
    graph
        .edges()
        .filter(|edge| {
            edge.kind() == EdgeKind::Action(kind) && edge.from() == from && edge.to() == to
        })
        .collect()
}

fn date(text: &str) -> Date {
    text.parse().expect("a valid date")
}

#[test]
fn every_action_has_a_date_and_a_source_that_exists() {
    let loaded = load_builtin().expect("loads");
    for edge in loaded.graph.edges().filter(|edge| edge.kind().is_action()) {
        assert!(edge.date().is_some(), "{edge:?}");
        assert!(edge.sources().next().is_some(), "{edge:?}");
        for source in edge.sources() {
            assert!(
                loaded.graph.source(source).is_some(),
                "{source} in {edge:?}"
            );
        }
    }
}

#[test]
fn belavia_was_sanctioned_eased_by_licence_then_delisted() {
    let graph = load_builtin().expect("loads").graph;
    let sanctions = action(&graph, ActionKind::Sanction, "ofac", "belavia");
    assert_eq!(sanctions.len(), 1);
    assert_eq!(sanctions[0].date(), Some(date("2023-08-09")));
    let ease = action(&graph, ActionKind::Ease, "ofac", "belavia");
    assert_eq!(
        ease[0].date(),
        Some(date("2025-09-11")),
        "General License 11 was issued on 11 September 2025"
    );
    assert_eq!(ease[0].instrument(), Some("General License 11"));
    let lift = action(&graph, ActionKind::Lift, "ofac", "belavia");
    assert_eq!(lift[0].date(), Some(date("2025-11-04")));
    assert_eq!(
        action(&graph, ActionKind::Sanction, "bis", "belavia")[0].date(),
        Some(date("2022-06-16"))
    );
}

#[test]
fn the_december_2025_potash_relief_is_an_easing_not_a_delisting() {
    let graph = load_builtin().expect("loads").graph;
    for company in ["belaruskali", "bpc", "agrorozkvit"] {
        // The wind-down licence of 2021 ended; General License 13 is the relief.
        let eases = action(&graph, ActionKind::Ease, "ofac", company);
        assert_eq!(eases.len(), 2, "{company}");
        assert!(
            eases[0].until().is_some(),
            "{company}: the wind-down licence ends"
        );
        assert_eq!(eases[1].date(), Some(date("2025-12-15")));
        assert_eq!(eases[1].instrument(), Some("Belarus General License 13"));
        assert_eq!(eases[1].until(), None);
        assert!(eases[1].concern_ids().any(|c| c == "potash"));
        assert!(
            action(&graph, ActionKind::Lift, "ofac", company).is_empty(),
            "{company} was not delisted"
        );
    }
}

#[test]
fn the_seed_articles_events_are_in_the_graph() {
    let graph = load_builtin().expect("loads").graph;
    let meet = action(&graph, ActionKind::Meet, "john-coale", "lukashenko");
    assert_eq!(meet[0].date(), Some(date("2025-12-12")));
    let appoint = action(&graph, ActionKind::Appoint, "trump", "john-coale");
    assert_eq!(
        appoint[0].date(),
        Some(date("2025-11-09")),
        "the article gives only the month; later reporting gives the day"
    );
    let invite = action(&graph, ActionKind::Invite, "belarus", "us-embassy-minsk");
    assert_eq!(invite[0].date(), Some(date("2025-09")));
    let pledge = action(&graph, ActionKind::PledgeEase, "john-coale", "belarus");
    assert!(pledge[0].concern_ids().any(|c| c == "potash"));
    for id in [
        "potash",
        "belavia",
        "lukashenko",
        "putin",
        "trump",
        "us-treasury",
        "ofac",
        "eu",
    ] {
        assert!(graph.node(id).is_some(), "{id}");
    }
    assert_eq!(
        graph.node("potassium-chloride").expect("node").hs(),
        ["3104.20"]
    );
}

#[test]
fn the_example_in_the_format_reference_loads() {
    let doc = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/format.md"))
        .expect("docs/format.md");
    let example = doc
        .split("```ron\n")
        .nth(1)
        .and_then(|rest| rest.split("```").next())
        .expect("a ron block in docs/format.md");
    let loaded = sanctions_graph::load_str("format.md", example)
        .unwrap_or_else(|failed| panic!("{:#?}", failed.diagnostics));
    assert!(loaded.warnings.is_empty(), "{:#?}", loaded.warnings);
    assert_eq!(loaded.graph.node_count(), 4);
    assert_eq!(loaded.graph.edge_count(), 4);
}
