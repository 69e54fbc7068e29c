//! Files in and out: bank CSV import; the hledger journal, CSV and JSON export, written whole or not at all.

pub mod bank_file;
pub mod csv_export;
pub mod csv_import;
pub mod files;
pub mod json_backup;
pub mod json_plans;
pub mod json_restore;
pub mod ledger_export;
pub mod report_json;

/// An export that could not be written (a full disk, a closed file): what went wrong and what to do.
pub fn export_failed(e: impl std::fmt::Display) -> crate::error::Error {
    let refusal = crate::error::Refusal::new(format!("cannot write the export ({e})"));
    refusal.hint(crate::error::Hint::OtherOutFile).into()
}
