#!/usr/bin/env bash
# Compares sgraph with networkx and rustworkx on generated graphs: the same load and
# queries in all three, answers checked to agree, one table per size.
#
#   bench/compare.sh [SIZE...]      sizes in nodes, default: 10000 100000
#
# Builds sgraph (release), creates a Python virtual environment with networkx and
# rustworkx from PyPI, generates each graph (5 edges per node, seed 1) with
# `sgraph generate --json-edges`, then runs bench/compare.py on it. Work files go to
# $SGRAPH_BENCH_DIR (default: a directory under $TMPDIR or /tmp); REPEAT sets the runs
# per query (default 3).
set -euo pipefail
cd "$(dirname "$0")/.."

sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(10000 100000)
work="${SGRAPH_BENCH_DIR:-${TMPDIR:-/tmp}/sgraph-bench}"
mkdir -p "$work"

cargo build --release --quiet
sgraph="$PWD/target/release/sgraph"

if [ ! -x "$work/venv/bin/python" ]; then
    python3 -m venv "$work/venv"
fi
"$work/venv/bin/pip" install --quiet --disable-pip-version-check networkx rustworkx

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'), $(free -g | awk '/^Mem:/ { print $2 " GB" }') memory"
"$work/venv/bin/python" -c 'import networkx, rustworkx, sys; print(f"python {sys.version.split()[0]}, networkx {networkx.__version__}, rustworkx {rustworkx.__version__}")'
echo
for nodes in "${sizes[@]}"; do
    dir="$work/graph-$nodes"
    "$sgraph" generate --nodes "$nodes" --edges-per-node 5 --seed 1 --json-edges -o "$dir" >/dev/null
    echo "== $nodes nodes =="
    "$work/venv/bin/python" bench/compare.py "$sgraph" "$dir" --repeat "${REPEAT:-3}"
    echo
done
