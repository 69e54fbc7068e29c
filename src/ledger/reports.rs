//! Reports by category and by tag over a range of months: closed months from their stored snapshot rows,
//! open months from their transactions.

use super::Ledger;
use crate::domain::report::Totals;
use crate::domain::{CategoryLine, Month};
use crate::error::{refused_with, Hint, Result};
use crate::store::{snapshots, txns};

impl Ledger {
    /// Each category's expense (net of refunds) and income over `first` through `last`, sorted by
    /// lower-case name: the same figures as the snapshots of those months.
    pub fn category_report(&self, first: Month, last: Month) -> Result<Vec<CategoryLine>> {
        ensure_order(first, last)?;
        self.store.read(|conn| {
            let mut totals = Totals::default();
            let latest_closed = snapshots::latest_month(conn)?;
            if latest_closed.is_some_and(|l| l >= first) {
                let closed_last = latest_closed.map_or(last, |l| l.min(last));
                for (_, name, expense, income) in snapshots::category_totals(conn, first, closed_last)? {
                    totals.add(&name, expense, income);
                }
            }
            if latest_closed.is_none_or(|l| l < last) {
                let open_first = latest_closed.map_or(first, |l| l.next().max(first));
                let tail = txns::between_with_categories(conn, open_first.first_day(), last.last_day())?;
                let places = crate::domain::Places::new(crate::store::places::all(conn)?);
                let mut flows = crate::domain::MonthFlows::default();
                for t in &tail {
                    flows.record(&places, t, crate::domain::Money::ZERO);
                }
                for c in flows.category_lines() {
                    totals.add(&c.name, c.expense, c.income);
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

fn ensure_order(first: Month, last: Month) -> Result<()> {
    if first > last {
        return refused_with(
            format!("the first month {first} is after the last month {last}"),
            Hint::MonthsInOrder,
        );
    }
    Ok(())
}
