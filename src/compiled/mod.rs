//! Compiled graphs: a validated graph stored in a compact binary file (`.sgc`) that loads
//! without parsing or validating again (the transparent cache built on it lives in
//! `pipeline::cache`).
//!
//! A compiled file is a 32-byte header followed by the graph's own columns (the layout is
//! documented in the graph's `store` module), so that opening one maps it into memory,
//! checks it, and queries it where it lies:
//!
//! ```text
//! magic     8 bytes  "SGRAPHC\0"
//! version   u32      FORMAT_VERSION; any other is refused, never guessed at
//! tag       u32      0; in a cache entry, a tag of the texts it was built from
//! length    u64      payload length in bytes
//! checksum  u64      XXH64 of the payload, seeded with the tag
//! ```
//!
//! A file with another version, a length that does not match, or a checksum that does not
//! match is refused with a [`CompiledError`]; the cache treats it as missing and rebuilds.

pub mod hash;

use std::fs;
use std::io::{self, Write};
use std::path::Path;

use crate::graph::SanctionsGraph;

/// The first bytes of every compiled graph.
pub const MAGIC: [u8; 8] = *b"SGRAPHC\0";

/// The version of the layout; bumped whenever the layout or the meaning of a field changes.
pub const FORMAT_VERSION: u32 = 4;

/// The file extension of compiled graphs.
pub const EXTENSION: &str = "sgc";

const HEADER_LEN: usize = 32;

/// Why a compiled graph was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CompiledError {
    /// The file could not be read or written.
    #[error("cannot {action} `{path}`: {reason}")]
    Io {
        /// `read` or `write`.
        action: &'static str,
        /// The path.
        path: String,
        /// The operating system's reason.
        reason: String,
    },
    /// The bytes do not start with the magic.
    #[error("not a compiled graph (it does not start with `SGRAPHC`)")]
    NotCompiled,
    /// Another format version.
    #[error("compiled graph format version {found}, but this sgraph reads version {expected}; compile it again")]
    Version {
        /// The version in the file.
        found: u32,
        /// The version this build reads.
        expected: u32,
    },
    /// The payload is shorter or longer than the header says.
    #[error("the compiled graph is truncated or padded: the header announces {expected} bytes of payload, the file has {found}; compile it again")]
    Length {
        /// Bytes announced.
        expected: u64,
        /// Bytes present.
        found: u64,
    },
    /// The checksum does not match.
    #[error("the compiled graph is corrupt (checksum mismatch); compile it again")]
    Checksum,
    /// The payload passed the checksum but does not decode (written by a faulty build).
    #[error("the compiled graph is corrupt ({0}); compile it again")]
    Corrupt(#[from] crate::graph::store::CorruptStore),
}

/// Encodes a graph, header included (tag 0).
pub fn encode(graph: &SanctionsGraph) -> Vec<u8> {
    let mut bytes = Vec::new();
    // A `Vec` takes every write.
    let _ = encode_into(graph, 0, &mut bytes);
    bytes
}

/// Writes a graph's compiled form, with `tag` in its header, into `out`: the header, then the
/// columns as the graph holds them, with no copy of them beside the graph. Returns the
/// bytes written.
fn encode_into(graph: &SanctionsGraph, tag: u32, out: &mut dyn Write) -> io::Result<u64> {
    let payload = graph.payload();
    out.write_all(&MAGIC)?;
    out.write_all(&FORMAT_VERSION.to_le_bytes())?;
    out.write_all(&tag.to_le_bytes())?;
    out.write_all(&(payload.len() as u64).to_le_bytes())?;
    out.write_all(&hash::xxh64(&payload, u64::from(tag)).to_le_bytes())?;
    out.write_all(&payload)?;
    Ok((HEADER_LEN + payload.len()) as u64)
}

/// Checks the header and the checksum of a compiled graph.
fn check_header(bytes: &[u8]) -> Result<(), CompiledError> {
    let starts_right = bytes.starts_with(&MAGIC) || (!bytes.is_empty() && MAGIC.starts_with(bytes));
    if !starts_right {
        return Err(CompiledError::NotCompiled);
    }
    if bytes.len() < HEADER_LEN {
        return Err(CompiledError::Length {
            expected: HEADER_LEN as u64,
            found: bytes.len() as u64,
        });
    }
    let word = |at: usize| {
        let mut word = [0; 8];
        word.copy_from_slice(&bytes[at..at + 8]);
        u64::from_le_bytes(word)
    };
    let version = u32::from_le_bytes([bytes[8], bytes[9], bytes[10], bytes[11]]);
    if version != FORMAT_VERSION {
        return Err(CompiledError::Version {
            found: version,
            expected: FORMAT_VERSION,
        });
    }
    let payload = &bytes[HEADER_LEN..];
    if word(16) != payload.len() as u64 {
        return Err(CompiledError::Length {
            expected: word(16),
            found: payload.len() as u64,
        });
    }
    // The tag seeds the checksum, so that a changed tag is caught as corruption too.
    let tag = u32::from_le_bytes([bytes[12], bytes[13], bytes[14], bytes[15]]);
    if hash::xxh64(payload, u64::from(tag)) != word(24) {
        return Err(CompiledError::Checksum);
    }
    Ok(())
}

/// Decodes a compiled graph held in memory, after checking its header, its checksum and
/// its columns. The bytes are copied into an aligned buffer.
pub fn decode(bytes: &[u8]) -> Result<SanctionsGraph, CompiledError> {
    check_header(bytes)?;
    let store = crate::graph::store::Store::open_copy(&bytes[HEADER_LEN..])?;
    Ok(SanctionsGraph::from_store(store))
}

/// Whether a path names a compiled graph: by its extension, or by its first bytes.
pub fn is_compiled_path(path: &Path) -> bool {
    if path.extension().is_some_and(|ext| ext == EXTENSION) {
        return true;
    }
    let mut head = [0u8; 8];
    fs::File::open(path)
        .and_then(|mut file| std::io::Read::read_exact(&mut file, &mut head))
        .is_ok_and(|()| head == MAGIC)
}

/// The tag in a compiled file's header: 0 for a file `compile` wrote; in a cache entry, a
/// tag of the texts it was built from, so that an entry replaced by another compiled file
/// is told apart. `None` when the header cannot be read.
pub fn tag_of(path: &Path) -> Option<u32> {
    let mut head = [0u8; 16];
    fs::File::open(path)
        .and_then(|mut file| std::io::Read::read_exact(&mut file, &mut head))
        .ok()?;
    (head[..8] == MAGIC).then(|| u32::from_le_bytes([head[12], head[13], head[14], head[15]]))
}

/// Opens a compiled graph file: reads it into one aligned buffer, checks its header,
/// checksum and columns, and returns a graph that reads the columns in place.
///
/// The file is read, not mapped: a mapped file that another program truncates or
/// rewrites in place (a copy over it during a long export) would kill the process with
/// SIGBUS or change under the checks already made. A file that changes length while it
/// is read is refused. Reading costs about 50 ms more than mapping at a million nodes
/// (see `docs/performance.md`).
pub fn read(path: &Path) -> Result<SanctionsGraph, CompiledError> {
    let io = |error: std::io::Error| CompiledError::Io {
        action: "read",
        path: path.display().to_string(),
        reason: error.to_string(),
    };
    let mut file = fs::File::open(path).map_err(io)?;
    let expected = file.metadata().map_err(io)?.len();
    let expected = usize::try_from(expected).map_err(|_| {
        io(std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            "the file is larger than this machine can address",
        ))
    })?;
    // Private anonymous memory, page-aligned, with one word more than the file needs to
    // notice a file that grows while it is read. Asked for in huge pages where the
    // system allows: reading 330 MB into 4 KiB pages costs a page fault each.
    let mut memory = memmap2::MmapOptions::new()
        .len(expected + 8)
        .map_anon()
        .map_err(io)?;
    #[cfg(target_os = "linux")]
    let _ = memory.advise(memmap2::Advice::HugePage);
    let buffer = &mut memory[..];
    let mut filled = 0;
    while filled < buffer.len() {
        match std::io::Read::read(&mut file, &mut buffer[filled..]) {
            Ok(0) => break,
            Ok(read) => filled += read,
            Err(error) if error.kind() == std::io::ErrorKind::Interrupted => {}
            Err(error) => return Err(io(error)),
        }
    }
    if filled != expected {
        return Err(io(std::io::Error::other(format!(
            "the file changed while it was read ({expected} bytes when opened, {filled} read)"
        ))));
    }
    check_header(&memory[..filled])?;
    let store = crate::graph::store::Store::open_read(memory, HEADER_LEN, filled)?;
    Ok(SanctionsGraph::from_store(store))
}

/// Writes a graph compiled, with `tag` in its header (see [`tag_of`]), so that readers
/// never see half a file: the bytes go, as they are encoded, to a new temporary file in
/// the same directory, which is then renamed over `path`. Two processes writing the same path leave one
/// complete file, from whichever renamed last. Returns the bytes written.
pub fn write(path: &Path, graph: &SanctionsGraph, tag: u32) -> Result<u64, CompiledError> {
    let mut written = 0;
    crate::atomic::write_atomically_with(path, |out| {
        written = encode_into(graph, tag, out)?;
        Ok(())
    })
    .map_err(|error| CompiledError::Io {
        action: "write",
        path: path.display().to_string(),
        reason: match error {
            crate::atomic::WriteError::Io { source, .. } => source.to_string(),
            other => other.to_string(),
        },
    })?;
    Ok(written)
}
