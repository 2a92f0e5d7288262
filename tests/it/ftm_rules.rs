//! FollowTheMoney rules: imported entities linked to commodities by their sector, their
//! classification code, a sanction's program or their name, each link citing the rule and
//! the value it matched; `affects potash` on OpenSanctions-style lines through the CLI.

use crate::support::run;

const AUTHORITIES: &str = "tests/data/ftm/authorities.ftm.jsonl";
const LINES: &str = "tests/data/ftm/rules.ftm.jsonl";
const EXTRA: &str = "tests/data/ftm/rules-extra.ron";

#[test]
fn affects_potash_answers_with_the_chain_and_the_rule_as_evidence() {
    let (code, stdout, stderr) = run(&["--graph", AUTHORITIES, "affects", "potash"], None);
    assert_eq!(code, 0, "{stderr}");
    // OFAC sanctioned Belaruskali, which the built-in rules link to potash by its sector.
    assert!(stdout.contains("ofac (restrictive, 2 hops)"), "{stdout}");
    assert!(
        stdout.contains("nk-belaruskali  -produces->  potash"),
        "{stdout}"
    );
    assert!(stdout.contains("rule-potash-sector-"), "{stdout}");
    // BPC is linked by its name, as an exporter.
    assert!(stdout.contains("nk-bpc  -exports->   potash"), "{stdout}");
    // And up the authorities' chains to their countries.
    assert!(stdout.contains("us (restrictive, 4 hops)"), "{stdout}");

    let (code, stdout, stderr) = run(&["--graph", AUTHORITIES, "--wide", "show", "potash"], None);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stdout.contains("Rule `potash-sector`: sector contains \"potash\""),
        "{stdout}"
    );
    let (code, stdout, stderr) = run(
        &[
            "--graph",
            AUTHORITIES,
            "--format",
            "json",
            "show",
            "nk-belaruskali",
        ],
        None,
    );
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stdout.contains(r#"by rule `potash-sector`: sector \"Potash mining\""#),
        "{stdout}"
    );
}

#[test]
fn codes_programs_and_rules_of_ones_own() {
    let (code, ron, stderr) = run(&["import", "ftm", LINES, "--rules", EXTRA], None);
    assert_eq!(code, 0, "{stderr}");
    for edge in [
        // An HS code, by the built-in rule and by the file's own.
        r#"Relation(kind: Produces, from: "co-trader", to: "potash", sources: ["rule-potash-hs-code-"#,
        r#"Relation(kind: Exports, from: "co-trader", to: "potassium-chloride", sources: ["rule-mop-hs-code-"#,
        // A sector.
        r#"Relation(kind: Produces, from: "co-mine", to: "potash", sources: ["rule-potash-sector-"#,
        // A sanction's program links the sanctioned company.
        r#"Relation(kind: Produces, from: "co-other", to: "potash", sources: ["rule-example-potash-program-"#,
    ] {
        assert!(ron.contains(edge), "{edge} missing from\n{ron}");
    }
    assert!(
        ron.contains(
            r#"Commodity(id: "potassium-chloride", name: "Potassium chloride", hs: ["3104.20"])"#
        ),
        "{ron}"
    );
    // A tobacco company's own code and sector match nothing.
    assert_eq!(ron.matches(r#"from: "co-other", to: "potash""#).count(), 1);
    // A person cannot produce: that link is dropped and counted, never silently.
    assert!(
        stderr.contains("dropped edges      Rule from a person to a commodity 1"),
        "{stderr}"
    );
    assert!(
        stderr.contains(
            "linked by rules    example-potash-program 1, mop-hs-code 1, potash-hs-code 1, potash-sector 1"
        ),
        "{stderr}"
    );
    // A property a rule matched is used; the tobacco company's are not.
    assert!(
        stderr.contains("unused properties  Company.classification 1, Company.sector 1"),
        "{stderr}"
    );
    // The result passes `check`.
    let (code, _, stderr) = run(&["--graph", "-", "check"], Some(&ron));
    assert_eq!(code, 0, "{stderr}");

    let (code, stdout, stderr) = run(&["--format", "json", "import", "ftm", LINES, "-o"], None);
    assert_eq!(code, 2, "{stdout}{stderr}");
}

#[test]
fn the_import_counts_rule_links_in_json() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let out = dir.path().to_str().expect("UTF-8");
    let (code, stdout, stderr) = run(
        &["--format", "json", "import", "ftm", LINES, "-o", out],
        None,
    );
    assert_eq!(code, 0, "{stderr}");
    let json: serde_json::Value = serde_json::from_str(&stdout).expect("JSON");
    assert_eq!(json["stats"]["rule_links"]["potash-sector"], 1, "{stdout}");
    assert_eq!(json["stats"]["rule_links"]["potash-hs-code"], 1, "{stdout}");
}

#[test]
fn no_rules_links_nothing() {
    let (code, ron, stderr) = run(&["import", "ftm", LINES, "--no-rules"], None);
    assert_eq!(code, 0, "{stderr}");
    assert!(!ron.contains("Commodity("), "{ron}");
    assert!(!stderr.contains("linked by rules"), "{stderr}");
    let (code, _, stderr) = run(
        &["import", "ftm", LINES, "--no-rules", "--rules", EXTRA],
        None,
    );
    assert_eq!(code, 2, "{stderr}");
}

#[test]
fn an_invalid_rules_file_stops_the_import_with_what_is_wrong() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    for (text, expected) in [
        (
            r#"Rules(rules: [Rule(id: "x", schemata: ["Company"], property: "sector", matches: Contains("oil"), relation: "owns", commodity: "potash")])"#,
            "`owns` is not a relation that ends at a commodity",
        ),
        (
            r#"Rules(rules: [Rule(id: "x", schemata: ["Company"], property: "sector", matches: Contains("oil"), relation: "produces", commodity: "crude-oil")])"#,
            "links to `crude-oil`, which is not among the commodities",
        ),
        (
            r#"Rules(rules: [Rule(id: "x", schemata: ["Company"], property: "sector", matches: Code(""), relation: "produces", commodity: "potash")])"#,
            "needs schemata, a property and a non-empty match",
        ),
        (
            r#"Rules(commodities: [Commodity(id: "Bad Id", name: "x")])"#,
            "`Bad Id` is not a valid id",
        ),
        ("Rules(rules: [", "at line 1"),
    ] {
        let path = dir.path().join("rules.ron");
        std::fs::write(&path, text).expect("written");
        let path = path.to_str().expect("UTF-8");
        let (code, _, stderr) = run(&["import", "ftm", LINES, "--rules", path], None);
        assert_eq!(code, 1, "{stderr}");
        assert!(stderr.contains("invalid rules file"), "{stderr}");
        assert!(stderr.contains(expected), "{expected}: {stderr}");
    }
    let missing = dir.path().join("missing.ron");
    let (code, _, stderr) = run(
        &[
            "import",
            "ftm",
            LINES,
            "--rules",
            missing.to_str().expect("UTF-8"),
        ],
        None,
    );
    assert_eq!(code, 2, "{stderr}");
}
