//! The JSON export: what pfos stores — categories, places (loans, archive dates and term changes
//! included), transactions (with their split lines, tags and the bank-file rows CSV imports tied to
//! them), loan interest posts, rules, snapshots, plans and reconciliations — in a versioned file (not the
//! activity log), with the largest transaction id ever given, so that a restored database never gives
//! one again.
//!
//! Money is a string with two decimals, as everywhere in pfos's JSON; places are referred to by id.
//! [`super::json_restore`] reads it back, this version and the ones before it.

use crate::domain::rules::RuleAction;
use crate::domain::{
    BucketLine, CardState, CategoryLine, Figures, LoanLine, Money, Month, Place, PlaceId, PlaceKind, PlaceLine,
    Projection, Snapshot, TermsChange, Txn, TxnId,
};
use crate::error::{Error, Result};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// What the `format` field must say.
pub const FORMAT: &str = "pfos-export";
/// The format version this pfos writes (and the newest it reads). Version 2 (edition 2) added loans,
/// archive dates, term changes, the categories, splits, tags, loan interest posts, the largest id ever
/// given and the snapshots' loans and categories; a version 1 file has none of them.
pub const VERSION: u64 = 2;
/// The oldest format version this pfos reads.
pub const OLDEST_VERSION: u64 = 1;

/// Everything in a database but its transactions (handed to [`write_json`] one at a time), as the domain
/// sees it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Backup {
    /// The largest id ever given to a transaction (ids are never reused, whatever was deleted).
    pub last_txn_id: TxnId,
    /// Every category's spelling, in the order they were first given.
    pub categories: Vec<String>,
    pub places: Vec<Place>,
    /// Which transaction posted each loan's interest for a month.
    pub loan_interest: Vec<LoanInterestRow>,
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

/// The transaction `pfos loan interest` posted for a loan's month.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LoanInterestRow {
    pub loan: PlaceId,
    pub month: Month,
    pub txn: TxnId,
}

/// A statement balance recorded with `pfos reconcile`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReconciliationRow {
    pub place: PlaceId,
    pub date: NaiveDate,
    pub amount: Money,
    pub recorded_at: String,
}

pub use crate::domain::rules::RuleRow;

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
    /// The largest transaction id ever given; absent (older files): the largest in the file.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_txn_id: Option<i64>,
    /// Every category's spelling in the order they were first given; absent (older files): as the
    /// transactions first use them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub categories: Option<Vec<String>>,
    pub places: Vec<PlaceRec>,
    pub transactions: Vec<TxnRec>,
    /// Loan interest posts (`pfos loan interest`); absent when there are none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub loan_interest: Vec<LoanInterestRec>,
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
pub(super) struct LoanInterestRec {
    pub loan_id: i64,
    pub month: String,
    pub txn_id: i64,
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
    /// Absent when the place is not archived.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub archived_on: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub card: Option<CardRec>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub loan: Option<LoanRec>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bucket: Option<BucketRec>,
    /// Terms from a month on, in the order they apply; absent when there are none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub terms_changes: Vec<TermsChangeRec>,
}

#[derive(Serialize, Deserialize)]
pub(super) struct LoanRec {
    /// A percent with two decimals: "6.00" is 6% a year.
    pub apr: String,
    pub payment: String,
    pub payment_day: u32,
}

#[derive(Serialize, Deserialize)]
pub(super) struct TermsChangeRec {
    pub from: String,
    /// A card's; null keeps the one in force before.
    #[serde(default)]
    pub statement_day: Option<u32>,
    #[serde(default)]
    pub grace_days: Option<u32>,
    /// A bucket's.
    #[serde(default)]
    pub target_monthly: Option<String>,
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
    /// Null for a split: its lines carry the categories.
    pub category: Option<String>,
    /// The split's lines; absent when not split.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub splits: Vec<SplitRec>,
    /// Lower case, sorted; absent without tags.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    pub description: String,
    /// The bank-file rows CSV imports tied to it; absent when none did.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub imported: Vec<ImportedRec>,
}

#[derive(Serialize, Deserialize)]
pub(super) struct SplitRec {
    pub category: String,
    pub amount: String,
}

#[derive(Serialize, Deserialize)]
pub(super) struct SnapshotRec {
    pub month: String,
    pub closed_at: String,
    pub figures: FiguresRec,
    pub projection: ProjectionRec,
    pub places: Vec<SnapshotPlaceRec>,
    pub cards: Vec<SnapshotCardRec>,
    /// Absent in older files (no loans).
    #[serde(default)]
    pub loans: Vec<SnapshotLoanRec>,
    pub buckets: Vec<SnapshotBucketRec>,
    /// Absent in older files (whose snapshots a restore recomputes).
    #[serde(default)]
    pub categories: Vec<SnapshotCategoryRec>,
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
    /// Absent in older files (no loans).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total_loan_balance: Option<String>,
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
pub(super) struct SnapshotLoanRec {
    pub place_id: i64,
    pub balance: String,
    pub payment: String,
    pub paid: String,
    pub charged: String,
}

#[derive(Serialize, Deserialize)]
pub(super) struct SnapshotBucketRec {
    pub place_id: i64,
    pub balance: String,
    pub added: String,
    pub target_monthly: String,
    pub goal: Option<String>,
    /// The target for the month after, as known at the close; absent in older files: target_monthly.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_target: Option<String>,
    /// Archived by the month's end (it plans no savings); absent in older files: false.
    #[serde(default)]
    pub archived: bool,
}

#[derive(Serialize, Deserialize)]
pub(super) struct SnapshotCategoryRec {
    pub name: String,
    pub expense: String,
    pub income: String,
}

/// Writes the export to `out` (pretty-printed JSON) with the transactions, each with the bank-file rows
/// imports tied to it, as `each_txn` hands them over, so a million of them are never in memory at once.
pub fn write_json(
    backup: &Backup,
    out: &mut dyn std::io::Write,
    each_txn: impl FnOnce(&mut dyn FnMut(&Txn, &[ImportedRow]) -> Result<()>) -> Result<()>,
) -> Result<()> {
    let file = file_rec(backup, Vec::new());
    let cannot = |e: &dyn std::fmt::Display| Error::refusal(format!("cannot write JSON: {e}"));
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

/// The file with `transactions` as given (the export streams them into an empty list instead).
fn file_rec(backup: &Backup, transactions: Vec<TxnRec>) -> FileRec {
    FileRec {
        format: FORMAT.to_string(),
        version: VERSION,
        last_txn_id: Some(backup.last_txn_id),
        categories: Some(backup.categories.clone()),
        places: backup.places.iter().map(place_rec).collect(),
        transactions,
        loan_interest: backup.loan_interest.iter().map(loan_interest_rec).collect(),
        rules: backup.rules.iter().map(rule_rec).collect(),
        snapshots: backup.snapshots.iter().map(snapshot_rec).collect(),
        plans: super::json_plans::to_rec(&backup.plans),
        reconciliations: backup.reconciliations.iter().map(reconciliation_rec).collect(),
    }
}

fn loan_interest_rec(r: &LoanInterestRow) -> LoanInterestRec {
    LoanInterestRec {
        loan_id: r.loan,
        month: text(r.month),
        txn_id: r.txn,
    }
}

/// An APR as the export writes it: a percent with two decimals ("19.99", "6.00").
pub fn apr_text(apr: crate::domain::payoff::Apr) -> String {
    format!("{}.{:02}", apr.bp() / 100, apr.bp() % 100)
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
        archived_on: opt_text(p.archived_on),
        card: p.card.filter(|_| p.kind == PlaceKind::Card).map(|c| CardRec {
            statement_day: c.statement_day,
            grace_days: c.grace_days,
            limit: opt_text(c.limit),
        }),
        loan: p.loan.filter(|_| p.kind == PlaceKind::Loan).map(|l| LoanRec {
            apr: apr_text(l.apr),
            payment: text(l.payment),
            payment_day: l.payment_day,
        }),
        bucket: p.bucket.filter(|_| p.kind == PlaceKind::Bucket).map(|b| BucketRec {
            target_monthly: text(b.target_monthly),
            goal: opt_text(b.goal),
            held_in_id: b.held_in,
        }),
        terms_changes: p.terms_changes.iter().map(terms_change_rec).collect(),
    }
}

fn terms_change_rec(c: &TermsChange) -> TermsChangeRec {
    TermsChangeRec {
        from: text(c.from),
        statement_day: c.statement_day,
        grace_days: c.grace_days,
        target_monthly: opt_text(c.target_monthly),
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
        splits: t
            .splits
            .iter()
            .map(|l| SplitRec {
                category: l.category.clone(),
                amount: text(l.amount),
            })
            .collect(),
        tags: t.tags.clone(),
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
        total_loan_balance: Some(text(f.total_loan_balance)),
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
        next_target: Some(text(b.next_target)),
        archived: b.archived,
    }
}

fn snapshot_loan_rec(l: &LoanLine) -> SnapshotLoanRec {
    SnapshotLoanRec {
        place_id: l.place_id,
        balance: text(l.balance),
        payment: text(l.payment),
        paid: text(l.paid),
        charged: text(l.charged),
    }
}

fn snapshot_category_rec(c: &CategoryLine) -> SnapshotCategoryRec {
    SnapshotCategoryRec {
        name: c.name.clone(),
        expense: text(c.expense),
        income: text(c.income),
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
        loans: snap.loans.iter().map(snapshot_loan_rec).collect(),
        buckets: snap.buckets.iter().map(snapshot_bucket_rec).collect(),
        categories: snap.categories.iter().map(snapshot_category_rec).collect(),
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
        let transactions = txns.0.iter().map(|t| txn_rec(t, imported_of(txns, t))).collect();
        let file = file_rec(backup, transactions);
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
        let split = Txn {
            category: None,
            splits: vec![
                crate::domain::Split {
                    category: "Salary".into(),
                    amount: Money::from_cents(12_000),
                },
                crate::domain::Split {
                    category: "Bonus".into(),
                    amount: Money::from_cents(345),
                },
            ],
            tags: vec!["tax/2026".into(), "trip-2026".into()],
            ..txn(4, "split")
        };
        txns.0 = vec![
            txn(1, "line\nbreak \"quoted\""),
            txn(2, "\n  \"transactions\": []"),
            txn(3, ""),
            split,
        ];
        backup.last_txn_id = 9;
        backup.categories = vec!["Salary".into(), "Bonus".into()];
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
        assert!(
            both.contains("\"last_txn_id\": 9,") && both.contains("\"splits\": [") && both.contains("\"tax/2026\""),
            "{both}"
        );
    }
}
