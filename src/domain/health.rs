//! Health, extended: runway in months, the savings rate and its trend, card utilization and the emergency fund.

use super::calendar::Month;
use super::money::Money;
use rust_decimal::{Decimal, RoundingStrategy};
use serde::Serialize;

/// A savings rate must move this many points between the halves of its window to be a trend.
const TREND_POINTS: i64 = 1;

/// What the health figures are worked out from.
pub struct HealthInput<'a> {
    /// Σ savings places now.
    pub total_savings: Money,
    /// Spending expected in a month: recurring items plus the usual rest.
    pub expected_spending: Money,
    /// Complete months, oldest first (up to 6): income and expenses (refunds taken off).
    pub months: &'a [(Month, Money, Money)],
    /// Each card's balance and limit.
    pub cards: &'a [(String, Money, Option<Money>)],
    /// The emergency fund bucket: name, balance, goal.
    pub emergency: Option<(String, Money, Option<Money>)>,
}

/// Which way the savings rate moves.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Trend {
    Rising,
    Falling,
    Steady,
    /// Fewer than two months with income.
    Unknown,
}

impl Trend {
    pub fn as_str(self) -> &'static str {
        match self {
            Trend::Rising => "rising",
            Trend::Falling => "falling",
            Trend::Steady => "steady",
            Trend::Unknown => "unknown",
        }
    }

    /// An arrow for tight spaces.
    pub fn arrow(self) -> &'static str {
        match self {
            Trend::Rising => "↑",
            Trend::Falling => "↓",
            Trend::Steady => "→",
            Trend::Unknown => "",
        }
    }
}

/// One card against its limit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Utilization {
    pub name: String,
    pub balance: Money,
    pub limit: Option<Money>,
    /// Percent of the limit used, one decimal; `None` without a limit.
    pub percent: Option<Decimal>,
}

/// The emergency fund against its goal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Emergency {
    pub name: String,
    pub balance: Money,
    pub goal: Option<Money>,
    /// Percent of the goal, one decimal.
    pub percent: Option<Decimal>,
    /// Months of expected spending it covers, one decimal.
    pub months: Option<Decimal>,
}

/// The extended health figures.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Health {
    pub expected_spending: Money,
    /// Savings places ÷ expected spending, one decimal.
    pub runway_months: Option<Decimal>,
    /// (income − expenses) ÷ income of the latest complete month, in percent with one decimal.
    pub savings_rate: Option<Decimal>,
    /// The rate of each complete month, oldest first.
    pub savings_rates: Vec<(Month, Option<Decimal>)>,
    pub trend: Trend,
    pub cards: Vec<Utilization>,
    /// Σ balances ÷ Σ limits of the cards with a limit.
    pub utilization: Option<Decimal>,
    pub emergency: Option<Emergency>,
}

fn one_decimal(value: Decimal) -> Decimal {
    value.round_dp_with_strategy(1, RoundingStrategy::MidpointNearestEven)
}

fn percent(part: Money, whole: Money) -> Option<Decimal> {
    (whole.is_positive())
        .then(|| part.ratio(whole))
        .flatten()
        .map(|r| one_decimal(r * Decimal::ONE_HUNDRED))
}

fn months_of(amount: Money, monthly: Money) -> Option<Decimal> {
    monthly
        .is_positive()
        .then(|| amount.ratio(monthly))
        .flatten()
        .map(one_decimal)
}

/// A month's savings rate in percent: what was left of income after expenses.
pub fn savings_rate(income: Money, expense: Money) -> Option<Decimal> {
    percent(income - expense, income)
}

pub fn health(input: &HealthInput<'_>) -> Health {
    let rates: Vec<(Month, Option<Decimal>)> = input
        .months
        .iter()
        .map(|(m, inc, exp)| (*m, savings_rate(*inc, *exp)))
        .collect();
    let known: Vec<Decimal> = rates.iter().filter_map(|(_, r)| *r).collect();
    let trend = if known.len() < 2 {
        Trend::Unknown
    } else {
        let half = known.len() / 2;
        let mean = |xs: &[Decimal]| xs.iter().sum::<Decimal>() / Decimal::from(xs.len());
        let change = mean(&known[known.len() - half..]) - mean(&known[..known.len() - half]);
        if change >= Decimal::from(TREND_POINTS) {
            Trend::Rising
        } else if change <= -Decimal::from(TREND_POINTS) {
            Trend::Falling
        } else {
            Trend::Steady
        }
    };
    let cards: Vec<Utilization> = input
        .cards
        .iter()
        .map(|(name, balance, limit)| Utilization {
            name: name.clone(),
            balance: *balance,
            limit: *limit,
            percent: limit.and_then(|l| percent((*balance).max(Money::ZERO), l)),
        })
        .collect();
    let limited: Vec<&Utilization> = cards.iter().filter(|c| c.limit.is_some()).collect();
    let used: Money = limited.iter().map(|c| c.balance.max(Money::ZERO)).sum();
    let limits: Money = limited.iter().filter_map(|c| c.limit).sum();
    let emergency = input.emergency.as_ref().map(|(name, balance, goal)| Emergency {
        name: name.clone(),
        balance: *balance,
        goal: *goal,
        percent: goal.and_then(|g| percent(*balance, g)),
        months: months_of(*balance, input.expected_spending),
    });
    Health {
        expected_spending: input.expected_spending,
        runway_months: months_of(input.total_savings, input.expected_spending),
        savings_rate: rates.last().and_then(|(_, r)| *r),
        savings_rates: rates,
        trend,
        cards,
        utilization: percent(used, limits),
        emergency,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(cents: i64) -> Money {
        Money::from_cents(cents)
    }

    fn month(text: &str) -> Month {
        Month::parse(text).unwrap_or_else(|e| panic!("{e}"))
    }

    fn dec(text: &str) -> Decimal {
        text.parse().unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn every_figure_by_hand() {
        // Rates: (4,000 − 3,000)/4,000 = 25.0%; (4,000 − 2,800)/4,000 = 30.0%; (5,000 − 3,000)/5,000 = 40.0%;
        // (4,000 − 2,600)/4,000 = 35.0%. Halves: mean(25, 30) = 27.5 → mean(40, 35) = 37.5: rising.
        let months = [
            (month("2025-06"), m(400_000), m(300_000)),
            (month("2025-07"), m(400_000), m(280_000)),
            (month("2025-08"), m(500_000), m(300_000)),
            (month("2025-09"), m(400_000), m(260_000)),
        ];
        let cards = [
            ("Visa".to_string(), m(150_000), Some(m(500_000))),
            ("Amex".to_string(), m(50_000), Some(m(500_000))),
            ("Store".to_string(), m(10_000), None),
        ];
        let h = health(&HealthInput {
            total_savings: m(1_000_000),
            expected_spending: m(300_000),
            months: &months,
            cards: &cards,
            emergency: Some(("Emergency Fund".into(), m(450_000), Some(m(1_500_000)))),
        });
        // Runway 10,000 / 3,000 = 3.33… → 3.3 months.
        assert_eq!(h.runway_months, Some(dec("3.3")));
        assert_eq!(h.savings_rate, Some(dec("35.0")));
        assert_eq!(h.trend, Trend::Rising);
        // Visa 1,500 of 5,000 = 30.0%; together 2,000 of 10,000 = 20.0%; the store card has no limit.
        assert_eq!(h.cards[0].percent, Some(dec("30.0")));
        assert_eq!(h.cards[2].percent, None);
        assert_eq!(h.utilization, Some(dec("20.0")));
        // Emergency 4,500 of 15,000 = 30.0%, covering 4,500 / 3,000 = 1.5 months.
        let e = h.emergency.unwrap_or_else(|| panic!("an emergency fund"));
        assert_eq!((e.percent, e.months), (Some(dec("30.0")), Some(dec("1.5"))));
    }

    #[test]
    fn little_history_and_no_spending() {
        let months = [(month("2025-09"), Money::ZERO, m(1000))];
        let h = health(&HealthInput {
            total_savings: m(1000),
            expected_spending: Money::ZERO,
            months: &months,
            cards: &[],
            emergency: None,
        });
        assert_eq!(h.runway_months, None);
        assert_eq!(h.savings_rate, None, "no income, no rate");
        assert_eq!(h.trend, Trend::Unknown);
        assert_eq!(h.utilization, None);
        // A month that spent more than it earned has a negative rate; a flat pair is steady.
        assert_eq!(savings_rate(m(100_000), m(125_000)), Some(dec("-25.0")));
        let flat = [
            (month("2025-08"), m(100_000), m(80_000)),
            (month("2025-09"), m(100_000), m(80_500)),
        ];
        let h = health(&HealthInput {
            total_savings: m(1000),
            expected_spending: m(1000),
            months: &flat,
            cards: &[],
            emergency: None,
        });
        assert_eq!(h.trend, Trend::Steady);
    }
}
