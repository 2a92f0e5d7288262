//! `sgraph export dot`: picks the selection the flags ask for, writes it as DOT, renders it
//! through Graphviz's `dot` on request, and writes the result to stdout or a file.

use std::io::{self, Write};
use std::process::{Command, Stdio};

use sanctions_graph::export::{to_dot, write_atomically, Clusters, DotOptions, Selection};
use sanctions_graph::Loaded;

use super::args::{ClusterBy, DotArgs, ExportCommand, Format, GlobalArgs, RenderFormat};
use super::commands::unknown_id;
use super::Report;

/// How to get Graphviz, for the message when `dot` is missing.
const INSTALL_GRAPHVIZ: &str = "install Graphviz, which provides `dot`: \
     `apt-get install graphviz` (Debian, Ubuntu), `dnf install graphviz` (Fedora), \
     `brew install graphviz` (macOS), or see https://graphviz.org/download/; \
     or write DOT (leave out --render) and draw it elsewhere";

/// `sgraph export ...`.
pub fn export(loaded: &Loaded, command: &ExportCommand, global: &GlobalArgs) -> Report {
    match command {
        ExportCommand::Dot(args) => dot(loaded, args, global),
    }
}

fn dot(loaded: &Loaded, args: &DotArgs, global: &GlobalArgs) -> Report {
    if global.format == Format::Json {
        return Report::usage(
            "`export dot` writes DOT, not JSON\n  = help: leave out --format; \
             `--render svg|png|pdf` draws the diagram"
                .to_owned(),
        );
    }
    if matches!(args.render, Some(RenderFormat::Png | RenderFormat::Pdf)) && args.output.is_none() {
        return Report::usage(
            "--render png and --render pdf write binary files\n  = help: name one with -o FILE"
                .to_owned(),
        );
    }
    let graph = &loaded.graph;
    let (selection, subject) = match &args.focus {
        Some(id) => {
            let Some(center) = graph.index_of(id) else {
                return unknown_id(graph, id);
            };
            let name = &graph.node_at(center).name;
            let steps = if args.depth == 1 { "step" } else { "steps" };
            (
                Selection::around(graph, center, args.depth),
                Some(format!("around {name}, {} {steps}", args.depth)),
            )
        }
        None => (Selection::whole(graph), None),
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
    let text = to_dot(graph, &selection, &options);
    let bytes = match args.render {
        None => text.into_bytes(),
        Some(format) => match render(&text, format) {
            Ok(bytes) => bytes,
            Err(message) => return Report::usage(message),
        },
    };
    match &args.output {
        Some(path) => match write_atomically(path, &bytes) {
            Ok(()) => Report::success(String::new()),
            Err(error) => Report::usage(error.to_string()),
        },
        // Only SVG and DOT reach here, both UTF-8 text.
        None => Report::success(String::from_utf8_lossy(&bytes).into_owned()),
    }
}

/// The format name `dot -T` takes.
fn graphviz_name(format: RenderFormat) -> &'static str {
    match format {
        RenderFormat::Svg => "svg",
        RenderFormat::Png => "png",
        RenderFormat::Pdf => "pdf",
    }
}

/// Runs `dot -TFORMAT` on the DOT text; the error says what to do.
fn render(text: &str, format: RenderFormat) -> Result<Vec<u8>, String> {
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
    let text = text.to_owned();
    let writer = std::thread::spawn(move || match input {
        Some(mut input) => input.write_all(text.as_bytes()),
        None => Ok(()),
    });
    let output = child
        .wait_with_output()
        .map_err(|error| format!("cannot run Graphviz's `dot`: {error}"))?;
    let written = writer.join().unwrap_or(Ok(()));
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
