//! SQLite storage: opening a pfos file safely, pragmas, migrations, and one module per table.

pub mod activity;
pub mod backup;
pub mod backups;
pub mod card_month_ends;
pub mod card_rates;
pub mod categories;
pub mod imports;
pub mod learned;
mod leftovers;
pub mod loan_interest;
mod migrations;
#[doc(hidden)]
pub use migrations::create_at_version;
pub use migrations::latest_version as schema_version;
pub mod place_terms;
pub mod place_uses;
pub mod places;
pub mod plans;
pub mod reconciliations;
pub mod recurring;
pub mod rules;
pub mod search;
pub mod snapshots;
mod sql_types;
pub mod txns;

pub use activity::Change;

use crate::error::{refused, Error, Result};
use rusqlite::{Connection, OpenFlags, Transaction, TransactionBehavior};
use std::path::{Path, PathBuf};

/// The page cache of a bulk write, in KiB (as `PRAGMA cache_size` takes it: negative).
const BULK_CACHE_KIB: i64 = -8 * 1024;

/// Who makes sure a bulk write's rows refer to rows that exist.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum References {
    /// SQLite checks every row's foreign keys (rows from a file: a restore).
    CheckedBySqlite,
    /// The writer takes every reference from rows it read in the same transaction (a CSV import: its
    /// places, the transactions it wrote or matched); SQLite's per-row check is skipped. A check per row
    /// costs a B-tree search (for a fingerprint, into the whole `txns` table) and a statement journal.
    /// Such a writer makes its values from the domain's types too (a kind from `TxnKind`, an amount from
    /// `Money`), so the tables' CHECK constraints are set aside as well: `kind IN (…)` alone builds a
    /// temporary B-tree of the six kinds for every row inserted.
    CheckedByCaller,
}

/// Connection settings to put back after a bulk write (see [`Store::begin_bulk`]).
pub struct BulkSettings {
    cache_size: i64,
    temp_store: i64,
}

/// Identifies a pfos file (`PRAGMA application_id`): "PFOS" in ASCII.
pub const APPLICATION_ID: i32 = 0x5046_4F53;

/// An open pfos database.
pub struct Store {
    conn: Connection,
    path: PathBuf,
    read_only: bool,
    /// Whether changes go into the activity log (off for generated data nobody will undo).
    logging: bool,
    /// The last search's matching rows, so that paging through it reads them once.
    matches: search::MatchCache,
}

impl Store {
    /// Opens the pfos file at `path`, creating it (mode 0600, parent folders too) if it does not exist.
    /// A file that exists but is not a pfos database is refused and left untouched.
    pub fn open(path: &Path) -> Result<Store> {
        let io = |source| Error::Io {
            path: path.to_path_buf(),
            source,
        };
        // Anything but a regular file (a FIFO, a device, a folder) is refused before it is opened: opening
        // a FIFO alone would wait forever for a writer.
        let is_new = match std::fs::metadata(path) {
            Ok(meta) if meta.is_file() => false,
            Ok(meta) => return not_a_regular_file(path, &meta).err(),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => true,
            Err(e) => return Err(io(e)),
        };
        if is_new {
            if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
                create_private_dirs(parent).map_err(io)?;
            }
            create_private_file(path).map_err(io)?;
        }
        if !is_new {
            verify_pfos_file(path)?;
            leftovers::clean(path);
        }
        let conn = match open_writable(path) {
            Ok(conn) => conn,
            // A read-only mount or folder: the WAL's shared-memory file cannot be made, so read the file
            // as it is, unchanging, and refuse every write.
            Err(_) if !is_new && !folder_writable(path) => open_immutable(path)?,
            Err(e) => return Err(e.into()),
        };
        let mut store = Store {
            conn,
            path: path.to_path_buf(),
            read_only: false,
            logging: true,
            matches: search::MatchCache::default(),
        };
        store.prepare(is_new)?;
        store.conn.pragma_update(None, "query_only", true)?;
        Ok(store)
    }

    /// A private in-memory database, for tests.
    pub fn open_in_memory() -> Result<Store> {
        let mut store = Store {
            conn: Connection::open_in_memory()?,
            path: PathBuf::from(":memory:"),
            read_only: false,
            logging: true,
            matches: search::MatchCache::default(),
        };
        store.prepare(true)?;
        store.conn.pragma_update(None, "query_only", true)?;
        Ok(store)
    }

    /// Up to `limit` transactions `filter` keeps beyond `from`, in `direction`'s order (see
    /// [`search::page`]); the rows matching its words are read once while the database is unchanged.
    pub fn search_page(
        &self,
        filter: &search::TxnFilter,
        from: Option<txns::Cursor>,
        direction: search::Direction,
        limit: usize,
    ) -> rusqlite::Result<Vec<crate::domain::Txn>> {
        search::page(&self.conn, &self.matches, filter, from, direction, limit)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    fn prepare(&mut self, is_new: bool) -> Result<()> {
        let conn = &self.conn;
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        conn.pragma_update(None, "foreign_keys", true)?;
        search::register_functions(conn)?;
        self.read_only = conn.is_readonly(rusqlite::MAIN_DB)?;
        // Look before writing anything: a newer pfos's file is left exactly as it is.
        let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
        let latest = migrations::latest_version();
        if !is_new && version <= 0 {
            return Err(Error::NotPfos {
                path: self.path.clone(),
                reason: format!(
                    "it carries pfos's id but no pfos schema version (user_version {version}), so pfos did not write it or it was damaged"
                ),
            });
        }
        if version > latest {
            return Err(Error::TooNew {
                path: self.path.clone(),
                found: version,
                known: latest,
            });
        }
        if self.read_only {
            if version < latest {
                return refused(format!(
                    "'{}' needs an upgrade to this pfos's schema, but it is read-only; make it writable once so pfos can upgrade it (a backup is written first)",
                    self.path.display()
                ));
            }
            return Ok(());
        }
        if is_new {
            conn.pragma_update(None, "application_id", APPLICATION_ID)?;
        } else if version < latest {
            // An older file: keep a copy of it as it was before changing anything.
            backups::make(conn, &self.path, &format!("before-upgrade-v{version}-to-v{latest}"))?;
        }
        if version < latest {
            // One transaction, before anything else is written: a failed upgrade leaves the file as it was.
            migrations::upgrade(conn, version)?;
        }
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        // A file pfos creates or upgrades goes to WAL (readers never wait for a writer). An existing file
        // is left in its mode: switching would write to it before it is known to be readable.
        if is_new || version < latest {
            use_wal(conn)?;
        }
        Ok(())
    }

    /// Turns the activity log on or off for the changes that follow (off: they cannot be undone).
    pub fn set_logging(&mut self, on: bool) {
        self.logging = on;
    }

    /// Whether the file could only be opened for reading (its permissions, or its folder's).
    pub fn is_read_only(&self) -> bool {
        self.read_only
    }

    fn refuse_if_read_only(&self) -> Result<()> {
        if self.read_only {
            return refused(format!(
                "'{}' is read-only (its permissions, its folder's or its disk's), so nothing can change; pfos can still show it",
                self.path.display()
            ));
        }
        Ok(())
    }

    /// Changes whenever another connection commits to the file (`PRAGMA data_version`).
    pub fn data_version(&self) -> Result<i64> {
        Ok(self.conn.pragma_query_value(None, "data_version", |r| r.get(0))?)
    }

    /// Like [`Self::auto_backup`], unless an automatic backup was made today already: copying the whole
    /// file costs more than the step itself on a large ledger, and the undo log takes back any later step.
    pub fn daily_backup(&self, reason: &str) -> Result<Option<PathBuf>> {
        if backups::made_today(&self.path) {
            return Ok(None);
        }
        self.auto_backup(reason)
    }

    /// Copies the database into its backup folder before a risky step (`reason` goes in the name).
    pub fn auto_backup(&self, reason: &str) -> Result<Option<PathBuf>> {
        // Generated data (logging off) is not worth a backup per step either.
        if self.path.as_os_str() == ":memory:" || self.read_only || !self.logging {
            return Ok(None);
        }
        backups::make(&self.conn, &self.path, reason)
    }

    /// Replaces the whole database with the pfos database at `source`, through the online backup API
    /// (one step, so readers see the old or the new state), then brings its schema up to date.
    pub fn restore_from(&mut self, source: &Path) -> Result<()> {
        self.refuse_if_read_only()?;
        let from = Connection::open_with_flags(source, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
        {
            let backup = rusqlite::backup::Backup::new(&from, &mut self.conn)?;
            // All pages in one step, so the database is the old one or the new one, never a mix.
            while backup.step(-1)? != rusqlite::backup::StepResult::Done {
                std::thread::sleep(std::time::Duration::from_millis(50));
            }
        }
        let version: i64 = self.conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
        if version < migrations::latest_version() {
            migrations::upgrade(&self.conn, version)?;
        }
        use_wal(&self.conn)
    }

    /// Switches to the settings a bulk write wants: a bigger page cache (the last batches' pages stay in
    /// memory) and statement journals in memory (every insert into a table with triggers and constraints
    /// keeps one: in a temporary file that is millions of small writes), and foreign keys unchecked when
    /// the caller vouches for them (see [`References`]). Call it outside a transaction (SQLite ignores a
    /// change of `foreign_keys` inside one). Returns what to put back with [`Self::end_bulk`].
    pub fn begin_bulk(&self, references: References) -> Result<BulkSettings> {
        let before = BulkSettings {
            cache_size: self.conn.pragma_query_value(None, "cache_size", |r| r.get(0))?,
            temp_store: self.conn.pragma_query_value(None, "temp_store", |r| r.get(0))?,
        };
        self.conn.pragma_update(None, "cache_size", BULK_CACHE_KIB)?;
        self.conn.pragma_update(None, "temp_store", "MEMORY")?;
        if references == References::CheckedByCaller {
            self.conn.pragma_update(None, "foreign_keys", false)?;
            self.conn.pragma_update(None, "ignore_check_constraints", true)?;
        }
        Ok(before)
    }

    /// Puts back the settings [`Self::begin_bulk`] changed.
    pub fn end_bulk(&self, before: BulkSettings) -> Result<()> {
        self.conn.pragma_update(None, "cache_size", before.cache_size)?;
        self.conn.pragma_update(None, "temp_store", before.temp_store)?;
        self.conn.pragma_update(None, "foreign_keys", true)?;
        self.conn.pragma_update(None, "ignore_check_constraints", false)?;
        Ok(())
    }

    /// Read-only access: the connection refuses writes (`PRAGMA query_only`) except inside
    /// [`Store::write`] and its kin, so no layer can change the ledger outside a logged transaction.
    pub fn conn(&self) -> &Connection {
        &self.conn
    }

    /// Allows writes until the guard is dropped (at the end of a write, whether it committed or not).
    fn writable(&self) -> Result<Writable<'_>> {
        self.conn.pragma_update(None, "query_only", false)?;
        Ok(Writable(&self.conn))
    }

    /// Runs `read` in one read transaction: every query in it sees the same committed state.
    pub fn read<T>(&self, read: impl FnOnce(&Connection) -> Result<T>) -> Result<T> {
        let tx = self.conn.unchecked_transaction()?;
        let out = read(&tx)?;
        tx.commit()?;
        Ok(out)
    }

    /// Runs `change` in one immediate transaction: it happens wholly or not at all, and what it changed
    /// goes into the activity log in the same transaction, so it can be undone.
    pub fn write<T>(&mut self, change: impl FnOnce(&Transaction<'_>) -> Result<(T, Change)>) -> Result<T> {
        self.write_unless(false, change)
    }

    /// Like [`Store::write`], but rolls back even on success when `dry_run` is set.
    pub fn write_unless<T>(
        &mut self,
        dry_run: bool,
        change: impl FnOnce(&Transaction<'_>) -> Result<(T, Change)>,
    ) -> Result<T> {
        self.refuse_if_read_only()?;
        let guard = self.writable()?;
        let tx = Transaction::new_unchecked(guard.0, TransactionBehavior::Immediate)?;
        activity::begin(&tx)?;
        let (out, what) = change(&tx)?;
        if !dry_run && self.logging {
            activity::record(&tx, &what)?;
        } else {
            activity::begin(&tx)?;
        }
        if dry_run {
            tx.rollback()?;
        } else {
            tx.commit()?;
        }
        Ok(out)
    }

    /// Runs `change` in one immediate transaction without logging it (undo and redo themselves).
    pub fn write_unlogged<T>(&mut self, change: impl FnOnce(&Transaction<'_>) -> Result<T>) -> Result<T> {
        self.refuse_if_read_only()?;
        let guard = self.writable()?;
        let tx = Transaction::new_unchecked(guard.0, TransactionBehavior::Immediate)?;
        let out = change(&tx)?;
        tx.commit()?;
        Ok(out)
    }
}

/// Writes allowed on a connection while it lives; queries only again once it is dropped.
struct Writable<'a>(&'a Connection);

impl Drop for Writable<'_> {
    fn drop(&mut self) {
        // Setting a pragma on an open connection cannot fail short of the connection being gone.
        let _ = self.0.pragma_update(None, "query_only", true);
    }
}

/// Opens the file for reading and writing (SQLite falls back to reading a write-protected file).
fn open_writable(path: &Path) -> rusqlite::Result<Connection> {
    let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX | OpenFlags::SQLITE_OPEN_URI;
    let conn = Connection::open_with_flags(path, flags)?;
    // Reading the schema is what needs the WAL's shared memory: fail here, not at the first query.
    conn.query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get::<_, i64>(0))?;
    Ok(conn)
}

/// Opens a file on read-only media as immutable: read as it is, no shared memory, no writes.
fn open_immutable(path: &Path) -> Result<Connection> {
    let uri = format!("file:{}?immutable=1", uri_path(path));
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX | OpenFlags::SQLITE_OPEN_URI;
    Ok(Connection::open_with_flags(uri, flags)?)
}

/// A path as the path part of an SQLite `file:` URI (`%`, `?` and `#` escaped).
fn uri_path(path: &Path) -> String {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut out = String::new();
    for ch in absolute.to_string_lossy().chars() {
        match ch {
            '%' => out.push_str("%25"),
            '?' => out.push_str("%3f"),
            '#' => out.push_str("%23"),
            c => out.push(c),
        }
    }
    out
}

/// Whether a file can be created beside the database (false on a read-only mount or folder).
fn folder_writable(path: &Path) -> bool {
    let folder = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    tempfile::Builder::new()
        .prefix(".pfos-probe-")
        .tempfile_in(folder)
        .is_ok()
}

fn not_a_regular_file(path: &Path, meta: &std::fs::Metadata) -> crate::error::Refusal {
    let what = if meta.is_dir() {
        "a folder"
    } else {
        kind_of_special(meta)
    };
    let reason = format!("'{}' is {what}, not a regular file", path.display());
    crate::error::Refusal::new(reason).hint(crate::error::Hint::PointDb)
}

#[cfg(unix)]
fn kind_of_special(meta: &std::fs::Metadata) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    let t = meta.file_type();
    if t.is_fifo() {
        "a FIFO (named pipe)"
    } else if t.is_socket() {
        "a socket"
    } else if t.is_char_device() || t.is_block_device() {
        "a device"
    } else {
        "not a file"
    }
}

#[cfg(not(unix))]
fn kind_of_special(_: &std::fs::Metadata) -> &'static str {
    "not a file"
}

/// Creates the folders on the way to `dir` that do not exist yet, each private (0700).
#[cfg(unix)]
pub(crate) fn create_private_dirs(dir: &Path) -> std::io::Result<()> {
    use std::os::unix::fs::DirBuilderExt;
    std::fs::DirBuilder::new().recursive(true).mode(0o700).create(dir)
}

#[cfg(not(unix))]
pub(crate) fn create_private_dirs(dir: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)
}

fn use_wal(conn: &Connection) -> Result<()> {
    let _mode: String = conn.pragma_update_and_check(None, "journal_mode", "WAL", |r| r.get(0))?;
    Ok(())
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

/// Refuses a file that is not a pfos database, reading its header directly so nothing is written and a
/// damaged pfos file is still recognised as one (its damage is reported when it is read).
fn verify_pfos_file(path: &Path) -> Result<()> {
    use std::io::Read;
    let not_pfos = |reason: &str| Error::NotPfos {
        path: path.to_path_buf(),
        reason: reason.to_string(),
    };
    let mut header = Vec::with_capacity(100);
    std::fs::File::open(path)
        .and_then(|f| f.take(100).read_to_end(&mut header))
        .map_err(|source| Error::Io {
            path: path.to_path_buf(),
            source,
        })?;
    if header.is_empty() {
        return Err(not_pfos("the file is empty"));
    }
    if header.len() < 100 || !header.starts_with(b"SQLite format 3\0") {
        return Err(not_pfos("it is not an SQLite database"));
    }
    let app_id = i32::from_be_bytes([header[68], header[69], header[70], header[71]]);
    if app_id != APPLICATION_ID {
        return Err(not_pfos("it is an SQLite database of another application"));
    }
    Ok(())
}
