//! Throughput of the FollowTheMoney import on a generated file shaped like OpenSanctions
//! data: persons and companies with the properties OpenSanctions writes, a sanction for
//! each, ownerships between companies. Beside it, the time serde_json alone takes to parse
//! the same lines into JSON values: the floor any import of JSON lines stands on.

// `criterion_group!` defines a public function it cannot document.
#![allow(missing_docs)]

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use sanctions_graph::ftm::{import, FtmOptions};
use serde_json::Value;

/// Entities of each kind in the generated file (about 4 lines each).
const GROUPS: usize = 12_000;

fn bench(c: &mut Criterion) {
    let text = sgraph_benches::opensanctions::lines(GROUPS);
    let options = FtmOptions {
        skip_invalid: false,
        as_of: sanctions_graph::model::Date::year(2026),
    };
    let mut group = c.benchmark_group("ftm_import");
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.sample_size(10);
    group.warm_up_time(std::time::Duration::from_secs(1));
    group.measurement_time(std::time::Duration::from_secs(8));
    // The imported values are freed outside the timing: their drop is not the import's work.
    group.bench_function("generated", |b| {
        b.iter_with_large_drop(|| {
            let imported = import(text.as_bytes(), "generated.ftm.json", &options, &mut |_| {})
                .expect("the generated file imports");
            // Persons and companies, the countries `ru`, `by` and `us`, and the table's
            // `ofac` with the `us-treasury` it is part of.
            assert_eq!(imported.nodes.len(), 2 * GROUPS + 5);
            imported
        })
    });
    // Every line parsed into a `serde_json::Value`, and dropped at once: what reading the
    // same bytes as JSON costs with nothing built from them.
    group.bench_function("serde_json_only", |b| {
        b.iter(|| {
            let mut entities = 0usize;
            for line in text.lines() {
                let value: Value = serde_json::from_str(line).expect("a JSON line");
                entities += usize::from(value.is_object());
            }
            assert_eq!(entities, 4 * GROUPS);
            entities
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
