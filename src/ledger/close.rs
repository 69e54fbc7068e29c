//! Close Month: build, preview and store a month's snapshot; reopen the latest one. Months close in order,
//! with no gap, and a closed month is locked.

use super::reconcile::differences_in;
use super::Ledger;
use crate::domain::statement::{card_state_from_moves, CardMoves};
use crate::domain::statement::{longest_grace, window_start};
use crate::domain::{
    replay, Balances, CardState, Figures, KeptTerms, Month, PlaceId, Places, Snapshot, SnapshotInput, Txn,
};
use crate::error::{refused, refused_with, Hint, Refusal, Result};
use crate::store::plans::SnapshotPlan;
use crate::store::Change;
use crate::store::{snapshots, txns};
use chrono::NaiveDate;
use rusqlite::Connection;
use std::collections::HashMap;

/// What closing the next month would store, before the person confirms it.
pub struct ClosePreview {
    pub snapshot: Snapshot,
    /// The month has not ended yet, so closing it needs a second confirmation.
    pub not_over: bool,
    /// Reconciliations dated in the month that no longer agree: closing needs an explicit confirmation.
    pub differences: Vec<super::Reconciled>,
}

impl ClosePreview {
    /// Whether closing needs a second, explicit confirmation.
    pub fn needs_second_confirmation(&self) -> bool {
        self.not_over || !self.differences.is_empty()
    }
}

impl Ledger {
    /// The month that would close next, if any transaction exists.
    pub fn next_month_to_close(&self) -> Result<Option<Month>> {
        next_to_close(self.store.conn())
    }

    /// Builds the snapshot for the next month to close, storing nothing.
    pub fn preview_close(&self) -> Result<ClosePreview> {
        let conn = self.store.conn();
        let Some(month) = next_to_close(conn)? else {
            return refused("nothing to close yet: add transactions first");
        };
        ensure_started(month, self.today)?;
        let (snapshot, _) = build_for_close(conn, month)?;
        Ok(ClosePreview {
            snapshot,
            not_over: self.today <= month.last_day(),
            differences: differences_in(conn, month)?,
        })
    }

    /// Closes `month`: checks the order rules, builds the snapshot and stores it, locking the month.
    /// `force` closes a month not over yet; reconciliations that disagree refuse it (see [`Self::close_month_accepting`]).
    pub fn close_month(&mut self, month: Month, force: bool) -> Result<Snapshot> {
        self.close_month_with(month, force, false)
    }

    /// Like [`Self::close_month`], after the person has seen and accepted the reconciliation differences.
    pub fn close_month_accepting(&mut self, month: Month, force: bool) -> Result<Snapshot> {
        self.close_month_with(month, force, true)
    }

    fn close_month_with(&mut self, month: Month, force: bool, accept_differences: bool) -> Result<Snapshot> {
        let today = self.today;
        let will_close = force || today > month.last_day();
        if will_close && month.first_day() <= today && next_to_close(self.store.conn())? == Some(month) {
            // The first close of the day backs the database up; `pfos undo` takes back any close.
            self.store.daily_backup(&format!("before-close-{month}"))?;
        }
        self.store.write(|tx| {
            let latest = snapshots::latest_month(tx)?;
            if let Some(latest) = latest.filter(|l| month <= *l) {
                let next = latest.next();
                let then = Hint::CloseMonth { month: next };
                if snapshots::load(tx, month, &Places::default())?.is_some() {
                    let mut refusal = Refusal::new(format!(
                        "month {month} is already closed (the next month to close is {next})"
                    ))
                    .hint(Hint::SeeSnapshot { month });
                    if month == latest {
                        refusal = refusal.hint(Hint::Reopen { latest, back_to: month });
                    }
                    return refusal.hint(then).err();
                }
                let first = snapshots::first_month(tx)?.unwrap_or(latest);
                return refused_with(
                    format!(
                        "month {month} is closed: it comes before {first}, the first closed month, so it is locked (the next month to close is {next})"
                    ),
                    then,
                );
            }
            let Some(next) = next_to_close(tx)? else {
                return refused("nothing to close yet: add transactions first");
            };
            if month < next {
                return refused(format!(
                    "nothing to close in {month}: the first month with transactions is {next}; close {next} first"
                ));
            }
            if month > next {
                return refused(format!(
                    "cannot close {month} yet: months close in order with no gap; close {next} first"
                ));
            }
            ensure_started(month, today)?;
            if today <= month.last_day() && !force {
                return refused_with(
                    format!("month {month} is not over yet (today is {today})"),
                    Hint::ForceClose { month },
                );
            }
            let differences = differences_in(tx, month)?;
            if !differences.is_empty() && !accept_differences {
                let list: Vec<String> = differences.iter().map(|d| format!("  {}", d.describe())).collect();
                let reason = format!(
                    "{} reconciliation(s) in {month} no longer agree:\n{}\n",
                    differences.len(),
                    list.join("\n")
                );
                let refusal = Refusal::new(reason).or("fix the transactions");
                return refusal.hint(Hint::AcceptDifferences { month }).err();
            }
            let (snapshot, plan) = build_for_close(tx, month)?;
            let closed_at = chrono::Local::now().format("%Y-%m-%dT%H:%M:%S%:z").to_string();
            snapshots::insert(tx, &snapshot, &closed_at)?;
            if let Some(plan) = plan {
                crate::store::plans::insert(tx, month, &plan)?;
            }
            Ok((snapshot, Change::new("close", format!("close {month}"))))
        })
    }

    /// Reopens the latest closed month: deletes its snapshot and unlocks it.
    pub fn reopen(&mut self, month: Month) -> Result<()> {
        self.store.write(|tx| {
            let latest = snapshots::latest_month(tx)?;
            match latest {
                Some(l) if l == month => {
                    snapshots::delete(tx, month)?;
                    Ok(((), Change::new("reopen", format!("reopen {month}"))))
                }
                Some(l) if month < l && snapshots::load(tx, month, &Places::default())?.is_some() => refused(format!(
                    "only the latest closed month can be reopened; reopen {l} first, then the months before it back to {month}"
                )),
                _ => refused(format!("month {month} is not closed, so there is nothing to reopen")),
            }
        })
    }

    /// The stored snapshot of a closed month; for another month, an error that says what works instead.
    pub fn snapshot(&self, month: Month) -> Result<Snapshot> {
        let places = self.places()?;
        let conn = self.store.conn();
        if let Some(s) = snapshots::load(conn, month, &places)? {
            return Ok(s);
        }
        let today = self.today;
        let status = Hint::SeeStatus {
            date: (month.first_day() <= today).then(|| month.last_day().min(today)),
        };
        let not_closed = format!("month {month} is not closed, so it has no snapshot");
        let refusal = match (snapshots::latest_month(conn)?, next_to_close(conn)?) {
            (_, None) => Refusal::new(format!(
                "{not_closed}; nothing is closed yet, and nothing can be: add transactions first"
            ))
            .hint(status),
            (Some(latest), Some(_)) if month < latest => {
                let first = snapshots::first_month(conn)?.unwrap_or(latest);
                Refusal::new(format!(
                    "{not_closed}; it comes before {first}, the first closed month, and has no transactions"
                ))
                .hint(Hint::SeeSnapshot { month: first })
            }
            (None, Some(next)) if month < next => Refusal::new(format!(
                "{not_closed}; it has no transactions (the first month with any is {next})"
            ))
            .hint(Hint::CloseMonth { month: next }),
            (_, Some(next)) if month.first_day() > today => Refusal::new(format!(
                "{not_closed}; it has not started yet (today is {today}); the next month to close is {next}"
            )),
            (_, Some(next)) if month > next => Refusal::new(format!(
                "{not_closed}; months close in order, and the next one to close is {next}"
            ))
            .hint(Hint::CloseUpTo { next, month })
            .hint(status),
            (_, Some(next)) if today <= next.last_day() => {
                Refusal::new(format!("{not_closed}; it is not over yet (today is {today})"))
                    .hint(Hint::ForceClose { month: next })
                    .hint(status)
            }
            (_, Some(next)) => Refusal::new(not_closed)
                .hint(Hint::CloseMonth { month: next })
                .hint(status),
        };
        refusal.err()
    }

    /// Figures and projections of every closed month, oldest first.
    pub fn closed_months(&self) -> Result<Vec<(Month, Figures, crate::domain::Projection)>> {
        Ok(snapshots::figures_since(self.store.conn(), None)?)
    }
}

fn next_to_close(conn: &Connection) -> Result<Option<Month>> {
    if let Some(latest) = snapshots::latest_month(conn)? {
        return Ok(Some(latest.next()));
    }
    Ok(txns::earliest_date(conn)?.map(Month::of))
}

fn ensure_started(month: Month, today: NaiveDate) -> Result<()> {
    if month.first_day() > today {
        return refused(format!(
            "month {month} has not started yet (today is {today}); nothing can be closed ahead of time"
        ));
    }
    Ok(())
}

/// Builds the snapshot of the month after the latest closed one, from stored data, with the recurring
/// part of its projection when recurring items exist.
fn build_for_close(conn: &Connection, month: Month) -> Result<(Snapshot, Option<SnapshotPlan>)> {
    let places = Places::new(crate::store::places::all(conn)?);
    let previous_month = month.prev();
    let opening = snapshots::closing_balances(conn, previous_month)?;
    let previous: Vec<Figures> = snapshots::figures_since(conn, Some(month.plus(-2)))?
        .into_iter()
        .filter(|(m, _, _)| *m < month)
        .map(|(_, f, _)| f)
        .collect();
    // One read from the start of the cards' statement windows (at least the month's first day): the
    // month's transactions for the replay, all of it for the card states.
    let since =
        window_start_of_cards(&places, month.last_day()).map_or(month.first_day(), |s| s.min(month.first_day()));
    let window = txns::between_with_categories(conn, since, month.last_day())?;
    let month_txns: Vec<Txn> = window.iter().filter(|t| t.date >= month.first_day()).cloned().collect();
    let mut snapshot = build_snapshot(&places, month, &opening, &month_txns, &window, &previous, None)?;
    let plan = super::plans::adjust_for_close(conn, &places, &mut snapshot, &previous)?;
    Ok((snapshot, plan))
}

/// Where the earliest card statement window at `as_of` starts (`None` without cards).
pub(super) fn window_start_of_cards(places: &Places, as_of: NaiveDate) -> Option<NaiveDate> {
    places
        .cards()
        .filter_map(|c| longest_grace(c).map(|t| window_start(&t, as_of)))
        .min()
}

/// Builds a month's snapshot from its opening balances and transactions.
///
/// `window` holds every card transaction of the cards' statement windows up to the month's end (see
/// [`card_window`]), and `previous` the figures of up to two closed months before.
pub fn build_snapshot(
    places: &Places,
    month: Month,
    opening: &Balances,
    month_txns: &[Txn],
    window: &[Txn],
    previous: &[Figures],
    kept: Option<&KeptTerms>,
) -> Result<Snapshot> {
    let replayed = replay(places, opening, month_txns)?;
    let flows = replayed.months.get(&month).cloned().unwrap_or_default();
    let closing = &replayed.balances;
    let cards = card_states(places, closing, month.last_day(), window);
    Ok(Snapshot::build(SnapshotInput {
        month,
        places,
        opening,
        closing,
        flows: &flows,
        cards,
        previous,
        kept,
    }))
}

/// Every card open by `as_of`, with its statement state.
pub fn card_states(places: &Places, balances: &Balances, as_of: NaiveDate, window: &[Txn]) -> Vec<CardState> {
    card_states_from_moves(places, balances, as_of, &card_moves(places, window))
}

/// Each card's moves among `txns`, for [`card_states_from_moves`] at several dates.
pub fn card_moves(places: &Places, txns: &[Txn]) -> HashMap<PlaceId, CardMoves> {
    places.cards().map(|c| (c.id, CardMoves::of(c.id, txns))).collect()
}

/// [`card_states`] from each card's moves (see [`card_moves`]).
pub fn card_states_from_moves(
    places: &Places,
    balances: &Balances,
    as_of: NaiveDate,
    moves: &HashMap<PlaceId, CardMoves>,
) -> Vec<CardState> {
    let none = CardMoves::default();
    places
        .cards()
        .filter(|c| c.opened_on <= as_of)
        .filter(|c| c.card.is_some())
        .map(|c| {
            let moves = moves.get(&c.id).unwrap_or(&none);
            card_state_from_moves(c, balances.get(c.id), as_of, moves)
        })
        .collect()
}
