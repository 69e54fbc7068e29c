//! The JSON export: what pfos stores — places, transactions (with the bank-file rows CSV imports tied to
//! them), rules, snapshots, plans and reconciliations — in a versioned file (not the activity log).
//!
//! Money is a string with two decimals, as everywhere in pfos's JSON; places are referred to by id.
//! [`super::json_restore`] reads it back.

use crate::domain::rules::RuleAction;
use crate::domain::{
    BucketLine, CardState, Figures, Money, Place, PlaceId, PlaceKind, PlaceLine, Projection, Snapshot, Txn,
};
use crate::error::{Error, Result};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// What the `format` field must say.
pub const FORMAT: &str = "pfos-export";
/// The format version this pfos writes and reads.
pub const VERSION: u64 = 1;

/// Everything in a database but its transactions (handed to [`write_json`] one at a time), as the domain
/// sees it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Backup {
    pub places: Vec<Place>,
    /// Oldest first.
    pub snapshots: Vec<StoredSnapshot>,
    /// Import rules in the order they are tried.
    pub rules: Vec<RuleRow>,
    /// Card rates, recurring items and the recurring part of projections.
    pub plans: super::json_plans::Plans,
    /// Statement balances recorded with `pfos reconcile`, oldest first.
    pub reconciliations: Vec<ReconciliationRow>,
}

/// A bank-file row a CSV import tied to a transaction: the place whose file it was, the row's date and
/// its fingerprint's hash, so that importing that file again after a restore adds nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ImportedRow {
    pub place: PlaceId,
    pub date: NaiveDate,
    pub hash: i64,
}

/// A statement balance recorded with `pfos reconcile`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReconciliationRow {
    pub place: PlaceId,
    pub date: NaiveDate,
    pub amount: Money,
    pub recorded_at: String,
}

/// An import rule as stored (its pattern checked, not compiled).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleRow {
    pub id: i64,
    pub pattern: String,
    pub is_regex: bool,
    pub action: RuleAction,
}

/// A closed month's snapshot as stored, with the moment it was closed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredSnapshot {
    pub closed_at: String,
    pub snapshot: Snapshot,
}

#[derive(Serialize, Deserialize)]
pub(super) struct FileRec {
    pub format: String,
    pub version: u64,
    pub places: Vec<PlaceRec>,
    pub transactions: Vec<TxnRec>,
    /// The CSV-import rules (`pfos rule …`), in the order they are tried.
    #[serde(default)]
    pub rules: Vec<RuleRec>,
    pub snapshots: Vec<SnapshotRec>,
    /// Card rates, recurring items, their posts and projection parts; absent when there are none.
    #[serde(default, skip_serializing_if = "super::json_plans::PlansRec::is_empty")]
    pub plans: super::json_plans::PlansRec,
    /// Statement balances (`pfos reconcile`); absent when there are none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub reconciliations: Vec<ReconciliationRec>,
}

#[derive(Serialize, Deserialize)]
pub(super) struct ReconciliationRec {
    pub place_id: i64,
    pub date: String,
    pub amount: String,
    pub recorded_at: String,
}

#[derive(Serialize, Deserialize)]
pub(super) struct ImportedRec {
    pub place_id: i64,
    pub date: String,
    pub hash: i64,
}

#[derive(Serialize, Deserialize)]
pub(super) struct RuleRec {
    pub id: i64,
    pub pattern: String,
    pub regex: bool,
    /// Exactly one of `category` and `transfer_id`.
    pub category: Option<String>,
    pub transfer_id: Option<i64>,
}

#[derive(Serialize, Deserialize)]
pub(super) struct PlaceRec {
    pub id: i64,
    pub name: String,
    #[serde(rename = "type")]
    pub kind: String,
    pub opened_on: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub card: Option<CardRec>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bucket: Option<BucketRec>,
}

#[derive(Serialize, Deserialize)]
pub(super) struct CardRec {
    pub statement_day: u32,
    pub grace_days: u32,
    pub limit: Option<String>,
}

#[derive(Serialize, Deserialize)]
pub(super) struct BucketRec {
    pub target_monthly: String,
    pub goal: Option<String>,
    pub held_in_id: Option<i64>,
}

#[derive(Serialize, Deserialize)]
pub(super) struct TxnRec {
    pub id: i64,
    pub date: String,
    pub kind: String,
    pub amount: String,
    pub from_id: Option<i64>,
    pub to_id: Option<i64>,
    pub category: Option<String>,
    pub description: String,
    /// The bank-file rows CSV imports tied to it; absent when none did.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub imported: Vec<ImportedRec>,
}

#[derive(Serialize, Deserialize)]
pub(super) struct SnapshotRec {
    pub month: String,
    pub closed_at: String,
    pub figures: FiguresRec,
    pub projection: ProjectionRec,
    pub places: Vec<SnapshotPlaceRec>,
    pub cards: Vec<SnapshotCardRec>,
    pub buckets: Vec<SnapshotBucketRec>,
}

#[derive(Serialize, Deserialize)]
pub(super) struct FiguresRec {
    pub total_income: String,
    pub total_expense: String,
    pub cash_outflow: String,
    pub savings_added: String,
    pub from_buckets: String,
    pub market_change: String,
    pub total_cc_balance: String,
    pub net_worth: String,
    pub free_cash: String,
    pub total_assets: String,
    pub total_savings: String,
    pub cash_advances: String,
    pub openings: String,
    pub asset_openings: String,
}

#[derive(Serialize, Deserialize)]
pub(super) struct ProjectionRec {
    pub expected_income: String,
    pub expected_spending: String,
    pub planned_savings: String,
    pub projected_net_worth: String,
    pub projected_free_cash: String,
}

#[derive(Serialize, Deserialize)]
pub(super) struct SnapshotPlaceRec {
    pub place_id: i64,
    pub opening: String,
    pub closing: String,
}

#[derive(Serialize, Deserialize)]
pub(super) struct SnapshotCardRec {
    pub place_id: i64,
    pub balance: String,
    pub limit: Option<String>,
    pub statement_date: Option<String>,
    pub statement_balance: Option<String>,
    pub due_date: Option<String>,
    pub credits: Option<String>,
    pub remaining: Option<String>,
    pub new_charges: String,
    pub carried_over: String,
}

#[derive(Serialize, Deserialize)]
pub(super) struct SnapshotBucketRec {
    pub place_id: i64,
    pub balance: String,
    pub added: String,
    pub target_monthly: String,
    pub goal: Option<String>,
}

/// Writes the export to `out` (pretty-printed JSON) with the transactions, each with the bank-file rows
/// imports tied to it, as `each_txn` hands them over, so a million of them are never in memory at once.
pub fn write_json(
    backup: &Backup,
    out: &mut dyn std::io::Write,
    each_txn: impl FnOnce(&mut dyn FnMut(&Txn, &[ImportedRow]) -> Result<()>) -> Result<()>,
) -> Result<()> {
    let file = FileRec {
        format: FORMAT.to_string(),
        version: VERSION,
        places: backup.places.iter().map(place_rec).collect(),
        transactions: Vec::new(),
        rules: backup.rules.iter().map(rule_rec).collect(),
        snapshots: backup.snapshots.iter().map(snapshot_rec).collect(),
        plans: super::json_plans::to_rec(&backup.plans),
        reconciliations: backup.reconciliations.iter().map(reconciliation_rec).collect(),
    };
    let cannot = |e: &dyn std::fmt::Display| Error::Refused(format!("cannot write JSON: {e}"));
    let text = serde_json::to_string_pretty(&file).map_err(|e| cannot(&e))?;
    // The empty array is filled in place: a top-level key is the only line starting with two spaces and
    // a quote (string values cannot hold a line break).
    const EMPTY: &str = "\n  \"transactions\": []";
    let close = text
        .find(EMPTY)
        .map(|at| at + EMPTY.len() - 1)
        .ok_or_else(|| cannot(&"no transactions key"))?;
    let mut put = |bytes: &str| out.write_all(bytes.as_bytes()).map_err(super::export_failed);
    put(&text[..close])?;
    let mut any = false;
    each_txn(&mut |t, imported| {
        let element = serde_json::to_string_pretty(&txn_rec(t, imported)).map_err(|e| cannot(&e))?;
        put(if any { ",\n" } else { "\n" })?;
        any = true;
        for (i, line) in element.lines().enumerate() {
            put(if i == 0 { "    " } else { "\n    " })?;
            put(line)?;
        }
        Ok(())
    })?;
    if any {
        put("\n  ")?;
    }
    put(&text[close..])?;
    put("\n")
}

fn rule_rec(r: &RuleRow) -> RuleRec {
    let (category, transfer_id) = match &r.action {
        RuleAction::Category(c) => (Some(c.clone()), None),
        RuleAction::Transfer(p) => (None, Some(*p)),
    };
    RuleRec {
        id: r.id,
        pattern: r.pattern.clone(),
        regex: r.is_regex,
        category,
        transfer_id,
    }
}

fn text<T: ToString>(value: T) -> String {
    value.to_string()
}

fn opt_text<T: ToString>(value: Option<T>) -> Option<String> {
    value.map(|v| v.to_string())
}

fn place_rec(p: &Place) -> PlaceRec {
    PlaceRec {
        id: p.id,
        name: p.name.clone(),
        kind: p.kind.as_str().to_string(),
        opened_on: text(p.opened_on),
        card: p.card.filter(|_| p.kind == PlaceKind::Card).map(|c| CardRec {
            statement_day: c.statement_day,
            grace_days: c.grace_days,
            limit: opt_text(c.limit),
        }),
        bucket: p.bucket.filter(|_| p.kind == PlaceKind::Bucket).map(|b| BucketRec {
            target_monthly: text(b.target_monthly),
            goal: opt_text(b.goal),
            held_in_id: b.held_in,
        }),
    }
}

fn txn_rec(t: &Txn, imported: &[ImportedRow]) -> TxnRec {
    TxnRec {
        id: t.id,
        date: text(t.date),
        kind: t.kind.as_str().to_string(),
        amount: text(t.amount),
        from_id: t.from,
        to_id: t.to,
        category: t.category.clone(),
        description: t.description.clone(),
        imported: imported
            .iter()
            .map(|r| ImportedRec {
                place_id: r.place,
                date: text(r.date),
                hash: r.hash,
            })
            .collect(),
    }
}

fn reconciliation_rec(r: &ReconciliationRow) -> ReconciliationRec {
    ReconciliationRec {
        place_id: r.place,
        date: text(r.date),
        amount: text(r.amount),
        recorded_at: r.recorded_at.clone(),
    }
}

fn figures_rec(f: &Figures) -> FiguresRec {
    FiguresRec {
        total_income: text(f.total_income),
        total_expense: text(f.total_expense),
        cash_outflow: text(f.cash_outflow),
        savings_added: text(f.savings_added),
        from_buckets: text(f.from_buckets),
        market_change: text(f.market_change),
        total_cc_balance: text(f.total_cc_balance),
        net_worth: text(f.net_worth),
        free_cash: text(f.free_cash),
        total_assets: text(f.total_assets),
        total_savings: text(f.total_savings),
        cash_advances: text(f.cash_advances),
        openings: text(f.openings),
        asset_openings: text(f.asset_openings),
    }
}

fn projection_rec(p: &Projection) -> ProjectionRec {
    ProjectionRec {
        expected_income: text(p.expected_income),
        expected_spending: text(p.expected_spending),
        planned_savings: text(p.planned_savings),
        projected_net_worth: text(p.projected_net_worth),
        projected_free_cash: text(p.projected_free_cash),
    }
}

fn snapshot_place_rec(l: &PlaceLine) -> SnapshotPlaceRec {
    SnapshotPlaceRec {
        place_id: l.place_id,
        opening: text(l.opening),
        closing: text(l.closing),
    }
}

fn snapshot_card_rec(c: &CardState) -> SnapshotCardRec {
    let st = c.statement.as_ref();
    SnapshotCardRec {
        place_id: c.place_id,
        balance: text(c.balance),
        limit: opt_text(c.limit),
        statement_date: opt_text(st.map(|s| s.date)),
        statement_balance: opt_text(st.map(|s| s.balance)),
        due_date: opt_text(st.map(|s| s.due_date)),
        credits: opt_text(st.map(|s| s.credits)),
        remaining: opt_text(st.map(|s| s.remaining)),
        new_charges: text(c.new_charges),
        carried_over: text(c.carried_over),
    }
}

fn snapshot_bucket_rec(b: &BucketLine) -> SnapshotBucketRec {
    SnapshotBucketRec {
        place_id: b.place_id,
        balance: text(b.balance),
        added: text(b.added),
        target_monthly: text(b.target_monthly),
        goal: opt_text(b.goal),
    }
}

fn snapshot_rec(s: &StoredSnapshot) -> SnapshotRec {
    let snap = &s.snapshot;
    SnapshotRec {
        month: text(snap.month),
        closed_at: s.closed_at.clone(),
        figures: figures_rec(&snap.figures),
        projection: projection_rec(&snap.projection),
        places: snap.places.iter().map(snapshot_place_rec).collect(),
        cards: snap.cards.iter().map(snapshot_card_rec).collect(),
        buckets: snap.buckets.iter().map(snapshot_bucket_rec).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Money, TxnId, TxnKind};
    use std::collections::BTreeMap;

    /// Transactions (date-then-entry order) with the imported rows tied to some of them.
    type Txns = (Vec<Txn>, BTreeMap<TxnId, Vec<ImportedRow>>);

    fn imported_of<'a>(txns: &'a Txns, t: &Txn) -> &'a [ImportedRow] {
        txns.1.get(&t.id).map_or(&[], Vec::as_slice)
    }

    /// The export as [`write_json`] streams it.
    fn streamed(backup: &Backup, txns: &Txns) -> String {
        let mut bytes = Vec::new();
        let written = write_json(backup, &mut bytes, |visit| {
            txns.0.iter().try_for_each(|t| visit(t, imported_of(txns, t)))
        });
        assert!(written.is_ok(), "{written:?}");
        String::from_utf8(bytes).unwrap_or_default()
    }

    /// The whole file serialized at once, as the export was written before it was streamed.
    fn at_once(backup: &Backup, txns: &Txns) -> String {
        let file = FileRec {
            format: FORMAT.to_string(),
            version: VERSION,
            places: backup.places.iter().map(place_rec).collect(),
            transactions: txns.0.iter().map(|t| txn_rec(t, imported_of(txns, t))).collect(),
            rules: backup.rules.iter().map(rule_rec).collect(),
            snapshots: backup.snapshots.iter().map(snapshot_rec).collect(),
            plans: super::super::json_plans::to_rec(&backup.plans),
            reconciliations: backup.reconciliations.iter().map(reconciliation_rec).collect(),
        };
        serde_json::to_string_pretty(&file).unwrap_or_default() + "\n"
    }

    #[test]
    fn the_streamed_export_is_the_file_serialized_at_once() {
        let txn = |id, description: &str| Txn {
            id,
            splits: Vec::new(),
            tags: Vec::new(),
            date: crate::domain::parse_date("2025-09-02").unwrap_or_default(),
            kind: TxnKind::Income,
            amount: Money::from_cents(12_345),
            from: None,
            to: Some(1),
            category: Some("Salary".into()),
            description: description.into(),
        };
        let mut backup = Backup::default();
        let mut txns: Txns = Default::default();
        assert_eq!(streamed(&backup, &txns), at_once(&backup, &txns), "no transactions");
        txns.0 = vec![
            txn(1, "line\nbreak \"quoted\""),
            txn(2, "\n  \"transactions\": []"),
            txn(3, ""),
        ];
        assert_eq!(streamed(&backup, &txns), at_once(&backup, &txns));
        // With the rows CSV imports tied to a transaction, and reconciliations.
        let date = crate::domain::parse_date("2025-09-01").unwrap_or_default();
        let row = |hash| ImportedRow { place: 1, date, hash };
        txns.1.insert(2, vec![row(-5), row(i64::MAX)]);
        backup.reconciliations = vec![ReconciliationRow {
            place: 1,
            date,
            amount: Money::from_cents(-250),
            recorded_at: "2025-09-02T10:00:00".into(),
        }];
        let both = streamed(&backup, &txns);
        assert_eq!(both, at_once(&backup, &txns));
        assert!(
            both.contains("\"hash\": 9223372036854775807") && both.contains("\"reconciliations\""),
            "{both}"
        );
    }
}
