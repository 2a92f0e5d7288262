"""Runs the same load and queries in sgraph, networkx and rustworkx on one generated graph,
checks that the three agree, and prints one table of medians, ratios and peak memory.

Usage: compare.py SGRAPH DIR [--repeat N]

DIR holds graph.ron and graph.json from `sgraph generate --json-edges`; graph.sgc is
compiled here. Each library runs in its own process (this script with --worker), so that
peak memory is measured per library: by /usr/bin/time when it exists, else by getrusage
of the child.

The queries, with the same meaning in all three:
  affects C     the actors whose actions reach commodity C (sgraph's rules, as of today:
                an action naming C, a narrower heading part_of C or a heading C is
                part_of; a measure naming no commodity on a target tied to C by economic
                relations, in the direction influence flows; plus every body the acting
                node is part_of); compared as sets of ids. Every generated action is dated
                in the past and none ends, so every measure that reaches C is in force.
  paths A B     every simple path of at most 4 edges from A to B, parallel edges counted
                apart (as sgraph does: each edge is typed); compared as counts.
  shortest A B  the fewest edges from A to B; compared as hop counts.
"""

import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time

MEASURES = {"sanction", "restrict", "ease", "lift"}
FLOW_FORWARD = {"produces", "exports", "owns", "operates"}
FLOW_BACKWARD = {"subsidiary_of", "sells_through"}
MAX_HOPS = 4


# The query ends, the same for every size: mid-range ids, away from the generator's hubs.
# The largest commodity (the hub, found in each graph by `largest_commodity`) is asked
# about as well, since that is the one a user asks about.
ENDS = {
    "affects": "commodity-20",
    "paths": ("body-100", "commodity-20"),
    "shortest": ("country-50", "commodity-70"),
}


# --- the worker: one library, in its own process -----------------------------------------


def load_json(path):
    with open(path) as file:
        return json.load(file)


def largest_commodity(data):
    """The commodity the most actions name in their scope (of equals, the smallest id)."""
    named = {}
    for edge in data["edges"]:
        for commodity in edge.get("concerns", ()):
            named[commodity] = named.get(commodity, 0) + 1
    return min(named, key=lambda commodity: (-named[commodity], commodity))


def flows(data, kinds):
    """Edges along which influence travels, oriented the way it travels."""
    for edge in data["edges"]:
        kind = edge["kind"]
        if kind in FLOW_FORWARD:
            yield edge["from"], edge["to"]
        elif kind in FLOW_BACKWARD:
            yield edge["to"], edge["from"]
        elif kind == "part_of" and kinds[edge["from"]] == "commodity" == kinds[edge["to"]]:
            yield edge["from"], edge["to"]


def body_links(data, kinds):
    """part_of between actors, from the part to the whole."""
    for edge in data["edges"]:
        if edge["kind"] == "part_of" and "commodity" not in (
            kinds[edge["from"]],
            kinds[edge["to"]],
        ):
            yield edge["from"], edge["to"]


def actions_by_target_and_named(data):
    """Measures that name no commodity, by target; and actions by each commodity they
    name (a measure that names commodities counts for those only)."""
    measures, named = {}, {}
    for edge in data["edges"]:
        if edge["date"] is None:
            continue
        if edge["kind"] in MEASURES and not edge["concerns"]:
            measures.setdefault(edge["to"], []).append(edge["from"])
        for commodity in edge["concerns"]:
            named.setdefault(commodity, []).append(edge["from"])
    return measures, named


def actors_of(towards, broader, kinds, measures, named, bodies_above):
    """The rule both libraries answer `affects` with: who acts on what the influence reaches
    (or names a commodity in it, or a heading containing it), plus every body each actor
    is part of."""
    acting = set()
    for node in towards:
        acting.update(measures.get(node, ()))
        if kinds[node] == "commodity":
            acting.update(named.get(node, ()))
    for heading in broader:
        acting.update(named.get(heading, ()))
    actors = set(acting)
    for node in acting:
        actors |= bodies_above(node)
    return sorted(actors)


class Networkx:
    def __init__(self, data):
        import networkx as nx

        self.nx = nx
        kinds = {node["id"]: node["kind"] for node in data["nodes"]}
        self.kinds = kinds
        graph = nx.MultiDiGraph()
        graph.add_nodes_from(kinds)
        graph.add_edges_from((e["from"], e["to"], {"kind": e["kind"]}) for e in data["edges"])
        self.graph = graph
        # Parallel edges collapsed, with their count, for path enumeration.
        simple = nx.DiGraph()
        simple.add_nodes_from(kinds)
        for a, b in graph.edges():
            if simple.has_edge(a, b):
                simple[a][b]["n"] += 1
            else:
                simple.add_edge(a, b, n=1)
        self.simple = simple
        self.flow = nx.DiGraph(list(flows(data, kinds)))
        self.bodies = nx.DiGraph(list(body_links(data, kinds)))
        self.measures, self.named = actions_by_target_and_named(data)

    def affects(self, commodity):
        nx = self.nx
        towards = {commodity}
        broader = set()
        if commodity in self.flow:
            towards |= nx.ancestors(self.flow, commodity)
            broader = nx.descendants(self.flow, commodity)
        return actors_of(
            towards,
            broader,
            self.kinds,
            self.measures,
            self.named,
            lambda node: nx.descendants(self.bodies, node) if node in self.bodies else set(),
        )

    def paths(self, a, b):
        simple = self.simple
        total = 0
        for path in self.nx.all_simple_paths(simple, a, b, cutoff=MAX_HOPS):
            count = 1
            for u, v in zip(path, path[1:]):
                count *= simple[u][v]["n"]
            total += count
        return total

    def shortest(self, a, b):
        return self.nx.shortest_path_length(self.simple, a, b)


class Rustworkx:
    def __init__(self, data):
        import rustworkx as rx

        self.rx = rx
        kinds = {node["id"]: node["kind"] for node in data["nodes"]}
        self.kinds = kinds
        ids = list(kinds)
        self.ids = ids
        index = {node: i for i, node in enumerate(ids)}
        self.index = index
        graph = rx.PyDiGraph(multigraph=True)
        graph.add_nodes_from(ids)
        graph.add_edges_from(
            [(index[e["from"]], index[e["to"]], e["kind"]) for e in data["edges"]]
        )
        self.graph = graph
        simple = rx.PyDiGraph(multigraph=False)
        simple.add_nodes_from(ids)
        counts = {}
        for a, b in graph.edge_list():
            counts[(a, b)] = counts.get((a, b), 0) + 1
        simple.add_edges_from([(a, b, n) for (a, b), n in counts.items()])
        self.simple = simple
        self.flow = rx.PyDiGraph()
        self.flow.add_nodes_from(ids)
        self.flow.add_edges_from_no_data([(index[a], index[b]) for a, b in flows(data, kinds)])
        self.bodies = rx.PyDiGraph()
        self.bodies.add_nodes_from(ids)
        self.bodies.add_edges_from_no_data(
            [(index[a], index[b]) for a, b in body_links(data, kinds)]
        )
        self.measures, self.named = actions_by_target_and_named(data)

    def affects(self, commodity):
        rx, ids = self.rx, self.ids
        towards = {commodity} | {ids[i] for i in rx.ancestors(self.flow, self.index[commodity])}
        broader = {ids[i] for i in rx.descendants(self.flow, self.index[commodity])}
        return actors_of(
            towards,
            broader,
            self.kinds,
            self.measures,
            self.named,
            lambda node: {ids[i] for i in rx.descendants(self.bodies, self.index[node])},
        )

    def paths(self, a, b):
        simple = self.simple
        # rustworkx's cutoff counts nodes, not edges.
        found = self.rx.digraph_all_simple_paths(
            simple, self.index[a], self.index[b], cutoff=MAX_HOPS + 1
        )
        total = 0
        for path in found:
            count = 1
            for u, v in zip(path, path[1:]):
                count *= simple.get_edge_data(u, v)
            total += count
        return total

    def shortest(self, a, b):
        lengths = self.rx.digraph_dijkstra_shortest_path_lengths(
            self.simple, self.index[a], lambda _: 1.0, goal=self.index[b]
        )
        return int(lengths[self.index[b]])


def worker(library, directory, repeat, hub):
    started = time.perf_counter()
    data = load_json(os.path.join(directory, "graph.json"))
    graph = {"networkx": Networkx, "rustworkx": Rustworkx}[library](data)
    del data
    result = {"load": [time.perf_counter() - started]}
    ends = ENDS
    answers = {}
    for query, run in [
        ("affects", lambda: graph.affects(ends["affects"])),
        ("affects hub", lambda: graph.affects(hub)),
        ("paths", lambda: graph.paths(*ends["paths"])),
        ("shortest", lambda: graph.shortest(*ends["shortest"])),
    ]:
        times = []
        for _ in range(repeat):
            started = time.perf_counter()
            answers[query] = run()
            times.append(time.perf_counter() - started)
        result[query] = times
    result["answers"] = answers
    print(json.dumps(result))


# --- the driver ---------------------------------------------------------------------------

TIME = os.path.exists("/usr/bin/time")


def measured(command):
    """Runs a command; returns (wall seconds, peak memory in MB, stdout)."""
    with tempfile.NamedTemporaryFile("r") as report:
        if TIME:
            command = ["/usr/bin/time", "-f", "%M", "-o", report.name] + command
        before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        started = time.perf_counter()
        done = subprocess.run(command, capture_output=True, text=True)
        wall = time.perf_counter() - started
        if done.returncode not in (0, 1):
            sys.exit(f"failed ({done.returncode}): {' '.join(command)}\n{done.stderr}")
        if TIME:
            peak_kb = int(report.read().strip().splitlines()[-1])
        else:
            # getrusage keeps the largest child so far: exact for the first, a bound after.
            peak_kb = max(before, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
    return wall, peak_kb / 1024, done.stdout


def sgraph_runs(binary, directory, repeat, hub):
    ron = os.path.join(directory, "graph.ron")
    sgc = os.path.join(directory, "graph.sgc")
    measured([binary, "compile", "-q", ron, "-o", sgc])
    ends = ENDS
    # Timed runs print tables, as a person runs them; the answers are read from one
    # untimed run each with --format json.
    queries = {
        "affects": ["affects", ends["affects"]],
        "affects hub": ["affects", hub],
        "paths": ["paths", *ends["paths"], "--max-hops", str(MAX_HOPS), "--limit", "10000",
                  "--timeout", "1h"],
        "shortest": ["paths", *ends["shortest"], "--shortest", "--max-hops", "64"],
    }
    commands = {
        "load": [binary, "-q", "--no-cache", "--graph", ron, "check"],
        "load compiled": [binary, "--graph", sgc, "check"],
    }
    for name, query in queries.items():
        commands[name] = [binary, "--graph", sgc, *query]
    times, peaks = {}, {}
    for name, command in commands.items():
        runs = 1 if name == "load" else repeat
        for _ in range(runs):
            wall, peak, _ = measured(command)
            times.setdefault(name, []).append(wall)
            peaks[name] = max(peaks.get(name, 0), peak)
    outputs = {
        name: json.loads(measured([binary, "--graph", sgc, *query, "--format", "json"])[2])
        for name, query in queries.items()
    }
    paths, shortest = outputs["paths"], outputs["shortest"]
    answers = {
        "affects": sorted(entry["actor"]["id"] for entry in outputs["affects"]["actors"]),
        "affects hub": sorted(
            entry["actor"]["id"] for entry in outputs["affects hub"]["actors"]
        ),
        "paths": paths["count"],
        "shortest": shortest["paths"][0]["hops"] if shortest["paths"] else None,
    }
    if paths["cut_short"]:
        sys.exit(f"sgraph's paths were cut short ({paths['cut_short']})")
    return times, peaks, answers


def python_runs(library, directory, repeat, hub):
    wall, peak, out = measured(
        [sys.executable, __file__, "--worker", library, directory, str(repeat), hub]
    )
    result = json.loads(out)
    answers = result.pop("answers")
    return result, peak, answers


def main():
    args = sys.argv[1:]
    if args and args[0] == "--worker":
        return worker(args[1], args[2], int(args[3]), args[4])
    repeat = 3
    if "--repeat" in args:
        at = args.index("--repeat")
        repeat = int(args[at + 1])
        del args[at : at + 2]
    binary, directory = args
    hub = largest_commodity(load_json(os.path.join(directory, "graph.json")))
    times, peaks, answers = {}, {}, {}
    times["sgraph"], sgraph_peaks, answers["sgraph"] = sgraph_runs(binary, directory, repeat, hub)
    check = [binary, "--graph", os.path.join(directory, "graph.sgc"), "check", "--format", "json"]
    summary = json.loads(measured(check)[2])["summary"]
    nodes, edges = summary["nodes"], summary["edges"]
    for library in ["rustworkx", "networkx"]:
        times[library], peaks[library], answers[library] = python_runs(
            library, directory, repeat, hub
        )

    agree = True
    for query in ["affects", "affects hub", "paths", "shortest"]:
        values = {lib: answers[lib][query] for lib in answers}
        same = len({json.dumps(v) for v in values.values()}) == 1
        agree &= same
        shown = {lib: (len(v) if isinstance(v, list) else v) for lib, v in values.items()}
        print(f"{query:<11} {'agree' if same else 'DISAGREE'}: {shown}"
              + ("  (number of actors)" if query.startswith("affects") else ""))
    print(f"largest commodity (the hub): {hub}")
    print()

    med = lambda values: statistics.median(values)
    # sgraph's query rows are whole processes that load the compiled graph first, while the
    # Python rows time the query alone: the comparison leans against sgraph. Its query
    # times alone are in benches/ (criterion).
    s = {name: med(values) for name, values in times["sgraph"].items()}
    rows = [
        ("load from text (RON / JSON)", s["load"], "load"),
        ("load compiled (.sgc)", s["load compiled"], None),
        ("affects (sgraph: + load)", s["affects"], "affects"),
        ("affects hub (sgraph: + load)", s["affects hub"], "affects hub"),
        ("paths -h 4 (sgraph: + load)", s["paths"], "paths"),
        ("shortest (sgraph: + load)", s["shortest"], "shortest"),
    ]
    print(f"graph: {nodes:,} nodes, {edges:,} edges; medians of {repeat} runs "
          f"(loads from text: 1 run)")
    header = f"{'':<30}{'sgraph':>10}{'rustworkx':>12}{'networkx':>12}{'rx/sg':>8}{'nx/sg':>8}"
    print(header)
    print("-" * len(header))

    def row(label, mine, key):
        rx = med(times["rustworkx"][key]) if key else None
        nx = med(times["networkx"][key]) if key else None
        cells = f"{label:<30}{mine * 1000:>8.1f}ms"
        for other in (rx, nx):
            cells += f"{other * 1000:>10.1f}ms" if other is not None else f"{'':>12}"
        for other in (rx, nx):
            cells += f"{other / mine:>7.1f}x" if other is not None and mine > 0 else f"{'':>8}"
        print(cells)

    for label, mine, key in rows:
        row(label, mine, key)
    whole_compiled = s["affects"] + s["paths"]
    whole_text = s["load"] + s["affects"] + s["paths"]
    whole = {lib: med(times[lib]["load"]) + med(times[lib]["affects"]) + med(times[lib]["paths"])
             for lib in ["rustworkx", "networkx"]}
    print("-" * len(header))
    for label, mine in [("whole run, sgraph from .sgc", whole_compiled),
                        ("whole run, sgraph from text", whole_text)]:
        print(f"{label:<30}{mine * 1000:>8.1f}ms{whole['rustworkx'] * 1000:>10.1f}ms"
              f"{whole['networkx'] * 1000:>10.1f}ms{whole['rustworkx'] / mine:>7.1f}x"
              f"{whole['networkx'] / mine:>7.1f}x")
    print()
    print(f"peak memory (MB): sgraph load from text {sgraph_peaks['load']:.0f}, "
          f"sgraph compiled + paths {sgraph_peaks['paths']:.0f}, "
          f"rustworkx {peaks['rustworkx']:.0f}, networkx {peaks['networkx']:.0f}")
    print("whole run = load + affects + paths. sgraph runs each query as a process that loads "
          "the compiled graph;\nfrom text adds one load from RON to those (a third load).")
    if not agree:
        sys.exit("the libraries disagree")


if __name__ == "__main__":
    main()
