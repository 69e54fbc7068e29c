//! Closed months are locked: what may not be added, changed or deleted, and why.

use crate::domain::Month;
use crate::error::{Error, Result};
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
    Err(Error::MonthClosed { month, latest, first })
}
