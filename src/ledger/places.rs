//! Adding places: accounts, cards and buckets, each with its opening balance.

use super::{locks, resolve, Ledger};
use crate::domain::place::{name_key, MAX_GRACE_DAYS};
use crate::domain::{BucketTerms, CardTerms, Money, Place, PlaceId, PlaceKind, Places, TxnDraft, TxnKind};
use crate::error::{refused, refused_with, Hint, Refusal, Result};
use crate::store::places::{self as place_rows, NewPlace};
use crate::store::txns;
use crate::store::Change;
use chrono::NaiveDate;
use rusqlite::Transaction;

/// A card to add.
pub struct NewCard<'a> {
    pub name: &'a str,
    pub statement_day: u32,
    pub grace_days: u32,
    pub limit: Option<Money>,
}

/// A bucket to add.
pub struct NewBucket<'a> {
    pub name: &'a str,
    pub target_monthly: Money,
    pub goal: Option<Money>,
    /// Name of the account that holds it.
    pub held_in: Option<&'a str>,
}

impl Ledger {
    pub fn add_account(&mut self, name: &str, kind: PlaceKind, opening: Money, date: NaiveDate) -> Result<PlaceId> {
        if !kind.is_account() {
            return refused(format!(
                "'{kind}' is not an account kind; use checking, savings, investment or cash"
            ));
        }
        self.store.write(|tx| {
            insert_place(
                tx,
                NewPlace {
                    name,
                    kind,
                    opened_on: date,
                    card: None,
                    bucket: None,
                    loan: None,
                },
                opening,
            )
        })
    }

    pub fn add_card(&mut self, card: &NewCard<'_>, opening: Money, date: NaiveDate) -> Result<PlaceId> {
        self.store.write(|tx| insert_card(tx, card, opening, date))
    }

    pub fn add_bucket(&mut self, bucket: &NewBucket<'_>, opening: Money, date: NaiveDate) -> Result<PlaceId> {
        self.store.write(|tx| {
            let places = Places::new(place_rows::all(tx)?);
            let held_in = match bucket.held_in {
                None => None,
                Some(name) => {
                    let id = resolve(&places, name)?;
                    let account = places.get(id).filter(|p| p.kind.is_account());
                    let Some(account) = account else {
                        return refused(format!(
                            "a bucket is held in an account; '{}' is a {}",
                            places.name(id),
                            places.kind(id).map_or("place", PlaceKind::as_str)
                        ));
                    };
                    if let Some(on) = account.archived_on {
                        return Refusal::new(format!("'{}' was archived on {on}", account.name))
                            .or("hold the bucket in an open account")
                            .hint(Hint::Unarchive {
                                place: account.name.clone(),
                            })
                            .err();
                    }
                    if account.opened_on > date {
                        return refused(format!(
                            "'{}' opened on {}; a bucket in it cannot open earlier, on {date}",
                            account.name, account.opened_on
                        ));
                    }
                    Some(id)
                }
            };
            let terms = BucketTerms {
                target_monthly: bucket.target_monthly,
                goal: bucket.goal,
                held_in,
            };
            let place = NewPlace {
                name: bucket.name,
                kind: PlaceKind::Bucket,
                opened_on: date,
                card: None,
                bucket: Some(terms),
                loan: None,
            };
            insert_place(tx, place, opening)
        })
    }
}

/// Checks a card's terms and stores it with its opening balance.
pub(super) fn insert_card(
    tx: &Transaction<'_>,
    card: &NewCard<'_>,
    opening: Money,
    date: NaiveDate,
) -> Result<(PlaceId, Change)> {
    check_statement_day(card.statement_day)?;
    check_grace_days(card.grace_days)?;
    if card.limit.is_some_and(|l| !l.is_positive()) {
        return refused_with(
            "the card limit must be more than zero",
            Hint::NoLimit { editing: false },
        );
    }
    let terms = CardTerms {
        statement_day: card.statement_day,
        grace_days: card.grace_days,
        limit: card.limit,
    };
    let place = NewPlace {
        name: card.name,
        kind: PlaceKind::Card,
        opened_on: date,
        card: Some(terms),
        bucket: None,
        loan: None,
    };
    insert_place(tx, place, opening)
}

pub(super) fn check_statement_day(day: u32) -> Result<()> {
    if !(1..=31).contains(&day) {
        return refused(format!(
            "statement day {day} is outside 1–31; give the day of the month the statement closes (31 means the month's last day)"
        ));
    }
    Ok(())
}

pub(super) fn check_grace_days(days: u32) -> Result<()> {
    if days > MAX_GRACE_DAYS {
        return refused(format!(
            "grace days {days} is more than {MAX_GRACE_DAYS}; give the days from statement to due date"
        ));
    }
    Ok(())
}

/// A new name for a place (`renaming` is the place being renamed, which may keep its own name in
/// another case): not empty, no control characters, unique whatever its case.
pub(super) fn check_name(tx: &Transaction<'_>, name: &str, renaming: Option<&Place>) -> Result<()> {
    let name = name.trim();
    if name.is_empty() {
        return refused("a place needs a name");
    }
    if name.chars().any(char::is_control) {
        return refused("a place name cannot contain control characters");
    }
    if let Some(existing) = place_rows::exists_named(tx, name)? {
        if renaming.is_none_or(|p| name_key(&p.name) != name_key(name)) {
            return refused(format!(
                "a place named '{existing}' already exists; names are unique whatever their case, so pick another"
            ));
        }
    }
    Ok(())
}

/// Stores a place and its opening transaction; names are unique in any case.
pub(super) fn insert_place(tx: &Transaction<'_>, place: NewPlace<'_>, opening: Money) -> Result<(PlaceId, Change)> {
    let name = place.name.trim();
    check_name(tx, name, None)?;
    locks::ensure_open(tx, place.opened_on)?;
    let id = place_rows::insert(tx, &place)?;
    let draft = TxnDraft {
        date: place.opened_on,
        kind: TxnKind::Opening,
        amount: opening,
        from: None,
        to: Some(id),
        category: None,
        description: "Opening balance".to_string(),
        splits: Vec::new(),
        tags: Vec::new(),
    };
    txns::insert(tx, &draft)?;
    let what = format!(
        "add {} '{name}' with {} on {}",
        place.kind,
        opening.grouped(),
        place.opened_on
    );
    Ok((id, Change::new("add", what)))
}
