//! Helpers the ledger's unit tests share: dates, months and amounts from text, results that must hold or
//! must be refused, and a transaction typed the way a person gives one.

use super::TxnInput;
use crate::domain::{parse_date, Money, Month, TxnKind};
use crate::error::Result;

pub fn d(text: &str) -> chrono::NaiveDate {
    parse_date(text).unwrap_or_else(|e| panic!("{e}"))
}

pub fn month(text: &str) -> Month {
    Month::parse(text).unwrap_or_else(|e| panic!("{e}"))
}

pub fn m(text: &str) -> Money {
    Money::parse_non_negative(text).unwrap_or_else(|e| panic!("{e}"))
}

pub fn ok<T>(r: Result<T>) -> T {
    r.unwrap_or_else(|e| panic!("{e}"))
}

pub fn refusal<T: std::fmt::Debug>(r: Result<T>) -> String {
    match r {
        Err(e) => e.to_string(),
        Ok(v) => panic!("expected a refusal, got {v:?}"),
    }
}

/// The refusal's message and its hints (which each front end words its own way).
pub fn refusal_and_hints<T: std::fmt::Debug>(r: Result<T>) -> (String, Vec<crate::error::Hint>) {
    match r {
        Err(e) => (e.to_string(), e.hints()),
        Ok(v) => panic!("expected a refusal, got {v:?}"),
    }
}

/// A transaction of `kind` (category "General" where one is needed).
pub fn input(kind: TxnKind, amount: &str, from: Option<&str>, to: Option<&str>, date: &str) -> TxnInput {
    TxnInput {
        kind: Some(kind),
        amount: m(amount),
        from: from.map(String::from),
        to: to.map(String::from),
        category: kind.needs_category().then(|| "General".to_string()),
        date: Some(d(date)),
        description: None,
        splits: Vec::new(),
        tags: Vec::new(),
    }
}
