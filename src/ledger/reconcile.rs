//! Reconciliation: what the bank or card statement showed, checked against what pfos computes.

use super::{resolve, Ledger, State};
use crate::domain::{Money, Month, PlaceId, PlaceKind, Places};
use crate::error::{refused, Result};
use crate::store::reconciliations::{self, Reconciliation};
use crate::store::{places as place_rows, Change};
use chrono::NaiveDate;
use rusqlite::Connection;
use std::collections::HashMap;

/// A reconciliation and what pfos computes for the same place and date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reconciled {
    pub place: PlaceId,
    pub name: String,
    pub date: NaiveDate,
    pub stated: Money,
    pub computed: Money,
}

impl Reconciled {
    pub fn difference(&self) -> Money {
        self.computed - self.stated
    }

    pub fn agrees(&self) -> bool {
        self.difference().is_zero()
    }

    /// "HYSA on 2025-10-31: the statement says 6,231.30, pfos has 6,231.20 (difference -0.10)".
    pub fn describe(&self) -> String {
        format!(
            "{} on {}: the statement says {}, pfos has {} (difference {})",
            self.name,
            self.date,
            self.stated.grouped(),
            self.computed.grouped(),
            self.difference().grouped()
        )
    }
}

/// The balance a statement shows: an account with its buckets, a card's amount owed, a bucket's own.
pub(super) fn statement_balance(places: &Places, state: &State, place: PlaceId) -> Money {
    match places.kind(place) {
        Some(k) if k.is_account() => state.balances().displayed(places, place),
        _ => state.balances().get(place),
    }
}

/// Every reconciliation with its computed balance (dated on or before `through`, if given).
pub fn reconciled(conn: &Connection, through: Option<NaiveDate>) -> Result<Vec<Reconciled>> {
    let places = Places::new(place_rows::all(conn)?);
    let mut states: HashMap<NaiveDate, State> = HashMap::new();
    let mut out = Vec::new();
    for Reconciliation {
        place, date, amount, ..
    } in reconciliations::all(conn)?
    {
        if through.is_some_and(|t| date > t) {
            continue;
        }
        let state = match states.entry(date) {
            std::collections::hash_map::Entry::Occupied(e) => e.into_mut(),
            std::collections::hash_map::Entry::Vacant(e) => e.insert(State::load(conn, Some(date))?),
        };
        out.push(Reconciled {
            place,
            name: places.name(place).to_string(),
            date,
            stated: amount,
            computed: statement_balance(&places, state, place),
        });
    }
    Ok(out)
}

/// The reconciliations dated in `month` that no longer agree.
pub fn differences_in(conn: &Connection, month: Month) -> Result<Vec<Reconciled>> {
    Ok(reconciled(conn, Some(month.last_day()))?
        .into_iter()
        .filter(|r| Month::of(r.date) == month && !r.agrees())
        .collect())
}

impl Ledger {
    /// Records that the statement of `place` showed `amount` on `date`; returns how it compares now.
    pub fn reconcile(&mut self, place: &str, amount: Money, date: NaiveDate) -> Result<Reconciled> {
        self.store.write(|tx| {
            let places = Places::new(place_rows::all(tx)?);
            let id = resolve(&places, place)?;
            let p = places.get(id).map(|p| (p.kind, p.opened_on));
            if let Some((_, opened)) = p.filter(|(_, opened)| *opened > date) {
                return refused(format!(
                    "'{}' opened on {opened}; reconcile it on or after that",
                    places.name(id)
                ));
            }
            if p.is_some_and(|(k, _)| k == PlaceKind::Bucket) {
                return refused("a bucket has no bank statement; reconcile the account that holds it");
            }
            reconciliations::insert(tx, id, date, amount)?;
            let state = State::load(tx, Some(date))?;
            let result = Reconciled {
                place: id,
                name: places.name(id).to_string(),
                date,
                stated: amount,
                computed: statement_balance(&places, &state, id),
            };
            let what = format!("reconcile {} at {} on {date}", result.name, amount.grouped());
            Ok((result, Change::new("reconcile", what)))
        })
    }

    /// Every reconciliation and how it compares now, oldest first.
    pub fn reconciliations(&self) -> Result<Vec<Reconciled>> {
        reconciled(self.store.conn(), None)
    }

    /// The latest reconciliation date of each place.
    pub fn last_reconciled(&self) -> Result<HashMap<PlaceId, NaiveDate>> {
        let mut last = HashMap::new();
        for r in reconciliations::all(self.store.conn())? {
            last.insert(r.place, r.date);
        }
        Ok(last)
    }
}
