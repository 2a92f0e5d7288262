//! Writing an export of several files as one directory, all or nothing: the files go into a
//! new temporary directory beside the target, which then takes the target's place.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use crate::atomic::WriteError;

/// How many temporary names to try before giving up, should earlier ones exist.
const ATTEMPTS: u32 = 100;

/// Writes a directory of files at `path`, all or nothing.
///
/// `write` fills a new, empty temporary directory beside `path` (`.NAME.PID-N.tmp`) and
/// must leave the file `marker` in it; the directory then takes `path`'s place by a
/// rename. `path` may be missing, an empty directory, or a directory holding `marker`
/// (an earlier export, which is replaced whole: renamed aside, then removed). Anything
/// else at `path` is refused and left untouched. On any error the temporary directory is
/// removed and `path` is as it was.
///
/// # Errors
/// [`WriteError::NotAFile`] for a path without a name, [`WriteError::Io`] otherwise
/// (including a non-empty directory that is not an earlier export).
pub fn write_dir_atomically<T>(
    path: &Path,
    marker: &str,
    write: impl FnOnce(&Path) -> io::Result<T>,
) -> Result<T, WriteError> {
    let io_error = |source| WriteError::Io {
        path: path.to_owned(),
        source,
    };
    let Some(name) = path.file_name() else {
        return Err(WriteError::NotAFile(path.to_owned()));
    };
    let name = name.to_string_lossy().into_owned();
    let existing = classify(path, marker).map_err(io_error)?;
    let parent = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_owned(),
        _ => PathBuf::from("."),
    };
    let temporary = create_temporary(&parent, &name).map_err(io_error)?;
    let written = write(&temporary).and_then(|value| {
        if temporary.join(marker).is_file() {
            Ok(value)
        } else {
            Err(io::Error::other(format!("the export wrote no `{marker}`")))
        }
    });
    let value = match written {
        Ok(value) => value,
        Err(error) => {
            let _ = fs::remove_dir_all(&temporary);
            return Err(io_error(error));
        }
    };
    let placed = match existing {
        Existing::Missing => fs::rename(&temporary, path),
        Existing::Empty => fs::remove_dir(path).and_then(|()| fs::rename(&temporary, path)),
        Existing::Export => replace(&temporary, path, &parent, &name),
    };
    if let Err(error) = placed {
        let _ = fs::remove_dir_all(&temporary);
        return Err(io_error(error));
    }
    Ok(value)
}

/// What is at the target before the export.
enum Existing {
    Missing,
    Empty,
    Export,
}

fn classify(path: &Path, marker: &str) -> io::Result<Existing> {
    let meta = match fs::symlink_metadata(path) {
        Err(error) if error.kind() == io::ErrorKind::NotFound => return Ok(Existing::Missing),
        Err(error) => return Err(error),
        Ok(meta) => meta,
    };
    if !meta.is_dir() {
        return Err(io::Error::new(
            io::ErrorKind::AlreadyExists,
            "it exists and is not a directory; expected a new or empty directory, or an earlier export",
        ));
    }
    if fs::read_dir(path)?.next().is_none() {
        return Ok(Existing::Empty);
    }
    if path.join(marker).is_file() {
        return Ok(Existing::Export);
    }
    Err(io::Error::new(
        io::ErrorKind::AlreadyExists,
        format!(
            "the directory is not empty and holds no `{marker}`, so it is not an earlier \
             export; expected a new or empty directory, or an earlier export to replace"
        ),
    ))
}

/// Puts `new` in the place of the earlier export at `path`: the old one is renamed aside
/// first, so that `path` is never half old and half new, then removed.
fn replace(new: &Path, path: &Path, parent: &Path, name: &str) -> io::Result<()> {
    let aside = parent.join(format!(".{name}.{}-old", std::process::id()));
    let _ = fs::remove_dir_all(&aside);
    fs::rename(path, &aside)?;
    if let Err(error) = fs::rename(new, path) {
        // Put the earlier export back.
        let _ = fs::rename(&aside, path);
        return Err(error);
    }
    let _ = fs::remove_dir_all(&aside);
    Ok(())
}

/// A new directory `.NAME.PID-N.tmp` in `parent`; never one that exists.
fn create_temporary(parent: &Path, name: &str) -> io::Result<PathBuf> {
    let mut last_error = None;
    for attempt in 0..ATTEMPTS {
        let candidate = parent.join(format!(".{name}.{}-{attempt}.tmp", std::process::id()));
        match fs::create_dir(&candidate) {
            Ok(()) => return Ok(candidate),
            Err(error) if error.kind() == io::ErrorKind::AlreadyExists => last_error = Some(error),
            Err(error) => return Err(error),
        }
    }
    Err(last_error.unwrap_or_else(|| io::Error::other("no temporary name left")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::atomic::names_in;

    fn export(dir: &Path, text: &str) -> io::Result<()> {
        fs::write(dir.join("marker"), "")?;
        fs::write(dir.join("data"), text)
    }

    #[test]
    fn writes_then_replaces_an_earlier_export() {
        let root = tempfile::tempdir().expect("a temporary directory");
        let target = root.path().join("out");
        write_dir_atomically(&target, "marker", |dir| export(dir, "one")).expect("written");
        write_dir_atomically(&target, "marker", |dir| export(dir, "two")).expect("replaced");
        assert_eq!(
            fs::read_to_string(target.join("data")).expect("read"),
            "two"
        );
        assert_eq!(names_in(root.path()), ["out"]);
    }

    #[test]
    fn refuses_a_directory_that_is_not_an_export_and_leaves_it() {
        let root = tempfile::tempdir().expect("a temporary directory");
        let target = root.path().join("mine");
        fs::create_dir(&target).expect("mkdir");
        fs::write(target.join("notes.txt"), "keep").expect("write");
        let error =
            write_dir_atomically(&target, "marker", |dir| export(dir, "x")).expect_err("refused");
        assert!(
            error.to_string().contains("not an earlier export"),
            "{error}"
        );
        assert_eq!(names_in(&target), ["notes.txt"]);
        assert_eq!(names_in(root.path()), ["mine"]);
    }

    #[test]
    fn a_failed_write_leaves_nothing_and_keeps_the_earlier_export() {
        let root = tempfile::tempdir().expect("a temporary directory");
        let target = root.path().join("out");
        write_dir_atomically(&target, "marker", |dir| export(dir, "one")).expect("written");
        let failed = write_dir_atomically(&target, "marker", |dir| {
            export(dir, "half")?;
            Err::<(), _>(io::Error::other("disk full"))
        });
        assert!(failed.is_err());
        assert_eq!(
            fs::read_to_string(target.join("data")).expect("read"),
            "one"
        );
        assert_eq!(names_in(root.path()), ["out"]);
    }

    #[test]
    fn an_export_without_its_marker_is_refused() {
        let root = tempfile::tempdir().expect("a temporary directory");
        let target = root.path().join("out");
        let failed = write_dir_atomically(&target, "marker", |dir| fs::write(dir.join("data"), ""));
        assert!(failed.is_err());
        assert!(names_in(root.path()).is_empty());
    }
}
