//! Every command-line flag and subcommand, defined once with clap; doc comments are the help.

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

    /// Answer as of this date (YYYY, YYYY-MM or YYYY-MM-DD): measures taken by then and
    /// not ended, relations holding then; default: today (`SGRAPH_TODAY` sets today).
    #[arg(long, value_name = "DATE", conflicts_with = "between")]
    pub as_of: Option<Date>,

    /// Only actions dated inside this period, both ends included, with standings read on
    /// its last day: `2021-01-01..2022-12`.
    #[arg(long, value_name = "DATE..DATE", value_parser = parse_period)]
    pub between: Option<(Date, Date)>,

    /// Answer without this action (its id, as `sgraph actions` shows it) or these actions
    /// (an instrument's text, such as "General License 13"), and say what differs from
    /// the real answer. Repeatable.
    #[arg(long, value_name = "ACTION-OR-INSTRUMENT")]
    pub without: Vec<String>,
}

/// `sgraph affected-by`.
#[derive(Debug, Args)]
pub struct AffectedByArgs {
    /// The actor id.
    pub actor: String,

    /// Answer as of this date: measures taken by then and not ended, relations holding
    /// then; default: today.
    #[arg(long, value_name = "DATE", conflicts_with = "between")]
    pub as_of: Option<Date>,

    /// Only actions dated inside this period, both ends included, with standings read on
    /// its last day.
    #[arg(long, value_name = "DATE..DATE", value_parser = parse_period)]
    pub between: Option<(Date, Date)>,
}

/// `sgraph paths`.
#[derive(Debug, Args)]
pub struct PathsArgs {
    /// Where paths start.
    pub from: String,

    /// Where paths end.
    pub to: String,

    /// How to search.
    #[command(flatten)]
    pub search: PathSearchArgs,

    /// Only actions dated on or before this date; relations in force then.
    #[arg(long, value_name = "DATE", conflicts_with = "between")]
    pub as_of: Option<Date>,

    /// Only actions dated inside this period, both ends included: `2021-01-01..2022-12`.
    #[arg(long, value_name = "DATE..DATE", value_parser = parse_period)]
    pub between: Option<(Date, Date)>,
}

/// The search flags of `sgraph paths`, which `export dot --path` takes too. A flag left
/// out takes its default (see the accessors), so that `export dot` can tell whether any was
/// given without `--path`.
#[derive(Debug, Args)]
pub struct PathSearchArgs {
    /// The most edges on a path, 1 to 1000000 (default 4).
    #[arg(long, value_name = "N", value_parser = ranged::<1, MAX_HOPS>)]
    pub max_hops: Option<usize>,

    /// The fewest edges on a path, 0 to `--max-hops` (default 0).
    #[arg(long, value_name = "N", conflicts_with = "shortest", value_parser = ranged::<0, MAX_HOPS>)]
    pub min_hops: Option<usize>,

    /// Only these edge kinds, comma-separated.
    #[arg(long, value_delimiter = ',', value_parser = edge_kinds(), value_name = "KIND,...")]
    pub via: Vec<String>,

    /// Never these edge kinds, comma-separated.
    #[arg(long, value_delimiter = ',', value_parser = edge_kinds(), value_name = "KIND,...")]
    pub not_via: Vec<String>,

    /// Which way edges may be walked (default out).
    #[arg(long, value_enum)]
    pub direction: Option<Direction>,

    /// Only these node kinds in the middle of a path (never checked at the two ends).
    #[arg(long, value_delimiter = ',', value_parser = node_kinds(), value_name = "NODEKIND,...")]
    pub through_kind: Vec<String>,

    /// One shortest path, found by a search from both ends.
    #[arg(long, conflicts_with = "k")]
    pub shortest: bool,

    /// The N shortest paths (at most 10000).
    #[arg(short = 'k', value_name = "N", value_parser = ranged::<1, MAX_PATHS>)]
    pub k: Option<usize>,

    /// The most paths to give (default 100, at most 10000: the answer, not the search, is
    /// what would grow without bound).
    #[arg(long, value_name = "N", value_parser = ranged::<1, MAX_PATHS>)]
    pub limit: Option<usize>,

    /// Stop searching after this long: `500ms`, `10s`, `2m` (default 10s).
    #[arg(long, value_name = "DURATION", value_parser = parse_duration)]
    pub timeout: Option<Duration>,
}

impl PathSearchArgs {
    /// `--max-hops`, or 4.
    pub fn max_hops(&self) -> usize {
        self.max_hops.unwrap_or(4)
    }

    /// `--min-hops`, or 0.
    pub fn min_hops(&self) -> usize {
        self.min_hops.unwrap_or(0)
    }

    /// `--direction`, or out.
    pub fn direction(&self) -> Direction {
        self.direction.unwrap_or(Direction::Out)
    }

    /// `--limit`, or 100.
    pub fn limit(&self) -> usize {
        self.limit.unwrap_or(100)
    }

    /// `--timeout`, or ten seconds.
    pub fn timeout(&self) -> Duration {
        self.timeout.unwrap_or(Duration::from_secs(10))
    }

    /// Why the flags contradict each other, if they do.
    fn conflict(&self) -> Option<String> {
        let (min, max) = (self.min_hops(), self.max_hops());
        (min > max).then(|| {
            let given = if self.max_hops.is_some() {
                ""
            } else {
                " (the default)"
            };
            format!("--min-hops {min} is more than --max-hops {max}{given}")
        })
    }

    /// Whether any search flag was given.
    pub fn is_given(&self) -> bool {
        self.max_hops.is_some()
            || self.min_hops.is_some()
            || !self.via.is_empty()
            || !self.not_via.is_empty()
            || self.direction.is_some()
            || !self.through_kind.is_empty()
            || self.shortest
            || self.k.is_some()
            || self.limit.is_some()
            || self.timeout.is_some()
    }
}

/// `sgraph timeline`.
#[derive(Debug, Args)]
pub struct TimelineArgs {
    /// The node id.
    pub id: String,

    /// Only actions dated on or before this date.
    #[arg(long, value_name = "DATE", conflicts_with = "between")]
    pub as_of: Option<Date>,

    /// Only actions dated inside this period, both ends included, with statuses read on
    /// its last day.
    #[arg(long, value_name = "DATE..DATE", value_parser = parse_period)]
    pub between: Option<(Date, Date)>,
}

/// `sgraph neighbors`.
#[derive(Debug, Args)]
pub struct NeighborsArgs {
    /// The node id.
    pub id: String,

    /// The most edges from the node, 0 to 1000000.
    #[arg(long, default_value_t = 1, value_name = "N", value_parser = ranged::<0, MAX_DEPTH>)]
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

/// The formats `sgraph import` reads.
#[derive(Debug, Subcommand)]
pub enum ImportCommand {
    /// Import FollowTheMoney JSON lines (OpenSanctions) into our RON format.
    ///
    /// Writes `sources.ron`, `nodes.ron` and `edges.ron` into DIR (which `sgraph check DIR`
    /// loads), or one graph file to standard output; what was mapped, dropped or left
    /// unresolved goes to standard error, or to standard output with `-o`. A bad line stops
    /// the import unless `--skip-invalid` is given. The mapping is in docs/ftm.md.
    #[command(before_help = "Examples:
  sgraph import ftm entities.ftm.json -o graphs/opensanctions/
  curl -s URL | sgraph import ftm - --skip-invalid > imported.ron
  sgraph import ftm entities.ftm.json --as-of 2025-01-01 -o out/
  sgraph import ftm entities.ftm.json --authorities my-authorities.ron -o out/
  sgraph import ftm entities.ftm.json --rules my-rules.ron -o out/")]
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

    /// Sanction authorities of your own (RON, the format of data/ftm/authorities.ron), added
    /// to the built-in table; an entry with a built-in id replaces it.
    #[arg(long, value_name = "FILE")]
    pub authorities: Option<std::path::PathBuf>,

    /// Rules of your own that link entities to commodities (RON, the format of
    /// data/ftm/rules.ron), added to the built-in rules; a rule or commodity with a built-in
    /// id replaces it.
    #[arg(long, value_name = "FILE", conflicts_with = "no_rules")]
    pub rules: Option<std::path::PathBuf>,

    /// Apply no rules: link no entity to a commodity the input does not name.
    #[arg(long)]
    pub no_rules: bool,
}

/// The formats `sgraph export` writes.
#[derive(Debug, Subcommand)]
pub enum ExportCommand {
    /// Export the graph as FollowTheMoney JSON lines.
    ///
    /// Nodes become entities, sources `Document` entities, sanctions `Sanction` entities,
    /// other actions `Event` entities, relations FtM's interval schemata, countries ISO
    /// codes. What FtM cannot hold is counted on standard error (see docs/ftm.md).
    #[command(before_help = "Examples:
  sgraph export ftm > belarus.ftm.json
  sgraph --graph graphs/ export ftm -o graph.ftm.json")]
    Ftm(ExportFtmArgs),

    /// A Graphviz diagram of the graph or part of it, as DOT (or SVG, PNG, PDF with
    /// `--render`).
    ///
    /// Node shape and colour give the kind, edge colour and style the effect (restrictive
    /// red, easing green dashed, lifting green bold, diplomacy blue, standing relations
    /// grey); a legend and a title with the dates come with it. The same input always gives
    /// the same bytes. Without `-o` the diagram goes to standard output.
    #[command(before_help = EXPORT_DOT_EXAMPLES)]
    Dot(Box<DotArgs>),

    /// One self-contained HTML page to explore the graph (or part of it) through time.
    ///
    /// A date slider shows what stood on each day (the address keeps it: `#as-of=2021-07-01`),
    /// choosing a commodity lights who affects it on that day, as `sgraph affects` answers
    /// (computed here, for every day where the answer changes), and a click on a node or an
    /// edge shows its card with dates, instrument, notes and sources. Search, filters by
    /// kind, a legend and country boxes come with it. Scripts, style and data are inline:
    /// the page makes no request and opens with no network. Above 1500 nodes it draws the
    /// 1500 nearest the selection's centre and says so.
    #[command(before_help = EXPORT_HTML_EXAMPLES)]
    Html(Box<HtmlArgs>),

    /// openCypher CSV files for Neo4j (`neo4j-admin database import full`), Amazon Neptune
    /// (bulk loader format `opencypher`) and engines that read CSV (FalkorDB's LOAD CSV).
    ///
    /// Writes `nodes.csv`, `sources.csv`, `actions.csv`, `relations.csv` (with `--reify`
    /// also `acts.csv`, `targets.csv`, `concerns.csv`, `cites.csv`) and the manifest
    /// `sgraph-export.json` into DIR, all or nothing: the files go to a temporary directory
    /// beside DIR, which then takes its place. DIR must be new, empty or an earlier export
    /// (which is replaced whole). Dates keep their text and precision, with their first and
    /// last day as `DateTime` columns. How to load and query: docs/engines.md.
    #[command(before_help = EXPORT_OPENCYPHER_EXAMPLES)]
    Opencypher(ExportOpenCypherArgs),

    /// N-Triples for RDF stores (Oxigraph, Amazon Neptune's `ntriples`, ...).
    ///
    /// Nodes, sources, actions and relations as resources with IRIs made from their ids
    /// (`urn:sgraph:node:ID`), dates typed by their precision (`xsd:date`,
    /// `xsd:gYearMonth`, `xsd:gYear`) with first and last days; the vocabulary is in
    /// docs/engines.md. Without `-o` the triples go to standard output as they are made.
    #[command(before_help = EXPORT_NTRIPLES_EXAMPLES)]
    Ntriples(ExportNTriplesArgs),
}

const EXPORT_OPENCYPHER_EXAMPLES: &str = "\
Examples:
  sgraph export opencypher -o csv/              actions as relationships
  sgraph export opencypher --reify -o csv/      actions as nodes, lists kept as relationships
  neo4j-admin database import full --nodes=csv/nodes.csv --nodes=csv/sources.csv \\
      --relationships=csv/actions.csv --relationships=csv/relations.csv \\
      --multiline-fields=true --ignore-empty-strings=true neo4j
                                                loaded into Neo4j (docs/engines.md)";

const EXPORT_NTRIPLES_EXAMPLES: &str = "\
Examples:
  sgraph export ntriples -o graph.nt            to a file, replaced in one step
  sgraph export ntriples | gzip > graph.nt.gz   to standard output
  oxigraph load --location store/ --file graph.nt";

/// `sgraph export opencypher`.
#[derive(Debug, Args)]
pub struct ExportOpenCypherArgs {
    /// The directory to write (new, empty, or an earlier export, which is replaced).
    #[arg(long, short = 'o', value_name = "DIR")]
    pub output: std::path::PathBuf,

    /// Write each action as a node, `(:Node)-[:ACTS]->(:Action)-[:TARGETS]->(:Node)`, with
    /// `(:Action)-[:CONCERNS]->(:Node)` and `(:Action)-[:CITES]->(:Source)`, instead of one
    /// relationship whose commodities and sources are joined with `;`.
    #[arg(long)]
    pub reify: bool,
}

/// `sgraph export ntriples`.
#[derive(Debug, Args)]
pub struct ExportNTriplesArgs {
    /// Write to this file instead of standard output. The file is replaced in one step
    /// (a temporary file, then a rename): on any error an existing file stays as it was.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<std::path::PathBuf>,
}

/// `sgraph diff`.
#[derive(Debug, Args)]
pub struct DiffArgs {
    /// The first day: standings as of it are the "before" (YYYY, YYYY-MM or YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    pub from: Date,

    /// The second day: standings as of it are the "after".
    #[arg(long, value_name = "DATE")]
    pub to: Date,

    /// Only this commodity (and the actions reaching it); default: every commodity.
    #[arg(long, value_name = "ID")]
    pub commodity: Option<String>,

    /// The most entries of each list, 1 to 100000.
    #[arg(long, default_value_t = 1000, value_name = "N", value_parser = ranged::<1, 100_000>)]
    pub limit: usize,
}

/// `sgraph actions`.
#[derive(Debug, Args)]
pub struct ActionsArgs {
    /// Only actions by this actor or a body part of it (`usa`: OFAC's and BIS's too).
    #[arg(long, value_name = "ID")]
    pub by: Option<String>,

    /// Only actions on this target.
    #[arg(long, value_name = "ID")]
    pub on: Option<String>,

    /// Only these action kinds, comma-separated.
    #[arg(long, value_delimiter = ',', value_parser = action_kinds(), value_name = "KIND,...")]
    pub kind: Vec<String>,

    /// Only actions dated inside this period, both ends included: `2023..2023`,
    /// `2021-06..2022-03-15`.
    #[arg(long, value_name = "DATE..DATE", value_parser = parse_period)]
    pub between: Option<(Date, Date)>,

    /// Only actions that reach this commodity (by the scope rules of `affects`).
    #[arg(long, value_name = "ID")]
    pub commodity: Option<String>,

    /// The most actions to list, 1 to 1000000.
    #[arg(long, default_value_t = 10_000, value_name = "N", value_parser = ranged::<1, 1_000_000>)]
    pub limit: usize,
}

/// `sgraph find`.
#[derive(Debug, Args)]
pub struct FindArgs {
    /// What to look for in ids, names and aliases (case and accents ignored).
    pub text: String,

    /// The most nodes to list, 1 to 100000.
    #[arg(long, default_value_t = 50, value_name = "N", value_parser = ranged::<1, 100_000>)]
    pub limit: usize,
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

const EXPORT_DOT_EXAMPLES: &str = "\
Examples:
  sgraph export dot > graph.dot                   the whole graph as DOT
  sgraph export dot --render svg -o graph.svg     drawn by Graphviz's `dot`
  sgraph export dot --focus belavia --depth 2     two steps around Belavia
  sgraph export dot --commodity potash            what affects potash
  sgraph export dot --path ofac potash --max-hops 3
                                                  the paths from OFAC to potash, highlighted
  sgraph export dot --as-of 2025-06 --cluster country
                                                  what stood in June 2025, boxed by country";

/// Flags of `sgraph export dot`.
#[derive(Debug, Args)]
pub struct DotArgs {
    /// Draw only the nodes at most `--depth` edges away from this node, either way.
    #[arg(long, value_name = "ID", conflicts_with_all = ["commodity", "path"])]
    pub focus: Option<String>,

    /// How many edges away from `--focus` to go, 0 to 1000000.
    #[arg(long, value_name = "N", default_value_t = 1, requires = "focus", value_parser = ranged::<0, MAX_DEPTH>)]
    pub depth: usize,

    /// Draw what affects this commodity (as `sgraph affects` finds it): every explaining
    /// chain and the actions that decide each target's standing.
    #[arg(long, value_name = "ID", conflicts_with = "path")]
    pub commodity: Option<String>,

    /// Draw the paths between two nodes (as `sgraph paths` finds them, with the flags
    /// below), highlighted on a faded context of their neighbours.
    #[arg(long, num_args = 2, value_names = ["FROM", "TO"])]
    pub path: Option<Vec<String>>,

    /// How `--path` searches.
    #[command(
        flatten,
        next_help_heading = "Path search (with --path, as in `sgraph paths`)"
    )]
    pub path_search: PathSearchArgs,

    /// Draw only what stands at this date (YYYY, YYYY-MM or YYYY-MM-DD), as `sgraph paths`
    /// counts it: actions dated on or before it, relations in force then; an edge whose
    /// date straddles it is drawn with "uncertain as of".
    #[arg(long, value_name = "DATE")]
    pub as_of: Option<Date>,

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

const EXPORT_HTML_EXAMPLES: &str = "\
Examples:
  sgraph export html -o graph.html                       the whole graph, explored in a browser
  sgraph export html --commodity potash -o potash.html   what affects potash, potash chosen
  sgraph export html --focus belavia --depth 2 -o b.html  two steps around Belavia
  sgraph export html --as-of 2021-07-01 -o g.html        the slider starts on 1 July 2021
  sgraph --graph entities.ftm.json export html -o o.html  an OpenSanctions import";

/// Flags of `sgraph export html`.
#[derive(Debug, Args)]
pub struct HtmlArgs {
    /// Draw only the nodes at most `--depth` edges away from this node, either way.
    #[arg(long, value_name = "ID", conflicts_with = "commodity")]
    pub focus: Option<String>,

    /// How many edges away from `--focus` to go, 0 to 1000000.
    #[arg(long, value_name = "N", default_value_t = 1, requires = "focus", value_parser = ranged::<0, MAX_DEPTH>)]
    pub depth: usize,

    /// Draw what affects this commodity at any date (as `export dot --commodity` does,
    /// without `--as-of`), with the commodity chosen when the page opens.
    #[arg(long, value_name = "ID")]
    pub commodity: Option<String>,

    /// The day the date slider starts at (YYYY-MM-DD; a month or year starts at its first
    /// day); default: today, as for `sgraph affects`. The page's address
    /// (`#as-of=DATE`) overrides it.
    #[arg(long, value_name = "DATE")]
    pub as_of: Option<Date>,

    /// The most nodes the page draws, 1 to 100000; a bigger selection is cut to this many
    /// nodes nearest its centre (the `--focus` or `--commodity` node, else the node with
    /// the most edges), with a note on the page and on standard error.
    #[arg(long, value_name = "N", default_value_t = sanctions_graph::export::html::MAX_NODES,
          value_parser = ranged::<1, 100_000>)]
    pub max_nodes: usize,

    /// Write to this file instead of standard output. The file is replaced in one step
    /// (a temporary file, then a rename): on any error an existing file stays as it was.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<std::path::PathBuf>,
}
