//! Diagnostics for people (rustc-style, with the offending line underlined) and for
//! scripts (JSON).

use std::collections::BTreeMap;
use std::fmt::Write;

use sanctions_graph::diagnostic::{
    escape_controls, push_escaped, Diagnostic, Label, Severity, SourceMap,
};
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
    // The line as shown: a tab as one space, other control characters escaped, and where
    // each of its characters starts in what is shown, so that the underline stays under
    // the offending text.
    let mut line_chars: Vec<char> = Vec::new();
    let mut starts: Vec<usize> = Vec::new();
    let mut escaped = String::new();
    for c in file.line_text(line).chars() {
        starts.push(line_chars.len());
        if c == '\t' {
            line_chars.push(' ');
        } else {
            escaped.clear();
            push_escaped(&mut escaped, c);
            line_chars.extend(escaped.chars());
        }
    }
    starts.push(line_chars.len());
    let shown_at = |column: usize| starts[(column - 1).min(starts.len() - 1)];
    let first = shown_at(column);
    let (end_line, end_column) = file.line_column(label.span.range.end);
    let width = if end_line == line {
        shown_at(end_column).saturating_sub(first).max(1)
    } else {
        line_chars.len().saturating_sub(first).max(1)
    };
    // Cut long lines to a window that keeps the underline in view.
    let start = if line_chars.len() > MAX_SNIPPET_CHARS {
        first.saturating_sub(MAX_SNIPPET_CHARS / 3)
    } else {
        0
    };
    let end = (start + MAX_SNIPPET_CHARS).min(line_chars.len());
    let mut shown: String = line_chars[start.min(end)..end].iter().collect();
    let mut offset = first - start.min(first);
    if start > 0 {
        shown.insert_str(0, "...");
        offset += 3;
    }
    if end < line_chars.len() {
        shown.push_str("...");
    }
    let width = width.min(MAX_SNIPPET_CHARS.saturating_sub(offset).max(1));
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
