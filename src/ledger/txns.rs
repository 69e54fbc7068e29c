//! Adding, editing and deleting transactions, each checked against every rule before it lands.

use super::{locks, resolve, Ledger, State};
use crate::domain::category::normalize_tags;
use crate::domain::text_rules::{check_description, check_label};
use crate::domain::txn::check_shape;
use crate::domain::txn::ShapeError;
use crate::domain::{Money, PlaceId, Places, Split, Txn, TxnDraft, TxnId, TxnKind};
use crate::error::{refused, refused_with, Hint, Refusal, Result};
use crate::store::Change;
use crate::store::{places as place_rows, txns};
use chrono::NaiveDate;
use rusqlite::Transaction;

/// A transaction as a person gives it: places by name.
#[derive(Debug, Clone, Default)]
pub struct TxnInput {
    pub kind: Option<TxnKind>,
    pub amount: Money,
    pub from: Option<String>,
    pub to: Option<String>,
    pub category: Option<String>,
    pub date: Option<NaiveDate>,
    pub description: Option<String>,
    /// Split lines (two or more, adding up to the amount, no category twice), instead of a category.
    pub splits: Vec<Split>,
    pub tags: Vec<String>,
}

/// A card a charge took over its limit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OverLimit {
    pub card: String,
    pub owed: Money,
    pub limit: Money,
}

impl std::fmt::Display for OverLimit {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} owes {} after this charge, over its {} limit; it is recorded all the same",
            self.card,
            self.owed.grouped(),
            self.limit.grouped()
        )
    }
}

/// Changes to a stored transaction; `None` keeps the field as it is.
#[derive(Debug, Clone, Default)]
pub struct TxnEdit {
    pub amount: Option<Money>,
    pub date: Option<NaiveDate>,
    pub description: Option<String>,
    pub category: Option<String>,
    pub from: Option<String>,
    pub to: Option<String>,
    /// New split lines (replacing the category or the lines there were).
    pub splits: Option<Vec<Split>>,
    /// New tags (`Some(empty)` removes them all).
    pub tags: Option<Vec<String>>,
}

impl Ledger {
    /// Adds a transaction of any kind but opening (openings come with their place).
    pub fn add_txn(&mut self, input: &TxnInput) -> Result<TxnId> {
        let today = self.today;
        self.store.write(|tx| {
            let places = Places::new(place_rows::all(tx)?);
            let draft = draft_of(&places, input, today)?;
            locks::ensure_open(tx, draft.date)?;
            let id = txns::insert(tx, &draft)?;
            if input.category.is_some() {
                remember_category(tx, &draft)?;
            }
            revalidate(tx)?;
            Ok((
                id,
                Change::new("add", format!("add #{id}: {}", describe(&draft, &places))),
            ))
        })
    }

    /// A warning when `txn`, just saved, is a charge that leaves its card owing more than its limit at the
    /// end of the charge's date (or today, when more came after). Such a charge is recorded all the same:
    /// cards do go over their limits.
    /// The card named `name`, if it owes more than its limit at the end of today (after an import).
    pub fn card_over_limit(&self, name: &str) -> Result<Option<OverLimit>> {
        let places = Places::new(place_rows::all(self.store.conn())?);
        let Some(card) = places.find(name).filter(|p| p.kind == crate::domain::PlaceKind::Card) else {
            return Ok(None);
        };
        let Some(limit) = card.card.and_then(|t| t.limit) else {
            return Ok(None);
        };
        let tomorrow = self.today.succ_opt().unwrap_or(self.today);
        let owed = txns::owed_at_start_of(self.store.conn(), card.id, tomorrow)?;
        Ok((owed > limit).then(|| OverLimit {
            card: card.name.clone(),
            owed,
            limit,
        }))
    }

    pub fn limit_warning(&self, txn: &Txn) -> Result<Option<OverLimit>> {
        let charge = matches!(txn.kind, TxnKind::Expense | TxnKind::Transfer);
        let Some(card) = txn.from.filter(|_| charge) else {
            return Ok(None);
        };
        let places = Places::new(place_rows::all(self.store.conn())?);
        let Some(limit) = places
            .get(card)
            .filter(|p| p.kind == crate::domain::PlaceKind::Card)
            .and_then(|p| p.card)
            .and_then(|t| t.limit)
        else {
            return Ok(None);
        };
        let owed_at =
            |date: NaiveDate| txns::owed_at_start_of(self.store.conn(), card, date.succ_opt().unwrap_or(date));
        let owed = owed_at(txn.date)?.max(owed_at(txn.date.max(self.today))?);
        Ok((owed > limit).then(|| OverLimit {
            card: places.name(card).to_string(),
            owed,
            limit,
        }))
    }

    /// Adds many transactions in one SQLite transaction, checked as a whole once (all or none): for
    /// generators and scripts that enter a month at a time.
    pub fn add_txns(&mut self, inputs: &[TxnInput]) -> Result<Vec<TxnId>> {
        let today = self.today;
        self.store.write(|tx| {
            let places = Places::new(place_rows::all(tx)?);
            let mut ids = Vec::with_capacity(inputs.len());
            for input in inputs {
                let draft = draft_of(&places, input, today)?;
                locks::ensure_open(tx, draft.date)?;
                ids.push(txns::insert(tx, &draft)?);
            }
            revalidate(tx)?;
            Ok((ids, Change::new("add", format!("add {} transactions", inputs.len()))))
        })
    }

    /// Edits a transaction; the result is checked like a new one, and neither its old nor its new date may be closed.
    pub fn edit_txn(&mut self, id: TxnId, edit: &TxnEdit) -> Result<Txn> {
        self.store.write(|tx| {
            let Some(old) = txns::get(tx, id)? else {
                return Err(super::not_found(id));
            };
            let places = Places::new(place_rows::all(tx)?);
            let mut draft = TxnDraft::from(&old);
            if old.kind == TxnKind::Opening && (edit.from.is_some() || edit.to.is_some()) {
                return refused(
                    "an opening balance belongs to its place; only its amount, date and description can change",
                );
            }
            if let Some(amount) = edit.amount {
                if old.is_split() && edit.splits.is_none() && edit.category.is_none() {
                    return refused_with(
                        format!("transaction {id} is split, so a new amount needs new lines"),
                        Hint::SplitLines { total: Some(amount) },
                    );
                }
                draft.amount = amount;
            }
            if let Some(date) = edit.date {
                draft.date = date;
            }
            if let Some(text) = &edit.description {
                draft.description = clean_description(Some(text))?;
            }
            if let Some(category) = &edit.category {
                if !old.kind.takes_category() {
                    return Err(ShapeError::UnexpectedCategory(old.kind).into());
                }
                draft.category = clean_category(Some(category))?;
                draft.splits.clear();
            }
            if let Some(lines) = &edit.splits {
                draft.splits = clean_splits(lines)?;
                draft.category = None;
            }
            if let Some(tags) = &edit.tags {
                draft.tags = normalize_tags(tags)?;
            }
            if let Some(name) = &edit.from {
                draft.from = Some(resolve(&places, name)?);
            }
            if let Some(name) = &edit.to {
                draft.to = Some(resolve(&places, name)?);
            }
            check_draft(&places, &draft)?;
            locks::ensure_open(tx, old.date)?;
            locks::ensure_open(tx, draft.date)?;
            if old.kind == TxnKind::Opening {
                if let Some(place) = old.to {
                    ensure_nothing_before(tx, &places, place, draft.date, id)?;
                    place_rows::set_opened_on(tx, place, draft.date)?;
                }
            }
            txns::update(tx, id, &draft)?;
            if edit.category.is_some() {
                remember_category(tx, &draft)?;
            }
            revalidate(tx)?;
            let what = format!("edit #{id}: {}", describe(&draft, &places));
            Ok((draft.into_txn(id), Change::new("edit", what)))
        })
    }

    /// Deletes a transaction (not an opening balance, which belongs to its place).
    pub fn delete_txn(&mut self, id: TxnId) -> Result<Txn> {
        self.store.write(|tx| {
            let Some(old) = txns::get(tx, id)? else {
                return Err(super::not_found(id));
            };
            if old.kind == TxnKind::Opening {
                return refused_with(
                    format!("transaction {id} is an opening balance and belongs to its place"),
                    Hint::ZeroOpening { id },
                );
            }
            locks::ensure_open(tx, old.date)?;
            txns::delete(tx, id)?;
            revalidate(tx)?;
            let places = Places::new(place_rows::all(tx)?);
            let what = format!("delete #{id}: {}", describe(&TxnDraft::from(&old), &places));
            Ok((old, Change::new("delete", what)))
        })
    }
}

/// The draft a person's input describes, checked against the kind rules.
fn draft_of(places: &Places, input: &TxnInput, today: NaiveDate) -> Result<TxnDraft> {
    let kind = input.kind.unwrap_or(TxnKind::Expense);
    if kind == TxnKind::Opening {
        return refused_with("an opening balance is given when the place is added", Hint::EditOpening);
    }
    let place = |name: &Option<String>| name.as_deref().map(|n| resolve(places, n)).transpose();
    let draft = TxnDraft {
        date: input.date.unwrap_or(today),
        kind,
        amount: input.amount,
        from: place(&input.from)?,
        to: place(&input.to)?,
        category: clean_category(input.category.as_deref())?,
        description: clean_description(input.description.as_deref())?,
        splits: clean_splits(&input.splits)?,
        tags: normalize_tags(&input.tags)?,
    };
    check_draft(places, &draft)?;
    Ok(draft)
}

/// One line about a transaction for the activity log: "expense 84.30 from Visa (Groceries) on 2025-09-03".
pub fn describe(t: &TxnDraft, places: &Places) -> String {
    let mut text = format!("{} {}", t.kind, t.amount.grouped());
    if let Some(from) = t.from {
        text.push_str(&format!(" from {}", places.name(from)));
    }
    if let Some(to) = t.to {
        text.push_str(&format!(" to {}", places.name(to)));
    }
    if let Some(c) = &t.category {
        text.push_str(&format!(" ({c})"));
    }
    if !t.splits.is_empty() {
        let lines: Vec<String> = t
            .splits
            .iter()
            .map(|s| format!("{} {}", s.category, s.amount.grouped()))
            .collect();
        text.push_str(&format!(" (split: {})", lines.join(", ")));
    }
    if !t.tags.is_empty() {
        text.push_str(&format!(" [{}]", t.tags.join(" ")));
    }
    text.push_str(&format!(" on {}", t.date));
    text
}

/// The kind rules, no transaction on a place before it opened, and none after it was archived.
pub(super) fn check_draft(places: &Places, draft: &TxnDraft) -> Result<()> {
    check_shape(draft, |id| places.get(id))?;
    if draft.kind != TxnKind::Opening {
        for id in [draft.from, draft.to].into_iter().flatten() {
            if let Some(p) = places.get(id).filter(|p| p.opened_on > draft.date) {
                return refused(format!(
                    "'{}' opened on {}; date the transaction on or after that (it was {})",
                    p.name, p.opened_on, draft.date
                ));
            }
        }
    }
    for id in [draft.from, draft.to].into_iter().flatten() {
        if let Some(p) = places.get(id) {
            if let Some(refusal) = archived_before(p, draft.date) {
                return refusal.err();
            }
        }
    }
    Ok(())
}

/// Why `place` takes no transaction dated `date`: it was archived before then.
pub(super) fn archived_before(place: &crate::domain::Place, date: NaiveDate) -> Option<Refusal> {
    let on = place.archived_on.filter(|on| *on < date)?;
    let reason = format!(
        "'{}' was archived on {on} and takes no transaction dated after that (this one is dated {date})",
        place.name
    );
    let refusal = Refusal::new(reason).or(format!("date it on or before {on}"));
    Some(refusal.hint(Hint::Unarchive {
        place: place.name.clone(),
    }))
}

/// An opening cannot move after the place's first transaction.
fn ensure_nothing_before(
    tx: &Transaction<'_>,
    places: &Places,
    place: PlaceId,
    date: NaiveDate,
    opening: TxnId,
) -> Result<()> {
    let first = txns::first_touching_before(tx, place, date, opening)?;
    if let Some(t) = first {
        return refused(format!(
            "'{}' has transaction {} on {}; its opening cannot move later than that",
            places.name(place),
            t.id,
            t.date
        ));
    }
    // A bucket's account must already be open.
    if let Some(account) = places.get(place).and_then(|p| p.held_in()).and_then(|a| places.get(a)) {
        if account.opened_on > date {
            return refused(format!(
                "'{}' opened on {}; a bucket in it cannot open earlier",
                account.name, account.opened_on
            ));
        }
    }
    Ok(())
}

/// Replays everything after the latest snapshot, so a change that breaks a rule later on is refused: a
/// bucket below zero, a figure too large to store, an archived place left holding or owing money.
pub(super) fn revalidate(tx: &Transaction<'_>) -> Result<()> {
    let state = State::load(tx, None)?;
    ensure_archived_places_empty(&state)
}

/// An archived place takes nothing after its archive date and had nothing left on it, so it must hold
/// (or owe) nothing after every transaction: a change dated on that day, or an earlier one edited or
/// deleted, must not leave money on it (snapshots after the archive date no longer list it).
pub(super) fn ensure_archived_places_empty(state: &State) -> Result<()> {
    let balances = state.balances();
    for place in state.places.iter().filter(|p| p.archived_on.is_some()) {
        let left = balances.get(place.id);
        if !left.is_zero() {
            let on = place.archived_on.unwrap_or(place.opened_on);
            let reason = format!(
                "'{}' was archived on {on} with nothing left on it; this change would leave {} on it, so it was refused",
                place.name,
                left.grouped()
            );
            return refused_with(
                reason,
                Hint::Unarchive {
                    place: place.name.clone(),
                },
            );
        }
    }
    Ok(())
}

/// Split lines with their categories cleaned like any category.
fn clean_splits(lines: &[Split]) -> Result<Vec<Split>> {
    lines
        .iter()
        .map(|s| {
            Ok(Split {
                category: clean_category(Some(&s.category))?
                    .ok_or_else(|| crate::error::Error::refusal("a split line needs a category"))?,
                amount: s.amount,
            })
        })
        .collect()
}

pub(super) fn clean_category(category: Option<&str>) -> Result<Option<String>> {
    match category.map(str::trim) {
        None => Ok(None),
        Some("") => refused_with("the category is empty", Hint::NameCategory),
        Some(c) => {
            check_label(c, "category")?;
            Ok(Some(c.to_string()))
        }
    }
}

/// Descriptions are kept exactly as given (what a bank wrote); they are shown through `text::visible`.
pub(super) fn clean_description(text: Option<&str>) -> Result<String> {
    let text = text.unwrap_or("");
    check_description(text)?;
    Ok(text.to_string())
}

/// How far apart the two sides of a transfer linked by hand may be dated.
pub const LINK_DAYS: i64 = 10;

impl Ledger {
    /// Turns an expense in one place and an income (or refund) in another, of the same amount and dated at
    /// most [`LINK_DAYS`] apart, into one transfer between the two places: the expense becomes the transfer
    /// (its id, date and description kept, the tags of both), the other is deleted. The rows imported as
    /// either stay recognised: what an import remembers of the deleted one goes to the transfer, so
    /// importing either file again adds nothing.
    pub fn link_transfer(&mut self, a: TxnId, b: TxnId) -> Result<Txn> {
        self.store.write(|tx| {
            let get = |id: TxnId| -> Result<Txn> {
                match txns::get(tx, id)? {
                    Some(t) => Ok(t),
                    None => Err(super::not_found(id)),
                }
            };
            if a == b {
                return refused("link two different transactions: an expense in one place and an income in another");
            }
            let (ta, tb) = (get(a)?, get(b)?);
            let money_in = |t: &Txn| matches!(t.kind, TxnKind::Income | TxnKind::Refund);
            let (out, inc) = match (ta.kind, tb.kind) {
                (TxnKind::Expense, _) if money_in(&tb) => (ta, tb),
                (_, TxnKind::Expense) if money_in(&ta) => (tb, ta),
                _ => {
                    return refused(format!(
                        "a link turns an expense in one place and an income in another into one transfer; #{a} is {} {} and #{b} is {} {}",
                        article(ta.kind),
                        ta.kind,
                        article(tb.kind),
                        tb.kind
                    ))
                }
            };
            let places = Places::new(place_rows::all(tx)?);
            let (Some(from), Some(to)) = (out.from, inc.to) else {
                return refused("the two transactions must each have a place");
            };
            if from == to {
                return refused(format!(
                    "#{} and #{} are both in '{}'; a transfer goes between two places",
                    out.id,
                    inc.id,
                    places.name(from)
                ));
            }
            if out.amount != inc.amount {
                return refused(format!(
                    "#{} is {} and #{} is {}; a transfer has one amount",
                    out.id,
                    out.amount.grouped(),
                    inc.id,
                    inc.amount.grouped()
                ));
            }
            let apart = (out.date - inc.date).num_days().abs();
            if apart > LINK_DAYS {
                return refused(format!(
                    "#{} is dated {} and #{} {}, {apart} days apart; the two sides of a transfer are at most {LINK_DAYS} days apart",
                    out.id, out.date, inc.id, inc.date
                ));
            }
            locks::ensure_open(tx, out.date)?;
            locks::ensure_open(tx, inc.date)?;
            let mut tags = out.tags.clone();
            tags.extend(inc.tags.iter().cloned());
            let draft = TxnDraft {
                date: out.date,
                kind: TxnKind::Transfer,
                amount: out.amount,
                from: Some(from),
                to: Some(to),
                category: None,
                description: out.description.clone(),
                splits: Vec::new(),
                tags: normalize_tags(&tags)?,
            };
            check_draft(&places, &draft)?;
            // What imports remember of the deleted side now points at the transfer (before the delete,
            // which would take it away with it).
            tx.execute(
                "UPDATE txn_imports SET txn_id = ?1 WHERE txn_id = ?2",
                rusqlite::params![out.id, inc.id],
            )?;
            crate::store::imports::tie_made_row_to(tx, inc.id, out.id)?;
            txns::update(tx, out.id, &draft)?;
            txns::delete(tx, inc.id)?;
            revalidate(tx)?;
            let what = format!("link #{} and #{}: {}", out.id, inc.id, describe(&draft, &places));
            Ok((draft.into_txn(out.id), Change::new("link", what)))
        })
    }
}

/// The category the person just gave a transaction by hand, remembered for its payee: what the next
/// import learns for that payee before anything else (see `import_learned`). Only a category of its own
/// counts (not a split, not a transfer), and a payee is a description.
fn remember_category(tx: &rusqlite::Transaction<'_>, draft: &TxnDraft) -> Result<()> {
    let (Some(category), true) = (&draft.category, draft.splits.is_empty()) else {
        return Ok(());
    };
    let payee = super::import_read::normalize(&draft.description);
    if payee.is_empty() || !draft.kind.takes_category() {
        return Ok(());
    }
    let spelling = crate::store::categories::canonical(tx, category)?;
    crate::store::learned::set(tx, &payee, &spelling)?;
    Ok(())
}

fn article(kind: TxnKind) -> &'static str {
    match kind {
        TxnKind::Expense | TxnKind::Income | TxnKind::Opening => "an",
        _ => "a",
    }
}
