//! The `places` table: accounts, cards, loans and buckets (terms from a month on are in `place_terms`).

use crate::domain::payoff::Apr;
use crate::domain::place::name_key;
use crate::domain::{BucketTerms, CardTerms, LoanTerms, Money, Place, PlaceId, PlaceKind};
use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension, Row};

/// A place before it is stored.
pub struct NewPlace<'a> {
    pub name: &'a str,
    pub kind: PlaceKind,
    pub opened_on: NaiveDate,
    pub card: Option<CardTerms>,
    pub bucket: Option<BucketTerms>,
    pub loan: Option<LoanTerms>,
}

pub fn insert(conn: &Connection, place: &NewPlace<'_>) -> rusqlite::Result<PlaceId> {
    let card = place.card.as_ref();
    let bucket = place.bucket.as_ref();
    let loan = place.loan.as_ref();
    conn.prepare_cached(
        "INSERT INTO places (name, name_key, kind, opened_on, statement_day, grace_days, limit_cents,
                             target_monthly_cents, goal_cents, held_in, apr_bp, payment_cents, payment_day)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
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
        loan.map(|l| l.apr.bp()),
        loan.map(|l| l.payment),
        loan.map(|l| l.payment_day),
    ])?;
    Ok(conn.last_insert_rowid())
}

/// Stores a place exactly as given, id included (restoring an export into an empty database).
pub fn insert_restored(conn: &Connection, place: &Place) -> rusqlite::Result<()> {
    let card = place.card.as_ref();
    let bucket = place.bucket.as_ref();
    let loan = place.loan.as_ref();
    conn.prepare_cached(
        "INSERT INTO places (id, name, name_key, kind, opened_on, statement_day, grace_days, limit_cents,
                             target_monthly_cents, goal_cents, held_in, apr_bp, payment_cents, payment_day,
                             archived_on)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
    )?
    .execute(params![
        place.id,
        place.name,
        name_key(&place.name),
        place.kind,
        place.opened_on,
        card.map(|c| c.statement_day),
        card.map(|c| c.grace_days),
        card.and_then(|c| c.limit),
        bucket.map(|b| b.target_monthly),
        bucket.and_then(|b| b.goal),
        bucket.and_then(|b| b.held_in),
        loan.map(|l| l.apr.bp()),
        loan.map(|l| l.payment),
        loan.map(|l| l.payment_day),
        place.archived_on,
    ])?;
    for change in &place.terms_changes {
        super::place_terms::insert(conn, place.id, change)?;
    }
    Ok(())
}

pub fn count(conn: &Connection) -> rusqlite::Result<i64> {
    conn.prepare_cached("SELECT count(*) FROM places")?
        .query_row([], |r| r.get(0))
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

/// Every place, in creation order, with its term changes.
pub fn all(conn: &Connection) -> rusqlite::Result<Vec<Place>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, name, kind, opened_on, statement_day, grace_days, limit_cents,
                target_monthly_cents, goal_cents, held_in, apr_bp, payment_cents, payment_day, archived_on
         FROM places ORDER BY id",
    )?;
    let mut places: Vec<Place> = stmt.query_map([], from_row)?.collect::<rusqlite::Result<_>>()?;
    let mut changes = super::place_terms::all(conn)?;
    for place in &mut places {
        place.terms_changes = changes.remove(&place.id).unwrap_or_default();
    }
    Ok(places)
}

pub fn rename(conn: &Connection, id: PlaceId, name: &str) -> rusqlite::Result<()> {
    conn.prepare_cached("UPDATE places SET name = ?2, name_key = ?3 WHERE id = ?1")?
        .execute(params![id, name.trim(), name_key(name)])?;
    Ok(())
}

/// Terms that change at once: a card's limit, a loan's APR, payment and payment day, a bucket's goal.
pub fn set_immediate_terms(conn: &Connection, place: &Place) -> rusqlite::Result<()> {
    conn.prepare_cached(
        "UPDATE places SET limit_cents = ?2, goal_cents = ?3, apr_bp = CASE WHEN kind = 'loan' THEN ?4 ELSE apr_bp END,
                           payment_cents = ?5, payment_day = ?6
         WHERE id = ?1",
    )?
    .execute(params![
        place.id,
        place.card.and_then(|c| c.limit),
        place.bucket.and_then(|b| b.goal),
        place.loan.map(|l| l.apr.bp()),
        place.loan.map(|l| l.payment),
        place.loan.map(|l| l.payment_day),
    ])?;
    Ok(())
}

pub fn set_archived(conn: &Connection, id: PlaceId, on: Option<NaiveDate>) -> rusqlite::Result<()> {
    conn.prepare_cached("UPDATE places SET archived_on = ?2 WHERE id = ?1")?
        .execute(params![id, on])?;
    Ok(())
}

pub fn delete(conn: &Connection, id: PlaceId) -> rusqlite::Result<()> {
    super::place_terms::delete_of(conn, id)?;
    conn.prepare_cached("DELETE FROM places WHERE id = ?1")?.execute([id])?;
    Ok(())
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
    let loan = match kind {
        PlaceKind::Loan => Some(LoanTerms {
            apr: r.get::<_, Option<u32>>(10)?.and_then(Apr::from_bp).unwrap_or(Apr::ZERO),
            payment: r.get::<_, Option<Money>>(11)?.unwrap_or(Money::ZERO),
            payment_day: r.get::<_, Option<u32>>(12)?.unwrap_or(1),
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
        loan,
        archived_on: r.get(13)?,
        terms_changes: Vec::new(),
    })
}
