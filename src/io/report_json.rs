//! The JSON of the command line's reports: amounts as decimal strings, snapshots, cards, places,
//! transactions and categories (pure: from domain values).

use crate::domain::{Balances, CardState, CategoryLine, Money, Place, PlaceKind, Places, Snapshot, Txn};
use serde_json::{json, Map, Value};

/// An amount as JSON: a decimal string with two places, never a float.
pub fn money(m: Money) -> Value {
    Value::String(m.to_string())
}

/// An optional amount: the decimal string, or null.
pub fn opt_money(m: Option<Money>) -> Value {
    m.map_or(Value::Null, money)
}

pub fn card_json(c: &CardState) -> Value {
    let st = c.statement.as_ref();
    json!({
        "name": c.name,
        "balance": money(c.balance),
        "limit": opt_money(c.limit),
        "statement_date": st.map(|s| s.date.to_string()),
        "statement_balance": opt_money(st.map(|s| s.balance)),
        "due_date": st.map(|s| s.due_date.to_string()),
        "credits": opt_money(st.map(|s| s.credits)),
        "remaining": opt_money(st.map(|s| s.remaining)),
        "new_charges": money(c.new_charges),
        "carried_over": money(c.carried_over),
    })
}

pub fn snapshot_json(s: &Snapshot) -> Value {
    let f = &s.figures;
    let p = &s.projection;
    json!({
        "month": s.month.to_string(),
        "total_income": money(f.total_income),
        "total_expense": money(f.total_expense),
        "cash_outflow": money(f.cash_outflow),
        "savings_added": money(f.savings_added),
        "from_buckets": money(f.from_buckets),
        "market_change": money(f.market_change),
        "total_cc_balance": money(f.total_cc_balance),
        "total_loan_balance": money(f.total_loan_balance),
        "net_worth": money(f.net_worth),
        "free_cash": money(f.free_cash),
        "total_assets": money(f.total_assets),
        "total_savings": money(f.total_savings),
        "cash_advances": money(f.cash_advances),
        "openings": money(f.openings),
        "places": s.places.iter().map(|l| json!({
            "name": l.name,
            "type": l.kind.as_str(),
            "opening": money(l.opening),
            "closing": money(l.closing),
        })).collect::<Vec<_>>(),
        "cards": s.cards.iter().map(card_json).collect::<Vec<_>>(),
        "loans": s.loans.iter().map(|l| json!({
            "name": l.name,
            "balance": money(l.balance),
            "payment": money(l.payment),
            "paid": money(l.paid),
            "charged": money(l.charged),
        })).collect::<Vec<_>>(),
        "buckets": s.buckets.iter().map(|b| json!({
            "name": b.name,
            "balance": money(b.balance),
            "added": money(b.added),
            "target_monthly": money(b.target_monthly),
            "goal": opt_money(b.goal),
        })).collect::<Vec<_>>(),
        "categories": s.categories.iter().map(category_json).collect::<Vec<_>>(),
        "projection": {
            "expected_income": money(p.expected_income),
            "expected_spending": money(p.expected_spending),
            "planned_savings": money(p.planned_savings),
            "projected_net_worth": money(p.projected_net_worth),
            "projected_free_cash": money(p.projected_free_cash),
        },
    })
}

/// One category's (or tag's) figures: `{"name", "expense", "income"}`.
pub fn category_json(c: &CategoryLine) -> Value {
    json!({
        "name": c.name,
        "expense": money(c.expense),
        "income": money(c.income),
    })
}

pub fn txn_json(t: &Txn, places: &Places) -> Value {
    let name = |id: Option<i64>| id.map(|i| places.name(i).to_string());
    json!({
        "id": t.id,
        "date": t.date.to_string(),
        "kind": t.kind.as_str(),
        "amount": money(t.amount),
        "from": name(t.from),
        "to": name(t.to),
        "category": t.category,
        "splits": t.splits.iter().map(|s| json!({
            "category": s.category,
            "amount": money(s.amount),
        })).collect::<Vec<_>>(),
        "tags": t.tags,
        "description": t.description,
    })
}

pub fn place_json(p: &Place, places: &Places, balances: &Balances) -> Value {
    let mut obj = Map::new();
    obj.insert("id".into(), json!(p.id));
    obj.insert("name".into(), json!(p.name));
    obj.insert("type".into(), json!(p.kind.as_str()));
    obj.insert("opened_on".into(), json!(p.opened_on.to_string()));
    obj.insert("balance".into(), money(balances.get(p.id)));
    obj.insert("archived_on".into(), json!(p.archived_on.map(|d| d.to_string())));
    match p.kind {
        PlaceKind::Loan => {
            if let Some(t) = p.loan {
                obj.insert("apr".into(), json!(t.apr.to_string().trim_end_matches('%')));
                obj.insert("payment".into(), money(t.payment));
                obj.insert("payment_day".into(), json!(t.payment_day));
            }
        }
        PlaceKind::Card => {
            if let Some(t) = p.card {
                obj.insert("statement_day".into(), json!(t.statement_day));
                obj.insert("grace_days".into(), json!(t.grace_days));
                obj.insert("limit".into(), opt_money(t.limit));
            }
        }
        PlaceKind::Bucket => {
            if let Some(t) = p.bucket {
                obj.insert("target_monthly".into(), money(t.target_monthly));
                obj.insert("goal".into(), opt_money(t.goal));
                obj.insert("held_in".into(), json!(t.held_in.map(|id| places.name(id))));
            }
        }
        _ => {
            obj.insert("displayed_balance".into(), money(balances.displayed(places, p.id)));
        }
    }
    if matches!(p.kind, PlaceKind::Card | PlaceKind::Bucket) {
        let changes: Vec<Value> = p
            .terms_changes
            .iter()
            .map(|c| {
                json!({
                    "from": c.from.to_string(),
                    "statement_day": c.statement_day,
                    "grace_days": c.grace_days,
                    "target_monthly": opt_money(c.target_monthly),
                })
            })
            .collect();
        obj.insert("terms_changes".into(), Value::Array(changes));
    }
    Value::Object(obj)
}
