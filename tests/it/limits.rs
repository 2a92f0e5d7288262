//! `--limit` on the listings (`affects`, `affected-by`, `timeline`, `actions`): a table
//! shows 50 entries unless told otherwise and says how many there are, JSON and CSV give
//! every entry unless limited and then say so; and every long answer written as it goes
//! (`affects`, `paths`, `diff`, `find`, the exports) ends quietly when its
//! reader stops early.

use insta::assert_snapshot;
use serde_json::Value;

use crate::support::{run, temp_graph};

/// `actors` countries each sanction `co`, which produces potash; `big` sanctions
/// `actors` companies, each producing a commodity of its own.
fn hub(actors: usize) -> String {
    let mut nodes = String::from(
        "Commodity(id: \"potash\", name: \"Potash\"), Company(id: \"co\", name: \"Co\"), Country(id: \"big\", name: \"Big\"),\n",
    );
    let mut edges =
        String::from("Relation(kind: Produces, from: \"co\", to: \"potash\", sources: [\"s\"]),\n");
    for i in 0..actors {
        nodes.push_str(&format!(
            "Country(id: \"c{i:05}\", name: \"Country {i}\"), Company(id: \"m{i:05}\", name: \"Maker {i}\"), Commodity(id: \"k{i:05}\", name: \"Good {i}\"),\n"
        ));
        edges.push_str(&format!(
            "Action(kind: Sanction, from: \"c{i:05}\", to: \"co\", date: \"2021-01-01\", instrument: \"Decree {i}\", sources: [\"s\"]),\n\
             Action(kind: Sanction, from: \"big\", to: \"m{i:05}\", date: \"2021-01-01\", sources: [\"s\"]),\n\
             Relation(kind: Produces, from: \"m{i:05}\", to: \"k{i:05}\", sources: [\"s\"]),\n"
        ));
    }
    format!(
        "Graph(nodes: [{nodes}], edges: [{edges}], sources: [Source(id: \"s\", publisher: \"p\", title: \"t\", url: \"https://example.org\")])"
    )
}

/// Runs `sgraph` on a hub of `actors` as of 2022; exit 0 expected.
fn on_hub(actors: usize, args: &[&str]) -> (String, String) {
    let (_dir, path) = temp_graph("hub.ron", &hub(actors));
    let path = path.to_string_lossy().into_owned();
    let all = [&["--graph", &path, "--wide"][..], args].concat();
    let (code, stdout, stderr) = run(&all, None);
    assert_eq!(code, 0, "{args:?}: {stderr}");
    (stdout, stderr)
}

#[test]
fn a_table_shows_fifty_entries_and_says_how_to_see_them_all() {
    let (table, _) = on_hub(60, &["affects", "potash", "--as-of", "2022"]);
    assert!(table.contains("60 actors"), "{table}");
    let rows = table.lines().filter(|line| line.contains("c000")).count();
    // Each shown actor has a row in the summary and a chain under `chains:`.
    assert!(
        table.contains("c00049") && !table.contains("c00050"),
        "{table}"
    );
    assert!(rows > 50, "{rows}");
    assert!(
        table.ends_with("\n50 of 60 actors shown; --limit 60 shows every one\n"),
        "{table}"
    );
    let (all, _) = on_hub(
        60,
        &["affects", "potash", "--as-of", "2022", "--limit", "60"],
    );
    assert!(all.contains("c00059") && !all.contains("shown;"), "{all}");
}

#[test]
fn json_and_csv_give_every_entry_unless_limited() {
    let (json, stderr) = on_hub(
        60,
        &["affects", "potash", "--as-of", "2022", "--format", "json"],
    );
    let answer: Value = serde_json::from_str(&json).expect("JSON");
    assert_eq!(answer["actors"].as_array().map(Vec::len), Some(60));
    assert!(answer.get("shown").is_none() && answer.get("total").is_none());
    assert_eq!(stderr, "");
    let (csv, stderr) = on_hub(
        60,
        &["affects", "potash", "--as-of", "2022", "--format", "csv"],
    );
    assert_eq!(csv.lines().count(), 61, "a header and a row per actor");
    assert_eq!(stderr, "");
}

#[test]
fn a_cut_answer_in_each_format() {
    let args = ["affects", "potash", "--as-of", "2022", "--limit", "2"];
    let (table, _) = on_hub(5, &args);
    assert_snapshot!("affects_hub_limit_2_table", table);
    let (json, stderr) = on_hub(5, &[&args[..], &["--format", "json"]].concat());
    assert_eq!(stderr, "");
    assert_snapshot!("affects_hub_limit_2_json", json);
    let (csv, stderr) = on_hub(5, &[&args[..], &["--format", "csv"]].concat());
    assert_snapshot!("affects_hub_limit_2_csv", csv);
    assert_eq!(
        stderr,
        "note: 2 of 5 actors shown; --limit 5 shows every one\n"
    );
}

#[test]
fn affected_by_timeline_and_actions_take_a_limit_too() {
    for (args, list, many) in [
        (
            &["affected-by", "big", "--as-of", "2022"][..],
            "commodities",
            "commodities",
        ),
        (
            &["timeline", "co", "--as-of", "2022"][..],
            "events",
            "actions",
        ),
        (&["actions", "--on", "co"][..], "actions", "actions"),
    ] {
        let limited = [args, &["--limit", "3", "--format", "json"][..]].concat();
        let (json, _) = on_hub(20, &limited);
        let answer: Value = serde_json::from_str(&json).expect("JSON");
        assert_eq!(answer[list].as_array().map(Vec::len), Some(3), "{args:?}");
        assert_eq!(
            (answer["shown"].as_u64(), answer["total"].as_u64()),
            (Some(3), Some(20))
        );
        let (csv, stderr) = on_hub(
            20,
            &[args, &["--limit", "3", "--format", "csv"][..]].concat(),
        );
        assert_eq!(csv.lines().count(), 4, "{args:?}: {csv}");
        assert!(
            stderr.contains(&format!("3 of 20 {many} shown; --limit 20 shows every one")),
            "{args:?}: {stderr}"
        );
        let (table, _) = on_hub(20, &[args, &["--limit", "3"][..]].concat());
        assert!(
            table.ends_with(&format!(
                "\n3 of 20 {many} shown; --limit 20 shows every one\n"
            )),
            "{args:?}: {table}"
        );
    }
}

/// Runs `sgraph` with `args`, reads one line of its output and closes the pipe, as
/// `sgraph ... | head -1` does: the rest of the answer meets a closed pipe, which must end
/// the command quietly with exit 0.
fn read_in_part(args: &[&str]) {
    use std::io::{BufRead, BufReader};
    use std::process::{Command, Stdio};

    let mut child = Command::new(assert_cmd::cargo::cargo_bin("sgraph"))
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("sgraph starts");
    let mut first = String::new();
    BufReader::new(child.stdout.take().expect("stdout"))
        .read_line(&mut first)
        .expect("one line");
    let output = child.wait_with_output().expect("sgraph ends");
    assert!(!first.is_empty(), "{args:?}");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(0), "{args:?}: {stderr}");
    assert_eq!(stderr, "", "{args:?}");
}

#[test]
fn a_hub_answer_read_only_in_part_ends_quietly() {
    let (_dir, path) = temp_graph("hub.ron", &hub(20_000));
    let graph = path.to_string_lossy();
    for format in ["csv", "json", "table"] {
        read_in_part(&[
            "--graph", &graph, "affects", "potash", "--as-of", "2022", "--limit", "20000",
            "--format", format,
        ]);
    }
}

/// One country sanctions `companies` companies, each producing potash: as many paths from
/// the country to potash.
fn fan(companies: usize) -> String {
    let mut nodes = String::from(
        "Commodity(id: \"potash\", name: \"Potash\"), Country(id: \"c\", name: \"C\"),\n",
    );
    let mut edges = String::new();
    for i in 0..companies {
        nodes.push_str(&format!("Company(id: \"m{i:05}\", name: \"Maker {i}\"),\n"));
        edges.push_str(&format!(
            "Action(kind: Sanction, from: \"c\", to: \"m{i:05}\", date: \"2021-01-01\", sources: [\"s\"]),\n\
             Relation(kind: Produces, from: \"m{i:05}\", to: \"potash\", sources: [\"s\"]),\n"
        ));
    }
    format!(
        "Graph(nodes: [{nodes}], edges: [{edges}], sources: [Source(id: \"s\", publisher: \"p\", title: \"t\", url: \"https://example.org\")])"
    )
}

#[test]
fn every_long_answer_read_only_in_part_ends_quietly() {
    let (_dir, hub_path) = temp_graph("hub.ron", &hub(5_000));
    let (_fan_dir, fan_path) = temp_graph("fan.ron", &fan(5_000));
    let (hub, fan) = (hub_path.to_string_lossy(), fan_path.to_string_lossy());
    for format in ["json", "table"] {
        read_in_part(&[
            "--graph", &fan, "--format", format, "paths", "c", "potash", "--limit", "5000",
        ]);
    }
    for format in ["csv", "json", "table"] {
        read_in_part(&[
            "--graph",
            &hub,
            "--format",
            format,
            "diff",
            "--from",
            "2020-01-01",
            "--to",
            "2022-01-01",
            "--limit",
            "100000",
        ]);
        read_in_part(&[
            "--graph", &hub, "--format", format, "find", "maker", "--limit", "100000",
        ]);
    }
    // dot-writer panics on a failed write: the diagram must stop at the closed pipe instead.
    read_in_part(&["--graph", &hub, "export", "dot"]);
    read_in_part(&["--graph", &hub, "export", "dot", "--cluster", "country"]);
    read_in_part(&["export", "html"]);
    read_in_part(&["--graph", &hub, "export", "ntriples"]);
}
