//! Backups a person can list and bring back, and plain words for a damaged or unreadable file.

use super::Ledger;
use crate::error::{refused, Error, Result};
use crate::store::{backup, backups, APPLICATION_ID};
use rusqlite::{Connection, OpenFlags};
use std::path::{Path, PathBuf};

impl Ledger {
    /// The automatic backups beside this database, newest first.
    pub fn backups(&self) -> Vec<PathBuf> {
        backups::list(self.path())
    }

    /// Replaces the database with the pfos backup at `source`, after keeping the current one aside.
    /// Returns where the current one was kept.
    pub fn restore(&mut self, source: &Path) -> Result<PathBuf> {
        check_backup_file(source)?;
        let time = chrono::Local::now().format("%Y%m%d-%H%M%S");
        let aside = PathBuf::from(format!("{}.before-restore-{time}", self.path().display()));
        crate::io::files::write_with_result(&aside, false, |_, tmp| backup::copy_to(self.store.conn(), tmp))?;
        self.store.restore_from(source)?;
        Ok(aside)
    }
}

/// A backup must be a whole, readable pfos database of this pfos or an older one.
fn check_backup_file(path: &Path) -> Result<()> {
    let not = |reason: &str| Error::NotPfos {
        path: path.to_path_buf(),
        reason: reason.to_string(),
    };
    if !path.is_file() {
        return refused(format!(
            "'{}' does not exist; see 'pfos backups' for the backups there are",
            path.display()
        ));
    }
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY)
        .map_err(|_| not("it cannot be opened as an SQLite database"))?;
    let app_id: i32 = conn
        .pragma_query_value(None, "application_id", |r| r.get(0))
        .map_err(|_| not("it is not an SQLite database"))?;
    if app_id != APPLICATION_ID {
        return Err(not("it is not a pfos database"));
    }
    let check: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .map_err(|_| not("it is damaged"))?;
    if check != "ok" {
        return Err(not(&format!("it is damaged ({check})")));
    }
    let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    if version > crate::store::schema_version() {
        return Err(Error::TooNew {
            path: path.to_path_buf(),
            found: version,
            known: crate::store::schema_version(),
        });
    }
    Ok(())
}

fn disk_full(db: &Path) -> String {
    format!(
        "the disk holding '{}' is full, so nothing was changed; free some space and try again",
        db.display()
    )
}

/// Whether the disk holding `db` has no room left: a small file beside it cannot be written.
fn disk_is_full(db: &Path) -> bool {
    use std::io::Write;
    let folder = db
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let Ok(mut probe) = tempfile::Builder::new().prefix(".pfos-probe-").tempfile_in(folder) else {
        return false;
    };
    let written = probe
        .write_all(&[0u8; 64 * 1024])
        .and_then(|()| probe.as_file().sync_all());
    matches!(written, Err(e) if e.kind() == std::io::ErrorKind::StorageFull || e.raw_os_error() == Some(28))
}

/// Says what an SQLite failure means for the file at `db`: damaged, read-only, unreadable, disk full.
pub fn explain(error: Error, db: &Path) -> Error {
    let Error::Sqlite(rusqlite::Error::SqliteFailure(failure, detail)) = &error else {
        return error;
    };
    let shown = db.display();
    let detail = detail.clone().unwrap_or_else(|| failure.to_string());
    let latest = backups::list(db).into_iter().next().map_or_else(
        || "there is no automatic backup beside it yet".to_string(),
        |b| {
            format!(
                "the latest backup is '{}' (bring it back with 'pfos restore {}')",
                b.display(),
                b.display()
            )
        },
    );
    use rusqlite::ErrorCode::*;
    let message = match failure.code {
        DatabaseCorrupt | NotADatabase => {
            format!("'{shown}' is damaged ({detail}); pfos changed nothing and will not try to repair it; {latest}")
        }
        ReadOnly => {
            format!("'{shown}' is read-only (its permissions, its folder's or its disk's), so nothing was changed")
        }
        CannotOpen => {
            format!("cannot open '{shown}' ({detail}); check that the file and its folder can be read and written")
        }
        DiskFull => disk_full(db),
        // With no room even for the WAL's shared-memory file SQLite says only "disk I/O error".
        SystemIoFailure if disk_is_full(db) => disk_full(db),
        DatabaseBusy | DatabaseLocked => format!(
            "'{shown}' stayed locked by another program for more than 5 seconds, so nothing was changed; try again"
        ),
        _ => return error,
    };
    Error::Refused(message)
}
