//! The "Am I okay?" verdict on random ledgers at random dates: no check panics or fails, every reason names
//! the figures it was judged on, and "Not yet" comes only when every check is none.

use chrono::{Days, NaiveDate};
use pfos::domain::verdict::{Level, NOT_YET};
use pfos::domain::{Money, Month, PlaceKind, TxnKind};
use pfos::ledger::{Ledger, NewBucket, NewCard, NewLoan, TxnInput};
use proptest::prelude::*;

const PLACES: [&str; 7] = ["Checking", "Savings", "Visa", "Amex", "Travel", "Car", "Wallet"];
const CATEGORIES: [&str; 4] = ["Dining", "Groceries", "Rent", "dining"];

fn start() -> NaiveDate {
    pfos::domain::parse_date("2025-01-01").unwrap_or_else(|e| panic!("{e}"))
}

#[derive(Debug, Clone)]
struct Op {
    day: u64,
    kind: TxnKind,
    cents: i64,
    from: usize,
    to: usize,
    category: usize,
}

fn op() -> impl Strategy<Value = Op> {
    let kind = prop_oneof![
        5 => Just(TxnKind::Expense),
        2 => Just(TxnKind::Income),
        4 => Just(TxnKind::Transfer),
        1 => Just(TxnKind::Refund),
    ];
    (
        0u64..240,
        kind,
        1i64..400_000,
        0..PLACES.len(),
        0..PLACES.len(),
        0..CATEGORIES.len(),
    )
        .prop_map(|(day, kind, cents, from, to, category)| Op {
            day,
            kind,
            cents,
            from,
            to,
            category,
        })
}

/// The places of a ledger, some left out, some with limits, goals and openings as the case says.
#[derive(Debug, Clone)]
struct Setup {
    card_limit: Option<i64>,
    goal: Option<i64>,
    target: i64,
    with_loan: bool,
    with_cards: bool,
    opening: i64,
    /// Months closed from the first on (only months over by "today").
    closed: u32,
}

fn setup() -> impl Strategy<Value = Setup> {
    (
        prop::option::of(1i64..500_000),
        prop::option::of(0i64..300_000),
        0i64..50_000,
        any::<bool>(),
        any::<bool>(),
        0i64..1_000_000,
        0u32..6,
    )
        .prop_map(
            |(card_limit, goal, target, with_loan, with_cards, opening, closed)| Setup {
                card_limit,
                goal,
                target,
                with_loan,
                with_cards,
                opening,
                closed,
            },
        )
}

fn ledger(s: &Setup, today: NaiveDate) -> Ledger {
    let ok = |r: pfos::error::Result<i64>| r.unwrap_or_else(|e| panic!("{e}"));
    let m = Money::from_cents;
    let mut l = Ledger::in_memory(today).unwrap_or_else(|e| panic!("{e}"));
    ok(l.add_account("Checking", PlaceKind::Checking, m(s.opening), start()));
    ok(l.add_account("Savings", PlaceKind::Savings, m(s.opening / 2), start()));
    ok(l.add_account("Wallet", PlaceKind::Cash, m(2_000), start() + Days::new(40)));
    if s.with_cards {
        ok(l.add_card(
            &NewCard {
                name: "Visa",
                statement_day: 15,
                grace_days: 25,
                limit: s.card_limit.map(m),
            },
            m(s.opening / 5),
            start(),
        ));
        ok(l.add_card(
            &NewCard {
                name: "Amex",
                statement_day: 31,
                grace_days: 20,
                limit: None,
            },
            m(0),
            start() + Days::new(30),
        ));
    }
    ok(l.add_bucket(
        &NewBucket {
            name: "Travel",
            target_monthly: m(s.target),
            goal: s.goal.map(m),
            held_in: Some("Checking"),
        },
        m(0),
        start(),
    ));
    if s.with_loan {
        ok(l.add_loan(
            &NewLoan {
                name: "Car",
                apr: pfos::domain::payoff::Apr::parse("6.5").unwrap_or_else(|e| panic!("{e}")),
                payment: m(35_000),
                payment_day: 12,
            },
            m(1_200_000),
            start() + Days::new(15),
        ));
    }
    l
}

fn add(l: &mut Ledger, op: &Op) {
    let name = |i: usize| Some(PLACES[i].to_string());
    let (from, to) = match op.kind {
        TxnKind::Expense => (name(op.from), None),
        TxnKind::Transfer => (name(op.from), name(op.to)),
        _ => (None, name(op.to)),
    };
    let input = TxnInput {
        kind: Some(op.kind),
        amount: Money::from_cents(op.cents),
        from,
        to,
        category: op.kind.takes_category().then(|| CATEGORIES[op.category].to_string()),
        date: Some(start() + Days::new(op.day)),
        ..TxnInput::default()
    };
    // What the rules refuse (income to a card, a place not there, a bucket below zero) changes nothing.
    let _ = l.add_txn(&input);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn every_check_is_judged_on_figures_it_names(
        s in setup(),
        ops in prop::collection::vec(op(), 0..50),
        today_day in 0u64..300,
        date_back in 0u64..120,
    ) {
        let today = start() + Days::new(today_day);
        let mut l = ledger(&s, today);
        for op in &ops {
            add(&mut l, op);
        }
        let mut month = Month::of(start());
        for _ in 0..s.closed {
            if month.last_day() >= today || l.close_month(month, false).is_err() {
                break;
            }
            month = month.next();
        }
        // A date from some months back up to today (before the first place, too).
        let date = today.checked_sub_days(Days::new(date_back)).unwrap_or(today);
        let (status, _) = l.dashboard(date).unwrap_or_else(|e| panic!("dashboard at {date}: {e}"));
        let v = &status.verdict;
        prop_assert_eq!(v.checks.len(), 9);
        let all_none = v.checks.iter().all(|c| c.level == Level::None);
        prop_assert_eq!(v.answer == NOT_YET, all_none, "{:?}", v);
        prop_assert!(!v.reason.is_empty());
        let f = &status.figures;
        for c in &v.checks {
            prop_assert!(!c.reason.is_empty(), "{} has no reason", c.key);
            if c.level == Level::None {
                continue;
            }
            let names = |what: &str, amount: Money| -> Result<(), TestCaseError> {
                prop_assert!(
                    c.reason.contains(&amount.grouped()),
                    "{} does not name {what} {}: {}", c.key, amount.grouped(), c.reason
                );
                Ok(())
            };
            match c.key {
                "cards_covered" => {
                    let free = f.free_cash;
                    names("free cash", if free.is_negative() { -free } else { free })?;
                }
                "no_carried_debt" if c.level == Level::Bad => {
                    prop_assert!(status.cards.iter().any(|card| c.reason.contains(&card.name)), "{}", c.reason);
                }
                "card_limits" => {
                    let limited = status.cards.iter().filter(|card| card.limit.is_some());
                    let mut named = false;
                    for card in limited {
                        if let Some(limit) = card.limit {
                            named |= c.reason.contains(&format!(
                                "{} {} of {}", card.name, card.balance.grouped(), limit.grouped()
                            ));
                        }
                    }
                    prop_assert!(named, "{}", c.reason);
                }
                "savings_on_target" if c.level == Level::Warn => {
                    prop_assert!(c.reason.contains("Travel") && c.reason.contains(" of "), "{}", c.reason);
                }
                "spending_in_line" => {
                    names("this month's spending", f.day_to_day_spending())?;
                    let usual = status.spending_usual_so_far.unwrap_or_else(|| panic!("a usual pace"));
                    names("the usual", usual)?;
                }
                "net_worth_trend" => names("net worth", f.net_worth)?,
                "runway" => {
                    names("savings", f.total_savings)?;
                    let monthly = status.spending_average.unwrap_or_else(|| panic!("an average"));
                    names("monthly spending", monthly)?;
                }
                "debts_on_schedule" => prop_assert!(c.reason.contains("Car"), "{}", c.reason),
                "outlook" => prop_assert!(
                    c.reason.chars().any(|ch| ch.is_ascii_digit()) && c.reason.contains(" 20"),
                    "{}", c.reason
                ),
                _ => {}
            }
        }
    }
}
