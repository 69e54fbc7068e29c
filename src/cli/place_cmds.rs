//! `pfos account|card|bucket add` and the `accounts`, `cards`, `buckets` listings.

use super::args::{AccountCmd, BucketCmd, CardCmd, OpeningArgs, PlaceListArgs};
use super::output::{print_json, table};
use crate::domain::place::DEFAULT_GRACE_DAYS;
use crate::domain::{parse_date, Money, Month, Place, PlaceKind};
use crate::error::{refused, Result};
use crate::io::report_json::place_json;
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

/// A card's statement day as typed: 1–31.
pub(super) fn statement_day(text: &str) -> Result<u32> {
    match text.trim().parse::<i64>() {
        Ok(n) if (1..=31).contains(&n) => Ok(n as u32),
        Ok(n) => refused(format!("statement day {n} is outside 1–31; give the day of the month the statement closes (31 means the month's last day)")),
        Err(_) => refused(format!("statement day '{text}' is not a whole number from 1 to 31")),
    }
}

pub(super) fn whole_number(text: &str, what: &str) -> Result<u32> {
    match text.trim().parse::<i64>() {
        Ok(n) if (0..=i64::from(u32::MAX)).contains(&n) => Ok(n as u32),
        Ok(n) => refused(format!("{what} {n} is out of range")),
        Err(_) => refused(format!("{what} '{text}' is not a whole number")),
    }
}

pub fn account(ledger: &mut Ledger, cmd: AccountCmd) -> Result<()> {
    let (name, kind, open) = match cmd {
        AccountCmd::Add { name, kind, opening } => (name, kind, opening),
        AccountCmd::Edit { name, rename, kind } => return super::life_cmds::edit_account(ledger, &name, rename, kind),
    };
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
        CardCmd::Edit(args) => return super::life_cmds::edit_card(ledger, &args),
        CardCmd::Set(args) => return super::payoff_cmds::set(ledger, &args),
        CardCmd::Payoff(args) => return super::payoff_cmds::payoff(ledger, &args),
    };
    let statement_day = self::statement_day(&statement_day)?;
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
    let (name, target_monthly, goal, held_in, open) = match cmd {
        BucketCmd::Add {
            name,
            target_monthly,
            goal,
            held_in,
            opening,
        } => (name, target_monthly, goal, held_in, opening),
        BucketCmd::Edit {
            name,
            rename,
            target_monthly,
            from,
            goal,
            held_in,
        } => {
            let args = super::life_cmds::BucketEditArgs {
                name,
                rename,
                target_monthly,
                from,
                goal,
                held_in,
            };
            return super::life_cmds::edit_bucket(ledger, args);
        }
    };
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

/// A place's name in a listing, marked when it is archived.
pub(super) fn listed_name(place: &Place, today: NaiveDate) -> String {
    let mut name = crate::text::visible(&place.name).into_owned();
    match place.archived_on {
        Some(on) if on <= today => name.push_str(" (archived)"),
        Some(on) => name.push_str(&format!(" (archived from {on})")),
        None => {}
    }
    name
}

pub fn list(ledger: &Ledger, which: Listing, args: &PlaceListArgs) -> Result<()> {
    let state = ledger.load_state()?;
    let State { places, .. } = &state;
    let balances = state.balances();
    let reconciled = ledger.last_reconciled()?;
    let today = ledger.today();
    let this_month = Month::of(today);
    // Each place with the terms in force this month; archived ones only with --all.
    let chosen: Vec<Place> = places
        .iter()
        .filter(|p| match which {
            Listing::Accounts => p.kind.is_account(),
            Listing::Cards => p.kind == PlaceKind::Card,
            Listing::Buckets => p.kind == PlaceKind::Bucket,
        })
        .filter(|p| args.all || !p.archived_by(today))
        .map(|p| p.in_force_for(this_month))
        .collect();
    let rates = ledger.card_rates()?;
    if args.json {
        return print_json(&serde_json::Value::Array(
            chosen
                .iter()
                .map(|p| {
                    let mut value = place_json(p, places, balances);
                    if let (Some(obj), Some(r)) = (value.as_object_mut(), rates.get(&p.id)) {
                        super::json_outlook::add_rates(obj, r);
                    }
                    value
                })
                .collect(),
        ));
    }
    if chosen.is_empty() {
        let archived = places.iter().any(|p| p.archived_on.is_some());
        if archived && !args.all {
            say!("none (archived ones are listed with --all)");
        } else {
            say!("none yet");
        }
        return Ok(());
    }
    let text = match which {
        Listing::Accounts => table(
            // The same names as the JSON: `balance` is the account's own, `displayed_balance` what the
            // bank shows (its buckets included).
            &["Name", "Kind", "Balance", "With buckets", "Opened", "Reconciled"],
            &[2, 3],
            chosen
                .iter()
                .map(|p| {
                    vec![
                        listed_name(p, today),
                        p.kind.to_string(),
                        balances.get(p.id).grouped(),
                        balances.displayed(places, p.id).grouped(),
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
                        listed_name(p, today),
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
                        listed_name(p, today),
                        balances.get(p.id).grouped(),
                        p.target_for(this_month).grouped(),
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
