#!/usr/bin/env bash
# Runs the query benchmarks (benches/queries.rs) once, briefly, and prints the figures:
# the machine, then each benchmark's median time per query.
set -euo pipefail
cd "$(dirname "$0")/.."

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
cargo bench --quiet --bench queries -- --warm-up-time 1 --measurement-time 3 "$@" 2>/dev/null |
    awk '/^[a-z]/ && !/^time:/ { name = $0 } /time:/ { sub(/^ */, ""); print name ": " $0 }'
