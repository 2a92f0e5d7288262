//! `affects` and `affected-by`: who reaches a commodity, and what an actor reaches, with
//! the explaining chains, the net effects and (with `--without`) what differs.

use petgraph::graph::{EdgeIndex, NodeIndex};
use sanctions_graph::model::{Date, NodeKind};
use sanctions_graph::query::{self, Affect};
use sanctions_graph::{Loaded, SanctionsGraph};
use serde::Serialize;
use serde_json::{json, Value};
use std::io::{self, Write};

use super::*;
use crate::cli::answer_json::{AffectJson, EdgeJson};
use crate::cli::args::{AffectedByArgs, AffectsArgs, Format};
use crate::cli::stream::{seq, write_csv, write_json, Shown, Tail};
use crate::cli::table::{headline, Table};
use crate::cli::without;

/// `sgraph affects COMMODITY [--as-of DATE]`, written to `out` as it is made.
pub fn affects(
    loaded: &Loaded,
    args: &AffectsArgs,
    format: Format,
    out: &mut dyn Write,
) -> io::Result<Report> {
    let graph = &loaded.graph;
    let commodity = match resolve(graph, &args.commodity) {
        Ok(index) => index,
        Err(report) => return Ok(report),
    };
    if graph.node_at(commodity).kind() != NodeKind::Commodity {
        return Ok(not_a(graph, commodity, NodeKind::Commodity));
    }
    let day = Day::of(args.as_of.or(args.between.map(|(_, end)| end)));
    let when = period_or_day(args.between, day.date);
    let left = match without::left_out(graph, &args.without) {
        Ok(left) => left,
        Err(report) => return Ok(report),
    };
    let left_out = |edge| left.contains(&edge);
    // As of today, the actions scheduled later are listed too, found in the same search.
    let (found, scheduled) = if day.today && args.between.is_none() {
        query::affects_and_scheduled(graph, commodity, day.date, left_out)
    } else {
        (
            query::affects_without(graph, commodity, when, left_out),
            Vec::new(),
        )
    };
    let real = (!left.is_empty()).then(|| query::affects(graph, commodity, when));
    let node = graph.node_at(commodity);
    let shown = Shown::of(found.len(), args.limit, format);
    let entries = || found.iter().take(shown.shown);
    let mut report = answer(String::new(), !found.is_empty());
    match format {
        Format::Json => write_json(
            out,
            &AffectsJson {
                actors: seq(entries().map(|affect| AffectJson {
                    graph,
                    affect,
                    who: affect.actor,
                    title: "actor",
                })),
                commodity: node_json(&node.to_node()),
                query: day.query_json(json!({ "command": "affects", "commodity": node.id(), "between": between_json(args.between), "without": args.without }), graph),
                scheduled: seq(scheduled.iter().map(|&edge| EdgeJson(graph.edge_at(edge)))),
                tail: shown.with_sources(cited_edges(
                    graph,
                    entries()
                        .flat_map(|a| a.chain.iter())
                        .map(|step| graph.edge_at(step.edge))
                        .chain(scheduled.iter().map(|&edge| graph.edge_at(edge))),
                )),
                without: real.as_ref().map(|real| {
                    without::differences_json(graph, commodity, real, &found, &left)
                }),
            },
        )?,
        Format::Csv => {
            write_affect_rows(
                out,
                graph,
                entries().map(|a| (commodity, a.actor, a)),
                ("commodity", "actor"),
            )?;
            report.stderr.push_str(&shown.csv_note("actors"));
        }
        Format::Table => {
            out.write_all(
                headline(&format!(
                    "{} ({}) {}{}: {}\n",
                    node.id(),
                    node.name(),
                    period_text(args.between, &day),
                    if left.is_empty() {
                        ""
                    } else {
                        ", without some actions"
                    },
                    count(found.len(), "actor", "actors")
                ))
                .as_bytes(),
            )?;
            if let Some(real) = &real {
                without::write_differences(out, graph, commodity, real, &found, &left)?;
            }
            if !found.is_empty() {
                out.write_all(b"\n")?;
                write_affect_table(out, graph, entries().map(|a| (a.actor, a)), "actor")?;
                write_chains(out, graph, entries().map(|a| (a.actor, a)))?;
            }
            write_scheduled(out, graph, &scheduled, day.date)?;
            write_sources(
                out,
                graph,
                entries()
                    .flat_map(|a| a.chain.iter().map(|step| step.edge))
                    .chain(scheduled.iter().copied()),
            )?;
            out.write_all(shown.table_note("actors").as_bytes())?;
        }
    }
    report.stderr.insert_str(0, &day.staleness(graph));
    report.stderr.push_str(&chosen(graph, &args.commodity));
    Ok(report)
}

/// The JSON answer of `affects`, its fields in the order JSON objects are written in, its
/// lists written entry by entry.
#[derive(Serialize)]
struct AffectsJson<'g, A, S> {
    actors: A,
    commodity: Value,
    query: Value,
    scheduled: S,
    #[serde(flatten)]
    tail: Tail<Cited<'g>>,
    without: Option<Value>,
}

/// `sgraph affected-by ACTOR [--as-of DATE]`, written to `out` as it is made.
pub fn affected_by(
    loaded: &Loaded,
    args: &AffectedByArgs,
    format: Format,
    out: &mut dyn Write,
) -> io::Result<Report> {
    let graph = &loaded.graph;
    let actor = match resolve(graph, &args.actor) {
        Ok(index) => index,
        Err(report) => return Ok(report),
    };
    let day = Day::of(args.as_of.or(args.between.map(|(_, end)| end)));
    let found = query::affected_by(graph, actor, period_or_day(args.between, day.date));
    let node = graph.node_at(actor);
    let when = period_text(args.between, &day);
    let shown = Shown::of(found.len(), args.limit, format);
    let entries = || found.iter().take(shown.shown);
    let mut report = answer(String::new(), !found.is_empty());
    match format {
        Format::Json => write_json(
            out,
            &AffectedByJson {
                actor: node_json(&node.to_node()),
                commodities: seq(entries().map(|reach| AffectJson {
                    graph,
                    affect: &reach.affect,
                    who: reach.commodity,
                    title: "commodity",
                })),
                query: day.query_json(json!({ "command": "affected-by", "actor": node.id(), "between": between_json(args.between) }), graph),
                tail: shown.with_sources(cited(
                    graph,
                    entries().flat_map(|r| r.affect.chain.iter()),
                )),
            },
        )?,
        Format::Csv => {
            write_affect_rows(
                out,
                graph,
                entries().map(|r| (actor, r.commodity, &r.affect)),
                ("actor", "commodity"),
            )?;
            report.stderr.push_str(&shown.csv_note("commodities"));
        }
        Format::Table => {
            out.write_all(
                headline(&format!(
                    "{} ({}) {when}: reaches {}\n",
                    node.id(),
                    node.name(),
                    count(found.len(), "commodity", "commodities")
                ))
                .as_bytes(),
            )?;
            if !found.is_empty() {
                let entries = || entries().map(|r| (r.commodity, &r.affect));
                out.write_all(b"\n")?;
                write_affect_table(out, graph, entries(), "commodity")?;
                write_chains(out, graph, entries())?;
                write_sources(
                    out,
                    graph,
                    entries().flat_map(|(_, a)| a.chain.iter().map(|step| step.edge)),
                )?;
            }
            out.write_all(shown.table_note("commodities").as_bytes())?;
        }
    }
    report.stderr.insert_str(0, &day.staleness(graph));
    report.stderr.push_str(&chosen(graph, &args.actor));
    Ok(report)
}

/// The JSON answer of `affected-by`, fields in the order JSON objects are written in.
#[derive(Serialize)]
struct AffectedByJson<'g, C> {
    actor: Value,
    commodities: C,
    query: Value,
    #[serde(flatten)]
    tail: Tail<Cited<'g>>,
}

/// Writes the actions dated after the day that reach the commodity, listed apart.
fn write_scheduled(
    out: &mut dyn Write,
    graph: &SanctionsGraph,
    scheduled: &[EdgeIndex],
    day: Date,
) -> io::Result<()> {
    if scheduled.is_empty() {
        return Ok(());
    }
    let mut table = Table::new(&["date", "from", "edge", "to", "instrument", "sources"])
        .limit("instrument", INSTRUMENT_WIDTH);
    for &index in scheduled {
        let edge = graph.edge_at(index);
        table.row(vec![
            edge.period(),
            edge.from().to_owned(),
            arrow(edge.kind(), true),
            edge.to().to_owned(),
            edge.instrument().unwrap_or_default().to_owned(),
            sources_text(edge),
        ]);
    }
    writeln!(out, "\nscheduled (dated after {day}, not counted above):")?;
    table.write(out, "  ")
}

/// Writes one CSV row per (who, target) of an `affects` or `affected-by` answer, as each
/// entry comes; a pledge with no target is one row with the target blank.
fn write_affect_rows<'a>(
    out: &mut dyn Write,
    graph: &SanctionsGraph,
    entries: impl Iterator<Item = (NodeIndex, NodeIndex, &'a Affect)>,
    (first, second): (&'static str, &'static str),
) -> io::Result<()> {
    let header = [
        first,
        second,
        "effect",
        "hops",
        "target",
        "standing",
        "certainty",
        "partial",
        "unverified",
        "decided_by",
        "instrument",
    ];
    let records = entries.flat_map(|(a, b, affect)| {
        let lead = [
            graph.node_id(a).to_owned(),
            graph.node_id(b).to_owned(),
            affect.effect.to_string(),
            affect.hops().to_string(),
        ];
        let pledge = affect.targets.is_empty().then(|| {
            let mut row = lead.to_vec();
            row.extend([String::new(), String::new()]);
            row.push(format!("{:?}", affect.certainty).to_lowercase());
            row.push(affect.partial.to_string());
            row.push(affect.unverified.to_string());
            row
        });
        let targets = affect.targets.iter().map(move |target| {
            let mut row = lead.to_vec();
            row.extend([
                graph.node_id(target.target).to_owned(),
                target.standing.to_string(),
                format!("{:?}", target.certainty).to_lowercase(),
                target.is_partial().to_string(),
                target.unverified.to_string(),
                query::actions::action_id(graph, target.action).unwrap_or_default(),
                graph
                    .edge_at(target.action)
                    .instrument()
                    .unwrap_or_default()
                    .to_owned(),
            ]);
            row
        });
        pledge.into_iter().chain(targets)
    });
    write_csv(out, &header, records)
}
