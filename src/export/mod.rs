//! Export stage: the graph, or a selection of it, written out in formats other tools read.

pub mod csv;
pub mod dir;
pub mod dot;
pub mod escape;
pub mod html;
pub mod interchange;
pub mod json_edges;
pub mod ntriples;
pub mod opencypher;
pub mod ron;
pub mod selection;

pub use crate::atomic::{
    write_all_atomically, write_atomically, write_atomically_with, WriteError,
};
pub use dot::{to_dot, write_dot, Clusters, DotOptions};
pub use selection::Selection;
