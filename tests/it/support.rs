//! Helpers shared by the integration tests.

use assert_cmd::Command;

/// The day the tests take as today, so that answers "as of today" do not change with
/// the calendar.
pub const TODAY: &str = "2026-03-02";

/// The `sgraph` binary, with colour off, today fixed at [`TODAY`] and no environment
/// surprises.
pub fn sgraph() -> Command {
    let mut command = Command::cargo_bin("sgraph").expect("the sgraph binary is built");
    command
        .env("NO_COLOR", "1")
        .env("SGRAPH_TODAY", TODAY)
        .env_remove("CLICOLOR_FORCE")
        .env_remove("COLUMNS");
    command
}

/// Runs `sgraph` with arguments and optional stdin; returns (exit code, stdout, stderr).
pub fn run(args: &[&str], stdin: Option<&str>) -> (i32, String, String) {
    let mut command = sgraph();
    command.args(args);
    if let Some(text) = stdin {
        command.write_stdin(text);
    }
    let output = command.output().expect("sgraph runs");
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

/// Writes `text` to a fresh temporary `.ron` file and returns its directory guard and path.
pub fn temp_graph(name: &str, text: &str) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let path = dir.path().join(name);
    std::fs::write(&path, text).expect("write the graph");
    (dir, path)
}

/// The names in a folder, sorted: what a write left there (no temporary, nothing beside).
pub fn names_in(dir: &std::path::Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("list the folder")
        .map(|entry| {
            entry
                .expect("a folder entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    names.sort();
    names
}
