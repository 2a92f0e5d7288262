//! The import: FollowTheMoney JSON lines in, our nodes, edges and sources out, read line by
//! line so that memory grows with the graph, not with the file.
//!
//! A bad line (not JSON, no `id` or `schema`, a property that is not a list of strings)
//! stops the import with its line number, or is skipped and counted with
//! [`FtmOptions::skip_invalid`]. Values are checked as they are built, so the result
//! satisfies every rule of the validate stage without going through it.

use std::collections::{BTreeMap, BTreeSet};
use std::fs::File;
use std::io::{self, BufRead, BufReader};
use std::path::Path;

use serde::Serialize;

use crate::diagnostic::Diagnostic;
use crate::diagnostic::Failed;
use crate::load::{Input, LoadError};
use crate::model::{Date, Edge, Node, Source};
use crate::source::{FileSpan, SourceMap};

use super::authorities::Authorities;
use super::read::{self, MAX_LINE_BYTES};
use super::rules::Rules;
use super::{line, mapping, FtmError};

/// How many skipped lines are shown with their text; the rest are only counted.
const SHOWN_SKIPPED_LINES: usize = 10;

/// How many unresolved ids a warning names.
const SHOWN_UNRESOLVED: usize = 10;

/// The progress callback is called after this many lines.
const PROGRESS_EVERY_LINES: usize = 1 << 14;

/// How to import.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FtmOptions {
    /// Skip and count bad lines instead of stopping at the first.
    pub skip_invalid: bool,
    /// A `Sanction` whose `endDate` lies wholly on or before this day is lifted at its
    /// `endDate`; usually today.
    pub as_of: Date,
}

/// How far the import has read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    /// Bytes read.
    pub bytes: u64,
    /// Lines read.
    pub lines: usize,
}

/// What an import counted, for the user to judge what was kept and what was not.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ImportStats {
    /// Lines read, blank ones included.
    pub lines: usize,
    /// Entities read.
    pub entities: usize,
    /// Bad lines skipped.
    pub skipped_lines: usize,
    /// Mapped entities by schema.
    pub schemata: BTreeMap<String, usize>,
    /// Entities of schemata that are not mapped, by schema.
    pub unmapped_schemata: BTreeMap<String, usize>,
    /// Properties of mapped entities that the mapping does not use, as `Schema.property`.
    pub unused_properties: BTreeMap<String, usize>,
    /// Values that are not valid for their property (a bad date or country code), as
    /// `Schema.property`.
    pub invalid_values: BTreeMap<String, usize>,
    /// FtM ids referenced but not in the input.
    pub unresolved: BTreeSet<String>,
    /// Edges not kept, by reason.
    pub dropped_edges: BTreeMap<String, usize>,
    /// `referents` values that are the id of another entity of the input: ignored, so that
    /// no entity takes over another's edges.
    #[serde(skip_serializing_if = "BTreeSet::is_empty")]
    pub shadowing_referents: BTreeSet<String>,
    /// `referents` values claimed by more than one entity: the smallest entity id keeps
    /// each.
    #[serde(skip_serializing_if = "BTreeSet::is_empty")]
    pub contested_referents: BTreeSet<String>,
    /// Sanction authorities the authorities table does not know, as written, with how many
    /// edges name each: each became a body of its own.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub unresolved_authorities: BTreeMap<String, usize>,
    /// Edges to commodities the rules added, by rule id (an edge two rules support counts
    /// for each).
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub rule_links: BTreeMap<String, usize>,
}

/// What an import produced: the domain values, what it counted, and warnings with the
/// lines they point into.
#[derive(Debug, Clone)]
pub struct Imported {
    /// Nodes, sorted by id.
    pub nodes: Vec<Node>,
    /// Edges, in file order.
    pub edges: Vec<Edge>,
    /// Sources, sorted by id.
    pub sources: Vec<Source>,
    /// What was counted.
    pub stats: ImportStats,
    /// Warnings (skipped lines, unresolved references).
    pub warnings: Vec<Diagnostic>,
    /// The lines the warnings point into.
    pub map: SourceMap,
}

/// An input opened for reading.
pub struct Opened {
    /// The reader.
    pub reader: Box<dyn BufRead>,
    /// The name to show in messages.
    pub name: String,
    /// Its size in bytes, when known.
    pub size: Option<u64>,
}

/// Opens an input for reading: a file, or the standard input.
pub fn open(input: &Input) -> Result<Opened, Failed> {
    match input {
        Input::Builtin => Err(unreadable(
            "builtin",
            &io::Error::other("the built-in graph is RON, not FollowTheMoney"),
        )),
        Input::Stdin => Ok(Opened {
            reader: Box::new(BufReader::new(io::stdin())),
            name: "<stdin>".to_owned(),
            size: None,
        }),
        Input::Path(path) => {
            let name = path.display().to_string();
            let file = File::open(path)
                .and_then(|file| {
                    if file.metadata()?.is_dir() {
                        Err(io::Error::other("it is a directory"))
                    } else {
                        Ok(file)
                    }
                })
                .map_err(|error| unreadable(&name, &error))?;
            let size = file.metadata().ok().map(|meta| meta.len());
            Ok(Opened {
                reader: Box::new(BufReader::with_capacity(1 << 16, file)),
                name,
                size,
            })
        }
    }
}

fn unreadable(name: &str, error: &io::Error) -> Failed {
    Failed {
        diagnostics: vec![Diagnostic::error(LoadError::Unreadable {
            path: name.to_owned(),
            reason: error.to_string(),
        })],
        sources: SourceMap::default(),
    }
}

/// Whether a path names a FollowTheMoney file by its extension: `.ftm.json`, `.ftm.jsonl`.
pub fn is_ftm_path(path: &Path) -> bool {
    let name = path.file_name().map(|n| n.to_string_lossy().to_lowercase());
    name.is_some_and(|name| name.ends_with(".ftm.json") || name.ends_with(".ftm.jsonl"))
}

/// Imports FtM JSON lines from `reader`, named `name` in messages. `progress` is called
/// every few thousand lines.
///
/// # Errors
/// The first bad line (unless [`FtmOptions::skip_invalid`]), or a read error, with the
/// line it happened at.
pub fn import(
    reader: impl BufRead,
    name: &str,
    options: &FtmOptions,
    progress: &mut dyn FnMut(Progress),
) -> Result<Imported, Failed> {
    import_with(
        reader,
        name,
        options,
        Authorities::builtin(),
        Rules::builtin(),
        progress,
    )
}

/// Like [`import`], resolving authorities with `table` (the built-in table and the
/// user's own entries, see [`Authorities::with_file`]) and linking entities to commodities
/// with `rules` (see [`Rules::with_file`]).
///
/// # Errors
/// As [`import`].
pub fn import_with(
    mut reader: impl BufRead,
    name: &str,
    options: &FtmOptions,
    table: std::sync::Arc<Authorities>,
    rules: std::sync::Arc<Rules>,
    progress: &mut dyn FnMut(Progress),
) -> Result<Imported, Failed> {
    let mut builder = mapping::Builder::new(name, options.as_of, table, rules);
    // The file is named in the map even when no line of it is kept, so that the loaded
    // files can be listed.
    let mut map = SourceMap::default();
    map.add_excerpt(name, "", 1);
    let mut warnings = Vec::new();
    let mut buffer = Vec::new();
    let mut bytes = 0u64;
    let mut number = 0usize;
    let mut entities = 0usize;
    loop {
        let (read, consumed) = match read::read_line(&mut reader, &mut buffer, MAX_LINE_BYTES) {
            Ok(read) => read,
            Err(error) => return Err(read_failure(name, &error, number + 1)),
        };
        if read == read::Read::End {
            break;
        }
        bytes += consumed as u64;
        number += 1;
        if number % PROGRESS_EVERY_LINES == 0 {
            progress(Progress {
                bytes,
                lines: number,
            });
        }
        let line = if number == 1 {
            buffer
                .strip_prefix("\u{feff}".as_bytes())
                .unwrap_or(&buffer)
        } else {
            &buffer
        };
        let result = if read == read::Read::TooLong {
            Err(line::LineError::from(FtmError::LineTooLong {
                limit: MAX_LINE_BYTES,
            }))
        } else {
            match std::str::from_utf8(line) {
                Err(error) => Err(line::LineError {
                    error: FtmError::NotUtf8 {
                        offset: error.valid_up_to(),
                    },
                    column: Some(error.valid_up_to() + 1),
                }),
                Ok(text) if text.trim().is_empty() => continue,
                Ok(text) => line::parse(text.trim_end_matches(['\n', '\r'])),
            }
        };
        match result {
            Ok(entity) => {
                entities += 1;
                builder.add(entity, number);
            }
            Err(error) => {
                if !options.skip_invalid {
                    let diagnostic = line_diagnostic(&mut map, name, number, line, error, true);
                    return Err(Failed {
                        diagnostics: vec![diagnostic.with_help(
                            "fix the line, or pass `--skip-invalid` to skip bad lines and count them",
                        )],
                        sources: map,
                    });
                }
                builder.stats.skipped_lines += 1;
                if builder.stats.skipped_lines <= SHOWN_SKIPPED_LINES {
                    warnings.push(line_diagnostic(&mut map, name, number, line, error, false));
                }
                if read == read::Read::TooLong {
                    match read::skip_rest(&mut reader) {
                        Ok(skipped) => bytes += skipped,
                        Err(error) => return Err(read_failure(name, &error, number)),
                    }
                }
            }
        }
    }
    progress(Progress {
        bytes,
        lines: number,
    });
    builder.stats.lines = number;
    if entities == 0 {
        warnings.insert(
            0,
            Diagnostic::error(FtmError::NoEntities { lines: number })
                .with_help("an FtM file holds one JSON entity a line: {\"id\": ..., \"schema\": ..., \"properties\": {...}}"),
        );
        return Err(Failed {
            diagnostics: warnings,
            sources: map,
        });
    }
    let skipped = builder.stats.skipped_lines;
    let (parts, stats) = builder.finish();
    if skipped > SHOWN_SKIPPED_LINES {
        warnings.push(
            Diagnostic::warning(FtmError::Skipped { count: skipped })
                .with_help(format!("the first {SHOWN_SKIPPED_LINES} are shown above")),
        );
    }
    for (ids, what) in [
        (
            &stats.shadowing_referents,
            "the id of another entity; ignored, not merged",
        ),
        (
            &stats.contested_referents,
            "claimed by several entities; kept by the smallest id",
        ),
    ] {
        if !ids.is_empty() {
            warnings.push(Diagnostic::warning(FtmError::Referents {
                count: ids.len(),
                what,
                shown: shown(ids),
            }));
        }
    }
    if !stats.unresolved.is_empty() {
        warnings.push(Diagnostic::warning(FtmError::Unresolved {
            count: stats.unresolved.len(),
            shown: shown(&stats.unresolved),
        }));
    }
    Ok(Imported {
        nodes: parts.nodes,
        edges: parts.edges,
        sources: parts.sources,
        stats,
        warnings,
        map,
    })
}

/// The first few of `ids`, comma-separated, `...` when there are more.
fn shown(ids: &BTreeSet<String>) -> String {
    let mut shown: Vec<&str> = ids
        .iter()
        .take(SHOWN_UNRESOLVED)
        .map(String::as_str)
        .collect();
    if ids.len() > SHOWN_UNRESOLVED {
        shown.push("...");
    }
    shown.join(", ")
}

/// A read error part-way through the input, at line `number`.
fn read_failure(name: &str, error: &io::Error, number: usize) -> Failed {
    let mut failed = unreadable(name, error);
    failed.diagnostics[0].help = Some(format!("reading stopped at line {number}"));
    failed
}

/// A diagnostic pointing at a bad line, of which a window around the problem (never the
/// whole line) is kept in the source map.
fn line_diagnostic(
    map: &mut SourceMap,
    name: &str,
    number: usize,
    line: &[u8],
    error: line::LineError,
    is_error: bool,
) -> Diagnostic {
    // The parser's column counts bytes from 1.
    let at = error.column.map(|column| column.saturating_sub(1));
    let (text, column) = read::window(line, at);
    let file = map.add_excerpt(name, text.as_str(), number);
    let span = match error.column {
        Some(_) => {
            let start = map.file(file).offset_of(number, column);
            FileSpan::new(file, start..start)
        }
        None => FileSpan::new(file, 0..text.len()),
    };
    let label = if is_error { "stops here" } else { "skipped" };
    let diagnostic = if is_error {
        Diagnostic::error(error.error)
    } else {
        Diagnostic::warning(error.error)
    };
    diagnostic.at(span, label)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ftm::parse_date;

    #[test]
    fn keeps_the_date_part_at_its_precision() {
        for (text, date) in [
            ("2021", "2021"),
            ("2021-08", "2021-08"),
            ("2021-08-09", "2021-08-09"),
            ("2021-08-09T10:00:00", "2021-08-09"),
        ] {
            assert_eq!(
                parse_date(text).map(|d| d.to_string()).as_deref(),
                Some(date)
            );
        }
        assert_eq!(parse_date("August 2021"), None);
    }

    #[test]
    fn knows_ftm_files_by_extension() {
        assert!(is_ftm_path(Path::new("a/b.ftm.json")));
        assert!(is_ftm_path(Path::new("B.FTM.JSONL")));
        assert!(!is_ftm_path(Path::new("b.json")));
    }
}
