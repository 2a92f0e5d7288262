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

    /// Compile graph files into one compiled graph (`.sgc`) that loads in milliseconds.
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

fn node_kinds() -> PossibleValuesParser {
    PossibleValuesParser::new(sanctions_graph::model::NodeKind::ALL.map(|kind| kind.as_str()))
}
