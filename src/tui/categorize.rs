//! Uncategorized rows, quickly: `U` shows only them, `C` asks for the selected row's category, saves it
//! through the ledger and goes on to the next `Uncategorized` row with the prompt still open.

use super::action::Action;
use super::app::{App, Message, Popup};
use super::widgets::category_prompt::CategoryPrompt;
use crate::error::Result;
use crate::ledger::browse::{Cursor, TxnFilter};
use crate::ledger::{TxnEdit, UNCATEGORIZED};
use crate::tui::widgets::field::TextField;

impl App {
    /// `U`: only `Uncategorized` transactions (an exact category, beside any text filter), or all again.
    pub(crate) fn toggle_uncategorized(&mut self) {
        let on = self.screens.transactions.category.as_deref() != Some(UNCATEGORIZED);
        self.screens.transactions.category = on.then(|| UNCATEGORIZED.to_string());
        let r = self.screens.transactions.top(&self.ledger);
        self.report(r);
    }

    /// The prompt for the selected transaction; `done` counts the rows this run has categorized.
    pub(crate) fn open_category(&mut self, done: usize) {
        let Some(txn) = self.screens.transactions.selected_txn().cloned() else {
            return;
        };
        if !txn.kind.takes_category() {
            self.message = Some(Message::Error(format!(
                "a {} has no category; C sets the category of an expense, an income or a refund",
                txn.kind
            )));
            return;
        }
        let categories = self.categories().into_iter().filter(|c| c != UNCATEGORIZED).collect();
        self.popup = Some(Popup::Category(Box::new(CategoryPrompt::new(txn, categories, done))));
    }

    pub(crate) fn category_update(&mut self, mut prompt: Box<CategoryPrompt>, action: Action) {
        let field = &mut prompt.field;
        match action {
            Action::Cancel => return,
            Action::Quit => return self.set_quit(),
            Action::Submit => return self.save_category(prompt),
            Action::NextField => prompt.accept(),
            Action::Up => prompt.pick(-1),
            Action::Down => prompt.pick(1),
            Action::Right => prompt.right(),
            edit if TextField::edits(edit) => field.apply(edit),
            _ => {}
        }
        self.popup = Some(Popup::Category(prompt));
    }

    /// Saves the category through the ledger, then opens the prompt again on the next `Uncategorized`
    /// row. A refusal stays in the prompt, in the ledger's words, with what was typed.
    fn save_category(&mut self, mut prompt: Box<CategoryPrompt>) {
        let edit = TxnEdit {
            category: Some(prompt.category()),
            ..TxnEdit::default()
        };
        let saved = match self.ledger.edit_txn(prompt.txn.id, &edit) {
            Ok(saved) => saved,
            Err(e) => {
                prompt.error = Some(crate::tui::hints::describe(&e));
                self.popup = Some(Popup::Category(prompt));
                return;
            }
        };
        let category = saved.category.clone().unwrap_or_default();
        self.learn_category(&category);
        self.reload();
        let reloaded = self.screens.transactions.reload(&self.ledger);
        self.report(reloaded);
        let done = prompt.done + 1;
        let said = format!("{} #{} is now {category}", saved.kind, saved.id);
        let next = self.next_uncategorized((saved.date, saved.id));
        match self.report(next).flatten() {
            Some(at) => {
                let moved = self.screens.transactions.select(&self.ledger, at);
                self.report(moved);
                self.message = Some(Message::Info(said));
                self.open_category(done);
            }
            None => {
                let rows = if done == 1 {
                    "1 row".to_string()
                } else {
                    format!("{done} rows")
                };
                self.message = Some(Message::Info(format!(
                    "{said}; {rows} categorized, no Uncategorized transaction left{}",
                    if self.screens.transactions.filter.is_empty() {
                        ""
                    } else {
                        " that matches the filter"
                    }
                )));
            }
        }
    }

    /// The next `Uncategorized` transaction below `after` (older), else the newest one; never `after` itself.
    fn next_uncategorized(&self, after: Cursor) -> Result<Option<Cursor>> {
        let filter = TxnFilter {
            category: Some(UNCATEGORIZED.to_string()),
            ..self.screens.transactions.query()
        };
        let mut found = self.ledger.txns_before(Some(after), &filter, 1)?;
        if found.is_empty() {
            found = self.ledger.txns_before(None, &filter, 1)?;
        }
        Ok(found.first().filter(|t| t.id != after.1).map(|t| (t.date, t.id)))
    }
}
