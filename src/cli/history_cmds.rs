//! `pfos log`, `pfos undo` and `pfos redo`.

use super::args::LogArgs;
use super::output::{print_json, table};
use crate::error::Result;
use crate::ledger::Ledger;

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
