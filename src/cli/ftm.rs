//! `import ftm`, `export ftm` and `--graph FILE.ftm.json`: FollowTheMoney in and out, with a
//! progress line on a terminal and a summary of what was kept and what was not.

use std::fmt::Write as _;
use std::fs;
use std::io::{self, Write};
use std::path::Path;
use std::sync::Arc;

use sanctions_graph::atomic::{write_all_atomically, write_atomically_with};
use sanctions_graph::diagnostic::Diagnostic;
use sanctions_graph::export::ron::Section;
use sanctions_graph::ftm::{
    self, Authorities, ExportStats, FtmError, FtmOptions, ImportStats, Rules,
};
use sanctions_graph::source::escape_controls;
use sanctions_graph::{Failed, Input, Loaded, SourceMap};

use super::args::{ExportFtmArgs, Format, GlobalArgs, ImportFtmArgs, InputFormat};
use super::commands::json_text;
use super::progress::Bar;
use super::queries::plural;
use super::{failure, render, style, Outcome, Report};

/// Whether `--graph` inputs are to be read as FollowTheMoney.
pub fn wants_ftm(inputs: &[String], global: &GlobalArgs) -> bool {
    match global.input_format {
        InputFormat::Ftm => true,
        InputFormat::Ron => false,
        InputFormat::Auto => inputs.iter().any(|arg| ftm::is_ftm_path(Path::new(arg))),
    }
}

/// Loads one FtM input as a graph, with today as the day sanctions' end dates are checked
/// against.
pub fn load(inputs: &[String], global: &GlobalArgs) -> Result<Loaded, Failed> {
    let [input] = inputs else {
        return Err(Failed {
            diagnostics: vec![Diagnostic::error(FtmError::Mixed {
                count: inputs.len(),
            })
            .with_help("import the FollowTheMoney file with `sgraph import ftm FILE -o DIR`, then load DIR with the other graph files")],
            sources: SourceMap::default(),
        });
    };
    let options = FtmOptions {
        skip_invalid: global.skip_invalid,
        as_of: sanctions_graph::model::date::today(),
    };
    import(
        global,
        &Input::from_arg(input),
        &options,
        Authorities::builtin(),
        Rules::builtin(),
    )
    .map(|(loaded, _)| loaded)
}

fn import(
    global: &GlobalArgs,
    input: &Input,
    options: &FtmOptions,
    table: Arc<Authorities>,
    rules: Arc<Rules>,
) -> Result<(Loaded, ImportStats), Failed> {
    let opened = ftm::open(input)?;
    let bar = Bar::new(global, "importing", opened.size);
    sanctions_graph::load_ftm_with(
        opened.reader,
        &opened.name,
        options,
        table,
        rules,
        &mut |progress| bar.show(progress.bytes, format!("({} lines)", progress.lines)),
    )
}

/// `sgraph import ftm FILE|- [-o DIR]`.
pub fn import_command(
    args: &ImportFtmArgs,
    global: &GlobalArgs,
    out: &mut dyn std::io::Write,
) -> Report {
    let options = FtmOptions {
        skip_invalid: global.skip_invalid,
        as_of: args
            .as_of
            .unwrap_or_else(sanctions_graph::model::date::today),
    };
    let table = match &args.authorities {
        None => Authorities::builtin(),
        Some(path) => match fs::read_to_string(path) {
            Err(error) => {
                return Report::usage(format!("cannot read `{}`: {error}", path.display()))
            }
            Ok(text) => match Authorities::with_file(&path.display().to_string(), &text) {
                Ok(table) => Arc::new(table),
                Err(error) => {
                    return Report {
                        stdout: String::new(),
                        stderr: format!("error: {}\n", escape_controls(&error.to_string())),
                        outcome: Outcome::No,
                    }
                }
            },
        },
    };
    let rules = match &args.rules {
        None if args.no_rules => Rules::none(),
        None => Rules::builtin(),
        Some(path) => match fs::read_to_string(path) {
            Err(error) => {
                return Report::usage(format!("cannot read `{}`: {error}", path.display()))
            }
            Ok(text) => match Rules::with_file(&path.display().to_string(), &text) {
                Ok(rules) => Arc::new(rules),
                Err(error) => {
                    return Report {
                        stdout: String::new(),
                        stderr: format!("error: {}\n", escape_controls(&error.to_string())),
                        outcome: Outcome::No,
                    }
                }
            },
        },
    };
    let (loaded, stats) = match import(
        global,
        &Input::from_arg(&args.input),
        &options,
        table,
        rules,
    ) {
        Ok(result) => result,
        Err(failed) => return super::streamed(failure(&failed, global, out)),
    };
    let summary = match global.format {
        Format::Json => json_text(&serde_json::json!({
            "nodes": loaded.graph.node_count(),
            "edges": loaded.graph.edge_count(),
            "sources": loaded.graph.sources().count(),
            "stats": stats,
        })),
        Format::Table | Format::Csv => summary(&loaded, &stats),
    };
    let warnings = if global.quiet || loaded.warnings.is_empty() {
        String::new()
    } else {
        render::render_all(&loaded.warnings, &loaded.sources, style(global))
    };
    match &args.output {
        None => {
            let written = sanctions_graph::export::ron::write_to(
                &loaded.graph,
                &[Section::Sources, Section::Nodes, Section::Edges],
                out,
            );
            // A reader that stopped early gets no summary, as with any answer cut short.
            super::streamed(written.map(|()| Report {
                stdout: String::new(),
                stderr: format!("{warnings}{summary}"),
                outcome: Outcome::Success,
            }))
        }
        Some(dir) => match write_dir(dir, &loaded) {
            Ok(()) => Report {
                stdout: summary,
                stderr: warnings,
                outcome: Outcome::Success,
            },
            Err(error) => Report::usage(format!("cannot write into `{}`: {error}", dir.display())),
        },
    }
}

/// Writes `sources.ron`, `nodes.ron` and `edges.ron` into `dir`, all or none: each is
/// written, item by item, to a temporary beside it, and they are renamed into place only
/// when all three were written.
fn write_dir(dir: &Path, loaded: &Loaded) -> Result<(), String> {
    fs::create_dir_all(dir).map_err(|error| error.to_string())?;
    let files = [
        ("sources.ron", Section::Sources),
        ("nodes.ron", Section::Nodes),
        ("edges.ron", Section::Edges),
    ];
    let paths: Vec<_> = files.iter().map(|(file, _)| dir.join(file)).collect();
    write_all_atomically(&paths, |i, out| {
        out.write_all(b"// Imported from FollowTheMoney by `sgraph import ftm`.\n")?;
        sanctions_graph::export::ron::write_to(&loaded.graph, &[files[i].1], out)
    })
    .map_err(|error| error.to_string())
}

/// What an import kept and what it did not, for people.
fn summary(loaded: &Loaded, stats: &ImportStats) -> String {
    let mut out = format!(
        "imported {} from {}: {}, {}, {}\n",
        plural(stats.entities, "entity", "entities"),
        plural(stats.lines, "line", "lines"),
        plural(loaded.graph.node_count(), "node", "nodes"),
        plural(loaded.graph.edge_count(), "edge", "edges"),
        plural(loaded.graph.sources().count(), "source", "sources")
    );
    let counts = |map: &std::collections::BTreeMap<String, usize>| {
        map.iter()
            .map(|(key, count)| format!("{key} {count}"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut line = |title: &str, text: String| {
        if !text.is_empty() {
            // Schema, property and authority names come from the input.
            let _ = writeln!(out, "  {title:<19}{}", escape_controls(&text));
        }
    };
    line("mapped schemata", counts(&stats.schemata));
    line("unmapped schemata", counts(&stats.unmapped_schemata));
    line("unused properties", counts(&stats.unused_properties));
    line("invalid values", counts(&stats.invalid_values));
    line("dropped edges", counts(&stats.dropped_edges));
    line("linked by rules", counts(&stats.rule_links));
    if !stats.unresolved.is_empty() {
        let ids: Vec<&str> = stats.unresolved.iter().map(String::as_str).collect();
        line(
            "unresolved",
            format!("{} ({})", stats.unresolved.len(), ids.join(", ")),
        );
    }
    if !stats.unresolved_authorities.is_empty() {
        let total: usize = stats.unresolved_authorities.values().sum();
        line(
            "unknown authority",
            format!(
                "{} in {total} edges: {}",
                stats.unresolved_authorities.len(),
                counts(&stats.unresolved_authorities)
            ),
        );
    }
    for (title, ids) in [
        ("referents ignored", &stats.shadowing_referents),
        ("referents shared", &stats.contested_referents),
    ] {
        if !ids.is_empty() {
            let ids: Vec<&str> = ids.iter().map(String::as_str).collect();
            line(title, format!("{} ({})", ids.len(), ids.join(", ")));
        }
    }
    if stats.skipped_lines > 0 {
        line("skipped lines", stats.skipped_lines.to_string());
    }
    out
}

/// `sgraph export ftm [-o FILE]`.
pub fn export_command(
    loaded: &Loaded,
    args: &ExportFtmArgs,
    out: &mut dyn Write,
) -> io::Result<Report> {
    // Written as it is made, to stdout or to the file: the lines are never held whole.
    let stats = match &args.output {
        None => ftm::write(&loaded.graph, out)?,
        Some(path) => {
            let mut stats = ExportStats::default();
            if let Err(error) = write_atomically_with(path, |file| {
                stats = ftm::write(&loaded.graph, file)?;
                Ok(())
            }) {
                return Ok(Report::usage(error.to_string()));
            }
            stats
        }
    };
    let stderr = format!(
        "exported {}\n",
        plural(stats.entities, "entity", "entities")
    );
    Ok(Report {
        stdout: String::new(),
        stderr,
        outcome: Outcome::Success,
    })
}
