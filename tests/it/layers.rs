//! The library's layering, enforced: every `crate::` path in `src/` (outside unit tests and
//! comments) must point at a module on a lower floor than the file's own, so data flows one
//! way and no import cycle can form between the top-level modules. `docs/ARCHITECTURE.md`
//! draws the same order.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// The library's top-level modules, lowest floor first. A module may use only modules on
/// lower floors (and itself); modules on one floor may not use each other.
const FLOORS: &[&[&str]] = &[
    &["source", "atomic", "suggest", "index_map"],
    &["diagnostic"],
    &["model"],
    &["graph"],
    &["load"],
    &["validate", "ftm"],
    &["compiled"],
    &["query"],
    &["export"],
    &["generate"],
    &["pipeline"],
];

/// The floor of a top-level module.
fn floor_of(module: &str) -> Option<usize> {
    FLOORS.iter().position(|floor| floor.contains(&module))
}

/// One `crate::` path found in a file: the line and the top-level module it names.
#[derive(Debug)]
struct Reference {
    line: usize,
    module: String,
}

/// The `crate::NAME` paths of a file's code, before its unit tests (`#[cfg(test)]` at the
/// start of a line) and outside comments. `use crate::{a, b::c}` names `a` and `b`.
fn references(text: &str) -> Vec<Reference> {
    let mut found = Vec::new();
    for (index, line) in text.lines().enumerate() {
        let code = line.trim_start();
        if code.starts_with("#[cfg(test)]") {
            break;
        }
        if code.starts_with("//") {
            continue;
        }
        let code = code.split(" //").next().unwrap_or(code);
        let mut rest = code;
        while let Some(at) = rest.find("crate::") {
            let before = rest[..at].chars().next_back();
            rest = &rest[at + "crate::".len()..];
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
                continue; // `sanctions_graph::`-like paths end in `crate` only by accident
            }
            if let Some(group) = rest.strip_prefix('{') {
                // A group may span lines: read on until its closing brace.
                let whole: String = std::iter::once(group)
                    .chain(text.lines().skip(index + 1))
                    .collect::<Vec<_>>()
                    .join("\n");
                let group = &whole[..whole.find("};").unwrap_or(whole.len())];
                for module in top_names_of_group(group) {
                    found.push(Reference {
                        line: index + 1,
                        module,
                    });
                }
                continue;
            }
            let name: String = rest
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            found.push(Reference {
                line: index + 1,
                module: name,
            });
        }
    }
    found
}

/// The first path segment of each item of a `use` group (`a, b::{c, d}, e` gives a, b, e).
fn top_names_of_group(group: &str) -> Vec<String> {
    let mut names = Vec::new();
    let mut depth = 0;
    let mut item = String::new();
    for c in group.chars().chain(std::iter::once(',')) {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                let name: String = item
                    .trim()
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect();
                if !name.is_empty() {
                    names.push(name);
                }
                item.clear();
                continue;
            }
            _ => {}
        }
        if depth == 0 {
            item.push(c);
        }
    }
    names
}

/// Every `.rs` file under `dir`, sorted.
fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut stack = vec![dir.to_owned()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("src/ is readable") {
            let path = entry.expect("an entry").path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|ext| ext == "rs") {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

/// The problems of one library file: each `crate::` path against the layer order.
fn violations_in(module: &str, file: &str, text: &str) -> Vec<String> {
    let Some(own) = floor_of(module) else {
        return vec![format!(
            "{file}: top-level module `{module}` is on no floor of tests/it/layers.rs"
        )];
    };
    let mut problems = Vec::new();
    for reference in references(text) {
        if reference.module == module || reference.module == "self" {
            continue;
        }
        match floor_of(&reference.module) {
            None => problems.push(format!(
                "{file}:{}: `crate::{}` is not a module path; name the module that owns it",
                reference.line, reference.module
            )),
            Some(floor) if floor >= own => problems.push(format!(
                "{file}:{}: `{module}` uses `crate::{}`, which is on {} floor",
                reference.line,
                reference.module,
                if floor == own { "the same" } else { "a higher" }
            )),
            Some(_) => {}
        }
    }
    problems
}

/// Every violation in the library's sources (`src/` without the binary's `main.rs` and
/// `cli/`, which use the library by its name).
fn violations(src: &Path) -> Vec<String> {
    let mut problems = Vec::new();
    for path in rust_files(src) {
        let relative = path.strip_prefix(src).expect("under src");
        let top = relative
            .components()
            .next()
            .and_then(|c| c.as_os_str().to_str())
            .unwrap_or_default();
        let module = top.strip_suffix(".rs").unwrap_or(top);
        if matches!(module, "lib" | "main" | "cli") {
            continue;
        }
        let text = std::fs::read_to_string(&path).expect("a source file");
        problems.extend(violations_in(
            module,
            &relative.display().to_string(),
            &text,
        ));
    }
    problems
}

#[test]
fn every_library_module_uses_only_lower_floors() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let problems = violations(&src);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn every_top_level_module_is_on_a_floor() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let lib = std::fs::read_to_string(src.join("lib.rs")).expect("lib.rs");
    let declared: BTreeSet<&str> = lib
        .lines()
        .filter_map(|line| line.strip_prefix("pub mod "))
        .map(|name| name.trim_end_matches(';'))
        .collect();
    let floored: BTreeSet<&str> = FLOORS
        .iter()
        .flat_map(|floor| floor.iter().copied())
        .collect();
    assert_eq!(declared, floored);
}

#[test]
fn a_backward_import_is_caught() {
    // The graph reaching up into the loader, as a grouped and as a plain path.
    let text = "use crate::model::Date;\nuse crate::{load::Input,\n    query::When};\n\
                fn f() { crate::validate::validate(); }\n";
    let problems = violations_in("graph", "graph/mod.rs", text);
    assert_eq!(problems.len(), 3, "{problems:#?}");
    assert!(problems[0].contains("graph/mod.rs:2: `graph` uses `crate::load`"));
    assert!(problems[1].contains("`crate::query`"));
    assert!(problems[2].contains("graph/mod.rs:4: `graph` uses `crate::validate`"));
    // Unit tests and comments may reach anywhere.
    let text = "// see crate::pipeline\n#[cfg(test)]\nmod tests { use crate::pipeline; }\n";
    assert!(violations_in("graph", "graph/mod.rs", text).is_empty());
    // FollowTheMoney sits beside validate, above load: it may read inputs as the loader
    // names them, but neither it nor validate may use the other, and it cannot reach the
    // export stage it writes like.
    assert!(violations_in("ftm", "ftm/import.rs", "use crate::load::Input;\n").is_empty());
    let text = "use crate::validate::validate;\nuse crate::export::csv;\n";
    assert_eq!(violations_in("ftm", "ftm/export.rs", text).len(), 2);
    assert_eq!(
        violations_in("validate", "validate/mod.rs", "use crate::ftm;\n").len(),
        1
    );
    // A root re-export hides where a name lives.
    let problems = violations_in("export", "export/dot.rs", "use crate::SanctionsGraph;\n");
    assert_eq!(problems.len(), 1, "{problems:#?}");
}
