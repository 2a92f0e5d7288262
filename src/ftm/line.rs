//! One line of a FollowTheMoney stream: the JSON object and the checks that make it an
//! entity (an `id`, a `schema`, properties that are lists of strings).

use std::borrow::{Borrow, Cow};
use std::collections::BTreeMap;
use std::fmt;

use serde::de::{self, Deserializer, Visitor};
use serde::Deserialize;
use serde_json::Value;

use super::FtmError;

/// The JSON object of a line, as serde reads it; fields FtM writes that the import does not
/// use (`target`, `last_seen`, ...) are ignored. This is the fast path: a line it refuses
/// is read again as [`CheckedEntity`] to say exactly what is wrong.
#[derive(Debug, Deserialize)]
struct RawEntity<'a> {
    #[serde(default)]
    id: Option<String>,
    #[serde(default)]
    schema: Option<String>,
    #[serde(default)]
    caption: Option<String>,
    #[serde(default, borrow)]
    properties: BTreeMap<Text<'a>, Vec<Text<'a>>>,
    #[serde(default)]
    datasets: Vec<String>,
    #[serde(default)]
    referents: Vec<String>,
    #[serde(default)]
    first_seen: Option<String>,
}

/// The same object with properties kept as JSON values, to name a property that is not a
/// list of strings.
#[derive(Debug, Deserialize)]
struct CheckedEntity {
    #[serde(default)]
    properties: BTreeMap<String, Value>,
}

/// A string of a line: borrowed from the line where the JSON has no escape, so that the
/// many values the mapping does not keep cost no allocation.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Text<'a>(pub Cow<'a, str>);

impl Borrow<str> for Text<'_> {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl<'de: 'a, 'a> Deserialize<'de> for Text<'a> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct TextVisitor;

        impl<'de> Visitor<'de> for TextVisitor {
            type Value = Text<'de>;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string")
            }

            fn visit_borrowed_str<E: de::Error>(self, text: &'de str) -> Result<Text<'de>, E> {
                Ok(Text(Cow::Borrowed(text)))
            }

            fn visit_str<E: de::Error>(self, text: &str) -> Result<Text<'de>, E> {
                Ok(Text(Cow::Owned(text.to_owned())))
            }

            fn visit_string<E: de::Error>(self, text: String) -> Result<Text<'de>, E> {
                Ok(Text(Cow::Owned(text)))
            }
        }

        deserializer.deserialize_str(TextVisitor)
    }
}

/// An entity read from one line, its properties checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entity<'a> {
    /// The FtM id.
    pub id: String,
    /// The schema name: `Person`, `Sanction`, ...
    pub schema: String,
    /// The display name FtM computed, if written.
    pub caption: Option<String>,
    /// Property name to its values.
    pub properties: BTreeMap<Text<'a>, Vec<Text<'a>>>,
    /// The datasets the entity comes from.
    pub datasets: Vec<String>,
    /// Older ids of this entity: references to them mean this entity.
    pub referents: Vec<String>,
    /// When the publisher first saw the entity.
    pub first_seen: Option<String>,
}

/// A line's problem and the 1-based character column it starts at, when known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineError {
    /// What is wrong.
    pub error: FtmError,
    /// Where in the line, 1-based, if the JSON parser said.
    pub column: Option<usize>,
}

impl From<FtmError> for LineError {
    fn from(error: FtmError) -> LineError {
        LineError {
            error,
            column: None,
        }
    }
}

/// Parses one non-blank line.
pub fn parse(line: &str) -> Result<Entity<'_>, LineError> {
    let raw: RawEntity = match serde_json::from_str(line) {
        Ok(raw) => raw,
        Err(error) => return Err(explain(line, &error)),
    };
    let id = raw
        .id
        .filter(|id| !id.trim().is_empty())
        .ok_or(FtmError::NoId)?;
    let schema = raw
        .schema
        .filter(|schema| !schema.trim().is_empty())
        .ok_or(FtmError::NoSchema)?;
    Ok(Entity {
        id,
        schema,
        caption: raw.caption.filter(|caption| !caption.trim().is_empty()),
        properties: raw.properties,
        datasets: raw.datasets,
        referents: raw.referents,
        first_seen: raw.first_seen,
    })
}

/// Why the fast path refused a line: a property that is not a list of strings if that is
/// the reason, else what the JSON parser said.
fn explain(line: &str, error: &serde_json::Error) -> LineError {
    if let Ok(checked) = serde_json::from_str::<CheckedEntity>(line) {
        for (property, value) in checked.properties {
            let found = match &value {
                Value::Array(items) => items.iter().find(|item| !item.is_string()).map(json_type),
                other => Some(json_type(other)),
            };
            if let Some(found) = found {
                return FtmError::NotStrings { property, found }.into();
            }
        }
    }
    let text = error.to_string();
    let position = format!(" at line {} column {}", error.line(), error.column());
    let message = text.strip_suffix(&position).unwrap_or(&text).to_owned();
    LineError {
        error: FtmError::Json { message },
        column: Some(error.column()),
    }
}

/// "a number", "an object": what a JSON value is, for messages.
fn json_type(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_an_entity_and_ignores_fields_it_does_not_use() {
        let entity = parse(
            r#"{"id": "Q1", "schema": "Person", "target": true, "properties": {"name": ["A"]}}"#,
        )
        .expect("valid");
        assert_eq!(entity.id, "Q1");
        assert_eq!(entity.properties["name"], [Text("A".into())]);
    }

    #[test]
    fn names_each_kind_of_bad_line() {
        let error = |line: &str| parse(line).expect_err("invalid").error;
        assert!(matches!(error("{\"id\": "), FtmError::Json { .. }));
        assert_eq!(
            error(r#"{"id": "a", "properties": {}}"#),
            FtmError::NoSchema
        );
        assert_eq!(error(r#"{"schema": "Person"}"#), FtmError::NoId);
        assert_eq!(
            error(r#"{"id": "a", "schema": "Person", "properties": {"name": "A"}}"#),
            FtmError::NotStrings {
                property: "name".into(),
                found: "a string"
            }
        );
        assert!(matches!(
            error(r#"{"id": "a", "schema": "Person", "properties": {"name": [1]}}"#),
            FtmError::NotStrings { .. }
        ));
    }
}
