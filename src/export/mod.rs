//! Exports: the graph, or a selection of it, in formats other tools read.

pub mod dot;
pub mod escape;
pub mod file;
pub mod selection;

pub use dot::{to_dot, Clusters, DotOptions};
pub use file::{write_atomically, WriteError};
pub use selection::Selection;
