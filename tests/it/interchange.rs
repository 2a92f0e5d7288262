//! `sgraph export opencypher` and `sgraph export ntriples` without an engine: every text
//! survives CSV quoting (read back by the csv crate) and N-Triples escaping (read back by a
//! strict reading of the W3C grammar), dates are typed by their precision, the directory
//! is written all or nothing, and the output is the same bytes every time.

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;
use std::sync::Arc;

use proptest::prelude::*;
use sanctions_graph::export::ntriples;
use sanctions_graph::export::opencypher::{self, OpenCypherOptions};
use sanctions_graph::model::{ActionKind, Date, Edge, EdgeKind, Node, NodeId, NodeKind, Origin};
use sanctions_graph::model::{Source, SourceId};
use sanctions_graph::SanctionsGraph;

use crate::support::{names_in, run};

fn origin() -> Origin {
    Origin {
        file: Arc::from("test.ron"),
        line: 1,
    }
}

/// A graph of a person and a company whose texts are the given strings, and a sanction
/// between them dated `date`.
fn graph(texts: &[String], date: Date) -> SanctionsGraph {
    let mut person = Node::new(
        NodeId::new("p"),
        NodeKind::Person,
        texts[0].clone(),
        origin(),
    );
    person.notes = Some(texts[1].clone());
    person.aliases = vec![texts[2].clone()];
    let company = Node::new(
        NodeId::new("c"),
        NodeKind::Company,
        texts[3].clone(),
        origin(),
    );
    let mut edge = Edge::new(
        EdgeKind::Action(ActionKind::Sanction),
        NodeId::new("p"),
        NodeId::new("c"),
        origin(),
    );
    edge.date = Some(date);
    edge.instrument = Some(texts[4].clone());
    edge.notes = Some(texts[5].clone());
    edge.sources = vec![SourceId::new("s")];
    let source = Source {
        id: SourceId::new("s"),
        publisher: texts[6].clone(),
        title: Some(texts[7].clone()),
        description: None,
        date: Some(date),
        url: Some(texts[8].clone()),
        identifier: None,
        language: None,
    };
    SanctionsGraph::new(vec![person, company], vec![edge], vec![source])
}

fn text() -> impl Strategy<Value = String> {
    let awkward = prop::sample::select(vec![
        '"', ',', '\r', '\n', '\\', ' ', ';', '\t', '\u{0}', '\u{7f}', '\u{85}', 'é', '<', '>',
    ]);
    prop::collection::vec(prop_oneof![awkward, any::<char>()], 0..12)
        .prop_map(|chars| chars.into_iter().collect())
}

fn date() -> impl Strategy<Value = Date> {
    (1i32..3000, 1u32..13, 1u32..29, 0..3).prop_map(|(year, month, day, precision)| match precision
    {
        0 => Date::year(year),
        1 => Date::ym(year, month).expect("a month"),
        _ => Date::ymd(year, month, day).expect("a day"),
    })
}

/// The rows of a CSV file, each a map from header to field.
fn read_csv(path: &Path) -> Vec<BTreeMap<String, String>> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .from_path(path)
        .expect("the file opens");
    let headers = reader.headers().expect("a header").clone();
    reader
        .records()
        .map(|record| {
            let record = record.expect("RFC 4180");
            headers
                .iter()
                .map(str::to_owned)
                .zip(record.iter().map(str::to_owned))
                .collect()
        })
        .collect()
}

/// One N-Triples term, read strictly: an IRI (`<...>` of allowed characters, absolute) or
/// a string literal (escapes as the grammar allows, then an optional datatype IRI).
#[derive(Debug, PartialEq)]
enum Term {
    Iri(String),
    Literal(String, Option<String>),
}

fn read_iri(text: &str) -> Result<(String, &str), String> {
    let rest = text.strip_prefix('<').ok_or("expected <")?;
    let end = rest.find('>').ok_or("unclosed IRI")?;
    let iri = &rest[..end];
    if let Some(bad) = iri.chars().find(|&c| c <= ' ' || "<>\"{}|^`\\".contains(c)) {
        return Err(format!("{bad:?} in IRI {iri:?}"));
    }
    let scheme = iri.split(':').next().unwrap_or_default();
    let scheme_ok = scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c));
    if !iri.contains(':') || !scheme_ok {
        return Err(format!("{iri:?} is not absolute"));
    }
    Ok((iri.to_owned(), &rest[end + 1..]))
}

fn read_term(text: &str) -> Result<(Term, &str), String> {
    if text.starts_with('<') {
        let (iri, rest) = read_iri(text)?;
        return Ok((Term::Iri(iri), rest));
    }
    let mut chars = text
        .strip_prefix('"')
        .ok_or("expected a term")?
        .char_indices();
    let mut value = String::new();
    let after = loop {
        let (at, c) = chars.next().ok_or("unclosed literal")?;
        match c {
            '"' => break at + 2,
            '\n' | '\r' => return Err("a raw line break in a literal".into()),
            '\\' => match chars.next().ok_or("a lone backslash")?.1 {
                't' => value.push('\t'),
                'b' => value.push('\u{8}'),
                'n' => value.push('\n'),
                'r' => value.push('\r'),
                'f' => value.push('\u{c}'),
                '"' => value.push('"'),
                '\'' => value.push('\''),
                '\\' => value.push('\\'),
                u @ ('u' | 'U') => {
                    let digits: String = (0..if u == 'u' { 4 } else { 8 })
                        .filter_map(|_| chars.next())
                        .map(|(_, c)| c)
                        .collect();
                    let code = u32::from_str_radix(&digits, 16).map_err(|e| e.to_string())?;
                    value.push(char::from_u32(code).ok_or("not a character")?);
                }
                other => return Err(format!("\\{other} is no N-Triples escape")),
            },
            c => value.push(c),
        }
    };
    let rest = &text[after..];
    match rest.strip_prefix("^^") {
        Some(typed) => {
            let (datatype, rest) = read_iri(typed)?;
            Ok((Term::Literal(value, Some(datatype)), rest))
        }
        None => Ok((Term::Literal(value, None), rest)),
    }
}

/// Every line of an N-Triples text as (subject, predicate, object), or what is wrong.
fn read_ntriples(text: &str) -> Result<Vec<(String, String, Term)>, String> {
    text.split_terminator('\n')
        .map(|line| {
            let (subject, rest) = read_iri(line)?;
            let (predicate, rest) = read_iri(rest.strip_prefix(' ').ok_or("expected a space")?)?;
            let (object, rest) = read_term(rest.strip_prefix(' ').ok_or("expected a space")?)?;
            if rest != " ." {
                return Err(format!("line ends with {rest:?}"));
            }
            Ok((subject, predicate, object))
        })
        .collect::<Result<_, String>>()
        .map_err(|error| format!("{error}\n{text}"))
}

fn literal_of(
    triples: &[(String, String, Term)],
    predicate: &str,
) -> Vec<(String, Option<String>)> {
    triples
        .iter()
        .filter(|(_, p, _)| p.ends_with(predicate))
        .filter_map(|(_, _, object)| match object {
            Term::Literal(value, datatype) => Some((value.clone(), datatype.clone())),
            Term::Iri(_) => None,
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn every_text_survives_csv_quoting(texts in prop::collection::vec(text(), 9), date in date(), reify: bool) {
        let graph = graph(&texts, date);
        let dir = tempfile::tempdir().expect("a temporary directory");
        opencypher::write(&graph, dir.path(), OpenCypherOptions { reify }).expect("written");
        let nodes = read_csv(&dir.path().join("nodes.csv"));
        let person = nodes.iter().find(|row| row["id:ID(Node)"] == "p").expect("the person");
        prop_assert_eq!(&person["name:String"], &texts[0]);
        prop_assert_eq!(&person["notes:String"], &texts[1]);
        prop_assert_eq!(&person["aliases:String"], &texts[2]);
        prop_assert_eq!(&person[":LABEL"], "Node;Actor;Person");
        let actions = read_csv(&dir.path().join("actions.csv"));
        prop_assert_eq!(actions.len(), 1);
        prop_assert_eq!(&actions[0]["instrument:String"], &texts[4]);
        prop_assert_eq!(&actions[0]["notes:String"], &texts[5]);
        prop_assert_eq!(&actions[0]["date:String"], &date.to_string());
        let sources = read_csv(&dir.path().join("sources.csv"));
        prop_assert_eq!(&sources[0]["publisher:String"], &texts[6]);
        prop_assert_eq!(&sources[0]["url:String"], &texts[8]);
    }

    #[test]
    fn every_literal_and_iri_parses_and_reads_back(texts in prop::collection::vec(text(), 9), date in date()) {
        let graph = graph(&texts, date);
        let mut bytes = Vec::new();
        ntriples::write(&graph, &mut bytes).expect("written");
        let text = String::from_utf8(bytes).expect("UTF-8");
        let triples = read_ntriples(&text).map_err(TestCaseError::fail)?;
        let labels = literal_of(&triples, "rdf-schema#label");
        prop_assert!(labels.contains(&(texts[0].clone(), None)));
        prop_assert!(labels.contains(&(texts[3].clone(), None)));
        prop_assert!(literal_of(&triples, "vocab:notes").contains(&(texts[5].clone(), None)));
        prop_assert_eq!(literal_of(&triples, "vocab:instrument"), vec![(texts[4].clone(), None)]);
        let datatype = match date.to_string().len() {
            4 => "gYear",
            7 => "gYearMonth",
            _ => "date",
        };
        let wanted = format!("http://www.w3.org/2001/XMLSchema#{datatype}");
        let dates = literal_of(&triples, "vocab:date");
        let typed = dates
            .iter()
            .all(|(value, ty)| value == &date.to_string() && ty.as_deref() == Some(wanted.as_str()));
        prop_assert!(typed, "{:?}", dates);
        prop_assert_eq!(dates.len(), 2, "the action's and the source's");
    }
}

#[test]
fn odd_ids_give_valid_iris() {
    assert_eq!(
        ntriples::iri("node", "a b/ü%"),
        "urn:sgraph:node:a%20b/%C3%BC%25"
    );
}

#[test]
fn the_builtin_graph_exports_as_strict_ntriples_with_every_precision_typed() {
    let (code, stdout, stderr) = run(&["export", "ntriples"], None);
    assert_eq!(code, 0, "{stderr}");
    let triples = read_ntriples(&stdout).expect("strict N-Triples");
    let datatypes: std::collections::BTreeSet<_> = literal_of(&triples, "vocab:date")
        .into_iter()
        .filter_map(|(_, datatype)| datatype)
        .collect();
    for wanted in ["date", "gYearMonth"] {
        let iri = format!("http://www.w3.org/2001/XMLSchema#{wanted}");
        assert!(datatypes.contains(&iri), "{wanted} in {datatypes:?}");
    }
    // The same bytes through a file.
    let dir = tempfile::tempdir().expect("a temporary directory");
    let file = dir.path().join("g.nt");
    let (code, _, stderr) = run(
        &["export", "ntriples", "-o", file.to_str().expect("UTF-8")],
        None,
    );
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stderr.contains(&format!("wrote {} triples", triples.len())),
        "{stderr}"
    );
    assert_eq!(fs::read_to_string(&file).expect("read"), stdout);
}

fn export_dir(dir: &Path, extra: &[&str]) -> (i32, String, String) {
    let mut args = vec!["export", "opencypher", "-o", dir.to_str().expect("UTF-8")];
    args.extend_from_slice(extra);
    run(&args, None)
}

fn contents(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    fs::read_dir(dir)
        .expect("list")
        .map(|entry| {
            let entry = entry.expect("entry");
            (
                entry.file_name().to_string_lossy().into_owned(),
                fs::read(entry.path()).expect("read"),
            )
        })
        .collect()
}

#[test]
fn opencypher_replaces_an_earlier_export_and_refuses_other_directories() {
    let root = tempfile::tempdir().expect("a temporary directory");
    let out = root.path().join("csv");
    let (code, _, stderr) = export_dir(&out, &["--reify"]);
    assert_eq!(code, 0, "{stderr}");
    let reified = contents(&out);
    assert!(reified.contains_key("cites.csv"), "{:?}", reified.keys());
    let (code, json, _) = export_dir(&out, &["--format", "json"]);
    assert_eq!(code, 0);
    let manifest: serde_json::Value = serde_json::from_str(&json).expect("JSON");
    assert_eq!(manifest["reified"], false);
    let plain = contents(&out);
    let names: Vec<&str> = plain.keys().map(String::as_str).collect();
    assert_eq!(
        names,
        [
            "actions.csv",
            "nodes.csv",
            "relations.csv",
            "sgraph-export.json",
            "sources.csv"
        ]
    );
    assert_eq!(
        serde_json::from_slice::<serde_json::Value>(&plain["sgraph-export.json"]).expect("JSON"),
        manifest
    );
    // The same bytes every time.
    let again = root.path().join("again");
    assert_eq!(export_dir(&again, &[]).0, 0);
    assert_eq!(contents(&again), plain);
    // Nothing but the export is left beside it.
    assert_eq!(names_in(root.path()), ["again", "csv"]);

    let mine = root.path().join("mine");
    fs::create_dir(&mine).expect("mkdir");
    fs::write(mine.join("notes.txt"), "keep").expect("write");
    let (code, _, stderr) = export_dir(&mine, &[]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("not an earlier export"), "{stderr}");
    assert_eq!(contents(&mine).len(), 1);
    let file = root.path().join("file");
    fs::write(&file, "x").expect("write");
    let (code, _, stderr) = export_dir(&file, &[]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("not a directory"), "{stderr}");
}

#[test]
fn the_new_commands_have_examples_and_refuse_json_for_triples() {
    for command in ["opencypher", "ntriples"] {
        let (code, help, _) = run(&["export", command, "--help"], None);
        assert_eq!(code, 0);
        assert!(help.contains("Examples:"), "{help}");
    }
    let (code, _, stderr) = run(&["--format", "json", "export", "ntriples"], None);
    assert_eq!(code, 2, "{stderr}");
    let (code, _, stderr) = run(&["export", "opencypher"], None);
    assert_eq!(code, 2, "-o is required: {stderr}");
}
