//! The errors of the FollowTheMoney import: what is wrong with a line, and what an import
//! found that the user should know. They are this module's own, and reach a diagnostic
//! through [`StageError`] like every stage's errors.

use crate::diagnostic::StageError;

/// What is wrong with a line of a FollowTheMoney file, or what its import found.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FtmError {
    /// The input could not be read part-way.
    #[error("cannot read `{path}`: {reason}")]
    Unreadable {
        /// The input's name.
        path: String,
        /// The operating system's reason.
        reason: String,
    },
    /// A line is not UTF-8 text.
    #[error("the line is not UTF-8 text (invalid byte at offset {offset} of the line)")]
    NotUtf8 {
        /// Offset of the first invalid byte in the line.
        offset: usize,
    },
    /// A line is not a JSON object.
    #[error("invalid FtM line: {message}")]
    Json {
        /// What the JSON parser found.
        message: String,
    },
    /// An entity with no `id`.
    #[error("invalid FtM line: the entity has no `id`")]
    NoId,
    /// An entity with no `schema`.
    #[error("invalid FtM line: the entity has no `schema`")]
    NoSchema,
    /// A line longer than [`MAX_LINE_BYTES`](super::MAX_LINE_BYTES) (or with no end at all).
    #[error("the line is longer than {limit} bytes, the most an FtM line may hold")]
    LineTooLong {
        /// The cap, in bytes.
        limit: usize,
    },
    /// A property whose value is not a list of strings.
    #[error("invalid FtM line: property `{property}` must be a list of strings, found {found}")]
    NotStrings {
        /// The property.
        property: String,
        /// What it holds instead.
        found: &'static str,
    },
    /// A FollowTheMoney file given with other inputs.
    #[error("a FollowTheMoney input is loaded on its own: give exactly one, not {count}")]
    Mixed {
        /// How many inputs.
        count: usize,
    },
    /// The input holds no entity at all (empty, blank, or every line skipped).
    #[error("the input holds no FtM entity ({lines} lines read)")]
    NoEntities {
        /// Lines read, blank ones included.
        lines: usize,
    },
    /// Invalid lines were skipped (a warning).
    #[error("{count} invalid lines skipped")]
    Skipped {
        /// How many.
        count: usize,
    },
    /// `referents` that name another entity of the input, or that two entities claim (a
    /// warning).
    #[error("{count} `referents` values conflict with the input ({what}): {shown}")]
    Referents {
        /// How many values.
        count: usize,
        /// What the conflict is and how it was settled.
        what: &'static str,
        /// The first of them, comma-separated.
        shown: String,
    },
    /// References to entities the input does not hold (a warning).
    #[error("{count} referenced entities are not in the input; kept as unresolved nodes: {shown}")]
    Unresolved {
        /// How many ids.
        count: usize,
        /// The first of them, comma-separated.
        shown: String,
    },
}

impl StageError for FtmError {
    fn code(&self) -> &'static str {
        match self {
            FtmError::Unreadable { .. } => "unreadable",
            FtmError::NotUtf8 { .. } => "not-utf8",
            FtmError::LineTooLong { .. } => "ftm-line-too-long",
            FtmError::Json { .. } => "ftm-json",
            FtmError::NoId => "ftm-no-id",
            FtmError::NoSchema => "ftm-no-schema",
            FtmError::NotStrings { .. } => "ftm-not-strings",
            FtmError::Mixed { .. } => "ftm-mixed-inputs",
            FtmError::NoEntities { .. } => "ftm-no-entities",
            FtmError::Skipped { .. } => "ftm-skipped-lines",
            FtmError::Referents { .. } => "ftm-referent-conflict",
            FtmError::Unresolved { .. } => "ftm-unresolved",
        }
    }

    fn is_unreadable(&self) -> bool {
        matches!(self, FtmError::Unreadable { .. } | FtmError::Mixed { .. })
    }
}
