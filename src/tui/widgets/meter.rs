//! A one-row gauge with its label. In colour, ratatui's gauge with the label over the bar; without
//! colour (`NO_COLOR`) the bar is drawn in two characters (filled, empty) and the label follows it, so
//! neither hides the other.

use super::money::fit;
use crate::tui::theme::Theme;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Gauge, Widget};

/// Draws `ratio` (0 to 1) of `area`'s first row filled, with `label`.
pub fn meter(ratio: f64, label: &str, style: Style, theme: Theme, area: Rect, buf: &mut Buffer) {
    let ratio = if ratio.is_finite() { ratio.clamp(0.0, 1.0) } else { 0.0 };
    if theme.color {
        Gauge::default()
            .ratio(ratio)
            .label(label.to_string())
            .gauge_style(style)
            .use_unicode(true)
            .render(area, buf);
        return;
    }
    let width = usize::from(area.width);
    let label = fit(label, width.saturating_sub(4));
    let bar_w = width.saturating_sub(unicode_width::UnicodeWidthStr::width(label.as_str()) + 1);
    // Display only: the ratio places the bar's end, never a figure.
    let filled = ((ratio * bar_w as f64).round() as usize).min(bar_w);
    let line = Line::from(vec![
        Span::styled("█".repeat(filled), style),
        Span::raw("░".repeat(bar_w - filled)),
        Span::raw(format!(" {label}")),
    ]);
    line.render(area, buf);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(ratio: f64, label: &str, width: u16) -> String {
        let area = Rect::new(0, 0, width, 1);
        let mut buf = Buffer::empty(area);
        meter(ratio, label, Style::new(), Theme::plain(), area, &mut buf);
        (0..width).map(|x| buf[(x, 0)].symbol().to_string()).collect()
    }

    #[test]
    fn without_colour_the_label_follows_the_bar() {
        assert_eq!(row(0.5, "50%", 14), "█████░░░░░ 50%");
        assert_eq!(row(0.0, "no goal", 12), "░░░░ no goal");
        assert_eq!(row(2.0, "full", 10), "█████ full");
        assert_eq!(row(f64::NAN, "x", 5), "░░░ x");
    }
}
