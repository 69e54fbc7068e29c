//! Use cases shared by the command line and the app: every read and write of the ledger.

pub mod browse;
mod changes;
mod check;
mod close;
mod export;
pub mod forecast;
mod import;
mod import_balances;
mod import_learned;
mod import_read;
mod import_report;
mod import_rules;
mod import_summary;
mod loans;
mod locks;
mod lookback;
mod outlook;
mod payoff;
mod place_life;
mod places;
mod plans;
mod reconcile;
mod recurring;
mod register;
mod report_months;
mod reports;
mod rule_order;
mod safety;
mod state;
mod status;
mod txns;
mod undo;
mod upgrade;

pub use crate::domain::PlaceClass;
/// What an import reads and how (the file's bytes or path, the column and format overrides): the
/// front ends give these to `import_file`.
pub use crate::io::csv_import::{delimiter_named, CsvOptions as ImportOptions, CsvSource as ImportSource};
pub use changes::{WhatIfReport, CHANGE_SYNTAX};
pub use check::CheckReport;
pub use close::ClosePreview;
pub use export::{ExportKind, ImportSummary};
pub use import::{FileAbout, ImportReport, ImportRequest, Outcome, PlannedRow, StatedCheck, UNCATEGORIZED};
pub use import_rules::{RuleSuggestion, SUGGEST_TIMES};
pub use loans::{LoanSummary, NewLoan};
pub use outlook::{Debt, LoanPayoff, Outlook, OUTLOOK_MONTHS};
pub use payoff::{CardPayoff, RatesEdit};
pub use place_life::{Edited, PlaceEdit};
pub use places::{NewBucket, NewCard};
pub use plans::recurring_in;
pub use reconcile::Reconciled;
pub use recurring::{DueItem, Posted, RecurringEdit, RecurringInput};
pub use register::PlaceOverview;
pub use report_months::{AgainstUsual, CashflowMonth, MAX_REPORT_MONTHS};
pub use safety::explain;
pub use state::State;
pub use status::Status;
pub use txns::{describe as describe_txn, OverLimit, TxnEdit, TxnInput};

use crate::domain::{Places, Txn};
use crate::error::{Error, Result};
use crate::store::Store;
use chrono::NaiveDate;
use std::path::Path;

/// The ledger: a store and the date pfos takes as "today".
pub struct Ledger {
    store: Store,
    today: NaiveDate,
    /// What opening the file changed in its closed months' figures (after an upgrade), one line each.
    upgrade_notes: Vec<String>,
}

impl Ledger {
    pub fn open(path: &Path, today: NaiveDate) -> Result<Ledger> {
        let mut ledger = Ledger {
            store: Store::open(path)?,
            today,
            upgrade_notes: Vec::new(),
        };
        ledger.upgrade_notes = ledger.finish_upgrade()?;
        Ok(ledger)
    }

    /// What opening the file changed in its closed months' figures (after an upgrade), one line each.
    pub fn upgrade_notes(&self) -> &[String] {
        &self.upgrade_notes
    }

    pub fn in_memory(today: NaiveDate) -> Result<Ledger> {
        Ok(Ledger {
            store: Store::open_in_memory()?,
            today,
            upgrade_notes: Vec::new(),
        })
    }

    /// A number that changes when another process (a script, a second pfos) has written to the database.
    pub fn data_version(&self) -> Result<i64> {
        self.store.data_version()
    }

    /// Turns the activity log (and so undo) and automatic backups on or off for the changes that follow;
    /// a generator turns them off, since nobody undoes or restores generated history step by step.
    pub fn set_activity_log(&mut self, on: bool) {
        self.store.set_logging(on);
    }

    /// Whether the file can only be read (its permissions, its folder's or a read-only disk): every
    /// write is refused.
    pub fn is_read_only(&self) -> bool {
        self.store.is_read_only()
    }

    pub fn today(&self) -> NaiveDate {
        self.today
    }

    pub fn path(&self) -> &Path {
        self.store.path()
    }

    pub fn places(&self) -> Result<Places> {
        Ok(Places::new(crate::store::places::all(self.store.conn())?))
    }

    /// Resolves a place name (any case) to the place, or says which names exist.
    pub fn resolve(&self, places: &Places, name: &str) -> Result<crate::domain::PlaceId> {
        resolve(places, name)
    }

    pub fn txn(&self, id: crate::domain::TxnId) -> Result<Txn> {
        match crate::store::txns::get(self.store.conn(), id)? {
            Some(t) => Ok(t),
            None => Err(not_found(id)),
        }
    }

    /// Transactions of one month, or all of them, oldest first.
    pub fn txns(&self, month: Option<crate::domain::Month>) -> Result<Vec<Txn>> {
        let conn = self.store.conn();
        Ok(match month {
            Some(m) => crate::store::txns::in_month(conn, m)?,
            None => crate::store::txns::after(conn, None)?,
        })
    }

    /// Calls `visit` with each transaction of one month, or of all of them, oldest first, without holding
    /// them all: a listing of a million transactions stays small.
    pub fn each_txn(
        &self,
        month: Option<crate::domain::Month>,
        mut visit: impl FnMut(&Txn) -> Result<()>,
    ) -> Result<()> {
        self.store.read(|conn| match month {
            Some(m) => crate::store::txns::each_between(conn, m.first_day(), m.last_day(), |t| visit(&t)),
            None => crate::store::txns::each_of_all(conn, |t| visit(&t)),
        })
    }

    /// The ledger replayed from the latest snapshot through every transaction.
    pub fn load_state(&self) -> Result<State> {
        State::load(self.store.conn(), None)
    }

    /// Every tag in use, sorted (for completion).
    pub fn tags(&self) -> Result<Vec<String>> {
        Ok(crate::store::txns::tags(self.store.conn())?)
    }

    pub fn categories(&self) -> Result<Vec<String>> {
        Ok(crate::store::txns::categories(self.store.conn())?)
    }
}

/// Finds a place by name, case-insensitively.
pub fn resolve(places: &Places, name: &str) -> Result<crate::domain::PlaceId> {
    if let Some(p) = places.find(name) {
        return Ok(p.id);
    }
    Err(Error::NoSuchPlace {
        name: name.to_string(),
        known: places.iter().map(|p| p.name.clone()).collect(),
    })
}

/// Transaction `id` does not exist.
pub(crate) fn not_found(id: crate::domain::TxnId) -> Error {
    Error::NotFound {
        kind: crate::error::Missing::Transaction,
        name: id.to_string(),
    }
}

#[cfg(test)]
mod place_life_tests;
#[cfg(test)]
mod plan_tests;
#[cfg(test)]
mod test_support;
#[cfg(test)]
mod tests;
