//! The curated table of sanctioning authorities (`data/ftm/authorities.ron`, built in), and
//! the user's own file added to it: a `Sanction.authority` string is resolved to one body
//! by any of its spellings, normalised as [`super::ids::normalise`] does.

use std::collections::HashMap;
use std::sync::{Arc, OnceLock};

use serde::Deserialize;

use super::ids;

/// The built-in table.
const BUILTIN: &str = include_str!("../../data/ftm/authorities.ron");

/// One authority of the table, as the file writes it.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename = "Authority", deny_unknown_fields)]
pub struct Authority {
    /// Our id for its body.
    pub id: String,
    /// Its name.
    pub name: String,
    /// Other spellings and abbreviations.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Its country, as a lower-case ISO code (or `eu`).
    #[serde(default)]
    pub country: Option<String>,
    /// The id of the entry it is part of; without one it is part of its country.
    #[serde(default)]
    pub part_of: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(rename = "Authorities", deny_unknown_fields)]
struct TableFile {
    authorities: Vec<Authority>,
}

/// What is wrong with an authorities file.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid authorities file `{file}`: {message}")]
pub struct TableError {
    /// The file.
    pub file: String,
    /// What is wrong, and where.
    pub message: String,
}

/// The table: entries in order, and every normalised spelling to its entry.
#[derive(Debug, Clone, Default)]
pub struct Authorities {
    entries: Vec<Authority>,
    spellings: HashMap<String, usize>,
}

impl Authorities {
    /// The built-in table, parsed once.
    pub fn builtin() -> Arc<Authorities> {
        static TABLE: OnceLock<Arc<Authorities>> = OnceLock::new();
        TABLE
            .get_or_init(|| {
                let mut table = Authorities::default();
                // A test loads the built-in file, so this cannot fail in a release.
                if let Err(error) = table.add("data/ftm/authorities.ron", BUILTIN) {
                    debug_assert!(false, "{error}");
                }
                Arc::new(table)
            })
            .clone()
    }

    /// The built-in table with the entries of `text` (the file `file`) added; an entry with
    /// the id of a built-in one replaces it.
    ///
    /// # Errors
    /// A syntax error, an invalid or repeated id, a `part_of` that names no entry or goes
    /// round in a circle, a spelling two entries share, an invalid country code.
    pub fn with_file(file: &str, text: &str) -> Result<Authorities, TableError> {
        let mut table = (*Authorities::builtin()).clone();
        table.add(file, text)?;
        Ok(table)
    }

    fn add(&mut self, file: &str, text: &str) -> Result<(), TableError> {
        let error = |message: String| TableError {
            file: file.to_owned(),
            message,
        };
        // `country: "us"` rather than `country: Some("us")`.
        let options = ron::Options::default()
            .with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME);
        let parsed: TableFile = options.from_str(text).map_err(|e| {
            error(format!(
                "{} at line {}, column {}",
                e.code, e.span.start.line, e.span.start.col
            ))
        })?;
        let mut seen = std::collections::HashSet::new();
        for entry in parsed.authorities {
            if ids::from_ftm_id(&entry.id) != entry.id {
                return Err(error(format!(
                    "`{}` is not a valid id (lower-case letters, digits, `-`, `_`, `.`)",
                    entry.id
                )));
            }
            if !seen.insert(entry.id.clone()) {
                return Err(error(format!("the id `{}` is given twice", entry.id)));
            }
            if let Some(code) = &entry.country {
                if super::mapping::country_code(code).as_deref() != Some(code.as_str()) {
                    return Err(error(format!(
                        "`{code}` of `{}` is not a lower-case country code such as `us` or `eu`",
                        entry.id
                    )));
                }
            }
            match self.entries.iter().position(|e| e.id == entry.id) {
                Some(at) => self.entries[at] = entry,
                None => self.entries.push(entry),
            }
        }
        self.spellings.clear();
        for (at, entry) in self.entries.iter().enumerate() {
            for spelling in std::iter::once(&entry.name).chain(&entry.aliases) {
                let key = ids::normalise(spelling);
                if let Some(&other) = self.spellings.get(&key) {
                    if other != at {
                        return Err(error(format!(
                            "`{spelling}` is a spelling of both `{}` and `{}`",
                            self.entries[other].id, entry.id
                        )));
                    }
                }
                self.spellings.insert(key, at);
            }
        }
        for entry in &self.entries {
            let mut steps = 0;
            let mut next = entry.part_of.as_deref();
            while let Some(id) = next {
                let Some(parent) = self.entry_by_id(id) else {
                    return Err(error(format!(
                        "`{}` is part of `{id}`, which is not in the table",
                        entry.id
                    )));
                };
                steps += 1;
                if steps > self.entries.len() {
                    return Err(error(format!(
                        "`part_of` goes round in a circle from `{}`",
                        entry.id
                    )));
                }
                next = self.entries[parent].part_of.as_deref();
            }
        }
        Ok(())
    }

    /// The entry at `at`.
    pub fn entry(&self, at: usize) -> &Authority {
        &self.entries[at]
    }

    /// The position of the entry with this id.
    pub fn entry_by_id(&self, id: &str) -> Option<usize> {
        self.entries.iter().position(|entry| entry.id == id)
    }

    /// The entry a normalised spelling names.
    pub fn resolve(&self, normalised: &str) -> Option<usize> {
        self.spellings.get(normalised).copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_builtin_table_loads() {
        let mut table = Authorities::default();
        table
            .add("data/ftm/authorities.ron", BUILTIN)
            .expect("the built-in table is valid");
        let ofac = table.resolve("ofac").expect("OFAC");
        assert_eq!(table.entry(ofac).id, "ofac");
        assert_eq!(
            table.resolve("office of foreign assets control"),
            Some(ofac)
        );
    }

    #[test]
    fn refuses_a_part_of_that_names_no_entry() {
        let error = Authorities::with_file(
            "mine.ron",
            r#"Authorities(authorities: [Authority(id: "x", name: "X", part_of: "nowhere")])"#,
        )
        .expect_err("invalid");
        assert!(error.message.contains("nowhere"), "{error}");
    }
}
