//! The pipeline: the one place that chains the stages. It reads the inputs and hands them
//! to the loader, the loaded items to the validator, which builds the graph; it keeps the
//! transparent cache ([`cache`]) and opens compiled files. Every stage below knows only
//! its own input and output; this module is where they meet, and `lib.rs` re-exports it.

pub mod cache;

use std::path::Path;

use crate::compiled::{self, CompiledError};
pub use crate::diagnostic::Failed;
use crate::diagnostic::{self, Diagnostic};
use crate::ftm;
use crate::graph::SanctionsGraph;
use crate::load::{self, Input};
use crate::source::SourceMap;
use crate::validate;

/// A graph that loaded and validated, with the warnings found on the way and the texts
/// they point into.
#[derive(Debug, Clone)]
pub struct Loaded {
    /// The graph.
    pub graph: SanctionsGraph,
    /// Problems that do not make the graph invalid.
    pub warnings: Vec<Diagnostic>,
    /// The loaded texts.
    pub sources: SourceMap,
}

/// Loads, parses and validates graph files (or standard input).
pub fn load(inputs: &[Input]) -> Result<Loaded, Failed> {
    let (map, problems) = load::read_inputs(inputs);
    build(map, problems)
}

/// Imports FollowTheMoney JSON lines (see [`ftm`]) and builds the graph from them,
/// with what the import counted.
pub fn load_ftm(
    reader: impl std::io::BufRead,
    name: &str,
    options: &ftm::FtmOptions,
    progress: &mut dyn FnMut(ftm::Progress),
) -> Result<(Loaded, ftm::ImportStats), Failed> {
    load_ftm_with(
        reader,
        name,
        options,
        ftm::Authorities::builtin(),
        ftm::Rules::builtin(),
        progress,
    )
}

/// Like [`load_ftm`], resolving sanction authorities with `table` and linking entities to
/// commodities with `rules`.
pub fn load_ftm_with(
    reader: impl std::io::BufRead,
    name: &str,
    options: &ftm::FtmOptions,
    table: std::sync::Arc<ftm::Authorities>,
    rules: std::sync::Arc<ftm::Rules>,
    progress: &mut dyn FnMut(ftm::Progress),
) -> Result<(Loaded, ftm::ImportStats), Failed> {
    let imported = ftm::import_with(reader, name, options, table, rules, progress)?;
    let loaded = Loaded {
        graph: SanctionsGraph::new(imported.nodes, imported.edges, imported.sources),
        warnings: imported.warnings,
        sources: imported.map,
    };
    Ok((loaded, imported.stats))
}

/// Loads the curated graph that ships inside the binary.
pub fn load_builtin() -> Result<Loaded, Failed> {
    build(load::builtin::source_map(), Vec::new())
}

/// Loads graph text held in memory, named `name` in messages.
pub fn load_str(name: &str, text: &str) -> Result<Loaded, Failed> {
    let mut map = SourceMap::default();
    map.add(
        name,
        text.strip_prefix(load::BYTE_ORDER_MARK).unwrap_or(text),
    );
    build(map, Vec::new())
}

/// Parses and validates the texts of a source map; `problems` are those already found
/// while reading.
pub fn build(map: SourceMap, problems: Vec<Diagnostic>) -> Result<Loaded, Failed> {
    build_with_progress(map, problems, &mut |_| {})
}

/// [`build`], telling `progress` how far parsing has got (see
/// [`load::parse_with_progress`]); checking and building the graph come after.
pub fn build_with_progress(
    map: SourceMap,
    mut problems: Vec<Diagnostic>,
    progress: &mut dyn FnMut(load::Progress),
) -> Result<Loaded, Failed> {
    let (parsed, parse_problems) = load::parse_with_progress(&map, progress);
    problems.extend(parse_problems);
    let (graph, validate_problems) = validate::validate(&parsed, &map);
    problems.extend(validate_problems);
    diagnostic::sort(&mut problems);
    if problems.iter().any(Diagnostic::is_error) {
        return Err(Failed {
            diagnostics: problems,
            sources: map,
        });
    }
    Ok(Loaded {
        graph,
        warnings: problems,
        sources: map,
    })
}

/// A graph opened from a compiled file: no warnings (they were shown when the graph was
/// compiled) and a source map that names the files without their texts.
pub fn from_compiled(graph: SanctionsGraph) -> Loaded {
    let mut sources = SourceMap::default();
    for name in graph.files() {
        sources.add(name, String::new());
    }
    Loaded {
        graph,
        warnings: Vec::new(),
        sources,
    }
}

/// Opens a compiled graph file (see [`compiled::read`]).
pub fn open_compiled(path: &Path) -> Result<Loaded, CompiledError> {
    compiled::read(path).map(from_compiled)
}
