//! The forecast's starting point, read from the ledger: balances now, the usual month, recurring items,
//! how each card is usually paid and how each bucket is funded. The arithmetic is in `domain::forecast`.

use super::close::card_states_from_moves;
use super::lookback::{last_complete_month, Lookback, WINDOW};
use super::{Ledger, State};
use crate::domain::forecast::{forecast, BucketPlan, CardPlan, Forecast, ForecastInput, LoanPlan, MonthBasis, Usual};
use crate::domain::payoff::CardRates;
use crate::domain::payoff::{Apr, PaymentPlan};
use crate::domain::recurring::due;
use crate::domain::whatif::{whatif, Change, WhatIf};
use crate::domain::{Figures, Money, Month, PlaceId, PlaceKind, Places, Txn, TxnKind};
use crate::error::{refused_with, Hint, Result};
use crate::store::card_rates;
use crate::store::{recurring as recurring_rows, snapshots, txns};
use chrono::NaiveDate;
use rusqlite::Connection;
use std::collections::{BTreeMap, HashMap, HashSet};

/// The most months a forecast looks ahead.
pub const MAX_FORECAST_MONTHS: u32 = 120;
/// Month-end figures of complete months from `first` to `last`: snapshots where closed, else the replay.
pub(super) fn month_figures(
    conn: &Connection,
    state: &State,
    first: Month,
    last: Month,
) -> Result<BTreeMap<Month, Figures>> {
    let mut out = BTreeMap::new();
    let Some(tracked) = txns::earliest_date(conn)?.map(Month::of) else {
        return Ok(out);
    };
    for (m, f, _) in snapshots::figures_since(conn, Some(first))? {
        if m <= last {
            out.insert(m, f);
        }
    }
    let mut m = first.max(tracked);
    while m <= last {
        if !out.contains_key(&m) && state.checkpoint.is_none_or(|c| m > c) {
            let flows = state.replay.months.get(&m).cloned().unwrap_or_default();
            out.insert(m, Figures::new(&state.places, &flows, &state.balances_at_end_of(m)));
        }
        m = m.next();
    }
    Ok(out)
}

impl Ledger {
    /// Everything the forecast starts from at `as_of`, looking `months` whole months ahead.
    pub fn forecast_input(&self, as_of: NaiveDate, months: u32) -> Result<ForecastInput> {
        if !(1..=MAX_FORECAST_MONTHS).contains(&months) {
            return refused_with(
                format!("{months} months ahead is outside 1–{MAX_FORECAST_MONTHS}"),
                Hint::MonthsAhead {
                    max: MAX_FORECAST_MONTHS,
                },
            );
        }
        self.store
            .read(|conn| input(conn, &Lookback::load(conn, as_of)?, months))
    }

    /// The forecast from today.
    pub fn forecast(&self, months: u32) -> Result<Forecast> {
        Ok(forecast(&self.forecast_input(self.today, months)?))
    }

    /// The forecast from today with `changes`, next to the baseline.
    pub fn whatif(&self, months: u32, changes: &[Change]) -> Result<WhatIf> {
        Ok(whatif(&self.forecast_input(self.today, months)?, changes))
    }

    /// Each card's APR and minimum-payment rule.
    pub fn card_rates(&self) -> Result<HashMap<PlaceId, CardRates>> {
        Ok(card_rates::all(self.store.conn())?)
    }
}

/// The forecast's starting point from what the dashboard read at `seen.as_of`.
pub(super) fn input(conn: &Connection, seen: &Lookback, months: u32) -> Result<ForecastInput> {
    let (as_of, state, recent) = (seen.as_of, &seen.state, &seen.recent);
    let places = state.places.clone();
    let balances = state.balances().clone();
    let last = last_complete_month(as_of);
    let first = last.plus(1 - WINDOW);
    let figures = month_figures(conn, state, first, last)?;
    let window_first = figures.keys().next().copied().unwrap_or(last.next());
    let items = recurring_rows::all(conn)?;
    let posted_ids: HashSet<i64> = recurring_rows::all_posts(conn)?.into_iter().map(|p| p.txn).collect();
    // `recent` reaches back to the cards' statement windows, which cover the usual months too.
    let window_all: Vec<&Txn> = recent
        .iter()
        .filter(|t| t.date >= window_first.first_day() && t.date <= last.last_day())
        .collect();
    let posted = super::plans::recurring_part(&places, &items, &posted_ids, window_all.iter().copied());
    let bases: Vec<MonthBasis> = figures
        .iter()
        .map(|(m, f)| {
            let (income, spending) = posted.get(m).copied().unwrap_or_default();
            MonthBasis::from_figures(f, income, spending)
        })
        .collect();
    let rest: Vec<&Txn> = window_all
        .iter()
        .copied()
        .filter(|t| !super::plans::is_recurring(t, &posted_ids, &items))
        .collect();
    let primary = primary_account(&places, &window_all)?;
    let usual = Usual::from_window(&bases, spending_weights(&places, &rest));

    let locked = snapshots::latest_month(conn)?.map(Month::last_day);
    let overdue = due(&items, &recurring_rows::posted(conn)?, locked, as_of);

    let rates = card_rates::all(conn)?;
    let now = card_states_from_moves(&places, &balances, as_of, &seen.card_moves);
    let mut carried_before: HashSet<PlaceId> = HashSet::new();
    for m in figures.keys() {
        match state.checkpoint {
            // A closed month's card states are in its snapshot.
            Some(c) if *m <= c => carried_before.extend(snapshots::cards_carrying_over(conn, *m)?),
            _ => {
                let at_end = state.balances_at_end_of(*m);
                for c in card_states_from_moves(&places, &at_end, m.last_day(), &seen.card_moves) {
                    if c.carried_over.is_positive() {
                        carried_before.insert(c.place_id);
                    }
                }
            }
        }
    }
    let cards = now
        .iter()
        .map(|c| {
            let carrying = c.carried_over.is_positive();
            let paid: Vec<&&Txn> = window_all
                .iter()
                .filter(|t| t.kind == TxnKind::Transfer && t.to == Some(c.place_id))
                .collect();
            let per_month: Vec<Money> = figures
                .keys()
                .map(|m| paid.iter().filter(|t| Month::of(t.date) == *m).map(|t| t.amount).sum())
                .collect();
            let mean = Money::mean(&per_month);
            let plan = if !carrying && !carried_before.contains(&c.place_id) {
                PaymentPlan::Full
            } else if mean.is_positive() {
                PaymentPlan::Fixed(mean)
            } else {
                PaymentPlan::Minimum
            };
            let payer = recent
                .iter()
                .rev()
                .filter(|t| t.kind == TxnKind::Transfer && t.to == Some(c.place_id))
                .find_map(|t| t.from.filter(|f| places.kind(*f).is_some_and(PlaceKind::is_account)))
                .unwrap_or(primary);
            let r = rates.get(&c.place_id).copied().unwrap_or_default();
            CardPlan {
                card: c.place_id,
                plan,
                extra: Money::ZERO,
                payer,
                apr: r.apr.unwrap_or(Apr::ZERO),
                rule: r.minimum,
                statement: c
                    .statement
                    .as_ref()
                    .filter(|s| s.due_date > as_of)
                    .map(|s| (s.due_date, s.balance, s.credits)),
                carrying,
            }
        })
        .collect();

    let this_month = state.replay.months.get(&Month::of(as_of)).cloned().unwrap_or_default();
    let buckets = places
        .buckets()
        .filter(|b| b.opened_on <= as_of)
        .map(|b| BucketPlan {
            bucket: b.id,
            target: b.target_for(Month::of(as_of)),
            goal: b.bucket.and_then(|t| t.goal),
            // Where its money usually comes from: the account of its latest transfer in, else the main one.
            source: recent
                .iter()
                .rev()
                .filter(|t| t.kind == TxnKind::Transfer && t.to == Some(b.id))
                .find_map(|t| t.from.filter(|f| places.kind(*f).is_some_and(PlaceKind::is_account)))
                .unwrap_or(primary),
            added_this_month: this_month.bucket_added(b.id),
        })
        .collect();
    let loans = places
        .loans()
        .filter(|l| l.opened_on <= as_of && !l.archived_by(as_of))
        .filter_map(|l| {
            let terms = l.loan?;
            Some(LoanPlan {
                loan: l.id,
                apr: terms.apr,
                payment: terms.payment,
                payment_day: terms.payment_day,
                extra: Money::ZERO,
                // The account that usually pays it: the one its latest payment came from, else the main one.
                payer: recent
                    .iter()
                    .rev()
                    .filter(|t| t.kind == TxnKind::Transfer && t.to == Some(l.id))
                    .find_map(|t| t.from.filter(|f| places.kind(*f).is_some_and(PlaceKind::is_account)))
                    .unwrap_or(primary),
                paid_this_month: this_month.loan_paid(l.id),
            })
        })
        .collect();
    Ok(ForecastInput {
        as_of,
        months,
        places,
        balances,
        usual,
        primary,
        items,
        overdue,
        cards,
        loans,
        buckets,
        one_offs: Vec::new(),
        income_changes: Vec::new(),
    })
}

/// Where usual income lands: the spending account that received the most income lately, else the first
/// spending account, else the first account.
fn primary_account(places: &Places, recent: &[&Txn]) -> Result<PlaceId> {
    let mut income: BTreeMap<PlaceId, Money> = BTreeMap::new();
    for t in recent.iter().filter(|t| t.kind == TxnKind::Income) {
        if let Some(to) = t.to.filter(|p| places.kind(*p).is_some_and(PlaceKind::is_spending)) {
            *income.entry(to).or_default() += t.amount;
        }
    }
    let most = income
        .iter()
        .max_by_key(|(id, amount)| (**amount, std::cmp::Reverse(**id)))
        .map(|(id, _)| *id);
    let first_spending = places.iter().find(|p| p.kind.is_spending()).map(|p| p.id);
    let first_account = places.accounts().next().map(|p| p.id);
    match most.or(first_spending).or(first_account) {
        Some(id) => Ok(id),
        None => refused_with("the forecast needs an account for income to land in", Hint::AddAccount),
    }
}

/// Who paid day-to-day spending lately (expenses less refunds, from cards and accounts, not buckets).
fn spending_weights(places: &Places, recent: &[&Txn]) -> Vec<(PlaceId, Money)> {
    let mut by_place: BTreeMap<PlaceId, Money> = BTreeMap::new();
    let counts = |id: PlaceId| places.kind(id).is_some_and(|k| k != PlaceKind::Bucket);
    for t in recent {
        match (t.kind, t.from, t.to) {
            (TxnKind::Expense, Some(p), _) if counts(p) => *by_place.entry(p).or_default() += t.amount,
            (TxnKind::Refund, _, Some(p)) if counts(p) => *by_place.entry(p).or_default() -= t.amount,
            _ => {}
        }
    }
    by_place.into_iter().filter(|(_, w)| w.is_positive()).collect()
}
