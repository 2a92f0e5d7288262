//! Load stage: read `.ron` inputs and parse them, item by item, into [`mod@file`] types with
//! the span of every value kept.
//!
//! A file that is not valid RON stops at its first syntax error (ron cannot go on past
//! one). A file that is valid RON is parsed one item at a time, so that every item with an
//! unknown field, a missing field or a wrong type is reported in the same run.

pub mod builtin;
pub mod file;
pub mod lex;
pub mod quick;
pub mod spans;

mod input;
mod item;
mod parse;
mod ron_error;

use crate::diagnostic::StageError;

pub use input::{read_inputs, Input, BYTE_ORDER_MARK, MAX_FILE_BYTES};
pub use item::{Item, Pending};
pub use parse::{parse, parse_edge, parse_with_progress, ron_options, ParsedGraph, Progress};

/// What went wrong while reading or parsing an input.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LoadError {
    /// A path could not be read (missing, no permission, a directory given as a file).
    #[error("cannot read `{path}`: {reason}")]
    Unreadable {
        /// The path as given.
        path: String,
        /// The operating system's reason.
        reason: String,
    },
    /// A file is too large to load.
    #[error("`{path}` {}, more than the {limit} bytes a graph file may have", size_text(*.bytes))]
    TooLarge {
        /// The path as given.
        path: String,
        /// Its size, when known; a pipe or device is only read up to the limit.
        bytes: Option<u64>,
        /// The limit.
        limit: u64,
    },
    /// A link met in a directory walk leads to a directory or file already read, so it is
    /// not followed (a link loop would otherwise be walked without end).
    #[error("skipped `{path}`: it leads to `{target}`, which is already read")]
    SkippedLink {
        /// The link, as found in the walk.
        path: String,
        /// Where it leads, resolved.
        target: String,
    },
    /// A file is not UTF-8 text.
    #[error("`{path}` is not UTF-8 text (invalid byte at offset {offset})")]
    NotUtf8 {
        /// The path as given.
        path: String,
        /// Offset of the first invalid byte.
        offset: usize,
    },
    /// A directory holds no `.ron` file.
    #[error("no `.ron` file in directory `{path}`")]
    NoGraphFiles {
        /// The directory as given.
        path: String,
    },
    /// A file holds nothing but white space and comments.
    #[error("the file is empty; expected `Graph(sources: [...], nodes: [...], edges: [...])`")]
    Empty,
    /// The text is not valid RON.
    #[error("invalid RON: {message}")]
    Syntax {
        /// What ron expected.
        message: String,
    },
    /// The top-level value is not `Graph(...)`.
    #[error("expected `Graph(...)` at the top of the file, found {found}")]
    NotAGraph {
        /// What was there instead.
        found: String,
    },
    /// A top-level field that the format does not have.
    #[error("unknown field `{field}` in `Graph`; expected one of `sources`, `nodes`, `edges`")]
    UnknownField {
        /// The field name.
        field: String,
    },
    /// A top-level field given twice.
    #[error("field `{field}` is given twice in `Graph`")]
    DuplicateField {
        /// The field name.
        field: String,
    },
    /// A top-level field that is not a list.
    #[error("`{field}` must be a list `[...]`")]
    NotAList {
        /// The field name.
        field: String,
    },
    /// A top-level field that takes a date but holds something else.
    #[error("`{field}` must be a date in quotes")]
    NotADateText {
        /// The field name.
        field: String,
    },
    /// An item whose fields or values do not fit its type.
    #[error("invalid {what}: {message}")]
    Item {
        /// `source`, `node` or `edge`.
        what: &'static str,
        /// What ron found wrong.
        message: String,
    },
}

fn size_text(bytes: Option<u64>) -> String {
    match bytes {
        Some(bytes) => format!("is {bytes} bytes"),
        None => "goes on past the limit".to_owned(),
    }
}

impl StageError for LoadError {
    fn code(&self) -> &'static str {
        match self {
            LoadError::Unreadable { .. } => "unreadable",
            LoadError::TooLarge { .. } => "too-large",
            LoadError::SkippedLink { .. } => "skipped-link",
            LoadError::NotUtf8 { .. } => "not-utf8",
            LoadError::NoGraphFiles { .. } => "no-graph-files",
            LoadError::Empty => "empty-file",
            LoadError::Syntax { .. } => "syntax",
            LoadError::NotAGraph { .. } => "not-a-graph",
            LoadError::UnknownField { .. } => "unknown-field",
            LoadError::DuplicateField { .. } => "duplicate-field",
            LoadError::NotAList { .. } => "not-a-list",
            LoadError::NotADateText { .. } => "not-a-date-text",
            LoadError::Item { .. } => "invalid-item",
        }
    }

    fn is_unreadable(&self) -> bool {
        matches!(
            self,
            LoadError::Unreadable { .. }
                | LoadError::TooLarge { .. }
                | LoadError::NotUtf8 { .. }
                | LoadError::NoGraphFiles { .. }
        )
    }
}
