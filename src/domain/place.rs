//! Places where money sits: accounts, credit cards, loans and savings buckets, with the terms each keeps.

use super::calendar::Month;
use super::money::Money;
use super::payoff::Apr;
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
    Loan,
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
            PlaceKind::Loan => "loan",
            PlaceKind::Bucket => "bucket",
        }
    }

    pub fn is_account(self) -> bool {
        Self::ACCOUNT_KINDS.contains(&self)
    }

    /// Assets hold money; cards and loans owe it.
    pub fn is_asset(self) -> bool {
        !self.is_liability()
    }

    /// Cards and loans: their balance is what is owed.
    pub fn is_liability(self) -> bool {
        matches!(self, PlaceKind::Card | PlaceKind::Loan)
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
            "loan" => Ok(PlaceKind::Loan),
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

/// Loan terms: what it costs and the schedule it is paid on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LoanTerms {
    pub apr: Apr,
    /// The scheduled monthly payment.
    pub payment: Money,
    /// 1–31, clamped to the month's last day.
    pub payment_day: u32,
}

impl LoanTerms {
    /// The payment date in a month.
    pub fn payment_date(&self, month: Month) -> NaiveDate {
        month.clamped_day(self.payment_day)
    }
}

/// A change of the terms that apply from a month on (a card's statement and grace days, a bucket's
/// monthly target); a field left `None` keeps what was in force before.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TermsChange {
    pub from: Month,
    pub statement_day: Option<u32>,
    pub grace_days: Option<u32>,
    pub target_monthly: Option<Money>,
}

/// A place, as the domain sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    pub id: PlaceId,
    pub name: String,
    pub kind: PlaceKind,
    pub opened_on: NaiveDate,
    /// The card's terms as they were when it opened (see [`Place::card_terms_for`] for a month's).
    pub card: Option<CardTerms>,
    /// The bucket's terms as they were when it opened (see [`Place::target_for`] for a month's target).
    pub bucket: Option<BucketTerms>,
    pub loan: Option<LoanTerms>,
    /// Archived on this date: no transaction after it, and out of lists from the month after.
    pub archived_on: Option<NaiveDate>,
    /// Term changes in the order they apply: by from-month, then in the order they were made.
    pub terms_changes: Vec<TermsChange>,
}

impl Place {
    /// A place with no terms: an account of `kind`.
    pub fn account(id: PlaceId, name: &str, kind: PlaceKind, opened_on: NaiveDate) -> Place {
        Place {
            id,
            name: name.to_string(),
            kind,
            opened_on,
            card: None,
            bucket: None,
            loan: None,
            archived_on: None,
            terms_changes: Vec::new(),
        }
    }

    pub fn held_in(&self) -> Option<PlaceId> {
        self.bucket.and_then(|b| b.held_in)
    }

    /// The changes that apply to `month`: from-month on or before it, in the order they apply.
    fn changes_through(&self, month: Month) -> impl Iterator<Item = &TermsChange> {
        self.terms_changes.iter().filter(move |c| c.from <= month)
    }

    /// The card's terms in force for `month` (its statement and due date use them); the limit is the
    /// current one.
    pub fn card_terms_for(&self, month: Month) -> Option<CardTerms> {
        let mut terms = self.card?;
        for change in self.changes_through(month) {
            terms.statement_day = change.statement_day.unwrap_or(terms.statement_day);
            terms.grace_days = change.grace_days.unwrap_or(terms.grace_days);
        }
        Some(terms)
    }

    /// The bucket's monthly target in force for `month` (zero for other places).
    pub fn target_for(&self, month: Month) -> Money {
        let Some(terms) = self.bucket else {
            return Money::ZERO;
        };
        self.changes_through(month)
            .filter_map(|c| c.target_monthly)
            .last()
            .unwrap_or(terms.target_monthly)
    }

    /// The place with the terms in force for `month` in place of those it opened with.
    pub fn in_force_for(&self, month: Month) -> Place {
        let mut place = self.clone();
        place.card = self.card_terms_for(month);
        if let Some(bucket) = place.bucket.as_mut() {
            bucket.target_monthly = self.target_for(month);
        }
        place
    }

    pub fn goal(&self) -> Option<Money> {
        self.bucket.and_then(|b| b.goal)
    }

    /// Whether the place is archived on or before `date`.
    pub fn archived_by(&self, date: NaiveDate) -> bool {
        self.archived_on.is_some_and(|a| a <= date)
    }

    /// Whether a snapshot of `month` lists the place: opened by its last day, not archived before its first.
    pub fn listed_in(&self, month: Month) -> bool {
        self.opened_on <= month.last_day() && self.archived_on.is_none_or(|a| a >= month.first_day())
    }
}

/// The key that makes names unique whatever their case and however their accents were typed (the
/// lower case of the Unicode NFC form: `Café` typed either way is one name).
pub fn name_key(name: &str) -> String {
    super::category::category_key(name)
}

/// The four classes of place, each with its own terms: accounts (of any account kind), cards, buckets, loans.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlaceClass {
    Account,
    Card,
    Bucket,
    Loan,
}

impl PlaceClass {
    pub fn of(kind: PlaceKind) -> PlaceClass {
        match kind {
            PlaceKind::Card => PlaceClass::Card,
            PlaceKind::Bucket => PlaceClass::Bucket,
            PlaceKind::Loan => PlaceClass::Loan,
            _ => PlaceClass::Account,
        }
    }

    /// "an account", "a card".
    pub fn a_noun(self) -> &'static str {
        match self {
            PlaceClass::Account => "an account",
            PlaceClass::Card => "a card",
            PlaceClass::Bucket => "a bucket",
            PlaceClass::Loan => "a loan",
        }
    }

    pub fn noun(self) -> &'static str {
        match self {
            PlaceClass::Account => "account",
            PlaceClass::Card => "card",
            PlaceClass::Bucket => "bucket",
            PlaceClass::Loan => "loan",
        }
    }

    /// The listing that shows places of this class.
    pub fn listing(self) -> &'static str {
        match self {
            PlaceClass::Account => "accounts",
            PlaceClass::Card => "cards",
            PlaceClass::Bucket => "buckets",
            PlaceClass::Loan => "loans",
        }
    }
}
