//! The flags of `import` and `export`: FollowTheMoney both ways, DOT, HTML, openCypher CSV
//! and N-Triples.

use clap::{Args, Subcommand, ValueEnum};
use sanctions_graph::model::Date;

use super::{parse_date, ranged, PathSearchArgs, MAX_DEPTH};

/// The formats `sgraph import` reads.
#[derive(Debug, Subcommand)]
pub enum ImportCommand {
    /// Import FollowTheMoney JSON lines (OpenSanctions) into our RON format.
    ///
    /// Writes `sources.ron`, `nodes.ron` and `edges.ron` into DIR (which `sgraph check DIR`
    /// loads), or one graph file to standard output; what was mapped, dropped or left
    /// unresolved goes to standard error, or to standard output with `-o`. A bad line stops
    /// the import unless `--skip-invalid` is given. The mapping is in docs/ftm.md.
    #[command(before_help = "Examples:
  sgraph import ftm entities.ftm.json -o graphs/opensanctions/
  curl -s URL | sgraph import ftm - --skip-invalid > imported.ron
  sgraph import ftm entities.ftm.json --as-of 2025-01-01 -o out/
  sgraph import ftm entities.ftm.json --authorities my-authorities.ron -o out/
  sgraph import ftm entities.ftm.json --rules my-rules.ron -o out/")]
    Ftm(ImportFtmArgs),
}

/// `sgraph import ftm`.
#[derive(Debug, Args)]
pub struct ImportFtmArgs {
    /// The FtM file, or `-` for standard input.
    #[arg(value_name = "FILE")]
    pub input: String,

    /// Write the RON files into this directory (created if missing) instead of printing one
    /// graph file.
    #[arg(long, short = 'o', value_name = "DIR")]
    pub output: Option<std::path::PathBuf>,

    /// A sanction whose `endDate` is on or before this day is lifted at its `endDate`;
    /// default: today.
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub as_of: Option<sanctions_graph::model::Date>,

    /// Sanction authorities of your own (RON, the format of data/ftm/authorities.ron), added
    /// to the built-in table; an entry with a built-in id replaces it.
    #[arg(long, value_name = "FILE")]
    pub authorities: Option<std::path::PathBuf>,

    /// Rules of your own that link entities to commodities (RON, the format of
    /// data/ftm/rules.ron), added to the built-in rules; a rule or commodity with a built-in
    /// id replaces it.
    #[arg(long, value_name = "FILE", conflicts_with = "no_rules")]
    pub rules: Option<std::path::PathBuf>,

    /// Apply no rules: link no entity to a commodity the input does not name.
    #[arg(long)]
    pub no_rules: bool,
}

/// The formats `sgraph export` writes.
#[derive(Debug, Subcommand)]
pub enum ExportCommand {
    /// Export the graph as FollowTheMoney JSON lines.
    ///
    /// Nodes become entities, sources `Document` entities, sanctions `Sanction` entities,
    /// other actions `Event` entities, relations FtM's interval schemata. What FtM cannot
    /// hold travels in `sgraph:` properties, so `import ftm` gives the graph back (see
    /// docs/ftm.md).
    #[command(before_help = "Examples:
  sgraph export ftm > belarus.ftm.json
  sgraph --graph graphs/ export ftm -o graph.ftm.json")]
    Ftm(ExportFtmArgs),

    /// A Graphviz diagram of the graph or part of it, as DOT (or SVG, PNG, PDF with
    /// `--render`).
    ///
    /// Node shape and colour give the kind, edge colour and style the effect (restrictive
    /// red, easing green dashed, lifting green bold, diplomacy blue, standing relations
    /// grey); a legend and a title with the dates come with it. The same input always gives
    /// the same bytes. Without `-o` the diagram goes to standard output.
    #[command(before_help = EXPORT_DOT_EXAMPLES)]
    Dot(Box<DotArgs>),

    /// One self-contained HTML page to explore the graph (or part of it) through time.
    ///
    /// A date slider shows what stood on each day (the address keeps it: `#as-of=2021-07-01`),
    /// choosing a commodity lights who affects it on that day, as `sgraph affects` answers
    /// (computed here, for every day where the answer changes), and a click on a node or an
    /// edge shows its card with dates, instrument, notes and sources. Search, filters by
    /// kind, a legend and country boxes come with it. Scripts, style and data are inline:
    /// the page makes no request and opens with no network. Above 1500 nodes it draws the
    /// 1500 nearest the selection's centre and says so.
    #[command(before_help = EXPORT_HTML_EXAMPLES)]
    Html(Box<HtmlArgs>),

    /// openCypher CSV files for Neo4j (`neo4j-admin database import full`), Amazon Neptune
    /// (bulk loader format `opencypher`) and engines that read CSV (FalkorDB's LOAD CSV).
    ///
    /// Writes `nodes.csv`, `sources.csv`, `actions.csv`, `relations.csv` (with `--reify`
    /// also `acts.csv`, `targets.csv`, `concerns.csv`, `cites.csv`) and the manifest
    /// `sgraph-export.json` into DIR, all or nothing: the files go to a temporary directory
    /// beside DIR, which then takes its place. DIR must be new, empty or an earlier export
    /// (which is replaced whole). Dates keep their text and precision, with their first and
    /// last day as `DateTime` columns. How to load and query: docs/engines.md.
    #[command(before_help = EXPORT_OPENCYPHER_EXAMPLES)]
    Opencypher(ExportOpenCypherArgs),

    /// N-Triples for RDF stores (Oxigraph, Amazon Neptune's `ntriples`, ...).
    ///
    /// Nodes, sources, actions and relations as resources with IRIs made from their ids
    /// (`urn:sgraph:node:ID`), dates typed by their precision (`xsd:date`,
    /// `xsd:gYearMonth`, `xsd:gYear`) with first and last days; the vocabulary is in
    /// docs/engines.md. Without `-o` the triples go to standard output as they are made.
    #[command(before_help = EXPORT_NTRIPLES_EXAMPLES)]
    Ntriples(ExportNTriplesArgs),
}

const EXPORT_OPENCYPHER_EXAMPLES: &str = "\
Examples:
  sgraph export opencypher -o csv/              actions as relationships
  sgraph export opencypher --reify -o csv/      actions as nodes, lists kept as relationships
  neo4j-admin database import full --nodes=csv/nodes.csv --nodes=csv/sources.csv \\
      --relationships=csv/actions.csv --relationships=csv/relations.csv \\
      --multiline-fields=true --ignore-empty-strings=true neo4j
                                                loaded into Neo4j (docs/engines.md)";

const EXPORT_NTRIPLES_EXAMPLES: &str = "\
Examples:
  sgraph export ntriples -o graph.nt            to a file, replaced in one step
  sgraph export ntriples | gzip > graph.nt.gz   to standard output
  oxigraph load --location store/ --file graph.nt";

/// `sgraph export opencypher`.
#[derive(Debug, Args)]
pub struct ExportOpenCypherArgs {
    /// The directory to write (new, empty, or an earlier export, which is replaced).
    #[arg(long, short = 'o', value_name = "DIR")]
    pub output: std::path::PathBuf,

    /// Write each action as a node, `(:Node)-[:ACTS]->(:Action)-[:TARGETS]->(:Node)`, with
    /// `(:Action)-[:CONCERNS]->(:Node)` and `(:Action)-[:CITES]->(:Source)`, instead of one
    /// relationship whose commodities and sources are joined with `;`.
    #[arg(long)]
    pub reify: bool,
}

/// `sgraph export ntriples`.
#[derive(Debug, Args)]
pub struct ExportNTriplesArgs {
    /// Write to this file instead of standard output. The file is replaced in one step
    /// (a temporary file, then a rename): on any error an existing file stays as it was.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<std::path::PathBuf>,
}

/// `sgraph export ftm`.
#[derive(Debug, Args)]
pub struct ExportFtmArgs {
    /// Write to this file instead of standard output.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<std::path::PathBuf>,
}

const EXPORT_DOT_EXAMPLES: &str = "\
Examples:
  sgraph export dot > graph.dot                   the whole graph as DOT
  sgraph export dot --render svg -o graph.svg     drawn by Graphviz's `dot`
  sgraph export dot --focus belavia --depth 2     two steps around Belavia
  sgraph export dot --commodity potash            what affects potash
  sgraph export dot --path ofac potash --max-hops 3
                                                  the paths from OFAC to potash, highlighted
  sgraph export dot --as-of 2025-06 --cluster country
                                                  what stood in June 2025, boxed by country";

/// Flags of `sgraph export dot`.
#[derive(Debug, Args)]
pub struct DotArgs {
    /// Draw only the nodes at most `--depth` edges away from this node, either way.
    #[arg(long, value_name = "ID", conflicts_with_all = ["commodity", "path"])]
    pub focus: Option<String>,

    /// How many edges away from `--focus` to go, 0 to 1000000.
    #[arg(long, value_name = "N", default_value_t = 1, requires = "focus", value_parser = ranged::<0, MAX_DEPTH>)]
    pub depth: usize,

    /// Draw what affects this commodity (as `sgraph affects` finds it): every explaining
    /// chain and the actions that decide each target's standing.
    #[arg(long, value_name = "ID", conflicts_with = "path")]
    pub commodity: Option<String>,

    /// Draw the paths between two nodes (as `sgraph paths` finds them, with the flags
    /// below), highlighted on a faded context of their neighbours.
    #[arg(long, num_args = 2, value_names = ["FROM", "TO"])]
    pub path: Option<Vec<String>>,

    /// How `--path` searches.
    #[command(
        flatten,
        next_help_heading = "Path search (with --path, as in `sgraph paths`)"
    )]
    pub path_search: PathSearchArgs,

    /// Draw only what stands at this date (YYYY, YYYY-MM or YYYY-MM-DD), as `sgraph paths`
    /// counts it: actions dated on or before it, relations in force then; an edge whose
    /// date straddles it is drawn with "uncertain as of".
    #[arg(long, value_name = "DATE")]
    pub as_of: Option<Date>,

    /// Group nodes into boxes: `country` boxes each country (or bloc) with the bodies,
    /// companies and persons whose `country` names it.
    #[arg(long, value_enum, value_name = "BY")]
    pub cluster: Option<ClusterBy>,

    /// Write to this file instead of standard output. The file is replaced in one step
    /// (a temporary file, then a rename): on any error an existing file stays as it was.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<std::path::PathBuf>,

    /// Draw the diagram with Graphviz's `dot` (which must be installed) instead of writing
    /// DOT. `png` and `pdf` need `-o`.
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub render: Option<RenderFormat>,
}

/// How to group nodes in a diagram.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ClusterBy {
    /// By the node's country, with the country node itself.
    Country,
}

/// What Graphviz renders a diagram to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RenderFormat {
    /// Scalable vector graphics (text).
    Svg,
    /// A PNG image.
    Png,
    /// A PDF document.
    Pdf,
}

const EXPORT_HTML_EXAMPLES: &str = "\
Examples:
  sgraph export html -o graph.html                       the whole graph, explored in a browser
  sgraph export html --commodity potash -o potash.html   what affects potash, potash chosen
  sgraph export html --focus belavia --depth 2 -o b.html  two steps around Belavia
  sgraph export html --as-of 2021-07-01 -o g.html        the slider starts on 1 July 2021
  sgraph --graph entities.ftm.json export html -o o.html  an OpenSanctions import";

/// Flags of `sgraph export html`.
#[derive(Debug, Args)]
pub struct HtmlArgs {
    /// Draw only the nodes at most `--depth` edges away from this node, either way.
    #[arg(long, value_name = "ID", conflicts_with = "commodity")]
    pub focus: Option<String>,

    /// How many edges away from `--focus` to go, 0 to 1000000.
    #[arg(long, value_name = "N", default_value_t = 1, requires = "focus", value_parser = ranged::<0, MAX_DEPTH>)]
    pub depth: usize,

    /// Draw what affects this commodity at any date (as `export dot --commodity` does,
    /// without `--as-of`), with the commodity chosen when the page opens.
    #[arg(long, value_name = "ID")]
    pub commodity: Option<String>,

    /// The day the date slider starts at (YYYY-MM-DD; a month or year starts at its first
    /// day); default: today, as for `sgraph affects`. The page's address
    /// (`#as-of=DATE`) overrides it.
    #[arg(long, value_name = "DATE")]
    pub as_of: Option<Date>,

    /// The most nodes the page draws, 1 to 100000; a bigger selection is cut to this many
    /// nodes nearest its centre (the `--focus` or `--commodity` node, else the node with
    /// the most edges), with a note on the page and on standard error.
    #[arg(long, value_name = "N", default_value_t = sanctions_graph::export::html::MAX_NODES,
          value_parser = ranged::<1, 100_000>)]
    pub max_nodes: usize,

    /// Write to this file instead of standard output. The file is replaced in one step
    /// (a temporary file, then a rename): on any error an existing file stays as it was.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<std::path::PathBuf>,
}
