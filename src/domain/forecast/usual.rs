//! The usual month: trailing averages of what recurring items do not cover, and next month's projection
//! with them.

use crate::domain::money::Money;
use crate::domain::place::PlaceId;
use crate::domain::snapshot::{Figures, Projection};

/// One past month as the averages see it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct MonthBasis {
    pub income: Money,
    /// Day-to-day spending: expenses not funded by a bucket.
    pub spending: Money,
    /// Of it, what recurring items posted.
    pub recurring_income: Money,
    pub recurring_spending: Money,
}

impl MonthBasis {
    pub fn from_figures(f: &Figures, recurring_income: Money, recurring_spending: Money) -> MonthBasis {
        MonthBasis {
            income: f.total_income,
            spending: f.day_to_day_spending(),
            recurring_income,
            recurring_spending,
        }
    }
}

/// What a month usually brings besides recurring items.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Usual {
    /// Mean monthly income not from recurring items.
    pub income: Money,
    /// Mean monthly day-to-day spending not from recurring items.
    pub spending: Money,
    /// Who paid that spending, as weights (amounts over the window): cards and accounts.
    pub weights: Vec<(PlaceId, Money)>,
    /// How many months the averages cover.
    pub months: usize,
}

impl Usual {
    /// Means over the window, rounded to cents half-to-even.
    pub fn from_window(window: &[MonthBasis], weights: Vec<(PlaceId, Money)>) -> Usual {
        let incomes: Vec<Money> = window.iter().map(|b| b.income - b.recurring_income).collect();
        let spending: Vec<Money> = window.iter().map(|b| b.spending - b.recurring_spending).collect();
        Usual {
            income: Money::mean(&incomes),
            spending: Money::mean(&spending),
            weights,
            months: window.len(),
        }
    }
}

/// The recurring part of a closed month's projection: what recurring items were to bring in and cost the
/// next month, and what they (or transactions just like them) did over the window.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct RecurringPart {
    pub next_income: Money,
    pub next_spending: Money,
    /// Σ over the window's months.
    pub past_income: Money,
    pub past_spending: Money,
}

/// The mean of `values` after taking `less` off their sum, rounded to cents half-to-even: only the sum counts.
fn mean_less(values: &[Money], less: Money) -> Money {
    let mut v = values.to_vec();
    if let Some(first) = v.first_mut() {
        *first -= less;
    }
    Money::mean(&v)
}

/// Next month's projection when recurring items exist: each expected figure is what recurring items bring
/// next month plus the mean of the rest over the window; with no recurring part it is exactly the plain
/// mean over the window.
///
/// `window` holds up to 3 months' figures ending with the month just closed (last).
pub fn projection_with_plan(window: &[&Figures], planned_savings: Money, part: &RecurringPart) -> Projection {
    let Some(current) = window.last() else {
        return Projection::default();
    };
    let incomes: Vec<Money> = window.iter().map(|f| f.total_income).collect();
    let spending: Vec<Money> = window.iter().map(|f| f.day_to_day_spending()).collect();
    let expected_income = part.next_income + mean_less(&incomes, part.past_income);
    let expected_spending = part.next_spending + mean_less(&spending, part.past_spending);
    Projection {
        expected_income,
        expected_spending,
        planned_savings,
        projected_net_worth: current.net_worth + expected_income - expected_spending,
        projected_free_cash: current.free_cash + expected_income - expected_spending - planned_savings,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(cents: i64) -> Money {
        Money::from_cents(cents)
    }

    fn figures(income: i64, expense: i64, net_worth: i64) -> Figures {
        Figures {
            total_income: m(income),
            total_expense: m(expense),
            net_worth: m(net_worth),
            free_cash: m(net_worth),
            ..Figures::default()
        }
    }

    #[test]
    fn without_recurring_items_it_is_spec_5() {
        let a = figures(300_000, 170_000, 100_000);
        let b = figures(310_000, 190_001, 200_000);
        let with = projection_with_plan(&[&a, &b], m(5000), &RecurringPart::default());
        let spec = Projection::new(&[&a, &b], m(5000));
        assert_eq!(with, spec);
    }

    #[test]
    fn recurring_items_replace_their_part_of_the_average() {
        // Jan: income 3,000 (all salary, posted), spending 1,700 (rent 1,200 posted + 500 groceries).
        // Feb: the same, groceries 700. Next month: salary 3,000, rent 1,200 and a new gym 40.00.
        // Expected income 3,000 + mean(0, 0) = 3,000; spending 1,240 + mean(500, 700) = 1,840.
        // Net worth 3,400 → projected 3,400 + 3,000 − 1,840 = 4,560.
        let jan = figures(300_000, 170_000, 170_000);
        let feb = figures(300_000, 190_000, 340_000);
        let part = RecurringPart {
            next_income: m(300_000),
            next_spending: m(124_000),
            past_income: m(600_000),
            past_spending: m(240_000),
        };
        let p = projection_with_plan(&[&jan, &feb], Money::ZERO, &part);
        assert_eq!(p.expected_income, m(300_000));
        assert_eq!(p.expected_spending, m(184_000));
        assert_eq!(p.projected_net_worth, m(456_000));
        assert_eq!(p.projected_free_cash, m(456_000));
    }
}
