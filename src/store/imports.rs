//! The `txn_imports` table: fingerprints of imported rows, so a second import adds nothing.

use crate::domain::{Money, PlaceId, TxnId};
use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension};

pub fn find(conn: &Connection, fingerprint: &str) -> rusqlite::Result<Option<TxnId>> {
    conn.prepare_cached("SELECT txn_id FROM txn_imports WHERE fingerprint = ?1")?
        .query_row([fingerprint], |r| r.get(0))
        .optional()
}

pub fn insert(conn: &Connection, fingerprint: &str, txn: TxnId, place: PlaceId) -> rusqlite::Result<()> {
    conn.prepare_cached("INSERT INTO txn_imports (fingerprint, txn_id, place_id) VALUES (?1, ?2, ?3)")?
        .execute(params![fingerprint, txn, place])?;
    Ok(())
}

/// A transfer between the two places for the amount, dated within `days` of `date`, that no import
/// from `side` has claimed yet: the other side of a card payment or a move between accounts.
pub fn unclaimed_transfer(
    conn: &Connection,
    from: Option<PlaceId>,
    to: PlaceId,
    amount: Money,
    date: NaiveDate,
    days: u64,
    side: PlaceId,
) -> rusqlite::Result<Option<TxnId>> {
    let first = date.checked_sub_days(chrono::Days::new(days)).unwrap_or(date);
    let last = date.checked_add_days(chrono::Days::new(days)).unwrap_or(date);
    conn.prepare_cached(
        "SELECT t.id FROM txns t
         WHERE t.kind = 'transfer' AND t.to_id = ?1 AND (?2 IS NULL OR t.from_id = ?2)
           AND t.amount_cents = ?3 AND t.date BETWEEN ?4 AND ?5
           AND NOT EXISTS (SELECT 1 FROM txn_imports i WHERE i.txn_id = t.id AND i.place_id = ?6)
         ORDER BY abs(julianday(t.date) - julianday(?7)), t.id
         LIMIT 1",
    )?
    .query_row(params![to, from, amount, first, last, side, date], |r| r.get(0))
    .optional()
}

/// Hashes (by `hash`) of the fingerprints stored for one place's rows dated from `first` to `last`, sorted:
/// what an import checks its rows against before asking for one by name.
pub fn fingerprint_hashes(
    conn: &Connection,
    place: PlaceId,
    first: NaiveDate,
    last: NaiveDate,
    hash: fn(&str) -> u64,
) -> rusqlite::Result<Vec<u64>> {
    // Fingerprints start "place|YYYY-MM-DD|": one range of the primary key's index ('}' sorts after '|').
    let mut stmt = conn.prepare("SELECT fingerprint FROM txn_imports WHERE fingerprint >= ?1 AND fingerprint < ?2")?;
    let mut rows = stmt.query(params![format!("{place}|{first}"), format!("{place}|{last}}}")])?;
    let mut hashes = Vec::new();
    while let Some(row) = rows.next()? {
        if let rusqlite::types::ValueRef::Text(text) = row.get_ref(0)? {
            hashes.push(hash(&String::from_utf8_lossy(text)));
        }
    }
    hashes.sort_unstable();
    Ok(hashes)
}
