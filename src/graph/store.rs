//! The graph's storage: flat columns of little-endian integers in one buffer, the same
//! bytes in memory and in a compiled file, so that opening a compiled graph is checking
//! it, not rebuilding it.
//!
//! The buffer starts with a table of [`SECTION_COUNT`] entries (`u64` offset, `u64`
//! length, in bytes from the start of the buffer), then the sections, each starting on an
//! 8-byte boundary. A `str` is a `u32` index into the strings, `NONE` (`u32::MAX`) is
//! none, and a `list` is a `u32` that is `NONE` (empty), `INLINE | item` (one item), or
//! the position in the list pool of a count followed by the items.
//!
//! ```text
//! section         per      type         what
//! Meta            graph    u32 × 5      node, edge, source and string counts, complete_to
//!                                       date code (0: none declared)
//! StrOffsets      string   u32 (+1)     where each string starts in StrBlob
//! StrBlob         byte     u8           UTF-8 text of every string
//! Files           file     str          names of the files items came from
//! NodeKind        node     u8           NodeKind::code
//! NodeId          node     str
//! NodeName        node     str
//! NodeLine        node     u32          line the item starts on
//! NodeFiles       run      u32 × 2      (first node, file): nodes from each file
//! NodeDetail      node     u32          NONE, or the row in NodeDetails
//! NodeDetails     row      u32 × 7      aliases list<str>, iso str, country node, role str,
//!                                       hs list<str>, registration str, notes str
//! ById            node     u32          node positions in id order
//! EdgeKind        edge     u8           EdgeKind::code, | 0x80 when unverified
//! EdgeFrom        edge     u32          node
//! EdgeTo          edge     u32          node
//! EdgeDate        edge     u32          Date::code of an action's date or a relation's since
//! EdgeLine        edge     u32
//! EdgeFiles       run      u32 × 2      (first edge, file)
//! EdgeSources     edge     list<source>
//! EdgeConcerns    edge     list<node>
//! EdgeExtra       edge     u32          NONE, or the row in EdgeExtras
//! EdgeExtras      row      u32 × 4      until date code, instrument str, notes str, id str
//! Lists           item     u32          the list pool
//! Sources         source   u32 × 8      id, publisher, title, description, date code, url,
//!                                       language, identifier; sorted by id
//! Out, In         node+1,  u32          every edge leaving / entering each node, newest
//!  (offsets, items) edge                first: offsets per node, then edge positions
//! OutRel, InRel   as above              standing relations only, oldest first
//! Naming          as above              actions naming each commodity, oldest first
//! ```

use std::borrow::Cow;
use std::ops::Range;

/// Bytes that do not hold a valid store: which part is wrong. The store owns this error;
/// the compiled-file layer wraps it (its header and checksum come first, so a corrupt
/// store means bytes written by a faulty build or forged to pass the checksum).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{what}")]
pub struct CorruptStore {
    /// Which part.
    pub what: &'static str,
}

/// Marks an absent string, node or row.
pub const NONE: u32 = u32::MAX;
/// Marks a list of one item held in the list reference itself.
pub const INLINE: u32 = 1 << 31;
/// Marks an unverified edge in its kind byte.
pub const UNVERIFIED: u8 = 0x80;

/// Words per row of NodeDetails.
pub const NODE_DETAIL_WORDS: usize = 7;
/// Words per row of EdgeExtras.
pub const EDGE_EXTRA_WORDS: usize = 4;
/// Words per row of Sources.
pub const SOURCE_WORDS: usize = 8;

macro_rules! sections {
    ($($name:ident),* $(,)?) => {
        /// The sections of the buffer, in order.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum Section { $($name),* }

        impl Section {
            /// Every section, in order.
            pub const ALL: &'static [Section] = &[$(Section::$name),*];
        }
    };
}

sections!(
    Meta,
    StrOffsets,
    StrBlob,
    Files,
    NodeKind,
    NodeId,
    NodeName,
    NodeLine,
    NodeFiles,
    NodeDetail,
    NodeDetails,
    ById,
    EdgeKind,
    EdgeFrom,
    EdgeTo,
    EdgeDate,
    EdgeLine,
    EdgeFiles,
    EdgeSources,
    EdgeConcerns,
    EdgeExtra,
    EdgeExtras,
    Lists,
    Sources,
    OutOffsets,
    Out,
    InOffsets,
    In,
    OutRelOffsets,
    OutRel,
    InRelOffsets,
    InRel,
    NamingOffsets,
    Naming,
);

/// The number of sections.
pub const SECTION_COUNT: usize = Section::ALL.len();
const TABLE_LEN: usize = SECTION_COUNT * 16;

/// A section built in memory: bytes, or words kept as `u32`s so that they stay aligned.
#[derive(Debug)]
pub enum Part {
    /// A column of bytes.
    Bytes(Vec<u8>),
    /// A column of words.
    Words(Vec<u32>),
}

impl Part {
    fn as_bytes(&self) -> &[u8] {
        match self {
            Part::Bytes(bytes) => bytes,
            Part::Words(words) => bytemuck::cast_slice(words),
        }
    }
}

/// Where the bytes live.
#[derive(Debug)]
enum Bytes {
    /// Built in memory: each section in its own allocation, as the builder made it.
    Parts(Vec<Part>),
    /// A section table and its sections in one aligned buffer, from byte `start` on
    /// (after a compiled file's header, when the whole file was read into it).
    Owned { words: Vec<u64>, start: usize },
    /// A whole compiled file read into private anonymous memory (page-aligned); its
    /// payload starts at `start`.
    Read {
        memory: memmap2::MmapMut,
        start: usize,
    },
}

/// The buffer and where each section lies in it.
#[derive(Debug)]
pub struct Store {
    bytes: Bytes,
    sections: Vec<Range<usize>>,
}

impl Store {
    /// Keeps sections built in memory where they are, one allocation each.
    pub fn from_parts(parts: Vec<Part>) -> Store {
        debug_assert_eq!(parts.len(), SECTION_COUNT);
        Store {
            bytes: Bytes::Parts(parts),
            sections: Vec::new(),
        }
    }

    /// Opens a buffer copied from elsewhere (a compiled graph read from a pipe).
    pub fn open_copy(payload: &[u8]) -> Result<Store, CorruptStore> {
        let mut words = vec![0u64; payload.len().div_ceil(8)];
        bytemuck::cast_slice_mut::<u64, u8>(&mut words)[..payload.len()].copy_from_slice(payload);
        Store::open(Bytes::Owned { words, start: 0 }, payload.len())
    }

    /// Opens private memory that holds a whole compiled file of `len` bytes, whose
    /// payload starts at byte `start` (a multiple of 8), read straight into it: no
    /// second copy.
    pub fn open_read(
        memory: memmap2::MmapMut,
        start: usize,
        len: usize,
    ) -> Result<Store, CorruptStore> {
        if start % 8 != 0 || len < start || len > memory.len() {
            return Err(corrupt("header"));
        }
        Store::open(Bytes::Read { memory, start }, len - start)
    }

    fn open(bytes: Bytes, len: usize) -> Result<Store, CorruptStore> {
        let mut store = Store {
            bytes,
            sections: Vec::new(),
        };
        let payload = store.payload();
        let raw = &payload[..len.min(payload.len())];
        if raw.len() < TABLE_LEN {
            return Err(corrupt("section table"));
        }
        let mut sections = Vec::with_capacity(SECTION_COUNT);
        for index in 0..SECTION_COUNT {
            let word = |at: usize| {
                let mut word = [0; 8];
                word.copy_from_slice(&raw[at..at + 8]);
                u64::from_le_bytes(word)
            };
            let start = usize::try_from(word(index * 16)).map_err(|_| corrupt("section table"))?;
            let length =
                usize::try_from(word(index * 16 + 8)).map_err(|_| corrupt("section table"))?;
            let end = start.checked_add(length).ok_or(corrupt("section table"))?;
            if start < TABLE_LEN || start % 8 != 0 || end > raw.len() {
                return Err(corrupt("section table"));
            }
            sections.push(start..end);
        }
        drop(payload);
        store.sections = sections;
        super::check::check(&store)?;
        Ok(store)
    }

    /// The whole buffer: the section table and the sections, each on an 8-byte
    /// boundary. Laid out anew for a graph built in memory.
    pub fn payload(&self) -> Cow<'_, [u8]> {
        match &self.bytes {
            Bytes::Parts(parts) => Cow::Owned(lay_out(parts)),
            Bytes::Owned { words, start } => Cow::Borrowed(
                bytemuck::cast_slice(words)
                    .get(*start..)
                    .unwrap_or_default(),
            ),
            Bytes::Read { memory, start } => {
                Cow::Borrowed(memory.get(*start..).unwrap_or_default())
            }
        }
    }

    /// The bytes of a section.
    pub fn bytes(&self, section: Section) -> &[u8] {
        let whole = match &self.bytes {
            Bytes::Parts(parts) => {
                return parts.get(section as usize).map_or(&[], Part::as_bytes);
            }
            Bytes::Owned { words, start } => bytemuck::cast_slice(words)
                .get(*start..)
                .unwrap_or_default(),
            Bytes::Read { memory, start } => memory.get(*start..).unwrap_or_default(),
        };
        self.sections
            .get(section as usize)
            .and_then(|range| whole.get(range.clone()))
            .unwrap_or_default()
    }

    /// The words of a section (empty if it is not whole words, which opening refuses).
    pub fn words(&self, section: Section) -> &[u32] {
        bytemuck::try_cast_slice(self.bytes(section)).unwrap_or_default()
    }

    /// One word of a section, or `NONE` past its end.
    pub fn word(&self, section: Section, at: usize) -> u32 {
        self.words(section).get(at).copied().unwrap_or(NONE)
    }

    /// The string at an index; empty for `NONE` or an index out of range.
    pub fn str(&self, index: u32) -> &str {
        let offsets = self.words(Section::StrOffsets);
        let at = index as usize;
        let (Some(&start), Some(&end)) = (offsets.get(at), offsets.get(at.wrapping_add(1))) else {
            return "";
        };
        self.bytes(Section::StrBlob)
            .get(start as usize..end as usize)
            .and_then(|text| std::str::from_utf8(text).ok())
            .unwrap_or_default()
    }

    /// The string at an index, `None` for `NONE`.
    pub fn opt_str(&self, index: u32) -> Option<&str> {
        (index != NONE).then(|| self.str(index))
    }

    /// The id of the source at a position in the sources, or empty if there is none.
    pub fn source_id(&self, source: u32) -> &str {
        self.row(Section::Sources, SOURCE_WORDS, source)
            .map_or("", |row| self.str(row[0]))
    }

    /// The items of a list reference.
    pub fn list(&self, list: u32) -> impl Iterator<Item = u32> + '_ {
        list_items(self.words(Section::Lists), list)
    }

    /// The items of an adjacency (offsets and items) for one node.
    pub fn adjacent(&self, offsets: Section, items: Section, node: usize) -> &[u32] {
        let offsets = self.words(offsets);
        let (Some(&start), Some(&end)) = (offsets.get(node), offsets.get(node + 1)) else {
            return &[];
        };
        self.words(items)
            .get(start as usize..end as usize)
            .unwrap_or_default()
    }

    /// One row of a table of fixed-width rows, or `None` for `NONE` or out of range.
    pub fn row(&self, section: Section, width: usize, row: u32) -> Option<&[u32]> {
        if row == NONE {
            return None;
        }
        let start = (row as usize).checked_mul(width)?;
        self.words(section).get(start..start + width)
    }
}

/// The items of a list reference into `pool` (see the module's documentation): none for
/// `NONE`, the one item an `INLINE` reference holds, or the counted items at a position;
/// nothing past the pool's end.
pub fn list_items(pool: &[u32], list: u32) -> impl Iterator<Item = u32> + Clone + '_ {
    let inline = (list != NONE && list & INLINE != 0).then_some(list & !INLINE);
    let pooled = if list == NONE || inline.is_some() {
        &[][..]
    } else {
        let at = list as usize;
        let count = pool.get(at).copied().unwrap_or_default() as usize;
        pool.get(at + 1..at.saturating_add(1).saturating_add(count))
            .unwrap_or_default()
    };
    inline.into_iter().chain(pooled.iter().copied())
}

/// The section table followed by the sections, each on an 8-byte boundary.
fn lay_out(parts: &[Part]) -> Vec<u8> {
    let mut at = TABLE_LEN;
    let mut table = Vec::with_capacity(TABLE_LEN);
    for part in parts {
        let len = part.as_bytes().len();
        table.extend_from_slice(&(at as u64).to_le_bytes());
        table.extend_from_slice(&(len as u64).to_le_bytes());
        at = (at + len).next_multiple_of(8);
    }
    let mut bytes = Vec::with_capacity(at);
    bytes.extend_from_slice(&table);
    for part in parts {
        bytes.extend_from_slice(part.as_bytes());
        bytes.resize(bytes.len().next_multiple_of(8), 0);
    }
    bytes
}

fn corrupt(what: &'static str) -> CorruptStore {
    CorruptStore { what }
}
