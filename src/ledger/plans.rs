//! SPEC §5's projection when recurring items exist: what they bring next month, plus the average of the rest.
//!
//! The recurring part is stored with the snapshot (`snapshot_plans`), so `pfos check` recomputes the same
//! projection from the transactions even after the items change; without a stored part it is §5 exactly.

use crate::domain::forecast::{projection_with_plan, MonthBasis};
use crate::domain::recurring::RecurringItem;
use crate::domain::{Figures, Money, Month, PlaceKind, Places, Projection, Snapshot, TxnKind};
use crate::error::Result;
use crate::store::plans::{self, SnapshotPlan};
use crate::store::recurring as recurring_rows;
use rusqlite::Connection;
use std::collections::BTreeMap;

/// What recurring items bring in and cost in `month` (spending: expenses not paid from a bucket).
pub fn recurring_in(items: &[RecurringItem], places: &Places, month: Month) -> SnapshotPlan {
    let mut plan = SnapshotPlan::default();
    for item in items {
        let times = item.schedule.between(month.first_day(), month.last_day()).len();
        let total: Money = std::iter::repeat_n(item.amount, times).sum();
        match item.kind {
            TxnKind::Income => plan.recurring_income += total,
            TxnKind::Expense if item.from.and_then(|p| places.kind(p)) != Some(PlaceKind::Bucket) => {
                plan.recurring_spending += total
            }
            _ => {}
        }
    }
    plan
}

/// The plan for the month after `month`, when any recurring item exists.
pub(super) fn plan_after(conn: &Connection, places: &Places, month: Month) -> Result<Option<SnapshotPlan>> {
    let items = recurring_rows::all(conn)?;
    if items.is_empty() {
        return Ok(None);
    }
    Ok(Some(recurring_in(&items, places, month.next())))
}

/// What recurring items posted in each month from `first` to `last`: (income, day-to-day spending).
pub(super) fn posted_by_month(conn: &Connection, first: Month, last: Month) -> Result<BTreeMap<Month, (Money, Money)>> {
    let mut out: BTreeMap<Month, (Money, Money)> = BTreeMap::new();
    for t in recurring_rows::posted_txns_between(conn, first.first_day(), last.last_day())? {
        let entry = out.entry(Month::of(t.date)).or_default();
        match t.kind {
            TxnKind::Income => entry.0 += t.amount,
            TxnKind::Expense if t.from_kind != Some(PlaceKind::Bucket) => entry.1 += t.amount,
            _ => {}
        }
    }
    Ok(out)
}

/// The projection of `snapshot` with a recurring part; `previous` holds the figures of up to two
/// closed months just before it, oldest first.
pub(super) fn projection(
    conn: &Connection,
    snapshot: &Snapshot,
    previous: &[Figures],
    plan: &SnapshotPlan,
) -> Result<Projection> {
    let month = snapshot.month;
    let tail = &previous[previous.len().saturating_sub(2)..];
    let first = month.plus(-(tail.len() as i32));
    let posted = posted_by_month(conn, first, month)?;
    let mut window: Vec<(&Figures, MonthBasis)> = Vec::new();
    for (i, figures) in tail.iter().chain(std::iter::once(&snapshot.figures)).enumerate() {
        let m = first.plus(i as i32);
        let (income, spending) = posted.get(&m).copied().unwrap_or_default();
        window.push((figures, MonthBasis::from_figures(figures, income, spending)));
    }
    Ok(projection_with_plan(
        &window,
        snapshot.projection.planned_savings,
        plan.recurring_income,
        plan.recurring_spending,
    ))
}

/// Gives a snapshot being closed the projection with recurring items, when there are any.
pub(super) fn adjust_for_close(
    conn: &Connection,
    places: &Places,
    snapshot: &mut Snapshot,
    previous: &[Figures],
) -> Result<Option<SnapshotPlan>> {
    let Some(plan) = plan_after(conn, places, snapshot.month)? else {
        return Ok(None);
    };
    snapshot.projection = projection(conn, snapshot, previous, &plan)?;
    Ok(Some(plan))
}

/// Gives a recomputed snapshot the projection it was closed with, from its stored recurring part.
pub(super) fn adjust_for_check(conn: &Connection, snapshot: &mut Snapshot, previous: &[Figures]) -> Result<()> {
    if let Some(plan) = plans::get(conn, snapshot.month)? {
        snapshot.projection = projection(conn, snapshot, previous, &plan)?;
    }
    Ok(())
}
