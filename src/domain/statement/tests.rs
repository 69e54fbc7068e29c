//! Card-statement cases: clamped statement days, late openings, credits, refunds, cash advances.

use super::*;
use crate::domain::calendar::parse_date;
use crate::domain::place::{CardTerms, Place, PlaceKind};
use crate::domain::txn::{Txn, TxnKind};

const CARD: i64 = 1;
const BANK: i64 = 2;

fn d(text: &str) -> NaiveDate {
    parse_date(text).unwrap_or_else(|e| panic!("{e}"))
}

fn money(cents: i64) -> Money {
    Money::from_cents(cents)
}

fn card(day: u32, grace: u32, opened: &str) -> (Place, CardTerms) {
    let terms = CardTerms {
        statement_day: day,
        grace_days: grace,
        limit: None,
    };
    let place = Place {
        id: CARD,
        name: "Visa".into(),
        kind: PlaceKind::Card,
        opened_on: d(opened),
        card: Some(terms),
        bucket: None,
        loan: None,
        archived_on: None,
        terms_changes: Vec::new(),
    };
    (place, terms)
}

fn txn(id: i64, date: &str, kind: TxnKind, cents: i64, from: Option<i64>, to: Option<i64>) -> Txn {
    Txn {
        id,
        date: d(date),
        kind,
        amount: money(cents),
        from,
        to,
        category: None,
        description: String::new(),
        splits: Vec::new(),
        tags: Vec::new(),
    }
}

fn charge(id: i64, date: &str, cents: i64) -> Txn {
    txn(id, date, TxnKind::Expense, cents, Some(CARD), None)
}

fn payment(id: i64, date: &str, cents: i64) -> Txn {
    txn(id, date, TxnKind::Transfer, cents, Some(BANK), Some(CARD))
}

/// The card's balance after every transaction up to `as_of`.
fn owed(txns: &[Txn], as_of: NaiveDate) -> Money {
    txns.iter()
        .filter(|t| t.date <= as_of)
        .map(|t| match effect(CARD, t) {
            Effect::Charge(a) | Effect::Opening(a) => a,
            Effect::Credit(a) => -a,
            Effect::None => Money::ZERO,
        })
        .sum()
}

fn state(place: &Place, terms: &CardTerms, txns: &[Txn], as_of: &str) -> CardState {
    let as_of = d(as_of);
    let _ = terms;
    card_state(place, owed(txns, as_of), as_of, txns)
}

#[test]
fn statement_day_31_clamps_to_30_day_month_and_february() {
    let (place, terms) = card(31, 25, "2025-01-01");
    assert_eq!(statement_date(&terms, Month::of(d("2025-04-01"))), d("2025-04-30"));
    assert_eq!(statement_date(&terms, Month::of(d("2025-02-01"))), d("2025-02-28"));
    assert_eq!(statement_date(&terms, Month::of(d("2024-02-01"))), d("2024-02-29"));
    let txns = vec![charge(1, "2025-02-28", 10_000), charge(2, "2025-03-01", 5_000)];
    let s = state(&place, &terms, &txns, "2025-03-10");
    let st = s.statement.unwrap_or_else(|| panic!("a statement closed on Feb 28"));
    assert_eq!(st.date, d("2025-02-28"));
    assert_eq!(st.balance, money(10_000));
    assert_eq!(st.due_date, d("2025-03-25"));
    assert_eq!(s.new_charges, money(5_000));
}

#[test]
fn a_card_opened_after_its_statement_day_has_no_statement_that_month() {
    let (place, terms) = card(15, 25, "2025-09-20");
    assert_eq!(first_statement(&place), d("2025-10-15"));
    let txns = vec![
        txn(1, "2025-09-20", TxnKind::Opening, 10_000, None, Some(CARD)),
        charge(2, "2025-09-25", 2_500),
    ];
    let s = state(&place, &terms, &txns, "2025-09-30");
    assert_eq!(s.statement, None);
    assert_eq!(s.new_charges, money(2_500), "the opening is not a charge");
    assert_eq!(s.carried_over, Money::ZERO);
    assert_eq!(s.balance, money(12_500));
    let later = state(&place, &terms, &txns, "2025-10-31");
    assert_eq!(later.statement.map(|s| s.balance), Some(money(12_500)));
}

#[test]
fn a_card_opened_on_its_statement_day_closes_a_statement_that_day() {
    let (place, _) = card(3, 25, "2025-09-03");
    assert_eq!(first_statement(&place), d("2025-09-03"));
}

#[test]
fn credits_after_the_due_date_do_not_count_toward_the_carried_statement() {
    let (place, terms) = card(15, 25, "2025-08-01");
    let txns = vec![
        charge(1, "2025-09-10", 50_000),
        payment(2, "2025-10-05", 20_000),
        payment(3, "2025-10-20", 30_000), // after the 10-10 due date
    ];
    let s = state(&place, &terms, &txns, "2025-10-31");
    assert_eq!(s.carried_over, money(30_000));
    let st = s.statement.unwrap_or_else(|| panic!("October statement"));
    assert_eq!(st.date, d("2025-10-15"));
    assert_eq!(st.balance, money(30_000));
    assert_eq!(
        st.credits,
        money(30_000),
        "the late payment is a credit toward the October statement"
    );
    assert_eq!(st.remaining, Money::ZERO);
}

#[test]
fn refunds_are_credits_and_cash_advances_are_charges() {
    let (place, terms) = card(15, 25, "2025-08-01");
    let txns = vec![
        charge(1, "2025-09-01", 40_000),
        txn(2, "2025-09-05", TxnKind::Transfer, 10_000, Some(CARD), Some(BANK)), // cash advance
        txn(3, "2025-09-20", TxnKind::Refund, 5_000, None, Some(CARD)),
        txn(4, "2025-09-22", TxnKind::Transfer, 7_000, Some(CARD), Some(BANK)),
    ];
    let s = state(&place, &terms, &txns, "2025-09-30");
    let st = s.statement.unwrap_or_else(|| panic!("September statement"));
    assert_eq!(st.balance, money(50_000));
    assert_eq!(st.credits, money(5_000));
    assert_eq!(st.remaining, money(45_000));
    assert_eq!(s.new_charges, money(7_000));
    assert_eq!(s.balance, money(52_000));
}

#[test]
fn credits_stop_at_the_as_of_date_and_remaining_never_goes_negative() {
    let (place, terms) = card(15, 25, "2025-08-01");
    let txns = vec![charge(1, "2025-09-01", 10_000), payment(2, "2025-09-20", 25_000)];
    let s = state(&place, &terms, &txns, "2025-09-30");
    let st = s.statement.unwrap_or_else(|| panic!("September statement"));
    assert_eq!(st.credits, money(25_000));
    assert_eq!(st.remaining, Money::ZERO);
    assert_eq!(s.balance, money(-15_000), "an overpaid card holds a credit");
}

#[test]
fn carried_over_uses_the_latest_statement_already_due() {
    // Grace 40 days: on Nov 30 the Oct 15 statement (due Nov 24) is the latest one due.
    let (place, terms) = card(15, 40, "2025-08-01");
    let txns = vec![
        charge(1, "2025-09-01", 10_000),
        charge(2, "2025-10-01", 20_000),
        payment(3, "2025-10-20", 10_000),
    ];
    let s = state(&place, &terms, &txns, "2025-11-30");
    assert_eq!(s.carried_over, money(20_000));
    let mid = state(&place, &terms, &txns, "2025-10-31");
    // On Oct 31 only the Sep 15 statement (due Oct 25) is due: 100.00 less the 100.00 paid.
    assert_eq!(mid.carried_over, Money::ZERO);
}

#[test]
fn due_before_a_date_excludes_a_statement_due_that_day() {
    // Statement of 15 September (500.00) due 10 October; 200.00 paid on the 5th, 300.00 on the 20th.
    let (place, _) = card(15, 25, "2025-08-01");
    let txns = vec![
        charge(1, "2025-09-10", 50_000),
        payment(2, "2025-10-05", 20_000),
        charge(3, "2025-10-08", 1_000),
        payment(4, "2025-10-20", 30_000),
    ];
    let at = |date: &str| {
        let date = d(date);
        due_before(&place, owed(&txns, date), date, &CardMoves::of(CARD, &txns))
    };
    // On the due date itself the rest may still be paid: only the August statement (nothing) is due before.
    assert_eq!(at("2025-10-10"), Some((d("2025-09-09"), Money::ZERO)));
    // The day after, 300.00 of it is left, whatever came after the due date; the new charge is not in it.
    assert_eq!(at("2025-10-11"), Some((d("2025-10-10"), money(30_000))));
    assert_eq!(at("2025-10-31"), Some((d("2025-10-10"), money(30_000))));
    // Before the first statement's due date there is none.
    let (late, _) = card(15, 25, "2025-09-20");
    assert_eq!(
        due_before(&late, Money::ZERO, d("2025-10-01"), &CardMoves::default()),
        None
    );
}

#[test]
fn the_next_statement_is_the_first_after_the_day() {
    let (visa, _) = card(31, 25, "2025-01-01");
    // The 31st clamps to the month's last day; a statement on the day itself is not "next".
    assert_eq!(
        next_statement(&visa, d("2025-02-10")),
        (d("2025-02-28"), d("2025-03-25"))
    );
    assert_eq!(
        next_statement(&visa, d("2025-02-28")),
        (d("2025-03-31"), d("2025-04-25"))
    );
    let (amex, _) = card(15, 20, "2025-01-01");
    assert_eq!(
        next_statement(&amex, d("2025-12-20")),
        (d("2026-01-15"), d("2026-02-04"))
    );
}
