//! Fuzz target: loading and validating arbitrary text as a RON graph file never panics, and
//! every problem it reports points inside the text, at character boundaries.

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Err(failed) = sanctions_graph::load_str("fuzz.ron", text) {
        for diagnostic in &failed.diagnostics {
            if let Some(label) = &diagnostic.primary {
                let range = &label.span.range;
                assert!(range.start <= range.end && range.end <= text.len());
                assert!(text.is_char_boundary(range.start) && text.is_char_boundary(range.end));
            }
        }
    }
});
