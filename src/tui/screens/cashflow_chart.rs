//! The cash flow chart: for each month a group of five columns (income, day-to-day spending, spending
//! from buckets, savings added, cash outflow), each drawn in its own pattern so the chart reads without
//! colour, a labelled value axis, month labels under the groups, and the figures in a table below.

use crate::domain::Money;
use crate::ledger::CashflowMonth;
use crate::tui::theme::Theme;
use crate::tui::widgets::money::{bar_cells, fit, pad};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

/// A series: its name, its pattern, and its figure of a month.
type Series = (&'static str, &'static str, fn(&CashflowMonth) -> Money);

/// The five series.
const SERIES: [Series; 5] = [
    ("income", "█", |m| m.income),
    ("day-to-day", "▓", |m| m.day_to_day),
    ("from buckets", "▒", |m| m.from_buckets),
    ("savings added", "░", |m| m.savings_added),
    ("cash outflow", "▚", |m| m.cash_outflow),
];

/// What the chart draws from.
pub struct CashflowChart<'a> {
    pub months: &'a [CashflowMonth],
    pub theme: Theme,
}

/// An axis label: whole units with thousands separators.
fn axis(m: Money) -> String {
    Money::from_cents(m.cents() / 100 * 100)
        .grouped()
        .trim_end_matches(".00")
        .to_string()
}

impl Widget for &CashflowChart<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let theme = self.theme;
        let w = usize::from(area.width);
        let mut legend = vec![];
        for (i, (name, pattern, _)) in SERIES.iter().enumerate() {
            legend.push(Span::styled(format!("{pattern}{pattern} {name}  "), theme.series(i)));
        }
        Line::from(legend).render(Rect { height: 1, ..area }, buf);
        if self.months.is_empty() {
            Paragraph::new("No months tracked yet.").render(
                Rect {
                    y: area.y + 1,
                    height: 1,
                    ..area
                },
                buf,
            );
            return;
        }
        // The table below: a row per series, a column per month (as many as fit).
        let table_rows = SERIES.len() + 2;
        let chart_h = usize::from(area.height).saturating_sub(1 + table_rows + 1);
        let high = self
            .months
            .iter()
            .flat_map(|m| SERIES.iter().map(move |(_, _, get)| get(m)))
            .max()
            .unwrap_or(Money::ZERO)
            .max(Money::from_cents(100));
        let label_w = axis(high).len().max(1) + 1;
        let plot_w = w.saturating_sub(label_w + 1);
        // Each month: one column a series and a gap, as wide as the room allows.
        let shown = self.months.len().min((plot_w / (SERIES.len() + 1)).max(1));
        let months = &self.months[self.months.len() - shown..];
        let group = plot_w / shown.max(1);
        let col = ((group.saturating_sub(1)) / SERIES.len()).max(1);
        let top = area.y + 1;
        for row in 0..chart_h {
            // Rows from the top: the value at this row's height.
            let level = chart_h - row;
            let y = top + u16::try_from(row).unwrap_or(0);
            let label = match row {
                0 => axis(high),
                r if r == chart_h / 2 => axis(Money::from_cents(high.cents() / 2)),
                _ => String::new(),
            };
            let mut spans = vec![Span::styled(format!("{label:>label_w$}┤"), theme.dim())];
            for m in months {
                for (i, (_, pattern, get)) in SERIES.iter().enumerate() {
                    let cells = bar_cells(get(m), high, chart_h);
                    let text = if cells >= level {
                        pattern.repeat(col)
                    } else {
                        " ".repeat(col)
                    };
                    spans.push(Span::styled(text, theme.series(i)));
                }
                spans.push(Span::raw(" ".repeat(group.saturating_sub(col * SERIES.len()))));
            }
            Line::from(spans).render(Rect { y, height: 1, ..area }, buf);
        }
        // The axis and the months under their groups.
        let y = top + u16::try_from(chart_h).unwrap_or(0);
        let mut labels = format!("{:>label_w$}└", "0");
        for m in months {
            labels.push_str(&pad(&m.month.label(), group));
        }
        Line::styled(fit(&labels, w), theme.dim()).render(Rect { y, height: 1, ..area }, buf);
        // The figures: a row per series, the latest months as columns (as many as fit whole).
        let name_w = 16;
        let cell = 11;
        let in_table = months.len().min((w.saturating_sub(name_w) / cell).max(1));
        let recent = &months[months.len() - in_table..];
        let mut head = pad("", name_w);
        for m in recent {
            head.push_str(&format!("{:>cell$}", m.month.label()));
        }
        let mut rows = vec![Line::styled(fit(&head, w), theme.header())];
        for (i, (name, pattern, get)) in SERIES.iter().enumerate() {
            let mut text = pad(&format!("{pattern} {name}"), name_w);
            for m in recent {
                text.push_str(&format!("{:>cell$}", get(m).grouped()));
            }
            rows.push(Line::styled(fit(&text, w), theme.series(i)));
        }
        let table = Rect {
            y: y + 1,
            height: area.bottom().saturating_sub(y + 1),
            ..area
        };
        Paragraph::new(rows).render(table, buf);
    }
}
