//! Where the money went over time: a month's categories against the usual (the mean of the months
//! before), and each category's month-by-month trend. Pure functions over category lines.

use super::category::category_key;
use super::money::Money;
use super::snapshot::CategoryLine;
use std::collections::BTreeMap;

/// How many months before make "the usual".
pub const USUAL_MONTHS: u32 = 3;

/// A category this month against its usual spending.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Comparison {
    pub name: String,
    /// Spent this month (net of refunds).
    pub spent: Money,
    /// The mean of what it spent in the months before (a month without it counts as 0.00).
    pub usual: Money,
    pub income: Money,
}

impl Comparison {
    /// Spent minus usual: positive when it grew.
    pub fn difference(&self) -> Money {
        self.spent - self.usual
    }
}

/// The months of `before` the usual is the mean of: those with any category at all (a month before
/// tracking began, or one with nothing but transfers, is left out). At most [`USUAL_MONTHS`] when
/// `before` holds that many, fewer while the history is shorter.
pub fn usual_months(before: &[Vec<CategoryLine>]) -> u32 {
    u32::try_from(counted(before).len()).unwrap_or(u32::MAX)
}

fn counted(before: &[Vec<CategoryLine>]) -> Vec<&Vec<CategoryLine>> {
    before.iter().filter(|m| !m.is_empty()).collect()
}

/// Each category of `now` or of any month `before`, with its usual: the mean over the months before that
/// have any category at all ([`usual_months`] of them; in a month that counts, a category with nothing
/// counts 0.00; no such month: usual 0.00). Those that grew most come first, then by name.
pub fn against_usual(now: &[CategoryLine], before: &[Vec<CategoryLine>]) -> Vec<Comparison> {
    let mut rows: BTreeMap<String, (String, Money, Vec<Money>, Money)> = BTreeMap::new();
    let before = counted(before);
    let months = before.len();
    for (i, month) in before.iter().enumerate() {
        for line in month.iter() {
            let row = rows
                .entry(category_key(&line.name))
                .or_insert_with(|| (line.name.clone(), Money::ZERO, vec![Money::ZERO; months], Money::ZERO));
            row.2[i] += line.expense;
        }
    }
    for line in now {
        let row = rows
            .entry(category_key(&line.name))
            .or_insert_with(|| (line.name.clone(), Money::ZERO, vec![Money::ZERO; months], Money::ZERO));
        // This month's spelling is the one shown.
        row.0 = line.name.clone();
        row.1 += line.expense;
        row.3 += line.income;
    }
    let mut out: Vec<Comparison> = rows
        .into_values()
        .map(|(name, spent, earlier, income)| Comparison {
            name,
            spent,
            usual: if earlier.is_empty() {
                Money::ZERO
            } else {
                Money::mean(&earlier)
            },
            income,
        })
        .filter(|c| !c.spent.is_zero() || !c.usual.is_zero() || !c.income.is_zero())
        .collect();
    out.sort_by(|a, b| {
        b.difference()
            .cmp(&a.difference())
            .then_with(|| category_key(&a.name).cmp(&category_key(&b.name)))
    });
    out
}

/// One category's spending month by month.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Trend {
    pub name: String,
    /// One figure a month, oldest first (0.00 where it had nothing).
    pub months: Vec<Money>,
    pub total: Money,
    /// The mean over all the months.
    pub average: Money,
}

/// Each category that spent in any of the months (given oldest first), with its figures; largest
/// total first.
pub fn trends(months: &[Vec<CategoryLine>]) -> Vec<Trend> {
    let n = months.len();
    let mut rows: BTreeMap<String, (String, Vec<Money>)> = BTreeMap::new();
    for (i, month) in months.iter().enumerate() {
        for line in month.iter().filter(|l| !l.expense.is_zero()) {
            let row = rows
                .entry(category_key(&line.name))
                .or_insert_with(|| (line.name.clone(), vec![Money::ZERO; n]));
            row.1[i] += line.expense;
        }
    }
    let mut out: Vec<Trend> = rows
        .into_values()
        .map(|(name, months)| {
            let total: Money = months.iter().copied().sum();
            Trend {
                name,
                average: Money::mean(&months),
                total,
                months,
            }
        })
        .collect();
    out.sort_by(|a, b| b.total.cmp(&a.total).then_with(|| a.name.cmp(&b.name)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(name: &str, expense: i64) -> CategoryLine {
        CategoryLine {
            name: name.into(),
            expense: Money::from_cents(expense),
            income: Money::ZERO,
        }
    }

    #[test]
    fn the_usual_is_the_mean_of_the_months_before_and_growth_comes_first() {
        let now = vec![line("Dining", 42_000), line("Groceries", 30_000), line("Gym", 4_000)];
        let before = vec![
            vec![line("dining", 18_000), line("Groceries", 33_000)],
            vec![
                line("Dining", 18_000),
                line("Groceries", 30_000),
                line("Travel", 90_000),
            ],
            vec![line("Dining", 18_000), line("Groceries", 27_000)],
        ];
        let rows = against_usual(&now, &before);
        let names: Vec<&str> = rows.iter().map(|r| r.name.as_str()).collect();
        assert_eq!(names, ["Dining", "Gym", "Groceries", "Travel"]);
        assert_eq!(rows[0].usual, Money::from_cents(18_000));
        assert_eq!(rows[0].difference(), Money::from_cents(24_000));
        assert_eq!(rows[1].usual, Money::ZERO, "new this month");
        assert_eq!(rows[2].difference(), Money::ZERO);
        // Travel: 900.00 in one month of three, nothing now.
        assert_eq!(rows[3].usual, Money::from_cents(30_000));
        assert_eq!(rows[3].spent, Money::ZERO);
    }

    #[test]
    fn without_months_before_the_usual_is_zero_and_untracked_months_do_not_count() {
        let rows = against_usual(&[line("Rent", 160_000)], &[vec![], vec![line("Rent", 150_000)]]);
        assert_eq!(rows[0].usual, Money::from_cents(150_000), "the empty month is left out");
        assert_eq!(usual_months(&[vec![], vec![line("Rent", 150_000)]]), 1);
        let rows = against_usual(&[line("Rent", 160_000)], &[]);
        assert_eq!(rows[0].usual, Money::ZERO);
        assert_eq!(rows[0].difference(), Money::from_cents(160_000));
        assert_eq!(usual_months(&[]), 0);
    }

    #[test]
    fn trends_have_a_figure_a_month_a_total_and_an_average() {
        let months = vec![
            vec![line("Dining", 1_000)],
            vec![],
            vec![line("Dining", 2_000), line("Rent", 50_000)],
        ];
        let t = trends(&months);
        assert_eq!(t[0].name, "Rent");
        assert_eq!(
            t[1].months,
            vec![Money::from_cents(1_000), Money::ZERO, Money::from_cents(2_000)]
        );
        assert_eq!(t[1].total, Money::from_cents(3_000));
        assert_eq!(t[1].average, Money::from_cents(1_000));
    }
}
