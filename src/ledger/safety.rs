//! Backups a person can list and bring back, and plain words for a damaged or unreadable file.

use super::Ledger;
use crate::error::{Error, Hint, Missing, Refusal, Result};
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
        // The candidate is checked on a copy, the way opening and `import json` check a file: brought up
        // to this schema, then every snapshot recomputed. Nothing here is replaced until it passes.
        let folder = self
            .path()
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        let scratch = tempfile::Builder::new()
            .prefix(".pfos-restore-")
            .tempdir_in(folder)
            .map_err(|source| Error::Io {
                path: folder.to_path_buf(),
                source,
            })?;
        let candidate = scratch.path().join("candidate.db");
        let from = Connection::open_with_flags(source, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
        backup::copy_to(&from, &candidate)?;
        drop(from);
        let report = Ledger::open(&candidate, self.today)
            .and_then(|l| l.check())
            .map_err(|e| not_restorable(source, &e.to_string()))?;
        if !report.problems.is_empty() {
            let first: Vec<&str> = report.problems.iter().take(3).map(String::as_str).collect();
            return Err(not_restorable(
                source,
                &format!(
                    "its snapshots do not agree with its transactions ({} problem(s): {})",
                    report.problems.len(),
                    first.join("; ")
                ),
            ));
        }
        let time = chrono::Local::now().format("%Y%m%d-%H%M%S");
        let aside = PathBuf::from(format!("{}.before-restore-{time}", self.path().display()));
        crate::io::files::write_with_result(&aside, false, |_, tmp| backup::copy_to(self.store.conn(), tmp))?;
        self.store.restore_from(&candidate)?;
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
        return Err(Error::NotFound {
            kind: Missing::Backup,
            name: path.display().to_string(),
        });
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
    if version < 1 {
        return Err(not(&format!("it has no pfos schema (user_version {version})")));
    }
    if let Some(difference) = schema_difference(&conn, version)? {
        return Err(not(&format!(
            "its schema is not the one pfos writes at version {version} ({difference}), so it may have been changed by hand"
        )));
    }
    Ok(())
}

/// The first difference between a file's schema and the one pfos makes at `version`: every table, index
/// and trigger, with its SQL (whitespace aside), and nothing else.
fn schema_difference(conn: &Connection, version: i64) -> Result<Option<String>> {
    let expected = Connection::open_in_memory()?;
    crate::store::create_at_version(&expected, version)?;
    let read = |c: &Connection| -> rusqlite::Result<std::collections::BTreeMap<(String, String), String>> {
        let mut stmt = c.prepare(
            "SELECT type, name, coalesce(sql, '') FROM sqlite_schema WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\'",
        )?;
        let rows = stmt.query_map([], |r| {
            let sql: String = r.get(2)?;
            Ok((
                (r.get(0)?, r.get(1)?),
                sql.split_whitespace().collect::<Vec<_>>().join(" "),
            ))
        })?;
        rows.collect()
    };
    let want = read(&expected)?;
    let have = read(conn)?;
    for (key, sql) in &have {
        match want.get(key) {
            None => return Ok(Some(format!("it has a {} '{}' pfos does not make", key.0, key.1))),
            Some(w) if w != sql => return Ok(Some(format!("its {} '{}' differs", key.0, key.1))),
            _ => {}
        }
    }
    Ok(want
        .keys()
        .find(|k| !have.contains_key(*k))
        .map(|k| format!("its {} '{}' is missing", k.0, k.1)))
}

fn not_restorable(path: &Path, reason: &str) -> Error {
    Error::refusal(format!(
        "cannot restore '{}': {reason}; the current database was left as it was",
        path.display()
    ))
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
    let latest = backups::list(db).into_iter().next();
    let about_backup = latest.as_ref().map_or_else(
        || "there is no automatic backup beside it yet".to_string(),
        |b| format!("the latest backup is '{}'", b.display()),
    );
    use rusqlite::ErrorCode::*;
    let message = match failure.code {
        DatabaseCorrupt | NotADatabase => {
            let damaged = Refusal::new(format!(
                "'{shown}' is damaged ({detail}); pfos changed nothing and will not try to repair it; {about_backup}"
            ));
            return match latest {
                Some(path) => damaged.hint(Hint::RestoreBackup { path }).into(),
                None => damaged.into(),
            };
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
    Error::refusal(message)
}
