//! `sgraph compile` and loading compiled graphs and the cache for every other command.

use std::io::{self, Write};
use std::path::Path;

use sanctions_graph::compiled::cache::{self, Cache, CacheUse};
use sanctions_graph::compiled::{self, CompiledError};
use sanctions_graph::load::LoadError;
use sanctions_graph::{Diagnostic, Failed, Input, Loaded, SourceMap};

use super::args::GlobalArgs;
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
            return compiled::read(Path::new(&path)).map_err(|error| match error {
                CompiledError::Io { reason, .. } => refused(&path, reason),
                other => refused(&path, other.to_string()),
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
        match Cache::from_env().filter(|_| !global.no_cache) {
            Some(cache) => cache::load(&inputs, &cache),
            None => (
                sanctions_graph::load(&inputs),
                CacheUse::Skipped("disabled"),
            ),
        }
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
pub fn compile(paths: &[String], output: &str, global: &GlobalArgs) -> Report {
    if paths
        .iter()
        .any(|arg| arg != "-" && compiled::is_compiled_path(Path::new(arg)))
    {
        return Report::usage("`compile` reads graph text (.ron), not compiled graphs".into());
    }
    let inputs: Vec<Input> = paths.iter().map(|arg| Input::from_arg(arg)).collect();
    let loaded = match sanctions_graph::load(&inputs) {
        Ok(loaded) => loaded,
        Err(failed) => return failure(&failed, global),
    };
    let files: Vec<&str> = loaded
        .sources
        .files()
        .map(|(_, file)| file.name.as_str())
        .collect();
    let bytes = compiled::encode(&loaded.graph, &files);
    if let Err(error) = compiled::write(Path::new(output), &bytes) {
        return Report::usage(error.to_string());
    }
    let mut report = Report::success(format!(
        "compiled {} files ({} nodes, {} edges, {} sources) to {output} ({} bytes)\n",
        files.len(),
        loaded.graph.node_count(),
        loaded.graph.edge_count(),
        loaded.graph.sources().count(),
        bytes.len()
    ));
    if !global.quiet && !loaded.warnings.is_empty() {
        report.stderr = render::render_all(&loaded.warnings, &loaded.sources, style(global));
    }
    report
}
