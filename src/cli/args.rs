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
  sgraph export dot --render svg -o g.svg  draw the graph with Graphviz

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

    /// Export the graph, or part of it, for other tools.
    Export {
        #[command(subcommand)]
        command: ExportCommand,
    },
}

fn node_kinds() -> PossibleValuesParser {
    PossibleValuesParser::new(sanctions_graph::model::NodeKind::ALL.map(|kind| kind.as_str()))
}

/// What `sgraph export` writes.
#[derive(Debug, Subcommand)]
pub enum ExportCommand {
    /// A Graphviz diagram of the graph or part of it, as DOT (or SVG, PNG, PDF with
    /// `--render`).
    ///
    /// Node shape and colour give the kind, edge colour and style the effect (restrictive
    /// red, easing green dashed, lifting green bold, diplomacy blue, standing relations
    /// grey); a legend and a title with the dates come with it. The same input always gives
    /// the same bytes. Without `-o` the diagram goes to standard output.
    #[command(after_help = EXPORT_DOT_EXAMPLES)]
    Dot(DotArgs),
}

const EXPORT_DOT_EXAMPLES: &str = "\
Examples:
  sgraph export dot > graph.dot                   the whole graph as DOT
  sgraph export dot --render svg -o graph.svg     drawn by Graphviz's `dot`
  sgraph export dot --focus belavia --depth 2     two steps around Belavia
  sgraph export dot --as-of 2025-06 --cluster country
                                                  what stood in June 2025, boxed by country";

/// Flags of `sgraph export dot`.
#[derive(Debug, Args)]
pub struct DotArgs {
    /// Draw only the nodes at most `--depth` edges away from this node, either way.
    #[arg(long, value_name = "ID")]
    pub focus: Option<String>,

    /// How many edges away from `--focus` to go.
    #[arg(long, value_name = "N", default_value_t = 1, requires = "focus")]
    pub depth: usize,

    /// Draw only what stands at this date (YYYY, YYYY-MM or YYYY-MM-DD; a month or year
    /// counts to its last day): actions dated on or before it, relations holding on it.
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub as_of: Option<sanctions_graph::model::Date>,

    /// Group nodes into boxes: `country` boxes each country (or bloc) with the bodies,
    /// companies and persons whose `country` names it.
    #[arg(long, value_enum, value_name = "BY")]
    pub cluster: Option<ClusterBy>,

    /// Write to this file instead of standard output. The file is replaced in one step
    /// (a temporary file, then a rename): on any error an existing file stays as it was.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<std::path::PathBuf>,

    /// Draw the diagram with Graphviz's `dot` (which must be installed) instead of writing
    /// DOT. `png` and `pdf` need `-o`.
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub render: Option<RenderFormat>,
}

/// How to group nodes in a diagram.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ClusterBy {
    /// By the node's country, with the country node itself.
    Country,
}

/// What Graphviz renders a diagram to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RenderFormat {
    /// Scalable vector graphics (text).
    Svg,
    /// A PNG image.
    Png,
    /// A PDF document.
    Pdf,
}

fn parse_date(text: &str) -> Result<sanctions_graph::model::Date, String> {
    text.parse()
        .map_err(|error: sanctions_graph::model::DateError| error.to_string())
}
