//! `pfos check`: recompute every snapshot from the transactions and verify the identities of SPEC §3.

use super::close::build_snapshot;
use super::{Ledger, State};
use crate::domain::identities::check_identities;
use crate::domain::{Balances, Figures, Month, Places, Snapshot};
use crate::error::Result;
use crate::json::snapshot_json;
use crate::store::{snapshots, txns};
use rusqlite::Connection;
use serde_json::Value;

/// What `pfos check` found.
#[derive(Debug, Default)]
pub struct CheckReport {
    pub months_checked: usize,
    pub transactions: usize,
    /// Each difference or broken rule, as a sentence.
    pub problems: Vec<String>,
}

impl Ledger {
    /// Replays all history month by month, compares each stored snapshot with the recomputed one,
    /// and checks the identities of every closed month.
    pub fn check(&self) -> Result<CheckReport> {
        check_conn(self.store.conn())
    }
}

/// [`Ledger::check`] on a connection, so a write can verify itself before it commits.
pub(super) fn check_conn(conn: &Connection) -> Result<CheckReport> {
    let places = Places::new(crate::store::places::all(conn)?);
    let closed = snapshots::figures_since(conn, None)?;
    let mut report = CheckReport {
        transactions: usize::try_from(txns::count(conn)?).unwrap_or(0),
        ..CheckReport::default()
    };
    let mut balances = Balances::default();
    let mut previous: Vec<Figures> = Vec::new();
    let mut stored_previous: Option<Figures> = None;
    let mut recent: Vec<crate::domain::Txn> = Vec::new();
    for (month, stored_figures, _) in &closed {
        let month = *month;
        // A few months in memory at a time (the month and the cards' statement windows), read once each.
        let month_txns = txns::in_month(conn, month)?;
        let oldest = super::close::window_start_of_cards(&places, month.last_day()).unwrap_or(month.first_day());
        recent.retain(|t| t.date >= oldest);
        recent.extend(month_txns.iter().cloned());
        let tail = &previous[previous.len().saturating_sub(2)..];
        let rebuilt = build_snapshot(&places, month, &balances, &month_txns, &recent, tail)
            .and_then(|mut s| super::plans::adjust_for_check(conn, &mut s, tail).map(|()| s));
        let recomputed = match rebuilt {
            Ok(s) => s,
            Err(e) => {
                report.problems.push(format!("{month}: {e}"));
                break;
            }
        };
        if let Some(stored) = snapshots::load(conn, month, &places)? {
            compare(&stored, &recomputed, &mut report.problems);
        }
        for b in check_identities(stored_previous.as_ref(), stored_figures) {
            report.problems.push(format!(
                "{month}: identity does not hold in the stored snapshot: {} (expected {}, found {})",
                b.identity, b.expected, b.actual
            ));
        }
        for b in check_identities(previous.last(), &recomputed.figures) {
            report.problems.push(format!(
                "{month}: identity does not hold: {} (expected {}, found {})",
                b.identity, b.expected, b.actual
            ));
        }
        balances = closing_of(&recomputed);
        previous.push(recomputed.figures.clone());
        stored_previous = Some(stored_figures.clone());
        report.months_checked += 1;
    }
    if let Err(e) = State::load(conn, None) {
        report.problems.push(format!("after the latest snapshot: {e}"));
    }
    for r in super::reconcile::reconciled(conn, None)?.iter().filter(|r| !r.agrees()) {
        report.problems.push(format!("reconciliation of {}", r.describe()));
    }
    Ok(report)
}

fn closing_of(snapshot: &Snapshot) -> Balances {
    Balances::from_map(snapshot.places.iter().map(|p| (p.place_id, p.closing)).collect())
}

/// Reports every field where the stored snapshot differs from the recomputed one.
fn compare(stored: &Snapshot, recomputed: &Snapshot, problems: &mut Vec<String>) {
    let month: Month = stored.month;
    let mut diffs = Vec::new();
    diff_values(
        &month.to_string(),
        &snapshot_json(stored),
        &snapshot_json(recomputed),
        &mut diffs,
    );
    problems.extend(diffs);
}

fn diff_values(path: &str, stored: &Value, fresh: &Value, out: &mut Vec<String>) {
    match (stored, fresh) {
        (Value::Object(a), Value::Object(b)) => {
            for (key, va) in a {
                let vb = b.get(key).unwrap_or(&Value::Null);
                diff_values(&format!("{path}.{key}"), va, vb, out);
            }
            for key in b.keys().filter(|k| !a.contains_key(*k)) {
                out.push(format!("{path}.{key}: missing from the stored snapshot"));
            }
        }
        (Value::Array(a), Value::Array(b)) => {
            let label = |v: &Value, i: usize| {
                v.get("name")
                    .and_then(Value::as_str)
                    .map_or(i.to_string(), str::to_string)
            };
            for (i, va) in a.iter().enumerate() {
                let name = label(va, i);
                match b.iter().enumerate().find(|(j, vb)| label(vb, *j) == name) {
                    Some((_, vb)) => diff_values(&format!("{path}[{name}]"), va, vb, out),
                    None => out.push(format!(
                        "{path}[{name}]: in the stored snapshot but not in the recomputed one"
                    )),
                }
            }
            for (j, vb) in b.iter().enumerate() {
                let name = label(vb, j);
                if !a.iter().enumerate().any(|(i, va)| label(va, i) == name) {
                    out.push(format!("{path}[{name}]: missing from the stored snapshot"));
                }
            }
        }
        _ if stored != fresh => out.push(format!("{path}: stored {}, recomputed {}", show(stored), show(fresh))),
        _ => {}
    }
}

fn show(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}
