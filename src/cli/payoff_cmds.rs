//! `pfos card set` (APR and minimum-payment rule) and `pfos card payoff`.

use super::json_outlook::payoff_json;
use super::output::{print_json, table};
use super::plan_args::{CardSetArgs, PayoffArgs};
use crate::domain::payoff::CardRates;
use crate::domain::payoff::{percent_bp, Apr, Payoff, MAX_APR_BP};
use crate::domain::Money;
use crate::error::{refused, Error, Result};
use crate::ledger::{Ledger, RatesEdit};

/// An APR as typed, with pfos's words for a bad one.
pub fn apr(text: &str) -> Result<Apr> {
    Apr::parse(text).map_err(Error::refusal)
}

/// A card's rates as typed: `--apr`, `--min-percent`, `--min-floor`.
pub fn rates_edit(apr_text: Option<&str>, min_percent: Option<&str>, min_floor: Option<&str>) -> Result<RatesEdit> {
    let min_percent_bp = match min_percent {
        None => None,
        Some(t) => match percent_bp(t, "minimum percent").map_err(Error::refusal)? {
            bp if bp > MAX_APR_BP => return refused(format!("minimum percent '{t}' is over 100%")),
            bp => Some(bp),
        },
    };
    Ok(RatesEdit {
        apr: apr_text.map(apr).transpose()?,
        min_percent_bp,
        min_floor: min_floor.map(Money::parse_non_negative).transpose()?,
    })
}

/// A card's rates in words: "APR 19.99%; minimum payment …".
pub fn rates_text(rates: &CardRates) -> String {
    format!(
        "APR {}; minimum payment {}",
        rates.apr.map_or("not set".to_string(), |a| a.to_string()),
        rates.minimum
    )
}

pub fn set(ledger: &mut Ledger, args: &CardSetArgs) -> Result<()> {
    let edit = rates_edit(
        args.apr.as_deref(),
        args.min_percent.as_deref(),
        args.min_floor.as_deref(),
    )?;
    let (name, rates) = ledger.set_card_rates(&args.name, edit)?;
    say!("card '{name}': {}", rates_text(&rates));
    Ok(())
}

fn row(label: &str, payment: String, p: &Payoff) -> Vec<String> {
    vec![
        label.to_string(),
        payment,
        p.debt_free.map_or("never".into(), |m| m.to_string()),
        p.months.map_or("-".into(), |n| n.to_string()),
        p.interest.grouped(),
        p.paid.grouped(),
    ]
}

pub fn payoff(ledger: &Ledger, args: &PayoffArgs) -> Result<()> {
    let chosen = args.pay.as_deref().map(Money::parse_positive).transpose()?;
    let report = ledger.card_payoff(&args.name, chosen)?;
    if args.json {
        return print_json(&payoff_json(&report));
    }
    if !report.balance.is_positive() {
        say!("{} owes nothing; there is nothing to pay off", report.name);
        return Ok(());
    }
    let apr = match report.apr {
        Some(a) => format!("APR {a}"),
        None => format!(
            "no APR set, so no interest is counted; set it with 'pfos card set {} --apr PCT'",
            report.name
        ),
    };
    say!(
        "{} owes {}; {apr}. With no new charges, paying from {}:",
        report.name,
        report.balance.grouped(),
        report.first_payment
    );
    let mut rows = vec![
        row("minimum", format!("{}", report.rule), &report.minimum),
        row("usual", report.usual.describe(), &report.current),
    ];
    if let Some((amount, p)) = &report.chosen {
        rows.push(row("chosen", format!("{} a month", amount.grouped()), p));
    }
    say!(
        "{}",
        table(
            &["Plan", "Payment", "Debt-free", "Months", "Interest", "Paid"],
            &[3, 4, 5],
            rows
        )
    );
    if [&report.minimum, &report.current].iter().any(|p| p.months.is_none()) {
        say!("\n'never': those payments do not cover the interest; the debt grows or stays");
    }
    Ok(())
}
