//! The `snapshot_plans` table: the recurring part of a closed month's projection, so it can be checked.

pub use crate::domain::forecast::RecurringPart as SnapshotPlan;
use crate::domain::Month;
use rusqlite::{params, Connection, OptionalExtension, Row};

const COLUMNS: &str = "next_income, next_spending, past_income, past_spending";

pub fn insert(conn: &Connection, month: Month, plan: &SnapshotPlan) -> rusqlite::Result<()> {
    conn.prepare_cached(&format!(
        "INSERT INTO snapshot_plans (month, {COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5)"
    ))?
    .execute(params![
        month,
        plan.next_income,
        plan.next_spending,
        plan.past_income,
        plan.past_spending
    ])?;
    Ok(())
}

fn from_row(r: &Row<'_>, at: usize) -> rusqlite::Result<SnapshotPlan> {
    Ok(SnapshotPlan {
        next_income: r.get(at)?,
        next_spending: r.get(at + 1)?,
        past_income: r.get(at + 2)?,
        past_spending: r.get(at + 3)?,
    })
}

pub fn get(conn: &Connection, month: Month) -> rusqlite::Result<Option<SnapshotPlan>> {
    conn.prepare_cached(&format!("SELECT {COLUMNS} FROM snapshot_plans WHERE month = ?1"))?
        .query_row([month], |r| from_row(r, 0))
        .optional()
}

pub fn all(conn: &Connection) -> rusqlite::Result<Vec<(Month, SnapshotPlan)>> {
    let mut stmt = conn.prepare_cached(&format!("SELECT month, {COLUMNS} FROM snapshot_plans ORDER BY month"))?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, from_row(r, 1)?)))?;
    rows.collect()
}
