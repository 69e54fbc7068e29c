//! What-if against the baseline: an extra card payment, a purchase, a raise, a target, items added and removed.

use super::*;
use crate::domain::cadence::{Cadence, End, Schedule};
use crate::domain::calendar::parse_date;
use crate::domain::engine::Balances;
use crate::domain::forecast::{BucketPlan, CardPlan, Usual};
use crate::domain::payoff::{Apr, MinimumRule, PaymentPlan};
use crate::domain::place::{CardTerms, Place, PlaceKind};
use crate::domain::txn::TxnKind;

const CHECKING: PlaceId = 1;
const VISA: PlaceId = 2;
const TRAVEL: PlaceId = 3;

fn d(text: &str) -> NaiveDate {
    parse_date(text).unwrap_or_else(|e| panic!("{e}"))
}

fn m(cents: i64) -> Money {
    Money::from_cents(cents)
}

fn month(text: &str) -> Month {
    Month::parse(text).unwrap_or_else(|e| panic!("{e}"))
}

/// Checking 10,000; the Visa owes 1,000.00 at 12% (1% a month), paid 300 a month, no new charges;
/// Travel bucket (target 100); usual income 2,000 and spending 1,000 from Checking; rent item 3.
fn input() -> ForecastInput {
    let place = |id, name: &str, kind| Place {
        id,
        name: name.into(),
        kind,
        opened_on: d("2025-01-01"),
        card: (kind == PlaceKind::Card).then_some(CardTerms {
            statement_day: 1,
            grace_days: 25,
            limit: None,
        }),
        bucket: None,
        loan: None,
        archived_on: None,
        terms_changes: Vec::new(),
    };
    let places = Places::new(vec![
        place(CHECKING, "Checking", PlaceKind::Checking),
        place(VISA, "Visa", PlaceKind::Card),
        place(TRAVEL, "Travel", PlaceKind::Bucket),
    ]);
    ForecastInput {
        as_of: d("2026-01-31"),
        months: 6,
        places,
        balances: Balances::from_map([(CHECKING, m(1_000_000)), (VISA, m(100_000))].into()),
        usual: Usual {
            income: m(200_000),
            spending: m(100_000),
            weights: vec![(CHECKING, m(1))],
            months: 3,
        },
        primary: CHECKING,
        items: vec![rent(3)],
        overdue: Vec::new(),
        cards: vec![CardPlan {
            card: VISA,
            plan: PaymentPlan::Fixed(m(30_000)),
            extra: Money::ZERO,
            payer: CHECKING,
            apr: Apr::parse("12").unwrap_or_else(|e| panic!("{e}")),
            rule: MinimumRule::default(),
            statement: None,
            carrying: true,
        }],
        buckets: vec![BucketPlan {
            bucket: TRAVEL,
            target: m(10_000),
            goal: None,
            source: CHECKING,
            added_this_month: Money::ZERO,
        }],
        loans: Vec::new(),
        one_offs: Vec::new(),
        income_changes: Vec::new(),
    }
}

fn rent(id: i64) -> RecurringItem {
    RecurringItem {
        id,
        kind: TxnKind::Expense,
        amount: m(50_000),
        from: Some(CHECKING),
        to: None,
        category: Some("Rent".into()),
        description: String::new(),
        schedule: Schedule {
            cadence: Cadence::Monthly { day: 1 },
            start: d("2025-01-01"),
            end: End::Never,
        },
    }
}

#[test]
fn an_extra_card_payment_clears_the_debt_two_months_sooner_and_saves_the_interest() {
    // Baseline, 300 a month on 1,000.00 at 1% a month:
    //   Feb pay 300 → 700 carried, 7.00; Mar 707 → 407, 4.07; Apr 411.07 → 111.07, 1.11; May 112.18 paid in full.
    //   Clear from May 2026; interest 7.00 + 4.07 + 1.11 = 12.18.
    // With 250 more, 550 a month: Feb 1,000 → 450 carried, 4.50; Mar 454.50 paid in full.
    //   Clear from March 2026, two months sooner; interest 4.50, 7.68 less.
    let w = whatif(
        &input(),
        &[Change::ExtraPayment {
            place: VISA,
            monthly: m(25_000),
        }],
    );
    assert_eq!(w.baseline.cards[0].clear_from, Some(month("2026-05")));
    assert_eq!(w.baseline.interest(), m(1218));
    assert_eq!(w.scenario.cards[0].clear_from, Some(month("2026-03")));
    assert_eq!(w.scenario.interest(), m(450));
    assert_eq!(w.baseline.interest() - w.scenario.interest(), m(768));
    // Paying the card sooner costs no net worth: it saves exactly the interest.
    let (b, s) = (
        w.baseline.last().map(|p| p.figures.net_worth),
        w.scenario.last().map(|p| p.figures.net_worth),
    );
    assert_eq!(s.zip(b).map(|(s, b)| s - b), Some(m(768)));
}

#[test]
fn changes_combine() {
    // A 1,200 purchase from Checking in March, a 300 raise from April, Travel at 250 instead of 100,
    // rent stopped, and a 15.99 monthly subscription from Checking from February.
    let mut subscription = rent(99);
    subscription.amount = m(1599);
    let changes = [
        Change::Purchase {
            place: CHECKING,
            amount: m(120_000),
            date: d("2026-03-15"),
            description: "Laptop".into(),
        },
        Change::Income {
            monthly: m(30_000),
            from: month("2026-04"),
        },
        Change::BucketTarget {
            bucket: TRAVEL,
            target: m(25_000),
        },
        Change::RemoveRecurring(3),
        Change::AddRecurring(subscription),
    ];
    let w = whatif(&input(), &changes);
    let diff = |i: usize| w.scenario.months[i].figures.net_worth - w.baseline.months[i].figures.net_worth;
    // February: no rent (+500.00), a subscription (−15.99): +484.01. Travel is savings: no net worth change.
    assert_eq!(diff(0), m(48_401));
    // March: +484.01 more, and the laptop −1,200: 968.02 − 1,200 = −231.98.
    assert_eq!(diff(1), m(-23_198));
    // April: +484.01 and the raise +300: −231.98 + 784.01 = 552.03.
    assert_eq!(diff(2), m(55_203));
    // Free cash also pays the bigger Travel target: 150 a month less in February.
    let fc = w.scenario.months[0].figures.free_cash - w.baseline.months[0].figures.free_cash;
    assert_eq!(fc, m(48_401 - 15_000));
    assert!(w.scenario.months[1]
        .drivers
        .iter()
        .any(|d| d.label == "one-off: Laptop"));
    // A lost income lowers it the same way.
    let lost = whatif(
        &input(),
        &[Change::Income {
            monthly: m(-200_000),
            from: month("2026-02"),
        }],
    );
    assert_eq!(lost.scenario.months[0].figures.total_income, Money::ZERO);
    let places = &input().places;
    assert_eq!(
        changes[0].describe(places, &[]),
        "Laptop of 1,200.00 from Checking on 2026-03-15"
    );
    assert_eq!(changes[3].describe(places, &[rent(3)]), "recurring item 3 (Rent) stops");
}
