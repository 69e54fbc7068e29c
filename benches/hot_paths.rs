//! Criterion benchmarks of the hot paths: replaying a month (the snapshot engine), card statements,
//! the dashboard (status and outlook), a keyset page of transactions, and a month's transactions from SQLite.

use criterion::{criterion_group, criterion_main, Criterion};
use pfos::domain::{card_state, parse_date, replay, Balances, Month};
use pfos::ledger::Ledger;
use std::hint::black_box;

/// A two-year household of about 2,000 transactions a month, in memory, months closed.
fn ledger() -> Ledger {
    let today = parse_date("2026-11-15").unwrap_or_else(|e| panic!("{e}"));
    let mut ledger = Ledger::in_memory(today).unwrap_or_else(|e| panic!("{e}"));
    pfos::demo::generate(&mut ledger, today, 2, 2000, 1).unwrap_or_else(|e| panic!("{e}"));
    ledger
}

fn hot_paths(c: &mut Criterion) {
    let ledger = ledger();
    let month = Month::parse("2026-10").unwrap_or_else(|e| panic!("{e}"));
    let places = ledger.places().unwrap_or_else(|e| panic!("{e}"));
    let txns = ledger.txns(Some(month)).unwrap_or_else(|e| panic!("{e}"));
    let as_of = month.last_day();

    c.bench_function("domain: replay one month (~2,000 transactions)", |b| {
        b.iter(|| replay(black_box(&places), &Balances::default(), black_box(&txns)))
    });
    let visa = places.find("Visa").cloned().unwrap_or_else(|| panic!("Visa"));
    let window = ledger.txns(None).unwrap_or_else(|e| panic!("{e}"));
    let window: Vec<_> = window
        .into_iter()
        .filter(|t| t.date >= month.plus(-3).first_day() && t.date <= as_of)
        .collect();
    c.bench_function("domain: card statement state over a 4-month window", |b| {
        b.iter(|| card_state(black_box(&visa), pfos::domain::Money::ZERO, as_of, black_box(&window)))
    });
    let moves = pfos::domain::statement::CardMoves::of(visa.id, &window);
    c.bench_function("domain: card statement state from the card's moves", |b| {
        b.iter(|| {
            pfos::domain::statement::card_state_from_moves(
                black_box(&visa),
                pfos::domain::Money::ZERO,
                as_of,
                black_box(&moves),
            )
        })
    });
    c.bench_function("ledger: the dashboard (status and outlook, one read)", |b| {
        b.iter(|| ledger.dashboard(black_box(as_of)))
    });
    let filter = pfos::ledger::browse::TxnFilter::default();
    c.bench_function("store: 50-row keyset page, newest first", |b| {
        b.iter(|| ledger.txns_before(black_box(None), &filter, 50))
    });
    c.bench_function("store: one month's transactions", |b| {
        b.iter(|| ledger.txns(black_box(Some(month))))
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = hot_paths
}
criterion_main!(benches);
