//! Data leaving and entering pfos as files: the hledger journal, CSV and the JSON export, written whole or not at all.

pub mod csv_export;
pub mod files;
pub mod json_backup;
pub mod json_restore;
pub mod ledger_export;
