//! The flags of the questions: `affects`, `affected-by`, `paths`, `timeline`, `neighbors`,
//! `diff`, `actions` and `find`.

use std::time::Duration;

use clap::{Args, ValueEnum};
use sanctions_graph::model::Date;

use super::{
    action_kinds, edge_kinds, node_kinds, parse_duration, parse_period, ranged, MAX_DEPTH,
    MAX_HOPS, MAX_PATHS,
};

pub(super) const PATHS_HELP: &str = "\
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

    /// The most actors to show, 1 to 10000000 (default: 50 in a table, every one in JSON
    /// and CSV); a cut answer says how many there are.
    #[arg(long, value_name = "N", value_parser = ranged::<1, 10_000_000>)]
    pub limit: Option<usize>,
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

    /// The most commodities to show, 1 to 10000000 (default: 50 in a table, every one in JSON
    /// and CSV); a cut answer says how many there are.
    #[arg(long, value_name = "N", value_parser = ranged::<1, 10_000_000>)]
    pub limit: Option<usize>,
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
    pub(super) fn conflict(&self) -> Option<String> {
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

    /// The most actions to show, the earliest first, 1 to 10000000 (default: 50 in a
    /// table, every one in JSON and CSV); a cut answer says how many there are.
    #[arg(long, value_name = "N", value_parser = ranged::<1, 10_000_000>)]
    pub limit: Option<usize>,
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

    /// The most actions to show, 1 to 10000000 (default: 50 in a table, every one in JSON
    /// and CSV); a cut answer says how many there are.
    #[arg(long, value_name = "N", value_parser = ranged::<1, 10_000_000>)]
    pub limit: Option<usize>,
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
