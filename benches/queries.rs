//! Query speed on a generated graph of 100,000 nodes and 500,000 edges, after load:
//! `affects`, `paths --max-hops 4` and `paths --shortest`. `bench/run.sh` runs them.
//!
//! Under `cargo test -p sgraph-benches --benches` (no `--bench` argument) each benchmark runs once, on a graph a
//! hundred times smaller, as a smoke test.

// `criterion_group!` defines an undocumented public function.
#![allow(missing_docs)]

use criterion::{criterion_group, criterion_main, Criterion};
use sanctions_graph::generate::{generate, GenerateConfig};
use sanctions_graph::query::paths::PathQuery;
use sanctions_graph::query::{affects, all_paths, shortest_path, EdgeFilter, Limits, When};
use sanctions_graph::SanctionsGraph;

/// How many (from, to) pairs the path benchmarks cycle through.
const PAIRS: usize = 64;

fn graph() -> SanctionsGraph {
    let scale = if sgraph_benches::measured() { 1 } else { 100 };
    generate(&GenerateConfig {
        nodes: 100_000 / scale,
        edges: 500_000 / scale,
        seed: 2025,
    })
}

/// Query ends: a government body or country (actors, as a user asks) and a commodity,
/// spread over the graph by a fixed stride so that runs are comparable.
fn pairs(graph: &SanctionsGraph) -> Vec<PathQuery> {
    let states: Vec<&str> = graph
        .nodes()
        .filter(|n| matches!(n.kind().as_str(), "body" | "country"))
        .map(|n| n.id())
        .collect();
    let commodities: Vec<&str> = graph
        .nodes()
        .filter(|n| n.kind().as_str() == "commodity")
        .map(|n| n.id())
        .collect();
    (0..PAIRS)
        .map(|i| PathQuery {
            from: graph
                .index_of(states[(i * 7919) % states.len()])
                .expect("a node"),
            to: graph
                .index_of(commodities[(i * 104_729) % commodities.len()])
                .expect("a node"),
            filter: EdgeFilter::default(),
            min_hops: 0,
        })
        .collect()
}

fn queries(c: &mut Criterion) {
    let graph = graph();
    let as_of = When::AsOf("2024-06-30".parse().expect("a date"));
    let hub = graph.index_of("commodity-0").expect("the hub commodity");
    let typical = graph
        .index_of("commodity-150")
        .or(graph.index_of("commodity-1"))
        .expect("a commodity");
    c.bench_function("affects hub commodity as of 2024-06-30", |b| {
        b.iter(|| affects(&graph, hub, as_of))
    });
    c.bench_function("affects typical commodity as of 2024-06-30", |b| {
        b.iter(|| affects(&graph, typical, as_of))
    });

    let pairs = pairs(&graph);
    let limits = Limits::default();
    let mut next = 0;
    c.bench_function("paths max-hops 4 limit 100", |b| {
        b.iter(|| {
            next = (next + 1) % pairs.len();
            all_paths(&graph, &pairs[next], &limits)
        })
    });
    c.bench_function("paths shortest max-hops 4", |b| {
        b.iter(|| {
            next = (next + 1) % pairs.len();
            shortest_path(&graph, &pairs[next], &limits)
        })
    });
}

criterion_group!(benches, queries);
criterion_main!(benches);
