//! Diagnostics for people (rustc-style, with the offending line underlined) and for
//! scripts (JSON).

use std::collections::BTreeMap;
use std::fmt::Write;

use sanctions_graph::diagnostic::{Diagnostic, Label, Severity};
use sanctions_graph::source::{escape_controls, floor_char_boundary, push_escaped, SourceMap};
use serde_json::{json, Value};

/// How many warnings of one kind are shown before the rest are only counted.
pub const SHOWN_WARNINGS_OF_A_KIND: usize = 10;

/// Longer source lines are cut to a window around the offending text.
const MAX_SNIPPET_CHARS: usize = 120;

/// ANSI styles, or none.
#[derive(Debug, Clone, Copy)]
pub struct Style {
    pub color: bool,
}

impl Style {
    fn paint(self, code: &str, text: &str) -> String {
        if self.color {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_owned()
        }
    }
}

/// Renders every diagnostic, then a one-line count.
///
/// Every error is shown; warnings of one kind are shown up to [`SHOWN_WARNINGS_OF_A_KIND`]
/// and then counted, so that a large generated or imported graph does not bury its errors
/// (`--format json` lists them all).
pub fn render_all(diagnostics: &[Diagnostic], map: &SourceMap, style: Style) -> String {
    let mut out = String::new();
    let mut shown: BTreeMap<&str, usize> = BTreeMap::new();
    for diagnostic in diagnostics {
        if !diagnostic.is_error() {
            let count = shown.entry(diagnostic.problem.code()).or_default();
            *count += 1;
            if *count > SHOWN_WARNINGS_OF_A_KIND {
                continue;
            }
        }
        out.push_str(&render(diagnostic, map, style));
        out.push('\n');
    }
    for (code, count) in shown {
        if count > SHOWN_WARNINGS_OF_A_KIND {
            let _ = writeln!(
                out,
                "... and {} more `{code}` warnings (`--format json` lists every one)\n",
                count - SHOWN_WARNINGS_OF_A_KIND
            );
        }
    }
    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
    let warnings = diagnostics.len() - errors;
    if errors > 0 {
        let _ = writeln!(
            out,
            "{}",
            style.paint(
                "1;31",
                &format!(
                    "{} found, {}",
                    plural(errors, "error"),
                    plural(warnings, "warning")
                )
            )
        );
    } else if warnings > 0 {
        let _ = writeln!(out, "{}", style.paint("1;33", &plural(warnings, "warning")));
    }
    out
}

fn plural(count: usize, word: &str) -> String {
    if count == 1 {
        format!("1 {word}")
    } else {
        format!("{count} {word}s")
    }
}

/// One diagnostic: headline, location, snippet, related places, help.
pub fn render(diagnostic: &Diagnostic, map: &SourceMap, style: Style) -> String {
    let (word, colour) = match diagnostic.severity {
        Severity::Error => ("error", "1;31"),
        Severity::Warning => ("warning", "1;33"),
    };
    let mut out = format!(
        "{}: {}\n",
        style.paint(colour, &format!("{word}[{}]", diagnostic.problem.code())),
        escape_controls(&diagnostic.problem.to_string())
    );
    let gutter = gutter_width(diagnostic, map);
    if let Some(label) = &diagnostic.primary {
        snippet(&mut out, label, map, style, gutter, ('^', colour));
    }
    for label in &diagnostic.related {
        snippet(&mut out, label, map, style, gutter, ('-', "1;34"));
    }
    if let Some(help) = &diagnostic.help {
        let _ = writeln!(
            out,
            "{}= {}: {help}",
            " ".repeat(gutter + 1),
            style.paint("1", "help"),
            help = escape_controls(help)
        );
    }
    out
}

/// The width of the widest line number the diagnostic shows.
fn gutter_width(diagnostic: &Diagnostic, map: &SourceMap) -> usize {
    diagnostic
        .primary
        .iter()
        .chain(&diagnostic.related)
        .map(|label| {
            let file = map.file(label.span.file);
            file.line_column(label.span.range.start).0.to_string().len()
        })
        .max()
        .unwrap_or(1)
}

/// The offending line with the label's text underlined by `mark`.
fn snippet(
    out: &mut String,
    label: &Label,
    map: &SourceMap,
    style: Style,
    gutter: usize,
    (mark, colour): (char, &str),
) {
    let file = map.file(label.span.file);
    let (line, column) = file.line_column(label.span.range.start);
    let _ = writeln!(
        out,
        "{}--> {}:{line}:{column}",
        " ".repeat(gutter),
        escape_controls(&file.name)
    );
    // A window of the line around the offending text, at most MAX_SNIPPET_CHARS
    // characters: only the window is read, so a 3 MB line with thousands of errors costs
    // a window per error, not the line. Shown with a tab as one space and other control
    // characters escaped, keeping where each character starts so that the underline
    // stays under the offending text.
    let text = file.line_text(line);
    let line_start = file.line_offset(line).unwrap_or(0);
    let at = floor_char_boundary(text, label.span.range.start.saturating_sub(line_start));
    let short = text.char_indices().nth(MAX_SNIPPET_CHARS).is_none();
    let window_start = if short {
        0
    } else {
        text[..at]
            .char_indices()
            .rev()
            .take(MAX_SNIPPET_CHARS / 3)
            .last()
            .map_or(at, |(i, _)| i)
    };
    let window_end = text[window_start..]
        .char_indices()
        .nth(MAX_SNIPPET_CHARS)
        .map_or(text.len(), |(i, _)| window_start + i);
    let (end_line, _) = file.line_column(label.span.range.end);
    let until = if end_line == line {
        floor_char_boundary(text, label.span.range.end.saturating_sub(line_start))
            .clamp(at, window_end)
    } else {
        window_end
    };
    let mut shown = String::new();
    if window_start > 0 {
        shown.push_str("...");
    }
    let (mut first, mut last) = (None, None);
    let mut shown_chars = shown.chars().count();
    for (i, c) in text[window_start..window_end].char_indices() {
        let i = window_start + i;
        if i == at {
            first = Some(shown_chars);
        }
        if i == until {
            last = Some(shown_chars);
        }
        let before = shown.len();
        if c == '\t' {
            shown.push(' ');
        } else {
            push_escaped(&mut shown, c);
        }
        shown_chars += shown[before..].chars().count();
    }
    let offset = first.unwrap_or(shown_chars);
    let width = last
        .unwrap_or(shown_chars)
        .saturating_sub(offset)
        .max(1)
        .min(MAX_SNIPPET_CHARS.max(1));
    if window_end < text.len() {
        shown.push_str("...");
    }
    let number = format!("{line:>gutter$}");
    let gutter = " ".repeat(gutter);
    let bar = style.paint("1;34", "|");
    let _ = writeln!(out, "{gutter} {bar}");
    let _ = writeln!(out, "{} {bar} {shown}", style.paint("1;34", &number));
    let underline = format!(
        "{}{}",
        mark.to_string().repeat(width),
        if label.message.is_empty() {
            String::new()
        } else {
            format!(" {}", escape_controls(&label.message))
        }
    );
    let _ = writeln!(
        out,
        "{gutter} {bar} {}{}",
        " ".repeat(offset),
        style.paint(colour, &underline)
    );
}

/// One diagnostic as a JSON object: severity, code, message, file, line, column, help,
/// related places.
pub fn to_json(diagnostic: &Diagnostic, map: &SourceMap) -> Value {
    let place = |label: &Label| {
        let file = map.file(label.span.file);
        let (line, column) = file.line_column(label.span.range.start);
        json!({ "file": file.name, "line": line, "column": column, "label": label.message })
    };
    let mut object = json!({
        "severity": diagnostic.severity,
        "code": diagnostic.problem.code(),
        "message": diagnostic.problem.to_string(),
    });
    if let Some(label) = &diagnostic.primary {
        object["location"] = place(label);
    }
    if !diagnostic.related.is_empty() {
        object["related"] = diagnostic.related.iter().map(place).collect();
    }
    if let Some(help) = &diagnostic.help {
        object["help"] = json!(help);
    }
    object
}
