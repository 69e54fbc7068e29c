//! A card's APR and minimum-payment rule, kept on its row in `places` (basis points and cents, never floats).

use crate::domain::payoff::{Apr, CardRates, MinimumRule};
use crate::domain::{Money, PlaceId};
use rusqlite::{params, Connection};
use std::collections::HashMap;

/// Every card's rates, by card id.
pub fn all(conn: &Connection) -> rusqlite::Result<HashMap<PlaceId, CardRates>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, apr_bp, min_payment_bp, min_payment_floor_cents FROM places WHERE kind = 'card' ORDER BY id",
    )?;
    let rows = stmt.query_map([], |r| {
        let default = MinimumRule::default();
        let apr: Option<u32> = r.get(1)?;
        let percent: Option<u32> = r.get(2)?;
        let floor: Option<Money> = r.get(3)?;
        Ok((
            r.get::<_, PlaceId>(0)?,
            CardRates {
                apr: apr.and_then(Apr::from_bp),
                minimum: MinimumRule {
                    percent_bp: percent.unwrap_or(default.percent_bp),
                    floor: floor.unwrap_or(default.floor),
                },
            },
        ))
    })?;
    rows.collect()
}

/// Stores a card's rates.
pub fn set(conn: &Connection, card: PlaceId, rates: &CardRates) -> rusqlite::Result<()> {
    conn.prepare_cached(
        "UPDATE places SET apr_bp = ?2, min_payment_bp = ?3, min_payment_floor_cents = ?4 WHERE id = ?1 AND kind = 'card'",
    )?
    .execute(params![
        card,
        rates.apr.map(Apr::bp),
        rates.minimum.percent_bp,
        rates.minimum.floor
    ])?;
    Ok(())
}
