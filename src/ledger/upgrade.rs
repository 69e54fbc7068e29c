//! After an upgrade to edition 2: every closed month's stored figures recomputed by the new rules (savings
//! added, categories, loans), each month kept closed, and what changed said in words.

use super::check::{rebuild_closed_months, Rebuilt};
use super::Ledger;
use crate::error::{refused, Result};
use crate::json::snapshot_json;
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
