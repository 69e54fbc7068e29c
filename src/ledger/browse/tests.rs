//! Keyset pages with a category filter and a search: every matching row once, in order, at any page size.

use super::*;
use crate::domain::{parse_date, PlaceKind, TxnKind};
use crate::ledger::TxnInput;

fn ok<T>(r: Result<T>) -> T {
    r.unwrap_or_else(|e| panic!("{e}"))
}

/// Checking, and ten expenses over three days; every third one `Uncategorized`, the others `Groceries`.
fn ledger() -> (Ledger, Vec<i64>) {
    let d = |t: &str| parse_date(t).unwrap_or_else(|e| panic!("{e}"));
    let mut l = ok(Ledger::in_memory(d("2025-06-15")));
    ok(l.add_account(
        "Checking",
        PlaceKind::Checking,
        Money::from_cents(100_000),
        d("2025-01-01"),
    ));
    let mut uncategorized = Vec::new();
    for i in 0..10 {
        let category = if i % 3 == 0 { "Uncategorized" } else { "Groceries" };
        let input = TxnInput {
            kind: Some(TxnKind::Expense),
            amount: Money::from_cents(100 + i),
            from: Some("Checking".into()),
            category: Some(category.into()),
            date: Some(d(&format!("2025-06-0{}", 1 + i / 4))),
            description: Some(if i == 3 { "Corner shop" } else { "Market" }.into()),
            ..TxnInput::default()
        };
        let id = ok(l.add_txn(&input));
        if i % 3 == 0 {
            uncategorized.push(id);
        }
    }
    (l, uncategorized)
}

fn only(category: &str) -> TxnFilter {
    TxnFilter {
        query: Query::default(),
        category: Some(category.into()),
    }
}

#[test]
fn category_pages_hold_every_match_once_newest_first() {
    let (l, wanted) = ledger();
    for size in 1..=4 {
        let mut seen = Vec::new();
        let mut at = None;
        loop {
            let page = ok(l.txns_before(at, &only("Uncategorized"), size));
            assert!(page.len() <= size);
            let Some(last) = page.last() else { break };
            at = Some((last.date, last.id));
            seen.extend(page.iter().map(|t| t.id));
        }
        let mut newest_first = wanted.clone();
        newest_first.reverse();
        assert_eq!(seen, newest_first, "page size {size}");
    }
}

#[test]
fn category_pages_oldest_first_and_with_text() {
    let (l, wanted) = ledger();
    let first = ok(l.txns_after(None, &only("Uncategorized"), 2));
    assert_eq!(first.iter().map(|t| t.id).collect::<Vec<_>>(), wanted[..2]);
    let rest = ok(l.txns_after(first.last().map(|t| (t.date, t.id)), &only("Uncategorized"), 10));
    assert_eq!(rest.iter().map(|t| t.id).collect::<Vec<_>>(), wanted[2..]);
    let both = TxnFilter {
        query: ok(Query::parse("corner").map_err(Into::into)),
        category: Some("Uncategorized".into()),
    };
    assert_eq!(
        ok(l.txns_before(None, &both, 10))
            .iter()
            .map(|t| t.id)
            .collect::<Vec<_>>(),
        [wanted[1]]
    );
    assert!(
        ok(l.txns_before(None, &only("uncategorized"), 10)).is_empty(),
        "the category matches exactly"
    );
    assert_eq!(
        ok(l.txns_before(None, &TxnFilter::default(), 100)).len(),
        11,
        "no filter: all, opening included"
    );
}
