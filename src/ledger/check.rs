//! `pfos check`: recompute every snapshot from the transactions and verify the identities every month's
//! figures must satisfy (see `domain::identities`).

use super::close::build_snapshot;
use super::{Ledger, State};
use crate::domain::identities::{check_category_sums, check_identities};
use crate::domain::{Balances, Figures, KeptTerms, Month, Places, Snapshot};
use crate::error::Result;
use crate::io::report_json::snapshot_json;
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

/// One closed month as stored and as rebuilt from the transactions (with the terms the stored one keeps).
pub(super) struct Rebuilt<'a> {
    pub month: Month,
    pub stored: &'a Snapshot,
    /// The rebuilt snapshot, or why the month's transactions could not be replayed.
    pub rebuilt: std::result::Result<&'a Snapshot, String>,
    /// The figures of the rebuilt month before (none for the first).
    pub previous: Option<&'a Figures>,
}

/// Rebuilds every closed month in order, each from the rebuilt closing balances of the month before, and
/// calls `visit` with it; stops after a month that cannot be replayed.
pub(super) fn rebuild_closed_months(conn: &Connection, mut visit: impl FnMut(Rebuilt<'_>) -> Result<()>) -> Result<()> {
    let places = Places::new(crate::store::places::all(conn)?);
    let closed = snapshots::figures_since(conn, None)?;
    let mut balances = Balances::default();
    let mut previous: Vec<Figures> = Vec::new();
    let mut recent: Vec<crate::domain::Txn> = Vec::new();
    for (month, _, _) in &closed {
        let month = *month;
        let Some(stored) = snapshots::load(conn, month, &places)? else {
            continue;
        };
        // A few months in memory at a time (the month and the cards' statement windows), read once each.
        let month_txns = txns::in_month(conn, month)?;
        let oldest = super::close::window_start_of_cards(&places, month.last_day()).unwrap_or(month.first_day());
        recent.retain(|t| t.date >= oldest);
        recent.extend(month_txns.iter().cloned());
        let tail = &previous[previous.len().saturating_sub(2)..];
        let kept = KeptTerms::of(&stored);
        let rebuilt = build_snapshot(&places, month, &balances, &month_txns, &recent, tail, Some(&kept))
            .and_then(|mut s| super::plans::adjust_for_check(conn, &mut s, tail).map(|()| s));
        match rebuilt {
            Ok(snapshot) => {
                visit(Rebuilt {
                    month,
                    stored: &stored,
                    rebuilt: Ok(&snapshot),
                    previous: previous.last(),
                })?;
                balances = closing_of(&snapshot);
                previous.push(snapshot.figures);
            }
            Err(e) => {
                return visit(Rebuilt {
                    month,
                    stored: &stored,
                    rebuilt: Err(e.to_string()),
                    previous: previous.last(),
                });
            }
        }
    }
    Ok(())
}

/// [`Ledger::check`] on a connection, so a write can verify itself before it commits.
pub(super) fn check_conn(conn: &Connection) -> Result<CheckReport> {
    let mut report = CheckReport {
        transactions: usize::try_from(txns::count(conn)?).unwrap_or(0),
        ..CheckReport::default()
    };
    let mut stored_previous: Option<Figures> = None;
    let problems = &mut report.problems;
    let mut months_checked = 0;
    rebuild_closed_months(conn, |m| {
        let month = m.month;
        let recomputed = match m.rebuilt {
            Ok(s) => s,
            Err(e) => {
                problems.push(format!("{month}: {e}"));
                return Ok(());
            }
        };
        let stored = m.stored;
        compare(stored, recomputed, problems);
        let stored_breaks = check_identities(stored_previous.as_ref(), &stored.figures)
            .into_iter()
            .chain(check_category_sums(&stored.figures, &stored.categories));
        for b in stored_breaks {
            problems.push(format!(
                "{month}: identity does not hold in the stored snapshot: {} (expected {}, found {})",
                b.identity, b.expected, b.actual
            ));
        }
        let fresh_breaks = check_identities(m.previous, &recomputed.figures)
            .into_iter()
            .chain(check_category_sums(&recomputed.figures, &recomputed.categories));
        for b in fresh_breaks {
            problems.push(format!(
                "{month}: identity does not hold: {} (expected {}, found {})",
                b.identity, b.expected, b.actual
            ));
        }
        stored_previous = Some(stored.figures.clone());
        months_checked += 1;
        Ok(())
    })?;
    report.months_checked = months_checked;
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
pub(super) fn compare(stored: &Snapshot, recomputed: &Snapshot, problems: &mut Vec<String>) {
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

pub(super) fn diff_values(path: &str, stored: &Value, fresh: &Value, out: &mut Vec<String>) {
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
