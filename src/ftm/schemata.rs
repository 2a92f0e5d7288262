//! The mapping of schemata both directions share: which FtM schema each of our node kinds
//! is, and which schema, subject and object property each of our relations is.

use crate::model::{NodeKind, RelationKind};

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

/// The FtM schema of a node kind, if FtM has one.
pub fn schema_of(kind: NodeKind) -> Option<&'static str> {
    Some(match kind {
        NodeKind::Person => "Person",
        NodeKind::Company => "Company",
        NodeKind::Body => "PublicBody",
        NodeKind::Aircraft => "Airplane",
        NodeKind::Vessel => "Vessel",
        NodeKind::Country | NodeKind::Bloc | NodeKind::Commodity => return None,
    })
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
