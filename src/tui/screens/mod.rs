//! One module per screen; each draws from data the app already holds and never reads the database.

pub mod accounts;
pub mod buckets;
pub mod cards;
pub mod dashboard;
mod dashboard_ahead;
pub mod first_run;
pub mod networth;
pub mod snapshots;
pub mod transactions;
pub mod txn_list;
pub mod whatif;
