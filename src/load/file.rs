//! The serde types that mirror a `.ron` graph file, item by item.
//!
//! These types are the file format and nothing else: strings stay strings (ids, dates) so
//! that the validate stage can report every bad reference or date with its location. The
//! domain types in [`crate::model`] are free to change without breaking files.

use serde::Deserialize;

use crate::model::{ActionKind, RelationKind};

/// A source of evidence: the publisher, what it said, when.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, rename = "Source")]
pub struct SourceDef {
    /// Stable id that actions cite, e.g. `"reuters-2025-12-15"`.
    pub id: String,
    /// Who published it: `"Reuters"`, `"Federal Register"`.
    pub publisher: String,
    /// The headline or document title, when known.
    #[serde(default)]
    pub title: Option<String>,
    /// What the source reports, in the curator's words; a source needs a title, a
    /// description or both.
    #[serde(default)]
    pub description: Option<String>,
    /// Publication date, `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    #[serde(default)]
    pub date: Option<String>,
    /// Where to read it.
    #[serde(default)]
    pub url: Option<String>,
    /// Language of the source, as a BCP 47 tag (`"vi"`, `"en"`).
    #[serde(default)]
    pub language: Option<String>,
}

/// Fields that every node kind carries.
macro_rules! node_def {
    ($(#[$meta:meta])* $name:ident as $file_name:literal { $($(#[$fmeta:meta])* $field:ident : $ty:ty),* $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Deserialize, PartialEq)]
        #[serde(deny_unknown_fields, rename = $file_name)]
        pub struct $name {
            /// Stable id, lower case with dashes: `"belaruskali"`.
            pub id: String,
            /// Display name.
            pub name: String,
            /// Other names and spellings the node is known by.
            #[serde(default)]
            pub aliases: Vec<String>,
            /// Free text.
            #[serde(default)]
            pub notes: Option<String>,
            $($(#[$fmeta])* pub $field: $ty,)*
        }
    };
}

node_def!(
    /// A sovereign country.
    CountryDef as "Country" {
        /// ISO 3166-1 alpha-2 code, `"BY"`.
        #[serde(default)]
        iso: Option<String>,
    }
);
node_def!(
    /// A bloc of countries, such as the EU.
    BlocDef as "Bloc" {}
);
node_def!(
    /// A government body: a ministry, an agency, a council.
    BodyDef as "Body" {
        /// The country or bloc whose body it is (a node id).
        #[serde(default)]
        country: Option<String>,
    }
);
node_def!(
    /// A company or other commercial organisation.
    CompanyDef as "Company" {
        /// Country of registration (a node id).
        #[serde(default)]
        country: Option<String>,
    }
);
node_def!(
    /// A natural person.
    PersonDef as "Person" {
        /// The person's office or function, as reported.
        #[serde(default)]
        role: Option<String>,
        /// Nationality or the country served (a node id).
        #[serde(default)]
        country: Option<String>,
    }
);
node_def!(
    /// A traded good, identified by its Harmonized System codes.
    CommodityDef as "Commodity" {
        /// HS headings or subheadings, `"3104"`, `"3104.20"`.
        #[serde(default)]
        hs: Vec<String>,
    }
);
node_def!(
    /// An aircraft, identified by its registration.
    AircraftDef as "Aircraft" {
        /// Registration mark, `"EW-001PB"`.
        #[serde(default)]
        registration: Option<String>,
    }
);

node_def!(
    /// A ship, identified by its IMO number.
    VesselDef as "Vessel" {
        /// IMO number, `"IMO 9187629"`, or another registration when there is none.
        #[serde(default)]
        registration: Option<String>,
    }
);

/// One node of a graph file; the variant name is the node kind.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(rename = "Node")]
pub enum NodeDef {
    /// A country.
    Country(CountryDef),
    /// A bloc.
    Bloc(BlocDef),
    /// A government body.
    Body(BodyDef),
    /// A company.
    Company(CompanyDef),
    /// A person.
    Person(PersonDef),
    /// A commodity.
    Commodity(CommodityDef),
    /// An aircraft.
    Aircraft(AircraftDef),
    /// A ship.
    Vessel(VesselDef),
}

/// A dated action: something an actor did to another node on a day, month or year.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, rename = "Action")]
pub struct ActionDef {
    /// What was done.
    pub kind: ActionKind,
    /// Who did it (a node id).
    pub from: String,
    /// To whom or what (a node id).
    pub to: String,
    /// When: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    pub date: String,
    /// Ids of the sources that report it; at least one.
    #[serde(default)]
    pub sources: Vec<String>,
    /// Commodities the action names (node ids).
    #[serde(default)]
    pub concerns: Vec<String>,
    /// Programme or legal instrument: `"EO 14038"`, `"General License 13"`.
    #[serde(default)]
    pub instrument: Option<String>,
    /// Marks a fact that public reporting has not confirmed.
    #[serde(default)]
    pub unverified: bool,
    /// Free text.
    #[serde(default)]
    pub notes: Option<String>,
}

/// A standing relation, true over a period rather than on a date.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, rename = "Relation")]
pub struct RelationDef {
    /// Which relation.
    pub kind: RelationKind,
    /// Subject (a node id).
    pub from: String,
    /// Object (a node id).
    pub to: String,
    /// Since when it holds, if known.
    #[serde(default)]
    pub since: Option<String>,
    /// Until when it held, if it ended.
    #[serde(default)]
    pub until: Option<String>,
    /// Ids of the sources that report it.
    #[serde(default)]
    pub sources: Vec<String>,
    /// Marks a fact that public reporting has not confirmed.
    #[serde(default)]
    pub unverified: bool,
    /// Free text.
    #[serde(default)]
    pub notes: Option<String>,
}

/// One edge of a graph file.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(rename = "Edge")]
pub enum EdgeDef {
    /// A dated action.
    Action(ActionDef),
    /// A standing relation.
    Relation(RelationDef),
}

/// The fields a graph file may have at its top level.
pub const TOP_LEVEL_FIELDS: &[&str] = &["sources", "nodes", "edges"];
