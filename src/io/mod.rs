//! Files in and out: bank CSV import (and, with the export work, ledger/CSV/JSON export).

pub mod csv_import;
