//! The graph as N-Triples (W3C RDF 1.1 N-Triples): nodes, sources, actions and relations as
//! resources with stable IRIs made from ids, every action a resource of its own, dates
//! typed by their precision (`xsd:date`, `xsd:gYearMonth`, `xsd:gYear`). Written triple by
//! triple as the graph is walked. The vocabulary is in `docs/engines.md`.

use std::io::{self, Write};

use super::interchange::{camel, date_text, day_text, for_each_edge, kind_label, precision_name};
use crate::graph::{EdgeView, SanctionsGraph};
use crate::model::{Date, Precision, Source};

/// Where every IRI of the export starts: a URN, so that no web address is claimed.
pub const BASE: &str = "urn:sgraph:";
/// The vocabulary's namespace.
pub const VOCAB: &str = "urn:sgraph:vocab:";

const XSD: &str = "http://www.w3.org/2001/XMLSchema#";
const RDF_TYPE: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";
const RDFS_LABEL: &str = "http://www.w3.org/2000/01/rdf-schema#label";

/// How many triples an export wrote.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct NTriplesStats {
    /// Triples written.
    pub triples: u64,
}

/// Writes the graph as N-Triples: nodes (by id), sources (by id), then edges (see
/// [`super::interchange::for_each_edge`] for their order and keys).
///
/// # Errors
/// A write error of `out`.
pub fn write(graph: &SanctionsGraph, out: &mut dyn Write) -> io::Result<NTriplesStats> {
    let mut w = Triples { out, triples: 0 };
    for node in graph.nodes() {
        let subject = iri("node", node.id());
        w.iri(&subject, RDF_TYPE, &vocab("Node"))?;
        if node.kind().is_actor() {
            w.iri(&subject, RDF_TYPE, &vocab("Actor"))?;
        }
        w.iri(&subject, RDF_TYPE, &vocab(&kind_label(node.kind())))?;
        w.text(&subject, &vocab("id"), node.id())?;
        w.text(&subject, RDFS_LABEL, node.name())?;
        w.text(&subject, &vocab("kind"), node.kind().as_str())?;
        for alias in node.aliases() {
            w.text(&subject, &vocab("alias"), alias)?;
        }
        if let Some(country) = node.country() {
            w.iri(&subject, &vocab("country"), &iri("node", country))?;
        }
        for hs in node.hs() {
            w.text(&subject, &vocab("hs"), hs)?;
        }
        let texts = [
            ("iso", node.iso()),
            ("role", node.role()),
            ("registration", node.registration()),
            ("notes", node.notes()),
        ];
        for (name, value) in texts {
            if let Some(value) = value {
                w.text(&subject, &vocab(name), value)?;
            }
        }
    }
    for source in graph.sources() {
        source_triples(&mut w, &source)?;
    }
    for_each_edge(graph, |edge, key| edge_triples(&mut w, edge, key))?;
    w.out.flush()?;
    Ok(NTriplesStats { triples: w.triples })
}

fn source_triples(w: &mut Triples<'_>, source: &Source) -> io::Result<()> {
    let subject = iri("source", source.id.as_str());
    w.iri(&subject, RDF_TYPE, &vocab("Source"))?;
    w.text(&subject, &vocab("id"), source.id.as_str())?;
    w.text(&subject, &vocab("publisher"), &source.publisher)?;
    let texts = [
        ("title", &source.title),
        ("description", &source.description),
        ("identifier", &source.identifier),
        ("language", &source.language),
    ];
    for (name, value) in texts {
        if let Some(value) = value {
            w.text(&subject, &vocab(name), value)?;
        }
    }
    if let Some(url) = &source.url {
        w.typed(&subject, &vocab("url"), url, &format!("{XSD}anyURI"))?;
    }
    w.date(&subject, "date", source.date)
}

fn edge_triples(w: &mut Triples<'_>, edge: EdgeView<'_>, key: &str) -> io::Result<()> {
    let kind = edge.kind();
    let (from, to) = (iri("node", edge.from()), iri("node", edge.to()));
    let subject;
    match edge.action() {
        Some(action) => {
            subject = iri("action", key);
            w.iri(&subject, RDF_TYPE, &vocab("Action"))?;
            w.iri(&subject, RDF_TYPE, &vocab(&camel(action.as_str())))?;
            w.iri(&subject, &vocab("actor"), &from)?;
            w.iri(&subject, &vocab("target"), &to)?;
            w.text(&subject, &vocab("effect"), action.effect().as_str())?;
            w.date(&subject, "date", edge.date())?;
            for commodity in edge.concern_ids() {
                w.iri(&subject, &vocab("concerns"), &iri("node", commodity))?;
            }
            if let Some(instrument) = edge.instrument() {
                w.text(&subject, &vocab("instrument"), instrument)?;
            }
        }
        None => {
            // The plain triple, for property paths (`sg:part_of+`), and the relation as a
            // resource of its own, for its dates and sources.
            w.iri(&from, &vocab(kind.as_str()), &to)?;
            subject = iri("relation", key);
            w.iri(&subject, RDF_TYPE, &vocab("Relation"))?;
            w.iri(&subject, &vocab("subject"), &from)?;
            w.iri(&subject, &vocab("object"), &to)?;
            w.date(&subject, "since", edge.since())?;
        }
    }
    w.text(&subject, &vocab("kind"), kind.as_str())?;
    w.date(&subject, "until", edge.until())?;
    for source in edge.sources() {
        w.iri(&subject, &vocab("source"), &iri("source", source))?;
    }
    if edge.unverified() {
        w.typed(
            &subject,
            &vocab("unverified"),
            "true",
            &format!("{XSD}boolean"),
        )?;
    }
    if let Some(notes) = edge.notes() {
        w.text(&subject, &vocab("notes"), notes)?;
    }
    Ok(())
}

/// Triples being written, counted.
struct Triples<'a> {
    out: &'a mut dyn Write,
    triples: u64,
}

impl Triples<'_> {
    /// `<subject> <predicate> <object> .`; the IRIs are ours, already safe.
    fn iri(&mut self, subject: &str, predicate: &str, object: &str) -> io::Result<()> {
        self.triples += 1;
        writeln!(self.out, "<{subject}> <{predicate}> <{object}> .")
    }

    /// A plain string literal.
    fn text(&mut self, subject: &str, predicate: &str, value: &str) -> io::Result<()> {
        self.triples += 1;
        write!(self.out, "<{subject}> <{predicate}> ")?;
        write_literal(&mut self.out, value)?;
        self.out.write_all(b" .\n")
    }

    /// A literal with a datatype.
    fn typed(
        &mut self,
        subject: &str,
        predicate: &str,
        value: &str,
        datatype: &str,
    ) -> io::Result<()> {
        self.triples += 1;
        write!(self.out, "<{subject}> <{predicate}> ")?;
        write_literal(&mut self.out, value)?;
        writeln!(self.out, "^^<{datatype}> .")
    }

    /// A date as `NAME` typed by its precision, `NAMEPrecision`, and its first and last
    /// day as `NAMEStart` and `NAMEEnd` (`xsd:date`), so that "as of" is a range filter.
    fn date(&mut self, subject: &str, name: &str, date: Option<Date>) -> io::Result<()> {
        let Some(date) = date else {
            return Ok(());
        };
        let datatype = match date.precision() {
            Precision::Day => "date",
            Precision::Month => "gYearMonth",
            Precision::Year => "gYear",
        };
        let xsd_date = format!("{XSD}date");
        self.typed(
            subject,
            &vocab(name),
            &date_text(date),
            &format!("{XSD}{datatype}"),
        )?;
        let precision = precision_name(date.precision());
        self.text(subject, &vocab(&format!("{name}Precision")), precision)?;
        self.typed(
            subject,
            &vocab(&format!("{name}Start")),
            &day_text(date.first_day()),
            &xsd_date,
        )?;
        self.typed(
            subject,
            &vocab(&format!("{name}End")),
            &day_text(date.last_day()),
            &xsd_date,
        )
    }
}

fn vocab(name: &str) -> String {
    format!("{VOCAB}{name}")
}

/// The IRI of a resource: `urn:sgraph:KIND:KEY`, with every byte of the key outside
/// `A-Z a-z 0-9 - . _ ~ /` percent-encoded, so that any id gives a valid IRI.
pub fn iri(kind: &str, key: &str) -> String {
    let mut out = String::with_capacity(BASE.len() + kind.len() + key.len() + 1);
    out.push_str(BASE);
    out.push_str(kind);
    out.push(':');
    for byte in key.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~/".contains(&byte) {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// Writes a string literal per the N-Triples grammar (`STRING_LITERAL_QUOTE`): `"` and
/// `\` escaped, line breaks and tabs as `\n`, `\r`, `\t`, every other control character
/// (C0, DEL, C1) as `\uXXXX`; the rest as UTF-8.
///
/// # Errors
/// A write error of `out`.
pub fn write_literal(out: &mut impl Write, text: &str) -> io::Result<()> {
    out.write_all(b"\"")?;
    let mut plain = 0;
    for (at, c) in text.char_indices() {
        let escape: Option<&str> = match c {
            '"' => Some("\\\""),
            '\\' => Some("\\\\"),
            '\n' => Some("\\n"),
            '\r' => Some("\\r"),
            '\t' => Some("\\t"),
            _ => None,
        };
        if escape.is_none() && !c.is_control() {
            continue;
        }
        out.write_all(&text.as_bytes()[plain..at])?;
        match escape {
            Some(escape) => out.write_all(escape.as_bytes())?,
            None => write!(out, "\\u{:04X}", u32::from(c))?,
        }
        plain = at + c.len_utf8();
    }
    out.write_all(&text.as_bytes()[plain..])?;
    out.write_all(b"\"")
}
