//! The Buckets screen: balance and goal progress, this month's added against target, where each is held.

use crate::domain::{BucketLine, Places};
use crate::tui::theme::Theme;
use crate::tui::widgets::meter::meter;
use crate::tui::widgets::money::{fit, gauge_ratio, pad};
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Widget};

/// What the buckets screen draws from.
pub struct BucketsView<'a> {
    pub buckets: &'a [BucketLine],
    pub places: &'a Places,
    pub selected: usize,
    pub theme: Theme,
}

/// Lines each bucket takes.
const ROWS: u16 = 3;

impl Widget for &BucketsView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let theme = self.theme;
        let block = Block::bordered()
            .title(Span::styled(" Buckets ", theme.title()))
            .title_bottom(Line::styled(" f funds the selected bucket ", theme.dim()).right_aligned());
        let inner = block.inner(area);
        block.render(area, buf);
        if self.buckets.is_empty() {
            Paragraph::new("No buckets yet. Press n to add one.").render(inner, buf);
            return;
        }
        let fit_count = usize::from((inner.height / ROWS).max(1));
        let first = self.selected.saturating_sub(fit_count - 1);
        for (slot, (i, b)) in self.buckets.iter().enumerate().skip(first).take(fit_count).enumerate() {
            let rect = Rect {
                y: inner.y + slot as u16 * ROWS,
                height: ROWS.min(inner.height - slot as u16 * ROWS),
                ..inner
            };
            self.bucket(b, i == self.selected, rect, buf);
        }
    }
}

impl BucketsView<'_> {
    fn bucket(&self, b: &BucketLine, selected: bool, area: Rect, buf: &mut Buffer) {
        let theme = self.theme;
        let w = usize::from(area.width);
        let held = self
            .places
            .get(b.place_id)
            .and_then(|p| p.held_in())
            .map_or("held on its own".to_string(), |id| {
                format!("in {}", self.places.name(id))
            });
        let name = format!("{} {}", if selected { "›" } else { " " }, b.name);
        let head = format!(
            "{}{:>14}  {}",
            pad(&name, w.saturating_sub(32).max(8)),
            b.balance.grouped(),
            fit(&held, 16)
        );
        let head_style = if selected { theme.selected() } else { theme.title() };
        Line::styled(pad(&head, w), head_style).render(Rect { height: 1, ..area }, buf);
        if area.height < 2 {
            return;
        }
        let [goal, month] = Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)])
            .spacing(1)
            .areas(Rect {
                y: area.y + 1,
                height: 1,
                x: area.x + 2,
                width: area.width.saturating_sub(2),
            });
        let (ratio, label) = match b.goal {
            Some(g) => (
                gauge_ratio(b.balance, g),
                format!("goal {} · {:.0}%", g.grouped(), gauge_ratio(b.balance, g) * 100.0),
            ),
            None => (0.0, "no goal".to_string()),
        };
        meter(ratio, &label, theme.accent(), theme, goal, buf);
        let on_target = b.added >= b.target_monthly;
        let ratio = if b.target_monthly.is_zero() {
            1.0
        } else {
            gauge_ratio(b.added, b.target_monthly)
        };
        let label = format!("added {} of {}", b.added.grouped(), b.target_monthly.grouped());
        meter(
            ratio,
            &label,
            if on_target { theme.ok() } else { theme.warn() },
            theme,
            month,
            buf,
        );
    }
}
