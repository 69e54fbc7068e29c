//! Each figure of SPEC §3 on small hand-worked ledgers.

use super::*;
use crate::domain::calendar::parse_date;
use crate::domain::place::{BucketTerms, CardTerms, Place};
use crate::domain::snapshot::{Figures, Projection};

const CHECKING: PlaceId = 1;
const SAVINGS: PlaceId = 2;
const CARD: PlaceId = 3;
const TRAVEL: PlaceId = 4; // bucket held in Checking
const BROKER: PlaceId = 5;
const LOOSE: PlaceId = 6; // bucket held nowhere

fn d(text: &str) -> NaiveDate {
    parse_date(text).unwrap_or_else(|e| panic!("{e}"))
}

fn m(cents: i64) -> Money {
    Money::from_cents(cents)
}

fn place(id: PlaceId, kind: PlaceKind) -> Place {
    Place {
        id,
        name: format!("P{id}"),
        kind,
        opened_on: d("2025-01-01"),
        card: (kind == PlaceKind::Card).then_some(CardTerms {
            statement_day: 15,
            grace_days: 25,
            limit: None,
        }),
        bucket: None,
    }
}

fn bucket(id: PlaceId, held_in: Option<PlaceId>) -> Place {
    let mut p = place(id, PlaceKind::Bucket);
    p.bucket = Some(BucketTerms {
        target_monthly: m(10_000),
        goal: None,
        held_in,
    });
    p
}

fn places() -> Places {
    Places::new(vec![
        place(CHECKING, PlaceKind::Checking),
        place(SAVINGS, PlaceKind::Savings),
        place(CARD, PlaceKind::Card),
        bucket(TRAVEL, Some(CHECKING)),
        place(BROKER, PlaceKind::Investment),
        bucket(LOOSE, None),
    ])
}

fn t(kind: TxnKind, cents: i64, from: Option<PlaceId>, to: Option<PlaceId>) -> Txn {
    Txn {
        id: 0,
        date: d("2025-01-10"),
        kind,
        amount: m(cents),
        from,
        to,
        category: None,
        description: String::new(),
    }
}

/// Replays the transactions (ids in order) and returns flows and final balances.
fn run(txns: Vec<Txn>) -> (MonthFlows, Balances) {
    let txns: Vec<Txn> = txns
        .into_iter()
        .enumerate()
        .map(|(i, mut t)| {
            t.id = i as i64 + 1;
            t
        })
        .collect();
    let r = replay(&places(), &Balances::default(), &txns).unwrap_or_else(|e| panic!("{e}"));
    let month = Month::of(d("2025-01-10"));
    (r.months.get(&month).cloned().unwrap_or_default(), r.balances)
}

#[test]
fn income_and_expenses_by_payer() {
    let (f, b) = run(vec![
        t(TxnKind::Income, 100_000, None, Some(CHECKING)),
        t(TxnKind::Expense, 5_000, Some(CARD), None),
        t(TxnKind::Expense, 3_000, Some(CHECKING), None),
        t(TxnKind::Refund, 1_000, None, Some(CARD)),
        t(TxnKind::Refund, 500, None, Some(CHECKING)),
    ]);
    assert_eq!(f.total_income, m(100_000));
    assert_eq!(f.total_expense, m(6_500), "expenses less refunds, whatever paid them");
    assert_eq!(f.cash_outflow, m(2_500), "only asset-paid expenses less asset refunds");
    assert_eq!(b.get(CARD), m(4_000));
    assert_eq!(b.get(CHECKING), m(97_500));
}

#[test]
fn card_payments_are_cash_outflow_and_cash_advances_are_not_spending() {
    let (f, b) = run(vec![
        t(TxnKind::Transfer, 2_000, Some(CHECKING), Some(CARD)),
        t(TxnKind::Transfer, 700, Some(CARD), Some(CHECKING)),
    ]);
    assert_eq!(f.cash_outflow, m(2_000));
    assert_eq!(f.cash_advances, m(700));
    assert_eq!(f.total_expense, Money::ZERO);
    assert_eq!(b.get(CARD), m(-1_300));
}

#[test]
fn savings_added_counts_only_crossings_between_savings_and_the_rest() {
    let (f, _) = run(vec![
        t(TxnKind::Income, 100_000, None, Some(CHECKING)),
        t(TxnKind::Transfer, 10_000, Some(CHECKING), Some(SAVINGS)),
        t(TxnKind::Transfer, 4_000, Some(CHECKING), Some(TRAVEL)),
        t(TxnKind::Transfer, 3_000, Some(SAVINGS), Some(BROKER)), // savings → savings: no change
        t(TxnKind::Transfer, 1_000, Some(TRAVEL), Some(CARD)),    // out of savings to a card
        t(TxnKind::Income, 50, None, Some(SAVINGS)),              // income does not count
    ]);
    assert_eq!(f.savings_added, m(13_000));
    assert_eq!(f.from_buckets, m(1_000));
    assert_eq!(f.bucket_added(TRAVEL), m(4_000));
}

#[test]
fn bucket_funded_expenses_are_planned_spending() {
    let (f, b) = run(vec![
        t(TxnKind::Income, 10_000, None, Some(LOOSE)),
        t(TxnKind::Expense, 2_500, Some(LOOSE), None),
        t(TxnKind::Refund, 500, None, Some(LOOSE)),
    ]);
    assert_eq!(f.from_buckets, m(2_000));
    assert_eq!(f.day_to_day_spending(), Money::ZERO);
    assert_eq!(f.bucket_added(LOOSE), m(10_000), "refunds are not additions");
    assert_eq!(b.get(LOOSE), m(8_000));
}

#[test]
fn a_valuation_books_the_difference_including_buckets_held_in_the_account() {
    let mut broker_bucket = bucket(7, Some(BROKER));
    broker_bucket.name = "Retirement".into();
    let places = Places::new(vec![place(BROKER, PlaceKind::Investment), broker_bucket]);
    let mut open_broker = t(TxnKind::Opening, 100_000, None, Some(BROKER));
    open_broker.id = 1;
    let mut open_bucket = t(TxnKind::Opening, 30_000, None, Some(7));
    open_bucket.id = 2;
    let mut value = t(TxnKind::Valuation, 105_000, None, Some(BROKER));
    value.id = 3;
    let r = replay(&places, &Balances::default(), &[open_broker, open_bucket, value]).unwrap_or_else(|e| panic!("{e}"));
    let flows = &r.months[&Month::of(d("2025-01-10"))];
    assert_eq!(flows.market_change, m(5_000));
    assert_eq!(r.balances.get(BROKER), m(75_000));
    assert_eq!(r.balances.get(7), m(30_000));
    assert_eq!(r.balances.displayed(&places, BROKER), m(105_000));
    assert_eq!(
        flows.openings,
        m(100_000),
        "a bucket opened in an account is an allocation"
    );
}

#[test]
fn openings_count_by_side() {
    let (f, b) = run(vec![
        t(TxnKind::Opening, 50_000, None, Some(CHECKING)),
        t(TxnKind::Opening, 20_000, None, Some(TRAVEL)),
        t(TxnKind::Opening, 9_000, None, Some(CARD)),
        t(TxnKind::Opening, 1_000, None, Some(LOOSE)),
    ]);
    assert_eq!(f.openings, m(50_000 - 9_000 + 1_000));
    assert_eq!(f.asset_openings, m(51_000));
    assert_eq!(
        b.get(CHECKING),
        m(30_000),
        "Travel's opening came out of Checking's own balance"
    );
    assert_eq!(b.displayed(&places(), CHECKING), m(50_000));
    assert_eq!(f.bucket_added(TRAVEL), Money::ZERO, "openings are not additions");
}

#[test]
fn free_cash_excludes_buckets_and_subtracts_cards() {
    let (flows, b) = run(vec![
        t(TxnKind::Opening, 50_000, None, Some(CHECKING)),
        t(TxnKind::Opening, 20_000, None, Some(TRAVEL)),
        t(TxnKind::Expense, 9_000, Some(CARD), None),
    ]);
    let fig = Figures::new(&places(), &flows, &b);
    assert_eq!(fig.free_cash, m(21_000));
    assert_eq!(fig.net_worth, m(41_000));
    assert_eq!(fig.total_cc_balance, m(9_000));
    assert_eq!(fig.total_savings, m(20_000));
}

#[test]
fn a_bucket_never_goes_below_zero() {
    let txns = vec![
        Txn {
            id: 1,
            ..t(TxnKind::Income, 1_000, None, Some(LOOSE))
        },
        Txn {
            id: 2,
            ..t(TxnKind::Expense, 1_500, Some(LOOSE), None)
        },
    ];
    let err = replay(&places(), &Balances::default(), &txns)
        .err()
        .unwrap_or_else(|| panic!("refused"));
    assert_eq!(err.bucket, "P6");
    assert_eq!(err.balance, m(1_000));
    assert_eq!(err.amount, m(1_500));
}

#[test]
fn projection_averages_up_to_three_months() {
    let month = |income: i64, expense: i64, from_buckets: i64, nw: i64, fc: i64| Figures {
        total_income: m(income),
        total_expense: m(expense),
        from_buckets: m(from_buckets),
        net_worth: m(nw),
        free_cash: m(fc),
        ..Figures::default()
    };
    let a = month(300_000, 100_000, 0, 0, 0);
    let b = month(300_001, 200_000, 50_000, 0, 0);
    let c = month(300_001, 120_000, 0, 1_000_000, 200_000);
    let p = Projection::new(&[&a, &b, &c], m(40_000));
    assert_eq!(
        p.expected_income,
        m(300_001),
        "9,000.02 / 3 = 3,000.0067, rounded to cents"
    );
    assert_eq!(p.expected_spending, m(123_333));
    assert_eq!(p.projected_net_worth, m(1_000_000 + 300_001 - 123_333));
    assert_eq!(p.projected_free_cash, m(200_000 + 300_001 - 123_333 - 40_000));
}
