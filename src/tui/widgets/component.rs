//! What a popup is: a component that takes the app's actions, writes through the ledger itself, and
//! tells the app what became of it. The app only opens components and acts on their outcomes.

use crate::ledger::Ledger;
use crate::tui::action::Action;
use crate::tui::keymap::Mode;
use crate::tui::theme::Theme;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

/// What a popup's action came to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// It stays open (typing, moving, or a refusal shown in it).
    Open,
    /// Closed with nothing written.
    Closed,
    /// The person asked to quit; the popup stays open underneath, for the app to ask first if dirty.
    Quit,
    /// Written through the ledger: the status line's message; the app reloads its data.
    Changed(String),
}

/// A popup that handles its own actions.
pub trait Component {
    fn handle(&mut self, action: Action, ledger: &mut Ledger) -> Outcome;

    fn render(&self, theme: Theme, area: Rect, buf: &mut Buffer);

    /// Who has the keyboard while it is open: a form by default (letters are text).
    fn mode(&self) -> Mode {
        Mode::Form
    }

    /// Whether it holds input that would be lost (quitting asks first).
    fn dirty(&self) -> bool {
        false
    }
}
