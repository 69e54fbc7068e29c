//! The forecast: month by month from the latest state, what income, spending, card statements and
//! payments, bucket contributions, free cash and net worth will probably be, and what drives each month.
//!
//! The model, in order, for each period (the rest of the current month, then whole months):
//! 1. recurring items' occurrences (and, in the first period, those due but not posted yet);
//! 2. one-off purchases and income changes of a what-if;
//! 3. the usual income and spending: trailing averages of what was *not* a recurring item,
//!    spending split across the places that paid it (pro rata to the day for the rest of a month);
//! 4. bucket contributions up to each target (less what recurring transfers already put in), stopping at a goal;
//! 5. each card: what it owed when the month began is that month's statement, paid under the usual
//!    behaviour (plus any extra); what is left accrues APR/12, rounded to cents half-to-even. In the rest
//!    of the current month only a statement falling due in it is paid (less the credits so far) — the
//!    latest one closed, or one closing in those days and due before the month ends — and what is left
//!    of it accrues interest the same way. A card owing more than its limit at a period's end is named;
//! 6. each loan on its payment day: interest on what it owes at the start of the day
//!    (APR/12, rounded to cents half-to-even), then the scheduled payment (plus any extra, less what
//!    recurring items and, this month, the person already paid) from the account that usually pays it.
//!
//! Every movement is applied as a transaction through [`Balances::apply`] and counted by
//! [`MonthFlows::record`], so each month's figures follow the same definitions as a closed month's.

mod step;
pub mod usual;

use super::calendar::{add_days, Month};
use super::engine::{Balances, MonthFlows};
use super::money::Money;
use super::payoff::{Apr, MinimumRule, PaymentPlan};
use super::place::PlaceId;
use super::places::Places;
use super::recurring::{Occurrence, RecurringItem};
use super::snapshot::Figures;
use chrono::NaiveDate;
use rust_decimal::Decimal;
use std::collections::HashMap;

pub use usual::{projection_with_plan, MonthBasis, RecurringPart, Usual};

/// How one card is paid in the forecast.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CardPlan {
    pub card: PlaceId,
    pub plan: PaymentPlan,
    /// Paid on top of the plan with every payment (a what-if).
    pub extra: Money,
    /// The account payments come from.
    pub payer: PlaceId,
    pub apr: Apr,
    pub rule: MinimumRule,
    /// The latest statement, if one is still to be paid: due date, statement balance, credits so far.
    pub statement: Option<(NaiveDate, Money, Money)>,
    /// The card carries debt past a due date now.
    pub carrying: bool,
}

/// How one loan is paid in the forecast: its scheduled payment on its payment day, from an account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoanPlan {
    pub loan: PlaceId,
    pub apr: Apr,
    /// The scheduled monthly payment.
    pub payment: Money,
    /// 1–31, clamped to the month's last day.
    pub payment_day: u32,
    /// Paid on top of the schedule every month (a what-if).
    pub extra: Money,
    /// The account payments come from.
    pub payer: PlaceId,
    /// Transfers to it dated this month up to the forecast's start: they count toward this month's payment.
    pub paid_this_month: Money,
}

/// How one bucket is funded in the forecast.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BucketPlan {
    pub bucket: PlaceId,
    pub target: Money,
    pub goal: Option<Money>,
    /// The account contributions come from.
    pub source: PlaceId,
    /// Already added this month, counted against the target for the rest of the month.
    pub added_this_month: Money,
}

/// A purchase on a date from a place (a what-if).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OneOff {
    pub date: NaiveDate,
    pub place: PlaceId,
    pub amount: Money,
    pub description: String,
}

/// Monthly income up (a raise) or down (a lost income) from a month on (a what-if).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IncomeChange {
    pub from: Month,
    /// Positive for more income, negative for less.
    pub monthly: Money,
}

/// Everything the forecast starts from.
#[derive(Debug, Clone)]
pub struct ForecastInput {
    pub as_of: NaiveDate,
    /// Whole months after the current one.
    pub months: u32,
    pub places: Places,
    /// Each place's own balance at the end of `as_of`.
    pub balances: Balances,
    pub usual: Usual,
    /// Where usual income lands and usual spending is paid from when no history says otherwise.
    pub primary: PlaceId,
    pub items: Vec<RecurringItem>,
    /// Occurrences dated on or before `as_of` and not posted yet: they happen in the first period.
    pub overdue: Vec<Occurrence>,
    pub cards: Vec<CardPlan>,
    pub loans: Vec<LoanPlan>,
    pub buckets: Vec<BucketPlan>,
    pub one_offs: Vec<OneOff>,
    pub income_changes: Vec<IncomeChange>,
}

/// One reason a month looks the way it does: its effect on free cash, or an event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Driver {
    pub label: String,
    /// The change to free cash; `None` for an event such as a goal reached.
    pub amount: Option<Money>,
}

/// One card in one month of the forecast.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CardMonth {
    pub card: PlaceId,
    /// What it owed when the period began.
    pub statement: Money,
    pub paid: Money,
    pub interest: Money,
    /// What it owes at the end of the period.
    pub owed: Money,
    /// Part of the statement was left unpaid (revolving debt).
    pub carried: Money,
    /// It owes more than its limit at the period's end.
    pub over_limit: bool,
}

/// One loan in one month of the forecast.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoanMonth {
    pub loan: PlaceId,
    pub interest: Money,
    /// The scheduled payment (and any extra) this period, recurring transfers to it included.
    pub paid: Money,
    /// What it owes at the end of the period.
    pub owed: Money,
}

/// One period of the forecast.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ForecastMonth {
    pub month: Month,
    /// The first day the period covers (after `as_of` for the rest of the current month).
    pub from: NaiveDate,
    /// Only the rest of the current month.
    pub partial: bool,
    /// Income, expenses, savings added, … of the period, and the balances at its end.
    pub figures: Figures,
    /// Day-to-day spending without interest.
    pub spending: Money,
    /// Interest on cards and loans.
    pub interest: Money,
    pub card_payments: Money,
    pub loan_payments: Money,
    pub cards: Vec<CardMonth>,
    pub loans: Vec<LoanMonth>,
    /// The biggest effects on free cash first, then events.
    pub drivers: Vec<Driver>,
}

/// Each card over the whole forecast.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CardOutlook {
    pub card: PlaceId,
    pub plan: PaymentPlan,
    pub extra: Money,
    pub interest: Money,
    /// The first month whose statement is paid in full, for a card carrying debt now.
    pub clear_from: Option<Month>,
}

/// Each loan over the whole forecast.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoanOutlook {
    pub loan: PlaceId,
    pub payment: Money,
    pub extra: Money,
    pub interest: Money,
    /// The month of the last payment: in the forecast, or after it at the same payments; `None` when
    /// the payments never catch up with the interest (or take over 50 years).
    pub paid_off: Option<Month>,
}

/// The forecast: where things stand now and each period after.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Forecast {
    pub as_of: NaiveDate,
    pub net_worth: Money,
    pub free_cash: Money,
    pub usual: Usual,
    pub months: Vec<ForecastMonth>,
    pub cards: Vec<CardOutlook>,
    pub loans: Vec<LoanOutlook>,
}

impl Forecast {
    /// Interest on every card over the forecast.
    pub fn interest(&self) -> Money {
        self.cards.iter().map(|c| c.interest).sum()
    }

    /// Interest on every loan over the forecast.
    pub fn loan_interest(&self) -> Money {
        self.loans.iter().map(|l| l.interest).sum()
    }

    pub fn last(&self) -> Option<&ForecastMonth> {
        self.months.last()
    }
}

/// A stretch of days the forecast steps over.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Period {
    month: Month,
    from: NaiveDate,
    through: NaiveDate,
    /// The share of a whole month: days covered / days in the month.
    fraction: Decimal,
    partial: bool,
}

/// The rest of `as_of`'s month (if any days are left), then `months` whole months.
fn periods(as_of: NaiveDate, months: u32) -> Vec<Period> {
    let current = Month::of(as_of);
    let mut out = Vec::new();
    let last = current.last_day();
    if as_of < last {
        let left = (last - as_of).num_days();
        let days = (last - current.first_day()).num_days() + 1;
        out.push(Period {
            month: current,
            from: add_days(as_of, 1),
            through: last,
            fraction: Decimal::from(left) / Decimal::from(days),
            partial: true,
        });
    }
    for k in 1..=months {
        let month = current.plus(i32::try_from(k).unwrap_or(i32::MAX));
        out.push(Period {
            month,
            from: month.first_day(),
            through: month.last_day(),
            fraction: Decimal::ONE,
            partial: false,
        });
    }
    out
}

/// Runs the forecast.
pub fn forecast(input: &ForecastInput) -> Forecast {
    let places = &input.places;
    let mut balances = input.balances.clone();
    let mut last_interest: HashMap<PlaceId, Money> = HashMap::new();
    let mut carrying: HashMap<PlaceId, bool> = input.cards.iter().map(|c| (c.card, c.carrying)).collect();
    let mut outlooks: Vec<CardOutlook> = input
        .cards
        .iter()
        .map(|c| CardOutlook {
            card: c.card,
            plan: c.plan,
            extra: c.extra,
            interest: Money::ZERO,
            clear_from: None,
        })
        .collect();
    let mut loans: Vec<LoanOutlook> = input
        .loans
        .iter()
        .map(|l| LoanOutlook {
            loan: l.loan,
            payment: l.payment,
            extra: l.extra,
            interest: Money::ZERO,
            paid_off: (!input.balances.get(l.loan).is_positive()).then_some(Month::of(input.as_of)),
        })
        .collect();
    let mut months = Vec::new();
    for (index, period) in periods(input.as_of, input.months).into_iter().enumerate() {
        let step = step::Step::new(places, &mut balances);
        let month = step.run(input, period, index == 0, &mut last_interest);
        for loan in &month.loans {
            if let Some(o) = loans.iter_mut().find(|o| o.loan == loan.loan) {
                o.interest += loan.interest;
                if o.paid_off.is_none() && !loan.owed.is_positive() {
                    o.paid_off = Some(period.month);
                }
            }
        }
        for card in &month.cards {
            let was = carrying.get(&card.card).copied().unwrap_or(false);
            if let Some(o) = outlooks.iter_mut().find(|o| o.card == card.card) {
                o.interest += card.interest;
                if was && !period.partial && card.carried.is_zero() && o.clear_from.is_none() {
                    o.clear_from = Some(period.month);
                }
            }
            if !period.partial {
                carrying.insert(card.card, card.carried.is_positive());
            }
        }
        months.push(month);
    }
    // A loan not paid off within the forecast: its schedule carried on from where the forecast ends.
    let after = months.last().map_or(Month::of(input.as_of), |m| m.month).next();
    for o in loans.iter_mut().filter(|o| o.paid_off.is_none()) {
        if let Some(plan) = input.loans.iter().find(|l| l.loan == o.loan) {
            o.paid_off = super::loan::payoff_month(balances.get(o.loan), plan.apr, plan.payment + plan.extra, after);
        }
    }
    Forecast {
        as_of: input.as_of,
        net_worth: input.balances.net_worth(places),
        free_cash: input.balances.free_cash(places),
        usual: input.usual.clone(),
        months,
        cards: outlooks,
        loans,
    }
}

/// Flows and figures of one period, from what was applied.
fn figures(places: &Places, flows: &MonthFlows, balances: &Balances) -> Figures {
    Figures::new(places, flows, balances)
}

#[cfg(test)]
mod tests;
