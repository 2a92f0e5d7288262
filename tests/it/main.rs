//! The integration tests: one binary, one module per area.

mod support;

mod cli_basics;
mod compiled;
mod curated;
mod diagnostics;
mod docs;
mod generate;
mod query;
mod query_props;
mod robustness;
