//! FollowTheMoney (FtM), the JSON-lines format OpenSanctions publishes, in both directions:
//! [`import()`] reads entities into our nodes, edges and sources, [`write()`] writes a graph as
//! entities, and both go through one mapping of schemata (`schemata`). The mapping, and
//! what each direction keeps, is in `docs/ftm.md`.
//!
//! The module sits just above the load stage: it reads inputs the way the loader names
//! them ([`Input`](crate::load::Input)) and hands back domain values already valid, and it
//! writes from a built graph, so it needs nothing of validate, query or export.

mod authorities;
mod countries;
mod error;
mod export;
mod ids;
mod import;
mod line;
mod mapping;
mod read;
mod rules;
mod schemata;

pub use authorities::{Authorities, Authority, TableError};
pub use error::FtmError;
pub use export::{write, ExportStats};
pub use import::{
    import, import_with, is_ftm_path, open, FtmOptions, ImportStats, Imported, Opened, Progress,
};
pub use mapping::{parse_date, UNKNOWN_AUTHORITY};
pub use read::MAX_LINE_BYTES;
pub use rules::{Matches, Rule, RuleCommodity, Rules, RulesError};
pub use schemata::{node_kind, RELATIONS};
