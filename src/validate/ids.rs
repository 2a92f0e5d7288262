//! The table of node ids the validator resolves every reference with: millions of lookups
//! on a large graph, so it is built to touch little memory.
//!
//! The table is open addressing with linear probing over 32-byte slots, one cache line
//! holding two, each with part of the id's hash, its length, its position and, for ids
//! of up to 22 bytes (nearly all), the id itself. A lookup reads one slot, rarely two,
//! and nothing else: a general hash map of string keys reads a control group, a bucket
//! and the key's text somewhere on the heap, three places in memory, which on a large
//! graph means three cache and TLB misses per reference.

use std::hash::BuildHasher;

use foldhash::fast::FixedState;

/// Ids this long or shorter are compared inside their slot, without reading the text.
const INLINE: usize = 22;

/// One slot: the top of the id's hash, its length and its position (none when all are
/// zero), and the id itself when it is short enough.
#[derive(Debug, Clone, Copy, Default)]
#[repr(C, align(32))]
struct Slot {
    tag: u32,
    position: u32,
    len: u8,
    used: u8,
    inline: [u8; INLINE],
}

/// Node ids by position, and the table that finds a position by id.
#[derive(Debug, Default)]
pub struct IdTable {
    text: String,
    ends: Vec<usize>,
    slots: Vec<Slot>,
}

/// foldhash with a fixed seed: fast on short strings, and the same slots on every run.
fn hash(id: &str) -> u64 {
    FixedState::with_seed(0x5eed).hash_one(id.as_bytes())
}

fn slot(id: &str, hash: u64, position: u32) -> Slot {
    let mut slot = Slot {
        tag: (hash >> 32) as u32,
        position,
        len: id.len().min(255) as u8,
        used: 1,
        inline: [0; INLINE],
    };
    if id.len() <= INLINE {
        slot.inline[..id.len()].copy_from_slice(id.as_bytes());
    }
    slot
}

impl IdTable {
    /// A table for about `capacity` ids.
    pub fn with_capacity(capacity: usize) -> IdTable {
        let slots = (capacity.max(8) * 2).next_power_of_two();
        IdTable {
            text: String::new(),
            ends: Vec::with_capacity(capacity),
            slots: vec![Slot::default(); slots],
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

    fn find(&self, id: &str, hash: u64) -> Result<u32, usize> {
        let mask = self.slots.len() - 1;
        let tag = (hash >> 32) as u32;
        let mut at = hash as usize & mask;
        loop {
            let slot = &self.slots[at];
            if slot.used == 0 {
                return Err(at);
            }
            if slot.tag == tag && usize::from(slot.len) == id.len().min(255) {
                let same = if id.len() <= INLINE {
                    slot.inline[..id.len()] == *id.as_bytes()
                } else {
                    self.id(slot.position) == id
                };
                if same {
                    return Ok(slot.position);
                }
            }
            at = (at + 1) & mask;
        }
    }

    /// The position of an id.
    pub fn get(&self, id: &str) -> Option<u32> {
        self.find(id, hash(id)).ok()
    }

    /// Adds an id at the next position and returns it, or returns the position it already
    /// has.
    pub fn insert(&mut self, id: &str) -> Result<u32, u32> {
        if (self.len() + 1) * 2 > self.slots.len() {
            self.grow();
        }
        let hash = hash(id);
        match self.find(id, hash) {
            Ok(position) => Err(position),
            Err(at) => {
                let position = self.len() as u32;
                self.text.push_str(id);
                self.ends.push(self.text.len());
                self.slots[at] = slot(id, hash, position);
                Ok(position)
            }
        }
    }

    fn grow(&mut self) {
        let mut bigger = IdTable {
            text: std::mem::take(&mut self.text),
            ends: std::mem::take(&mut self.ends),
            slots: vec![Slot::default(); (self.slots.len() * 2).max(16)],
        };
        let mask = bigger.slots.len() - 1;
        for position in 0..bigger.len() as u32 {
            let id = bigger.id(position);
            let hash = hash(id);
            let mut at = hash as usize & mask;
            while bigger.slots[at].used != 0 {
                at = (at + 1) & mask;
            }
            bigger.slots[at] = slot(id, hash, position);
        }
        *self = bigger;
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
