//! The graph as openCypher CSV: node and relationship files in the header dialect that
//! `neo4j-admin database import full` and the Amazon Neptune bulk loader (format
//! `opencypher`) both read (`:ID`, `:LABEL`, `:START_ID`, `:END_ID`, `:TYPE`, typed
//! columns), quoted per RFC 4180. Every file is written row by row as the graph is walked;
//! nothing holds the output. Layout and loading: `docs/engines.md`.

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::Path;

use serde::Serialize;

use super::interchange::{
    camel, date_text, day_text, effect_name, for_each_edge, kind_label, precision_name,
    relationship_type,
};
use crate::graph::{EdgeView, SanctionsGraph};
use crate::model::{Date, Source};

/// The file an export directory always holds, naming its files: how an earlier export is
/// told from a directory of someone else's files.
pub const MANIFEST: &str = "sgraph-export.json";

/// How to write the export.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct OpenCypherOptions {
    /// Each action as a node (`(:Node)-[:ACTS]->(:Action)-[:TARGETS]->(:Node)`, with
    /// `CONCERNS` and `CITES` relationships), rather than as one relationship with its
    /// lists joined into text.
    pub reify: bool,
}

/// One file of an export.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ExportFile {
    /// Its name in the directory.
    pub name: &'static str,
    /// `nodes` or `relationships`: which `neo4j-admin` flag takes it.
    pub holds: &'static str,
    /// Rows written, the header left out.
    pub rows: u64,
}

/// What an export wrote: its files, in the order to load them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OpenCypherStats {
    /// `opencypher`.
    pub format: &'static str,
    /// Whether actions were written as nodes.
    pub reified: bool,
    /// The files, nodes first.
    pub files: Vec<ExportFile>,
}

const NODES: &str = "id:ID(Node),:LABEL,name:String,kind:String,aliases:String,iso:String,\
country:String,role:String,hs:String,registration:String,notes:String";
const SOURCES: &str = "id:ID(Source),:LABEL,publisher:String,title:String,description:String,\
date:String,date_precision:String,date_start:DateTime,date_end:DateTime,url:String,\
identifier:String,language:String";
const RELATIONS: &str = ":START_ID(Node),:END_ID(Node),:TYPE,id:String,kind:String,\
since:String,since_precision:String,since_start:DateTime,since_end:DateTime,\
until:String,until_precision:String,until_start:DateTime,until_end:DateTime,\
sources:String,unverified:Boolean,notes:String";
const ACTIONS: &str = ":START_ID(Node),:END_ID(Node),:TYPE,id:String,kind:String,effect:String,\
date:String,date_precision:String,date_start:DateTime,date_end:DateTime,\
until:String,until_precision:String,until_start:DateTime,until_end:DateTime,\
concerns:String,instrument:String,sources:String,unverified:Boolean,notes:String";
const ACTION_NODES: &str = "id:ID(Action),:LABEL,kind:String,effect:String,\
date:String,date_precision:String,date_start:DateTime,date_end:DateTime,\
until:String,until_precision:String,until_start:DateTime,until_end:DateTime,\
instrument:String,unverified:Boolean,notes:String";
const ACTS: &str = ":START_ID(Node),:END_ID(Action),:TYPE";
const TARGETS: &str = ":START_ID(Action),:END_ID(Node),:TYPE";
const CITES: &str = ":START_ID(Action),:END_ID(Source),:TYPE";

/// Writes the export's files into `dir`, which must exist (the caller makes it a new
/// directory, see [`super::dir::write_dir_atomically`]), and the manifest last.
///
/// # Errors
/// An error creating or writing a file.
pub fn write(
    graph: &SanctionsGraph,
    dir: &Path,
    options: OpenCypherOptions,
) -> io::Result<OpenCypherStats> {
    let mut files = vec![
        nodes(graph, dir)?,
        with_file(dir, "sources.csv", "nodes", SOURCES, |csv| {
            graph
                .sources()
                .try_for_each(|source| source_row(csv, &source))
        })?,
    ];
    if options.reify {
        files.extend(reified(graph, dir)?);
    } else {
        let mut actions = Csv::create(dir, "actions.csv", "relationships", ACTIONS)?;
        let mut relations = Csv::create(dir, "relations.csv", "relationships", RELATIONS)?;
        for_each_edge(graph, |edge, key| {
            if edge.kind().is_action() {
                action_relationship(&mut actions, edge, key)
            } else {
                relation_row(&mut relations, edge, key)
            }
        })?;
        files.push(actions.finish()?);
        files.push(relations.finish()?);
    }
    let stats = OpenCypherStats {
        format: "opencypher",
        reified: options.reify,
        files,
    };
    let mut manifest = BufWriter::new(File::create(dir.join(MANIFEST))?);
    serde_json::to_writer_pretty(&mut manifest, &stats)?;
    manifest.write_all(b"\n")?;
    manifest
        .into_inner()
        .map_err(|error| error.into_error())?
        .sync_all()?;
    Ok(stats)
}

fn with_file(
    dir: &Path,
    name: &'static str,
    holds: &'static str,
    header: &str,
    rows: impl FnOnce(&mut Csv) -> io::Result<()>,
) -> io::Result<ExportFile> {
    let mut csv = Csv::create(dir, name, holds, header)?;
    rows(&mut csv)?;
    csv.finish()
}

fn nodes(graph: &SanctionsGraph, dir: &Path) -> io::Result<ExportFile> {
    with_file(dir, "nodes.csv", "nodes", NODES, |csv| {
        for node in graph.nodes() {
            let kind = node.kind();
            let labels = if kind.is_actor() {
                format!("Node;Actor;{}", kind_label(kind))
            } else {
                format!("Node;{}", kind_label(kind))
            };
            csv.fields([node.id(), &labels, node.name(), kind.as_str()])?;
            csv.field(&node.aliases().join(";"))?;
            csv.fields([node.iso(), node.country(), node.role()].map(Option::unwrap_or_default))?;
            csv.field(&node.hs().join(";"))?;
            csv.fields([node.registration(), node.notes()].map(Option::unwrap_or_default))?;
            csv.end()?;
        }
        Ok(())
    })
}

fn source_row(csv: &mut Csv, source: &Source) -> io::Result<()> {
    csv.fields([source.id.as_str(), "Source", &source.publisher])?;
    csv.fields([&source.title, &source.description].map(|text| text.as_deref().unwrap_or("")))?;
    csv.date(source.date)?;
    csv.fields(
        [&source.url, &source.identifier, &source.language]
            .map(|text| text.as_deref().unwrap_or("")),
    )?;
    csv.end()
}

fn relation_row(csv: &mut Csv, edge: EdgeView<'_>, key: &str) -> io::Result<()> {
    relationship_row(csv, edge, key, |csv| {
        csv.date(edge.since())?;
        csv.date(edge.until())
    })
}

fn action_relationship(csv: &mut Csv, edge: EdgeView<'_>, key: &str) -> io::Result<()> {
    relationship_row(csv, edge, key, |csv| {
        csv.field(effect_name(edge).unwrap_or_default())?;
        csv.date(edge.date())?;
        csv.date(edge.until())?;
        csv.field(&joined(edge.concern_ids()))?;
        csv.field(edge.instrument().unwrap_or_default())
    })
}

/// One relationship row: the columns every edge has (start, end, type, key, kind), the
/// columns of its own that `middle` writes, then its sources, whether it is unverified and
/// its notes.
fn relationship_row(
    csv: &mut Csv,
    edge: EdgeView<'_>,
    key: &str,
    middle: impl FnOnce(&mut Csv) -> io::Result<()>,
) -> io::Result<()> {
    let kind = edge.kind();
    csv.fields([
        edge.from(),
        edge.to(),
        &relationship_type(kind),
        key,
        kind.as_str(),
    ])?;
    middle(csv)?;
    csv.field(&joined(edge.sources()))?;
    csv.fields([
        bool_text(edge.unverified()),
        edge.notes().unwrap_or_default(),
    ])?;
    csv.end()
}

/// `--reify`: actions as nodes, with their actor, target, commodities and sources as
/// relationships; relations as in the plain export.
fn reified(graph: &SanctionsGraph, dir: &Path) -> io::Result<Vec<ExportFile>> {
    let mut actions = Csv::create(dir, "actions.csv", "nodes", ACTION_NODES)?;
    let mut relations = Csv::create(dir, "relations.csv", "relationships", RELATIONS)?;
    let mut acts = Csv::create(dir, "acts.csv", "relationships", ACTS)?;
    let mut targets = Csv::create(dir, "targets.csv", "relationships", TARGETS)?;
    let mut concerns = Csv::create(dir, "concerns.csv", "relationships", TARGETS)?;
    let mut cites = Csv::create(dir, "cites.csv", "relationships", CITES)?;
    for_each_edge(graph, |edge, key| {
        let Some(action) = edge.action() else {
            return relation_row(&mut relations, edge, key);
        };
        actions.fields([key, &format!("Action;{}", camel(action.as_str()))])?;
        actions.fields([action.as_str(), action.effect().as_str()])?;
        actions.date(edge.date())?;
        actions.date(edge.until())?;
        actions.fields([
            edge.instrument().unwrap_or_default(),
            bool_text(edge.unverified()),
            edge.notes().unwrap_or_default(),
        ])?;
        actions.end()?;
        acts.fields([edge.from(), key, "ACTS"])?;
        acts.end()?;
        targets.fields([key, edge.to(), "TARGETS"])?;
        targets.end()?;
        for commodity in edge.concern_ids() {
            concerns.fields([key, commodity, "CONCERNS"])?;
            concerns.end()?;
        }
        for source in edge.sources() {
            cites.fields([key, source, "CITES"])?;
            cites.end()?;
        }
        Ok(())
    })?;
    [actions, acts, targets, concerns, cites, relations]
        .into_iter()
        .map(Csv::finish)
        .collect()
}

fn joined<'a>(items: impl Iterator<Item = &'a str>) -> String {
    items.collect::<Vec<_>>().join(";")
}

fn bool_text(value: bool) -> &'static str {
    if value {
        "true"
    } else {
        "false"
    }
}

/// A CSV file being written, row by row, through a buffer.
struct Csv {
    out: BufWriter<File>,
    name: &'static str,
    holds: &'static str,
    rows: u64,
    at_start: bool,
}

impl Csv {
    fn create(
        dir: &Path,
        name: &'static str,
        holds: &'static str,
        header: &str,
    ) -> io::Result<Csv> {
        let mut out = BufWriter::with_capacity(1 << 16, File::create(dir.join(name))?);
        out.write_all(header.as_bytes())?;
        out.write_all(b"\r\n")?;
        Ok(Csv {
            out,
            name,
            holds,
            rows: 0,
            at_start: true,
        })
    }

    fn field(&mut self, text: &str) -> io::Result<()> {
        if !self.at_start {
            self.out.write_all(b",")?;
        }
        self.at_start = false;
        write_field(&mut self.out, text)
    }

    fn fields<'a>(&mut self, texts: impl IntoIterator<Item = &'a str>) -> io::Result<()> {
        texts.into_iter().try_for_each(|text| self.field(text))
    }

    /// The four columns of a date: as written, its precision, its first and last day.
    fn date(&mut self, date: Option<Date>) -> io::Result<()> {
        match date {
            None => self.fields(["", "", "", ""]),
            Some(date) => {
                self.field(&date_text(date))?;
                self.field(precision_name(date.precision()))?;
                self.field(&date_time(date.first_day()))?;
                self.field(&date_time(date.last_day()))
            }
        }
    }

    fn end(&mut self) -> io::Result<()> {
        self.out.write_all(b"\r\n")?;
        self.rows += 1;
        self.at_start = true;
        Ok(())
    }

    fn finish(self) -> io::Result<ExportFile> {
        self.out
            .into_inner()
            .map_err(|error| error.into_error())?
            .sync_all()?;
        Ok(ExportFile {
            name: self.name,
            holds: self.holds,
            rows: self.rows,
        })
    }
}

/// A day as a `DateTime` value both Neo4j and Neptune read: midnight UTC.
fn date_time(day: (i32, u8, u8)) -> String {
    format!("{}T00:00:00Z", day_text(day))
}

pub use super::csv::write_field;
