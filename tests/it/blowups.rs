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
