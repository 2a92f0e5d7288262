//! Explicit action ids (`Action(id: "gl-13", ...)`): they win over the derived ids
//! wherever ids are shown or accepted.

use crate::support::{run, temp_graph};

const GRAPH: &str = r#"Graph(
    sources: [Source(id: "s", publisher: "P", title: "T", identifier: "T-1")],
    nodes: [
        Country(id: "usa", name: "United States"), Body(id: "ofac", name: "OFAC", country: "usa"),
        Company(id: "bpc", name: "BPC"), Commodity(id: "potash", name: "Potash"),
    ],
    edges: [
        Action(kind: Sanction, from: "ofac", to: "bpc", date: "2021-12-02", concerns: ["potash"],
            instrument: "EO 14038", sources: ["s"]),
        Action(id: "gl-13", kind: Ease, from: "ofac", to: "bpc", date: "2025-12-15",
            concerns: ["potash"], instrument: "General License 13", sources: ["s"]),
    ],
)"#;

fn sgraph(path: &str, args: &[&str]) -> (i32, String, String) {
    run(&[&["--graph", path, "--wide"][..], args].concat(), None)
}

#[test]
fn without_names_an_action_by_its_explicit_id() {
    let (_dir, path) = temp_graph("ids.ron", GRAPH);
    let path = path.to_string_lossy().into_owned();
    let (code, stdout, stderr) = sgraph(&path, &["affects", "potash", "--without", "gl-13"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("without the action (gl-13)"), "{stdout}");
    assert!(stdout.contains("ofac   eased  restrictive"), "{stdout}");
    // The derived id names it no more; the other action keeps its derived id.
    let (code, _, stderr) = sgraph(
        &path,
        &["affects", "potash", "--without", "ofac/ease/bpc/2025-12-15"],
    );
    assert_eq!(code, 2, "{stderr}");
    let (code, stdout, stderr) = sgraph(&path, &["actions", "--format", "csv"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("\ngl-13,"), "{stdout}");
    assert!(
        stdout.contains("\nofac/sanction/bpc/2021-12-02,"),
        "{stdout}"
    );
    let (_, json, _) = sgraph(&path, &["timeline", "bpc", "--format", "json"]);
    assert!(json.contains("\"gl-13\""), "{json}");
}

#[test]
fn an_explicit_id_survives_compiling() {
    let (dir, path) = temp_graph("ids.ron", GRAPH);
    let compiled = dir.path().join("ids.sgc").to_string_lossy().into_owned();
    let path = path.to_string_lossy().into_owned();
    let (code, _, stderr) = run(&["compile", &path, "-o", &compiled], None);
    assert_eq!(code, 0, "{stderr}");
    let (code, stdout, stderr) = sgraph(&compiled, &["actions", "--format", "csv"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("\ngl-13,"), "{stdout}");
}

#[test]
fn actions_with_the_same_actor_kind_target_and_date_are_numbered_in_order() {
    // `ofac` acts more often than `bpc` is acted on, and `eu` acts on `bpc` too: the count
    // of earlier namesakes is the same whichever list it is read along.
    let graph = r#"Graph(
    sources: [Source(id: "s", publisher: "P", title: "T", identifier: "T-1")],
    nodes: [
        Body(id: "ofac", name: "OFAC"), Bloc(id: "eu", name: "EU"),
        Company(id: "bpc", name: "BPC"), Company(id: "other", name: "Other"),
    ],
    edges: [
        Action(kind: Sanction, from: "ofac", to: "bpc", date: "2021-12-02", instrument: "A", sources: ["s"]),
        Action(kind: Sanction, from: "ofac", to: "other", date: "2021-12-02", instrument: "B", sources: ["s"]),
        Action(kind: Sanction, from: "ofac", to: "other", date: "2021-12-03", instrument: "C", sources: ["s"]),
        Action(kind: Sanction, from: "eu", to: "bpc", date: "2021-12-02", instrument: "D", sources: ["s"]),
        Action(kind: Sanction, from: "ofac", to: "bpc", date: "2021-12-02", instrument: "E", sources: ["s"]),
        Action(kind: Ease, from: "ofac", to: "bpc", date: "2021-12-02", instrument: "F", sources: ["s"]),
        Action(kind: Sanction, from: "ofac", to: "bpc", date: "2021-12-02", instrument: "G", sources: ["s"]),
    ],
)"#;
    let (_dir, path) = temp_graph("namesakes.ron", graph);
    let path = path.to_string_lossy().into_owned();
    let (code, stdout, stderr) = sgraph(&path, &["actions", "--format", "csv"]);
    assert_eq!(code, 0, "{stderr}");
    let ids: Vec<(&str, &str)> = stdout
        .lines()
        .skip(1)
        .filter_map(|line| {
            let cells: Vec<&str> = line.split(',').collect();
            Some((cells[5], cells[0])).filter(|(instrument, _)| !instrument.is_empty())
        })
        .collect();
    for (instrument, id) in [
        ("A", "ofac/sanction/bpc/2021-12-02"),
        ("E", "ofac/sanction/bpc/2021-12-02#2"),
        ("G", "ofac/sanction/bpc/2021-12-02#3"),
        ("F", "ofac/ease/bpc/2021-12-02"),
        ("D", "eu/sanction/bpc/2021-12-02"),
        ("B", "ofac/sanction/other/2021-12-02"),
    ] {
        assert!(
            ids.contains(&(instrument, id)),
            "{instrument} {id}: {ids:?}"
        );
    }
}
