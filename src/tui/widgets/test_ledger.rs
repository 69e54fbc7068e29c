//! The ledger the popups' unit tests write through: today 2025-06-15, one empty Checking account.

use crate::domain::{parse_date, Money, PlaceKind};
use crate::ledger::Ledger;

pub fn with_checking() -> Ledger {
    let today = parse_date("2025-06-15").unwrap_or_else(|e| panic!("{e}"));
    let mut l = Ledger::in_memory(today).unwrap_or_else(|e| panic!("{e}"));
    l.add_account("Checking", PlaceKind::Checking, Money::ZERO, today)
        .unwrap_or_else(|e| panic!("{e}"));
    l
}
