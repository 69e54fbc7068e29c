//! Looking ahead from a date, for the dashboard and `pfos status`: recurring items due, the extended health
//! figures, when each card carrying debt is paid off, and the 12-month forecast.

use super::forecast::month_figures;
use super::lookback::{last_complete_month, Lookback};
use super::payoff::{card_payoff, CardPayoff};
use super::recurring::{due_items, DueItem};
use super::Ledger;
use crate::domain::forecast::{forecast, Forecast};
use crate::domain::health::{health, Health, HealthInput};
use crate::domain::{Money, Month, PlaceKind};
use crate::error::Result;
use crate::store::card_rates;
use rusqlite::Connection;

/// Months of savings rates the trend looks at.
const RATE_MONTHS: i32 = 6;
/// Months the dashboard's forecast looks ahead.
pub const OUTLOOK_MONTHS: u32 = 12;

/// What lies ahead, seen from a date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outlook {
    pub date: chrono::NaiveDate,
    /// Recurring occurrences due on or before the date, not posted yet.
    pub due: Vec<DueItem>,
    pub health: Health,
    /// Cards carrying debt past a due date, with their payoff.
    pub debts: Vec<CardPayoff>,
    pub forecast: Forecast,
}

impl Outlook {
    /// What the due occurrences add up to, income positive.
    pub fn due_total(&self) -> Money {
        self.due
            .iter()
            .map(|d| match d.item.kind {
                crate::domain::TxnKind::Income => d.item.amount,
                crate::domain::TxnKind::Expense => -d.item.amount,
                _ => Money::ZERO,
            })
            .sum()
    }
}

impl Ledger {
    /// The outlook after every transaction dated on or before `date`; `None` while there is no account
    /// for income to land in (a new ledger), since nothing can be looked ahead at yet.
    pub fn outlook(&self, date: chrono::NaiveDate) -> Result<Option<Outlook>> {
        self.store.read(|conn| outlook(conn, &Lookback::load(conn, date)?))
    }
}

/// The outlook from what the dashboard read at `seen.as_of`.
pub(super) fn outlook(conn: &Connection, seen: &Lookback) -> Result<Option<Outlook>> {
    let date = seen.as_of;
    if seen.state.places.accounts().next().is_none() {
        return Ok(None);
    }
    let input = super::forecast::input(conn, seen, OUTLOOK_MONTHS)?;
    let forecast = forecast(&input);
    let places = &input.places;
    let last = last_complete_month(date);
    let months: Vec<(Month, Money, Money)> = month_figures(conn, &seen.state, last.plus(1 - RATE_MONTHS), last)?
        .into_iter()
        .map(|(m, f)| (m, f.total_income, f.total_expense))
        .collect();
    let (_, next_spending) = super::plans::recurring_in(&input.items, places, Month::of(date).next());
    let expected_spending = next_spending + input.usual.spending;
    let cards: Vec<(String, Money, Option<Money>)> = places
        .cards()
        .filter(|c| c.opened_on <= date)
        .map(|c| (c.name.clone(), input.balances.get(c.id), c.card.and_then(|t| t.limit)))
        .collect();
    let emergency = places
        .buckets()
        .find(|b| b.name.to_lowercase().contains("emergency"))
        .map(|b| (b.name.clone(), input.balances.get(b.id), b.bucket.and_then(|t| t.goal)));
    let health = health(&HealthInput {
        total_savings: input.balances.total_savings(places),
        expected_spending,
        months: &months,
        cards: &cards,
        emergency,
    });
    let rates = card_rates::all(conn)?;
    let debts = input
        .cards
        .iter()
        .filter(|c| c.carrying && places.kind(c.card) == Some(PlaceKind::Card))
        .map(|c| {
            let apr = rates.get(&c.card).and_then(|r| r.apr);
            let first = super::payoff::first_payment(c, date);
            card_payoff(places.name(c.card), c, apr, input.balances.get(c.card), first, None)
        })
        .collect();
    Ok(Some(Outlook {
        date,
        due: due_items(conn, date)?,
        health,
        debts,
        forecast,
    }))
}
