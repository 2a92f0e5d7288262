//! The transparent cache: a graph loaded from text is compiled once and, while its texts
//! stay the same, loaded from the compiled file afterwards.
//!
//! The key is a hash of everything the graph depends on: the cache format, this build's
//! version, and every loaded file's name and text, in load order. A changed text gives a
//! new key; a cached file that fails its checks is rebuilt, never trusted. Files are
//! written atomically (see [`crate::compiled::write`]), so processes that build the same entry at
//! once leave one valid file.
//!
//! Where: `$SGRAPH_CACHE_DIR`, else `$XDG_CACHE_HOME/sgraph`, else `~/.cache/sgraph`.

use std::path::{Path, PathBuf};

use super::{build, build_with_progress, open_compiled, Failed, Loaded};
use crate::compiled::{hash, tag_of, write, CompiledError, EXTENSION, FORMAT_VERSION};
use crate::load::{read_inputs, Input, Progress};
use crate::source::SourceMap;

/// Texts smaller than this in total parse faster than a cache file is checked and read:
/// they are not cached (and leave nothing behind in the cache directory).
pub const MIN_CACHED_BYTES: usize = 1 << 20;

/// At most this many entries are kept: writing one more removes the least recently used.
pub const MAX_ENTRIES: usize = 8;

/// At most this many bytes of entries are kept (the newest entry is kept whatever its
/// size): writing more removes the least recently used.
pub const MAX_BYTES: u64 = 4 << 30;

/// A cache directory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cache {
    dir: PathBuf,
}

impl Cache {
    /// A cache in `dir` (created when first written).
    pub fn at(dir: impl Into<PathBuf>) -> Cache {
        Cache { dir: dir.into() }
    }

    /// The cache in its usual place: `$SGRAPH_CACHE_DIR`, else `$XDG_CACHE_HOME/sgraph`,
    /// else `$HOME/.cache/sgraph`; `None` when none of these is set.
    pub fn from_env() -> Option<Cache> {
        let var = |name: &str| std::env::var_os(name).filter(|value| !value.is_empty());
        if let Some(dir) = var("SGRAPH_CACHE_DIR") {
            return Some(Cache::at(dir));
        }
        if let Some(dir) = var("XDG_CACHE_HOME") {
            return Some(Cache::at(Path::new(&dir).join("sgraph")));
        }
        var("HOME").map(|home| Cache::at(Path::new(&home).join(".cache").join("sgraph")))
    }

    /// The directory.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The file that holds the graph of these texts.
    pub fn path_for(&self, map: &SourceMap) -> PathBuf {
        self.dir.join(format!("{:016x}.{EXTENSION}", key(map)))
    }

    /// The cache's entries (files named by a key, `0123456789abcdef.sgc`), with their
    /// sizes in bytes, sorted by name; none when the directory does not exist yet. Other
    /// files in the directory are not the cache's and are left out.
    pub fn entries(&self) -> std::io::Result<Vec<(PathBuf, u64)>> {
        let listing = match std::fs::read_dir(&self.dir) {
            Ok(listing) => listing,
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(error) => return Err(error),
        };
        let mut entries = Vec::new();
        for entry in listing {
            let entry = entry?;
            let path = entry.path();
            if is_entry_name(&entry.file_name().to_string_lossy()) && entry.file_type()?.is_file() {
                entries.push((path, entry.metadata()?.len()));
            }
        }
        entries.sort();
        Ok(entries)
    }

    /// Removes every entry (see [`Cache::entries`]) and returns how many files and bytes
    /// were removed; the directory and any other file in it stay.
    pub fn clear(&self) -> std::io::Result<(usize, u64)> {
        let entries = self.entries()?;
        let mut bytes = 0;
        for (path, size) in &entries {
            std::fs::remove_file(path)?;
            bytes += size;
        }
        Ok((entries.len(), bytes))
    }

    /// Stores a graph loaded from text under the key of its texts.
    pub fn put(&self, loaded: &Loaded) -> Result<PathBuf, CompiledError> {
        std::fs::create_dir_all(&self.dir).map_err(|error| CompiledError::Io {
            action: "write",
            path: self.dir.display().to_string(),
            reason: error.to_string(),
        })?;
        let path = self.path_for(&loaded.sources);
        write(&path, &loaded.graph, tag(&loaded.sources))?;
        self.evict(&path);
        Ok(path)
    }

    /// The entries in the cache, most recently used first: (path, bytes).
    pub fn by_use(&self) -> Vec<(PathBuf, u64)> {
        let Ok(listing) = std::fs::read_dir(&self.dir) else {
            return Vec::new();
        };
        let mut entries: Vec<(std::time::SystemTime, PathBuf, u64)> = listing
            .filter_map(Result::ok)
            .filter(|entry| is_entry_name(&entry.file_name().to_string_lossy()))
            .filter_map(|entry| {
                let metadata = entry.metadata().ok().filter(|m| m.is_file())?;
                let used = metadata.modified().ok()?;
                Some((used, entry.path(), metadata.len()))
            })
            .collect();
        entries.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
        entries
            .into_iter()
            .map(|(_, path, bytes)| (path, bytes))
            .collect()
    }

    /// Removes the least recently used entries past [`MAX_ENTRIES`] or [`MAX_BYTES`],
    /// never `keep`. Only files named as entries are touched; errors are ignored (another
    /// process may be evicting too).
    fn evict(&self, keep: &Path) {
        let entries = self.by_use();
        let mut kept_bytes = entries
            .iter()
            .find(|(path, _)| path == keep)
            .map_or(0, |(_, bytes)| *bytes);
        let mut kept = 1usize;
        for (path, bytes) in entries {
            if path == keep {
                continue;
            }
            if kept < MAX_ENTRIES && kept_bytes.saturating_add(bytes) <= MAX_BYTES {
                kept += 1;
                kept_bytes = kept_bytes.saturating_add(bytes);
            } else {
                let _ = std::fs::remove_file(&path);
            }
        }
    }
}

/// Marks an entry as just used, so that eviction keeps it longest.
fn touch(path: &Path) {
    if let Ok(file) = std::fs::OpenOptions::new().write(true).open(path) {
        let _ = file.set_modified(std::time::SystemTime::now());
    }
}

/// What the cache did during a load.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CacheUse {
    /// The graph came from this cached file.
    Hit(PathBuf),
    /// The graph was loaded from text and stored in this file.
    Stored(PathBuf),
    /// The cache was not used, for this reason.
    Skipped(&'static str),
    /// Storing failed; the graph loaded all the same.
    WriteFailed(CompiledError),
}

/// Loads inputs through the cache: a valid cached graph of the same texts is used as is;
/// otherwise the texts are parsed and validated, and a graph that loads without warnings
/// is stored. Inputs that fail to load are never cached.
///
/// `progress` hears how far parsing has got when the texts are parsed.
pub fn load(
    inputs: &[Input],
    cache: &Cache,
    progress: &mut dyn FnMut(Progress),
) -> (Result<Loaded, Failed>, CacheUse) {
    let (map, problems) = read_inputs(inputs);
    let size: usize = map.files().map(|(_, file)| file.text.len()).sum();
    if !problems.is_empty() {
        return (build(map, problems), CacheUse::Skipped("unreadable input"));
    }
    if size < MIN_CACHED_BYTES {
        return (build(map, problems), CacheUse::Skipped("small input"));
    }
    let path = cache.path_for(&map);
    // A stale or corrupt entry is as good as none: it is rebuilt below.
    // So is an entry that another compiled file replaced: its tag is not that of the texts.
    let cached = (path.is_file() && tag_of(&path) == Some(tag(&map)))
        .then(|| open_compiled(&path).ok())
        .flatten();
    if let Some(mut loaded) = cached {
        // The texts are at hand: diagnostics rendered later can quote them.
        loaded.sources = map;
        touch(&path);
        return (Ok(loaded), CacheUse::Hit(path));
    }
    let loaded = match build_with_progress(map, problems, progress) {
        Ok(loaded) => loaded,
        Err(failed) => return (Err(failed), CacheUse::Skipped("invalid graph")),
    };
    if !loaded.warnings.is_empty() {
        // The cache keeps graphs, not warnings, which must be shown on every load.
        return (Ok(loaded), CacheUse::Skipped("graph with warnings"));
    }
    let used = match cache.put(&loaded) {
        Ok(path) => CacheUse::Stored(path),
        Err(error) => CacheUse::WriteFailed(error),
    };
    (Ok(loaded), used)
}

/// Whether a file name is that of a cache entry: sixteen hex digits and the extension.
fn is_entry_name(name: &str) -> bool {
    name.strip_suffix(&format!(".{EXTENSION}"))
        .is_some_and(|key| key.len() == 16 && key.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// The cache key of a set of texts.
fn key(map: &SourceMap) -> u64 {
    hash::xxh64(&key_parts(map), 0)
}

/// The tag a cache entry of these texts carries in its header: another hash of them,
/// never 0 (the tag of a file `compile` wrote).
fn tag(map: &SourceMap) -> u32 {
    (hash::xxh64(&key_parts(map), 1) as u32).max(1)
}

/// What the key and the tag hash: the cache format, this build's version, and every
/// file's name and text (each hashed), in load order.
fn key_parts(map: &SourceMap) -> Vec<u8> {
    let mut parts = Vec::new();
    parts.extend_from_slice(b"sgraph-cache");
    parts.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
    parts.extend_from_slice(env!("CARGO_PKG_VERSION").as_bytes());
    for (_, file) in map.files() {
        for part in [file.name.as_bytes(), file.text.as_bytes()] {
            parts.extend_from_slice(&(part.len() as u64).to_le_bytes());
            parts.extend_from_slice(&hash::xxh64(part, 0).to_le_bytes());
        }
    }
    parts
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::{Duration, SystemTime};

    /// Writes an entry-named file last used `age` seconds ago.
    fn entry(dir: &Path, n: u64, age: u64, bytes: usize) -> PathBuf {
        let path = dir.join(format!("{n:016x}.{EXTENSION}"));
        std::fs::write(&path, vec![0u8; bytes]).expect("write");
        let file = std::fs::OpenOptions::new()
            .write(true)
            .open(&path)
            .expect("open");
        file.set_modified(SystemTime::now() - Duration::from_secs(age))
            .expect("set the time");
        path
    }

    #[test]
    fn eviction_keeps_the_most_recently_used_entries_and_nothing_else_is_touched() {
        let dir = tempfile::tempdir().expect("a temporary directory");
        let cache = Cache::at(dir.path());
        // Twelve entries, entry n used n hours ago; the one just written is the oldest.
        let paths: Vec<PathBuf> = (0..12)
            .map(|n| entry(dir.path(), n, n * 3600, 10))
            .collect();
        let other = dir.path().join("notes.txt");
        std::fs::write(&other, "kept").expect("write");
        let foreign = dir.path().join("mine.sgc");
        std::fs::write(&foreign, "kept").expect("write");

        cache.evict(&paths[11]);

        let left: Vec<PathBuf> = cache.by_use().into_iter().map(|(p, _)| p).collect();
        let mut expected: Vec<PathBuf> = paths[..MAX_ENTRIES - 1].to_vec();
        expected.insert(0, paths[11].clone());
        let mut sorted_left = left.clone();
        sorted_left.sort();
        expected.sort();
        assert_eq!(sorted_left, expected);
        assert!(other.exists() && foreign.exists());
    }

    #[test]
    fn a_used_entry_is_kept_longest() {
        let dir = tempfile::tempdir().expect("a temporary directory");
        let cache = Cache::at(dir.path());
        let old = entry(dir.path(), 1, 100_000, 10);
        for n in 2..=(MAX_ENTRIES as u64) {
            entry(dir.path(), n, n, 10);
        }
        touch(&old);
        let newest = entry(dir.path(), 99, 0, 10);
        cache.evict(&newest);
        let left: Vec<PathBuf> = cache.by_use().into_iter().map(|(p, _)| p).collect();
        assert_eq!(left.len(), MAX_ENTRIES);
        assert!(left.contains(&old), "the entry just used is kept");
        assert!(!left.contains(&dir.path().join(format!("{:016x}.{EXTENSION}", MAX_ENTRIES))));
    }
}
