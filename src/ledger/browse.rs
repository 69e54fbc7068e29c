//! Reads for browsing: keyset pages of transactions and month-by-month history for charts.

use super::{Ledger, State};
use crate::domain::{Figures, Money, Month, PlaceId, Projection, Query, Txn};
use crate::error::Result;
use crate::store::search::{self, Direction};
use crate::store::{card_month_ends, snapshots, txns};
use std::collections::BTreeMap;

pub use crate::store::search::TxnFilter;
pub use crate::store::txns::Cursor;

/// One month's end-of-month figures, from its snapshot when closed, else from the replay.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MonthPoint {
    pub month: Month,
    pub closed: bool,
    pub figures: Figures,
    /// Each card's balance at the end of the month.
    pub card_balances: Vec<(PlaceId, Money)>,
}

/// Month-end history up to this month, and the projection for the month after the latest closed one.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MonthSeries {
    /// Oldest first; the last point is the current month (open).
    pub months: Vec<MonthPoint>,
    /// The latest snapshot's projection, and the month it is for.
    pub projection: Option<(Month, Projection)>,
}

impl Ledger {
    /// Up to `limit` transactions before `before` (from the newest for `None`), newest first, that `filter`
    /// keeps (its query, and an exact category). Keyset pages: any depth costs the same.
    pub fn txns_before(&self, before: Option<Cursor>, filter: &TxnFilter, limit: usize) -> Result<Vec<Txn>> {
        Ok(self.store.search_page(filter, before, Direction::Older, limit)?)
    }

    /// Up to `limit` transactions after `after` (from the oldest for `None`), oldest first, matching `filter`.
    pub fn txns_after(&self, after: Option<Cursor>, filter: &TxnFilter, limit: usize) -> Result<Vec<Txn>> {
        Ok(self.store.search_page(filter, after, Direction::Newer, limit)?)
    }

    /// Calls `visit` with every transaction the query matches, oldest first, one at a time (in one read).
    pub fn search_txns(&self, query: &Query, mut visit: impl FnMut(&Txn) -> Result<()>) -> Result<()> {
        let filter = TxnFilter::query(query.clone());
        self.store.read(|conn| search::each(conn, &filter, |t| visit(&t)))
    }

    /// Month-end figures of the last `months` months up to today's month, oldest first.
    pub fn month_series(&self, months: u32) -> Result<MonthSeries> {
        let conn = self.store.conn();
        let now = Month::of(self.today);
        let since = now.plus(1 - i32::try_from(months.max(1)).unwrap_or(i32::MAX / 24));
        let mut points: BTreeMap<Month, MonthPoint> = BTreeMap::new();
        let mut projection = None;
        for (month, figures, proj) in snapshots::figures_since(conn, Some(since))? {
            projection = Some((month.next(), proj));
            points.insert(
                month,
                MonthPoint {
                    month,
                    closed: true,
                    figures,
                    card_balances: Vec::new(),
                },
            );
        }
        for (month, card, balance) in card_month_ends::card_balances_since(conn, since)? {
            if let Some(p) = points.get_mut(&month) {
                p.card_balances.push((card, balance));
            }
        }
        if projection.is_none() {
            // The window holds no closed month; the latest snapshot may still be older.
            if let Some(latest) = snapshots::latest_month(conn)? {
                projection = snapshots::figures_since(conn, Some(latest))?
                    .pop()
                    .map(|(m, _, p)| (m.next(), p));
            }
        }
        let state = State::load(conn, Some(self.today))?;
        let first = txns::earliest_date(conn)?.map(Month::of);
        let open_from = state.checkpoint.map_or(first, |c| Some(c.next()));
        if let Some(start) = open_from {
            let mut month = start.max(since);
            while month <= now {
                let balances = state.balances_at_end_of(month);
                let flows = state.replay.months.get(&month).cloned().unwrap_or_default();
                let figures = Figures::new(&state.places, &flows, &balances);
                let card_balances = state.places.cards().map(|c| (c.id, balances.get(c.id))).collect();
                points.insert(
                    month,
                    MonthPoint {
                        month,
                        closed: false,
                        figures,
                        card_balances,
                    },
                );
                month = month.next();
            }
        }
        Ok(MonthSeries {
            months: points.into_values().collect(),
            projection,
        })
    }
}

#[cfg(test)]
mod tests;
