//! Drawing the Reports screen: the view's tabs, then categories against the usual (bars with the usual
//! marked), trends (a sparkline row per category), the cash flow chart, or the tags. Every figure is
//! written out, and bars use shapes, so nothing depends on colour.

use super::cashflow_chart::CashflowChart;
use super::reports::{ReportsScreen, View, TREND_MONTHS};
use crate::domain::Money;
use crate::tui::theme::Theme;
use crate::tui::widgets::money::{bar_cells, fit, pad};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Widget};

/// What the screen draws from.
pub struct ReportsView<'a> {
    pub screen: &'a ReportsScreen,
    pub theme: Theme,
}

impl Widget for &ReportsView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let theme = self.theme;
        let s = self.screen;
        let mut title = vec![Span::raw(" ")];
        for v in View::ALL {
            let style = if v == s.view {
                theme.selected().patch(theme.title())
            } else {
                theme.dim()
            };
            title.push(Span::styled(format!(" {} ", v.title()), style));
        }
        title.push(Span::styled(format!(" {} ", self.span_text()), theme.title()));
        let keys = match s.view {
            View::Cashflow => " v view · [ ] month ",
            View::Categories | View::Tags => " v view · [ ] month · r range · Enter its transactions ",
            View::Trends => " v view · [ ] month · Enter its transactions ",
        };
        let block = Block::bordered()
            .title(Line::from(title))
            .title_bottom(Line::styled(keys, theme.dim()).right_aligned());
        let inner = block.inner(area);
        block.render(area, buf);
        match s.view {
            View::Categories => self.categories(inner, buf),
            View::Trends => self.trends(inner, buf),
            View::Cashflow => (&CashflowChart {
                months: &s.cashflow,
                theme,
            })
                .render(inner, buf),
            View::Tags => self.tags(inner, buf),
        }
    }
}

/// The rows on screen: `room` of them, the selected one among them.
fn window(selected: usize, len: usize, room: usize) -> std::ops::Range<usize> {
    let room = room.max(1);
    let first = selected.saturating_sub(room - 1).min(len.saturating_sub(room));
    first..(first + room).min(len)
}

impl ReportsView<'_> {
    fn span_text(&self) -> String {
        let s = self.screen;
        match (s.view, s.span()) {
            (_, None) => String::new(),
            (View::Trends | View::Cashflow, Some((_, last))) => {
                format!("{TREND_MONTHS} months to {last}")
            }
            (_, Some((first, last))) if first == last => last.to_string(),
            (_, Some((first, last))) => format!("{first} to {last}"),
        }
    }

    fn row_style(&self, line: Line<'static>, selected: bool) -> Line<'static> {
        if selected {
            line.style(self.theme.selected())
        } else {
            line
        }
    }

    fn categories(&self, area: Rect, buf: &mut Buffer) {
        let theme = self.theme;
        let s = self.screen;
        let w = usize::from(area.width);
        let single = s.months() == 1;
        let name_w = 18.min(w / 4);
        let num = 11;
        let bar_w = w.saturating_sub(name_w + 3 * num + 2);
        let header = if single {
            format!(
                "{}{:>num$}{:>num$}{:>num$}  █ spent  │ usual: {}",
                pad("Category", name_w),
                "Spent",
                "Usual",
                "Difference",
                match s.usual_months {
                    0 => "no month before to compare with".to_string(),
                    1 => "the month before".to_string(),
                    n => format!("mean of {n} months before"),
                }
            )
        } else {
            format!("{}{:>num$}{:>num$}", pad("Category", name_w), "Spent", "Income")
        };
        let mut lines = vec![Line::styled(fit(&header, w), theme.header())];
        if s.categories.is_empty() {
            lines.push(Line::styled("Nothing spent or earned in these months.", theme.dim()));
        }
        let high = s
            .categories
            .iter()
            .map(|c| c.spent.max(c.usual))
            .max()
            .unwrap_or(Money::ZERO);
        let room = usize::from(area.height).saturating_sub(2);
        for i in window(s.selected.at(), s.categories.len(), room) {
            let c = &s.categories[i];
            let line = if single {
                let diff = c.difference();
                let diff_text = diff.grouped_signed();
                let filled = bar_cells(c.spent, high, bar_w);
                let mark = bar_cells(c.usual, high, bar_w).min(bar_w.saturating_sub(1));
                let bar: String = (0..bar_w)
                    .map(|k| match (k < filled, k == mark && !c.usual.is_zero()) {
                        (_, true) => '│',
                        (true, false) => '█',
                        (false, false) => ' ',
                    })
                    .collect();
                let grew = if diff.is_positive() { theme.warn() } else { theme.ok() };
                Line::from(vec![
                    Span::raw(format!(
                        "{}{:>num$}{:>num$}",
                        pad(&c.name, name_w),
                        c.spent.grouped(),
                        c.usual.grouped()
                    )),
                    Span::styled(format!("{diff_text:>num$}"), grew),
                    Span::raw("  "),
                    Span::styled(bar, theme.accent()),
                ])
            } else {
                Line::raw(format!(
                    "{}{:>num$}{:>num$}",
                    pad(&c.name, name_w),
                    c.spent.grouped(),
                    c.income.grouped()
                ))
            };
            lines.push(self.row_style(line, i == s.selected.at()));
        }
        let spent: Money = s.categories.iter().map(|c| c.spent).sum();
        let usual: Money = s.categories.iter().map(|c| c.usual).sum();
        let total = if single {
            format!(
                "{}{:>num$}{:>num$}",
                pad("Total", name_w),
                spent.grouped(),
                usual.grouped()
            )
        } else {
            format!("{}{:>num$}", pad("Total", name_w), spent.grouped())
        };
        lines.push(Line::styled(fit(&total, w), theme.header()));
        Paragraph::new(lines).render(area, buf);
    }

    fn trends(&self, area: Rect, buf: &mut Buffer) {
        let theme = self.theme;
        let s = self.screen;
        let w = usize::from(area.width);
        let months = s.trend_months.len();
        let name_w = 18.min(w / 4);
        let num = 11;
        let first = s.trend_months.first().map_or(String::new(), |m| m.label());
        let last = s.trend_months.last().map_or(String::new(), |m| m.label());
        let spark_w = months.max(1);
        let header = format!(
            "{}{}  {:>num$}{:>num$}",
            pad("Category", name_w),
            pad(&format!("{first} … {last}"), spark_w.max(20)),
            "Total",
            "Average"
        );
        let mut lines = vec![Line::styled(fit(&header, w), theme.header())];
        if s.trends.is_empty() {
            lines.push(Line::styled("Nothing spent in these 12 months.", theme.dim()));
        }
        let room = usize::from(area.height).saturating_sub(1);
        for i in window(s.selected.at(), s.trends.len(), room) {
            let t = &s.trends[i];
            let line = Line::from(vec![
                Span::raw(pad(&t.name, name_w)),
                Span::styled(pad(&sparkline(&t.months), spark_w.max(20)), theme.accent()),
                Span::raw(format!("  {:>num$}{:>num$}", t.total.grouped(), t.average.grouped())),
            ]);
            lines.push(self.row_style(line, i == s.selected.at()));
        }
        Paragraph::new(lines).render(area, buf);
    }

    fn tags(&self, area: Rect, buf: &mut Buffer) {
        let theme = self.theme;
        let s = self.screen;
        let w = usize::from(area.width);
        let name_w = 24.min(w / 3);
        let num = 12;
        let mut lines = vec![Line::styled(
            fit(&format!("{}{:>num$}{:>num$}", pad("Tag", name_w), "Cost", "Income"), w),
            theme.header(),
        )];
        if s.tags.is_empty() {
            lines.push(Line::styled(
                "No tagged transactions in these months (tag a trip or a renovation when adding).",
                theme.dim(),
            ));
        }
        let room = usize::from(area.height).saturating_sub(2);
        for i in window(s.selected.at(), s.tags.len(), room) {
            let t = &s.tags[i];
            let line = Line::raw(format!(
                "{}{:>num$}{:>num$}",
                pad(&format!("#{}", t.name), name_w),
                t.expense.grouped(),
                t.income.grouped()
            ));
            lines.push(self.row_style(line, i == s.selected.at()));
        }
        lines.push(Line::styled(
            fit("Enter lists the transactions behind the selected tag.", w),
            theme.dim(),
        ));
        Paragraph::new(lines).render(area, buf);
    }
}

/// One character a month, from ▁ to █ by the month's share of the row's highest; `·` for nothing.
pub fn sparkline(values: &[Money]) -> String {
    const LEVELS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
    let high = values.iter().copied().max().unwrap_or(Money::ZERO);
    values
        .iter()
        .map(|v| {
            if !v.is_positive() {
                '·'
            } else {
                let level = bar_cells(*v, high, 8).clamp(1, 8);
                LEVELS[level - 1]
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sparklines_scale_to_the_highest_month_and_show_empty_months() {
        let m = Money::from_cents;
        assert_eq!(sparkline(&[m(100), m(0), m(50), m(800)]), "▁·▁█");
        assert_eq!(sparkline(&[m(400), m(800)]), "▄█");
        assert_eq!(sparkline(&[]), "");
    }

    #[test]
    fn the_window_keeps_the_selection_on_screen() {
        assert_eq!(window(0, 10, 4), 0..4);
        assert_eq!(window(6, 10, 4), 3..7);
        assert_eq!(window(9, 10, 4), 6..10);
        assert_eq!(window(1, 2, 4), 0..2);
    }
}
