//! Export stage: the graph written out in other formats.

pub mod ftm;
pub mod ron;
