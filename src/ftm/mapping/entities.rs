//! The entities that become our values, one reader a schema: nodes, FtM's relationship
//! schemata, `Sanction`, `Event` (our other actions) and `Document` (our sources). Each
//! takes the properties it uses out of the entity, so what is left is counted as unused.

use crate::model::{ActionKind, EdgeKind, NodeKind, RelationKind};

use super::draft::{Given, NodeDraft};
use super::{
    compose_notes, edge_shell, ids, parse_date, take, Builder, DocumentDraft, EdgeDraft, Entity,
    Ref, SourceKey, UNKNOWN_AUTHORITY,
};

/// Properties of relationship entities that go into an edge's notes, with their labels.
const RELATION_NOTES: &[(&str, &str)] = &[
    ("role", "role"),
    ("relationship", "relationship"),
    ("percentage", "percentage"),
    ("ownershipType", "ownership type"),
];

/// Properties of a `Sanction` that go into the edge's notes, with their labels.
const SANCTION_NOTES: &[(&str, &str)] = &[
    ("provisions", "provisions"),
    ("status", "status"),
    ("reason", "reason"),
];

impl Builder {
    pub(super) fn node(&mut self, entity: &mut Entity<'_>, id: u32, kind: NodeKind, line: usize) {
        let names = take(entity, "name");
        let mut aliases = take(entity, "alias");
        aliases.extend(take(entity, "weakAlias"));
        aliases.extend(take(entity, "previousName"));
        let country_properties: &[&str] = match kind {
            NodeKind::Person => &["nationality", "citizenship", "country"],
            NodeKind::Vessel => &["flag", "country"],
            _ => &["jurisdiction", "country"],
        };
        let countries = self.countries(entity, country_properties, line);
        let role = if kind == NodeKind::Person {
            take(entity, "position")
        } else {
            Vec::new()
        };
        let registration = match kind {
            NodeKind::Aircraft => take(entity, "registrationNumber").into_iter().next(),
            NodeKind::Vessel => {
                let imo = take(entity, "imoNumber").into_iter().next();
                imo.or_else(|| take(entity, "registrationNumber").into_iter().next())
            }
            _ => None,
        };
        let notes = take(entity, "notes");
        let topics = take(entity, "topics");
        let caption = entity.caption.take();
        let given = Given {
            caption,
            names,
            aliases,
            countries,
            role,
            registration,
            topics,
            notes,
        };
        match self.nodes.get_mut(&id) {
            // FtM streams may carry an entity in several fragments: merge them.
            Some(draft) => draft.merge(given),
            None => {
                self.nodes.insert(id, NodeDraft::new(kind, line, given));
            }
        }
    }

    pub(super) fn relation(
        &mut self,
        entity: &mut Entity<'_>,
        schema: &'static str,
        mut kind: RelationKind,
        subject: &str,
        object: &str,
        line: usize,
    ) {
        let subjects = take(entity, subject);
        let objects = take(entity, object);
        let since = self.date(entity, "startDate");
        let mut until = self.date(entity, "endDate");
        if let (Some(start), Some(end)) = (since, until) {
            if end < start {
                self.invalid(&format!("{schema}.endDate"));
                until = None;
            }
        }
        let mut notes = take(entity, "summary");
        for (property, label) in RELATION_NOTES {
            let values = take(entity, property);
            // Our own export names relations FtM has no schema for in an UnknownLink's role.
            if kind == RelationKind::LinkedTo && *property == "role" {
                if let [role] = values.as_slice() {
                    if let Some(EdgeKind::Relation(named)) = EdgeKind::parse(role) {
                        if role == named.as_str() {
                            kind = named;
                            continue;
                        }
                    }
                }
            }
            if !values.is_empty() {
                notes.push(format!("{label}: {}", values.join(", ")));
            }
        }
        let notes = compose_notes(notes);
        let sources = self.sources(entity);
        if subjects.is_empty() || objects.is_empty() {
            Self::count(
                &mut self.stats.dropped_edges,
                &format!("{schema} without `{subject}` or `{object}`"),
            );
            return;
        }
        let objects: Vec<u32> = objects
            .iter()
            .map(|to| self.names.id(to.as_str()))
            .collect();
        for from in &subjects {
            let from = self.names.id(from.as_str());
            for &to in &objects {
                self.edges.push(EdgeDraft {
                    kind: EdgeKind::Relation(kind),
                    schema,
                    from: Ref::Entity(from),
                    to: Ref::Entity(to),
                    date: None,
                    since,
                    until,
                    instrument: None,
                    notes: notes.clone(),
                    sources: sources.clone(),
                    line,
                });
            }
        }
    }

    pub(super) fn sanction(&mut self, entity: &mut Entity<'_>, line: usize) -> bool {
        let targets = take(entity, "entity");
        let mut authorities = take(entity, "authority");
        if authorities.is_empty() {
            authorities.push(UNKNOWN_AUTHORITY.to_owned());
        }
        let country = self
            .countries(entity, &["country"], line)
            .into_iter()
            .next();
        let programs = take(entity, "program");
        let program_ids = take(entity, "programId");
        let instrument = match (programs.is_empty(), program_ids.is_empty()) {
            (true, true) => None,
            (false, true) => Some(programs.join(", ")),
            (true, false) => Some(program_ids.join(", ")),
            (false, false) => Some(format!(
                "{} ({})",
                programs.join(", "),
                program_ids.join(", ")
            )),
        };
        let mut notes = take(entity, "summary");
        for (property, label) in SANCTION_NOTES {
            let values = take(entity, property);
            if !values.is_empty() {
                notes.push(format!("{label}: {}", values.join(", ")));
            }
        }
        let listed = self.date(entity, "listingDate");
        let started = self.date(entity, "startDate");
        let dated = self.date(entity, "date");
        let mut date = listed.or(started).or(dated);
        if date.is_none() {
            date = entity.first_seen.as_deref().and_then(parse_date);
            if date.is_some() {
                notes.push("dated by first_seen: no listing or start date".to_owned());
            }
        }
        let end = self.date(entity, "endDate");
        let sources = self.action_sources(entity);
        let Some(date) = date else {
            Self::count(&mut self.stats.dropped_edges, "Sanction without a date");
            return true;
        };
        if targets.is_empty() {
            Self::count(&mut self.stats.dropped_edges, "Sanction without `entity`");
            return true;
        }
        // The measure ends at its `endDate`, passed or not.
        let until = match end {
            Some(end) if end < date => {
                self.invalid("Sanction.endDate");
                None
            }
            end => end,
        };
        let lift = until.filter(|end| end.certainly_by(self.as_of));
        let notes = compose_notes(notes);
        let targets: Vec<u32> = targets
            .iter()
            .map(|to| self.names.id(to.as_str()))
            .collect();
        for authority in &authorities {
            let key = match self.authority_keys.get(authority) {
                Some(key) => key.clone(),
                None => {
                    let key = ids::normalise(authority);
                    let draft = self.authorities.entry(key.clone()).or_default();
                    if draft.spellings.is_empty() {
                        draft.line = line;
                    }
                    draft
                        .spellings
                        .insert(authority.split_whitespace().collect::<Vec<_>>().join(" "));
                    self.authority_keys.insert(authority.clone(), key.clone());
                    key
                }
            };
            // The alphabetically first code, so that the line order does not matter.
            if let (Some(draft), Some(code)) = (self.authorities.get_mut(&key), &country) {
                if draft.country.as_ref().is_none_or(|known| code < known) {
                    draft.country = Some(code.clone());
                }
            }
            let from = Ref::Authority(self.names.id(key.as_str()));
            for &target in &targets {
                let edge = EdgeDraft {
                    kind: EdgeKind::Action(ActionKind::Sanction),
                    schema: "Sanction",
                    from,
                    to: Ref::Entity(target),
                    date: Some(date),
                    since: None,
                    until,
                    instrument: instrument.clone(),
                    notes: notes.clone(),
                    sources: sources.clone(),
                    line,
                };
                let lifted = lift.map(|end| EdgeDraft {
                    kind: EdgeKind::Action(ActionKind::Lift),
                    schema: "Sanction",
                    from: edge.from,
                    to: edge.to,
                    date: Some(end),
                    instrument: edge.instrument.clone(),
                    notes: Some("endDate of the sanction has passed".to_owned()),
                    sources: edge.sources.clone(),
                    ..edge_shell(line)
                });
                self.edges.push(edge);
                self.edges.extend(lifted);
            }
        }
        true
    }

    pub(super) fn event(&mut self, entity: &mut Entity<'_>, line: usize) -> bool {
        let keywords = take(entity, "keywords");
        let Some(kind) = keywords
            .iter()
            .find_map(|word| ActionKind::ALL.into_iter().find(|k| k.as_str() == word))
        else {
            return false;
        };
        let organizers = take(entity, "organizer");
        let involved = take(entity, "involved");
        let date = self.date(entity, "date");
        let date = date.or_else(|| self.date(entity, "startDate"));
        let instrument = compose_notes(take(entity, "program"));
        let notes = compose_notes(take(entity, "summary"));
        take(entity, "name");
        let sources = self.action_sources(entity);
        let Some(date) = date else {
            Self::count(&mut self.stats.dropped_edges, "Event without a date");
            return true;
        };
        let involved: Vec<u32> = involved
            .iter()
            .map(|to| self.names.id(to.as_str()))
            .collect();
        for from in &organizers {
            let from = self.names.id(from.as_str());
            for &to in &involved {
                self.edges.push(EdgeDraft {
                    kind: EdgeKind::Action(kind),
                    from: Ref::Entity(from),
                    to: Ref::Entity(to),
                    date: Some(date),
                    instrument: instrument.clone(),
                    notes: notes.clone(),
                    sources: sources.clone(),
                    ..edge_shell(line)
                });
            }
        }
        if organizers.is_empty() || involved.is_empty() {
            Self::count(
                &mut self.stats.dropped_edges,
                "Event without `organizer` or `involved`",
            );
        }
        true
    }

    /// An action's sources: those `entity` cites, else the input itself.
    fn action_sources(&mut self, entity: &mut Entity<'_>) -> Box<[u32]> {
        let sources = self.sources(entity);
        if sources.is_empty() {
            Box::new([self.source_keys.id(&SourceKey::Input)])
        } else {
            sources
        }
    }

    pub(super) fn document(&mut self, entity: &mut Entity<'_>, id: u32) -> bool {
        let first =
            |entity: &mut Entity<'_>, property: &str| take(entity, property).into_iter().next();
        let title = first(entity, "title").or_else(|| first(entity, "name"));
        let description = first(entity, "description").or_else(|| first(entity, "summary"));
        let publisher = first(entity, "publisher").or_else(|| first(entity, "author"));
        let date = self.date(entity, "date");
        let url = first(entity, "sourceUrl");
        let language = first(entity, "language");
        self.documents.insert(
            id,
            DocumentDraft {
                title,
                description,
                publisher,
                date,
                url,
                language,
            },
        );
        true
    }
}
