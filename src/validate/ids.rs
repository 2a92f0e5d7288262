//! The table of node ids the validator resolves every reference with: millions of lookups
//! on a large graph.
//!
//! A `HashMap` with foldhash (seeded, so the same on every run): `benches/id_table.rs`
//! measured it against an open-addressing table with short ids kept in their slots, which
//! did not win reliably (`docs/performance.md`). The ids are also kept in one buffer, in
//! position order, for the suggestions of "did you mean".

use std::collections::HashMap;

use foldhash::fast::FixedState;

/// Node ids by position, and the map that finds a position by id.
#[derive(Debug)]
pub struct IdTable {
    text: String,
    ends: Vec<usize>,
    positions: HashMap<Box<str>, u32, FixedState>,
}

impl Default for IdTable {
    fn default() -> IdTable {
        IdTable::with_capacity(0)
    }
}

impl IdTable {
    /// A table for about `capacity` ids.
    pub fn with_capacity(capacity: usize) -> IdTable {
        IdTable {
            text: String::new(),
            ends: Vec::with_capacity(capacity),
            positions: HashMap::with_capacity_and_hasher(capacity, FixedState::with_seed(0x5eed)),
        }
    }

    /// The number of ids.
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// Whether the table holds no id.
    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// The id at a position.
    pub fn id(&self, position: u32) -> &str {
        let at = position as usize;
        let start = at.checked_sub(1).map_or(0, |before| self.ends[before]);
        &self.text[start..self.ends[at]]
    }

    /// Every id, in position order.
    pub fn ids(&self) -> impl Iterator<Item = &str> + '_ {
        (0..self.len() as u32).map(|position| self.id(position))
    }

    /// The position of an id.
    pub fn get(&self, id: &str) -> Option<u32> {
        self.positions.get(id).copied()
    }

    /// Adds an id at the next position and returns it, or returns the position it already
    /// has.
    pub fn insert(&mut self, id: &str) -> Result<u32, u32> {
        if let Some(&position) = self.positions.get(id) {
            return Err(position);
        }
        let position = self.len() as u32;
        self.text.push_str(id);
        self.ends.push(self.text.len());
        self.positions.insert(id.into(), position);
        Ok(position)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_what_was_inserted_and_nothing_else() {
        let mut table = IdTable::with_capacity(2);
        for i in 0..5_000u32 {
            assert_eq!(table.insert(&format!("company-{i}")), Ok(i));
        }
        assert_eq!(table.insert("company-17"), Err(17));
        for i in 0..5_000u32 {
            assert_eq!(table.get(&format!("company-{i}")), Some(i));
            assert_eq!(table.id(i), format!("company-{i}"));
        }
        assert_eq!(table.get("company-5000"), None);
        assert_eq!(table.get(""), None);
        assert_eq!(table.ids().count(), 5_000);
    }
}
