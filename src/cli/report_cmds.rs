//! `pfos report categories|tags`: aligned tables with a total row, or the JSON of the contract.

use super::args::{MonthRange, ReportCmd};
use super::output::{print_json, table};
use crate::domain::report::total;
use crate::domain::{CategoryLine, Month};
use crate::error::Result;
use crate::json::category_json;
use crate::ledger::Ledger;
use serde_json::json;

pub fn report(ledger: &Ledger, cmd: ReportCmd) -> Result<()> {
    let this_month = Month::of(ledger.today());
    match cmd {
        ReportCmd::Categories { month, range, json } => {
            let (first, last) = match month {
                Some(m) => {
                    let m = Month::parse(&m)?;
                    (m, m)
                }
                None => months(&range, this_month)?,
            };
            let lines = ledger.category_report(first, last)?;
            show(first, last, "categories", "Category", &lines, json)
        }
        ReportCmd::Tags { range, json } => {
            let (first, last) = months(&range, this_month)?;
            let lines = ledger.tag_report(first, last)?;
            show(first, last, "tags", "Tag", &lines, json)
        }
    }
}

fn months(range: &MonthRange, default: Month) -> Result<(Month, Month)> {
    let parse = |m: &Option<String>| m.as_deref().map(Month::parse).transpose();
    Ok((
        parse(&range.from)?.unwrap_or(default),
        parse(&range.to)?.unwrap_or(default),
    ))
}

fn show(first: Month, last: Month, key: &str, title: &str, lines: &[CategoryLine], as_json: bool) -> Result<()> {
    if as_json {
        return print_json(&json!({
            "from": first.to_string(),
            "to": last.to_string(),
            key: lines.iter().map(category_json).collect::<Vec<_>>(),
        }));
    }
    let span = if first == last {
        first.to_string()
    } else {
        format!("{first} to {last}")
    };
    if lines.is_empty() {
        say!("no {key} in {span}");
        return Ok(());
    }
    let (expense, income) = total(lines);
    let mut rows: Vec<Vec<String>> = lines
        .iter()
        .map(|l| {
            vec![
                crate::text::visible(&l.name).into_owned(),
                l.expense.grouped(),
                l.income.grouped(),
            ]
        })
        .collect();
    rows.push(vec!["Total".to_string(), expense.grouped(), income.grouped()]);
    say!("{span}\n{}", table(&[title, "Spent", "Income"], &[1, 2], rows));
    Ok(())
}
