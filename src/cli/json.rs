//! The JSON of `pfos status`: the status's figures, places, cards and verdict (the shapes of single
//! values are in `io::report_json`).

use crate::io::report_json::{card_json, money, opt_money};
use crate::ledger::Status;
use serde_json::{json, Value};

pub fn status_json(s: &Status) -> Value {
    let f = &s.figures;
    json!({
        "date": s.date.to_string(),
        "month": s.month.to_string(),
        "verdict": s.verdict.answer,
        "level": s.verdict.level.as_str(),
        "reason": s.verdict.reason,
        "checks": s.verdict.checks.iter().map(|c| json!({
            "check": c.key,
            "title": c.title,
            "level": c.level.as_str(),
            "reason": c.reason,
        })).collect::<Vec<_>>(),
        "free_cash": money(f.free_cash),
        "net_worth": money(f.net_worth),
        "net_worth_change": opt_money(s.net_worth_last_month.map(|nw| f.net_worth - nw)),
        "total_cc_balance": money(f.total_cc_balance),
        "total_loan_balance": money(f.total_loan_balance),
        "total_income": money(f.total_income),
        "total_expense": money(f.total_expense),
        "day_to_day_spending": money(f.day_to_day_spending()),
        "spending_average": opt_money(s.spending_average),
        "spending_usual_so_far": opt_money(s.spending_usual_so_far),
        "from_buckets": money(f.from_buckets),
        "cash_outflow": money(f.cash_outflow),
        "savings_added": money(f.savings_added),
        "total_savings": money(f.total_savings),
        "latest_closed": s.latest_closed.map(|m| m.to_string()),
        "cards": s.cards.iter().map(card_json).collect::<Vec<_>>(),
        "buckets": s.buckets.iter().map(|b| json!({
            "name": b.name,
            "balance": money(b.balance),
            "added": money(b.added),
            "target_monthly": money(b.target_monthly),
            "goal": opt_money(b.goal),
        })).collect::<Vec<_>>(),
    })
}
