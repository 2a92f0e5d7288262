//! Diagnostics for people (rustc-style, drawn by `annotate-snippets`, with the offending
//! text underlined) and for scripts (JSON).

use std::collections::BTreeMap;
use std::fmt::Write;
use std::ops::Range;

use annotate_snippets::renderer::{self, DEFAULT_TERM_WIDTH};
use annotate_snippets::{
    normalize_untrusted_str, AnnotationKind, Element, Group, Level, Renderer, Snippet,
};
use sanctions_graph::diagnostic::{Diagnostic, Label, Severity};
use sanctions_graph::source::{escape_controls, floor_char_boundary, push_escaped, SourceMap};
use serde_json::{json, Value};

/// How many warnings of one kind are shown before the rest are only counted.
pub const SHOWN_WARNINGS_OF_A_KIND: usize = 10;

/// Longer source lines are cut to a window around the offending text.
const MAX_SNIPPET_CHARS: usize = 120;

/// Where a line is cut to its window.
const CUT: &str = "...";

/// Colours (the renderer's own, for the count too), or none.
#[derive(Debug, Clone, Copy)]
pub struct Style {
    pub color: bool,
}

impl Style {
    fn paint(self, style: renderer::Style, text: &str) -> String {
        if self.color {
            format!("{}{text}{}", style.render(), style.render_reset())
        } else {
            text.to_owned()
        }
    }

    fn renderer(self) -> Renderer {
        let renderer = if self.color {
            Renderer::styled()
        } else {
            Renderer::plain()
        };
        // A window and its cuts fit in the width, so the renderer never cuts it again.
        renderer.term_width(DEFAULT_TERM_WIDTH.max(MAX_SNIPPET_CHARS + 2 * CUT.len() + 20))
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
        out.push_str("\n\n");
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
                renderer::DEFAULT_ERROR_STYLE,
                &format!(
                    "{} found, {}",
                    plural(errors, "error"),
                    plural(warnings, "warning")
                )
            )
        );
    } else if warnings > 0 {
        let _ = writeln!(
            out,
            "{}",
            style.paint(
                renderer::DEFAULT_WARNING_STYLE,
                &plural(warnings, "warning")
            )
        );
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

/// One diagnostic: headline, the primary place and the related places each with its
/// snippet, then the help; without a trailing newline.
///
/// Every text taken from the input (the message, file names, labels, the lines shown) is
/// escaped with [`escape_controls`] before it reaches the renderer, so a terminal never
/// receives a control character from a file.
pub fn render(diagnostic: &Diagnostic, map: &SourceMap, style: Style) -> String {
    let level = match diagnostic.severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
    };
    let places: Vec<Place> = diagnostic
        .primary
        .iter()
        .map(|label| Place::of(label, map, AnnotationKind::Primary))
        .chain(
            diagnostic
                .related
                .iter()
                .map(|label| Place::of(label, map, AnnotationKind::Context)),
        )
        .collect();
    let mut elements: Vec<Element<'_>> =
        places.iter().map(|place| place.snippet().into()).collect();
    let help = diagnostic.help.as_deref().map(escape_controls);
    if let Some(help) = &help {
        elements.push(Level::HELP.message(help.as_ref()).into());
    }
    let title = escape_controls(&diagnostic.problem.to_string()).into_owned();
    let group: Group<'_> = level
        .primary_title(title)
        .id(diagnostic.problem.code())
        .elements(elements);
    let mut out = style.renderer().render(&[group]);
    // The headers come after the title line, which may quote any text.
    let mut from = out.find('\n').map_or(out.len(), |end| end + 1);
    for place in &places {
        from = place.correct_column(&mut out, from);
    }
    out
}

/// One labelled place: where it is, and the window of its line that is shown.
struct Place {
    kind: AnnotationKind,
    file: String,
    line: usize,
    column: usize,
    /// The window of the line, escaped, with [`CUT`] where the line goes on.
    shown: String,
    /// The underlined bytes of `shown`.
    underlined: Range<usize>,
    message: String,
}

impl Place {
    /// Reads only a window of at most [`MAX_SNIPPET_CHARS`] characters around the label's
    /// start, so that a 3 MB line with thousands of errors costs a window per error, not
    /// the line. A tab is shown as one space and other control characters are escaped;
    /// the underline follows the escaped text.
    fn of(label: &Label, map: &SourceMap, kind: AnnotationKind) -> Place {
        let file = map.file(label.span.file);
        let (line, column) = file.line_column(label.span.range.start);
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
            shown.push_str(CUT);
        }
        let (mut first, mut last) = (None, None);
        for (i, c) in text[window_start..window_end].char_indices() {
            let i = window_start + i;
            if i == at {
                first = Some(shown.len());
            }
            if i == until {
                last = Some(shown.len());
            }
            if c == '\t' {
                shown.push(' ');
            } else {
                push_escaped(&mut shown, c);
            }
        }
        let first = first.unwrap_or(shown.len());
        let last = last.unwrap_or(shown.len()).max(first);
        if window_end < text.len() {
            shown.push_str(CUT);
        }
        Place {
            kind,
            // Normalised as the renderer would, so that its header can be found again.
            file: normalize_untrusted_str(&escape_controls(&file.name)),
            line,
            column,
            shown,
            underlined: first..last,
            message: escape_controls(&label.message).into_owned(),
        }
    }

    /// The renderer counts the column of a place's header (`--> file:line:column`) in the
    /// text it is given, which is a window of the line with control characters escaped;
    /// this puts the column in the file in its place. Looks from byte `from` of `out` and
    /// returns where this place's header ends, where the next place's is looked for.
    fn correct_column(&self, out: &mut String, from: usize) -> usize {
        let shown_column = self.shown[..self.underlined.start].chars().count() + 1;
        let drawn = format!("{}:{}:{shown_column}", self.file, self.line);
        let Some(at) = out[from..].find(&drawn).map(|at| from + at) else {
            return from;
        };
        if shown_column == self.column {
            return at + drawn.len();
        }
        let true_header = format!("{}:{}:{}", self.file, self.line, self.column);
        out.replace_range(at..at + drawn.len(), &true_header);
        at + true_header.len()
    }

    fn snippet(&self) -> Snippet<'_, annotate_snippets::Annotation<'_>> {
        let annotation = self.kind.span(self.underlined.clone());
        let annotation = if self.message.is_empty() {
            annotation
        } else {
            annotation.label(self.message.as_str())
        };
        Snippet::source(self.shown.as_str())
            .path(self.file.as_str())
            .line_start(self.line)
            .annotation(annotation)
    }
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
