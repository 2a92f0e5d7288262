//! "Did you mean ...?": the closest known name to a misspelt one, by strsim's Levenshtein
//! distance, compared only with candidates whose length could be close enough.

use std::collections::BTreeMap;

/// How many edits a candidate may be from `word` to count as a likely typo: a third of
/// the word's length, at least one.
fn edit_limit(word: &str) -> usize {
    (word.chars().count() / 3).max(1)
}

/// The candidate closest to `word`, if one is close enough to be a likely typo: a
/// case-insensitive match, or within a third of the word's length in edits. Ties go to the
/// candidate that sorts first, so the answer is stable.
///
/// For many words against the same candidates, build a [`Suggester`] once instead.
pub fn closest<'c>(word: &str, candidates: impl IntoIterator<Item = &'c str>) -> Option<&'c str> {
    let candidates: Vec<&'c str> = candidates.into_iter().collect();
    let found = Suggester::new(candidates.iter().copied()).closest_index(word)?;
    Some(candidates[found])
}

/// `did you mean `x`?`, when a close candidate exists.
pub fn did_you_mean<'c>(
    word: &str,
    candidates: impl IntoIterator<Item = &'c str>,
) -> Option<String> {
    closest(word, candidates).map(hint)
}

fn hint(candidate: &str) -> String {
    format!("did you mean `{candidate}`?")
}

/// Candidates prepared once for many lookups: lower-cased once and grouped by length in
/// characters, so a lookup compares its word only with candidates whose length is within
/// the edit limit (a word of 7 characters is never compared with one of 20).
///
/// Lookups share a budget of compared character pairs ([`Suggester::BUDGET`]): a file
/// with thousands of unknown references against hundreds of thousands of ids gets
/// suggestions for the first ones and then none, rather than minutes of comparing.
/// Which lookups get one depends only on the input, so the output is stable.
#[derive(Debug, Default)]
pub struct Suggester {
    /// Candidates by length in characters: (lower-cased text, index in `originals`).
    by_length: BTreeMap<usize, Vec<(String, usize)>>,
    originals: Vec<String>,
    spent: u64,
}

impl Suggester {
    /// The character pairs all lookups together may compare: about half a second of work.
    pub const BUDGET: u64 = 200_000_000;

    /// Prepares `candidates` for lookups.
    pub fn new<'c>(candidates: impl IntoIterator<Item = &'c str>) -> Suggester {
        let mut suggester = Suggester::default();
        for (index, candidate) in candidates.into_iter().enumerate() {
            let lowered = candidate.to_lowercase();
            suggester
                .by_length
                .entry(lowered.chars().count())
                .or_default()
                .push((lowered, index));
            suggester.originals.push(candidate.to_owned());
        }
        suggester
    }

    /// Whether the budget ran out: later lookups may have missed a suggestion.
    pub fn exhausted(&self) -> bool {
        self.spent >= Self::BUDGET
    }

    /// The candidate closest to `word` (as [`closest`]), or `None` also when the budget
    /// is spent.
    pub fn closest(&mut self, word: &str) -> Option<&str> {
        let found = self.closest_index(word)?;
        Some(&self.originals[found])
    }

    /// The position among the candidates of the one [`Suggester::closest`] gives.
    fn closest_index(&mut self, word: &str) -> Option<usize> {
        let lowered = word.to_lowercase();
        let length = lowered.chars().count();
        let limit = edit_limit(word);
        let mut best: Option<(usize, usize)> = None;
        for (&their_length, group) in self
            .by_length
            .range(length.saturating_sub(limit)..=length + limit)
        {
            for (text, candidate) in group {
                let candidate = *candidate;
                if self.spent >= Self::BUDGET {
                    return None;
                }
                self.spent += (length.max(1) * their_length.max(1)) as u64;
                let distance = if *text == lowered {
                    0
                } else {
                    strsim::levenshtein(&lowered, text)
                };
                let better = |(d, c): (usize, usize)| {
                    (distance, &self.originals[candidate]) < (d, &self.originals[c])
                };
                if distance <= limit && best.is_none_or(better) {
                    best = Some((distance, candidate));
                }
            }
        }
        best.map(|(_, candidate)| candidate)
    }

    /// `did you mean `x`?`, when a close candidate exists.
    pub fn did_you_mean(&mut self, word: &str) -> Option<String> {
        self.closest(word).map(hint)
    }
}

/// A readable slug of a name, usable as an id: ASCII letters and digits kept
/// (lower-cased), every run of other characters becomes one `-`, so `Belavia Airlines`
/// becomes `belavia-airlines`. Empty when the name has no ASCII letter or digit.
pub fn slug(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_a_typo_and_ignores_strangers() {
        let ids = ["belavia", "belaruskali", "belarus"];
        assert_eq!(closest("belvia", ids), Some("belavia"));
        assert_eq!(closest("Belarus", ids), Some("belarus"));
        assert_eq!(closest("potash", ids), None);
        // Edits are counted in characters, not bytes: `ổ` is one edit from `o`.
        assert_eq!(closest("Tổng", ["Tong"]), Some("Tong"));
    }

    #[test]
    fn a_suggester_compares_only_candidates_of_near_length() {
        let mut suggester = Suggester::new(["belavia", "a-very-long-identifier-indeed", "x"]);
        assert_eq!(suggester.closest("BELVIA"), Some("belavia"));
        // "belvia" (6) against "belavia" (7) only: 6 x 7 pairs.
        assert_eq!(suggester.spent, 42);
    }

    #[test]
    fn a_spent_budget_gives_no_suggestion() {
        let mut suggester = Suggester::new(["belavia"]);
        suggester.spent = Suggester::BUDGET;
        assert_eq!(suggester.closest("belvia"), None);
        assert!(suggester.exhausted());
    }
}
