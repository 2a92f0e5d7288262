//! Tests that an answer written to stdout costs no memory in proportion to its size
//! beyond what the query itself holds (`affects`, `paths`, `export dot`): the binary's
//! tests count the live bytes of each thread with the integration tests' allocator
//! (`tests/it/counting.rs`).

use std::io::{self, Write};

use clap::Parser;
use sanctions_graph::export::Selection;
use sanctions_graph::query::{self, When};

use super::args::{AffectsArgs, Cli, Command, ExportCommand, Format};
use super::counting::peak_bytes;
use super::{export, queries};

/// A sink that counts the bytes written to it.
#[derive(Default)]
struct Counted(usize);

impl Write for Counted {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        self.0 += bytes.len();
        Ok(bytes.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// Potash, produced by one company that `actors` countries sanction, each on its own.
fn hub(actors: usize) -> String {
    let mut text = String::from(
        "Graph(nodes: [Commodity(id: \"potash\", name: \"Potash\"), Company(id: \"co\", name: \"Co\"),\n",
    );
    for i in 0..actors {
        text.push_str(&format!("Country(id: \"c{i}\", name: \"Country {i}\"),\n"));
    }
    text.push_str(
        "], edges: [Relation(kind: Produces, from: \"co\", to: \"potash\", sources: [\"s\"]),\n",
    );
    for i in 0..actors {
        text.push_str(&format!(
            "Action(kind: Sanction, from: \"c{i}\", to: \"co\", date: \"2021-01-01\", instrument: \"Decree {i}\", sources: [\"s\"]),\n"
        ));
    }
    text.push_str(
        "], sources: [Source(id: \"s\", publisher: \"p\", title: \"t\", url: \"https://example.org\")])",
    );
    text
}

/// For a hub of `actors`: the peak bytes of the query alone, of the whole command writing
/// its JSON answer, and the bytes of the answer.
fn measure(actors: usize) -> (usize, usize, usize) {
    let loaded = sanctions_graph::load_str("hub.ron", &hub(actors)).expect("the hub is valid");
    let potash = loaded.graph.index_of("potash").expect("potash");
    let day = "2022-01-01".parse().expect("a date");
    let (found, query) = peak_bytes(|| query::affects(&loaded.graph, potash, When::AsOf(day)));
    assert_eq!(found.len(), actors);
    drop(found);
    let args = AffectsArgs {
        commodity: "potash".to_owned(),
        as_of: Some(day),
        between: None,
        without: Vec::new(),
        limit: None,
    };
    let mut out = Counted::default();
    let (report, command) = peak_bytes(|| {
        queries::affects(&loaded, &args, Format::Json, &mut out).expect("a sink takes all")
    });
    assert!(report.stderr.is_empty(), "{}", report.stderr);
    (query, command, out.0)
}

#[test]
fn a_json_answer_costs_no_memory_in_proportion_to_its_size_beyond_the_query() {
    for actors in [1_000, 8_000] {
        let (query, command, written) = measure(actors);
        let extra = command.saturating_sub(query);
        // The answer is ~1.5 KB per actor; writing it whole would hold all of it (and a
        // JSON tree of it several times over). Written entry by entry, what the command
        // holds beyond the query is its output buffer and one entry.
        assert!(
            written > actors * 1000,
            "{written} bytes for {actors} actors"
        );
        assert!(
            extra < 256 << 10,
            "{actors} actors: the query peaks at {query} bytes, the command at {command}, for an answer of {written} bytes"
        );
    }
}

/// Potash, produced by `companies` companies that one country sanctions, each on its
/// own: as many paths from the country to potash.
fn fan(companies: usize) -> String {
    let mut text = String::from(
        "Graph(nodes: [Commodity(id: \"potash\", name: \"Potash\"), Country(id: \"c\", name: \"C\"),\n",
    );
    for i in 0..companies {
        text.push_str(&format!("Company(id: \"m{i}\", name: \"Company {i}\"),\n"));
    }
    text.push_str("], edges: [\n");
    for i in 0..companies {
        text.push_str(&format!(
            "Action(kind: Sanction, from: \"c\", to: \"m{i}\", date: \"2021-01-01\", instrument: \"Decree {i}\", sources: [\"s\"]),\n\
             Relation(kind: Produces, from: \"m{i}\", to: \"potash\", sources: [\"s\"]),\n"
        ));
    }
    text.push_str(
        "], sources: [Source(id: \"s\", publisher: \"p\", title: \"t\", url: \"https://example.org\")])",
    );
    text
}

/// The command line `args` (after `sgraph`), parsed.
fn parsed(args: &[&str]) -> Cli {
    Cli::try_parse_from(std::iter::once("sgraph").chain(args.iter().copied()))
        .expect("the flags parse")
}

#[test]
fn a_json_answer_of_paths_is_written_path_by_path() {
    for companies in [1_000, 8_000] {
        let loaded =
            sanctions_graph::load_str("fan.ron", &fan(companies)).expect("the fan is valid");
        let limit = companies.to_string();
        let cli = parsed(&["paths", "c", "potash", "--limit", &limit]);
        let Some(Command::Paths(args)) = cli.command else {
            unreachable!("parsed as paths")
        };
        let graph = &loaded.graph;
        let ends = (
            graph.index_of("c").expect("c"),
            graph.index_of("potash").expect("potash"),
        );
        let (found, query) =
            peak_bytes(|| queries::search_paths(graph, ends, When::Always, &args.search));
        drop(found);
        let mut out = Counted::default();
        let (report, command) = peak_bytes(|| {
            queries::paths(&loaded, &args, Format::Json, &mut out).expect("a sink takes all")
        });
        assert!(report.stderr.is_empty(), "{}", report.stderr);
        let extra = command.saturating_sub(query);
        // Written whole, the answer would be held as text and as a JSON tree before a byte
        // went out: more than its own size. Written path by path, the command holds the
        // table of the edges walked (a few bytes each) and one path's JSON.
        assert!(
            out.0 > companies * 500,
            "{} bytes for {companies} paths",
            out.0
        );
        assert!(
            extra < out.0 / 4,
            "{companies} paths: the search peaks at {query} bytes, the command at {command}, for an answer of {} bytes",
            out.0
        );
    }
}

#[test]
fn export_dot_draws_into_its_output_without_holding_the_diagram() {
    for actors in [1_000, 8_000] {
        let loaded = sanctions_graph::load_str("hub.ron", &hub(actors)).expect("the hub is valid");
        let cli = parsed(&["export", "dot"]);
        let Some(Command::Export(ExportCommand::Dot(args))) = cli.command else {
            unreachable!("parsed as export dot")
        };
        let (selection, picked) = peak_bytes(|| Selection::whole(&loaded.graph));
        drop(selection);
        let mut out = Counted::default();
        let (report, command) = peak_bytes(|| {
            export::dot(&loaded, &args, &cli.global, &mut out).expect("a sink takes all")
        });
        assert!(report.stderr.is_empty(), "{}", report.stderr);
        let extra = command.saturating_sub(picked);
        // Drawn into a buffer, the diagram would be held whole (twice, as bytes and as
        // text); drawn into the output, the command holds the order of nodes and edges.
        assert!(out.0 > actors * 200, "{} bytes for {actors} actors", out.0);
        assert!(
            extra < out.0 / 4,
            "{actors} actors: the selection peaks at {picked} bytes, the command at {command}, for a diagram of {} bytes",
            out.0
        );
    }
}
