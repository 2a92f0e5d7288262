//! FollowTheMoney import against hostile inputs: lines with no end or of gigabytes, ids
//! that all slug alike, an entity with tens of thousands of names, `referents` that name
//! other entities, and `import ftm -o DIR` that cannot write every file.

use std::fs;
use std::io::{self, Read};
use std::time::{Duration, Instant};

use sanctions_graph::ftm::{FtmOptions, MAX_LINE_BYTES};
use sanctions_graph::{Failed, Loaded, SanctionsGraph};

use crate::support::{names_in, run};

/// Far above what the linear algorithms take, far below what the quadratic ones took (12
/// and 49 seconds), even on a busy machine.
const LINEAR_BOUND: Duration = Duration::from_secs(8);

fn options(skip_invalid: bool) -> FtmOptions {
    FtmOptions {
        skip_invalid,
        as_of: "2026-03-02".parse().expect("a date"),
    }
}

fn import(reader: impl io::BufRead, skip_invalid: bool) -> Result<Loaded, Failed> {
    sanctions_graph::load_ftm(reader, "<memory>", &options(skip_invalid), &mut |_| {})
        .map(|(loaded, _)| loaded)
}

fn graph(lines: &str) -> SanctionsGraph {
    import(lines.as_bytes(), false).expect("imports").graph
}

fn codes(loaded: &Loaded) -> Vec<&'static str> {
    loaded.warnings.iter().map(|d| d.problem.code()).collect()
}

#[test]
fn a_line_with_no_end_stops_at_the_line_cap() {
    let started = Instant::now();
    let (code, stdout, stderr) = run(
        &["--graph", "/dev/zero", "--input-format", "ftm", "list"],
        None,
    );
    assert_eq!(code, 1, "{stderr}");
    assert!(stdout.is_empty());
    assert!(stderr.contains("error[ftm-line-too-long]"), "{stderr}");
    assert!(stderr.contains(&MAX_LINE_BYTES.to_string()), "{stderr}");
    assert!(
        stderr.len() < 2_000,
        "the snippet is a window: {} bytes",
        stderr.len()
    );
    assert!(started.elapsed() < Duration::from_secs(30));
}

#[test]
fn a_line_over_the_cap_is_skipped_in_constant_memory() {
    let long = io::repeat(b'x').take(MAX_LINE_BYTES as u64 + 10);
    let rest =
        &b"\n{\"id\": \"p1\", \"schema\": \"Person\", \"properties\": {\"name\": [\"Kept\"]}}\n"[..];
    let loaded = import(io::BufReader::new(long.chain(rest)), true).expect("skipped");
    assert_eq!(loaded.graph.node("p1").map(|n| n.name()), Some("Kept"));
    assert_eq!(codes(&loaded), ["ftm-line-too-long"]);
}

#[test]
fn a_long_bad_line_is_shown_in_a_window() {
    // 5 MB of names, then the mistake at the very end of the line.
    let names = vec!["\"n\""; 1_000_000].join(",");
    let line = format!(
        "{{\"id\": \"p1\", \"schema\": \"Person\", \"properties\": {{\"name\": [{names}]}} oops\n"
    );
    let failed = import(line.as_bytes(), false).expect_err("a bad line");
    assert_eq!(failed.diagnostics[0].problem.code(), "ftm-json");
    let text: usize = failed
        .sources
        .files()
        .map(|(_, file)| file.text.len())
        .sum();
    assert!(
        text < 1_000,
        "the source map holds {text} bytes of the line"
    );
    let (code, _, stderr) = run(
        &["--input-format", "ftm", "--graph", "-", "list"],
        Some(&line),
    );
    assert_eq!(code, 1);
    assert!(stderr.contains("oops") && stderr.len() < 2_000, "{stderr}");
}

#[test]
fn ids_that_slug_alike_are_numbered_in_linear_time() {
    // 20,000 distinct FtM ids that all make the id `q---------------`.
    let lines: String = (0..20_000u32)
        .map(|n| {
            let id: String = (0..15)
                .map(|bit| if n >> bit & 1 == 1 { ':' } else { '/' })
                .collect();
            format!("{{\"id\": \"q{id}\", \"schema\": \"Company\", \"properties\": {{}}}}\n")
        })
        .collect();
    let started = Instant::now();
    let graph = graph(&lines);
    assert!(started.elapsed() < LINEAR_BOUND, "{:?}", started.elapsed());
    assert_eq!(graph.node_count(), 20_000);
    assert!(graph.node("q---------------").is_some());
    assert!(graph.node("q----------------20000").is_some());
}

#[test]
fn an_entity_with_80000_names_imports_in_linear_time() {
    let names: Vec<String> = (0..80_000).map(|n| format!("\"Name {n}\"")).collect();
    let line = format!(
        "{{\"id\": \"p1\", \"schema\": \"Person\", \"properties\": {{\"name\": [{}, \"Name 7\"]}}}}\n",
        names.join(",")
    );
    let started = Instant::now();
    let graph = graph(&line);
    assert!(started.elapsed() < LINEAR_BOUND, "{:?}", started.elapsed());
    let node = graph.node("p1").expect("the person");
    assert_eq!(node.name(), "Name 0");
    assert_eq!(node.aliases().len(), 79_999, "every other name once");
}

const OWNER: &str =
    r#"{"id": "owner", "schema": "Company", "properties": {"name": ["Owner Ltd"]}}"#;
const ASSET: &str =
    r#"{"id": "asset", "schema": "Company", "properties": {"name": ["Asset Ltd"]}}"#;
const OWNS: &str = r#"{"id": "own-1", "schema": "Ownership", "properties": {"owner": ["owner"], "asset": ["asset"]}}"#;
const TAKER: &str = r#"{"id": "taker", "schema": "Company", "referents": ["owner"], "properties": {"name": ["Taker Ltd"]}}"#;

#[test]
fn a_referent_naming_another_entity_never_takes_over_its_edges() {
    for lines in [[OWNER, ASSET, OWNS, TAKER], [TAKER, OWNS, ASSET, OWNER]] {
        let loaded = import(lines.join("\n").as_bytes(), false).expect("imports");
        let edges: Vec<(String, String)> = loaded
            .graph
            .edges()
            .map(|edge| (edge.from().to_owned(), edge.to().to_owned()))
            .collect();
        assert_eq!(edges, [("owner".to_owned(), "asset".to_owned())]);
        assert!(loaded.graph.node("taker").is_some());
        assert_eq!(codes(&loaded), ["ftm-referent-conflict"]);
    }
    let input = [OWNER, ASSET, OWNS, TAKER].join("\n");
    let (code, stdout, stderr) = run(&["import", "ftm", "-"], Some(&input));
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stdout.contains("Relation(kind: Owns, from: \"owner\", to: \"asset\""),
        "{stdout}"
    );
    assert!(
        stderr.contains("warning[ftm-referent-conflict]"),
        "{stderr}"
    );
    assert!(stderr.contains("referents ignored  1 (owner)"), "{stderr}");
}

#[test]
fn a_referent_two_entities_claim_goes_to_the_smaller_id_whatever_the_order() {
    let a =
        r#"{"id": "a", "schema": "Company", "referents": ["old"], "properties": {"name": ["A"]}}"#;
    let b =
        r#"{"id": "b", "schema": "Company", "referents": ["old"], "properties": {"name": ["B"]}}"#;
    let x = r#"{"id": "x", "schema": "Company", "properties": {"name": ["X"]}}"#;
    let link =
        r#"{"id": "o", "schema": "Ownership", "properties": {"owner": ["x"], "asset": ["old"]}}"#;
    for lines in [[a, b, x, link], [link, x, b, a]] {
        let loaded = import(lines.join("\n").as_bytes(), false).expect("imports");
        let targets: Vec<&str> = loaded.graph.edges().map(|edge| edge.to()).collect();
        assert_eq!(targets, ["a"]);
        assert_eq!(codes(&loaded), ["ftm-referent-conflict"]);
    }
}

#[test]
fn import_into_a_directory_writes_all_files_or_none() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    for name in ["sources.ron", "nodes.ron", "edges.ron"] {
        fs::write(dir.path().join(name), "old").expect("write");
    }
    // The last file cannot be replaced, as on a full disk the last write fails.
    let edges = dir.path().join("edges.ron");
    let mut permissions = fs::metadata(&edges).expect("meta").permissions();
    permissions.set_readonly(true);
    fs::set_permissions(&edges, permissions).expect("read-only");
    let out = dir.path().to_string_lossy().into_owned();
    let input = [OWNER, ASSET, OWNS].join("\n");
    let (code, _, stderr) = run(&["import", "ftm", "-", "-o", &out], Some(&input));
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("edges.ron"), "{stderr}");
    let names = names_in(dir.path());
    assert_eq!(
        names,
        ["edges.ron", "nodes.ron", "sources.ron"],
        "no temporary left"
    );
    for name in names {
        assert_eq!(
            fs::read_to_string(dir.path().join(&name)).expect("read"),
            "old",
            "{name}"
        );
    }
    // Once every file can be written, all three are new.
    let mut permissions = fs::metadata(&edges).expect("meta").permissions();
    #[allow(clippy::permissions_set_readonly_false)]
    permissions.set_readonly(false);
    fs::set_permissions(&edges, permissions).expect("writable");
    let (code, _, stderr) = run(&["import", "ftm", "-", "-o", &out], Some(&input));
    assert_eq!(code, 0, "{stderr}");
    for name in ["sources.ron", "nodes.ron", "edges.ron"] {
        let text = fs::read_to_string(dir.path().join(name)).expect("read");
        assert!(
            text.starts_with("// Imported from FollowTheMoney"),
            "{name}"
        );
    }
}
