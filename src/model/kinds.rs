//! Node and edge kinds, which node kinds each edge kind may join, and what each kind means.

use std::fmt;

use serde::{Deserialize, Serialize};

/// The kind of a node.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NodeKind {
    /// A sovereign country.
    Country,
    /// A bloc of countries (the EU).
    Bloc,
    /// A government body (OFAC, the US Treasury, the Council of the EU).
    Body,
    /// A company (Belaruskali, Belavia).
    Company,
    /// A natural person.
    Person,
    /// A traded good (potash).
    Commodity,
    /// An aircraft.
    Aircraft,
    /// A ship.
    Vessel,
}

impl NodeKind {
    /// Every node kind, in display order.
    pub const ALL: [NodeKind; 8] = [
        NodeKind::Country,
        NodeKind::Bloc,
        NodeKind::Body,
        NodeKind::Company,
        NodeKind::Person,
        NodeKind::Commodity,
        NodeKind::Aircraft,
        NodeKind::Vessel,
    ];

    /// The name used in files, flags and output: `country`, `body`, ...
    pub fn as_str(self) -> &'static str {
        match self {
            NodeKind::Country => "country",
            NodeKind::Bloc => "bloc",
            NodeKind::Body => "body",
            NodeKind::Company => "company",
            NodeKind::Person => "person",
            NodeKind::Commodity => "commodity",
            NodeKind::Aircraft => "aircraft",
            NodeKind::Vessel => "vessel",
        }
    }

    /// Parses a kind name as written on the command line (case-insensitive).
    pub fn parse(text: &str) -> Option<NodeKind> {
        Self::ALL
            .into_iter()
            .find(|kind| kind.as_str().eq_ignore_ascii_case(text.trim()))
    }

    /// The one-byte code a compiled graph stores: the position in [`NodeKind::ALL`].
    pub fn code(self) -> u8 {
        Self::ALL
            .iter()
            .position(|kind| *kind == self)
            .unwrap_or_default() as u8
    }

    /// The kind a code stands for, if any.
    pub fn from_code(code: u8) -> Option<NodeKind> {
        Self::ALL.get(usize::from(code)).copied()
    }

    /// Whether nodes of this kind can act (sanction, visit, own): every kind but
    /// commodities, aircraft and vessels.
    pub fn is_actor(self) -> bool {
        !matches!(
            self,
            NodeKind::Commodity | NodeKind::Aircraft | NodeKind::Vessel
        )
    }
}

impl fmt::Display for NodeKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What an action does to the economic standing of its target.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Effect {
    /// Imposes a restriction (a designation, an import ban).
    Restrictive,
    /// Relieves a restriction in part, by licence; blocked property stays blocked.
    Easing,
    /// Removes a restriction in full (a delisting).
    Lifting,
    /// Diplomatic contact, statements and appointments: no economic effect of its own.
    Diplomatic,
}

impl Effect {
    /// The name used in output.
    pub fn as_str(self) -> &'static str {
        match self {
            Effect::Restrictive => "restrictive",
            Effect::Easing => "easing",
            Effect::Lifting => "lifting",
            Effect::Diplomatic => "diplomatic",
        }
    }
}

impl fmt::Display for Effect {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

use NodeKind::{Aircraft, Bloc, Body, Commodity, Company, Country, Person, Vessel};

const STATES: &[NodeKind] = &[Country, Bloc, Body];
const ACTORS: &[NodeKind] = &[Country, Bloc, Body, Company, Person];
const SANCTIONABLE: &[NodeKind] = &[
    Country, Bloc, Body, Company, Person, Aircraft, Vessel, Commodity,
];
const PLACES_AND_PEOPLE: &[NodeKind] = &[Country, Bloc, Body, Person];
const ORGANISATIONS: &[NodeKind] = &[Body, Company];
const ASSETS: &[NodeKind] = &[Company, Aircraft, Vessel];
const CRAFT: &[NodeKind] = &[Aircraft, Vessel];
const ANYTHING_BUT_GOODS: &[NodeKind] = &[Country, Bloc, Body, Company, Person, Aircraft, Vessel];

/// A dated action kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize)]
pub enum ActionKind {
    /// Imposes sanctions: a designation, a blocking, a denial order (CAMEO 163).
    Sanction,
    /// Restricts trade without a listing: an import, transit or export ban (CAMEO 163).
    Restrict,
    /// Eases sanctions by licence; property stays blocked (CAMEO 085).
    Ease,
    /// Lifts sanctions: a delisting, full removal (CAMEO 085).
    Lift,
    /// Says it will ease or lift sanctions (CAMEO 0354).
    PledgeEase,
    /// Visits a place or a person (CAMEO 042).
    Visit,
    /// Hosts a visit (CAMEO 043).
    Host,
    /// Invites somebody to visit or observe (CAMEO 036).
    Invite,
    /// Meets or negotiates (CAMEO 046).
    Meet,
    /// Appoints somebody to an office (no CAMEO code).
    Appoint,
    /// Releases prisoners (CAMEO 0841).
    ReleasePrisoners,
    /// Reduces or breaks diplomatic relations, e.g. suspends an embassy (CAMEO 161).
    ReduceRelations,
    /// Says it wants to normalise relations or cooperate (CAMEO 030).
    PledgeCooperation,
    /// Announces a restriction that is not in force yet (CAMEO 0356, threaten with
    /// sanctions): diplomatic, not a measure.
    PledgeRestrict,
    /// Brings a legal or arbitration claim against another actor (CAMEO 115).
    Sue,
    /// A court's ruling on a measure or a party (no CAMEO code).
    Rule,
}

impl ActionKind {
    /// Every action kind, in display order.
    pub const ALL: [ActionKind; 16] = [
        ActionKind::Sanction,
        ActionKind::Restrict,
        ActionKind::Ease,
        ActionKind::Lift,
        ActionKind::PledgeEase,
        ActionKind::Visit,
        ActionKind::Host,
        ActionKind::Invite,
        ActionKind::Meet,
        ActionKind::Appoint,
        ActionKind::ReleasePrisoners,
        ActionKind::ReduceRelations,
        ActionKind::PledgeCooperation,
        ActionKind::PledgeRestrict,
        ActionKind::Sue,
        ActionKind::Rule,
    ];

    /// The name used in flags and output: `sanction`, `pledge_ease`, ...
    pub fn as_str(self) -> &'static str {
        match self {
            ActionKind::Sanction => "sanction",
            ActionKind::Restrict => "restrict",
            ActionKind::Ease => "ease",
            ActionKind::Lift => "lift",
            ActionKind::PledgeEase => "pledge_ease",
            ActionKind::Visit => "visit",
            ActionKind::Host => "host",
            ActionKind::Invite => "invite",
            ActionKind::Meet => "meet",
            ActionKind::Appoint => "appoint",
            ActionKind::ReleasePrisoners => "release_prisoners",
            ActionKind::ReduceRelations => "reduce_relations",
            ActionKind::PledgeCooperation => "pledge_cooperation",
            ActionKind::PledgeRestrict => "pledge_restrict",
            ActionKind::Sue => "sue",
            ActionKind::Rule => "rule",
        }
    }

    /// The name as written in `.ron` files: `Sanction`, `PledgeEase`, ...
    pub fn file_name(self) -> &'static str {
        match self {
            ActionKind::Sanction => "Sanction",
            ActionKind::Restrict => "Restrict",
            ActionKind::Ease => "Ease",
            ActionKind::Lift => "Lift",
            ActionKind::PledgeEase => "PledgeEase",
            ActionKind::Visit => "Visit",
            ActionKind::Host => "Host",
            ActionKind::Invite => "Invite",
            ActionKind::Meet => "Meet",
            ActionKind::Appoint => "Appoint",
            ActionKind::ReleasePrisoners => "ReleasePrisoners",
            ActionKind::ReduceRelations => "ReduceRelations",
            ActionKind::PledgeCooperation => "PledgeCooperation",
            ActionKind::PledgeRestrict => "PledgeRestrict",
            ActionKind::Sue => "Sue",
            ActionKind::Rule => "Rule",
        }
    }

    /// The CAMEO event code, where CAMEO has one.
    pub fn cameo(self) -> Option<&'static str> {
        match self {
            ActionKind::Sanction | ActionKind::Restrict => Some("163"),
            ActionKind::Ease | ActionKind::Lift => Some("085"),
            ActionKind::PledgeEase => Some("0354"),
            ActionKind::Visit => Some("042"),
            ActionKind::Host => Some("043"),
            ActionKind::Invite => Some("036"),
            ActionKind::Meet => Some("046"),
            ActionKind::Appoint => None,
            ActionKind::ReleasePrisoners => Some("0841"),
            ActionKind::ReduceRelations => Some("161"),
            ActionKind::PledgeCooperation => Some("030"),
            ActionKind::PledgeRestrict => Some("0356"),
            ActionKind::Sue => Some("115"),
            ActionKind::Rule => None,
        }
    }

    /// What the action does to its target's economic standing.
    pub fn effect(self) -> Effect {
        match self {
            ActionKind::Sanction | ActionKind::Restrict => Effect::Restrictive,
            ActionKind::Ease => Effect::Easing,
            ActionKind::Lift => Effect::Lifting,
            _ => Effect::Diplomatic,
        }
    }

    /// The node kinds allowed at the two ends: (from, to).
    pub fn endpoints(self) -> (&'static [NodeKind], &'static [NodeKind]) {
        match self {
            ActionKind::Sanction | ActionKind::Restrict | ActionKind::Ease | ActionKind::Lift => {
                (STATES, SANCTIONABLE)
            }
            ActionKind::PledgeEase | ActionKind::PledgeRestrict => (ACTORS, SANCTIONABLE),
            ActionKind::Sue => (ACTORS, ACTORS),
            ActionKind::Rule => (&[Body], ANYTHING_BUT_GOODS),
            ActionKind::Visit | ActionKind::Meet | ActionKind::Invite => {
                (ACTORS, PLACES_AND_PEOPLE)
            }
            ActionKind::Host => (PLACES_AND_PEOPLE, ACTORS),
            ActionKind::Appoint => (ACTORS, &[Person]),
            ActionKind::ReleasePrisoners => (STATES, PLACES_AND_PEOPLE),
            ActionKind::ReduceRelations | ActionKind::PledgeCooperation => {
                (ACTORS, PLACES_AND_PEOPLE)
            }
        }
    }
}

impl fmt::Display for ActionKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A standing relation kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize)]
pub enum RelationKind {
    /// A producer of a commodity.
    Produces,
    /// An exporter of a commodity.
    Exports,
    /// Owns a company or an asset.
    Owns,
    /// Operates an asset (an aircraft).
    Operates,
    /// A subsidiary of its parent company.
    SubsidiaryOf,
    /// Sells its output through a trading company.
    SellsThrough,
    /// A part of a larger body, state or bloc; a commodity code part of a wider heading.
    PartOf,
    /// A member state of a bloc; a member of a body or company (FtM `Membership`).
    MemberOf,
    /// Heads a state, body or company.
    Leads,
    /// Represents a state or leader as its envoy.
    EnvoyOf,
    /// Allied with another actor.
    AlliedWith,
    /// Sits on the board of, or manages, a company or body (FtM `Directorship`).
    Directs,
    /// Works for a company or body (FtM `Employment`).
    EmployedBy,
    /// Acts for another actor as its agent, lawyer or lobbyist (FtM `Representation`).
    Represents,
    /// A relative of another person (FtM `Family`).
    FamilyOf,
    /// A close associate of another actor (FtM `Associate`).
    AssociateOf,
    /// Linked in a way the source does not name (FtM `UnknownLink`).
    LinkedTo,
    /// Carries a commodity: a tanker its crude oil, a carrier its freight.
    Carries,
}

impl RelationKind {
    /// Every relation kind, in display order.
    pub const ALL: [RelationKind; 18] = [
        RelationKind::Produces,
        RelationKind::Exports,
        RelationKind::Owns,
        RelationKind::Operates,
        RelationKind::SubsidiaryOf,
        RelationKind::SellsThrough,
        RelationKind::PartOf,
        RelationKind::MemberOf,
        RelationKind::Leads,
        RelationKind::EnvoyOf,
        RelationKind::AlliedWith,
        RelationKind::Directs,
        RelationKind::EmployedBy,
        RelationKind::Represents,
        RelationKind::FamilyOf,
        RelationKind::AssociateOf,
        RelationKind::LinkedTo,
        RelationKind::Carries,
    ];

    /// The name used in flags and output: `produces`, `part_of`, ...
    pub fn as_str(self) -> &'static str {
        match self {
            RelationKind::Produces => "produces",
            RelationKind::Exports => "exports",
            RelationKind::Owns => "owns",
            RelationKind::Operates => "operates",
            RelationKind::SubsidiaryOf => "subsidiary_of",
            RelationKind::SellsThrough => "sells_through",
            RelationKind::PartOf => "part_of",
            RelationKind::MemberOf => "member_of",
            RelationKind::Leads => "leads",
            RelationKind::EnvoyOf => "envoy_of",
            RelationKind::AlliedWith => "allied_with",
            RelationKind::Directs => "directs",
            RelationKind::EmployedBy => "employed_by",
            RelationKind::Represents => "represents",
            RelationKind::FamilyOf => "family_of",
            RelationKind::AssociateOf => "associate_of",
            RelationKind::LinkedTo => "linked_to",
            RelationKind::Carries => "carries",
        }
    }

    /// The name as written in `.ron` files: `Produces`, `PartOf`, ...
    pub fn file_name(self) -> &'static str {
        match self {
            RelationKind::Produces => "Produces",
            RelationKind::Exports => "Exports",
            RelationKind::Owns => "Owns",
            RelationKind::Operates => "Operates",
            RelationKind::SubsidiaryOf => "SubsidiaryOf",
            RelationKind::SellsThrough => "SellsThrough",
            RelationKind::PartOf => "PartOf",
            RelationKind::MemberOf => "MemberOf",
            RelationKind::Leads => "Leads",
            RelationKind::EnvoyOf => "EnvoyOf",
            RelationKind::AlliedWith => "AlliedWith",
            RelationKind::Directs => "Directs",
            RelationKind::EmployedBy => "EmployedBy",
            RelationKind::Represents => "Represents",
            RelationKind::FamilyOf => "FamilyOf",
            RelationKind::AssociateOf => "AssociateOf",
            RelationKind::LinkedTo => "LinkedTo",
            RelationKind::Carries => "Carries",
        }
    }

    /// Economic relations carry the effect of a sanction towards a commodity; political
    /// and personal ones (leads, envoy of, allied with, member of, directs, employed by,
    /// represents, family of, associate of, linked to) never do.
    pub fn is_economic(self) -> bool {
        matches!(
            self,
            RelationKind::Produces
                | RelationKind::Exports
                | RelationKind::Owns
                | RelationKind::Operates
                | RelationKind::SubsidiaryOf
                | RelationKind::SellsThrough
                | RelationKind::Carries
        )
    }

    /// The node kinds allowed at the two ends: (from, to).
    pub fn endpoints(self) -> (&'static [NodeKind], &'static [NodeKind]) {
        match self {
            RelationKind::Produces | RelationKind::Exports => (&[Country, Company], &[Commodity]),
            RelationKind::Owns => (ACTORS, ASSETS),
            RelationKind::Operates => (ACTORS, CRAFT),
            RelationKind::SubsidiaryOf | RelationKind::SellsThrough => (&[Company], &[Company]),
            RelationKind::PartOf => (
                &[Body, Company, Commodity],
                &[Country, Bloc, Body, Company, Commodity],
            ),
            RelationKind::MemberOf => (&[Country, Body, Company, Person], &[Bloc, Body, Company]),
            RelationKind::Leads => (&[Person], &[Country, Bloc, Body, Company]),
            RelationKind::EnvoyOf => (&[Person], &[Country, Bloc, Body, Person]),
            RelationKind::AlliedWith => (ACTORS, ACTORS),
            RelationKind::Directs => (&[Person, Company, Body], ORGANISATIONS),
            RelationKind::EmployedBy => (&[Person], ORGANISATIONS),
            RelationKind::Represents => (ACTORS, ACTORS),
            RelationKind::FamilyOf => (&[Person], &[Person]),
            RelationKind::AssociateOf => (ACTORS, ACTORS),
            RelationKind::LinkedTo => (ANYTHING_BUT_GOODS, ANYTHING_BUT_GOODS),
            RelationKind::Carries => (ASSETS, &[Commodity]),
        }
    }
}

impl fmt::Display for RelationKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The kind of an edge: a dated action or a standing relation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum EdgeKind {
    /// A dated action.
    Action(ActionKind),
    /// A standing relation.
    Relation(RelationKind),
}

impl EdgeKind {
    /// Every edge kind: actions first, then relations.
    pub fn all() -> impl Iterator<Item = EdgeKind> {
        ActionKind::ALL
            .into_iter()
            .map(EdgeKind::Action)
            .chain(RelationKind::ALL.into_iter().map(EdgeKind::Relation))
    }

    /// The name used in flags and output.
    pub fn as_str(self) -> &'static str {
        match self {
            EdgeKind::Action(kind) => kind.as_str(),
            EdgeKind::Relation(kind) => kind.as_str(),
        }
    }

    /// Parses a kind name as written on the command line or in a file (`part_of`,
    /// `PartOf`, `part-of`, any case).
    pub fn parse(text: &str) -> Option<EdgeKind> {
        let wanted: String = text
            .trim()
            .chars()
            .filter(|c| !matches!(c, '_' | '-' | ' '))
            .flat_map(char::to_lowercase)
            .collect();
        Self::all().find(|kind| kind.as_str().replace('_', "") == wanted)
    }

    /// The node kinds allowed at the two ends: (from, to).
    pub fn endpoints(self) -> (&'static [NodeKind], &'static [NodeKind]) {
        match self {
            EdgeKind::Action(kind) => kind.endpoints(),
            EdgeKind::Relation(kind) => kind.endpoints(),
        }
    }

    /// Whether this is a dated action.
    pub fn is_action(self) -> bool {
        matches!(self, EdgeKind::Action(_))
    }

    /// The one-byte code a compiled graph stores: the position in [`EdgeKind::all`].
    pub fn code(self) -> u8 {
        let position = match self {
            EdgeKind::Action(kind) => ActionKind::ALL.iter().position(|k| *k == kind),
            EdgeKind::Relation(kind) => RelationKind::ALL
                .iter()
                .position(|k| *k == kind)
                .map(|at| at + ActionKind::ALL.len()),
        };
        position.unwrap_or_default() as u8
    }

    /// The kind a code stands for, if any.
    pub fn from_code(code: u8) -> Option<EdgeKind> {
        let code = usize::from(code);
        match ActionKind::ALL.get(code) {
            Some(&kind) => Some(EdgeKind::Action(kind)),
            None => RelationKind::ALL
                .get(code - ActionKind::ALL.len())
                .map(|&kind| EdgeKind::Relation(kind)),
        }
    }
}

impl fmt::Display for EdgeKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Output uses the snake_case names of [`ActionKind::as_str`] and friends.
macro_rules! serialize_as_str {
    ($($ty:ty),*) => {$(
        impl Serialize for $ty {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }
    )*};
}
serialize_as_str!(ActionKind, RelationKind, EdgeKind);
