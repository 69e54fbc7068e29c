//! A place's life: renaming, changing its terms (from a month on, or at once), archiving,
//! unarchiving and removing.

use super::loans::check_loan_terms;
use super::payoff::{merged, RatesEdit};
use super::places::{check_grace_days, check_name, check_statement_day};
use super::{resolve, Ledger, State};
use crate::domain::payoff::CardRates;
use crate::domain::{Money, Month, Place, PlaceClass, Places, TermsChange};
use crate::error::{refused, refused_with, Hint, Refusal, Result};
use crate::store::card_rates;
use crate::store::place_uses::{self, PlaceUses};
use crate::store::{place_terms, places as place_rows, snapshots, txns, Change};
use chrono::NaiveDate;
use rusqlite::Transaction;

/// Changes to a place; `None` keeps what is there.
#[derive(Debug, Clone, Default)]
pub struct PlaceEdit {
    pub rename: Option<String>,
    /// The month a new statement day, grace days or monthly target apply from (default: this month).
    pub from: Option<Month>,
    pub statement_day: Option<u32>,
    pub grace_days: Option<u32>,
    /// A card's limit; `Some(None)` removes it.
    pub limit: Option<Option<Money>>,
    /// A card's APR and minimum-payment rule; for a loan, `rates.apr` is its APR.
    pub rates: RatesEdit,
    pub target_monthly: Option<Money>,
    /// A bucket's goal; `Some(None)` removes it.
    pub goal: Option<Option<Money>>,
    pub payment: Option<Money>,
    pub payment_day: Option<u32>,
    /// A new kind for an account: never possible, always refused.
    pub kind: Option<String>,
    /// A new account for a bucket: never possible, always refused.
    pub held_in: Option<String>,
}

impl PlaceEdit {
    /// Whether a term that changes from a month on is given.
    fn changes_from_a_month(&self) -> bool {
        self.statement_day.is_some() || self.grace_days.is_some() || self.target_monthly.is_some()
    }

    fn changes_rates(&self) -> bool {
        self.rates.apr.is_some() || self.rates.min_percent_bp.is_some() || self.rates.min_floor.is_some()
    }

    fn is_empty(&self) -> bool {
        self.rename.is_none()
            && !self.changes_from_a_month()
            && !self.changes_rates()
            && self.limit.is_none()
            && self.goal.is_none()
            && self.payment.is_none()
            && self.payment_day.is_none()
    }
}

/// What an edit did.
#[derive(Debug, Clone)]
pub struct Edited {
    /// The place as it is now (under its new name, with its new terms).
    pub place: Place,
    pub old_name: String,
    /// The month the new statement day, grace days or target apply from, when one was given.
    pub from: Option<Month>,
    /// A card's rates as they are now, when they changed.
    pub rates: Option<CardRates>,
}

impl Ledger {
    /// Renames a place and changes its terms: a card's statement and grace days and a bucket's monthly
    /// target from a month on (after the latest closed month, so no closed month changes), everything
    /// else at once.
    pub fn edit_place(&mut self, class: PlaceClass, name: &str, edit: &PlaceEdit) -> Result<Edited> {
        let this_month = Month::of(self.today);
        self.store.write(|tx| {
            let places = Places::new(place_rows::all(tx)?);
            let place = place_of(&places, class, name)?.clone();
            refuse_fixed_terms(&places, &place, edit)?;
            check_applies(class, edit)?;
            let from = match (edit.changes_from_a_month(), edit.from) {
                (true, given) => Some((given.unwrap_or(this_month), given.is_some())),
                (false, Some(_)) => return from_alone(class).err(),
                (false, None) => None,
            };
            if edit.is_empty() {
                return nothing_to_change(class).err();
            }
            if let Some((from, given)) = from {
                check_from(tx, from, given)?;
            }
            let from = from.map(|(from, _)| from);
            check_values(&place, edit)?;
            let mut what = Vec::new();
            if let Some(new) = &edit.rename {
                check_name(tx, new, Some(&place))?;
                place_rows::rename(tx, place.id, new)?;
                what.push(format!("rename to '{}'", new.trim()));
            }
            if let Some(from) = from {
                let change = TermsChange {
                    from,
                    statement_day: edit.statement_day,
                    grace_days: edit.grace_days,
                    target_monthly: edit.target_monthly,
                };
                place_terms::insert(tx, place.id, &change)?;
                what.push(format!("new terms from {from}"));
            }
            if let Some(now) = with_immediate_terms(&place, edit) {
                place_rows::set_immediate_terms(tx, &now)?;
                what.push("new terms at once".to_string());
            }
            let rates = if class == PlaceClass::Card && edit.changes_rates() {
                let now = card_rates::all(tx)?.get(&place.id).copied().unwrap_or_default();
                let rates = merged(now, edit.rates);
                card_rates::set(tx, place.id, &rates)?;
                what.push("new rates".to_string());
                Some(rates)
            } else {
                None
            };
            let after = Places::new(place_rows::all(tx)?);
            let Some(now) = after.get(place.id).cloned() else {
                return refused(format!(
                    "'{}' was removed while it was being edited; nothing was changed",
                    place.name
                ));
            };
            let summary = format!("edit {} '{}': {}", class.noun(), place.name, what.join(", "));
            let edited = Edited {
                place: now,
                old_name: place.name,
                from,
                rates,
            };
            Ok((edited, Change::new("edit", summary)))
        })
    }

    /// Archives a place on `date` (default today): its balance is zero then, nothing is dated after it,
    /// and it is after the latest closed month. Returns the place as archived.
    pub fn archive_place(&mut self, name: &str, date: Option<NaiveDate>) -> Result<Place> {
        let date = date.unwrap_or(self.today);
        self.store.write(|tx| {
            let places = Places::new(place_rows::all(tx)?);
            let id = resolve(&places, name)?;
            let Some(place) = places.get(id).cloned() else {
                return refused(format!("no place named '{name}'"));
            };
            if let Some(on) = place.archived_on {
                return refused_with(
                    format!("'{}' is already archived, on {on} (to archive it on another date, unarchive it first)", place.name),
                    Hint::Unarchive { place: place.name },
                );
            }
            if date < place.opened_on {
                return refused(format!(
                    "'{}' opened on {}; archive it on that date or later (not {date})",
                    place.name, place.opened_on
                ));
            }
            if let Some(latest) = snapshots::latest_month(tx)? {
                if date <= latest.last_day() {
                    return refused(format!(
                        "{date} is not after the latest closed month {latest}, and no closed month changes; archive '{}' on {} or later",
                        place.name,
                        latest.next().first_day()
                    ));
                }
            }
            let later = place_uses::txns_after(tx, id, date)?;
            if let (Some((first_id, first_date)), Some(last)) = (later.first, later.last) {
                let later = later.count;
                return refused(format!(
                    "'{}' has {} dated after {date} (the first #{first_id} on {first_date}); archive it on {last} or later, or move {} to another place first",
                    place.name,
                    plural(later, "transaction", "transactions"),
                    if later == 1 { "it" } else { "them" }
                ));
            }
            let state = State::load(tx, None)?;
            let balance = state.balances().get(id);
            if !balance.is_zero() {
                return not_zero(&place, &places, balance, date).err();
            }
            let held: Vec<&str> = places
                .buckets_in(id)
                .filter(|b| b.archived_on.is_none())
                .map(|b| b.name.as_str())
                .collect();
            if let Some(bucket) = held.first() {
                let reason = format!(
                    "'{}' holds {} {}, which must be archived first (a bucket stays in its account)",
                    place.name,
                    if held.len() == 1 { "the bucket" } else { "the buckets" },
                    and_list(&held.iter().map(|b| format!("'{b}'")).collect::<Vec<_>>()),
                );
                let first = Hint::ArchiveBucketsFirst {
                    bucket: bucket.to_string(),
                    several: held.len() > 1,
                };
                return refused_with(reason, first);
            }
            place_rows::set_archived(tx, id, Some(date))?;
            let mut archived = place.clone();
            archived.archived_on = Some(date);
            let summary = format!("archive {} '{}' on {date}", place.kind, place.name);
            Ok((archived, Change::new("archive", summary)))
        })
    }

    /// Lifts a place's archive. Returns the place and the date it had been archived on.
    pub fn unarchive_place(&mut self, name: &str) -> Result<(Place, NaiveDate)> {
        self.store.write(|tx| {
            let places = Places::new(place_rows::all(tx)?);
            let id = resolve(&places, name)?;
            let Some(place) = places.get(id).cloned() else {
                return refused(format!("no place named '{name}'"));
            };
            let Some(on) = place.archived_on else {
                let listed = Hint::ListArchived(PlaceClass::of(place.kind));
                return refused_with(format!("'{}' is not archived", place.name), listed);
            };
            // Closed months keep the places they listed (their snapshots say which), so none changes.
            if let Some(account) = place.held_in().and_then(|a| places.get(a)) {
                if account.archived_on.is_some() {
                    return refused_with(
                        format!("'{}' is held in '{}', which is archived", place.name, account.name),
                        Hint::Unarchive {
                            place: account.name.clone(),
                        },
                    );
                }
            }
            place_rows::set_archived(tx, id, None)?;
            let mut open = place.clone();
            open.archived_on = None;
            let summary = format!("unarchive {} '{}' (archived on {on})", place.kind, place.name);
            Ok(((open, on), Change::new("unarchive", summary)))
        })
    }

    /// Removes a place that nothing but its own opening refers to, the opening with it.
    pub fn remove_place(&mut self, name: &str) -> Result<Place> {
        self.store.write(|tx| {
            let places = Places::new(place_rows::all(tx)?);
            let id = resolve(&places, name)?;
            let Some(place) = places.get(id).cloned() else {
                return refused(format!("no place named '{name}'"));
            };
            let uses = place_uses::of(tx, id)?;
            let instead = Hint::ArchiveInstead {
                place: place.name.clone(),
            };
            let used_by = uses_in_words(&uses);
            if !used_by.is_empty() {
                return refused_with(format!("'{}' is used by {}", place.name, and_list(&used_by)), instead);
            }
            let latest = snapshots::latest_month(tx)?;
            if let Some(latest) = latest.filter(|l| place.opened_on <= l.last_day() || uses.snapshots > 0) {
                let reason = format!(
                    "'{}' opened on {}, which is not after the latest closed month {latest}, and closed months keep their places",
                    place.name, place.opened_on
                );
                return refused_with(reason, instead);
            }
            remove(tx, &place)?;
            let summary = format!("remove {} '{}'", place.kind, place.name);
            Ok((place, Change::new("remove", summary)))
        })
    }
}

/// Deletes a place with its opening and its terms.
fn remove(tx: &Transaction<'_>, place: &Place) -> Result<()> {
    while let Some(opening) = place_uses::opening_of(tx, place.id)? {
        txns::delete(tx, opening)?;
    }
    place_rows::delete(tx, place.id)?;
    Ok(())
}

/// The place named `name`, which the `class` edit command reaches.
fn place_of<'a>(places: &'a Places, class: PlaceClass, name: &str) -> Result<&'a Place> {
    let id = resolve(places, name)?;
    let Some(place) = places.get(id) else {
        return refused(format!("no place named '{name}'"));
    };
    let actual = PlaceClass::of(place.kind);
    if actual != class {
        let what = match actual {
            PlaceClass::Account => format!("a {} account", place.kind),
            other => format!("a {}", other.noun()),
        };
        let as_it_is = Hint::EditAs {
            class: actual,
            place: place.name.clone(),
        };
        return refused_with(format!("'{}' is {what}, not {}", place.name, class.a_noun()), as_it_is);
    }
    Ok(place)
}

/// An account's kind and a bucket's account never change: open a new place and transfer instead.
fn refuse_fixed_terms(places: &Places, place: &Place, edit: &PlaceEdit) -> Result<()> {
    if let Some(kind) = &edit.kind {
        let instead = Hint::NewAccountInstead {
            kind: kind.trim().to_string(),
            place: place.name.clone(),
        };
        return refused_with(
            format!(
                "an account's kind never changes ('{}' stays {})",
                place.name, place.kind
            ),
            instead,
        );
    }
    if let Some(account) = &edit.held_in {
        let now = place
            .held_in()
            .and_then(|a| places.get(a))
            .map_or("no account".to_string(), |a| format!("'{}'", a.name));
        let instead = Hint::NewBucketInstead {
            account: account.trim().to_string(),
            place: place.name.clone(),
        };
        return refused_with(
            format!(
                "the account a bucket is held in never changes ('{}' stays in {now})",
                place.name
            ),
            instead,
        );
    }
    Ok(())
}

/// Refuses terms the place does not have (the command line offers only the right ones).
fn check_applies(class: PlaceClass, edit: &PlaceEdit) -> Result<()> {
    use PlaceClass::*;
    let given: [(&str, bool, &[PlaceClass]); 9] = [
        ("statement day", edit.statement_day.is_some(), &[Card]),
        ("grace days", edit.grace_days.is_some(), &[Card]),
        ("limit", edit.limit.is_some(), &[Card]),
        ("APR", edit.rates.apr.is_some(), &[Card, Loan]),
        (
            "minimum-payment rule",
            edit.rates.min_percent_bp.is_some() || edit.rates.min_floor.is_some(),
            &[Card],
        ),
        ("monthly target", edit.target_monthly.is_some(), &[Bucket]),
        ("goal", edit.goal.is_some(), &[Bucket]),
        ("scheduled payment", edit.payment.is_some(), &[Loan]),
        ("payment day", edit.payment_day.is_some(), &[Loan]),
    ];
    for (what, is_given, classes) in given {
        if is_given && !classes.contains(&class) {
            return refused(format!("{} has no {what}; leave it out", class.a_noun()));
        }
    }
    Ok(())
}

fn nothing_to_change(class: PlaceClass) -> Refusal {
    Refusal::new("nothing to change").hint(Hint::ChangeTerms(class))
}

/// A from month with no term that changes from a month.
fn from_alone(class: PlaceClass) -> Refusal {
    let reason = match class {
        PlaceClass::Card => "a from month says when a new statement day or grace days apply".to_string(),
        PlaceClass::Bucket => "a from month says when a new monthly target applies".to_string(),
        other => format!("{}'s terms change at once, from no month", other.a_noun()),
    };
    Refusal::new(reason).hint(Hint::FromNeedsTerm(class))
}

/// Terms change only from a month after the latest closed month, so no closed month changes.
fn check_from(tx: &Transaction<'_>, from: Month, given: bool) -> Result<()> {
    let Some(latest) = snapshots::latest_month(tx)? else {
        return Ok(());
    };
    if from > latest {
        return Ok(());
    }
    let reason = if given {
        format!("the from month {from} is not after the latest closed month {latest}, and no closed month changes")
    } else {
        format!("this month, {from}, is closed, and no closed month changes")
    };
    refused_with(reason, Hint::FromMonth { first: latest.next() })
}

fn check_values(place: &Place, edit: &PlaceEdit) -> Result<()> {
    if let Some(day) = edit.statement_day {
        check_statement_day(day)?;
    }
    if let Some(days) = edit.grace_days {
        check_grace_days(days)?;
    }
    if edit.limit.is_some_and(|l| l.is_some_and(|l| !l.is_positive())) {
        return refused_with("the card limit must be more than zero", Hint::NoLimit { editing: true });
    }
    if edit.goal.is_some_and(|g| g.is_some_and(|g| !g.is_positive())) {
        return refused_with("the goal must be more than zero", Hint::NoGoal);
    }
    if edit.target_monthly.is_some_and(Money::is_negative) {
        return refused("the monthly target cannot be negative; give 0 for none");
    }
    if let (Some(terms), true) = (place.loan, edit.payment.is_some() || edit.payment_day.is_some()) {
        check_loan_terms(
            edit.payment.unwrap_or(terms.payment),
            edit.payment_day.unwrap_or(terms.payment_day),
        )?;
    }
    Ok(())
}

/// The place with the terms that change at once changed, when any is given.
fn with_immediate_terms(place: &Place, edit: &PlaceEdit) -> Option<Place> {
    let mut now = place.clone();
    let mut changed = false;
    if let (Some(limit), Some(card)) = (edit.limit, now.card.as_mut()) {
        card.limit = limit;
        changed = true;
    }
    if let (Some(goal), Some(bucket)) = (edit.goal, now.bucket.as_mut()) {
        bucket.goal = goal;
        changed = true;
    }
    if let Some(loan) = now.loan.as_mut() {
        if let Some(apr) = edit.rates.apr {
            loan.apr = apr;
            changed = true;
        }
        if let Some(payment) = edit.payment {
            loan.payment = payment;
            changed = true;
        }
        if let Some(day) = edit.payment_day {
            loan.payment_day = day;
            changed = true;
        }
    }
    changed.then_some(now)
}

/// Why a place cannot be archived with this balance, and how to bring it to zero.
fn not_zero(place: &Place, places: &Places, balance: Money, date: NaiveDate) -> Refusal {
    let amount = if balance.is_negative() { -balance } else { balance };
    let own = if places.buckets_in(place.id).next().is_some() {
        " of its own (its buckets aside)"
    } else {
        ""
    };
    let what = match (place.kind.is_liability(), balance.is_positive()) {
        (true, true) => format!("owes {}", amount.grouped()),
        (true, false) => format!("is {} in credit", amount.grouped()),
        (false, true) => format!("holds {}{own}", amount.grouped()),
        (false, false) => format!("is {} below zero{own}", amount.grouped()),
    };
    let name = place.name.clone();
    let fix = if place.kind.is_liability() && balance.is_positive() {
        Hint::PayOff { place: name, amount }
    } else if balance.is_positive() {
        Hint::MoveMoneyOut { place: name, amount }
    } else {
        Hint::BringToZero { place: name, amount }
    };
    let reason = format!(
        "'{}' {what} on {date}, and a place is archived only when its balance is zero",
        place.name
    );
    Refusal::new(reason).hint(fix)
}

/// What refers to a place, in words: "12 transactions (the first #14 on 2025-09-03)", "1 rule"…
fn uses_in_words(uses: &PlaceUses) -> Vec<String> {
    let mut out = Vec::new();
    if uses.txns > 0 {
        let first = uses
            .first_txn
            .map(|(id, date)| format!(" (the first #{id} on {date})"))
            .unwrap_or_default();
        out.push(format!("{}{first}", plural(uses.txns, "transaction", "transactions")));
    }
    if uses.recurring > 0 {
        out.push(plural(uses.recurring, "recurring item", "recurring items"));
    }
    if uses.rules > 0 {
        out.push(plural(uses.rules, "rule", "rules"));
    }
    if uses.reconciliations > 0 {
        out.push(plural(uses.reconciliations, "reconciliation", "reconciliations"));
    }
    if uses.txns == 0 && uses.loan_interest > 0 {
        out.push(plural(uses.loan_interest, "month of interest", "months of interest"));
    }
    if !uses.buckets.is_empty() {
        let names: Vec<String> = uses.buckets.iter().map(|b| format!("'{b}'")).collect();
        let noun = if names.len() == 1 { "the bucket" } else { "the buckets" };
        out.push(format!("{noun} {} held in it", and_list(&names)));
    }
    out
}

fn plural(n: i64, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// "a", "a and b", "a, b and c".
fn and_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}
