//! `pfos loan add|interest` and the `pfos loans` listing.

use super::args::{LoanCmd, PlaceListArgs};
use super::output::{print_json, table};
use crate::domain::payoff::Apr;
use crate::domain::{Money, Month};
use crate::error::{refused, Result};
use crate::ledger::{Ledger, LoanSummary, NewLoan};
use serde_json::json;

pub fn loan(ledger: &mut Ledger, cmd: LoanCmd) -> Result<()> {
    match cmd {
        LoanCmd::Add {
            name,
            apr,
            payment,
            payment_day,
            opening,
        } => {
            let apr = Apr::parse(&apr).map_err(crate::error::Error::refusal)?;
            let payment = Money::parse_positive(&payment)?;
            let payment_day = day_of_month(&payment_day)?;
            let (owed, date) = super::place_cmds::opening(ledger, &opening)?;
            let loan = NewLoan {
                name: &name,
                apr,
                payment,
                payment_day,
            };
            ledger.add_loan(&loan, owed, date)?;
            say!(
                "added loan '{}' owing {} on {date}; {} a month on day {payment_day}, APR {apr}",
                name.trim(),
                owed.grouped(),
                payment.grouped()
            );
            Ok(())
        }
        LoanCmd::Edit {
            name,
            rename,
            apr,
            payment,
            payment_day,
        } => super::life_cmds::edit_loan(
            ledger,
            super::life_cmds::LoanEditArgs {
                name,
                rename,
                apr,
                payment,
                payment_day,
            },
        ),
        LoanCmd::Interest { name, month, amount } => {
            let month = Month::parse(&month)?;
            let amount = amount.as_deref().map(Money::parse_positive).transpose()?;
            let (id, posted) = ledger.post_loan_interest(&name, month, amount)?;
            say!(
                "posted #{id}: {month}'s interest on '{}', {}",
                name.trim(),
                posted.grouped()
            );
            Ok(())
        }
    }
}

/// A day of the month as typed: 1–31.
pub fn day_of_month(text: &str) -> Result<u32> {
    match text.trim().parse::<i64>() {
        Ok(n) if (1..=31).contains(&n) => Ok(n as u32),
        Ok(n) => refused(format!(
            "payment day {n} is outside 1–31; give the day of the month the payment is due (31 means the month's last day)"
        )),
        Err(_) => refused(format!("payment day '{text}' is not a whole number from 1 to 31")),
    }
}

fn summary_json(s: &LoanSummary) -> serde_json::Value {
    let terms = s.place.loan.unwrap_or(crate::domain::LoanTerms {
        apr: Apr::ZERO,
        payment: Money::ZERO,
        payment_day: 1,
    });
    json!({
        "id": s.place.id,
        "name": s.place.name,
        "type": "loan",
        "opened_on": s.place.opened_on.to_string(),
        "archived_on": s.place.archived_on.map(|d| d.to_string()),
        "balance": s.balance.to_string(),
        "apr": apr_text(terms.apr),
        "payment": terms.payment.to_string(),
        "payment_day": terms.payment_day,
        "paid_this_month": s.paid_this_month.to_string(),
        "interest_this_year": s.interest_this_year.to_string(),
    })
}

/// An APR as a plain percent for JSON: `6.49`, `0`.
fn apr_text(apr: Apr) -> String {
    apr.to_string().trim_end_matches('%').to_string()
}

pub fn list(ledger: &Ledger, args: &PlaceListArgs) -> Result<()> {
    let loans = ledger.loan_summaries(args.all)?;
    if args.json {
        return print_json(&serde_json::Value::Array(loans.iter().map(summary_json).collect()));
    }
    if loans.is_empty() {
        say!("no loans yet; add one with 'pfos loan add NAME --apr PCT --payment AMT --payment-day N --opening OWED'");
        return Ok(());
    }
    let rows = loans
        .iter()
        .map(|s| {
            let t = s.place.loan;
            vec![
                super::place_cmds::listed_name(&s.place, ledger.today()),
                s.balance.grouped(),
                t.map_or("-".into(), |t| t.apr.to_string()),
                t.map_or("-".into(), |t| t.payment.grouped()),
                t.map_or("-".into(), |t| t.payment_day.to_string()),
                s.paid_this_month.grouped(),
                s.interest_this_year.grouped(),
            ]
        })
        .collect();
    say!(
        "{}",
        table(
            &[
                "Name",
                "Owed",
                "APR",
                "Payment",
                "Day",
                "Paid this month",
                "Interest this year"
            ],
            &[1, 2, 3, 4, 5, 6],
            rows
        )
    );
    Ok(())
}
