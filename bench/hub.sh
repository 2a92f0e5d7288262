#!/usr/bin/env bash
# Hub-sized answers: `affects` of the generator's largest commodity (`commodity-0`), timed
# and measured against opening the same compiled graph in the same run.
#
#   bench/hub.sh [NODES]     default 1000000 (5 edges per node, seed 7); 10000 runs in seconds
#
# Builds sgraph (release), generates and compiles the graph once into a temporary
# directory (removed at the end; SGRAPH_HUB_DIR keeps it there instead, and reuses a graph
# already compiled there), then runs each command REPEAT times (default 3) with stdout to
# /dev/null under /usr/bin/time (CPU time and memory; wall time by the clock). For each it
# prints the best wall time, the best CPU time (user + system: on a busy machine the
# steadier of the two), the largest peak resident set, and the ratios: times against
# opening the compiled graph (`check`, which opens it and counts its nodes and edges),
# memory against the compiled file's size.
set -euo pipefail
cd "$(dirname "$0")/.."

nodes="${1:-1000000}"
repeat="${REPEAT:-3}"
if [ -n "${SGRAPH_HUB_DIR:-}" ]; then
    work="$SGRAPH_HUB_DIR"
    mkdir -p "$work"
else
    work="$(mktemp -d "${TMPDIR:-/tmp}/sgraph-hub.XXXXXX")"
    trap 'rm -rf "$work"' EXIT
fi

cargo build --release --quiet
sgraph="$PWD/target/release/sgraph"
compiled="$work/hub-$nodes.sgc"
if [ ! -f "$compiled" ]; then
    "$sgraph" generate --nodes "$nodes" --seed 7 -o "$work/text" >/dev/null
    "$sgraph" compile "$work/text/graph.ron" -o "$compiled" >/dev/null
    rm -rf "$work/text"
fi
size=$(stat -c %s "$compiled")

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "graph: $nodes nodes, seed 7, compiled file $((size / 1048576)) MiB; best of $repeat runs"
echo

# Runs one command REPEAT times; prints "wall cpu rss_kb": the least wall and CPU times of
# the runs, the largest peak resident set.
measure() {
    local best_wall="" best_cpu="" best_rss=""
    for _ in $(seq "$repeat"); do
        local line started ended
        started=$(date +%s%N)
        line=$(SGRAPH_TODAY=2026-03-02 /usr/bin/time -f '%U %S %M' "$sgraph" --graph "$compiled" "$@" 2>&1 >/dev/null | tail -1)
        ended=$(date +%s%N)
        read -r user sys rss <<<"$line"
        local wall cpu
        wall=$(echo "scale=3; ($ended - $started) / 1000000000" | bc)
        # /usr/bin/time counts CPU in hundredths: a floor keeps small graphs' ratios finite.
        cpu=$(echo "c = $user + $sys; if (c < 0.01) c = 0.01; c" | bc)
        if [ -z "$best_wall" ] || [ "$(echo "$wall < $best_wall" | bc)" = 1 ]; then best_wall=$wall; fi
        if [ -z "$best_cpu" ] || [ "$(echo "$cpu < $best_cpu" | bc)" = 1 ]; then best_cpu=$cpu; fi
        if [ -z "$best_rss" ] || [ "$rss" -gt "$best_rss" ]; then best_rss=$rss; fi
    done
    echo "$best_wall $best_cpu $best_rss"
}

read -r open_wall open_cpu open_rss <<<"$(measure check)"

printf '%-48s %8s %8s %9s %9s %9s %9s\n' command "wall s" "cpu s" "x open" "x open" "RSS MiB" "x file"
printf '%-48s %8s %8s %9s %9s %9s %9s\n' "" "" "" "(wall)" "(cpu)" "" ""
row() {
    local name="$1" wall="$2" cpu="$3" rss="$4"
    printf '%-48s %8.2f %8.2f %9.2f %9.2f %9.0f %9.2f\n' "$name" "$wall" "$cpu" \
        "$(echo "$wall / $open_wall" | bc -l)" "$(echo "$cpu / $open_cpu" | bc -l)" \
        "$(echo "$rss / 1024" | bc -l)" "$(echo "$rss * 1024 / $size" | bc -l)"
}
row "open (check)" "$open_wall" "$open_cpu" "$open_rss"
for query in \
    "affects commodity-0 --format json" \
    "affects commodity-0 --format json --limit 20" \
    "affects commodity-0" \
    "affects commodity-0 --format csv" \
    "affects commodity-100 --format json"; do
    # shellcheck disable=SC2086 # the query is words on purpose
    read -r wall cpu rss <<<"$(measure $query)"
    row "$query" "$wall" "$cpu" "$rss"
done
