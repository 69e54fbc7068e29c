//! The activity log: every change with its time and a summary, and the row images that let it be
//! undone and redone. Triggers on the tracked tables write each row change into `activity_changes`;
//! a change still being made has no `activity_id` yet, and gets one when it is logged.

use crate::error::{refused, Result};
use rusqlite::{params, Connection, OptionalExtension, Transaction};

/// The tables whose rows a change may touch; the log itself is not among them.
pub const TRACKED_TABLES: &[&str] = &[
    "places",
    "txns",
    "snapshots",
    "snapshot_places",
    "snapshot_cards",
    "snapshot_buckets",
    "rules",
    "txn_imports",
    "reconciliations",
    "recurring",
    "recurring_posts",
    "snapshot_plans",
    "place_terms",
    "snapshot_loans",
    "snapshot_categories",
    "loan_interest",
    "learned_categories",
];

/// What a change was, in words, for the log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub action: &'static str,
    pub summary: String,
}

impl Change {
    pub fn new(action: &'static str, summary: impl Into<String>) -> Change {
        Change {
            action,
            summary: summary.into(),
        }
    }
}

/// One logged change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub id: i64,
    pub at: String,
    pub action: String,
    pub summary: String,
    pub undone: bool,
}

/// A table's columns and which of them make its primary key.
struct TableShape {
    columns: Vec<String>,
    key: Vec<String>,
}

fn shape(conn: &Connection, table: &str) -> rusqlite::Result<Option<TableShape>> {
    let mut stmt = conn.prepare(&format!("PRAGMA table_info({table})"))?;
    let rows: Vec<(String, i64)> = stmt
        .query_map([], |r| Ok((r.get::<_, String>(1)?, r.get::<_, i64>(5)?)))?
        .collect::<rusqlite::Result<_>>()?;
    if rows.is_empty() {
        return Ok(None);
    }
    let mut key: Vec<(i64, String)> = rows
        .iter()
        .filter(|(_, pk)| *pk > 0)
        .map(|(c, pk)| (*pk, c.clone()))
        .collect();
    key.sort();
    Ok(Some(TableShape {
        columns: rows.into_iter().map(|(c, _)| c).collect(),
        key: key.into_iter().map(|(_, c)| c).collect(),
    }))
}

/// (Re)creates the triggers that record row changes of every tracked table that exists.
pub fn install_triggers(conn: &Connection) -> rusqlite::Result<()> {
    for table in TRACKED_TABLES {
        install_table_triggers(conn, table, &["insert", "update", "delete"])?;
    }
    Ok(())
}

/// (Re)creates the triggers of one tracked table for the given operations, if the table exists.
fn install_table_triggers(conn: &Connection, table: &str, ops: &[&str]) -> rusqlite::Result<()> {
    // Schemas before version 5 have no pause switch.
    let paused_exists = shape(conn, "activity_pause")?.is_some();
    let Some(shape) = shape(conn, table)? else {
        return Ok(());
    };
    let image = |row: &str| {
        let pairs: Vec<String> = shape.columns.iter().map(|c| format!("'{c}', {row}.{c}")).collect();
        format!("json_object({})", pairs.join(", "))
    };
    let live = if paused_exists {
        "NOT EXISTS (SELECT 1 FROM activity_pause)"
    } else {
        "1"
    };
    for op in ops {
        let (event, columns, values) = match *op {
            "insert" => ("INSERT", "new", image("NEW")),
            "update" => ("UPDATE", "old, new", format!("{}, {}", image("OLD"), image("NEW"))),
            _ => ("DELETE", "old", image("OLD")),
        };
        conn.execute_batch(&format!(
            "DROP TRIGGER IF EXISTS log_{table}_{op};
             CREATE TRIGGER log_{table}_{op} AFTER {event} ON {table} WHEN {live} BEGIN
                 INSERT INTO activity_changes (tbl, op, {columns}) VALUES ('{table}', '{op}', {values});
             END;"
        ))?;
    }
    Ok(())
}

/// Stops the triggers for a bulk insert of transactions; [`resume_with_range`] logs what was inserted.
pub fn pause(tx: &Transaction<'_>) -> rusqlite::Result<i64> {
    tx.execute("INSERT INTO activity_pause (paused) VALUES (1)", [])?;
    // The switch quiets the triggers, but each still runs its check on every row, and its presence alone
    // makes every insert keep a statement journal: the bulk tables' insert triggers go until resume.
    for table in BULK_TABLES {
        tx.execute_batch(&format!("DROP TRIGGER IF EXISTS log_{table}_insert"))?;
    }
    // The search index's insert trigger too: the rows are indexed in one statement at resume.
    super::search::pause(tx)?;
    tx.query_row("SELECT coalesce(max(id), 0) FROM txns", [], |r| r.get(0))
}

/// Starts the triggers again, indexes the transactions inserted since [`pause`] (ids after `before`) for
/// search and logs them as one range, with their import fingerprints, recurring posts and loan interest
/// posts (which must not be logged row by row too): row images are taken only if the change is ever undone.
/// `matched` names the imported rows tied to transactions from before (as place and transaction).
pub fn resume_with_range(tx: &Transaction<'_>, before: i64, matched: &[(i64, i64)]) -> rusqlite::Result<()> {
    tx.execute("DELETE FROM activity_pause", [])?;
    for table in BULK_TABLES {
        install_table_triggers(tx, table, &["insert"])?;
    }
    super::search::resume(tx, before)?;
    // Fingerprints that point at transactions from before the import are logged one by one (few).
    if let Some(shape) = shape(tx, "txn_imports")? {
        let pairs: Vec<String> = shape.columns.iter().map(|c| format!("'{c}', {c}")).collect();
        let mut stmt = tx.prepare(&format!(
            "INSERT INTO activity_changes (tbl, op, new)
             SELECT 'txn_imports', 'insert', json_object({}) FROM txn_imports WHERE place_id = ?1 AND txn_id = ?2",
            pairs.join(", ")
        ))?;
        for (place, txn) in matched {
            stmt.execute([place, txn])?;
        }
    }
    let last: i64 = tx.query_row("SELECT coalesce(max(id), 0) FROM txns", [], |r| r.get(0))?;
    if last > before {
        let range = format!("{{\"from\": {}, \"to\": {last}}}", before + 1);
        tx.execute(
            "INSERT INTO activity_changes (tbl, op, new) VALUES ('txns', 'range', ?1)",
            [range],
        )?;
    }
    Ok(())
}

/// Turns a logged range of inserted transactions into row images (transactions, then their import
/// fingerprints, recurring posts and loan interest posts, which refer to them and so are undone first),
/// so the entry can be undone and redone like any other.
fn expand_ranges(tx: &Transaction<'_>, activity: i64) -> rusqlite::Result<()> {
    let ranges: Vec<(i64, String)> = tx
        .prepare("SELECT seq, new FROM activity_changes WHERE activity_id = ?1 AND op = 'range'")?
        .query_map([activity], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (seq, range) in ranges {
        let (from, to): (i64, i64) = tx.query_row(
            "SELECT json_extract(?1, '$.from'), json_extract(?1, '$.to')",
            [&range],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        for (table, key) in [
            ("txns", "id"),
            ("txn_imports", "txn_id"),
            ("recurring_posts", "txn_id"),
            ("loan_interest", "txn_id"),
        ] {
            let Some(shape) = shape(tx, table)? else { continue };
            let pairs: Vec<String> = shape.columns.iter().map(|c| format!("'{c}', {c}")).collect();
            tx.execute(
                &format!(
                    "INSERT INTO activity_changes (activity_id, tbl, op, new)
                     SELECT ?1, '{table}', 'insert', json_object({}) FROM {table} WHERE {key} BETWEEN ?2 AND ?3 ORDER BY {key}",
                    pairs.join(", ")
                ),
                params![activity, from, to],
            )?;
        }
        tx.execute("DELETE FROM activity_changes WHERE seq = ?1", [seq])?;
    }
    Ok(())
}

/// Forgets row changes not yet logged (left by a change that was rolled back into a savepoint).
pub fn begin(tx: &Transaction<'_>) -> rusqlite::Result<()> {
    tx.prepare_cached("DELETE FROM activity_changes WHERE activity_id IS NULL")?
        .execute([])?;
    Ok(())
}

/// How many changes the log keeps; older ones can no longer be undone.
pub const KEPT_CHANGES: i64 = 100;

/// Logs the row changes made since [`begin`] as one entry; undone entries can no longer be redone, and
/// entries beyond the newest [`KEPT_CHANGES`] are forgotten.
pub fn record(tx: &Transaction<'_>, change: &Change) -> rusqlite::Result<Option<i64>> {
    let pending: i64 = tx
        .prepare_cached("SELECT count(*) FROM activity_changes WHERE activity_id IS NULL")?
        .query_row([], |r| r.get(0))?;
    if pending == 0 {
        return Ok(None);
    }
    // Their row changes go explicitly: a bulk write runs with foreign keys off (no cascade), and the next
    // entry may get a forgotten one's id.
    tx.prepare_cached("DELETE FROM activity_changes WHERE activity_id IN (SELECT id FROM activity WHERE undone = 1)")?
        .execute([])?;
    tx.prepare_cached("DELETE FROM activity WHERE undone = 1")?
        .execute([])?;
    let at = chrono::Local::now().format("%Y-%m-%d %H:%M:%S").to_string();
    tx.prepare_cached("INSERT INTO activity (at, action, summary) VALUES (?1, ?2, ?3)")?
        .execute(params![at, change.action, change.summary])?;
    let id = tx.last_insert_rowid();
    tx.prepare_cached("UPDATE activity_changes SET activity_id = ?1 WHERE activity_id IS NULL")?
        .execute([id])?;
    tx.prepare_cached(
        "DELETE FROM activity_changes
         WHERE activity_id <= (SELECT id FROM activity ORDER BY id DESC LIMIT 1 OFFSET ?1)",
    )?
    .execute([KEPT_CHANGES])?;
    tx.prepare_cached("DELETE FROM activity WHERE id <= (SELECT id FROM activity ORDER BY id DESC LIMIT 1 OFFSET ?1)")?
        .execute([KEPT_CHANGES])?;
    Ok(Some(id))
}

/// The newest entries first.
pub fn list(conn: &Connection, limit: usize) -> rusqlite::Result<Vec<Entry>> {
    let mut stmt =
        conn.prepare_cached("SELECT id, at, action, summary, undone FROM activity ORDER BY id DESC LIMIT ?1")?;
    let rows = stmt.query_map([limit as i64], entry)?;
    rows.collect()
}

fn entry(r: &rusqlite::Row<'_>) -> rusqlite::Result<Entry> {
    Ok(Entry {
        id: r.get(0)?,
        at: r.get(1)?,
        action: r.get(2)?,
        summary: r.get(3)?,
        undone: r.get(4)?,
    })
}

/// Which way a logged change is replayed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    Undo,
    Redo,
}

/// One recorded row change.
struct RowChange {
    table: String,
    op: String,
    old: Option<String>,
    new: Option<String>,
}

/// Tables whose logged changes come in thousands (an import) and are replayed a run at a time with one
/// statement: their rows never reference rows of their own table, so order within a run does not matter.
const BULK_TABLES: &[&str] = &["txns", "txn_imports"];

/// Consecutive logged changes (by `seq`) of one kind to one table; changes to other tables are runs of one.
struct Run {
    table: String,
    op: String,
    first: i64,
    last: i64,
    count: usize,
}

/// The entry's row changes as runs, in log order.
fn runs(tx: &Transaction<'_>, activity: i64) -> rusqlite::Result<Vec<Run>> {
    let mut stmt =
        tx.prepare_cached("SELECT seq, tbl, op FROM activity_changes WHERE activity_id = ?1 ORDER BY seq")?;
    let mut rows = stmt.query([activity])?;
    let mut runs: Vec<Run> = Vec::new();
    while let Some(row) = rows.next()? {
        let (seq, table, op): (i64, String, String) = (row.get(0)?, row.get(1)?, row.get(2)?);
        let bulk = BULK_TABLES.contains(&table.as_str()) && op != "update";
        match runs.last_mut() {
            Some(run) if bulk && run.table == table && run.op == op => {
                run.last = seq;
                run.count += 1;
            }
            _ => runs.push(Run {
                table,
                op,
                first: seq,
                last: seq,
                count: 1,
            }),
        }
    }
    Ok(runs)
}

/// Takes back the newest change (or puts back the oldest undone one) inside `tx`. Returns the entry and
/// the earliest date of any transaction row it touched, so the caller can check it against closed months.
pub fn replay(tx: &Transaction<'_>, direction: Direction) -> Result<(Entry, Option<String>)> {
    let sql = match direction {
        Direction::Undo => {
            "SELECT id, at, action, summary, undone FROM activity WHERE undone = 0 ORDER BY id DESC LIMIT 1"
        }
        Direction::Redo => {
            "SELECT id, at, action, summary, undone FROM activity WHERE undone = 1 ORDER BY id ASC LIMIT 1"
        }
    };
    let Some(found) = tx.prepare_cached(sql)?.query_row([], entry).optional()? else {
        return match direction {
            Direction::Undo => refused("nothing to undo"),
            Direction::Redo => {
                refused("nothing to redo: redo puts back what undo took back, until a new change is made")
            }
        };
    };
    expand_ranges(tx, found.id)?;
    let mut runs = runs(tx, found.id)?;
    if direction == Direction::Undo {
        runs.reverse();
    }
    // Rows come back in an order that may briefly break a reference (a cascade); check them at commit.
    tx.pragma_update(None, "defer_foreign_keys", true)?;
    // Replaying is not a new change: the triggers stay quiet.
    tx.execute("INSERT INTO activity_pause (paused) VALUES (1)", [])?;
    for run in &runs {
        let Some(shape) = shape(tx, &run.table)? else {
            return refused(format!(
                "cannot replay a change to table '{}', which no longer exists",
                run.table
            ));
        };
        let applied = if run.count == 1 {
            let change = tx
                .prepare_cached("SELECT tbl, op, old, new FROM activity_changes WHERE seq = ?1")?
                .query_row([run.first], |r| {
                    Ok(RowChange {
                        table: r.get(0)?,
                        op: r.get(1)?,
                        old: r.get(2)?,
                        new: r.get(3)?,
                    })
                })?;
            usize::from(apply(tx, &shape, &change, direction)?)
        } else {
            apply_run(tx, &shape, run, direction)?
        };
        if applied != run.count {
            return refused(format!(
                "cannot {} '{}': the data it touched has changed since (outside pfos?); nothing was changed",
                if direction == Direction::Undo { "undo" } else { "redo" },
                found.summary
            ));
        }
    }
    tx.execute("DELETE FROM activity_pause", [])?;
    let earliest: Option<String> = tx
        .prepare_cached(
            "SELECT min(d) FROM (
                 SELECT json_extract(old, '$.date') AS d FROM activity_changes WHERE activity_id = ?1 AND tbl = 'txns'
                 UNION ALL
                 SELECT json_extract(new, '$.date') FROM activity_changes WHERE activity_id = ?1 AND tbl = 'txns')",
        )?
        .query_row([found.id], |r| r.get(0))?;
    begin(tx)?;
    let undone = direction == Direction::Undo;
    tx.prepare_cached("UPDATE activity SET undone = ?2 WHERE id = ?1")?
        .execute(params![found.id, undone])?;
    Ok((Entry { undone, ..found }, earliest))
}

/// Applies a run of inserts or deletes with one statement; returns how many rows it inserted or deleted
/// (the run's length when every row was as expected).
fn apply_run(tx: &Transaction<'_>, shape: &TableShape, run: &Run, direction: Direction) -> rusqlite::Result<usize> {
    let table = &run.table;
    let logged = "FROM activity_changes WHERE seq BETWEEN ?1 AND ?2 ORDER BY seq";
    let removes = matches!(
        (run.op.as_str(), direction),
        ("insert", Direction::Undo) | ("delete", Direction::Redo)
    );
    // An inserted row's image is `new`, a deleted row's `old`, whichever way the run is replayed.
    let image = if run.op == "insert" { "new" } else { "old" };
    let pick = |c: &String| format!("json_extract({image}, '$.{c}')");
    let sql = if removes {
        let key = shape.key.join(", ");
        let picked: Vec<String> = shape.key.iter().map(pick).collect();
        format!(
            "DELETE FROM {table} WHERE ({key}) IN (SELECT {} {logged})",
            picked.join(", ")
        )
    } else {
        let picked: Vec<String> = shape.columns.iter().map(pick).collect();
        format!(
            "INSERT INTO {table} ({}) SELECT {} {logged}",
            shape.columns.join(", "),
            picked.join(", ")
        )
    };
    tx.prepare_cached(&sql)?.execute(params![run.first, run.last])
}

/// Applies one row change forwards (redo) or backwards (undo); false if the row is not as expected.
fn apply(tx: &Transaction<'_>, shape: &TableShape, change: &RowChange, direction: Direction) -> rusqlite::Result<bool> {
    let table = &change.table;
    let pick = |col: &str, n: usize| format!("json_extract(?{n}, '$.{col}')");
    let key_match = |n: usize| {
        shape
            .key
            .iter()
            .map(|k| format!("{k} IS {}", pick(k, n)))
            .collect::<Vec<_>>()
            .join(" AND ")
    };
    let insert = |image: &str| -> rusqlite::Result<usize> {
        let cols = shape.columns.join(", ");
        let values: Vec<String> = shape.columns.iter().map(|c| pick(c, 1)).collect();
        tx.execute(
            &format!("INSERT INTO {table} ({cols}) SELECT {}", values.join(", ")),
            [image],
        )
    };
    let delete = |image: &str| tx.execute(&format!("DELETE FROM {table} WHERE {}", key_match(1)), [image]);
    let update = |from: &str, to: &str| {
        let sets: Vec<String> = shape.columns.iter().map(|c| format!("{c} = {}", pick(c, 2))).collect();
        tx.execute(
            &format!("UPDATE {table} SET {} WHERE {}", sets.join(", "), key_match(1)),
            [from, to],
        )
    };
    let (old, new) = (
        change.old.as_deref().unwrap_or("{}"),
        change.new.as_deref().unwrap_or("{}"),
    );
    let affected = match (change.op.as_str(), direction) {
        ("insert", Direction::Undo) | ("delete", Direction::Redo) => {
            delete(if change.op == "insert" { new } else { old })?
        }
        ("delete", Direction::Undo) => insert(old)?,
        ("insert", Direction::Redo) => insert(new)?,
        ("update", Direction::Undo) => update(new, old)?,
        ("update", Direction::Redo) => update(old, new)?,
        _ => 0,
    };
    Ok(affected == 1)
}
