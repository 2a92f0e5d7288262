//! Speed at scale, on generated graphs of 10,000 and 100,000 nodes (and 1,000,000 with
//! `SGRAPH_BENCH_1M=1`), five edges per node: loading from RON text (and ron's own parse
//! of it, the baseline), compiling, opening the compiled file, and each query on the
//! loaded graph (`affects`, all paths of at most four edges, the shortest path), with the
//! same query ends as `bench/compare.py`.
//!
//! Under `cargo test -p sgraph-benches --benches` (no `--bench` argument) each benchmark runs once on a graph of 2,000
//! nodes, as a smoke test.

// `criterion_group!` defines an undocumented public function.
#![allow(missing_docs)]

use std::time::Duration;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use sanctions_graph::compiled;
use sanctions_graph::generate::{generate, GenerateConfig};
use sanctions_graph::load::file::{EdgeDef, NodeDef, SourceDef};
use sanctions_graph::query::paths::PathQuery;
use sanctions_graph::query::{affects, all_paths, shortest_path, EdgeFilter, Limits, When};
use sanctions_graph::SanctionsGraph;

/// The graph of `nodes` nodes and its RON text.
fn graph(nodes: usize) -> (SanctionsGraph, String) {
    let graph = generate(&GenerateConfig {
        nodes,
        edges: 5 * nodes,
        seed: 1,
    });
    let mut text = Vec::new();
    sanctions_graph::export::ron::write_to(&graph, sanctions_graph::export::ron::ALL, &mut text)
        .expect("writing to memory");
    let text = String::from_utf8(text).expect("RON is UTF-8");
    let loaded =
        sanctions_graph::load_str("graph.ron", &text).expect("the generated graph is valid");
    (loaded.graph, text)
}

/// A whole graph file as serde types, for ron alone.
#[derive(serde::Deserialize)]
#[serde(rename = "Graph")]
struct FileGraph<'a> {
    #[serde(default, borrow)]
    sources: Vec<SourceDef<'a>>,
    #[serde(default, borrow)]
    nodes: Vec<NodeDef<'a>>,
    #[serde(default, borrow)]
    edges: Vec<EdgeDef<'a>>,
}

fn query(graph: &SanctionsGraph, from: &str, to: &str) -> PathQuery {
    PathQuery {
        from: graph.index_of(from).expect("a node"),
        to: graph.index_of(to).expect("a node"),
        filter: EdgeFilter::default(),
        min_hops: 0,
    }
}

fn scale(c: &mut Criterion) {
    for nodes in sgraph_benches::sizes() {
        let (graph, text) = graph(nodes);
        let bytes = compiled::encode(&graph);
        let heavy = nodes >= 100_000;

        let mut group = c.benchmark_group("load");
        group.sample_size(10);
        if heavy {
            group.measurement_time(Duration::from_secs(20));
        }
        // ron's own parse of the same text into the file types, without spans, validation
        // or the graph: the baseline the issue measures loading against.
        group.bench_with_input(
            BenchmarkId::new("ron parse only", nodes),
            &text,
            |b, text| {
                b.iter(|| {
                    sanctions_graph::load::ron_options()
                        .from_str::<FileGraph>(text)
                        .map(|file| file.sources.len() + file.nodes.len() + file.edges.len())
                })
            },
        );
        group.bench_with_input(BenchmarkId::new("ron", nodes), &text, |b, text| {
            b.iter(|| sanctions_graph::load_str("graph.ron", text).map(|l| l.graph.node_count()))
        });
        // What `--graph FILE.sgc` does: map the file, check its checksum and columns.
        let dir = tempfile::tempdir().expect("a temporary directory");
        let file = dir.path().join("graph.sgc");
        std::fs::write(&file, &bytes).expect("writes the compiled graph");
        group.bench_with_input(
            BenchmarkId::new("compiled file", nodes),
            &file,
            |b, file| b.iter(|| compiled::read(file).map(|graph| graph.node_count())),
        );
        // The same bytes already in memory, copied into an aligned buffer and checked.
        group.bench_with_input(
            BenchmarkId::new("compiled bytes", nodes),
            &bytes,
            |b, bytes| b.iter(|| compiled::decode(bytes).map(|graph| graph.node_count())),
        );
        group.bench_with_input(BenchmarkId::new("compile", nodes), &graph, |b, graph| {
            b.iter(|| compiled::encode(graph).len())
        });
        group.finish();

        let mut group = c.benchmark_group("query");
        let commodity = graph.index_of("commodity-20").expect("a commodity");
        group.bench_function(BenchmarkId::new("affects", nodes), |b| {
            b.iter(|| affects(&graph, commodity, When::Always).len())
        });
        let paths = query(&graph, "body-100", "commodity-20");
        let every = Limits {
            max_hops: 4,
            max_results: usize::MAX,
            deadline: None,
        };
        group.bench_function(BenchmarkId::new("paths max-hops 4", nodes), |b| {
            b.iter(|| all_paths(&graph, &paths, &every).paths.len())
        });
        let shortest = query(&graph, "country-50", "commodity-70");
        let far = Limits {
            max_hops: 64,
            ..every
        };
        group.bench_function(BenchmarkId::new("paths shortest", nodes), |b| {
            b.iter(|| shortest_path(&graph, &shortest, &far).paths.len())
        });
        group.finish();
    }
}

criterion_group!(benches, scale);
criterion_main!(benches);
