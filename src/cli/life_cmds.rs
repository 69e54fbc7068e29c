//! A place's life: `pfos account|card|bucket|loan edit`, `pfos archive`, `unarchive`, `remove`.

use super::args::{ArchiveArgs, CardEditArgs, PlaceArg};
use crate::domain::payoff::Apr;
use crate::domain::{parse_date, Money, Month, Place};
use crate::error::{refused, Result};
use crate::ledger::{Edited, Ledger, PlaceClass, PlaceEdit};

/// An amount, or `none` for no amount (a card's limit, a bucket's goal); the ledger refuses zero.
fn amount_or_none(text: &str) -> Result<Option<Money>> {
    if text.trim().eq_ignore_ascii_case("none") {
        Ok(None)
    } else {
        Ok(Some(Money::parse_non_negative(text)?))
    }
}

fn month(text: Option<&str>) -> Result<Option<Month>> {
    Ok(text.map(Month::parse).transpose()?)
}

pub fn edit_account(ledger: &mut Ledger, name: &str, rename: Option<String>, kind: Option<String>) -> Result<()> {
    let edit = PlaceEdit {
        rename,
        kind,
        ..Default::default()
    };
    edit_place(ledger, PlaceClass::Account, name, &edit)
}

pub fn edit_card(ledger: &mut Ledger, args: &CardEditArgs) -> Result<()> {
    let edit = PlaceEdit {
        rename: args.rename.clone(),
        from: month(args.from.as_deref())?,
        statement_day: args
            .statement_day
            .as_deref()
            .map(super::place_cmds::statement_day)
            .transpose()?,
        grace_days: args
            .grace_days
            .as_deref()
            .map(|g| super::place_cmds::whole_number(g, "grace days"))
            .transpose()?,
        limit: args.limit.as_deref().map(amount_or_none).transpose()?,
        rates: super::payoff_cmds::rates_edit(
            args.apr.as_deref(),
            args.min_percent.as_deref(),
            args.min_floor.as_deref(),
        )?,
        ..Default::default()
    };
    edit_place(ledger, PlaceClass::Card, &args.name, &edit)
}

/// `pfos bucket edit NAME [--rename NEW] [--target-monthly AMT] [--from M] [--goal AMT|none]`.
pub struct BucketEditArgs {
    pub name: String,
    pub rename: Option<String>,
    pub target_monthly: Option<String>,
    pub from: Option<String>,
    pub goal: Option<String>,
    pub held_in: Option<String>,
}

pub fn edit_bucket(ledger: &mut Ledger, args: BucketEditArgs) -> Result<()> {
    let edit = PlaceEdit {
        rename: args.rename,
        from: month(args.from.as_deref())?,
        target_monthly: args
            .target_monthly
            .as_deref()
            .map(Money::parse_non_negative)
            .transpose()?,
        goal: args.goal.as_deref().map(amount_or_none).transpose()?,
        held_in: args.held_in,
        ..Default::default()
    };
    edit_place(ledger, PlaceClass::Bucket, &args.name, &edit)
}

/// `pfos loan edit NAME [--rename NEW] [--apr PCT] [--payment AMT] [--payment-day N]`.
pub struct LoanEditArgs {
    pub name: String,
    pub rename: Option<String>,
    pub apr: Option<String>,
    pub payment: Option<String>,
    pub payment_day: Option<String>,
}

pub fn edit_loan(ledger: &mut Ledger, args: LoanEditArgs) -> Result<()> {
    let mut edit = PlaceEdit {
        rename: args.rename,
        payment: args.payment.as_deref().map(Money::parse_positive).transpose()?,
        payment_day: args
            .payment_day
            .as_deref()
            .map(super::loan_cmds::day_of_month)
            .transpose()?,
        ..Default::default()
    };
    edit.rates.apr = args
        .apr
        .as_deref()
        .map(|a| Apr::parse(a).map_err(crate::error::Error::refusal))
        .transpose()?;
    edit_place(ledger, PlaceClass::Loan, &args.name, &edit)
}

fn edit_place(ledger: &mut Ledger, class: PlaceClass, name: &str, edit: &PlaceEdit) -> Result<()> {
    let edited = ledger.edit_place(class, name, edit)?;
    say!("{}", edit_line(&edited, edit));
    Ok(())
}

/// "edited card 'Visa Gold': renamed from 'Visa'; statement day 20 from 2025-12; limit 5,000.00".
fn edit_line(edited: &Edited, edit: &PlaceEdit) -> String {
    let place = &edited.place;
    let mut parts = Vec::new();
    if edit.rename.is_some() {
        parts.push(format!("renamed from '{}'", edited.old_name));
    }
    let mut from_terms = Vec::new();
    if let Some(day) = edit.statement_day {
        from_terms.push(format!("statement day {day}"));
    }
    if let Some(days) = edit.grace_days {
        from_terms.push(format!("grace days {days}"));
    }
    if let Some(target) = edit.target_monthly {
        from_terms.push(format!("target {} a month", target.grouped()));
    }
    if let Some(from) = edited.from {
        parts.push(format!("{} from {from}", from_terms.join(" and ")));
    }
    if let Some(limit) = edit.limit {
        parts.push(limit.map_or("no limit".to_string(), |l| format!("limit {}", l.grouped())));
    }
    if let Some(goal) = edit.goal {
        parts.push(goal.map_or("no goal".to_string(), |g| format!("goal {}", g.grouped())));
    }
    if let Some(rates) = &edited.rates {
        parts.push(super::payoff_cmds::rates_text(rates));
    }
    if let Some(loan) = place.loan {
        if edit.rates.apr.is_some() {
            parts.push(format!("APR {}", loan.apr));
        }
        if edit.payment.is_some() {
            parts.push(format!("payment {} a month", loan.payment.grouped()));
        }
        if edit.payment_day.is_some() {
            parts.push(format!("payment day {}", loan.payment_day));
        }
    }
    format!("edited {} '{}': {}", noun(place), place.name, parts.join("; "))
}

/// "checking account", "card", "bucket", "loan".
fn noun(place: &Place) -> String {
    if place.kind.is_account() {
        format!("{} account", place.kind)
    } else {
        place.kind.to_string()
    }
}

pub fn archive(ledger: &mut Ledger, args: &ArchiveArgs) -> Result<()> {
    let date = args.date.as_deref().map(parse_date).transpose()?;
    let place = ledger.archive_place(&args.name, date)?;
    let Some(on) = place.archived_on else {
        return refused(format!("'{}' was not archived", place.name));
    };
    say!(
        "archived {} '{}' on {on}; it takes no transaction after that ('pfos unarchive' lifts it)",
        noun(&place),
        place.name
    );
    Ok(())
}

pub fn unarchive(ledger: &mut Ledger, args: &PlaceArg) -> Result<()> {
    let (place, on) = ledger.unarchive_place(&args.name)?;
    say!("unarchived {} '{}' (archived on {on})", noun(&place), place.name);
    Ok(())
}

pub fn remove(ledger: &mut Ledger, args: &PlaceArg) -> Result<()> {
    let place = ledger.remove_place(&args.name)?;
    say!("removed {} '{}' with its opening balance", noun(&place), place.name);
    Ok(())
}
