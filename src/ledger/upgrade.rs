//! After an upgrade to edition 2: every closed month's stored figures recomputed by the new rules (savings
//! added, categories, loans), each month kept closed, and what changed said in words. A JSON export made
//! by an older pfos is restored the same way, once its figures that no rule changed are found to agree.

use super::check::{diff_values, rebuild_closed_months, Rebuilt};
use super::Ledger;
use crate::error::{refused, Result};
use crate::io::report_json::snapshot_json;
use crate::store::snapshots;
use rusqlite::Connection;
use serde_json::Value;

impl Ledger {
    /// Recomputes the closed months if an upgrade asked for it; returns one line per figure that changed.
    pub(super) fn finish_upgrade(&mut self) -> Result<Vec<String>> {
        if self.store.is_read_only() || !pending(self.store.conn())? {
            return Ok(Vec::new());
        }
        self.store.write_unlogged(|tx| {
            let mut notes = recompute_closed_months(tx)?;
            tx.execute("DELETE FROM edition2_pending", [])?;
            if notes.is_empty() {
                notes.push("no closed month's figures changed".to_string());
            }
            Ok(notes)
        })
    }
}

fn pending(conn: &Connection) -> Result<bool> {
    let exists: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'edition2_pending')",
        [],
        |r| r.get(0),
    )?;
    if !exists {
        return Ok(false);
    }
    Ok(conn.query_row("SELECT EXISTS (SELECT 1 FROM edition2_pending)", [], |r| r.get(0))?)
}

/// Rebuilds and stores every closed month; returns what changed, month by month.
fn recompute_closed_months(conn: &Connection) -> Result<Vec<String>> {
    let mut rebuilt_all = Vec::new();
    let mut notes = Vec::new();
    rebuild_closed_months(conn, |m: Rebuilt<'_>| {
        let fresh = match m.rebuilt {
            Ok(s) => s,
            Err(e) => return refused(format!("{}: cannot be recomputed by the new rules: {e}", m.month)),
        };
        notes.extend(changed_figures(
            &m.month.to_string(),
            &snapshot_json(m.stored),
            &snapshot_json(fresh),
        ));
        rebuilt_all.push(fresh.clone());
        Ok(())
    })?;
    for snapshot in &rebuilt_all {
        snapshots::replace(conn, snapshot)?;
    }
    Ok(notes)
}

/// What recomputing the closed months of an older export found.
pub(super) struct Recomputed {
    /// Where a stored figure that edition 2 computes as before disagrees with the transactions; nothing
    /// was stored when there is any.
    pub problems: Vec<String>,
    /// The figures the new rules changed, month by month (or a line saying none did).
    pub changed: Vec<String>,
}

/// The snapshot keys edition 2 added or computes by new rules: savings added (a bucket paying a card is no
/// longer a withdrawal), loans, per-category figures, and planned savings that skip buckets at their goal.
const EDITION2_KEYS: [&str; 4] = ["savings_added", "total_loan_balance", "loans", "categories"];
const EDITION2_PROJECTION_KEYS: [&str; 2] = ["planned_savings", "projected_free_cash"];

/// A snapshot's JSON without what edition 2 computes differently.
fn edition1_part(snapshot: &crate::domain::Snapshot) -> Value {
    let mut value = snapshot_json(snapshot);
    if let Some(object) = value.as_object_mut() {
        for key in EDITION2_KEYS {
            object.remove(key);
        }
        if let Some(projection) = object.get_mut("projection").and_then(Value::as_object_mut) {
            for key in EDITION2_PROJECTION_KEYS {
                projection.remove(key);
            }
        }
    }
    value
}

/// The closed months restored from an export made by an older pfos: checked against the transactions on
/// every figure the rules did not change, then recomputed and stored by the current rules, as opening an
/// older database does.
pub(super) fn recompute_older_months(conn: &Connection) -> Result<Recomputed> {
    let mut problems = Vec::new();
    let mut rebuilt_all = Vec::new();
    let mut changed = Vec::new();
    rebuild_closed_months(conn, |m: Rebuilt<'_>| {
        let fresh = match m.rebuilt {
            Ok(s) => s,
            Err(e) => {
                problems.push(format!("{}: {e}", m.month));
                return Ok(());
            }
        };
        let month = m.month.to_string();
        diff_values(&month, &edition1_part(m.stored), &edition1_part(fresh), &mut problems);
        changed.extend(changed_figures(&month, &snapshot_json(m.stored), &snapshot_json(fresh)));
        rebuilt_all.push(fresh.clone());
        Ok(())
    })?;
    if problems.is_empty() {
        for snapshot in &rebuilt_all {
            snapshots::replace(conn, snapshot)?;
        }
        if changed.is_empty() {
            changed.push("no closed month's figures changed".to_string());
        }
    }
    Ok(Recomputed { problems, changed })
}

/// The month's money figures (top level and projection) that differ, with the change.
fn changed_figures(month: &str, before: &Value, after: &Value) -> Vec<String> {
    let mut out = Vec::new();
    let mut compare = |path: String, a: &Value, b: &Value| {
        let (Some(a), Some(b)) = (a.as_str(), b.as_str()) else {
            return;
        };
        let (Ok(x), Ok(y)) = (a.parse::<rust_decimal::Decimal>(), b.parse::<rust_decimal::Decimal>()) else {
            return;
        };
        if x != y {
            let delta = y - x;
            let sign = if delta.is_sign_negative() { "" } else { "+" };
            out.push(format!("{month}: {path} {a} -> {b} ({sign}{delta:.2})"));
        }
    };
    if let (Some(a), Some(b)) = (before.as_object(), after.as_object()) {
        for (key, value) in b {
            if key == "projection" {
                if let (Some(pa), Some(pb)) = (a.get(key).and_then(Value::as_object), value.as_object()) {
                    for (k, v) in pb {
                        compare(format!("projection.{k}"), pa.get(k).unwrap_or(&Value::Null), v);
                    }
                }
            } else {
                compare(key.clone(), a.get(key).unwrap_or(&Value::Null), value);
            }
        }
    }
    out
}
