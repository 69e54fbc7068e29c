//! Keyset pages with a category filter and a search: every matching row once, in order, at any page size.

use super::*;
use crate::domain::{parse_date, PlaceKind, Query, TxnKind};
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

/// Keyset pages of a search through both ways of reading its matches: few (read and sorted) and many
/// (more than 2000, kept as a bit set while the date index is walked), against the plain matcher.
#[test]
fn search_pages_hold_every_match_once_with_few_and_many_matches() {
    let d = |t: &str| parse_date(t).unwrap_or_else(|e| panic!("{e}"));
    let mut l = ok(Ledger::in_memory(d("2025-12-31")));
    ok(l.add_account(
        "Checking",
        PlaceKind::Checking,
        Money::from_cents(100_000_000),
        d("2024-12-31"),
    ));
    // Ids out of date order (every 7th row dated back), so pages cannot follow the ids.
    let inputs: Vec<TxnInput> = (0..2600i64)
        .map(|i| TxnInput {
            kind: Some(TxnKind::Expense),
            amount: Money::from_cents(100 + i % 900),
            from: Some("Checking".into()),
            category: Some("Food".into()),
            date: Some(d("2025-01-01") + chrono::Days::new(u64::try_from((i * 37 + (i % 7) * 101) % 360).unwrap_or(0))),
            description: Some(if i % 5 == 0 {
                format!("Tea {i}")
            } else {
                format!("Coffee #{i}")
            }),
            ..TxnInput::default()
        })
        .collect();
    ok(l.add_txns(&inputs));
    let places = ok(l.places());
    let mut all = Vec::new();
    ok(l.each_txn(None, |t| {
        all.push(t.clone());
        Ok(())
    }));
    for text in ["coffee", "tea", "coff amt:>5", "tea 7", "\"coffee\" date:2025-03"] {
        let query = ok(Query::parse(text).map_err(Into::into));
        let expected: Vec<i64> = all.iter().filter(|t| query.matches(t, &places)).map(|t| t.id).collect();
        assert!(!expected.is_empty(), "{text}");
        let mut listed = Vec::new();
        ok(l.search_txns(&query, |t| {
            listed.push(t.id);
            Ok(())
        }));
        assert_eq!(listed, expected, "{text}, listed whole");
        let filter = TxnFilter::query(query);
        for size in [1, 50, 700] {
            let (mut newest_first, mut at) = (Vec::new(), None);
            loop {
                let page = ok(l.txns_before(at, &filter, size));
                let Some(last) = page.last() else { break };
                at = Some((last.date, last.id));
                newest_first.extend(page.iter().map(|t| t.id));
            }
            let (mut oldest_first, mut at) = (Vec::new(), None);
            loop {
                let page = ok(l.txns_after(at, &filter, size));
                let Some(last) = page.last() else { break };
                at = Some((last.date, last.id));
                oldest_first.extend(page.iter().map(|t| t.id));
            }
            assert_eq!(oldest_first, expected, "{text}, pages of {size}");
            newest_first.reverse();
            assert_eq!(newest_first, expected, "{text}, pages of {size}, newest first");
        }
    }
}

/// A search with many matches keeps them between pages while nothing changes; an add, a delete, an undo
/// or another connection's write shows on the next page read.
#[test]
fn a_search_follows_every_write_between_its_pages() {
    let d = |t: &str| parse_date(t).unwrap_or_else(|e| panic!("{e}"));
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let path = dir.path().join("search.pfos");
    let mut l = ok(Ledger::open(&path, d("2025-12-31")));
    ok(l.add_account(
        "Checking",
        PlaceKind::Checking,
        Money::from_cents(100_000_000),
        d("2024-12-31"),
    ));
    let coffee = |day: &str, cents: i64| TxnInput {
        kind: Some(TxnKind::Expense),
        amount: Money::from_cents(cents),
        from: Some("Checking".into()),
        category: Some("Food".into()),
        date: Some(d(day)),
        description: Some("Coffee".into()),
        ..TxnInput::default()
    };
    let inputs: Vec<TxnInput> = (0..2100).map(|i| coffee("2025-03-01", 100 + i)).collect();
    ok(l.add_txns(&inputs));
    let filter = TxnFilter::query(ok(Query::parse("coffee").map_err(Into::into)));
    let newest = |l: &Ledger| ok(l.txns_before(None, &filter, 1)).first().map(|t| t.id);
    let before = newest(&l);
    assert_eq!(newest(&l), before, "unchanged, the same first row");
    let added = ok(l.add_txn(&coffee("2025-04-01", 999)));
    assert_eq!(newest(&l), Some(added), "an add shows at once");
    ok(l.undo());
    assert_eq!(newest(&l), before, "its undo too");
    let mut elsewhere = ok(Ledger::open(&path, d("2025-12-31")));
    let theirs = ok(elsewhere.add_txn(&coffee("2025-05-01", 777)));
    assert_eq!(newest(&l), Some(theirs), "another process's write shows too");
    ok(elsewhere.delete_txn(theirs));
    assert_eq!(newest(&l), before, "and its delete");
}
