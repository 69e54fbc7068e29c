//! `pfos report categories|cashflow|tags`: aligned tables with a total row, or JSON.

use super::args::{MonthRange, ReportCmd};
use super::output::{print_json, table};
use crate::domain::report::total;
use crate::domain::report_trends::USUAL_MONTHS;
use crate::domain::{CategoryLine, Money, Month};
use crate::error::Result;
use crate::io::report_json::category_json;
use crate::io::report_json::money;
use crate::ledger::{AgainstUsual, CashflowMonth, Ledger};
use serde_json::json;

pub fn report(ledger: &Ledger, cmd: ReportCmd) -> Result<()> {
    let this_month = Month::of(ledger.today());
    match cmd {
        ReportCmd::Categories {
            month,
            range,
            vs_usual,
            json,
        } => {
            let (first, last) = match month {
                Some(m) => {
                    let m = Month::parse(&m)?;
                    (m, m)
                }
                None => months(&range, this_month)?,
            };
            if vs_usual {
                return against_usual(first, &ledger.categories_vs_usual(first)?, json);
            }
            let lines = ledger.category_report(first, last)?;
            show(first, last, "categories", "Category", &lines, json)
        }
        ReportCmd::Cashflow { months, json } => cashflow(&ledger.cashflow(months)?, json),
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

/// `report categories --vs-usual`: each category's spending, its usual and the difference, the ones
/// that grew most first. `usual_months` is how many months the usual is the mean of: up to three, fewer
/// while the history is shorter.
fn against_usual(month: Month, report: &AgainstUsual, as_json: bool) -> Result<()> {
    let rows = &report.categories;
    let counted = report.usual_months;
    if as_json {
        let list: Vec<_> = rows
            .iter()
            .map(|c| {
                json!({
                    "name": c.name,
                    "expense": money(c.spent),
                    "usual": money(c.usual),
                    "difference": money(c.difference()),
                    "income": money(c.income),
                })
            })
            .collect();
        return print_json(&json!({ "month": month.to_string(), "usual_months": counted, "categories": list }));
    }
    if rows.is_empty() {
        say!("no categories in {month} or the {USUAL_MONTHS} months before");
        return Ok(());
    }
    let mut table_rows: Vec<Vec<String>> = rows
        .iter()
        .map(|c| {
            vec![
                crate::text::visible(&c.name).into_owned(),
                c.spent.grouped(),
                c.usual.grouped(),
                c.difference().grouped_signed(),
            ]
        })
        .collect();
    let spent: Money = rows.iter().map(|c| c.spent).sum();
    let usual: Money = rows.iter().map(|c| c.usual).sum();
    table_rows.push(vec![
        "Total".into(),
        spent.grouped(),
        usual.grouped(),
        (spent - usual).grouped_signed(),
    ]);
    let basis = match counted {
        0 => "no month before it to compare with".to_string(),
        1 => "the one month before it with any category".to_string(),
        n => format!("the mean of the {n} months before"),
    };
    say!(
        "{month} against the usual ({basis})\n{}",
        table(&["Category", "Spent", "Usual", "Difference"], &[1, 2, 3], table_rows)
    );
    Ok(())
}

/// `report cashflow`: the per-month figures, oldest first.
fn cashflow(months: &[CashflowMonth], as_json: bool) -> Result<()> {
    if as_json {
        let list: Vec<_> = months
            .iter()
            .map(|m| {
                json!({
                    "month": m.month.to_string(),
                    "closed": m.closed,
                    "income": money(m.income),
                    "day_to_day_spending": money(m.day_to_day),
                    "from_buckets": money(m.from_buckets),
                    "savings_added": money(m.savings_added),
                    "cash_outflow": money(m.cash_outflow),
                })
            })
            .collect();
        return print_json(&json!({ "months": list }));
    }
    if months.is_empty() {
        say!("no months tracked yet");
        return Ok(());
    }
    let rows: Vec<Vec<String>> = months
        .iter()
        .map(|m| {
            vec![
                if m.closed {
                    m.month.to_string()
                } else {
                    format!("{} (open)", m.month)
                },
                m.income.grouped(),
                m.day_to_day.grouped(),
                m.from_buckets.grouped(),
                m.savings_added.grouped(),
                m.cash_outflow.grouped(),
            ]
        })
        .collect();
    say!(
        "{}",
        table(
            &[
                "Month",
                "Income",
                "Day-to-day",
                "From buckets",
                "Savings added",
                "Cash outflow"
            ],
            &[1, 2, 3, 4, 5],
            rows
        )
    );
    Ok(())
}
