//! A yes/no question in a popup: Enter or y does what it asks (through the ledger), Esc or n cancels.

use super::component::{Component, Outcome};
use super::popup_area;
use crate::error::Result;
use crate::ledger::Ledger;
use crate::tui::action::Action;
use crate::tui::keymap::Mode;
use crate::tui::theme::Theme;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Widget, Wrap};

/// What a yes does: a write through the ledger, which says what was done.
pub type OnYes = Box<dyn FnOnce(&mut Ledger) -> Result<String>>;

/// A question and what answering yes does.
pub struct Confirm {
    pub title: String,
    pub question: String,
    on_yes: Option<OnYes>,
}

impl Confirm {
    pub fn new(
        title: impl Into<String>,
        question: impl Into<String>,
        on_yes: impl FnOnce(&mut Ledger) -> Result<String> + 'static,
    ) -> Confirm {
        Confirm {
            title: title.into(),
            question: question.into(),
            on_yes: Some(Box::new(on_yes)),
        }
    }
}

impl Component for Confirm {
    /// Yes writes and closes, with the ledger's words on the status line either way.
    fn handle(&mut self, action: Action, ledger: &mut Ledger) -> Outcome {
        match action {
            Action::Confirm => match self.on_yes.take().map(|yes| yes(ledger)) {
                Some(Ok(message)) => Outcome::Changed(message),
                Some(Err(e)) => Outcome::Refused(crate::tui::hints::describe(&e)),
                None => Outcome::Closed,
            },
            Action::Cancel => Outcome::Closed,
            Action::Quit => Outcome::Quit,
            _ => Outcome::Open,
        }
    }

    fn render(&self, theme: Theme, area: Rect, buf: &mut Buffer) {
        render_question(&self.title, &self.question, theme, area, buf);
    }

    fn mode(&self) -> Mode {
        Mode::Dialog
    }
}

/// A titled question with its yes/no keys, centred in `area`.
pub fn render_question(title: &str, question: &str, theme: Theme, area: Rect, buf: &mut Buffer) {
    let width = 56u16;
    let text_rows = (question.chars().count() as u16)
        .div_ceil(width.saturating_sub(4))
        .max(1);
    let popup = popup_area(area, width, text_rows + 5);
    Clear.render(popup, buf);
    let block = Block::bordered().title(Span::styled(format!(" {title} "), theme.title()));
    let inner = block.inner(popup);
    block.render(popup, buf);
    let lines = vec![
        Line::raw(question.to_string()),
        Line::raw(""),
        Line::styled("Enter / y  yes     Esc / n  no", theme.dim()),
    ];
    Paragraph::new(lines).wrap(Wrap { trim: true }).render(inner, buf);
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::tui::widgets::test_ledger::with_checking as ledger;

    fn remove_checking() -> Confirm {
        Confirm::new("Remove", "Remove 'Checking'?", |ledger: &mut Ledger| {
            let p = ledger.remove_place("Checking")?;
            Ok(format!("removed '{}'", p.name))
        })
    }

    #[test]
    fn no_writes_nothing_and_yes_writes_once() {
        let mut l = ledger();
        let mut asked = remove_checking();
        assert_eq!(asked.handle(Action::Char('x'), &mut l), Outcome::Open);
        assert_eq!(asked.handle(Action::Cancel, &mut l), Outcome::Closed);
        assert_eq!(l.places().map(|p| p.iter().count()).ok(), Some(1), "no keeps the place");
        let mut asked = remove_checking();
        assert_eq!(
            asked.handle(Action::Confirm, &mut l),
            Outcome::Changed("removed 'Checking'".into())
        );
        assert_eq!(l.places().map(|p| p.iter().count()).ok(), Some(0));
        assert_eq!(
            asked.handle(Action::Confirm, &mut l),
            Outcome::Closed,
            "a second yes does nothing"
        );
    }

    #[test]
    fn a_refused_yes_closes_with_the_ledgers_reason() {
        let mut l = ledger();
        let mut asked = remove_checking();
        assert!(matches!(asked.handle(Action::Confirm, &mut l), Outcome::Changed(_)));
        let mut again = remove_checking();
        let Outcome::Refused(reason) = again.handle(Action::Confirm, &mut l) else {
            panic!("the place is gone, so removing it again is refused")
        };
        assert!(reason.contains("Checking"), "{reason}");
    }
}
