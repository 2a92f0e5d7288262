//! The validator's id table (`validate::ids::IdTable`) against the standard `HashMap`
//! with foldhash, on the ids of a large generated graph: a lookup of every reference is
//! what checking a file costs per edge end. The table was an open-addressing table with
//! short ids kept in their slots; this benchmark did not show it winning, so it is now
//! that map with its ids kept in position order, and the benchmark guards that the
//! wrapper costs nothing.
//!
//! Run without `--bench` (as `cargo test --benches` does) each benchmark runs once on
//! 2,000 ids, as a smoke test.

// `criterion_group!` defines an undocumented public function.
#![allow(missing_docs)]

use std::collections::HashMap;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use foldhash::fast::FixedState;
use sanctions_graph::validate::ids::IdTable;

fn sizes() -> Vec<usize> {
    if !std::env::args().any(|arg| arg == "--bench") {
        return vec![2_000];
    }
    vec![200_000, 2_000_000]
}

/// Ids shaped as a generated graph's (`company-1234`), in file order.
fn ids(count: usize) -> Vec<String> {
    let kinds = ["company", "person", "body", "commodity", "country"];
    (0..count)
        .map(|i| format!("{}-{i}", kinds[i % kinds.len()]))
        .collect()
}

/// Which ids to look up, in a scattered order as references in a file are: a stride
/// coprime with the count visits every id once.
fn lookups(ids: &[String], count: usize) -> Vec<&str> {
    let stride = 7_919;
    (0..count)
        .map(|i| ids[(i * stride) % ids.len()].as_str())
        .collect()
}

const LOOKUPS: usize = 100_000;

fn id_table(c: &mut Criterion) {
    let mut group = c.benchmark_group("id lookup");
    group
        .sample_size(20)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3))
        .throughput(Throughput::Elements(LOOKUPS as u64));
    for size in sizes() {
        let ids = ids(size);
        let wanted = lookups(&ids, LOOKUPS);

        let mut table = IdTable::with_capacity(size);
        for id in &ids {
            table.insert(id).expect("ids are distinct");
        }
        group.bench_with_input(BenchmarkId::new("IdTable", size), &wanted, |b, wanted| {
            b.iter(|| wanted.iter().filter_map(|id| table.get(id)).count())
        });

        let mut map: HashMap<String, u32, FixedState> =
            HashMap::with_capacity_and_hasher(size, FixedState::with_seed(0x5eed));
        for (position, id) in ids.iter().enumerate() {
            map.insert(id.clone(), position as u32);
        }
        group.bench_with_input(
            BenchmarkId::new("HashMap foldhash", size),
            &wanted,
            |b, wanted| b.iter(|| wanted.iter().filter_map(|id| map.get(*id)).count()),
        );
    }
    group.finish();
}

criterion_group!(benches, id_table);
criterion_main!(benches);
