//! What an import is asked to do and what it reports: each planned row and its outcome, what pfos worked
//! out about the file, the rows refused, and the balances the file stated.

use crate::domain::{Money, TxnDraft, TxnId};
use crate::io::bank_file::Format;
use crate::io::csv_import::{BadRow, CsvOptions, CsvSource, Detected};
use chrono::NaiveDate;

/// What to import, and how.
pub struct ImportRequest<'a> {
    pub place: &'a str,
    /// The file: in memory, or on disk (read as a stream, a few times, never held whole).
    pub source: CsvSource<'a>,
    pub options: CsvOptions,
    /// The file's format; `None`: told from its content.
    pub format: Option<Format>,
    /// Which account of a file holding several (OFX, QIF, CAMT).
    pub account: Option<String>,
    /// Import the good rows even when some cannot be read.
    pub skip_bad: bool,
    /// Work everything out, store nothing; rejected rows are reported, not refused.
    pub dry_run: bool,
}

/// What became of one row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Imported(TxnId),
    /// Already imported (same fingerprint).
    Duplicate(TxnId),
    /// The other side of an existing transfer.
    Matched(TxnId),
}

/// One row as it was (or would be) recorded.
#[derive(Debug, Clone)]
pub struct PlannedRow {
    pub line: u64,
    pub draft: TxnDraft,
    pub outcome: Outcome,
    /// The category is the one this payee had the last time (no rule, no category in the file).
    pub learned: bool,
}

/// What pfos worked out about a file.
#[derive(Debug, Clone)]
pub enum FileAbout {
    Csv(Detected),
    /// OFX, QIF or CAMT: the format, and the reader's words about the file.
    Statement {
        format: Format,
        about: String,
    },
}

/// A balance the file states (OFX `LEDGERBAL`, CAMT `CLBD`), recorded as a reconciliation of the place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatedCheck {
    pub date: NaiveDate,
    /// As pfos keeps it: an account's balance, or what a card or loan owes.
    pub stated: Money,
    /// What pfos has on that date, the import counted.
    pub computed: Money,
    /// Recorded by this import (false: that reconciliation was there already).
    pub recorded: bool,
}

/// The summary of an import.
#[derive(Debug, Clone)]
pub struct ImportReport {
    pub about: FileAbout,
    /// The statement's balances, checked against pfos's.
    pub balances: Vec<StatedCheck>,
    /// Every row and what became of it: kept by a dry run (for its preview) only.
    pub rows: Vec<PlannedRow>,
    pub rejected: Vec<BadRow>,
    /// Rows with no amount, and summary lines.
    pub skipped: usize,
    pub dry_run: bool,
    /// The newest transaction the import added, as (date, id).
    pub newest: Option<(NaiveDate, TxnId)>,
    pub(super) imported: usize,
    pub(super) duplicates: usize,
    pub(super) matched: usize,
}

impl ImportReport {
    pub fn imported(&self) -> usize {
        self.imported
    }
    pub fn duplicates(&self) -> usize {
        self.duplicates
    }
    pub fn matched(&self) -> usize {
        self.matched
    }
}
