//! Reports month by month: each month's categories (closed months from their snapshot rows, open months
//! from their transactions), a month against the usual, and the per-month cash flow figures.

use super::reports::{open_month_categories, split_at_close};
use super::Ledger;
use crate::domain::report::Totals;
use crate::domain::report_trends::{against_usual, usual_months, Comparison, USUAL_MONTHS};
use crate::domain::{CategoryLine, Figures, Money, Month};
use crate::error::Result;
use crate::store::snapshots;
use std::collections::BTreeMap;

/// The most months a month-by-month report reads at once.
pub const MAX_REPORT_MONTHS: u32 = 240;

/// A month's categories against the usual, and how many months before it the usual is the mean of (up to
/// three; fewer while the history is shorter).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgainstUsual {
    pub categories: Vec<Comparison>,
    pub usual_months: u32,
}

/// One month's cash flow: what came in, what was spent day to day and from buckets, what was put aside,
/// and what left the accounts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CashflowMonth {
    pub month: Month,
    pub closed: bool,
    pub income: Money,
    pub day_to_day: Money,
    pub from_buckets: Money,
    pub savings_added: Money,
    pub cash_outflow: Money,
}

impl CashflowMonth {
    pub fn of(month: Month, closed: bool, f: &Figures) -> CashflowMonth {
        CashflowMonth {
            month,
            closed,
            income: f.total_income,
            day_to_day: f.day_to_day_spending(),
            from_buckets: f.from_buckets,
            savings_added: f.savings_added,
            cash_outflow: f.cash_outflow,
        }
    }
}

impl Ledger {
    /// Each month from `first` to `last` with its categories (every month listed, empty ones too).
    pub fn category_months(&self, first: Month, last: Month) -> Result<Vec<(Month, Vec<CategoryLine>)>> {
        let mut by_month: BTreeMap<Month, Totals> = BTreeMap::new();
        let mut m = first;
        while m <= last {
            by_month.insert(m, Totals::default());
            m = m.next();
        }
        self.store.read(|conn| {
            let (closed, open) = split_at_close(conn, first, last)?;
            if let Some((from, to)) = closed {
                for (month, name, expense, income) in snapshots::category_totals_by_month(conn, from, to)? {
                    by_month.entry(month).or_default().add(&name, expense, income);
                }
            }
            if let Some((from, to)) = open {
                for (month, lines) in open_month_categories(conn, from, to)? {
                    let totals = by_month.entry(month).or_default();
                    for c in lines {
                        totals.add(&c.name, c.expense, c.income);
                    }
                }
            }
            Ok(by_month.into_iter().map(|(m, t)| (m, t.lines())).collect())
        })
    }

    /// `month`'s categories against the usual (the mean of up to 3 months before it, those with any
    /// category), with the number of months the usual was worked out over.
    pub fn categories_vs_usual(&self, month: Month) -> Result<AgainstUsual> {
        let first = month.plus(-i32::try_from(USUAL_MONTHS).unwrap_or(3));
        let mut months = self.category_months(first, month)?;
        let now = months.pop().map(|(_, lines)| lines).unwrap_or_default();
        let before: Vec<Vec<CategoryLine>> = months.into_iter().map(|(_, lines)| lines).collect();
        Ok(AgainstUsual {
            categories: against_usual(&now, &before),
            usual_months: usual_months(&before),
        })
    }

    /// The cash flow of the last `months` months up to this one, oldest first (closed months from their
    /// snapshots, the open ones worked out).
    pub fn cashflow(&self, months: u32) -> Result<Vec<CashflowMonth>> {
        let history = self.month_series(months.clamp(1, MAX_REPORT_MONTHS))?;
        Ok(history
            .months
            .iter()
            .map(|p| CashflowMonth::of(p.month, p.closed, &p.figures))
            .collect())
    }
}

#[cfg(test)]
mod tests {
    use crate::domain::report::total;
    use crate::domain::{PlaceKind, TxnKind};
    use crate::ledger::test_support::{d, input, m, month, ok};
    use crate::ledger::Ledger;

    fn spend(l: &mut Ledger, amount: &str, category: &str, date: &str) {
        let mut i = input(TxnKind::Expense, amount, Some("Checking"), None, date);
        i.category = Some(category.into());
        ok(l.add_txn(&i));
    }

    #[test]
    fn months_add_up_to_the_range_report_whether_closed_or_open() {
        let mut l = ok(Ledger::in_memory(d("2025-04-20")));
        ok(l.add_account("Checking", PlaceKind::Checking, m("5000"), d("2025-01-01")));
        for (amount, category, date) in [
            ("180", "Dining", "2025-01-10"),
            ("200", "Groceries", "2025-01-12"),
            ("180", "dining", "2025-02-10"),
            ("180", "Dining", "2025-03-10"),
            ("420", "Dining", "2025-04-10"),
            ("50", "Gym", "2025-04-11"),
        ] {
            spend(&mut l, amount, category, date);
        }
        ok(l.close_month(month("2025-01"), false));
        ok(l.close_month(month("2025-02"), false));
        let months = ok(l.category_months(month("2025-01"), month("2025-04")));
        assert_eq!(months.len(), 4);
        let per_month: crate::domain::Money = months.iter().map(|(_, lines)| total(lines).0).sum();
        let whole = total(&ok(l.category_report(month("2025-01"), month("2025-04")))).0;
        assert_eq!(
            per_month, whole,
            "closed months from snapshots, open ones from transactions"
        );
        let april = ok(l.categories_vs_usual(month("2025-04"))).categories;
        assert_eq!(april[0].name, "Dining");
        assert_eq!(april[0].spent, m("420"));
        assert_eq!(april[0].usual, m("180"));
        assert_eq!(april[1].name, "Gym");
        // Groceries: 200 in January, one of the 3 months before April, nothing since.
        let groceries = april
            .iter()
            .find(|c| c.name == "Groceries")
            .unwrap_or_else(|| panic!("{april:?}"));
        assert_eq!((groceries.spent, groceries.usual), (m("0"), m("66.67")));
        assert_eq!(ok(l.categories_vs_usual(month("2025-04"))).usual_months, 3);
        assert_eq!(
            ok(l.categories_vs_usual(month("2025-02"))).usual_months,
            1,
            "January alone came before"
        );
        assert_eq!(
            ok(l.categories_vs_usual(month("2025-01"))).usual_months,
            0,
            "nothing before January"
        );
        let flow = ok(l.cashflow(4));
        assert_eq!(flow.len(), 4);
        assert_eq!(flow[3].day_to_day, m("470"));
        assert!(flow[0].closed && !flow[3].closed);
    }
}
