//! Inputs made to be slow: each must stay near linear in its size. The timeouts are
//! guards against a hang (the old code took minutes on each), not speed targets; those
//! are in `benches/`.

use std::time::Duration;

use crate::support::{sgraph, temp_graph};

/// `nodes` companies and `unknown` ownerships of companies that do not exist, the
/// ownerships on one line when `one_line`.
fn unknown_references(nodes: usize, unknown: usize, one_line: bool, long_id: bool) -> String {
    let mut text = String::from("Graph(nodes: [\n");
    for i in 0..nodes {
        text.push_str(&format!("Company(id: \"company-{i}\", name: \"C{i}\"),\n"));
    }
    text.push_str("], edges: [\n");
    let padding = if long_id {
        "z".repeat(800)
    } else {
        String::new()
    };
    for i in 0..unknown {
        let owner = i % nodes;
        text.push_str(&format!(
            "Relation(kind: Owns, from: \"company-{owner}\", to: \"compny-{padding}{i}\", sources: [\"s\"]),"
        ));
        if !one_line {
            text.push('\n');
        }
    }
    text.push_str(
        "\n], sources: [Source(id: \"s\", publisher: \"p\", title: \"t\", url: \"https://example.org\")])\n",
    );
    text
}

fn check_in_time(text: &str) -> (i32, String) {
    let (_dir, path) = temp_graph("unknown.ron", text);
    let output = sgraph()
        .args(["check", "-g"])
        .arg(&path)
        .timeout(Duration::from_secs(60))
        .output()
        .expect("sgraph runs");
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn sixteen_thousand_unknown_references_are_all_reported_with_suggestions_for_the_first() {
    let (code, stderr) = check_in_time(&unknown_references(2_000, 16_000, false, false));
    assert_eq!(code, 1, "{}", &stderr[stderr.len().saturating_sub(500)..]);
    assert!(
        stderr.contains("16000 errors found"),
        "{}",
        &stderr[stderr.len() - 300..]
    );
    let first = stderr.split("\n\n").next().expect("a first diagnostic");
    assert!(first.contains("unknown node `compny-0`"), "{first}");
    assert!(first.contains("did you mean `company-0`?"), "{first}");
    let suggested = stderr.matches("did you mean").count();
    assert!(suggested >= 500, "only {suggested} suggestions");
}

#[test]
fn thousands_of_errors_on_one_long_line_each_show_a_window_of_it() {
    // 4,000 errors on one line of 3.4 MB: each snippet reads a window, not the line.
    let text = unknown_references(2_000, 4_000, true, true);
    let (code, stderr) = check_in_time(&text);
    assert_eq!(code, 1);
    assert!(stderr.contains("4000 errors found"));
    let last = stderr
        .split("\n\n")
        .filter(|d| d.contains("unknown node"))
        .last()
        .expect("a last diagnostic");
    let lines: Vec<&str> = last.lines().collect();
    // `--> file:LINE:COLUMN`, then the window of the line and the underline under the id.
    let column: usize = lines[1]
        .rsplit(':')
        .next()
        .and_then(|c| c.parse().ok())
        .expect("a column");
    let line = text.lines().nth(2_002).expect("the long line");
    let id_start = line.rfind("\"compny-").expect("the last unknown id");
    assert_eq!(column, id_start + 1, "{last}");
    let shown = lines[3].split_once("| ").expect("the line shown").1;
    let underline = lines[4].split_once("| ").expect("the underline").1;
    assert!(
        shown.starts_with("...") && shown.ends_with("..."),
        "{shown}"
    );
    assert!(shown.chars().count() <= 130, "{shown}");
    let under = underline.find('^').expect("an underline");
    assert!(
        shown[under..].starts_with("\"compny-zzz"),
        "the underline is under the id:\n{shown}\n{underline}"
    );
}

/// Ten countries, each allied with every other, and one sanction with a 300 KB
/// instrument: `paths --limit 10000` walks that edge on thousands of paths.
fn complete_graph_with_a_long_instrument() -> String {
    let mut text = String::from("Graph(nodes: [\n");
    for i in 0..10 {
        text.push_str(&format!("Country(id: \"c{i}\", name: \"C{i}\"),\n"));
    }
    text.push_str("], edges: [\n");
    let instrument = "x".repeat(300_000);
    for i in 0..10 {
        for j in (0..10).filter(|&j| j != i) {
            if (i, j) == (0, 1) {
                text.push_str(&format!(
                    "Action(kind: Sanction, from: \"c0\", to: \"c1\", date: \"2021-01-01\", instrument: \"{instrument}\", sources: [\"s\"]),\n"
                ));
            } else {
                text.push_str(&format!(
                    "Relation(kind: AlliedWith, from: \"c{i}\", to: \"c{j}\", sources: [\"s\"]),\n"
                ));
            }
        }
    }
    text.push_str(
        "], sources: [Source(id: \"s\", publisher: \"p\", title: \"t\", url: \"https://example.org\")])\n",
    );
    text
}

#[test]
fn a_long_instrument_on_thousands_of_paths_is_written_once_in_json_and_shortened_in_tables() {
    let (_dir, path) = temp_graph("complete.ron", &complete_graph_with_a_long_instrument());
    let graph = path.to_str().expect("a UTF-8 path");
    let paths = |format: &str| {
        let output = sgraph()
            .args(["paths", "c0", "c9", "-g", graph, "--max-hops", "9"])
            .args(["--limit", "10000", "--format", format])
            .timeout(Duration::from_secs(60))
            .output()
            .expect("sgraph runs");
        assert_eq!(output.status.code(), Some(0));
        String::from_utf8(output.stdout).expect("UTF-8")
    };
    // Before: 6 GB of JSON, 2.2 GB of table, the instrument on every step that walks it.
    let json = paths("json");
    assert!(json.len() < 30 << 20, "{} bytes of JSON", json.len());
    let answer: serde_json::Value = serde_json::from_str(&json).expect("JSON");
    let edges = answer["edges"].as_array().expect("edges listed once");
    let long = edges
        .iter()
        .filter(|edge| {
            edge["instrument"]
                .as_str()
                .is_some_and(|i| i.len() == 300_000)
        })
        .count();
    assert_eq!(long, 1, "the long instrument is written once");
    let first = &answer["paths"][0]["steps"][0];
    let edge = first["edge"].as_u64().expect("a step names its edge") as usize;
    assert_eq!(edges[edge]["from"], first["walked"]["from"]);
    assert_eq!(answer["count"], 10_000);

    let table = paths("table");
    assert!(table.len() < 20 << 20, "{} bytes of table", table.len());
    assert!(table.lines().all(|line| line.chars().count() < 400));
}
