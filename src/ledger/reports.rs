//! Reports by category and by tag over a range of months: closed months from their stored snapshot rows,
//! open months from their transactions.

use super::Ledger;
use crate::domain::report::Totals;
use crate::domain::{CategoryLine, Month};
use crate::error::{refused_with, Hint, Result};
use crate::store::{snapshots, txns};
use rusqlite::Connection;

impl Ledger {
    /// Each category's expense (net of refunds) and income over `first` through `last`, sorted by
    /// lower-case name: the same figures as the snapshots of those months.
    pub fn category_report(&self, first: Month, last: Month) -> Result<Vec<CategoryLine>> {
        ensure_order(first, last)?;
        self.store.read(|conn| {
            let mut totals = Totals::default();
            let (closed, open) = split_at_close(conn, first, last)?;
            if let Some((from, to)) = closed {
                for (_, name, expense, income) in snapshots::category_totals(conn, from, to)? {
                    totals.add(&name, expense, income);
                }
            }
            if let Some((from, to)) = open {
                for lines in open_month_categories(conn, from, to)?.values() {
                    for c in lines {
                        totals.add(&c.name, c.expense, c.income);
                    }
                }
            }
            Ok(totals.lines())
        })
    }

    /// Each tag's expenses (net of refunds) and income over `first` through `last`: the whole amounts of
    /// the transactions that carry it, sorted by name.
    pub fn tag_report(&self, first: Month, last: Month) -> Result<Vec<CategoryLine>> {
        ensure_order(first, last)?;
        self.store.read(|conn| {
            let mut totals = Totals::default();
            for (kind, amount, tags) in txns::tagged_between(conn, first.first_day(), last.last_day())? {
                totals.add_tagged(kind, amount, &tags);
            }
            Ok(totals.lines())
        })
    }
}

/// `first..=last` split where the closed months end: the closed part (read from the snapshots' rows)
/// and the open part (worked out from the transactions), either of them empty.
pub(super) type MonthRange = Option<(Month, Month)>;

pub(super) fn split_at_close(conn: &Connection, first: Month, last: Month) -> Result<(MonthRange, MonthRange)> {
    let latest_closed = snapshots::latest_month(conn)?;
    let closed = latest_closed.filter(|l| *l >= first).map(|l| (first, l.min(last)));
    let open = match latest_closed {
        Some(l) if l >= last => None,
        Some(l) => Some((l.next().max(first), last)),
        None => Some((first, last)),
    };
    Ok((closed, open))
}

/// Each open month's categories, from its transactions (months without any are left out).
pub(super) fn open_month_categories(
    conn: &Connection,
    first: Month,
    last: Month,
) -> Result<std::collections::BTreeMap<Month, Vec<crate::domain::engine::CategoryFlow>>> {
    let tail = txns::between_with_categories(conn, first.first_day(), last.last_day())?;
    let places = crate::domain::Places::new(crate::store::places::all(conn)?);
    let mut flows: std::collections::BTreeMap<Month, crate::domain::MonthFlows> = Default::default();
    for t in &tail {
        flows
            .entry(Month::of(t.date))
            .or_default()
            .record(&places, t, crate::domain::Money::ZERO);
    }
    Ok(flows.into_iter().map(|(m, f)| (m, f.category_lines())).collect())
}

fn ensure_order(first: Month, last: Month) -> Result<()> {
    if first > last {
        return refused_with(
            format!("the first month {first} is after the last month {last}"),
            Hint::MonthsInOrder,
        );
    }
    Ok(())
}
