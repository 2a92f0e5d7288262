//! The integration tests: one binary, one module per area.

mod support;

mod affects_props;
mod broken_inputs;
mod cli_basics;
mod compiled;
mod curated;
mod curated_facts;
mod diagnostics;
mod docs;
mod export;
mod ftm;
mod ftm_authorities;
mod ftm_hardening;
mod generate;
mod hardening;
mod query;
mod query_props;
mod quick_reader;
mod robustness;
mod semantics;
