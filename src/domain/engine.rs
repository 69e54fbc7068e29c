//! Replaying transactions: balances after each one, and each month's flows (income, expense, cash
//! outflow, savings added, what buckets paid, market change).

use super::calendar::Month;
use super::category::{category_key, UNCATEGORIZED};
use super::money::Money;
use super::place::{PlaceId, PlaceKind};
use super::places::Places;
use super::txn::{Txn, TxnId, TxnKind};
use chrono::NaiveDate;
use std::collections::{BTreeMap, HashMap};

/// Each place's own balance (for a card: the amount owed; for an account: the part not in its buckets).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Balances(HashMap<PlaceId, Money>);

impl Balances {
    pub fn from_map(map: HashMap<PlaceId, Money>) -> Self {
        Balances(map)
    }

    pub fn get(&self, id: PlaceId) -> Money {
        self.0.get(&id).copied().unwrap_or(Money::ZERO)
    }

    fn add(&mut self, id: PlaceId, amount: Money) {
        *self.0.entry(id).or_default() += amount;
    }

    /// What the bank shows for an account: its own balance plus its buckets.
    pub fn displayed(&self, places: &Places, id: PlaceId) -> Money {
        self.get(id) + places.buckets_in(id).map(|b| self.get(b.id)).sum()
    }

    pub fn total_assets(&self, places: &Places) -> Money {
        places
            .iter()
            .filter(|p| p.kind.is_asset())
            .map(|p| self.get(p.id))
            .sum()
    }

    pub fn total_card_debt(&self, places: &Places) -> Money {
        places.cards().map(|p| self.get(p.id)).sum()
    }

    pub fn total_loan_debt(&self, places: &Places) -> Money {
        places.loans().map(|p| self.get(p.id)).sum()
    }

    pub fn net_worth(&self, places: &Places) -> Money {
        self.total_assets(places) - self.total_card_debt(places) - self.total_loan_debt(places)
    }

    /// Spending accounts' own money minus every card's debt.
    pub fn free_cash(&self, places: &Places) -> Money {
        let spending: Money = places
            .iter()
            .filter(|p| p.kind.is_spending())
            .map(|p| self.get(p.id))
            .sum();
        spending - self.total_card_debt(places)
    }

    /// Savings places: savings and investment accounts and every bucket.
    pub fn total_savings(&self, places: &Places) -> Money {
        places
            .iter()
            .filter(|p| p.kind.is_savings())
            .map(|p| self.get(p.id))
            .sum()
    }

    /// Applies one transaction and returns its market change (non-zero only for a valuation).
    pub fn apply(&mut self, places: &Places, txn: &Txn) -> Money {
        match txn.kind {
            TxnKind::Expense => self.take(places, txn.from, txn.amount),
            TxnKind::Income | TxnKind::Refund => self.give(places, txn.to, txn.amount),
            TxnKind::Transfer => {
                self.take(places, txn.from, txn.amount);
                self.give(places, txn.to, txn.amount);
            }
            TxnKind::Opening => {
                if let Some(to) = txn.to {
                    self.add(to, txn.amount);
                    if let Some(account) = places.get(to).and_then(|p| p.held_in()) {
                        self.add(account, -txn.amount);
                    }
                }
            }
            TxnKind::Valuation => {
                if let Some(to) = txn.to {
                    let change = txn.amount - self.displayed(places, to);
                    self.add(to, change);
                    return change;
                }
            }
        }
        Money::ZERO
    }

    /// Money leaves a place: an asset goes down, a card's or loan's debt goes up.
    fn take(&mut self, places: &Places, id: Option<PlaceId>, amount: Money) {
        if let Some(id) = id {
            let sign = if places.kind(id).is_some_and(PlaceKind::is_liability) {
                amount
            } else {
                -amount
            };
            self.add(id, sign);
        }
    }

    /// Money arrives at a place: an asset goes up, a card's or loan's debt goes down.
    fn give(&mut self, places: &Places, id: Option<PlaceId>, amount: Money) {
        if let Some(id) = id {
            let sign = if places.kind(id).is_some_and(PlaceKind::is_liability) {
                -amount
            } else {
                amount
            };
            self.add(id, sign);
        }
    }
}

/// The flows of one month, plus what the identities need.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MonthFlows {
    pub total_income: Money,
    pub total_expense: Money,
    pub cash_outflow: Money,
    pub savings_added: Money,
    pub from_buckets: Money,
    pub market_change: Money,
    /// Borrowing: transfers from cards or loans into asset places (cash advances, loan disbursements).
    pub cash_advances: Money,
    /// Openings as they change net worth (card and loan openings negative, bucket-in-account openings zero).
    pub openings: Money,
    /// Openings as they change the sum of asset places.
    pub asset_openings: Money,
    /// Money moved or paid into each bucket (transfers and income, openings excluded).
    pub bucket_added: HashMap<PlaceId, Money>,
    /// Each loan's payments: transfers to it.
    pub loan_paid: HashMap<PlaceId, Money>,
    /// Each loan's charges: expenses on it, net of refunds to it.
    pub loan_charged: HashMap<PlaceId, Money>,
    /// Each category's expense (net of refunds) and income, by its stored spelling (one spelling per
    /// category but for `Uncategorized`, which [`MonthFlows::category_lines`] folds): no case folding
    /// per transaction.
    categories: BTreeMap<String, CategoryFlow>,
}

/// One category's figures in a month: the spelling it was first given, expense net of refunds, income.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CategoryFlow {
    pub name: String,
    pub expense: Money,
    pub income: Money,
}

impl MonthFlows {
    /// Day-to-day spending: expenses not funded by a bucket.
    pub fn day_to_day_spending(&self) -> Money {
        self.total_expense - self.from_buckets
    }

    pub fn bucket_added(&self, id: PlaceId) -> Money {
        self.bucket_added.get(&id).copied().unwrap_or(Money::ZERO)
    }

    pub fn loan_paid(&self, id: PlaceId) -> Money {
        self.loan_paid.get(&id).copied().unwrap_or(Money::ZERO)
    }

    pub fn loan_charged(&self, id: PlaceId) -> Money {
        self.loan_charged.get(&id).copied().unwrap_or(Money::ZERO)
    }

    /// Each category's figures, sorted by lower-case name, spellings of one category folded together.
    pub fn category_lines(&self) -> Vec<CategoryFlow> {
        let mut folded: BTreeMap<String, CategoryFlow> = BTreeMap::new();
        for flow in self.categories.values() {
            let entry = folded.entry(category_key(&flow.name)).or_insert_with(|| CategoryFlow {
                name: flow.name.clone(),
                ..CategoryFlow::default()
            });
            entry.expense += flow.expense;
            entry.income += flow.income;
        }
        folded.into_values().collect()
    }

    /// Counts a transaction's category lines: `expense_sign` 1 for an expense, −1 for a refund, 0 for income.
    fn record_categories(&mut self, txn: &Txn, expense_sign: i8) {
        for (category, amount) in txn.category_lines() {
            let name = category.unwrap_or(UNCATEGORIZED);
            if !self.categories.contains_key(name) {
                let flow = CategoryFlow {
                    name: name.to_string(),
                    ..CategoryFlow::default()
                };
                self.categories.insert(name.to_string(), flow);
            }
            let Some(entry) = self.categories.get_mut(name) else {
                continue;
            };
            match expense_sign {
                1 => entry.expense += amount,
                -1 => entry.expense -= amount,
                _ => entry.income += amount,
            }
        }
    }

    /// Counts one transaction; `market_change` is what applying it returned.
    pub fn record(&mut self, places: &Places, txn: &Txn, market_change: Money) {
        let kind_of = |id: Option<PlaceId>| id.and_then(|i| places.kind(i));
        let from = kind_of(txn.from);
        let to = kind_of(txn.to);
        let amount = txn.amount;
        let is_asset = |k: Option<PlaceKind>| k.is_some_and(PlaceKind::is_asset);
        let is_bucket = |k: Option<PlaceKind>| k == Some(PlaceKind::Bucket);
        let is_card = |k: Option<PlaceKind>| k == Some(PlaceKind::Card);
        let is_loan = |k: Option<PlaceKind>| k == Some(PlaceKind::Loan);
        let is_liability = |k: Option<PlaceKind>| k.is_some_and(PlaceKind::is_liability);
        let is_savings = |k: Option<PlaceKind>| k.is_some_and(PlaceKind::is_savings);
        match txn.kind {
            TxnKind::Income => {
                self.total_income += amount;
                self.add_to_bucket(txn.to, to, amount);
                self.record_categories(txn, 0);
            }
            TxnKind::Expense => {
                self.total_expense += amount;
                if is_asset(from) {
                    self.cash_outflow += amount;
                }
                if is_bucket(from) {
                    self.from_buckets += amount;
                }
                if let (Some(id), true) = (txn.from, is_loan(from)) {
                    *self.loan_charged.entry(id).or_default() += amount;
                }
                self.record_categories(txn, 1);
            }
            TxnKind::Refund => {
                self.total_expense -= amount;
                if is_asset(to) {
                    self.cash_outflow -= amount;
                }
                if is_bucket(to) {
                    self.from_buckets -= amount;
                }
                if let (Some(id), true) = (txn.to, is_loan(to)) {
                    *self.loan_charged.entry(id).or_default() -= amount;
                }
                self.record_categories(txn, -1);
            }
            TxnKind::Transfer => {
                if is_asset(from) && is_liability(to) {
                    self.cash_outflow += amount;
                }
                let bucket_pays_card = is_bucket(from) && is_card(to);
                if bucket_pays_card {
                    self.from_buckets += amount;
                }
                if is_liability(from) && is_asset(to) {
                    self.cash_advances += amount;
                }
                if let (Some(id), true) = (txn.to, is_loan(to)) {
                    *self.loan_paid.entry(id).or_default() += amount;
                }
                // Paying a card from a bucket is planned spending (from_buckets), not a withdrawal of savings.
                match (is_savings(from), is_savings(to)) {
                    (false, true) => self.savings_added += amount,
                    (true, false) if !bucket_pays_card => self.savings_added -= amount,
                    _ => {}
                }
                self.add_to_bucket(txn.to, to, amount);
            }
            TxnKind::Valuation => self.market_change += market_change,
            TxnKind::Opening => {
                let allocation = txn.to.and_then(|id| places.get(id)).and_then(|p| p.held_in()).is_some();
                if is_liability(to) {
                    self.openings -= amount;
                } else if !allocation {
                    self.openings += amount;
                    self.asset_openings += amount;
                }
            }
        }
    }

    fn add_to_bucket(&mut self, id: Option<PlaceId>, kind: Option<PlaceKind>, amount: Money) {
        if let (Some(id), Some(PlaceKind::Bucket)) = (id, kind) {
            *self.bucket_added.entry(id).or_default() += amount;
        }
    }
}

/// A transaction that would leave a bucket below zero.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("bucket '{bucket}' would go below zero on {date}: it would hold {balance} there and a transaction that day takes {amount}; buckets never go below zero, so fund it first or take less")]
pub struct BucketBelowZero {
    pub bucket: String,
    pub date: NaiveDate,
    pub balance: Money,
    pub amount: Money,
}

/// A transaction that would make a balance or a month's figure too large to keep exactly (in 64-bit cents).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("transaction #{id} on {date} would make {what} larger than pfos can keep exactly ({limit}); nothing was changed: split such sums over several places or months, or check the amount")]
pub struct TooLarge {
    pub id: TxnId,
    pub date: NaiveDate,
    pub what: String,
    pub limit: Money,
}

/// Why a replay stopped.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReplayError {
    #[error(transparent)]
    BucketBelowZero(#[from] BucketBelowZero),
    #[error(transparent)]
    TooLarge(#[from] TooLarge),
}

/// Month-by-month result of replaying transactions from a checkpoint.
#[derive(Debug, Clone, Default)]
pub struct Replay {
    /// Balances after every replayed transaction.
    pub balances: Balances,
    /// Flows of each month that had a transaction.
    pub months: BTreeMap<Month, MonthFlows>,
    /// Balances at the end of each month that had a transaction.
    pub month_end: BTreeMap<Month, Balances>,
}

impl Replay {
    /// Balances at the end of `month`: the last month-end at or before it, else the start.
    pub fn balances_at_end_of(&self, month: Month, start: &Balances) -> Balances {
        self.month_end
            .range(..=month)
            .next_back()
            .map_or_else(|| start.clone(), |(_, b)| b.clone())
    }
}

/// Replays `txns` (sorted by date, then id) on top of `start`, refusing any that drives a bucket below zero
/// or makes a balance or a month's figure too large to store exactly.
pub fn replay(places: &Places, start: &Balances, txns: &[Txn]) -> Result<Replay, ReplayError> {
    let mut out = Replay {
        balances: start.clone(),
        ..Replay::default()
    };
    let mut current: Option<Month> = None;
    for txn in txns {
        let month = Month::of(txn.date);
        if let Some(prev) = current.filter(|&m| m != month) {
            out.month_end.insert(prev, out.balances.clone());
        }
        current = Some(month);
        let bucket_before = txn
            .from
            .filter(|&id| places.kind(id) == Some(PlaceKind::Bucket))
            .map(|id| (id, out.balances.get(id)));
        let change = out.balances.apply(places, txn);
        if let Some((id, before)) = bucket_before {
            if out.balances.get(id).is_negative() {
                return Err(BucketBelowZero {
                    bucket: places.name(id).to_string(),
                    date: txn.date,
                    balance: before,
                    amount: txn.amount,
                }
                .into());
            }
        }
        let flows = out.months.entry(month).or_default();
        flows.record(places, txn, change);
        if let Some(what) = too_large(places, &out.balances, flows, txn) {
            return Err(TooLarge {
                id: txn.id,
                date: txn.date,
                what,
                limit: Money::from_cents(Money::MAX_STORED_CENTS),
            }
            .into());
        }
    }
    if let Some(month) = current {
        out.month_end.insert(month, out.balances.clone());
    }
    Ok(out)
}

/// What `txn` made too large to store, if anything: a place it touched, or a figure of its month. Net
/// worth and the other totals are sums of these, checked when they are stored.
fn too_large(places: &Places, balances: &Balances, flows: &MonthFlows, txn: &Txn) -> Option<String> {
    for id in [txn.from, txn.to].into_iter().flatten() {
        if !balances.get(id).fits_stored() {
            return Some(format!("'{}''s balance", places.name(id)));
        }
    }
    let figures = [
        ("the month's income", flows.total_income),
        ("the month's spending", flows.total_expense),
        ("the month's cash outflow", flows.cash_outflow),
        ("the month's savings added", flows.savings_added),
        ("the month's market change", flows.market_change),
    ];
    figures
        .into_iter()
        .find(|(_, value)| !value.fits_stored())
        .map(|(what, _)| what.to_string())
}

#[cfg(test)]
mod tests;
