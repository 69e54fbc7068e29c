//! The app's place actions: the new-place and edit forms, archive, unarchive and remove (each asked
//! first), a loan's interest, and the Accounts screen's keys.

use super::action::{Action, Screen};
use super::app::{App, Message};
use super::widgets::confirm::{Confirm, OnYes};
use super::widgets::place_form::PlaceForm;
use super::widgets::place_prompt::PlacePrompt;
use crate::domain::PlaceKind;

impl App {
    /// An action on the Accounts screen or a place key on another; true when it was one.
    pub(crate) fn place_key(&mut self, action: Action) -> bool {
        let on_accounts = self.screen == Screen::Accounts;
        match action {
            Action::NewPlace => self.open_new_place(),
            Action::Open if on_accounts => {
                let opened = self.screens.accounts.open_register(&self.ledger);
                self.report(opened);
            }
            Action::Cancel if on_accounts && self.screens.accounts.close_register() => {}
            Action::Edit if on_accounts => self.open_edit_place(),
            Action::Archive if on_accounts => self.ask_archive(),
            Action::Remove if on_accounts => self.ask_remove(),
            Action::Interest if on_accounts => self.open_interest(),
            Action::Reconcile if on_accounts => self.open_reconcile(),
            Action::ToggleArchived if on_accounts => {
                let toggled = self.screens.accounts.toggle_archived(&self.ledger);
                self.report(toggled);
            }
            Action::Up | Action::Down | Action::PageUp | Action::PageDown | Action::Top | Action::Bottom
                if on_accounts =>
            {
                let page = isize::try_from(self.size.1.saturating_sub(6)).unwrap_or(1).max(1);
                let step = match action {
                    Action::Up => -1,
                    Action::Down => 1,
                    Action::PageUp => -page,
                    Action::PageDown => page,
                    Action::Top => isize::MIN,
                    _ => isize::MAX,
                };
                let moved = self.screens.accounts.move_by(step, &self.ledger);
                self.report(moved);
            }
            _ => return false,
        }
        true
    }

    fn open_new_place(&mut self) {
        let kind = match self.screen {
            Screen::Cards => PlaceKind::Card,
            Screen::Buckets => PlaceKind::Bucket,
            _ => PlaceKind::Checking,
        };
        self.open(PlaceForm::new(kind, self.today()));
    }

    fn open_edit_place(&mut self) {
        if let Some(p) = self.screens.accounts.selected_place() {
            let form = PlaceForm::edit(&p.place, self.today());
            self.open(form);
        }
    }

    fn ask_archive(&mut self) {
        let Some(p) = self.screens.accounts.selected_place() else {
            return;
        };
        let name = p.place.name.clone();
        let today = self.today();
        let (title, question, on_yes): (_, _, OnYes) = match p.place.archived_on {
            Some(on) => (
                "Unarchive",
                format!("Unarchive '{name}' (archived on {on})? It takes transactions again and is listed everywhere."),
                Box::new(move |ledger| {
                    let (p, on) = ledger.unarchive_place(&name)?;
                    Ok(format!("unarchived '{}' (archived on {on})", p.name))
                }),
            ),
            None => (
                "Archive",
                format!(
                    "Archive '{name}' today? It must hold nothing and have nothing dated later; it leaves lists and the dashboard and keeps its history (x unarchives it)."
                ),
                Box::new(move |ledger| {
                    let p = ledger.archive_place(&name, None)?;
                    Ok(format!("archived '{}' on {}", p.name, p.archived_on.unwrap_or(today)))
                }),
            ),
        };
        self.open(Confirm::new(title, question, on_yes));
    }

    fn ask_remove(&mut self) {
        let Some(p) = self.screens.accounts.selected_place() else {
            return;
        };
        let name = p.place.name.clone();
        let question =
            format!("Remove '{name}'? Only a place nothing but its opening refers to can go; u takes it back.");
        self.open(Confirm::new("Remove", question, move |ledger| {
            let p = ledger.remove_place(&name)?;
            Ok(format!("removed '{}' with its opening (u takes it back)", p.name))
        }));
    }

    fn open_interest(&mut self) {
        match self.screens.accounts.selected_place() {
            Some(p) if p.place.kind == PlaceKind::Loan => {
                let prompt = PlacePrompt::interest(&self.ledger, &p.place.name);
                self.open(prompt);
            }
            _ => self.message = Some(Message::Error("i posts a loan's interest: select a loan first".into())),
        }
    }

    fn open_reconcile(&mut self) {
        match self.screens.accounts.selected_place() {
            Some(p) if p.place.kind != PlaceKind::Bucket => {
                let prompt = PlacePrompt::reconcile(&self.ledger, &p.place.name);
                self.open(prompt);
            }
            Some(_) => {
                self.message = Some(Message::Error(
                    "a bucket has no statement of its own: reconcile the account that holds it".into(),
                ))
            }
            None => {}
        }
    }
}
