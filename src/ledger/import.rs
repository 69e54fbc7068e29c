//! Importing a bank or card CSV into one place: rules, de-duplication and transfer matching, all in one
//! SQLite transaction (or none of it).

use super::import_read::{normalize, read_rows, FileKeys, Keyer, ReadItem, ReadRow, Rows};
use super::{locks, resolve, Ledger};
use crate::domain::rules::{first_match, Rule, RuleAction};
use crate::domain::txn::check_shape;
use crate::domain::{Money, Month, PlaceId, PlaceKind, Places, TxnDraft, TxnId, TxnKind};
use crate::error::{refused, Result};
use crate::io::bank_file::{self, Format, Hint, ReadOptions, StatedBalance};
use crate::io::csv_import::{BadRow, CsvFile, CsvOptions, CsvSource, Detected};
use crate::store::Change;
use crate::store::{imports, places as place_rows, rules as rule_rows, snapshots, txns};
use chrono::NaiveDate;
use rusqlite::Transaction;

/// The category of a row no rule or column categorised.
pub const UNCATEGORIZED: &str = "Uncategorized";
/// How far apart the two sides of one transfer may be dated.
const TRANSFER_MATCH_DAYS: u64 = 5;
/// Words that make money into a card look like a payment rather than a refund.
const PAYMENT_WORDS: &[&str] = &["payment", "thank you", "autopay", "auto pay", "pymt", "pago", "zahlung"];

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
    /// Work everything out, store nothing.
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
    imported: usize,
    duplicates: usize,
    matched: usize,
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

fn cannot_import(reason: String) -> crate::error::Error {
    crate::error::Error::Refused(format!("cannot import the file: {reason}; nothing was imported"))
}

/// A file that is not what it should be, named (when it is a file on disk) with the reason.
fn cannot_import_named(source: CsvSource<'_>, format: Format, reason: String) -> crate::error::Error {
    let name = match source {
        CsvSource::File(path) => format!("'{}'", path.display()),
        CsvSource::Bytes(_) => "the file".to_string(),
    };
    crate::error::Error::Refused(format!(
        "cannot import {name} as {}: {reason}; nothing was imported",
        format.name()
    ))
}

/// The first bytes of a source, to tell its format.
fn head_of(source: CsvSource<'_>) -> Result<Vec<u8>> {
    use std::io::Read;
    match source {
        CsvSource::Bytes(bytes) => Ok(bytes[..bytes.len().min(4096)].to_vec()),
        CsvSource::File(path) => {
            let mut head = Vec::with_capacity(4096);
            std::fs::File::open(path)
                .and_then(|f| f.take(4096).read_to_end(&mut head))
                .map_err(|e| cannot_import(format!("'{}' cannot be read ({e})", path.display())))?;
            Ok(head)
        }
    }
}

impl Ledger {
    /// Imports a bank file (CSV, OFX, QIF or CAMT.053) into a place; `progress` hears (rows done, rows in all).
    pub fn import_file(&mut self, req: ImportRequest<'_>, progress: &dyn Fn(usize, usize)) -> Result<ImportReport> {
        let places = self.places()?;
        let place_id = resolve(&places, req.place)?;
        let place = places.get(place_id).map(|p| p.kind).unwrap_or(PlaceKind::Checking);
        if place == PlaceKind::Bucket {
            return refused("a bank file comes from a bank or card: import it into an account or a card, not a bucket");
        }
        if let Some((name, on)) = places.get(place_id).and_then(|p| p.archived_on.map(|on| (&p.name, on))) {
            return refused(format!(
                "'{name}' was archived on {on}; nothing was imported. To import into it, unarchive it first with 'pfos unarchive {}'",
                super::place_life::shell_word(name)
            ));
        }
        let format = match req.format {
            Some(format) => format,
            None => {
                let head = head_of(req.source)?;
                let utf16 = head.starts_with(b"\xFF\xFE") || head.starts_with(b"\xFE\xFF");
                if let Some(at) = head.iter().position(|b| *b == 0).filter(|_| !utf16) {
                    let name = match req.source {
                        CsvSource::File(path) => format!("'{}'", path.display()),
                        CsvSource::Bytes(_) => "the file".into(),
                    };
                    return refused(format!(
                        "cannot import {name}: it holds binary data (a zero byte at offset {at}), not a bank file (CSV, OFX/QFX, QIF or CAMT.053); nothing was imported"
                    ));
                }
                bank_file::sniff(&head)
            }
        };
        if format != Format::Csv {
            return self.import_statement(req, format, place_id, place, progress);
        }
        let options = CsvOptions {
            // A lender's file reads like a card's: payments in, interest and fees out.
            is_card: place.is_liability(),
            ..req.options.clone()
        };
        let file = CsvFile::open(req.source, &options).map_err(cannot_import)?;
        let seen = FileKeys::gather(Rows::Csv(&file), place_id).map_err(cannot_import)?;
        let settings = self.store.begin_bulk(crate::store::References::CheckedByCaller)?;
        let about = FileAbout::Csv(file.detected.clone());
        let report = self.import_rows(&req, Rows::Csv(&file), about, &[], seen, place_id, progress);
        self.store.end_bulk(settings)?;
        report
    }

    /// An OFX, QIF or CAMT file: read whole, then imported as a CSV's rows are.
    fn import_statement(
        &mut self,
        req: ImportRequest<'_>,
        format: Format,
        place_id: PlaceId,
        place: PlaceKind,
        progress: &dyn Fn(usize, usize),
    ) -> Result<ImportReport> {
        let owned;
        let bytes: &[u8] = match req.source {
            CsvSource::Bytes(bytes) => bytes,
            CsvSource::File(path) => {
                owned = std::fs::read(path).map_err(|source| crate::error::Error::Io {
                    path: path.to_path_buf(),
                    source,
                })?;
                &owned
            }
        };
        let options = ReadOptions {
            account: req.account.clone(),
            date_format: req.options.date_format.clone(),
        };
        let statement = bank_file::read(format, bytes, &options)
            .map_err(|reason| cannot_import_named(req.source, format, reason))?;
        match statement.card {
            Some(true) if !place.is_liability() => {
                return Err(cannot_import_named(
                    req.source,
                    format,
                    format!(
                        "it is a card's statement, and '{}' is an account; import it into the card",
                        req.place
                    ),
                ))
            }
            Some(false) if place == PlaceKind::Card => {
                return Err(cannot_import_named(
                    req.source,
                    format,
                    format!(
                        "it is a bank account's statement, and '{}' is a card; import it into the account",
                        req.place
                    ),
                ))
            }
            _ => {}
        }
        let seen = FileKeys::gather(Rows::Statement(&statement), place_id).map_err(cannot_import)?;
        let about = FileAbout::Statement {
            format,
            about: statement.about.clone(),
        };
        let settings = self.store.begin_bulk(crate::store::References::CheckedByCaller)?;
        let report = self.import_rows(
            &req,
            Rows::Statement(&statement),
            about,
            &statement.balances,
            seen,
            place_id,
            progress,
        );
        self.store.end_bulk(settings)?;
        report
    }

    #[allow(clippy::too_many_arguments)]
    fn import_rows(
        &mut self,
        req: &ImportRequest<'_>,
        rows: Rows<'_, '_>,
        about: FileAbout,
        balances: &[StatedBalance],
        seen: FileKeys,
        place_id: PlaceId,
        progress: &dyn Fn(usize, usize),
    ) -> Result<ImportReport> {
        let dry_run = req.dry_run;
        self.store.write_unless(dry_run, |tx| {
            // The places as this transaction sees them: every reference the import writes comes from here
            // or from rows it read or wrote in it (SQLite does not check them row by row, see begin_bulk).
            let places = &Places::new(place_rows::all(tx)?);
            if places.get(place_id).is_none() {
                return refused("the place was deleted while the file was being read; nothing was imported");
            }
            let rules: Vec<Rule> = rule_rows::all(tx)?
                .iter()
                .map(|r| r.compile())
                .collect::<std::result::Result<_, _>>()
                .map_err(crate::error::Error::Refused)?;
            let mut importer = Importer::new(tx, places, place_id, seen.dates, dry_run)?;
            // The rows go in without a row image each; the log keeps their id range (see store::activity).
            let before = crate::store::activity::pause(tx)?;
            let mut rejected = Vec::new();
            let mut skipped = 0;
            let total = rows.records();
            let mut done = 0;
            let keyer = Keyer::new(place_id, seen.repeated);
            read_rows(rows, keyer, &rules, |item| {
                match item {
                    ReadItem::Row(row) => {
                        let line = row.line;
                        match importer.row(row) {
                            Ok(()) => {}
                            Err(RowError::Rejected(reason)) => rejected.push(BadRow { line, reason }),
                            Err(RowError::Failed(e)) => return Err(e),
                        }
                    }
                    ReadItem::Rejected(bad) => rejected.push(bad),
                    ReadItem::Skipped => skipped += 1,
                }
                if done % 1024 == 0 {
                    progress(done, total);
                }
                done += 1;
                Ok(())
            })?
            .map_err(cannot_import)?;
            importer.writer.borrow_mut().flush(tx)?;
            progress(total, total);
            rejected.sort_by_key(|b| b.line);
            if !rejected.is_empty() && !req.skip_bad {
                let lines: Vec<String> = rejected.iter().take(20).map(|b| format!("  line {}: {}", b.line, b.reason)).collect();
                let more = rejected.len().saturating_sub(20);
                return refused(format!(
                    "{} row(s) cannot be imported, so nothing was imported:\n{}{}\nfix the file, or import the other rows with --skip-bad",
                    rejected.len(),
                    lines.join("\n"),
                    if more > 0 { format!("\n  … and {more} more") } else { String::new() }
                ));
            }
            crate::store::activity::resume_with_range(tx, before, &importer.matched)?;
            // Only a transaction taking money from a bucket can leave one below zero: the whole replay that
            // checks it runs when this import added such a transaction.
            if importer.takes_from_bucket || importer.touches_archived {
                super::txns::revalidate(tx)?;
            }
            let checks = record_balances(tx, places, place_id, balances)?;
            let mut report = importer.report(about, rejected, skipped);
            report.balances = checks;
            let format = match &report.about {
                FileAbout::Csv(_) => "csv",
                FileAbout::Statement { format, .. } => match format {
                    Format::Ofx => "ofx",
                    Format::Qif => "qif",
                    Format::Camt => "camt",
                    Format::Csv => "csv",
                },
            };
            let what = format!("import {format} into {}: {} transactions", places.name(place_id), report.imported());
            Ok((report, Change::new("import", what)))
        })
    }
}

/// Why a row was not imported: the row itself (it is rejected and the import goes on), or the database
/// (the import stops, and its transaction is rolled back).
enum RowError {
    Rejected(String),
    Failed(crate::error::Error),
}

impl From<String> for RowError {
    fn from(reason: String) -> RowError {
        RowError::Rejected(reason)
    }
}

impl From<rusqlite::Error> for RowError {
    fn from(e: rusqlite::Error) -> RowError {
        RowError::Failed(e.into())
    }
}

/// Turns read rows (see `import_read`) into transactions against one place: duplicates, closed months,
/// opening dates, transfers matched, and the rows written.
struct Importer<'a, 't> {
    tx: &'a Transaction<'t>,
    places: &'a Places,
    place: PlaceId,
    latest_closed: Option<Month>,
    /// The (hash, transaction) of the rows already imported into this place over the file's dates, sorted.
    stored: Vec<(i64, TxnId)>,
    /// The one checking account, which pays a card when no rule says otherwise.
    default_payer: Option<PlaceId>,
    /// Rows this import tied to transactions that were already there, as (place, transaction).
    matched: Vec<(PlaceId, TxnId)>,
    /// A transaction this import added takes money from a bucket.
    takes_from_bucket: bool,
    /// Whether a row touched a place archived on its date (it must stay empty: checked at the end).
    touches_archived: bool,
    /// Writes the new transactions and fingerprints many to a statement.
    writer: std::cell::RefCell<txns::BatchWriter>,
    keep_rows: bool,
    rows: Vec<PlannedRow>,
    /// Rows the bank identifies, imported by this import: (fingerprint hash, transaction). A statement
    /// downloaded twice into one file (overlapping statements) has the row once.
    identified: std::collections::HashMap<i64, TxnId>,
    /// Each payee's (normalised description's) category the last time it had one.
    learned: std::collections::HashMap<String, String>,
    counts: [usize; 3],
    newest: Option<(NaiveDate, TxnId)>,
}

impl<'a, 't> Importer<'a, 't> {
    fn new(
        tx: &'a Transaction<'t>,
        places: &'a Places,
        place: PlaceId,
        dates: Option<(NaiveDate, NaiveDate)>,
        keep_rows: bool,
    ) -> Result<Self> {
        let checking: Vec<PlaceId> = places
            .iter()
            .filter(|p| p.kind == PlaceKind::Checking)
            .map(|p| p.id)
            .collect();
        let stored = match dates {
            Some((first, last)) => imports::stored_hashes(tx, place, first, last)?,
            None => Vec::new(),
        };
        Ok(Importer {
            tx,
            places,
            place,
            latest_closed: snapshots::latest_month(tx)?,
            stored,
            default_payer: (checking.len() == 1).then(|| checking[0]),
            matched: Vec::new(),
            takes_from_bucket: false,
            touches_archived: false,
            writer: std::cell::RefCell::new(txns::BatchWriter::new(tx)?),
            keep_rows,
            rows: Vec::new(),
            identified: std::collections::HashMap::new(),
            learned: learned_categories(tx)?,
            counts: [0; 3],
            newest: None,
        })
    }

    fn report(self, about: FileAbout, rejected: Vec<BadRow>, skipped: usize) -> ImportReport {
        ImportReport {
            about,
            balances: Vec::new(),
            rows: self.rows,
            rejected,
            skipped,
            dry_run: self.keep_rows,
            newest: self.newest,
            imported: self.counts[0],
            duplicates: self.counts[1],
            matched: self.counts[2],
        }
    }

    /// Counts the row's outcome; a dry run keeps the row with its draft too.
    fn record(&mut self, line: u64, date: NaiveDate, draft: Option<(TxnDraft, bool)>, outcome: Outcome) {
        match outcome {
            Outcome::Imported(id) => {
                self.counts[0] += 1;
                self.newest = self.newest.max(Some((date, id)));
            }
            Outcome::Duplicate(_) => self.counts[1] += 1,
            Outcome::Matched(_) => self.counts[2] += 1,
        }
        if let (true, Some((draft, learned))) = (self.keep_rows, draft) {
            self.rows.push(PlannedRow {
                line,
                draft,
                outcome,
                learned,
            });
        }
    }

    /// The id of the transaction already imported with this fingerprint's hash, if any.
    fn stored_with(&self, hash: i64) -> Option<TxnId> {
        let at = self.stored.binary_search_by_key(&hash, |(h, _)| *h).ok()?;
        Some(self.stored[at].1)
    }

    fn row(&mut self, row: ReadRow) -> std::result::Result<(), RowError> {
        let known = match self.stored_with(row.hash) {
            Some(id) => Some(id),
            None if row.identified => self.identified.get(&row.hash).copied(),
            None => None,
        };
        if let Some(id) = known {
            // A dry run shows the stored transaction; a real import keeps no rows, only the count (and the
            // stored transaction is there: its fingerprint goes with it, on delete cascade).
            let draft = if self.keep_rows {
                self.writer.borrow_mut().flush(self.tx)?;
                Some(match txns::get(self.tx, id)? {
                    Some(t) => (TxnDraft::from(&t), false),
                    None => self.classify(&row)?,
                })
            } else {
                None
            };
            self.record(row.line, row.date, draft, Outcome::Duplicate(id));
            return Ok(());
        }
        let (draft, learned) = self.classify(&row)?;
        if self.latest_closed.is_some_and(|l| row.date <= l.last_day()) {
            return Err(match locks::ensure_open(self.tx, row.date) {
                Ok(()) => RowError::Rejected("the month is closed".into()),
                Err(e @ crate::error::Error::Refused(_)) => RowError::Rejected(e.to_string()),
                Err(e) => RowError::Failed(e),
            });
        }
        if let Some(p) = [draft.from, draft.to]
            .into_iter()
            .flatten()
            .filter_map(|id| self.places.get(id))
            .find(|p| p.opened_on > row.date)
        {
            return Err(RowError::Rejected(format!(
                "'{}' opened on {}, after this row's date {}",
                p.name, p.opened_on, row.date
            )));
        }
        if let Some(reason) = [draft.from, draft.to]
            .into_iter()
            .flatten()
            .filter_map(|id| self.places.get(id))
            .find_map(|p| super::txns::archived_before(p, row.date))
        {
            return Err(RowError::Rejected(reason));
        }
        if [draft.from, draft.to]
            .into_iter()
            .flatten()
            .filter_map(|id| self.places.get(id))
            .any(|p| p.archived_on.is_some())
        {
            self.touches_archived = true;
        }
        check_shape(&draft, |id| self.places.get(id)).map_err(|e| e.to_string())?;
        let (id, outcome, kept) = match self.existing_transfer(&draft)? {
            Some(id) => (id, Outcome::Matched(id), Some((draft, learned))),
            None => {
                if draft.from.and_then(|id| self.places.kind(id)) == Some(PlaceKind::Bucket) {
                    self.takes_from_bucket = true;
                }
                let kept = self.keep_rows.then(|| (draft.clone(), learned));
                let id = self.writer.borrow_mut().insert(self.tx, draft)?;
                (id, Outcome::Imported(id), kept)
            }
        };
        self.writer
            .borrow_mut()
            .fingerprint(self.tx, self.place, row.date, row.hash, id)?;
        if row.identified {
            self.identified.insert(row.hash, id);
        }
        if matches!(outcome, Outcome::Matched(_)) {
            self.matched.push((self.place, id));
        }
        self.record(row.line, row.date, kept, outcome);
        Ok(())
    }

    /// Rule first, then the file's category (or split), then the category the payee had the last time
    /// ("learned"), then what the file's transaction type says (interest, fees), then "Uncategorized"; card
    /// payments become transfers, and so do rows the file sends to another place (QIF `[Account]`). A
    /// category with control characters, or a description with NUL, rejects the row (the same rule as
    /// every other entrance). Also whether the category was learned.
    fn classify(&self, row: &ReadRow) -> std::result::Result<(TxnDraft, bool), RowError> {
        use crate::domain::text_rules::{check_description, check_label};
        for category in row.category.iter().chain(row.splits.iter().map(|l| &l.category)) {
            check_label(category, "category").map_err(|e| RowError::Rejected(e.to_string()))?;
        }
        check_description(&row.description).map_err(|e| RowError::Rejected(e.to_string()))?;
        let (amount, money_in) = (row.amount, row.money_in);
        let kind = self.places.kind(self.place);
        let on_card = kind.is_some_and(PlaceKind::is_liability);
        // Money into a loan is a payment, whatever the lender calls it.
        let on_loan = kind == Some(PlaceKind::Loan);
        let rule = &row.rule;
        let learned = match (rule, &row.category, row.splits.is_empty(), self.learned.is_empty()) {
            (Some(RuleAction::Category(_)), _, _, _) | (_, Some(_), _, _) | (_, _, false, _) | (_, _, _, true) => None,
            _ => self.learned.get(&normalize(&row.description)),
        };
        let category = || match rule {
            Some(RuleAction::Category(c)) => c.clone(),
            _ => row
                .category
                .clone()
                .or_else(|| learned.cloned())
                .or_else(|| row.hint.and_then(Hint::category).map(str::to_string))
                .unwrap_or_else(|| UNCATEGORIZED.to_string()),
        };
        let learned = learned.is_some();
        let draft = |kind, from, to, category: Option<String>| {
            let split = category.is_some() && !row.splits.is_empty();
            TxnDraft {
                date: row.date,
                kind,
                amount,
                from,
                to,
                category: if split { None } else { category },
                description: row.description.clone(),
                splits: if split { row.splits.clone() } else { Vec::new() },
                tags: Vec::new(),
            }
        };
        let here = Some(self.place);
        let transfer_with = |other: PlaceId| {
            if other == self.place {
                return Err(RowError::Rejected(format!(
                    "this row is a transfer to '{}' itself",
                    self.places.name(other)
                )));
            }
            Ok(if money_in {
                draft(TxnKind::Transfer, Some(other), here, None)
            } else {
                draft(TxnKind::Transfer, here, Some(other), None)
            })
        };
        if let Some(name) = &row.transfer {
            let Some(other) = self.places.find(name) else {
                return Err(RowError::Rejected(format!(
                    "the file makes this a transfer with '[{name}]', and no place has that name; add the place, or rename one to it"
                )));
            };
            return Ok((transfer_with(other.id)?, false));
        }
        if let Some(RuleAction::Transfer(other)) = *rule {
            return Ok((transfer_with(other)?, false));
        }
        let payment = on_loan || row.hint == Some(Hint::Payment) || looks_like_payment(&row.description);
        Ok(match (money_in, on_card) {
            (false, _) => (draft(TxnKind::Expense, here, None, Some(category())), learned),
            (true, false) => (draft(TxnKind::Income, None, here, Some(category())), learned),
            (true, true) if payment && row.splits.is_empty() => {
                let payer = self.existing_payer(row.date, amount)?.or(self.default_payer).ok_or_else(|| {
                    "this looks like a payment to the card or loan, but pfos cannot tell which account paid it; add a \
                     rule such as 'pfos rule add PATTERN --transfer Checking'"
                        .to_string()
                })?;
                (draft(TxnKind::Transfer, Some(payer), here, None), false)
            }
            (true, true) => (draft(TxnKind::Refund, None, here, Some(category())), learned),
        })
    }

    /// The account that paid an already-recorded, unclaimed payment to this card, if any.
    fn existing_payer(&self, date: chrono::NaiveDate, amount: Money) -> std::result::Result<Option<PlaceId>, RowError> {
        self.writer.borrow_mut().flush(self.tx)?;
        let found =
            imports::unclaimed_transfer(self.tx, None, self.place, amount, date, TRANSFER_MATCH_DAYS, self.place)?;
        Ok(match found {
            Some(id) => txns::get(self.tx, id)?.and_then(|t| t.from),
            None => None,
        })
    }

    fn existing_transfer(&self, draft: &TxnDraft) -> std::result::Result<Option<TxnId>, RowError> {
        let (TxnKind::Transfer, Some(to)) = (draft.kind, draft.to) else {
            return Ok(None);
        };
        // What this import wrote so far counts: a transfer it added, or claimed, is not claimed again.
        self.writer.borrow_mut().flush(self.tx)?;
        imports::unclaimed_transfer(
            self.tx,
            draft.from,
            to,
            draft.amount,
            draft.date,
            TRANSFER_MATCH_DAYS,
            self.place,
        )
        .map_err(RowError::from)
    }
}

/// Each payee's category the last time it had one: the latest expense, income or refund (by date, then
/// id) with that normalised description and a category other than "Uncategorized", not split. Correcting
/// that transaction's category is what the next import learns.
fn learned_categories(conn: &rusqlite::Connection) -> rusqlite::Result<std::collections::HashMap<String, String>> {
    let mut stmt = conn.prepare(
        "SELECT description, category FROM txns
         WHERE kind IN ('expense', 'income', 'refund') AND category IS NOT NULL AND splits IS NULL
           AND description <> '' AND lower(category) <> lower(?1)
         ORDER BY date, id",
    )?;
    let mut rows = stmt.query([UNCATEGORIZED])?;
    let mut learned = std::collections::HashMap::new();
    while let Some(row) = rows.next()? {
        let description: String = row.get(0)?;
        let category: String = row.get(1)?;
        learned.insert(normalize(&description), category);
    }
    Ok(learned)
}

/// Records each balance the statement states as a reconciliation of the place (an identical one already
/// there is not recorded twice; one dated before the place opened is left out), and how it compares.
fn record_balances(
    tx: &Transaction<'_>,
    places: &Places,
    place: PlaceId,
    balances: &[StatedBalance],
) -> Result<Vec<StatedCheck>> {
    use crate::store::reconciliations;
    let mut checks: Vec<StatedCheck> = Vec::new();
    let Some(p) = places.get(place) else {
        return Ok(checks);
    };
    let existing = if balances.is_empty() {
        Vec::new()
    } else {
        reconciliations::all(tx)?
    };
    for b in balances {
        let owed = if p.kind.is_liability() { -b.amount } else { b.amount };
        let Some(cents) = (owed * rust_decimal::Decimal::ONE_HUNDRED)
            .round_dp(0)
            .to_string()
            .parse::<i64>()
            .ok()
            .filter(|c| c.abs() <= crate::domain::money::MAX_AMOUNT_CENTS)
        else {
            continue;
        };
        let stated = Money::from_cents(cents);
        if b.date < p.opened_on || checks.iter().any(|c| c.date == b.date && c.stated == stated) {
            continue;
        }
        let there = existing
            .iter()
            .any(|r| r.place == place && r.date == b.date && r.amount == stated);
        if !there {
            reconciliations::insert(tx, place, b.date, stated)?;
        }
        let state = super::State::load(tx, Some(b.date))?;
        checks.push(StatedCheck {
            date: b.date,
            stated,
            computed: super::reconcile::statement_balance(places, &state, place),
            recorded: !there,
        });
    }
    Ok(checks)
}

/// How often a payee must have been categorised the same way for `pfos rule suggest` to offer a rule.
pub const SUGGEST_TIMES: usize = 3;

/// A rule `pfos rule suggest` offers: a payee always categorised the same way.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleSuggestion {
    pub pattern: String,
    pub category: String,
    pub times: usize,
}

fn looks_like_payment(description: &str) -> bool {
    let text = description.to_lowercase();
    PAYMENT_WORDS.iter().any(|w| text.contains(w))
}

impl Ledger {
    pub fn add_rule(
        &mut self,
        pattern: &str,
        is_regex: bool,
        category: Option<&str>,
        transfer: Option<&str>,
    ) -> Result<i64> {
        self.store.write(|tx| {
            let places = Places::new(place_rows::all(tx)?);
            let action = match (category.map(str::trim), transfer) {
                (Some(""), _) => return refused("the category is empty; give one, like --category Groceries"),
                (Some(c), None) => {
                    crate::domain::text_rules::check_label(c, "category")?;
                    RuleAction::Category(c.to_string())
                }
                (None, Some(p)) => RuleAction::Transfer(resolve(&places, p)?),
                _ => return refused("a rule needs exactly one of --category CAT or --transfer PLACE"),
            };
            Rule::new(0, pattern, is_regex, action.clone()).map_err(crate::error::Error::Refused)?;
            let id = rule_rows::insert(tx, pattern, is_regex, &action)?;
            Ok((id, Change::new("rule", format!("add rule #{id} '{pattern}'"))))
        })
    }

    /// Payees (normalised descriptions) whose transactions were categorised the same way three times or
    /// more, every time they had a category other than "Uncategorized", that no rule matches yet: each as
    /// the pattern (the latest description) and the category. Most often first.
    pub fn suggest_rules(&self) -> Result<Vec<RuleSuggestion>> {
        let conn = self.store.conn();
        let rules: Vec<Rule> = rule_rows::all(conn)?
            .iter()
            .map(|r| r.compile())
            .collect::<std::result::Result<_, _>>()
            .map_err(crate::error::Error::Refused)?;
        let mut stmt = conn.prepare(
            "SELECT description, category FROM txns
             WHERE kind IN ('expense', 'income', 'refund') AND category IS NOT NULL AND splits IS NULL
               AND description <> '' AND lower(category) <> lower(?1)
             ORDER BY date, id",
        )?;
        let mut rows = stmt.query([UNCATEGORIZED])?;
        // payee → (latest description, category key → (spelling, times))
        type Seen = (String, std::collections::HashMap<String, (String, usize)>);
        let mut payees: std::collections::HashMap<String, Seen> = std::collections::HashMap::new();
        while let Some(row) = rows.next()? {
            let description: String = row.get(0)?;
            let category: String = row.get(1)?;
            let payee = payees.entry(normalize(&description)).or_default();
            payee.0 = description;
            payee
                .1
                .entry(crate::domain::category_key(&category))
                .or_insert((category, 0))
                .1 += 1;
        }
        let mut found: Vec<RuleSuggestion> = payees
            .into_values()
            .filter_map(|(description, categories)| {
                if categories.len() != 1 {
                    return None;
                }
                let (category, times) = categories.into_values().next()?;
                let pattern = description.trim().to_string();
                (times >= SUGGEST_TIMES && first_match(&rules, &pattern).is_none()).then_some(RuleSuggestion {
                    pattern,
                    category,
                    times,
                })
            })
            .collect();
        found.sort_by(|a, b| b.times.cmp(&a.times).then_with(|| a.pattern.cmp(&b.pattern)));
        Ok(found)
    }

    pub fn rules(&self) -> Result<Vec<rule_rows::RuleRow>> {
        Ok(rule_rows::all(self.store.conn())?)
    }

    pub fn delete_rule(&mut self, id: i64) -> Result<()> {
        self.store.write(|tx| {
            if rule_rows::delete(tx, id)? {
                Ok(((), Change::new("rule", format!("delete rule #{id}"))))
            } else {
                refused(format!("rule {id} does not exist; see 'pfos rule list' for ids"))
            }
        })
    }
}
