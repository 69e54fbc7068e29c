//! The `place_terms` table: terms that change from a given month on (a card's statement and grace days,
//! a bucket's monthly target); the terms in force for a month come from the latest change on or before it.

use crate::domain::{Month, PlaceId, TermsChange};
use rusqlite::{params, Connection};
use std::collections::HashMap;

pub fn insert(conn: &Connection, place: PlaceId, change: &TermsChange) -> rusqlite::Result<()> {
    conn.prepare_cached(
        "INSERT INTO place_terms (place_id, from_month, statement_day, grace_days, target_monthly_cents)
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(params![
        place,
        change.from,
        change.statement_day,
        change.grace_days,
        change.target_monthly
    ])?;
    Ok(())
}

/// Every place's changes, in the order they apply (by from-month, then as made).
pub fn all(conn: &Connection) -> rusqlite::Result<HashMap<PlaceId, Vec<TermsChange>>> {
    let mut stmt = conn.prepare_cached(
        "SELECT place_id, from_month, statement_day, grace_days, target_monthly_cents
         FROM place_terms ORDER BY place_id, from_month, id",
    )?;
    let mut out: HashMap<PlaceId, Vec<TermsChange>> = HashMap::new();
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let from: Month = r.get(1)?;
        out.entry(r.get(0)?).or_default().push(TermsChange {
            from,
            statement_day: r.get(2)?,
            grace_days: r.get(3)?,
            target_monthly: r.get(4)?,
        });
    }
    Ok(out)
}

pub fn delete_of(conn: &Connection, place: PlaceId) -> rusqlite::Result<()> {
    conn.prepare_cached("DELETE FROM place_terms WHERE place_id = ?1")?
        .execute([place])?;
    Ok(())
}
