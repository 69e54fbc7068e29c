//! The `loan_interest` table: which transaction posted each loan's interest for a month (at most one).

use crate::domain::{Month, PlaceId, TxnId};
use rusqlite::{params, Connection, OptionalExtension};

pub fn insert(conn: &Connection, loan: PlaceId, month: Month, txn: TxnId) -> rusqlite::Result<()> {
    conn.prepare_cached("INSERT INTO loan_interest (loan_id, month, txn_id) VALUES (?1, ?2, ?3)")?
        .execute(params![loan, month, txn])?;
    Ok(())
}

/// The transaction that posted `month`'s interest on `loan`, if any.
pub fn posted(conn: &Connection, loan: PlaceId, month: Month) -> rusqlite::Result<Option<TxnId>> {
    conn.prepare_cached("SELECT txn_id FROM loan_interest WHERE loan_id = ?1 AND month = ?2")?
        .query_row(params![loan, month], |r| r.get(0))
        .optional()
}

/// Every post: (loan, month, transaction), for the JSON export.
pub fn all(conn: &Connection) -> rusqlite::Result<Vec<(PlaceId, Month, TxnId)>> {
    let mut stmt = conn.prepare_cached("SELECT loan_id, month, txn_id FROM loan_interest ORDER BY loan_id, month")?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
    rows.collect()
}
