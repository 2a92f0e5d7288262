//! Each diagnostic a user can meet: a broken input and a snapshot of what `sgraph check`
//! says about it, with its exit code.

use insta::assert_snapshot;

use crate::support::run;

/// A small valid graph with `nodes` and `edges` added to it.
fn graph(nodes: &str, edges: &str) -> String {
    format!(
        r#"Graph(
    sources: [
        Source(id: "fr", publisher: "Federal Register", description: "a listing", identifier: "86 FR 43905"),
    ],
    nodes: [
        Country(id: "usa", name: "United States", iso: "US"),
        Body(id: "ofac", name: "OFAC", country: "usa"),
        Company(id: "belavia", name: "Belavia"),
        Commodity(id: "potash", name: "Potash", hs: ["3104"]),
{nodes}    ],
    edges: [
{edges}    ],
)
"#
    )
}

/// Checks `text` from standard input; returns "exit N" and stderr, for a snapshot.
fn check(text: &str) -> String {
    let (code, _, stderr) = run(&["check", "-"], Some(text));
    format!("exit {code}\n{stderr}")
}

#[test]
fn a_valid_graph_passes() {
    let (code, stdout, stderr) = run(&["check", "-"], Some(&graph("", "")));
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stdout.starts_with("valid: 1 file, 4 nodes, 0 edges, 1 source"),
        "{stdout}"
    );
}

#[test]
fn syntax_error_points_at_the_missing_comma() {
    assert_snapshot!(check(&graph(
        "        Person(id: \"x\" name: \"X\"),\n",
        ""
    )));
}

#[test]
fn unclosed_file_says_where_the_text_ends() {
    assert_snapshot!(check(
        "Graph(\n    nodes: [\n        Country(id: \"x\", name: \"X\"),\n"
    ));
}

#[test]
fn empty_file_says_what_a_graph_looks_like() {
    assert_snapshot!(check("// nothing but a comment\n\n"));
}

#[test]
fn top_level_value_must_be_a_graph() {
    assert_snapshot!(check("Nodes([])\n"));
}

#[test]
fn unknown_top_level_field_suggests_the_right_one() {
    assert_snapshot!(check("Graph(\n    node: [],\n)\n"));
}

#[test]
fn top_level_field_must_be_a_list() {
    assert_snapshot!(check("Graph(\n    nodes: \"none\",\n)\n"));
}

#[test]
fn unknown_node_kind_suggests_the_closest() {
    assert_snapshot!(check(&graph(
        "        Persn(id: \"x\", name: \"X\"),\n",
        ""
    )));
}

#[test]
fn unknown_field_is_an_error_not_ignored() {
    assert_snapshot!(check(&graph(
        "        Country(id: \"by\", name: \"Belarus\", isoo: \"BY\"),\n",
        ""
    )));
}

#[test]
fn missing_field_names_it() {
    assert_snapshot!(check(&graph(
        "",
        "        Action(kind: Sanction, from: \"ofac\", to: \"belavia\", sources: [\"fr\"]),\n"
    )));
}

#[test]
fn wrong_value_type_says_what_was_expected() {
    assert_snapshot!(check(&graph(
        "",
        "        Action(kind: Sanction, from: \"ofac\", to: \"belavia\", date: 2023, sources: [\"fr\"]),\n"
    )));
}

#[test]
fn invalid_id_suggests_a_valid_one() {
    assert_snapshot!(check(&graph(
        "        Person(id: \"John Coale\", name: \"John Coale\"),\n",
        ""
    )));
}

#[test]
fn duplicate_id_points_at_both_definitions() {
    assert_snapshot!(check(&graph(
        "        Company(id: \"belavia\", name: \"Belavia again\"),\n",
        ""
    )));
}

#[test]
fn duplicate_source_points_at_both_definitions() {
    let text = graph("", "").replace(
        "Source(id: \"fr\", publisher: \"Federal Register\", description: \"a listing\", identifier: \"86 FR 43905\"),",
        "Source(id: \"fr\", publisher: \"Federal Register\", description: \"a listing\", identifier: \"86 FR 43905\"),\n        Source(id: \"fr\", publisher: \"Reuters\", description: \"a report\", identifier: \"R-1\"),",
    );
    assert_snapshot!(check(&text));
}

#[test]
fn unknown_id_suggests_the_closest_known_id() {
    assert_snapshot!(check(&graph(
        "",
        "        Action(kind: Sanction, from: \"ofac\", to: \"belvia\", date: \"2023-08-09\", sources: [\"fr\"]),\n"
    )));
}

#[test]
fn unknown_source_suggests_the_closest_known_source() {
    assert_snapshot!(check(&graph(
        "",
        "        Action(kind: Sanction, from: \"ofac\", to: \"belavia\", date: \"2023-08-09\", sources: [\"frr\"]),\n"
    )));
}

#[test]
fn a_visit_to_a_commodity_is_refused() {
    assert_snapshot!(check(&graph(
        "",
        "        Action(kind: Visit, from: \"ofac\", to: \"potash\", date: \"2023-08-09\", sources: [\"fr\"]),\n"
    )));
}

#[test]
fn concerns_must_name_a_commodity() {
    assert_snapshot!(check(&graph(
        "",
        "        Action(kind: Sanction, from: \"ofac\", to: \"belavia\", date: \"2023-08-09\", concerns: [\"belavia\"], sources: [\"fr\"]),\n"
    )));
}

#[test]
fn a_body_country_must_be_a_country() {
    assert_snapshot!(check(&graph(
        "        Body(id: \"bis\", name: \"BIS\", country: \"belavia\"),\n",
        ""
    )));
}

#[test]
fn an_edge_to_itself_is_refused() {
    assert_snapshot!(check(&graph(
        "",
        "        Relation(kind: AlliedWith, from: \"usa\", to: \"usa\"),\n"
    )));
}

#[test]
fn impossible_dates_are_refused_with_the_reason() {
    assert_snapshot!(check(&graph(
        "",
        concat!(
            "        Action(kind: Sanction, from: \"ofac\", to: \"belavia\", date: \"2023-02-29\", sources: [\"fr\"]),\n",
            "        Action(kind: Sanction, from: \"ofac\", to: \"belavia\", date: \"2023-13\", sources: [\"fr\"]),\n",
            "        Action(kind: Sanction, from: \"ofac\", to: \"belavia\", date: \"9 August 2023\", sources: [\"fr\"]),\n",
        )
    )));
}

#[test]
fn a_relation_cannot_end_before_it_starts() {
    assert_snapshot!(check(&graph(
        "",
        "        Relation(kind: Owns, from: \"usa\", to: \"belavia\", since: \"2024\", until: \"2023-05\"),\n"
    )));
}

#[test]
fn an_action_needs_a_source() {
    assert_snapshot!(check(&graph(
        "",
        "        Action(kind: Sanction, from: \"ofac\", to: \"belavia\", date: \"2023-08-09\"),\n"
    )));
}

#[test]
fn a_source_needs_a_title_or_a_description() {
    let text = graph("", "").replace(", description: \"a listing\"", "");
    assert_snapshot!(check(&text));
}

#[test]
fn an_ease_without_an_earlier_sanction_is_a_warning_not_an_error() {
    let output = check(&graph(
        "",
        concat!(
            "        Action(kind: Ease, from: \"ofac\", to: \"belavia\", date: \"2023-08-01\", sources: [\"fr\"]),\n",
            "        Action(kind: Sanction, from: \"ofac\", to: \"belavia\", date: \"2023-08-09\", sources: [\"fr\"]),\n",
        )
    ));
    assert!(output.starts_with("exit 0\n"), "{output}");
    assert_snapshot!(output);
}

#[test]
fn an_ease_in_the_month_of_the_sanction_is_not_warned_about() {
    let (code, _, stderr) = run(
        &["check", "-"],
        Some(&graph(
            "",
            concat!(
                "        Action(kind: Sanction, from: \"ofac\", to: \"belavia\", date: \"2023-08-09\", sources: [\"fr\"]),\n",
                "        Action(kind: Ease, from: \"ofac\", to: \"belavia\", date: \"2023-08\", sources: [\"fr\"]),\n",
            ),
        )),
    );
    assert_eq!((code, stderr.as_str()), (0, ""));
}

#[test]
fn every_problem_of_a_file_is_reported_in_one_run_in_file_order() {
    let text = graph(
        "        Persn(id: \"x\", name: \"X\"),\n        Company(id: \"belavia\", name: \"Again\"),\n",
        concat!(
            "        Action(kind: Sanction, from: \"ofac\", to: \"belvia\", date: \"2023-08-09\", sources: [\"fr\"]),\n",
            "        Action(kind: Visit, from: \"ofac\", to: \"potash\", date: \"2023-02-30\", sources: [\"nope\"]),\n",
            "        Action(kind: Ease, from: \"ofac\", to: \"belavia\", date: \"2023-09\"),\n",
        ),
    );
    let output = check(&text);
    let codes: Vec<&str> = output
        .lines()
        .filter_map(|line| line.strip_prefix("error["))
        .map(|rest| rest.split(']').next().unwrap_or(""))
        .collect();
    assert_eq!(
        codes,
        [
            "invalid-item",
            "duplicate-id",
            "unknown-id",
            "kind-not-allowed",
            "invalid-date",
            "unknown-source",
            "missing-source"
        ],
        "{output}"
    );
    assert!(output.contains("7 errors found, 0 warnings"), "{output}");
}

#[test]
fn a_reference_to_an_item_that_failed_to_parse_is_not_reported_twice() {
    let output = check(&graph(
        "        Country(id: \"by\", name: \"Belarus\", isoo: \"BY\"),\n",
        "        Action(kind: Sanction, from: \"ofac\", to: \"by\", date: \"2023-08-09\", sources: [\"fr\"]),\n",
    ));
    assert!(output.contains("1 error found"), "{output}");
}

#[test]
fn ids_are_unique_across_files_and_references_resolve_across_files() {
    let dir = tempfile::tempdir().expect("temporary directory");
    std::fs::write(dir.path().join("a.ron"), graph("", "")).expect("write a.ron");
    std::fs::write(
        dir.path().join("b.ron"),
        concat!(
            "Graph(\n    nodes: [\n        Company(id: \"belavia\", name: \"Belavia\"),\n    ],\n",
            "    edges: [\n        Action(kind: Sanction, from: \"ofac\", to: \"belavia\", date: \"2023-08-09\", sources: [\"fr\"]),\n    ],\n)\n"
        ),
    )
    .expect("write b.ron");
    let dir_arg = dir.path().display().to_string();
    let (code, _, stderr) = run(&["check", &dir_arg], None);
    let stderr = stderr.replace(&dir_arg, "[DIR]");
    assert_snapshot!(format!("exit {code}\n{stderr}"));
}

#[test]
fn json_diagnostics_carry_file_line_column_and_help() {
    let (code, stdout, _) = run(
        &["check", "-", "--format", "json"],
        Some(&graph(
            "",
            "        Action(kind: Sanction, from: \"ofac\", to: \"belvia\", date: \"2023-08-09\", sources: [\"fr\"]),\n",
        )),
    );
    assert_eq!(code, 1);
    assert_snapshot!(stdout);
}

#[test]
fn many_warnings_of_one_kind_are_counted_after_the_first_ten() {
    let eases: String = (1..=15)
        .map(|day| format!("        Action(kind: Ease, from: \"ofac\", to: \"belavia\", date: \"2023-01-{day:02}\", sources: [\"fr\"]),\n"))
        .collect();
    let (code, _, stderr) = run(&["check", "-"], Some(&graph("", &eases)));
    assert_eq!(code, 0);
    assert_eq!(
        stderr.matches("warning[relief-without-sanction]").count(),
        10,
        "{stderr}"
    );
    assert!(
        stderr.contains("... and 5 more `relief-without-sanction` warnings"),
        "{stderr}"
    );
    assert!(stderr.trim_end().ends_with("15 warnings"), "{stderr}");
    let (_, stdout, _) = run(
        &["check", "-", "--format", "json"],
        Some(&graph("", &eases)),
    );
    let answer: serde_json::Value = serde_json::from_str(&stdout).expect("JSON");
    assert_eq!(answer["diagnostics"].as_array().map(Vec::len), Some(15));
}

#[test]
fn duplicate_action_id_points_at_both_definitions() {
    assert_snapshot!(check(&graph(
        "",
        "        Action(id: \"gl-11\", kind: Ease, from: \"ofac\", to: \"belavia\", date: \"2025-09-11\", sources: [\"fr\"]),\n        Action(id: \"gl-11\", kind: Lift, from: \"ofac\", to: \"belavia\", date: \"2025-11-04\", sources: [\"fr\"]),\n"
    )));
}

#[test]
fn an_action_id_that_is_not_a_slug_is_refused_so_it_never_reads_as_a_derived_one() {
    let (code, _, stderr) = run(
        &["check", "-"],
        Some(&graph(
            "",
            "        Action(id: \"ofac/lift/belavia/2025-11-04\", kind: Lift, from: \"ofac\", to: \"belavia\", date: \"2025-09-11\", sources: [\"fr\"]),\n",
        )),
    );
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("is not a valid id"), "{stderr}");
    assert!(stderr.contains("<stdin>:"), "{stderr}");
}

/// Regression: the snippet was drawn counting characters, so a line with wide (CJK) or
/// zero-width (Vietnamese combining marks) characters before the problem had its caret
/// under the wrong character. The caret now falls at the display width of what precedes
/// the offending text on the line shown.
#[test]
fn the_caret_is_under_the_offending_text_after_wide_characters() {
    use unicode_width::UnicodeWidthStr;
    for name in [
        "白俄罗斯钾肥公司",
        // "Nguyễn Văn" with its marks as combining characters (NFD), which take no column.
        "Nguye\u{302}\u{303}n Va\u{306}n",
    ] {
        let text = graph(
            &format!("        Company(name: \"{name}\", id: \"Bad Id\"),\n"),
            "",
        );
        let (code, _, stderr) = run(&["check", "-"], Some(&text));
        assert_eq!(code, 1, "{stderr}");
        let lines: Vec<&str> = stderr.lines().collect();
        let shown = lines
            .iter()
            .position(|line| line.starts_with("10 |"))
            .expect("the line shown");
        let (gutter, line) = lines[shown].split_at("10 | ".len());
        let before = &line[..line.find("\"Bad Id\"").expect("the id shown")];
        let underline = &lines[shown + 1][gutter.len()..];
        assert_eq!(
            underline.find('^'),
            Some(before.width()),
            "{name}:\n{stderr}"
        );
        // The header counts characters, as editors do.
        let column = line
            .find("\"Bad Id\"")
            .map(|at| line[..at].chars().count() + 1);
        assert!(
            lines[1].ends_with(&format!(":10:{}", column.expect("a column"))),
            "{stderr}"
        );
    }
}
