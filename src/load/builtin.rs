//! The curated graph that ships inside the binary, embedded from `graphs/` at build time.

use crate::source::SourceMap;

include!(concat!(env!("OUT_DIR"), "/builtin_graphs.rs"));

/// The built-in graph files as a source map; their names start with `builtin:`.
pub fn source_map() -> SourceMap {
    let mut map = SourceMap::default();
    for (name, text) in FILES {
        map.add(*name, *text);
    }
    map
}
