//! Tables fit the width: with `COLUMNS=100`, no line of any table of the built-in graph is
//! wider than 100 display columns (headlines are prose and are not cut); `--wide` keeps every row on one line.

use unicode_width::UnicodeWidthStr;

use crate::support::{run, sgraph};

fn with_columns(columns: &str, args: &[&str]) -> String {
    let output = sgraph()
        .env("COLUMNS", columns)
        .args(args)
        .output()
        .expect("sgraph runs");
    String::from_utf8_lossy(&output.stdout).into_owned()
}

#[test]
fn every_table_of_the_builtin_graph_fits_100_columns() {
    let (_, ids, _) = run(&["list", "--format", "csv"], None);
    let ids: Vec<String> = ids
        .lines()
        .skip(1)
        .filter_map(|line| line.split(',').next().map(str::to_owned))
        .collect();
    let mut commands: Vec<Vec<String>> = Vec::new();
    for id in &ids {
        commands.push(vec!["show".into(), id.clone()]);
        commands.push(vec!["timeline".into(), id.clone()]);
        commands.push(vec!["affected-by".into(), id.clone()]);
    }
    for date in ["2021-07-01", "2022-01-01", "2025-12-31", "2026-03-02"] {
        commands.push(vec![
            "affects".into(),
            "potash".into(),
            "--as-of".into(),
            date.into(),
        ]);
    }
    let fixed: &[&[&str]] = &[
        &["check"],
        &["list"],
        &["affects", "potassium-chloride"],
        &["paths", "usa", "potash", "--direction", "both"],
        &["neighbors", "belaruskali", "--depth", "2"],
        &["diff", "--from", "2021-01-01", "--to", "2025-12-31"],
        &["actions"],
        &["find", "belarus"],
        &["affects", "potash", "--without", "General License 13"],
    ];
    commands.extend(
        fixed
            .iter()
            .map(|c| c.iter().map(|s| (*s).to_owned()).collect()),
    );
    for command in &commands {
        let args: Vec<&str> = command.iter().map(String::as_str).collect();
        let stdout = with_columns("100", &args);
        // Table lines have two spaces between columns or before an indented table; a
        // headline that names the query is prose and is not cut.
        for line in stdout.lines().filter(|line| line.contains("  ")) {
            assert!(
                line.width() <= 100,
                "`sgraph {}`: {} columns:\n{line}",
                args.join(" "),
                line.width()
            );
        }
    }
}

#[test]
fn wide_keeps_every_row_on_one_line_and_narrow_wraps_without_losing_text() {
    let args = ["affects", "potash", "--as-of", "2021-07-01"];
    let (_, piped, _) = run(&args, None);
    assert_eq!(
        with_columns("80", &[&args[..], &["--wide"]].concat()),
        piped
    );
    let narrow = with_columns("80", &args);
    let too_wide: Vec<&str> = narrow
        .lines()
        .filter(|line| line.contains("  ") && line.width() > 80)
        .collect();
    assert!(too_wide.is_empty(), "{too_wide:?}");
    // Wrapping moves text, never drops it: the same characters, spaces aside.
    let letters = |text: &str| {
        let mut chars: Vec<char> = text.chars().filter(|c| !c.is_whitespace()).collect();
        chars.sort_unstable();
        chars
    };
    assert_eq!(letters(&narrow), letters(&piped));
}
