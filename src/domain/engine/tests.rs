//! Each monthly figure (income, expense, cash outflow, savings added, from buckets, market change, card
//! and loan balances, net worth, free cash, categories) on small hand-worked ledgers.

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
const CAR_LOAN: PlaceId = 7;

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
        loan: None,
        archived_on: None,
        terms_changes: Vec::new(),
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
        place(CAR_LOAN, PlaceKind::Loan),
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
        splits: Vec::new(),
        tags: Vec::new(),
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
        t(TxnKind::Transfer, 1_000, Some(TRAVEL), Some(CARD)),    // bucket pays a card: planned spending
        t(TxnKind::Income, 50, None, Some(SAVINGS)),              // income does not count
    ]);
    assert_eq!(f.savings_added, m(14_000));
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
    let Some(ReplayError::BucketBelowZero(err)) = replay(&places(), &Balances::default(), &txns).err() else {
        panic!("refused for the bucket");
    };
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

/// savings_added over one transfer between two places (edition 2: a bucket paying a card is not a withdrawal).
fn savings_added_by(from: PlaceId, to: PlaceId) -> Money {
    let (f, _) = run(vec![
        t(TxnKind::Opening, 100_000, None, Some(from)),
        t(TxnKind::Transfer, 1_000, Some(from), Some(to)),
    ]);
    f.savings_added
}

#[test]
fn savings_added_by_every_transfer_route() {
    // Into savings from spending, out of savings to spending.
    assert_eq!(savings_added_by(CHECKING, SAVINGS), m(1_000));
    assert_eq!(savings_added_by(SAVINGS, CHECKING), m(-1_000));
    assert_eq!(savings_added_by(LOOSE, CHECKING), m(-1_000));
    // Between savings places: nothing.
    assert_eq!(savings_added_by(SAVINGS, BROKER), Money::ZERO);
    assert_eq!(savings_added_by(SAVINGS, LOOSE), Money::ZERO);
    // A savings account paying a card is a withdrawal; a bucket paying a card is planned spending.
    assert_eq!(savings_added_by(SAVINGS, CARD), m(-1_000));
    assert_eq!(savings_added_by(LOOSE, CARD), Money::ZERO);
    // A bucket repaying a loan is a withdrawal of savings.
    assert_eq!(savings_added_by(LOOSE, CAR_LOAN), m(-1_000));
    // A loan disbursed into savings, or spending money paying a loan: into savings / neither.
    assert_eq!(savings_added_by(CAR_LOAN, SAVINGS), m(1_000));
    assert_eq!(savings_added_by(CHECKING, CAR_LOAN), Money::ZERO);
}

#[test]
fn a_bucket_paying_a_card_and_paying_directly_count_the_same() {
    let through_card = run(vec![
        t(TxnKind::Opening, 50_000, None, Some(LOOSE)),
        t(TxnKind::Expense, 20_000, Some(CARD), None),
        t(TxnKind::Transfer, 20_000, Some(LOOSE), Some(CARD)),
    ])
    .0;
    let direct = run(vec![
        t(TxnKind::Opening, 50_000, None, Some(LOOSE)),
        t(TxnKind::Expense, 20_000, Some(LOOSE), None),
    ])
    .0;
    assert_eq!(through_card.savings_added, direct.savings_added);
    assert_eq!(through_card.from_buckets, direct.from_buckets);
    assert_eq!(through_card.from_buckets, m(20_000));
}

#[test]
fn loans_are_owed_paid_charged_and_borrowed_from() {
    let (f, b) = run(vec![
        t(TxnKind::Opening, 1_000_000, None, Some(CAR_LOAN)),
        t(TxnKind::Transfer, 30_000, Some(CHECKING), Some(CAR_LOAN)),
        t(TxnKind::Expense, 4_000, Some(CAR_LOAN), None),
        t(TxnKind::Refund, 500, None, Some(CAR_LOAN)),
        t(TxnKind::Transfer, 20_000, Some(CAR_LOAN), Some(CHECKING)),
    ]);
    // Owed: 10,000 − 300 payment + 40 interest − 5 refund + 200 borrowed.
    assert_eq!(b.get(CAR_LOAN), m(993_500));
    assert_eq!(b.total_loan_debt(&places()), m(993_500));
    assert_eq!(f.cash_outflow, m(30_000), "a payment to a loan is cash outflow");
    assert_eq!(f.total_expense, m(3_500), "interest net of the refund is spending");
    assert_eq!(f.cash_advances, m(20_000), "borrowing from a loan");
    assert_eq!(f.openings, m(-1_000_000), "a loan's opening lowers net worth");
    assert_eq!(f.loan_paid(CAR_LOAN), m(30_000));
    assert_eq!(f.loan_charged(CAR_LOAN), m(3_500));
    assert_eq!(b.net_worth(&places()), b.total_assets(&places()) - m(993_500));
}

#[test]
fn categories_count_split_lines_refunds_and_uncategorized_income() {
    let mut receipt = t(TxnKind::Expense, 12_050, Some(CHECKING), None);
    receipt.splits = vec![
        crate::domain::Split {
            category: "Groceries".into(),
            amount: m(8_000),
        },
        crate::domain::Split {
            category: "Household".into(),
            amount: m(4_050),
        },
    ];
    let mut refund = t(TxnKind::Refund, 1_000, None, Some(CHECKING));
    refund.category = Some("groceries".into());
    let salary = t(TxnKind::Income, 50_000, None, Some(CHECKING));
    let (f, _) = run(vec![receipt, refund, salary]);
    let flows = f.category_lines();
    let lines: Vec<(&str, Money, Money)> = flows.iter().map(|c| (c.name.as_str(), c.expense, c.income)).collect();
    assert_eq!(
        lines,
        vec![
            ("Groceries", m(7_000), Money::ZERO),
            ("Household", m(4_050), Money::ZERO),
            ("Uncategorized", Money::ZERO, m(50_000)),
        ]
    );
    let expense: Money = f.category_lines().iter().map(|c| c.expense).sum();
    assert_eq!(expense, f.total_expense);
}

#[test]
fn a_transaction_that_would_make_a_figure_too_large_to_store_is_refused() {
    let huge = 99_999_999_999_999; // the largest single amount, in cents
    let count = Money::MAX_STORED_CENTS / huge + 1;
    let txns: Vec<Txn> = (0..count)
        .map(|i| Txn {
            id: i + 1,
            ..t(TxnKind::Income, huge, None, Some(CHECKING))
        })
        .collect();
    let Some(ReplayError::TooLarge(err)) = replay(&places(), &Balances::default(), &txns).err() else {
        panic!("refused as too large");
    };
    assert_eq!(err.id, count, "the transaction that crosses the limit is named");
    assert!(err.what.contains("P1"), "{}", err.what);
    let fine = replay(&places(), &Balances::default(), &txns[..txns.len() - 1]);
    assert!(fine.is_ok(), "one fewer fits");
}
