//! Reading the inputs of a load (files, directories, stdin, the built-in graph) into a
//! source map, each unreadable one a diagnostic.

use std::collections::{HashSet, VecDeque};
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

use super::{builtin, LoadError};
use crate::diagnostic::Diagnostic;
use crate::source::SourceMap;

/// Files larger than this are refused before reading rather than exhausting memory.
pub const MAX_FILE_BYTES: u64 = 1 << 30;

/// The byte-order mark some editors put before UTF-8 text; skipped where a file starts.
pub const BYTE_ORDER_MARK: char = '\u{feff}';

/// Where a graph comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    /// A `.ron` file, or a directory of them (searched recursively, sorted by path).
    Path(PathBuf),
    /// The standard input (`-` on the command line).
    Stdin,
    /// The graph built into the binary (`builtin` on the command line), so that it can be
    /// loaded together with other files.
    Builtin,
}

impl Input {
    /// `-` means the standard input, `builtin` the built-in graph (`./builtin` is a path of
    /// that name); anything else is a path.
    pub fn from_arg(arg: &str) -> Input {
        match arg {
            "-" => Input::Stdin,
            "builtin" => Input::Builtin,
            _ => Input::Path(PathBuf::from(arg)),
        }
    }
}

/// Reads every input into a source map. Unreadable inputs become diagnostics; the others
/// are still read, so that one run reports every problem.
pub fn read_inputs(inputs: &[Input]) -> (SourceMap, Vec<Diagnostic>) {
    let mut map = SourceMap::default();
    let mut problems = Vec::new();
    for input in inputs {
        match input {
            Input::Builtin => {
                for (name, text) in builtin::FILES {
                    map.add(*name, *text);
                }
            }
            Input::Stdin => {
                let mut bytes = Vec::new();
                let read = std::io::stdin()
                    .take(MAX_FILE_BYTES + 1)
                    .read_to_end(&mut bytes);
                match read {
                    Err(error) => problems.push(Diagnostic::error(LoadError::Unreadable {
                        path: "<stdin>".into(),
                        reason: error.to_string(),
                    })),
                    Ok(_) => add_text(&mut map, &mut problems, "<stdin>", bytes),
                }
            }
            Input::Path(path) if path.is_dir() => {
                let files = match collect_ron_files(path, &mut problems) {
                    Ok(files) => files,
                    Err(error) => {
                        problems.push(Diagnostic::error(LoadError::Unreadable {
                            path: path.display().to_string(),
                            reason: error.to_string(),
                        }));
                        continue;
                    }
                };
                if files.is_empty() {
                    problems.push(
                        Diagnostic::error(LoadError::NoGraphFiles {
                            path: path.display().to_string(),
                        })
                        .with_help("graph files end in `.ron`"),
                    );
                }
                for file in files {
                    read_file(&mut map, &mut problems, &file);
                }
            }
            Input::Path(path) => read_file(&mut map, &mut problems, path),
        }
    }
    (map, problems)
}

/// The `.ron` files under `root`, sorted by path, each directory and file read once.
///
/// Real directories are walked first, then the directories that links lead to, in the
/// order met: a link back into the tree (`ln -s . loop`) is then found already read and
/// skipped with a warning, rather than walked again and again. Of the paths that lead to
/// one file, the real one is kept over a link, then the first by path.
fn collect_ron_files(root: &Path, problems: &mut Vec<Diagnostic>) -> std::io::Result<Vec<PathBuf>> {
    let skipped = |path: &Path, target: &Path| {
        Diagnostic::warning(LoadError::SkippedLink {
            path: path.display().to_string(),
            target: target.display().to_string(),
        })
    };
    let mut visited = HashSet::from([fs::canonicalize(root)?]);
    let mut dirs = vec![root.to_path_buf()];
    let mut links: VecDeque<PathBuf> = VecDeque::new();
    // (whether it is a link, the path): sorted, real files come first.
    let mut files = Vec::new();
    loop {
        let dir = if let Some(dir) = dirs.pop() {
            dir
        } else if let Some(link) = links.pop_front() {
            let target = fs::canonicalize(&link)?;
            if !visited.insert(target.clone()) {
                problems.push(skipped(&link, &target));
                continue;
            }
            link
        } else {
            break;
        };
        let mut entries = fs::read_dir(&dir)?
            .map(|entry| entry.map(|entry| entry.path()))
            .collect::<std::io::Result<Vec<_>>>()?;
        entries.sort();
        for path in entries {
            let is_link = fs::symlink_metadata(&path)?.file_type().is_symlink();
            if path.is_dir() {
                if is_link {
                    links.push_back(path);
                } else if visited.insert(fs::canonicalize(&path)?) {
                    dirs.push(path);
                }
            } else if path.extension().is_some_and(|ext| ext == "ron") {
                files.push((is_link, path));
            }
        }
    }
    files.sort();
    let mut read = HashSet::new();
    let mut kept = Vec::new();
    for (is_link, path) in files {
        // A dangling link cannot be resolved: keep it, so that reading it says why.
        match fs::canonicalize(&path) {
            Ok(target) if !read.insert(target.clone()) => {
                if is_link {
                    problems.push(skipped(&path, &target));
                } else {
                    kept.push(path);
                }
            }
            _ => kept.push(path),
        }
    }
    kept.sort();
    Ok(kept)
}

fn read_file(map: &mut SourceMap, problems: &mut Vec<Diagnostic>, path: &Path) {
    let name = path.display().to_string();
    let unreadable = |reason: String| {
        Diagnostic::error(LoadError::Unreadable {
            path: name.clone(),
            reason,
        })
    };
    match fs::metadata(path) {
        Err(error) => return problems.push(unreadable(error.to_string())),
        Ok(meta) if meta.is_dir() => return problems.push(unreadable("it is a directory".into())),
        Ok(meta) if meta.len() > MAX_FILE_BYTES => {
            return problems.push(Diagnostic::error(LoadError::TooLarge {
                path: name,
                bytes: Some(meta.len()),
                limit: MAX_FILE_BYTES,
            }))
        }
        Ok(_) => {}
    }
    // A pipe or a device has no length to check beforehand: the limit holds while reading.
    let read = fs::File::open(path).and_then(|file| {
        let mut bytes = Vec::new();
        file.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes)?;
        Ok(bytes)
    });
    match read {
        Ok(bytes) => add_text(map, problems, &name, bytes),
        Err(error) => problems.push(unreadable(error.to_string())),
    }
}

fn add_text(map: &mut SourceMap, problems: &mut Vec<Diagnostic>, name: &str, bytes: Vec<u8>) {
    // Read at most one byte past the limit: how far the input goes on is not known.
    if bytes.len() as u64 > MAX_FILE_BYTES {
        problems.push(Diagnostic::error(LoadError::TooLarge {
            path: name.to_owned(),
            bytes: None,
            limit: MAX_FILE_BYTES,
        }));
        return;
    }
    match String::from_utf8(bytes) {
        Ok(mut text) => {
            if text.starts_with(BYTE_ORDER_MARK) {
                // Editors do not show it: lines and columns count from after it.
                text.drain(..BYTE_ORDER_MARK.len_utf8());
            }
            map.add(name, text);
        }
        Err(error) => problems.push(Diagnostic::error(LoadError::NotUtf8 {
            path: name.to_owned(),
            offset: error.utf8_error().valid_up_to(),
        })),
    }
}
