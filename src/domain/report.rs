//! Reports over a range of months: each category's and each tag's figures, added up (the same figures as
//! the snapshots of those months, open months included).

use super::category::category_key;
use super::money::Money;
use super::snapshot::CategoryLine;
use super::txn::TxnKind;
use std::collections::BTreeMap;

/// Figures by name, added up over months; names compared whatever their case, sorted by lower-case name.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Totals(BTreeMap<String, CategoryLine>);

impl Totals {
    /// Adds one line (a month's category figures, say).
    pub fn add(&mut self, name: &str, expense: Money, income: Money) {
        let entry = self.0.entry(category_key(name)).or_insert_with(|| CategoryLine {
            name: name.to_string(),
            expense: Money::ZERO,
            income: Money::ZERO,
        });
        entry.expense += expense;
        entry.income += income;
    }

    /// Adds a tagged transaction's whole amount to each of its tags: expenses count, refunds count
    /// against them, income is income; other kinds change no tag's figures.
    pub fn add_tagged(&mut self, kind: TxnKind, amount: Money, tags: &[String]) {
        let (expense, income) = match kind {
            TxnKind::Expense => (amount, Money::ZERO),
            TxnKind::Refund => (-amount, Money::ZERO),
            TxnKind::Income => (Money::ZERO, amount),
            _ => return,
        };
        for tag in tags {
            self.add(tag, expense, income);
        }
    }

    pub fn lines(self) -> Vec<CategoryLine> {
        self.0.into_values().collect()
    }
}

/// The total row of a report: Σ expense and Σ income.
pub fn total(lines: &[CategoryLine]) -> (Money, Money) {
    (
        lines.iter().map(|l| l.expense).sum(),
        lines.iter().map(|l| l.income).sum(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(cents: i64) -> Money {
        Money::from_cents(cents)
    }

    #[test]
    fn totals_fold_case_and_sort_by_lower_case_name() {
        let mut t = Totals::default();
        t.add("groceries", m(100), Money::ZERO);
        t.add("Dining", m(50), Money::ZERO);
        t.add("Groceries", m(25), Money::ZERO);
        t.add("salary", Money::ZERO, m(1_000));
        let lines = t.lines();
        let names: Vec<&str> = lines.iter().map(|l| l.name.as_str()).collect();
        assert_eq!(names, vec!["Dining", "groceries", "salary"]);
        assert_eq!(lines[1].expense, m(125));
        assert_eq!(total(&lines), (m(175), m(1_000)));
    }

    #[test]
    fn tags_count_whole_amounts_and_refunds_reduce_them() {
        let mut t = Totals::default();
        let trip = vec!["trip-2026".to_string()];
        t.add_tagged(TxnKind::Expense, m(10_000), &trip);
        t.add_tagged(TxnKind::Refund, m(1_500), &trip);
        t.add_tagged(TxnKind::Transfer, m(99_999), &trip);
        let lines = t.lines();
        assert_eq!(lines.len(), 1);
        assert_eq!(lines[0].expense, m(8_500));
        assert_eq!(lines[0].income, Money::ZERO);
    }
}
