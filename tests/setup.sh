#!/usr/bin/env bash
# Installs what the tests need beyond Rust, once (later runs find it in place):
#   - Graphviz's `dot` (Debian package), which draws every export of the curated graph;
#   - headless Chromium (Debian package) and playwright-core (npm, pinned by
#     tests/browser/package-lock.json) for the browser tests of `export html`; playwright
#     never downloads a browser, the tests use /usr/bin/chromium;
#   - FalkorDB and Oxigraph (PyPI, into a virtual environment under ${TMPDIR:-/tmp}/
#     sgraph-engines) for the engine tests of `export opencypher` and `export ntriples`.
# Tests whose tools are missing skip with a note, or fail when CI is set.
set -euo pipefail
cd "$(dirname "$0")/.."

sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
missing=()
command -v dot >/dev/null 2>&1 || missing+=(graphviz)
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v npm >/dev/null 2>&1 || missing+=(nodejs npm)
if [ ${#missing[@]} -gt 0 ]; then
    echo "tests/setup.sh: installing ${missing[*]} (Debian packages)" >&2
    export DEBIAN_FRONTEND=noninteractive
    $sudo apt-get update -qq
    $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi

if [ ! -d tests/browser/node_modules/playwright-core ]; then
    echo "tests/setup.sh: installing playwright-core (npm)" >&2
    (cd tests/browser && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --silent)
fi

venv="${SGRAPH_ENGINES_VENV:-${TMPDIR:-/tmp}/sgraph-engines/venv}"
if [ ! -x "$venv/bin/oxigraph" ]; then
    echo "tests/setup.sh: installing FalkorDB and Oxigraph (PyPI) into $venv" >&2
    tests/engines/setup.sh "$venv" >/dev/null
fi
