//! What a popup is: a component that takes the app's actions, writes through the ledger itself, and
//! tells the app what became of it. The app only opens components and acts on their outcomes.

use crate::domain::whatif::Change;
use crate::ledger::browse::Cursor;
use crate::ledger::Ledger;
use crate::tui::action::Action;
use crate::tui::app::Message;
use crate::tui::keymap::Mode;
use crate::tui::theme::Theme;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use std::any::Any;

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
    /// Closed, the ledger having refused: the status line says why.
    Refused(String),
    /// Written through the ledger, with a transaction to show and whether the popup goes on.
    Wrote(Wrote),
    /// A what-if change to try (nothing is written): new, or replacing the change at the index.
    TryChange(Change, Option<usize>),
}

/// What the app does after a write that has a transaction to show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Wrote {
    /// The status line (a warning when the write went through with something to know).
    pub message: Message,
    /// The transaction to select in the list.
    pub select: Option<Cursor>,
    /// How the list gets there.
    pub scroll: Scroll,
    /// The popup stays open (the category prompt goes on to the next row).
    pub stay_open: bool,
}

/// How the transactions list reaches the transaction a write shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scroll {
    /// The rows on screen stay where they were and the selection moves to it (an edit, a new row).
    Keep,
    /// The list opens at it (an import's newest row).
    Jump,
}

impl Wrote {
    /// A write that says `message` and selects `select` in the list, keeping the rows on screen.
    pub fn selecting(message: Message, select: Cursor) -> Wrote {
        Wrote {
            message,
            select: Some(select),
            scroll: Scroll::Keep,
            stay_open: false,
        }
    }
}

/// A popup that handles its own actions.
pub trait Component: Any {
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

    /// The terminal is now `size` (columns, rows): for a popup that pages by its height.
    fn resize(&mut self, _size: (u16, u16)) {}
}
