//! Searching transactions: the query language of `/` and of the command line's search, parsed into
//! terms that all must hold (free text over descriptions, category, tag, place, kind, amount, date), and
//! the plain matcher that says whether one transaction fits. No SQL here: the store turns a query into one.

mod parse;
mod text;

#[cfg(test)]
mod tests;

pub use text::{digit_runs, words};

use super::category::category_key;
use super::money::Money;
use super::place::name_key;
use super::places::Places;
use super::txn::{Txn, TxnKind};
use chrono::NaiveDate;

/// A search: every term must hold (terms are written with spaces between them). No term matches all.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Query {
    pub terms: Vec<Term>,
}

/// One condition on a transaction.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Term {
    /// Words of the description, in this order, ignoring case and accents: a bare word matches words that
    /// start with it (`coff` finds "Coffee"), a quoted phrase whole words. Digits in it are found anywhere
    /// in the description; a word with neither letters nor digits (`&`) holds for every transaction.
    Text {
        text: String,
        phrase: bool,
    },
    /// The category, whatever its case; a split matches when any of its lines has it.
    Category(String),
    /// A tag, as stored (checked, lower case).
    Tag(String),
    /// A place the money comes from or goes to, by name whatever its case.
    Place(String),
    Kind(TxnKind),
    Amount(AmountTest),
    /// Dated from `first` to `last`, both included.
    Date {
        first: NaiveDate,
        last: NaiveDate,
    },
}

/// What a transaction's amount is compared with (amounts are positive: the kind gives the direction).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AmountTest {
    Above(Money),
    AtLeast(Money),
    Below(Money),
    AtMost(Money),
    Exactly(Money),
    /// From the first to the second, both included.
    Between(Money, Money),
}

impl AmountTest {
    pub fn holds(self, amount: Money) -> bool {
        match self {
            AmountTest::Above(m) => amount > m,
            AmountTest::AtLeast(m) => amount >= m,
            AmountTest::Below(m) => amount < m,
            AmountTest::AtMost(m) => amount <= m,
            AmountTest::Exactly(m) => amount == m,
            AmountTest::Between(low, high) => low <= amount && amount <= high,
        }
    }
}

/// Why a query cannot be read: the part of it at fault, where it starts (in bytes), and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("in '{part}': {why}")]
pub struct QueryError {
    pub part: String,
    pub at: usize,
    pub why: String,
}

impl Query {
    /// Reads a query: terms separated by spaces, each free text (a word or a "quoted phrase") or
    /// `key:value` with the keys `cat:`, `tag:`, `place:`, `kind:`, `amt:` and `date:` (a value with
    /// spaces in quotes: `cat:"Eating out"`). Any text is either a query or an error naming its bad part.
    pub fn parse(text: &str) -> Result<Query, QueryError> {
        parse::parse(text)
    }

    /// True when there is no term (every transaction matches).
    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }

    /// The query with one more term.
    pub fn and(mut self, term: Term) -> Query {
        self.terms.push(term);
        self
    }

    /// Whether `t` satisfies every term (`places` names the places it refers to).
    pub fn matches(&self, t: &Txn, places: &Places) -> bool {
        matches(self, t, places)
    }
}

/// Whether `t` satisfies every term of `query`: the plain definition the store's search agrees with.
pub fn matches(query: &Query, t: &Txn, places: &Places) -> bool {
    query.terms.iter().all(|term| term_matches(term, t, places))
}

fn term_matches(term: &Term, t: &Txn, places: &Places) -> bool {
    match term {
        Term::Text { text, phrase } => text::text_matches(text, *phrase, &t.description),
        Term::Category(name) => {
            let key = category_key(name);
            t.category.as_deref().is_some_and(|c| category_key(c) == key)
                || t.splits.iter().any(|s| category_key(&s.category) == key)
        }
        Term::Tag(tag) => t.tags.iter().any(|have| have == tag),
        Term::Place(name) => {
            let key = name_key(name);
            [t.from, t.to]
                .into_iter()
                .flatten()
                .any(|id| places.get(id).is_some_and(|p| name_key(&p.name) == key))
        }
        Term::Kind(kind) => t.kind == *kind,
        Term::Amount(test) => test.holds(t.amount),
        Term::Date { first, last } => *first <= t.date && t.date <= *last,
    }
}
