//! Property tests: for random valid ledgers over several months, the identities of SPEC §3 hold for every
//! closed month, `check` finds nothing, and close → reopen → close gives the same snapshot.

use chrono::{Days, NaiveDate};
use pfos::domain::identities::check_identities;
use pfos::domain::{Money, Month, PlaceKind, TxnKind};
use pfos::ledger::{Ledger, NewBucket, NewCard, TxnInput};
use proptest::prelude::*;

const PLACES: [&str; 8] = [
    "Checking", "Wallet", "Savings", "Broker", "Visa", "Amex", "Travel", "Rainy",
];
const START: &str = "2025-01-01";

fn start() -> NaiveDate {
    pfos::domain::parse_date(START).unwrap_or_else(|e| panic!("{e}"))
}

#[derive(Debug, Clone)]
struct Op {
    day: u64,
    kind: TxnKind,
    cents: i64,
    from: usize,
    to: usize,
}

fn op() -> impl Strategy<Value = Op> {
    let kind = prop_oneof![
        4 => Just(TxnKind::Expense),
        2 => Just(TxnKind::Income),
        4 => Just(TxnKind::Transfer),
        1 => Just(TxnKind::Refund),
        1 => Just(TxnKind::Valuation),
    ];
    (
        0u64..120,
        kind,
        1i64..500_000,
        0usize..PLACES.len(),
        0usize..PLACES.len(),
    )
        .prop_map(|(day, kind, cents, from, to)| Op {
            day,
            kind,
            cents,
            from,
            to,
        })
}

fn ledger(visa_day: u32, amex_day: u32, grace: u32) -> Ledger {
    let ok = |r: pfos::error::Result<i64>| r.unwrap_or_else(|e| panic!("{e}"));
    let mut l = Ledger::in_memory(start() + Days::new(400)).unwrap_or_else(|e| panic!("{e}"));
    let m = Money::from_cents;
    ok(l.add_account("Checking", PlaceKind::Checking, m(300_000), start()));
    ok(l.add_account("Wallet", PlaceKind::Cash, m(5_000), start()));
    ok(l.add_account("Savings", PlaceKind::Savings, m(1_000_000), start()));
    ok(l.add_account("Broker", PlaceKind::Investment, m(2_000_000), start()));
    ok(l.add_card(
        &NewCard {
            name: "Visa",
            statement_day: visa_day,
            grace_days: grace,
            limit: None,
        },
        m(40_000),
        start(),
    ));
    ok(l.add_card(
        &NewCard {
            name: "Amex",
            statement_day: amex_day,
            grace_days: 25,
            limit: None,
        },
        m(0),
        start() + Days::new(20),
    ));
    ok(l.add_bucket(
        &NewBucket {
            name: "Travel",
            target_monthly: m(20_000),
            goal: None,
            held_in: Some("Checking"),
        },
        m(50_000),
        start(),
    ));
    ok(l.add_bucket(
        &NewBucket {
            name: "Rainy",
            target_monthly: m(10_000),
            goal: None,
            held_in: None,
        },
        m(0),
        start(),
    ));
    l
}

/// Adds the operation if the rules allow it; returns whether it was stored.
fn apply(l: &mut Ledger, op: &Op) -> bool {
    let name = |i: usize| Some(PLACES[i].to_string());
    let (from, to) = match op.kind {
        TxnKind::Expense => (name(op.from), None),
        TxnKind::Transfer => (name(op.from), name(op.to)),
        TxnKind::Valuation => (None, name(3)),
        _ => (None, name(op.to)),
    };
    let input = TxnInput {
        kind: Some(op.kind),
        amount: Money::from_cents(op.cents),
        from,
        to,
        category: op.kind.takes_category().then(|| "Stuff".to_string()),
        date: Some(start() + Days::new(op.day)),
        description: None,
        splits: Vec::new(),
        tags: Vec::new(),
    };
    // Invalid combinations (income to a card, a bucket driven below zero…) are refused and change nothing.
    l.add_txn(&input).is_ok()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn identities_hold_check_is_clean_and_close_is_repeatable(
        ops in prop::collection::vec(op(), 1..60),
        visa_day in 1u32..=31,
        amex_day in 1u32..=31,
        grace in 0u32..=60,
    ) {
        let mut l = ledger(visa_day, amex_day, grace);
        let accepted = ops.iter().filter(|op| apply(&mut l, op)).count();
        let stored = l.txns(None).map(|t| t.len()).unwrap_or(0);
        prop_assert_eq!(stored, 8 + accepted, "8 openings plus every accepted transaction, nothing from refused ones");
        let mut month = Month::of(start());
        let last = Month::of(start() + Days::new(120));
        let mut previous = None;
        while month <= last {
            let snapshot = l.close_month(month, false).unwrap_or_else(|e| panic!("close {month}: {e}"));
            let breaks = check_identities(previous.as_ref(), &snapshot.figures);
            prop_assert!(breaks.is_empty(), "{month}: {breaks:?}");
            prop_assert!(snapshot.buckets.iter().all(|b| !b.balance.is_negative()));
            previous = Some(snapshot.figures);
            month = month.next();
        }
        let report = l.check().unwrap_or_else(|e| panic!("check: {e}"));
        prop_assert!(report.problems.is_empty(), "{:?}", report.problems);
        prop_assert_eq!(report.months_checked, 5);

        let latest = last;
        let before = l.snapshot(latest).unwrap_or_else(|e| panic!("{e}"));
        l.reopen(latest).unwrap_or_else(|e| panic!("{e}"));
        let again = l.close_month(latest, false).unwrap_or_else(|e| panic!("{e}"));
        prop_assert_eq!(before, again);
    }

    #[test]
    fn money_round_trips_through_text_and_cents(cents in 0i64..=99_999_999_999_999) {
        let money = Money::from_cents(cents);
        prop_assert_eq!(money.cents(), cents);
        let parsed = Money::parse_non_negative(&money.to_string()).unwrap_or_else(|e| panic!("{e}"));
        prop_assert_eq!(parsed, money);
        prop_assert_eq!(money.grouped().replace(',', ""), money.to_string());
    }
}
