//! Recurring items, their posting and the Close Month projection with them, on an in-memory ledger.

use super::*;
use crate::domain::{Month, PlaceKind, TxnKind};

use super::test_support::{d, m, ok, refusal};

fn item(kind: TxnKind, amount: &str, place: &str, day: u32, start: &str, what: &str) -> RecurringInput {
    let (from, to) = match kind {
        TxnKind::Income => (None, Some(place.to_string())),
        _ => (Some(place.to_string()), None),
    };
    RecurringInput {
        kind: Some(kind),
        amount: m(amount),
        from,
        to,
        category: (kind == TxnKind::Expense).then(|| what.to_string()),
        description: Some(what.to_string()),
        cadence: "monthly".into(),
        day: Some(day),
        start: Some(d(start)),
        until: None,
        count: None,
    }
}

/// Checking with 1,000 from 1 January 2025, a salary of 3,000 on the 1st and rent of 1,200 on the 3rd; today 10 March.
fn ledger() -> Ledger {
    let mut l = ok(Ledger::in_memory(d("2025-03-10")));
    ok(l.add_account("Checking", PlaceKind::Checking, m("1000"), d("2025-01-01")));
    ok(l.add_recurring(&item(TxnKind::Income, "3000", "Checking", 1, "2025-01-01", "Salary")));
    ok(l.add_recurring(&item(TxnKind::Expense, "1200", "Checking", 3, "2025-01-01", "Rent")));
    l
}

fn groceries(l: &mut Ledger, amount: &str, date: &str) {
    let input = TxnInput {
        kind: Some(TxnKind::Expense),
        amount: m(amount),
        from: Some("Checking".into()),
        category: Some("Groceries".into()),
        date: Some(d(date)),
        ..TxnInput::default()
    };
    ok(l.add_txn(&input));
}

#[test]
fn posting_twice_creates_nothing_twice() {
    let mut l = ledger();
    let due = ok(l.due_recurring(d("2025-02-28")));
    assert_eq!(due.len(), 4, "January and February, salary and rent");
    let before = ok(l.txns(None)).len();
    let posted = ok(l.post_recurring(d("2025-02-28"), false));
    let dates: Vec<String> = posted.iter().map(|p| p.date.to_string()).collect();
    assert_eq!(dates, ["2025-01-01", "2025-01-03", "2025-02-01", "2025-02-03"]);
    assert_eq!(ok(l.txns(None)).len(), before + 4);
    assert!(ok(l.post_recurring(d("2025-02-28"), false)).is_empty());
    assert_eq!(ok(l.txns(None)).len(), before + 4, "posting again adds nothing");
    // A dry run stores nothing; posting through March adds March's two only.
    assert_eq!(ok(l.post_recurring(d("2025-03-05"), true)).len(), 2);
    assert_eq!(ok(l.txns(None)).len(), before + 4);
    assert_eq!(ok(l.post_recurring(d("2025-03-05"), false)).len(), 2);
    // Deleting a posted transaction makes its occurrence due again.
    let rent = posted[1].txn;
    ok(l.delete_txn(rent));
    let again = ok(l.due_recurring(d("2025-03-05")));
    assert_eq!(again.len(), 1);
    assert_eq!(again[0].date, d("2025-01-03"));
}

#[test]
fn closed_months_are_never_posted_into() {
    let mut l = ledger();
    ok(l.close_month(Month::parse("2025-01").unwrap_or_else(|e| panic!("{e}")), false));
    let due = ok(l.due_recurring(d("2025-02-28")));
    assert!(due.iter().all(|o| o.date >= d("2025-02-01")), "{due:?}");
    assert_eq!(ok(l.post_recurring(d("2025-02-28"), false)).len(), 2);
}

#[test]
fn a_post_that_would_empty_a_bucket_posts_nothing() {
    let mut l = ledger();
    let bucket = NewBucket {
        name: "Travel",
        target_monthly: m("0"),
        goal: None,
        held_in: Some("Checking"),
    };
    ok(l.add_bucket(&bucket, m("100"), d("2025-01-01")));
    ok(l.add_recurring(&item(TxnKind::Expense, "60", "Travel", 20, "2025-01-01", "Trips")));
    let before = ok(l.txns(None)).len();
    let why = refusal(l.post_recurring(d("2025-02-28"), false));
    assert!(why.contains("Travel") && why.contains("nothing was posted"), "{why}");
    assert_eq!(ok(l.txns(None)).len(), before);
}

#[test]
fn items_are_checked_like_transactions() {
    let mut l = ledger();
    let mut bad = item(TxnKind::Expense, "10", "Nowhere", 1, "2025-01-01", "X");
    assert!(refusal(l.add_recurring(&bad)).contains("no place named 'Nowhere'"));
    bad = item(TxnKind::Refund, "10", "Checking", 1, "2025-01-01", "X");
    assert!(refusal(l.add_recurring(&bad)).contains("cannot recur"));
    bad = item(TxnKind::Expense, "10", "Checking", 1, "2024-12-01", "X");
    assert!(refusal(l.add_recurring(&bad)).contains("opened on 2025-01-01"));
    bad = item(TxnKind::Expense, "10", "Checking", 1, "2025-01-01", "X");
    bad.until = Some(d("2024-12-31"));
    assert!(refusal(l.add_recurring(&bad)).contains("before the start"));
    let edit = RecurringEdit {
        day: Some(40),
        ..RecurringEdit::default()
    };
    assert!(refusal(l.edit_recurring(2, &edit)).contains("outside 1–31"));
    assert!(refusal(l.edit_recurring(99, &RecurringEdit::default())).contains("does not exist"));
    assert_eq!(ok(l.recurring()).len(), 2, "nothing was added");
}

#[test]
fn the_close_month_projection_uses_recurring_items() {
    let mut l = ledger();
    ok(l.post_recurring(d("2025-02-28"), false));
    groceries(&mut l, "500", "2025-01-10");
    groceries(&mut l, "700", "2025-02-10");
    // A gym membership from March, never posted yet.
    ok(l.add_recurring(&item(TxnKind::Expense, "40", "Checking", 15, "2025-03-01", "Gym")));
    let jan = Month::parse("2025-01").unwrap_or_else(|e| panic!("{e}"));
    ok(l.close_month(jan, false));
    let feb = ok(l.close_month(jan.next(), false));
    // Net worth: 1,000 + 2 × 3,000 − (1,200 + 500) − (1,200 + 700) = 3,400.
    // Expected income: March's salary 3,000 + mean(3,000 − 3,000, 3,000 − 3,000) = 3,000.
    // Expected spending: rent 1,200 + gym 40 + mean(1,700 − 1,200, 1,900 − 1,200) = 1,240 + 600 = 1,840.
    // (The plain mean of the window would say mean(1,700, 1,900) = 1,800, missing the gym.)
    let p = &feb.projection;
    assert_eq!(feb.figures.net_worth, m("3400"));
    assert_eq!(p.expected_income, m("3000"));
    assert_eq!(p.expected_spending, m("1840"));
    assert_eq!(p.projected_net_worth, m("4560"));
    assert_eq!(p.projected_free_cash, m("4560"));
    // The recurring part is kept with the snapshot: changing the items later does not break check.
    let gym = RecurringEdit {
        amount: Some(m("60")),
        ..RecurringEdit::default()
    };
    ok(l.edit_recurring(3, &gym));
    let report = ok(l.check());
    assert!(report.problems.is_empty(), "{:?}", report.problems);
    // Closed again, February uses the new gym fee: 1,860.
    ok(l.reopen(jan.next()));
    let again = ok(l.close_month(jan.next(), false));
    assert_eq!(again.projection.expected_spending, m("1860"));
}

#[test]
fn rent_typed_by_hand_counts_as_the_rent_item() {
    // Without posting: January's rent entered by hand, just like the item, is not part of the usual rest.
    let mut l = ledger();
    let rent = TxnInput {
        kind: Some(TxnKind::Expense),
        amount: m("1200"),
        from: Some("Checking".into()),
        category: Some("Housing".into()),
        date: Some(d("2025-01-03")),
        ..TxnInput::default()
    };
    ok(l.add_txn(&rent));
    groceries(&mut l, "500", "2025-01-10");
    let jan = ok(l.close_month(Month::parse("2025-01").unwrap_or_else(|e| panic!("{e}")), false));
    // February: salary 3,000 (none in January, so the rest is 0); spending rent 1,200 + (1,700 − 1,200) = 1,700.
    assert_eq!(jan.projection.expected_income, m("3000"));
    assert_eq!(jan.projection.expected_spending, m("1700"));
}
