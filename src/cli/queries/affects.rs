//! `affects` and `affected-by`: who reaches a commodity, and what an actor reaches, with
//! the explaining chains, the net effects and (with `--without`) what differs.

use petgraph::graph::{EdgeIndex, NodeIndex};
use sanctions_graph::model::{Date, NodeKind};
use sanctions_graph::query::{self, Affect};
use sanctions_graph::{Loaded, SanctionsGraph};
use serde_json::json;

use super::*;
use crate::cli::args::{AffectedByArgs, AffectsArgs, Format};
use crate::cli::commands::json_text;
use crate::cli::rows::Rows;
use crate::cli::table::{headline, Table};
use crate::cli::without;

/// `sgraph affects COMMODITY [--as-of DATE]`.
pub fn affects(loaded: &Loaded, args: &AffectsArgs, format: Format) -> Report {
    let graph = &loaded.graph;
    let commodity = match resolve(graph, &args.commodity) {
        Ok(index) => index,
        Err(report) => return report,
    };
    if graph.node_at(commodity).kind() != NodeKind::Commodity {
        return not_a(graph, commodity, NodeKind::Commodity);
    }
    let day = Day::of(args.as_of.or(args.between.map(|(_, end)| end)));
    let when = period_or_day(args.between, day.date);
    let left = match without::left_out(graph, &args.without) {
        Ok(left) => left,
        Err(report) => return report,
    };
    let found = query::affects_without(graph, commodity, when, |edge| left.contains(&edge));
    let real = (!left.is_empty()).then(|| query::affects(graph, commodity, when));
    let scheduled = if day.today && args.between.is_none() {
        query::scheduled(graph, commodity, day.date)
    } else {
        Vec::new()
    };
    let node = graph.node_at(commodity);
    let stdout = match format {
        Format::Json => json_text(&json!({
            "query": day.query_json(json!({ "command": "affects", "commodity": node.id(), "between": between_json(args.between), "without": args.without }), graph),
            "commodity": node_json(&node.to_node()),
            "without": real.as_ref().map(|real| without::differences_json(graph, commodity, real, &found, &left)),
            "actors": found.iter().map(|affect| affect_json(graph, affect, node_json(&graph.node_at(affect.actor).to_node()), "actor")).collect::<Vec<_>>(),
            "scheduled": scheduled.iter().map(|&edge| edge_json(&graph.edge_at(edge).to_edge())).collect::<Vec<_>>(),
            "sources": cited_edges(graph, found.iter().flat_map(|a| a.chain.iter()).map(|step| graph.edge_at(step.edge)).chain(scheduled.iter().map(|&edge| graph.edge_at(edge)))),
        })),
        Format::Csv => affect_rows(
            graph,
            found.iter().map(|a| (commodity, a.actor, a)),
            ("commodity", "actor"),
        )
        .csv(),
        Format::Table => {
            let mut out = headline(&format!(
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
            ));
            if let Some(real) = &real {
                out.push_str(&without::differences_table(
                    graph, commodity, real, &found, &left,
                ));
            }
            if !found.is_empty() {
                out.push('\n');
                out.push_str(&affect_table(
                    graph,
                    found.iter().map(|a| (a.actor, a)),
                    "actor",
                ));
                out.push_str(&chains(graph, found.iter().map(|a| (a.actor, a))));
            }
            out.push_str(&scheduled_table(graph, &scheduled, day.date));
            out.push_str(&sources_list(
                graph,
                found
                    .iter()
                    .flat_map(|a| a.chain.iter().map(|step| step.edge))
                    .chain(scheduled.iter().copied()),
            ));
            out
        }
    };
    let mut report = answer(stdout, !found.is_empty());
    report.stderr = day.staleness(graph);
    report.stderr.push_str(&chosen(graph, &args.commodity));
    report
}

/// `sgraph affected-by ACTOR [--as-of DATE]`.
pub fn affected_by(loaded: &Loaded, args: &AffectedByArgs, format: Format) -> Report {
    let graph = &loaded.graph;
    let actor = match resolve(graph, &args.actor) {
        Ok(index) => index,
        Err(report) => return report,
    };
    let day = Day::of(args.as_of.or(args.between.map(|(_, end)| end)));
    let found = query::affected_by(graph, actor, period_or_day(args.between, day.date));
    let node = graph.node_at(actor);
    let when = period_text(args.between, &day);
    let stdout = match format {
        Format::Json => json_text(&json!({
            "query": day.query_json(json!({ "command": "affected-by", "actor": node.id(), "between": between_json(args.between) }), graph),
            "actor": node_json(&node.to_node()),
            "commodities": found.iter().map(|reach| affect_json(graph, &reach.affect, node_json(&graph.node_at(reach.commodity).to_node()), "commodity")).collect::<Vec<_>>(),
            "sources": cited(graph, found.iter().flat_map(|r| r.affect.chain.iter())),
        })),
        Format::Csv => affect_rows(
            graph,
            found.iter().map(|r| (actor, r.commodity, &r.affect)),
            ("actor", "commodity"),
        )
        .csv(),
        Format::Table => {
            let mut out = headline(&format!(
                "{} ({}) {when}: reaches {}\n",
                node.id(),
                node.name(),
                count(found.len(), "commodity", "commodities")
            ));
            if !found.is_empty() {
                let entries = || found.iter().map(|r| (r.commodity, &r.affect));
                out.push('\n');
                out.push_str(&affect_table(graph, entries(), "commodity"));
                out.push_str(&chains(graph, entries()));
                out.push_str(&sources_list(
                    graph,
                    entries().flat_map(|(_, a)| a.chain.iter().map(|step| step.edge)),
                ));
            }
            out
        }
    };
    let mut report = answer(stdout, !found.is_empty());
    report.stderr = day.staleness(graph);
    report.stderr.push_str(&chosen(graph, &args.actor));
    report
}

/// The actions dated after the day that reach the commodity, listed apart.
fn scheduled_table(graph: &SanctionsGraph, scheduled: &[EdgeIndex], day: Date) -> String {
    if scheduled.is_empty() {
        return String::new();
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
    format!(
        "\nscheduled (dated after {day}, not counted above):\n{}",
        indent(&table.render())
    )
}

/// One CSV row per (who, target) of an `affects` or `affected-by` answer; a pledge with no
/// target is one row with the target blank.
fn affect_rows<'a>(
    graph: &SanctionsGraph,
    entries: impl Iterator<Item = (NodeIndex, NodeIndex, &'a Affect)>,
    (first, second): (&'static str, &'static str),
) -> Rows {
    let mut rows = Rows::new(&[
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
    ]);
    for (a, b, affect) in entries {
        let lead = vec![
            graph.node_id(a).to_owned(),
            graph.node_id(b).to_owned(),
            affect.effect.to_string(),
            affect.hops().to_string(),
        ];
        if affect.targets.is_empty() {
            let mut row = lead;
            row.extend([String::new(), String::new()]);
            row.push(format!("{:?}", affect.certainty).to_lowercase());
            row.push(affect.partial.to_string());
            row.push(affect.unverified.to_string());
            rows.push(row);
            continue;
        }
        for target in &affect.targets {
            let mut row = lead.clone();
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
            rows.push(row);
        }
    }
    rows
}
