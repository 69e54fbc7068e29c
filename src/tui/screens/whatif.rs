//! The What-if screen: the changes being tried, net worth on the current path and with the changes, and
//! where each ends up: net worth, free cash, card debt, interest and each card's debt-free month.

use crate::domain::forecast::Forecast;
use crate::domain::{Money, Month};
use crate::tui::theme::Theme;
use crate::tui::whatif::WhatIfState;
use crate::tui::widgets::money::{fit, pad, plot};
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Axis, Block, Chart, Dataset, GraphType, Paragraph, Widget};

/// What the What-if screen draws from.
pub struct WhatIfView<'a> {
    pub state: &'a WhatIfState,
    pub theme: Theme,
}

impl Widget for &WhatIfView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let [chart, bottom] = Layout::vertical([Constraint::Min(6), Constraint::Length(10)]).areas(area);
        let [changes, compare] =
            Layout::horizontal([Constraint::Percentage(45), Constraint::Percentage(55)]).areas(bottom);
        self.chart(chart, buf);
        self.changes(changes, buf);
        self.compare(compare, buf);
    }
}

/// Net worth now and at the end of each period, as chart points.
fn line(f: &Forecast) -> Vec<(f64, f64)> {
    std::iter::once(f.net_worth)
        .chain(f.months.iter().map(|p| p.figures.net_worth))
        .enumerate()
        .map(|(i, nw)| (i as f64, plot(nw)))
        .collect()
}

impl WhatIfView<'_> {
    fn chart(&self, area: Rect, buf: &mut Buffer) {
        let theme = self.theme;
        let title = Line::from(vec![
            Span::styled(" Net worth ", theme.title()),
            Span::styled(format!("{} months: ", self.state.months()), theme.dim()),
            Span::styled("now path ", theme.series(0)),
            Span::styled("what if• ", theme.series(4)),
        ]);
        let block = Block::bordered().title(title);
        let Some(report) = &self.state.report else {
            Paragraph::new("The forecast needs an account; add one with a.")
                .block(block)
                .render(area, buf);
            return;
        };
        let (base, scen) = (&report.whatif.baseline, &report.whatif.scenario);
        let (a, b) = (line(base), line(scen));
        let all: Vec<Money> = [base, scen]
            .iter()
            .flat_map(|f| std::iter::once(f.net_worth).chain(f.months.iter().map(|p| p.figures.net_worth)))
            .collect();
        let (low, high) = (
            all.iter().copied().min().unwrap_or(Money::ZERO),
            all.iter().copied().max().unwrap_or(Money::ZERO),
        );
        // A little room above and below, so the lines do not run along the border.
        let room = (high - low)
            .times(rust_decimal::Decimal::new(5, 2))
            .max(Money::from_cents(100));
        let (low, high) = (low - room, high + room);
        let last = a.len().saturating_sub(1).max(1);
        let label = |i: usize| match i {
            0 => "now".to_string(),
            _ => base.months.get(i - 1).map_or(String::new(), |p| p.month.label()),
        };
        let datasets = vec![
            Dataset::default()
                .name("now path")
                .marker(Marker::Braille)
                .graph_type(GraphType::Line)
                .style(theme.series(0))
                .data(&a),
            Dataset::default()
                .name("what if")
                .marker(Marker::Dot)
                .graph_type(GraphType::Line)
                .style(theme.series(4))
                .data(&b),
        ];
        Chart::new(datasets)
            .block(block)
            .x_axis(
                Axis::default()
                    .bounds([0.0, last as f64])
                    .labels(vec![
                        Line::raw(label(0)),
                        Line::raw(label(last / 2)),
                        Line::raw(label(last)),
                    ])
                    .style(theme.dim()),
            )
            .y_axis(
                Axis::default()
                    .bounds([plot(low), plot(high)])
                    .labels(vec![Line::raw(axis(low)), Line::raw(axis(high))])
                    .style(theme.dim()),
            )
            .legend_position(None)
            .render(area, buf);
    }

    fn changes(&self, area: Rect, buf: &mut Buffer) {
        let theme = self.theme;
        let block = Block::bordered().title(Span::styled(" Changes ", theme.title()));
        let inner = block.inner(area);
        block.render(area, buf);
        let w = usize::from(inner.width);
        let descriptions = self.state.report.as_ref().map_or(&[][..], |r| r.changes.as_slice());
        // An example purchase dated ahead (the first of next month): a what-if refuses past dates.
        let ahead = self.state.report.as_ref().map_or("DATE".to_string(), |r| {
            Month::of(r.whatif.baseline.as_of).next().first_day().to_string()
        });
        let lines: Vec<Line> = if descriptions.is_empty() {
            vec![
                Line::styled("No changes yet: the lines are the same.", theme.dim()),
                Line::raw(""),
                Line::raw(fit("n  add one, like extra Visa=200", w)),
                Line::raw(fit(&format!("   or purchase Visa=900@{ahead}"), w)),
                Line::raw(fit("?  every kind of change", w)),
            ]
        } else {
            descriptions
                .iter()
                .enumerate()
                .map(|(i, d)| {
                    let chosen = i == self.state.selected;
                    let text = format!("{}{}", if chosen { "> " } else { "  " }, d);
                    let style = if chosen { theme.selected() } else { theme.text() };
                    Line::styled(fit(&text, w), style)
                })
                .collect()
        };
        Paragraph::new(lines).render(inner, buf);
    }

    fn compare(&self, area: Rect, buf: &mut Buffer) {
        let theme = self.theme;
        let Some(report) = &self.state.report else {
            Block::bordered().render(area, buf);
            return;
        };
        let (base, scen) = (&report.whatif.baseline, &report.whatif.scenario);
        let end = base.last().map_or("-".to_string(), |p| p.month.label());
        let block = Block::bordered().title(Span::styled(format!(" At the end: {end} "), theme.title()));
        let inner = block.inner(area);
        block.render(area, buf);
        let w = usize::from(inner.width);
        let col = 11;
        let label_w = w.saturating_sub(3 * col);
        let row = |label: &str, a: String, b: String, c: String| {
            format!("{}{a:>col$}{b:>col$}{c:>col$}", pad(label, label_w))
        };
        let money_row = |label: &str, pick: fn(&Forecast) -> Money| {
            let (a, b) = (pick(base), pick(scen));
            let change = if a == b {
                "0.00".to_string()
            } else {
                (b - a).grouped_signed()
            };
            Line::raw(row(label, a.grouped(), b.grouped(), change))
        };
        let mut lines = vec![
            Line::styled(
                row("", "Now path".into(), "What if".into(), "Change".into()),
                theme.header(),
            ),
            money_row("Net worth", |f| end_of(f, |x| x.net_worth)),
            money_row("Free cash", |f| end_of(f, |x| x.free_cash)),
            money_row("Card debt", |f| end_of(f, |x| x.total_cc_balance)),
            money_row("Interest", Forecast::interest),
        ];
        if !report.payoffs.is_empty() {
            lines.push(Line::styled(fit("Debt-free, no new charges:", w), theme.dim()));
        }
        for (b, s) in &report.payoffs {
            let when = |m: Option<Month>| m.map_or("never".to_string(), |m| m.to_string());
            let sooner = match (b.current.debt_free, s.current.debt_free) {
                (Some(x), Some(y)) if x != y => format!("{:+} mo", x.until(y)),
                (None, Some(_)) => "paid off".into(),
                _ => "same".into(),
            };
            lines.push(Line::raw(row(
                &b.name,
                when(b.current.debt_free),
                when(s.current.debt_free),
                sooner,
            )));
        }
        let loans: Vec<_> = report
            .loans
            .iter()
            .filter(|l| l.before != l.after || l.extra.is_positive())
            .collect();
        if !loans.is_empty() {
            lines.push(Line::styled(fit("Loans paid off:", w), theme.dim()));
        }
        for l in loans {
            let when = |m: Option<Month>| m.map_or("never".to_string(), |m| m.to_string());
            let sooner = match (l.before, l.after) {
                (Some(x), Some(y)) if x != y => format!("{:+} mo", x.until(y)),
                (None, Some(_)) => "paid off".into(),
                _ => "same".into(),
            };
            lines.push(Line::raw(row(&l.name, when(l.before), when(l.after), sooner)));
        }
        Paragraph::new(lines).render(inner, buf);
    }
}

/// A figure at the forecast's end (now, for an empty forecast).
fn end_of(f: &Forecast, pick: fn(&crate::domain::Figures) -> Money) -> Money {
    f.last().map_or(f.net_worth, |p| pick(&p.figures))
}

/// An axis label in whole units: `12,500`.
fn axis(m: Money) -> String {
    Money::from_cents(m.cents() / 100 * 100)
        .grouped()
        .trim_end_matches(".00")
        .to_string()
}
