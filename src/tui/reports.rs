//! What the keys of the Reports screen do: views, ranges, and Enter to the transactions behind a row.

use super::action::{Action, Screen};
use super::app::App;
use super::screens::reports::Target;

impl App {
    /// Handles the action if it is one of the Reports screen's; false otherwise.
    pub(crate) fn reports_key(&mut self, action: Action) -> bool {
        if self.screen != Screen::Reports {
            return false;
        }
        let reports = &mut self.screens.reports;
        let done = match action {
            Action::NextView => reports.next_view(&self.ledger, &self.data.series),
            Action::NextRange => reports.next_range(&self.ledger, &self.data.series),
            Action::Open => {
                match reports.selected_target() {
                    Some(target) => self.open_transactions_of(target),
                    None => return true,
                }
                Ok(())
            }
            _ => return false,
        };
        self.report(done);
        true
    }

    /// The Transactions screen, showing only what a report row stands for.
    fn open_transactions_of(&mut self, target: Target) {
        let list = &mut self.screens.transactions;
        list.clear_filters();
        match target {
            Target::Category(name) => list.category = Some(name),
            Target::Tag(tag) => list.filter.set(&format!("tag:{tag}")),
        }
        self.screen = Screen::Transactions;
        let shown = self.screens.transactions.top(&self.ledger);
        self.report(shown);
    }
}
