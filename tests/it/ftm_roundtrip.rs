//! The FtM round trip: `export ftm` of a graph, imported again, gives back the same nodes,
//! edges and sources, for a hand-written graph, the built-in graph through the binary, and
//! random graphs of every node, action and relation kind.

use proptest::prelude::*;
use sanctions_graph::model::{
    Date, Edge, EdgeKind, Node, NodeId, NodeKind, Origin, Source, SourceId,
};
use sanctions_graph::{Input, SanctionsGraph};

use crate::ftm::{canonical, import_bytes};
use crate::support::run;

/// The graph of `tests/data/ftm/roundtrip.ron`.
#[test]
fn export_then_import_gives_the_same_graph() {
    let loaded = sanctions_graph::load(&[Input::Path("tests/data/ftm/roundtrip.ron".into())])
        .expect("a valid graph");
    let mut bytes = Vec::new();
    sanctions_graph::ftm::write(&loaded.graph, &mut bytes).expect("written");
    assert_eq!(
        canonical(&import_bytes(&bytes, "2026-01-01")),
        canonical(&loaded.graph)
    );
}

/// Regression: the export dropped blocs, commodities, measures on countries and blocs,
/// `concerns`, `unverified`, action ids and source identifiers, and countries came back
/// under their ISO codes. Through the binary, with the built-in rules and authorities
/// table: the import adds nothing to lines our export wrote.
#[test]
fn the_builtin_graph_comes_back_exactly() {
    let (code, exported, stderr) = run(&["export", "ftm"], None);
    assert_eq!(code, 0, "{stderr}");
    let dir = tempfile::tempdir().expect("a temporary directory");
    let out = dir.path().join("imported");
    let out_arg = out.to_str().expect("a UTF-8 path");
    let (code, _, stderr) = run(&["import", "ftm", "-", "-o", out_arg], Some(&exported));
    assert_eq!(code, 0, "{stderr}");
    let imported = sanctions_graph::load(&[Input::Path(out)]).expect("the import loads");
    let builtin = sanctions_graph::load_builtin().expect("the built-in graph");
    let (nodes, edges, sources) = canonical(&imported.graph);
    let (want_nodes, want_edges, want_sources) = canonical(&builtin.graph);
    assert_eq!(nodes, want_nodes);
    assert_eq!(edges, want_edges);
    assert_eq!(sources, want_sources);
}

const KINDS: [NodeKind; 8] = [
    NodeKind::Body,
    NodeKind::Company,
    NodeKind::Person,
    NodeKind::Aircraft,
    NodeKind::Vessel,
    NodeKind::Country,
    NodeKind::Bloc,
    NodeKind::Commodity,
];
const CODES: [&str; 4] = ["BY", "LT", "RU", "US"];

fn date_strategy() -> impl Strategy<Value = Date> {
    (2000i32..2030, 0u32..13, 0u32..29).prop_map(|(year, month, day)| match (month, day) {
        (0, _) => Date::year(year),
        (month, 0) => Date::ym(year, month).expect("a month"),
        (month, day) => Date::ymd(year, month, day).expect("a day"),
    })
}

/// A node: kind, the node its country is (when that is a country or bloc), aliases,
/// whether it has notes and its optional values.
type NodeSeed = (usize, usize, usize, bool);

#[derive(Debug, Clone)]
struct EdgeSeed {
    kind: usize,
    from: usize,
    to: usize,
    date: Date,
    later: Option<Date>,
    notes: bool,
    instrument: bool,
    sources: Vec<usize>,
    concerns: Vec<usize>,
    unverified: bool,
    explicit_id: bool,
}

fn edge_seed() -> impl Strategy<Value = EdgeSeed> {
    (
        (0usize..64, 0usize..64, 0usize..64),
        date_strategy(),
        proptest::option::of(date_strategy()),
        (any::<bool>(), any::<bool>(), any::<bool>(), any::<bool>()),
        proptest::collection::vec(0usize..4, 0..3),
        proptest::collection::vec(0usize..64, 0..3),
    )
        .prop_map(
            |(
                (kind, from, to),
                date,
                later,
                (notes, instrument, unverified, explicit_id),
                sources,
                concerns,
            )| EdgeSeed {
                kind,
                from,
                to,
                date,
                later,
                notes,
                instrument,
                sources,
                concerns,
                unverified,
                explicit_id,
            },
        )
}

fn sources() -> Vec<Source> {
    (0..4)
        .map(|i| Source {
            id: SourceId::new(format!("s{i}")),
            publisher: format!("Publisher {i}"),
            title: (i != 3).then(|| format!("Title {i}")),
            // A source needs a title or a description: s3 has only the latter.
            description: (i % 2 == 1).then(|| "What it says".to_owned()),
            date: match i {
                0 => Some(Date::year(2023)),
                2 => Some(Date::ym(2024, 5).expect("a month")),
                3 => Some(Date::ymd(2025, 1, 31).expect("a day")),
                _ => None,
            },
            url: (i % 2 == 0).then(|| format!("https://example.org/{i}")),
            identifier: (i % 2 == 1).then(|| format!("OJ L {i}/2024")),
            language: (i == 0).then(|| "en".to_owned()),
        })
        .collect()
}

fn nodes_from(seeds: &[NodeSeed], origin: &Origin) -> Vec<Node> {
    let kinds: Vec<NodeKind> = seeds
        .iter()
        .map(|&(kind, ..)| KINDS[kind % KINDS.len()])
        .collect();
    seeds
        .iter()
        .enumerate()
        .map(|(i, &(_, country, aliases, extra))| {
            let kind = kinds[i];
            let mut node = Node::new(
                NodeId::new(format!("n{i}")),
                kind,
                format!("Name {i}"),
                origin.clone(),
            );
            node.aliases = (0..aliases).map(|j| format!("Alias {i}-{j}")).collect();
            node.notes = extra.then(|| format!("Notes on {i}\nsecond line"));
            let country = country % seeds.len();
            match kind {
                NodeKind::Body | NodeKind::Company | NodeKind::Person => {
                    if matches!(kinds[country], NodeKind::Country | NodeKind::Bloc) {
                        node.country = Some(NodeId::new(format!("n{country}")));
                    }
                    if kind == NodeKind::Person {
                        node.role = extra.then(|| format!("Role {i}"));
                    }
                }
                NodeKind::Country => node.iso = extra.then(|| CODES[i % CODES.len()].into()),
                NodeKind::Commodity => {
                    node.hs = (0..aliases).map(|j| format!("310{j}")).collect();
                }
                NodeKind::Aircraft | NodeKind::Vessel => {
                    node.registration = extra.then(|| format!("REG-{i}"));
                }
                NodeKind::Bloc => {}
            }
            node
        })
        .collect()
}

fn graph_from(seeds: &[NodeSeed], edges: &[EdgeSeed]) -> SanctionsGraph {
    let origin = Origin {
        file: "generated".into(),
        line: 1,
    };
    let nodes = nodes_from(seeds, &origin);
    let kinds: Vec<EdgeKind> = EdgeKind::all().collect();
    let mut out = Vec::new();
    for seed in edges {
        let kind = kinds[seed.kind % kinds.len()];
        let from = &nodes[seed.from % nodes.len()];
        let to = &nodes[seed.to % nodes.len()];
        let (from_kinds, to_kinds) = kind.endpoints();
        if from.id == to.id || !from_kinds.contains(&from.kind) || !to_kinds.contains(&to.kind) {
            continue;
        }
        let mut edge = Edge::new(kind, from.id.clone(), to.id.clone(), origin.clone());
        for &i in &seed.sources {
            let id = SourceId::new(format!("s{i}"));
            if !edge.sources.contains(&id) {
                edge.sources.push(id);
            }
        }
        let later = seed.later.filter(|later| *later >= seed.date);
        if kind.is_action() {
            edge.date = Some(seed.date);
            edge.until = later;
            edge.instrument = seed.instrument.then(|| "EO 14038".to_owned());
            if edge.sources.is_empty() {
                edge.sources.push(SourceId::new("s0"));
            }
            for &i in &seed.concerns {
                let node = &nodes[i % nodes.len()];
                if node.kind == NodeKind::Commodity && !edge.concerns.contains(&node.id) {
                    edge.concerns.push(node.id.clone());
                }
            }
            edge.id = seed.explicit_id.then(|| format!("act-{}", out.len()));
        } else {
            edge.since = seed.instrument.then_some(seed.date);
            edge.until = later;
        }
        edge.unverified = seed.unverified;
        edge.notes = seed.notes.then(|| "Reported; unconfirmed".to_owned());
        // A standing relation given twice with the same dates is counted once when loaded
        // (and warned about), so a valid graph holds it once.
        let repeated = !kind.is_action()
            && out.iter().any(|other: &Edge| {
                other.kind == edge.kind
                    && other.from == edge.from
                    && other.to == edge.to
                    && other.since == edge.since
                    && other.until == edge.until
            });
        if !repeated {
            out.push(edge);
        }
    }
    SanctionsGraph::new(nodes, out, sources())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn round_trips_random_graphs(
        nodes in proptest::collection::vec((0usize..8, 0usize..16, 0usize..3, any::<bool>()), 1..10),
        edges in proptest::collection::vec(edge_seed(), 0..24),
    ) {
        let graph = graph_from(&nodes, &edges);
        // The generated graph is a valid one: our RON writer's text loads back as it.
        let text = sanctions_graph::export::ron::write(
            &graph,
            &[
                sanctions_graph::export::ron::Section::Sources,
                sanctions_graph::export::ron::Section::Nodes,
                sanctions_graph::export::ron::Section::Edges,
            ],
        );
        let loaded = sanctions_graph::load_str("generated.ron", &text);
        let loaded = loaded.map_err(|failed| format!("{:?}\n{text}", failed.diagnostics));
        prop_assert!(loaded.is_ok(), "{:?}", loaded.as_ref().err());
        if let Ok(loaded) = loaded {
            prop_assert_eq!(canonical(&loaded.graph), canonical(&graph));
        }
        let mut bytes = Vec::new();
        sanctions_graph::ftm::write(&graph, &mut bytes).expect("written");
        // Sources no edge cites are kept too: they travel as Document entities.
        let imported = import_bytes(&bytes, "2030-01-01");
        let (nodes, edges, sources) = canonical(&imported);
        let (want_nodes, want_edges, want_sources) = canonical(&graph);
        prop_assert_eq!(nodes, want_nodes);
        prop_assert_eq!(edges, want_edges);
        prop_assert_eq!(sources, want_sources);
    }
}

/// Lines of our export edited by hand are still checked: a country that is not a country
/// is left out, an edge to an id not in the input is dropped, a source not in the input
/// is not cited (an action left with none is dropped), and each is counted; beside them, a mapped line keeps its mapping.
#[test]
fn checks_what_lines_of_our_export_refer_to() {
    let lines = [
        r#"{"id":"src","schema":"Document","properties":{"sgraph:kind":["source"],"publisher":["P"],"title":["T"]}}"#,
        r#"{"id":"a","schema":"Company","properties":{"sgraph:kind":["company"],"name":["A"],"sgraph:country":["b"]}}"#,
        r#"{"id":"b","schema":"Company","properties":{"sgraph:kind":["company"],"name":["B"]}}"#,
        r#"{"id":"a.owns.b","schema":"Ownership","properties":{"sgraph:kind":["owns"],"owner":["a"],"asset":["b"],"proof":["src","gone"],"startDate":["2021-08"]}}"#,
        r#"{"id":"a.owns.c","schema":"Ownership","properties":{"sgraph:kind":["owns"],"owner":["a"],"asset":["c"]}}"#,
        r#"{"id":"o","schema":"PublicBody","properties":{"sgraph:kind":["body"],"name":["O"]}}"#,
        r#"{"id":"o.sanction.a","schema":"Sanction","properties":{"sgraph:kind":["sanction"],"sgraph:authority":["o"],"entity":["a"],"startDate":["2022"],"proof":["gone"]}}"#,
        r#"{"id":"X1","schema":"Person","properties":{"name":["Jane Doe"],"nationality":["ru"]}}"#,
    ];
    let text = lines.join("\n");
    let (loaded, stats) = sanctions_graph::load_ftm_with(
        text.as_bytes(),
        "<memory>",
        &sanctions_graph::ftm::FtmOptions {
            skip_invalid: false,
            as_of: Date::year(2026),
        },
        sanctions_graph::ftm::Authorities::builtin(),
        sanctions_graph::ftm::Rules::none(),
        &mut |_| {},
    )
    .expect("imports");
    let graph = loaded.graph;
    let ids: Vec<&str> = graph.nodes().map(|node| node.id()).collect();
    assert_eq!(ids, ["a", "b", "o", "ru", "x1"]);
    let a = graph.nodes().find(|node| node.id() == "a").expect("a");
    assert_eq!(a.country(), None);
    let edges: Vec<String> = graph
        .edges()
        .map(|edge| {
            let sources: Vec<&str> = edge.sources().collect();
            format!(
                "{} {} {} {}",
                edge.from(),
                edge.kind(),
                edge.to(),
                sources.join(",")
            )
        })
        .collect();
    assert_eq!(edges, ["a owns b src"]);
    assert_eq!(stats.dropped_edges["owns to an id not in the input"], 1);
    assert_eq!(stats.invalid_values["sgraph:country"], 1);
    assert_eq!(stats.dropped_edges["sanction without a source"], 1);
    assert_eq!(stats.invalid_values["sgraph reference not in the input"], 2);
}
