//! What each action does on the screens and in the filter; an open popup takes its own actions.

use super::action::{Action, Screen};
use super::app::{App, Message};
use super::screens::networth::RANGES;
use super::widgets::close_dialog::CloseDialog;
use super::widgets::confirm::Confirm;
use super::widgets::field::TextField;
use super::widgets::form::Form;
use super::widgets::help::HelpOverlay;
use super::widgets::import_dialog::ImportDialog;

impl App {
    pub fn update(&mut self, action: Action) {
        if self.asking_to_quit {
            // Yes quits and loses the popup's input; no goes back to it as it was.
            match action {
                Action::Confirm | Action::Quit => self.set_quit(),
                Action::Cancel => self.asking_to_quit = false,
                _ => {}
            }
            return;
        }
        match self.popup.take() {
            None if self.screens.transactions.filtering => self.filter_update(action),
            None => self.screen_update(action),
            Some(component) => self.component_update(component, action),
        }
    }

    fn screen_update(&mut self, action: Action) {
        if self.screen == Screen::WhatIf && self.whatif_key(action) {
            return;
        }
        if self.place_key(action) || self.recurring_key(action) || self.reports_key(action) {
            return;
        }
        let page = self.screens.transactions.height.max(1);
        match action {
            Action::Quit => self.request_quit(),
            Action::GoTo(screen) => {
                self.screen = screen;
                self.load_shown_screen();
            }
            Action::NextScreen | Action::PrevScreen => {
                self.screen = self.screen.cycle(if action == Action::NextScreen { 1 } else { -1 });
                self.load_shown_screen();
            }
            Action::Help => self.open(HelpOverlay { screen: self.screen }),
            Action::Cancel => {
                if self.screen == Screen::Transactions && self.screens.transactions.clear_filters() {
                    let r = self.screens.transactions.top(&self.ledger);
                    self.report(r);
                }
                self.message = None;
            }
            Action::Up => self.move_by(-1),
            Action::Down => self.move_by(1),
            Action::PageUp => self.move_by(-(page as isize)),
            Action::PageDown => self.move_by(page as isize),
            Action::Top => self.move_by(isize::MIN),
            Action::Bottom => self.move_by(isize::MAX),
            Action::PrevMonth | Action::NextMonth => self.month_step(action == Action::NextMonth),
            Action::Filter => self.screens.transactions.filtering = true,
            Action::Add => {
                let categories = self.categories();
                let tags = self.ledger.tags().unwrap_or_default();
                let form = Form::add(self.today(), self.data.places.all(), categories).with_tags(tags);
                self.open(form);
            }
            Action::Edit => self.open_edit(),
            Action::Delete => {
                if let Some(t) = self.screens.transactions.selected_txn() {
                    let question = format!(
                        "Delete {} #{} of {} on {}? u takes it back afterwards.",
                        t.kind,
                        t.id,
                        t.amount.grouped(),
                        t.date
                    );
                    let id = t.id;
                    self.open(Confirm::new("Delete", question, move |ledger| {
                        let t = ledger.delete_txn(id)?;
                        Ok(format!(
                            "deleted {} #{}: {} on {}",
                            t.kind,
                            t.id,
                            t.amount.grouped(),
                            t.date
                        ))
                    }));
                }
            }
            Action::Fund => self.open_fund(),
            Action::Undo | Action::Redo => {
                let result = if action == Action::Undo {
                    self.ledger.undo()
                } else {
                    self.ledger.redo()
                };
                if let Some(entry) = self.report(result) {
                    self.changed();
                    let verb = if action == Action::Undo { "undid" } else { "redid" };
                    let hint = if action == Action::Undo {
                        " (Ctrl-r redoes it)"
                    } else {
                        ""
                    };
                    self.message = Some(Message::Info(format!("{verb}: {}{hint}", entry.summary)));
                }
            }
            Action::Import => self.open(ImportDialog::new(&self.data.places, self.size)),
            Action::Uncategorized => self.toggle_uncategorized(),
            Action::Categorize => self.open_category(),
            Action::Mark => self.screens.transactions.toggle_mark(),
            Action::Link => self.link_marked(),
            Action::PostRecurring => self.ask_post_recurring(),
            Action::CloseMonth => {
                let preview = self.ledger.preview_close();
                if let Some(preview) = self.report(preview) {
                    self.open(CloseDialog::new(preview));
                }
            }
            Action::Reopen => match self.data.closed.last() {
                Some((month, _, _)) => {
                    let question =
                        format!("Reopen {month}? Its snapshot is deleted and its transactions can change again.");
                    let month = *month;
                    self.open(Confirm::new("Reopen", question, move |ledger| {
                        ledger.reopen(month)?;
                        Ok(format!(
                            "reopened {month}: its snapshot is deleted and its transactions can change again"
                        ))
                    }));
                }
                None => {
                    self.message = Some(Message::Error(
                        "no month is closed, so there is nothing to reopen".into(),
                    ))
                }
            },
            _ => {}
        }
    }

    /// Moves the selection on the current screen; `isize::MIN`/`MAX` go to the ends.
    fn move_by(&mut self, step: isize) {
        match self.screen {
            Screen::Transactions => {
                let r = match step {
                    isize::MIN => self.screens.transactions.top(&self.ledger),
                    isize::MAX => self.screens.transactions.bottom(&self.ledger),
                    s if s < 0 => self.screens.transactions.up(&self.ledger, s.unsigned_abs()),
                    s => self.screens.transactions.down(&self.ledger, s as usize),
                };
                self.report(r);
            }
            Screen::Cards => {
                let n = self.data.status.as_ref().map_or(0, |s| s.cards.len());
                self.screens.cards.move_by(step, n);
            }
            Screen::Buckets => {
                let n = self.data.status.as_ref().map_or(0, |s| s.buckets.len());
                self.screens.buckets.move_by(step, n);
            }
            Screen::Snapshots => self.screens.snapshots.move_by(step, self.data.closed.len()),
            Screen::Recurring => self.screens.recurring.move_by(step),
            Screen::Reports => {
                let n = self.screens.reports.rows();
                self.screens.reports.selected.move_by(step, n);
            }
            Screen::Dashboard | Screen::NetWorth | Screen::WhatIf | Screen::Accounts => {}
        }
    }

    fn month_step(&mut self, newer: bool) {
        match self.screen {
            Screen::Transactions => {
                let moved = if newer {
                    self.screens.transactions.newer_month(&self.ledger)
                } else {
                    self.screens.transactions.older_month(&self.ledger)
                };
                if let Some(false) = self.report(moved) {
                    let which = if newer { "no later month" } else { "no earlier month" };
                    self.message = Some(Message::Info(format!("{which} with transactions")));
                }
            }
            Screen::Reports => {
                let moved = self.screens.reports.step_month(newer, &self.ledger, &self.data.series);
                self.report(moved);
            }
            Screen::NetWorth => {
                self.screens.networth_range = if newer {
                    (self.screens.networth_range + 1).min(RANGES.len() - 1)
                } else {
                    self.screens.networth_range.saturating_sub(1)
                };
            }
            _ => {}
        }
    }

    /// Typing the search: the list follows each keystroke while the text is a query; while it is not,
    /// the list stays as it was, the footer says why, and Enter keeps typing.
    fn filter_update(&mut self, action: Action) {
        let list = &mut self.screens.transactions;
        match action {
            Action::Quit => return self.request_quit(),
            Action::Submit => {
                list.filtering = list.filter_error().is_some();
                return;
            }
            Action::Cancel => {
                list.filtering = false;
                list.filter = TextField::default();
            }
            edit if TextField::edits(edit) => list.filter.apply(edit),
            _ => return,
        }
        if list.filter_changed() {
            let r = self.screens.transactions.top(&self.ledger);
            self.report(r);
        }
    }

    fn open_edit(&mut self) {
        let Some(txn) = self.screens.transactions.selected_txn().cloned() else {
            return;
        };
        let categories = self.categories();
        let places = &self.data.places;
        let tags = self.ledger.tags().unwrap_or_default();
        let form = Form::edit(&txn, |id| places.name(id).to_string(), places.all(), categories).with_tags(tags);
        self.open(form);
    }

    fn open_fund(&mut self) {
        let Some(line) = self
            .data
            .status
            .as_ref()
            .and_then(|s| s.buckets.get(self.screens.buckets.at()))
        else {
            return;
        };
        let Some(bucket) = self.data.places.get(line.place_id).cloned() else {
            return;
        };
        let categories = self.categories();
        let form = Form::fund(self.today(), self.data.places.all(), categories, &bucket);
        self.open(form);
    }

    /// `L`: the two marked rows become one transfer; the marks go, and the list shows it.
    fn link_marked(&mut self) {
        let [a, b] = self.screens.transactions.marked[..] else {
            self.message = Some(Message::Error(
                "mark two rows with m first (an expense in one place and an income in another), then L links them"
                    .into(),
            ));
            return;
        };
        let linked = self.ledger.link_transfer(a, b);
        if let Some(t) = self.report(linked) {
            self.screens.transactions.marked.clear();
            self.message = Some(Message::Info(format!(
                "linked #{a} and #{b} as transfer #{}: {} on {} (u takes it back)",
                t.id,
                t.amount.grouped(),
                t.date
            )));
            self.reload();
            let shown = self.screens.transactions.keep_and_select(&self.ledger, (t.date, t.id));
            self.report(shown);
        }
    }
}
