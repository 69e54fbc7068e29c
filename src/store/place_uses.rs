//! What refers to a place, across the tables (to remove it, or to archive it only when nothing comes after).

use crate::domain::{PlaceId, TxnId};
use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension};

/// Everything but a place's own opening that refers to it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PlaceUses {
    /// Transactions touching it, its opening left out.
    pub txns: i64,
    /// The first of them, by date then entry: (id, date).
    pub first_txn: Option<(TxnId, NaiveDate)>,
    pub recurring: i64,
    pub rules: i64,
    pub reconciliations: i64,
    /// Months of loan interest posted on it.
    pub loan_interest: i64,
    /// The names of the buckets held in it.
    pub buckets: Vec<String>,
    /// Closed months whose snapshot lists it.
    pub snapshots: i64,
}

impl PlaceUses {
    pub fn is_empty(&self) -> bool {
        self.txns == 0
            && self.recurring == 0
            && self.rules == 0
            && self.reconciliations == 0
            && self.loan_interest == 0
            && self.buckets.is_empty()
            && self.snapshots == 0
    }
}

fn count(conn: &Connection, sql: &str, place: PlaceId) -> rusqlite::Result<i64> {
    conn.prepare_cached(sql)?.query_row([place], |r| r.get(0))
}

/// What refers to `place`, other than its opening transaction.
pub fn of(conn: &Connection, place: PlaceId) -> rusqlite::Result<PlaceUses> {
    let touching = "(from_id = ?1 OR to_id = ?1) AND NOT (kind = 'opening' AND to_id = ?1)";
    let txns = count(conn, &format!("SELECT count(*) FROM txns WHERE {touching}"), place)?;
    let first_txn = conn
        .prepare_cached(&format!(
            "SELECT id, date FROM txns WHERE {touching} ORDER BY date, id LIMIT 1"
        ))?
        .query_row([place], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    let mut stmt = conn.prepare_cached("SELECT name FROM places WHERE held_in = ?1 ORDER BY id")?;
    let buckets = stmt
        .query_map([place], |r| r.get(0))?
        .collect::<rusqlite::Result<Vec<String>>>()?;
    Ok(PlaceUses {
        txns,
        first_txn,
        recurring: count(
            conn,
            "SELECT count(*) FROM recurring WHERE from_id = ?1 OR to_id = ?1",
            place,
        )?,
        rules: count(conn, "SELECT count(*) FROM rules WHERE transfer_place_id = ?1", place)?,
        reconciliations: count(conn, "SELECT count(*) FROM reconciliations WHERE place_id = ?1", place)?,
        loan_interest: count(conn, "SELECT count(*) FROM loan_interest WHERE loan_id = ?1", place)?,
        buckets,
        snapshots: count(
            conn,
            "SELECT (SELECT count(*) FROM snapshot_places WHERE place_id = ?1)
                  + (SELECT count(*) FROM snapshot_cards WHERE place_id = ?1)
                  + (SELECT count(*) FROM snapshot_buckets WHERE place_id = ?1)
                  + (SELECT count(*) FROM snapshot_loans WHERE place_id = ?1)",
            place,
        )?,
    })
}

/// The transactions touching a place dated after some date.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct LaterTxns {
    pub count: i64,
    /// The first of them, by date then entry: (id, date).
    pub first: Option<(TxnId, NaiveDate)>,
    /// The date of the last.
    pub last: Option<NaiveDate>,
}

/// The transactions touching `place` dated after `date`.
pub fn txns_after(conn: &Connection, place: PlaceId, date: NaiveDate) -> rusqlite::Result<LaterTxns> {
    let (count, last) = conn
        .prepare_cached("SELECT count(*), max(date) FROM txns WHERE (from_id = ?1 OR to_id = ?1) AND date > ?2")?
        .query_row(params![place, date], |r| Ok((r.get(0)?, r.get(1)?)))?;
    let first = conn
        .prepare_cached(
            "SELECT id, date FROM txns WHERE (from_id = ?1 OR to_id = ?1) AND date > ?2 ORDER BY date, id LIMIT 1",
        )?
        .query_row(params![place, date], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    Ok(LaterTxns { count, first, last })
}

/// The place's opening transaction.
pub fn opening_of(conn: &Connection, place: PlaceId) -> rusqlite::Result<Option<TxnId>> {
    conn.prepare_cached("SELECT id FROM txns WHERE kind = 'opening' AND to_id = ?1 ORDER BY id LIMIT 1")?
        .query_row([place], |r| r.get(0))
        .optional()
}
