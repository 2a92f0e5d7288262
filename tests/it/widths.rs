//! Tables fit the width: with no `COLUMNS` (a pipe gets 100 columns), no line of any answer
//! on the built-in graph, headlines included, is wider than 100 display columns; long texts
//! are cut, never printed on a line of thousands of characters; `--wide` keeps every row on
//! one line.

use unicode_width::UnicodeWidthStr;

use crate::support::{run, sgraph, temp_graph};

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
        let (_, stdout, _) = run(&args, None);
        for line in stdout.lines() {
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
    let unlimited = with_columns("100000", &args);
    let wide = with_columns("80", &[&args[..], &["--wide"]].concat());
    assert_eq!(wide, unlimited);
    let (_, piped, _) = run(&args, None);
    assert_ne!(piped, wide, "a pipe gets 100 columns, not one line per row");
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
    assert_eq!(letters(&narrow), letters(&wide));
}

#[test]
fn long_texts_are_wrapped_and_cut_never_printed_on_lines_of_thousands_of_characters() {
    let long = "Very long words of a name ".repeat(400);
    let note = "A note that goes on and on. ".repeat(400);
    let text = format!(
        r#"Graph(
    sources: [Source(id: "s", publisher: "P", title: "{long}", identifier: "T-1")],
    nodes: [
        Bloc(id: "eu", name: "{long}"), Country(id: "belarus", name: "Belarus"),
        Commodity(id: "potash", name: "Potash"),
    ],
    edges: [
        Action(kind: Restrict, from: "eu", to: "belarus", date: "2021-06-24",
            concerns: ["potash"], instrument: "{long}", notes: "{note}", sources: ["s"]),
    ],
)"#
    );
    let (_dir, path) = temp_graph("long.ron", &text);
    let path = path.to_string_lossy().into_owned();
    for command in [
        &["show", "eu"][..],
        &["timeline", "eu"],
        &["affects", "potash"],
        &["affected-by", "eu"],
        &["actions"],
    ] {
        let args = [&["--graph", path.as_str()][..], command].concat();
        let (code, stdout, stderr) = run(&args, None);
        assert_eq!(code, 0, "`sgraph {}`: {stderr}", command.join(" "));
        assert!(
            stdout.contains('…'),
            "`sgraph {}` cuts:\n{stdout}",
            command.join(" ")
        );
        for line in stdout.lines() {
            assert!(
                line.width() <= 100,
                "`sgraph {}`:\n{line}",
                command.join(" ")
            );
        }
        // Cut, not only wrapped: the answer is far shorter than the texts it shows.
        assert!(
            stdout.len() < 12 * 1024,
            "`sgraph {}`: {} bytes",
            command.join(" "),
            stdout.len()
        );
        let wide = with_columns("100", &[&args[..], &["--wide"]].concat());
        for line in wide.lines() {
            assert!(
                line.width() < 2000,
                "`sgraph {} --wide`: {} columns",
                command.join(" "),
                line.width()
            );
        }
    }
}

#[test]
fn tables_keep_every_action_id_whole_at_100_columns() {
    let listings: &[&[&str]] = &[
        &["actions"],
        &["diff", "--from", "2021-01-01", "--to", "2025-12-31"],
        &["timeline", "belaruskali"],
        &["timeline", "belavia"],
    ];
    for args in listings {
        // A table shows 50 entries unless told otherwise; the CSV lists every one.
        let (_, table, _) = run(&[args, &["--limit", "1000"][..]].concat(), None);
        let (_, csv, _) = run(&[args, &["--format", "csv"][..]].concat(), None);
        let ids: Vec<&str> = csv
            .lines()
            .flat_map(|line| line.split(','))
            .filter(|cell| cell.matches('/').count() >= 3)
            .collect();
        assert!(
            !ids.is_empty(),
            "`sgraph {}` lists action ids",
            args.join(" ")
        );
        for id in ids {
            assert!(
                table.contains(id),
                "`sgraph {}` splits `{id}`:\n{table}",
                args.join(" ")
            );
        }
    }
}
