//! `sgraph export html`: the page and its data without a browser, then the page loaded in
//! headless Chromium (Debian's package) and driven by `tests/browser/drive.js`
//! (playwright-core). Without Chromium or the driver's node_modules the browser tests skip
//! with a note, except under CI (`CI` set), where they fail; `tests/setup.sh` (part of the README's test command) installs both.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use sanctions_graph::export::html::{CYTOSCAPE_JS, CYTOSCAPE_LICENSE};
use serde_json::{json, Value};

use crate::support::{run, temp_graph};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Names, notes and titles that would become markup or script if the page let them.
const HOSTILE_RON: &str = r#"Graph(
    nodes: [
        Country(id: "xx", name: "</script><script>window.__pwned = 1</script>", iso: "XX"),
        Company(id: "mallory", name: "<img src=x onerror=\"window.__pwned = 2\"> \u{202E}evil\u{200F} 'quoted' \"twice\" \u{1b}[2J",
            country: "xx", notes: "<b class=\"injected\">bold</b> &amp; <!-- comment --> \u{2028}line"),
        Commodity(id: "stuff", name: "<svg onload=\"window.__pwned = 3\"></svg>"),
    ],
    edges: [
        Action(kind: Sanction, from: "xx", to: "mallory", date: "2024-05-01", concerns: ["stuff"],
            instrument: "<iframe src=\"https://example.org/\"></iframe>", sources: ["s"],
            notes: "<script>window.__pwned = 4</script>"),
        Relation(kind: Produces, from: "mallory", to: "stuff", sources: ["s"]),
    ],
    sources: [Source(id: "s", publisher: "<b class=\"injected\">press</b>", title: "</title><script>window.__pwned = 5</script>",
        url: "javascript:window.__pwned = 6")],
)
"#;

fn export(args: &[&str], dir: &Path, name: &str) -> PathBuf {
    let page = dir.join(name);
    let mut all: Vec<&str> = args.to_vec();
    let out = page.to_str().expect("a UTF-8 path");
    all.extend(["export", "html", "-o", out]);
    let (code, stdout, stderr) = run(&all, None);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(stdout, "", "with -o nothing goes to stdout");
    page
}

fn count(text: &str, needle: &str) -> usize {
    text.matches(needle).count()
}

#[test]
fn the_vendored_cytoscape_matches_its_recorded_checksum() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    std::fs::write(dir.path().join("cytoscape.min.js"), CYTOSCAPE_JS).expect("write");
    std::fs::write(dir.path().join("LICENSE"), CYTOSCAPE_LICENSE).expect("write");
    let sums = std::fs::read_to_string(root().join("vendor/cytoscape/SHA256SUMS"))
        .expect("vendor/cytoscape/SHA256SUMS");
    std::fs::write(dir.path().join("SHA256SUMS"), &sums).expect("write");
    let output = Command::new("sha256sum")
        .args(["--check", "--strict", "SHA256SUMS"])
        .current_dir(dir.path())
        .output()
        .expect("sha256sum (coreutils) runs");
    assert!(
        output.status.success(),
        "the embedded cytoscape.js or its licence differs from vendor/cytoscape/SHA256SUMS:\n{}",
        String::from_utf8_lossy(&output.stdout)
    );
    assert_eq!(count(&sums, "\n"), 2, "two files are recorded:\n{sums}");
}

#[test]
fn the_page_is_one_file_with_everything_inline() {
    let (code, page, stderr) = run(&["export", "html"], None);
    assert_eq!(code, 0, "{stderr}");
    assert!(page.starts_with("<!DOCTYPE html>"));
    assert!(page.contains(CYTOSCAPE_JS), "cytoscape.js is inlined whole");
    assert_eq!(
        count(&page, "<script"),
        3,
        "the library, the data, the page's script"
    );
    assert!(!page.contains("<script src") && !page.contains("<link"));
    assert!(page.contains("Content-Security-Policy"));
    // The same input gives the same bytes.
    let (_, again, _) = run(&["export", "html"], None);
    assert!(again == page, "two exports differ");
}

#[test]
fn export_html_checks_its_flags() {
    let (code, _, stderr) = run(&["export", "html", "--commodity", "ofac"], None);
    assert_eq!(code, 2);
    assert!(stderr.contains("not a commodity"), "{stderr}");
    let (code, _, stderr) = run(&["export", "html", "--commodity", "potahs"], None);
    assert_eq!(code, 2);
    assert!(stderr.contains("potash"), "suggests the id: {stderr}");
    let (code, _, stderr) = run(&["--format", "json", "export", "html"], None);
    assert_eq!(code, 2);
    assert!(stderr.contains("HTML"), "{stderr}");
    let (code, _, _) = run(&["export", "html", "--max-nodes", "0"], None);
    assert_eq!(code, 2);
    let (code, help, _) = run(&["export", "html", "--help"], None);
    assert_eq!(code, 0);
    assert!(
        help.contains("Examples:") && help.contains("--as-of"),
        "{help}"
    );
    let (code, _, stderr) = run(
        &["export", "html", "-o", "/nonexistent/dir/page.html"],
        None,
    );
    assert_eq!(code, 2);
    assert!(stderr.contains("/nonexistent/dir/page.html"), "{stderr}");
}

#[test]
fn hostile_text_cannot_leave_the_data_block() {
    let (_dir, path) = temp_graph("hostile.ron", HOSTILE_RON);
    let (code, page, stderr) = run(
        &["--graph", path.to_str().expect("utf-8"), "export", "html"],
        None,
    );
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        count(&page, "<script"),
        3,
        "no script element but the page's own"
    );
    assert_eq!(count(&page, "</script"), 3);
    for raw in [
        "<img",
        "<svg",
        "<iframe",
        "<b class",
        "\u{2028}",
        "<!-- comment",
    ] {
        assert!(!page.contains(raw), "{raw:?} is in the page as written");
    }
}

#[test]
fn a_selection_over_the_limit_is_cut_and_said() {
    let (_dir, path) = temp_graph("hostile.ron", HOSTILE_RON);
    let path = path.to_str().expect("utf-8");
    let (code, page, stderr) = run(
        &["--graph", path, "export", "html", "--max-nodes", "2"],
        None,
    );
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stderr.contains("note: the selection has 3 nodes"),
        "{stderr}"
    );
    // The note names the centre, a company whose name holds an escape sequence and a
    // right-to-left override.
    assert!(
        stderr.contains("\\u{1b}[2J") && stderr.contains("\\u{202e}evil"),
        "{stderr}"
    );
    assert!(
        !stderr.contains('\u{1b}') && !stderr.contains('\u{202e}'),
        "{stderr}"
    );
    assert!(page.contains("\"asked\":3,\"drawn\":2"), "the page knows");
}

// ---- in a browser

fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|value| !value.is_empty() && value != "false")
}

/// Whether the browser tests can run: Chromium, node, and the driver's node_modules.
fn browser_ready(test: &str) -> bool {
    let chromium = std::env::var("SGRAPH_CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
    let driver = root().join("tests/browser/node_modules/playwright-core");
    let node = Command::new("node").arg("--version").output().is_ok();
    let missing: Vec<&str> = [
        (!Path::new(&chromium).exists()).then_some("chromium (apt-get install chromium)"),
        (!node).then_some("node"),
        (!driver.exists()).then_some("tests/browser/node_modules (npm ci in tests/browser)"),
    ]
    .into_iter()
    .flatten()
    .collect();
    if missing.is_empty() {
        return true;
    }
    assert!(
        !in_ci(),
        "CI is set but {} is missing; run tests/setup.sh first (the README's test command does)",
        missing.join(", ")
    );
    eprintln!("note: {test} skipped: {} missing", missing.join(", "));
    false
}

/// Runs the driver's plan over a page and returns its report; asserts nothing failed in
/// the page: no console error or warning, no page error, no request leaving the page.
fn drive(page: &Path, plan: &Value) -> Value {
    let dir = page.parent().expect("the page is in a directory");
    let plan_path = dir.join("plan.json");
    std::fs::write(&plan_path, plan.to_string()).expect("write the plan");
    let output = Command::new("node")
        .arg(root().join("tests/browser/drive.js"))
        .arg(page)
        .arg(&plan_path)
        .output()
        .expect("node runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "the browser driver failed:\n{stdout}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let report: Value = serde_json::from_str(&stdout).expect("the driver prints JSON");
    assert_eq!(report["console"], json!([]), "console messages: {report:#}");
    assert_eq!(report["pageErrors"], json!([]), "page errors: {report:#}");
    assert_eq!(report["requests"], json!([]), "requests left the page");
    report
}

fn strings(value: &Value) -> BTreeSet<String> {
    value
        .as_array()
        .map(|items| {
            items
                .iter()
                .filter_map(|v| v.as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}

/// The nodes `sgraph affects` names on a day: actors, the ends of each chain's steps and
/// of each target's deciding action, by net effect.
fn affects_nodes(commodity: &str, day: &str) -> Value {
    let (code, text, stderr) = run(
        &["affects", commodity, "--as-of", day, "--format", "json"],
        None,
    );
    assert_eq!(code, 0, "{stderr}");
    let answer: Value = serde_json::from_str(&text).expect("JSON");
    let mut by_effect: std::collections::BTreeMap<String, BTreeSet<String>> = Default::default();
    let mut seen = BTreeSet::new();
    for actor in answer["actors"].as_array().expect("actors") {
        let effect = actor["effect"].as_str().expect("effect").to_owned();
        let mut ids = vec![actor["actor"]["id"].as_str().expect("id").to_owned()];
        let chain = actor["chain"].as_array().expect("chain");
        let decided = actor["targets"]
            .as_array()
            .expect("targets")
            .iter()
            .map(|target| &target["decided_by"]);
        for edge in chain.iter().chain(decided) {
            for end in ["from", "to"] {
                ids.extend(edge[end].as_str().map(str::to_owned));
            }
        }
        // A node lit by an earlier actor keeps that actor's colour.
        for id in ids {
            if seen.insert(id.clone()) {
                by_effect.entry(effect.clone()).or_default().insert(id);
            }
        }
    }
    json!(by_effect)
}

#[test]
fn in_a_browser_the_page_answers_as_affects_does() {
    if !browser_ready("in_a_browser_the_page_answers_as_affects_does") {
        return;
    }
    let dir = tempfile::tempdir().expect("a temporary directory");
    let page = export(&[], dir.path(), "graph.html");
    let plan = json!([
        {"open": "#as-of=2021-07-01"}, {"select": "potash"}, {"state": "july2021"},
        {"hash": "#as-of=2025-12-31&commodity=potash"}, {"state": "december2025"},
        {"click": "belavia"}, {"card": "belavia"},
        {"slider": 0}, {"state": "first"}
    ]);
    let report = drive(&page, &plan);
    let results = &report["results"];

    let july = &results["july2021"];
    assert_eq!(
        july["hash"], "#as-of=2021-07-01&commodity=potash",
        "the address keeps it"
    );
    assert_eq!(july["lit"], affects_nodes("potash", "2021-07-01"));
    let lit: Vec<&str> = july["lit"]
        .as_object()
        .expect("lit")
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(lit, ["restrictive"], "only the EU side: {july:#}");
    assert!(strings(&july["lit"]["restrictive"]).contains("council-of-the-eu"));
    assert!(!strings(&july["lit"]["restrictive"]).contains("ofac"));
    assert!(
        !strings(&july["shown"]).contains("belavia"),
        "not sanctioned yet in 2021"
    );

    let december = &results["december2025"];
    assert_eq!(december["lit"], affects_nodes("potash", "2025-12-31"));
    let eased = strings(&december["lit"]["eased"]);
    for id in ["usa", "ofac", "us-treasury"] {
        assert!(eased.contains(id), "{id} eased: {december:#}");
    }

    // Belavia's card lists the sources of its edges, with their addresses as links.
    let graph = sanctions_graph::load_builtin().expect("valid").graph;
    let belavia = graph.index_of("belavia").expect("belavia");
    let mut expected = BTreeSet::new();
    for direction in [petgraph::Direction::Incoming, petgraph::Direction::Outgoing] {
        for edge in graph.edges_of(belavia, direction) {
            expected.extend(edge.sources().map(str::to_owned));
        }
    }
    let card = &results["belavia"];
    assert_eq!(card["title"], "Belavia", "{card:#}");
    let sources = card["sources"].as_array().expect("sources");
    let ids: BTreeSet<String> = sources
        .iter()
        .map(|s| s["id"].as_str().expect("id").to_owned())
        .collect();
    assert_eq!(ids, expected);
    for source in sources {
        let id = source["id"].as_str().expect("id");
        let url = graph
            .source(id)
            .and_then(|s| s.url)
            .expect("curated sources have addresses");
        assert_eq!(source["links"], json!([url]), "{id}");
        assert!(url.starts_with("https://") || url.starts_with("http://"));
    }

    // The slider's first stop is written to the address.
    let first = &results["first"];
    let day = first["day"].as_str().expect("a day");
    assert_eq!(first["hash"], format!("#as-of={day}&commodity=potash"));
    assert!(day < "2021-07-01", "{day}");
}

#[test]
fn in_a_browser_hostile_text_stays_text() {
    if !browser_ready("in_a_browser_hostile_text_stays_text") {
        return;
    }
    let (dir, path) = temp_graph("hostile.ron", HOSTILE_RON);
    let page = export(
        &["--graph", path.to_str().expect("utf-8")],
        dir.path(),
        "h.html",
    );
    let plan = json!([
        {"open": "#as-of=2024-06-01&commodity=stuff"}, {"dom": "opened"},
        {"click": "mallory"}, {"card": "mallory"}, {"dom": "clicked"}
    ]);
    let report = drive(&page, &plan);
    let results = &report["results"];
    for moment in ["opened", "clicked"] {
        let dom = &results[moment];
        assert_eq!(dom["pwned"], Value::Null, "a script ran: {dom:#}");
        assert_eq!(dom["injected"], 0, "an element was injected: {dom:#}");
        assert_eq!(dom["scripts"], 3, "{dom:#}");
    }
    let card = &results["mallory"];
    let text = card["text"].as_str().expect("text");
    assert!(
        text.contains("<img src=x onerror=\"window.__pwned = 2\">"),
        "{text}"
    );
    assert!(text.contains("<b class=\"injected\">bold</b>"), "{text}");
    assert!(
        text.contains("</script><script>window.__pwned = 1</script>"),
        "{text}"
    );
    let source = &card["sources"][0];
    assert_eq!(
        source["links"],
        json!([]),
        "a javascript: address is not a link"
    );
    assert!(source["text"]
        .as_str()
        .expect("text")
        .contains("javascript:"));
    let body = results["opened"]["body"].as_str().expect("body");
    assert!(
        body.contains("<svg onload="),
        "the commodity's name is text: {body}"
    );
}

#[test]
fn in_a_browser_a_big_selection_is_cut_and_says_so() {
    if !browser_ready("in_a_browser_a_big_selection_is_cut_and_says_so") {
        return;
    }
    let dir = tempfile::tempdir().expect("a temporary directory");
    let generated = dir.path().join("generated");
    let (code, _, stderr) = run(
        &[
            "generate",
            "--nodes",
            "400",
            "--edges-per-node",
            "2",
            "-o",
            generated.to_str().expect("utf-8"),
        ],
        None,
    );
    assert_eq!(code, 0, "{stderr}");
    let page = dir.path().join("big.html");
    let (code, _, stderr) = run(
        &[
            "--graph",
            generated.to_str().expect("utf-8"),
            "export",
            "html",
            "--max-nodes",
            "150",
            "-o",
            page.to_str().expect("utf-8"),
        ],
        None,
    );
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains("the selection has 400 nodes"), "{stderr}");
    let report = drive(
        &page,
        &json!([{"open": ""}, {"state": "opened"}, {"dom": "dom"}]),
    );
    let state = &report["results"]["opened"];
    assert_eq!(state["drawn"], 150);
    assert_eq!(state["limit"]["asked"], 400);
    let body = report["results"]["dom"]["body"].as_str().expect("body");
    assert!(
        body.contains("Only part is drawn: the selection has 400 nodes"),
        "{body}"
    );
}
