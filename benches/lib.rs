//! What the benchmarks share: whether a run is measured (`cargo bench` passes `--bench`),
//! and the graph sizes a measured run covers; the generated FollowTheMoney lines.

pub mod opensanctions;

/// Whether this run is measured. Without `--bench` (as `cargo test --benches` runs them)
/// each benchmark runs once on a small graph, as a smoke test.
pub fn measured() -> bool {
    std::env::args().any(|arg| arg == "--bench")
}

/// The graph sizes, in nodes: 10,000 and 100,000 in a measured run, and 1,000,000 with
/// `SGRAPH_BENCH_1M=1`; 2,000 in a smoke test.
pub fn sizes() -> Vec<usize> {
    if !measured() {
        return vec![2_000];
    }
    let mut sizes = vec![10_000, 100_000];
    if std::env::var_os("SGRAPH_BENCH_1M").is_some() {
        sizes.push(1_000_000);
    }
    sizes
}
