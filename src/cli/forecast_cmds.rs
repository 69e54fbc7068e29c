//! `pfos forecast` and `pfos whatif`: the months ahead, alone or next to a scenario.

use super::json_outlook::{forecast_json, payoff_json};
use super::output::{print_json, table};
use super::plan_args::{ForecastArgs, WhatifArgs};
use crate::domain::forecast::{Driver, Forecast, ForecastMonth};
use crate::domain::{Money, Places};
use crate::error::{refused, Result};
use crate::ledger::{Ledger, CHANGE_SYNTAX};
use serde_json::json;

fn months(args: &ForecastArgs) -> Result<u32> {
    match args.months.trim().parse::<i64>() {
        Ok(n) if (1..=120).contains(&n) => Ok(n as u32),
        _ => refused(format!(
            "--months '{}' is not a whole number from 1 to 120; give how many months to look ahead, like --months 12",
            args.months
        )),
    }
}

/// `Dec 2025`, or `Nov 16–30` for the rest of the current month.
pub fn period_label(p: &ForecastMonth) -> String {
    if p.partial {
        format!(
            "{} {}–{}",
            p.month.first_day().format("%b"),
            p.from.format("%-d"),
            p.month.last_day().format("%-d")
        )
    } else {
        p.month.label()
    }
}

/// `usual income +4,200.00; Rent -1,600.00; Emergency Fund reaches its goal`.
pub fn drivers_text(drivers: &[Driver]) -> String {
    drivers
        .iter()
        .map(|d| match d.amount {
            Some(a) if a.is_positive() => format!("{} +{}", d.label, a.grouped()),
            Some(a) => format!("{} {}", d.label, a.grouped()),
            None => d.label.clone(),
        })
        .collect::<Vec<_>>()
        .join("; ")
}

fn render(f: &Forecast, places: &Places) -> String {
    let with_loans = !f.loans.is_empty();
    let rows = f
        .months
        .iter()
        .map(|p| {
            let fig = &p.figures;
            let mut row = vec![
                period_label(p),
                fig.total_income.grouped(),
                p.spending.grouped(),
                p.interest.grouped(),
                p.card_payments.grouped(),
            ];
            if with_loans {
                row.push(p.loan_payments.grouped());
            }
            row.extend([
                fig.savings_added.grouped(),
                fig.total_cc_balance.grouped(),
                fig.free_cash.grouped(),
                fig.net_worth.grouped(),
                drivers_text(&p.drivers),
            ]);
            row
        })
        .collect();
    let mut headers = vec!["Month", "Income", "Spending", "Interest", "Card payments"];
    if with_loans {
        headers.push("Loan payments");
    }
    headers.extend(["To savings", "Card debt", "Free cash", "Net worth", "What drives it"]);
    let numeric: Vec<usize> = (1..headers.len() - 1).collect();
    let mut out = table(&headers, &numeric, rows);
    for c in &f.cards {
        let clear = c
            .clear_from
            .map(|m| format!("; no debt carried from {m}"))
            .unwrap_or_default();
        let extra = if c.extra.is_positive() {
            format!(" + {} extra", c.extra.grouped())
        } else {
            String::new()
        };
        out.push_str(&format!(
            "\n{} {}{extra}: interest {} over the forecast{clear}",
            places.name(c.card),
            c.plan.describe(),
            c.interest.grouped()
        ));
    }
    for l in &f.loans {
        let extra = if l.extra.is_positive() {
            format!(" + {} extra", l.extra.grouped())
        } else {
            String::new()
        };
        let off = l.paid_off.map_or("never paid off at this payment".to_string(), |m| {
            format!("paid off {m}")
        });
        out.push_str(&format!(
            "\n{} pays {} a month{extra}: interest {} over the forecast; {off}",
            places.name(l.loan),
            l.payment.grouped(),
            l.interest.grouped()
        ));
    }
    out
}

pub fn forecast(ledger: &Ledger, args: &ForecastArgs) -> Result<()> {
    let n = months(args)?;
    let f = ledger.forecast(n)?;
    let places = ledger.places()?;
    if args.json {
        return print_json(&forecast_json(&f, &places));
    }
    say!(
        "Forecast from {} for {n} months: net worth {}, free cash {} now",
        f.as_of,
        f.net_worth.grouped(),
        f.free_cash.grouped()
    );
    say!(
        "Usual month besides recurring items (mean of {} month(s)): income {}, spending {}\n",
        f.usual.months,
        f.usual.income.grouped(),
        f.usual.spending.grouped()
    );
    say!("{}", render(&f, &places));
    Ok(())
}

fn change(a: Money, b: Money) -> String {
    (b - a).grouped_signed()
}

pub fn whatif(ledger: &Ledger, args: &WhatifArgs) -> Result<()> {
    let n = months(&args.forecast)?;
    let given = args.changes();
    if given.is_empty() {
        let kinds: Vec<String> = CHANGE_SYNTAX.iter().map(|(k, s, _)| format!("--{k} {s}")).collect();
        return refused(format!(
            "give at least one change: {}; for example 'pfos whatif --extra Visa=200'",
            kinds.join(", ")
        ));
    }
    let changes = given
        .iter()
        .map(|(kind, value)| ledger.parse_change(kind, value))
        .collect::<Result<Vec<_>>>()?;
    let report = ledger.whatif_report(n, &changes)?;
    let places = ledger.places()?;
    let (base, scen) = (&report.whatif.baseline, &report.whatif.scenario);
    if args.forecast.json {
        return print_json(&json!({
            "changes": report.changes,
            "baseline": forecast_json(base, &places),
            "scenario": forecast_json(scen, &places),
            "payoffs": report.payoffs.iter().map(|(b, s)| json!({
                "baseline": payoff_json(b),
                "scenario": payoff_json(s),
            })).collect::<Vec<_>>(),
        }));
    }
    say!("What if, from {} for {n} months:", base.as_of);
    for c in &report.changes {
        say!("  - {c}");
    }
    let rows = base
        .months
        .iter()
        .zip(&scen.months)
        .map(|(b, s)| {
            let (bf, sf) = (&b.figures, &s.figures);
            vec![
                period_label(b),
                bf.net_worth.grouped(),
                sf.net_worth.grouped(),
                change(bf.net_worth, sf.net_worth),
                bf.free_cash.grouped(),
                sf.free_cash.grouped(),
                change(bf.free_cash, sf.free_cash),
                bf.total_cc_balance.grouped(),
                sf.total_cc_balance.grouped(),
            ]
        })
        .collect();
    say!(
        "\n{}",
        table(
            &[
                "Month",
                "Net worth",
                "What if",
                "Change",
                "Free cash",
                "What if",
                "Change",
                "Card debt",
                "What if"
            ],
            &[1, 2, 3, 4, 5, 6, 7, 8],
            rows
        )
    );
    say!(
        "\nCard interest over the forecast: {} now, {} with the changes ({})",
        base.interest().grouped(),
        scen.interest().grouped(),
        change(base.interest(), scen.interest())
    );
    for (b, s) in base.loans.iter().zip(&scen.loans) {
        let when = |m: Option<crate::domain::Month>| m.map_or("never".to_string(), |m| m.to_string());
        if b.paid_off == s.paid_off && b.interest == s.interest {
            continue;
        }
        say!(
            "{}: paid off {} → {}, interest over the forecast {} → {}",
            places.name(b.loan),
            when(b.paid_off),
            when(s.paid_off),
            b.interest.grouped(),
            s.interest.grouped()
        );
    }
    for (b, s) in &report.payoffs {
        let when = |p: &crate::domain::payoff::Payoff| p.debt_free.map_or("never".to_string(), |m| m.to_string());
        say!(
            "{}: debt-free {} → {}, interest {} → {} (no new charges, {} owed now)",
            b.name,
            when(&b.current),
            when(&s.current),
            b.current.interest.grouped(),
            s.current.interest.grouped(),
            b.balance.grouped()
        );
    }
    Ok(())
}
