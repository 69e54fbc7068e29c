//! Drawing the place form: one line per field (Kind with ‹ › while focused), the refusal, the keys.

use super::form_view::editing_spans;
use super::money::{fit, pad};
use super::place_form::{PlaceField, PlaceForm, PlaceFormMode};
use super::popup_area;
use crate::tui::theme::Theme;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Widget, Wrap};

const LABEL: usize = 15;

/// The form over `area`.
pub fn render(form: &PlaceForm, theme: Theme, area: Rect, buf: &mut Buffer) {
    let order = form.order();
    let popup = popup_area(area, 64, order.len() as u16 + 7);
    Clear.render(popup, buf);
    let title = match &form.mode {
        PlaceFormMode::New => " New place ".to_string(),
        PlaceFormMode::Edit { name } => format!(" Edit '{}' ", crate::text::visible(name)),
    };
    let block = Block::bordered().title(Span::styled(title, theme.title()));
    let inner = block.inner(popup);
    block.render(popup, buf);
    let width = usize::from(inner.width);
    let mut lines: Vec<Line> = order.iter().map(|id| field_line(form, *id, theme, width)).collect();
    lines.push(Line::raw(""));
    if let Some(error) = &form.error {
        lines.push(Line::styled(format!("error: {error}"), theme.error()));
    }
    Paragraph::new(lines).wrap(Wrap { trim: false }).render(
        Rect {
            height: inner.height.saturating_sub(1),
            ..inner
        },
        buf,
    );
    if inner.height > 0 {
        let keys = if form.mode == PlaceFormMode::New {
            "Tab next · ←→ kind · Enter save · Esc cancel"
        } else {
            "Tab next · Enter save · Esc cancel"
        };
        Line::styled(fit(keys, width), theme.dim()).render(
            Rect {
                y: inner.y + inner.height - 1,
                height: 1,
                ..inner
            },
            buf,
        );
    }
}

fn field_line(form: &PlaceForm, id: PlaceField, theme: Theme, width: usize) -> Line<'static> {
    let focused = form.focus == id;
    let marker = if focused { "›" } else { " " };
    let label = Span::styled(
        format!("{marker}{}", pad(id.label(form.kind), LABEL - 1)),
        if focused { theme.title() } else { theme.text() },
    );
    if id == PlaceField::Kind {
        let kind = if focused {
            format!("‹ {} ›", form.kind)
        } else {
            format!("  {}", form.kind)
        };
        return Line::from(vec![label, Span::styled(kind, theme.accent())]);
    }
    let field = form.field(id);
    if !focused {
        let room = width.saturating_sub(LABEL + 1);
        return Line::from(vec![label, Span::raw(fit(field.text(), room))]);
    }
    let mut spans = vec![label];
    spans.extend(editing_spans(&field, None, theme));
    Line::from(spans)
}
