//! The Cards screen: every card with balance, limit and utilization; the chosen card's statement in detail.

use crate::domain::{CardState, Money};
use crate::ledger::browse::History;
use crate::tui::theme::Theme;
use crate::tui::widgets::money::{fit, gauge_ratio, pad, plot, spread};
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Gauge, Paragraph, Sparkline, Widget};

/// What the cards screen draws from.
pub struct CardsView<'a> {
    pub cards: &'a [CardState],
    pub history: &'a History,
    pub selected: usize,
    pub theme: Theme,
    /// The latest reconciliation date of each place.
    pub reconciled: &'a std::collections::HashMap<crate::domain::PlaceId, chrono::NaiveDate>,
}

impl Widget for &CardsView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let theme = self.theme;
        if self.cards.is_empty() {
            Paragraph::new("No cards yet. Add one with 'pfos card add'.")
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
            Gauge::default()
                .ratio(ratio)
                .label(label)
                .gauge_style(style)
                .use_unicode(true)
                .render(gauge_row, buf);
        }
        self.sparkline(c, right, buf);
    }

    fn sparkline(&self, c: &CardState, area: Rect, buf: &mut Buffer) {
        let theme = self.theme;
        let points: Vec<Money> = self
            .history
            .months
            .iter()
            .filter_map(|m| {
                m.card_balances
                    .iter()
                    .find(|(id, _)| *id == c.place_id)
                    .map(|(_, b)| *b)
            })
            .collect();
        let keep = points.len().min(12);
        let recent = &points[points.len() - keep..];
        let [title, chart] = Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(area);
        let high = recent.iter().copied().max().unwrap_or(Money::ZERO);
        Paragraph::new(Line::styled(
            fit(&format!("Month-end owed, {keep} months"), usize::from(area.width)),
            theme.dim(),
        ))
        .render(title, buf);
        let width = usize::from(chart.width);
        let each = (width / keep.max(1)).clamp(1, 4);
        let top = plot(high).max(1.0);
        let bars: Vec<u64> = recent
            .iter()
            .flat_map(|b| std::iter::repeat_n((plot(*b).max(0.0) / top * 100.0) as u64, each))
            .collect();
        let shown = width.min(bars.len());
        Sparkline::default()
            .data(&bars[bars.len() - shown..])
            .max(100)
            .style(theme.accent())
            .render(chart, buf);
    }
}
