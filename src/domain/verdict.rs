//! "Am I okay?": the dashboard's checks and the verdict they add up to.
//!
//! Each check is `ok`, `warn`, `bad` or `none` (nothing to judge yet) as of a date D, with a one-line
//! reason that names the figures it was judged on and says what to do. The ledger gathers the facts
//! ([`VerdictInput`]); everything judged here is pure arithmetic on them.

use super::calendar::Month;
use super::category::category_key;
use super::money::Money;
use super::snapshot::Figures;
use chrono::{Datelike, NaiveDate};
use rust_decimal::{Decimal, RoundingStrategy};
use serde::Serialize;
use std::collections::BTreeMap;

/// How a check came out; the verdict is the worst of them. `None` is below `Ok`: nothing to judge.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    None,
    Ok,
    Warn,
    Bad,
}

impl Level {
    pub fn as_str(self) -> &'static str {
        match self {
            Level::None => "none",
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
    /// `Yes`, `Mostly`, `No` or `Not yet`.
    pub answer: &'static str,
    /// The worst level (`None` for "Not yet").
    pub level: Level,
    /// One line on the whole: how to begin for "Not yet", else what needs a look.
    pub reason: String,
    pub checks: Vec<Check>,
}

/// The answer when there is nothing to judge.
pub const NOT_YET: &str = "Not yet";

/// Every check, in the order they are shown: key and title.
pub const CHECKS: [(&str, &str); 9] = [
    ("cards_covered", "Cards covered"),
    ("no_carried_debt", "No carried debt"),
    ("card_limits", "Card limits"),
    ("savings_on_target", "Savings on target"),
    ("spending_in_line", "Spending in line"),
    ("net_worth_trend", "Net worth trend"),
    ("runway", "Runway"),
    ("debts_on_schedule", "Debts on schedule"),
    ("outlook", "Outlook"),
];

/// A card on D.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CardFacts {
    pub name: String,
    /// What it owes at the end of D.
    pub balance: Money,
    pub limit: Option<Money>,
    /// The latest statement due before D that still has something left (credits up to its due date
    /// counted): its due date and what remains.
    pub past_due: Option<(NaiveDate, Money)>,
}

/// A bucket in one month: what it got, its target in force, its balance (at the month's end, or on D).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct BucketMonth {
    pub added: Money,
    pub target: Money,
    pub balance: Money,
}

/// A bucket on D.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BucketFacts {
    pub name: String,
    pub opened_on: NaiveDate,
    pub goal: Option<Money>,
    /// The calendar month before D's, when the bucket existed then.
    pub last_month: Option<BucketMonth>,
    /// D's month from the 1st through D.
    pub this_month: BucketMonth,
}

/// This month's day-to-day spending against the same days of earlier months.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Pace {
    /// Day-to-day spending from the 1st through D.
    pub spent: Money,
    /// The same days (1st through D's day, or the month's end if shorter) of each of the previous 3
    /// calendar months that has any transaction other than an opening.
    pub before: Vec<Money>,
    /// The categories that grew most; the ledger fills them only when [`pace_warns`].
    pub grew: Vec<CategoryGrowth>,
}

impl Pace {
    /// The mean of the earlier months' same days, rounded half-to-even to cents; `None` without one.
    pub fn usual(&self) -> Option<Money> {
        (!self.before.is_empty()).then(|| Money::mean(&self.before))
    }
}

/// A category spending more than usual by this day of the month.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CategoryGrowth {
    pub name: String,
    pub now: Money,
    pub usual: Money,
}

/// A loan on D.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoanFacts {
    pub name: String,
    pub opened_on: NaiveDate,
    /// Its payment day in D's month (clamped to the month's end).
    pub payment_date: NaiveDate,
    pub payment: Money,
    /// What it owes at the end of D.
    pub owed: Money,
    /// Transfers to it dated from the 1st of D's month through D.
    pub paid: Money,
}

/// The first trouble the forecast shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Trouble {
    FreeCash {
        month: Month,
        free_cash: Money,
    },
    OverLimit {
        month: Month,
        card: String,
        owed: Money,
        limit: Money,
    },
}

/// What the 12-month forecast shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutlookFacts {
    /// Whole months it looks ahead.
    pub months: u32,
    /// The first month with free cash below zero or a card above its limit.
    pub trouble: Option<Trouble>,
    /// The lowest free cash of any month, and the month.
    pub lowest: Option<(Month, Money)>,
    /// Some card has a limit.
    pub limits: bool,
}

/// Everything the checks look at, as of `date`.
#[derive(Debug, Clone)]
pub struct VerdictInput<'a> {
    pub date: NaiveDate,
    /// The ledger holds nothing but openings up to D (or nothing at all).
    pub only_openings: bool,
    /// This month so far: free cash, net worth and savings on D.
    pub current: &'a Figures,
    /// There is a spending account or a card (else free cash has nothing to say).
    pub spending_places: bool,
    pub cards: &'a [CardFacts],
    pub buckets: &'a [BucketFacts],
    pub pace: &'a Pace,
    /// Net worth at the end of the month three months before D's, if tracked then.
    pub net_worth_3_months_ago: Option<Money>,
    /// Day-to-day spending of the complete months before D's (up to 3) with any transaction other than an
    /// opening: what the runway must cover.
    pub monthly_spending: &'a [Money],
    pub loans: &'a [LoanFacts],
    /// `None` without history to forecast from.
    pub outlook: Option<&'a OutlookFacts>,
}

/// Spending may run this much over its usual pace…
const PACE_RATIO: Decimal = Decimal::from_parts(11, 0, 0, false, 1);
/// …and this many cents above it before it is flagged (50.00).
const PACE_MARGIN_CENTS: i64 = 5_000;
/// A card owing this share of its limit or more is near it.
const NEAR_LIMIT: Decimal = Decimal::from_parts(9, 0, 0, false, 1);
const RUNWAY_MONTHS: i64 = 3;
/// The last days of a month when this month's bucket targets are judged too.
const LAST_DAYS: u32 = 7;
/// How many grown categories a reason names.
pub const GREW_NAMED: usize = 3;

/// Whether spending of `spent` against a usual `usual` by the same day is out of line: more than 110% of
/// it and more than 50.00 above it.
pub fn pace_warns(spent: Money, usual: Money) -> bool {
    spent.decimal() > usual.decimal() * PACE_RATIO && spent - usual > Money::from_cents(PACE_MARGIN_CENTS)
}

/// The categories that grew most: this month's spending by category against the mean of the same days of
/// the earlier months (a month without the category counts as zero), largest growth first, only those
/// that grew.
pub fn grown_categories(now: &[(String, Money)], before: &[Vec<(String, Money)>]) -> Vec<CategoryGrowth> {
    let months = before.len();
    if months == 0 {
        return Vec::new();
    }
    let mut earlier: BTreeMap<String, Vec<Money>> = BTreeMap::new();
    for (i, month) in before.iter().enumerate() {
        for (name, amount) in month {
            let sums = earlier
                .entry(category_key(name))
                .or_insert_with(|| vec![Money::ZERO; months]);
            sums[i] += *amount;
        }
    }
    let mut this: BTreeMap<String, (String, Money)> = BTreeMap::new();
    for (name, amount) in now {
        let entry = this
            .entry(category_key(name))
            .or_insert_with(|| (name.clone(), Money::ZERO));
        entry.1 += *amount;
    }
    let mut grew: Vec<CategoryGrowth> = this
        .into_iter()
        .map(|(key, (name, now))| {
            let usual = earlier.get(&key).map_or(Money::ZERO, |v| Money::mean(v));
            CategoryGrowth { name, now, usual }
        })
        .filter(|g| g.now > g.usual)
        .collect();
    grew.sort_by(|a, b| {
        (b.now - b.usual)
            .cmp(&(a.now - a.usual))
            .then_with(|| a.name.cmp(&b.name))
    });
    grew.truncate(GREW_NAMED);
    grew
}

pub fn verdict(input: &VerdictInput<'_>) -> Verdict {
    let checks: Vec<Check> = if input.only_openings {
        CHECKS
            .iter()
            .map(|(key, title)| Check {
                key,
                title,
                level: Level::None,
                reason: "nothing to judge yet: only opening balances so far".into(),
            })
            .collect()
    } else {
        vec![
            cards_covered(input),
            no_carried_debt(input),
            card_limits(input),
            savings_on_target(input),
            spending_in_line(input),
            net_worth_trend(input),
            runway(input),
            debts_on_schedule(input),
            outlook(input),
        ]
    };
    let level = checks.iter().map(|c| c.level).max().unwrap_or(Level::None);
    let titles = |at: Level| -> String {
        checks
            .iter()
            .filter(|c| c.level == at)
            .map(|c| c.title)
            .collect::<Vec<_>>()
            .join(", ")
    };
    let (answer, reason) = match level {
        Level::None => (
            NOT_YET,
            "nothing to judge yet: add your accounts and cards with their balances, then record \
             income and spending as it happens"
                .to_string(),
        ),
        Level::Ok => ("Yes", "every check that can be judged is ok".to_string()),
        Level::Warn => ("Mostly", format!("worth a look: {}", titles(Level::Warn))),
        Level::Bad => ("No", format!("act now: {}", titles(Level::Bad))),
    };
    Verdict {
        answer,
        level,
        reason,
        checks,
    }
}

fn check(index: usize, level: Level, reason: String) -> Check {
    let (key, title) = CHECKS[index];
    Check {
        key,
        title,
        level,
        reason,
    }
}

/// `Nov`.
fn short(month: Month) -> String {
    month.first_day().format("%b").to_string()
}

/// `1st`, `2nd`, `23rd`, `15th`.
fn ordinal(day: u32) -> String {
    let suffix = match (day % 10, day % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{day}{suffix}")
}

/// `Visa 2,700.00 of 3,000.00 (90%)`: the percent rounded down, so 90% is shown only from 90% on.
fn of_limit(name: &str, balance: Money, limit: Money) -> String {
    let percent = balance
        .max(Money::ZERO)
        .ratio(limit)
        .map(|r| (r * Decimal::ONE_HUNDRED).round_dp_with_strategy(0, RoundingStrategy::ToZero))
        .unwrap_or_default();
    format!("{name} {} of {} ({percent}%)", balance.grouped(), limit.grouped())
}

fn cards_covered(input: &VerdictInput<'_>) -> Check {
    let free = input.current.free_cash;
    if !input.spending_places {
        return check(0, Level::None, "no spending account or card yet".into());
    }
    if free.is_negative() {
        check(
            0,
            Level::Bad,
            format!(
                "living on credit: {} short of paying off every card; spend less",
                (-free).grouped()
            ),
        )
    } else {
        check(
            0,
            Level::Ok,
            format!("{} left after paying off every card", free.grouped()),
        )
    }
}

fn no_carried_debt(input: &VerdictInput<'_>) -> Check {
    if input.cards.is_empty() {
        return check(1, Level::None, "no cards".into());
    }
    let carried: Vec<(&CardFacts, NaiveDate, Money)> = input
        .cards
        .iter()
        .filter_map(|c| {
            c.past_due
                .filter(|(_, left)| left.is_positive())
                .map(|(due, left)| (c, due, left))
        })
        .collect();
    match carried.as_slice() {
        [] => check(1, Level::Ok, "every card statement due so far is paid".into()),
        [(card, due, left)] => check(
            1,
            Level::Bad,
            format!(
                "{} {} past due since {}: pay it off first",
                card.name,
                left.grouped(),
                due.format("%b %-d")
            ),
        ),
        many => {
            let list: Vec<String> = many
                .iter()
                .map(|(c, _, left)| format!("{} {}", c.name, left.grouped()))
                .collect();
            check(
                1,
                Level::Bad,
                format!("past due: {}; pay them off first", list.join(", ")),
            )
        }
    }
}

fn card_limits(input: &VerdictInput<'_>) -> Check {
    let limited: Vec<(&CardFacts, Money)> = input
        .cards
        .iter()
        .filter_map(|c| c.limit.filter(|l| l.is_positive()).map(|l| (c, l)))
        .collect();
    if limited.is_empty() {
        return check(2, Level::None, "no card has a limit set".into());
    }
    let over: Vec<String> = limited
        .iter()
        .filter(|(c, l)| c.balance > *l)
        .map(|(c, l)| of_limit(&c.name, c.balance, *l))
        .collect();
    if !over.is_empty() {
        let them = if over.len() == 1 { "it" } else { "them" };
        return check(
            2,
            Level::Bad,
            format!("over the limit: {}; pay {them} down", over.join(", ")),
        );
    }
    let near: Vec<String> = limited
        .iter()
        .filter(|(c, l)| c.balance.decimal() >= l.decimal() * NEAR_LIMIT)
        .map(|(c, l)| of_limit(&c.name, c.balance, *l))
        .collect();
    if !near.is_empty() {
        let them = if near.len() == 1 { "it" } else { "them" };
        return check(
            2,
            Level::Warn,
            format!("near the limit: {}; pay {them} down", near.join(", ")),
        );
    }
    let highest = limited
        .iter()
        .max_by(|(a, la), (b, lb)| {
            let share = |c: &CardFacts, l: Money| c.balance.max(Money::ZERO).ratio(l).unwrap_or_default();
            share(a, *la).cmp(&share(b, *lb))
        })
        .map(|(c, l)| of_limit(&c.name, c.balance, *l))
        .unwrap_or_default();
    check(2, Level::Ok, format!("within limits; highest {highest}"))
}

/// Whether a bucket is at its goal with `balance`.
fn at_goal(goal: Option<Money>, balance: Money) -> bool {
    goal.is_some_and(|g| balance >= g)
}

fn savings_on_target(input: &VerdictInput<'_>) -> Check {
    let date = input.date;
    let this = Month::of(date);
    let last = this.prev();
    let days_left = this.last_day().day() - date.day();
    let closing = days_left < LAST_DAYS;
    // The first of the month's last 7 days: a bucket opened since is not expected to be funded yet.
    let last_days = this.clamped_day(this.last_day().day() + 1 - LAST_DAYS);
    // The last complete month: open all of it, with a target, not at its goal at its end.
    let judged_last: Vec<(&BucketFacts, BucketMonth)> = input
        .buckets
        .iter()
        .filter(|b| b.opened_on <= last.first_day())
        .filter_map(|b| b.last_month.map(|m| (b, m)))
        .filter(|(b, m)| m.target.is_positive() && !at_goal(b.goal, m.balance))
        .collect();
    let short_last: Vec<String> = judged_last
        .iter()
        .filter(|(_, m)| m.added < m.target)
        .map(|(b, m)| format!("{} got {} of {}", b.name, m.added.grouped(), m.target.grouped()))
        .collect();
    // This month: a target and not at its goal on D.
    let saving_now: Vec<&BucketFacts> = input
        .buckets
        .iter()
        .filter(|b| b.this_month.target.is_positive() && !at_goal(b.goal, b.this_month.balance))
        .collect();
    let short_now: Vec<String> = saving_now
        .iter()
        .filter(|b| closing && b.opened_on < last_days && b.this_month.added < b.this_month.target)
        .map(|b| {
            format!(
                "{} {} of {}",
                b.name,
                b.this_month.added.grouped(),
                b.this_month.target.grouped()
            )
        })
        .collect();
    let with_target = input
        .buckets
        .iter()
        .any(|b| b.this_month.target.is_positive() || b.last_month.is_some_and(|m| m.target.is_positive()));
    if judged_last.is_empty() && saving_now.is_empty() {
        return if with_target {
            check(3, Level::Ok, "every bucket with a target is at its goal".into())
        } else {
            check(3, Level::None, "no bucket has a monthly target".into())
        };
    }
    let added: Money = saving_now.iter().map(|b| b.this_month.added).sum();
    let target: Money = saving_now.iter().map(|b| b.this_month.target).sum();
    let progress =
        (!saving_now.is_empty()).then(|| format!("{} so far {} of {}", short(this), added.grouped(), target.grouped()));
    let mut parts = Vec::new();
    if !short_last.is_empty() {
        parts.push(format!("in {} {}", short(last), short_last.join(", ")));
    }
    if !short_now.is_empty() {
        let days = match days_left {
            0 => "last day".to_string(),
            1 => "1 day left".to_string(),
            n => format!("{n} days left"),
        };
        parts.push(format!("{days} in {}: {} so far", short(this), short_now.join(", ")));
    } else if let Some(p) = &progress {
        parts.push(p.clone());
    }
    if short_last.is_empty() && short_now.is_empty() {
        let mut reason = String::new();
        if !judged_last.is_empty() {
            reason = format!("{} targets met", short(last));
        }
        if let Some(p) = progress {
            if !reason.is_empty() {
                reason.push_str("; ");
            }
            reason.push_str(&p);
        }
        return check(3, Level::Ok, reason);
    }
    check(3, Level::Warn, format!("{}; top up", parts.join("; ")))
}

fn spending_in_line(input: &VerdictInput<'_>) -> Check {
    let pace = input.pace;
    let Some(usual) = pace.usual() else {
        return check(4, Level::None, "no earlier month to compare with yet".into());
    };
    let by = format!("by the {}", ordinal(input.date.day()));
    let months = match pace.before.len() {
        1 => "1 month".to_string(),
        n => format!("{n} months"),
    };
    if pace_warns(pace.spent, usual) {
        let mut reason = format!("{} {by} vs {} usual", pace.spent.grouped(), usual.grouped());
        if !pace.grew.is_empty() {
            let grew: Vec<String> = pace
                .grew
                .iter()
                .map(|g| format!("{} {} vs {} usual", g.name, g.now.grouped(), g.usual.grouped()))
                .collect();
            reason.push_str(&format!(": {}", grew.join(", ")));
        }
        reason.push_str("; ease off");
        check(4, Level::Warn, reason)
    } else {
        check(
            4,
            Level::Ok,
            format!("{} {by}, usual {} ({months})", pace.spent.grouped(), usual.grouped()),
        )
    }
}

fn net_worth_trend(input: &VerdictInput<'_>) -> Check {
    let now = input.current.net_worth;
    match input.net_worth_3_months_ago {
        None => check(5, Level::None, "less than 3 months of history so far".into()),
        Some(then) if now < then => check(
            5,
            Level::Warn,
            format!(
                "net worth {} is {} below 3 months ago: spend less than you earn",
                now.grouped(),
                (then - now).grouped()
            ),
        ),
        Some(then) if now == then => check(
            5,
            Level::Ok,
            format!("net worth {}, the same as 3 months ago", now.grouped()),
        ),
        Some(then) => check(
            5,
            Level::Ok,
            format!(
                "net worth {}, up {} on 3 months ago",
                now.grouped(),
                (now - then).grouped()
            ),
        ),
    }
}

fn runway(input: &VerdictInput<'_>) -> Check {
    let savings = input.current.total_savings;
    let monthly = Money::mean(input.monthly_spending);
    if input.monthly_spending.is_empty() || !monthly.is_positive() {
        return check(6, Level::None, "no month of spending to measure it by yet".into());
    }
    let months = savings
        .ratio(monthly)
        .unwrap_or_default()
        .round_dp_with_strategy(1, RoundingStrategy::ToZero);
    let needed = monthly.times(Decimal::from(RUNWAY_MONTHS));
    if savings < needed {
        check(
            6,
            Level::Warn,
            format!(
                "{} in savings: {months} months of {} spending; aim for {} ({RUNWAY_MONTHS} months)",
                savings.grouped(),
                monthly.grouped(),
                needed.grouped()
            ),
        )
    } else {
        check(
            6,
            Level::Ok,
            format!(
                "{} in savings: {months} months of {} spending",
                savings.grouped(),
                monthly.grouped()
            ),
        )
    }
}

fn debts_on_schedule(input: &VerdictInput<'_>) -> Check {
    if input.loans.is_empty() {
        return check(7, Level::None, "no loans".into());
    }
    let date = input.date;
    let late: Vec<String> = input
        .loans
        .iter()
        .filter(|l| date > l.payment_date && l.payment_date >= l.opened_on)
        .filter(|l| l.owed.is_positive() && l.paid < l.payment)
        .map(|l| {
            format!(
                "{} got {} of its {} payment, due the {}",
                l.name,
                l.paid.grouped(),
                l.payment.grouped(),
                ordinal(l.payment_date.day())
            )
        })
        .collect();
    if !late.is_empty() {
        return check(7, Level::Warn, format!("{}; pay it now", late.join("; ")));
    }
    let each: Vec<String> = input
        .loans
        .iter()
        .map(|l| {
            if !l.owed.is_positive() {
                format!("{} is paid off", l.name)
            } else if l.paid >= l.payment {
                format!("{} {} paid this month", l.name, l.paid.grouped())
            } else {
                format!(
                    "{} {} due the {}",
                    l.name,
                    l.payment.grouped(),
                    ordinal(l.payment_date.day())
                )
            }
        })
        .collect();
    check(7, Level::Ok, format!("on schedule: {}", each.join(", ")))
}

fn outlook(input: &VerdictInput<'_>) -> Check {
    let Some(o) = input.outlook else {
        return check(8, Level::None, "not enough history to look ahead yet".into());
    };
    match &o.trouble {
        Some(Trouble::FreeCash { month, free_cash }) => check(
            8,
            Level::Warn,
            format!(
                "free cash falls to {} in {}: plan to spend or save less",
                free_cash.grouped(),
                month.label()
            ),
        ),
        Some(Trouble::OverLimit {
            month,
            card,
            owed,
            limit,
        }) => check(
            8,
            Level::Warn,
            format!(
                "{card} reaches {} in {}, over its {} limit: pay more",
                owed.grouped(),
                month.label(),
                limit.grouped()
            ),
        ),
        None => {
            let lowest = o.lowest.map_or("never below zero".to_string(), |(m, f)| {
                format!("{} ({})", f.grouped(), m.label())
            });
            let limits = if o.limits { "; cards within limits" } else { "" };
            check(
                8,
                Level::Ok,
                format!("lowest free cash in {} months: {lowest}{limits}", o.months),
            )
        }
    }
}

#[cfg(test)]
mod tests;
