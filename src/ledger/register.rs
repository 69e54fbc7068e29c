//! What the Accounts screen shows: every place with its balance and terms, and a place's register a month
//! at a time (its transactions, newest first, with its own balance after each).

use super::Ledger;
use crate::domain::loan::payoff_month;
use crate::domain::register::{register_rows, RegisterRow};
use crate::domain::{Balances, Money, Month, Place, PlaceId};
use crate::error::{refused, Result};
use crate::store::{snapshots, txns};
use chrono::NaiveDate;

/// One place as the Accounts screen lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlaceOverview {
    pub place: Place,
    /// Its own balance (for a card or loan: what is owed; for an account: the part not in buckets).
    pub balance: Money,
    /// What the bank shows: an account with its buckets (the own balance for other places).
    pub displayed: Money,
    /// A card's limit and the share of it owed, in whole percent.
    pub limit_use: Option<(Money, u32)>,
    /// A loan's month of payoff at its scheduled payment (`None`: never at this payment).
    pub payoff: Option<Month>,
    /// A bucket's monthly target in force this month.
    pub target: Money,
    pub reconciled: Option<NaiveDate>,
}

impl Ledger {
    /// The date of the latest transaction, if any (a register starts at its month when it is ahead).
    pub fn txns_latest_date(&self) -> Result<Option<NaiveDate>> {
        Ok(txns::latest_date(self.store.conn())?)
    }

    /// Every place, in creation order (archived ones with `all`), with what the Accounts screen shows.
    pub fn places_overview(&self, all: bool) -> Result<Vec<PlaceOverview>> {
        let state = self.load_state()?;
        let reconciled = self.last_reconciled()?;
        let today = self.today;
        let balances = state.balances();
        Ok(state
            .places
            .iter()
            .filter(|p| all || !p.archived_by(today))
            .map(|p| {
                let balance = balances.get(p.id);
                let limit_use = p.card.and_then(|t| t.limit).map(|limit| {
                    let share = balance.ratio(limit).unwrap_or_default() * rust_decimal::Decimal::ONE_HUNDRED;
                    let percent = u32::try_from(share.round().mantissa().max(0)).unwrap_or(u32::MAX);
                    (limit, percent)
                });
                let payoff = p
                    .loan
                    .and_then(|terms| payoff_month(balance, terms.apr, terms.payment, Month::of(today)));
                PlaceOverview {
                    place: p.clone(),
                    balance,
                    displayed: if p.kind.is_account() {
                        balances.displayed(&state.places, p.id)
                    } else {
                        balance
                    },
                    limit_use,
                    payoff,
                    target: p.target_for(Month::of(today)),
                    reconciled: reconciled.get(&p.id).copied(),
                }
            })
            .collect())
    }

    /// A place's register for `month`: its transactions dated in it, newest first, each with the place's
    /// own balance after it (valuations worked out with the buckets held in it).
    pub fn register_month(&self, place: PlaceId, month: Month) -> Result<Vec<RegisterRow>> {
        self.store.read(|conn| {
            let places = crate::domain::Places::new(crate::store::places::all(conn)?);
            let Some(p) = places.get(place) else {
                return refused(format!("place {place} does not exist"));
            };
            let mut ids = vec![p.id];
            if p.kind.is_account() {
                ids.extend(places.buckets_in(p.id).map(|b| b.id));
            }
            let latest = snapshots::latest_month(conn)?;
            // A closed month starts where its snapshot says; an open one replays from the latest close.
            let (start, from): (Balances, Month) = match latest {
                Some(l) if month <= l => (snapshots::openings_of(conn, month, &ids)?, month),
                Some(l) => (snapshots::closing_balances(conn, l)?, l.next()),
                None => (Balances::default(), Month::of(p.opened_on).min(month)),
            };
            let moves = txns::touching_between(conn, &ids, from.first_day(), month.last_day())?;
            let rows = register_rows(&places, place, &start, &moves);
            Ok(rows.into_iter().filter(|r| month.contains(r.txn.date)).collect())
        })
    }
}
