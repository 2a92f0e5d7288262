//! FollowTheMoney lines shaped like OpenSanctions data, generated: persons and companies with
//! the properties OpenSanctions writes, a sanction for each person (cited through a
//! referent), ownerships between companies. The import's benchmark, its memory test and
//! `examples/ftm_lines.rs` (the large file of `docs/performance.md`) share them.

use std::io::{self, Write};

/// Writes `groups` groups of four lines (a person, a company, a sanction, an ownership).
///
/// # Errors
/// A write error of `out`.
pub fn write_lines(out: &mut impl Write, groups: usize) -> io::Result<()> {
    for i in 0..groups {
        writeln!(
            out,
            r#"{{"id": "NK-p{i}", "schema": "Person", "caption": "Person Number {i}", "properties": {{"name": ["Person Number {i}"], "alias": ["P. Number {i}", "Персона {i}"], "birthDate": ["19{:02}-0{}-1{}"], "nationality": ["ru"], "position": ["Director of Company {i}"], "topics": ["sanction"], "notes": ["Generated person {i} for the benchmark."]}}, "datasets": ["us_ofac_sdn", "eu_fsf"], "referents": ["ofac-{i}"], "target": true, "first_seen": "2022-03-01T00:00:00", "last_seen": "2025-11-01T00:00:00"}}"#,
            i % 100,
            1 + i % 9,
            i % 10
        )?;
        writeln!(
            out,
            r#"{{"id": "NK-c{i}", "schema": "Company", "caption": "Company {i} LLC", "properties": {{"name": ["Company {i} LLC"], "jurisdiction": ["by"], "registrationNumber": ["{i:09}"], "address": ["Street {i}, Minsk"], "topics": ["sanction"]}}, "datasets": ["us_ofac_sdn"], "target": true, "first_seen": "2021-08-09T00:00:00"}}"#
        )?;
        writeln!(
            out,
            r#"{{"id": "ofac-s{i}", "schema": "Sanction", "properties": {{"entity": ["ofac-{i}"], "authority": ["Office of Foreign Assets Control"], "program": ["BELARUS-EO14038"], "listingDate": ["2021-08-09"], "provisions": ["Block"], "sourceUrl": ["https://ofac.treasury.gov/recent-actions/{}"]}}, "datasets": ["us_ofac_sdn"]}}"#,
            i % 50
        )?;
        writeln!(
            out,
            r#"{{"id": "own-{i}", "schema": "Ownership", "properties": {{"owner": ["NK-c{i}"], "asset": ["NK-c{}"], "percentage": ["51"], "startDate": ["2015"]}}, "datasets": ["us_ofac_sdn"]}}"#,
            (i + 1) % groups
        )?;
    }
    Ok(())
}

/// The lines of `groups` groups as one text.
pub fn lines(groups: usize) -> String {
    let mut out = Vec::new();
    write_lines(&mut out, groups).expect("a Vec takes every write");
    String::from_utf8(out).expect("the lines are UTF-8")
}
