//! The Dashboard: "Am I okay?" with each check's reason, free cash, net worth, card dues, spending, buckets.

use super::dashboard_ahead::{debt_free_lines, health_line, render_due};
use crate::ledger::{Outlook, Status};
use crate::tui::theme::{level_mark, Theme};
use crate::tui::widgets::money::{fit, gauge_ratio, pad, plot, signed, spread};
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Gauge, Paragraph, Sparkline, Widget};

/// What the dashboard draws from.
pub struct DashboardView<'a> {
    pub status: &'a Status,
    /// Health, dues and debt-free dates, when the forecast could be worked out.
    pub outlook: Option<&'a Outlook>,
    pub theme: Theme,
}

impl Widget for &DashboardView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let checks = self.status.verdict.checks.len() as u16;
        let [verdict, middle, bottom] = Layout::vertical([
            Constraint::Length(checks + 2),
            Constraint::Length(8),
            Constraint::Min(3),
        ])
        .areas(area);
        self.verdict(verdict, buf);
        let [money, dues] = Layout::horizontal([Constraint::Percentage(45), Constraint::Percentage(55)]).areas(middle);
        self.money(money, buf);
        self.dues(dues, buf);
        let [buckets, trend] =
            Layout::horizontal([Constraint::Percentage(55), Constraint::Percentage(45)]).areas(bottom);
        self.buckets(buckets, buf);
        match self.outlook.filter(|o| !o.due.is_empty()) {
            Some(o) => render_due(o, self.theme, trend, buf),
            None => self.trend(trend, buf),
        }
    }
}

impl DashboardView<'_> {
    fn verdict(&self, area: Rect, buf: &mut Buffer) {
        let theme = self.theme;
        let v = &self.status.verdict;
        let title = Line::from(vec![
            Span::styled(" Am I okay? ", theme.title()),
            Span::styled(format!("{} ", v.answer), theme.level(v.level)),
        ]);
        let mut block = Block::bordered()
            .title(title)
            .title_top(Line::styled(format!(" as of {} ", self.status.date), theme.dim()).right_aligned());
        // The extended health figures ride on the bottom border: no row is taken from the panels below.
        if let Some(o) = self.outlook {
            block = block.title_bottom(health_line(o, usize::from(area.width.saturating_sub(4)), theme));
        }
        let inner = block.inner(area);
        block.render(area, buf);
        let reason_width = usize::from(inner.width).saturating_sub(20);
        let lines: Vec<Line> = v
            .checks
            .iter()
            .map(|c| {
                Line::from(vec![
                    Span::styled(format!("{} ", level_mark(c.level)), theme.level(c.level)),
                    Span::styled(pad(c.title, 18), theme.level(c.level)),
                    Span::raw(fit(&c.reason, reason_width)),
                ])
            })
            .collect();
        Paragraph::new(lines).render(inner, buf);
    }

    fn money(&self, area: Rect, buf: &mut Buffer) {
        let theme = self.theme;
        let s = self.status;
        let f = &s.figures;
        let block = Block::bordered().title(Span::styled(" Money ", theme.title()));
        let inner = block.inner(area);
        block.render(area, buf);
        let w = usize::from(inner.width);
        let change = s.net_worth_last_month.map(|then| f.net_worth - then);
        let spent = f.day_to_day_spending();
        let over = s
            .spending_average
            .is_some_and(|avg| spent > avg.times(rust_decimal::Decimal::new(11, 1)));
        let lines = vec![
            Line::styled(
                spread("Free cash", &f.free_cash.grouped(), w),
                if f.free_cash.is_negative() {
                    theme.bad()
                } else {
                    theme.ok()
                },
            ),
            Line::raw(spread("Net worth", &f.net_worth.grouped(), w)),
            Line::styled(
                spread("  change this month", &change.map_or("-".into(), signed), w),
                if change.is_some_and(|c| c.is_negative()) {
                    theme.warn()
                } else {
                    theme.dim()
                },
            ),
            Line::styled(
                spread("Spent this month", &spent.grouped(), w),
                if over { theme.warn() } else { theme.text() },
            ),
            Line::raw(spread(
                "  3-month average",
                &s.spending_average.map_or("-".into(), |a| a.grouped()),
                w,
            )),
            Line::styled(spread("  + from buckets", &f.from_buckets.grouped(), w), theme.dim()),
        ];
        Paragraph::new(lines).render(inner, buf);
    }

    fn dues(&self, area: Rect, buf: &mut Buffer) {
        let theme = self.theme;
        let block = Block::bordered().title(Span::styled(" Card dues ", theme.title()));
        let inner = block.inner(area);
        block.render(area, buf);
        let w = usize::from(inner.width);
        let mut lines = vec![Line::styled(
            format!(
                "{}{:>7}{:>11}{:>11}",
                pad("Card", w.saturating_sub(29)),
                "Due",
                "Remaining",
                "Carried"
            ),
            theme.header(),
        )];
        if self.status.cards.is_empty() {
            lines.push(Line::styled("No cards.", theme.dim()));
        }
        for c in &self.status.cards {
            let (due, remaining) = c.statement.as_ref().map_or(("-".to_string(), "-".to_string()), |s| {
                (s.due_date.format("%b %d").to_string(), s.remaining.grouped())
            });
            let carried = c.carried_over.grouped();
            let carried_style = if c.carried_over.is_positive() {
                theme.bad()
            } else {
                theme.dim()
            };
            lines.push(Line::from(vec![
                Span::raw(format!("{}{due:>7}{remaining:>11}", pad(&c.name, w.saturating_sub(29)))),
                Span::styled(format!("{carried:>11}"), carried_style),
            ]));
        }
        let owed: crate::domain::Money = self.status.cards.iter().map(|c| c.balance).sum();
        lines.push(Line::styled(
            spread("Owed on all cards", &owed.grouped(), w),
            theme.dim(),
        ));
        lines.extend(self.outlook.map(|o| debt_free_lines(o, w, theme)).unwrap_or_default());
        Paragraph::new(lines).render(inner, buf);
    }

    fn buckets(&self, area: Rect, buf: &mut Buffer) {
        let theme = self.theme;
        let block = Block::bordered().title(Span::styled(" Buckets: this month ", theme.title()));
        let inner = block.inner(area);
        block.render(area, buf);
        for (i, b) in self.status.buckets.iter().enumerate().take(usize::from(inner.height)) {
            let row = Rect {
                y: inner.y + i as u16,
                height: 1,
                ..inner
            };
            let [name, gauge] = Layout::horizontal([Constraint::Length(15), Constraint::Min(1)]).areas(row);
            Paragraph::new(fit(&b.name, 14)).render(name, buf);
            let style = if b.added >= b.target_monthly {
                theme.ok()
            } else {
                theme.warn()
            };
            let label = format!("{} / {}", b.added.grouped(), b.target_monthly.grouped());
            Gauge::default()
                .ratio(if b.target_monthly.is_zero() {
                    1.0
                } else {
                    gauge_ratio(b.added, b.target_monthly)
                })
                .label(label)
                .gauge_style(style)
                .use_unicode(true)
                .render(gauge, buf);
        }
    }

    fn trend(&self, area: Rect, buf: &mut Buffer) {
        let theme = self.theme;
        let history = &self.status.net_worth_history;
        let title = match (history.first(), history.last()) {
            (Some((first, _)), Some((last, _))) if first != last => {
                format!(" Net worth {first} … {last} ")
            }
            _ => " Net worth ".to_string(),
        };
        let block = Block::bordered().title(Span::styled(title, theme.title()));
        let inner = block.inner(area);
        block.render(area, buf);
        let values: Vec<f64> = history.iter().map(|(_, nw)| plot(*nw)).collect();
        let low = values.iter().copied().fold(f64::INFINITY, f64::min);
        let high = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        // Heights above the lowest month, so the shape shows even when net worth moves little.
        let span = (high - low).max(1.0);
        let width = usize::from(inner.width);
        let each = (width / values.len().max(1)).clamp(1, 4);
        let bars: Vec<u64> = values
            .iter()
            .flat_map(|v| std::iter::repeat_n((1.0 + (v - low) / span * 99.0) as u64, each))
            .collect();
        let keep = width.min(bars.len());
        Sparkline::default()
            .data(&bars[bars.len() - keep..])
            .max(100)
            .style(theme.accent())
            .render(inner, buf);
    }
}
