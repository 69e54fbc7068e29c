//! A yes/no question in a popup: Enter or y confirms, Esc or n cancels.

use super::popup_area;
use crate::tui::theme::Theme;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Widget, Wrap};

/// A question and what answering yes does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Confirm<T> {
    pub title: String,
    pub question: String,
    pub on_yes: T,
}

impl<T> Confirm<T> {
    pub fn render(&self, theme: Theme, area: Rect, buf: &mut Buffer) {
        let width = 56u16;
        let text_rows = (self.question.chars().count() as u16)
            .div_ceil(width.saturating_sub(4))
            .max(1);
        let popup = popup_area(area, width, text_rows + 5);
        Clear.render(popup, buf);
        let block = Block::bordered().title(Span::styled(format!(" {} ", self.title), theme.title()));
        let inner = block.inner(popup);
        block.render(popup, buf);
        let lines = vec![
            Line::raw(self.question.clone()),
            Line::raw(""),
            Line::styled("Enter / y  yes     Esc / n  no", theme.dim()),
        ];
        Paragraph::new(lines).wrap(Wrap { trim: true }).render(inner, buf);
    }
}
