//! The dashboard's figures at a date: this month so far, cards, buckets and the verdict (SPEC §6).

use super::close::card_states_from_moves;
use super::lookback::Lookback;
use super::{Ledger, Outlook};
use crate::domain::verdict::{verdict, HealthInput, Verdict};
use crate::domain::{Balances, BucketLine, CardState, Figures, Money, Month, MonthFlows, Places};
use crate::error::Result;
use crate::store::{snapshots, txns};
use chrono::NaiveDate;
use rusqlite::Connection;
use std::collections::BTreeMap;

/// Everything the dashboard and `pfos status` show.
pub struct Status {
    pub date: NaiveDate,
    pub month: Month,
    pub places: Places,
    pub balances: Balances,
    /// This month so far.
    pub figures: Figures,
    /// Net worth at the end of last month, if tracked then.
    pub net_worth_last_month: Option<Money>,
    /// Mean day-to-day spending of up to three months before this one.
    pub spending_average: Option<Money>,
    pub cards: Vec<CardState>,
    pub buckets: Vec<BucketLine>,
    /// Net worth at the end of each tracked month up to this one, oldest first.
    pub net_worth_history: Vec<(Month, Money)>,
    pub verdict: Verdict,
    /// The latest closed month, if any.
    pub latest_closed: Option<Month>,
}

impl Ledger {
    /// The state of things after every transaction dated on or before `date`.
    pub fn status(&self, date: NaiveDate) -> Result<Status> {
        self.store.read(|conn| status(conn, &Lookback::load(conn, date)?))
    }

    /// The status and the outlook at `date`, reading the ledger once for both (the dashboard and
    /// `pfos status`).
    pub fn dashboard(&self, date: NaiveDate) -> Result<(Status, Option<Outlook>)> {
        self.store.read(|conn| {
            let seen = Lookback::load(conn, date)?;
            Ok((status(conn, &seen)?, super::outlook::outlook(conn, &seen)?))
        })
    }
}

/// The status from what the dashboard read at `seen.as_of`.
fn status(conn: &Connection, seen: &Lookback) -> Result<Status> {
    let (date, state) = (seen.as_of, &seen.state);
    let month = Month::of(date);
    let places = &state.places;
    let balances = state.balances().clone();
    let flows = state.replay.months.get(&month).cloned().unwrap_or_default();
    let figures = Figures::new(places, &flows, &balances);

    // Month-end figures of tracked months: snapshots where closed, the replay where open.
    let first_month = txns::earliest_date(conn)?.map(Month::of);
    let mut history: BTreeMap<Month, (Money, Money)> = BTreeMap::new(); // net worth, day-to-day spending
    let since = month.plus(-12);
    for (m, f, _) in snapshots::figures_since(conn, Some(since))? {
        if m < month {
            history.insert(m, (f.net_worth, f.day_to_day_spending()));
        }
    }
    if let Some(first) = first_month {
        let mut m = since.max(first);
        while m < month {
            if !history.contains_key(&m) && state.checkpoint.is_none_or(|c| m > c) {
                let at_end = state.balances_at_end_of(m);
                let spent = state
                    .replay
                    .months
                    .get(&m)
                    .map_or(Money::ZERO, MonthFlows::day_to_day_spending);
                history.insert(m, (at_end.net_worth(places), spent));
            }
            m = m.next();
        }
    }
    let recent: Vec<Money> = history.range(month.plus(-3)..month).map(|(_, (_, s))| *s).collect();
    let net_worth_3_months_ago = history.get(&month.plus(-3)).map(|(nw, _)| *nw);

    // `recent` reaches back past every card's statement window at `date`.
    let mut cards = card_states_from_moves(places, &balances, date, &seen.card_moves);
    cards.retain(|c| !places.get(c.place_id).is_some_and(|p| p.archived_by(date)));
    let buckets: Vec<BucketLine> = places
        .buckets()
        .filter(|b| b.opened_on <= date && !b.archived_by(date))
        .map(|b| BucketLine {
            place_id: b.id,
            name: b.name.clone(),
            balance: balances.get(b.id),
            added: flows.bucket_added(b.id),
            target_monthly: b.target_for(month),
            goal: b.goal(),
            next_target: b.target_for(month.next()),
            archived: b.archived_by(date),
        })
        .collect();
    let verdict = verdict(&HealthInput {
        current: &figures,
        cards: &cards,
        buckets: &buckets,
        recent_spending: &recent,
        net_worth_3_months_ago,
    });
    let mut net_worth_history: Vec<(Month, Money)> = history.iter().map(|(m, (nw, _))| (*m, *nw)).collect();
    net_worth_history.push((month, figures.net_worth));
    Ok(Status {
        date,
        month,
        places: state.places.clone(),
        net_worth_last_month: history.get(&month.prev()).map(|(nw, _)| *nw),
        spending_average: (!recent.is_empty()).then(|| Money::mean(&recent)),
        balances,
        figures,
        cards,
        buckets,
        net_worth_history,
        verdict,
        latest_closed: snapshots::latest_month(conn)?,
    })
}
