//! Loans: a month's interest, charged on the payment day on what is owed at the start of that day.

use super::calendar::Month;
use super::money::Money;
use super::payoff::{Apr, MAX_PAYOFF_MONTHS};
use super::place::Place;
use chrono::NaiveDate;

/// The category posted interest goes in.
pub const INTEREST_CATEGORY: &str = "Interest";

/// Why a month has no interest to post.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NoInterest {
    #[error(
        "'{loan}' opened on {opened}, after its payment day in {month} ({day}), so {month} has no interest to post"
    )]
    BeforeOpening {
        loan: String,
        month: Month,
        day: NaiveDate,
        opened: NaiveDate,
    },
    #[error(
        "'{loan}' owed nothing at the start of {day}, its payment day in {month}, so there is no interest to post"
    )]
    NothingOwed { loan: String, month: Month, day: NaiveDate },
    #[error("'{0}' is not a loan")]
    NotALoan(String),
}

/// The day a month's interest is dated: the loan's payment day, clamped to the month's last day.
pub fn interest_day(loan: &Place, month: Month) -> Result<NaiveDate, NoInterest> {
    let terms = loan.loan.ok_or_else(|| NoInterest::NotALoan(loan.name.clone()))?;
    let day = terms.payment_date(month);
    if day < loan.opened_on {
        return Err(NoInterest::BeforeOpening {
            loan: loan.name.clone(),
            month,
            day,
            opened: loan.opened_on,
        });
    }
    Ok(day)
}

/// Month `month`'s interest: `owed` (the balance at the start of the payment day: every transaction dated
/// before it, and the opening when it falls on that day) × APR / 12, rounded to cents half-to-even.
pub fn monthly_interest(loan: &Place, month: Month, owed: Money) -> Result<Money, NoInterest> {
    let day = interest_day(loan, month)?;
    if !owed.is_positive() {
        return Err(NoInterest::NothingOwed {
            loan: loan.name.clone(),
            month,
            day,
        });
    }
    let apr = loan.loan.map(|t| t.apr).unwrap_or_default();
    Ok(apr.monthly_interest(owed))
}

/// The month of a loan's last payment when it owes `owed` now and pays `payment` on each payment day
/// from `first` on, interest charged first by the rule above (APR/12 on what is owed at the start of the
/// day, rounded to cents half-to-even). `None` when the payment never covers the interest, or the loan
/// would take more than 50 years.
pub fn payoff_month(owed: Money, apr: Apr, payment: Money, first: Month) -> Option<Month> {
    let mut owed = owed;
    if !owed.is_positive() {
        return Some(first.prev());
    }
    for k in 0..MAX_PAYOFF_MONTHS {
        let interest = apr.monthly_interest(owed);
        if payment <= interest {
            return None;
        }
        owed = owed + interest - payment;
        if !owed.is_positive() {
            return Some(first.plus(i32::try_from(k).unwrap_or(i32::MAX)));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::place::{LoanTerms, PlaceKind};

    fn d(text: &str) -> NaiveDate {
        crate::domain::parse_date(text).unwrap_or_else(|e| panic!("{e}"))
    }

    fn month(text: &str) -> Month {
        Month::parse(text).unwrap_or_else(|e| panic!("{e}"))
    }

    fn loan(opened: &str, apr_bp: u32, day: u32) -> Place {
        let mut p = Place::account(7, "Car loan", PlaceKind::Loan, d(opened));
        p.loan = Some(LoanTerms {
            apr: Apr::from_bp(apr_bp).unwrap_or_else(|| panic!("apr")),
            payment: Money::from_cents(35_000),
            payment_day: day,
        });
        p
    }

    #[test]
    fn interest_is_the_balance_times_apr_over_twelve_rounded_half_to_even() {
        let car = loan("2025-01-10", 600, 15);
        // 12,000.00 × 6% / 12 = 60.00
        assert_eq!(
            monthly_interest(&car, month("2025-03"), Money::from_cents(1_200_000)),
            Ok(Money::from_cents(6_000))
        );
        // 1,234.50 × 5.99% / 12 = 6.1622… → 6.16
        let car = loan("2025-01-10", 599, 15);
        assert_eq!(
            monthly_interest(&car, month("2025-03"), Money::from_cents(123_450)),
            Ok(Money::from_cents(616))
        );
    }

    #[test]
    fn the_payment_day_is_clamped_in_a_short_month() {
        let car = loan("2025-01-10", 600, 31);
        assert_eq!(interest_day(&car, month("2025-02")), Ok(d("2025-02-28")));
        assert!(interest_day(&car, month("2024-02")).is_err(), "before it opened");
        assert_eq!(
            interest_day(&loan("2024-01-01", 600, 30), month("2024-02")),
            Ok(d("2024-02-29"))
        );
    }

    #[test]
    fn a_payment_day_before_the_opening_has_no_interest() {
        let car = loan("2025-03-20", 600, 15);
        assert!(matches!(
            monthly_interest(&car, month("2025-03"), Money::from_cents(100)),
            Err(NoInterest::BeforeOpening { .. })
        ));
        // Opened on the payment day itself: that month counts (its opening is owed at the start of the day).
        let same_day = loan("2025-03-15", 600, 15);
        assert_eq!(interest_day(&same_day, month("2025-03")), Ok(d("2025-03-15")));
    }

    #[test]
    fn a_loan_pays_off_when_its_payments_cover_what_is_owed_and_the_interest() {
        let terms = loan("2025-01-10", 0, 15).loan.unwrap_or_else(|| panic!("terms"));
        // 1,000.00 at 350.00 a month, no interest: Jan, Feb, and the last 300.00 in March.
        assert_eq!(
            payoff_month(Money::from_cents(100_000), terms.apr, terms.payment, month("2025-01")),
            Some(month("2025-03"))
        );
        let with_interest = loan("2025-01-10", 1200, 15).loan.unwrap_or_else(|| panic!("terms"));
        // 1% a month on 1,050.00 needs a fourth payment, paid in April.
        assert_eq!(
            payoff_month(
                Money::from_cents(105_000),
                with_interest.apr,
                with_interest.payment,
                month("2025-01")
            ),
            Some(month("2025-04"))
        );
        // A payment below the month's interest never pays it off.
        let mut never = with_interest;
        never.payment = Money::from_cents(100);
        assert_eq!(
            payoff_month(Money::from_cents(1_000_000), never.apr, never.payment, month("2025-01")),
            None
        );
        assert_eq!(
            payoff_month(Money::ZERO, terms.apr, terms.payment, month("2025-01")),
            Some(month("2024-12"))
        );
    }

    #[test]
    fn nothing_owed_means_no_interest() {
        let car = loan("2025-01-10", 600, 15);
        assert!(matches!(
            monthly_interest(&car, month("2025-03"), Money::ZERO),
            Err(NoInterest::NothingOwed { .. })
        ));
    }

    #[test]
    fn a_loan_pays_off_in_the_month_its_payments_catch_up() {
        let apr = Apr::from_bp(1200).unwrap_or_else(|| panic!("apr"));
        // 1,000.00 at 1% a month paying 400: 1,010 − 400 = 610; 616.10 − 400 = 216.10; 218.26 − 400 ≤ 0.
        let first = month("2026-01");
        assert_eq!(
            payoff_month(Money::from_cents(100_000), apr, Money::from_cents(40_000), first),
            Some(month("2026-03"))
        );
        // Paying only the interest never ends.
        assert_eq!(
            payoff_month(Money::from_cents(100_000), apr, Money::from_cents(1_000), first),
            None
        );
        assert_eq!(
            payoff_month(Money::ZERO, apr, Money::from_cents(1_000), first),
            Some(month("2025-12"))
        );
    }
}
