//! What-if changes as a person writes them, for `pfos whatif` and the app's What-if screen alike:
//! `extra Visa=200`, `purchase Visa=1200@2026-02-01:Laptop`, `raise 300@2026-03`, `lose 4200`,
//! `target Travel=250`, `add expense,15.99,Visa,monthly`, `drop 3`.

use super::{resolve, Ledger};
use crate::domain::cadence::{Cadence, End, Schedule};
use crate::domain::forecast::ForecastInput;
use crate::domain::recurring::{RecurringItem, RECURRING_KINDS};
use crate::domain::txn::check_shape;
use crate::domain::whatif::Change;
use crate::domain::{parse_date, Money, Month, PlaceKind, Places, TxnDraft, TxnKind};
use crate::error::{refused, Error, Missing, Result};
use chrono::NaiveDate;

/// The kinds of change and how each is written, for help texts and errors.
pub const CHANGE_SYNTAX: &[(&str, &str, &str)] = &[
    ("extra", "CARD=AMT", "AMT more to a card or loan each month"),
    ("purchase", "PLACE=AMT@DATE[:TEXT]", "a one-off purchase"),
    ("raise", "AMT[@MONTH]", "AMT more income a month"),
    ("lose", "AMT[@MONTH]", "AMT less income a month"),
    ("target", "BUCKET=AMT", "a bucket's monthly target"),
    ("add", "KIND,AMT,PLACE[>PLACE],CADENCE[,START]", "a new recurring item"),
    ("drop", "ID", "a recurring item stops"),
];

impl Ledger {
    /// Reads one change: `kind` is one of [`CHANGE_SYNTAX`] (a leading `--` is fine), `value` its text.
    pub fn parse_change(&self, kind: &str, value: &str) -> Result<Change> {
        let places = self.places()?;
        let items = self.recurring()?;
        parse(
            &places,
            &items,
            self.today,
            kind.trim().trim_start_matches("--"),
            value.trim(),
        )
    }

    /// Reads a change written as one line, `KIND VALUE` (as on the What-if screen).
    pub fn parse_change_line(&self, line: &str) -> Result<Change> {
        let line = line.trim();
        let (kind, value) = line.split_once(char::is_whitespace).unwrap_or((line, ""));
        self.parse_change(kind, value)
    }
}

fn syntax(kind: &str) -> Option<&'static str> {
    CHANGE_SYNTAX.iter().find(|(k, _, _)| *k == kind).map(|(_, s, _)| *s)
}

fn parse(places: &Places, items: &[RecurringItem], today: NaiveDate, kind: &str, value: &str) -> Result<Change> {
    let Some(shape) = syntax(kind) else {
        let kinds: Vec<&str> = CHANGE_SYNTAX.iter().map(|(k, _, _)| *k).collect();
        return refused(format!("'{kind}' is not a change; use one of {}", kinds.join(", ")));
    };
    let bad = |why: &str| Error::refusal(format!("{kind} '{value}' {why}; write it as {kind} {shape}"));
    let next_month = Month::of(today).next();
    // A what-if looks ahead: nothing in it may be dated before today.
    let not_past = |date: NaiveDate, what: &str| -> Result<NaiveDate> {
        if date < today {
            return refused(format!(
                "{kind} '{value}': {what} {date} is before today ({today}); a what-if looks ahead, so give a date from today on, like {}",
                next_month.first_day()
            ));
        }
        Ok(date)
    };
    let month_after = |text: Option<&str>| -> Result<Month> {
        let month = match text {
            None => next_month,
            Some(t) if t.len() == 10 => Month::of(not_past(parse_date(t)?, "the date")?),
            Some(t) => Month::parse(t)?,
        };
        if month < Month::of(today) {
            return refused(format!(
                "{kind} '{value}': {month} is before this month ({}); a what-if looks ahead, so give this month or a later one, like {next_month}",
                Month::of(today)
            ));
        }
        Ok(month)
    };
    let place_of = |name: &str, want: Option<PlaceKind>| -> Result<crate::domain::PlaceId> {
        let id = resolve(places, name.trim())?;
        match (want, places.kind(id)) {
            (Some(w), Some(k)) if w != k => refused(format!("{kind} needs a {w}; '{}' is a {k}", places.name(id))),
            _ => Ok(id),
        }
    };
    match kind {
        "extra" => {
            let (name, amount) = value.rsplit_once('=').ok_or_else(|| bad("has no '='"))?;
            let place = place_of(name, None)?;
            match places.kind(place) {
                Some(PlaceKind::Card | PlaceKind::Loan) => Ok(Change::ExtraPayment {
                    place,
                    monthly: Money::parse_positive(amount.trim())?,
                }),
                k => refused(format!(
                    "extra needs a card or a loan; '{}' is a {}",
                    places.name(place),
                    k.map_or("place", PlaceKind::as_str)
                )),
            }
        }
        "target" => {
            let (name, amount) = value.rsplit_once('=').ok_or_else(|| bad("has no '='"))?;
            Ok(Change::BucketTarget {
                bucket: place_of(name, Some(PlaceKind::Bucket))?,
                target: Money::parse_non_negative(amount.trim())?,
            })
        }
        "purchase" => {
            let (name, rest) = value.rsplit_once('=').ok_or_else(|| bad("has no '='"))?;
            let (amount, when) = rest.split_once('@').ok_or_else(|| bad("has no '@DATE'"))?;
            let (date, text) = when.split_once(':').unwrap_or((when, ""));
            Ok(Change::Purchase {
                place: place_of(name, None)?,
                amount: Money::parse_positive(amount.trim())?,
                date: not_past(parse_date(date.trim())?, "the purchase's date")?,
                description: text.trim().to_string(),
            })
        }
        "raise" | "lose" => {
            let (amount, from) = match value.split_once('@') {
                Some((a, m)) => (a, Some(m.trim())),
                None => (value, None),
            };
            let amount = Money::parse_positive(amount.trim())?;
            Ok(Change::Income {
                monthly: if kind == "lose" { -amount } else { amount },
                from: month_after(from)?,
            })
        }
        "drop" => {
            let id: i64 = value.parse().map_err(|_| bad("is not an item id"))?;
            if items.iter().any(|i| i.id == id) {
                Ok(Change::RemoveRecurring(id))
            } else {
                Err(Error::NotFound {
                    kind: Missing::RecurringItem,
                    name: id.to_string(),
                })
            }
        }
        _ => {
            let item = new_item(places, today, value).map_err(|e| match e {
                Error::Refused(r) => {
                    Error::Refused(r.map_reason(|text| format!("add '{value}': {text}; write it as add {shape}")))
                }
                other => other,
            })?;
            not_past(item.schedule.start, "its start")?;
            Ok(Change::AddRecurring(item))
        }
    }
}

/// `KIND,AMT,PLACE[>PLACE],CADENCE[,START]`: an expense from PLACE, income to PLACE, a transfer FROM>TO.
fn new_item(places: &Places, today: NaiveDate, value: &str) -> Result<RecurringItem> {
    let parts: Vec<&str> = value.split(',').map(str::trim).collect();
    let [kind, amount, where_, cadence, rest @ ..] = parts.as_slice() else {
        return refused("it needs a kind, an amount, a place and a cadence, separated by commas");
    };
    let kind: TxnKind = kind.parse().map_err(Error::refusal)?;
    if !RECURRING_KINDS.contains(&kind) {
        return refused(format!("a {kind} cannot recur; use expense, income or transfer"));
    }
    let start = match rest.first() {
        Some(d) => parse_date(d)?,
        None => today.succ_opt().unwrap_or(today),
    };
    let (from, to) = match (kind, where_.split_once('>')) {
        (TxnKind::Transfer, Some((a, b))) => (Some(resolve(places, a.trim())?), Some(resolve(places, b.trim())?)),
        (TxnKind::Transfer, None) => return refused("a transfer needs FROM>TO"),
        (TxnKind::Income, _) => (None, Some(resolve(places, where_)?)),
        _ => (Some(resolve(places, where_)?), None),
    };
    let item = RecurringItem {
        id: 0,
        kind,
        amount: Money::parse_positive(amount)?,
        from,
        to,
        category: kind.needs_category().then(|| "What-if".to_string()),
        description: String::new(),
        schedule: Schedule {
            cadence: Cadence::from_parts(cadence, None, start)?,
            start,
            end: End::Never,
        },
    };
    let draft: TxnDraft = item.draft(start);
    check_shape(&draft, |id| places.get(id))?;
    Ok(item)
}

/// A what-if with what it means for each card that is paid off over time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WhatIfReport {
    pub whatif: crate::domain::whatif::WhatIf,
    /// One line per change.
    pub changes: Vec<String>,
    /// For each card owing money that is not paid in full, or paid more: its payoff now and with the changes.
    pub payoffs: Vec<(super::CardPayoff, super::CardPayoff)>,
    /// Each loan's payoff month now and with the changes.
    pub loans: Vec<LoanChange>,
}

/// A loan's payoff month on the current path and with a what-if's changes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoanChange {
    pub name: String,
    pub before: Option<Month>,
    pub after: Option<Month>,
    /// Paid on top of its schedule with the changes.
    pub extra: Money,
}

impl Ledger {
    /// The what-if of `changes` over `months`, from today.
    pub fn whatif_report(&self, months: u32, changes: &[Change]) -> Result<WhatIfReport> {
        self.whatif_report_on(&self.forecast_input(self.today, months)?, changes)
    }

    /// The what-if of `changes` from a forecast's starting point read before (see
    /// [`Ledger::forecast_input`]): the app keeps it while only the changes change.
    pub fn whatif_report_on(&self, input: &ForecastInput, changes: &[Change]) -> Result<WhatIfReport> {
        let scenario = crate::domain::whatif::apply(input, changes);
        let rates = self.card_rates()?;
        let payoffs = input
            .cards
            .iter()
            .zip(&scenario.cards)
            .filter(|(base, with)| {
                input.balances.get(base.card).is_positive()
                    && (base.plan != crate::domain::payoff::PaymentPlan::Full || with.extra.is_positive())
            })
            .map(|(base, with)| {
                let name = input.places.name(base.card);
                let apr = rates.get(&base.card).and_then(|r| r.apr);
                let owed = input.balances.get(base.card);
                let first = super::payoff::first_payment(base, self.today);
                (
                    super::payoff::card_payoff(name, base, apr, owed, first, None),
                    super::payoff::card_payoff(name, with, apr, owed, first, None),
                )
            })
            .collect();
        let items = self.recurring()?;
        let baseline = crate::domain::forecast::forecast(input);
        let with = crate::domain::forecast::forecast(&scenario);
        let loans = baseline
            .loans
            .iter()
            .zip(&with.loans)
            .map(|(b, s)| LoanChange {
                name: input.places.name(b.loan).to_string(),
                before: b.paid_off,
                after: s.paid_off,
                extra: s.extra,
            })
            .collect();
        Ok(WhatIfReport {
            whatif: crate::domain::whatif::WhatIf {
                baseline,
                scenario: with,
            },
            changes: changes.iter().map(|c| c.describe(&input.places, &items)).collect(),
            payoffs,
            loans,
        })
    }
}

impl Ledger {
    /// A change written back as one line, the way [`Ledger::parse_change_line`] reads it.
    pub fn change_line(&self, change: &Change) -> Result<String> {
        let places = self.places()?;
        let name = |id: crate::domain::PlaceId| places.name(id).to_string();
        Ok(match change {
            Change::ExtraPayment { place, monthly } => format!("extra {}={monthly}", name(*place)),
            Change::Purchase {
                place,
                amount,
                date,
                description,
            } if description.is_empty() => format!("purchase {}={amount}@{date}", name(*place)),
            Change::Purchase {
                place,
                amount,
                date,
                description,
            } => format!("purchase {}={amount}@{date}:{description}", name(*place)),
            Change::Income { monthly, from } if monthly.is_negative() => format!("lose {}@{from}", -*monthly),
            Change::Income { monthly, from } => format!("raise {monthly}@{from}"),
            Change::BucketTarget { bucket, target } => format!("target {}={target}", name(*bucket)),
            Change::AddRecurring(item) => {
                let place = match (item.from, item.to) {
                    (Some(f), Some(t)) => format!("{}>{}", name(f), name(t)),
                    (Some(p), None) | (None, Some(p)) => name(p),
                    (None, None) => String::new(),
                };
                format!(
                    "add {},{},{place},{},{}",
                    item.kind,
                    item.amount,
                    item.schedule.cadence.name(),
                    item.schedule.start
                )
            }
            Change::RemoveRecurring(id) => format!("drop {id}"),
        })
    }
}
