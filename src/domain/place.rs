//! Places where money sits: accounts, credit cards and savings buckets.

use super::money::Money;
use chrono::NaiveDate;
use std::fmt;
use std::str::FromStr;

/// Database identity of a place.
pub type PlaceId = i64;

/// Default days between a card statement and its due date.
pub const DEFAULT_GRACE_DAYS: u32 = 25;
/// The longest grace period pfos accepts.
pub const MAX_GRACE_DAYS: u32 = 90;

/// What kind of place this is; decides its side and which figures it feeds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PlaceKind {
    Checking,
    Cash,
    Savings,
    Investment,
    Card,
    Bucket,
}

impl PlaceKind {
    pub const ACCOUNT_KINDS: [PlaceKind; 4] = [
        PlaceKind::Checking,
        PlaceKind::Cash,
        PlaceKind::Savings,
        PlaceKind::Investment,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            PlaceKind::Checking => "checking",
            PlaceKind::Cash => "cash",
            PlaceKind::Savings => "savings",
            PlaceKind::Investment => "investment",
            PlaceKind::Card => "card",
            PlaceKind::Bucket => "bucket",
        }
    }

    pub fn is_account(self) -> bool {
        Self::ACCOUNT_KINDS.contains(&self)
    }

    /// Assets hold money; cards owe it.
    pub fn is_asset(self) -> bool {
        self != PlaceKind::Card
    }

    /// Savings and investment accounts and every bucket.
    pub fn is_savings(self) -> bool {
        matches!(self, PlaceKind::Savings | PlaceKind::Investment | PlaceKind::Bucket)
    }

    /// Checking and cash accounts.
    pub fn is_spending(self) -> bool {
        matches!(self, PlaceKind::Checking | PlaceKind::Cash)
    }
}

impl fmt::Display for PlaceKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for PlaceKind {
    type Err = String;
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        match text.to_ascii_lowercase().as_str() {
            "checking" => Ok(PlaceKind::Checking),
            "cash" => Ok(PlaceKind::Cash),
            "savings" => Ok(PlaceKind::Savings),
            "investment" => Ok(PlaceKind::Investment),
            "card" => Ok(PlaceKind::Card),
            "bucket" => Ok(PlaceKind::Bucket),
            _ => Err(format!(
                "'{text}' is not an account kind; use checking, savings, investment or cash"
            )),
        }
    }
}

/// Credit-card terms.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CardTerms {
    /// 1–31, clamped to the month's last day.
    pub statement_day: u32,
    pub grace_days: u32,
    pub limit: Option<Money>,
}

/// Savings-bucket terms.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BucketTerms {
    pub target_monthly: Money,
    pub goal: Option<Money>,
    /// The account that holds the bucket's money, if any.
    pub held_in: Option<PlaceId>,
}

/// A place, as the domain sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    pub id: PlaceId,
    pub name: String,
    pub kind: PlaceKind,
    pub opened_on: NaiveDate,
    pub card: Option<CardTerms>,
    pub bucket: Option<BucketTerms>,
}

impl Place {
    pub fn held_in(&self) -> Option<PlaceId> {
        self.bucket.and_then(|b| b.held_in)
    }

    pub fn target_monthly(&self) -> Money {
        self.bucket.map_or(Money::ZERO, |b| b.target_monthly)
    }
}

/// The key that makes names unique regardless of case.
pub fn name_key(name: &str) -> String {
    name.trim().to_lowercase()
}
