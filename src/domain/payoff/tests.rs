//! Interest, the minimum payment and payoff, against figures worked out by hand in the comments.

use super::*;

fn m(cents: i64) -> Money {
    Money::from_cents(cents)
}

fn month(text: &str) -> Month {
    Month::parse(text).unwrap_or_else(|e| panic!("{e}"))
}

fn apr(text: &str) -> Apr {
    Apr::parse(text).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn aprs_parse_as_basis_points_and_refuse_what_is_not_a_rate() {
    assert_eq!(apr("19.99").bp(), 1999);
    assert_eq!(apr("24").bp(), 2400);
    assert_eq!(apr("0").bp(), 0);
    assert_eq!(apr("7.5%").bp(), 750);
    assert_eq!(apr("100").bp(), 10_000);
    assert_eq!(apr("19.99").to_string(), "19.99%");
    assert_eq!(apr("24").to_string(), "24%");
    let err = |t: &str| Apr::parse(t).err().unwrap_or_default();
    assert!(err("-3").contains("negative"));
    assert!(err("abc").contains("not a percent"));
    assert!(err("19.999").contains("two decimal"));
    assert!(err("100.01").contains("over 100%"));
    assert!(err("").contains("not a percent"));
}

#[test]
fn monthly_interest_is_apr_over_12_rounded_half_to_even() {
    // 12% a year is 1% a month: 700.00 → 7.00.
    assert_eq!(apr("12").monthly_interest(m(70_000)), m(700));
    // 112.50 × 1% = 1.125 → 1.12 (half to even), and 113.50 × 1% = 1.135 → 1.14.
    assert_eq!(apr("12").monthly_interest(m(11_250)), m(112));
    assert_eq!(apr("12").monthly_interest(m(11_350)), m(114));
    // 19.99% / 12 on 1,000.00 = 16.658333… → 16.66.
    assert_eq!(apr("19.99").monthly_interest(m(100_000)), m(1666));
    assert_eq!(apr("24").monthly_interest(Money::ZERO), Money::ZERO);
    assert_eq!(apr("24").monthly_interest(m(-500)), Money::ZERO);
}

#[test]
fn the_minimum_payment_rule() {
    let rule = MinimumRule::default();
    // 1% of 1,000.00 is 10.00, plus 10.00 interest = 20.00: below the 25.00 floor.
    assert_eq!(rule.payment(m(100_000), m(1000)), m(2500));
    // 1% of 5,000.00 is 50.00, plus 40.00 interest = 90.00.
    assert_eq!(rule.payment(m(500_000), m(4000)), m(9000));
    // A 20.00 statement is paid whole: it is smaller than the floor.
    assert_eq!(rule.payment(m(2000), Money::ZERO), m(2000));
    let custom = MinimumRule {
        percent_bp: 250,
        floor: m(3500),
    };
    // 2.5% of 2,000.00 = 50.00 (+ 0 interest), above the 35.00 floor.
    assert_eq!(custom.payment(m(200_000), Money::ZERO), m(5000));
}

#[test]
fn payoff_at_300_a_month_against_550_a_month() {
    let rule = MinimumRule::default();
    let start = month("2026-01");
    // 1,000.00 at 12% (1% a month), 300.00 a month:
    //   Jan: pay 300.00, 700.00 left, interest 7.00  → 707.00
    //   Feb: pay 300.00, 407.00 left, interest 4.07  → 411.07
    //   Mar: pay 300.00, 111.07 left, interest 1.11  → 112.18
    //   Apr: pay 112.18 → 0. Four payments, interest 7.00 + 4.07 + 1.11 = 12.18, paid 1,012.18.
    let base = payoff(
        m(100_000),
        apr("12"),
        &rule,
        PaymentPlan::Fixed(m(30_000)),
        Money::ZERO,
        start,
    );
    assert_eq!(base.months, Some(4));
    assert_eq!(base.debt_free, Some(month("2026-04")));
    assert_eq!(base.interest, m(1218));
    assert_eq!(base.paid, m(101_218));
    // 250.00 extra, 550.00 a month:
    //   Jan: pay 550.00, 450.00 left, interest 4.50 → 454.50
    //   Feb: pay 454.50 → 0. Two payments, interest 4.50: two months earlier and 7.68 cheaper.
    let extra = payoff(
        m(100_000),
        apr("12"),
        &rule,
        PaymentPlan::Fixed(m(30_000)),
        m(25_000),
        start,
    );
    assert_eq!(extra.months, Some(2));
    assert_eq!(extra.debt_free, Some(month("2026-02")));
    assert_eq!(extra.interest, m(450));
    assert_eq!(base.interest - extra.interest, m(768));
    // 200.00 extra is not quite enough for two: Jan 1,000 → 500 + 5.00; Feb pay 500 of 505.00 → 5.00 + 0.05;
    // Mar pay 5.05. Three payments, interest 5.05.
    let less = payoff(
        m(100_000),
        apr("12"),
        &rule,
        PaymentPlan::Fixed(m(30_000)),
        m(20_000),
        start,
    );
    assert_eq!((less.months, less.interest), (Some(3), m(505)));
}

#[test]
fn payoff_under_the_minimum_and_in_full() {
    let rule = MinimumRule::default();
    let start = month("2026-01");
    // 100.00 at 24% (2% a month) under the minimum (25.00 floor):
    //   Jan: pay 25.00, 75.00 left, interest 1.50 → 76.50
    //   Feb: 1% of 76.50 = 0.765 → 0.76 (half to even), + 1.50 = 2.26 < 25 → 25.00;
    //        51.50 left, interest 1.03 → 52.53
    //   Mar: pay 25.00, 27.53 left, interest 0.55 (0.5506) → 28.08
    //   Apr: 28.08 > 25: pay 25.00, 3.08 left, interest 0.06 (0.0616) → 3.14
    //   May: pay 3.14 → 0. Five payments, interest 1.50 + 1.03 + 0.55 + 0.06 = 3.14.
    let min = payoff(m(10_000), apr("24"), &rule, PaymentPlan::Minimum, Money::ZERO, start);
    assert_eq!(min.months, Some(5));
    assert_eq!(min.debt_free, Some(month("2026-05")));
    assert_eq!(min.interest, m(314));
    let full = payoff(m(10_000), apr("24"), &rule, PaymentPlan::Full, Money::ZERO, start);
    assert_eq!((full.months, full.interest), (Some(1), Money::ZERO));
    assert_eq!(full.debt_free, Some(start));
}

#[test]
fn a_payment_that_never_catches_up_with_the_interest_never_ends() {
    // 10,000.00 at 24% accrues 200.00 a month at first; 150.00 a month never pays it off.
    let never = payoff(
        m(1_000_000),
        apr("24"),
        &MinimumRule::default(),
        PaymentPlan::Fixed(m(15_000)),
        Money::ZERO,
        month("2026-01"),
    );
    assert_eq!(never.months, None);
    assert_eq!(never.debt_free, None);
    assert!(never.interest.is_positive());
    let nothing = payoff(
        Money::ZERO,
        apr("24"),
        &MinimumRule::default(),
        PaymentPlan::Minimum,
        Money::ZERO,
        month("2026-01"),
    );
    assert_eq!((nothing.months, nothing.interest), (Some(0), Money::ZERO));
}
