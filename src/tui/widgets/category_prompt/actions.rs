//! What the category prompt's keys do: complete, save through the ledger, and go on to the next
//! `Uncategorized` row with the prompt still open. A refusal stays in the prompt with what was typed.

use super::CategoryPrompt;
use crate::domain::Txn;
use crate::error::Result;
use crate::ledger::browse::{Cursor, TxnFilter};
use crate::ledger::{Ledger, TxnEdit, UNCATEGORIZED};
use crate::tui::action::Action;
use crate::tui::app::Message;
use crate::tui::theme::Theme;
use crate::tui::widgets::component::{Component, Outcome, Scroll, Wrote};
use crate::tui::widgets::field::TextField;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

impl CategoryPrompt {
    /// Saves the category, then moves on to the next `Uncategorized` row, or closes when none is left.
    fn save(&mut self, ledger: &mut Ledger) -> Result<Outcome> {
        let edit = TxnEdit {
            category: Some(self.category()),
            ..TxnEdit::default()
        };
        let saved = ledger.edit_txn(self.txn.id, &edit)?;
        let category = saved.category.clone().unwrap_or_default();
        if !self.categories.iter().any(|c| c.eq_ignore_ascii_case(&category)) {
            self.categories.push(category.clone());
            self.categories.sort_by_key(|c| c.to_lowercase());
        }
        self.done += 1;
        let said = format!("{} #{} is now {category}", saved.kind, saved.id);
        let Some(next) = next_uncategorized(ledger, &self.query, (saved.date, saved.id))? else {
            let rows = if self.done == 1 {
                "1 row".to_string()
            } else {
                format!("{} rows", self.done)
            };
            let filtered = if self.filtered { " that matches the filter" } else { "" };
            return Ok(Outcome::Changed(format!(
                "{said}; {rows} categorized, no Uncategorized transaction left{filtered}"
            )));
        };
        let at = (next.date, next.id);
        self.txn = next;
        self.field = TextField::default();
        self.error = None;
        Ok(Outcome::Wrote(Wrote {
            message: Message::Info(said),
            select: Some(at),
            scroll: Scroll::Keep,
            stay_open: true,
        }))
    }
}

/// The next `Uncategorized` transaction below `after` (older), else the newest one; never `after` itself.
fn next_uncategorized(ledger: &Ledger, query: &TxnFilter, after: Cursor) -> Result<Option<Txn>> {
    let filter = TxnFilter {
        category: Some(UNCATEGORIZED.to_string()),
        ..query.clone()
    };
    let mut found = ledger.txns_before(Some(after), &filter, 1)?;
    if found.is_empty() {
        found = ledger.txns_before(None, &filter, 1)?;
    }
    Ok(found.into_iter().next().filter(|t| t.id != after.1))
}

impl Component for CategoryPrompt {
    fn handle(&mut self, action: Action, ledger: &mut Ledger) -> Outcome {
        match action {
            Action::Cancel => return Outcome::Closed,
            Action::Quit => return Outcome::Quit,
            Action::Submit => match self.save(ledger) {
                Ok(outcome) => return outcome,
                Err(e) => self.error = Some(crate::tui::hints::describe(&e)),
            },
            Action::NextField => self.accept(),
            Action::Up => self.pick(-1),
            Action::Down => self.pick(1),
            Action::Right => self.right(),
            edit if TextField::edits(edit) => self.field.apply(edit),
            _ => {}
        }
        Outcome::Open
    }

    fn render(&self, theme: Theme, area: Rect, buf: &mut Buffer) {
        CategoryPrompt::render(self, theme, area, buf);
    }
}
