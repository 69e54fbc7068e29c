//! Importing a bank or card CSV into one place: rules, de-duplication and transfer matching, all in one
//! SQLite transaction (or none of it).

use super::import_read::{read_rows, FileKeys, Keyer, ReadItem, ReadRow, Rows};
use super::{locks, resolve, Ledger};
use crate::domain::rules::{Rule, RuleAction};
use crate::domain::txn::check_shape;
use crate::domain::{Money, Month, PlaceId, PlaceKind, Places, TxnDraft, TxnId, TxnKind};
use crate::error::Hint as Remedy;
use crate::error::{refused, refused_with, Refusal, Result};
use crate::io::bank_file::{self, Format, Hint, ReadOptions, StatedBalance};
use crate::io::csv_import::{BadRow, CsvFile, CsvOptions, CsvSource};
use crate::store::Change;
use crate::store::{imports, places as place_rows, rules as rule_rows, snapshots, txns};
use chrono::NaiveDate;
use rusqlite::Transaction;

/// The category of a row no rule or column categorised (the one the figures use for income without one).
pub use crate::domain::UNCATEGORIZED;
/// How far apart the two sides of one transfer may be dated.
const TRANSFER_MATCH_DAYS: u64 = 5;
/// Words that make money into a card look like a payment rather than a refund.
const PAYMENT_WORDS: &[&str] = &["payment", "thank you", "autopay", "auto pay", "pymt", "pago", "zahlung"];

pub use super::import_report::{FileAbout, ImportReport, ImportRequest, Outcome, PlannedRow, StatedCheck};

fn cannot_import(reason: impl Into<Refusal>) -> crate::error::Error {
    let refusal = reason.into();
    refusal
        .map_reason(|reason| format!("cannot import the file: {reason}; nothing was imported"))
        .into()
}

/// A file that is not what it should be, named (when it is a file on disk) with the reason.
fn cannot_import_named(source: CsvSource<'_>, format: Format, reason: impl Into<Refusal>) -> crate::error::Error {
    let name = match source {
        CsvSource::File(path) => format!("'{}'", path.display()),
        CsvSource::Bytes(_) => "the file".to_string(),
    };
    let refusal: Refusal = reason.into();
    refusal
        .map_reason(|reason| {
            format!(
                "cannot import {name} as {}: {reason}; nothing was imported",
                format.name()
            )
        })
        .into()
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
            let unarchive = Remedy::Unarchive { place: name.clone() };
            return refused_with(
                format!("'{name}' was archived on {on}; nothing was imported"),
                unarchive,
            );
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

    /// An OFX file, read as a stream (a pass to learn what it says, one to key its rows, one to import
    /// them), or a QIF or CAMT file, read whole; then imported as a CSV's rows are.
    fn import_statement(
        &mut self,
        req: ImportRequest<'_>,
        format: Format,
        place_id: PlaceId,
        place: PlaceKind,
        progress: &dyn Fn(usize, usize),
    ) -> Result<ImportReport> {
        let options = ReadOptions {
            account: req.account.clone(),
            date_format: req.options.date_format.clone(),
        };
        let named = |reason: Refusal| cannot_import_named(req.source, format, reason);
        if let CsvSource::File(path) = req.source {
            // A file that cannot be opened at all is an input-output error, as for every other file.
            std::fs::File::open(path).map_err(|source| crate::error::Error::Io {
                path: path.to_path_buf(),
                source,
            })?;
        }
        let (stream, whole);
        let (rows, about, balances, card) = if format == Format::Ofx {
            stream = bank_file::open_stream(req.source, &options).map_err(named)?;
            (
                Rows::Stream(&stream),
                stream.about.clone(),
                &stream.balances,
                stream.card,
            )
        } else {
            whole = read_whole(req.source, format, &options)?.map_err(named)?;
            (
                Rows::Statement(&whole),
                whole.about.clone(),
                &whole.balances,
                whole.card,
            )
        };
        match card {
            Some(true) if !place.is_liability() => {
                return Err(named(Refusal::from(format!(
                    "it is a card's statement, and '{}' is an account; import it into the card",
                    req.place
                ))))
            }
            Some(false) if place == PlaceKind::Card => {
                return Err(named(Refusal::from(format!(
                    "it is a bank account's statement, and '{}' is a card; import it into the account",
                    req.place
                ))))
            }
            _ => {}
        }
        let seen = FileKeys::gather(rows, place_id).map_err(cannot_import)?;
        let about = FileAbout::Statement { format, about };
        let settings = self.store.begin_bulk(crate::store::References::CheckedByCaller)?;
        let report = self.import_rows(&req, rows, about, balances, seen, place_id, progress);
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
                .map_err(crate::error::Error::refusal)?;
            let FileKeys {
                repeated,
                dates,
                payees,
            } = seen;
            let mut importer = Importer::new(tx, places, place_id, dates, &payees, dry_run)?;
            drop(payees);
            // The rows go in without a row image each; the log keeps their id range (see store::activity).
            let before = crate::store::activity::pause(tx)?;
            let mut rejected = Vec::new();
            let mut skipped = 0;
            let total = rows.records();
            let mut done = 0;
            let keyer = Keyer::new(place_id, repeated);
            read_rows(rows, keyer, &rules, |item| {
                match item {
                    ReadItem::Row(row) => {
                        let (line, date, amount) = (row.line, row.date.to_string(), row.signed_amount());
                        let text = row.description.clone();
                        match importer.row(row) {
                            Ok(()) => {}
                            Err(RowError::Rejected(reason)) => {
                                rejected.push(BadRow::new(line, reason, [&date, &amount, &text]));
                            }
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
            // A dry run shows the rejected rows with the others: it reports them rather than refusing.
            if !rejected.is_empty() && !req.skip_bad && !dry_run {
                let lines: Vec<String> = rejected
                    .iter()
                    .take(20)
                    .map(|b| format!("  line {}: {}", b.line, b.reason))
                    .collect();
                let more = rejected.len().saturating_sub(20);
                let reason = format!(
                    "{} row(s) cannot be imported, so nothing was imported:\n{}{}\n",
                    rejected.len(),
                    lines.join("\n"),
                    if more > 0 {
                        format!("\n  … and {more} more")
                    } else {
                        String::new()
                    }
                );
                return Refusal::new(reason).or("fix the file").hint(Remedy::SkipBadRows).err();
            }
            crate::store::activity::resume_with_range(tx, before, &importer.matched)?;
            // Only a transaction taking money from a bucket can leave one below zero: the whole replay that
            // checks it runs when this import added such a transaction.
            if importer.takes_from_bucket || importer.touches_archived {
                super::txns::revalidate(tx)?;
            }
            let checks = super::import_balances::record_balances(tx, places, place_id, balances)?;
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
            let what = format!(
                "import {format} into {}: {} transactions",
                places.name(place_id),
                report.imported()
            );
            Ok((report, Change::new("import", what)))
        })
    }
}

mod rows;
use rows::{Importer, RowError};

/// A QIF or CAMT file read whole: `Err` when it cannot be read, `Ok(Err(reason))` when it is not what it
/// should be.
fn read_whole(
    source: CsvSource<'_>,
    format: Format,
    options: &ReadOptions,
) -> Result<std::result::Result<bank_file::Statement, Refusal>> {
    let owned;
    let bytes: &[u8] = match source {
        CsvSource::Bytes(bytes) => bytes,
        CsvSource::File(path) => {
            owned = std::fs::read(path).map_err(|source| crate::error::Error::Io {
                path: path.to_path_buf(),
                source,
            })?;
            &owned
        }
    };
    Ok(bank_file::read(format, bytes, options))
}

fn looks_like_payment(description: &str) -> bool {
    if description.is_ascii() {
        // The words are ASCII: compared case aside without a lower-case copy.
        let text = description.as_bytes();
        return PAYMENT_WORDS
            .iter()
            .any(|w| text.windows(w.len()).any(|at| at.eq_ignore_ascii_case(w.as_bytes())));
    }
    let text = description.to_lowercase();
    PAYMENT_WORDS.iter().any(|w| text.contains(w))
}
