//! Our ids from FtM ids, authority names and country codes: valid for our id rules
//! (lower-case letters, digits, `-`, `_`, `.`; a letter or digit first) and unique.

use std::collections::{HashMap, HashSet};

/// Makes an FtM id valid for our rules: ASCII letters lower-cased, digits, `-`, `_` and `.`
/// kept, every other character becomes `-`; an id that would not start with a letter or a
/// digit is prefixed with `x`.
pub fn from_ftm_id(id: &str) -> String {
    let mut out: String = id
        .trim()
        .chars()
        .map(|c| match c {
            'A'..='Z' => c.to_ascii_lowercase(),
            'a'..='z' | '0'..='9' | '-' | '_' | '.' => c,
            _ => '-',
        })
        .collect();
    if !out.starts_with(|c: char| c.is_ascii_alphanumeric()) {
        out.insert(0, 'x');
    }
    out
}

pub use crate::suggest::slug;

/// The key under which spellings of an authority are one authority: trimmed, case-folded,
/// runs of white space collapsed to one space.
pub fn normalise(name: &str) -> String {
    name.split_whitespace()
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

/// The id of a slug-less name: `prefix-` and 8 hex digits of its FNV-1a hash.
pub fn hashed(prefix: &str, text: &str) -> String {
    let mut hash: u32 = 0x811c_9dc5;
    for byte in text.bytes() {
        hash ^= u32::from(byte);
        hash = hash.wrapping_mul(0x0100_0193);
    }
    format!("{prefix}-{hash:08x}")
}

/// Hands out unique ids: a wanted id that is taken gets `-2`, `-3`, ... Callers ask in a
/// sorted order so that the same input always gives the same ids.
///
/// Each wanted id remembers the next number to try, so that thousands of ids wanting the
/// same text cost one probe each rather than one per earlier number.
#[derive(Debug, Default)]
pub struct Allocator {
    taken: HashSet<String>,
    next: HashMap<String, u64>,
}

impl Allocator {
    /// The wanted id, or the first free numbered variant of it.
    pub fn take(&mut self, wanted: String) -> String {
        if self.taken.insert(wanted.clone()) {
            return wanted;
        }
        let mut n = self.next.get(&wanted).copied().unwrap_or(2);
        loop {
            let candidate = format!("{wanted}-{n}");
            n += 1;
            if self.taken.insert(candidate.clone()) {
                self.next.insert(wanted, n);
                return candidate;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn makes_ftm_ids_valid() {
        assert_eq!(from_ftm_id("NK-2gkfR9Jd"), "nk-2gkfr9jd");
        assert_eq!(from_ftm_id("ofac-1234"), "ofac-1234");
        assert_eq!(from_ftm_id("_x/y z"), "x_x-y-z");
        assert_eq!(from_ftm_id("Δ"), "x-");
    }

    #[test]
    fn normalises_authority_spellings_to_one_key() {
        assert_eq!(
            normalise("  Office of  Foreign\tAssets Control "),
            normalise("office of foreign assets control")
        );
        assert_eq!(
            slug("Office of Foreign Assets Control (OFAC)"),
            "office-of-foreign-assets-control-ofac"
        );
        assert_eq!(slug("Совет"), "");
    }

    #[test]
    fn numbers_ids_that_are_taken() {
        let mut ids = Allocator::default();
        assert_eq!(ids.take("a".into()), "a");
        assert_eq!(ids.take("a".into()), "a-2");
        assert_eq!(ids.take("a".into()), "a-3");
    }
}
