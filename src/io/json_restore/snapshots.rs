//! Reading the snapshots of a JSON export: every stored figure, place, card, loan, bucket and category row,
//! closed months in order.

use super::{amount, category_text, date, opt_amount, Problem};
use crate::domain::{
    category_key, BucketLine, CardState, CategoryLine, Figures, LoanLine, Money, Month, Place, PlaceKind, PlaceLine,
    Places, Projection, Snapshot, Statement,
};
use crate::io::json_backup::{FiguresRec, ProjectionRec, SnapshotRec, StoredSnapshot};
use std::collections::HashSet;

fn figures(what: &str, f: &FiguresRec) -> Result<Figures, Problem> {
    let m = |field: &str, text: &str| amount(&format!("{what}, {field}"), text);
    Ok(Figures {
        total_income: m("total_income", &f.total_income)?,
        total_expense: m("total_expense", &f.total_expense)?,
        cash_outflow: m("cash_outflow", &f.cash_outflow)?,
        savings_added: m("savings_added", &f.savings_added)?,
        from_buckets: m("from_buckets", &f.from_buckets)?,
        market_change: m("market_change", &f.market_change)?,
        total_cc_balance: m("total_cc_balance", &f.total_cc_balance)?,
        net_worth: m("net_worth", &f.net_worth)?,
        free_cash: m("free_cash", &f.free_cash)?,
        total_assets: m("total_assets", &f.total_assets)?,
        total_savings: m("total_savings", &f.total_savings)?,
        cash_advances: m("cash_advances", &f.cash_advances)?,
        openings: m("openings", &f.openings)?,
        asset_openings: m("asset_openings", &f.asset_openings)?,
        total_loan_balance: match &f.total_loan_balance {
            Some(t) => m("total_loan_balance", t)?,
            None => Money::ZERO,
        },
    })
}

fn projection(what: &str, p: &ProjectionRec) -> Result<Projection, Problem> {
    let m = |field: &str, text: &str| amount(&format!("{what}, {field}"), text);
    Ok(Projection {
        expected_income: m("expected_income", &p.expected_income)?,
        expected_spending: m("expected_spending", &p.expected_spending)?,
        planned_savings: m("planned_savings", &p.planned_savings)?,
        projected_net_worth: m("projected_net_worth", &p.projected_net_worth)?,
        projected_free_cash: m("projected_free_cash", &p.projected_free_cash)?,
    })
}

/// A place a snapshot row refers to, of the kind the row needs, once in its list (`seen`).
fn snapshot_place<'a>(
    what: &str,
    id: i64,
    places: &'a Places,
    want: Option<PlaceKind>,
    seen: &mut HashSet<i64>,
) -> Result<&'a Place, Problem> {
    let Some(place) = places.get(id) else {
        return Err(format!("{what}: place_id {id} is not a place in the file"));
    };
    if want.is_some_and(|k| k != place.kind) {
        return Err(format!("{what}: place {id} ('{}') is a {}", place.name, place.kind));
    }
    if !seen.insert(id) {
        return Err(format!("{what}: place {id} ('{}') appears twice", place.name));
    }
    Ok(place)
}

fn snapshot(r: &SnapshotRec, places: &Places) -> Result<Snapshot, Problem> {
    let month = Month::parse(&r.month).map_err(|e| format!("a snapshot: {e}"))?;
    let what = format!("snapshot {month}");
    let mut seen = HashSet::new();
    let mut lines = Vec::with_capacity(r.places.len());
    for l in &r.places {
        let place = snapshot_place(&format!("{what}, places"), l.place_id, places, None, &mut seen)?;
        let row = format!("{what}, place {}", l.place_id);
        lines.push(PlaceLine {
            place_id: place.id,
            name: place.name.clone(),
            kind: place.kind,
            opening: amount(&format!("{row}, opening"), &l.opening)?,
            closing: amount(&format!("{row}, closing"), &l.closing)?,
        });
    }
    seen.clear();
    let mut cards = Vec::with_capacity(r.cards.len());
    for c in &r.cards {
        let place = snapshot_place(
            &format!("{what}, cards"),
            c.place_id,
            places,
            Some(PlaceKind::Card),
            &mut seen,
        )?;
        let row = format!("{what}, card {}", c.place_id);
        let m = |field: &str, text: &str| amount(&format!("{row}, {field}"), text);
        let statement = match (&c.statement_date, &c.statement_balance, &c.due_date, &c.credits, &c.remaining) {
            (None, None, None, None, None) => None,
            (Some(d), Some(b), Some(due), Some(cr), Some(rem)) => Some(Statement {
                date: date(&format!("{row}, statement_date"), d)?,
                balance: m("statement_balance", b)?,
                due_date: date(&format!("{row}, due_date"), due)?,
                credits: m("credits", cr)?,
                remaining: m("remaining", rem)?,
            }),
            _ => {
                return Err(format!(
                    "{row}: the statement fields (statement_date, statement_balance, due_date, credits, remaining) are all set or all null"
                ))
            }
        };
        cards.push(CardState {
            place_id: place.id,
            name: place.name.clone(),
            balance: m("balance", &c.balance)?,
            limit: opt_amount(&format!("{row}, limit"), &c.limit)?,
            statement,
            new_charges: m("new_charges", &c.new_charges)?,
            carried_over: m("carried_over", &c.carried_over)?,
        });
    }
    seen.clear();
    let mut loans = Vec::with_capacity(r.loans.len());
    for l in &r.loans {
        let place = snapshot_place(
            &format!("{what}, loans"),
            l.place_id,
            places,
            Some(PlaceKind::Loan),
            &mut seen,
        )?;
        let row = format!("{what}, loan {}", l.place_id);
        let m = |field: &str, text: &str| amount(&format!("{row}, {field}"), text);
        loans.push(LoanLine {
            place_id: place.id,
            name: place.name.clone(),
            balance: m("balance", &l.balance)?,
            payment: m("payment", &l.payment)?,
            paid: m("paid", &l.paid)?,
            charged: m("charged", &l.charged)?,
        });
    }
    seen.clear();
    let mut buckets = Vec::with_capacity(r.buckets.len());
    for b in &r.buckets {
        let place = snapshot_place(
            &format!("{what}, buckets"),
            b.place_id,
            places,
            Some(PlaceKind::Bucket),
            &mut seen,
        )?;
        let row = format!("{what}, bucket {}", b.place_id);
        let m = |field: &str, text: &str| amount(&format!("{row}, {field}"), text);
        let target_monthly = m("target_monthly", &b.target_monthly)?;
        buckets.push(BucketLine {
            place_id: place.id,
            name: place.name.clone(),
            balance: m("balance", &b.balance)?,
            added: m("added", &b.added)?,
            target_monthly,
            goal: opt_amount(&format!("{row}, goal"), &b.goal)?,
            // Older files: the target did not change from a month on, so next month's was this month's.
            next_target: match &b.next_target {
                Some(t) => m("next_target", t)?,
                None => target_monthly,
            },
            archived: b.archived,
        });
    }
    let mut keys = HashSet::new();
    let mut categories = Vec::with_capacity(r.categories.len());
    for c in &r.categories {
        let row = format!("{what}, category '{}'", c.name);
        category_text(&row, &c.name)?;
        if !keys.insert(category_key(&c.name)) {
            return Err(format!(
                "{row} appears twice (categories are compared whatever their case)"
            ));
        }
        let m = |field: &str, text: &str| amount(&format!("{row}, {field}"), text);
        categories.push(CategoryLine {
            name: c.name.clone(),
            expense: m("expense", &c.expense)?,
            income: m("income", &c.income)?,
        });
    }
    Ok(Snapshot {
        month,
        figures: figures(&what, &r.figures)?,
        places: lines,
        cards,
        loans,
        buckets,
        categories,
        projection: projection(&what, &r.projection)?,
    })
}

/// When a month was closed, as pfos writes it (`2025-10-01T09:30:00+02:00`): a real moment, on or after
/// the month's first day (a month may be closed before it ends, never before it starts).
fn closed_at(month: Month, text: &str) -> Result<(), Problem> {
    let moment = chrono::DateTime::parse_from_rfc3339(text).map_err(|_| {
        format!(
            "snapshot {month}: closed_at '{}' is not a moment like 2025-10-01T09:30:00+02:00",
            crate::text::visible(text)
        )
    })?;
    if moment.date_naive() < month.first_day() {
        return Err(format!(
            "snapshot {month}: closed_at {text} is before the month began; a month closes once it has started"
        ));
    }
    Ok(())
}

/// Snapshots in month order; closed months follow each other from `earliest`, the first month with a transaction.
pub(super) fn snapshots(
    recs: &[SnapshotRec],
    places: &Places,
    earliest: Option<Month>,
) -> Result<Vec<StoredSnapshot>, Problem> {
    let mut out = Vec::with_capacity(recs.len());
    for r in recs {
        let snapshot = snapshot(r, places)?;
        closed_at(snapshot.month, &r.closed_at)?;
        out.push(StoredSnapshot {
            closed_at: r.closed_at.clone(),
            snapshot,
        });
    }
    out.sort_by_key(|s| s.snapshot.month);
    let Some(first) = out.first().map(|s| s.snapshot.month) else {
        return Ok(out);
    };
    if earliest != Some(first) {
        return Err(format!(
            "the first closed month is {first}, but the first month with transactions is {}; months close in order from the first one",
            earliest.map_or("none".to_string(), |m| m.to_string())
        ));
    }
    for pair in out.windows(2) {
        let (a, b) = (pair[0].snapshot.month, pair[1].snapshot.month);
        if b != a.next() {
            let problem = if a == b {
                "appears twice"
            } else {
                "is followed by a gap"
            };
            return Err(format!(
                "snapshot {a} {problem}; closed months follow each other with no gap"
            ));
        }
    }
    Ok(out)
}
