//! Files in and out: bank CSV import; the hledger journal, CSV and JSON export, written whole or not at all.

pub mod csv_export;
pub mod csv_import;
pub mod files;
pub mod json_backup;
pub mod json_plans;
pub mod json_restore;
pub mod ledger_export;
