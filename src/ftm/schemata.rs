//! The mapping of schemata both directions share: which FtM schema each of our node kinds
//! is, and which schema, subject and object property each of our relations is.

use crate::model::{ActionKind, EdgeKind, NodeKind, RelationKind};

/// The node kind of each FtM schema that becomes a node.
pub fn node_kind(schema: &str) -> Option<NodeKind> {
    Some(match schema {
        "Person" => NodeKind::Person,
        "Company" | "Organization" | "LegalEntity" => NodeKind::Company,
        "PublicBody" => NodeKind::Body,
        "Airplane" => NodeKind::Aircraft,
        "Vessel" => NodeKind::Vessel,
        _ => return None,
    })
}

/// The FtM relationship schemata: (schema, relation, subject property, object property).
pub const RELATIONS: &[(&str, RelationKind, &str, &str)] = &[
    ("Ownership", RelationKind::Owns, "owner", "asset"),
    (
        "Directorship",
        RelationKind::Directs,
        "director",
        "organization",
    ),
    (
        "Membership",
        RelationKind::MemberOf,
        "member",
        "organization",
    ),
    (
        "Employment",
        RelationKind::EmployedBy,
        "employee",
        "employer",
    ),
    (
        "Representation",
        RelationKind::Represents,
        "agent",
        "client",
    ),
    ("Family", RelationKind::FamilyOf, "person", "relative"),
    (
        "Associate",
        RelationKind::AssociateOf,
        "person",
        "associate",
    ),
    ("UnknownLink", RelationKind::LinkedTo, "subject", "object"),
];

/// The FtM schema a node kind is written as. FtM has no schema for a country, a bloc or a
/// commodity: countries and blocs are written as `Organization`, commodities as `Asset`,
/// and the prefixed property [`KIND`] says what they are (see `docs/ftm.md`).
pub fn schema_of(kind: NodeKind) -> &'static str {
    match kind {
        NodeKind::Person => "Person",
        NodeKind::Company => "Company",
        NodeKind::Body => "PublicBody",
        NodeKind::Aircraft => "Airplane",
        NodeKind::Vessel => "Vessel",
        NodeKind::Country | NodeKind::Bloc => "Organization",
        NodeKind::Commodity => "Asset",
    }
}

/// Our kind of the item an entity is (`country`, `owns`, `source`, ...): its presence marks
/// an entity our export wrote, which the import reads back as it was.
pub const KIND: &str = "sgraph:kind";
/// The `KIND` of a `Document` that is one of our sources.
pub const SOURCE_KIND: &str = "source";

/// The FtM schema of an edge and the properties that hold its ends, its `date`, its
/// `since` and its `until`: (schema, from, to, date, since, until).
pub fn edge_properties(kind: EdgeKind) -> [&'static str; 6] {
    match kind {
        EdgeKind::Action(ActionKind::Sanction) => [
            "Sanction",
            "sgraph:authority",
            "entity",
            "startDate",
            "sgraph:since",
            "endDate",
        ],
        EdgeKind::Action(_) => [
            "Event",
            "organizer",
            "involved",
            "date",
            "startDate",
            "endDate",
        ],
        EdgeKind::Relation(relation) => {
            let (schema, subject, object) = relation_schema(relation);
            [
                schema,
                subject,
                object,
                "sgraph:date",
                "startDate",
                "endDate",
            ]
        }
    }
}

/// The FtM schema of a relation and its subject and object properties; relations FtM has
/// no schema for are `UnknownLink`s whose `role` names the relation.
pub fn relation_schema(kind: RelationKind) -> (&'static str, &'static str, &'static str) {
    RELATIONS
        .iter()
        .find(|(_, relation, ..)| *relation == kind)
        .or_else(|| {
            RELATIONS
                .iter()
                .find(|(_, relation, ..)| *relation == RelationKind::LinkedTo)
        })
        .map_or(
            ("UnknownLink", "subject", "object"),
            |&(schema, _, subject, object)| (schema, subject, object),
        )
}
