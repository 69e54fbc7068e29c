//! The Net worth screen: net worth, assets and liabilities per month (projection drawn apart), the forecast
//! after a "today" line, and monthly flows.

use crate::domain::forecast::Forecast;
use crate::domain::Money;
use crate::ledger::browse::{MonthPoint, MonthSeries};
use crate::tui::theme::Theme;
use crate::tui::widgets::money::plot;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Axis, Bar, BarChart, BarGroup, Block, Chart, Dataset, GraphType, Widget};

/// The ranges `[`/`]` step through, in months.
pub const RANGES: [u32; 5] = [6, 12, 24, 60, 120];
/// The most forecast months drawn after months.
const FORECAST_MONTHS: usize = 12;

/// What the net worth screen draws from.
pub struct NetWorthView<'a> {
    pub series: &'a MonthSeries,
    pub months: u32,
    /// Drawn after the current month, apart from months.
    pub forecast: Option<&'a Forecast>,
    pub theme: Theme,
}

impl Widget for &NetWorthView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let all = &self.series.months;
        let keep = all.len().min(self.months as usize);
        let points = &all[all.len() - keep..];
        let [line, bars] = Layout::vertical([Constraint::Percentage(60), Constraint::Percentage(40)]).areas(area);
        self.line_chart(points, line, buf);
        self.bar_chart(points, bars, buf);
    }
}

impl NetWorthView<'_> {
    fn line_chart(&self, points: &[MonthPoint], area: Rect, buf: &mut Buffer) {
        let theme = self.theme;
        let title = Line::from(vec![
            Span::styled(" Net worth ", theme.title()),
            Span::styled(range_title(self.months, points.len()), theme.dim()),
            Span::styled("closed ", theme.series(0)),
            Span::styled("open• ", theme.series(3)),
            Span::styled("projected• ", theme.series(4)),
            Span::styled("forecast▪ ", theme.series(4)),
            Span::styled("assets ", theme.series(1)),
            Span::styled("card debt ", theme.series(2)),
        ]);
        let block = Block::bordered().title(title);
        let xy = |i: usize, m: Money| (i as f64, plot(m));
        let closed: Vec<(f64, f64)> = points
            .iter()
            .enumerate()
            .filter(|(_, p)| p.closed)
            .map(|(i, p)| xy(i, p.figures.net_worth))
            .collect();
        // The open months continue from the last closed one.
        let first_open = points.iter().position(|p| !p.closed).unwrap_or(points.len());
        let open: Vec<(f64, f64)> = points
            .iter()
            .enumerate()
            .skip(first_open.saturating_sub(1))
            .filter(|(i, p)| !p.closed || *i + 1 == first_open)
            .map(|(i, p)| xy(i, p.figures.net_worth))
            .collect();
        let assets: Vec<(f64, f64)> = points
            .iter()
            .enumerate()
            .map(|(i, p)| xy(i, p.figures.total_assets))
            .collect();
        let debts: Vec<(f64, f64)> = points
            .iter()
            .enumerate()
            .map(|(i, p)| xy(i, p.figures.total_cc_balance))
            .collect();
        let mut projected: Vec<(f64, f64)> = Vec::new();
        let mut money: Vec<Money> = points
            .iter()
            .flat_map(|p| [p.figures.net_worth, p.figures.total_assets, p.figures.total_cc_balance])
            .collect();
        if let Some((month, projection)) = &self.series.projection {
            let base = points.iter().position(|p| p.month == month.prev());
            if let Some(base) = base {
                projected.push(xy(base, points[base].figures.net_worth));
                projected.push(xy(base + 1, projection.projected_net_worth));
                money.push(projection.projected_net_worth);
            }
        }
        // The forecast starts at the current month (the last point) and runs on, whole months only.
        let now = points.len().saturating_sub(1);
        let ahead: Vec<Money> = self
            .forecast
            .map(|f| {
                f.months
                    .iter()
                    .filter(|p| !p.partial)
                    .take(FORECAST_MONTHS.min(self.months as usize))
                    .map(|p| p.figures.net_worth)
                    .collect()
            })
            .unwrap_or_default();
        let mut forecast: Vec<(f64, f64)> = Vec::new();
        if let (Some(last), false) = (points.last(), ahead.is_empty()) {
            forecast.push(xy(now, last.figures.net_worth));
            forecast.extend(ahead.iter().enumerate().map(|(k, nw)| xy(now + k + 1, *nw)));
            money.extend(ahead.iter().copied());
        }
        let low = money.iter().copied().min().unwrap_or(Money::ZERO).min(Money::ZERO);
        let high = money
            .iter()
            .copied()
            .max()
            .unwrap_or(Money::ZERO)
            .max(Money::from_cents(100));
        let mid = Money::from_cents((low.cents() + high.cents()) / 2);
        // "Today": a line at the current month, with months on its left and the forecast on its right.
        let today = if forecast.is_empty() {
            Vec::new()
        } else {
            vec![xy(now, low), xy(now, high)]
        };
        let datasets = vec![
            Dataset::default()
                .name("assets")
                .marker(Marker::Braille)
                .graph_type(GraphType::Line)
                .style(theme.series(1))
                .data(&assets),
            Dataset::default()
                .name("card debt")
                .marker(Marker::Braille)
                .graph_type(GraphType::Line)
                .style(theme.series(2))
                .data(&debts),
            Dataset::default()
                .name("net worth")
                .marker(Marker::Braille)
                .graph_type(GraphType::Line)
                .style(theme.series(0))
                .data(&closed),
            Dataset::default()
                .name("this month")
                .marker(Marker::Dot)
                .graph_type(GraphType::Line)
                .style(theme.series(3))
                .data(&open),
            Dataset::default()
                .name("projection")
                .marker(Marker::Dot)
                .graph_type(GraphType::Scatter)
                .style(theme.series(4))
                .data(&projected),
            Dataset::default()
                .name("today")
                .marker(Marker::Braille)
                .graph_type(GraphType::Line)
                .style(theme.dim())
                .data(&today),
            Dataset::default()
                .name("forecast")
                .marker(Marker::HalfBlock)
                .graph_type(GraphType::Line)
                .style(theme.series(4))
                .data(&forecast),
        ];
        let last = (now + ahead.len()).max(1) as f64;
        let label = |p: Option<&MonthPoint>| p.map_or(String::new(), |p| p.month.label());
        // Points are consecutive months from the first one, the forecast's included.
        let month_at = |i: usize| points.first().map_or(String::new(), |p| p.month.plus(i as i32).label());
        let x_labels = vec![
            Line::raw(label(points.first())),
            Line::raw(month_at((now + ahead.len()) / 2)),
            Line::raw(month_at(now + ahead.len())),
        ];
        let chart = Chart::new(datasets)
            .block(block)
            .x_axis(Axis::default().bounds([0.0, last]).labels(x_labels).style(theme.dim()))
            .y_axis(
                Axis::default()
                    .bounds([plot(low), plot(high)])
                    .labels(vec![
                        Line::raw(short(low)),
                        Line::raw(short(mid)),
                        Line::raw(short(high)),
                    ])
                    .style(theme.dim()),
            )
            .legend_position(None);
        chart.render(area, buf);
    }

    fn bar_chart(&self, points: &[MonthPoint], area: Rect, buf: &mut Buffer) {
        let theme = self.theme;
        let title = Line::from(vec![
            Span::styled(" Per month: ", theme.title()),
            Span::styled("income ", theme.series(1)),
            Span::styled("expense ", theme.series(2)),
            Span::styled("cash outflow ", theme.series(3)),
        ]);
        let block = Block::bordered().title(title);
        let inner_width = usize::from(area.width.saturating_sub(2));
        // As many months as fit with bars one column wide (three bars and a gap), then bars as wide as
        // the panel allows for them, up to 6 columns: the chart fills its panel.
        let fit = (inner_width / 4).max(1).min(points.len());
        let shown = &points[points.len() - fit..];
        let bar_width = bar_width_for(inner_width, shown.len());
        let bar = |value: Money, style| {
            Bar::default()
                .value(plot(value).max(0.0) as u64)
                .text_value(String::new())
                .style(style)
        };
        let mut chart = BarChart::default()
            .block(block)
            .bar_width(bar_width)
            .bar_gap(0)
            .group_gap(1);
        for p in shown {
            let f = &p.figures;
            let label = p.month.first_day().format("%b").to_string();
            chart = chart.data(BarGroup::default().label(Line::raw(label)).bars(&[
                bar(f.total_income, theme.series(1)),
                bar(f.total_expense, theme.series(2)),
                bar(f.cash_outflow, theme.series(3)),
            ]));
        }
        chart.render(area, buf);
    }
}

/// The line chart's range in its title; a range longer than the months says how much there is.
fn range_title(months: u32, points: usize) -> String {
    if points < months as usize {
        format!("{months} months ({points} so far): ")
    } else {
        format!("{months} months: ")
    }
}

/// The width of each bar so that `groups` groups of three bars and a one-column gap fill `width`.
fn bar_width_for(width: usize, groups: usize) -> u16 {
    let each = width / groups.max(1);
    u16::try_from((each.saturating_sub(1) / 3).clamp(1, 6)).unwrap_or(1)
}

/// An axis label: whole units with thousands separators (`12,500`), or `12.5k` when long.
fn short(m: Money) -> String {
    let whole = Money::from_cents(m.cents() / 100 * 100).grouped();
    let trimmed = whole.trim_end_matches(".00").to_string();
    if trimmed.len() > 8 {
        format!(
            "{}k",
            Money::from_cents(m.cents() / 1000)
                .grouped()
                .trim_end_matches('0')
                .trim_end_matches('.')
        )
    } else {
        trimmed
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_range_longer_than_the_history_says_so() {
        assert_eq!(range_title(24, 14), "24 months (14 so far): ");
        assert_eq!(range_title(12, 14), "12 months: ");
    }

    #[test]
    fn bars_widen_to_fill_the_panel() {
        assert_eq!(bar_width_for(78, 3), 6, "three months: as wide as allowed");
        assert_eq!(bar_width_for(78, 6), 4);
        assert_eq!(bar_width_for(78, 19), 1);
        assert_eq!(bar_width_for(10, 0), 3);
    }
}
