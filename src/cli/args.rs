//! Every command-line flag and subcommand, defined once with clap; doc comments are the help.

use clap::builder::PossibleValuesParser;
use clap::{Args, Parser, Subcommand, ValueEnum};

const EXAMPLES: &str = "\
Examples (on the built-in Belarus potash graph):
  sgraph check                          validate the built-in graph and summarise it
  sgraph list --kind company            the companies in the graph
  sgraph show belaruskali               a node's card: attributes and dated edges
  sgraph check graphs/ my-extra.ron     validate files and directories of .ron files
  cat my.ron | sgraph check -           validate standard input
  sgraph --graph my-graphs/ list        any command on other graph files
  sgraph import ftm sanctions.ftm.json -o out/
                                        FollowTheMoney entities to our RON files
  sgraph --graph sanctions.ftm.json show ofac-123
                                        any command on a FollowTheMoney file
  sgraph export ftm -o graph.ftm.json   the graph as FollowTheMoney entities

Exit codes: 0 success; 1 the graph is invalid or the answer is no; 2 bad usage or
unreadable input.";

/// Who affects which commodity, through whom, since when, and on what evidence.
///
/// sgraph loads typed, dated, sourced graphs of sanctions, licences, delistings and
/// diplomacy written in RON, checks them, and answers questions about them. With no
/// `--graph`, every command runs on the curated Belarus potash graph built into the binary.
#[derive(Debug, Parser)]
#[command(name = "sgraph", version, after_help = EXAMPLES, max_term_width = 100)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,

    #[command(subcommand)]
    pub command: Option<Command>,
}

/// Flags every command takes.
#[derive(Debug, Args)]
pub struct GlobalArgs {
    /// Load graph files instead of the built-in graph: a `.ron` file, a directory of them,
    /// or `-` for standard input. Repeat to load several; ids must be unique across them.
    #[arg(long, short = 'g', global = true, value_name = "PATH")]
    pub graph: Vec<String>,

    /// Output format.
    #[arg(long, short = 'f', global = true, value_enum, default_value_t = Format::Table)]
    pub format: Format,

    /// When to colour diagnostics; `auto` colours on a terminal unless NO_COLOR is set.
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    pub color: ColorChoice,

    /// Print no warnings, only errors.
    #[arg(long, short = 'q', global = true)]
    pub quiet: bool,

    /// How to read `--graph` inputs; `auto` reads `*.ftm.json` and `*.ftm.jsonl` files as
    /// FollowTheMoney and everything else as RON.
    #[arg(long, global = true, value_enum, default_value_t = InputFormat::Auto, value_name = "FORMAT")]
    pub input_format: InputFormat,

    /// FollowTheMoney input: skip bad lines and count them instead of stopping at the first.
    #[arg(long, global = true)]
    pub skip_invalid: bool,
}

/// Input formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum InputFormat {
    /// By file name.
    Auto,
    /// Our RON graph files.
    Ron,
    /// FollowTheMoney JSON lines, one entity a line.
    Ftm,
}

/// Output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// A table for people.
    Table,
    /// JSON for scripts (schema in docs/queries.md).
    Json,
}

/// When to colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// On a terminal, unless NO_COLOR is set.
    Auto,
    /// Always.
    Always,
    /// Never.
    Never,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Validate graph files and summarise them.
    ///
    /// Reports every problem of every file in one run, each with file:line:column, the
    /// offending text and a suggestion where one exists. Exit 0 when valid (warnings
    /// allowed), 1 when invalid, 2 when an input cannot be read.
    #[command(
        after_help = "Examples:\n  sgraph check\n  sgraph check graphs/\n  sgraph check a.ron b.ron --format json\n  cat a.ron | sgraph check -"
    )]
    Check {
        /// Files, directories or `-`; default: the `--graph` paths, else the built-in graph.
        #[arg(value_name = "PATH")]
        paths: Vec<String>,
    },

    /// Show a node's card: attributes, then every edge in and out in date order.
    #[command(after_help = "Examples:\n  sgraph show belavia\n  sgraph show potash --format json")]
    Show {
        /// The node id (`sgraph list` shows them).
        id: String,
    },

    /// List the nodes, sorted by id.
    #[command(
        after_help = "Examples:\n  sgraph list\n  sgraph list --kind person\n  sgraph list --format json"
    )]
    List {
        /// Only nodes of this kind.
        #[arg(long, short = 'k', value_parser = node_kinds())]
        kind: Option<String>,
    },

    /// Import a graph from another format.
    #[command(subcommand)]
    Import(ImportCommand),

    /// Export the graph to another format.
    #[command(subcommand)]
    Export(ExportCommand),
}

/// The formats `sgraph import` reads.
#[derive(Debug, Subcommand)]
pub enum ImportCommand {
    /// Import FollowTheMoney JSON lines (OpenSanctions) into our RON format.
    ///
    /// Writes `sources.ron`, `nodes.ron` and `edges.ron` into DIR (which `sgraph check DIR`
    /// loads), or one graph file to standard output; what was mapped, dropped or left
    /// unresolved goes to standard error, or to standard output with `-o`. A bad line stops
    /// the import unless `--skip-invalid` is given. The mapping is in docs/ftm.md.
    #[command(after_help = "Examples:
  sgraph import ftm entities.ftm.json -o graphs/opensanctions/
  curl -s URL | sgraph import ftm - --skip-invalid > imported.ron
  sgraph import ftm entities.ftm.json --as-of 2025-01-01 -o out/")]
    Ftm(ImportFtmArgs),
}

/// `sgraph import ftm`.
#[derive(Debug, Args)]
pub struct ImportFtmArgs {
    /// The FtM file, or `-` for standard input.
    #[arg(value_name = "FILE")]
    pub input: String,

    /// Write the RON files into this directory (created if missing) instead of printing one
    /// graph file.
    #[arg(long, short = 'o', value_name = "DIR")]
    pub output: Option<std::path::PathBuf>,

    /// A sanction whose `endDate` is on or before this day is lifted at its `endDate`;
    /// default: today.
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub as_of: Option<sanctions_graph::model::Date>,
}

/// The formats `sgraph export` writes.
#[derive(Debug, Subcommand)]
pub enum ExportCommand {
    /// Export the graph as FollowTheMoney JSON lines.
    ///
    /// Nodes become entities, sources `Document` entities, sanctions `Sanction` entities,
    /// other actions `Event` entities, relations FtM's interval schemata, countries ISO
    /// codes. What FtM cannot hold is counted on standard error (see docs/ftm.md).
    #[command(after_help = "Examples:
  sgraph export ftm > belarus.ftm.json
  sgraph --graph graphs/ export ftm -o graph.ftm.json")]
    Ftm(ExportFtmArgs),
}

/// `sgraph export ftm`.
#[derive(Debug, Args)]
pub struct ExportFtmArgs {
    /// Write to this file instead of standard output.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<std::path::PathBuf>,
}

fn parse_date(text: &str) -> Result<sanctions_graph::model::Date, String> {
    text.parse()
        .map_err(|error: sanctions_graph::model::DateError| error.to_string())
}

fn node_kinds() -> PossibleValuesParser {
    PossibleValuesParser::new(sanctions_graph::model::NodeKind::ALL.map(|kind| kind.as_str()))
}
