//! What identifies each imported row, so a second import adds nothing: its place, its day and a 64-bit
//! hash of its fingerprint (place, date, signed amount, description, which occurrence in the file), tied to
//! the transaction it became or was matched to. The row that made a transaction is kept in the
//! transaction's own row (`txns.import_place`, `txns.import_hash`; its day is the transaction's date); the
//! others are rows of the `txn_imports` table: a row matched to a transaction that was already there, a row
//! whose transaction has since moved to another date or other places, and rows imported before schema 10.

use crate::domain::{Money, PlaceId, TxnId};
use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension};

/// The stored hash of a fingerprint: XXH3 (64 bits, a fixed, published function, so a file imported by one
/// build is known to the next). Rows are only compared within one place and the file's dates, so two
/// different rows share a hash with odds of about one in 10^15 even for a million rows a day.
pub fn fingerprint_hash(fingerprint: &str) -> i64 {
    i64::from_ne_bytes(xxhash_rust::xxh3::xxh3_64(fingerprint.as_bytes()).to_ne_bytes())
}

/// The stored day of a row: days since 1970-01-01.
pub fn day_number(date: NaiveDate) -> i64 {
    (date - NaiveDate::default()).num_days()
}

/// The date of a stored day (see [`day_number`]).
pub fn date_of_day(day: i64) -> Option<NaiveDate> {
    NaiveDate::default().checked_add_signed(chrono::TimeDelta::try_days(day)?)
}

/// Stores an imported row read back from a JSON export.
pub fn insert_restored(
    conn: &Connection,
    place: PlaceId,
    date: NaiveDate,
    txn: TxnId,
    hash: i64,
) -> rusqlite::Result<()> {
    conn.prepare_cached("INSERT INTO txn_imports (place_id, day, txn_id, hash) VALUES (?1, ?2, ?3, ?4)")?
        .execute(params![place, day_number(date), txn, hash])?;
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
           AND t.import_place IS NOT ?6
           AND NOT EXISTS (SELECT 1 FROM txn_imports i WHERE i.txn_id = t.id AND i.place_id = ?6)
         ORDER BY abs(julianday(t.date) - julianday(?7)), t.id
         LIMIT 1",
    )?
    .query_row(params![to, from, amount, first, last, side, date], |r| r.get(0))
    .optional()
}

/// The (hash, transaction) of every row imported into `place` dated from `first` to `last`, sorted by
/// hash: what an import looks its rows up in.
pub fn stored_hashes(
    conn: &Connection,
    place: PlaceId,
    first: NaiveDate,
    last: NaiveDate,
) -> rusqlite::Result<Vec<(i64, TxnId)>> {
    let mut stmt =
        conn.prepare("SELECT hash, txn_id FROM txn_imports WHERE place_id = ?1 AND day BETWEEN ?2 AND ?3")?;
    let rows = stmt.query_map(params![place, day_number(first), day_number(last)], |r| {
        Ok((r.get(0)?, r.get(1)?))
    })?;
    let mut found = rows.collect::<rusqlite::Result<Vec<(i64, TxnId)>>>()?;
    let mut stmt = conn.prepare(
        "SELECT import_hash, id FROM txns
         WHERE date BETWEEN ?2 AND ?3 AND import_place = ?1 AND import_hash IS NOT NULL",
    )?;
    let mut rows = stmt.query(params![place, first, last])?;
    while let Some(row) = rows.next()? {
        found.push((row.get(0)?, row.get(1)?));
    }
    found.sort_unstable();
    Ok(found)
}

/// Keeps what identifies the row that made transaction `txn` in `txn_imports` instead of the
/// transaction's row, when the transaction is about to be dated other than `date` or to leave the place
/// imported into (`from`, `to` are its places to be): the row's day and place stay what they were. Before
/// the change to the transaction; see [`super::txns::update`].
pub fn keep_apart_unless(
    conn: &Connection,
    txn: TxnId,
    date: NaiveDate,
    from: Option<PlaceId>,
    to: Option<PlaceId>,
) -> rusqlite::Result<bool> {
    let moved = conn
        .prepare_cached(
            "INSERT INTO txn_imports (place_id, day, txn_id, hash)
             SELECT import_place, unixepoch(date) / 86400, id, import_hash FROM txns
             WHERE id = ?1 AND import_hash IS NOT NULL
               AND (date IS NOT ?2 OR import_place NOT IN (coalesce(?3, -1), coalesce(?4, -1)))",
        )?
        .execute(params![txn, date, from, to])?;
    Ok(moved > 0)
}

/// Moves what identifies the row that made transaction `from` into `txn_imports`, tied to transaction
/// `to` instead (`from` is about to be deleted: two transactions linked into one).
pub fn tie_made_row_to(conn: &Connection, from: TxnId, to: TxnId) -> rusqlite::Result<()> {
    conn.prepare_cached(
        "INSERT INTO txn_imports (place_id, day, txn_id, hash)
         SELECT import_place, unixepoch(date) / 86400, ?2, import_hash FROM txns
         WHERE id = ?1 AND import_hash IS NOT NULL",
    )?
    .execute(params![from, to])?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_count_from_1970() {
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).map(day_number);
        assert_eq!(day(1970, 1, 1), Some(0));
        assert_eq!(day(1970, 1, 2), Some(1));
        assert_eq!(day(1969, 12, 31), Some(-1));
        // As SQLite counts them: unixepoch('2026-11-01') / 86400.
        assert_eq!(day(2026, 11, 1), Some(20_758));
        for n in [-1, 0, 1, 20_758] {
            assert_eq!(date_of_day(n).map(day_number), Some(n));
        }
    }

    #[test]
    fn the_hash_is_xxh3_and_tells_fingerprints_apart() {
        // XXH3-64 of the empty input, as published with the algorithm.
        assert_eq!(fingerprint_hash("") as u64, 0x2D06_8005_38D3_94C2);
        let a = fingerprint_hash("3|2026-11-01|-3748|shop 0 #83811|0");
        assert_eq!(a, fingerprint_hash("3|2026-11-01|-3748|shop 0 #83811|0"));
        assert_ne!(a, fingerprint_hash("3|2026-11-01|-3748|shop 0 #83811|1"));
    }
}
