//! Fuzz target: opening arbitrary bytes as a compiled graph never panics; what opens
//! answers the queries that read every column without panicking either.

#![no_main]

use libfuzzer_sys::fuzz_target;
use sanctions_graph::query::{affects, When};

fuzz_target!(|data: &[u8]| {
    if let Ok(graph) = sanctions_graph::compiled::decode(data) {
        let graph = &graph;
        for node in graph.node_indices() {
            let _ = affects(graph, node, When::Always);
        }
    }
});
