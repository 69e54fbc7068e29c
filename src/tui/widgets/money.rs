//! Money and text cells: right-aligned amounts with thousands separators, text cut to a display width.

use crate::domain::Money;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use rust_decimal::prelude::ToPrimitive;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// `1,234.50`, right-aligned in its cell.
pub fn money_line(amount: Money, style: Style) -> Line<'static> {
    Line::from(Span::styled(amount.grouped(), style)).right_aligned()
}

/// The text cut to at most `width` columns (wide characters count two), ending in `…` when cut.
pub fn fit(text: &str, width: usize) -> String {
    let text = crate::text::visible(text);
    if text.width() <= width {
        return text.to_string();
    }
    if width == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if used + w > width - 1 {
            break;
        }
        out.push(c);
        used += w;
    }
    out.push('…');
    out
}

/// `text` padded with spaces on the right to exactly `width` columns (cut first if longer).
pub fn pad(text: &str, width: usize) -> String {
    let cut = fit(text, width);
    let gap = width.saturating_sub(cut.width());
    format!("{cut}{}", " ".repeat(gap))
}

/// `left` and `right` on one line of `width` columns, `right` flush right.
pub fn spread(left: &str, right: &str, width: usize) -> String {
    let right_w = right.width();
    let left = fit(left, width.saturating_sub(right_w + 1));
    let gap = width.saturating_sub(left.width() + right_w);
    format!("{left}{}{right}", " ".repeat(gap))
}

/// Money as a float, only at the last moment, for drawing a chart.
pub fn plot(amount: Money) -> f64 {
    amount.decimal().to_f64().unwrap_or(0.0)
}

/// `part / whole` as a 0–1 ratio for a gauge (clamped), or 0 with nothing to compare.
pub fn gauge_ratio(part: Money, whole: Money) -> f64 {
    part.ratio(whole)
        .and_then(|r| r.to_f64())
        .unwrap_or(0.0)
        .clamp(0.0, 1.0)
}

/// How many of `width` cells a bar of `part` out of `whole` fills (none for nothing or a negative part,
/// all for `part ≥ whole`), worked out in decimals.
pub fn bar_cells(part: Money, whole: Money, width: usize) -> usize {
    let Some(ratio) = part.ratio(whole) else {
        return 0;
    };
    use rust_decimal::prelude::ToPrimitive;
    let cells = (ratio * rust_decimal::Decimal::from(width)).floor();
    cells.to_usize().unwrap_or(0).min(width)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_fill_by_share_in_decimals() {
        let m = |t: &str| Money::parse_non_negative(t).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(bar_cells(m("50"), m("100"), 10), 5);
        assert_eq!(bar_cells(m("33.33"), m("100"), 10), 3);
        assert_eq!(bar_cells(m("100"), m("100"), 10), 10);
        assert_eq!(bar_cells(m("250"), m("100"), 10), 10);
        assert_eq!(bar_cells(-m("5"), m("100"), 10), 0);
        assert_eq!(bar_cells(m("5"), Money::ZERO, 10), 0);
    }

    #[test]
    fn fits_wide_characters_to_columns() {
        assert_eq!(fit("寿司 dinner", 6), "寿司 …");
        assert_eq!(fit("寿司 dinner", 20), "寿司 dinner");
        assert_eq!(fit("寿司", 3), "寿…");
        assert_eq!(fit("abc", 0), "");
        assert_eq!(pad("寿司", 6).width(), 6);
        assert_eq!(spread("Free cash", "1,000.00", 20), "Free cash   1,000.00");
    }

    #[test]
    fn signs_changes() {
        assert_eq!(Money::from_cents(123_400).grouped_signed(), "+1,234.00");
        assert_eq!(Money::from_cents(-5).grouped_signed(), "-0.05");
        assert_eq!(Money::ZERO.grouped_signed(), "0.00");
    }
}
