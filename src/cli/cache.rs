//! `sgraph cache`: where the cache of compiled graphs is and how big; `sgraph cache clear`.

use sanctions_graph::pipeline::cache::Cache;
use serde_json::json;

use super::args::{CacheCommand, Format};
use super::commands::json_text;
use super::queries::plural;
use super::Report;

/// `1 file`, `2 files`; sizes in bytes, KiB or MiB.
fn size_text(bytes: u64) -> String {
    match bytes {
        0..1024 => format!("{bytes} B"),
        1024..1_048_576 => format!("{:.1} KiB", bytes as f64 / 1024.0),
        _ => format!("{:.1} MiB", bytes as f64 / 1_048_576.0),
    }
}

/// `sgraph cache [clear]`.
pub fn cache(command: Option<&CacheCommand>, format: Format) -> Report {
    let Some(cache) = Cache::from_env() else {
        return Report::usage(
            "no cache directory: none of SGRAPH_CACHE_DIR, XDG_CACHE_HOME and HOME is set"
                .to_owned(),
        );
    };
    let dir = cache.dir().display().to_string();
    let cannot = |what: &str, error: std::io::Error| {
        Report::usage(format!("cannot {what} the cache in {dir}: {error}"))
    };
    match command {
        Some(CacheCommand::Clear) => match cache.clear() {
            Err(error) => cannot("clear", error),
            Ok((count, bytes)) => Report::success(match format {
                Format::Json => json_text(&json!({
                    "dir": dir, "removed_files": count, "removed_bytes": bytes,
                })),
                Format::Table | Format::Csv => format!(
                    "cleared the cache in {}: removed {} ({})\n",
                    super::table::escaped(dir.clone()),
                    plural(count, "file", "files"),
                    size_text(bytes)
                ),
            }),
        },
        None => match cache.entries() {
            Err(error) => cannot("read", error),
            Ok(entries) => {
                let bytes: u64 = entries.iter().map(|(_, size)| size).sum();
                Report::success(match format {
                    Format::Json => json_text(&json!({
                        "dir": dir,
                        "files": entries.len(),
                        "bytes": bytes,
                        "entries": entries.iter().map(|(path, size)| json!({
                            "file": path.file_name().map(|n| n.to_string_lossy().into_owned()),
                            "bytes": size,
                        })).collect::<Vec<_>>(),
                    })),
                    Format::Table | Format::Csv => format!(
                        "cache: {}\n{} ({}); `sgraph cache clear` empties it\n",
                        super::table::escaped(dir.clone()),
                        plural(entries.len(), "file", "files"),
                        size_text(bytes)
                    ),
                })
            }
        },
    }
}
