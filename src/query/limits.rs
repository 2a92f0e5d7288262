//! Bounds on a search: how far, how many, how long; and why an answer was cut short.

use std::fmt;
use std::time::Instant;

use serde::Serialize;

/// How far, how many and how long a search may go.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// The most edges on one path.
    pub max_hops: usize,
    /// The most results to return; one more found means the answer was cut short.
    pub max_results: usize,
    /// When to stop looking, if ever.
    pub deadline: Option<Instant>,
}

impl Default for Limits {
    /// Four hops, a hundred results, no deadline.
    fn default() -> Limits {
        Limits {
            max_hops: 4,
            max_results: 100,
            deadline: None,
        }
    }
}

impl Limits {
    /// Whether the deadline has passed.
    pub fn expired(&self) -> bool {
        self.deadline
            .is_some_and(|deadline| Instant::now() >= deadline)
    }
}

/// Why an answer is incomplete.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CutShort {
    /// More results exist than [`Limits::max_results`].
    Limit,
    /// The deadline passed before the search finished.
    Timeout,
}

impl fmt::Display for CutShort {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            CutShort::Limit => "limit",
            CutShort::Timeout => "timeout",
        })
    }
}

/// Checks the clock once every this many expansions, so that the check costs little.
pub(crate) const CLOCK_EVERY: u32 = 1024;
