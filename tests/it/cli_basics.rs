//! `check`, `show` and `list` on the built-in graph, exit codes, standard input, and the
//! habits scripts rely on.

use insta::assert_snapshot;

use crate::support::{run, sgraph, temp_graph};

#[test]
fn check_summarises_the_builtin_graph() {
    let (code, stdout, stderr) = run(&["check"], None);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(stderr, "");
    assert_snapshot!(stdout);
}

#[test]
fn check_json_is_valid_json_with_the_summary() {
    let (code, stdout, _) = run(&["check", "--format", "json"], None);
    assert_eq!(code, 0);
    let value: serde_json::Value = serde_json::from_str(&stdout).expect("JSON");
    assert_eq!(value["valid"], true);
    assert_eq!(value["summary"]["nodes_by_kind"]["commodity"], 5);
    assert_eq!(value["summary"]["first_action"], "2006-06-16");
    assert!(value["diagnostics"].as_array().is_some_and(Vec::is_empty));
}

#[test]
fn show_prints_a_card_with_edges_in_date_order() {
    let (code, stdout, stderr) = run(&["show", "belavia"], None);
    assert_eq!(code, 0, "{stderr}");
    assert_snapshot!(stdout);
}

#[test]
fn show_json_spells_out_the_sources() {
    let (code, stdout, _) = run(&["show", "belaruskali", "--format", "json"], None);
    assert_eq!(code, 0);
    assert_snapshot!(stdout);
}

#[test]
fn show_of_an_unknown_id_suggests_the_closest_and_exits_2() {
    let (code, stdout, stderr) = run(&["show", "belvia"], None);
    assert_eq!((code, stdout.as_str()), (2, ""));
    assert_snapshot!(stderr);
}

#[test]
fn show_takes_a_unique_name_or_alias_and_says_which_node_it_chose() {
    let (code, stdout, stderr) = run(&["show", "OFAC"], None);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stdout.starts_with("Office of Foreign Assets Control (body)"),
        "{stdout}"
    );
    assert!(stderr.contains("note: `OFAC` is `ofac`"), "{stderr}");
    // Accents and case are ignored: the alias is `Bộ Tài chính Mỹ`.
    let (code, _, stderr) = run(&["show", "bo tai chinh my"], None);
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains("is `us-treasury`"), "{stderr}");
    // Not a whole name: the closest id is suggested.
    let (code, _, stderr) = run(&["show", "Lukashenk"], None);
    assert_eq!(code, 2);
    assert!(stderr.contains("did you mean `lukashenko`?"), "{stderr}");
}

#[test]
fn list_prints_every_node_sorted_by_id() {
    let (code, stdout, _) = run(&["list"], None);
    assert_eq!(code, 0);
    assert_snapshot!(stdout);
}

#[test]
fn list_filters_by_kind() {
    let (code, stdout, _) = run(&["list", "--kind", "person"], None);
    assert_eq!(code, 0);
    assert_snapshot!(stdout);
}

#[test]
fn list_json_is_an_array_of_nodes() {
    let (code, stdout, _) = run(&["list", "--kind", "commodity", "--format", "json"], None);
    assert_eq!(code, 0);
    let nodes: Vec<serde_json::Value> = serde_json::from_str(&stdout).expect("JSON array");
    let ids: Vec<&str> = nodes
        .iter()
        .filter_map(|node| node["id"].as_str())
        .collect();
    assert_eq!(
        ids,
        [
            "compound-fertilisers",
            "nitrogen-fertilisers",
            "potash",
            "potash-eu-2021-grades",
            "potassium-chloride"
        ]
    );
    assert_eq!(nodes[2]["hs"][0], "3104");
}

#[test]
fn an_unknown_kind_is_a_usage_error_with_a_suggestion() {
    let (code, _, stderr) = run(&["list", "--kind", "compny"], None);
    assert_eq!(code, 2);
    assert!(stderr.contains("company"), "{stderr}");
}

#[test]
fn graph_flag_loads_files_instead_of_the_builtin_graph() {
    let (_dir, path) = temp_graph(
        "small.ron",
        "Graph(nodes: [Country(id: \"x\", name: \"Xland\")])\n",
    );
    let (code, stdout, _) = run(
        &["--graph", path.to_str().expect("UTF-8 path"), "list"],
        None,
    );
    assert_eq!(code, 0);
    assert_eq!(stdout, "id  kind     name\nx   country  Xland\n");
}

#[test]
fn standard_input_is_read_with_a_dash() {
    let (code, stdout, _) = run(
        &["--graph", "-", "list"],
        Some("Graph(nodes: [Commodity(id: \"tea\", name: \"Tea\")])"),
    );
    assert_eq!(code, 0);
    assert!(stdout.contains("tea  commodity  Tea"), "{stdout}");
}

#[test]
fn an_invalid_graph_stops_every_command_with_exit_1() {
    for command in [&["list"][..], &["show", "x"]] {
        let mut args = vec!["--graph", "-"];
        args.extend_from_slice(command);
        let (code, stdout, stderr) = run(&args, Some("Graph(nodes: [Country(id: \"x\")])"));
        assert_eq!((code, stdout.as_str()), (1, ""), "{command:?}");
        assert!(
            stderr.contains("missing field `name` in `Country`"),
            "{stderr}"
        );
    }
}

#[test]
fn unreadable_input_exits_2() {
    let (code, _, stderr) = run(&["check", "/no/such/file.ron"], None);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("cannot read `/no/such/file.ron`"),
        "{stderr}"
    );
}

#[test]
fn a_directory_without_graph_files_exits_2() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let (code, _, stderr) = run(&["check", dir.path().to_str().expect("UTF-8 path")], None);
    assert_eq!(code, 2);
    assert!(stderr.contains("no `.ron` file in directory"), "{stderr}");
}

#[test]
fn a_file_that_is_not_utf8_exits_2() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let path = dir.path().join("binary.ron");
    std::fs::write(&path, [0x47, 0x72, 0xff, 0xfe, 0x00]).expect("write");
    let (code, _, stderr) = run(&["check", path.to_str().expect("UTF-8 path")], None);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("is not UTF-8 text (invalid byte at offset 2)"),
        "{stderr}"
    );
}

#[test]
fn bad_usage_exits_2_and_help_exits_0() {
    assert_eq!(run(&["frobnicate"], None).0, 2);
    assert_eq!(run(&["list", "--no-such-flag"], None).0, 2);
    let (code, stdout, _) = run(&["--help"], None);
    assert_eq!(code, 0);
    assert!(stdout.contains("Examples"), "{stdout}");
}

#[test]
fn sgraph_alone_prints_an_overview() {
    let (code, stdout, _) = run(&[], None);
    assert_eq!(code, 0);
    assert!(stdout.contains("sgraph check"), "{stdout}");
}

#[test]
fn no_colour_without_a_terminal_even_when_asked_for_auto() {
    let output = sgraph()
        .args(["check", "-"])
        .env_remove("NO_COLOR")
        .write_stdin("Graph(nodes: [Country(id: \"x\")])")
        .output()
        .expect("runs");
    assert!(!String::from_utf8_lossy(&output.stderr).contains('\x1b'));
}

#[test]
fn colour_always_colours_and_never_does_not() {
    let (_, _, coloured) = run(
        &["check", "-", "--color", "always"],
        Some("Graph(nodes: 1)"),
    );
    assert!(coloured.contains("\x1b["), "{coloured}");
    let (_, _, plain) = run(&["check", "-", "--color", "never"], Some("Graph(nodes: 1)"));
    assert!(!plain.contains('\x1b'), "{plain}");
}

#[test]
fn completions_and_man_page_come_from_the_same_definitions() {
    let (code, bash, _) = run(&["completions", "bash"], None);
    assert_eq!(code, 0);
    assert!(
        bash.contains("sgraph") && bash.contains("--graph"),
        "{bash}"
    );
    for shell in ["zsh", "fish"] {
        let (code, script, _) = run(&["completions", shell], None);
        assert_eq!(code, 0, "{shell}");
        assert!(script.contains("check"), "{shell}: {script}");
    }
    let (code, page, _) = run(&["man"], None);
    assert_eq!(code, 0);
    assert!(
        page.starts_with(".ie") || page.contains(".TH sgraph"),
        "{page}"
    );
}

#[test]
fn verbose_says_what_was_loaded_on_stderr_and_leaves_stdout_alone() {
    let (_, quiet_stdout, _) = run(&["list"], None);
    let (code, stdout, stderr) = run(&["--verbose", "list"], None);
    assert_eq!(code, 0);
    assert_eq!(stdout, quiet_stdout);
    assert!(
        stderr.contains("sgraph: loaded 8 files (36 nodes, 85 edges)"),
        "{stderr}"
    );
}

#[test]
fn warnings_go_to_stderr_and_quiet_hides_them() {
    let graph = concat!(
        "Graph(sources: [Source(id: \"s\", publisher: \"P\", title: \"T\", identifier: \"T-1\")],\n",
        "nodes: [Country(id: \"usa\", name: \"US\"), Company(id: \"c\", name: \"C\")],\n",
        "edges: [Action(kind: Ease, from: \"usa\", to: \"c\", date: \"2025\", sources: [\"s\"])])\n",
    );
    let (code, stdout, stderr) = run(&["--graph", "-", "list"], Some(graph));
    assert_eq!(code, 0);
    assert!(
        stderr.contains("warning[relief-without-sanction]"),
        "{stderr}"
    );
    let (_, quiet_stdout, quiet_stderr) = run(&["--graph", "-", "--quiet", "list"], Some(graph));
    assert_eq!((quiet_stdout, quiet_stderr.as_str()), (stdout, ""));
}

#[test]
fn a_reader_that_stops_early_is_not_an_error() {
    use std::io::{BufRead, BufReader, Write};
    use std::process::{Command, Stdio};

    // Enough nodes that the listing overflows the pipe after the reader has gone.
    let mut graph = String::from("Graph(nodes: [\n");
    for i in 0..20_000 {
        graph.push_str(&format!(
            "Country(id: \"c{i}\", name: \"Country number {i}\"),\n"
        ));
    }
    graph.push_str("])\n");
    let mut child = Command::new(assert_cmd::cargo::cargo_bin("sgraph"))
        .args(["--graph", "-", "list"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("sgraph starts");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(graph.as_bytes())
        .expect("graph written");
    let mut first = String::new();
    BufReader::new(child.stdout.take().expect("stdout"))
        .read_line(&mut first)
        .expect("one line");
    // The reader (and with it the pipe) is gone now, as with `| head -1`.
    let output = child.wait_with_output().expect("sgraph ends");
    assert_eq!(first.trim_end(), "id      kind     name");
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(
        output.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

#[test]
fn the_help_of_every_command_starts_with_examples() {
    let commands: &[&[&str]] = &[
        &[],
        &["check"],
        &["show"],
        &["list"],
        &["affects"],
        &["affected-by"],
        &["paths"],
        &["timeline"],
        &["neighbors"],
        &["completions"],
        &["man"],
        &["import"],
        &["import", "ftm"],
        &["export"],
        &["export", "dot"],
        &["export", "ftm"],
        &["diff"],
        &["actions"],
        &["find"],
        &["cache"],
    ];
    for command in commands {
        let mut args = command.to_vec();
        args.push("--help");
        let (code, stdout, _) = run(&args, None);
        assert_eq!(code, 0, "{command:?}");
        // The usage line first, then the examples.
        assert!(stdout.starts_with("Usage: sgraph"), "{command:?}: {stdout}");
        let examples = stdout.find("Examples").expect("examples");
        assert!(
            stdout[..examples].lines().count() <= 3,
            "{command:?}: {stdout}"
        );
        assert!(stdout.contains("  sgraph "), "{command:?}");
    }
}
