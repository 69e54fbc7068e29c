//! The `places` table: accounts, cards and buckets.

use crate::domain::place::name_key;
use crate::domain::{BucketTerms, CardTerms, Money, Place, PlaceId, PlaceKind};
use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension, Row};

/// A place before it is stored.
pub struct NewPlace<'a> {
    pub name: &'a str,
    pub kind: PlaceKind,
    pub opened_on: NaiveDate,
    pub card: Option<CardTerms>,
    pub bucket: Option<BucketTerms>,
}

pub fn insert(conn: &Connection, place: &NewPlace<'_>) -> rusqlite::Result<PlaceId> {
    let card = place.card.as_ref();
    let bucket = place.bucket.as_ref();
    conn.prepare_cached(
        "INSERT INTO places (name, name_key, kind, opened_on, statement_day, grace_days, limit_cents,
                             target_monthly_cents, goal_cents, held_in)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    )?
    .execute(params![
        place.name.trim(),
        name_key(place.name),
        place.kind,
        place.opened_on,
        card.map(|c| c.statement_day),
        card.map(|c| c.grace_days),
        card.and_then(|c| c.limit),
        bucket.map(|b| b.target_monthly),
        bucket.and_then(|b| b.goal),
        bucket.and_then(|b| b.held_in),
    ])?;
    Ok(conn.last_insert_rowid())
}

pub fn exists_named(conn: &Connection, name: &str) -> rusqlite::Result<Option<String>> {
    conn.prepare_cached("SELECT name FROM places WHERE name_key = ?1")?
        .query_row([name_key(name)], |r| r.get(0))
        .optional()
}

pub fn set_opened_on(conn: &Connection, id: PlaceId, date: NaiveDate) -> rusqlite::Result<()> {
    conn.prepare_cached("UPDATE places SET opened_on = ?2 WHERE id = ?1")?
        .execute(params![id, date])?;
    Ok(())
}

pub fn all(conn: &Connection) -> rusqlite::Result<Vec<Place>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, name, kind, opened_on, statement_day, grace_days, limit_cents,
                target_monthly_cents, goal_cents, held_in
         FROM places ORDER BY id",
    )?;
    let rows = stmt.query_map([], from_row)?;
    rows.collect()
}

fn from_row(r: &Row<'_>) -> rusqlite::Result<Place> {
    let kind: PlaceKind = r.get(2)?;
    let card = match kind {
        PlaceKind::Card => Some(CardTerms {
            statement_day: r.get::<_, Option<u32>>(4)?.unwrap_or(1),
            grace_days: r
                .get::<_, Option<u32>>(5)?
                .unwrap_or(crate::domain::place::DEFAULT_GRACE_DAYS),
            limit: r.get::<_, Option<Money>>(6)?,
        }),
        _ => None,
    };
    let bucket = match kind {
        PlaceKind::Bucket => Some(BucketTerms {
            target_monthly: r.get::<_, Option<Money>>(7)?.unwrap_or(Money::ZERO),
            goal: r.get(8)?,
            held_in: r.get(9)?,
        }),
        _ => None,
    };
    Ok(Place {
        id: r.get(0)?,
        name: r.get(1)?,
        kind,
        opened_on: r.get(3)?,
        card,
        bucket,
    })
}
