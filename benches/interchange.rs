//! Exporting for other graph engines at scale: `export ntriples` (to a sink) and
//! `export opencypher` (plain and `--reify`, into a fresh directory) on generated graphs of
//! 10,000 and 100,000 nodes (and 1,000,000 with `SGRAPH_BENCH_1M=1`), five edges per node.
//! Both stream, so memory stays flat: the figures at 1M, with peak memory, are measured on
//! the command line (`docs/performance.md`).
//!
//! Run without `--bench` (as `cargo test -p sgraph-benches --benches` does) each benchmark runs once on a
//! graph of 2,000 nodes, as a smoke test.

// `criterion_group!` defines an undocumented public function.
#![allow(missing_docs)]

use std::time::Duration;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use sanctions_graph::export::ntriples;
use sanctions_graph::export::opencypher::{self, OpenCypherOptions};
use sanctions_graph::generate::{generate, GenerateConfig};

fn exports(c: &mut Criterion) {
    let mut group = c.benchmark_group("export");
    group
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3));
    for nodes in sgraph_benches::sizes() {
        let graph = generate(&GenerateConfig {
            nodes,
            edges: 5 * nodes,
            seed: 1,
        });
        group.bench_with_input(BenchmarkId::new("ntriples", nodes), &graph, |b, graph| {
            b.iter(|| {
                let mut sink = std::io::BufWriter::new(std::io::sink());
                ntriples::write(graph, &mut sink).expect("written")
            });
        });
        for reify in [false, true] {
            let name = if reify {
                "opencypher-reify"
            } else {
                "opencypher"
            };
            group.bench_with_input(BenchmarkId::new(name, nodes), &graph, |b, graph| {
                b.iter(|| {
                    let dir = tempfile::tempdir().expect("a temporary directory");
                    opencypher::write(graph, dir.path(), OpenCypherOptions { reify })
                        .expect("written")
                });
            });
        }
    }
    group.finish();
}

criterion_group!(benches, exports);
criterion_main!(benches);
