//! Writing an import's transactions and fingerprints many rows to a statement.

use super::{encode_splits, encode_tags, last_id};
use crate::domain::{PlaceId, TxnDraft, TxnId};
use crate::store::categories;
use chrono::NaiveDate;
use rusqlite::{Connection, Statement};

/// Transactions and their import fingerprints written many rows to a statement, with ids given here (the
/// next ones after the largest, as SQLite would give them one by one). Nothing is written until [`flush`];
/// whoever reads `txns` or `txn_imports` meanwhile flushes first.
///
/// [`flush`]: BatchWriter::flush
pub struct BatchWriter<'c> {
    next_id: TxnId,
    /// Queued, to get the ids `next_id - len` .. `next_id - 1`, each with the (place, hash) of the imported
    /// row that makes it, kept in its row (see [`crate::store::imports`]).
    txns: Vec<(TxnDraft, Option<(PlaceId, i64)>)>,
    /// (place, day, transaction, hash) of imported rows: see [`super::imports`].
    fingerprints: Vec<(PlaceId, i64, TxnId, i64)>,
    /// Each category as given → its stored spelling (the first one it was given, whatever the case).
    spellings: std::collections::HashMap<String, String>,
    /// The last (category given, stored spelling).
    last_spelling: Option<(String, String)>,
    /// Bytes of the queued transactions' descriptions.
    queued_text: usize,
    /// The statement of a full batch of transactions, prepared once and kept: a statement handed back to
    /// the cache has its 2,816 parameters cleared each time.
    full_txns: Statement<'c>,
    /// The statement of a full batch of fingerprints (its text made once: the cache is looked up by it).
    full_fingerprints_sql: String,
}

// OR FAIL: a failing row ends the statement as OR ABORT would, but without undoing the statement's earlier
// rows, so SQLite keeps no statement journal (a copy of every page a batch touches); the caller's
// transaction is rolled back on any error, which undoes them all the same.
// The ids are SQLite's own (given a row, an id would be checked for being an integer, which alone makes
// SQLite keep a statement journal): the next after the largest, as BatchWriter hands them out.
const TXNS_INSERT: &str = "INSERT OR FAIL INTO txns (date, kind, amount_cents, from_id, to_id, category, description, \
                           splits, tags, import_place, import_hash) VALUES ";
/// Columns per queued transaction.
const TXN_COLUMNS: usize = 11;
const FINGERPRINTS_INSERT: &str = "INSERT OR FAIL INTO txn_imports (place_id, day, txn_id, hash) VALUES ";

/// Bytes of descriptions a full batch's statement may keep bound between batches.
const KEPT_TEXT_BYTES: usize = 256 * 1024;
/// Bytes of descriptions queued at most before they are written.
const QUEUED_TEXT_BYTES: usize = 1024 * 1024;
/// Rows per INSERT statement.
const BATCH_ROWS: usize = 256;
/// Fingerprints held before they are written, sorted, so that their index is filled in order.
const FINGERPRINTS_HELD: usize = 32 * 1024;

impl<'c> BatchWriter<'c> {
    /// A writer to `conn`, the connection every later call is given too.
    pub fn new(conn: &'c Connection) -> rusqlite::Result<BatchWriter<'c>> {
        let last = last_id(conn)?;
        Ok(BatchWriter {
            next_id: last + 1,
            txns: Vec::with_capacity(BATCH_ROWS),
            fingerprints: Vec::new(),
            spellings: std::collections::HashMap::new(),
            last_spelling: None,
            queued_text: 0,
            full_txns: conn.prepare(&values_sql(TXNS_INSERT, TXN_COLUMNS, BATCH_ROWS))?,
            full_fingerprints_sql: values_sql(FINGERPRINTS_INSERT, 4, BATCH_ROWS),
        })
    }

    /// Queues a transaction and returns the id it will have; `made_by` is the (place, fingerprint hash) of
    /// the imported row that makes it.
    pub fn insert(
        &mut self,
        conn: &Connection,
        mut draft: TxnDraft,
        made_by: Option<(PlaceId, i64)>,
    ) -> rusqlite::Result<TxnId> {
        if let Some(category) = draft.category.take() {
            draft.category = Some(self.spelling(conn, category)?);
        }
        for line in &mut draft.splits {
            line.category = self.spelling(conn, std::mem::take(&mut line.category))?;
        }
        let id = self.next_id;
        self.next_id += 1;
        self.queued_text += draft.description.len();
        self.txns.push((draft, made_by));
        // Long descriptions make a batch of fewer rows: what is queued stays a few MiB whatever the file.
        if self.txns.len() == BATCH_ROWS || self.queued_text >= QUEUED_TEXT_BYTES {
            self.write_txns(conn)?;
        }
        Ok(id)
    }

    /// The stored spelling of a category, looked up once per spelling given.
    fn spelling(&mut self, conn: &Connection, given: String) -> rusqlite::Result<String> {
        // Most rows of a file share their category: the last one is at hand without hashing.
        if let Some((last, stored)) = &self.last_spelling {
            if *last == given {
                return Ok(stored.clone());
            }
        }
        if let Some(known) = self.spellings.get(&given) {
            self.last_spelling = Some((given, known.clone()));
            return Ok(known.clone());
        }
        let stored = categories::canonical(conn, &given)?;
        self.spellings.insert(given.clone(), stored.clone());
        self.last_spelling = Some((given, stored.clone()));
        Ok(stored)
    }

    /// Queues what identifies an imported row of `place` dated `date` tied to a transaction stored already
    /// (the other side of a transfer): the fingerprint's hash, see [`crate::store::imports`].
    pub fn fingerprint(
        &mut self,
        conn: &Connection,
        place: PlaceId,
        date: NaiveDate,
        hash: i64,
        txn: TxnId,
    ) -> rusqlite::Result<()> {
        self.fingerprints
            .push((place, crate::store::imports::day_number(date), txn, hash));
        if self.fingerprints.len() >= FINGERPRINTS_HELD {
            self.flush(conn)?;
        }
        Ok(())
    }

    /// Writes everything queued.
    pub fn flush(&mut self, conn: &Connection) -> rusqlite::Result<()> {
        self.write_txns(conn)?;
        // In key order: each place and day gets its new rows at the end of what it has (ids only grow).
        self.fingerprints.sort_unstable();
        for chunk in self.fingerprints.chunks(BATCH_ROWS) {
            let mut stmt = if chunk.len() == BATCH_ROWS {
                conn.prepare_cached(&self.full_fingerprints_sql)?
            } else {
                conn.prepare_cached(&values_sql(FINGERPRINTS_INSERT, 4, chunk.len()))?
            };
            for (i, (place, day, txn, hash)) in chunk.iter().enumerate() {
                stmt.raw_bind_parameter(4 * i + 1, place)?;
                stmt.raw_bind_parameter(4 * i + 2, day)?;
                stmt.raw_bind_parameter(4 * i + 3, txn)?;
                stmt.raw_bind_parameter(4 * i + 4, hash)?;
            }
            stmt.raw_execute()?;
        }
        self.fingerprints.clear();
        Ok(())
    }

    fn write_txns(&mut self, conn: &Connection) -> rusqlite::Result<()> {
        if self.txns.is_empty() {
            return Ok(());
        }
        if self.txns.len() == BATCH_ROWS {
            bind_txns(&mut self.full_txns, &self.txns)?;
            // The kept statement keeps a copy of what was bound: let go of long texts (a few dozen bytes a
            // row are kept until the next batch overwrites them, rather than cleared every time).
            if self.queued_text > KEPT_TEXT_BYTES {
                self.full_txns.clear_bindings();
            }
        } else {
            let mut stmt = conn.prepare_cached(&values_sql(TXNS_INSERT, TXN_COLUMNS, self.txns.len()))?;
            bind_txns(&mut stmt, &self.txns)?;
        }
        // SQLite gave the rows the ids handed out (the next after the largest, in order): check it.
        let expected = self.next_id - 1;
        if conn.last_insert_rowid() != expected {
            return Err(rusqlite::Error::SqliteFailure(
                rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_INTERNAL),
                Some(format!(
                    "transactions were stored as #{} where #{expected} was expected; nothing was written",
                    conn.last_insert_rowid()
                )),
            ));
        }
        self.txns.clear();
        self.queued_text = 0;
        Ok(())
    }
}

/// Binds every queued transaction to an insert of as many rows, and runs it.
fn bind_txns(stmt: &mut Statement<'_>, txns: &[(TxnDraft, Option<(PlaceId, i64)>)]) -> rusqlite::Result<()> {
    {
        let mut date = String::with_capacity(10);
        for (i, (t, made_by)) in txns.iter().enumerate() {
            let at = TXN_COLUMNS * i;
            // As rusqlite writes a date ("%F"), without its formatter.
            date.clear();
            crate::domain::calendar::push_iso_date(&mut date, t.date);
            stmt.raw_bind_parameter(at + 1, date.as_str())?;
            stmt.raw_bind_parameter(at + 2, t.kind)?;
            stmt.raw_bind_parameter(at + 3, t.amount)?;
            stmt.raw_bind_parameter(at + 4, t.from)?;
            stmt.raw_bind_parameter(at + 5, t.to)?;
            stmt.raw_bind_parameter(at + 6, &t.category)?;
            stmt.raw_bind_parameter(at + 7, &t.description)?;
            stmt.raw_bind_parameter(at + 8, encode_splits(&t.splits))?;
            stmt.raw_bind_parameter(at + 9, encode_tags(&t.tags))?;
            stmt.raw_bind_parameter(at + 10, made_by.map(|(place, _)| place))?;
            stmt.raw_bind_parameter(at + 11, made_by.map(|(_, hash)| hash))?;
        }
    }
    stmt.raw_execute()?;
    Ok(())
}

/// `head` followed by `rows` groups of `columns` placeholders.
fn values_sql(head: &str, columns: usize, rows: usize) -> String {
    let group = format!("({})", vec!["?"; columns].join(", "));
    format!("{head}{}", vec![group; rows].join(", "))
}
