//! Property tests: for random valid ledgers over several months (loans with interest, splits, tags,
//! categories in mixed case, edits and deletions, renames, term changes from a month, goals, archived
//! places), the identities every month's figures must satisfy hold for every closed month, `check` finds
//! nothing, and close → reopen → close gives the same snapshot.

use chrono::{Days, NaiveDate};
use pfos::domain::identities::{check_category_sums, check_identities};
use pfos::domain::{Money, Month, PlaceKind, Split, TxnKind};
use pfos::ledger::{Ledger, NewBucket, NewCard, NewLoan, PlaceClass, PlaceEdit, TxnEdit, TxnInput};
use proptest::prelude::*;

const PLACES: [&str; 9] = [
    "Checking", "Wallet", "Savings", "Broker", "Visa", "Amex", "Travel", "Rainy", "Car",
];
/// One category in several spellings: they must count as one.
const CATEGORIES: [&str; 5] = ["Stuff", "stuff", "STUFF", "Food", "fOOD"];
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
    category: usize,
    /// Split into two lines at this share (percent) when 1–99.
    split_at: i64,
    tagged: bool,
    /// After adding: 0 keep, 1 edit the amount (and lines), 2 delete, 3 post the loan's interest, 4 rename
    /// the `from` place, 5 change a card's statement day or a bucket's target from the op's month, 6 set
    /// or clear a bucket's goal, 7 archive the `to` place on the op's day.
    then: u8,
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
        (
            0u64..120,
            kind,
            2i64..500_000,
            0usize..PLACES.len(),
            0usize..PLACES.len(),
        ),
        (0usize..CATEGORIES.len(), -60i64..100, any::<bool>(), 0u8..14),
    )
        .prop_map(
            |((day, kind, cents, from, to), (category, split_at, tagged, then))| Op {
                day,
                kind,
                cents,
                from,
                to,
                category,
                split_at,
                tagged,
                then: if then < 8 { then } else { 0 },
            },
        )
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
    ok(l.add_loan(
        &NewLoan {
            name: "Car",
            apr: pfos::domain::payoff::Apr::parse("7.5").unwrap_or_else(|e| panic!("{e}")),
            payment: m(30_000),
            payment_day: 31,
        },
        m(1_500_000),
        start() + Days::new(10),
    ));
    l
}

/// The edit command that reaches the place at `index` of [`PLACES`].
fn place_class(index: usize) -> PlaceClass {
    match index {
        4 | 5 => PlaceClass::Card,
        6 | 7 => PlaceClass::Bucket,
        8 => PlaceClass::Loan,
        _ => PlaceClass::Account,
    }
}

/// Two lines adding up to `cents`, split at `percent`, in two categories.
fn split_lines(cents: i64, percent: i64, category: usize) -> Vec<Split> {
    let first = (cents * percent / 100).clamp(1, cents - 1);
    vec![
        Split {
            category: CATEGORIES[category].to_string(),
            amount: Money::from_cents(first),
        },
        Split {
            category: CATEGORIES[(category + 3) % CATEGORIES.len()].to_string(),
            amount: Money::from_cents(cents - first),
        },
    ]
}

/// Adds the operation if the rules allow it; returns whether it was stored.
/// Adds the operation if the rules allow it (then edits, deletes, posts interest or changes a place as it
/// says); returns how many transactions it left stored. `names` follows the renames.
fn apply(l: &mut Ledger, op: &Op, names: &mut [String]) -> usize {
    let name = |i: usize| Some(names[i].clone());
    let (from, to) = match op.kind {
        TxnKind::Expense => (name(op.from), None),
        TxnKind::Transfer => (name(op.from), name(op.to)),
        TxnKind::Valuation => (None, name(3)),
        _ => (None, name(op.to)),
    };
    let split = op.kind.takes_category() && (1..100).contains(&op.split_at);
    let input = TxnInput {
        kind: Some(op.kind),
        amount: Money::from_cents(op.cents),
        from,
        to,
        category: (op.kind.takes_category() && !split).then(|| CATEGORIES[op.category].to_string()),
        date: Some(start() + Days::new(op.day)),
        description: None,
        splits: if split {
            split_lines(op.cents, op.split_at, op.category)
        } else {
            Vec::new()
        },
        tags: if op.tagged {
            vec!["Trip-2025".to_string()]
        } else {
            Vec::new()
        },
    };
    // Invalid combinations (income to a card, a bucket driven below zero…) are refused and change nothing.
    let added = l.add_txn(&input);
    let stored = usize::from(added.is_ok());
    let month = Month::of(start() + Days::new(op.day));
    // Place changes happen whether or not the transaction was accepted; each may be refused (a name in
    // use, a goal below zero, money left on an archive date), and a refusal changes nothing.
    match op.then {
        4 => {
            let new = format!("{} {}", PLACES[op.from], op.day);
            let class = place_class(op.from);
            let edit = PlaceEdit {
                rename: Some(new.clone()),
                ..PlaceEdit::default()
            };
            if l.edit_place(class, &names[op.from], &edit).is_ok() {
                names[op.from] = new;
            }
            return stored;
        }
        5 => {
            let (class, edit) = if op.from.is_multiple_of(2) {
                (
                    PlaceClass::Card,
                    PlaceEdit {
                        from: Some(month),
                        statement_day: Some(1 + (op.cents % 31) as u32),
                        grace_days: Some((op.cents % 40) as u32),
                        ..PlaceEdit::default()
                    },
                )
            } else {
                (
                    PlaceClass::Bucket,
                    PlaceEdit {
                        from: Some(month),
                        target_monthly: Some(Money::from_cents(op.cents % 50_000)),
                        ..PlaceEdit::default()
                    },
                )
            };
            let target = if class == PlaceClass::Card {
                4 + op.to % 2
            } else {
                6 + op.to % 2
            };
            let _ = l.edit_place(class, &names[target], &edit);
            return stored;
        }
        6 => {
            let goal = (op.split_at > 0).then(|| Money::from_cents(op.cents));
            let edit = PlaceEdit {
                goal: Some(goal),
                ..PlaceEdit::default()
            };
            let _ = l.edit_place(PlaceClass::Bucket, &names[6 + op.to % 2], &edit);
            return stored;
        }
        7 => {
            let _ = l.archive_place(&names[op.to], Some(start() + Days::new(op.day)));
            return stored;
        }
        _ => {}
    }
    let Ok(id) = added else {
        return 0;
    };
    match op.then {
        1 => {
            let cents = op.cents / 2 + 1;
            let edit = TxnEdit {
                amount: Some(Money::from_cents(cents)),
                splits: split.then(|| split_lines(cents, op.split_at, op.category)),
                ..TxnEdit::default()
            };
            // An edit may be refused (a bucket below zero); then the transaction stays as it was.
            let _ = l.edit_txn(id, &edit);
            1
        }
        // A deletion may be refused too (it would leave a bucket below zero later on).
        2 => usize::from(l.delete_txn(id).is_err()),
        3 => {
            let month = Month::of(start() + Days::new(op.day));
            // Refused when posted already, before the loan opened, or with nothing owed.
            1 + usize::from(l.post_loan_interest("Car", month, None).is_ok())
        }
        _ => 1,
    }
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
        let mut names: Vec<String> = PLACES.iter().map(|p| p.to_string()).collect();
        let accepted: usize = ops.iter().map(|op| apply(&mut l, op, &mut names)).sum();
        let stored = l.txns(None).map(|t| t.len()).unwrap_or(0);
        prop_assert_eq!(stored, 9 + accepted, "9 openings plus every accepted transaction, nothing from refused ones");
        let mut month = Month::of(start());
        let last = Month::of(start() + Days::new(120));
        let mut previous = None;
        while month <= last {
            let snapshot = l.close_month(month, false).unwrap_or_else(|e| panic!("close {month}: {e}"));
            let breaks = check_identities(previous.as_ref(), &snapshot.figures);
            prop_assert!(breaks.is_empty(), "{month}: {breaks:?}");
            let sums = check_category_sums(&snapshot.figures, &snapshot.categories);
            prop_assert!(sums.is_empty(), "{month}: {sums:?}");
            // One category, whatever the spellings: never two lines whose names differ only in case.
            let mut keys: Vec<String> = snapshot.categories.iter().map(|c| c.name.to_lowercase()).collect();
            keys.dedup();
            prop_assert_eq!(keys.len(), snapshot.categories.len());
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
