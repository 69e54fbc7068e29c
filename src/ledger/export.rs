//! Data in and out: the hledger journal, CSV and JSON exports, restoring a JSON export, and backups.

use super::check::check_conn;
use super::{Ledger, State};
use crate::domain::{Place, PlaceKind, Places, Txn};
use crate::error::{refused_with, Error, Hint, Refusal, Result};
use crate::io::csv_export::TxnCsv;
use crate::io::json_backup::{Backup, ImportedRow, LoanInterestRow, ReconciliationRow, StoredSnapshot};
use crate::io::json_restore::Failure;
use crate::io::ledger_export::Journal;
use crate::io::{files, json_backup, json_restore};
use crate::store::{activity, categories, imports, loan_interest, reconciliations, recurring as recurring_rows};
use crate::store::{backup, places as place_rows, rules as rule_rows, snapshots, txns};
use crate::store::{backups, Change};
use rusqlite::{Connection, Transaction};
use std::io::Write;
use std::path::Path;

/// How many of check's problems an import refusal lists.
const PROBLEMS_SHOWN: usize = 5;

/// What an import brought in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportSummary {
    pub places: usize,
    pub transactions: usize,
    pub snapshots: usize,
    /// A file from an older pfos: its closed months were recomputed by the current rules (as opening an
    /// older database does), and these are the figures that changed ("no closed month's figures changed"
    /// when none did). Empty for a current file.
    pub recomputed: Vec<String>,
}

/// Which export to write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportKind {
    /// The hledger/ledger journal of every transaction.
    Journal,
    /// Every transaction as CSV.
    Csv,
    /// Everything, as the JSON export `pfos import json` reads.
    Json,
}

/// Everything stored but the transactions (which are handed over one at a time instead).
fn read_all_but_txns(conn: &Connection) -> Result<Backup> {
    let places = Places::new(place_rows::all(conn)?);
    let mut stored = Vec::new();
    for (month, closed_at) in snapshots::closed_at_all(conn)? {
        if let Some(snapshot) = snapshots::load(conn, month, &places)? {
            stored.push(StoredSnapshot { closed_at, snapshot });
        }
    }
    Ok(Backup {
        last_txn_id: txns::last_id(conn)?,
        categories: categories::all(conn)?,
        places: places.all().to_vec(),
        loan_interest: loan_interest::all(conn)?
            .into_iter()
            .map(|(loan, month, txn)| LoanInterestRow { loan, month, txn })
            .collect(),
        snapshots: stored,
        rules: rule_rows::all(conn)?,
        plans: super::plans::read_plans(conn)?,
        reconciliations: reconciliations::all(conn)?
            .into_iter()
            .map(|r| ReconciliationRow {
                place: r.place,
                date: r.date,
                amount: r.amount,
                recorded_at: r.recorded_at,
            })
            .collect(),
    })
}

impl Ledger {
    /// Writes an export to `out`: everything read in one transaction (one consistent state), the
    /// transactions handed over one at a time so a million of them are never in memory at once.
    pub fn write_export(&self, kind: ExportKind, out: &mut dyn Write) -> Result<()> {
        self.store.read(|conn| {
            let data = read_all_but_txns(conn)?;
            let places = Places::new(data.places.clone());
            let each = |visit: &mut dyn FnMut(&Txn) -> Result<()>| txns::each_of_all(conn, |t| visit(&t));
            match kind {
                ExportKind::Json => json_backup::write_json(&data, out, |visit| {
                    let mut rows = Vec::new();
                    txns::each_of_all_with_imports(conn, |t, stored| {
                        rows.clear();
                        for &(place, day, hash) in stored {
                            let date = imports::date_of_day(day).ok_or_else(|| {
                                Error::refusal(format!(
                                    "transaction {} has an imported row dated day {day}, which is not a date",
                                    t.id
                                ))
                            })?;
                            rows.push(ImportedRow { place, date, hash });
                        }
                        visit(&t, &rows)
                    })
                }),
                ExportKind::Journal => {
                    let mut journal = Journal::new(&places);
                    out.write_all(journal.head().as_bytes())
                        .map_err(crate::io::export_failed)?;
                    let mut entry = String::new();
                    each(&mut |t| {
                        entry.clear();
                        journal.entry(t, &mut entry);
                        out.write_all(entry.as_bytes()).map_err(crate::io::export_failed)
                    })
                }
                ExportKind::Csv => {
                    let mut csv = TxnCsv::new(&places, &mut *out)?;
                    each(&mut |t| csv.row(t))?;
                    csv.finish()
                }
            }
        })
    }

    /// An export as text (small ledgers, tests).
    pub fn export_text(&self, kind: ExportKind) -> Result<String> {
        let mut bytes = Vec::new();
        self.write_export(kind, &mut bytes)?;
        String::from_utf8(bytes).map_err(|e| Error::refusal(format!("cannot write the export: {e}")))
    }

    /// Everything, as the JSON export.
    pub fn export_json(&self) -> Result<String> {
        self.export_text(ExportKind::Json)
    }

    /// Writes an export to `path` whole or not at all; an existing file only with `force`.
    pub fn export_to(&self, kind: ExportKind, path: &Path, force: bool) -> Result<()> {
        files::ensure_not_database(
            path,
            self.path(),
            (&backups::list(self.path()), &backups::folder(self.path())),
        )?;
        files::write_with_result(path, force, |file, _| {
            let io = |source| Error::Io {
                path: path.to_path_buf(),
                source,
            };
            let mut buffered = std::io::BufWriter::with_capacity(1 << 16, &mut *file);
            self.write_export(kind, &mut buffered)?;
            buffered.flush().map_err(io)?;
            drop(buffered);
            file.sync_all().map_err(io)
        })
    }

    /// A consistent copy of the database at `dest` through SQLite's online backup API (mode 0600).
    pub fn backup_to(&self, dest: &Path, force: bool) -> Result<()> {
        files::ensure_not_database(
            dest,
            self.path(),
            (&backups::list(self.path()), &backups::folder(self.path())),
        )?;
        let conn = self.store.conn();
        files::write_with_result(dest, force, |_, tmp| backup::copy_to(conn, tmp))
    }

    /// Restores a JSON export into this database, which must be empty: all of it, ids kept, in one
    /// transaction that is committed only if `pfos check` finds every snapshot and identity in order.
    /// The transactions stream from the file into the database as they are read and checked (see
    /// `io::json_restore`); like a CSV import they are logged for undo as one id range, not row by row.
    pub fn import_json(&mut self, path: &Path) -> Result<ImportSummary> {
        let shown = path.display().to_string();
        let file = std::fs::File::open(path).map_err(|source| Error::Io {
            path: path.to_path_buf(),
            source,
        })?;
        let refusal = |why: String| Refusal::new(format!("cannot import '{shown}': {why}; nothing was imported"));
        let cannot = |why: String| Error::from(refusal(why));
        let db = self.path().display().to_string();
        let settings = self.store.begin_bulk(crate::store::References::CheckedBySqlite)?;
        let result = self.store.write(|tx| {
            let (places, txn_count, snapshot_count) = (place_rows::count(tx)?, txns::count(tx)?, snapshots::count(tx)?);
            if places + txn_count + snapshot_count > 0 {
                return refused_with(
                    format!("cannot import into '{db}': it is not empty ({places} places, {txn_count} transactions)"),
                    Hint::RestoreIntoNew {
                        file: path.to_path_buf(),
                    },
                );
            }

            let mut sink = Restorer { tx, paused: None };
            let restored = json_restore::restore(path, file, &mut sink);
            let paused = sink.paused;
            let mut data = restored.map_err(|failure| match failure {
                Failure::Problem(why) => cannot(why),
                Failure::NotAnExport(why) => refusal(why).hint(Hint::JsonExport).into(),
                Failure::Error(e) => e,
            })?;
            if let Some(before) = paused {
                activity::resume_with_range(tx, before, &[])?;
            }
            for s in &data.snapshots {
                snapshots::insert(tx, &s.snapshot, &s.closed_at)?;
            }
            for r in &data.rules {
                rule_rows::insert_restored(tx, r)?;
            }
            // Recurring posts belong to the transactions' range in the log (undone with them), so they go
            // in unlogged, after the recurring items they refer to.
            let posts = std::mem::take(&mut data.plans.posts);
            super::plans::write_plans(tx, &data.plans)?;
            let before = activity::pause(tx)?;
            for post in &posts {
                recurring_rows::insert_post(tx, post.txn, post.item, post.date)?;
            }
            for post in &data.loan_interest {
                loan_interest::insert(tx, post.loan, post.month, post.txn)?;
            }
            activity::resume_with_range(tx, before, &[])?;
            // The transactions recorded their categories as they came; the file's list gives the order they
            // were first given in (its spellings are the transactions' own: the restore checked them).
            if let Some(names) = &data.categories {
                categories::replace_all(tx, names)?;
            }
            txns::reserve_ids_through(tx, data.last_txn_id)?;
            let mut recomputed = Vec::new();
            if data.version < json_backup::VERSION && !data.snapshots.is_empty() {
                let older = super::upgrade::recompute_older_months(tx)?;
                if !older.problems.is_empty() {
                    return Err(cannot(problems_text(&older.problems)));
                }
                recomputed = older.changed;
            }
            let report = check_conn(tx)?;
            if !report.problems.is_empty() {
                return Err(cannot(problems_text(&report.problems)));
            }
            archived_places_are_empty(tx, &data.places).map_err(cannot)?;
            // A statement that disagrees is the person's record, not a fault of the file: reconciliations go
            // in after the check (which would report such a difference).
            for r in &data.reconciliations {
                reconciliations::insert_restored(tx, r.place, r.date, r.amount, &r.recorded_at)?;
            }
            let summary = ImportSummary {
                places: data.places.len(),
                transactions: data.txns,
                snapshots: data.snapshots.len(),
                recomputed,
            };
            let what = format!("import json {shown}: {} transactions", summary.transactions);
            Ok((summary, Change::new("import", what)))
        });
        self.store.end_bulk(settings)?;
        result
    }
}

/// Why check's problems refuse an import: how many, and the first few.
fn problems_text(problems: &[String]) -> String {
    let first: Vec<&str> = problems.iter().take(PROBLEMS_SHOWN).map(String::as_str).collect();
    format!(
        "its snapshots do not agree with its transactions ({} problem(s): {})",
        problems.len(),
        first.join("; ")
    )
}

/// An archived place holds nothing: it was archived with a zero balance and took no transaction after.
fn archived_places_are_empty(conn: &Connection, places: &[Place]) -> Result<(), String> {
    if places.iter().all(|p| p.archived_on.is_none()) {
        return Ok(());
    }
    let state = State::load(conn, None).map_err(|e| e.to_string())?;
    for p in places {
        let balance = state.balances().get(p.id);
        if let (Some(on), false) = (p.archived_on, balance.is_zero()) {
            return Err(format!(
                "place {} ('{}') is archived on {on} but its balance is {balance}; a place is archived only when it holds nothing",
                p.id, p.name
            ));
        }
    }
    Ok(())
}

/// Stores what a JSON restore reads as it reads it: places (logged row by row), then transactions with
/// the log's row images paused (`paused` keeps where the id range starts).
struct Restorer<'a, 't> {
    tx: &'a Transaction<'t>,
    paused: Option<i64>,
}

impl json_restore::Sink for Restorer<'_, '_> {
    fn places(&mut self, places: &[Place]) -> std::result::Result<(), Failure> {
        let tx = self.tx;
        let sqlite = |e: rusqlite::Error| Failure::Error(e.into());
        // Buckets refer to the accounts that hold them, so accounts and cards go in first.
        let (buckets, others): (Vec<_>, Vec<_>) = places.iter().partition(|p| p.kind == PlaceKind::Bucket);
        for p in others.into_iter().chain(buckets) {
            place_rows::insert_restored(tx, p).map_err(sqlite)?;
        }
        self.paused = Some(activity::pause(tx).map_err(sqlite)?);
        Ok(())
    }

    fn txn(&mut self, t: &Txn, imported: &[ImportedRow]) -> std::result::Result<(), Failure> {
        let refused_twice = |stored: rusqlite::Result<()>, what: &str| match stored {
            Err(rusqlite::Error::SqliteFailure(e, _))
                if e.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_PRIMARYKEY =>
            {
                Err(Failure::Problem(format!("transaction {}: {what}", t.id)))
            }
            other => other.map_err(|e| Failure::Error(e.into())),
        };
        if imported.iter().enumerate().any(|(i, r)| imported[..i].contains(r)) {
            return Err(Failure::Problem(format!(
                "transaction {}: the same imported row is listed twice",
                t.id
            )));
        }
        // The row that made the transaction (its date, one of its places) is kept in its row, as an import
        // keeps it; the others go to `txn_imports`.
        let made_by = imported
            .iter()
            .position(|r| r.date == t.date && [t.from, t.to].contains(&Some(r.place)));
        refused_twice(
            txns::insert_restored(self.tx, t, made_by.map(|i| (imported[i].place, imported[i].hash))),
            "transaction ids must be positive and unique",
        )?;
        for (i, r) in imported.iter().enumerate() {
            if made_by == Some(i) {
                continue;
            }
            refused_twice(
                imports::insert_restored(self.tx, r.place, r.date, t.id, r.hash),
                "the same imported row is listed twice",
            )?;
        }
        Ok(())
    }
}
