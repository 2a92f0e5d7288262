//! The query commands on the built-in Belarus graph: `affects`, `affected-by`, `paths`,
//! `timeline`, `neighbors`; tables and JSON as users see them.

use serde_json::Value;

use crate::support::{run, temp_graph};

fn ok(args: &[&str]) -> String {
    let (code, stdout, stderr) = run(args, None);
    assert_eq!(code, 0, "sgraph {args:?} failed: {stderr}");
    stdout
}

fn json(args: &[&str]) -> Value {
    let mut args = args.to_vec();
    args.extend(["--format", "json"]);
    serde_json::from_str(&ok(&args)).expect("valid JSON")
}

/// The effect of each actor in `affects --format json`, as `id effect` lines.
fn effects(answer: &Value) -> Vec<String> {
    answer["actors"]
        .as_array()
        .expect("actors")
        .iter()
        .map(|a| {
            format!(
                "{} {}",
                a["actor"]["id"].as_str().unwrap_or(""),
                a["effect"].as_str().unwrap_or("")
            )
        })
        .collect()
}

#[test]
fn as_of_mid_2021_the_eu_restricts_potash_and_the_us_does_not_appear_yet() {
    let answer = json(&["affects", "potash", "--as-of", "2021-07-01"]);
    let effects = effects(&answer);
    assert!(effects.contains(&"council-of-the-eu restrictive".to_owned()));
    assert!(effects.contains(&"eu restrictive".to_owned()));
    for us in ["ofac", "us-treasury", "usa"] {
        assert!(
            !effects.iter().any(|e| e.starts_with(&format!("{us} "))),
            "{us} listed: {effects:?}"
        );
    }
    insta::assert_snapshot!(
        "affects_potash_2021_07_01",
        ok(&["affects", "potash", "--as-of", "2021-07-01"])
    );
}

#[test]
fn in_2022_the_wind_down_licence_eases_until_it_ends_then_the_us_restricts() {
    // General License 5 let dealings with BPC and Agrorozkvit wind down until 2022-04-01.
    let during = effects(&json(&["affects", "potash", "--as-of", "2022-01-01"]));
    assert!(during.contains(&"ofac mixed".to_owned()), "{during:?}");
    // Lithuania's transit ban was decided on 2022-01-12: not yet.
    assert!(!during.iter().any(|e| e.starts_with("lithuania ")));
    let after = effects(&json(&["affects", "potash", "--as-of", "2022-07-01"]));
    for actor in [
        "council-of-the-eu",
        "eu",
        "ofac",
        "us-treasury",
        "usa",
        "lithuania",
    ] {
        assert!(
            after.contains(&format!("{actor} restrictive")),
            "{actor}: {after:?}"
        );
    }
    insta::assert_snapshot!(
        "affects_potash_2022_01_01",
        ok(&["affects", "potash", "--as-of", "2022-01-01"])
    );
}

#[test]
fn at_the_end_of_2025_the_us_has_eased_by_licence_while_the_eu_still_restricts() {
    let answer = json(&["affects", "potash", "--as-of", "2025-12-31"]);
    let effects = effects(&answer);
    for actor in ["ofac", "us-treasury", "usa"] {
        assert!(
            effects.contains(&format!("{actor} eased")),
            "{actor}: {effects:?}"
        );
    }
    for actor in ["council-of-the-eu", "eu", "lithuania"] {
        assert!(
            effects.contains(&format!("{actor} restrictive")),
            "{actor}: {effects:?}"
        );
    }
    // The envoy's statement is a pledge, not a measure.
    assert!(effects.contains(&"john-coale pledged".to_owned()));
    insta::assert_snapshot!(
        "affects_potash_2025_12_31",
        ok(&["affects", "potash", "--as-of", "2025-12-31"])
    );
    insta::assert_snapshot!(
        "affects_potash_2025_12_31_json",
        ok(&[
            "affects",
            "potash",
            "--as-of",
            "2025-12-31",
            "--format",
            "json"
        ])
    );
}

#[test]
fn a_sanction_on_the_head_of_state_does_not_reach_his_countrys_potash() {
    // The US designated Lukashenko in 2006; `leads` is political, so the US does not
    // affect potash before 2021.
    let (code, stdout, _) = run(&["affects", "potash", "--as-of", "2020-01-01"], None);
    assert_eq!(code, 1, "no actor affects potash in 2020: {stdout}");
    insta::assert_snapshot!("affects_potash_2020", stdout);
}

#[test]
fn affected_by_lists_the_commodities_an_actor_reaches() {
    insta::assert_snapshot!("affected_by_ofac", ok(&["affected-by", "ofac"]));
    let answer = json(&["affected-by", "usa", "--as-of", "2022-01-01"]);
    let ids: Vec<&str> = answer["commodities"]
        .as_array()
        .expect("commodities")
        .iter()
        .map(|c| c["commodity"]["id"].as_str().unwrap_or(""))
        .collect();
    assert_eq!(
        ids,
        ["potash", "potassium-chloride", "potash-eu-2021-grades"]
    );
    let (code, _, _) = run(&["affected-by", "putin"], None);
    assert_eq!(code, 1, "Putin's graph has no action on a commodity");
}

#[test]
fn belavias_timeline_shows_each_action_and_the_standing_after_it() {
    let table = ok(&["timeline", "belavia"]);
    insta::assert_snapshot!("timeline_belavia", table);
    let answer = json(&["timeline", "belavia"]);
    insta::assert_snapshot!(
        "timeline_belavia_json",
        ok(&["timeline", "belavia", "--format", "json"])
    );
    let after: Vec<String> = answer["events"]
        .as_array()
        .expect("events")
        .iter()
        .map(|e| {
            format!(
                "{} {} {}",
                e["date"].as_str().unwrap_or(""),
                e["action"]["kind"].as_str().unwrap_or(""),
                e["standing_after"]["usa"].as_str().unwrap_or("")
            )
        })
        .collect();
    assert_eq!(
        after,
        [
            "2022-06-16 sanction restrictive",
            "2022-12-13 sanction restrictive",
            "2023-06-07 sanction restrictive",
            "2023-08-09 sanction restrictive",
            "2023-12 sanction restrictive",
            "2025-09-11 ease eased",
            "2025-09-11 pledge_ease eased",
            "2025-09-12 ease eased",
            "2025-11-04 lift lifted",
        ]
    );
}

#[test]
fn a_timeline_as_of_a_day_inside_a_month_marks_the_month_dated_action_uncertain() {
    // BIS renewed Belavia's denial order in December 2023; the day is not in the graph.
    let answer = json(&["timeline", "belavia", "--as-of", "2023-12-05"]);
    let events = answer["events"].as_array().expect("events");
    assert_eq!(events.len(), 5);
    assert_eq!(events[4]["date"], "2023-12");
    assert_eq!(events[4]["certainty"], "uncertain");
    insta::assert_snapshot!(
        "timeline_belaruskali_2022_02_15",
        ok(&["timeline", "belaruskali", "--as-of", "2022-02-15"])
    );
}

#[test]
fn paths_lists_each_typed_edge_so_a_sanction_and_a_licence_are_two_paths() {
    let table = ok(&["paths", "ofac", "belaruskali", "--max-hops", "1"]);
    insta::assert_snapshot!("paths_ofac_belaruskali", table);
    assert!(table.contains("-sanction->") && table.contains("-ease->"));
    insta::assert_snapshot!("paths_ofac_potash", ok(&["paths", "ofac", "potash"]));
}

#[test]
fn paths_filters_by_kind_direction_node_kind_and_date() {
    let args = [
        "paths",
        "usa",
        "potash",
        "--direction",
        "both",
        "--via",
        "part_of,sanction,ease,produces",
        "--through-kind",
        "body,company",
        "--as-of",
        "2022-01-01",
    ];
    let answer = json(&args);
    insta::assert_snapshot!(
        "paths_usa_potash_filtered_json",
        ok(&[&args[..], &["--format", "json"]].concat())
    );
    for path in answer["paths"].as_array().expect("paths") {
        for step in path["steps"].as_array().expect("steps") {
            let edge = &answer["edges"][step["edge"].as_u64().expect("an edge") as usize];
            let kind = edge["kind"].as_str().unwrap_or("");
            assert!(
                ["part_of", "sanction", "ease", "produces"].contains(&kind),
                "{kind}"
            );
            assert_ne!(kind, "ease", "no licence by 2022-01-01");
        }
    }
    let between = json(&[
        "paths",
        "ofac",
        "belavia",
        "--between",
        "2025-01-01..2025-12-31",
    ]);
    let kinds: Vec<&str> = between["paths"]
        .as_array()
        .expect("paths")
        .iter()
        .map(|p| {
            let edge = p["steps"][0]["edge"].as_u64().expect("an edge") as usize;
            between["edges"][edge]["kind"].as_str().unwrap_or("")
        })
        .collect();
    assert_eq!(kinds, ["ease", "lift"]);
    let (code, stdout, _) = run(
        &[
            "paths",
            "ofac",
            "potash",
            "--not-via",
            "produces,exports,part_of",
        ],
        None,
    );
    assert_eq!(code, 1, "{stdout}");
}

#[test]
fn shortest_and_k_shortest_paths() {
    let shortest = json(&[
        "paths",
        "usa",
        "potash",
        "--direction",
        "both",
        "--shortest",
    ]);
    assert_eq!(shortest["count"], 1);
    assert_eq!(shortest["paths"][0]["hops"], 2);
    let three = json(&["paths", "usa", "potash", "--direction", "both", "-k", "3"]);
    let hops: Vec<u64> = three["paths"]
        .as_array()
        .expect("paths")
        .iter()
        .map(|p| p["hops"].as_u64().unwrap_or(0))
        .collect();
    assert_eq!(hops.len(), 3);
    assert!(hops.windows(2).all(|w| w[0] <= w[1]));
    assert_eq!(three["cut_short"], Value::Null);
    insta::assert_snapshot!(
        "paths_shortest_usa_potash",
        ok(&[
            "paths",
            "usa",
            "potash",
            "--direction",
            "both",
            "--shortest"
        ])
    );
}

#[test]
fn no_path_is_an_explicit_answer_with_exit_code_1() {
    let (code, stdout, stderr) = run(&["paths", "potash", "ofac"], None);
    assert_eq!(code, 1);
    assert!(stderr.is_empty(), "{stderr}");
    insta::assert_snapshot!("paths_none", stdout);
    let (code, stdout, _) = run(&["paths", "potash", "ofac", "--format", "json"], None);
    assert_eq!(code, 1);
    let answer: Value = serde_json::from_str(&stdout).expect("valid JSON");
    assert_eq!(answer["count"], 0);
}

const FAN: &str = r#"Graph(
    nodes: [
        Body(id: "a", name: "A"), Company(id: "b1", name: "B1"), Company(id: "b2", name: "B2"),
        Company(id: "b3", name: "B3"), Commodity(id: "c", name: "C"),
    ],
    edges: [
        Action(kind: Sanction, from: "a", to: "b1", date: "2020-01-01", sources: ["s"]),
        Action(kind: Sanction, from: "a", to: "b2", date: "2020-01-01", sources: ["s"]),
        Action(kind: Sanction, from: "a", to: "b3", date: "2020-01-01", sources: ["s"]),
        Relation(kind: Produces, from: "b1", to: "c", sources: ["s"]),
        Relation(kind: Produces, from: "b2", to: "c", sources: ["s"]),
        Relation(kind: Produces, from: "b3", to: "c", sources: ["s"]),
    ],
    sources: [Source(id: "s", publisher: "P", description: "A test source.", identifier: "P-1")],
)"#;

#[test]
fn a_limit_that_cuts_the_answer_says_so() {
    let (_dir, path) = temp_graph("fan.ron", FAN);
    let path = path.to_string_lossy().into_owned();
    let (code, stdout, stderr) = run(&["--graph", &path, "paths", "a", "c", "--limit", "2"], None);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("2 paths"), "{stdout}");
    assert!(
        stdout.contains("cut short: more than 2 paths exist"),
        "{stdout}"
    );
    let answer = json(&["--graph", &path, "paths", "a", "c", "--limit", "2"]);
    assert_eq!(answer["cut_short"], "limit");
    let exact = json(&["--graph", &path, "paths", "a", "c", "--limit", "3"]);
    assert_eq!(exact["cut_short"], Value::Null, "exactly three paths exist");
}

#[test]
fn neighbors_within_a_depth_and_along_kinds() {
    insta::assert_snapshot!("neighbors_belaruskali", ok(&["neighbors", "belaruskali"]));
    let answer = json(&["neighbors", "ofac", "--depth", "2", "--via", "part_of"]);
    let ids: Vec<&str> = answer["neighbors"]
        .as_array()
        .expect("neighbors")
        .iter()
        .map(|n| n["id"].as_str().unwrap_or(""))
        .collect();
    assert_eq!(ids, ["us-treasury", "usa"]);
}

#[test]
fn mistakes_on_the_command_line_get_a_suggestion_and_exit_2() {
    let (code, _, stderr) = run(&["affects", "potahs"], None);
    assert_eq!(code, 2);
    assert!(stderr.contains("did you mean `potash`?"), "{stderr}");
    let (code, _, stderr) = run(&["affects", "belaruskali"], None);
    assert_eq!(code, 2);
    assert!(stderr.contains("is a company, not a commodity"), "{stderr}");
    let (code, _, stderr) = run(&["paths", "ofac", "potash", "--via", "sanctoin"], None);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("a similar value exists: 'sanction'"),
        "{stderr}"
    );
    let (code, _, stderr) = run(
        &["paths", "ofac", "potash", "--through-kind", "compnay"],
        None,
    );
    assert_eq!(code, 2);
    assert!(
        stderr.contains("a similar value exists: 'company'"),
        "{stderr}"
    );
    let (code, _, stderr) = run(&["paths", "ofac", "potash", "--timeout", "10"], None);
    assert_eq!(code, 2);
    assert!(stderr.contains("500ms, 10s, 2m"), "{stderr}");
    let (code, _, stderr) = run(
        &["paths", "ofac", "potash", "--between", "2025..2024"],
        None,
    );
    assert_eq!(code, 2);
    assert!(stderr.contains("ends"), "{stderr}");
    let (code, _, _) = run(&["paths", "ofac", "ofac"], None);
    assert_eq!(code, 2);
    let (code, _, _) = run(&["timeline", "belvia"], None);
    assert_eq!(code, 2);
}

#[test]
fn help_lists_the_kinds_flags_accept() {
    let help = ok(&["paths", "--help"]);
    for kind in [
        "sanction",
        "pledge_ease",
        "subsidiary_of",
        "allied_with",
        "aircraft",
        "commodity",
    ] {
        assert!(help.contains(kind), "{kind} missing from --help");
    }
}
