//! `sgraph export dot` and `sgraph export html`: picks the selection the flags ask for,
//! writes it as DOT (rendered through Graphviz's `dot` on request) or as an HTML page, and
//! writes the result to stdout or a file. Also `sgraph export opencypher` and `sgraph
//! export ntriples`, which stream the whole graph.

use petgraph::graph::{EdgeIndex, NodeIndex};
use petgraph::visit::EdgeRef;
use sanctions_graph::atomic::{write_atomically, write_atomically_with};
use sanctions_graph::export::html::{write_html, HtmlOptions};
use sanctions_graph::export::{write_dot, Clusters, DotOptions, Selection};
use sanctions_graph::model::{Date, Effect, NodeKind};
use sanctions_graph::query::influence::Towards;
use sanctions_graph::query::{self, When};
use sanctions_graph::source::escape_controls;
use sanctions_graph::{Loaded, SanctionsGraph};
use std::collections::BTreeSet;
use std::io::{self, Write};
use std::process::{Command, Stdio};

use super::args::{
    ClusterBy, DotArgs, ExportNTriplesArgs, ExportOpenCypherArgs, Format, GlobalArgs, HtmlArgs,
    PathSearchArgs, RenderFormat,
};
use super::commands::unknown_id;
use super::queries::{plural, search_paths};
use super::{Outcome, Report};

/// How to get Graphviz, for the message when `dot` is missing.
const INSTALL_GRAPHVIZ: &str = "install Graphviz, which provides `dot`: \
     `apt-get install graphviz` (Debian, Ubuntu), `dnf install graphviz` (Fedora), \
     `brew install graphviz` (macOS), or see https://graphviz.org/download/; \
     or write DOT (leave out --render) and draw it elsewhere";

/// `sgraph export dot`: to stdout as it is drawn, to a file atomically.
pub fn dot(
    loaded: &Loaded,
    args: &DotArgs,
    global: &GlobalArgs,
    out: &mut dyn Write,
) -> io::Result<Report> {
    if global.format == Format::Json {
        return Ok(Report::usage(
            "`export dot` writes DOT, not JSON\n  = help: leave out --format; \
             `--render svg|png|pdf` draws the diagram"
                .to_owned(),
        ));
    }
    if matches!(args.render, Some(RenderFormat::Png | RenderFormat::Pdf)) && args.output.is_none() {
        return Ok(Report::usage(
            "--render png and --render pdf write binary files\n  = help: name one with -o FILE"
                .to_owned(),
        ));
    }
    let graph = &loaded.graph;
    let Picked {
        selection,
        subject,
        note,
    } = match pick(graph, args) {
        Ok(picked) => picked,
        Err(report) => return Ok(report),
    };
    let selection = match args.as_of {
        Some(date) => selection.as_of(graph, date),
        None => selection,
    };
    let options = DotOptions {
        subject,
        as_of: args.as_of,
        clusters: match args.cluster {
            Some(ClusterBy::Country) => Clusters::Country,
            None => Clusters::None,
        },
    };
    let draw = |out: &mut dyn Write| write_dot(graph, &selection, &options, out);
    let mut report = match (args.render, &args.output) {
        (None, None) => {
            draw(out)?;
            Report::success(String::new())
        }
        (None, Some(path)) => match write_atomically_with(path, draw) {
            Ok(()) => Report::success(String::new()),
            Err(error) => return Ok(Report::usage(error.to_string())),
        },
        (Some(format), output) => {
            let bytes = match render(draw, format) {
                Ok(bytes) => bytes,
                Err(message) => return Ok(Report::usage(message)),
            };
            match output {
                Some(path) => match write_atomically(path, &bytes) {
                    Ok(()) => Report::success(String::new()),
                    Err(error) => return Ok(Report::usage(error.to_string())),
                },
                // Only SVG reaches here: PNG and PDF need a file.
                None => {
                    out.write_all(&bytes)?;
                    Report::success(String::new())
                }
            }
        }
    };
    if let Some(note) = note {
        report.stderr.push_str(&format!("note: {note}\n"));
    }
    Ok(report)
}

/// `sgraph export html`: to stdout as it is written, to a file atomically.
pub fn html(
    loaded: &Loaded,
    args: &HtmlArgs,
    global: &GlobalArgs,
    out: &mut dyn Write,
) -> io::Result<Report> {
    if global.format == Format::Json {
        return Ok(Report::usage(
            "`export html` writes an HTML page, not JSON\n  = help: leave out --format".to_owned(),
        ));
    }
    let graph = &loaded.graph;
    let (picked, anchor) = if let Some(id) = &args.focus {
        (around(graph, id, args.depth), graph.index_of(id))
    } else if let Some(id) = &args.commodity {
        (affecting(graph, id, None), graph.index_of(id))
    } else {
        let whole = Picked {
            selection: Selection::whole(graph),
            subject: None,
            note: None,
        };
        (Ok(whole), None)
    };
    let picked = match picked {
        Ok(picked) => picked,
        Err(report) => return Ok(report),
    };
    let options = HtmlOptions {
        subject: picked.subject,
        // As `sgraph affects` answers: as of today unless asked.
        as_of: Some(
            args.as_of
                .unwrap_or_else(sanctions_graph::model::date::today),
        ),
        anchors: anchor.into_iter().collect(),
        max_nodes: args.max_nodes,
    };
    let write = |out: &mut dyn Write| write_html(graph, &picked.selection, &options, out);
    let note = match &args.output {
        Some(path) => {
            let mut note = None;
            let written = write_atomically_with(path, |file| {
                note = write(file)?;
                Ok(())
            });
            if let Err(error) = written {
                return Ok(Report::usage(error.to_string()));
            }
            note
        }
        None => write(out)?,
    };
    let mut report = Report::success(String::new());
    if let Some(note) = note {
        // The note names a node: its name is text from a graph file.
        report
            .stderr
            .push_str(&format!("note: {}\n", escape_controls(&note)));
    }
    Ok(report)
}

/// What the flags ask to draw, a phrase for the title, and a note for stderr.
struct Picked {
    selection: Selection,
    subject: Option<String>,
    note: Option<String>,
}

impl Picked {
    fn new(selection: Selection, subject: String) -> Picked {
        Picked {
            selection,
            subject: Some(subject),
            note: None,
        }
    }
}

/// The selection for `--focus`, `--commodity` or `--path` (clap lets at most one through),
/// or the whole graph. An empty answer to `--commodity` or `--path` is exit 1.
fn pick(graph: &SanctionsGraph, args: &DotArgs) -> Result<Picked, Report> {
    if let Some(id) = &args.focus {
        return around(graph, id, args.depth);
    }
    if let Some(id) = &args.commodity {
        return affecting(graph, id, args.as_of);
    }
    if let Some([from, to]) = args.path.as_deref() {
        return paths(graph, from, to, args.as_of, &args.path_search);
    }
    if args.path_search.is_given() {
        return Err(Report::usage(
            "the path search flags (--max-hops, --via, --limit, ...) go with --path FROM TO"
                .to_owned(),
        ));
    }
    Ok(Picked {
        selection: Selection::whole(graph),
        subject: None,
        note: None,
    })
}

/// `--focus ID --depth N`: the nodes at most N edges away.
fn around(graph: &SanctionsGraph, id: &str, depth: usize) -> Result<Picked, Report> {
    let center = resolve(graph, id)?;
    let steps = if depth == 1 { "step" } else { "steps" };
    let subject = format!("around {}, {depth} {steps}", graph.node_at(center).name());
    Ok(Picked::new(
        Selection::around(graph, center, depth),
        subject,
    ))
}

fn resolve(graph: &SanctionsGraph, id: &str) -> Result<NodeIndex, Report> {
    graph.index_of(id).ok_or_else(|| unknown_id(graph, id))
}

/// "Checked, and the answer is no": exit 1 with the reason, and nothing written.
fn no(message: String) -> Report {
    Report {
        stdout: String::new(),
        stderr: format!("{message}\n"),
        outcome: Outcome::No,
    }
}

/// `--commodity ID`: the chains `sgraph affects` explains, and the actions that decide
/// where each target stands.
fn affecting(graph: &SanctionsGraph, id: &str, as_of: Option<Date>) -> Result<Picked, Report> {
    let commodity = resolve(graph, id)?;
    let node = graph.node_at(commodity);
    if node.kind() != NodeKind::Commodity {
        let commodities: Vec<&str> = graph
            .nodes()
            .filter(|n| n.kind() == NodeKind::Commodity)
            .map(|n| n.id())
            .collect();
        return Err(Report::usage(format!(
            "`{id}` is a {}, not a commodity\n  = help: commodity ids: {}",
            node.kind(),
            commodities.join(", ")
        )));
    }
    let when = as_of.map_or(When::Always, When::AsOf);
    let found = query::affects(graph, commodity, when);
    if found.is_empty() {
        return Err(no(format!("nothing affects `{id}`{}", as_of_text(as_of))));
    }
    // An action that names the commodity explains itself in `affects`, with no ties after
    // it; the diagram still shows how each target is tied to the commodity.
    let ties = Towards::measure(graph, commodity, when);
    let mut edges = BTreeSet::new();
    for affect in &found {
        edges.extend(affect.chain.iter().map(|step| step.edge));
        for target in &affect.targets {
            edges.insert(target.action);
            edges.extend(ties.chain(target.target).iter().map(|step| step.edge));
        }
    }
    // `affects` names the action that decides each target's standing; the measures before
    // it by the same actors (a designation before its licence) belong in the picture too.
    let actors: BTreeSet<NodeIndex> = edges
        .iter()
        .map(|&edge| graph.edge_ends(edge))
        .map(|(from, _)| from)
        .collect();
    let targets = found.iter().flat_map(|affect| affect.targets.iter());
    let earlier: Vec<EdgeIndex> = targets
        .flat_map(|target| graph.edges_directed(target.target, petgraph::Direction::Incoming))
        .filter(|edge| {
            actors.contains(&edge.source())
                && edge
                    .weight()
                    .action()
                    .is_some_and(|action| action.effect() != Effect::Diplomatic)
        })
        .map(|edge| edge.id())
        .collect();
    edges.extend(earlier);
    let selection = Selection::from_edges(graph, edges, [commodity]);
    Ok(Picked::new(
        selection,
        format!("what affects {}", node.name()),
    ))
}

/// `--path FROM TO`: the paths `sgraph paths` finds, highlighted among the nodes next to
/// them.
fn paths(
    graph: &SanctionsGraph,
    from_id: &str,
    to_id: &str,
    as_of: Option<Date>,
    search: &PathSearchArgs,
) -> Result<Picked, Report> {
    let (from, to) = (resolve(graph, from_id)?, resolve(graph, to_id)?);
    if from == to {
        return Err(Report::usage(format!(
            "--path joins two different nodes, but both are `{from_id}`"
        )));
    }
    let found = search_paths(
        graph,
        (from, to),
        as_of.map_or(When::Always, When::AsOf),
        search,
    );
    if found.paths.is_empty() {
        return Err(no(format!(
            "no path from `{from_id}` to `{to_id}` within {}{}",
            plural(search.max_hops(), "hop", "hops"),
            as_of_text(as_of)
        )));
    }
    let on_paths: BTreeSet<NodeIndex> = found.paths.iter().flat_map(|path| path.nodes()).collect();
    let lit = found
        .paths
        .iter()
        .flat_map(|path| path.steps.iter().map(|step| step.edge));
    let selection = Selection::around_all(graph, on_paths, 1).highlight(graph, lit);
    let count = found.paths.len();
    let mut picked = Picked::new(
        selection,
        format!(
            "{count} {} from {} to {}",
            if count == 1 { "path" } else { "paths" },
            graph.node_at(from).name(),
            graph.node_at(to).name()
        ),
    );
    picked.note = found
        .cut_short
        .map(|why| format!("the path search stopped early ({why}); more paths may exist"));
    Ok(picked)
}

fn as_of_text(as_of: Option<Date>) -> String {
    as_of.map_or_else(String::new, |date| format!(" as of {date}"))
}

/// The format name `dot -T` takes.
fn graphviz_name(format: RenderFormat) -> &'static str {
    match format {
        RenderFormat::Svg => "svg",
        RenderFormat::Png => "png",
        RenderFormat::Pdf => "pdf",
    }
}

/// Runs `dot -TFORMAT` on the DOT that `draw` writes, fed to it as it is drawn; the
/// error says what to do.
fn render(
    draw: impl FnOnce(&mut dyn Write) -> io::Result<()> + Send,
    format: RenderFormat,
) -> Result<Vec<u8>, String> {
    let name = graphviz_name(format);
    let mut child = match Command::new("dot")
        .arg(format!("-T{name}"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
    {
        Ok(child) => child,
        Err(error) if error.kind() == io::ErrorKind::NotFound => {
            return Err(format!(
                "--render {name} needs Graphviz's `dot`, which is not installed\n  = help: {INSTALL_GRAPHVIZ}"
            ));
        }
        Err(error) => return Err(format!("cannot run Graphviz's `dot`: {error}")),
    };
    // Write on another thread: `dot` may fill its output pipe before it has read all of ours.
    let input = child.stdin.take();
    let (output, written) = std::thread::scope(|scope| {
        let writer = scope.spawn(move || match input {
            Some(input) => {
                let mut input = io::BufWriter::new(input);
                draw(&mut input).and_then(|()| input.flush())
            }
            None => Ok(()),
        });
        let output = child.wait_with_output();
        (output, writer.join().unwrap_or(Ok(())))
    });
    let output = output.map_err(|error| format!("cannot run Graphviz's `dot`: {error}"))?;
    if !output.status.success() {
        return Err(format!(
            "Graphviz's `dot -T{name}` failed ({}): {}",
            output.status,
            String::from_utf8_lossy(&output.stderr).trim()
        ));
    }
    written.map_err(|error| format!("cannot feed Graphviz's `dot`: {error}"))?;
    Ok(output.stdout)
}

/// `sgraph export opencypher -o DIR [--reify]`: the files are written into a temporary
/// directory that then takes DIR's place; `--format json` prints the manifest.
pub fn opencypher(loaded: &Loaded, args: &ExportOpenCypherArgs, global: &GlobalArgs) -> Report {
    use sanctions_graph::export::dir::write_dir_atomically;
    use sanctions_graph::export::opencypher::{self, OpenCypherOptions, MANIFEST};
    let options = OpenCypherOptions { reify: args.reify };
    let written = write_dir_atomically(&args.output, MANIFEST, |dir| {
        opencypher::write(&loaded.graph, dir, options)
    });
    let stats = match written {
        Ok(stats) => stats,
        Err(error) => return Report::usage(error.to_string()),
    };
    let mut report = match global.format {
        Format::Json => Report::success(super::commands::json_text(&serde_json::json!(stats))),
        Format::Table | Format::Csv => Report::success(String::new()),
    };
    let files: Vec<String> = stats
        .files
        .iter()
        .map(|file| format!("{} ({})", file.name, plural(file.rows, "row", "rows")))
        .collect();
    report.stderr = format!(
        "wrote {} to `{}`\n",
        files.join(", "),
        sanctions_graph::source::escape_controls(&args.output.display().to_string())
    );
    report
}

/// `sgraph export ntriples [-o FILE]`: to a file atomically, or to standard output as the
/// triples are made.
pub fn ntriples(
    loaded: &Loaded,
    args: &ExportNTriplesArgs,
    global: &GlobalArgs,
    out: &mut dyn Write,
) -> io::Result<Report> {
    use sanctions_graph::export::ntriples;
    if global.format == Format::Json {
        return Ok(Report::usage(
            "`export ntriples` writes N-Triples, not JSON\n  = help: leave out --format".to_owned(),
        ));
    }
    let graph = &loaded.graph;
    let Some(path) = &args.output else {
        ntriples::write(graph, out)?;
        return Ok(Report::success(String::new()));
    };
    let mut triples = 0;
    let written = write_atomically_with(path, |out| {
        triples = ntriples::write(graph, out)?.triples;
        Ok(())
    });
    Ok(match written {
        Ok(()) => {
            let mut report = Report::success(String::new());
            report.stderr = format!("wrote {}\n", plural(triples, "triple", "triples"));
            report
        }
        Err(error) => Report::usage(error.to_string()),
    })
}
