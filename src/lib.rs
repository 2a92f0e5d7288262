#![doc = include_str!("../README.md")]
#![deny(missing_docs)]

pub mod atomic;
pub mod compiled;
pub mod diagnostic;
pub mod export;
pub mod ftm;
pub mod generate;
pub mod graph;
pub mod index_map;
pub mod load;
pub mod model;
pub mod pipeline;
pub mod query;
pub mod source;
pub mod suggest;
pub mod validate;

pub use diagnostic::{Diagnostic, Severity};
pub use graph::SanctionsGraph;
pub use load::Input;
pub use pipeline::{
    build, build_with_progress, load, load_builtin, load_ftm, load_ftm_with, load_str, Failed,
    Loaded,
};
pub use source::SourceMap;
