//! `pfos recurring add|list|edit|delete|post`.

use super::json_outlook::{posted_json, recurring_json};
use super::output::{print_json, table};
use super::plan_args::{RecurringAddArgs, RecurringCmd, RecurringEditArgs};
use crate::domain::recurring::RecurringItem;
use crate::domain::{parse_date, Money, Places, TxnKind};
use crate::error::{refused, Result};
use crate::ledger::{Ledger, RecurringEdit, RecurringInput};
use chrono::NaiveDate;

pub fn recurring(ledger: &mut Ledger, cmd: RecurringCmd) -> Result<()> {
    match cmd {
        RecurringCmd::Add(args) => add(ledger, &args),
        RecurringCmd::List { json } => list(ledger, json),
        RecurringCmd::Edit(args) => edit(ledger, &args),
        RecurringCmd::Delete { id } => {
            let item = ledger.delete_recurring(item_id(&id)?)?;
            say!(
                "deleted recurring item {} ({}); the transactions it posted stay",
                item.id,
                item.label()
            );
            Ok(())
        }
        RecurringCmd::Post { through, dry_run, json } => post(ledger, through.as_deref(), dry_run, json),
    }
}

fn item_id(text: &str) -> Result<i64> {
    match text.trim().parse::<i64>() {
        Ok(id) if id > 0 => Ok(id),
        _ => refused(format!(
            "'{text}' is not a recurring item id; see 'pfos recurring list' for ids"
        )),
    }
}

fn whole(text: &str, what: &str) -> Result<u32> {
    match text.trim().parse::<i64>() {
        Ok(n) if (0..=i64::from(u32::MAX)).contains(&n) => Ok(n as u32),
        _ => refused(format!("{what} '{text}' is not a whole number of 0 or more")),
    }
}

fn date(text: Option<&str>) -> Result<Option<NaiveDate>> {
    Ok(text.map(parse_date).transpose()?)
}

fn add(ledger: &mut Ledger, a: &RecurringAddArgs) -> Result<()> {
    let kind: TxnKind = a.kind.parse().map_err(crate::error::Error::refusal)?;
    let input = RecurringInput {
        kind: Some(kind),
        amount: Money::parse_positive(&a.amount)?,
        from: a.from.clone(),
        to: a.to.clone(),
        category: a.category.clone(),
        description: a.desc.clone(),
        cadence: a.every.clone(),
        day: a.day.as_deref().map(|d| whole(d, "day")).transpose()?,
        start: date(a.start.as_deref())?,
        until: date(a.until.as_deref())?,
        count: a.count.as_deref().map(|c| whole(c, "count")).transpose()?,
    };
    let item = ledger.add_recurring(&input)?;
    let places = ledger.places()?;
    let next = item.schedule.next_on_or_after(ledger.today());
    say!(
        "added recurring item {}: {} {}, {}{}",
        item.id,
        item.kind,
        describe(&item, &places),
        item.schedule.cadence,
        next.map(|d| format!("; next on {d}")).unwrap_or_default()
    );
    Ok(())
}

/// `None` for 'never', else the parsed value.
fn or_never<T>(text: &str, parse: impl Fn(&str) -> Result<T>) -> Result<Option<T>> {
    if text.trim().eq_ignore_ascii_case("never") || text.trim().eq_ignore_ascii_case("none") {
        Ok(None)
    } else {
        parse(text).map(Some)
    }
}

fn edit(ledger: &mut Ledger, a: &RecurringEditArgs) -> Result<()> {
    let id = item_id(&a.id)?;
    let edit = RecurringEdit {
        amount: a.amount.as_deref().map(Money::parse_positive).transpose()?,
        from: a.from.clone(),
        to: a.to.clone(),
        category: a.category.clone(),
        description: a.desc.clone(),
        cadence: a.every.clone(),
        day: a.day.as_deref().map(|d| whole(d, "day")).transpose()?,
        start: date(a.start.as_deref())?,
        until: a
            .until
            .as_deref()
            .map(|u| or_never(u, |t| Ok(parse_date(t)?)))
            .transpose()?,
        count: a
            .count
            .as_deref()
            .map(|c| or_never(c, |t| whole(t, "count")))
            .transpose()?,
    };
    let nothing = edit.amount.is_none()
        && edit.from.is_none()
        && edit.to.is_none()
        && edit.category.is_none()
        && edit.description.is_none()
        && edit.cadence.is_none()
        && edit.day.is_none()
        && edit.start.is_none()
        && edit.until.is_none()
        && edit.count.is_none();
    if nothing {
        return refused("nothing to change: give --amount, --from, --to, --category, --desc, --every, --day, --start, --until or --count");
    }
    let item = ledger.edit_recurring(id, &edit)?;
    let places = ledger.places()?;
    say!(
        "saved recurring item {}: {} {}, {}",
        item.id,
        item.kind,
        describe(&item, &places),
        item.schedule.cadence
    );
    Ok(())
}

/// Amount, places and category: `1,600.00 from Checking (Rent)`.
fn describe(item: &RecurringItem, places: &Places) -> String {
    let mut text = item.amount.grouped();
    if let Some(from) = item.from {
        text.push_str(&format!(" from {}", places.name(from)));
    }
    if let Some(to) = item.to {
        text.push_str(&format!(" to {}", places.name(to)));
    }
    if let Some(c) = &item.category {
        text.push_str(&format!(" ({c})"));
    }
    if !item.description.is_empty() {
        text.push_str(&format!(" \"{}\"", item.description));
    }
    text
}

fn list(ledger: &Ledger, json: bool) -> Result<()> {
    let items = ledger.recurring()?;
    let places = ledger.places()?;
    let today = ledger.today();
    let due = ledger.due_recurring(today)?;
    let due_of = |id: i64| due.iter().filter(|d| d.item.id == id).count();
    let next = |i: &RecurringItem| i.schedule.next_on_or_after(today.succ_opt().unwrap_or(today));
    if json {
        return print_json(&serde_json::Value::Array(
            items
                .iter()
                .map(|i| recurring_json(i, &places, next(i), due_of(i.id)))
                .collect(),
        ));
    }
    if items.is_empty() {
        say!("no recurring items yet; add one with 'pfos recurring add expense 1600 --from Checking --category Rent --every monthly --day 1'");
        return Ok(());
    }
    let rows = items
        .iter()
        .map(|i| {
            let end = match i.schedule.end {
                crate::domain::cadence::End::Never => "-".to_string(),
                crate::domain::cadence::End::Until(d) => format!("until {d}"),
                crate::domain::cadence::End::Count(n) => format!("{n} times"),
            };
            vec![
                i.id.to_string(),
                i.kind.to_string(),
                i.amount.grouped(),
                i.from.map_or("-".into(), |p| places.name(p).to_string()),
                i.to.map_or("-".into(), |p| places.name(p).to_string()),
                i.label(),
                i.schedule.cadence.to_string(),
                end,
                next(i).map_or("-".into(), |d| d.to_string()),
                due_of(i.id).to_string(),
            ]
        })
        .collect();
    say!(
        "{}",
        table(
            &["Id", "Kind", "Amount", "From", "To", "What", "Every", "Ends", "Next", "Due"],
            &[0, 2, 9],
            rows
        )
    );
    if !due.is_empty() {
        say!(
            "\n{} due through {today}; post with 'pfos recurring post' (see first with --dry-run)",
            due.len()
        );
    }
    Ok(())
}

fn post(ledger: &mut Ledger, through: Option<&str>, dry_run: bool, json: bool) -> Result<()> {
    let through = date(through)?.unwrap_or(ledger.today());
    let posted = ledger.post_recurring(through, dry_run)?;
    let places = ledger.places()?;
    if json {
        return print_json(&serde_json::json!({
            "through": through.to_string(),
            "dry_run": dry_run,
            "posted": posted.iter().map(|p| posted_json(p, &places)).collect::<Vec<_>>(),
        }));
    }
    if posted.is_empty() {
        say!("nothing recurring is due through {through}; nothing was posted");
        return Ok(());
    }
    for p in &posted {
        let txn = if dry_run {
            "would post".to_string()
        } else {
            format!("posted #{}", p.txn)
        };
        say!(
            "{txn}: {} {} on {} (item {})",
            p.item.kind,
            describe(&p.item, &places),
            p.date,
            p.item.id
        );
    }
    let verb = if dry_run {
        "would be posted; nothing was stored"
    } else {
        "posted"
    };
    say!("{} occurrence(s) {verb}", posted.len());
    Ok(())
}
