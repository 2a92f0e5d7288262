//! Rules that link imported entities to commodities (`data/ftm/rules.ron`, built in, and
//! the user's own file added to it): a value of an FtM property that matches a rule becomes
//! an edge from the entity to the rule's commodity, citing the rule and the value.

use std::sync::{Arc, OnceLock};

use serde::Deserialize;

use crate::model::{EdgeKind, NodeKind, RelationKind};

use super::ids;
use super::line::Entity;

/// The built-in rules.
const BUILTIN: &str = include_str!("../../data/ftm/rules.ron");

/// A commodity the rules link to, as the file writes it.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename = "Commodity", deny_unknown_fields)]
pub struct RuleCommodity {
    /// Our id for its node.
    pub id: String,
    /// Its name.
    pub name: String,
    /// Other names.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Its HS codes.
    #[serde(default)]
    pub hs: Vec<String>,
}

/// How a value must look for a rule to apply.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub enum Matches {
    /// The value contains this text, case and runs of white space ignored.
    Contains(String),
    /// The value is this text, case and runs of white space ignored.
    Equals(String),
    /// The value is a code that starts with these digits, dots and spaces ignored.
    Code(String),
}

impl Matches {
    /// Whether `value` matches.
    pub fn matches(&self, value: &str) -> bool {
        match self {
            Matches::Contains(text) => ids::normalise(value).contains(&ids::normalise(text)),
            Matches::Equals(text) => ids::normalise(value) == ids::normalise(text),
            Matches::Code(digits) => {
                let code: String = value
                    .chars()
                    .filter(|c| !matches!(c, '.' | ' ' | '\t'))
                    .collect();
                !digits.is_empty() && code.starts_with(digits.as_str())
            }
        }
    }

    /// How the rule reads in a source's title: `contains "potash"`.
    pub fn describe(&self) -> String {
        match self {
            Matches::Contains(text) => format!("contains {text:?}"),
            Matches::Equals(text) => format!("is {text:?}"),
            Matches::Code(digits) => format!("is a code starting {digits:?}"),
        }
    }
}

/// One rule, as the file writes it.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename = "Rule", deny_unknown_fields)]
pub struct Rule {
    /// Its id, named by the sources of the edges it adds.
    pub id: String,
    /// The FtM schemata it looks at (`Company`, `Sanction`, ...).
    pub schemata: Vec<String>,
    /// The FtM property whose values it looks at (`sector`, `programId`, `name`, ...).
    pub property: String,
    /// How a value must look.
    pub matches: Matches,
    /// The relation it adds (`produces`, `exports`, `carries`).
    pub relation: String,
    /// The id of the commodity it links to.
    pub commodity: String,
}

#[derive(Debug, Deserialize)]
#[serde(rename = "Rules", deny_unknown_fields)]
struct RulesFile {
    #[serde(default)]
    commodities: Vec<RuleCommodity>,
    #[serde(default)]
    rules: Vec<Rule>,
}

/// What is wrong with a rules file.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid rules file `{file}`: {message}")]
pub struct RulesError {
    /// The file.
    pub file: String,
    /// What is wrong, and where.
    pub message: String,
}

/// The rules, with the relation each adds and the position of its commodity.
#[derive(Debug, Clone, Default)]
pub struct Rules {
    commodities: Vec<RuleCommodity>,
    rules: Vec<(Rule, RelationKind, usize)>,
}

impl Rules {
    /// The built-in rules, parsed once.
    pub fn builtin() -> Arc<Rules> {
        static RULES: OnceLock<Arc<Rules>> = OnceLock::new();
        RULES
            .get_or_init(|| {
                let mut rules = Rules::default();
                // A test loads the built-in file, so this cannot fail in a release.
                if let Err(error) = rules.add("data/ftm/rules.ron", BUILTIN) {
                    debug_assert!(false, "{error}");
                }
                Arc::new(rules)
            })
            .clone()
    }

    /// No rules at all.
    pub fn none() -> Arc<Rules> {
        Arc::new(Rules::default())
    }

    /// The built-in rules with those of `text` (the file `file`) added; a rule or commodity
    /// with a built-in id replaces it.
    ///
    /// # Errors
    /// A syntax error, an invalid or repeated id, a relation that cannot end at a
    /// commodity, a commodity no entry defines, an empty match.
    pub fn with_file(file: &str, text: &str) -> Result<Rules, RulesError> {
        let mut rules = (*Rules::builtin()).clone();
        rules.add(file, text)?;
        Ok(rules)
    }

    fn add(&mut self, file: &str, text: &str) -> Result<(), RulesError> {
        let error = |message: String| RulesError {
            file: file.to_owned(),
            message,
        };
        let parsed: RulesFile = ron::Options::default().from_str(text).map_err(|e| {
            error(format!(
                "{} at line {}, column {}",
                e.code, e.span.start.line, e.span.start.col
            ))
        })?;
        let valid_id = |id: &str| !id.is_empty() && ids::from_ftm_id(id) == id;
        let mut seen = std::collections::HashSet::new();
        for commodity in parsed.commodities {
            if !valid_id(&commodity.id) {
                return Err(error(format!(
                    "commodity `{}` is not a valid id (lower-case letters, digits, `-`, `_`, `.`)",
                    commodity.id
                )));
            }
            if !seen.insert(commodity.id.clone()) {
                return Err(error(format!(
                    "the commodity `{}` is given twice",
                    commodity.id
                )));
            }
            match self.commodities.iter().position(|c| c.id == commodity.id) {
                Some(at) => self.commodities[at] = commodity,
                None => self.commodities.push(commodity),
            }
        }
        let mut seen = std::collections::HashSet::new();
        for rule in parsed.rules {
            if !valid_id(&rule.id) {
                return Err(error(format!(
                    "rule `{}` is not a valid id (lower-case letters, digits, `-`, `_`, `.`)",
                    rule.id
                )));
            }
            if !seen.insert(rule.id.clone()) {
                return Err(error(format!("the rule `{}` is given twice", rule.id)));
            }
            let relation = match EdgeKind::parse(&rule.relation) {
                Some(EdgeKind::Relation(kind)) if kind.endpoints().1.contains(&NodeKind::Commodity) => kind,
                _ => {
                    return Err(error(format!(
                        "rule `{}`: `{}` is not a relation that ends at a commodity (expected `produces`, `exports` or `carries`)",
                        rule.id, rule.relation
                    )))
                }
            };
            let empty = match &rule.matches {
                Matches::Contains(text) | Matches::Equals(text) => text.trim().is_empty(),
                Matches::Code(digits) => digits.is_empty(),
            };
            if empty || rule.schemata.is_empty() || rule.property.is_empty() {
                return Err(error(format!(
                    "rule `{}` needs schemata, a property and a non-empty match",
                    rule.id
                )));
            }
            let Some(commodity) = self.commodities.iter().position(|c| c.id == rule.commodity)
            else {
                return Err(error(format!(
                    "rule `{}` links to `{}`, which is not among the commodities",
                    rule.id, rule.commodity
                )));
            };
            let entry = (rule, relation, commodity);
            match self.rules.iter().position(|(r, ..)| r.id == entry.0.id) {
                Some(at) => self.rules[at] = entry,
                None => self.rules.push(entry),
            }
        }
        Ok(())
    }

    /// The commodity at `at`.
    pub fn commodity(&self, at: usize) -> &RuleCommodity {
        &self.commodities[at]
    }

    /// The rule at `at`.
    pub fn rule(&self, at: usize) -> &Rule {
        &self.rules[at].0
    }

    /// The rules that look at `schema`, by position, with the relation each adds and its
    /// commodity's position.
    pub fn for_schema<'a>(
        &'a self,
        schema: &'a str,
    ) -> impl Iterator<Item = (usize, &'a Rule, RelationKind, usize)> + 'a {
        self.rules
            .iter()
            .enumerate()
            .filter(move |(_, (rule, ..))| rule.schemata.iter().any(|s| s == schema))
            .map(|(at, (rule, relation, commodity))| (at, rule, *relation, *commodity))
    }

    /// Whether there are no rules.
    pub fn is_empty(&self) -> bool {
        self.rules.is_empty()
    }

    /// The values of `entity` that rules match, in rule order then value order, with the
    /// entities each link starts from: the entity itself, or a `Sanction`'s `entity` values.
    pub(super) fn hits(&self, entity: &Entity<'_>) -> Vec<Hit> {
        let mut hits = Vec::new();
        for (rule, found, relation, commodity) in self.for_schema(&entity.schema) {
            let Some(values) = entity.properties.get(found.property.as_str()) else {
                continue;
            };
            for value in values {
                let value = value.0.trim();
                if value.is_empty() || !found.matches.matches(value) {
                    continue;
                }
                let targets = if entity.schema == "Sanction" {
                    entity
                        .properties
                        .get("entity")
                        .into_iter()
                        .flatten()
                        .map(|target| target.0.trim().to_owned())
                        .filter(|target| !target.is_empty())
                        .collect()
                } else {
                    vec![entity.id.clone()]
                };
                hits.push(Hit {
                    rule,
                    relation,
                    commodity,
                    value: value.to_owned(),
                    targets,
                });
            }
        }
        hits
    }
}

/// A value a rule matched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Hit {
    /// The rule's position.
    pub rule: usize,
    /// The relation it adds.
    pub relation: RelationKind,
    /// The commodity's position.
    pub commodity: usize,
    /// The value matched, trimmed.
    pub value: String,
    /// The FtM ids the links start from.
    pub targets: Vec<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_builtin_rules_load() {
        let mut rules = Rules::default();
        rules
            .add("data/ftm/rules.ron", BUILTIN)
            .expect("the built-in rules are valid");
        assert!(rules.for_schema("Company").count() >= 3);
    }

    #[test]
    fn codes_match_by_their_leading_digits() {
        let code = Matches::Code("3104".into());
        assert!(code.matches("3104.20"));
        assert!(code.matches("3104 20 10"));
        assert!(!code.matches("3102"));
        assert!(Matches::Contains("potash".into()).matches("Potash  mining"));
    }

    #[test]
    fn refuses_a_relation_that_does_not_end_at_a_commodity() {
        let error = Rules::with_file(
            "mine.ron",
            r#"Rules(rules: [Rule(id: "x", schemata: ["Company"], property: "sector", matches: Contains("oil"), relation: "owns", commodity: "potash")])"#,
        )
        .expect_err("invalid");
        assert!(error.message.contains("owns"), "{error}");
    }
}
