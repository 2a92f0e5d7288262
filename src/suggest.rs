//! "Did you mean ...?": the closest known name to a misspelt one.

/// The edit distance between two strings, counted in characters.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut current = Vec::with_capacity(b.len() + 1);
        current.push(i + 1);
        for (j, cb) in b.iter().enumerate() {
            let substitution = previous[j] + usize::from(ca != *cb);
            current.push(substitution.min(previous[j + 1] + 1).min(current[j] + 1));
        }
        previous = current;
    }
    previous[b.len()]
}

/// The candidate closest to `word`, if one is close enough to be a likely typo: a
/// case-insensitive match, or within a third of the word's length in edits. Ties go to the
/// candidate that sorts first, so the answer is stable.
pub fn closest<'c>(word: &str, candidates: impl IntoIterator<Item = &'c str>) -> Option<&'c str> {
    let lowered = word.to_lowercase();
    let limit = (word.chars().count() / 3).max(1);
    candidates
        .into_iter()
        .filter_map(|candidate| {
            let distance = edit_distance(&lowered, &candidate.to_lowercase());
            (distance <= limit).then_some((distance, candidate))
        })
        .min()
        .map(|(_, candidate)| candidate)
}

/// `did you mean `x`?`, when a close candidate exists.
pub fn did_you_mean<'c>(
    word: &str,
    candidates: impl IntoIterator<Item = &'c str>,
) -> Option<String> {
    closest(word, candidates).map(|candidate| format!("did you mean `{candidate}`?"))
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
        assert_eq!(edit_distance("Tổng", "Tong"), 1);
    }
}
