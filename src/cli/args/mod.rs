//! Every command-line flag and subcommand, defined once with clap; doc comments are the help.
//! This file holds the top (the global flags, the subcommands, the help layout) and the
//! parsers the flags share; the flags of the questions and of import and export are in
//! `questions.rs` and `interchange.rs`.

mod interchange;
mod questions;

pub use interchange::*;
pub use questions::*;

use clap::builder::PossibleValuesParser;
use clap::{Args, CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};
use sanctions_graph::generate::FEWEST_NODES;
use sanctions_graph::model::Date;
use std::time::Duration;

const EXAMPLES: &str = "\
Examples (on the built-in Belarus potash graph):
  sgraph affects potash                        who restricts, eases or lifts potash, and how
  sgraph affects potash --as-of 2022-01-01     the same, on another day
  sgraph affected-by ofac                      the commodities OFAC's actions reach
  sgraph paths ofac potash --shortest          one shortest typed path
  sgraph timeline belavia                      sanctioned, licensed, delisted: a node's history
  sgraph neighbors belaruskali --depth 2       what is around a node
  sgraph show belaruskali                      a node's card: attributes and dated edges
  sgraph list --kind company                   the companies in the graph
  sgraph check                                 validate the graph and summarise it
  sgraph export dot --render svg -o g.svg      draw it with Graphviz
  sgraph diff --from 2025-01-01 --to 2025-12-31  what changed in 2025
  sgraph actions --by ofac --kind sanction --between 2023..2023
                                               every OFAC sanction of 2023
  sgraph find \"bo tai chinh\"                 nodes by id, name or alias
  sgraph affects potash --without \"General License 13\"
                                               the answer without an action

On other graphs:
  sgraph check graphs/ extra.ron               validate files and directories of .ron files
  cat my.ron | sgraph check -                  validate standard input
  sgraph --graph my-graphs/ affects potash     any command on other graph files
  sgraph import ftm entities.ftm.json -o out/  FollowTheMoney (OpenSanctions) to our RON
  sgraph --graph entities.ftm.json list        any command on a FollowTheMoney file
  sgraph export ftm -o graph.ftm.json          the graph as FollowTheMoney entities

Exit codes: 0 success; 1 the graph is invalid or the answer is no; 2 bad usage or
unreadable input.";

/// Who affects which commodity, through whom, since when, and on what evidence.
///
/// sgraph loads typed, dated, sourced graphs of sanctions, licences, delistings and
/// diplomacy written in RON, checks them, and answers questions about them. With no
/// `--graph`, every command runs on the curated Belarus potash graph built into the binary.
#[derive(Debug, Parser)]
#[command(name = "sgraph", version, before_help = EXAMPLES, max_term_width = 100)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,

    #[command(subcommand)]
    pub command: Option<Command>,
}

impl Cli {
    /// Parses the process's arguments, then checks what no single flag's parser can: that
    /// `--min-hops` is at most `--max-hops`.
    pub fn parse_checked() -> Result<Cli, clap::Error> {
        let cli = Cli::from_arg_matches(&command().try_get_matches()?)?;
        let search = match &cli.command {
            Some(Command::Paths(args)) => Some(&args.search),
            Some(Command::Export(ExportCommand::Dot(args))) => Some(&args.path_search),
            _ => None,
        };
        if let Some(message) = search.and_then(PathSearchArgs::conflict) {
            return Err(Cli::command().error(clap::error::ErrorKind::ArgumentConflict, message));
        }
        Ok(cli)
    }
}

/// How `--help` reads: the usage line first, then the examples, then what the command
/// does and its flags.
const HELP_TEMPLATE: &str =
    "{usage-heading} {usage}\n\n{before-help}{about-with-newline}\n{all-args}{after-help}";

/// The command line's definition, with every command's help laid out by [`HELP_TEMPLATE`].
pub fn command() -> clap::Command {
    fn laid_out(command: clap::Command) -> clap::Command {
        command
            .help_template(HELP_TEMPLATE)
            .mut_subcommands(laid_out)
    }
    laid_out(Cli::command())
}

/// Flags every command takes.
#[derive(Debug, Args)]
pub struct GlobalArgs {
    /// Load graph files instead of the built-in graph: a `.ron` file, a directory of them,
    /// `-` for standard input, or `builtin` for the built-in graph (`-g builtin -g mine/`).
    /// Repeat to load several; ids must be unique across them.
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

    /// How to read `--graph` inputs; `auto` reads `*.ftm.json` and `*.ftm.jsonl` files as
    /// FollowTheMoney and everything else as RON.
    #[arg(long, global = true, value_enum, default_value_t = InputFormat::Auto, value_name = "FORMAT")]
    pub input_format: InputFormat,

    /// FollowTheMoney input: skip bad lines and count them instead of stopping at the first.
    #[arg(long, global = true)]
    pub skip_invalid: bool,

    /// Do not read or write the cache of compiled graphs (see `sgraph compile --help`).
    #[arg(long, global = true)]
    pub no_cache: bool,

    /// Print every table row on one line, however wide; by default tables fit the width
    /// (`COLUMNS`, else the terminal's, else 100), wrapping their widest columns.
    #[arg(long, global = true)]
    pub wide: bool,
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
    /// CSV (RFC 4180), one row per record, for spreadsheets: on `list`, `actions`,
    /// `timeline`, `affects`, `affected-by`, `diff` and `find`.
    Csv,
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
        before_help = "Examples:\n  sgraph check\n  sgraph check graphs/\n  sgraph check a.ron b.ron --format json\n  cat a.ron | sgraph check -"
    )]
    Check {
        /// Files, directories or `-`; default: the `--graph` paths, else the built-in graph.
        #[arg(value_name = "PATH")]
        paths: Vec<String>,
    },

    /// Show a node's card: attributes, then every edge in and out in date order.
    #[command(
        before_help = "Examples:\n  sgraph show belavia\n  sgraph show potash --format json"
    )]
    Show {
        /// The node id (`sgraph list` shows them).
        id: String,
    },

    /// List the nodes, sorted by id.
    #[command(
        before_help = "Examples:\n  sgraph list\n  sgraph list --kind person\n  sgraph list --format json"
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
        before_help = "Examples:\n  sgraph compile graphs/ -o belarus.sgc\n  sgraph --graph belarus.sgc list --kind company"
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
        before_help = "Examples:\n  sgraph affects potash\n  sgraph affects potash --as-of 2021-07-01\n  sgraph affects potassium-chloride --as-of 2025-12-16\n  sgraph affects potash --as-of 2025-12-31 --format json\n\nA measure counts for the commodities it names (and the headings inside or around them,\n`partial` when it names only part), or, naming none, for what its target's economic ties\nreach. Each target stands where the latest measure in force puts it; `uncertain` when the\ndates' precision allows another order. With no --as-of the answer is as of today, and\nactions dated later are listed as scheduled."
    )]
    Affects(AffectsArgs),

    /// The commodities an actor's actions (and those of the bodies part of it) reach, with
    /// the same chains and effects as `affects`. Exit 1 when it reaches none.
    #[command(
        before_help = "Examples:\n  sgraph affected-by ofac\n  sgraph affected-by usa --as-of 2022-01-01"
    )]
    AffectedBy(AffectedByArgs),

    /// Every simple typed path between two nodes, shortest first; each edge on a path is
    /// listed with its kind, date and sources. Exit 1 when there is no path.
    #[command(before_help = PATHS_HELP)]
    Paths(PathsArgs),

    /// A node's history: the actions by it and on it in date order, with where it stands
    /// after each with each authority (BIS and OFAC act for the United States).
    #[command(
        before_help = "Examples:\n  sgraph timeline belavia\n  sgraph timeline belaruskali --as-of 2022-02-15\n\nWith --as-of, an action dated by month or year that straddles the date is kept and\nmarked `uncertain`."
    )]
    Timeline(TimelineArgs),

    /// The nodes within a few edges of a node.
    #[command(
        before_help = "Examples:\n  sgraph neighbors belaruskali\n  sgraph neighbors ofac --depth 2 --via part_of,sanction"
    )]
    Neighbors(NeighborsArgs),

    /// Write a generated graph: `graph.ron` in DIR (and `graph.json` with --json-edges).
    ///
    /// A realistic mix of node kinds (countries, blocs, bodies, companies, persons,
    /// commodities, aircraft), hubs among the first ids, every action dated and sourced.
    /// The same flags give the same bytes.
    #[command(
        before_help = "Examples:\n  sgraph generate --nodes 100000 -o /tmp/g100k\n  sgraph generate --nodes 10000 --edges-per-node 5 --seed 7 --json-edges -o /tmp/g10k\n  sgraph --graph /tmp/g100k check"
    )]
    Generate {
        /// The number of nodes, 23 (enough for every kind) to 50000000.
        #[arg(long, value_name = "N", value_parser = ranged::<FEWEST_NODES, 50_000_000>)]
        nodes: usize,

        /// Edges per node, on average, 0 to 100.
        #[arg(long, default_value_t = 5, value_name = "K", value_parser = ranged::<0, 100>)]
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
        before_help = "Examples:\n  sgraph completions bash > ~/.local/share/bash-completion/completions/sgraph\n  sgraph completions zsh > \"${fpath[1]}/_sgraph\"\n  sgraph completions fish > ~/.config/fish/completions/sgraph.fish"
    )]
    Completions {
        /// The shell.
        #[arg(value_enum)]
        shell: Shell,
    },

    /// Print the manual page (roff) to stdout.
    #[command(before_help = "Examples:\n  sgraph man > sgraph.1 && man ./sgraph.1")]
    Man,

    /// Import a graph from another format.
    #[command(
        subcommand,
        before_help = "Examples:\n  sgraph import ftm entities.ftm.json -o graphs/imported/\n  sgraph import ftm - < entities.ftm.json > imported.ron"
    )]
    Import(ImportCommand),

    /// Export the graph to another format.
    #[command(
        subcommand,
        before_help = "Examples:\n  sgraph export dot --render svg -o belarus.svg\n  sgraph export dot --commodity potash > potash.dot\n  sgraph export ftm -o belarus.ftm.json"
    )]
    Export(ExportCommand),

    /// What changed between two dates: the actions dated in the window, the licences and
    /// orders that ended in it, and every (commodity, target) whose standing changed, from
    /// what to what and by which action.
    ///
    /// The standings compared are those `sgraph affects --as-of` gives on each day, so the
    /// changes are exactly the difference of the two answers. Exit 1 when nothing changed.
    #[command(
        before_help = "Examples:\n  sgraph diff --from 2025-01-01 --to 2025-12-31\n  sgraph diff --from 2025-01-01 --to 2025-12-31 --commodity potash\n  sgraph diff --from 2021-07-01 --to 2022-07-01 --format csv > changes.csv"
    )]
    Diff(DiffArgs),

    /// Every action matching the filters, in date order, with its id, instrument, sources
    /// and notes. Exit 1 when none matches.
    #[command(
        before_help = "Examples:\n  sgraph actions --by ofac --kind sanction --between 2023..2023\n  sgraph actions --on belavia\n  sgraph actions --commodity potash --kind ease,lift --format csv\n  sgraph actions --by usa --between 2025-01..2025-12 --format json"
    )]
    Actions(ActionsArgs),

    /// The nodes whose id, name or alias contains a text, case and accents ignored, best
    /// match first. Exit 1 when none does.
    #[command(
        before_help = "Examples:\n  sgraph find belaruskali\n  sgraph find \"bo tai chinh\"\n  sgraph find potash --format json"
    )]
    Find(FindArgs),

    /// Where the cache of compiled graphs is and how big it is; `sgraph cache clear`
    /// empties it.
    #[command(
        before_help = "Examples:\n  sgraph cache\n  sgraph cache clear\n  SGRAPH_CACHE_DIR=/tmp/c sgraph cache --format json"
    )]
    Cache {
        /// What to do; with none, show the cache.
        #[command(subcommand)]
        command: Option<CacheCommand>,
    },
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

/// The most paths a command prints or draws: beyond it the output, not the search, would
/// grow without bound.
pub const MAX_PATHS: usize = 10_000;

/// The most edges on a path: far more than any path a person reads, and small enough that
/// the search's bookkeeping for it never strains memory.
pub const MAX_HOPS: usize = 1_000_000;

/// The most edges away from a node `--depth` goes: past the size of any graph sgraph loads,
/// so the cap only turns a typo into a usage error.
pub const MAX_DEPTH: usize = 1_000_000;

/// A whole number from `MIN` to `MAX`, both included.
fn ranged<const MIN: usize, const MAX: usize>(text: &str) -> Result<usize, String> {
    let number: usize = text
        .parse()
        .map_err(|_| format!("`{text}` is not a whole number; expected {MIN} to {MAX}"))?;
    if (MIN..=MAX).contains(&number) {
        Ok(number)
    } else {
        Err(format!("expected {MIN} to {MAX}"))
    }
}

fn parse_duration(text: &str) -> Result<Duration, String> {
    super::duration::parse(text)
}

/// `sgraph cache`.
#[derive(Debug, Subcommand)]
pub enum CacheCommand {
    /// Remove every cached graph (only the cache's own files).
    Clear,
}

fn action_kinds() -> PossibleValuesParser {
    PossibleValuesParser::new(
        sanctions_graph::model::EdgeKind::all()
            .filter(|kind| kind.is_action())
            .map(|kind| kind.as_str()),
    )
}
fn parse_date(text: &str) -> Result<sanctions_graph::model::Date, String> {
    text.parse()
        .map_err(|error: sanctions_graph::model::DateError| error.to_string())
}

fn node_kinds() -> PossibleValuesParser {
    PossibleValuesParser::new(sanctions_graph::model::NodeKind::ALL.map(|kind| kind.as_str()))
}
