//! The `recurring` and `recurring_posts` tables: recurring items, and which transaction each posted occurrence became.

use crate::domain::cadence::{Cadence, End, Schedule};
use crate::domain::recurring::{RecurringId, RecurringItem};
use crate::domain::TxnId;
use chrono::NaiveDate;
use rusqlite::types::Type;
use rusqlite::{params, Connection, OptionalExtension, Row};
use std::collections::HashSet;

const COLUMNS: &str =
    "id, kind, amount_cents, from_id, to_id, category, description, cadence, day, start_date, end_date, count";

fn end_parts(end: End) -> (Option<NaiveDate>, Option<u32>) {
    match end {
        End::Never => (None, None),
        End::Until(d) => (Some(d), None),
        End::Count(n) => (None, Some(n)),
    }
}

pub fn insert(conn: &Connection, item: &RecurringItem) -> rusqlite::Result<RecurringId> {
    let (until, count) = end_parts(item.schedule.end);
    let category = super::categories::canonical_opt(conn, item.category.as_deref())?;
    conn.prepare_cached(
        "INSERT INTO recurring (kind, amount_cents, from_id, to_id, category, description, cadence, day,
                                start_date, end_date, count)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
    )?
    .execute(params![
        item.kind,
        item.amount,
        item.from,
        item.to,
        category,
        item.description,
        item.schedule.cadence.name(),
        item.schedule.cadence.day(),
        item.schedule.start,
        until,
        count,
    ])?;
    Ok(conn.last_insert_rowid())
}

/// Stores an item under its own id (restoring an export).
pub fn insert_restored(conn: &Connection, item: &RecurringItem) -> rusqlite::Result<()> {
    let id = insert(conn, item)?;
    conn.prepare_cached("UPDATE recurring SET id = ?2 WHERE id = ?1")?
        .execute(params![id, item.id])?;
    Ok(())
}

pub fn update(conn: &Connection, item: &RecurringItem) -> rusqlite::Result<()> {
    let (until, count) = end_parts(item.schedule.end);
    let category = super::categories::canonical_opt(conn, item.category.as_deref())?;
    conn.prepare_cached(
        "UPDATE recurring SET kind = ?2, amount_cents = ?3, from_id = ?4, to_id = ?5, category = ?6,
                description = ?7, cadence = ?8, day = ?9, start_date = ?10, end_date = ?11, count = ?12
         WHERE id = ?1",
    )?
    .execute(params![
        item.id,
        item.kind,
        item.amount,
        item.from,
        item.to,
        category,
        item.description,
        item.schedule.cadence.name(),
        item.schedule.cadence.day(),
        item.schedule.start,
        until,
        count,
    ])?;
    Ok(())
}

pub fn delete(conn: &Connection, id: RecurringId) -> rusqlite::Result<bool> {
    Ok(conn
        .prepare_cached("DELETE FROM recurring WHERE id = ?1")?
        .execute([id])?
        > 0)
}

pub fn get(conn: &Connection, id: RecurringId) -> rusqlite::Result<Option<RecurringItem>> {
    conn.prepare_cached(&format!("SELECT {COLUMNS} FROM recurring WHERE id = ?1"))?
        .query_row([id], from_row)
        .optional()
}

pub fn all(conn: &Connection) -> rusqlite::Result<Vec<RecurringItem>> {
    let mut stmt = conn.prepare_cached(&format!("SELECT {COLUMNS} FROM recurring ORDER BY id"))?;
    let rows = stmt.query_map([], from_row)?;
    rows.collect()
}

pub fn count(conn: &Connection) -> rusqlite::Result<i64> {
    conn.prepare_cached("SELECT count(*) FROM recurring")?
        .query_row([], |r| r.get(0))
}

fn from_row(r: &Row<'_>) -> rusqlite::Result<RecurringItem> {
    let start: NaiveDate = r.get(9)?;
    let name: String = r.get(7)?;
    let day: Option<u32> = r.get(8)?;
    let cadence = Cadence::from_parts(&name, day, start)
        .map_err(|e| rusqlite::Error::FromSqlConversionFailure(7, Type::Text, e.into()))?;
    let until: Option<NaiveDate> = r.get(10)?;
    let count: Option<u32> = r.get(11)?;
    let end = match (until, count) {
        (Some(d), _) => End::Until(d),
        (None, Some(n)) => End::Count(n),
        (None, None) => End::Never,
    };
    Ok(RecurringItem {
        id: r.get(0)?,
        kind: r.get(1)?,
        amount: r.get(2)?,
        from: r.get(3)?,
        to: r.get(4)?,
        category: r.get(5)?,
        description: r.get(6)?,
        schedule: Schedule { cadence, start, end },
    })
}

/// Records that the occurrence of `item` on `date` became transaction `txn`.
pub fn insert_post(conn: &Connection, txn: TxnId, item: Option<RecurringId>, date: NaiveDate) -> rusqlite::Result<()> {
    conn.prepare_cached("INSERT INTO recurring_posts (txn_id, item_id, date) VALUES (?1, ?2, ?3)")?
        .execute(params![txn, item, date])?;
    Ok(())
}

/// Every occurrence posted so far, as (item, scheduled date).
pub fn posted(conn: &Connection) -> rusqlite::Result<HashSet<(RecurringId, NaiveDate)>> {
    let mut stmt = conn.prepare_cached("SELECT item_id, date FROM recurring_posts WHERE item_id IS NOT NULL")?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    rows.collect()
}

pub use crate::domain::recurring::Post;

pub fn all_posts(conn: &Connection) -> rusqlite::Result<Vec<Post>> {
    let mut stmt = conn.prepare_cached("SELECT txn_id, item_id, date FROM recurring_posts ORDER BY txn_id")?;
    let rows = stmt.query_map([], |r| {
        Ok(Post {
            txn: r.get(0)?,
            item: r.get(1)?,
            date: r.get(2)?,
        })
    })?;
    rows.collect()
}
