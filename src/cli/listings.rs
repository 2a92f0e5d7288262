//! `diff`, `actions` and `find`: running the queries and writing their answers as a
//! table, JSON or CSV (schemas in docs/queries.md). Each builds its rows once; the format
//! only chooses the writer.

use std::collections::BTreeSet;

use petgraph::graph::{EdgeIndex, NodeIndex};
use sanctions_graph::model::{ActionKind, EdgeKind, NodeKind};
use sanctions_graph::query::actions::{action_id, actions, ActionFilter, Listed};
use sanctions_graph::query::diff::{diff, DiffQuery, Held};
use sanctions_graph::query::find::{find, Found};
use sanctions_graph::query::{CutShort, When};
use sanctions_graph::{Loaded, SanctionsGraph};
use serde::Serialize;
use serde_json::{json, Value};
use std::io::{self, Write};

use super::args::{ActionsArgs, DiffArgs, FindArgs, Format};
use super::queries::{
    answer, chosen, cited_edges, count, date_text, edge_json, effect_or_none, held_text, node_json,
    not_a, note_text, resolve, sources_text, status_today, write_sources, Cited,
};
use super::rows::Rows;
use super::stream::{seq, write_csv, write_json, Shown, Tail};
use super::Report;

/// An action's id, or blank for a relation.
fn id_of(graph: &SanctionsGraph, edge: EdgeIndex) -> String {
    action_id(graph, edge).unwrap_or_default()
}

/// An action as JSON: its id first, then the edge (source ids only).
pub fn action_json(graph: &SanctionsGraph, edge: EdgeIndex) -> Value {
    let mut value = json!({ "id": action_id(graph, edge) });
    if let (Some(object), Value::Object(rest)) = (
        value.as_object_mut(),
        edge_json(&graph.edge_at(edge).to_edge()),
    ) {
        object.extend(rest);
    }
    if let Some(notes) = graph.edge_at(edge).notes() {
        value["notes"] = json!(notes);
    }
    value
}

/// The columns of listed actions: id, date, kind, by, on, instrument, sources, note (the
/// last three on lines under each row of the table).
fn action_columns() -> Rows {
    Rows::new(&[
        "id",
        "date",
        "action",
        "by",
        "on",
        "instrument",
        "sources",
        "note",
    ])
    .below("instrument")
    .below("note")
    .below("sources")
}

/// One listed action, in [`action_columns`].
fn action_record(graph: &SanctionsGraph, item: &Listed) -> Vec<String> {
    let view = graph.edge_at(item.edge);
    vec![
        id_of(graph, item.edge),
        date_text(view.date(), item.certainty),
        view.kind().to_string(),
        view.from().to_owned(),
        view.to().to_owned(),
        view.instrument().unwrap_or_default().to_owned(),
        sources_text(view),
        note_text(view, status_today(view)),
    ]
}

/// The rows of listed actions, for a table.
fn action_rows(graph: &SanctionsGraph, listed: &[Listed]) -> Rows {
    let mut rows = action_columns();
    for item in listed {
        rows.push(action_record(graph, item));
    }
    rows
}

/// `sgraph actions [--by ID] [--on ID] [--kind KIND,...] [--between DATE..DATE]
/// [--commodity ID]`, written to `out` as it is made.
pub fn actions_command(
    loaded: &Loaded,
    args: &ActionsArgs,
    format: Format,
    out: &mut dyn Write,
) -> io::Result<Report> {
    let graph = &loaded.graph;
    let mut asked = Vec::new();
    let mut node = |text: &Option<String>| -> Result<Option<NodeIndex>, Report> {
        let Some(text) = text else { return Ok(None) };
        let index = resolve(graph, text)?;
        asked.push(text.clone());
        Ok(Some(index))
    };
    let (by, on, commodity) = match (node(&args.by), node(&args.on), node(&args.commodity)) {
        (Ok(by), Ok(on), Ok(commodity)) => (by, on, commodity),
        (Err(report), _, _) | (_, Err(report), _) | (_, _, Err(report)) => return Ok(report),
    };
    if let Some(commodity) = commodity.filter(|&c| graph.node_kind(c) != NodeKind::Commodity) {
        return Ok(not_a(graph, commodity, NodeKind::Commodity));
    }
    let kinds: Option<BTreeSet<ActionKind>> = (!args.kind.is_empty()).then(|| {
        args.kind
            .iter()
            .filter_map(|name| match EdgeKind::parse(name) {
                Some(EdgeKind::Action(kind)) => Some(kind),
                _ => None,
            })
            .collect()
    });
    let filter = ActionFilter {
        by,
        on,
        kinds,
        when: args
            .between
            .map_or(When::Always, |(start, end)| When::Between(start, end)),
        commodity,
    };
    // Every match is found (a few bytes each) so that a cut answer can say how many
    // there are; only the shown ones are written.
    let (found, _) = actions(graph, &filter, usize::MAX);
    let shown = Shown::of(found.len(), args.limit, format);
    let listed = &found[..shown.shown];
    let mut report = answer(String::new(), !listed.is_empty());
    match format {
        Format::Json => write_json(
            out,
            &ActionsJson {
                actions: seq(listed.iter().map(|item| {
                    let mut value = action_json(graph, item.edge);
                    value["certainty"] = json!(item.certainty);
                    value
                })),
                count: listed.len(),
                cut_short: shown.is_cut().then_some(CutShort::Limit),
                query: json!({
                    "command": "actions",
                    "by": by.map(|n| graph.node_id(n)),
                    "on": on.map(|n| graph.node_id(n)),
                    "kinds": args.kind,
                    "between": args.between.map(|(start, end)| json!([start, end])),
                    "commodity": commodity.map(|n| graph.node_id(n)),
                    "limit": args.limit,
                }),
                tail: shown.with_sources(cited_edges(
                    graph,
                    listed.iter().map(|item| graph.edge_at(item.edge)),
                )),
            },
        )?,
        Format::Csv => {
            action_columns()
                .write_csv(out, listed.iter().map(|item| action_record(graph, item)))?;
            report.stderr.push_str(&shown.csv_note("actions"));
        }
        Format::Table => {
            writeln!(out, "{}", count(found.len(), "action", "actions"))?;
            if !listed.is_empty() {
                out.write_all(b"\n")?;
                action_rows(graph, listed).write_table(out, "")?;
                write_sources(out, graph, listed.iter().map(|item| item.edge))?;
            }
            out.write_all(shown.table_note("actions").as_bytes())?;
        }
    }
    for text in asked {
        report.stderr.push_str(&chosen(graph, &text));
    }
    Ok(report)
}

/// The JSON answer of `actions`, fields in the order JSON objects are written in.
#[derive(Serialize)]
struct ActionsJson<'g, A> {
    actions: A,
    count: usize,
    cut_short: Option<CutShort>,
    query: Value,
    #[serde(flatten)]
    tail: Tail<Cited<'g>>,
}

fn cut_note(cut: Option<CutShort>, limit: usize) -> String {
    match cut {
        Some(_) => format!("\ncut short: more than {limit} entries; raise --limit to see more\n"),
        None => String::new(),
    }
}

fn held_json(graph: &SanctionsGraph, held: Option<Held>) -> Value {
    held.map_or(Value::Null, |held| {
        json!({
            "standing": held.standing,
            "partial": held.partial,
            "decided_by": action_id(graph, held.action),
        })
    })
}

/// The action a change is explained by: the one deciding the new standing, or, when no
/// measure is in force any more, the one that decided the old one (which has ended).
fn changed_by(before: Option<Held>, after: Option<Held>) -> Option<EdgeIndex> {
    after.or(before).map(|held| held.action)
}

/// `sgraph diff --from DATE --to DATE [--commodity ID]`, written to `out` as it is made.
pub fn diff_command(
    loaded: &Loaded,
    args: &DiffArgs,
    format: Format,
    out: &mut dyn Write,
) -> io::Result<Report> {
    let graph = &loaded.graph;
    if args.to < args.from {
        return Ok(Report::usage(format!(
            "--to {} is before --from {}; the second day comes after the first",
            args.to, args.from
        )));
    }
    let commodity = match args.commodity.as_deref().map(|text| resolve(graph, text)) {
        None => None,
        Some(Ok(index)) if graph.node_kind(index) != NodeKind::Commodity => {
            return Ok(not_a(graph, index, NodeKind::Commodity))
        }
        Some(Ok(index)) => Some(index),
        Some(Err(report)) => return Ok(report),
    };
    let query = DiffQuery {
        from: args.from,
        to: args.to,
        commodity,
    };
    let found = diff(graph, &query, args.limit);
    let id = |n: NodeIndex| graph.node_id(n).to_owned();
    let changed = !(found.actions.is_empty()
        && found.ended.is_empty()
        && found.changes.is_empty()
        && found.actors.is_empty());
    match format {
        Format::Json => write_json(
            out,
            &DiffJson {
                actions: seq(found.actions.iter().map(|item| {
                    let mut value = action_json(graph, item.edge);
                    value["certainty"] = json!(item.certainty);
                    value
                })),
                actors: seq(found.actors.iter().map(|change| {
                    json!({
                        "commodity": id(change.commodity),
                        "actor": id(change.actor),
                        "before": change.before,
                        "after": change.after,
                    })
                })),
                changes: seq(found.changes.iter().map(|change| {
                    json!({
                        "commodity": id(change.commodity),
                        "target": id(change.target),
                        "actors": change.actors.iter().map(|&a| id(a)).collect::<Vec<_>>(),
                        "before": held_json(graph, change.before),
                        "after": held_json(graph, change.after),
                    })
                })),
                cut_short: found.cut_short,
                ended: seq(found.ended.iter().map(|&edge| action_json(graph, edge))),
                query: json!({
                    "command": "diff",
                    "from": args.from,
                    "to": args.to,
                    "commodity": commodity.map(id),
                    "limit": args.limit,
                }),
                sources: cited_edges(
                    graph,
                    found
                        .actions
                        .iter()
                        .map(|a| a.edge)
                        .chain(found.ended.iter().copied())
                        .map(|e| graph.edge_at(e)),
                ),
            },
        )?,
        Format::Csv => {
            let edge_record = |what: &str, edge: EdgeIndex, date: String| {
                let view = graph.edge_at(edge);
                vec![
                    what.to_owned(),
                    String::new(),
                    view.from().to_owned(),
                    view.to().to_owned(),
                    String::new(),
                    String::new(),
                    id_of(graph, edge),
                    date,
                    view.instrument().unwrap_or_default().to_owned(),
                ]
            };
            let actions = found.actions.iter().map(|item| {
                let date = date_text(graph.edge_at(item.edge).date(), item.certainty);
                edge_record("action", item.edge, date)
            });
            let ended = found.ended.iter().map(|&edge| {
                let until = graph.edge_at(edge).until().map(|d| d.to_string());
                edge_record("ended", edge, until.unwrap_or_default())
            });
            let standings = found.changes.iter().flat_map(|change| {
                let by = changed_by(change.before, change.after);
                change.actors.iter().map(move |&actor| {
                    vec![
                        "standing".to_owned(),
                        id(change.commodity),
                        id(actor),
                        id(change.target),
                        held_text(change.before),
                        held_text(change.after),
                        by.map(|e| id_of(graph, e)).unwrap_or_default(),
                        by.and_then(|e| graph.edge_at(e).date())
                            .map(|d| d.to_string())
                            .unwrap_or_default(),
                        by.and_then(|e| graph.edge_at(e).instrument())
                            .unwrap_or_default()
                            .to_owned(),
                    ]
                })
            });
            let effects = found.actors.iter().map(|change| {
                vec![
                    "effect".to_owned(),
                    id(change.commodity),
                    id(change.actor),
                    String::new(),
                    effect_or_none(change.before),
                    effect_or_none(change.after),
                    String::new(),
                    String::new(),
                    String::new(),
                ]
            });
            write_csv(
                out,
                &[
                    "change",
                    "commodity",
                    "actor",
                    "target",
                    "before",
                    "after",
                    "action",
                    "date",
                    "instrument",
                ],
                actions.chain(ended).chain(standings).chain(effects),
            )?;
        }
        Format::Table => {
            let scope = commodity.map_or_else(String::new, |c| format!(" for {}", id(c)));
            writeln!(
                out,
                "changes from {} to {}{scope}: {}, {} ended, {} changed",
                args.from,
                args.to,
                count(found.actions.len(), "action", "actions"),
                found.ended.len(),
                count(found.changes.len(), "standing", "standings"),
            )?;
            if !found.actions.is_empty() {
                out.write_all(b"\nactions dated in the window:\n")?;
                action_rows(graph, &found.actions).write_table(out, "  ")?;
            }
            if !found.ended.is_empty() {
                let mut rows = Rows::new(&["id", "until", "action", "by", "on", "instrument"]);
                for &edge in &found.ended {
                    let view = graph.edge_at(edge);
                    rows.push(vec![
                        id_of(graph, edge),
                        view.until().map(|d| d.to_string()).unwrap_or_default(),
                        view.kind().to_string(),
                        view.from().to_owned(),
                        view.to().to_owned(),
                        view.instrument().unwrap_or_default().to_owned(),
                    ]);
                }
                out.write_all(b"\nended in the window:\n")?;
                rows.write_table(out, "  ")?;
            }
            if !found.changes.is_empty() {
                let mut rows = Rows::new(&["commodity", "target", "before", "after", "by", "with"]);
                for change in &found.changes {
                    let by = changed_by(change.before, change.after);
                    let by_text = match (by, change.after) {
                        (Some(edge), None) => format!("{} ended", id_of(graph, edge)),
                        (Some(edge), Some(_)) => id_of(graph, edge),
                        (None, _) => String::new(),
                    };
                    rows.push(vec![
                        id(change.commodity),
                        id(change.target),
                        held_text(change.before),
                        held_text(change.after),
                        by_text,
                        change
                            .actors
                            .iter()
                            .map(|&a| id(a))
                            .collect::<Vec<_>>()
                            .join(", "),
                    ]);
                }
                out.write_all(b"\nstandings changed:\n")?;
                rows.write_table(out, "  ")?;
            }
            if !found.actors.is_empty() {
                let mut rows = Rows::new(&["commodity", "actor", "before", "after"]);
                for change in &found.actors {
                    rows.push(vec![
                        id(change.commodity),
                        id(change.actor),
                        effect_or_none(change.before),
                        effect_or_none(change.after),
                    ]);
                }
                out.write_all(b"\nactors whose effect changed:\n")?;
                rows.write_table(out, "  ")?;
            }
            out.write_all(cut_note(found.cut_short, args.limit).as_bytes())?;
        }
    }
    let mut report = answer(String::new(), changed);
    if let Some(text) = &args.commodity {
        report.stderr.push_str(&chosen(graph, text));
    }
    Ok(report)
}

/// The JSON answer of `diff`, fields in the order JSON objects are written in.
#[derive(Serialize)]
struct DiffJson<'g, A, E, C, N> {
    actions: A,
    actors: E,
    changes: C,
    cut_short: Option<CutShort>,
    ended: N,
    query: Value,
    sources: Cited<'g>,
}

/// `sgraph find TEXT`, written to `out` as it is made.
pub fn find_command(
    loaded: &Loaded,
    args: &FindArgs,
    format: Format,
    out: &mut dyn Write,
) -> io::Result<Report> {
    let graph = &loaded.graph;
    let (found, cut) = find(graph, &args.text, args.limit);
    let record = |item: &Found| {
        let node = graph.node_at(item.node);
        vec![
            node.id().to_owned(),
            node.kind().to_string(),
            node.name().to_owned(),
            format!("{} {}", item.how.as_str(), item.field.as_str()),
            item.text.clone(),
        ]
    };
    let columns = || Rows::new(&["id", "kind", "name", "match", "matched"]);
    match format {
        Format::Json => write_json(
            out,
            &FindJson {
                count: found.len(),
                cut_short: cut,
                nodes: seq(found.iter().map(|item| {
                    let mut value = node_json(&graph.node_at(item.node).to_node());
                    value["match"] = json!(item.how.as_str());
                    value["field"] = json!(item.field.as_str());
                    value["matched"] = json!(item.text);
                    value
                })),
                query: json!({ "command": "find", "text": args.text, "limit": args.limit }),
            },
        )?,
        Format::Csv => columns().write_csv(out, found.iter().map(record))?,
        Format::Table => {
            writeln!(
                out,
                "`{}`: {}",
                super::table::escaped(args.text.clone()),
                count(found.len(), "node", "nodes")
            )?;
            if !found.is_empty() {
                let mut rows = columns();
                for item in &found {
                    rows.push(record(item));
                }
                out.write_all(b"\n")?;
                rows.write_table(out, "")?;
            }
            out.write_all(cut_note(cut, args.limit).as_bytes())?;
        }
    }
    Ok(answer(String::new(), !found.is_empty()))
}

/// The JSON answer of `find`, fields in the order JSON objects are written in.
#[derive(Serialize)]
struct FindJson<N> {
    count: usize,
    cut_short: Option<CutShort>,
    nodes: N,
    query: Value,
}
