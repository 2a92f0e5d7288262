//! A node's draft: its kind, first line and every text of it in one buffer, so that an
//! entity costs one small allocation until the input ends, not one per name and list.

use crate::model::NodeKind;

use super::extend_unique;

/// What a text of a draft is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Field {
    /// The caption FtM computed: the first one kept.
    Caption,
    Name,
    /// `alias`, `weakAlias`, `previousName`.
    Alias,
    /// A country code, lower-cased.
    Country,
    /// `position` (persons).
    Role,
    /// The registration mark or IMO number: the first one kept.
    Registration,
    /// FtM `topics` (`sanction`, `role.pep`, ...), kept in the notes.
    Topic,
    Note,
}

const FIELDS: [Field; 8] = [
    Field::Caption,
    Field::Name,
    Field::Alias,
    Field::Country,
    Field::Role,
    Field::Registration,
    Field::Topic,
    Field::Note,
];

/// The texts of an entity, in the order given: for each, its field, its length (`u32`,
/// little-endian) and its UTF-8 bytes.
#[derive(Debug, Default)]
pub(super) struct Texts(Vec<u8>);

impl Texts {
    fn push(&mut self, field: Field, text: &str) {
        self.0.push(field as u8);
        // Lines are capped at 64 MiB (`MAX_LINE_BYTES`), so a length fits.
        self.0.extend_from_slice(&(text.len() as u32).to_le_bytes());
        self.0.extend_from_slice(text.as_bytes());
    }

    /// Every text, with its field, in the order given.
    fn all(&self) -> impl Iterator<Item = (Field, &str)> {
        let mut rest = self.0.as_slice();
        std::iter::from_fn(move || {
            let (&code, after) = rest.split_first()?;
            let (length, after) = after.split_first_chunk::<4>()?;
            let (text, after) = after.split_at(u32::from_le_bytes(*length) as usize);
            rest = after;
            let text = std::str::from_utf8(text).unwrap_or_default();
            Some((FIELDS[usize::from(code)], text))
        })
    }

    /// The texts of `field`, in the order given.
    pub(super) fn of(&self, field: Field) -> impl Iterator<Item = &str> {
        self.all()
            .filter(move |(of, _)| *of == field)
            .map(|(_, text)| text)
    }

    /// The first text of `field`.
    pub(super) fn first(&self, field: Field) -> Option<&str> {
        self.of(field).next()
    }

    /// Appends the texts of `field` not yet given, in order.
    fn extend_unique(&mut self, field: Field, texts: Vec<String>) {
        let mut list: Vec<String> = self.of(field).map(str::to_owned).collect();
        let known = list.len();
        extend_unique(&mut list, texts);
        for text in &list[known..] {
            self.push(field, text);
        }
    }
}

/// What a node draft is made of, as one entity (or fragment) gives it.
#[derive(Debug, Default)]
pub(super) struct Given {
    pub caption: Option<String>,
    pub names: Vec<String>,
    pub aliases: Vec<String>,
    pub countries: Vec<String>,
    pub role: Vec<String>,
    pub registration: Option<String>,
    pub topics: Vec<String>,
    pub notes: Vec<String>,
}

impl Given {
    /// Each field with its texts, in the order they are laid out.
    fn fields(self) -> [(Field, Vec<String>); 8] {
        [
            (Field::Caption, self.caption.into_iter().collect()),
            (Field::Name, self.names),
            (Field::Alias, self.aliases),
            (Field::Country, self.countries),
            (Field::Role, self.role),
            (Field::Registration, self.registration.into_iter().collect()),
            (Field::Topic, self.topics),
            (Field::Note, self.notes),
        ]
    }
}

/// An entity that becomes a node, as read so far.
#[derive(Debug)]
pub(super) struct NodeDraft {
    pub kind: NodeKind,
    /// The first line that gave it.
    pub line: usize,
    pub texts: Texts,
}

impl NodeDraft {
    /// The draft of an entity's first fragment, as given (nothing deduplicated).
    pub(super) fn new(kind: NodeKind, line: usize, given: Given) -> NodeDraft {
        let mut texts = Texts::default();
        for (field, values) in given.fields() {
            for value in &values {
                texts.push(field, value);
            }
        }
        texts.0.shrink_to_fit();
        NodeDraft { kind, line, texts }
    }

    /// Merges a later fragment of the same entity: the caption and the registration
    /// already kept stay, other texts are added when new.
    pub(super) fn merge(&mut self, given: Given) {
        for (field, values) in given.fields() {
            let first_wins = matches!(field, Field::Caption | Field::Registration);
            if first_wins {
                if self.texts.first(field).is_none() {
                    if let Some(value) = values.first() {
                        self.texts.push(field, value);
                    }
                }
            } else if !values.is_empty() {
                self.texts.extend_unique(field, values);
            }
        }
        self.texts.0.shrink_to_fit();
    }

    /// The name it goes by: its caption, else its first name.
    pub(super) fn name(&self) -> Option<&str> {
        self.texts
            .first(Field::Caption)
            .or_else(|| self.texts.first(Field::Name))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(texts: &[&str]) -> Vec<String> {
        texts.iter().map(|text| (*text).to_owned()).collect()
    }

    #[test]
    fn keeps_each_field_in_order_and_merges_fragments() {
        let mut draft = NodeDraft::new(
            NodeKind::Person,
            3,
            Given {
                names: strings(&["A", "A"]),
                aliases: strings(&["Б é", ""]),
                registration: Some("R1".into()),
                ..Given::default()
            },
        );
        assert_eq!(draft.name(), Some("A"));
        draft.merge(Given {
            caption: Some("Cap".into()),
            names: strings(&["B", "A", "B"]),
            registration: Some("R2".into()),
            ..Given::default()
        });
        let texts = &draft.texts;
        assert_eq!(texts.of(Field::Name).collect::<Vec<_>>(), ["A", "A", "B"]);
        assert_eq!(texts.of(Field::Alias).collect::<Vec<_>>(), ["Б é", ""]);
        assert_eq!(texts.of(Field::Registration).collect::<Vec<_>>(), ["R1"]);
        assert_eq!(draft.name(), Some("Cap"));
        assert_eq!(texts.first(Field::Note), None);
    }
}
