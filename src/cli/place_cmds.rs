//! `pfos account|card|bucket add` and the `accounts`, `cards`, `buckets` listings.

use super::args::{AccountCmd, BucketCmd, CardCmd, OpeningArgs};
use super::output::{print_json, table};
use crate::domain::place::DEFAULT_GRACE_DAYS;
use crate::domain::{parse_date, Money, PlaceKind};
use crate::error::{refused, Result};
use crate::json::place_json;
use crate::ledger::{Ledger, NewBucket, NewCard, State};
use chrono::NaiveDate;

pub(super) fn opening(ledger: &Ledger, args: &OpeningArgs) -> Result<(Money, NaiveDate)> {
    let amount = args
        .opening
        .as_deref()
        .map(Money::parse_non_negative)
        .transpose()?
        .unwrap_or(Money::ZERO);
    let date = args
        .date
        .as_deref()
        .map(parse_date)
        .transpose()?
        .unwrap_or(ledger.today());
    Ok((amount, date))
}

fn whole_number(text: &str, what: &str) -> Result<u32> {
    match text.trim().parse::<i64>() {
        Ok(n) if (0..=i64::from(u32::MAX)).contains(&n) => Ok(n as u32),
        Ok(n) => refused(format!("{what} {n} is out of range")),
        Err(_) => refused(format!("{what} '{text}' is not a whole number")),
    }
}

pub fn account(ledger: &mut Ledger, cmd: AccountCmd) -> Result<()> {
    let AccountCmd::Add {
        name,
        kind,
        opening: open,
    } = cmd;
    let kind: PlaceKind = match kind.parse() {
        Ok(k) if PlaceKind::is_account(k) => k,
        _ => {
            return refused(format!(
                "'{kind}' is not an account kind; use checking, savings, investment or cash"
            ))
        }
    };
    let (amount, date) = opening(ledger, &open)?;
    ledger.add_account(&name, kind, amount, date)?;
    say!(
        "added {kind} account '{}' with {} on {date}",
        name.trim(),
        amount.grouped()
    );
    Ok(())
}

pub fn card(ledger: &mut Ledger, cmd: CardCmd) -> Result<()> {
    let (name, statement_day, grace_days, limit, apr, open) = match cmd {
        CardCmd::Add {
            name,
            statement_day,
            grace_days,
            limit,
            apr,
            opening,
        } => (name, statement_day, grace_days, limit, apr, opening),
        CardCmd::Set(args) => return super::payoff_cmds::set(ledger, &args),
        CardCmd::Payoff(args) => return super::payoff_cmds::payoff(ledger, &args),
    };
    let statement_day = match statement_day.trim().parse::<i64>() {
        Ok(n) if (1..=31).contains(&n) => n as u32,
        Ok(n) => return refused(format!("statement day {n} is outside 1–31; give the day of the month the statement closes (31 means the month's last day)")),
        Err(_) => return refused(format!("statement day '{statement_day}' is not a whole number from 1 to 31")),
    };
    let grace_days = grace_days
        .as_deref()
        .map(|g| whole_number(g, "grace days"))
        .transpose()?
        .unwrap_or(DEFAULT_GRACE_DAYS);
    let limit = limit.as_deref().map(Money::parse_positive).transpose()?;
    let rates = crate::ledger::RatesEdit {
        apr: apr.as_deref().map(super::payoff_cmds::apr).transpose()?,
        ..Default::default()
    };
    let (amount, date) = opening(ledger, &open)?;
    let card = NewCard {
        name: &name,
        statement_day,
        grace_days,
        limit,
    };
    ledger.add_card_with_rates(&card, rates, amount, date)?;
    let apr = rates.apr.map(|a| format!(", APR {a}")).unwrap_or_default();
    say!(
        "added card '{}' owing {} on {date}; statements close on day {statement_day}, due {grace_days} days later{apr}",
        name.trim(),
        amount.grouped()
    );
    Ok(())
}

pub fn bucket(ledger: &mut Ledger, cmd: BucketCmd) -> Result<()> {
    let BucketCmd::Add {
        name,
        target_monthly,
        goal,
        held_in,
        opening: open,
    } = cmd;
    let target_monthly = target_monthly
        .as_deref()
        .map(Money::parse_non_negative)
        .transpose()?
        .unwrap_or(Money::ZERO);
    let goal = goal.as_deref().map(Money::parse_positive).transpose()?;
    let (amount, date) = opening(ledger, &open)?;
    let new = NewBucket {
        name: &name,
        target_monthly,
        goal,
        held_in: held_in.as_deref(),
    };
    ledger.add_bucket(&new, amount, date)?;
    let place = held_in.map(|a| format!(" in {a}")).unwrap_or_default();
    say!(
        "added bucket '{}'{place} with {} on {date}; target {} a month",
        name.trim(),
        amount.grouped(),
        target_monthly.grouped()
    );
    Ok(())
}

/// Which places a listing shows.
pub enum Listing {
    Accounts,
    Cards,
    Buckets,
}

pub fn list(ledger: &Ledger, which: Listing, json: bool) -> Result<()> {
    let state = ledger.load_state()?;
    let State { places, .. } = &state;
    let balances = state.balances();
    let reconciled = ledger.last_reconciled()?;
    let chosen: Vec<_> = places
        .iter()
        .filter(|p| match which {
            Listing::Accounts => p.kind.is_account(),
            Listing::Cards => p.kind == PlaceKind::Card,
            Listing::Buckets => p.kind == PlaceKind::Bucket,
        })
        .collect();
    let rates = ledger.card_rates()?;
    if json {
        return print_json(&serde_json::Value::Array(
            chosen
                .iter()
                .map(|p| {
                    let mut value = place_json(p, places, balances);
                    if let (Some(obj), Some(r)) = (value.as_object_mut(), rates.get(&p.id)) {
                        crate::json_plan::add_rates(obj, r);
                    }
                    value
                })
                .collect(),
        ));
    }
    if chosen.is_empty() {
        say!("none yet");
        return Ok(());
    }
    let text = match which {
        Listing::Accounts => table(
            &["Name", "Kind", "Balance", "Own", "Opened", "Reconciled"],
            &[2, 3],
            chosen
                .iter()
                .map(|p| {
                    vec![
                        p.name.clone(),
                        p.kind.to_string(),
                        balances.displayed(places, p.id).grouped(),
                        balances.get(p.id).grouped(),
                        p.opened_on.to_string(),
                        reconciled.get(&p.id).map_or("-".to_string(), |d| d.to_string()),
                    ]
                })
                .collect(),
        ),
        Listing::Cards => table(
            &[
                "Name",
                "Owed",
                "Limit",
                "Statement day",
                "Grace days",
                "APR",
                "Reconciled",
            ],
            &[1, 2, 3, 4, 5],
            chosen
                .iter()
                .map(|p| {
                    let t = p.card;
                    vec![
                        p.name.clone(),
                        balances.get(p.id).grouped(),
                        t.and_then(|t| t.limit).map_or("-".into(), Money::grouped),
                        t.map_or(String::new(), |t| t.statement_day.to_string()),
                        t.map_or(String::new(), |t| t.grace_days.to_string()),
                        rates
                            .get(&p.id)
                            .and_then(|r| r.apr)
                            .map_or("-".into(), |a| a.to_string()),
                        reconciled.get(&p.id).map_or("-".to_string(), |d| d.to_string()),
                    ]
                })
                .collect(),
        ),
        Listing::Buckets => table(
            &["Name", "Balance", "Target/month", "Goal", "Held in"],
            &[1, 2, 3],
            chosen
                .iter()
                .map(|p| {
                    let t = p.bucket;
                    vec![
                        p.name.clone(),
                        balances.get(p.id).grouped(),
                        p.target_for(crate::domain::Month::of(ledger.today())).grouped(),
                        t.and_then(|t| t.goal).map_or("-".into(), Money::grouped),
                        p.held_in().map_or("-".into(), |id| places.name(id).to_string()),
                    ]
                })
                .collect(),
        ),
    };
    say!("{text}");
    Ok(())
}
