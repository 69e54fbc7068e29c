//! Next month's projection when recurring items exist: what they bring next month, plus the average of the rest.
//!
//! A past transaction is a recurring item's when an item posted it, or when it is just like an item's
//! occurrence (same kind, amount and places: rent typed in by hand before the item existed). The recurring
//! part is stored with the snapshot (`snapshot_plans`), so `pfos check` recomputes the same projection from
//! the transactions even after the items change; without a stored part it is the plain projection
//! (the means over up to three closed months).

use crate::domain::forecast::projection_with_plan;
use crate::domain::recurring::RecurringItem;
use crate::domain::{Figures, Money, Month, PlaceKind, Places, Snapshot, Txn, TxnId, TxnKind};
use crate::error::Result;
use crate::store::plans::{self, SnapshotPlan};
use crate::store::{recurring as recurring_rows, txns};
use rusqlite::Connection;
use std::collections::{BTreeMap, HashSet};

/// An expense that counts as day-to-day spending: not paid from a bucket.
fn day_to_day(places: &Places, from: Option<crate::domain::PlaceId>) -> bool {
    from.and_then(|p| places.kind(p)) != Some(PlaceKind::Bucket)
}

/// What recurring items bring in and cost in `month`: (income, day-to-day spending).
pub fn recurring_in(items: &[RecurringItem], places: &Places, month: Month) -> (Money, Money) {
    let (mut income, mut spending) = (Money::ZERO, Money::ZERO);
    for item in items {
        let times = item.schedule.between(month.first_day(), month.last_day()).len();
        let total: Money = std::iter::repeat_n(item.amount, times).sum();
        match item.kind {
            TxnKind::Income => income += total,
            TxnKind::Expense if day_to_day(places, item.from) => spending += total,
            _ => {}
        }
    }
    (income, spending)
}

/// Whether a past transaction is a recurring item's (posted by one, or just like one).
pub(super) fn is_recurring(t: &Txn, posted: &HashSet<TxnId>, items: &[RecurringItem]) -> bool {
    posted.contains(&t.id) || items.iter().any(|i| i.matches(t))
}

/// The recurring part of each month from `first` to `last`: (income, day-to-day spending).
pub(super) fn recurring_by_month(
    conn: &Connection,
    places: &Places,
    items: &[RecurringItem],
    first: Month,
    last: Month,
) -> Result<BTreeMap<Month, (Money, Money)>> {
    if items.is_empty() {
        return Ok(BTreeMap::new());
    }
    let posted: HashSet<TxnId> = recurring_rows::all_posts(conn)?.into_iter().map(|p| p.txn).collect();
    let txns = txns::between_without_text(conn, first.first_day(), last.last_day())?;
    Ok(recurring_part(places, items, &posted, txns.iter()))
}

/// The recurring part of each month of `txns`: (income, day-to-day spending).
pub(super) fn recurring_part<'a>(
    places: &Places,
    items: &[RecurringItem],
    posted: &HashSet<TxnId>,
    txns: impl Iterator<Item = &'a Txn>,
) -> BTreeMap<Month, (Money, Money)> {
    let mut out: BTreeMap<Month, (Money, Money)> = BTreeMap::new();
    for t in txns.filter(|t| is_recurring(t, posted, items)) {
        let entry = out.entry(Month::of(t.date)).or_default();
        match t.kind {
            TxnKind::Income => entry.0 += t.amount,
            TxnKind::Expense if day_to_day(places, t.from) => entry.1 += t.amount,
            _ => {}
        }
    }
    out
}

/// The figures of the projection's window: up to two closed months before, then the month itself.
fn window<'a>(snapshot: &'a Snapshot, previous: &'a [Figures]) -> Vec<&'a Figures> {
    let tail = &previous[previous.len().saturating_sub(2)..];
    tail.iter().chain(std::iter::once(&snapshot.figures)).collect()
}

/// Gives a snapshot being closed the projection with recurring items, when there are any; `previous`
/// holds the figures of the closed months just before it, oldest first.
pub(super) fn adjust_for_close(
    conn: &Connection,
    places: &Places,
    snapshot: &mut Snapshot,
    previous: &[Figures],
) -> Result<Option<SnapshotPlan>> {
    let items = recurring_rows::all(conn)?;
    if items.is_empty() {
        return Ok(None);
    }
    let figures = window(snapshot, previous);
    let month = snapshot.month;
    let first = month.plus(1 - figures.len() as i32);
    let past = recurring_by_month(conn, places, &items, first, month)?;
    let (next_income, next_spending) = recurring_in(&items, places, month.next());
    let plan = SnapshotPlan {
        next_income,
        next_spending,
        past_income: past.values().map(|(i, _)| *i).sum(),
        past_spending: past.values().map(|(_, s)| *s).sum(),
    };
    snapshot.projection = projection_with_plan(&figures, snapshot.projection.planned_savings, &plan);
    Ok(Some(plan))
}

/// Gives a recomputed snapshot the projection it was closed with, from its stored recurring part.
pub(super) fn adjust_for_check(conn: &Connection, snapshot: &mut Snapshot, previous: &[Figures]) -> Result<()> {
    if let Some(plan) = plans::get(conn, snapshot.month)? {
        let projection = projection_with_plan(&window(snapshot, previous), snapshot.projection.planned_savings, &plan);
        snapshot.projection = projection;
    }
    Ok(())
}

/// Everything looking ahead, for the JSON export.
pub(super) fn read_plans(conn: &Connection) -> Result<crate::io::json_plans::Plans> {
    let mut card_rates: Vec<_> = crate::store::card_rates::all(conn)?.into_iter().collect();
    card_rates.sort_by_key(|(id, _)| *id);
    Ok(crate::io::json_plans::Plans {
        card_rates,
        recurring: recurring_rows::all(conn)?,
        posts: recurring_rows::all_posts(conn)?,
        snapshot_plans: plans::all(conn)?,
    })
}

/// Stores restored plans, ids kept (after places, transactions and snapshots).
pub(super) fn write_plans(conn: &Connection, p: &crate::io::json_plans::Plans) -> Result<()> {
    for (id, rates) in &p.card_rates {
        crate::store::card_rates::set(conn, *id, rates)?;
    }
    for item in &p.recurring {
        recurring_rows::insert_restored(conn, item)?;
    }
    for post in &p.posts {
        recurring_rows::insert_post(conn, post.txn, post.item, post.date)?;
    }
    for (month, part) in &p.snapshot_plans {
        plans::insert(conn, *month, part)?;
    }
    Ok(())
}
