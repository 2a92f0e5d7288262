//! `sgraph compile` and loading compiled graphs and the cache for every other command.

use std::io::{self, Write};
use std::path::Path;

use sanctions_graph::compiled::{self, CompiledError};
use sanctions_graph::load::{read_inputs, LoadError, Progress};
use sanctions_graph::pipeline::cache::{self, Cache, CacheUse};
use sanctions_graph::{Diagnostic, Failed, Input, Loaded, SourceMap};

use super::args::GlobalArgs;
use super::progress::Bar;
use super::{failure, render, style, Report};

/// Where a command's graph comes from.
pub enum Source {
    /// Graph text: files, directories, stdin, or the built-in graph when empty.
    Text(Vec<Input>),
    /// One compiled graph.
    Compiled(String),
}

/// Sorts the `--graph` arguments into text inputs or one compiled graph.
pub fn source_of(args: &[String]) -> Result<Source, String> {
    let compiled: Vec<&String> = args
        .iter()
        .filter(|arg| *arg != "-" && compiled::is_compiled_path(Path::new(arg)))
        .collect();
    match (compiled.as_slice(), args.len()) {
        ([], _) => Ok(Source::Text(
            args.iter().map(|arg| Input::from_arg(arg)).collect(),
        )),
        ([one], 1) => Ok(Source::Compiled((*one).clone())),
        _ => Err("a compiled graph (.sgc) is loaded on its own, not with other graph files".into()),
    }
}

/// Loads a command's graph: a compiled file as is, text through the cache unless
/// `--no-cache`, the built-in graph when no input is given. A compiled file that cannot be
/// used is reported as an unreadable input (exit 2).
pub fn load(args: &[String], global: &GlobalArgs) -> Result<Loaded, Failed> {
    let inputs = match source_of(args) {
        Err(reason) => return Err(refused("--graph", reason)),
        Ok(Source::Compiled(path)) => {
            return sanctions_graph::pipeline::open_compiled(Path::new(&path)).map_err(|error| {
                match error {
                    CompiledError::Io { reason, .. } => refused(&path, reason),
                    other => refused(&path, other.to_string()),
                }
            })
        }
        Ok(Source::Text(inputs)) => inputs,
    };
    let (result, used) = if inputs.is_empty() {
        (
            sanctions_graph::load_builtin(),
            CacheUse::Skipped("built-in graph"),
        )
    } else {
        let mut bar = None;
        let mut progress = |progress: Progress| show_parsing(&mut bar, global, progress);
        let loaded = match Cache::from_env().filter(|_| !global.no_cache) {
            Some(cache) => cache::load(&inputs, &cache, &mut progress),
            None => {
                let (map, problems) = read_inputs(&inputs);
                (
                    sanctions_graph::build_with_progress(map, problems, &mut progress),
                    CacheUse::Skipped("disabled"),
                )
            }
        };
        drop(bar);
        loaded
    };
    if global.verbose {
        let line = match &used {
            CacheUse::Hit(path) => format!("loaded from the cache {}", path.display()),
            CacheUse::Stored(path) => format!("stored in the cache {}", path.display()),
            CacheUse::Skipped(why) => format!("not cached ({why})"),
            CacheUse::WriteFailed(error) => format!("not cached: {error}"),
        };
        let _ = writeln!(io::stderr(), "sgraph: {line}");
    }
    result
}

/// Texts smaller than this parse too fast for a bar to be read.
const BAR_FROM_BYTES: u64 = 1 << 20;

/// Shows how far parsing has got on `bar`, for texts large enough to take a while.
fn show_parsing(bar: &mut Option<Bar>, global: &GlobalArgs, progress: Progress) {
    if progress.total < BAR_FROM_BYTES {
        return;
    }
    let bar = bar.get_or_insert_with(|| Bar::new(global, "parsing", Some(progress.total)));
    let detail = if progress.done >= progress.total {
        "; checking the graph..."
    } else {
        ""
    };
    bar.show(progress.done, detail.to_owned());
}

fn refused(path: &str, reason: String) -> Failed {
    Failed {
        diagnostics: vec![Diagnostic::error(LoadError::Unreadable {
            path: path.to_owned(),
            reason,
        })],
        sources: SourceMap::default(),
    }
}

/// `sgraph compile PATH... -o FILE.sgc`.
pub fn compile(
    paths: &[String],
    output: &str,
    global: &GlobalArgs,
    out: &mut dyn std::io::Write,
) -> Report {
    if paths
        .iter()
        .any(|arg| arg != "-" && compiled::is_compiled_path(Path::new(arg)))
    {
        return Report::usage("`compile` reads graph text (.ron), not compiled graphs".into());
    }
    let inputs: Vec<Input> = paths.iter().map(|arg| Input::from_arg(arg)).collect();
    let (map, problems) = read_inputs(&inputs);
    if let Some(input) = super::commands::overwritten_input(
        map.files().map(|(_, file)| file.name.as_str()),
        Path::new(output),
    ) {
        return Report::usage(format!(
            "refusing to write `{output}`: it is the input `{input}`; choose another -o"
        ));
    }
    let mut bar = None;
    let result = sanctions_graph::build_with_progress(map, problems, &mut |progress| {
        show_parsing(&mut bar, global, progress)
    });
    drop(bar);
    let loaded = match result {
        Ok(loaded) => loaded,
        Err(failed) => return super::streamed(failure(&failed, global, out)),
    };
    let files = loaded.sources.files().count();
    let bytes = match compiled::write(Path::new(output), &loaded.graph, 0) {
        Ok(bytes) => bytes,
        Err(error) => return Report::usage(error.to_string()),
    };
    let mut report = Report::success(format!(
        "compiled {} ({}, {}, {}) to {output} ({})\n",
        super::queries::plural(files, "file", "files"),
        super::queries::plural(loaded.graph.node_count(), "node", "nodes"),
        super::queries::plural(loaded.graph.edge_count(), "edge", "edges"),
        super::queries::plural(loaded.graph.sources().count(), "source", "sources"),
        super::queries::plural(bytes, "byte", "bytes")
    ));
    if !global.quiet && !loaded.warnings.is_empty() {
        report.stderr = render::render_all(&loaded.warnings, &loaded.sources, style(global));
    }
    report
}
