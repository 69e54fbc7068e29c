//! SQLite storage: opening a pfos file safely, pragmas, migrations, and one module per table.

pub mod backup;
pub mod card_rates;
pub mod history;
pub mod imports;
mod migrations;
pub use migrations::latest_version as schema_version;
pub mod places;
pub mod plans;
pub mod recurring;
pub mod rules;
pub mod snapshots;
mod sql_types;
pub mod txns;

use crate::error::{Error, Result};
use rusqlite::{Connection, OpenFlags, Transaction, TransactionBehavior};
use std::path::{Path, PathBuf};

/// Identifies a pfos file (`PRAGMA application_id`): "PFOS" in ASCII.
pub const APPLICATION_ID: i32 = 0x5046_4F53;

/// An open pfos database.
pub struct Store {
    conn: Connection,
    path: PathBuf,
}

impl Store {
    /// Opens the pfos file at `path`, creating it (mode 0600, parent folders too) if it does not exist.
    /// A file that exists but is not a pfos database is refused and left untouched.
    pub fn open(path: &Path) -> Result<Store> {
        let io = |source| Error::Io {
            path: path.to_path_buf(),
            source,
        };
        let is_new = !path.exists();
        if is_new {
            if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
                std::fs::create_dir_all(parent).map_err(io)?;
            }
            create_private_file(path).map_err(io)?;
        }
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX | OpenFlags::SQLITE_OPEN_URI;
        let conn = Connection::open_with_flags(path, flags)?;
        if !is_new {
            verify_pfos_file(&conn, path)?;
        }
        let store = Store {
            conn,
            path: path.to_path_buf(),
        };
        store.prepare(is_new)?;
        Ok(store)
    }

    /// A private in-memory database, for tests.
    pub fn open_in_memory() -> Result<Store> {
        let store = Store {
            conn: Connection::open_in_memory()?,
            path: PathBuf::from(":memory:"),
        };
        store.prepare(true)?;
        Ok(store)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    fn prepare(&self, is_new: bool) -> Result<()> {
        let conn = &self.conn;
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        conn.pragma_update(None, "foreign_keys", true)?;
        if is_new {
            conn.pragma_update(None, "application_id", APPLICATION_ID)?;
        }
        let _mode: String = conn.pragma_update_and_check(None, "journal_mode", "WAL", |r| r.get(0))?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
        let latest = migrations::latest_version();
        if version > latest {
            return Err(Error::TooNew {
                path: self.path.clone(),
                found: version,
                known: latest,
            });
        }
        if version < latest {
            let tx = Transaction::new_unchecked(conn, TransactionBehavior::Immediate)?;
            migrations::migrate(&tx, version)?;
            tx.commit()?;
        }
        Ok(())
    }

    /// Read-only access.
    pub fn conn(&self) -> &Connection {
        &self.conn
    }

    /// Runs `read` in one read transaction: every query in it sees the same committed state.
    pub fn read<T>(&self, read: impl FnOnce(&Connection) -> Result<T>) -> Result<T> {
        let tx = self.conn.unchecked_transaction()?;
        let out = read(&tx)?;
        tx.commit()?;
        Ok(out)
    }

    /// Runs `change` in one immediate transaction: it happens wholly or not at all.
    pub fn write<T>(&mut self, change: impl FnOnce(&Transaction<'_>) -> Result<T>) -> Result<T> {
        self.write_unless(false, change)
    }

    /// Like [`Store::write`], but rolls back even on success when `dry_run` is set.
    pub fn write_unless<T>(&mut self, dry_run: bool, change: impl FnOnce(&Transaction<'_>) -> Result<T>) -> Result<T> {
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let out = change(&tx)?;
        if dry_run {
            tx.rollback()?;
        } else {
            tx.commit()?;
        }
        Ok(out)
    }
}

#[cfg(unix)]
fn create_private_file(path: &Path) -> std::io::Result<()> {
    use std::os::unix::fs::OpenOptionsExt;
    std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)
        .map(drop)
}

#[cfg(not(unix))]
fn create_private_file(path: &Path) -> std::io::Result<()> {
    std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .map(drop)
}

/// Refuses a file that is not a pfos database, without writing to it.
fn verify_pfos_file(conn: &Connection, path: &Path) -> Result<()> {
    let not_pfos = |reason: &str| Error::NotPfos {
        path: path.to_path_buf(),
        reason: reason.to_string(),
    };
    let size = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
    if size == 0 {
        return Err(not_pfos("the file is empty"));
    }
    let app_id: i32 = conn
        .pragma_query_value(None, "application_id", |r| r.get(0))
        .map_err(|_| not_pfos("it is not an SQLite database"))?;
    if app_id != APPLICATION_ID {
        return Err(not_pfos("it is an SQLite database of another application"));
    }
    Ok(())
}
