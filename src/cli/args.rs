//! Every command-line flag and subcommand, defined once with clap; doc comments are the help.

use clap::builder::PossibleValuesParser;
use clap::{Args, Parser, Subcommand, ValueEnum};
use sanctions_graph::model::Date;
use std::time::Duration;

const EXAMPLES: &str = "\
Examples (on the built-in Belarus potash graph):
  sgraph check                          validate the built-in graph and summarise it
  sgraph list --kind company            the companies in the graph
  sgraph show belaruskali               a node's card: attributes and dated edges
  sgraph check graphs/ my-extra.ron     validate files and directories of .ron files
  cat my.ron | sgraph check -           validate standard input
  sgraph --graph my-graphs/ list        any command on other graph files
  sgraph affects potash --as-of 2022-01-01   who restricts, eases or lifts potash, and how
  sgraph affected-by ofac               the commodities OFAC's actions reach
  sgraph paths ofac potash --shortest   one shortest typed path
  sgraph timeline belavia               a node's history, with its standing after each action
  sgraph neighbors belaruskali --depth 2

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
    #[arg(long, short = 'q', global = true, conflicts_with = "verbose")]
    pub quiet: bool,

    /// Say on stderr what was loaded and how long each stage took.
    #[arg(long, short = 'v', global = true)]
    pub verbose: bool,

    /// Do not read or write the cache of compiled graphs (see `sgraph compile --help`).
    #[arg(long, global = true)]
    pub no_cache: bool,
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

    /// Compile graph files into one compiled graph (`.sgc`) that loads without parsing or
    /// validating again.
    ///
    /// The graph is validated first, as `check` does; an invalid graph is not compiled.
    /// Every command takes the compiled file with `--graph FILE.sgc`. A compiled file from
    /// another format version, or one that fails its checksum, is refused (exit 2).
    ///
    /// Graphs loaded from text are also compiled into a cache, keyed on the texts, when
    /// they total 1 MiB or more and load without warnings: in `$SGRAPH_CACHE_DIR`, else
    /// `$XDG_CACHE_HOME/sgraph`, else `~/.cache/sgraph`. `--no-cache` turns it off.
    #[command(
        after_help = "Examples:\n  sgraph compile graphs/ -o belarus.sgc\n  sgraph --graph belarus.sgc list --kind company"
    )]
    Compile {
        /// Files, directories or `-`.
        #[arg(value_name = "PATH", required = true)]
        paths: Vec<String>,

        /// Where to write the compiled graph.
        #[arg(long, short = 'o', value_name = "FILE.sgc")]
        output: String,
    },

    /// Who affects a commodity: every actor whose actions reach it, with the shortest
    /// explaining chain and the net effect as of a date.
    ///
    /// An action reaches the commodity when it names it (or a narrower heading part of it),
    /// or when it is a measure on a target tied to the commodity by economic relations
    /// (produces, exports, owns, operates, subsidiary_of, sells_through); never through
    /// political ones (leads, envoy_of, allied_with, member_of). Each acting body is listed,
    /// and so is every body it is part of. Effects: restrictive, eased (by licence), lifted,
    /// mixed, pledged (diplomatic actions naming the commodity). Exit 1 when no actor does.
    #[command(
        after_help = "Examples:\n  sgraph affects potash\n  sgraph affects potash --as-of 2021-07-01\n  sgraph affects potash --as-of 2025-12-31 --format json"
    )]
    Affects(AffectsArgs),

    /// The commodities an actor's actions (and those of the bodies part of it) reach, with
    /// the same chains and effects as `affects`. Exit 1 when it reaches none.
    #[command(
        after_help = "Examples:\n  sgraph affected-by ofac\n  sgraph affected-by usa --as-of 2022-01-01"
    )]
    AffectedBy(AffectedByArgs),

    /// Every simple typed path between two nodes, shortest first; each edge on a path is
    /// listed with its kind, date and sources. Exit 1 when there is no path.
    #[command(after_help = PATHS_HELP)]
    Paths(PathsArgs),

    /// A node's history: the actions by it and on it in date order, with where it stands
    /// after each with each authority (BIS and OFAC act for the United States).
    #[command(
        after_help = "Examples:\n  sgraph timeline belavia\n  sgraph timeline belaruskali --as-of 2022-02-15\n\nWith --as-of, an action dated by month or year that straddles the date is kept and\nmarked `uncertain`."
    )]
    Timeline(TimelineArgs),

    /// The nodes within a few edges of a node.
    #[command(
        after_help = "Examples:\n  sgraph neighbors belaruskali\n  sgraph neighbors ofac --depth 2 --via part_of,sanction"
    )]
    Neighbors(NeighborsArgs),

    /// Write a generated graph: `graph.ron` in DIR (and `graph.json` with --json-edges).
    ///
    /// A realistic mix of node kinds (countries, blocs, bodies, companies, persons,
    /// commodities, aircraft), hubs among the first ids, every action dated and sourced.
    /// The same flags give the same bytes.
    #[command(
        after_help = "Examples:\n  sgraph generate --nodes 100000 -o /tmp/g100k\n  sgraph generate --nodes 10000 --edges-per-node 5 --seed 7 --json-edges -o /tmp/g10k\n  sgraph --graph /tmp/g100k check"
    )]
    Generate {
        /// The number of nodes.
        #[arg(long, value_name = "N")]
        nodes: usize,

        /// Edges per node, on average.
        #[arg(long, default_value_t = 5, value_name = "K")]
        edges_per_node: usize,

        /// The seed of the pseudo-random numbers.
        #[arg(long, default_value_t = 1, value_name = "S")]
        seed: u64,

        /// Also write `graph.json`, the plain node/edge JSON of the same graph (ids, kinds,
        /// dates, concerns) for other tools. (`--format` is every command's output format.)
        #[arg(long)]
        json_edges: bool,

        /// The directory to write into (created if missing).
        #[arg(long, short = 'o', value_name = "DIR")]
        output: String,
    },

    /// Print a shell completion script to stdout.
    #[command(
        after_help = "Examples:\n  sgraph completions bash > ~/.local/share/bash-completion/completions/sgraph\n  sgraph completions zsh > \"${fpath[1]}/_sgraph\"\n  sgraph completions fish > ~/.config/fish/completions/sgraph.fish"
    )]
    Completions {
        /// The shell.
        #[arg(value_enum)]
        shell: Shell,
    },

    /// Print the manual page (roff) to stdout.
    #[command(after_help = "Examples:\n  sgraph man > sgraph.1 && man ./sgraph.1")]
    Man,
}

/// The shells `sgraph completions` writes for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Shell {
    /// Bash.
    Bash,
    /// Zsh.
    Zsh,
    /// Fish.
    Fish,
    /// Elvish.
    Elvish,
    /// PowerShell.
    Powershell,
}

const PATHS_HELP: &str = "\
Examples:
  sgraph paths ofac potash
  sgraph paths usa potash --direction both --via part_of,sanction,ease,produces
  sgraph paths eu belaruskali --direction both --through-kind body,country,bloc,company
  sgraph paths ofac belavia --as-of 2024-01-01
  sgraph paths usa potash --direction both --shortest
  sgraph paths usa potash --direction both -k 3 --format json

--as-of keeps actions dated on or before the date (one dated by month or year that
straddles it is kept and marked uncertain) and relations in force then; --between keeps
actions dated inside the period.";

/// `sgraph affects`.
#[derive(Debug, Args)]
pub struct AffectsArgs {
    /// The commodity id (`sgraph list --kind commodity` shows them).
    pub commodity: String,

    /// Only actions dated on or before this date (YYYY, YYYY-MM or YYYY-MM-DD); default:
    /// every action.
    #[arg(long, value_name = "DATE")]
    pub as_of: Option<Date>,
}

/// `sgraph affected-by`.
#[derive(Debug, Args)]
pub struct AffectedByArgs {
    /// The actor id.
    pub actor: String,

    /// Only actions dated on or before this date; default: every action.
    #[arg(long, value_name = "DATE")]
    pub as_of: Option<Date>,
}

/// `sgraph paths`.
#[derive(Debug, Args)]
pub struct PathsArgs {
    /// Where paths start.
    pub from: String,

    /// Where paths end.
    pub to: String,

    /// The most edges on a path.
    #[arg(long, default_value_t = 4, value_name = "N")]
    pub max_hops: usize,

    /// The fewest edges on a path.
    #[arg(
        long,
        default_value_t = 0,
        value_name = "N",
        conflicts_with = "shortest"
    )]
    pub min_hops: usize,

    /// Only these edge kinds, comma-separated.
    #[arg(long, value_delimiter = ',', value_parser = edge_kinds(), value_name = "KIND,...")]
    pub via: Vec<String>,

    /// Never these edge kinds, comma-separated.
    #[arg(long, value_delimiter = ',', value_parser = edge_kinds(), value_name = "KIND,...")]
    pub not_via: Vec<String>,

    /// Which way edges may be walked.
    #[arg(long, value_enum, default_value_t = Direction::Out)]
    pub direction: Direction,

    /// Only these node kinds in the middle of a path (never checked at the two ends).
    #[arg(long, value_delimiter = ',', value_parser = node_kinds(), value_name = "NODEKIND,...")]
    pub through_kind: Vec<String>,

    /// Only actions dated on or before this date; relations in force then.
    #[arg(long, value_name = "DATE", conflicts_with = "between")]
    pub as_of: Option<Date>,

    /// Only actions dated inside this period, both ends included: `2021-01-01..2022-12`.
    #[arg(long, value_name = "DATE..DATE", value_parser = parse_period)]
    pub between: Option<(Date, Date)>,

    /// One shortest path, found by a search from both ends.
    #[arg(long, conflicts_with = "k")]
    pub shortest: bool,

    /// The N shortest paths.
    #[arg(short = 'k', value_name = "N")]
    pub k: Option<usize>,

    /// The most paths to print.
    #[arg(long, default_value_t = 100, value_name = "N")]
    pub limit: usize,

    /// Stop searching after this long: `500ms`, `10s`, `2m`.
    #[arg(long, default_value = "10s", value_name = "DURATION", value_parser = parse_duration)]
    pub timeout: Duration,
}

/// `sgraph timeline`.
#[derive(Debug, Args)]
pub struct TimelineArgs {
    /// The node id.
    pub id: String,

    /// Only actions dated on or before this date.
    #[arg(long, value_name = "DATE")]
    pub as_of: Option<Date>,
}

/// `sgraph neighbors`.
#[derive(Debug, Args)]
pub struct NeighborsArgs {
    /// The node id.
    pub id: String,

    /// The most edges from the node.
    #[arg(long, default_value_t = 1, value_name = "N")]
    pub depth: usize,

    /// Only these edge kinds, comma-separated.
    #[arg(long, value_delimiter = ',', value_parser = edge_kinds(), value_name = "KIND,...")]
    pub via: Vec<String>,

    /// Which way edges may be walked.
    #[arg(long, value_enum, default_value_t = Direction::Both)]
    pub direction: Direction,

    /// Only actions dated on or before this date; relations in force then.
    #[arg(long, value_name = "DATE")]
    pub as_of: Option<Date>,
}

/// Which way edges may be walked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Direction {
    /// From each edge's `from` to its `to`.
    Out,
    /// From each edge's `to` to its `from`.
    In,
    /// Either way.
    Both,
}

fn edge_kinds() -> PossibleValuesParser {
    PossibleValuesParser::new(sanctions_graph::model::EdgeKind::all().map(|kind| kind.as_str()))
}

fn parse_period(text: &str) -> Result<(Date, Date), String> {
    let (start, end) = text
        .split_once("..")
        .ok_or_else(|| format!("`{text}` is not a period; expected DATE..DATE"))?;
    let start: Date = start.parse().map_err(|error| format!("{error}"))?;
    let end: Date = end.parse().map_err(|error| format!("{error}"))?;
    if end < start {
        return Err(format!(
            "the period ends ({end}) before it starts ({start})"
        ));
    }
    Ok((start, end))
}

fn parse_duration(text: &str) -> Result<Duration, String> {
    super::duration::parse(text)
}

fn node_kinds() -> PossibleValuesParser {
    PossibleValuesParser::new(sanctions_graph::model::NodeKind::ALL.map(|kind| kind.as_str()))
}
