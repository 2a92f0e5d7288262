//! The checks of an edge: its references resolved to positions, the kinds of nodes at
//! its ends, its dates and sources, on either of the two threads that share a batch.

use std::borrow::Cow;

use std::sync::Arc;

use super::{kinds_in_words, Checked, Checker, Findings, ValidateError};
use crate::graph::EdgeParts;
use crate::load::file::{ActionDef, EdgeDef, RelationDef};
use crate::load::{Item, Pending};
use crate::model::{EdgeKind, NodeKind};
use crate::source::{FileSpan, SourceMap};

impl<'m, 'p, 't> Checker<'m, 'p, 't> {
    /// The kind and position of a node defined so far.
    pub(super) fn known_node(&self, id: &str) -> Option<(NodeKind, u32)> {
        let position = self.ids.get(id)?;
        Some((self.known[position as usize].0, position))
    }

    /// Checks that `id` names a node of one of `kinds` and returns its position; reports
    /// (at `span`) and returns `None` if not.
    pub(super) fn reference(
        &self,
        out: &mut Findings<'m>,
        id: &str,
        span: impl FnOnce() -> FileSpan,
        field: &'static str,
        kinds: &[NodeKind],
    ) -> Option<u32> {
        match self.known_node(id) {
            None => {
                self.unknown_node(out, id, span);
                None
            }
            Some((found, _)) if !kinds.contains(&found) => {
                out.error(
                    ValidateError::WrongReferenceKind {
                        field,
                        id: id.to_owned(),
                        found,
                        expected: kinds_in_words(kinds),
                    },
                    span(),
                    &format!("a {found}"),
                );
                None
            }
            Some((_, position)) => Some(position),
        }
    }

    pub(super) fn unknown_node(
        &self,
        out: &mut Findings<'m>,
        id: &str,
        span: impl FnOnce() -> FileSpan,
    ) {
        if self.unparsed.contains(id) {
            return;
        }
        // The "did you mean" is found later, for all unknown ids at once: see
        // `suggest_known`.
        out.error(
            ValidateError::UnknownNode { id: id.to_owned() },
            span(),
            "not defined in any loaded file",
        );
    }

    /// Checks one end of an edge and returns the node's shared id.
    pub(super) fn end(
        &self,
        out: &mut Findings<'m>,
        kind: EdgeKind,
        id: &str,
        span: impl FnOnce() -> FileSpan,
        outgoing: bool,
    ) -> Option<u32> {
        let Some((found, position)) = self.known_node(id) else {
            self.unknown_node(out, id, span);
            return None;
        };
        let (from, to) = kind.endpoints();
        let allowed = if outgoing { from } else { to };
        if allowed.contains(&found) {
            return Some(position);
        }
        let end = if outgoing { "come from" } else { "go to" };
        out.error(
            ValidateError::KindNotAllowed {
                kind,
                end,
                id: id.to_owned(),
                found,
                allowed: kinds_in_words(allowed),
            },
            span(),
            &format!("a {found}"),
        );
        None
    }

    /// Parses and checks a batch of edges, on two threads when it is long enough to be
    /// worth one.
    pub(super) fn edges(
        &self,
        map: &'m SourceMap,
        file_names: &'m [Arc<str>],
        items: &[Pending],
    ) -> Vec<Checked<'m>> {
        let check = |base: usize, items: &[Pending]| {
            let mut out = Findings::new(file_names);
            let mut checked = Checked::default();
            for (at, pending) in items.iter().enumerate() {
                let Some(item) = crate::load::parse_edge(map, pending, &mut out.problems) else {
                    continue;
                };
                if let Some(parts) = self.edge(&mut out, &item) {
                    checked.lists.extend_from_slice(&out.cited);
                    let cited_end = checked.lists.len() as u32;
                    checked.lists.extend_from_slice(&out.named);
                    let named_end = checked.lists.len() as u32;
                    checked.edges.push((base + at, parts, cited_end, named_end));
                }
            }
            checked.problems = out.problems;
            checked.action_ids = out.action_ids;
            checked
        };
        if items.len() < 1024 {
            return vec![check(0, items)];
        }
        let (first, second) = items.split_at(items.len() / 2);
        std::thread::scope(|scope| {
            let worker = scope.spawn(|| check(first.len(), second));
            let mine = check(0, first);
            let theirs = worker
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            vec![mine, theirs]
        })
    }

    /// Checks an edge; when it is valid, returns it with its ends resolved, and leaves the
    /// positions of what it cites and names in `cited` and `named`.
    pub(super) fn edge(
        &self,
        out: &mut Findings<'m>,
        item: &Item<'m, EdgeDef<'m>>,
    ) -> Option<EdgeParts<'m>> {
        match &item.def {
            EdgeDef::Action(def) => self.action(out, item, def),
            EdgeDef::Relation(def) => self.relation(out, item, def),
        }
    }

    /// Checks what actions and relations share: both ends, no self-loop, the sources.
    /// Returns the ends' positions and leaves the sources' in `cited`.
    pub(super) fn common(
        &self,
        out: &mut Findings<'m>,
        item: &Item<'t, EdgeDef<'t>>,
        kind: EdgeKind,
        from: &str,
        to: &str,
        sources: &[Cow<'_, str>],
    ) -> Option<(u32, u32)> {
        let from_at = self.end(out, kind, from, || item.field_span("from"), true);
        let to_at = self.end(out, kind, to, || item.field_span("to"), false);
        let mut ok = from_at.is_some() && to_at.is_some();
        if ok && from == to {
            out.error(
                ValidateError::SelfLoop {
                    kind,
                    id: from.to_owned(),
                },
                item.field_span("to"),
                "same as `from`",
            );
            ok = false;
        }
        out.cited.clear();
        for (i, source) in sources.iter().enumerate() {
            if let Some(at) = self.source_ids.get(source) {
                out.cited.push(at);
            } else if self.unparsed.contains(&**source) {
                ok = false;
            } else {
                out.error(
                    ValidateError::UnknownSource {
                        id: source.to_string(),
                    },
                    item.list_item_span("sources", i),
                    "not defined in any loaded file",
                );
                ok = false;
            }
        }
        match (from_at, to_at, ok) {
            (Some(from), Some(to), true) => Some((from, to)),
            _ => None,
        }
    }

    pub(super) fn action(
        &self,
        out: &mut Findings<'m>,
        item: &Item<'m, EdgeDef<'m>>,
        def: &ActionDef<'m>,
    ) -> Option<EdgeParts<'m>> {
        let kind = EdgeKind::Action(def.kind);
        let ends = self.common(out, item, kind, &def.from, &def.to, &def.sources);
        // A slug has no `/`, so an explicit id never reads as a derived one.
        let id_ok = def
            .id
            .as_ref()
            .is_none_or(|id| out.check_id(id, || item.field_span("id")));
        let date = out.date(&def.date, || item.field_span("date"));
        if def.sources.is_empty() {
            out.error(
                ValidateError::MissingSource { kind },
                item.field_span("sources"),
                "no source",
            )
            .help =
                Some("add `sources: [\"source-id\"]`, naming a source defined in `sources`".into());
        }
        out.named.clear();
        let mut named_all = true;
        for (i, commodity) in def.concerns.iter().enumerate() {
            let span = || item.list_item_span("concerns", i);
            match self.reference(out, commodity, span, "concerns", &[NodeKind::Commodity]) {
                Some(at) => out.named.push(at),
                None => named_all = false,
            }
        }
        let until = match &def.until {
            Some(text) => Some(out.date(text, || item.field_span("until"))?),
            None => None,
        };
        let ends = ends?;
        let date = date?;
        if let Some(until) = until {
            if until.last_day() < date.first_day() {
                out.error(
                    ValidateError::ActionEndsBeforeDate { date, until },
                    item.field_span("until"),
                    "before the action's date",
                );
                return None;
            }
        }
        out.future(date, "date", || item.field_span("date"));
        if !named_all || def.sources.is_empty() || !id_ok {
            return None;
        }
        if let Some(id) = &def.id {
            out.action_ids.push((id.to_string(), item.field_span("id")));
        }
        Some(EdgeParts {
            date: Some(date),
            until,
            instrument: def.instrument.clone(),
            unverified: def.unverified,
            notes: def.notes.clone(),
            id: def.id.clone(),
            ..out.parts(item, kind, ends)
        })
    }

    pub(super) fn relation(
        &self,
        out: &mut Findings<'m>,
        item: &Item<'m, EdgeDef<'m>>,
        def: &RelationDef<'m>,
    ) -> Option<EdgeParts<'m>> {
        let kind = EdgeKind::Relation(def.kind);
        let ends = self.common(out, item, kind, &def.from, &def.to, &def.sources);
        out.named.clear();
        let since = def
            .since
            .as_ref()
            .map(|text| out.date(text, || item.field_span("since")));
        let until = def
            .until
            .as_ref()
            .map(|text| out.date(text, || item.field_span("until")));
        let (since, until) = (since.unwrap_or(None), until.unwrap_or(None));
        if let (Some(since), Some(until)) = (since, until) {
            if until.last_day() < since.first_day() {
                out.error(
                    ValidateError::EndsBeforeStart { since, until },
                    item.field_span("until"),
                    "before `since`",
                );
                return None;
            }
        }
        if let Some(since) = since {
            out.future(since, "since", || item.field_span("since"));
        }
        let ends = ends?;
        let dates_ok =
            def.since.is_some() == since.is_some() && def.until.is_some() == until.is_some();
        if !dates_ok {
            return None;
        }
        Some(EdgeParts {
            date: since,
            until,
            unverified: def.unverified,
            notes: def.notes.clone(),
            ..out.parts(item, kind, ends)
        })
    }
}
