//! The looking-ahead part of `pfos status`: health, recurring items due and debt-free dates.

use super::output::pairs;
use crate::domain::Places;
use crate::ledger::Outlook;
use rust_decimal::Decimal;

fn pct(d: Option<Decimal>) -> String {
    d.map_or("-".into(), |d| format!("{d:.1}%"))
}

fn months(d: Option<Decimal>) -> String {
    d.map_or("-".into(), |d| format!("{d:.1} months"))
}

pub fn render_outlook(o: &Outlook, places: &Places) -> String {
    let h = &o.health;
    let rates: Vec<String> = h
        .savings_rates
        .iter()
        .map(|(m, r)| format!("{} {}", m.first_day().format("%b"), pct(*r)))
        .collect();
    let emergency = h.emergency.as_ref().map_or("-".to_string(), |e| {
        let goal = e.goal.map_or("no goal".to_string(), |g| {
            format!("{} of {}", pct(e.percent), g.grouped())
        });
        format!("{} {} ({goal}), {}", e.name, e.balance.grouped(), months(e.months))
    });
    let mut out = String::from("Looking ahead\n");
    out.push_str(&pairs(&[
        ("Expected spending a month", h.expected_spending.grouped()),
        ("Runway", months(h.runway_months)),
        ("Savings rate last month", pct(h.savings_rate)),
        ("  6-month trend", h.trend.as_str().to_string()),
        ("Card utilization", pct(h.utilization)),
    ]));
    if !rates.is_empty() {
        out.push_str(&format!("\n  savings rates: {}", rates.join(", ")));
    }
    out.push_str(&format!("\nEmergency fund: {emergency}"));
    for c in h.cards.iter().filter(|c| c.limit.is_some()) {
        out.push_str(&format!("\n  {} uses {} of its limit", c.name, pct(c.percent)));
    }
    for d in &o.debts {
        let p = &d.payoff;
        let plain = |m: Option<crate::domain::Month>| m.map(|m| m.to_string());
        let when = match (plain(d.with_no_new_charges()), plain(d.at_usual_spending)) {
            (Some(a), Some(b)) if a == b => format!("{a} with no new charges or at your usual spending"),
            (Some(a), Some(b)) => format!("{a} with no new charges, {b} at your usual spending"),
            (Some(a), None) => format!(
                "{a} with no new charges; not within {} months at your usual spending",
                o.forecast.months.iter().filter(|m| !m.partial).count()
            ),
            (None, _) => "never at the usual payments, even with no new charges".to_string(),
        };
        out.push_str(&format!(
            "\nDebt-free: {} {when} ({}, interest {}; at the minimum {})",
            p.name,
            p.usual.describe(),
            p.current.interest.grouped(),
            p.minimum.debt_free.map_or("never".to_string(), |m| m.to_string())
        ));
    }
    for l in o.loans.iter().filter(|l| l.owed.is_positive()) {
        let when = l
            .paid_off
            .map_or("never: the payment does not cover the interest".to_string(), |m| {
                m.to_string()
            });
        out.push_str(&format!(
            "\nPaid off: {} {when} at {} a month ({} owed now)",
            l.name,
            l.payment.grouped(),
            l.owed.grouped()
        ));
    }
    if o.due.is_empty() {
        out.push_str("\nNo recurring items due.");
    } else {
        out.push_str(&format!(
            "\n{} recurring item(s) due, post with 'pfos recurring post':",
            o.due.len()
        ));
        for d in &o.due {
            let place = d.item.from.or(d.item.to).map_or("", |p| places.name(p));
            out.push_str(&format!(
                "\n  {} {} {} {} ({place})",
                d.date,
                d.item.label(),
                d.item.kind,
                d.item.amount.grouped()
            ));
        }
    }
    if let Some(last) = o.forecast.last() {
        out.push_str(&format!(
            "\nIn {} months ({}): net worth {}, free cash {} (see 'pfos forecast')",
            o.forecast.months.iter().filter(|p| !p.partial).count(),
            last.month,
            last.figures.net_worth.grouped(),
            last.figures.free_cash.grouped()
        ));
    }
    out
}
