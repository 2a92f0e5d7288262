//! The integration tests: one binary, one module per area.

mod support;

mod action_ids;
mod affects_props;
mod blowups;
mod broken_inputs;
mod cli_basics;
mod compiled;
mod counting;
mod curated;
mod curated_facts;
mod diagnostics;
mod diff_props;
mod docs;
mod engines;
mod export;
mod ftm;
mod ftm_authorities;
mod ftm_hardening;
mod ftm_roundtrip;
mod ftm_rules;
mod generate;
mod growth;
mod hardening;
mod html;
mod interchange;
mod layers;
mod limits;
mod listings;
mod progress;
mod query;
mod query_props;
mod quick_reader;
mod robustness;
mod semantics;
mod widths;
