//! Card interest and payoff: APR, the minimum payment rule, payment plans and the debt-free date.
//!
//! Interest compounds monthly on the carried balance: each month the statement is paid (in part),
//! and what is left accrues APR/12, rounded to cents half-to-even, which joins the next statement.

use super::calendar::Month;
use super::money::Money;
use rust_decimal::Decimal;
use std::fmt;

/// Months a payoff is followed before it is called "never" (50 years).
pub const MAX_PAYOFF_MONTHS: u32 = 600;

/// An annual percentage rate in basis points of a percent: 19.99% is 1999. Never a float.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Apr(u32);

/// The highest APR pfos accepts, in basis points (100%).
pub const MAX_APR_BP: u32 = 10_000;

impl Apr {
    pub const ZERO: Apr = Apr(0);

    pub fn from_bp(bp: u32) -> Option<Apr> {
        (bp <= MAX_APR_BP).then_some(Apr(bp))
    }

    pub fn bp(self) -> u32 {
        self.0
    }

    /// The yearly rate as a fraction: 19.99% → 0.1999.
    pub fn fraction(self) -> Decimal {
        Decimal::new(i64::from(self.0), 4)
    }

    /// Parses a percent as typed (`19.99`, `0`, `24`), at most two decimals, 0–100.
    pub fn parse(text: &str) -> Result<Apr, String> {
        let bp = percent_bp(text, "APR")?;
        Apr::from_bp(bp).ok_or_else(|| format!("APR '{text}' is over 100%; give a yearly rate such as 19.99"))
    }

    /// One month's interest on `carried`: APR/12, rounded to cents half-to-even.
    pub fn monthly_interest(self, carried: Money) -> Money {
        if !carried.is_positive() {
            return Money::ZERO;
        }
        carried.times(self.fraction() / Decimal::from(12))
    }
}

impl fmt::Display for Apr {
    /// `19.99%`, `24%`, `0%`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}%", Decimal::new(i64::from(self.0), 2).normalize())
    }
}

/// A percent as typed, in basis points: `1.5` → 150. At most two decimals, not negative.
pub fn percent_bp(text: &str, what: &str) -> Result<u32, String> {
    let t = text.trim().trim_end_matches('%');
    let bad = || format!("{what} '{text}' is not a percent; write it like 19.99");
    if t.starts_with('-') {
        return Err(format!("{what} '{text}' is negative; give a percent of 0 or more"));
    }
    let (int, frac) = t.split_once('.').unwrap_or((t, ""));
    let digits = |s: &str| s.chars().all(|c| c.is_ascii_digit());
    if (int.is_empty() && frac.is_empty()) || !digits(int) || !digits(frac) {
        return Err(bad());
    }
    if frac.len() > 2 {
        return Err(format!("{what} '{text}' has more than two decimal places"));
    }
    if int.trim_start_matches('0').len() > 5 {
        return Err(format!("{what} '{text}' is far too large"));
    }
    let whole: u32 = if int.is_empty() {
        0
    } else {
        int.parse().map_err(|_| bad())?
    };
    let cents: u32 = format!("{frac:0<2}").parse().map_err(|_| bad())?;
    Ok(whole * 100 + cents)
}

/// The minimum payment: the larger of `percent` of the statement plus the interest in it and `floor`,
/// or the whole statement when that is smaller.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct MinimumRule {
    /// Basis points of the statement: 100 is 1%.
    pub percent_bp: u32,
    pub floor: Money,
}

/// What a card charges and asks for at least.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct CardRates {
    /// `None` until the person gives one.
    pub apr: Option<Apr>,
    pub minimum: MinimumRule,
}

impl Default for MinimumRule {
    /// 1% of the statement plus its interest, at least 25.00.
    fn default() -> Self {
        MinimumRule {
            percent_bp: 100,
            floor: Money::from_cents(2500),
        }
    }
}

impl MinimumRule {
    /// The minimum due on a statement of `statement` that includes `interest`.
    pub fn payment(&self, statement: Money, interest: Money) -> Money {
        if !statement.is_positive() {
            return Money::ZERO;
        }
        let part = statement.times(Decimal::new(i64::from(self.percent_bp), 4)) + interest;
        let minimum = part.max(self.floor);
        if minimum > statement {
            statement
        } else {
            minimum
        }
    }
}

impl fmt::Display for MinimumRule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}% of the statement plus its interest, at least {}",
            Decimal::new(i64::from(self.percent_bp), 2).normalize(),
            self.floor.grouped()
        )
    }
}

/// How a card's statements get paid.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PaymentPlan {
    /// The whole statement every month.
    Full,
    /// The same amount every month (or the whole statement when smaller).
    Fixed(Money),
    /// The minimum payment.
    Minimum,
}

impl PaymentPlan {
    /// What this plan pays on a statement, `extra` included, never more than the statement.
    pub fn payment(self, statement: Money, interest: Money, rule: &MinimumRule, extra: Money) -> Money {
        let planned = match self {
            PaymentPlan::Full => statement,
            PaymentPlan::Fixed(amount) => amount,
            PaymentPlan::Minimum => rule.payment(statement, interest),
        } + extra;
        if planned > statement {
            statement.max(Money::ZERO)
        } else {
            planned.max(Money::ZERO)
        }
    }

    pub fn describe(self) -> String {
        match self {
            PaymentPlan::Full => "pays each statement in full".into(),
            PaymentPlan::Fixed(a) => format!("pays {} a month", a.grouped()),
            PaymentPlan::Minimum => "pays the minimum".into(),
        }
    }
}

/// How long a balance takes to pay off with no new charges, and what it costs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Payoff {
    /// Payments until nothing is owed; `None` when the payments never catch up with the interest.
    pub months: Option<u32>,
    /// The month of the last payment.
    pub debt_free: Option<Month>,
    /// Interest over the payoff (over the first 50 years when it never ends).
    pub interest: Money,
    pub paid: Money,
}

/// Pays off `balance` from `first_payment` on under `plan` plus `extra` a month, with no new charges.
///
/// Month by month: the statement is what is owed; the payment comes off it; what is left accrues
/// one month's interest, which the next statement includes.
pub fn payoff(
    balance: Money,
    apr: Apr,
    rule: &MinimumRule,
    plan: PaymentPlan,
    extra: Money,
    first_payment: Month,
) -> Payoff {
    let mut owed = balance;
    let mut last_interest = Money::ZERO;
    let mut interest = Money::ZERO;
    let mut paid = Money::ZERO;
    for k in 1..=MAX_PAYOFF_MONTHS {
        if !owed.is_positive() {
            break;
        }
        let payment = plan.payment(owed, last_interest, rule, extra);
        if !payment.is_positive() {
            break;
        }
        paid += payment;
        let carried = owed - payment;
        last_interest = apr.monthly_interest(carried);
        interest += last_interest;
        owed = carried + last_interest;
        if !owed.is_positive() {
            let month = first_payment.plus(i32::try_from(k - 1).unwrap_or(i32::MAX));
            return Payoff {
                months: Some(k),
                debt_free: Some(month),
                interest,
                paid,
            };
        }
    }
    Payoff {
        months: (!balance.is_positive()).then_some(0),
        debt_free: None,
        interest,
        paid,
    }
}

#[cfg(test)]
mod tests;
