//! Closed months are locked: what may not be added, changed or deleted, and why.

use crate::domain::Month;
use crate::error::{refused, Result};
use crate::store::snapshots;
use chrono::NaiveDate;
use rusqlite::Connection;

/// Refuses a change dated in a closed month (or before the first one, which is locked too).
pub fn ensure_open(conn: &Connection, date: NaiveDate) -> Result<()> {
    let Some(latest) = snapshots::latest_month(conn)? else {
        return Ok(());
    };
    if date > latest.last_day() {
        return Ok(());
    }
    let month = Month::of(date);
    let first = snapshots::first_month(conn)?.unwrap_or(latest);
    let how = if month == latest {
        format!("reopen it with 'pfos reopen {latest}' to change it")
    } else {
        format!("reopen the closed months from the latest back, starting with 'pfos reopen {latest}', to change it")
    };
    if month < first {
        refused(format!(
            "month {month} comes before the first closed month {first}, so it is locked; {how}"
        ))
    } else {
        refused(format!("month {month} is closed; {how}"))
    }
}
