//! The validate stage's own error: what is wrong with a graph that parsed.

use crate::model::{Date, DateError, EdgeKind, NodeKind};

/// What is wrong with a graph that parsed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ValidateError {
    /// An id with characters other than lower-case letters, digits, `-`, `_` and `.`.
    #[error("`{id}` is not a valid id; ids use lower-case letters, digits, `-`, `_` and `.`")]
    InvalidId {
        /// The id as written.
        id: String,
    },
    /// Two nodes share an id.
    #[error("node id `{id}` is defined twice")]
    DuplicateNode {
        /// The id.
        id: String,
    },
    /// Two actions share an explicit id.
    #[error("action id `{id}` is defined twice")]
    DuplicateAction {
        /// The id.
        id: String,
    },
    /// Two sources share an id.
    #[error("source id `{id}` is defined twice")]
    DuplicateSource {
        /// The id.
        id: String,
    },
    /// A reference to a node that no loaded file defines.
    #[error("unknown node `{id}`")]
    UnknownNode {
        /// The id referred to.
        id: String,
    },
    /// A reference to a source that no loaded file defines.
    #[error("unknown source `{id}`")]
    UnknownSource {
        /// The id referred to.
        id: String,
    },
    /// An edge kind joined to a node kind it does not allow at that end.
    #[error("`{kind}` cannot {end} a {found} (`{id}`); expected {allowed}")]
    KindNotAllowed {
        /// The edge kind.
        kind: EdgeKind,
        /// `come from` or `go to`.
        end: &'static str,
        /// The node's id.
        id: String,
        /// The node's kind.
        found: NodeKind,
        /// The kinds allowed there, in words.
        allowed: String,
    },
    /// A reference whose node has the wrong kind (a `concerns` that is not a commodity).
    #[error("`{field}` must name {expected}, but `{id}` is a {found}")]
    WrongReferenceKind {
        /// The field.
        field: &'static str,
        /// The node's id.
        id: String,
        /// Its kind.
        found: NodeKind,
        /// The kinds allowed.
        expected: String,
    },
    /// An edge from a node to itself.
    #[error("`{kind}` goes from `{id}` to itself")]
    SelfLoop {
        /// The edge kind.
        kind: EdgeKind,
        /// The node.
        id: String,
    },
    /// A date that is malformed or does not exist.
    #[error("invalid date: {0}")]
    InvalidDate(#[from] DateError),
    /// A relation that ends before it begins.
    #[error("`until` ({until}) is before `since` ({since})")]
    EndsBeforeStart {
        /// The start.
        since: Date,
        /// The end.
        until: Date,
    },
    /// An action that ends before it happens.
    #[error("`until` ({until}) is before the action's `date` ({date})")]
    ActionEndsBeforeDate {
        /// The action's date.
        date: Date,
        /// Its end.
        until: Date,
    },
    /// A source with neither an address nor an official identifier (a warning).
    #[error("source `{id}` has neither a `url` nor an `identifier`: a reader cannot find it")]
    UnaddressedSource {
        /// The source id.
        id: String,
    },
    /// A date after today (a warning): an action not yet taken is counted as scheduled.
    #[error("`{field}` ({date}) is after today ({today})")]
    FutureDate {
        /// The field.
        field: &'static str,
        /// The date.
        date: Date,
        /// Today.
        today: Date,
    },
    /// The same relation given twice (a warning); it is counted once.
    #[error("this `{kind}` from `{from}` to `{to}` is given twice; it is counted once")]
    DuplicateRelation {
        /// The relation kind.
        kind: EdgeKind,
        /// Its subject.
        from: String,
        /// Its object.
        to: String,
    },
    /// Bodies that `part_of` joins in a circle, each part of itself through the others (a
    /// warning).
    #[error("`part_of` goes round in a circle through {members}: each is part of itself")]
    PartOfCycle {
        /// The ids on the circle, quoted, sorted, comma-separated.
        members: String,
    },
    /// Two files declare different dates their curation is complete to (a warning); the
    /// earliest holds for the graph.
    #[error("the files declare different `complete_to` dates; the earliest, {kept}, holds")]
    DifferentCompleteTo {
        /// The date kept.
        kept: Date,
    },
    /// A source with neither a title nor a description.
    #[error("source `{id}` has neither a `title` nor a `description`")]
    UndescribedSource {
        /// The source id.
        id: String,
    },
    /// An action that cites no source.
    #[error("this `{kind}` cites no source; every action needs at least one")]
    MissingSource {
        /// The action kind.
        kind: EdgeKind,
    },
    /// An `ease` or `lift` with no earlier `sanction` or `restrict` of the same target
    /// (a warning).
    #[error("`{kind}` of `{target}` on {date}, but no earlier `sanction` or `restrict` of `{target}` is in the graph")]
    ReliefWithoutSanction {
        /// `ease` or `lift`.
        kind: EdgeKind,
        /// The target id.
        target: String,
        /// The relief's date.
        date: Date,
    },
}

impl crate::diagnostic::StageError for ValidateError {
    fn code(&self) -> &'static str {
        match self {
            ValidateError::InvalidId { .. } => "invalid-id",
            ValidateError::DuplicateNode { .. } => "duplicate-id",
            ValidateError::DuplicateSource { .. } => "duplicate-source",
            ValidateError::DuplicateAction { .. } => "duplicate-action",
            ValidateError::UnknownNode { .. } => "unknown-id",
            ValidateError::UnknownSource { .. } => "unknown-source",
            ValidateError::KindNotAllowed { .. } => "kind-not-allowed",
            ValidateError::WrongReferenceKind { .. } => "wrong-reference-kind",
            ValidateError::SelfLoop { .. } => "self-loop",
            ValidateError::InvalidDate(_) => "invalid-date",
            ValidateError::EndsBeforeStart { .. } => "ends-before-start",
            ValidateError::MissingSource { .. } => "missing-source",
            ValidateError::UndescribedSource { .. } => "undescribed-source",
            ValidateError::ReliefWithoutSanction { .. } => "relief-without-sanction",
            ValidateError::ActionEndsBeforeDate { .. } => "ends-before-start",
            ValidateError::UnaddressedSource { .. } => "unaddressed-source",
            ValidateError::FutureDate { .. } => "future-date",
            ValidateError::DuplicateRelation { .. } => "duplicate-relation",
            ValidateError::PartOfCycle { .. } => "part-of-cycle",
            ValidateError::DifferentCompleteTo { .. } => "different-complete-to",
        }
    }
}
