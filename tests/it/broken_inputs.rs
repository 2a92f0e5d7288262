//! Every subcommand against a corpus of broken inputs: exit 1 or 2, the cause on the first
//! line of stderr, nothing on stdout, and never a panic.

use std::path::{Path, PathBuf};

use crate::support::run;

/// A broken input: a name for messages and the path to pass as `--graph`.
struct Broken {
    name: &'static str,
    path: PathBuf,
}

fn corpus(dir: &Path) -> Vec<Broken> {
    let write = |name: &str, bytes: &[u8]| {
        let path = dir.join(name);
        std::fs::write(&path, bytes).expect("write a broken input");
        path
    };
    let deep = format!(
        "Graph(nodes: {}{})",
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    let mut long_line = String::from("Graph(nodes: [Country(id: \"x\", name: \"");
    long_line.push_str(&"y".repeat(50 * 1024 * 1024));
    long_line.push_str("\", bogus: 1)])");
    let empty_dir = dir.join("no-graphs-here");
    std::fs::create_dir(&empty_dir).expect("an empty directory");
    std::fs::write(empty_dir.join("notes.txt"), "not a graph").expect("a stray file");
    vec![
        Broken {
            name: "empty file",
            path: write("empty.ron", b""),
        },
        Broken {
            name: "binary garbage",
            path: write(
                "garbage.ron",
                &[0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0xff, 0xfe, 0x00, 0x9c],
            ),
        },
        Broken {
            name: "truncated RON",
            path: write(
                "truncated.ron",
                &include_bytes!("../../graphs/us-measures.ron")[..700],
            ),
        },
        Broken {
            name: "a 50 MB single line",
            path: write("long.ron", long_line.as_bytes()),
        },
        Broken {
            name: "deep nesting",
            path: write("deep.ron", deep.as_bytes()),
        },
        Broken {
            name: "invalid UTF-8",
            path: write(
                "latin1.ron",
                b"Graph(nodes: [Country(id: \"x\", name: \"K\xe4rnten\")])",
            ),
        },
        Broken {
            name: "a directory with no .ron files",
            path: empty_dir,
        },
        Broken {
            name: "a missing path",
            path: dir.join("does-not-exist.ron"),
        },
    ]
}

/// Every subcommand that reads a graph, with arguments that would be fine on a good one.
const COMMANDS: &[&[&str]] = &[
    &["check"],
    &["list"],
    &["show", "x"],
    &["affects", "potash"],
    &["affected-by", "ofac"],
    &["paths", "ofac", "potash"],
    &["timeline", "x"],
    &["neighbors", "x"],
    &["export", "ftm"],
    &["export", "dot"],
    &["export", "dot", "--commodity", "potash"],
];

#[test]
fn every_subcommand_fails_cleanly_on_every_broken_input() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    for broken in corpus(dir.path()) {
        let path = broken.path.to_str().expect("a UTF-8 path");
        for command in COMMANDS {
            let mut args = vec!["--graph", path];
            args.extend_from_slice(command);
            let (code, stdout, stderr) = run(&args, None);
            let what = format!("{} on {}", command.join(" "), broken.name);
            assert!(code == 1 || code == 2, "{what}: exit {code}\n{stderr}");
            assert_eq!(stdout, "", "{what}");
            let first = stderr.lines().next().unwrap_or("");
            assert!(first.starts_with("error"), "{what}: {first}");
            assert!(!stderr.contains("panicked"), "{what}: {stderr}");
            assert!(
                stderr.len() < 10_000,
                "{what}: {} bytes on stderr",
                stderr.len()
            );
        }
        let (code, _, stderr) = run(&["import", "ftm", path], None);
        assert!(
            code == 1 || code == 2,
            "import ftm on {}: exit {code}",
            broken.name
        );
        assert!(!stderr.contains("panicked"), "{stderr}");
        let compiled = dir.path().join("out.sgc");
        let (code, _, stderr) = run(
            &[
                "compile",
                path,
                "-o",
                compiled.to_str().expect("a UTF-8 path"),
            ],
            None,
        );
        assert!(
            code == 1 || code == 2,
            "compile on {}: exit {code}",
            broken.name
        );
        assert!(
            stderr.starts_with("error") && !stderr.contains("panicked"),
            "{stderr}"
        );
        assert!(
            !compiled.exists(),
            "compile left a file for {}",
            broken.name
        );
    }
}

#[test]
fn unreadable_inputs_exit_2_and_invalid_ones_exit_1() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    for broken in corpus(dir.path()) {
        let path = broken.path.to_str().expect("a UTF-8 path");
        let (code, _, _) = run(&["check", path], None);
        let expected = match broken.name {
            "binary garbage"
            | "invalid UTF-8"
            | "a directory with no .ron files"
            | "a missing path" => 2,
            _ => 1,
        };
        assert_eq!(code, expected, "{}", broken.name);
    }
}

#[test]
fn a_directory_where_a_file_is_expected_is_a_clear_error() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let path = dir.path().to_str().expect("a UTF-8 path");
    let (code, stdout, stderr) = run(&["import", "ftm", path], None);
    assert_eq!((code, stdout.as_str()), (2, ""));
    assert!(
        stderr.starts_with("error") && stderr.contains("directory"),
        "{stderr}"
    );
}
