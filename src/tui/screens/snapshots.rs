//! The Snapshots screen: closed months with their figures; `c` closes the next month, `r` reopens the latest.

use crate::domain::{Figures, Money, Month, Projection};
use crate::tui::theme::Theme;
use crate::tui::widgets::money::spread;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Widget};

/// What the snapshots screen draws from.
pub struct SnapshotsView<'a> {
    /// Closed months, oldest first.
    pub closed: &'a [(Month, Figures, Projection)],
    /// Selected row, counted from the newest.
    pub selected: usize,
    pub next_to_close: Option<Month>,
    pub theme: Theme,
}

const COL: usize = 10;

impl Widget for &SnapshotsView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let theme = self.theme;
        let [table, below] = Layout::vertical([Constraint::Min(4), Constraint::Length(7)]).areas(area);
        let mut hint = vec![];
        if let Some(m) = self.next_to_close {
            hint.push(format!("c close {m}"));
        }
        if let Some((m, _, _)) = self.closed.last() {
            hint.push(format!("r reopen {m}"));
        }
        let block = Block::bordered()
            .title(Span::styled(" Closed months ", theme.title()))
            .title_bottom(Line::styled(format!(" {} ", hint.join(" · ")), theme.dim()).right_aligned());
        let inner = block.inner(table);
        block.render(table, buf);
        let mut lines = vec![Line::styled(
            format!(
                "{:<8}{:>COL$}{:>COL$}{:>COL$}{:>COL$}{:>COL$}{:>COL$}{:>COL$}",
                "Month", "Income", "Expense", "Outflow", "Saved", "Cards", "Net worth", "Change"
            ),
            theme.header(),
        )];
        if self.closed.is_empty() {
            lines.push(Line::styled(
                "No month is closed yet. Press c to close the first one.",
                theme.dim(),
            ));
        }
        let room = usize::from(inner.height).saturating_sub(1).max(1);
        let first = self.selected.saturating_sub(room - 1);
        let newest_first: Vec<(usize, &(Month, Figures, Projection))> = self.closed.iter().enumerate().rev().collect();
        for (row, (i, (month, f, _))) in newest_first.iter().enumerate().skip(first).take(room) {
            let change = i
                .checked_sub(1)
                .and_then(|p| self.closed.get(p))
                .map(|(_, before, _)| f.net_worth - before.net_worth);
            let text = format!(
                "{:<8}{:>COL$}{:>COL$}{:>COL$}{:>COL$}{:>COL$}{:>COL$}",
                month.to_string(),
                f.total_income.grouped(),
                f.total_expense.grouped(),
                f.cash_outflow.grouped(),
                f.savings_added.grouped(),
                f.total_cc_balance.grouped(),
                f.net_worth.grouped(),
            );
            let change_text = format!("{:>COL$}", change.map_or("-".to_string(), Money::grouped_signed));
            let change_style = if change.is_some_and(Money::is_negative) {
                theme.warn()
            } else {
                theme.ok()
            };
            let line = Line::from(vec![Span::raw(text), Span::styled(change_text, change_style)]);
            lines.push(if row == self.selected {
                line.style(theme.selected())
            } else {
                line
            });
        }
        Paragraph::new(lines).render(inner, buf);
        self.projection(below, buf);
    }
}

impl SnapshotsView<'_> {
    fn projection(&self, area: Rect, buf: &mut Buffer) {
        let theme = self.theme;
        let chosen = self
            .closed
            .len()
            .checked_sub(self.selected + 1)
            .and_then(|i| self.closed.get(i));
        let title = chosen.map_or(" Projection ".to_string(), |(m, _, _)| {
            format!(" Projection made when {m} closed, for {} ", m.next())
        });
        let block = Block::bordered().title(Span::styled(title, theme.title()));
        let inner = block.inner(area);
        block.render(area, buf);
        let Some((_, f, p)) = chosen else {
            Paragraph::new(Line::styled(
                "Close a month to see what the next one probably looks like.",
                theme.dim(),
            ))
            .render(inner, buf);
            return;
        };
        let [left, right] = Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)])
            .spacing(2)
            .areas(inner);
        let lw = usize::from(left.width);
        let rw = usize::from(right.width);
        Paragraph::new(vec![
            Line::raw(spread("Expected income", &p.expected_income.grouped(), lw)),
            Line::raw(spread("Expected spending", &p.expected_spending.grouped(), lw)),
            Line::raw(spread("Planned savings", &p.planned_savings.grouped(), lw)),
        ])
        .render(left, buf);
        Paragraph::new(vec![
            Line::raw(spread("Projected net worth", &p.projected_net_worth.grouped(), rw)),
            Line::raw(spread("Projected free cash", &p.projected_free_cash.grouped(), rw)),
            Line::styled(spread("Free cash at close", &f.free_cash.grouped(), rw), theme.dim()),
        ])
        .render(right, buf);
    }
}
