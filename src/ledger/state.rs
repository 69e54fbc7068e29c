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
    /// Transactions after the checkpoint up to the date, in order (without their text when the state was
    /// built for the dashboard, see `Lookback`).
    pub txns: Vec<Txn>,
    pub replay: Replay,
}

/// The closed month a state at `until` starts after: the latest one before `until`'s month.
pub(super) fn checkpoint_for(conn: &Connection, until: Option<NaiveDate>) -> Result<Option<Month>> {
    let latest = snapshots::latest_month(conn)?;
    let first = snapshots::first_month(conn)?;
    Ok(match until {
        Some(date) => latest
            .map(|l| l.min(Month::of(date).prev()))
            .filter(|m| first.is_some_and(|f| *m >= f)),
        None => latest,
    })
}

/// The balances at the end of `date`: the latest snapshot before it and the transactions after, read one
/// at a time (a [`State`] keeps them all).
pub(super) fn balances_at(conn: &Connection, places: &Places, date: NaiveDate) -> Result<Balances> {
    let checkpoint = checkpoint_for(conn, Some(date))?;
    let mut balances = match checkpoint {
        Some(m) => snapshots::closing_balances(conn, m)?,
        None => Balances::default(),
    };
    let first = checkpoint
        .and_then(|m| m.last_day().succ_opt())
        .unwrap_or(NaiveDate::from_ymd_opt(0, 1, 1).unwrap_or_default());
    txns::each_between(conn, first, date, |t| {
        balances.apply(places, &t);
        Ok::<(), crate::error::Error>(())
    })?;
    Ok(balances)
}

impl State {
    /// The state after every transaction up to `until` (all of them for `None`).
    pub fn load(conn: &Connection, until: Option<NaiveDate>) -> Result<State> {
        let places = Places::new(crate::store::places::all(conn)?);
        let checkpoint = checkpoint_for(conn, until)?;
        let mut tail = txns::after(conn, checkpoint.map(Month::last_day))?;
        if let Some(date) = until {
            tail.retain(|t| t.date <= date);
        }
        State::replayed(conn, places, checkpoint, tail)
    }

    /// The state at `until` from `checkpoint` (see [`checkpoint_for`]), taking the transactions after the
    /// checkpoint from `recent` (every transaction from `since` to `until`, in order, maybe without their
    /// text) when it reaches back far enough.
    pub(super) fn load_reusing(
        conn: &Connection,
        places: Places,
        checkpoint: Option<Month>,
        until: NaiveDate,
        recent: &[Txn],
        since: NaiveDate,
    ) -> Result<State> {
        let tail = match checkpoint.map(Month::last_day) {
            Some(end) if end >= since.pred_opt().unwrap_or(since) => {
                recent.iter().filter(|t| t.date > end).cloned().collect()
            }
            _ => txns::after(conn, checkpoint.map(Month::last_day))?
                .into_iter()
                .filter(|t| t.date <= until)
                .collect(),
        };
        State::replayed(conn, places, checkpoint, tail)
    }

    fn replayed(conn: &Connection, places: Places, checkpoint: Option<Month>, tail: Vec<Txn>) -> Result<State> {
        let start = match checkpoint {
            Some(m) => snapshots::closing_balances(conn, m)?,
            None => Balances::default(),
        };
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
