//! Recurring items: an expense, income or transfer that happens on a schedule, and which occurrences are due.

use super::cadence::Schedule;
use super::money::Money;
use super::place::PlaceId;
use super::txn::{Txn, TxnDraft, TxnKind};
use chrono::NaiveDate;
use std::collections::HashSet;

/// Database identity of a recurring item.
pub type RecurringId = i64;

/// The kinds a recurring item may have: money spent, earned or moved.
pub const RECURRING_KINDS: [TxnKind; 3] = [TxnKind::Expense, TxnKind::Income, TxnKind::Transfer];

/// One posted occurrence: the transaction, the item (gone if deleted since) and the scheduled date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Post {
    pub txn: super::TxnId,
    pub item: Option<RecurringId>,
    pub date: NaiveDate,
}

/// Something that happens again and again, like rent, a salary or a monthly transfer to a bucket.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecurringItem {
    pub id: RecurringId,
    pub kind: TxnKind,
    pub amount: Money,
    pub from: Option<PlaceId>,
    pub to: Option<PlaceId>,
    pub category: Option<String>,
    pub description: String,
    pub schedule: Schedule,
}

impl RecurringItem {
    /// The transaction one occurrence posts.
    pub fn draft(&self, date: NaiveDate) -> TxnDraft {
        TxnDraft {
            date,
            kind: self.kind,
            amount: self.amount,
            from: self.from,
            to: self.to,
            category: self.category.clone(),
            description: self.description.clone(),
            splits: Vec::new(),
            tags: Vec::new(),
        }
    }

    /// A transaction just like one of this item's occurrences: same kind, amount and places. Past rent
    /// entered by hand before the item existed is the item's, not part of the usual rest.
    pub fn matches(&self, txn: &Txn) -> bool {
        txn.kind == self.kind && txn.amount == self.amount && txn.from == self.from && txn.to == self.to
    }

    /// A short name for lists and forecast drivers: the description, else the category, else the kind.
    pub fn label(&self) -> String {
        if !self.description.is_empty() {
            self.description.clone()
        } else if let Some(c) = &self.category {
            c.clone()
        } else {
            self.kind.to_string()
        }
    }
}

/// One occurrence of a recurring item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Occurrence {
    pub item: RecurringId,
    pub date: NaiveDate,
}

/// Occurrences that are due: dated after `locked_through` (the latest closed month's last day, if any)
/// and on or before `through`, and not posted yet; by date, then item.
pub fn due(
    items: &[RecurringItem],
    posted: &HashSet<(RecurringId, NaiveDate)>,
    locked_through: Option<NaiveDate>,
    through: NaiveDate,
) -> Vec<Occurrence> {
    let mut out = Vec::new();
    for item in items {
        let from = locked_through
            .and_then(|d| d.succ_opt())
            .map_or(item.schedule.start, |d| d.max(item.schedule.start));
        for date in item.schedule.between(from, through) {
            if !posted.contains(&(item.id, date)) {
                out.push(Occurrence { item: item.id, date });
            }
        }
    }
    out.sort_by_key(|o| (o.date, o.item));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::cadence::{Cadence, End};
    use crate::domain::calendar::parse_date;

    fn d(text: &str) -> NaiveDate {
        parse_date(text).unwrap_or_else(|e| panic!("{e}"))
    }

    fn item(id: RecurringId, cadence: Cadence, start: &str) -> RecurringItem {
        RecurringItem {
            id,
            kind: TxnKind::Expense,
            amount: Money::from_cents(1000),
            from: Some(1),
            to: None,
            category: Some("Rent".into()),
            description: String::new(),
            schedule: Schedule {
                cadence,
                start: d(start),
                end: End::Never,
            },
        }
    }

    #[test]
    fn due_leaves_out_what_is_posted_and_what_is_locked() {
        let items = [
            item(1, Cadence::Monthly { day: 1 }, "2025-01-01"),
            item(2, Cadence::Weekly, "2025-03-20"),
        ];
        let mut posted = HashSet::new();
        posted.insert((1, d("2025-03-01")));
        let found = due(&items, &posted, Some(d("2025-02-28")), d("2025-04-01"));
        let shown: Vec<(RecurringId, String)> = found.iter().map(|o| (o.item, o.date.to_string())).collect();
        assert_eq!(
            shown,
            [
                (2, "2025-03-20".to_string()),
                (2, "2025-03-27".to_string()),
                (1, "2025-04-01".to_string()),
            ]
        );
        // Once everything is posted, nothing is due: posting twice creates nothing twice.
        for o in &found {
            posted.insert((o.item, o.date));
        }
        assert!(due(&items, &posted, Some(d("2025-02-28")), d("2025-04-01")).is_empty());
    }

    #[test]
    fn labels_prefer_the_description() {
        let mut i = item(1, Cadence::Yearly, "2025-01-01");
        assert_eq!(i.label(), "Rent");
        i.description = "Flat on Elm St".into();
        assert_eq!(i.label(), "Flat on Elm St");
        assert_eq!(i.draft(d("2025-02-01")).date, d("2025-02-01"));
    }
}
