//! Looking ahead from a date, for the dashboard and `pfos status`: recurring items due, the extended health
//! figures, when each card carrying debt and each loan is paid off, and the 12-month forecast.

use super::forecast::month_figures;
use super::lookback::{last_complete_month, Lookback};
use super::payoff::{card_payoff, CardPayoff};
use super::recurring::{due_items, DueItem};
use super::Ledger;
use crate::domain::forecast::{forecast, Forecast, ForecastInput};
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
    pub debts: Vec<Debt>,
    /// Each loan and the month it is paid off.
    pub loans: Vec<LoanPayoff>,
    pub forecast: Forecast,
}

/// A card carrying debt and when it is debt-free, two ways.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Debt {
    /// Paid off at the usual payments with no new charges (see [`CardPayoff::current`]).
    pub payoff: CardPayoff,
    /// The first month the forecast, which charges the card its usual spending, carries nothing over;
    /// `None` when that is not within the forecast.
    pub at_usual_spending: Option<Month>,
}

impl Debt {
    /// Debt-free with no new charges.
    pub fn with_no_new_charges(&self) -> Option<Month> {
        self.payoff.current.debt_free
    }
}

/// A loan and the month of its last payment on schedule (`None`: the payments never catch up).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoanPayoff {
    pub name: String,
    pub owed: Money,
    pub payment: Money,
    pub paid_off: Option<Month>,
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
        self.store.read(|conn| {
            let seen = Lookback::load(conn, date)?;
            match ahead(conn, &seen)? {
                Some((input, forecast)) => Ok(Some(outlook(conn, &seen, input, forecast)?)),
                None => Ok(None),
            }
        })
    }
}

/// The dashboard's 12-month forecast from what it read at `seen.as_of`, with what it started from; `None`
/// without an account.
pub(super) fn ahead(conn: &Connection, seen: &Lookback) -> Result<Option<(ForecastInput, Forecast)>> {
    if seen.state.places.accounts().next().is_none() {
        return Ok(None);
    }
    let input = super::forecast::input(conn, seen, OUTLOOK_MONTHS)?;
    let forecast = forecast(&input);
    Ok(Some((input, forecast)))
}

/// The outlook from what the dashboard read at `seen.as_of` and its forecast (see [`ahead`]).
pub(super) fn outlook(conn: &Connection, seen: &Lookback, input: ForecastInput, forecast: Forecast) -> Result<Outlook> {
    let date = seen.as_of;
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
        .filter(|c| c.opened_on <= date && !c.archived_by(date))
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
            Debt {
                payoff: card_payoff(places.name(c.card), c, apr, input.balances.get(c.card), first, None),
                at_usual_spending: forecast
                    .cards
                    .iter()
                    .find(|o| o.card == c.card)
                    .and_then(|o| o.clear_from),
            }
        })
        .collect();
    let loans = forecast
        .loans
        .iter()
        .map(|l| LoanPayoff {
            name: places.name(l.loan).to_string(),
            owed: input.balances.get(l.loan),
            payment: l.payment + l.extra,
            paid_off: l.paid_off,
        })
        .collect();
    Ok(Outlook {
        date,
        due: due_items(conn, date)?,
        health,
        debts,
        loans,
        forecast,
    })
}
