//! The Reports screen (`9`): where the money went in a month, by category, largest spending first;
//! `[` `]` move the month.

use super::selection::Selection;
use crate::domain::{CategoryLine, Money, Month};
use crate::error::Result;
use crate::ledger::Ledger;
use crate::tui::theme::Theme;
use crate::tui::widgets::money::{bar_cells, fit, pad};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Widget};

/// The screen's own state: the month shown and its categories.
#[derive(Debug, Default)]
pub struct ReportsScreen {
    /// The month shown; `None` until the first load, which picks the current month.
    pub month: Option<Month>,
    pub lines: Vec<CategoryLine>,
    pub selected: Selection,
}

impl ReportsScreen {
    /// Reads the shown month's categories (the current month at first).
    pub fn reload(&mut self, ledger: &Ledger) -> Result<()> {
        let month = *self.month.get_or_insert_with(|| Month::of(ledger.today()));
        let mut lines = ledger.category_report(month, month)?;
        lines.sort_by(|a, b| b.expense.cmp(&a.expense).then_with(|| b.income.cmp(&a.income)));
        self.lines = lines;
        self.selected.clamp(self.lines.len());
        Ok(())
    }

    /// Moves to the month before or after and reads it.
    pub fn step_month(&mut self, later: bool, ledger: &Ledger) -> Result<()> {
        let now = self.month.unwrap_or_else(|| Month::of(ledger.today()));
        self.month = Some(if later { now.next() } else { now.prev() });
        self.reload(ledger)
    }
}

/// What the screen draws from.
pub struct ReportsView<'a> {
    pub screen: &'a ReportsScreen,
    pub theme: Theme,
}

impl Widget for &ReportsView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let theme = self.theme;
        let s = self.screen;
        let month = s.month.map_or(String::new(), |m| m.to_string());
        let block = Block::bordered()
            .title(Span::styled(format!(" Spending by category, {month} "), theme.title()))
            .title_bottom(Line::styled(" [ ] month ", theme.dim()).right_aligned());
        let inner = block.inner(area);
        block.render(area, buf);
        let width = usize::from(inner.width);
        let spent: Money = s.lines.iter().map(|l| l.expense).sum();
        let name_w = 20.min(width / 3);
        let amount_w = 12;
        let bar_w = width.saturating_sub(name_w + 2 * amount_w + 2);
        let mut lines = vec![Line::styled(
            fit(
                &format!(
                    "{}{:>amount_w$}{:>amount_w$}  {}",
                    pad("Category", name_w),
                    "Spent",
                    "Income",
                    "Share of spending"
                ),
                width,
            ),
            theme.header(),
        )];
        if s.lines.is_empty() {
            lines.push(Line::styled("Nothing spent or earned this month yet.", theme.dim()));
        }
        let room = usize::from(inner.height).saturating_sub(2).max(1);
        let first = s.selected.at().saturating_sub(room - 1);
        for (i, line) in s.lines.iter().enumerate().skip(first).take(room) {
            let filled = bar_cells(line.expense, spent, bar_w);
            let bar = format!("{}{}", "█".repeat(filled), "·".repeat(bar_w.saturating_sub(filled)));
            let text = Line::from(vec![
                Span::raw(format!(
                    "{}{:>amount_w$}{:>amount_w$}  ",
                    pad(&line.name, name_w),
                    line.expense.grouped(),
                    line.income.grouped()
                )),
                Span::styled(bar, theme.accent()),
            ]);
            lines.push(if i == s.selected.at() {
                text.style(theme.selected())
            } else {
                text
            });
        }
        lines.push(Line::styled(
            fit(
                &format!("{}{:>amount_w$}", pad("Total spent", name_w), spent.grouped()),
                width,
            ),
            theme.header(),
        ));
        Paragraph::new(lines).render(inner, buf);
    }
}
