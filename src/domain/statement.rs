//! Credit-card statements, dues and carried-over debt (a statement whose due date has passed with
//! something remaining).

use super::calendar::{add_days, Month};
use super::money::Money;
use super::place::{CardTerms, Place, PlaceId};
use super::txn::{Txn, TxnKind};
use chrono::NaiveDate;

/// How far back a card's transactions must reach for [`card_state`] at `as_of` (`terms`: the longest
/// grace period in force around then, see [`longest_grace`]).
pub fn window_start(terms: &CardTerms, as_of: NaiveDate) -> NaiveDate {
    let back = chrono::Days::new(u64::from(terms.grace_days) + 62);
    Month::of(as_of.checked_sub_days(back).unwrap_or(NaiveDate::MIN)).first_day()
}

/// The statement date of a card in a month.
pub fn statement_date(terms: &CardTerms, month: Month) -> NaiveDate {
    month.clamped_day(terms.statement_day)
}

/// The card's terms with the longest grace period of any in force (for how far back to read).
pub fn longest_grace(card: &Place) -> Option<CardTerms> {
    let mut terms = card.card?;
    for change in &card.terms_changes {
        terms.grace_days = terms.grace_days.max(change.grace_days.unwrap_or(0));
    }
    Some(terms)
}

/// The statement date of a card in a month, by the terms in force for that month.
fn statement_date_of(card: &Place, month: Month) -> NaiveDate {
    card.card_terms_for(month)
        .map_or_else(|| month.last_day(), |t| statement_date(&t, month))
}

/// The due date of the card's statement of `month`, by the terms in force for that month.
fn due_date_of(card: &Place, month: Month, date: NaiveDate) -> NaiveDate {
    add_days(date, card.card_terms_for(month).map_or(0, |t| t.grace_days))
}

/// The card's next statement after `as_of`: its date and its due date, by the terms of its month.
pub fn next_statement(card: &Place, as_of: NaiveDate) -> (NaiveDate, NaiveDate) {
    let month = Month::of(as_of);
    let this_month = statement_date_of(card, month);
    let (month, date) = if this_month > as_of {
        (month, this_month)
    } else {
        (month.next(), statement_date_of(card, month.next()))
    };
    (date, due_date_of(card, month, date))
}

/// The card's first statement: the first statement date on or after it opened.
pub fn first_statement(card: &Place) -> NaiveDate {
    let month = Month::of(card.opened_on);
    let this_month = statement_date_of(card, month);
    if this_month >= card.opened_on {
        this_month
    } else {
        statement_date_of(card, month.next())
    }
}

/// One closed statement and how much of it has been paid.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Statement {
    pub date: NaiveDate,
    pub balance: Money,
    pub due_date: NaiveDate,
    /// Payments and refunds after the statement date, up to the as-of date or the due date.
    pub credits: Money,
    pub remaining: Money,
}

/// A card's state at a date (for a snapshot, the month's last day).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CardState {
    pub place_id: PlaceId,
    pub name: String,
    pub balance: Money,
    pub limit: Option<Money>,
    /// The latest statement closed on or before the as-of date.
    pub statement: Option<Statement>,
    /// Charges after that statement (or since the card opened) up to the as-of date.
    pub new_charges: Money,
    /// Remaining of the latest statement already due, counting credits up to its due date.
    pub carried_over: Money,
}

/// A transaction's effect on what a card owes: charges raise it, credits lower it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Effect {
    Charge(Money),
    Credit(Money),
    Opening(Money),
    None,
}

fn effect(card: PlaceId, txn: &Txn) -> Effect {
    let from_card = txn.from == Some(card);
    let to_card = txn.to == Some(card);
    match txn.kind {
        TxnKind::Expense | TxnKind::Transfer if from_card => Effect::Charge(txn.amount),
        TxnKind::Transfer | TxnKind::Refund if to_card => Effect::Credit(txn.amount),
        TxnKind::Opening if to_card => Effect::Opening(txn.amount),
        _ => Effect::None,
    }
}

fn owed_change(e: Effect) -> Money {
    match e {
        Effect::Charge(a) | Effect::Opening(a) => a,
        Effect::Credit(a) => -a,
        Effect::None => Money::ZERO,
    }
}

/// What changed one card's debt, in date order: its transactions reduced to charges, credits and
/// openings, worked out once and read by [`card_state_from_moves`] at as many dates as needed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CardMoves(Vec<(NaiveDate, Effect)>);

impl CardMoves {
    /// The moves of `card` among `txns`.
    pub fn of(card: PlaceId, txns: &[Txn]) -> CardMoves {
        let mut moves: Vec<(NaiveDate, Effect)> = txns
            .iter()
            .map(|t| (t.date, effect(card, t)))
            .filter(|(_, e)| *e != Effect::None)
            .collect();
        moves.sort_by_key(|(d, _)| *d); // stable, and nearly free when `txns` are in order already
        CardMoves(moves)
    }

    /// The moves dated on or before `date`.
    fn through(&self, date: NaiveDate) -> &[(NaiveDate, Effect)] {
        &self.0[..self.0.partition_point(|(d, _)| *d <= date)]
    }
}

/// The latest statement (its date and due date), from `month`'s back to the card's first, whose due date
/// passes `is_due`.
fn latest_due(
    card: &Place,
    first: NaiveDate,
    mut month: Month,
    is_due: impl Fn(NaiveDate) -> bool,
) -> Option<(NaiveDate, NaiveDate)> {
    loop {
        let date = statement_date_of(card, month);
        if date < first {
            return None;
        }
        let due = due_date_of(card, month, date);
        if is_due(due) {
            return Some((date, due));
        }
        month = month.prev();
    }
}

/// The latest statement due *before* `date` (what the verdict's "no carried debt" judges): its due date and what
/// remains of it, credits up to its due date counted. `balance` is what the card owes at the end of `date` and
/// `moves` reach back to [`window_start`].
pub fn due_before(card: &Place, balance: Money, date: NaiveDate, moves: &CardMoves) -> Option<(NaiveDate, Money)> {
    let relevant = moves.through(date);
    let (statement, due) = latest_due(card, first_statement(card), Month::of(date), |due| due < date)?;
    let after_statement: Money = relevant
        .iter()
        .filter(|(d, _)| *d > statement)
        .map(|(_, e)| owed_change(*e))
        .sum();
    let credits: Money = relevant
        .iter()
        .filter(|(d, _)| *d > statement && *d <= due)
        .map(|(_, e)| match e {
            Effect::Credit(a) => *a,
            _ => Money::ZERO,
        })
        .sum();
    Some((due, (balance - after_statement - credits).max(Money::ZERO)))
}

/// Works out a card's statement, new charges and carry-over at `as_of`.
///
/// `balance` is what the card owes after every transaction up to `as_of`, and `txns` holds
/// at least every transaction touching the card from [`window_start`] to `as_of`, in order.
pub fn card_state(card: &Place, balance: Money, as_of: NaiveDate, txns: &[Txn]) -> CardState {
    card_state_from_moves(card, balance, as_of, &CardMoves::of(card.id, txns))
}

/// [`card_state`] from the card's moves, which reach back at least to [`window_start`].
pub fn card_state_from_moves(card: &Place, balance: Money, as_of: NaiveDate, moves: &CardMoves) -> CardState {
    let relevant = moves.through(as_of);
    // The balance at the end of a day, worked backwards from the balance at `as_of`.
    let balance_at = |day: NaiveDate| -> Money {
        balance
            - relevant
                .iter()
                .filter(|(d, _)| *d > day)
                .map(|(_, e)| owed_change(*e))
                .sum()
    };
    let credits_between = |after: NaiveDate, through: NaiveDate| -> Money {
        relevant
            .iter()
            .filter(|(d, _)| *d > after && *d <= through)
            .map(|(_, e)| match e {
                Effect::Credit(a) => *a,
                _ => Money::ZERO,
            })
            .sum()
    };
    let first = first_statement(card);
    let statement_on = |date: NaiveDate, credits_through: NaiveDate| -> Statement {
        let due_date = due_date_of(card, Month::of(date), date);
        let stmt_balance = balance_at(date);
        let credits = credits_between(date, credits_through.min(due_date));
        Statement {
            date,
            balance: stmt_balance,
            due_date,
            credits,
            remaining: (stmt_balance - credits).max(Money::ZERO),
        }
    };

    let latest_date = Some(statement_date_of(card, Month::of(as_of)))
        .filter(|d| *d <= as_of)
        .unwrap_or_else(|| statement_date_of(card, Month::of(as_of).prev()));
    let statement = (latest_date >= first).then(|| statement_on(latest_date, as_of));

    let charges_after = statement.as_ref().map(|s| s.date);
    let new_charges = relevant
        .iter()
        .filter(|(d, _)| charges_after.is_none_or(|after| *d > after))
        .map(|(_, e)| match e {
            Effect::Charge(a) => *a,
            _ => Money::ZERO,
        })
        .sum();

    let carried_over = latest_due(card, first, Month::of(latest_date), |due| due <= as_of)
        .map_or(Money::ZERO, |(date, due)| statement_on(date, due).remaining);

    CardState {
        place_id: card.id,
        name: card.name.clone(),
        balance,
        limit: card.card.and_then(|t| t.limit),
        statement,
        new_charges,
        carried_over,
    }
}

#[cfg(test)]
mod tests;
