//! Balances at any date: the latest snapshot before it plus the transactions after (checkpoints).

use crate::domain::{replay, Balances, Month, Places, Replay, Txn};
use crate::error::Result;
use crate::store::{snapshots, txns};
use chrono::NaiveDate;
use rusqlite::Connection;

/// The ledger replayed from a checkpoint up to a date.
pub struct State {
    pub places: Places,
    /// The closed month the replay starts after, if any.
    pub checkpoint: Option<Month>,
    /// Balances at the end of the checkpoint month (empty without one).
    pub start: Balances,
    /// Transactions after the checkpoint up to the date, in order.
    pub txns: Vec<Txn>,
    pub replay: Replay,
}

impl State {
    /// The state after every transaction up to `until` (all of them for `None`).
    pub fn load(conn: &Connection, until: Option<NaiveDate>) -> Result<State> {
        let places = Places::new(crate::store::places::all(conn)?);
        let latest = snapshots::latest_month(conn)?;
        let first = snapshots::first_month(conn)?;
        let checkpoint = match until {
            Some(date) => latest
                .map(|l| l.min(Month::of(date).prev()))
                .filter(|m| first.is_some_and(|f| *m >= f)),
            None => latest,
        };
        let start = match checkpoint {
            Some(m) => snapshots::closing_balances(conn, m)?,
            None => Balances::default(),
        };
        let mut tail = txns::after(conn, checkpoint.map(Month::last_day))?;
        if let Some(date) = until {
            tail.retain(|t| t.date <= date);
        }
        let replay = replay(&places, &start, &tail)?;
        Ok(State {
            places,
            checkpoint,
            start,
            txns: tail,
            replay,
        })
    }

    /// Balances now (after every replayed transaction).
    pub fn balances(&self) -> &Balances {
        &self.replay.balances
    }

    /// Balances at the end of a month on or after the checkpoint.
    pub fn balances_at_end_of(&self, month: Month) -> Balances {
        self.replay.balances_at_end_of(month, &self.start)
    }
}
