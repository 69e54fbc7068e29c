//! Automatic backups: a copy through the online backup API into `backups/` beside the database before
//! each schema upgrade and before the first Close Month of each day, keeping the newest few.

use super::backup::copy_to;
use crate::error::{Error, Result};
use rusqlite::Connection;
use std::path::{Path, PathBuf};

/// How many automatic backups are kept when `$PFOS_KEEP_BACKUPS` does not say.
pub const DEFAULT_KEEP: usize = 10;

/// How many automatic backups to keep: `$PFOS_KEEP_BACKUPS`, else [`DEFAULT_KEEP`]; 0 turns them off.
pub fn keep() -> usize {
    std::env::var("PFOS_KEEP_BACKUPS")
        .ok()
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(DEFAULT_KEEP)
}

/// The folder that holds the automatic backups of the database at `db`.
pub fn folder(db: &Path) -> PathBuf {
    db.parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
        .join("backups")
}

/// The automatic backups of the database at `db`, newest first.
pub fn list(db: &Path) -> Vec<PathBuf> {
    let prefix = format!("{}-", stem(db));
    let mut found: Vec<PathBuf> = std::fs::read_dir(folder(db))
        .map(|dir| {
            dir.filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| {
                    let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
                    name.starts_with(&prefix) && name.ends_with(".db")
                })
                .collect()
        })
        .unwrap_or_default();
    found.sort();
    found.reverse();
    found
}

fn stem(db: &Path) -> String {
    db.file_stem().and_then(|s| s.to_str()).unwrap_or("pfos").to_string()
}

/// Whether an automatic backup of the database at `db` was made today (local time).
pub fn made_today(db: &Path) -> bool {
    let today = format!("{}-{}-", stem(db), chrono::Local::now().format("%Y%m%d"));
    list(db)
        .first()
        .and_then(|p| p.file_name()?.to_str().map(|n| n.starts_with(&today)))
        .unwrap_or(false)
}

/// Copies the open database into the backup folder as `<name>-<time>-<reason>.db` (mode 0600), then
/// deletes the oldest automatic backups beyond [`keep`]. Returns the new file, or `None` when turned off.
pub fn make(conn: &Connection, db: &Path, reason: &str) -> Result<Option<PathBuf>> {
    let keep = keep();
    if keep == 0 {
        return Ok(None);
    }
    let dir = folder(db);
    let io = |source| Error::Io {
        path: dir.clone(),
        source,
    };
    super::create_private_dirs(&dir).map_err(io)?;
    let time = chrono::Local::now().format("%Y%m%d-%H%M%S%.3f");
    let dest = dir.join(format!("{}-{time}-{reason}.db", stem(db)));
    let tmp = tempfile::Builder::new()
        .prefix(".pfos-")
        .suffix(".tmp")
        .tempfile_in(&dir)
        .map_err(io)?;
    copy_to(conn, tmp.path())?;
    tmp.persist(&dest).map_err(|e| Error::Io {
        path: dest.clone(),
        source: e.error,
    })?;
    for old in list(db).into_iter().skip(keep) {
        let _ = std::fs::remove_file(old);
    }
    Ok(Some(dest))
}
