//! The serde types that mirror a `.ron` graph file, item by item.
//!
//! These types are the file format and nothing else: strings stay strings (ids, dates) so
//! that the validate stage can report every bad reference or date with its location. The
//! domain types in [`crate::model`] are free to change without breaking files.

use std::borrow::Cow;

use serde::Deserialize;

use crate::model::{ActionKind, RelationKind};

/// A source of evidence: the publisher, what it said, when.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, rename = "Source")]
pub struct SourceDef<'a> {
    /// Stable id that actions cite, e.g. `"reuters-2025-12-15"`.
    #[serde(borrow)]
    pub id: Cow<'a, str>,
    /// Who published it: `"Reuters"`, `"Federal Register"`.
    #[serde(borrow)]
    pub publisher: Cow<'a, str>,
    /// The headline or document title, when known.
    #[serde(default, borrow)]
    pub title: Option<Cow<'a, str>>,
    /// What the source reports, in the curator's words; a source needs a title, a
    /// description or both.
    #[serde(default, borrow)]
    pub description: Option<Cow<'a, str>>,
    /// Publication date, `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    #[serde(default, borrow)]
    pub date: Option<Cow<'a, str>>,
    /// Where to read it.
    #[serde(default, borrow)]
    pub url: Option<Cow<'a, str>>,
    /// An official identifier that finds it without an address: a Federal Register
    /// citation (`"86 FR 43905"`), a CELEX number, a Canada Gazette reference.
    #[serde(default, borrow)]
    pub identifier: Option<Cow<'a, str>>,
    /// Language of the source, as a BCP 47 tag (`"vi"`, `"en"`).
    #[serde(default, borrow)]
    pub language: Option<Cow<'a, str>>,
}

/// Fields that every node kind carries.
macro_rules! node_def {
    ($(#[$meta:meta])* $name:ident as $file_name:literal { $($(#[$fmeta:meta])* $field:ident : $ty:ty),* $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Deserialize, PartialEq)]
        #[serde(deny_unknown_fields, rename = $file_name)]
        pub struct $name<'a> {
            /// Stable id, lower case with dashes: `"belaruskali"`.
            #[serde(borrow)]
            pub id: Cow<'a, str>,
            /// Display name.
            #[serde(borrow)]
            pub name: Cow<'a, str>,
            /// Other names and spellings the node is known by.
            #[serde(default, borrow)]
            pub aliases: Vec<Cow<'a, str>>,
            /// Free text.
            #[serde(default, borrow)]
            pub notes: Option<Cow<'a, str>>,
            $($(#[$fmeta])* pub $field: $ty,)*
        }
    };
}

node_def!(
    /// A sovereign country.
    CountryDef as "Country" {
        /// ISO 3166-1 alpha-2 code, `"BY"`.
        #[serde(default, borrow)]
        iso: Option<Cow<'a, str>>,
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
        #[serde(default, borrow)]
        country: Option<Cow<'a, str>>,
    }
);
node_def!(
    /// A company or other commercial organisation.
    CompanyDef as "Company" {
        /// Country of registration (a node id).
        #[serde(default, borrow)]
        country: Option<Cow<'a, str>>,
    }
);
node_def!(
    /// A natural person.
    PersonDef as "Person" {
        /// The person's office or function, as reported.
        #[serde(default, borrow)]
        role: Option<Cow<'a, str>>,
        /// Nationality or the country served (a node id).
        #[serde(default, borrow)]
        country: Option<Cow<'a, str>>,
    }
);
node_def!(
    /// A traded good, identified by its Harmonized System codes.
    CommodityDef as "Commodity" {
        /// HS headings or subheadings, `"3104"`, `"3104.20"`.
        #[serde(default, borrow)]
        hs: Vec<Cow<'a, str>>,
    }
);
node_def!(
    /// An aircraft, identified by its registration.
    AircraftDef as "Aircraft" {
        /// Registration mark, `"EW-001PB"`.
        #[serde(default, borrow)]
        registration: Option<Cow<'a, str>>,
    }
);

node_def!(
    /// A ship, identified by its IMO number.
    VesselDef as "Vessel" {
        /// IMO number, `"IMO 9187629"`, or another registration when there is none.
        #[serde(default, borrow)]
        registration: Option<Cow<'a, str>>,
    }
);

/// One node of a graph file; the variant name is the node kind.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(rename = "Node")]
pub enum NodeDef<'a> {
    /// A country.
    #[serde(borrow)]
    Country(CountryDef<'a>),
    /// A bloc.
    #[serde(borrow)]
    Bloc(BlocDef<'a>),
    /// A government body.
    #[serde(borrow)]
    Body(BodyDef<'a>),
    /// A company.
    #[serde(borrow)]
    Company(CompanyDef<'a>),
    /// A person.
    #[serde(borrow)]
    Person(PersonDef<'a>),
    /// A commodity.
    #[serde(borrow)]
    Commodity(CommodityDef<'a>),
    /// An aircraft.
    #[serde(borrow)]
    Aircraft(AircraftDef<'a>),
    /// A ship.
    #[serde(borrow)]
    Vessel(VesselDef<'a>),
}

/// A dated action: something an actor did to another node on a day, month or year.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, rename = "Action")]
pub struct ActionDef<'a> {
    /// An id of its own, to name it by (`"gl-13"`); without one, it is named by its derived
    /// id `ACTOR/KIND/TARGET/DATE`.
    #[serde(default, borrow)]
    pub id: Option<Cow<'a, str>>,
    /// What was done.
    pub kind: ActionKind,
    /// Who did it (a node id).
    #[serde(borrow)]
    pub from: Cow<'a, str>,
    /// To whom or what (a node id).
    #[serde(borrow)]
    pub to: Cow<'a, str>,
    /// When: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    #[serde(borrow)]
    pub date: Cow<'a, str>,
    /// The last day the action has effect, when it ends: a licence that expires, an order
    /// that lapses unless renewed.
    #[serde(default, borrow)]
    pub until: Option<Cow<'a, str>>,
    /// Ids of the sources that report it; at least one.
    #[serde(default, borrow)]
    pub sources: Vec<Cow<'a, str>>,
    /// Commodities the action names (node ids).
    #[serde(default, borrow)]
    pub concerns: Vec<Cow<'a, str>>,
    /// Programme or legal instrument: `"EO 14038"`, `"General License 13"`.
    #[serde(default, borrow)]
    pub instrument: Option<Cow<'a, str>>,
    /// Marks a fact that public reporting has not confirmed.
    #[serde(default)]
    pub unverified: bool,
    /// Free text.
    #[serde(default, borrow)]
    pub notes: Option<Cow<'a, str>>,
}

/// A standing relation, true over a period rather than on a date.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, rename = "Relation")]
pub struct RelationDef<'a> {
    /// Which relation.
    pub kind: RelationKind,
    /// Subject (a node id).
    #[serde(borrow)]
    pub from: Cow<'a, str>,
    /// Object (a node id).
    #[serde(borrow)]
    pub to: Cow<'a, str>,
    /// Since when it holds, if known.
    #[serde(default, borrow)]
    pub since: Option<Cow<'a, str>>,
    /// Until when it held, if it ended.
    #[serde(default, borrow)]
    pub until: Option<Cow<'a, str>>,
    /// Ids of the sources that report it.
    #[serde(default, borrow)]
    pub sources: Vec<Cow<'a, str>>,
    /// Marks a fact that public reporting has not confirmed.
    #[serde(default)]
    pub unverified: bool,
    /// Free text.
    #[serde(default, borrow)]
    pub notes: Option<Cow<'a, str>>,
}

/// One edge of a graph file.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(rename = "Edge")]
pub enum EdgeDef<'a> {
    /// A dated action.
    #[serde(borrow)]
    Action(ActionDef<'a>),
    /// A standing relation.
    #[serde(borrow)]
    Relation(RelationDef<'a>),
}

/// The fields a graph file may have at its top level.
pub const TOP_LEVEL_FIELDS: &[&str] = &["complete_to", "sources", "nodes", "edges"];
