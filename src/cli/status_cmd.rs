//! `pfos status`: the dashboard's figures and the verdict, as text or JSON.

use super::args::StatusArgs;
use super::json::status_json;
use super::output::{pairs, print_json, table};
use crate::domain::parse_date;
use crate::domain::verdict::Level;
use crate::error::Result;
use crate::ledger::{Ledger, Status};

pub fn status(ledger: &Ledger, args: StatusArgs) -> Result<()> {
    let date = args
        .date
        .as_deref()
        .map(parse_date)
        .transpose()?
        .unwrap_or(ledger.today());
    let (status, outlook) = ledger.dashboard(date)?;
    if args.json {
        let mut value = status_json(&status);
        if let (Some(obj), Some(o)) = (value.as_object_mut(), &outlook) {
            obj.extend(super::json_outlook::outlook_json(o, &status.places));
        }
        return print_json(&value);
    }
    say!("{}", render_status(&status));
    if let Some(o) = &outlook {
        say!("\n{}", super::outlook_text::render_outlook(o, &status.places));
    }
    Ok(())
}

/// Width the checks are wrapped to: they read well at 80 columns.
const WIDTH: usize = 80;
/// `  [warn] Savings on target  `: where a check's reason starts.
const REASON_AT: usize = 28;

/// `text` in lines of at most `width` characters, broken at spaces but never between a name and its
/// figure (a longer piece keeps its own line).
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in crate::text::units(text) {
        let word = word.as_str();
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    lines.push(line);
    lines
}

pub fn render_status(s: &Status) -> String {
    let f = &s.figures;
    let mark = |l: Level| match l {
        Level::None => "--  ",
        Level::Ok => "ok  ",
        Level::Warn => "warn",
        Level::Bad => "BAD ",
    };
    let mut out = format!("Am I okay? {}   (as of {})\n", s.verdict.answer, s.date);
    for line in wrap(&s.verdict.reason, WIDTH - 2) {
        out.push_str(&format!("  {line}\n"));
    }
    out.push('\n');
    for c in &s.verdict.checks {
        let lines = wrap(&c.reason, WIDTH - REASON_AT);
        for (i, line) in lines.iter().enumerate() {
            if i == 0 {
                out.push_str(&format!("  [{}] {:<18} {line}\n", mark(c.level), c.title));
            } else {
                out.push_str(&format!("{:REASON_AT$}{line}\n", ""));
            }
        }
    }
    let change = s.net_worth_last_month.map(|nw| f.net_worth - nw);
    out.push('\n');
    out.push_str(&pairs(&[
        ("Free cash", f.free_cash.grouped()),
        ("Net worth", f.net_worth.grouped()),
        ("  change this month", change.map_or("-".into(), |c| c.grouped())),
        ("Card balances", f.total_cc_balance.grouped()),
        ("Loan balances", f.total_loan_balance.grouped()),
        ("Income this month", f.total_income.grouped()),
        ("Spending this month", f.day_to_day_spending().grouped()),
        (
            "  usual by this day",
            s.spending_usual_so_far.map_or("-".into(), |a| a.grouped()),
        ),
        (
            "  3-month average",
            s.spending_average.map_or("-".into(), |a| a.grouped()),
        ),
        ("  paid from buckets", f.from_buckets.grouped()),
        ("Savings", f.total_savings.grouped()),
    ]));
    out.push('\n');
    if !s.cards.is_empty() {
        let rows = s
            .cards
            .iter()
            .map(|c| {
                let st = c.statement.as_ref();
                vec![
                    c.name.clone(),
                    c.balance.grouped(),
                    st.map_or("-".into(), |x| x.due_date.to_string()),
                    st.map_or("-".into(), |x| x.remaining.grouped()),
                    c.carried_over.grouped(),
                ]
            })
            .collect();
        out.push_str(&format!(
            "\n{}\n",
            table(&["Card", "Owed", "Due", "Remaining", "Carried over"], &[1, 3, 4], rows)
        ));
    }
    if !s.buckets.is_empty() {
        let rows = s
            .buckets
            .iter()
            .map(|b| {
                vec![
                    b.name.clone(),
                    b.balance.grouped(),
                    b.added.grouped(),
                    b.target_monthly.grouped(),
                ]
            })
            .collect();
        out.push_str(&format!(
            "\n{}\n",
            table(&["Bucket", "Balance", "Added", "Target"], &[1, 2, 3], rows)
        ));
    }
    out.trim_end().to_string()
}
