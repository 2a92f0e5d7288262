//! Hash maps keyed by node and edge indexes, with a hash made for them.
//!
//! Indexes are small, dense, trusted numbers, so the standard library's DoS-resistant hash
//! is wasted work on them: queries on large graphs spend much of their time in maps. Each
//! word written is mixed in by rotating the state, xoring the word in and multiplying by a
//! large odd constant, which spreads the bits into the high bits the map's buckets use.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

/// The hasher: a rotate, xor and multiply per word.
#[derive(Debug, Default, Clone, Copy)]
pub struct IndexHasher(u64);

impl Hasher for IndexHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &byte in bytes {
            self.write_u64(u64::from(byte));
        }
    }

    fn write_u32(&mut self, word: u32) {
        self.write_u64(u64::from(word));
    }

    fn write_u64(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x517c_c1b7_2722_0a95);
    }

    fn write_usize(&mut self, word: usize) {
        self.write_u64(word as u64);
    }
}

/// A hash map keyed by indexes.
pub type IndexMap<K, V> = HashMap<K, V, BuildHasherDefault<IndexHasher>>;

/// A hash set of indexes.
pub type IndexSet<K> = HashSet<K, BuildHasherDefault<IndexHasher>>;
