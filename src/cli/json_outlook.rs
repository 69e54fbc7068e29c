//! JSON of the looking-ahead commands: recurring items, forecasts, what-ifs, payoffs and the outlook in
//! `pfos status`. Money is a string with two decimals; rates and percents are strings too, never floats.

use crate::domain::forecast::{Forecast, ForecastMonth};
use crate::domain::payoff::CardRates;
use crate::domain::payoff::{PaymentPlan, Payoff};
use crate::domain::recurring::RecurringItem;
use crate::domain::{Money, Places};
use crate::ledger::{CardPayoff, DueItem, Outlook, Posted};
use rust_decimal::Decimal;
use serde_json::{json, Map, Value};

fn money(m: Money) -> Value {
    Value::String(m.to_string())
}

fn percent(d: Option<Decimal>) -> Value {
    d.map_or(Value::Null, |d| Value::String(format!("{d:.1}")))
}

fn bp(bp: u32) -> String {
    format!("{:.2}", Decimal::new(i64::from(bp), 2))
}

/// Adds a card's APR and minimum-payment rule to its listing.
pub fn add_rates(obj: &mut Map<String, Value>, rates: &CardRates) {
    obj.insert(
        "apr".into(),
        rates.apr.map_or(Value::Null, |a| Value::String(bp(a.bp()))),
    );
    obj.insert(
        "min_payment_percent".into(),
        Value::String(bp(rates.minimum.percent_bp)),
    );
    obj.insert("min_payment_floor".into(), money(rates.minimum.floor));
}

pub fn recurring_json(item: &RecurringItem, places: &Places, next: Option<chrono::NaiveDate>, due: usize) -> Value {
    let name = |id: Option<i64>| id.map(|i| places.name(i).to_string());
    let (until, count) = match item.schedule.end {
        crate::domain::cadence::End::Never => (None, None),
        crate::domain::cadence::End::Until(d) => (Some(d.to_string()), None),
        crate::domain::cadence::End::Count(n) => (None, Some(n)),
    };
    json!({
        "id": item.id,
        "kind": item.kind.as_str(),
        "amount": money(item.amount),
        "from": name(item.from),
        "to": name(item.to),
        "category": item.category,
        "description": item.description,
        "cadence": item.schedule.cadence.name(),
        "day": item.schedule.cadence.day(),
        "every": item.schedule.cadence.to_string(),
        "start": item.schedule.start.to_string(),
        "until": until,
        "count": count,
        "next_date": next.map(|d| d.to_string()),
        "due": due,
    })
}

pub fn due_json(d: &DueItem, places: &Places) -> Value {
    let name = |id: Option<i64>| id.map(|i| places.name(i).to_string());
    json!({
        "item": d.item.id,
        "date": d.date.to_string(),
        "kind": d.item.kind.as_str(),
        "amount": money(d.item.amount),
        "from": name(d.item.from),
        "to": name(d.item.to),
        "label": d.item.label(),
    })
}

pub fn posted_json(p: &Posted, places: &Places) -> Value {
    let mut value = due_json(
        &DueItem {
            date: p.date,
            item: p.item.clone(),
        },
        places,
    );
    if let Some(obj) = value.as_object_mut() {
        obj.insert("txn".into(), json!(p.txn));
    }
    value
}

fn plan_json(plan: PaymentPlan) -> Value {
    match plan {
        PaymentPlan::Full => json!({"kind": "full"}),
        PaymentPlan::Minimum => json!({"kind": "minimum"}),
        PaymentPlan::Fixed(a) => json!({"kind": "fixed", "amount": money(a)}),
    }
}

fn month_json(p: &ForecastMonth, places: &Places) -> Value {
    let f = &p.figures;
    json!({
        "month": p.month.to_string(),
        "from": p.from.to_string(),
        "through": p.month.last_day().to_string(),
        "partial": p.partial,
        "income": money(f.total_income),
        "spending": money(p.spending),
        "from_buckets": money(f.from_buckets),
        "interest": money(p.interest),
        "card_payments": money(p.card_payments),
        "loan_payments": money(p.loan_payments),
        "savings_added": money(f.savings_added),
        "card_debt": money(f.total_cc_balance),
        "free_cash": money(f.free_cash),
        "net_worth": money(f.net_worth),
        "total_savings": money(f.total_savings),
        "cards": p.cards.iter().map(|c| json!({
            "name": places.name(c.card),
            "statement": money(c.statement),
            "paid": money(c.paid),
            "interest": money(c.interest),
            "carried": money(c.carried),
            "owed": money(c.owed),
            "over_limit": c.over_limit,
        })).collect::<Vec<_>>(),
        "loans": p.loans.iter().map(|l| json!({
            "name": places.name(l.loan),
            "interest": money(l.interest),
            "paid": money(l.paid),
            "owed": money(l.owed),
        })).collect::<Vec<_>>(),
        "drivers": p.drivers.iter().map(|d| json!({
            "label": d.label,
            "amount": d.amount.map_or(Value::Null, money),
        })).collect::<Vec<_>>(),
    })
}

pub fn forecast_json(f: &Forecast, places: &Places) -> Value {
    json!({
        "as_of": f.as_of.to_string(),
        "net_worth": money(f.net_worth),
        "free_cash": money(f.free_cash),
        "usual": {
            "income": money(f.usual.income),
            "spending": money(f.usual.spending),
            "months": f.usual.months,
        },
        "interest": money(f.interest()),
        "months": f.months.iter().map(|p| month_json(p, places)).collect::<Vec<_>>(),
        "cards": f.cards.iter().map(|c| json!({
            "name": places.name(c.card),
            "plan": plan_json(c.plan),
            "extra": money(c.extra),
            "interest": money(c.interest),
            "clear_from": c.clear_from.map(|m| m.to_string()),
        })).collect::<Vec<_>>(),
        "loan_interest": money(f.loan_interest()),
        "loans": f.loans.iter().map(|l| json!({
            "name": places.name(l.loan),
            "payment": money(l.payment),
            "extra": money(l.extra),
            "interest": money(l.interest),
            "paid_off": l.paid_off.map(|m| m.to_string()),
        })).collect::<Vec<_>>(),
    })
}

fn payoff_line(p: &Payoff) -> Value {
    json!({
        "months": p.months,
        "debt_free": p.debt_free.map(|m| m.to_string()),
        "interest": money(p.interest),
        "paid": money(p.paid),
    })
}

pub fn payoff_json(c: &CardPayoff) -> Value {
    json!({
        "name": c.name,
        "balance": money(c.balance),
        "apr": c.apr.map(|a| bp(a.bp())),
        "min_payment_percent": bp(c.rule.percent_bp),
        "min_payment_floor": money(c.rule.floor),
        "usual": plan_json(c.usual),
        "first_payment": c.first_payment.to_string(),
        "minimum": payoff_line(&c.minimum),
        "current": payoff_line(&c.current),
        "chosen": c.chosen.as_ref().map(|(amount, p)| {
            let mut v = payoff_line(p);
            if let Some(obj) = v.as_object_mut() {
                obj.insert("payment".into(), money(*amount));
            }
            v
        }),
    })
}

/// The keys `pfos status --json` gains: health, recurring items due, debt-free dates, and the forecast's end.
pub fn outlook_json(o: &Outlook, places: &Places) -> Map<String, Value> {
    let h = &o.health;
    let mut out = Map::new();
    out.insert(
        "health".into(),
        json!({
            "expected_spending": money(h.expected_spending),
            "runway_months": percent(h.runway_months),
            "savings_rate": percent(h.savings_rate),
            "savings_rate_trend": h.trend.as_str(),
            "savings_rates": h.savings_rates.iter().map(|(m, r)| json!({
                "month": m.to_string(),
                "rate": percent(*r),
            })).collect::<Vec<_>>(),
            "utilization": percent(h.utilization),
            "cards": h.cards.iter().map(|c| json!({
                "name": c.name,
                "balance": money(c.balance),
                "limit": c.limit.map_or(Value::Null, money),
                "utilization": percent(c.percent),
            })).collect::<Vec<_>>(),
            "emergency_fund": h.emergency.as_ref().map(|e| json!({
                "name": e.name,
                "balance": money(e.balance),
                "goal": e.goal.map_or(Value::Null, money),
                "coverage": percent(e.percent),
                "months": percent(e.months),
            })),
        }),
    );
    out.insert(
        "recurring_due".into(),
        Value::Array(o.due.iter().map(|d| due_json(d, places)).collect()),
    );
    out.insert(
        "debt_free".into(),
        Value::Array(
            o.debts
                .iter()
                .map(|d| {
                    let mut v = payoff_json(&d.payoff);
                    if let Some(obj) = v.as_object_mut() {
                        obj.insert(
                            "at_usual_spending".into(),
                            d.at_usual_spending
                                .map_or(Value::Null, |m| Value::String(m.to_string())),
                        );
                    }
                    v
                })
                .collect(),
        ),
    );
    out.insert(
        "loans".into(),
        Value::Array(
            o.loans
                .iter()
                .map(|l| {
                    json!({
                        "name": l.name,
                        "owed": money(l.owed),
                        "payment": money(l.payment),
                        "paid_off": l.paid_off.map(|m| m.to_string()),
                    })
                })
                .collect(),
        ),
    );
    if let Some(last) = o.forecast.last() {
        out.insert(
            "forecast".into(),
            json!({
                "months": o.forecast.months.iter().filter(|p| !p.partial).count(),
                "through": last.month.to_string(),
                "net_worth": money(last.figures.net_worth),
                "free_cash": money(last.figures.free_cash),
                "interest": money(o.forecast.interest()),
            }),
        );
    }
    out
}
