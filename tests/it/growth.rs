//! Memory growth of the queries on deep hierarchies: a body chain of depth H must cost
//! memory in proportion to the answer (H actors, each with a chain of up to H steps), not
//! H³ (every reached actor keeping the full chain to each of its ancestors).
//!
//! Bytes are counted by the test binary's allocator, per thread, so that other tests
//! running at the same time do not count.

use proptest::prelude::*;
use sanctions_graph::query::{affected_by, affects, When};

use crate::counting::peak_bytes;

/// A commodity produced by a company sanctioned by `b0`, the lowest of `depth` bodies,
/// each `part_of` the next.
fn body_chain(depth: usize) -> String {
    let mut text = String::from(
        "Graph(nodes: [Commodity(id: \"potash\", name: \"Potash\"), Company(id: \"co\", name: \"Co\"),\n",
    );
    for i in 0..depth {
        text.push_str(&format!("Body(id: \"b{i}\", name: \"B{i}\"),\n"));
    }
    text.push_str(
        "], edges: [Relation(kind: Produces, from: \"co\", to: \"potash\", sources: [\"s\"]),\n",
    );
    for i in 1..depth {
        let below = i - 1;
        text.push_str(&format!(
            "Relation(kind: PartOf, from: \"b{below}\", to: \"b{i}\", sources: [\"s\"]),\n"
        ));
    }
    text.push_str(
        "Action(kind: Sanction, from: \"b0\", to: \"co\", date: \"2021-01-01\", sources: [\"s\"]),\n\
         ], sources: [Source(id: \"s\", publisher: \"p\", title: \"t\", url: \"https://example.org\")])",
    );
    text
}

/// `affects` on the chain of `depth`: the peak bytes it used and the steps of its answer.
fn affects_on_chain(depth: usize) -> (usize, usize) {
    let graph = sanctions_graph::load_str("chain.ron", &body_chain(depth))
        .expect("the chain is valid")
        .graph;
    let potash = graph.index_of("potash").expect("potash is in the chain");
    let when = When::AsOf("2022-01-01".parse().expect("a date"));
    let (found, peak) = peak_bytes(|| affects(&graph, potash, when));
    assert_eq!(found.len(), depth, "every body of the chain affects potash");
    let steps = found.iter().map(|affect| affect.chain.len()).sum();
    (peak, steps)
}

#[test]
fn affects_on_a_long_body_chain_answers_every_body_in_linear_memory_per_step() {
    let (peak, steps) = affects_on_chain(1500);
    // 1,500 actors whose chains hold ~1.1 million steps in all: the answer itself. The
    // old search kept every ancestor's chain for every actor: ~1.7 billion steps.
    assert_eq!(steps, (2..1502).sum::<usize>());
    assert!(
        peak < steps * 200,
        "peak {peak} bytes for an answer of {steps} steps"
    );
}

#[test]
fn affected_by_the_top_of_a_long_body_chain_reaches_the_commodity() {
    let depth = 1500;
    let graph = sanctions_graph::load_str("chain.ron", &body_chain(depth))
        .expect("the chain is valid")
        .graph;
    let top = graph
        .index_of(&format!("b{}", depth - 1))
        .expect("the top body");
    let when = When::AsOf("2022-01-01".parse().expect("a date"));
    let (reached, peak) = peak_bytes(|| affected_by(&graph, top, when));
    assert_eq!(reached.len(), 1);
    assert_eq!(reached[0].affect.chain.len(), depth + 1);
    assert!(peak < 64 << 20, "peak {peak} bytes");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(6))]

    /// Doubling the depth at most quadruples the memory (the answer is quadratic in the
    /// depth); a cubic search would grow eightfold.
    #[test]
    fn memory_of_affects_grows_at_most_with_the_answer(depth in 60usize..300) {
        let (small, small_steps) = affects_on_chain(depth);
        let (large, large_steps) = affects_on_chain(2 * depth);
        let answer_growth = large_steps as f64 / small_steps as f64;
        let memory_growth = large as f64 / small as f64;
        prop_assert!(
            memory_growth < answer_growth * 1.5,
            "depth {depth}: memory grew {memory_growth:.2}x for an answer {answer_growth:.2}x larger"
        );
    }
}
