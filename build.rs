//! Embeds every `.ron` file under `graphs/` into the binary, so that `sgraph` works from any
//! folder with the curated graph and no files.

use std::env;
use std::fs;
use std::path::{Path, PathBuf};

fn collect(dir: &Path, found: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(&path, found);
        } else if path.extension().is_some_and(|ext| ext == "ron") {
            found.push(path);
        }
    }
}

fn main() {
    let root = PathBuf::from(env::var("CARGO_MANIFEST_DIR").expect("set by cargo"));
    let graphs = root.join("graphs");
    println!("cargo:rerun-if-changed={}", graphs.display());
    let mut files = Vec::new();
    collect(&graphs, &mut files);
    files.sort();
    let mut code = String::from("/// The curated graph files: (name, text), sorted by name.\n");
    code.push_str("pub const FILES: &[(&str, &str)] = &[\n");
    for file in &files {
        println!("cargo:rerun-if-changed={}", file.display());
        let name = file
            .strip_prefix(&graphs)
            .expect("under graphs/")
            .to_string_lossy()
            .replace('\\', "/");
        code.push_str(&format!(
            "    ({:?}, include_str!({:?})),\n",
            format!("builtin:{name}"),
            file.display().to_string()
        ));
    }
    code.push_str("];\n");
    let out = PathBuf::from(env::var("OUT_DIR").expect("set by cargo")).join("builtin_graphs.rs");
    fs::write(out, code).expect("OUT_DIR is writable");
}
