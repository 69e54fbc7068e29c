//! `pfos close`, `pfos reopen`, `pfos snapshot` and `pfos check`.

use super::args::{CloseArgs, MonthArg, SnapshotArgs};
use super::output::{pairs, print_json, table};
use crate::domain::{Month, Snapshot};
use crate::error::{refused, Result};
use crate::io::report_json::snapshot_json;
use crate::ledger::Ledger;

pub fn close(ledger: &mut Ledger, args: CloseArgs) -> Result<()> {
    let month = Month::parse(&args.month)?;
    let snapshot = if args.accept_differences {
        ledger.close_month_accepting(month, args.force)?
    } else {
        ledger.close_month(month, args.force)?
    };
    say!(
        "closed {month}: net worth {}, free cash {}, card debt {}",
        snapshot.figures.net_worth.grouped(),
        snapshot.figures.free_cash.grouped(),
        snapshot.figures.total_cc_balance.grouped()
    );
    for c in snapshot.cards.iter().filter(|c| c.carried_over.is_positive()) {
        say!(
            "warning: {} carries {} past its due date",
            c.name,
            c.carried_over.grouped()
        );
    }
    Ok(())
}

pub fn reopen(ledger: &mut Ledger, args: MonthArg) -> Result<()> {
    let month = Month::parse(&args.month)?;
    ledger.reopen(month)?;
    say!("reopened {month}: its snapshot is deleted and its transactions can change again");
    Ok(())
}

pub fn snapshot(ledger: &Ledger, args: SnapshotArgs) -> Result<()> {
    let month = Month::parse(&args.month)?;
    let snapshot = ledger.snapshot(month)?;
    if args.json {
        return print_json(&snapshot_json(&snapshot));
    }
    say!("{}", render_snapshot(&snapshot));
    Ok(())
}

/// The human view of a snapshot.
pub fn render_snapshot(s: &Snapshot) -> String {
    let f = &s.figures;
    let p = &s.projection;
    let figures = pairs(&[
        ("Income", f.total_income.grouped()),
        ("Expense", f.total_expense.grouped()),
        ("  of it from buckets", f.from_buckets.grouped()),
        ("Cash outflow", f.cash_outflow.grouped()),
        ("Savings added", f.savings_added.grouped()),
        ("Market change", f.market_change.grouped()),
        ("Card balances", f.total_cc_balance.grouped()),
        ("Net worth", f.net_worth.grouped()),
        ("Free cash", f.free_cash.grouped()),
    ]);
    let places = table(
        &["Place", "Type", "Opening", "Closing"],
        &[2, 3],
        s.places
            .iter()
            .map(|l| {
                vec![
                    l.name.clone(),
                    l.kind.to_string(),
                    l.opening.grouped(),
                    l.closing.grouped(),
                ]
            })
            .collect(),
    );
    let dash = || "-".to_string();
    let cards = table(
        &[
            "Card",
            "Balance",
            "Statement",
            "Stmt balance",
            "Due",
            "Credits",
            "Remaining",
            "New charges",
            "Carried over",
        ],
        &[1, 3, 5, 6, 7, 8],
        s.cards
            .iter()
            .map(|c| {
                let st = c.statement.as_ref();
                vec![
                    c.name.clone(),
                    c.balance.grouped(),
                    st.map_or_else(dash, |x| x.date.to_string()),
                    st.map_or_else(dash, |x| x.balance.grouped()),
                    st.map_or_else(dash, |x| x.due_date.to_string()),
                    st.map_or_else(dash, |x| x.credits.grouped()),
                    st.map_or_else(dash, |x| x.remaining.grouped()),
                    c.new_charges.grouped(),
                    c.carried_over.grouped(),
                ]
            })
            .collect(),
    );
    let buckets = table(
        &["Bucket", "Balance", "Added", "Target"],
        &[1, 2, 3],
        s.buckets
            .iter()
            .map(|b| {
                vec![
                    b.name.clone(),
                    b.balance.grouped(),
                    b.added.grouped(),
                    b.target_monthly.grouped(),
                ]
            })
            .collect(),
    );
    let projection = pairs(&[
        ("Expected income", p.expected_income.grouped()),
        ("Expected spending", p.expected_spending.grouped()),
        ("Planned savings", p.planned_savings.grouped()),
        ("Projected net worth", p.projected_net_worth.grouped()),
        ("Projected free cash", p.projected_free_cash.grouped()),
    ]);
    let mut out = format!("Snapshot {} ({})\n\n{figures}\n\n{places}\n", s.month, s.month.label());
    if !s.cards.is_empty() {
        out.push_str(&format!("\n{cards}\n"));
    }
    if !s.buckets.is_empty() {
        out.push_str(&format!("\n{buckets}\n"));
    }
    out.push_str(&format!("\nProjection for {}\n{projection}", s.month.next()));
    out
}

pub fn check(ledger: &Ledger) -> Result<()> {
    let report = ledger.check()?;
    if report.problems.is_empty() {
        say!(
            "ok: {} transactions, {} closed month{} recomputed; every snapshot matches and every identity holds",
            report.transactions,
            report.months_checked,
            if report.months_checked == 1 { "" } else { "s" }
        );
        return Ok(());
    }
    for p in &report.problems {
        say!("{p}");
    }
    refused(format!("check found {} problem(s); see above", report.problems.len()))
}
