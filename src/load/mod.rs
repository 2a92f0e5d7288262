//! Load stage: read `.ron` inputs and parse them, item by item, into [`mod@file`] types with
//! the span of every value kept.
//!
//! A file that is not valid RON stops at its first syntax error (ron cannot go on past
//! one). A file that is valid RON is parsed one item at a time, so that every item with an
//! unknown field, a missing field or a wrong type is reported in the same run.

pub mod builtin;
pub mod file;
pub mod ftm;
pub mod lex;
pub mod quick;
pub mod spans;

use std::collections::{BTreeSet, HashSet, VecDeque};
use std::fs;
use std::io::Read;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use ron::extensions::Extensions;

use crate::diagnostic::{Diagnostic, StageError};
use crate::source::{floor_char_boundary, FileId, FileSpan, SourceFile, SourceMap};
use crate::suggest::did_you_mean;
use file::{EdgeDef, NodeDef, SourceDef, TOP_LEVEL_FIELDS};
use spans::SpanValue;

/// Files larger than this are refused before reading rather than exhausting memory.
pub const MAX_FILE_BYTES: u64 = 1 << 30;

/// The byte-order mark some editors put before UTF-8 text; skipped where a file starts.
pub const BYTE_ORDER_MARK: char = '\u{feff}';

/// What went wrong while reading or parsing an input.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LoadError {
    /// A path could not be read (missing, no permission, a directory given as a file).
    #[error("cannot read `{path}`: {reason}")]
    Unreadable {
        /// The path as given.
        path: String,
        /// The operating system's reason.
        reason: String,
    },
    /// A file is too large to load.
    #[error("`{path}` {}, more than the {limit} bytes a graph file may have", size_text(*.bytes))]
    TooLarge {
        /// The path as given.
        path: String,
        /// Its size, when known; a pipe or device is only read up to the limit.
        bytes: Option<u64>,
        /// The limit.
        limit: u64,
    },
    /// A link met in a directory walk leads to a directory or file already read, so it is
    /// not followed (a link loop would otherwise be walked without end).
    #[error("skipped `{path}`: it leads to `{target}`, which is already read")]
    SkippedLink {
        /// The link, as found in the walk.
        path: String,
        /// Where it leads, resolved.
        target: String,
    },
    /// A file is not UTF-8 text.
    #[error("`{path}` is not UTF-8 text (invalid byte at offset {offset})")]
    NotUtf8 {
        /// The path as given.
        path: String,
        /// Offset of the first invalid byte.
        offset: usize,
    },
    /// A directory holds no `.ron` file.
    #[error("no `.ron` file in directory `{path}`")]
    NoGraphFiles {
        /// The directory as given.
        path: String,
    },
    /// A file holds nothing but white space and comments.
    #[error("the file is empty; expected `Graph(sources: [...], nodes: [...], edges: [...])`")]
    Empty,
    /// The text is not valid RON.
    #[error("invalid RON: {message}")]
    Syntax {
        /// What ron expected.
        message: String,
    },
    /// The top-level value is not `Graph(...)`.
    #[error("expected `Graph(...)` at the top of the file, found {found}")]
    NotAGraph {
        /// What was there instead.
        found: String,
    },
    /// A top-level field that the format does not have.
    #[error("unknown field `{field}` in `Graph`; expected one of `sources`, `nodes`, `edges`")]
    UnknownField {
        /// The field name.
        field: String,
    },
    /// A top-level field given twice.
    #[error("field `{field}` is given twice in `Graph`")]
    DuplicateField {
        /// The field name.
        field: String,
    },
    /// A top-level field that is not a list.
    #[error("`{field}` must be a list `[...]`")]
    NotAList {
        /// The field name.
        field: String,
    },
    /// A top-level field that takes a date but holds something else.
    #[error("`{field}` must be a date in quotes")]
    NotADateText {
        /// The field name.
        field: String,
    },
    /// An item whose fields or values do not fit its type.
    #[error("invalid {what}: {message}")]
    Item {
        /// `source`, `node` or `edge`.
        what: &'static str,
        /// What ron found wrong.
        message: String,
    },
    /// A line of a FollowTheMoney file that cannot be imported, or what its import found.
    #[error(transparent)]
    Ftm(#[from] ftm::FtmError),
}

fn size_text(bytes: Option<u64>) -> String {
    match bytes {
        Some(bytes) => format!("is {bytes} bytes"),
        None => "goes on past the limit".to_owned(),
    }
}

impl StageError for LoadError {
    fn code(&self) -> &'static str {
        match self {
            LoadError::Unreadable { .. } => "unreadable",
            LoadError::TooLarge { .. } => "too-large",
            LoadError::SkippedLink { .. } => "skipped-link",
            LoadError::NotUtf8 { .. } => "not-utf8",
            LoadError::NoGraphFiles { .. } => "no-graph-files",
            LoadError::Empty => "empty-file",
            LoadError::Syntax { .. } => "syntax",
            LoadError::NotAGraph { .. } => "not-a-graph",
            LoadError::UnknownField { .. } => "unknown-field",
            LoadError::DuplicateField { .. } => "duplicate-field",
            LoadError::NotAList { .. } => "not-a-list",
            LoadError::NotADateText { .. } => "not-a-date-text",
            LoadError::Item { .. } => "invalid-item",
            LoadError::Ftm(error) => error.code(),
        }
    }

    fn is_unreadable(&self) -> bool {
        matches!(
            self,
            LoadError::Unreadable { .. }
                | LoadError::TooLarge { .. }
                | LoadError::NotUtf8 { .. }
                | LoadError::NoGraphFiles { .. }
        ) || matches!(self, LoadError::Ftm(error) if error.is_unreadable())
    }
}

/// Where a graph comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    /// A `.ron` file, or a directory of them (searched recursively, sorted by path).
    Path(PathBuf),
    /// The standard input (`-` on the command line).
    Stdin,
    /// The graph built into the binary (`builtin` on the command line), so that it can be
    /// loaded together with other files.
    Builtin,
}

impl Input {
    /// `-` means the standard input, `builtin` the built-in graph (`./builtin` is a path of
    /// that name); anything else is a path.
    pub fn from_arg(arg: &str) -> Input {
        match arg {
            "-" => Input::Stdin,
            "builtin" => Input::Builtin,
            _ => Input::Path(PathBuf::from(arg)),
        }
    }
}

/// Reads every input into a source map. Unreadable inputs become diagnostics; the others
/// are still read, so that one run reports every problem.
pub fn read_inputs(inputs: &[Input]) -> (SourceMap, Vec<Diagnostic>) {
    let mut map = SourceMap::default();
    let mut problems = Vec::new();
    for input in inputs {
        match input {
            Input::Builtin => {
                for (name, text) in builtin::FILES {
                    map.add(*name, *text);
                }
            }
            Input::Stdin => {
                let mut bytes = Vec::new();
                let read = std::io::stdin()
                    .take(MAX_FILE_BYTES + 1)
                    .read_to_end(&mut bytes);
                match read {
                    Err(error) => problems.push(Diagnostic::error(LoadError::Unreadable {
                        path: "<stdin>".into(),
                        reason: error.to_string(),
                    })),
                    Ok(_) => add_text(&mut map, &mut problems, "<stdin>", bytes),
                }
            }
            Input::Path(path) if path.is_dir() => {
                let files = match collect_ron_files(path, &mut problems) {
                    Ok(files) => files,
                    Err(error) => {
                        problems.push(Diagnostic::error(LoadError::Unreadable {
                            path: path.display().to_string(),
                            reason: error.to_string(),
                        }));
                        continue;
                    }
                };
                if files.is_empty() {
                    problems.push(
                        Diagnostic::error(LoadError::NoGraphFiles {
                            path: path.display().to_string(),
                        })
                        .with_help("graph files end in `.ron`"),
                    );
                }
                for file in files {
                    read_file(&mut map, &mut problems, &file);
                }
            }
            Input::Path(path) => read_file(&mut map, &mut problems, path),
        }
    }
    (map, problems)
}

/// The `.ron` files under `root`, sorted by path, each directory and file read once.
///
/// Real directories are walked first, then the directories that links lead to, in the
/// order met: a link back into the tree (`ln -s . loop`) is then found already read and
/// skipped with a warning, rather than walked again and again. Of the paths that lead to
/// one file, the real one is kept over a link, then the first by path.
fn collect_ron_files(root: &Path, problems: &mut Vec<Diagnostic>) -> std::io::Result<Vec<PathBuf>> {
    let skipped = |path: &Path, target: &Path| {
        Diagnostic::warning(LoadError::SkippedLink {
            path: path.display().to_string(),
            target: target.display().to_string(),
        })
    };
    let mut visited = HashSet::from([fs::canonicalize(root)?]);
    let mut dirs = vec![root.to_path_buf()];
    let mut links: VecDeque<PathBuf> = VecDeque::new();
    // (whether it is a link, the path): sorted, real files come first.
    let mut files = Vec::new();
    loop {
        let dir = if let Some(dir) = dirs.pop() {
            dir
        } else if let Some(link) = links.pop_front() {
            let target = fs::canonicalize(&link)?;
            if !visited.insert(target.clone()) {
                problems.push(skipped(&link, &target));
                continue;
            }
            link
        } else {
            break;
        };
        let mut entries = fs::read_dir(&dir)?
            .map(|entry| entry.map(|entry| entry.path()))
            .collect::<std::io::Result<Vec<_>>>()?;
        entries.sort();
        for path in entries {
            let is_link = fs::symlink_metadata(&path)?.file_type().is_symlink();
            if path.is_dir() {
                if is_link {
                    links.push_back(path);
                } else if visited.insert(fs::canonicalize(&path)?) {
                    dirs.push(path);
                }
            } else if path.extension().is_some_and(|ext| ext == "ron") {
                files.push((is_link, path));
            }
        }
    }
    files.sort();
    let mut read = HashSet::new();
    let mut kept = Vec::new();
    for (is_link, path) in files {
        // A dangling link cannot be resolved: keep it, so that reading it says why.
        match fs::canonicalize(&path) {
            Ok(target) if !read.insert(target.clone()) => {
                if is_link {
                    problems.push(skipped(&path, &target));
                } else {
                    kept.push(path);
                }
            }
            _ => kept.push(path),
        }
    }
    kept.sort();
    Ok(kept)
}

fn read_file(map: &mut SourceMap, problems: &mut Vec<Diagnostic>, path: &Path) {
    let name = path.display().to_string();
    let unreadable = |reason: String| {
        Diagnostic::error(LoadError::Unreadable {
            path: name.clone(),
            reason,
        })
    };
    match fs::metadata(path) {
        Err(error) => return problems.push(unreadable(error.to_string())),
        Ok(meta) if meta.is_dir() => return problems.push(unreadable("it is a directory".into())),
        Ok(meta) if meta.len() > MAX_FILE_BYTES => {
            return problems.push(Diagnostic::error(LoadError::TooLarge {
                path: name,
                bytes: Some(meta.len()),
                limit: MAX_FILE_BYTES,
            }))
        }
        Ok(_) => {}
    }
    // A pipe or a device has no length to check beforehand: the limit holds while reading.
    let read = fs::File::open(path).and_then(|file| {
        let mut bytes = Vec::new();
        file.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes)?;
        Ok(bytes)
    });
    match read {
        Ok(bytes) => add_text(map, problems, &name, bytes),
        Err(error) => problems.push(unreadable(error.to_string())),
    }
}

fn add_text(map: &mut SourceMap, problems: &mut Vec<Diagnostic>, name: &str, bytes: Vec<u8>) {
    // Read at most one byte past the limit: how far the input goes on is not known.
    if bytes.len() as u64 > MAX_FILE_BYTES {
        problems.push(Diagnostic::error(LoadError::TooLarge {
            path: name.to_owned(),
            bytes: None,
            limit: MAX_FILE_BYTES,
        }));
        return;
    }
    match String::from_utf8(bytes) {
        Ok(mut text) => {
            if text.starts_with(BYTE_ORDER_MARK) {
                // Editors do not show it: lines and columns count from after it.
                text.drain(..BYTE_ORDER_MARK.len_utf8());
            }
            map.add(name, text);
        }
        Err(error) => problems.push(Diagnostic::error(LoadError::NotUtf8 {
            path: name.to_owned(),
            offset: error.utf8_error().valid_up_to(),
        })),
    }
}

/// One parsed item of a file. The spans of its parts are found on first use (only a
/// problem needs them), by scanning the item's text again.
#[derive(Debug, Clone)]
pub struct Item<'t, T> {
    /// The parsed value.
    pub def: T,
    /// The file it is in.
    pub file: FileId,
    /// The whole text of the file.
    text: &'t str,
    /// Where the item stands in the text.
    range: Range<usize>,
    /// The 1-based line the item starts on.
    line: usize,
    /// Boxed: most items are never scanned in full, and a million of them should not
    /// each carry room for the result. A `OnceLock`, so that items can be checked on two
    /// threads.
    spans: OnceLock<Box<SpanValue>>,
}

impl<'t, T> Item<'t, T> {
    /// An item of `file`, written at `range` of its `text`, starting on line `line`.
    pub fn new(
        def: T,
        file: FileId,
        text: &'t str,
        range: Range<usize>,
        line: usize,
    ) -> Item<'t, T> {
        Item {
            def,
            file,
            text,
            range,
            line,
            spans: OnceLock::new(),
        }
    }

    /// The 1-based line the item starts on.
    pub fn line(&self) -> usize {
        self.line
    }

    /// The item's text, with every part's span.
    pub fn spans(&self) -> &SpanValue {
        self.spans.get_or_init(|| {
            // The text was scanned once already, so this does not fail; if it did, the
            // whole item would still be a place to point at.
            Box::new(
                spans::scan_at(self.text, self.range.start).unwrap_or(SpanValue::Scalar {
                    span: self.range.clone(),
                }),
            )
        })
    }

    /// The span of the whole item.
    pub fn span(&self) -> FileSpan {
        FileSpan::new(self.file, self.range.clone())
    }

    /// The span of the item's name (`Action`, `Country`), or of the whole item. Found
    /// without scanning the item: the name is the identifier it starts with.
    pub fn head_span(&self) -> FileSpan {
        let name = lex::ident_len(&self.text.as_bytes()[self.range.clone()]);
        let range = if name > 0 {
            self.range.start..self.range.start + name
        } else {
            self.range.clone()
        };
        FileSpan::new(self.file, range)
    }

    /// The span of a field's value, or the item's name when the field is not written.
    pub fn field_span(&self, field: &str) -> FileSpan {
        match self.spans().field(field) {
            Some(value) => FileSpan::new(self.file, value.span()),
            None => self.head_span(),
        }
    }

    /// The span of the `index`th item of a list field, or of the field itself.
    pub fn list_item_span(&self, field: &str, index: usize) -> FileSpan {
        match self
            .spans()
            .field(field)
            .and_then(|list| list.items().get(index))
        {
            Some(value) => FileSpan::new(self.file, value.span()),
            None => self.field_span(field),
        }
    }
}

/// An item found in a file and left to be parsed where it is checked ([`parse_edge`]).
/// Edges are most of a large graph: parsing each one just before it is checked, on the
/// thread that checks it, keeps millions of parsed items out of memory at once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pending {
    /// The file it is in.
    pub file: FileId,
    /// Where it stands in the text.
    pub range: Range<usize>,
    /// The 1-based line it starts on.
    pub line: usize,
}

impl Pending {
    /// The item, not parsed, for pointing at its parts.
    pub fn item<'t>(&self, map: &'t SourceMap) -> Item<'t, ()> {
        let text = &map.file(self.file).text;
        Item::new((), self.file, text, self.range.clone(), self.line)
    }
}

/// Parses an edge found earlier; a problem is added to `problems` when it does not parse.
pub fn parse_edge<'t>(
    map: &'t SourceMap,
    pending: &Pending,
    problems: &mut Vec<Diagnostic>,
) -> Option<Item<'t, EdgeDef<'t>>> {
    let text = &map.file(pending.file).text;
    let at = (pending.range.clone(), pending.line);
    parse_one(pending.file, text, at, "edge", problems).ok()
}

/// Every item of every file that parsed (sources and nodes), and every edge found.
#[derive(Debug, Clone, Default)]
pub struct ParsedGraph<'t> {
    /// Sources of evidence.
    pub sources: Vec<Item<'t, SourceDef<'t>>>,
    /// Nodes.
    pub nodes: Vec<Item<'t, NodeDef<'t>>>,
    /// Edges, found but not parsed yet: see [`Pending`].
    pub edges: Vec<Pending>,
    /// Ids of nodes and sources whose items did not parse: their problem is reported once,
    /// and references to them are not reported again as unknown.
    pub unparsed_ids: BTreeSet<String>,
    /// Each file's `complete_to`: the text of the date its curation is complete to, and
    /// where it is written.
    pub complete_to: Vec<(String, FileSpan)>,
}

/// The RON options every graph file is read with: `Some(..)` may be left out around
/// optional values, and node variants take their fields directly (`Country(id: ..)`).
pub fn ron_options() -> ron::Options {
    ron::Options::default()
        .with_default_extension(Extensions::IMPLICIT_SOME | Extensions::UNWRAP_VARIANT_NEWTYPES)
}

/// How far parsing has got, in bytes of graph text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    /// Bytes parsed.
    pub done: u64,
    /// Bytes in all.
    pub total: u64,
}

/// Items parsed between two progress reports.
const ITEMS_PER_REPORT: usize = 4096;

/// Parses every file of the map; problems are returned, never raised, and every file is
/// parsed whatever the others hold.
pub fn parse(map: &SourceMap) -> (ParsedGraph<'_>, Vec<Diagnostic>) {
    parse_with_progress(map, &mut |_| {})
}

/// [`parse`], telling `progress` how far it has got every few thousand items and when
/// each file is done.
pub fn parse_with_progress<'m>(
    map: &'m SourceMap,
    progress: &mut dyn FnMut(Progress),
) -> (ParsedGraph<'m>, Vec<Diagnostic>) {
    let mut graph = ParsedGraph::default();
    let mut problems = Vec::new();
    let total = map.files().map(|(_, file)| file.text.len() as u64).sum();
    let mut before = 0;
    for (file, source) in map.files() {
        let mut report = |at: usize| {
            progress(Progress {
                done: before + at as u64,
                total,
            })
        };
        parse_file(file, source, &mut graph, &mut problems, &mut report);
        before += source.text.len() as u64;
        progress(Progress {
            done: before,
            total,
        });
    }
    (graph, problems)
}

/// Counts lines from one offset to a later one, so that items found in file order learn
/// their line in one pass over the text.
struct Lines<'t> {
    text: &'t [u8],
    at: usize,
    line: usize,
    first_line: usize,
}

impl Lines<'_> {
    /// The 1-based line of `offset`.
    fn to(&mut self, offset: usize) -> usize {
        if offset < self.at {
            (self.at, self.line) = (0, self.first_line);
        }
        let end = offset.min(self.text.len());
        let between = self.text.get(self.at..end).unwrap_or_default();
        self.line += between.iter().filter(|&&byte| byte == b'\n').count();
        self.at = end;
        self.line
    }
}

fn parse_file<'t>(
    file: FileId,
    source: &'t SourceFile,
    graph: &mut ParsedGraph<'t>,
    problems: &mut Vec<Diagnostic>,
    report: &mut dyn FnMut(usize),
) {
    let text = source.text.as_str();
    let mut lines = Lines {
        text: text.as_bytes(),
        at: 0,
        line: source.first_line,
        first_line: source.first_line,
    };
    // The scanner checks the structure of the whole text and records where each item is;
    // each item is then parsed by ron. Only when the scanner fails is ron run on the whole
    // text, for its message.
    let top = match spans::scan_outline(text) {
        Ok(top) => top,
        Err(scan_error) => {
            if let Err(error) = ron_options().from_str::<ron::Value>(text) {
                problems.push(syntax_problem(file, text, &error));
                return;
            }
            // ron accepts what the scanner does not follow (nesting past its limit).
            let at = floor_char_boundary(text, scan_error.offset);
            problems.push(
                Diagnostic::error(LoadError::Syntax {
                    message: scan_error.message,
                })
                .at(FileSpan::new(file, at..at), "here"),
            );
            return;
        }
    };
    let top_span = FileSpan::new(file, top.span());
    match (&top, top.name()) {
        (SpanValue::Struct { .. }, None | Some(("Graph", _))) => {}
        (SpanValue::Tuple { items, .. }, None | Some(("Graph", _))) if items.is_empty() => {}
        (_, name) => {
            let found = match name {
                Some((name, _)) => format!("`{name}(...)`"),
                None => format!("`{}`", first_line(&text[top.span()])),
            };
            problems.push(
                Diagnostic::error(LoadError::NotAGraph { found })
                    .at(top_span, "not a graph")
                    .with_help(
                        "a graph file holds `Graph(sources: [...], nodes: [...], edges: [...])`",
                    ),
            );
            return;
        }
    }
    let fields = match top {
        SpanValue::Struct { fields, .. } => fields,
        _ => Vec::new(),
    };
    let mut seen: Vec<String> = Vec::new();
    for field in fields {
        let field_span = FileSpan::new(file, field.name_span.clone());
        if !TOP_LEVEL_FIELDS.contains(&field.name.as_str()) {
            problems.push(
                Diagnostic::error(LoadError::UnknownField {
                    field: field.name.clone(),
                })
                .at(field_span, "unknown field")
                .with_help_opt(did_you_mean(&field.name, TOP_LEVEL_FIELDS.iter().copied())),
            );
            continue;
        }
        if seen.contains(&field.name) {
            problems.push(
                Diagnostic::error(LoadError::DuplicateField {
                    field: field.name.clone(),
                })
                .at(field_span, "given again here"),
            );
            continue;
        }
        seen.push(field.name.clone());
        if field.name == "complete_to" {
            let span = FileSpan::new(file, field.value.span());
            match ron::from_str::<String>(&text[field.value.span()]) {
                Ok(date) => graph.complete_to.push((date, span)),
                Err(_) => problems.push(
                    Diagnostic::error(LoadError::NotADateText {
                        field: field.name.clone(),
                    })
                    .at(span, "expected a date in quotes")
                    .with_help("write the date as text: `complete_to: \"2026-03-01\"`"),
                ),
            }
            continue;
        }
        let SpanValue::List { items, .. } = field.value else {
            problems.push(
                Diagnostic::error(LoadError::NotAList {
                    field: field.name.clone(),
                })
                .at(FileSpan::new(file, field.value.span()), "expected `[...]`"),
            );
            continue;
        };
        for (i, item) in items.into_iter().enumerate() {
            if i % ITEMS_PER_REPORT == 0 {
                report(item.span().start);
            }
            let at = (item.span(), lines.to(item.span().start));
            let unparsed = match field.name.as_str() {
                "sources" => parse_item(file, text, at, "source", &mut graph.sources, problems),
                "nodes" => parse_item(file, text, at, "node", &mut graph.nodes, problems),
                _ => {
                    let (range, line) = at;
                    graph.edges.push(Pending { file, range, line });
                    None
                }
            };
            if let Some(item) = unparsed {
                let id = item.spans().field("id").map(|id| &text[id.span()]);
                if let Some(Ok(id)) = id.map(ron::from_str::<String>) {
                    graph.unparsed_ids.insert(id);
                }
            }
        }
    }
}

fn first_line(text: &str) -> String {
    let line = text.lines().next().unwrap_or("");
    let short: String = line.chars().take(40).collect();
    if short.len() < text.len() {
        format!("{short}...")
    } else {
        short
    }
}

/// Parses one item and keeps it; returns the item back, fully scanned, when it does not
/// parse.
fn parse_item<'t, T: serde::Deserialize<'t>>(
    file: FileId,
    text: &'t str,
    at: (Range<usize>, usize),
    what: &'static str,
    into: &mut Vec<Item<'t, T>>,
    problems: &mut Vec<Diagnostic>,
) -> Option<Item<'t, ()>> {
    match parse_one(file, text, at, what, problems) {
        Ok(item) => {
            into.push(item);
            None
        }
        Err(item) => Some(item),
    }
}

/// Parses the item at `range`, which starts on `line`: with the quick reader when it
/// can, else with ron, whose problem is added to `problems` and the item returned
/// unparsed.
fn parse_one<'t, T: serde::Deserialize<'t>>(
    file: FileId,
    text: &'t str,
    (range, line): (Range<usize>, usize),
    what: &'static str,
    problems: &mut Vec<Diagnostic>,
) -> Result<Item<'t, T>, Item<'t, ()>> {
    let item_text = &text[range.clone()];
    if let Some(def) = quick::read::<T>(item_text) {
        return Ok(Item::new(def, file, text, range, line));
    }
    match ron_options().from_str::<T>(item_text) {
        Ok(def) => Ok(Item::new(def, file, text, range, line)),
        Err(error) => {
            let item = Item::new((), file, text, range.clone(), line);
            let span = match error.code {
                // ron points past the last field; the item's name says more.
                ron::Error::MissingStructField { .. } => item
                    .spans()
                    .name()
                    .map_or(range.start..range.start + 1, |(_, name)| name),
                _ => ron_span(item_text, &error.span, range.start),
            };
            problems.push(
                Diagnostic::error(LoadError::Item {
                    what,
                    message: describe(&error.code),
                })
                .at(FileSpan::new(file, span), label_for(&error.code))
                .with_help_opt(help_for(&error.code)),
            );
            Err(item)
        }
    }
}

/// The diagnostic for a file that is not valid RON, from ron's own error.
fn syntax_problem(file: FileId, text: &str, error: &ron::error::SpannedError) -> Diagnostic {
    if is_blank(text) {
        return Diagnostic::error(LoadError::Empty).at(FileSpan::new(file, 0..0), "nothing here");
    }
    Diagnostic::error(LoadError::Syntax {
        message: describe(&error.code),
    })
    .at(
        FileSpan::new(file, ron_span(text, &error.span, 0)),
        label_for(&error.code),
    )
    .with_help_opt(help_for(&error.code))
}

fn is_blank(text: &str) -> bool {
    let mut rest = text.trim_start();
    loop {
        if let Some(after) = rest.strip_prefix("//") {
            rest = after
                .split_once('\n')
                .map_or("", |(_, next)| next)
                .trim_start();
        } else {
            return rest.is_empty();
        }
    }
}

/// Converts ron's 1-based line and character column, relative to `text`, to a byte range
/// relative to the whole file.
fn ron_span(text: &str, span: &ron::error::Span, base: usize) -> Range<usize> {
    let mut start = crate::source::offset_of(text, span.start.line, span.start.col);
    // ron may point at the blank before the offending value; point at the value.
    start += text[start..].len() - text[start..].trim_start_matches([' ', '\t']).len();
    let end = crate::source::offset_of(text, span.end.line, span.end.col).max(start);
    base + start..base + end
}

/// ron's message, reworded where ours is clearer.
fn describe(error: &ron::Error) -> String {
    let one_of = |expected: &[&str]| {
        let names: Vec<String> = expected.iter().map(|name| format!("`{name}`")).collect();
        names.join(", ")
    };
    let within = |outer: &Option<String>| {
        outer
            .as_ref()
            .map_or(String::new(), |outer| format!(" in `{outer}`"))
    };
    match error {
        ron::Error::NoSuchStructField {
            expected,
            found,
            outer,
        } => format!(
            "unknown field `{found}`{}; expected one of {}",
            within(outer),
            one_of(expected)
        ),
        ron::Error::NoSuchEnumVariant {
            expected,
            found,
            outer,
        } => {
            let what = match outer.as_deref() {
                Some("Node") => "node kind",
                Some("Edge") => "edge type",
                Some("ActionKind") => "action kind",
                Some("RelationKind") => "relation kind",
                _ => "variant",
            };
            format!(
                "unknown {what} `{found}`; expected one of {}",
                one_of(expected)
            )
        }
        ron::Error::MissingStructField { field, outer } => {
            format!("missing field `{field}`{}", within(outer))
        }
        ron::Error::DuplicateStructField { field, outer } => {
            format!("field `{field}` is given twice{}", within(outer))
        }
        ron::Error::ExceededRecursionLimit => {
            "the values nest too deep (more than 128 levels)".to_owned()
        }
        other => lower_first(&other.to_string()),
    }
}

fn lower_first(message: &str) -> String {
    let mut chars = message.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

fn label_for(error: &ron::Error) -> &'static str {
    match error {
        ron::Error::NoSuchStructField { .. } => "unknown field",
        ron::Error::NoSuchEnumVariant { .. } => "unknown kind",
        ron::Error::MissingStructField { .. } => "in this item",
        ron::Error::InvalidValueForType { .. } | ron::Error::ExpectedString => "wrong type",
        ron::Error::DuplicateStructField { .. } => "given twice",
        ron::Error::Eof => "the text ends here",
        _ => "here",
    }
}

fn help_for(error: &ron::Error) -> Option<String> {
    match error {
        ron::Error::NoSuchStructField {
            expected, found, ..
        }
        | ron::Error::NoSuchEnumVariant {
            expected, found, ..
        } => did_you_mean(found, expected.iter().copied()),
        ron::Error::MissingStructField { field, .. } => Some(format!("add `{field}: ...`")),
        ron::Error::ExpectedComma => Some("separate items with `,`".into()),
        ron::Error::ExpectedString => Some("write text in double quotes: \"...\"".into()),
        _ => None,
    }
}
