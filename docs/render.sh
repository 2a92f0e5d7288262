#!/usr/bin/env bash
# Redraws the diagrams in docs/ from the built-in graph. Needs Graphviz's `dot`
# (`apt-get install graphviz`, `brew install graphviz`). Run from anywhere:
#   bash docs/render.sh
set -euo pipefail
cd "$(dirname "$0")/.."

cargo build --quiet
sgraph=target/debug/sgraph

"$sgraph" export dot --cluster country --render svg -o docs/belarus-potash.svg
echo "docs/belarus-potash.svg"
"$sgraph" export dot --commodity potash --as-of 2025-12-31 --cluster country --render svg -o docs/affects-potash.svg
echo "docs/affects-potash.svg"
