//! Drawing the quick-add form: one line per field, suggestions, the error in the ledger's words.

use super::field::TextField;
use super::form::{FieldId, Form, FormMode};
use super::money::{fit, pad};
use super::popup_area;
use crate::tui::theme::Theme;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Widget, Wrap};

const LABEL: usize = 13;

/// The form over `area`.
pub fn render(form: &Form, theme: Theme, area: Rect, buf: &mut Buffer) {
    let order = form.order();
    let popup = popup_area(area, 64, order.len() as u16 + 9);
    Clear.render(popup, buf);
    let title = match form.mode {
        FormMode::Add => " Add a transaction ".to_string(),
        FormMode::Edit(id) => format!(" Edit {} #{id} ", form.kind),
    };
    let block = Block::bordered().title(Span::styled(title, theme.title()));
    let inner = block.inner(popup);
    block.render(popup, buf);
    let width = inner.width as usize;
    let mut lines: Vec<Line> = Vec::new();
    for id in &order {
        lines.push(field_line(form, *id, theme, width));
    }
    lines.push(Line::raw(""));
    let suggestions = form.suggestions();
    if !suggestions.is_empty() {
        let text = format!("→ {}", suggestions.join("  "));
        lines.push(Line::styled(fit(&text, width), theme.dim()));
    } else {
        lines.push(Line::raw(""));
    }
    if let Some(error) = &form.error {
        lines.push(Line::styled(format!("error: {error}"), theme.error()));
    }
    let help = Line::styled(
        fit("Tab next field · ↑↓ suggest · Enter save · Esc cancel", width),
        theme.dim(),
    );
    let body_height = inner.height.saturating_sub(1);
    Paragraph::new(lines).wrap(Wrap { trim: false }).render(
        Rect {
            height: body_height,
            ..inner
        },
        buf,
    );
    if inner.height > 0 {
        let bottom = Rect {
            y: inner.y + inner.height - 1,
            height: 1,
            ..inner
        };
        help.render(bottom, buf);
    }
}

fn field_line(form: &Form, id: FieldId, theme: Theme, width: usize) -> Line<'static> {
    let focused = form.focus == id;
    let marker = if focused { "›" } else { " " };
    let label = Span::styled(
        format!("{marker}{}", pad(id.label(form.kind), LABEL - 1)),
        if focused { theme.title() } else { theme.text() },
    );
    if id == FieldId::Kind {
        let kind = if focused {
            format!("‹ {} ›", form.kind)
        } else {
            format!("  {}", form.kind)
        };
        return Line::from(vec![label, Span::styled(kind, theme.accent())]);
    }
    let field = form.field(id);
    let room = width.saturating_sub(LABEL + 1);
    // A category nobody used yet is marked before it is saved (a typo makes a new category).
    let new = (id == FieldId::Category && form.category_is_new()).then(|| Span::styled("  (new)", theme.warn()));
    if !focused {
        let room = room.saturating_sub(if new.is_some() { 7 } else { 0 });
        return Line::from(
            [label, Span::raw(fit(field.text(), room))]
                .into_iter()
                .chain(new)
                .collect::<Vec<_>>(),
        );
    }
    let mut spans = vec![label];
    let suggestion = form.suggestions().first().cloned();
    spans.extend(editing_spans(field, suggestion.as_deref(), theme));
    if suggestion.is_none() {
        spans.extend(new);
    }
    Line::from(spans)
}

/// A field being typed in: the cursor on its character; at the end, on the first letter of the rest of
/// `suggestion` (if any), the rest of which shows dimmed.
pub fn editing_spans(field: &TextField, suggestion: Option<&str>, theme: Theme) -> Vec<Span<'static>> {
    let (before, under, after) = field.split();
    let mut spans = vec![Span::raw(before.to_string())];
    match under {
        Some(c) => {
            spans.push(Span::styled(c.to_string(), theme.selected()));
            spans.push(Span::raw(after.to_string()));
        }
        None => {
            let typed = field.text().chars().count();
            let ghost: String = suggestion.map(|s| s.chars().skip(typed).collect()).unwrap_or_default();
            let mut ghost = ghost.chars();
            let first = ghost.next().map_or(" ".to_string(), String::from);
            spans.push(Span::styled(first, theme.selected()));
            spans.push(Span::styled(ghost.as_str().to_string(), theme.dim()));
        }
    }
    spans
}
