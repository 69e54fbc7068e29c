//! The `reconciliations` table: what a bank or card statement showed for a place on a date.

use crate::domain::{Money, PlaceId};
use chrono::NaiveDate;
use rusqlite::{params, Connection};

/// One recorded statement balance.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reconciliation {
    pub id: i64,
    pub place: PlaceId,
    pub date: NaiveDate,
    pub amount: Money,
    /// When it was recorded (`YYYY-MM-DDTHH:MM:SS`, local time).
    pub recorded_at: String,
}

pub fn insert(conn: &Connection, place: PlaceId, date: NaiveDate, amount: Money) -> rusqlite::Result<i64> {
    let at = chrono::Local::now().format("%Y-%m-%dT%H:%M:%S").to_string();
    insert_restored(conn, place, date, amount, &at)?;
    Ok(conn.last_insert_rowid())
}

/// Stores a reconciliation read back from a JSON export, with the moment it was first recorded.
pub fn insert_restored(
    conn: &Connection,
    place: PlaceId,
    date: NaiveDate,
    amount: Money,
    recorded_at: &str,
) -> rusqlite::Result<()> {
    conn.prepare_cached(
        "INSERT INTO reconciliations (place_id, date, amount_cents, recorded_at) VALUES (?1, ?2, ?3, ?4)",
    )?
    .execute(params![place, date, amount, recorded_at])?;
    Ok(())
}

/// Every reconciliation, oldest first.
pub fn all(conn: &Connection) -> rusqlite::Result<Vec<Reconciliation>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, place_id, date, amount_cents, recorded_at FROM reconciliations ORDER BY date, id",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok(Reconciliation {
            id: r.get(0)?,
            place: r.get(1)?,
            date: r.get(2)?,
            amount: r.get(3)?,
            recorded_at: r.get(4)?,
        })
    })?;
    rows.collect()
}
