//! The progress bar of long loads: drawn on a terminal, never with `--quiet`. Run under a
//! pseudo-terminal (`script` from util-linux), since without a terminal it is never drawn.

use std::path::Path;
use std::process::{Command, Stdio};

use crate::support::TODAY;

/// Everything a terminal receives from `sgraph ARGS` run on it.
fn on_a_terminal(args: &[&str]) -> String {
    let binary = assert_cmd::cargo::cargo_bin("sgraph");
    let command = std::iter::once(binary.to_string_lossy().into_owned())
        .chain(args.iter().map(|arg| (*arg).to_owned()))
        .map(|word| format!("'{}'", word.replace('\'', r"'\''")))
        .collect::<Vec<_>>()
        .join(" ");
    let output = Command::new("script")
        .args(["--quiet", "--return", "--command", &command, "/dev/null"])
        .env("NO_COLOR", "1")
        .env("SGRAPH_TODAY", TODAY)
        .stdin(Stdio::null())
        .output()
        .expect("`script` (util-linux) runs");
    assert!(output.status.success(), "{output:?}");
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// A FollowTheMoney file of `count` people, more lines than one progress report.
fn write_ftm(path: &Path, count: usize) {
    let text: String = (0..count)
        .map(|i| {
            format!(
                "{{\"id\": \"p-{i}\", \"schema\": \"Person\", \"properties\": {{\"name\": [\"Person {i}\"]}}}}\n"
            )
        })
        .collect();
    std::fs::write(path, text).expect("write the FtM file");
}

/// A graph text over the size from which parsing shows a bar.
fn write_large_graph(path: &Path) {
    let nodes: String = (0..20_000)
        .map(|i| {
            format!("    Country(id: \"c{i}\", name: \"Country number {i}, named at length\"),\n")
        })
        .collect();
    std::fs::write(path, format!("Graph(nodes: [\n{nodes}])\n")).expect("write the graph");
}

#[test]
fn quiet_imports_and_parses_without_a_progress_bar() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let ftm = dir.path().join("people.ftm.json");
    write_ftm(&ftm, 40_000);
    let ron = dir.path().join("large.ron");
    write_large_graph(&ron);
    let ftm = ftm.to_str().expect("a UTF-8 path");
    let ron = ron.to_str().expect("a UTF-8 path");
    let out = dir.path().join("imported");
    let out = out.to_str().expect("a UTF-8 path");

    // On a terminal the bar is drawn, so its absence below means something.
    let shown = on_a_terminal(&["import", "ftm", ftm, "-o", out]);
    assert!(shown.contains("importing"), "{shown:?}");
    let shown = on_a_terminal(&["--graph", ron, "--no-cache", "check"]);
    assert!(shown.contains("parsing"), "{shown:?}");

    // Regression: the import's progress line ignored `--quiet`.
    let quiet = on_a_terminal(&["--quiet", "import", "ftm", ftm, "-o", out]);
    assert!(!quiet.contains("importing"), "{quiet:?}");
    let quiet = on_a_terminal(&["--quiet", "--graph", ron, "--no-cache", "check"]);
    assert!(!quiet.contains("parsing"), "{quiet:?}");
    assert!(quiet.contains("valid"), "{quiet:?}");
}
