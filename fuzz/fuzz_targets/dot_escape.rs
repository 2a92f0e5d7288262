//! Fuzz target: any text quoted for DOT parses back, with a DOT parser, as the one label
//! Graphviz would show.

#![no_main]

use libfuzzer_sys::fuzz_target;
use sanctions_graph::export::escape::quoted;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let dot = format!("digraph {{ \"n0\" [label={}]; \"n0\" -> \"n1\" [label={}]; }}\n", quoted(text), quoted(text));
    let ast = dot_parser::ast::Graph::try_from(dot.as_str());
    assert!(ast.is_ok(), "{dot}");
    let canonical = dot_parser::canonical::Graph::from(ast.expect("parsed"));
    assert_eq!(canonical.nodes.set.len(), 2, "{dot}");
    assert_eq!(canonical.edges.set.len(), 1, "{dot}");
});
