//! `affects` of the largest commodity: the generator's hub (`commodity-0` at seed 7, named
//! by most actions), asked of a compiled file and written as JSON to a sink, against the
//! same run's open of that file. The other benchmarks ask about commodities away from the
//! hubs; a user asks about the big one.
//!
//! Sizes as in `scale.rs` (10,000 and 100,000 nodes, 1,000,000 with `SGRAPH_BENCH_1M=1`,
//! 2,000 once as a smoke test without `--bench`). After criterion's figures each size
//! prints the ratio of the two medians, which is what `docs/performance.md` reports.

// `criterion_group!` defines an undocumented public function.
#![allow(missing_docs)]

use std::io::Write;
use std::path::Path;
use std::time::{Duration, Instant};

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use sanctions_graph::compiled;
use sanctions_graph::generate::{generate, GenerateConfig};
use sanctions_graph::query::affects::{Affect, TargetStanding};
use sanctions_graph::query::{affects, When};
use sanctions_graph::SanctionsGraph;
use serde::Serialize;

/// One actor of the answer as JSON: the actor, its effect, the chain's edges and each
/// target's standing with the deciding action, as `sgraph affects --format json` gives
/// them.
#[derive(Serialize)]
struct ActorJson<'g> {
    actor: &'g str,
    effect: sanctions_graph::query::affects::NetEffect,
    certainty: sanctions_graph::query::Certainty,
    partial: bool,
    unverified: bool,
    chain: Vec<sanctions_graph::graph::EdgeView<'g>>,
    targets: Vec<TargetJson<'g>>,
}

/// One target's standing as JSON.
#[derive(Serialize)]
struct TargetJson<'g> {
    target: &'g str,
    standing: sanctions_graph::query::Standing,
    action: sanctions_graph::graph::EdgeView<'g>,
    certainty: sanctions_graph::query::Certainty,
}

fn target_json<'g>(graph: &'g SanctionsGraph, target: &TargetStanding) -> TargetJson<'g> {
    TargetJson {
        target: graph.node_id(target.target),
        standing: target.standing,
        action: graph.edge_at(target.action),
        certainty: target.certainty,
    }
}

fn actor_json<'g>(graph: &'g SanctionsGraph, affect: &Affect) -> ActorJson<'g> {
    ActorJson {
        actor: graph.node_id(affect.actor),
        effect: affect.effect,
        certainty: affect.certainty,
        partial: affect.partial,
        unverified: affect.unverified,
        chain: affect
            .chain
            .iter()
            .map(|step| graph.edge_at(step.edge))
            .collect(),
        targets: affect
            .targets
            .iter()
            .map(|t| target_json(graph, t))
            .collect(),
    }
}

/// Opens the compiled file and asks `affects` of the hub, writing the answer as JSON to a
/// sink; returns the number of actors.
fn affects_hub(file: &Path) -> usize {
    let graph = compiled::read(file).expect("opens the compiled graph");
    let hub = graph.index_of("commodity-0").expect("the hub");
    let answer = affects(&graph, hub, When::Always);
    let mut out = std::io::BufWriter::new(std::io::sink());
    out.write_all(b"[").expect("a sink");
    for (at, affect) in answer.iter().enumerate() {
        if at > 0 {
            out.write_all(b",").expect("a sink");
        }
        serde_json::to_writer(&mut out, &actor_json(&graph, affect)).expect("a sink");
    }
    out.write_all(b"]").expect("a sink");
    answer.len()
}

/// The median of a few timed runs of `run`.
fn median(runs: usize, mut run: impl FnMut() -> usize) -> Duration {
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            std::hint::black_box(run());
            start.elapsed()
        })
        .collect();
    times.sort();
    times[runs / 2]
}

fn hub(c: &mut Criterion) {
    for nodes in sgraph_benches::sizes() {
        let graph = generate(&GenerateConfig {
            nodes,
            edges: 5 * nodes,
            seed: 7,
        });
        let dir = tempfile::tempdir().expect("a temporary directory");
        let file = dir.path().join("graph.sgc");
        std::fs::write(&file, compiled::encode(&graph)).expect("writes the compiled graph");
        drop(graph);

        let open = || compiled::read(&file).map_or(0, |graph| graph.node_count());
        let mut group = c.benchmark_group("hub");
        group.sample_size(10);
        group.bench_function(BenchmarkId::new("open compiled", nodes), |b| b.iter(open));
        group.bench_function(BenchmarkId::new("affects commodity-0 json", nodes), |b| {
            b.iter(|| affects_hub(&file))
        });
        group.finish();

        let runs = if sgraph_benches::measured() { 11 } else { 1 };
        let (opening, asking) = (median(runs, open), median(runs, || affects_hub(&file)));
        println!(
            "hub at {nodes} nodes: affects commodity-0 ({} actors) as JSON takes {:.2}x the open of the compiled file ({:?} against {:?})",
            affects_hub(&file),
            asking.as_secs_f64() / opening.as_secs_f64(),
            asking,
            opening,
        );
    }
}

criterion_group!(benches, hub);
criterion_main!(benches);
