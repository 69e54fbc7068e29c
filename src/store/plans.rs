//! The `snapshot_plans` table: what recurring items added to a closed month's projection, so it can be checked.

use crate::domain::{Money, Month};
use rusqlite::{params, Connection, OptionalExtension};

/// The recurring part of a projection: what recurring items were to bring in and cost the next month.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct SnapshotPlan {
    pub recurring_income: Money,
    pub recurring_spending: Money,
}

pub fn insert(conn: &Connection, month: Month, plan: &SnapshotPlan) -> rusqlite::Result<()> {
    conn.prepare_cached(
        "INSERT INTO snapshot_plans (month, recurring_income, recurring_spending) VALUES (?1, ?2, ?3)",
    )?
    .execute(params![month, plan.recurring_income, plan.recurring_spending])?;
    Ok(())
}

pub fn get(conn: &Connection, month: Month) -> rusqlite::Result<Option<SnapshotPlan>> {
    conn.prepare_cached("SELECT recurring_income, recurring_spending FROM snapshot_plans WHERE month = ?1")?
        .query_row([month], |r| {
            Ok(SnapshotPlan {
                recurring_income: r.get(0)?,
                recurring_spending: r.get(1)?,
            })
        })
        .optional()
}

pub fn all(conn: &Connection) -> rusqlite::Result<Vec<(Month, SnapshotPlan)>> {
    let mut stmt =
        conn.prepare_cached("SELECT month, recurring_income, recurring_spending FROM snapshot_plans ORDER BY month")?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get(0)?,
            SnapshotPlan {
                recurring_income: r.get(1)?,
                recurring_spending: r.get(2)?,
            },
        ))
    })?;
    rows.collect()
}
