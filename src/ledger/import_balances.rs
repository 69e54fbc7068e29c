//! The balances a bank file states (OFX `LEDGERBAL`, CAMT `CLBD`), recorded as reconciliations of the place
//! imported into, each compared with pfos's balance on its date.

use super::import::StatedCheck;
use crate::domain::{Money, PlaceId, Places};
use crate::error::Result;
use crate::io::bank_file::StatedBalance;
use rusqlite::Transaction;

/// Records each balance the statement states as a reconciliation of the place (an identical one already
/// there is not recorded twice; one dated before the place opened is left out), and how it compares.
pub(super) fn record_balances(
    tx: &Transaction<'_>,
    places: &Places,
    place: PlaceId,
    balances: &[StatedBalance],
) -> Result<Vec<StatedCheck>> {
    use crate::store::reconciliations;
    let mut checks: Vec<StatedCheck> = Vec::new();
    let Some(p) = places.get(place) else {
        return Ok(checks);
    };
    let existing = if balances.is_empty() {
        Vec::new()
    } else {
        reconciliations::all(tx)?
    };
    for b in balances {
        let owed = if p.kind.is_liability() { -b.amount } else { b.amount };
        let Some(cents) = (owed * rust_decimal::Decimal::ONE_HUNDRED)
            .round_dp(0)
            .to_string()
            .parse::<i64>()
            .ok()
            .filter(|c| c.abs() <= crate::domain::money::MAX_AMOUNT_CENTS)
        else {
            continue;
        };
        let stated = Money::from_cents(cents);
        if b.date < p.opened_on || checks.iter().any(|c| c.date == b.date && c.stated == stated) {
            continue;
        }
        let there = existing
            .iter()
            .any(|r| r.place == place && r.date == b.date && r.amount == stated);
        if !there {
            reconciliations::insert(tx, place, b.date, stated)?;
        }
        // The balances alone, the transactions read one at a time: a statement of a million rows is dated
        // after all of them.
        let balances = super::state::balances_at(tx, places, b.date)?;
        let computed = match places.kind(place) {
            Some(k) if k.is_account() => balances.displayed(places, place),
            _ => balances.get(place),
        };
        checks.push(StatedCheck {
            date: b.date,
            stated,
            computed,
            recorded: !there,
        });
    }
    Ok(checks)
}
