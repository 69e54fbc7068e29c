//! What the form's keys do: typing, moving between fields and suggestions, and saving through the
//! ledger (a refusal stays in the form, in the ledger's words, with what was typed).

use super::{Form, FormMode};
use crate::error::Result;
use crate::ledger::Ledger;
use crate::tui::action::Action;
use crate::tui::app::Message;
use crate::tui::theme::Theme;
use crate::tui::widgets::component::{Component, Outcome, Wrote};
use crate::tui::widgets::field::TextField;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

impl Form {
    /// Adds or saves the transaction; the status line says what was written (a charge over a card's
    /// limit is saved, and said first so that the line shows it).
    fn save(&mut self, ledger: &mut Ledger) -> Result<Wrote> {
        let id = match self.mode {
            FormMode::Add => ledger.add_txn(&self.to_input()?)?,
            FormMode::Edit(id) => ledger.edit_txn(id, &self.to_edit()?)?.id,
        };
        let txn = ledger.txn(id)?;
        let verb = if self.mode == FormMode::Add { "added" } else { "saved" };
        let message = match ledger.limit_warning(&txn) {
            Ok(Some(over)) => Message::Warning(format!(
                "{} owes {}, over its {} limit ({verb} {} #{})",
                over.card,
                over.owed.grouped(),
                over.limit.grouped(),
                txn.kind,
                txn.id
            )),
            _ => Message::Info(format!(
                "{verb} {} #{}: {} on {}",
                txn.kind,
                txn.id,
                txn.amount.grouped(),
                txn.date
            )),
        };
        Ok(Wrote::selecting(message, (txn.date, txn.id)))
    }
}

impl Component for Form {
    fn handle(&mut self, action: Action, ledger: &mut Ledger) -> Outcome {
        match action {
            Action::Cancel => return Outcome::Closed,
            Action::Quit => return Outcome::Quit,
            Action::Submit => match self.save(ledger) {
                Ok(wrote) => return Outcome::Wrote(wrote),
                Err(e) => self.error = Some(crate::tui::hints::describe(&e)),
            },
            Action::NextField => self.move_focus(1),
            Action::PrevField => self.move_focus(-1),
            Action::Up => self.pick_suggestion(-1),
            Action::Down => self.pick_suggestion(1),
            Action::Left => self.left(),
            Action::Right => self.right(),
            Action::Char(c) => self.type_char(c),
            edit if TextField::edits(edit) => self.edit_text(|f| f.apply(edit)),
            _ => {}
        }
        Outcome::Open
    }

    fn render(&self, theme: Theme, area: Rect, buf: &mut Buffer) {
        crate::tui::widgets::form_view::render(self, theme, area, buf);
    }

    fn dirty(&self) -> bool {
        self.dirty
    }
}
