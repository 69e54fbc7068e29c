//! The What-if screen's one-line change editor: what was typed, how changes are written, the last error.

use super::component::{Component, Outcome};
use super::field::TextField;
use super::money::fit;
use super::popup_area;
use crate::ledger::{Ledger, CHANGE_SYNTAX};
use crate::tui::action::Action;
use crate::tui::keymap::Mode;
use crate::tui::theme::Theme;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Widget, Wrap};

/// A change being typed: new, or replacing the change at `editing`.
#[derive(Debug, Clone, Default)]
pub struct ChangeInput {
    pub field: TextField,
    pub editing: Option<usize>,
    /// The last refusal, in the ledger's words; what was typed stays.
    pub error: Option<String>,
}

impl ChangeInput {
    pub fn render(&self, theme: Theme, area: Rect, buf: &mut Buffer) {
        let popup = popup_area(area, 76, CHANGE_SYNTAX.len() as u16 + 9);
        Clear.render(popup, buf);
        let title = if self.editing.is_some() {
            " Edit a change "
        } else {
            " A new change "
        };
        let block = Block::bordered()
            .title(Span::styled(title, theme.title()))
            .title_bottom(Line::styled(" Enter keeps · Esc cancels ", theme.dim()).right_aligned());
        let inner = block.inner(popup);
        block.render(popup, buf);
        let width = usize::from(inner.width);
        let (before, under, after) = self.field.split();
        let mut lines = vec![Line::from(vec![
            Span::styled("> ", theme.accent()),
            Span::raw(before.to_string()),
            Span::styled(under.map_or(" ".to_string(), String::from), theme.selected()),
            Span::raw(after.to_string()),
        ])];
        lines.push(Line::raw(""));
        for (kind, shape, what) in CHANGE_SYNTAX {
            let text = format!("{kind} {shape}");
            lines.push(Line::from(vec![
                Span::styled(format!("{text:<43}"), theme.accent()),
                Span::styled(fit(what, width.saturating_sub(43)), theme.dim()),
            ]));
        }
        if let Some(error) = &self.error {
            lines.push(Line::raw(""));
            lines.push(Line::styled(format!("error: {error}"), theme.error()));
        }
        Paragraph::new(lines).wrap(Wrap { trim: false }).render(inner, buf);
    }
}

impl Component for ChangeInput {
    /// Enter reads the change with the ledger's parser and hands it to the What-if screen; a refusal
    /// stays in the popup with what was typed.
    fn handle(&mut self, action: Action, ledger: &mut Ledger) -> Outcome {
        match action {
            Action::Cancel => return Outcome::Closed,
            Action::Quit => return Outcome::Quit,
            Action::Submit => match ledger.parse_change_line(self.field.text()) {
                Ok(change) => return Outcome::TryChange(change, self.editing),
                Err(e) => self.error = Some(crate::tui::hints::describe(&e)),
            },
            edit if TextField::edits(edit) => self.field.apply(edit),
            _ => {}
        }
        Outcome::Open
    }

    fn render(&self, theme: Theme, area: Rect, buf: &mut Buffer) {
        ChangeInput::render(self, theme, area, buf);
    }

    /// One line of text: letters are text, and Tab does not move anywhere.
    fn mode(&self) -> Mode {
        Mode::Filter
    }
}
