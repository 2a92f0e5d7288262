"""Loads an `sgraph export opencypher` directory into a running FalkorDB with LOAD CSV and
answers with counts and the answers of a Cypher query, as JSON on standard output.

    falkordb_check.py --port PORT --dir DIR --query FILE --commodity ID --day YYYY-MM-DD...

DIR must be the server's IMPORT_FOLDER. The files are read with LOAD CSV, one statement
per node label set or relationship type (Cypher takes labels and types only as literals);
this script reads the CSV itself only to learn those sets. Typed columns (`name:String`,
`unverified:Boolean`) become properties of that name; `DateTime` values are kept as their
ISO text, which orders as the dates do. Empty fields are no property.
"""

import argparse
import csv
import json
import os
import sys

from falkordb import FalkorDB


def column(header):
    """(property name or None, type) of a header column; system columns give None."""
    name, _, kind = header.partition(":")
    if not name:
        return None, None
    if kind.startswith("ID"):
        return name, "ID"
    return name, kind


def id_space(header):
    """`Node` for `:START_ID(Node)` or `id:ID(Node)`."""
    return header[header.index("(") + 1 : header.index(")")]


def value(header, kind):
    field = "row['%s']" % header.replace("'", "\\'")
    if kind == "Boolean":
        return "(%s = 'true')" % field
    return field


def distinct(path, column_name):
    with open(path, newline="", encoding="utf-8") as f:
        return sorted({row[column_name] for row in csv.DictReader(f)})


def load(graph, directory, manifest):
    spaces = set()
    for entry in manifest["files"]:
        name = entry["name"]
        path = os.path.join(directory, name)
        with open(path, newline="", encoding="utf-8") as f:
            headers = next(csv.reader(f))
        props = []
        for header in headers:
            prop, kind = column(header)
            if prop is not None:
                props.append("%s: %s" % (prop, value(header, kind)))
        source = "LOAD CSV WITH HEADERS FROM 'file://%s' AS row" % name
        if entry["holds"] == "nodes":
            id_header = next(h for h in headers if ":ID(" in h)
            spaces.add(id_space(id_header))
            for labels in distinct(path, ":LABEL"):
                label_text = "".join(":`%s`" % label for label in labels.split(";"))
                graph.query(
                    "%s WITH row WHERE row[':LABEL'] = $labels CREATE (n%s {%s})"
                    % (source, label_text, ", ".join(props)),
                    {"labels": labels},
                )
            for space in sorted(spaces):
                try:
                    graph.query("CREATE INDEX FOR (n:`%s`) ON (n.id)" % space)
                except Exception:  # the index exists already
                    pass
        else:
            start = next(h for h in headers if h.startswith(":START_ID"))
            end = next(h for h in headers if h.startswith(":END_ID"))
            for kind in distinct(path, ":TYPE"):
                graph.query(
                    "%s WITH row WHERE row[':TYPE'] = $type "
                    "MATCH (a:`%s` {id: row['%s']}), (b:`%s` {id: row['%s']}) "
                    "CREATE (a)-[r:`%s` {%s}]->(b)"
                    % (source, id_space(start), start, id_space(end), end, kind, ", ".join(props)),
                    {"type": kind},
                )


def count(graph, query):
    return graph.query(query).result_set[0][0]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--dir", required=True)
    parser.add_argument("--query", required=True)
    parser.add_argument("--commodity", required=True)
    parser.add_argument("--day", action="append", default=[])
    args = parser.parse_args()
    with open(os.path.join(args.dir, "sgraph-export.json"), encoding="utf-8") as f:
        manifest = json.load(f)
    graph = FalkorDB(host="127.0.0.1", port=args.port).select_graph("sgraph")
    load(graph, args.dir, manifest)
    types = graph.query("MATCH ()-[r]->() RETURN type(r), count(r) ORDER BY type(r)")
    out = {
        "nodes": count(graph, "MATCH (n:Node) RETURN count(n)"),
        "sources": count(graph, "MATCH (n:Source) RETURN count(n)"),
        "actions": count(graph, "MATCH (n:Action) RETURN count(n)"),
        "relationships": {kind: n for kind, n in types.result_set},
        "answers": {},
    }
    with open(args.query, encoding="utf-8") as f:
        query = f.read()
    for day in args.day:
        result = graph.query(query, {"commodity": args.commodity, "day": day + "T00:00:00Z"})
        out["answers"][day] = [row[0] for row in result.result_set]
    json.dump(out, sys.stdout, indent=1, sort_keys=True)
    print()


if __name__ == "__main__":
    main()
