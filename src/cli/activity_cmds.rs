//! `pfos log`, `pfos undo` and `pfos redo`.

use super::args::{LogArgs, ReconcileArgs, RestoreArgs};
use super::output::{print_json, table};
use crate::error::{refused, Result};
use crate::ledger::Ledger;
use std::io::{BufRead, IsTerminal, Write};

pub fn log(ledger: &Ledger, args: LogArgs) -> Result<()> {
    let entries = ledger.activity(args.limit)?;
    if args.json {
        let list = entries
            .iter()
            .map(|e| serde_json::json!({"id": e.id, "at": e.at, "action": e.action, "summary": e.summary, "undone": e.undone}))
            .collect();
        return print_json(&serde_json::Value::Array(list));
    }
    if entries.is_empty() {
        say!("no changes yet");
        return Ok(());
    }
    let rows = entries
        .iter()
        .map(|e| {
            let summary = if e.undone {
                format!("{} (undone)", e.summary)
            } else {
                e.summary.clone()
            };
            vec![e.id.to_string(), e.at.clone(), e.action.clone(), summary]
        })
        .collect();
    say!("{}", table(&["#", "When", "What", "Change"], &[0], rows));
    Ok(())
}

pub fn undo(ledger: &mut Ledger) -> Result<()> {
    let entry = ledger.undo()?;
    say!("undid: {} ('pfos redo' puts it back)", entry.summary);
    Ok(())
}

pub fn redo(ledger: &mut Ledger) -> Result<()> {
    let entry = ledger.redo()?;
    say!("redid: {}", entry.summary);
    Ok(())
}

pub fn backups(ledger: &Ledger, json: bool) -> Result<()> {
    let list = ledger.backups();
    if json {
        let paths = list
            .iter()
            .map(|p| serde_json::json!(p.display().to_string()))
            .collect();
        return print_json(&serde_json::Value::Array(paths));
    }
    if list.is_empty() {
        say!("no automatic backups yet; pfos makes one before each upgrade and before the first Close Month of a day");
        return Ok(());
    }
    for path in list {
        let size = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
        say!("{}  ({} KiB)", path.display(), size / 1024);
    }
    Ok(())
}

pub fn restore(ledger: &mut Ledger, args: RestoreArgs) -> Result<()> {
    if !args.yes {
        if !std::io::stdin().is_terminal() {
            return refused(format!(
                "restoring replaces everything in '{}'; confirm with 'pfos restore {} --yes'",
                ledger.path().display(),
                args.file.display()
            ));
        }
        eprint!(
            "Replace everything in '{}' with '{}'? The current database is kept aside. [y/N] ",
            ledger.path().display(),
            args.file.display()
        );
        let _ = std::io::stderr().flush();
        let mut answer = String::new();
        let _ = std::io::stdin().lock().read_line(&mut answer);
        if !matches!(answer.trim(), "y" | "Y" | "yes") {
            return refused("nothing was restored");
        }
    }
    let aside = ledger.restore(&args.file)?;
    say!(
        "restored '{}'; the database as it was is kept at '{}'",
        args.file.display(),
        aside.display()
    );
    Ok(())
}

pub fn reconcile(ledger: &mut Ledger, args: ReconcileArgs) -> Result<()> {
    let text = args.amount.trim();
    let (negative, digits) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let amount = crate::domain::Money::parse_non_negative(digits)?;
    let amount = if negative { -amount } else { amount };
    let date = args
        .date
        .as_deref()
        .map(crate::domain::parse_date)
        .transpose()?
        .unwrap_or(ledger.today());
    let r = ledger.reconcile(&args.place, amount, date)?;
    if r.agrees() {
        say!(
            "reconciled {} on {}: {} agrees with pfos",
            r.name,
            r.date,
            r.stated.grouped()
        );
        return Ok(());
    }
    // Recorded all the same (the statement is what it is); the exit status says they disagree.
    Err(crate::error::Error::refusal(format!(
        "recorded, but it does not agree: {}; 'pfos check' lists it until the transactions are fixed",
        r.describe()
    )))
}
