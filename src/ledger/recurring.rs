//! Recurring items: add, edit, delete, list, what is due, and posting it (once: each occurrence records its item and date).

use super::txns::{check_draft, clean_category, clean_description, revalidate};
use super::{locks, resolve, Ledger};
use crate::domain::cadence::{Cadence, End, Schedule};
use crate::domain::recurring::{due, Occurrence, RecurringId, RecurringItem, RECURRING_KINDS};
use crate::domain::{Money, Places, TxnId, TxnKind};
use crate::error::{refused, refused_with, Error, Hint, Missing, Result};
use crate::store::Change;
use crate::store::{places as place_rows, recurring as rows, snapshots, txns};
use chrono::NaiveDate;
use rusqlite::Connection;

/// A recurring item as a person gives it: places by name, the cadence by name.
#[derive(Debug, Clone, Default)]
pub struct RecurringInput {
    pub kind: Option<TxnKind>,
    pub amount: Money,
    pub from: Option<String>,
    pub to: Option<String>,
    pub category: Option<String>,
    pub description: Option<String>,
    pub cadence: String,
    pub day: Option<u32>,
    pub start: Option<NaiveDate>,
    pub until: Option<NaiveDate>,
    pub count: Option<u32>,
}

/// Changes to a recurring item; `None` keeps a field. `until`/`count` of `Some(None)` remove the end.
#[derive(Debug, Clone, Default)]
pub struct RecurringEdit {
    pub amount: Option<Money>,
    pub from: Option<String>,
    pub to: Option<String>,
    pub category: Option<String>,
    pub description: Option<String>,
    pub cadence: Option<String>,
    pub day: Option<u32>,
    pub start: Option<NaiveDate>,
    pub until: Option<Option<NaiveDate>>,
    pub count: Option<Option<u32>>,
}

/// An occurrence that is due, with its item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DueItem {
    pub date: NaiveDate,
    pub item: RecurringItem,
}

/// An occurrence that was posted, and the transaction it became.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Posted {
    pub txn: TxnId,
    pub date: NaiveDate,
    pub item: RecurringItem,
}

impl Ledger {
    /// Every recurring item, by id.
    pub fn recurring(&self) -> Result<Vec<RecurringItem>> {
        Ok(rows::all(self.store.conn())?)
    }

    pub fn add_recurring(&mut self, input: &RecurringInput) -> Result<RecurringItem> {
        let today = self.today;
        self.store.write(|tx| {
            let places = Places::new(place_rows::all(tx)?);
            let kind = input.kind.unwrap_or(TxnKind::Expense);
            let start = input.start.unwrap_or(today);
            let cadence = Cadence::from_parts(&input.cadence, input.day, start)?;
            let end = end_of(input.until, input.count)?;
            let place = |name: &Option<String>| name.as_deref().map(|n| resolve(&places, n)).transpose();
            let mut item = RecurringItem {
                id: 0,
                kind,
                amount: input.amount,
                from: place(&input.from)?,
                to: place(&input.to)?,
                category: clean_category(input.category.as_deref())?,
                description: clean_description(input.description.as_deref())?,
                schedule: Schedule { cadence, start, end },
            };
            check_item(&places, &item)?;
            item.id = rows::insert(tx, &item)?;
            let what = format!("add recurring #{}: {} {}", item.id, item.kind, item.amount.grouped());
            Ok((item, Change::new("recurring", what)))
        })
    }

    pub fn edit_recurring(&mut self, id: RecurringId, edit: &RecurringEdit) -> Result<RecurringItem> {
        self.store.write(|tx| {
            let mut item = existing(tx, id)?;
            let places = Places::new(place_rows::all(tx)?);
            if let Some(amount) = edit.amount {
                item.amount = amount;
            }
            if let Some(name) = &edit.from {
                item.from = Some(resolve(&places, name)?);
            }
            if let Some(name) = &edit.to {
                item.to = Some(resolve(&places, name)?);
            }
            if let Some(category) = &edit.category {
                item.category = clean_category(Some(category))?;
            }
            if let Some(text) = &edit.description {
                item.description = clean_description(Some(text))?;
            }
            if let Some(start) = edit.start {
                item.schedule.start = start;
            }
            let old = item.schedule.cadence;
            if edit.cadence.is_some() || edit.day.is_some() {
                let name = edit.cadence.clone().unwrap_or_else(|| old.name().to_string());
                let day = edit.day.or_else(|| old.day().filter(|_| edit.cadence.is_none()));
                item.schedule.cadence = Cadence::from_parts(&name, day, item.schedule.start)?;
            }
            let (mut until, mut count) = match item.schedule.end {
                End::Never => (None, None),
                End::Until(d) => (Some(d), None),
                End::Count(n) => (None, Some(n)),
            };
            if let Some(u) = edit.until {
                until = u;
                count = count.filter(|_| u.is_none());
            }
            if let Some(c) = edit.count {
                count = c;
                until = until.filter(|_| c.is_none());
            }
            item.schedule.end = end_of(until, count)?;
            check_item(&places, &item)?;
            rows::update(tx, &item)?;
            let what = format!("edit recurring #{}", item.id);
            Ok((item, Change::new("recurring", what)))
        })
    }

    /// Deletes an item; the transactions it posted stay.
    pub fn delete_recurring(&mut self, id: RecurringId) -> Result<RecurringItem> {
        self.store.write(|tx| {
            let item = existing(tx, id)?;
            rows::delete(tx, id)?;
            Ok((item, Change::new("recurring", format!("delete recurring #{id}"))))
        })
    }

    /// Occurrences due on or before `through` and not posted (months already closed are left alone).
    pub fn due_recurring(&self, through: NaiveDate) -> Result<Vec<DueItem>> {
        self.store.read(|conn| due_items(conn, through))
    }

    /// Posts every occurrence due through `through` as a transaction, all or none; each is recorded with its
    /// item and date, so posting again creates nothing twice. With `dry_run`, nothing is stored.
    pub fn post_recurring(&mut self, through: NaiveDate, dry_run: bool) -> Result<Vec<Posted>> {
        let places = self.places()?;
        self.store.write_unless(dry_run, |tx| {
            let mut posted = Vec::new();
            for d in due_items(tx, through)? {
                let draft = d.item.draft(d.date);
                let context = |e: crate::error::Error| {
                    e.within(|e| {
                        format!(
                            "cannot post recurring item {} ({}) on {}: {e}; nothing was posted",
                            d.item.id,
                            d.item.label(),
                            d.date
                        )
                    })
                };
                check_draft(&places, &draft).map_err(context)?;
                locks::ensure_open(tx, d.date).map_err(context)?;
                let id = txns::insert(tx, &draft)?;
                rows::insert_post(tx, id, Some(d.item.id), d.date)?;
                posted.push(Posted {
                    txn: id,
                    date: d.date,
                    item: d.item,
                });
            }
            revalidate(tx).map_err(|e| e.within(|e| format!("{e}; nothing was posted")))?;
            let what = format!("post {} recurring transaction(s)", posted.len());
            Ok((posted, Change::new("recurring", what)))
        })
    }
}

/// The due occurrences with their items.
pub(super) fn due_items(conn: &Connection, through: NaiveDate) -> Result<Vec<DueItem>> {
    let items = rows::all(conn)?;
    let posted = rows::posted(conn)?;
    let locked = snapshots::latest_month(conn)?.map(crate::domain::Month::last_day);
    Ok(due(&items, &posted, locked, through)
        .into_iter()
        .filter_map(|Occurrence { item, date }| {
            items
                .iter()
                .find(|i| i.id == item)
                .map(|i| DueItem { date, item: i.clone() })
        })
        .collect())
}

fn existing(conn: &Connection, id: RecurringId) -> Result<RecurringItem> {
    match rows::get(conn, id)? {
        Some(item) => Ok(item),
        None => Err(Error::NotFound {
            kind: Missing::RecurringItem,
            name: id.to_string(),
        }),
    }
}

fn end_of(until: Option<NaiveDate>, count: Option<u32>) -> Result<End> {
    match (until, count) {
        (Some(_), Some(_)) => refused_with(
            "a recurring item ends on a date or after a number of times, not both",
            Hint::EndOrCount,
        ),
        (Some(d), None) => Ok(End::Until(d)),
        (None, Some(0)) => refused("the number of times must be 1 or more: how many times it happens in all"),
        (None, Some(n)) => Ok(End::Count(n)),
        (None, None) => Ok(End::Never),
    }
}

/// The rules of a transaction for each occurrence, plus the schedule's own.
fn check_item(places: &Places, item: &RecurringItem) -> Result<()> {
    if !RECURRING_KINDS.contains(&item.kind) {
        return refused(format!(
            "a recurring item is an expense, income or transfer; a {} cannot recur",
            item.kind
        ));
    }
    check_draft(places, &item.draft(item.schedule.start))?;
    if let End::Until(until) = item.schedule.end {
        if until < item.schedule.start {
            return refused_with(
                format!("the end date {until} is before the start {}", item.schedule.start),
                Hint::EndDate,
            );
        }
    }
    Ok(())
}
