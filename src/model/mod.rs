//! Domain types: nodes, edges and sources after validation, with typed ids and dates.
//!
//! These are not the file format (see [`crate::load::file`]) and are not deserialized:
//! they can change without breaking graph files.

pub mod date;
pub mod kinds;

use std::fmt;
use std::sync::Arc;

use serde::Serialize;

pub use date::{Date, DateError, Precision};
pub use kinds::{ActionKind, EdgeKind, Effect, NodeKind, RelationKind};

macro_rules! string_id {
    ($(#[$meta:meta])* $name:ident) => {
        $(#[$meta])*
        ///
        /// The text is shared: cloning an id (every edge names two nodes) copies a pointer,
        /// not the text.
        #[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub struct $name(Arc<str>);

        impl $name {
            /// Wraps an id.
            pub fn new(id: impl AsRef<str>) -> Self {
                Self(Arc::from(id.as_ref()))
            }

            /// The id as text.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(&self.0)
            }
        }

        impl std::borrow::Borrow<str> for $name {
            fn borrow(&self) -> &str {
                &self.0
            }
        }
    };
}

string_id!(
    /// The stable id of a node, `belaruskali`.
    NodeId
);
string_id!(
    /// The stable id of a source, `reuters-2025-12-15`.
    SourceId
);

/// Where an item was defined: file name and 1-based line.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Origin {
    /// The file name as loaded (`builtin:us-measures.ron`, a path, `<stdin>`); shared by
    /// every item of the file.
    pub file: Arc<str>,
    /// The 1-based line.
    pub line: usize,
}

impl Serialize for Origin {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut origin = serializer.serialize_struct("Origin", 2)?;
        origin.serialize_field("file", &*self.file)?;
        origin.serialize_field("line", &self.line)?;
        origin.end()
    }
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.file, self.line)
    }
}

/// A node: an actor or a commodity.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Node {
    /// Stable id.
    pub id: NodeId,
    /// Kind.
    pub kind: NodeKind,
    /// Display name.
    pub name: String,
    /// Other names.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    /// ISO 3166-1 code (countries).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub iso: Option<String>,
    /// Country of a body, company or person.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub country: Option<NodeId>,
    /// Office or function (persons).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    /// Harmonized System codes (commodities).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub hs: Vec<String>,
    /// Registration mark (aircraft) or IMO number (vessels).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub registration: Option<String>,
    /// Free text.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
    /// Where it was defined.
    pub origin: Origin,
}

impl Node {
    /// A node with only the common fields set.
    pub fn new(id: NodeId, kind: NodeKind, name: impl Into<String>, origin: Origin) -> Node {
        Node {
            id,
            kind,
            name: name.into(),
            aliases: Vec::new(),
            iso: None,
            country: None,
            role: None,
            hs: Vec::new(),
            registration: None,
            notes: None,
            origin,
        }
    }
}

/// A source of evidence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Source {
    /// Stable id.
    pub id: SourceId,
    /// Publisher.
    pub publisher: String,
    /// Headline or document title.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// What it reports, in the curator's words.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Publication date.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<Date>,
    /// Address.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Official identifier: a Federal Register citation, a CELEX number.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub identifier: Option<String>,
    /// Language tag.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
}

/// An edge: a dated action or a standing relation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Edge {
    /// Kind.
    pub kind: EdgeKind,
    /// Actor or subject.
    pub from: NodeId,
    /// Target or object.
    pub to: NodeId,
    /// When an action happened (always set for actions, never for relations).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<Date>,
    /// Since when a relation holds.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub since: Option<Date>,
    /// Until when a relation held, or the last day an action has effect (a licence that
    /// expires).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub until: Option<Date>,
    /// Commodities an action names.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub concerns: Vec<NodeId>,
    /// Programme or legal instrument.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub instrument: Option<String>,
    /// Sources that report it.
    pub sources: Vec<SourceId>,
    /// Not confirmed by public reporting.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub unverified: bool,
    /// Free text.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
    /// An action's explicit id, when its file gives one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Where it was defined.
    pub origin: Origin,
}

impl Edge {
    /// An edge with only kind and ends set.
    pub fn new(kind: EdgeKind, from: NodeId, to: NodeId, origin: Origin) -> Edge {
        Edge {
            kind,
            from,
            to,
            date: None,
            since: None,
            until: None,
            concerns: Vec::new(),
            instrument: None,
            sources: Vec::new(),
            unverified: false,
            notes: None,
            id: None,
            origin,
        }
    }

    /// The action kind, if this is an action.
    pub fn action(&self) -> Option<ActionKind> {
        match self.kind {
            EdgeKind::Action(kind) => Some(kind),
            EdgeKind::Relation(_) => None,
        }
    }

    /// The relation kind, if this is a relation.
    pub fn relation(&self) -> Option<RelationKind> {
        match self.kind {
            EdgeKind::Relation(kind) => Some(kind),
            EdgeKind::Action(_) => None,
        }
    }

    /// The date that orders this edge in a history: the action's date, or when a relation
    /// began.
    pub fn sort_date(&self) -> Option<Date> {
        self.date.or(self.since)
    }
}
