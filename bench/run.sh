#!/usr/bin/env bash
# Runs the criterion benchmarks briefly and prints the figures: the machine, then each
# benchmark's time (criterion's lower bound, estimate and upper bound).
#
#   bench/run.sh [queries|scale|hub] [criterion arguments]    default: all three
#
# `scale` (benches/scale.rs) measures loading, compiling and the queries at 10,000 and
# 100,000 nodes; with SGRAPH_BENCH_1M=1 also at 1,000,000 (several minutes: each load
# from text takes seconds and criterion takes ten). `queries` (benches/queries.rs)
# measures the queries on a 100,000-node graph. `hub` (benches/hub.rs) asks `affects` of the
# largest commodity as JSON, against opening the compiled file, and prints the ratio. The
# benchmarks are the workspace's `sgraph-benches` crate.
set -euo pipefail
cd "$(dirname "$0")/.."

benches=(queries scale hub)
if [ $# -gt 0 ] && { [ "$1" = queries ] || [ "$1" = scale ] || [ "$1" = hub ]; }; then
    benches=("$1")
    shift
fi

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
for bench in "${benches[@]}"; do
    echo "== $bench =="
    cargo bench --quiet -p sgraph-benches --bench "$bench" -- --warm-up-time 1 --measurement-time 3 "$@" 2>/dev/null |
        awk '/^hub at / { print; next }
             /time:/ { if ($0 ~ /^[a-z]/) print; else { sub(/^ */, ""); print name ": " $0 }; next }
             /^[a-z]/ { name = $0 }'
done
