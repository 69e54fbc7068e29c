//! The app's state and what each action does to it. Writes go through the ledger, then data reloads.

use super::action::{Action, Screen};
use super::keymap::{action_for, Mode};
use super::screens::networth::RANGES;
use super::screens::transactions::list_height;
use super::screens::Screens;
use super::theme::Theme;
use super::widgets::component::{Component, Outcome, Scroll, Wrote};
use crate::domain::{Figures, Month, Places, Projection};
use crate::error::Result;
use crate::ledger::browse::MonthSeries;
use crate::ledger::{Ledger, Outlook, Status};
use ratatui::crossterm::event::KeyEvent;

/// How many months of months the charts can show at most.
const SERIES_MONTHS: u32 = 120;

/// The line at the bottom: what just happened, or what went wrong (in the ledger's words).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Message {
    Info(String),
    /// Done, with something to know (a charge over a card's limit).
    Warning(String),
    Error(String),
}

/// Everything the screens draw from, loaded after each change.
pub struct Data {
    pub status: Option<Status>,
    pub series: MonthSeries,
    pub closed: Vec<(Month, Figures, Projection)>,
    pub places: Places,
    pub next_to_close: Option<Month>,
    /// The latest reconciliation date of each place.
    pub reconciled: std::collections::HashMap<crate::domain::PlaceId, chrono::NaiveDate>,
    /// What lies ahead: dues, health, debt-free dates, the forecast (none when it cannot be worked out).
    pub outlook: Option<Outlook>,
    /// Each open loan: what it owes and this month's payments.
    pub loans: Vec<crate::ledger::LoanSummary>,
}

/// The app.
pub struct App {
    pub(crate) ledger: Ledger,
    pub theme: Theme,
    pub screen: Screen,
    pub data: Data,
    /// Each screen's own state (selections, ranges, loaded rows).
    pub screens: Screens,
    /// What covers the screen: a popup that handles its own actions (see `widgets::component`).
    pub popup: Option<Box<dyn Component>>,
    /// Quitting was asked while the popup holds unsaved input: the question is shown over it.
    pub asking_to_quit: bool,
    pub message: Option<Message>,
    /// The database's `data_version` when it was last read, to notice writes by other processes.
    data_version: Option<i64>,
    pub size: (u16, u16),
    quit: bool,
}

impl App {
    /// The app over a ledger, with data loaded for a terminal of `size` (columns, rows).
    pub fn new(ledger: Ledger, theme: Theme, size: (u16, u16)) -> App {
        let data = Data {
            status: None,
            series: MonthSeries::default(),
            closed: Vec::new(),
            places: Places::default(),
            next_to_close: None,
            reconciled: Default::default(),
            outlook: None,
            loans: Vec::new(),
        };
        let mut app = App {
            ledger,
            theme,
            screen: Screen::Dashboard,
            data,
            screens: Screens {
                networth_range: 1,
                ..Screens::default()
            },
            popup: None,
            asking_to_quit: false,
            message: None,
            data_version: None,
            size,
            quit: false,
        };
        app.screens.transactions.height = list_height(size.1.saturating_sub(2));
        app.data_version = app.ledger.data_version().ok();
        app.reload();
        let top = app.screens.transactions.top(&app.ledger);
        app.report(top);
        app
    }

    pub fn should_quit(&self) -> bool {
        self.quit
    }

    pub fn today(&self) -> chrono::NaiveDate {
        self.ledger.today()
    }

    /// Months the net worth screen shows.
    pub fn range_months(&self) -> u32 {
        RANGES[self.screens.networth_range.min(RANGES.len() - 1)]
    }

    /// Who has the keyboard now.
    pub fn mode(&self) -> Mode {
        match &self.popup {
            _ if self.asking_to_quit => Mode::Dialog,
            Some(c) => c.mode(),
            None if self.screens.transactions.filtering => Mode::Filter,
            None => Mode::Normal(self.screen),
        }
    }

    pub fn handle_key(&mut self, key: KeyEvent) {
        if let Some(action) = action_for(self.mode(), key) {
            self.update(action);
        }
    }

    /// The terminal changed size: the transactions page follows the screen height.
    pub fn resize(&mut self, width: u16, height: u16) {
        self.size = (width, height);
        if let Some(c) = &mut self.popup {
            c.resize(self.size);
        }
        let before = self.screens.transactions.height;
        self.screens
            .transactions
            .set_height(list_height(height.saturating_sub(2)));
        if self.screens.transactions.height > before {
            let reloaded = self.screens.transactions.reload(&self.ledger);
            self.report(reloaded);
        }
    }

    /// Shows an error in the status line; the app keeps running.
    pub(crate) fn report<T>(&mut self, result: Result<T>) -> Option<T> {
        match result {
            Ok(v) => Some(v),
            Err(e) => {
                self.message = Some(Message::Error(crate::tui::hints::describe(&e)));
                None
            }
        }
    }

    /// Reads everything the screens show. Called at start and after every change.
    pub fn reload(&mut self) {
        let closed_before = self.data.closed.len();
        let ledger = &self.ledger;
        let today = ledger.today();
        let loaded = (|| -> Result<Data> {
            // Looking ahead needs an account at least; without one there is no outlook and no what-if.
            let (status, outlook) = ledger.dashboard(today)?;
            let loans = ledger.loan_summaries_of(&status)?;
            Ok(Data {
                status: Some(status),
                series: ledger.month_series(SERIES_MONTHS)?,
                closed: ledger.closed_months()?,
                places: ledger.places()?,
                next_to_close: ledger.next_month_to_close()?,
                reconciled: ledger.last_reconciled()?,
                loans,
                outlook,
            })
        })();
        if let Some(data) = self.report(loaded) {
            self.data = data;
        }
        let accounts = self.screens.accounts.reload(&self.ledger);
        self.report(accounts);
        // Reports, Recurring & rules and What-if are read when they are on screen, or in the first pause
        // (the what-if's forecast alone takes a third of the first frame on a large ledger).
        self.screens.whatif.basis = None; // the data may have changed
        self.screens.stale = [Screen::Reports, Screen::Recurring, Screen::WhatIf]
            .into_iter()
            .collect();
        self.load_shown_screen();
        let counts = self
            .data
            .status
            .as_ref()
            .map_or((0, 0), |s| (s.cards.len(), s.buckets.len()));
        self.screens.cards.clamp(counts.0);
        self.screens.buckets.clamp(counts.1);
        if self.data.closed.len() != closed_before {
            // A month closed or reopened: the newest snapshot is selected.
            self.screens.snapshots.reset();
        }
        self.screens.snapshots.clamp(self.data.closed.len());
    }

    /// Reloads everything when another process has written to the database since the last look.
    pub fn refresh_if_changed_elsewhere(&mut self) {
        let version = self.ledger.data_version().ok();
        if version.is_some() && version != self.data_version {
            self.data_version = version;
            self.changed();
        }
    }

    /// Reloads the data and the transactions list after a change.
    pub(crate) fn changed(&mut self) {
        self.reload();
        let reloaded = self.screens.transactions.reload(&self.ledger);
        self.report(reloaded);
    }

    /// Names for category completion, read when a form or prompt opens (one small table).
    pub(crate) fn categories(&mut self) -> Vec<String> {
        let loaded = self.ledger.categories();
        self.report(loaded).unwrap_or_default()
    }

    pub(crate) fn request_quit(&mut self) {
        if self.popup.as_ref().is_some_and(|c| c.dirty()) {
            self.asking_to_quit = true;
        } else {
            self.quit = true;
        }
    }

    pub(crate) fn set_quit(&mut self) {
        self.quit = true;
    }

    /// Opens a popup that handles its own actions.
    pub(crate) fn open(&mut self, component: impl Component + 'static) {
        self.popup = Some(Box::new(component));
    }

    /// Passes an action to the open component and acts on what it comes to.
    pub(crate) fn component_update(&mut self, mut component: Box<dyn Component>, action: Action) {
        match component.handle(action, &mut self.ledger) {
            Outcome::Open => self.popup = Some(component),
            Outcome::Closed => {}
            Outcome::Quit => {
                self.popup = Some(component);
                self.request_quit();
            }
            Outcome::Changed(message) => {
                self.message = Some(Message::Info(message));
                self.changed();
            }
            Outcome::Refused(reason) => self.message = Some(Message::Error(reason)),
            Outcome::Wrote(wrote) => {
                if wrote.stay_open {
                    self.popup = Some(component);
                }
                self.wrote(wrote);
            }
            Outcome::TryChange(change, replaces) => self.try_change(change, replaces),
        }
    }

    /// After a write that shows a transaction: the data reloads and the list selects it.
    fn wrote(&mut self, wrote: Wrote) {
        self.message = Some(wrote.message);
        let Some(at) = wrote.select else {
            return self.changed();
        };
        self.reload();
        let shown = match wrote.scroll {
            Scroll::Keep => self.screens.transactions.keep_and_select(&self.ledger, at),
            Scroll::Jump => self.screens.transactions.show(&self.ledger, at),
        };
        self.report(shown);
    }

    /// The open popup as the component it is, if it is one of type `T` (for tests and tools).
    pub fn popup_as<T: Component>(&self) -> Option<&T> {
        match &self.popup {
            Some(c) => {
                let any: &dyn std::any::Any = c.as_ref();
                any.downcast_ref::<T>()
            }
            None => None,
        }
    }

    /// Reads the data of the screen on view if it changed since it was last read (the screens that
    /// read their own data: Reports, Recurring & rules, What-if).
    pub(crate) fn load_shown_screen(&mut self) {
        self.load_screen(self.screen);
    }

    /// Whether a screen's data is still to be read (see [`App::work_when_idle`]).
    pub fn has_idle_work(&self) -> bool {
        !self.screens.stale.is_empty()
    }

    /// Reads the data of one screen not on view that changed since it was last read, so that showing it
    /// later takes no longer than a frame; the app calls it while no key comes. True when it read one.
    pub fn work_when_idle(&mut self) -> bool {
        let next = [Screen::WhatIf, Screen::Reports, Screen::Recurring]
            .into_iter()
            .find(|s| self.screens.stale.contains(s));
        next.map(|screen| self.load_screen(screen)).is_some()
    }

    fn load_screen(&mut self, screen: Screen) {
        if !self.screens.stale.remove(&screen) {
            return;
        }
        let loaded = match screen {
            Screen::Reports => self.screens.reports.reload(&self.ledger, &self.data.series),
            Screen::Recurring => self.screens.recurring.reload(&self.ledger, &self.data.places),
            Screen::WhatIf => {
                self.recompute_whatif();
                Ok(())
            }
            _ => Ok(()),
        };
        self.report(loaded);
    }
}
