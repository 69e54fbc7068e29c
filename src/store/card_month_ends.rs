//! Month-end card balances kept in snapshots, for the app's per-card history.

use crate::domain::{Money, Month, PlaceId};
use rusqlite::Connection;

/// Every closed month's card balances from `since` on, oldest first.
pub fn card_balances_since(conn: &Connection, since: Month) -> rusqlite::Result<Vec<(Month, PlaceId, Money)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT month, place_id, balance FROM snapshot_cards WHERE month >= ?1 ORDER BY month, place_id",
    )?;
    let rows = stmt.query_map([since], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
    rows.collect()
}
