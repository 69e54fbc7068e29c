//! The forecast's arithmetic on small households, every figure worked out by hand in the comments.

use super::step::split;
use super::*;
use crate::domain::cadence::{Cadence, End, Schedule};
use crate::domain::calendar::parse_date;
use crate::domain::place::{BucketTerms, CardTerms, Place, PlaceKind};
use crate::domain::recurring::RecurringItem;
use crate::domain::txn::TxnKind;

const CHECKING: PlaceId = 1;
const VISA: PlaceId = 2;
const EMERGENCY: PlaceId = 3;

fn d(text: &str) -> NaiveDate {
    parse_date(text).unwrap_or_else(|e| panic!("{e}"))
}

fn m(cents: i64) -> Money {
    Money::from_cents(cents)
}

fn month(text: &str) -> Month {
    Month::parse(text).unwrap_or_else(|e| panic!("{e}"))
}

fn places() -> Places {
    let place = |id, name: &str, kind| Place {
        id,
        name: name.into(),
        kind,
        opened_on: d("2025-01-01"),
        card: (kind == PlaceKind::Card).then_some(CardTerms {
            statement_day: 28,
            grace_days: 25,
            limit: None,
        }),
        bucket: (kind == PlaceKind::Bucket).then_some(BucketTerms {
            target_monthly: m(20_000),
            goal: None,
            held_in: None,
        }),
        loan: None,
        archived_on: None,
        terms_changes: Vec::new(),
    };
    Places::new(vec![
        place(CHECKING, "Checking", PlaceKind::Checking),
        place(VISA, "Visa", PlaceKind::Card),
        place(EMERGENCY, "Emergency", PlaceKind::Bucket),
    ])
}

fn balances(checking: i64, visa: i64, emergency: i64) -> Balances {
    Balances::from_map([(CHECKING, m(checking)), (VISA, m(visa)), (EMERGENCY, m(emergency))].into())
}

fn monthly(
    id: i64,
    kind: TxnKind,
    cents: i64,
    from: Option<PlaceId>,
    to: Option<PlaceId>,
    day: u32,
    label: &str,
) -> RecurringItem {
    RecurringItem {
        id,
        kind,
        amount: m(cents),
        from,
        to,
        category: None,
        description: label.into(),
        schedule: Schedule {
            cadence: Cadence::Monthly { day },
            start: d("2025-01-01"),
            end: End::Never,
        },
    }
}

fn visa(plan: PaymentPlan, apr: &str) -> CardPlan {
    CardPlan {
        card: VISA,
        plan,
        extra: Money::ZERO,
        payer: CHECKING,
        apr: Apr::parse(apr).unwrap_or_else(|e| panic!("{e}")),
        rule: MinimumRule::default(),
        statement: None,
        carrying: true,
    }
}

fn emergency(goal: Option<i64>, added: i64) -> BucketPlan {
    BucketPlan {
        bucket: EMERGENCY,
        target: m(20_000),
        goal: goal.map(m),
        source: CHECKING,
        added_this_month: m(added),
    }
}

/// Checking 5,000, Visa owing 1,000 at 24% paid 300 a month, Emergency 700 of a 1,000 goal (200 a month),
/// rent 1,500 on the 1st, usual income 3,000 and usual spending 1,000 (600 on the Visa, 400 from Checking).
fn household() -> ForecastInput {
    ForecastInput {
        as_of: d("2026-01-31"),
        months: 3,
        places: places(),
        balances: balances(500_000, 100_000, 70_000),
        usual: Usual {
            income: m(300_000),
            spending: m(100_000),
            weights: vec![(VISA, m(60_000)), (CHECKING, m(40_000))],
            months: 3,
        },
        primary: CHECKING,
        items: vec![monthly(1, TxnKind::Expense, 150_000, Some(CHECKING), None, 1, "Rent")],
        overdue: Vec::new(),
        cards: vec![visa(PaymentPlan::Fixed(m(30_000)), "24")],
        buckets: vec![emergency(Some(100_000), 0)],
        loans: Vec::new(),
        one_offs: Vec::new(),
        income_changes: Vec::new(),
    }
}

#[test]
fn three_whole_months_by_hand() {
    let f = forecast(&household());
    assert_eq!(f.net_worth, m(470_000)); // 5,000 + 700 − 1,000
    let months: Vec<Month> = f.months.iter().map(|p| p.month).collect();
    assert_eq!(months, [month("2026-02"), month("2026-03"), month("2026-04")]);
    assert!(f.months.iter().all(|p| !p.partial));

    // February. Checking 5,000 − 1,500 rent + 3,000 − 400 − 200 to Emergency − 300 to Visa = 5,600.
    // Visa 1,000 + 600 − 300 = 1,300; 700 of the 1,000 statement is carried: 2% of it = 14.00 → 1,314.00.
    // Net worth 5,600 + 900 − 1,314 = 5,186.00; free cash 5,600 − 1,314 = 4,286.00.
    let feb = &f.months[0];
    assert_eq!(feb.figures.total_income, m(300_000));
    assert_eq!(feb.spending, m(250_000));
    assert_eq!(feb.interest, m(1400));
    assert_eq!(feb.card_payments, m(30_000));
    assert_eq!(feb.figures.savings_added, m(20_000));
    assert_eq!(feb.cards[0].statement, m(100_000));
    assert_eq!(feb.cards[0].carried, m(70_000));
    assert_eq!(feb.cards[0].owed, m(131_400));
    assert_eq!(feb.figures.net_worth, m(518_600));
    assert_eq!(feb.figures.free_cash, m(428_600));

    // March. Checking 5,600 − 1,500 + 3,000 − 400 − 100 (Emergency stops at its 1,000 goal) − 300 = 6,300.
    // Visa 1,314 + 600 − 300 = 1,614; carried 1,314 − 300 = 1,014 → 20.28 → 1,634.28.
    // Net worth 6,300 + 1,000 − 1,634.28 = 5,665.72; free cash 4,665.72.
    let mar = &f.months[1];
    assert_eq!(mar.figures.savings_added, m(10_000));
    assert_eq!(mar.interest, m(2028));
    assert_eq!(mar.figures.net_worth, m(566_572));
    assert_eq!(mar.figures.free_cash, m(466_572));
    assert!(mar
        .drivers
        .iter()
        .any(|d| d.label == "Emergency reaches its goal" && d.amount.is_none()));

    // April. Checking 6,300 − 1,500 + 3,000 − 400 − 0 − 300 = 7,100.
    // Visa 1,634.28 + 600 − 300 = 1,934.28; carried 1,334.28 → 26.6856 → 26.69 → 1,960.97.
    // Net worth 7,100 + 1,000 − 1,960.97 = 6,139.03; free cash 5,139.03.
    let apr = &f.months[2];
    assert_eq!(apr.figures.savings_added, Money::ZERO);
    assert_eq!(apr.interest, m(2669));
    assert_eq!(apr.cards[0].owed, m(196_097));
    assert_eq!(apr.figures.net_worth, m(613_903));
    assert_eq!(apr.figures.free_cash, m(513_903));
    assert_eq!(f.interest(), m(1400 + 2028 + 2669));
    assert_eq!(
        f.cards[0].clear_from, None,
        "300 a month never clears 600 of new charges"
    );

    // Every month: Δ net worth = income − expenses (interest included).
    let mut before = f.net_worth;
    for p in &f.months {
        let fig = &p.figures;
        assert_eq!(
            fig.net_worth - before,
            fig.total_income - fig.total_expense,
            "{}",
            p.month
        );
        before = fig.net_worth;
    }
}

#[test]
fn the_drivers_are_the_biggest_effects_on_free_cash() {
    let f = forecast(&household());
    let feb: Vec<(String, Option<Money>)> = f.months[0]
        .drivers
        .iter()
        .map(|d| (d.label.clone(), d.amount))
        .collect();
    // The Visa payment moves no free cash (Checking and the card both go down by 300), so it is no driver.
    assert_eq!(
        feb,
        [
            ("usual income".to_string(), Some(m(300_000))),
            ("Rent".to_string(), Some(m(-150_000))),
            ("usual spending".to_string(), Some(m(-100_000))),
            ("to Emergency".to_string(), Some(m(-20_000))),
        ]
    );
}

#[test]
fn the_rest_of_this_month_comes_first_and_pro_rata() {
    // 21 January: 10 of January's 31 days are left. Usual income 3,100 → 1,000.00, spending 1,550 → 500.00.
    let mut input = household();
    input.as_of = d("2026-01-21");
    input.months = 1;
    input.balances = balances(1_000_000, 50_000, 70_000);
    input.usual = Usual {
        income: m(310_000),
        spending: m(155_000),
        weights: Vec::new(),
        months: 3,
    };
    // Rent on the 25th; a gym fee from the 5th not posted yet is overdue and happens first.
    input.items = vec![
        monthly(1, TxnKind::Expense, 150_000, Some(CHECKING), None, 25, "Rent"),
        monthly(2, TxnKind::Expense, 4_000, Some(CHECKING), None, 5, "Gym"),
    ];
    input.overdue = vec![Occurrence {
        item: 2,
        date: d("2026-01-05"),
    }];
    // The Visa statement of 500.00, 100.00 already paid, is due on the 28th and paid in full.
    let mut card = visa(PaymentPlan::Full, "24");
    card.statement = Some((d("2026-01-28"), m(50_000), m(10_000)));
    input.cards = vec![card];
    // Emergency already got 150 of its 200 this month: 50 more.
    input.buckets = vec![emergency(None, 15_000)];
    let f = forecast(&input);
    assert_eq!(f.months.len(), 2);

    // Jan 22–31: Checking 10,000 − 40 − 1,500 + 1,000 − 500 − 50 − 400 = 8,510; Visa 100; Emergency 750.
    // Net worth 10,200 + 1,000 − 2,040 = 9,160.
    let rest = &f.months[0];
    assert!(rest.partial);
    assert_eq!(rest.from, d("2026-01-22"));
    assert_eq!(rest.figures.total_income, m(100_000));
    assert_eq!(rest.spending, m(204_000));
    assert_eq!(rest.card_payments, m(40_000));
    assert_eq!(rest.interest, Money::ZERO);
    assert_eq!(rest.figures.savings_added, m(5_000));
    assert_eq!(rest.figures.net_worth, m(916_000));
    assert_eq!(rest.figures.free_cash, m(841_000)); // 8,510 − 100

    // February: gym and rent 1,540, income 3,100, spending 1,550, Emergency 200, the Visa's 100 paid in full:
    // Checking 8,510 − 1,540 + 3,100 − 1,550 − 200 − 100 = 8,220; no interest.
    // Net worth 8,220 + 950 = 9,170 = 9,160 + 3,100 − 3,090.
    let feb = &f.months[1];
    assert_eq!(feb.cards[0].statement, m(10_000));
    assert_eq!(feb.cards[0].paid, m(10_000));
    assert_eq!(feb.interest, Money::ZERO);
    assert_eq!(feb.figures.net_worth, m(917_000));
    assert_eq!(feb.figures.free_cash, m(822_000));
    assert_eq!(f.cards[0].clear_from, Some(month("2026-02")));
}

#[test]
fn recurring_payments_and_transfers_count_toward_the_plan() {
    // A 300 autopay to the Visa on the 10th and a 200 transfer to Emergency on the 2nd are the plan:
    // nothing more is paid or put aside. Statement 1,000 − 300 = 700 carried → 14.00.
    let mut input = household();
    input.months = 1;
    input.items = vec![
        monthly(
            1,
            TxnKind::Transfer,
            30_000,
            Some(CHECKING),
            Some(VISA),
            10,
            "Visa autopay",
        ),
        monthly(2, TxnKind::Transfer, 20_000, Some(CHECKING), Some(EMERGENCY), 2, "Save"),
    ];
    let f = forecast(&input);
    let feb = &f.months[0];
    assert_eq!(feb.card_payments, m(30_000));
    assert_eq!(feb.cards[0].carried, m(70_000));
    assert_eq!(feb.interest, m(1400));
    assert_eq!(feb.figures.savings_added, m(20_000));
    // Checking 5,000 − 300 − 200 + 3,000 − 400 = 7,100.
    assert_eq!(feb.figures.free_cash, m(710_000) - feb.cards[0].owed);
}

#[test]
fn splits_spending_to_the_cent() {
    let three = [(1, m(100)), (2, m(100)), (3, m(100))];
    let parts = split(m(10_000), &three, 9);
    assert_eq!(parts.iter().map(|(_, a)| *a).sum::<Money>(), m(10_000));
    let mut amounts: Vec<Money> = parts.iter().map(|(_, a)| *a).collect();
    amounts.sort();
    assert_eq!(amounts, [m(3333), m(3333), m(3334)]);
    assert_eq!(split(m(500), &[], 9), [(9, m(500))]);
    assert_eq!(split(m(500), &[(1, Money::ZERO)], 9), [(9, m(500))]);
}

#[test]
fn a_statement_due_in_the_rest_of_the_month_is_paid_and_its_rest_accrues_interest() {
    // 21 January; the Visa's 1,000.00 statement is due on the 28th, paid 300 a month at 12% (1% a month).
    // Jan 22–31: pay 300 → 700 left → 7.00 → owes 707.00. February: 707 − 300 = 407 → 4.07 → 411.07:
    // the same months as paying off 1,000.00 from January.
    let mut input = household();
    input.as_of = d("2026-01-21");
    input.months = 1;
    input.items = Vec::new();
    input.usual = Usual::default();
    input.buckets = Vec::new();
    let mut card = visa(PaymentPlan::Fixed(m(30_000)), "12");
    card.statement = Some((d("2026-01-28"), m(100_000), Money::ZERO));
    input.cards = vec![card];
    let f = forecast(&input);
    assert_eq!(f.months[0].interest, m(700));
    assert_eq!(f.months[0].cards[0].owed, m(70_700));
    assert_eq!(f.months[1].cards[0].statement, m(70_700));
    assert_eq!(f.months[1].interest, m(407));
    assert_eq!(f.months[1].cards[0].owed, m(41_107));
}

const CAR: PlaceId = 4;

/// The household with a car loan owing `owed`: 6% APR, 460.00 on the 15th, paid from Checking.
fn with_car_loan(owed: i64) -> ForecastInput {
    let mut input = household();
    let mut all: Vec<Place> = input.places.iter().cloned().collect();
    let mut car = Place::account(CAR, "Car", PlaceKind::Loan, d("2025-01-01"));
    car.loan = Some(crate::domain::place::LoanTerms {
        apr: Apr::parse("6").unwrap_or_else(|e| panic!("{e}")),
        payment: m(46_000),
        payment_day: 15,
    });
    all.push(car);
    input.places = Places::new(all);
    input.balances = Balances::from_map(
        [
            (CHECKING, m(500_000)),
            (VISA, m(100_000)),
            (EMERGENCY, m(70_000)),
            (CAR, m(owed)),
        ]
        .into(),
    );
    input.loans = vec![LoanPlan {
        loan: CAR,
        apr: Apr::parse("6").unwrap_or_else(|e| panic!("{e}")),
        payment: m(46_000),
        payment_day: 15,
        extra: Money::ZERO,
        payer: CHECKING,
        paid_this_month: Money::ZERO,
    }];
    input
}

#[test]
fn a_loan_is_charged_interest_on_its_payment_day_and_paid_on_schedule() {
    let f = forecast(&with_car_loan(2_400_000));
    // Feb 15: 24,000 × 6% / 12 = 120.00 → 24,120 − 460 = 23,660.00.
    // Mar 15: 23,660 × 0.5% = 118.30 → 23,318.30. Apr 15: 116.5915 → 116.59 → 22,974.89.
    let owed: Vec<Money> = f.months.iter().map(|p| p.loans[0].owed).collect();
    assert_eq!(owed, [m(2_366_000), m(2_331_830), m(2_297_489)]);
    let interest: Vec<Money> = f.months.iter().map(|p| p.loans[0].interest).collect();
    assert_eq!(interest, [m(12_000), m(11_830), m(11_659)]);
    assert!(f.months.iter().all(|p| p.loan_payments == m(46_000)));
    assert_eq!(f.loan_interest(), m(12_000 + 11_830 + 11_659));
    // Interest is an expense but not day-to-day spending: February's spending is the same as without it.
    assert_eq!(f.months[0].spending, m(250_000));
    assert_eq!(f.months[0].interest, m(1400 + 12_000));
    // The payment comes out of Checking: free cash 460 lower than the household's 4,286.00.
    assert_eq!(f.months[0].figures.free_cash, m(428_600 - 46_000));
    // Paid off long after the forecast: carried on at 460 a month, the 61st payment is in February 2031.
    assert_eq!(f.loans[0].paid_off, Some(month("2031-02")));
    let mut before = f.net_worth;
    for p in &f.months {
        assert_eq!(
            p.figures.net_worth - before,
            p.figures.total_income - p.figures.total_expense
        );
        before = p.figures.net_worth;
    }
}

#[test]
fn a_small_loan_is_paid_off_within_the_forecast() {
    // 500.00: Feb 2.50 → 502.50 − 460 = 42.50; Mar 0.2125 → 0.21 → 42.71, paid in full.
    let f = forecast(&with_car_loan(50_000));
    assert_eq!(f.months[0].loans[0].owed, m(4_250));
    assert_eq!(f.months[1].loans[0].paid, m(4_271));
    assert_eq!(f.months[1].loans[0].owed, Money::ZERO);
    assert_eq!(f.months[2].loans[0].paid, Money::ZERO);
    assert_eq!(f.loans[0].paid_off, Some(month("2026-03")));
    assert!(f.months[1].drivers.iter().any(|d| d.label == "Car is paid off"));
}

#[test]
fn this_months_loan_payment_counts_what_was_paid_already() {
    let mut input = with_car_loan(2_400_000);
    input.as_of = d("2026-01-10");
    input.months = 1;
    input.loans[0].paid_this_month = m(20_000);
    let f = forecast(&input);
    // Jan 15: 120.00 interest, then 460 − 200 already paid = 260.00.
    assert_eq!(f.months[0].loans[0].interest, m(12_000));
    assert_eq!(f.months[0].loans[0].paid, m(26_000));
    assert_eq!(f.months[0].loans[0].owed, m(2_386_000));
    // Past the payment day nothing more is paid in the rest of the month.
    input.as_of = d("2026-01-20");
    let f = forecast(&input);
    assert_eq!(f.months[0].loans[0].paid, Money::ZERO);
    assert_eq!(f.months[0].loans[0].interest, Money::ZERO);
}

#[test]
fn a_statement_closing_and_falling_due_in_the_first_days_is_paid_in_them() {
    // Statement day 5, grace 25: on 3 January the December statement was due on 30 December (gone), and the
    // January one closes on the 5th and is due on the 30th: the Visa's 1,000.00 is paid then, in full.
    let mut input = household();
    let all: Vec<Place> = input
        .places
        .iter()
        .cloned()
        .map(|mut p| {
            if let Some(t) = p.card.as_mut() {
                t.statement_day = 5;
            }
            p
        })
        .collect();
    input.places = Places::new(all);
    input.as_of = d("2026-01-03");
    input.months = 1;
    input.cards = vec![visa(PaymentPlan::Full, "24")];
    let f = forecast(&input);
    let rest = &f.months[0];
    assert!(rest.partial);
    assert_eq!(rest.card_payments, m(100_000));
    assert_eq!(rest.cards[0].carried, Money::ZERO);
}

#[test]
fn a_card_going_over_its_limit_is_named_in_that_month() {
    // The household's Visa climbs 1,000 → 1,314 → 1,634.28 against a 1,200.00 limit.
    let mut input = household();
    let all: Vec<Place> = input
        .places
        .iter()
        .cloned()
        .map(|mut p| {
            if let Some(t) = p.card.as_mut() {
                t.limit = Some(m(120_000));
            }
            p
        })
        .collect();
    input.places = Places::new(all);
    let f = forecast(&input);
    let over: Vec<bool> = f.months.iter().map(|p| p.cards[0].over_limit).collect();
    assert_eq!(over, [true, true, true]);
    let named = |i: usize| {
        f.months[i]
            .drivers
            .iter()
            .any(|d| d.amount.is_none() && d.label.starts_with("Visa goes over its 1,200.00 limit"))
    };
    assert!(named(0), "{:?}", f.months[0].drivers);
    assert!(!named(1) && !named(2), "named once, when it happens");
}
