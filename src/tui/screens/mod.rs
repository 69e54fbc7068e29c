//! One module per screen; each draws from data the app already holds and never reads the database.

pub mod accounts;
pub mod buckets;
pub mod cards;
pub mod cashflow_chart;
pub mod dashboard;
mod dashboard_ahead;
pub mod first_run;
pub mod networth;
pub mod recurring;
pub mod reports;
pub mod reports_view;
pub mod selection;
pub mod snapshots;
pub mod transactions;
pub mod txn_list;
pub mod whatif;

/// Each screen's own state: its selection, its range, its loaded rows. The app holds one of these and
/// hands each screen its part.
#[derive(Default)]
pub struct Screens {
    pub transactions: txn_list::TxnList,
    pub cards: selection::Selection,
    pub buckets: selection::Selection,
    pub snapshots: selection::Selection,
    /// Which of `networth::RANGES` the net worth screen shows.
    pub networth_range: usize,
    pub whatif: crate::tui::whatif::WhatIfState,
    pub accounts: accounts::AccountsScreen,
    pub reports: reports::ReportsScreen,
    pub recurring: recurring::RecurringScreen,
    /// The screens the ledger changed under since they last read it (Reports, Recurring & rules).
    pub stale: std::collections::HashSet<crate::tui::action::Screen>,
}
