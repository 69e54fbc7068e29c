//! The activity log, undo and redo: every change can be taken back, unless that would touch a closed month.

use super::{Ledger, State};
use crate::domain::{parse_date, Month};
use crate::error::{refused_with, Hint, Result};
use crate::store::activity::{self, Direction, Entry};
use crate::store::snapshots;

impl Ledger {
    /// The newest `limit` changes, newest first.
    pub fn activity(&self, limit: usize) -> Result<Vec<Entry>> {
        Ok(activity::list(self.store.conn(), limit)?)
    }

    /// Takes back the latest change that is not undone yet.
    pub fn undo(&mut self) -> Result<Entry> {
        self.replay(Direction::Undo)
    }

    /// Puts back the change undone last.
    pub fn redo(&mut self) -> Result<Entry> {
        self.replay(Direction::Redo)
    }

    fn replay(&mut self, direction: Direction) -> Result<Entry> {
        self.store.write_unlogged(|tx| {
            let closed_before = snapshots::latest_month(tx)?;
            let (entry, earliest) = activity::replay(tx, direction)?;
            let verb = if direction == Direction::Undo { "undo" } else { "redo" };
            // A month is locked if it is closed before and after: a change that brings its closed months
            // along with their transactions (`pfos import json`) is undone and redone whole.
            let closed_after = snapshots::latest_month(tx)?;
            if let (Some(latest), Some(before)) = (closed_after, closed_before) {
                let last_locked = latest.min(before).last_day();
                let locked = earliest.and_then(|d| parse_date(&d).ok()).filter(|d| *d <= last_locked);
                if let Some(date) = locked {
                    let month = Month::of(date);
                    return refused_with(
                        format!(
                            "cannot {verb} '{}': it changes a transaction in {month}, which is closed",
                            entry.summary
                        ),
                        Hint::Reopen { latest, back_to: month },
                    );
                }
            }
            State::load(tx, None)
                .and_then(|state| super::txns::ensure_archived_places_empty(&state))
                .map_err(|e| e.within(|why| format!("cannot {verb} '{}': {why}", entry.summary)))?;
            Ok(entry)
        })
    }
}
