//! Problems found in input files, with their locations, ready for the binary to render.
//!
//! Each stage owns its typed error enum (the loader's `LoadError`, the validator's
//! `ValidateError`) and says what a diagnostic needs of it by implementing [`StageError`];
//! a [`Diagnostic`] pairs one of them with where it happened, related places and a
//! suggested fix. This module names no stage: it sits just above [`crate::source`].

use std::fmt;
use std::sync::Arc;

use serde::Serialize;

use crate::source::{FileId, FileSpan, SourceMap};

/// A place in a file with what to say about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    /// Where.
    pub span: FileSpan,
    /// What about it; may be empty.
    pub message: String,
}

impl Label {
    /// A label.
    pub fn new(span: FileSpan, message: impl Into<String>) -> Label {
        Label {
            span,
            message: message.into(),
        }
    }
}

/// How serious a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// The graph is invalid.
    Error,
    /// The graph is valid but something looks wrong.
    Warning,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        })
    }
}

/// What a stage's error tells a [`Diagnostic`]: a stable code, and whether it means an
/// input could not be read at all. Each stage implements it for its own error enum.
pub trait StageError: std::error::Error + Send + Sync + 'static {
    /// A short, stable name for the kind of problem, for scripts and docs.
    fn code(&self) -> &'static str;

    /// Whether an input could not be read at all (as opposed to read and found invalid).
    fn is_unreadable(&self) -> bool {
        false
    }
}

/// The typed problem behind a diagnostic: one stage's error, kept whole so that a caller
/// can ask for it back with [`Problem::downcast_ref`].
#[derive(Clone)]
pub struct Problem {
    error: Arc<dyn std::error::Error + Send + Sync>,
    code: &'static str,
    unreadable: bool,
}

impl Problem {
    /// A short, stable name for the kind of problem, for scripts and docs.
    pub fn code(&self) -> &'static str {
        self.code
    }

    /// Whether an input could not be read at all.
    pub fn is_unreadable(&self) -> bool {
        self.unreadable
    }

    /// The stage's error, if it is of type `E`.
    pub fn downcast_ref<E: StageError>(&self) -> Option<&E> {
        self.error.downcast_ref::<E>()
    }
}

impl<E: StageError> From<E> for Problem {
    fn from(error: E) -> Problem {
        Problem {
            code: error.code(),
            unreadable: error.is_unreadable(),
            error: Arc::new(error),
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.error, f)
    }
}

impl fmt::Debug for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.error, f)
    }
}

impl std::error::Error for Problem {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.error.source()
    }
}

/// Two problems are equal when they have the same code and say the same thing.
impl PartialEq for Problem {
    fn eq(&self, other: &Problem) -> bool {
        self.code == other.code && self.to_string() == other.to_string()
    }
}

impl Eq for Problem {}

/// One problem, where it is, and what to do about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// What is wrong.
    pub problem: Problem,
    /// The offending text, when the problem has a place.
    pub primary: Option<Label>,
    /// Other places that explain it (the first definition of a duplicate id).
    pub related: Vec<Label>,
    /// A suggested fix.
    pub help: Option<String>,
}

impl Diagnostic {
    /// An error with no place yet.
    pub fn error(problem: impl Into<Problem>) -> Diagnostic {
        Diagnostic {
            severity: Severity::Error,
            problem: problem.into(),
            primary: None,
            related: Vec::new(),
            help: None,
        }
    }

    /// A warning with no place yet.
    pub fn warning(problem: impl Into<Problem>) -> Diagnostic {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(problem)
        }
    }

    /// Sets the offending text.
    pub fn at(mut self, span: FileSpan, message: impl Into<String>) -> Diagnostic {
        self.primary = Some(Label::new(span, message));
        self
    }

    /// Adds a related place.
    pub fn with_related(mut self, span: FileSpan, message: impl Into<String>) -> Diagnostic {
        self.related.push(Label::new(span, message));
        self
    }

    /// Sets the suggested fix.
    pub fn with_help(mut self, help: impl Into<String>) -> Diagnostic {
        self.help = Some(help.into());
        self
    }

    /// Sets the suggested fix if there is one.
    pub fn with_help_opt(mut self, help: Option<String>) -> Diagnostic {
        self.help = help;
        self
    }

    /// Whether this is an error (not a warning).
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// The sort key that gives a stable report order: file, offset, then message.
    pub fn sort_key(&self) -> (Option<(FileId, usize)>, String) {
        (
            self.primary
                .as_ref()
                .map(|label| (label.span.file, label.span.range.start)),
            self.problem.to_string(),
        )
    }
}

/// Inputs that did not give a valid graph: every problem found, errors and warnings, in a
/// stable order, and the texts they point into.
#[derive(Debug, Clone)]
pub struct Failed {
    /// Every problem found.
    pub diagnostics: Vec<Diagnostic>,
    /// The loaded texts.
    pub sources: SourceMap,
}

impl Failed {
    /// Whether some input could not be read at all (as opposed to read and found invalid).
    pub fn is_unreadable(&self) -> bool {
        self.diagnostics
            .iter()
            .any(|diagnostic| diagnostic.problem.is_unreadable())
    }
}

/// Sorts diagnostics into the stable report order.
pub fn sort(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by_cached_key(Diagnostic::sort_key);
}
