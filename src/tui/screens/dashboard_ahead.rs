//! The dashboard's looking-ahead parts: the health line, debt-free dates, and recurring items due.

use crate::ledger::Outlook;
use crate::tui::theme::Theme;
use crate::tui::widgets::money::{fit, pad, spread};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Widget};
use rust_decimal::Decimal;

fn one(d: Decimal) -> String {
    format!("{d:.1}")
}

/// ` Saving 28.9% ↓ · cards 12.0% used · Emergency Fund 37.3% of goal `.
pub fn health_line(o: &Outlook, width: usize, theme: Theme) -> Line<'static> {
    let h = &o.health;
    // Runway has its own line among the checks just above; these are the figures it does not show.
    let mut parts = Vec::new();
    if let Some(r) = h.savings_rate {
        parts.push(format!("Saving {}% {}", one(r), h.trend.arrow()).trim_end().to_string());
    }
    if let Some(u) = h.utilization {
        parts.push(format!("cards {}% used", one(u)));
    }
    if let Some(e) = &h.emergency {
        match e.percent {
            Some(p) => parts.push(format!("{} {}% of goal", e.name, one(p))),
            None => parts.push(format!("{} {}", e.name, e.balance.grouped())),
        }
    }
    if parts.is_empty() {
        parts.push("Not enough history yet for a savings rate".into());
    }
    Line::styled(fit(&format!(" {} ", parts.join(" · ")), width), theme.dim())
}

/// When each card carrying debt is debt-free, under both assumptions, as a small table: `Debt-free  no new
/// charges  usual spending` over `Mastercard  Feb 2026  after Nov 2026`; then each loan's payoff month.
pub fn debt_free_lines(o: &Outlook, width: usize, theme: Theme) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    // Two columns of up to 14 characters, a space before each.
    let col = 15.min(width.saturating_sub(10) / 2);
    let name_w = width.saturating_sub(2 * col);
    let cell = |text: &str| fit(text, col.saturating_sub(1));
    let row = |name: &str, a: &str, b: &str| format!("{}{:>col$}{:>col$}", pad(name, name_w), cell(a), cell(b));
    if !o.debts.is_empty() {
        lines.push(Line::styled(
            row("Debt-free", "no new charges", "usual spending"),
            theme.dim(),
        ));
    }
    let end = o.forecast.last().map(|m| m.month);
    for d in &o.debts {
        let clean = d.with_no_new_charges();
        let style = if clean.is_some() { theme.warn() } else { theme.bad() };
        let when = clean.map_or("never".to_string(), |m| m.label());
        let usual = match (d.at_usual_spending, end) {
            (Some(m), _) => m.label(),
            (None, Some(end)) => format!("after {}", end.label()),
            (None, None) => "-".to_string(),
        };
        lines.push(Line::styled(row(&d.payoff.name, &when, &usual), style));
    }
    for l in o.loans.iter().filter(|l| l.owed.is_positive()) {
        let when = l.paid_off.map_or("never".to_string(), |m| m.label());
        lines.push(Line::styled(
            spread(&format!("Paid off: {}", l.name), &when, width),
            theme.dim(),
        ));
    }
    lines
}

/// The recurring items due, in place of the net worth trend, with the key that posts them.
pub fn render_due(o: &Outlook, theme: Theme, area: Rect, buf: &mut Buffer) {
    let title = Line::from(vec![
        Span::styled(format!(" Due: {} recurring ", o.due.len()), theme.title()),
        Span::styled("p posts ", theme.accent()),
    ]);
    let block = Block::bordered().title(title);
    let inner = block.inner(area);
    block.render(area, buf);
    let w = usize::from(inner.width);
    let rows = usize::from(inner.height);
    let mut lines: Vec<Line> = o
        .due
        .iter()
        .take(if o.due.len() > rows {
            rows.saturating_sub(1)
        } else {
            rows
        })
        .map(|d| {
            let amount = match d.item.kind {
                crate::domain::TxnKind::Income => format!("+{}", d.item.amount.grouped()),
                crate::domain::TxnKind::Expense => format!("-{}", d.item.amount.grouped()),
                _ => d.item.amount.grouped(),
            };
            let left = format!("{} {}", d.date.format("%b %d"), d.item.label());
            Line::raw(spread(&left, &amount, w))
        })
        .collect();
    if o.due.len() > rows {
        let more = o.due.len() - lines.len();
        lines.push(Line::styled(pad(&format!("… and {more} more"), w), theme.dim()));
    }
    Paragraph::new(lines).render(inner, buf);
}
