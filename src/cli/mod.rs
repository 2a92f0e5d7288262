//! The command line: flags, running a command, printing its answer and mapping the outcome
//! to an exit code. Only this module prints.

mod answer_json;
#[cfg(test)]
mod answer_memory;
mod answer_text;
mod args;
mod cache;
mod commands;
mod compile;
// The integration tests' counting allocator, shared rather than written twice.
#[cfg(test)]
#[path = "../../tests/it/counting.rs"]
mod counting;
mod duration;
mod export;
mod ftm;
mod generate;
mod listings;
mod manual;
mod progress;
mod queries;
mod render;
mod rows;
mod stream;
mod table;
mod without;

use std::io::{self, IsTerminal, Write};
use std::process::ExitCode;

use sanctions_graph::{Failed, Loaded};

use args::{Cli, ColorChoice, Command, ExportCommand, Format, GlobalArgs, ImportCommand};
use render::Style;

/// How a command ended, as scripts see it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Exit 0.
    Success,
    /// Exit 1: checked, and the answer is no (invalid graph, no path).
    No,
    /// Exit 2: bad usage or unreadable input.
    Usage,
}

impl From<Outcome> for ExitCode {
    fn from(outcome: Outcome) -> ExitCode {
        match outcome {
            Outcome::Success => ExitCode::SUCCESS,
            Outcome::No => ExitCode::from(1),
            Outcome::Usage => ExitCode::from(2),
        }
    }
}

/// What a command produced: data for stdout, messages for stderr, and the outcome.
#[derive(Debug)]
pub struct Report {
    pub stdout: String,
    pub stderr: String,
    pub outcome: Outcome,
}

impl Report {
    fn success(stdout: String) -> Report {
        Report {
            stdout,
            stderr: String::new(),
            outcome: Outcome::Success,
        }
    }

    fn usage(message: String) -> Report {
        Report {
            stdout: String::new(),
            stderr: format!("error: {message}\n"),
            outcome: Outcome::Usage,
        }
    }
}

/// Runs `sgraph` with the process's arguments.
pub fn main() -> ExitCode {
    let cli = match Cli::parse_checked() {
        Ok(cli) => cli,
        Err(error) => {
            // --help and --version are not errors; clap prints them and says how to exit.
            let _ = error.print();
            return ExitCode::from(if error.use_stderr() { 2 } else { 0 });
        }
    };
    // Answers are written as they are made, through one buffer, rather than built whole.
    let mut out = io::BufWriter::with_capacity(OUTPUT_BUFFER, io::stdout().lock());
    let report = run(cli, &mut out);
    emit(report, &mut out)
}

/// The bytes of output gathered before each write to stdout.
const OUTPUT_BUFFER: usize = 64 * 1024;

/// Writes what is left of a report's output, then its messages, and gives its exit code.
fn emit(report: Report, out: &mut dyn Write) -> ExitCode {
    let report = match out
        .write_all(report.stdout.as_bytes())
        .and_then(|()| out.flush())
    {
        Ok(()) => report,
        Err(error) => write_failed(error),
    };
    let _ = io::stderr().write_all(report.stderr.as_bytes());
    report.outcome.into()
}

/// The report of a command that wrote its answer as it went, or of its failed write.
fn streamed(written: io::Result<Report>) -> Report {
    written.unwrap_or_else(write_failed)
}

/// A write to stdout that failed: a reader that stopped early (`sgraph list | head -1`)
/// is not a failure, and the rest of the answer is not wanted.
fn write_failed(error: io::Error) -> Report {
    if error.kind() == io::ErrorKind::BrokenPipe {
        Report::success(String::new())
    } else {
        Report {
            stdout: String::new(),
            stderr: format!("error: cannot write output: {error}\n"),
            outcome: Outcome::Usage,
        }
    }
}

/// Runs a parsed command line, writing the answers that are made as they go to `out`.
pub fn run(cli: Cli, out: &mut dyn Write) -> Report {
    let Some(command) = cli.command else {
        return Report::success(overview());
    };
    let global = &cli.global;
    table::set_width(global.wide);
    match command {
        Command::Completions { shell } => return manual::completions(shell),
        Command::Man => return manual::man(),
        _ => {}
    }
    let started = std::time::Instant::now();
    let mut report = run_on_graph(command, global, out);
    if global.verbose {
        report.stderr.push_str(&format!(
            "sgraph: done in {:.1} ms\n",
            started.elapsed().as_secs_f64() * 1000.0
        ));
    }
    report
}

/// Runs a command that needs a graph.
fn run_on_graph(command: Command, global: &GlobalArgs, out: &mut dyn Write) -> Report {
    if global.format == Format::Csv && !lists(&command) {
        return Report::usage(
            "--format csv is for listings: list, actions, timeline, affects, affected-by, diff, find".to_owned(),
        );
    }
    match command {
        Command::Check { paths } => {
            let inputs = if paths.is_empty() {
                &global.graph
            } else {
                &paths
            };
            streamed(commands::check(load_graph(inputs, global), global, out))
        }
        Command::Import(ImportCommand::Ftm(args)) => ftm::import_command(&args, global, out),
        Command::Compile { paths, output } => compile::compile(&paths, &output, global, out),
        Command::Generate {
            nodes,
            edges_per_node,
            seed,
            json_edges,
            output,
        } => generate::generate(&generate::Request {
            nodes,
            edges_per_node,
            seed,
            output: &output,
            json_edges,
        }),
        Command::Cache { command } => cache::cache(command.as_ref(), global.format),
        other => match load_graph(&global.graph, global) {
            Err(failed) => streamed(failure(&failed, global, out)),
            Ok(loaded) => {
                if let Some(refused) = export_over_input(&other, &loaded, &global.graph) {
                    return refused;
                }
                let mut report = match other {
                    Command::Show { id } => {
                        streamed(commands::show(&loaded, &id, global.format, out))
                    }
                    Command::List { kind } => {
                        streamed(commands::list(&loaded, kind.as_deref(), global.format, out))
                    }
                    Command::Affects(args) => {
                        streamed(queries::affects(&loaded, &args, global.format, out))
                    }
                    Command::AffectedBy(args) => {
                        streamed(queries::affected_by(&loaded, &args, global.format, out))
                    }
                    Command::Paths(args) => {
                        streamed(queries::paths(&loaded, &args, global.format, out))
                    }
                    Command::Timeline(args) => {
                        streamed(queries::timeline(&loaded, &args, global.format, out))
                    }
                    Command::Neighbors(args) => {
                        streamed(queries::neighbors(&loaded, &args, global.format, out))
                    }
                    Command::Diff(args) => {
                        streamed(listings::diff_command(&loaded, &args, global.format, out))
                    }
                    Command::Actions(args) => streamed(listings::actions_command(
                        &loaded,
                        &args,
                        global.format,
                        out,
                    )),
                    Command::Find(args) => {
                        streamed(listings::find_command(&loaded, &args, global.format, out))
                    }
                    Command::Export(ExportCommand::Ftm(args)) => {
                        streamed(ftm::export_command(&loaded, &args, out))
                    }
                    Command::Export(ExportCommand::Dot(args)) => {
                        streamed(export::dot(&loaded, &args, global, out))
                    }
                    Command::Export(ExportCommand::Opencypher(args)) => {
                        export::opencypher(&loaded, &args, global)
                    }
                    Command::Export(ExportCommand::Ntriples(args)) => {
                        streamed(export::ntriples(&loaded, &args, global, out))
                    }
                    Command::Export(ExportCommand::Html(args)) => {
                        streamed(export::html(&loaded, &args, global, out))
                    }
                    Command::Check { .. }
                    | Command::Import(_)
                    | Command::Compile { .. }
                    | Command::Generate { .. }
                    | Command::Completions { .. }
                    | Command::Cache { .. }
                    | Command::Man => unreachable!("handled above"),
                };
                if !global.quiet && !loaded.warnings.is_empty() {
                    report.stderr.insert_str(
                        0,
                        &render::render_all(&loaded.warnings, &loaded.sources, style(global)),
                    );
                }
                report
            }
        },
    }
}

/// Whether a command is a listing, which `--format csv` writes one row per record.
fn lists(command: &Command) -> bool {
    matches!(
        command,
        Command::List { .. }
            | Command::Actions(_)
            | Command::Timeline(_)
            | Command::Affects(_)
            | Command::AffectedBy(_)
            | Command::Diff(_)
            | Command::Find(_)
    )
}

fn overview() -> String {
    "\
sgraph: who affects which commodity, through whom, since when, and on what evidence.

Try, on the built-in Belarus potash graph:
  sgraph affects potash                      who restricts, eases or lifts potash, and how
  sgraph affects potash --as-of 2021-07-01   the same question on another day
  sgraph timeline belavia                    a node's history: sanctioned, licensed, delisted
  sgraph paths ofac potash                   every typed path between two nodes
  sgraph diff --from 2025-01-01 --to 2025-12-31   what changed in 2025, and by which action
  sgraph actions --by ofac --between 2023..2023   every OFAC action of 2023
  sgraph find belaruskalij                   nodes by id, name or alias
  sgraph export dot --render svg -o g.svg    a diagram (needs Graphviz)
  sgraph check                               validate the graph and summarise it

`sgraph --help` lists every command; `sgraph help COMMAND` explains one.
"
    .to_owned()
}

/// Loads the given inputs (text or one compiled graph), or the built-in graph when there
/// are none; with `--verbose`,
/// says what was loaded on stderr.
fn load_graph(inputs: &[String], global: &GlobalArgs) -> Result<Loaded, Failed> {
    let started = std::time::Instant::now();
    let result = if ftm::wants_ftm(inputs, global) {
        ftm::load(inputs, global)
    } else {
        compile::load(inputs, global)
    };
    if global.verbose {
        let (files, what) = match &result {
            Ok(loaded) => (
                loaded.sources.len(),
                format!(
                    "{}, {}",
                    queries::plural(loaded.graph.node_count(), "node", "nodes"),
                    queries::plural(loaded.graph.edge_count(), "edge", "edges")
                ),
            ),
            Err(failed) => (
                failed.sources.len(),
                queries::plural(failed.diagnostics.len(), "problem", "problems"),
            ),
        };
        let _ = writeln!(
            io::stderr(),
            "sgraph: loaded {} ({what}) in {:.1} ms",
            queries::plural(files, "file", "files"),
            started.elapsed().as_secs_f64() * 1000.0
        );
    }
    result
}

/// Colour on stderr only on a terminal, never with NO_COLOR or `--color never`.
fn style(global: &GlobalArgs) -> Style {
    let color = match global.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::env::var_os("NO_COLOR").is_none_or(|value| value.is_empty())
                && io::stderr().is_terminal()
        }
    };
    Style { color }
}

/// The report for inputs that did not load: diagnostics on stderr (and as JSON on stdout
/// with `--format json`, written diagnostic by diagnostic), exit 2 when something was
/// unreadable, else 1.
fn failure(failed: &Failed, global: &GlobalArgs, out: &mut dyn Write) -> io::Result<Report> {
    let outcome = if failed.is_unreadable() {
        Outcome::Usage
    } else {
        Outcome::No
    };
    let shown = || {
        failed
            .diagnostics
            .iter()
            .filter(|diagnostic| !global.quiet || diagnostic.is_error())
    };
    if global.format == Format::Json {
        stream::write_json(
            out,
            &FailureJson {
                diagnostics: stream::seq(shown().map(|d| render::to_json(d, &failed.sources))),
                valid: false,
            },
        )?;
    }
    let shown: Vec<_> = shown().cloned().collect();
    Ok(Report {
        stdout: String::new(),
        stderr: render::render_all(&shown, &failed.sources, style(global)),
        outcome,
    })
}

/// The JSON answer for inputs that did not load, fields in the order JSON objects are
/// written in.
#[derive(serde::Serialize)]
struct FailureJson<D> {
    diagnostics: D,
    valid: bool,
}

/// A usage error when an export's `-o FILE` is one of the graph's inputs (a text file
/// loaded, or a compiled file given with `--graph`): an input is never overwritten.
fn export_over_input(command: &Command, loaded: &Loaded, graphs: &[String]) -> Option<Report> {
    let output = match command {
        Command::Export(ExportCommand::Ftm(args)) => args.output.as_deref(),
        Command::Export(ExportCommand::Dot(args)) => args.output.as_deref(),
        Command::Export(ExportCommand::Ntriples(args)) => args.output.as_deref(),
        Command::Export(ExportCommand::Html(args)) => args.output.as_deref(),
        _ => None,
    }?;
    let names = loaded
        .sources
        .files()
        .map(|(_, file)| file.name.as_str())
        .chain(graphs.iter().map(String::as_str));
    let input = commands::overwritten_input(names, output)?;
    Some(Report::usage(format!(
        "refusing to write `{}`: it is the input `{}`; choose another -o",
        sanctions_graph::source::escape_controls(&output.display().to_string()),
        sanctions_graph::source::escape_controls(input),
    )))
}
