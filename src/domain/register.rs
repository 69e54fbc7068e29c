//! A place's register: each of its transactions with the place's own balance after it, and the months a
//! register pages through.

use super::calendar::Month;
use super::engine::Balances;
use super::money::Money;
use super::place::PlaceId;
use super::places::Places;
use super::txn::Txn;

/// One line of a register: a transaction and the place's own balance after it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegisterRow {
    pub txn: Txn,
    pub balance: Money,
}

/// Replays `txns` (every transaction of the month touching the place or a bucket held in it, in order) from
/// `start`, and returns the place's rows, newest first.
pub fn register_rows(places: &Places, place: PlaceId, start: &Balances, txns: &[Txn]) -> Vec<RegisterRow> {
    let mut balances = start.clone();
    let mut rows = Vec::new();
    for txn in txns {
        balances.apply(places, txn);
        if txn.from == Some(place) || txn.to == Some(place) {
            rows.push(RegisterRow {
                txn: txn.clone(),
                balance: balances.get(place),
            });
        }
    }
    rows.reverse();
    rows
}

/// The month before `month` in a register that starts at `first` (the place's opening month), if any.
pub fn older_month(month: Month, first: Month) -> Option<Month> {
    (month > first).then(|| month.prev())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::place::{BucketTerms, Place, PlaceKind};
    use crate::domain::txn::TxnKind;

    fn d(text: &str) -> chrono::NaiveDate {
        crate::domain::parse_date(text).unwrap_or_else(|e| panic!("{e}"))
    }

    fn txn(id: i64, kind: TxnKind, cents: i64, from: Option<PlaceId>, to: Option<PlaceId>) -> Txn {
        Txn {
            id,
            date: d("2025-03-10"),
            kind,
            amount: Money::from_cents(cents),
            from,
            to,
            category: None,
            description: String::new(),
            splits: Vec::new(),
            tags: Vec::new(),
        }
    }

    #[test]
    fn the_register_shows_the_own_balance_after_each_transaction_newest_first_valuations_included() {
        let mut fund = Place::account(2, "Fund", PlaceKind::Bucket, d("2025-01-01"));
        fund.bucket = Some(BucketTerms {
            target_monthly: Money::ZERO,
            goal: None,
            held_in: Some(1),
        });
        let places = Places::new(vec![
            Place::account(1, "Broker", PlaceKind::Investment, d("2025-01-01")),
            fund,
            Place::account(3, "Checking", PlaceKind::Checking, d("2025-01-01")),
        ]);
        let start = Balances::from_map([(1, Money::from_cents(100_000)), (2, Money::from_cents(20_000))].into());
        let txns = vec![
            txn(1, TxnKind::Transfer, 5_000, Some(3), Some(1)),
            // The bucket's money is part of the account's value: 1,250 stated − 200 in the bucket.
            txn(2, TxnKind::Valuation, 125_000, None, Some(1)),
            txn(3, TxnKind::Transfer, 1_000, Some(3), Some(2)),
        ];
        let rows = register_rows(&places, 1, &start, &txns);
        let balances: Vec<(i64, i64)> = rows.iter().map(|r| (r.txn.id, r.balance.cents())).collect();
        assert_eq!(balances, vec![(2, 105_000), (1, 105_000)]);
    }

    #[test]
    fn a_register_pages_back_to_the_opening_month() {
        let first = Month::parse("2025-01").unwrap_or_else(|e| panic!("{e}"));
        let march = Month::parse("2025-03").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(older_month(march, first), Some(march.prev()));
        assert_eq!(older_month(first, first), None);
    }
}
