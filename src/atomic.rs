//! Writing a file so that a reader never sees half of it: the bytes go to a temporary
//! file in the same directory, which then replaces the target in one rename. Part of the
//! ground floor: compiled files, the cache and every export write through it.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// Why an export could not be written.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    /// The target has no file name (`/`, `..`).
    #[error("`{}` is not a file name", .0.display())]
    NotAFile(PathBuf),
    /// The temporary file could not be created or written, or could not replace the
    /// target; the target is as it was.
    #[error("cannot write `{}`: {source}", path.display())]
    Io {
        /// The target.
        path: PathBuf,
        /// What the system said.
        source: io::Error,
    },
}

/// How many temporary names to try before giving up, should earlier ones exist.
const ATTEMPTS: u32 = 100;

/// Writes `bytes` to `path` atomically: into a new temporary file beside it, flushed to
/// disk, then renamed over `path`. On any error the temporary file is removed and an
/// existing `path` is left untouched.
///
/// A read-only `path` is refused, not replaced. A replaced file keeps its permissions (a
/// new one gets the usual ones). When `path` is a symbolic link, the file it leads to is
/// written and the link is kept; a link that leads nowhere is refused.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), WriteError> {
    write_atomically_with(path, |out| out.write_all(bytes))
}

/// Like [`write_atomically`], for output too large to hold: `write` writes into the
/// temporary file (buffered) as it goes.
pub fn write_atomically_with(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> Result<(), WriteError> {
    prepare(path, write)?.commit()
}

/// Writes several files so that either all of them are replaced or none is: every file is
/// first written in full to a temporary beside its target (by `write`, told which of
/// `paths` it writes, buffered, as it goes) and flushed to disk; only when all were
/// written are they renamed over their targets, one after the other. A full disk or a
/// read-only target therefore leaves every target as it was. (The renames change no data
/// and need no space; only a crash between two of them could leave a mix.)
pub fn write_all_atomically(
    paths: &[PathBuf],
    mut write: impl FnMut(usize, &mut dyn Write) -> io::Result<()>,
) -> Result<(), WriteError> {
    let mut prepared = Vec::with_capacity(paths.len());
    for (i, path) in paths.iter().enumerate() {
        // On an error, the temporaries prepared so far are removed as they are dropped.
        prepared.push(prepare(path, |out| write(i, out))?);
    }
    prepared.into_iter().try_for_each(Prepared::commit)
}

/// A file written in full to its temporary, waiting to be renamed over its target; the
/// temporary is removed if it is dropped uncommitted.
struct Prepared {
    temporary: PathBuf,
    target: PathBuf,
    committed: bool,
}

impl Prepared {
    /// Renames the temporary over the target.
    fn commit(mut self) -> Result<(), WriteError> {
        let renamed = fs::rename(&self.temporary, &self.target);
        self.committed = renamed.is_ok();
        renamed.map_err(|source| WriteError::Io {
            path: self.target.clone(),
            source,
        })
    }
}

impl Drop for Prepared {
    fn drop(&mut self) {
        if !self.committed {
            let _ = fs::remove_file(&self.temporary);
        }
    }
}

/// Writes the temporary of `path` in full and flushes it to disk, ready to be renamed.
fn prepare(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> Result<Prepared, WriteError> {
    let io_error = |source| WriteError::Io {
        path: path.to_owned(),
        source,
    };
    let target = resolve_link(path).map_err(io_error)?;
    let path = target.as_path();
    let Some(name) = path.file_name() else {
        return Err(WriteError::NotAFile(path.to_owned()));
    };
    let existing = match fs::metadata(path) {
        Ok(meta) if meta.is_file() && meta.permissions().readonly() => {
            return Err(io_error(io::Error::new(
                io::ErrorKind::PermissionDenied,
                "the file is read-only",
            )));
        }
        Ok(meta) if meta.is_dir() => {
            return Err(io_error(io::Error::new(
                io::ErrorKind::IsADirectory,
                "it is a directory",
            )));
        }
        Ok(meta) if meta.is_file() => Some(meta.permissions()),
        _ => None,
    };
    let dir = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_owned(),
        _ => PathBuf::from("."),
    };
    remove_stale_temporaries(&dir);
    let (temporary, mut file) =
        create_temporary(&dir, &name.to_string_lossy()).map_err(io_error)?;
    let prepared = Prepared {
        temporary,
        target: path.to_owned(),
        committed: false,
    };
    let kept = match existing {
        Some(permissions) => file.set_permissions(permissions),
        None => Ok(()),
    };
    let written = kept
        .and_then(|()| {
            let mut buffered = io::BufWriter::new(&mut file);
            write(&mut buffered).and_then(|()| buffered.flush())
        })
        .and_then(|()| file.sync_all());
    drop(file);
    // On an error, dropping `prepared` removes the temporary.
    written.map(|()| prepared).map_err(io_error)
}

/// The file `path` leads to when it is a symbolic link (the link is kept, its target
/// written); `path` itself otherwise.
fn resolve_link(path: &Path) -> io::Result<PathBuf> {
    match fs::symlink_metadata(path) {
        Ok(meta) if meta.file_type().is_symlink() => fs::canonicalize(path).map_err(|error| {
            io::Error::new(
                error.kind(),
                format!("it is a link that leads to no file ({error})"),
            )
        }),
        _ => Ok(path.to_owned()),
    }
}

/// A temporary file older than this was left by a write that was interrupted (a crash,
/// a kill, a power cut): no write takes this long to finish.
const STALE_AFTER: std::time::Duration = std::time::Duration::from_secs(3600);

/// Removes from `dir` the temporary files of our own naming (`.NAME.PID-N.tmp`) last
/// modified more than [`STALE_AFTER`] ago. Best effort: what cannot be listed or removed
/// is left.
fn remove_stale_temporaries(dir: &Path) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        if !is_our_temporary(&name.to_string_lossy()) {
            continue;
        }
        let stale = entry
            .metadata()
            .ok()
            .filter(fs::Metadata::is_file)
            .and_then(|meta| meta.modified().ok())
            .and_then(|modified| modified.elapsed().ok())
            .is_some_and(|age| age > STALE_AFTER);
        if stale {
            let _ = fs::remove_file(entry.path());
        }
    }
}

/// Whether a file name is one [`create_temporary`] makes: `.NAME.PID-N.tmp`.
fn is_our_temporary(name: &str) -> bool {
    let Some(rest) = name
        .strip_prefix('.')
        .and_then(|rest| rest.strip_suffix(".tmp"))
    else {
        return false;
    };
    let Some((target, counter)) = rest.rsplit_once('.') else {
        return false;
    };
    let digits = |text: &str| !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit());
    !target.is_empty()
        && counter
            .split_once('-')
            .is_some_and(|(pid, attempt)| digits(pid) && digits(attempt))
}

/// A new file `.NAME.PID-N.tmp` in `dir`; never one that exists.
fn create_temporary(dir: &Path, name: &str) -> io::Result<(PathBuf, File)> {
    let mut last_error = None;
    for attempt in 0..ATTEMPTS {
        let candidate = dir.join(format!(".{name}.{}-{attempt}.tmp", std::process::id()));
        match OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&candidate)
        {
            Ok(file) => return Ok((candidate, file)),
            Err(error) if error.kind() == io::ErrorKind::AlreadyExists => last_error = Some(error),
            Err(error) => return Err(error),
        }
    }
    Err(last_error.unwrap_or_else(|| io::Error::other("no temporary name left")))
}

/// The names in a folder, sorted: for unit tests of what a write left there.
#[cfg(test)]
pub(crate) fn names_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .expect("list the folder")
        .map(|entry| {
            entry
                .expect("a folder entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    names.sort();
    names
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_the_file_and_leaves_no_temporary() {
        let dir = tempfile::tempdir().expect("a temporary directory");
        let target = dir.path().join("out.dot");
        fs::write(&target, "old").expect("write");
        write_atomically(&target, b"new").expect("written");
        assert_eq!(fs::read_to_string(&target).expect("read"), "new");
        assert_eq!(names_in(dir.path()), ["out.dot"]);
    }

    #[test]
    fn a_failed_rename_keeps_the_old_target() {
        // A directory in the target's place cannot be replaced by a file.
        let dir = tempfile::tempdir().expect("a temporary directory");
        let target = dir.path().join("taken");
        fs::create_dir(&target).expect("mkdir");
        fs::write(target.join("inside"), "kept").expect("write");
        let error = write_atomically(&target, b"new").expect_err("cannot replace a directory");
        assert!(matches!(error, WriteError::Io { .. }));
        assert_eq!(
            fs::read_to_string(target.join("inside")).expect("read"),
            "kept"
        );
        assert_eq!(names_in(dir.path()), ["taken"]);
    }

    #[test]
    fn knows_its_own_temporary_names() {
        for ours in [
            ".out.dot.12-0.tmp",
            ".graph.ron.4567-99.tmp",
            ".a.b.c.1-2.tmp",
        ] {
            assert!(is_our_temporary(ours), "{ours}");
        }
        for theirs in [
            "out.dot.12-0.tmp",
            ".out.dot.tmp",
            ".out.dot.12.tmp",
            ".12-0.tmp",
            "notes.tmp",
            ".x.1-a.tmp",
        ] {
            assert!(!is_our_temporary(theirs), "{theirs}");
        }
    }

    #[test]
    fn refuses_a_path_without_a_file_name() {
        assert!(matches!(
            write_atomically(Path::new("/"), b"x"),
            Err(WriteError::NotAFile(_))
        ));
    }
}
