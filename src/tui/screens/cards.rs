//! The Cards screen: every card with balance, limit and utilization; the chosen card's statement in detail.

use crate::domain::{CardState, Money, Month};
use crate::ledger::browse::MonthSeries;
use crate::tui::theme::Theme;
use crate::tui::widgets::meter::meter;
use crate::tui::widgets::money::{bar_cells, fit, gauge_ratio, pad, spread};
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Widget};

/// What the cards screen draws from.
pub struct CardsView<'a> {
    pub cards: &'a [CardState],
    pub series: &'a MonthSeries,
    pub selected: usize,
    pub theme: Theme,
    /// The latest reconciliation date of each place.
    pub reconciled: &'a std::collections::HashMap<crate::domain::PlaceId, chrono::NaiveDate>,
}

impl Widget for &CardsView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let theme = self.theme;
        if self.cards.is_empty() {
            Paragraph::new("No cards yet. Press n to add one.")
                .block(Block::bordered().title(Span::styled(" Cards ", theme.title())))
                .render(area, buf);
            return;
        }
        let list_height = (self.cards.len() as u16 + 3).min(area.height / 2);
        let [list, detail] = Layout::vertical([Constraint::Length(list_height), Constraint::Min(3)]).areas(area);
        self.list(list, buf);
        if let Some(card) = self.cards.get(self.selected) {
            self.detail(card, detail, buf);
        }
    }
}

impl CardsView<'_> {
    fn list(&self, area: Rect, buf: &mut Buffer) {
        let theme = self.theme;
        let block = Block::bordered().title(Span::styled(" Cards ", theme.title()));
        let inner = block.inner(area);
        block.render(area, buf);
        let w = usize::from(inner.width);
        let name_w = w.saturating_sub(50).max(6);
        let mut lines = vec![Line::styled(
            format!(
                "{}{:>13}{:>13}{:>8}{:>13}",
                pad("Card", name_w),
                "Balance",
                "Limit",
                "Used",
                "Carried"
            ),
            theme.header(),
        )];
        for (i, c) in self.cards.iter().enumerate() {
            let used = c.limit.and_then(|l| c.balance.ratio(l)).map_or("-".to_string(), |r| {
                format!("{}%", (r * rust_decimal::Decimal::ONE_HUNDRED).round())
            });
            let carried_style = if c.carried_over.is_positive() {
                theme.bad()
            } else {
                theme.text()
            };
            let line = Line::from(vec![
                Span::raw(format!(
                    "{}{:>13}{:>13}{:>8}",
                    pad(&c.name, name_w),
                    c.balance.grouped(),
                    c.limit.map_or("-".to_string(), Money::grouped),
                    used
                )),
                Span::styled(format!("{:>13}", c.carried_over.grouped()), carried_style),
            ]);
            lines.push(if i == self.selected {
                line.style(theme.selected())
            } else {
                line
            });
        }
        Paragraph::new(lines).render(inner, buf);
    }

    fn detail(&self, c: &CardState, area: Rect, buf: &mut Buffer) {
        let theme = self.theme;
        let block = Block::bordered().title(Span::styled(format!(" {} ", c.name), theme.title()));
        let inner = block.inner(area);
        block.render(area, buf);
        let [left, right] = Layout::horizontal([Constraint::Percentage(55), Constraint::Percentage(45)])
            .spacing(1)
            .areas(inner);
        let w = usize::from(left.width);
        let mut lines = Vec::new();
        let limit = c.limit.map_or(String::new(), |l| format!(" of {}", l.grouped()));
        lines.push(Line::raw(spread(
            "Balance",
            &format!("{}{limit}", c.balance.grouped()),
            w,
        )));
        lines.push(Line::raw("")); // the gauge goes here
        match &c.statement {
            Some(s) => {
                lines.push(Line::raw(spread("Latest statement", &s.date.to_string(), w)));
                lines.push(Line::raw(spread("  balance", &s.balance.grouped(), w)));
                lines.push(Line::raw(spread("  due", &s.due_date.to_string(), w)));
                lines.push(Line::raw(spread("  credits", &s.credits.grouped(), w)));
                lines.push(Line::raw(spread("  remaining", &s.remaining.grouped(), w)));
            }
            None => lines.push(Line::styled("No statement has closed yet.", theme.dim())),
        }
        lines.push(Line::raw(spread("New charges since", &c.new_charges.grouped(), w)));
        let reconciled = self
            .reconciled
            .get(&c.place_id)
            .map_or("never".to_string(), |d| d.to_string());
        lines.push(Line::raw(spread("Last reconciled", &reconciled, w)));
        if c.carried_over.is_positive() {
            lines.push(Line::styled(
                fit(
                    &format!("! {} carried over past its due date", c.carried_over.grouped()),
                    w,
                ),
                theme.bad(),
            ));
        }
        Paragraph::new(lines).render(left, buf);
        if left.height > 1 {
            let gauge_row = Rect {
                y: left.y + 1,
                height: 1,
                ..left
            };
            let (ratio, label) = match c.limit {
                Some(l) => (
                    gauge_ratio(c.balance, l),
                    format!("{:.0}% used", gauge_ratio(c.balance, l) * 100.0),
                ),
                None => (0.0, "no limit".to_string()),
            };
            let style = if ratio > 0.9 {
                theme.bad()
            } else if ratio > 0.3 {
                theme.warn()
            } else {
                theme.ok()
            };
            meter(ratio, &label, style, theme, gauge_row, buf);
        }
        self.month_ends(c, right, buf);
    }

    /// What the card owed at each month's end, newest at the bottom: one labelled row a month, a bar
    /// and its figure (readable without colour).
    fn month_ends(&self, c: &CardState, area: Rect, buf: &mut Buffer) {
        let theme = self.theme;
        let points: Vec<(Month, Money)> = self
            .series
            .months
            .iter()
            .filter_map(|m| {
                m.card_balances
                    .iter()
                    .find(|(id, _)| *id == c.place_id)
                    .map(|(_, b)| (m.month, *b))
            })
            .collect();
        let rows = usize::from(area.height).saturating_sub(1).min(12);
        let keep = points.len().min(rows);
        let recent = &points[points.len() - keep..];
        let width = usize::from(area.width);
        let mut lines = vec![Line::styled(
            fit(&format!("Owed at month end, {keep} months"), width),
            theme.dim(),
        )];
        let high = recent.iter().map(|(_, b)| *b).max().unwrap_or(Money::ZERO);
        let figure_w = recent.iter().map(|(_, b)| b.grouped().len()).max().unwrap_or(4);
        let bar_w = width.saturating_sub(9 + 1 + figure_w);
        for (month, owed) in recent {
            let cells = bar_cells(*owed, high, bar_w);
            lines.push(Line::from(vec![
                Span::raw(format!("{} ", month.label())),
                Span::styled(pad(&"█".repeat(cells), bar_w), theme.accent()),
                Span::raw(format!(" {:>figure_w$}", owed.grouped())),
            ]));
        }
        Paragraph::new(lines).render(area, buf);
    }
}
