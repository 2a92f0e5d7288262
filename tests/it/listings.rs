//! `diff`, `actions`, `find`, `affects --without`, `--between`, `--format csv`,
//! `--graph builtin` and `sgraph cache` on the built-in graph: what users see.

use insta::assert_snapshot;

use crate::support::{run, sgraph};

/// `affects potash` at the end of 2025 without the actions of General License 13.
const WITHOUT_GL13: [&str; 6] = [
    "affects",
    "potash",
    "--as-of",
    "2025-12-31",
    "--without",
    "General License 13",
];

fn ok(args: &[&str]) -> String {
    let (code, stdout, stderr) = run(args, None);
    assert_eq!(code, 0, "{args:?}: {stderr}");
    stdout
}

#[test]
fn diff_of_2025_shows_the_licence_easing_potash_for_the_us_while_the_eu_stays() {
    let args = [
        "diff",
        "--from",
        "2025-01-01",
        "--to",
        "2025-12-31",
        "--commodity",
        "potash",
    ];
    let table = ok(&args);
    assert!(table.contains("ofac/ease/bpc/2025-12-15"), "{table}");
    // The EU's measures were in force on both days: no change is listed for it.
    assert!(!table.contains("council-of-the-eu"), "{table}");
    assert_snapshot!("diff_2025_potash_table", table);
    assert_snapshot!(
        "diff_2025_potash_json",
        ok(&[&args[..], &["--format", "json"]].concat())
    );
    assert_snapshot!(
        "diff_2025_potash_csv",
        ok(&[&args[..], &["--format", "csv"]].concat())
    );
}

#[test]
fn diff_of_2025_on_every_commodity_lists_belavia_eased_then_lifted() {
    let table = ok(&["diff", "--from", "2025-01-01", "--to", "2025-12-31"]);
    let wide = ok(&[
        "diff",
        "--from",
        "2025-01-01",
        "--to",
        "2025-12-31",
        "--wide",
    ]);
    let eased = wide.find("ofac/ease/belavia/2025-09-11").expect("eased");
    let lifted = wide.find("ofac/lift/belavia/2025-11-04").expect("lifted");
    assert!(eased < lifted);
    assert_snapshot!("diff_2025_table", table);
}

#[test]
fn diff_refuses_a_window_that_ends_before_it_starts_and_says_no_when_nothing_changed() {
    let (code, _, stderr) = run(
        &["diff", "--from", "2025-12-31", "--to", "2025-01-01"],
        None,
    );
    assert_eq!(code, 2);
    assert!(
        stderr.contains("--to 2025-01-01 is before --from 2025-12-31"),
        "{stderr}"
    );
    let (code, stdout, _) = run(
        &["diff", "--from", "2007-01-01", "--to", "2007-02-01"],
        None,
    );
    assert_eq!(code, 1, "{stdout}");
}

#[test]
fn actions_lists_all_ofac_sanctions_of_2023_in_one_command() {
    let args = [
        "actions",
        "--by",
        "ofac",
        "--kind",
        "sanction",
        "--between",
        "2023..2023",
    ];
    let table = ok(&args);
    // A year as the period's end is the whole year: nothing is uncertain here.
    assert!(!table.contains("uncertain"), "{table}");
    assert_snapshot!("actions_ofac_sanctions_2023_table", table);
    assert_snapshot!(
        "actions_ofac_sanctions_2023_json",
        ok(&[&args[..], &["--format", "json"]].concat())
    );
    assert_snapshot!(
        "actions_ofac_sanctions_2023_csv",
        ok(&[&args[..], &["--format", "csv"]].concat())
    );
}

#[test]
fn actions_by_a_country_include_its_bodies_and_filter_by_commodity() {
    let csv = ok(&[
        "actions",
        "--by",
        "usa",
        "--commodity",
        "potash",
        "--format",
        "csv",
    ]);
    assert!(
        csv.lines().skip(1).all(|line| line.contains(",ofac,")
            || line.contains(",bis,")
            || line.contains(",usa,")),
        "{csv}"
    );
    assert!(csv.contains("ofac/ease/belaruskali/2025-12-15"), "{csv}");
    let (code, _, _) = run(&["actions", "--on", "belavia", "--kind", "visit"], None);
    assert_eq!(code, 1);
}

#[test]
fn find_ignores_case_and_accents_and_ranks_exact_matches_first() {
    assert_snapshot!("find_belarus_table", ok(&["find", "BELARUS"]));
    let json = ok(&["find", "bo tai chinh", "--format", "json"]);
    assert!(json.contains("\"id\": \"us-treasury\""), "{json}");
    assert_snapshot!(
        "find_belarus_csv",
        ok(&["find", "belarus", "--format", "csv"])
    );
    let (code, _, _) = run(&["find", "no such thing"], None);
    assert_eq!(code, 1);
}

#[test]
fn affects_without_general_license_13_says_the_us_still_restricts_potash() {
    let args = WITHOUT_GL13;
    let table = ok(&args);
    let differences = table.split("\neffect ").next().expect("the differences");
    assert!(
        differences.contains("usa          eased  restrictive"),
        "{table}"
    );
    assert_snapshot!("affects_without_gl13_table", differences);
    let json = ok(&[&args[..], &["--format", "json"]].concat());
    let value: serde_json::Value = serde_json::from_str(&json).expect("JSON");
    assert_eq!(
        value["without"]["left_out"].as_array().map(Vec::len),
        Some(3)
    );
    // An action id works too, and an ambiguous text is refused with the candidates.
    let one = ok(&[
        "affects",
        "potash",
        "--as-of",
        "2025-12-31",
        "--without",
        "ofac/ease/bpc/2025-12-15",
    ]);
    let bpc = one
        .lines()
        .find(|line| line.starts_with("  bpc "))
        .expect("bpc's row");
    assert_eq!(
        bpc.split_whitespace().collect::<Vec<_>>()[..3],
        ["bpc", "eased", "restrictive"]
    );
    let (code, _, stderr) = run(&["affects", "potash", "--without", "License"], None);
    assert_eq!(code, 2);
    assert!(stderr.contains("\"General License 11\""), "{stderr}");
}

#[test]
fn between_on_timeline_and_affects_keeps_the_actions_of_the_period() {
    let table = ok(&["timeline", "belavia", "--between", "2025-01..2025-12"]);
    assert!(
        table.contains("between 2025-01 and 2025-12: 4 actions"),
        "{table}"
    );
    let csv = ok(&[
        "affects",
        "potash",
        "--between",
        "2025-12..2025-12",
        "--format",
        "csv",
    ]);
    assert!(csv.contains("potash,ofac,eased"), "{csv}");
    assert!(!csv.contains("council-of-the-eu"), "{csv}");
    let (code, _, _) = run(
        &[
            "affects",
            "potash",
            "--as-of",
            "2025-01-01",
            "--between",
            "2025..2025",
        ],
        None,
    );
    assert_eq!(code, 2);
}

#[test]
fn csv_is_refused_where_there_is_no_listing() {
    let (code, _, stderr) = run(&["--format", "csv", "paths", "ofac", "potash"], None);
    assert_eq!(code, 2);
    assert!(stderr.contains("--format csv is for listings"), "{stderr}");
}

#[test]
fn csv_of_list_and_timeline_has_one_row_per_record() {
    let list = ok(&["list", "--format", "csv"]);
    let (_, table, _) = run(&["list"], None);
    assert_eq!(list.lines().count(), table.lines().count());
    // RFC 4180: every record ends in CRLF.
    assert_eq!(list.matches("\r\n").count(), table.lines().count());
    assert_eq!(list.matches('\n').count(), table.lines().count());
    let timeline = ok(&["timeline", "belavia", "--format", "csv"]);
    assert_snapshot!("timeline_belavia_csv", timeline);
}

#[test]
fn the_builtin_graph_loads_with_other_files_by_name() {
    let (_dir, path) = crate::support::temp_graph(
        "mine.ron",
        "Graph(nodes: [Company(id: \"my-co\", name: \"My Co\")])\n",
    );
    let path = path.to_string_lossy().into_owned();
    let (code, stdout, stderr) = run(&["-g", "builtin", "-g", &path, "find", "my co"], None);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("my-co"), "{stdout}");
    let (_, stdout, _) = run(
        &["-g", "builtin", "-g", &path, "list", "--format", "csv"],
        None,
    );
    assert!(
        stdout.contains("belaruskali") && stdout.contains("my-co"),
        "{stdout}"
    );
}

#[test]
fn cache_shows_its_place_and_size_and_clear_empties_it() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    std::fs::write(dir.path().join("0123456789abcdef.sgc"), [0u8; 2048]).expect("entry");
    std::fs::write(dir.path().join("notes.txt"), "not the cache's").expect("other");
    let cache = |args: &[&str]| {
        let output = sgraph()
            .env("SGRAPH_CACHE_DIR", dir.path())
            .args(args)
            .output()
            .expect("sgraph runs");
        assert!(output.status.success());
        String::from_utf8_lossy(&output.stdout).into_owned()
    };
    let shown = cache(&["cache"]);
    assert!(shown.contains("1 file (2.0 KiB)"), "{shown}");
    let cleared = cache(&["cache", "clear"]);
    assert!(cleared.contains("removed 1 file (2.0 KiB)"), "{cleared}");
    assert!(cache(&["cache", "--format", "json"]).contains("\"files\": 0"));
    assert!(dir.path().join("notes.txt").exists());
}

#[test]
fn timeline_shows_each_actions_id_which_without_takes_and_its_notes() {
    let table = ok(&["timeline", "belavia"]);
    let row = table
        .lines()
        .find(|line| line.starts_with("2022-06-16"))
        .expect("the first denial order");
    assert!(row.contains("bis/sanction/belavia/2022-06-16"), "{table}");
    assert!(table.contains("note: Denies Belavia all export"), "{table}");
    let id = "ofac/ease/belaruskali/2025-12-15";
    assert!(ok(&["timeline", "belaruskali"]).contains(id));
    assert!(ok(&[
        "affects",
        "potash",
        "--as-of",
        "2025-12-31",
        "--without",
        id
    ])
    .contains("compared with the real answer"));
}

#[test]
fn chains_and_cards_show_a_licences_end_what_a_measure_names_and_its_notes() {
    let chains = ok(&["affects", "potash", "--as-of", "2021-10-01"]);
    assert!(
        chains.contains("note: names potash; until 2021-12-08; Wind-down licence"),
        "{chains}"
    );
    let card = ok(&["show", "potash"]);
    let named_by = card
        .split("named by (")
        .nth(1)
        .expect("potash is named by measures");
    assert!(named_by.contains("EO 14038"), "{card}");
    assert!(named_by.contains("note: names potash"), "{card}");
}

#[test]
fn affects_without_and_find_in_json_and_csv() {
    let args = WITHOUT_GL13;
    assert_snapshot!(
        "affects_without_gl13_json",
        ok(&[&args[..], &["--format", "json"]].concat())
    );
    assert_snapshot!(
        "affects_without_gl13_csv",
        ok(&[&args[..], &["--format", "csv"]].concat())
    );
    assert_snapshot!(
        "find_belarus_json",
        ok(&["find", "belarus", "--format", "json"])
    );
}
