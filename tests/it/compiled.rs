//! Compiled graphs and the cache: `compile`, `--graph FILE.sgc`, corrupt and stale files,
//! and the cache under concurrent writers.

use std::path::{Path, PathBuf};

use proptest::prelude::*;
use sanctions_graph::compiled::{self, CompiledError};

use crate::support::{run, sgraph};

fn graphs_dir() -> &'static str {
    concat!(env!("CARGO_MANIFEST_DIR"), "/graphs")
}

/// The curated graph compiled to `belarus.sgc` in a fresh directory.
fn compiled_curated() -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let out = dir.path().join("belarus.sgc").display().to_string();
    let (code, stdout, stderr) = run(&["compile", graphs_dir(), "-o", &out], None);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.starts_with("compiled 8 files ("), "{stdout}");
    (dir, out)
}

fn curated_bytes() -> Vec<u8> {
    let loaded = sanctions_graph::load_builtin().expect("the curated graph loads");
    compiled::encode(&loaded.graph)
}

#[test]
fn every_command_answers_the_same_on_the_compiled_graph() {
    let (_dir, sgc) = compiled_curated();
    for args in [
        vec!["check"],
        vec!["list"],
        vec!["list", "--kind", "company", "--format", "json"],
        vec!["show", "belaruskali"],
        vec!["show", "belavia", "--format", "json"],
        vec!["show", "belvia"],
        vec!["affects", "potash"],
        vec![
            "affects",
            "potash",
            "--as-of",
            "2022-01-01",
            "--format",
            "json",
        ],
        vec!["affected-by", "ofac"],
        vec!["paths", "usa", "potash", "--direction", "both"],
        vec!["paths", "ofac", "belaruskali", "--shortest"],
        vec!["timeline", "belavia"],
        vec!["neighbors", "belaruskali", "--depth", "2"],
    ] {
        let mut on_text = vec!["--graph", graphs_dir()];
        on_text.extend(&args);
        let mut on_compiled = vec!["--graph", sgc.as_str()];
        on_compiled.extend(&args);
        assert_eq!(run(&on_text, None), run(&on_compiled, None), "{args:?}");
    }
}

#[test]
fn the_compiled_graph_is_found_by_its_first_bytes_whatever_its_name() {
    let (dir, sgc) = compiled_curated();
    let renamed = dir.path().join("graph.bin");
    std::fs::rename(&sgc, &renamed).expect("rename");
    let (code, stdout, stderr) = run(&["--graph", &renamed.display().to_string(), "list"], None);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("belaruskali"));
}

#[test]
fn a_corrupt_compiled_graph_is_refused_with_exit_2() {
    let (_dir, sgc) = compiled_curated();
    let mut bytes = std::fs::read(&sgc).expect("read");
    let last = bytes.len() - 1;
    bytes[last] ^= 0x40;
    std::fs::write(&sgc, &bytes).expect("write");
    let (code, stdout, stderr) = run(&["--graph", &sgc, "list"], None);
    assert_eq!(code, 2);
    assert_eq!(stdout, "");
    assert!(
        stderr.contains("the compiled graph is corrupt (checksum mismatch); compile it again"),
        "{stderr}"
    );
}

#[test]
fn a_compiled_graph_of_another_format_version_is_refused() {
    let mut bytes = curated_bytes();
    bytes[8..12].copy_from_slice(&(compiled::FORMAT_VERSION + 1).to_le_bytes());
    let error = compiled::decode(&bytes).expect_err("refused");
    assert_eq!(
        error,
        CompiledError::Version {
            found: compiled::FORMAT_VERSION + 1,
            expected: compiled::FORMAT_VERSION
        }
    );
    assert!(error.to_string().contains("compile it again"));
}

#[test]
fn a_truncated_compiled_graph_is_refused() {
    let bytes = curated_bytes();
    for len in [0, 3, 8, 31, 32, bytes.len() / 2, bytes.len() - 1] {
        assert!(compiled::decode(&bytes[..len]).is_err(), "{len}");
    }
}

#[test]
fn compiled_graph_mixed_with_text_is_bad_usage() {
    let (_dir, sgc) = compiled_curated();
    let (code, _, stderr) = run(&["--graph", &sgc, "--graph", graphs_dir(), "list"], None);
    assert_eq!(code, 2);
    assert!(stderr.contains("loaded on its own"), "{stderr}");
}

#[test]
fn an_invalid_graph_is_not_compiled() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let bad = dir.path().join("bad.ron");
    std::fs::write(&bad, "Graph(nodes: [Country(id: \"X\", name: \"x\")])").expect("write");
    let out = dir.path().join("bad.sgc");
    let (code, _, stderr) = run(
        &[
            "compile",
            &bad.display().to_string(),
            "-o",
            &out.display().to_string(),
        ],
        None,
    );
    assert_eq!(code, 1);
    assert!(
        stderr.contains("invalid-id") || stderr.contains("not a valid id"),
        "{stderr}"
    );
    assert!(!out.exists());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// Whatever byte of a compiled file changes, and however, the file is refused.
    #[test]
    fn corrupting_any_byte_is_detected(at in any::<prop::sample::Index>(), flip in 1u8..=255) {
        let mut bytes = curated_bytes();
        let at = at.index(bytes.len());
        bytes[at] ^= flip;
        prop_assert!(compiled::decode(&bytes).is_err());
    }
}

/// A graph text of at least the cache's threshold: `count` countries, each defined on its
/// own line.
fn large_graph(dir: &Path, count: usize) -> PathBuf {
    let mut text = String::from("Graph(nodes: [\n");
    for i in 0..count {
        text.push_str(&format!(
            "    Country(id: \"country-{i}\", name: \"Country number {i} of a large graph\"),\n"
        ));
    }
    text.push_str("])\n");
    assert!(text.len() >= sanctions_graph::pipeline::cache::MIN_CACHED_BYTES);
    let path = dir.join("large.ron");
    std::fs::write(&path, text).expect("write");
    path
}

fn cached_files(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .map(|entry| {
                    entry
                        .expect("entry")
                        .file_name()
                        .to_string_lossy()
                        .into_owned()
                })
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

fn run_cached(cache: &Path, args: &[&str]) -> (i32, String, String) {
    let output = sgraph()
        .env("SGRAPH_CACHE_DIR", cache)
        .args(args)
        .output()
        .expect("sgraph runs");
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn the_cache_stores_then_serves_then_rebuilds_a_corrupt_entry() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let cache = dir.path().join("cache");
    let graph = large_graph(dir.path(), 20_000).display().to_string();
    let args = ["--graph", graph.as_str(), "-v", "show", "country-7"];

    let first = run_cached(&cache, &args);
    assert_eq!(first.0, 0, "{}", first.2);
    assert!(first.2.contains("stored in the cache"), "{}", first.2);
    let entries = cached_files(&cache);
    assert_eq!(entries.len(), 1, "{entries:?}");
    assert!(entries[0].ends_with(".sgc"));

    let second = run_cached(&cache, &args);
    assert!(second.2.contains("loaded from the cache"), "{}", second.2);
    assert_eq!(first.1, second.1);

    let entry = cache.join(&entries[0]);
    let mut bytes = std::fs::read(&entry).expect("read");
    let middle = bytes.len() / 2;
    bytes[middle] ^= 1;
    std::fs::write(&entry, &bytes).expect("write");
    let third = run_cached(&cache, &args);
    assert_eq!(third.0, 0);
    assert!(third.2.contains("stored in the cache"), "{}", third.2);
    assert_eq!(first.1, third.1);
    assert!(compiled::read(&entry).is_ok());

    let off = run_cached(
        &cache,
        &["--graph", graph.as_str(), "-v", "--no-cache", "list"],
    );
    assert!(off.2.contains("not cached (disabled)"), "{}", off.2);
}

#[test]
fn a_changed_text_is_a_new_cache_entry() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let cache = dir.path().join("cache");
    let graph = large_graph(dir.path(), 20_000);
    let name = graph.display().to_string();
    run_cached(&cache, &["--graph", &name, "list"]);
    let mut text = std::fs::read_to_string(&graph).expect("read");
    text = text.replace("country-7\"", "country-seven\"");
    std::fs::write(&graph, text).expect("write");
    let (code, stdout, stderr) =
        run_cached(&cache, &["--graph", &name, "-v", "show", "country-seven"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains("stored in the cache"), "{stderr}");
    assert!(stdout.contains("country-seven"));
    assert_eq!(cached_files(&cache).len(), 2);
}

#[test]
fn two_processes_building_the_same_cache_leave_one_valid_file() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let cache = dir.path().join("cache");
    let graph = large_graph(dir.path(), 40_000).display().to_string();
    let spawn = || {
        std::process::Command::new(assert_cmd::cargo::cargo_bin("sgraph"))
            .env("SGRAPH_CACHE_DIR", &cache)
            .args(["--graph", graph.as_str(), "check"])
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("sgraph starts")
    };
    let (a, b) = (spawn(), spawn());
    for child in [a, b] {
        let output = child.wait_with_output().expect("sgraph runs");
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
    let entries = cached_files(&cache);
    assert_eq!(
        entries.len(),
        1,
        "no temporary file is left behind: {entries:?}"
    );
    let loaded = sanctions_graph::pipeline::open_compiled(&cache.join(&entries[0]))
        .expect("the entry is valid");
    assert_eq!(loaded.graph.node_count(), 40_000);
}

#[test]
fn parsing_reports_its_progress_up_to_the_whole_text() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let text = std::fs::read_to_string(large_graph(dir.path(), 20_000)).expect("read");
    let mut map = sanctions_graph::SourceMap::default();
    map.add("large.ron", text.as_str());
    let mut seen = Vec::new();
    let (parsed, problems) =
        sanctions_graph::load::parse_with_progress(&map, &mut |progress| seen.push(progress));
    assert!(problems.is_empty());
    assert_eq!(parsed.nodes.len(), 20_000);
    assert!(seen.len() > 4, "{seen:?}");
    assert!(seen.windows(2).all(|pair| pair[0].done <= pair[1].done));
    let last = seen.last().expect("a report");
    assert_eq!(
        (last.done, last.total),
        (text.len() as u64, text.len() as u64)
    );
}

/// The bytes with their checksum made right again: what a faulty writer would produce.
fn resealed(mut bytes: Vec<u8>) -> Vec<u8> {
    let sum = compiled::hash::xxh64(&bytes[32..], 0);
    bytes[24..32].copy_from_slice(&sum.to_le_bytes());
    bytes
}

/// Where a section of the curated graph's columns starts, from the section table.
fn section_start(bytes: &[u8], section: usize) -> usize {
    let at = 32 + section * 16;
    let mut word = [0; 8];
    word.copy_from_slice(&bytes[at..at + 8]);
    32 + u64::from_le_bytes(word) as usize
}

#[test]
fn a_compiled_graph_whose_columns_point_nowhere_is_refused_though_its_checksum_holds() {
    let mut bytes = curated_bytes();
    // Section 13 holds each edge's `from` node: send the first edge to a node past the end.
    let from = section_start(&bytes, 13);
    bytes[from..from + 4].copy_from_slice(&u32::MAX.to_le_bytes());
    let error = compiled::decode(&resealed(bytes))
        .map(sanctions_graph::pipeline::from_compiled)
        .expect_err("refused");
    assert!(matches!(error, CompiledError::Corrupt(_)), "{error:?}");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// Whatever bytes a compiled graph holds, even behind a checksum that matches, opening
    /// it and querying it never panics: it is refused, or it answers.
    #[test]
    fn no_compiled_bytes_make_opening_or_querying_panic(
        changes in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..8),
    ) {
        let mut bytes = curated_bytes();
        let len = bytes.len() - 32;
        for (at, byte) in changes {
            bytes[32 + at.index(len)] = byte;
        }
        if let Ok(loaded) = compiled::decode(&resealed(bytes)).map(sanctions_graph::pipeline::from_compiled) {
            let graph = &loaded.graph;
            for node in graph.nodes() {
                let _ = (node.to_node(), graph.edges_of(node.index(), petgraph::Direction::Outgoing));
            }
            for edge in graph.edges() {
                let _ = edge.to_edge();
            }
            let _ = graph.summary();
            let _ = graph.sources().count();
            if let Some(potash) = graph.index_of("potash") {
                let when = sanctions_graph::query::When::Always;
                let _ = sanctions_graph::query::affects(graph, potash, when);
                let _ = sanctions_graph::query::timeline(graph, potash, when, None);
            }
        }
    }
}

/// A compiled file that another program truncates or rewrites in place while sgraph has
/// it open (`cp other.sgc big.sgc` during a long export) must not crash the process
/// (SIGBUS, when the file was mapped) nor change the open graph under its checks.
#[test]
fn a_compiled_file_truncated_or_rewritten_in_place_while_open_leaves_the_open_graph_whole() {
    use sanctions_graph::query::{affects, When};
    use std::io::Write;

    let builtin = sanctions_graph::load_builtin()
        .expect("the built-in graph is valid")
        .graph;
    let other = sanctions_graph::load_str(
        "other.ron",
        r#"Graph(nodes: [Commodity(id: "potash", name: "Potash")])"#,
    )
    .expect("a small graph")
    .graph;
    let dir = tempfile::tempdir().expect("a temporary directory");
    let path = dir.path().join("big.sgc");
    std::fs::write(&path, sanctions_graph::compiled::encode(&builtin)).expect("write");
    let opened = sanctions_graph::pipeline::open_compiled(&path)
        .expect("the compiled file opens")
        .graph;
    let as_of = When::AsOf("2025-12-31".parse().expect("a date"));
    let answer = |graph: &sanctions_graph::SanctionsGraph| {
        let potash = graph.index_of("potash").expect("potash");
        format!("{:?}", affects(graph, potash, as_of))
    };
    let before = answer(&opened);

    // Truncated in place: the same inode, shorter.
    let file = std::fs::OpenOptions::new()
        .write(true)
        .open(&path)
        .expect("open for writing");
    file.set_len(64).expect("truncate");
    assert_eq!(answer(&opened), before);
    assert_eq!(opened.node_count(), builtin.node_count());

    // Rewritten in place with another valid compiled graph, as `cp` does.
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .truncate(true)
        .open(&path)
        .expect("open for writing");
    file.write_all(&sanctions_graph::compiled::encode(&other))
        .expect("rewrite");
    drop(file);
    assert_eq!(answer(&opened), before);
    assert_eq!(opened.node_count(), builtin.node_count());
}
