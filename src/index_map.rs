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
        // The multiplies leave the well-mixed bits at the top, and the map picks buckets by
        // the low bits: murmur3's finaliser mixes every bit into every other.
        let mut hash = self.0;
        hash = (hash ^ (hash >> 33)).wrapping_mul(0xff51_afd7_ed55_8ccd);
        hash = (hash ^ (hash >> 33)).wrapping_mul(0xc4ce_b9fe_1a85_ec53);
        hash ^ (hash >> 33)
    }

    fn write(&mut self, bytes: &[u8]) {
        // Eight bytes at a step: ids and names are hashed this way, millions of them.
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0; 8];
            word.copy_from_slice(chunk);
            self.write_u64(u64::from_le_bytes(word));
        }
        let mut last = [0; 8];
        let rest = chunks.remainder();
        last[..rest.len()].copy_from_slice(rest);
        self.write_u64(u64::from_le_bytes(last) ^ (rest.len() as u64) << 56);
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
