//! Uncategorized rows, quickly: `U` shows only them, `C` opens the category prompt on the selected row
//! (it saves through the ledger and goes on to the next `Uncategorized` row itself).

use super::app::{App, Message};
use super::widgets::category_prompt::CategoryPrompt;
use crate::ledger::UNCATEGORIZED;

impl App {
    /// `U`: only `Uncategorized` transactions (an exact category, beside any text filter), or all again.
    pub(crate) fn toggle_uncategorized(&mut self) {
        let on = self.screens.transactions.category.as_deref() != Some(UNCATEGORIZED);
        self.screens.transactions.category = on.then(|| UNCATEGORIZED.to_string());
        let r = self.screens.transactions.top(&self.ledger);
        self.report(r);
    }

    /// The prompt for the selected transaction.
    pub(crate) fn open_category(&mut self) {
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
        let categories = self.categories();
        let list = &self.screens.transactions;
        let prompt = CategoryPrompt::new(txn, categories, list.query(), !list.filter.is_empty());
        self.open(prompt);
    }
}
