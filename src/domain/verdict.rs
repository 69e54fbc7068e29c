//! "Am I okay?": the health checks of SPEC §6 and the verdict they add up to.

use super::money::Money;
use super::snapshot::{BucketLine, Figures};
use super::statement::CardState;
use rust_decimal::Decimal;
use serde::Serialize;

/// How a check came out; the verdict is the worst of them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Ok,
    Warn,
    Bad,
}

impl Level {
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Ok => "ok",
            Level::Warn => "warn",
            Level::Bad => "bad",
        }
    }
}

/// One check with a reason a person can act on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Check {
    pub key: &'static str,
    pub title: &'static str,
    pub level: Level,
    pub reason: String,
}

/// The answer to "Am I okay?" with every check behind it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Verdict {
    pub answer: &'static str,
    pub level: Level,
    pub checks: Vec<Check>,
}

/// What the checks look at.
pub struct HealthInput<'a> {
    /// This month so far.
    pub current: &'a Figures,
    pub cards: &'a [CardState],
    pub buckets: &'a [BucketLine],
    /// Day-to-day spending of up to three months before this one.
    pub recent_spending: &'a [Money],
    /// Net worth at the end of the month three months back, if tracked then.
    pub net_worth_3_months_ago: Option<Money>,
}

/// Spending may run this much over its average before it is flagged.
const SPENDING_TOLERANCE: Decimal = Decimal::from_parts(11, 0, 0, false, 1);
const RUNWAY_MONTHS: i64 = 3;

pub fn verdict(input: &HealthInput<'_>) -> Verdict {
    let checks = vec![
        cards_covered(input.current),
        no_carried_debt(input.cards),
        savings_on_target(input.buckets),
        spending_in_line(input.current, input.recent_spending),
        net_worth_trend(input.current, input.net_worth_3_months_ago),
        runway(input.current, input.recent_spending),
    ];
    let level = checks.iter().map(|c| c.level).max().unwrap_or(Level::Ok);
    let answer = match level {
        Level::Ok => "Yes",
        Level::Warn => "Mostly",
        Level::Bad => "No",
    };
    Verdict { answer, level, checks }
}

fn check(key: &'static str, title: &'static str, level: Level, reason: String) -> Check {
    Check {
        key,
        title,
        level,
        reason,
    }
}

fn cards_covered(f: &Figures) -> Check {
    if f.free_cash.is_negative() {
        check(
            "cards_covered",
            "Cards covered",
            Level::Bad,
            format!(
                "spending accounts fall {} short of paying off every card: you are living on credit",
                (-f.free_cash).grouped()
            ),
        )
    } else {
        check(
            "cards_covered",
            "Cards covered",
            Level::Ok,
            format!(
                "{} of spending money is left after every card is paid off",
                f.free_cash.grouped()
            ),
        )
    }
}

fn no_carried_debt(cards: &[CardState]) -> Check {
    let carrying: Vec<String> = cards
        .iter()
        .filter(|c| c.carried_over.is_positive())
        .map(|c| format!("{} {}", c.name, c.carried_over.grouped()))
        .collect();
    if carrying.is_empty() {
        check(
            "no_carried_debt",
            "No carried debt",
            Level::Ok,
            "every card statement due so far is paid".into(),
        )
    } else {
        check(
            "no_carried_debt",
            "No carried debt",
            Level::Bad,
            format!(
                "carried over past the due date, accruing interest: {}; pay it off first",
                carrying.join(", ")
            ),
        )
    }
}

fn savings_on_target(buckets: &[BucketLine]) -> Check {
    let short: Vec<String> = buckets
        .iter()
        .filter(|b| b.added < b.target_monthly)
        .map(|b| format!("{} {} of {}", b.name, b.added.grouped(), b.target_monthly.grouped()))
        .collect();
    if buckets.is_empty() {
        check(
            "savings_on_target",
            "Savings on target",
            Level::Ok,
            "no savings buckets to fund".into(),
        )
    } else if short.is_empty() {
        check(
            "savings_on_target",
            "Savings on target",
            Level::Ok,
            "every bucket got its monthly target".into(),
        )
    } else {
        check(
            "savings_on_target",
            "Savings on target",
            Level::Warn,
            format!("below target this month: {}", short.join(", ")),
        )
    }
}

fn spending_in_line(f: &Figures, recent: &[Money]) -> Check {
    let spent = f.day_to_day_spending();
    if recent.is_empty() {
        return check(
            "spending_in_line",
            "Spending in line",
            Level::Ok,
            format!(
                "{} spent day to day; no earlier month to compare with yet",
                spent.grouped()
            ),
        );
    }
    let average = Money::mean(recent);
    let limit = average.times(SPENDING_TOLERANCE);
    if spent > limit {
        check(
            "spending_in_line",
            "Spending in line",
            Level::Warn,
            format!(
                "{} spent day to day, over 110% of the {}-month average {}",
                spent.grouped(),
                recent.len(),
                average.grouped()
            ),
        )
    } else {
        check(
            "spending_in_line",
            "Spending in line",
            Level::Ok,
            format!(
                "{} spent day to day against a {}-month average of {}",
                spent.grouped(),
                recent.len(),
                average.grouped()
            ),
        )
    }
}

fn net_worth_trend(f: &Figures, then: Option<Money>) -> Check {
    match then {
        None => check(
            "net_worth_trend",
            "Net worth trend",
            Level::Ok,
            "less than 3 months of history so far".into(),
        ),
        Some(then) if f.net_worth < then => check(
            "net_worth_trend",
            "Net worth trend",
            Level::Warn,
            format!(
                "net worth {} is {} below 3 months ago",
                f.net_worth.grouped(),
                (then - f.net_worth).grouped()
            ),
        ),
        Some(then) => check(
            "net_worth_trend",
            "Net worth trend",
            Level::Ok,
            format!(
                "net worth {} is up {} on 3 months ago",
                f.net_worth.grouped(),
                (f.net_worth - then).grouped()
            ),
        ),
    }
}

fn runway(f: &Figures, recent: &[Money]) -> Check {
    let monthly = if recent.is_empty() {
        f.day_to_day_spending()
    } else {
        Money::mean(recent)
    };
    let needed = monthly.times(Decimal::from(RUNWAY_MONTHS));
    if !monthly.is_positive() {
        return check(
            "runway",
            "Runway",
            Level::Ok,
            format!("{} in savings; no spending to cover yet", f.total_savings.grouped()),
        );
    }
    let months = f.total_savings.ratio(monthly).unwrap_or_default().round_dp(1);
    if f.total_savings < needed {
        check(
            "runway",
            "Runway",
            Level::Warn,
            format!(
                "savings of {} cover {months} months of spending; aim for {RUNWAY_MONTHS} ({})",
                f.total_savings.grouped(),
                needed.grouped()
            ),
        )
    } else {
        check(
            "runway",
            "Runway",
            Level::Ok,
            format!(
                "savings of {} cover {months} months of spending",
                f.total_savings.grouped()
            ),
        )
    }
}
