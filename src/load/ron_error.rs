//! ron's errors as diagnostics: its line and character column turned into a byte span,
//! its message reworded where ours is clearer, a label and a suggested fix.

use std::ops::Range;

use super::LoadError;
use crate::diagnostic::Diagnostic;
use crate::source::{FileId, FileSpan};
use crate::suggest::did_you_mean;

/// The diagnostic for a file that is not valid RON, from ron's own error.
pub(super) fn syntax_problem(
    file: FileId,
    text: &str,
    error: &ron::error::SpannedError,
) -> Diagnostic {
    if is_blank(text) {
        return Diagnostic::error(LoadError::Empty).at(FileSpan::new(file, 0..0), "nothing here");
    }
    Diagnostic::error(LoadError::Syntax {
        message: describe(&error.code),
    })
    .at(
        FileSpan::new(file, ron_span(text, &error.span, 0)),
        label_for(&error.code),
    )
    .with_help_opt(help_for(&error.code))
}

fn is_blank(text: &str) -> bool {
    let mut rest = text.trim_start();
    loop {
        if let Some(after) = rest.strip_prefix("//") {
            rest = after
                .split_once('\n')
                .map_or("", |(_, next)| next)
                .trim_start();
        } else {
            return rest.is_empty();
        }
    }
}

/// Converts ron's 1-based line and character column, relative to `text`, to a byte range
/// relative to the whole file.
pub(super) fn ron_span(text: &str, span: &ron::error::Span, base: usize) -> Range<usize> {
    let mut start = crate::source::offset_of(text, span.start.line, span.start.col);
    // ron may point at the blank before the offending value; point at the value.
    start += text[start..].len() - text[start..].trim_start_matches([' ', '\t']).len();
    let end = crate::source::offset_of(text, span.end.line, span.end.col).max(start);
    base + start..base + end
}

/// ron's message, reworded where ours is clearer.
pub(super) fn describe(error: &ron::Error) -> String {
    let one_of = |expected: &[&str]| {
        let names: Vec<String> = expected.iter().map(|name| format!("`{name}`")).collect();
        names.join(", ")
    };
    let within = |outer: &Option<String>| {
        outer
            .as_ref()
            .map_or(String::new(), |outer| format!(" in `{outer}`"))
    };
    match error {
        ron::Error::NoSuchStructField {
            expected,
            found,
            outer,
        } => format!(
            "unknown field `{found}`{}; expected one of {}",
            within(outer),
            one_of(expected)
        ),
        ron::Error::NoSuchEnumVariant {
            expected,
            found,
            outer,
        } => {
            let what = match outer.as_deref() {
                Some("Node") => "node kind",
                Some("Edge") => "edge type",
                Some("ActionKind") => "action kind",
                Some("RelationKind") => "relation kind",
                _ => "variant",
            };
            format!(
                "unknown {what} `{found}`; expected one of {}",
                one_of(expected)
            )
        }
        ron::Error::MissingStructField { field, outer } => {
            format!("missing field `{field}`{}", within(outer))
        }
        ron::Error::DuplicateStructField { field, outer } => {
            format!("field `{field}` is given twice{}", within(outer))
        }
        ron::Error::ExceededRecursionLimit => {
            "the values nest too deep (more than 128 levels)".to_owned()
        }
        other => lower_first(&other.to_string()),
    }
}

fn lower_first(message: &str) -> String {
    let mut chars = message.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

pub(super) fn label_for(error: &ron::Error) -> &'static str {
    match error {
        ron::Error::NoSuchStructField { .. } => "unknown field",
        ron::Error::NoSuchEnumVariant { .. } => "unknown kind",
        ron::Error::MissingStructField { .. } => "in this item",
        ron::Error::InvalidValueForType { .. } | ron::Error::ExpectedString => "wrong type",
        ron::Error::DuplicateStructField { .. } => "given twice",
        ron::Error::Eof => "the text ends here",
        _ => "here",
    }
}

pub(super) fn help_for(error: &ron::Error) -> Option<String> {
    match error {
        ron::Error::NoSuchStructField {
            expected, found, ..
        }
        | ron::Error::NoSuchEnumVariant {
            expected, found, ..
        } => did_you_mean(found, expected.iter().copied()),
        ron::Error::MissingStructField { field, .. } => Some(format!("add `{field}: ...`")),
        ron::Error::ExpectedComma => Some("separate items with `,`".into()),
        ron::Error::ExpectedString => Some("write text in double quotes: \"...\"".into()),
        _ => None,
    }
}
