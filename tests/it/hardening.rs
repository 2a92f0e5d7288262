//! Regression tests for hostile or careless input: flags out of range, deep graphs,
//! symlink loops, endless inputs, control characters, overwritten inputs (issue #18).

use crate::support::{run, temp_graph};

/// Runs `sgraph` and asserts a usage error (exit 2) whose message contains `expected`.
fn assert_usage_error(args: &[&str], expected: &str) {
    let (code, stdout, stderr) = run(args, None);
    assert_eq!(code, 2, "{args:?}: {stderr}");
    assert_eq!(stdout, "", "{args:?}");
    assert!(stderr.contains(expected), "{args:?}: {stderr}");
    assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
}

#[test]
fn numeric_flags_out_of_range_are_usage_errors() {
    let out = tempfile::tempdir().expect("a temporary directory");
    let out = out.path().to_str().expect("a UTF-8 path");
    let huge = "18446744073709551615";
    let cases: &[&[&str]] = &[
        &["paths", "ofac", "potash", "--max-hops", huge],
        &["paths", "ofac", "potash", "--max-hops", "1000000000000"],
        &["paths", "ofac", "potash", "--max-hops", "0"],
        &["paths", "ofac", "potash", "--min-hops", huge],
        &["paths", "ofac", "potash", "--min-hops", "1000000000000"],
        &["paths", "ofac", "potash", "--limit", "0"],
        &["paths", "ofac", "potash", "-k", "0"],
        &["paths", "ofac", "potash", "-k", huge],
        &[
            "export",
            "dot",
            "--path",
            "ofac",
            "potash",
            "--max-hops",
            huge,
        ],
        &[
            "export",
            "dot",
            "--path",
            "ofac",
            "potash",
            "--min-hops",
            huge,
        ],
        &["export", "dot", "--focus", "ofac", "--depth", huge],
        &["neighbors", "ofac", "--depth", huge],
        &["neighbors", "ofac", "--depth", "1000000000000"],
        &["generate", "--nodes", "1000000000000", "-o", out],
        &["generate", "--nodes", "0", "-o", out],
        &["generate", "--nodes", "22", "-o", out],
        &[
            "generate",
            "--nodes",
            "100",
            "--edges-per-node",
            huge,
            "-o",
            out,
        ],
        &[
            "generate",
            "--nodes",
            "100",
            "--edges-per-node",
            "101",
            "-o",
            out,
        ],
    ];
    for args in cases {
        assert_usage_error(args, "expected");
    }
    assert_usage_error(
        &["paths", "ofac", "potash", "--timeout", "99999999999999999h"],
        "too long",
    );
    assert!(
        std::fs::read_dir(out)
            .expect("the directory")
            .next()
            .is_none(),
        "a refused `generate` wrote something"
    );
}

#[test]
fn min_hops_above_max_hops_is_a_usage_error_not_no_path() {
    let message = "--min-hops 10 is more than --max-hops 2";
    assert_usage_error(
        &[
            "paths",
            "ofac",
            "potash",
            "--min-hops",
            "10",
            "--max-hops",
            "2",
        ],
        message,
    );
    assert_usage_error(
        &[
            "export",
            "dot",
            "--path",
            "ofac",
            "potash",
            "--min-hops",
            "10",
            "--max-hops",
            "2",
        ],
        message,
    );
    assert_usage_error(
        &["paths", "ofac", "potash", "--min-hops", "5"],
        "--min-hops 5 is more than --max-hops 4 (the default)",
    );
    let (code, _, stderr) = run(
        &[
            "paths",
            "ofac",
            "potash",
            "--min-hops",
            "2",
            "--max-hops",
            "2",
        ],
        None,
    );
    assert_eq!(code, 0, "{stderr}");
}

#[test]
fn generate_writes_exactly_the_nodes_asked_for_from_23() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let out = dir.path().to_str().expect("a UTF-8 path");
    for nodes in ["23", "24", "50", "75", "76", "150"] {
        let (code, stdout, stderr) = run(&["generate", "--nodes", nodes, "-o", out], None);
        assert_eq!(code, 0, "{stderr}");
        assert!(stdout.contains(&format!("\n{nodes} nodes, ")), "{stdout}");
    }
    let (code, stdout, stderr) = run(
        &[
            "generate",
            "--nodes",
            "100",
            "--edges-per-node",
            "0",
            "-o",
            out,
        ],
        None,
    );
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("\n100 nodes, 0 edges"), "{stdout}");
}

/// An ownership chain: `c0` owns `c1`, which owns `c2`, and so on.
fn ownership_chain(nodes: usize) -> String {
    let mut text = String::from("Graph(nodes: [\n");
    for i in 0..nodes {
        text.push_str(&format!("  Company(id: \"c{i}\", name: \"C{i}\"),\n"));
    }
    text.push_str("], edges: [\n");
    for i in 1..nodes {
        let from = i - 1;
        text.push_str(&format!(
            "  Relation(kind: Owns, from: \"c{from}\", to: \"c{i}\"),\n"
        ));
    }
    text.push_str("])\n");
    text
}

#[test]
fn path_search_along_a_60000_node_chain_does_not_overflow_the_stack() {
    let graph = ownership_chain(60_000);
    let walks: &[&[&str]] = &[
        &["paths", "c0", "c59999", "--max-hops", "120000"],
        &["paths", "c0", "c59999", "--max-hops", "120000", "-k", "2"],
        &[
            "paths",
            "c0",
            "c59999",
            "--max-hops",
            "120000",
            "--shortest",
        ],
        &[
            "paths",
            "c59999",
            "c0",
            "--max-hops",
            "120000",
            "--direction",
            "in",
        ],
    ];
    for args in walks {
        let mut args = args.to_vec();
        args.extend(["--graph", "-", "--format", "json"]);
        let (code, stdout, stderr) = run(&args, Some(&graph));
        assert_eq!(code, 0, "{args:?}: {stderr}");
        let answer: serde_json::Value = serde_json::from_str(&stdout).expect("JSON");
        assert_eq!(answer["count"], 1, "{args:?}");
        let path = &answer["paths"][0];
        assert_eq!(
            path["hops"],
            59_999,
            "{args:?}: {}",
            &stdout[..300.min(stdout.len())]
        );
    }
    let (code, _, stderr) = run(
        &[
            "--graph",
            "-",
            "paths",
            "c0",
            "c59999",
            "--max-hops",
            "59998",
        ],
        Some(&graph),
    );
    assert_eq!(code, 1, "{stderr}");
}

const SMALL_GRAPH: &str = r#"Graph(nodes: [Company(id: "a", name: "A"), Company(id: "b", name: "B")],
    edges: [Relation(kind: Owns, from: "a", to: "b")])
"#;

/// Runs `sgraph check` on a directory, giving up after 20 seconds.
fn check_dir(dir: &std::path::Path) -> (i32, String, String) {
    let output = crate::support::sgraph()
        .args(["check", dir.to_str().expect("a UTF-8 path")])
        .timeout(std::time::Duration::from_secs(20))
        .output()
        .expect("sgraph runs");
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[cfg(unix)]
#[test]
fn symlink_loops_in_a_directory_are_followed_once_with_a_warning() {
    use std::os::unix::fs::symlink;
    let root = tempfile::tempdir().expect("a temporary directory");
    let dir = root.path().join("d");
    std::fs::create_dir_all(dir.join("sub")).expect("directories");
    std::fs::write(dir.join("sub/g.ron"), SMALL_GRAPH).expect("a graph file");
    symlink(".", dir.join("a")).expect("a link");
    let (code, stdout, stderr) = check_dir(&dir);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.starts_with("valid: 1 file, 2 nodes"), "{stdout}");
    assert_eq!(
        stderr.matches("warning[skipped-link]").count(),
        1,
        "{stderr}"
    );
    assert!(stderr.contains("d/a`"), "{stderr}");

    // Two links to the same place: without the check the walk doubles at every level.
    symlink(".", dir.join("b")).expect("a link");
    // A link to a file already read, and a link to a directory outside, which is walked.
    symlink("sub/g.ron", dir.join("again.ron")).expect("a link");
    let outside = root.path().join("outside");
    std::fs::create_dir(&outside).expect("a directory");
    std::fs::write(
        outside.join("o.ron"),
        r#"Graph(nodes: [Company(id: "o", name: "O")])"#,
    )
    .expect("a graph file");
    symlink(&outside, dir.join("sub/out")).expect("a link");
    let (code, stdout, stderr) = check_dir(&dir);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.starts_with("valid: 2 files, 3 nodes"), "{stdout}");
    assert_eq!(
        stderr.matches("warning[skipped-link]").count(),
        3,
        "{stderr}"
    );
    for skipped in ["d/a`", "d/b`", "d/again.ron`"] {
        assert!(stderr.contains(skipped), "{skipped}: {stderr}");
    }
    assert!(!stderr.contains("duplicate"), "{stderr}");
}

#[cfg(unix)]
#[test]
fn an_endless_device_is_read_only_up_to_the_size_limit() {
    for args in [
        &["check", "/dev/zero"][..],
        &["--graph", "/dev/zero", "list"][..],
    ] {
        let output = crate::support::sgraph()
            .args(args)
            .timeout(std::time::Duration::from_secs(60))
            .output()
            .expect("sgraph runs");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(
            stderr.starts_with(
                "error[too-large]: `/dev/zero` goes on past the limit, more than the 1073741824 bytes"
            ),
            "{args:?}: {stderr}"
        );
    }
}

#[test]
fn a_byte_order_mark_before_a_ron_file_is_skipped_and_positions_stay_right() {
    let bom = "\u{feff}";
    let (_dir, path) = crate::support::temp_graph("bom.ron", &format!("{bom}{SMALL_GRAPH}"));
    let (code, stdout, stderr) = run(&["check", path.to_str().expect("UTF-8")], None);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.starts_with("valid: 1 file, 2 nodes"), "{stdout}");
    let (code, _, stderr) = run(&["check", "-"], Some(&format!("{bom}{SMALL_GRAPH}")));
    assert_eq!(code, 0, "{stderr}");

    // The same mistake is reported at the same line and column with and without the mark.
    let broken = "Graph(nodes: [Company(id: \"a\", name: \"A\", bogus: 1)])";
    let (_, _, plain) = run(&["check", "-"], Some(broken));
    let (code, _, marked) = run(&["check", "-"], Some(&format!("{bom}{broken}")));
    assert_eq!(code, 1, "{marked}");
    assert!(plain.contains("<stdin>:1:"), "{plain}");
    assert_eq!(marked, plain);
}

#[test]
fn a_byte_order_mark_before_the_first_ftm_line_is_skipped() {
    let lines = concat!(
        "\u{feff}{\"id\": \"c\", \"schema\": \"Company\", \"properties\": {\"name\": [\"C\"]}}\n",
        "{\"id\": \"d\", \"schema\": \"Company\", \"properties\": {\"name\": [\"D\"]}}\n",
    );
    let (code, stdout, stderr) = run(
        &[
            "--graph",
            "-",
            "--input-format",
            "ftm",
            "list",
            "--format",
            "json",
        ],
        Some(lines),
    );
    assert_eq!(code, 0, "{stderr}");
    let nodes: serde_json::Value = serde_json::from_str(&stdout).expect("JSON");
    assert_eq!(nodes.as_array().map(Vec::len), Some(2), "{stdout}");
}

/// Characters a terminal takes as commands, or that break a line.
fn has_raw_controls(text: &str) -> bool {
    text.chars()
        .any(|c| c != '\n' && (c.is_control() || ('\u{202a}'..='\u{202e}').contains(&c)))
}

#[test]
fn control_characters_from_a_file_reach_the_terminal_escaped() {
    let name = "Evil\u{1b}]0;owned\u{7}\nforged  company  row\u{202e}";
    let graph = format!(
        "Graph(nodes: [Company(id: \"evil\", name: \"{name}\", notes: Some(\"a\u{1b}[2Jb\")), \
         Company(id: \"good\", name: \"Good\")])"
    );
    let (code, stdout, stderr) = run(&["--graph", "-", "list"], Some(&graph));
    assert_eq!(code, 0, "{stderr}");
    assert!(!has_raw_controls(&stdout), "{stdout:?}");
    assert_eq!(stdout.lines().count(), 3, "{stdout}");
    assert!(
        stdout.contains(r"Evil\u{1b}]0;owned\u{7}\nforged  company  row\u{202e}"),
        "{stdout}"
    );
    let (code, stdout, _) = run(&["--graph", "-", "show", "evil"], Some(&graph));
    assert_eq!(code, 0);
    assert!(!has_raw_controls(&stdout), "{stdout:?}");
    assert!(stdout.contains(r"a\u{1b}[2Jb"), "{stdout}");

    // The id is refused, and the message and the snippet show the escape, not the byte;
    // the underline stays under the offending text.
    let graph = "Graph(nodes: [Company(name: \"\u{1b}[31m\", id: \"x\u{1b}[31m\")])";
    let (code, _, stderr) = run(&["check", "-"], Some(graph));
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.starts_with("error[invalid-id]"), "{stderr}");
    assert!(!has_raw_controls(&stderr), "{stderr:?}");
    assert!(stderr.contains(r"x\u{1b}[31m"), "{stderr}");
    let lines: Vec<&str> = stderr.lines().collect();
    let shown = lines
        .iter()
        .position(|line| line.starts_with("1 |"))
        .expect("a snippet");
    let at = lines[shown]
        .find("\"x\\u{1b}")
        .expect("the id in the snippet");
    let caret = lines[shown + 1].find('^').expect("an underline");
    assert!(caret == at || caret == at + 1, "{stderr}");
}

#[cfg(unix)]
#[test]
fn compile_never_writes_over_an_input_and_respects_the_file_it_replaces() {
    use std::os::unix::fs::{symlink, PermissionsExt};
    let dir = tempfile::tempdir().expect("a temporary directory");
    let source = dir.path().join("x.ron");
    std::fs::write(&source, SMALL_GRAPH).expect("a graph file");
    let path = |name: &str| dir.path().join(name).to_str().expect("UTF-8").to_owned();
    let x = path("x.ron");
    symlink(&source, dir.path().join("alias.sgc")).expect("a link");
    for (inputs, output) in [
        (vec![x.clone()], x.clone()),
        (vec![path(".")], x.clone()),
        (vec![x.clone()], format!("{}/./x.ron", dir.path().display())),
        (vec![x.clone()], path("alias.sgc")),
    ] {
        let mut args = vec!["compile".to_owned()];
        args.extend(inputs);
        args.extend(["-o".to_owned(), output.clone()]);
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let (code, _, stderr) = run(&args, None);
        assert_eq!(code, 2, "{args:?}: {stderr}");
        assert!(stderr.contains("is the input"), "{stderr}");
        assert_eq!(std::fs::read_to_string(&source).expect("read"), SMALL_GRAPH);
    }

    // A read-only target is refused and kept.
    let locked = dir.path().join("locked.sgc");
    std::fs::write(&locked, "old").expect("write");
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o444)).expect("chmod");
    let (code, _, stderr) = run(&["compile", &x, "-o", &path("locked.sgc")], None);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("read-only"), "{stderr}");
    assert_eq!(std::fs::read_to_string(&locked).expect("read"), "old");

    // A replaced file keeps its permissions.
    let private = dir.path().join("private.sgc");
    std::fs::write(&private, "old").expect("write");
    std::fs::set_permissions(&private, std::fs::Permissions::from_mode(0o600)).expect("chmod");
    let (code, _, stderr) = run(&["compile", &x, "-o", &path("private.sgc")], None);
    assert_eq!(code, 0, "{stderr}");
    let mode = std::fs::metadata(&private)
        .expect("stat")
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o600);
    assert_ne!(std::fs::read(&private).expect("read"), b"old");

    // Through a link the target is written and the link kept.
    symlink(&private, dir.path().join("link.sgc")).expect("a link");
    std::fs::write(&private, "old").expect("write");
    let (code, _, stderr) = run(&["compile", &x, "-o", &path("link.sgc")], None);
    assert_eq!(code, 0, "{stderr}");
    let link = std::fs::symlink_metadata(dir.path().join("link.sgc")).expect("lstat");
    assert!(link.file_type().is_symlink());
    assert_ne!(std::fs::read(&private).expect("read"), b"old");
    let (code, _, stderr) = run(&["--graph", &path("link.sgc"), "list"], None);
    assert_eq!(code, 0, "{stderr}");

    // A link to nowhere is refused.
    symlink(
        dir.path().join("missing.sgc"),
        dir.path().join("dangling.sgc"),
    )
    .expect("a link");
    let (code, _, stderr) = run(&["compile", &x, "-o", &path("dangling.sgc")], None);
    assert_eq!(code, 2, "{stderr}");
    assert!(!dir.path().join("missing.sgc").exists());
}

#[test]
fn year_zero_is_refused_with_a_clear_error() {
    for date in ["0000", "0000-05", "0000-01-01"] {
        let graph = format!(
            "Graph(nodes: [Company(id: \"a\", name: \"A\"), Company(id: \"b\", name: \"B\")], \
             edges: [Relation(kind: Owns, from: \"a\", to: \"b\", since: \"{date}\")])"
        );
        let (code, _, stderr) = run(&["check", "-"], Some(&graph));
        assert_eq!(code, 1, "{date}: {stderr}");
        assert!(
            stderr.contains("year 0000 does not exist"),
            "{date}: {stderr}"
        );
        let (code, _, stderr) = run(&["affects", "potash", "--as-of", date], None);
        assert_eq!(code, 2, "{date}: {stderr}");
        assert!(
            stderr.contains("year 0000 does not exist"),
            "{date}: {stderr}"
        );
    }
    let (code, _, stderr) = run(
        &["paths", "ofac", "potash", "--between", "0000..2020"],
        None,
    );
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("year 0000 does not exist"), "{stderr}");
}

#[test]
fn a_part_of_cycle_is_warned_about_once_naming_its_members() {
    let bodies: String = ["a", "b", "c", "d", "e", "f", "g"]
        .iter()
        .map(|id| format!("Body(id: \"{id}\", name: \"{id}\"), "))
        .collect();
    let edges: String = [
        ("a", "b"),
        ("b", "c"),
        ("c", "a"),
        ("d", "e"),
        ("e", "d"),
        ("f", "g"),
        ("c", "f"),
    ]
    .iter()
    .map(|(from, to)| format!("Relation(kind: PartOf, from: \"{from}\", to: \"{to}\"), "))
    .collect();
    let graph = format!("Graph(nodes: [{bodies}], edges: [{edges}])");
    let (code, _, stderr) = run(&["check", "-"], Some(&graph));
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        stderr.matches("warning[part-of-cycle]").count(),
        2,
        "{stderr}"
    );
    assert!(stderr.contains("through `a`, `b`, `c`:"), "{stderr}");
    assert!(stderr.contains("through `d`, `e`:"), "{stderr}");
    assert!(!stderr.contains("`f`"), "{stderr}");
}

#[test]
fn a_write_removes_stale_temporaries_of_its_own_naming_and_nothing_else() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let hours_ago =
        |hours: u64| std::time::SystemTime::now() - std::time::Duration::from_secs(hours * 3600);
    let make = |name: &str, modified: std::time::SystemTime| {
        let path = dir.path().join(name);
        let file = std::fs::File::create(&path).expect("create");
        file.set_modified(modified).expect("set the time");
        path
    };
    let stale = make(".out.dot.12345-0.tmp", hours_ago(2));
    let stale_other = make(".other.ron.7-3.tmp", hours_ago(30));
    let fresh = make(".out.dot.12346-0.tmp", std::time::SystemTime::now());
    let unrelated = make("notes.tmp", hours_ago(30));
    let unrelated_dot = make(".notes.tmp", hours_ago(30));
    let out = dir.path().join("out.dot");
    let (code, _, stderr) = run(&["export", "dot", "-o", out.to_str().expect("UTF-8")], None);
    assert_eq!(code, 0, "{stderr}");
    assert!(out.is_file());
    assert!(!stale.exists() && !stale_other.exists());
    assert!(fresh.exists() && unrelated.exists() && unrelated_dot.exists());
}

#[test]
fn a_cache_entry_replaced_by_another_compiled_graph_is_not_used() {
    let work = tempfile::tempdir().expect("a temporary directory");
    let cache = work.path().join("cache");
    let dir = |name: &str| work.path().join(name).to_str().expect("UTF-8").to_owned();
    let sgraph = |args: &[&str]| {
        let output = crate::support::sgraph()
            .env("SGRAPH_CACHE_DIR", &cache)
            .args(args)
            .output()
            .expect("sgraph runs");
        assert_eq!(output.status.code(), Some(0), "{args:?}: {output:?}");
        (
            String::from_utf8_lossy(&output.stdout).into_owned(),
            String::from_utf8_lossy(&output.stderr).into_owned(),
        )
    };
    sgraph(&["generate", "--nodes", "6000", "-o", &dir("big")]);
    sgraph(&["generate", "--nodes", "300", "-o", &dir("small")]);
    let (_, stderr) = sgraph(&["--graph", &dir("big"), "-v", "list"]);
    let entry = stderr
        .lines()
        .find_map(|line| line.strip_prefix("sgraph: stored in the cache "))
        .unwrap_or_else(|| panic!("no cache entry stored: {stderr}"))
        .to_owned();
    let other = dir("small.sgc");
    sgraph(&["compile", &dir("small"), "-o", &other]);
    std::fs::copy(&other, &entry).expect("replace the entry");

    let (stdout, stderr) = sgraph(&["--graph", &dir("big"), "-v", "list", "--format", "json"]);
    let nodes: serde_json::Value = serde_json::from_str(&stdout).expect("JSON");
    assert_eq!(nodes.as_array().map(Vec::len), Some(6000), "{stderr}");
    assert!(stderr.contains("stored in the cache"), "{stderr}");
    let (_, stderr) = sgraph(&["--graph", &dir("big"), "-v", "list"]);
    assert!(stderr.contains("loaded from the cache"), "{stderr}");
}

#[test]
fn an_export_never_writes_over_one_of_its_inputs() {
    let text = r#"Graph(nodes: [Commodity(id: "potash", name: "Potash")])"#;
    let (dir, path) = temp_graph("x.ron", text);
    let graph = path.to_str().expect("a UTF-8 path");
    let compiled = dir.path().join("x.sgc");
    let compiled = compiled.to_str().expect("a UTF-8 path");
    assert_eq!(run(&["compile", graph, "-o", compiled], None).0, 0);
    let compiled_bytes = std::fs::read(compiled).expect("the compiled file");
    let dotted = format!("{}/./x.ron", dir.path().display());
    for (input, export, output) in [
        (graph, "dot", graph),
        (graph, "ftm", dotted.as_str()),
        (graph, "ntriples", graph),
        (graph, "html", graph),
        (compiled, "dot", compiled),
        (compiled, "html", compiled),
    ] {
        let (code, stdout, stderr) = run(&["export", export, "-g", input, "-o", output], None);
        assert_eq!(code, 2, "export {export} -o {output}: {stderr}");
        assert!(stdout.is_empty());
        assert!(stderr.contains("it is the input"), "{stderr}");
    }
    assert_eq!(std::fs::read_to_string(&path).expect("the input"), text);
    assert_eq!(
        std::fs::read(compiled).expect("the compiled file"),
        compiled_bytes
    );
}
