//! How an import reads its file: a first pass finds the keys that occur more than once and the dates the
//! file covers ([`FileKeys`]); then the rows are read on a second thread, each parsed, given its
//! fingerprint's hash (with its occurrence in the file) and matched against the rules while the importer
//! writes the rows before it. The rows reach the importer in file order, a chunk at a time; only a few
//! chunks are ever in flight.

use crate::domain::rules::{first_match, Rule, RuleAction};
use crate::domain::{Money, PlaceId, Split};
use crate::error::Result;
use crate::io::bank_file::{Entry, Hint, Statement, StatementRow, StatementStream};
use crate::io::csv_import::{BadRow, CsvFile, Item, Row};
use crate::store::imports;
use chrono::NaiveDate;
use std::collections::{HashMap, HashSet};
use std::sync::mpsc::{sync_channel, SyncSender};

/// Rows per message between the threads.
const CHUNK_ROWS: usize = 1024;
/// Bytes of text per message at most: with rows of long descriptions a chunk fills up on bytes before
/// rows, so what is in flight stays a few MiB whatever the file holds.
const CHUNK_BYTES: usize = 1024 * 1024;
/// Messages the reader may be ahead by.
const CHUNKS_AHEAD: usize = 4;

/// One readable row, ready for the importer.
#[derive(Debug, Clone)]
pub(super) struct ReadRow {
    pub line: u64,
    pub date: NaiveDate,
    /// The amount, positive; `money_in` tells its direction as seen from the imported place.
    pub amount: Money,
    pub money_in: bool,
    pub description: String,
    /// The payee: the hash of the description as compared (see [`payee_of`]), for learned categories.
    pub payee: u64,
    pub category: Option<String>,
    /// The hash of the row's fingerprint (see `store::imports`).
    pub hash: i64,
    /// What the first matching rule does with the row.
    pub rule: Option<RuleAction>,
    /// The file's split of the row into categories (positive lines adding up to the amount).
    pub splits: Vec<Split>,
    /// The file makes the row a transfer with the place of this name (QIF `[Account]`).
    pub transfer: Option<String>,
    pub hint: Option<Hint>,
    /// The fingerprint is the bank's identity for the row (FITID…), the same in every download.
    pub identified: bool,
}

impl ReadRow {
    /// The amount as the file signs it: money in positive, money out negative.
    pub fn signed_amount(&self) -> String {
        if self.money_in {
            self.amount.to_string()
        } else {
            (-self.amount).to_string()
        }
    }
}

/// What one record of the file is, for the importer.
#[derive(Debug, Clone)]
pub(super) enum ReadItem {
    Row(ReadRow),
    Rejected(BadRow),
    /// No amount, or a summary line.
    Skipped,
}

impl ReadItem {
    /// About how much memory the item holds: its text and a row's fixed part.
    fn weight(&self) -> usize {
        const FIXED: usize = 128;
        FIXED
            + match self {
                ReadItem::Row(r) => {
                    r.description.len()
                        + r.category.as_ref().map_or(0, String::len)
                        + r.splits.iter().map(|l| l.category.len() + 16).sum::<usize>()
                }
                ReadItem::Rejected(bad) => bad.reason.len(),
                ReadItem::Skipped => 0,
            }
    }
}

/// Gives each row its fingerprint: place, date, signed amount, description as compared, and which
/// occurrence of that key in the file the row is.
pub(super) struct Keyer {
    place: PlaceId,
    /// Hashes of the keys that occur more than once in the file (see `FileKeys`).
    repeated: HashSet<u32>,
    /// How often each key seen more than once in the file has come so far.
    occurrences: HashMap<String, usize>,
    key: String,
}

impl Keyer {
    pub fn new(place: PlaceId, repeated: HashSet<u32>) -> Keyer {
        Keyer {
            place,
            repeated,
            occurrences: HashMap::new(),
            key: String::new(),
        }
    }

    /// The hash of the next row's fingerprint and the row's payee; rows must come in file order.
    fn hash(&mut self, date: NaiveDate, signed_cents: i64, description: &str) -> (i64, u64) {
        self.hash_part(date, signed_cents, description, 0)
    }

    /// The hash of a row's fingerprint, for the part of a record it is (see [`write_key_part`]), and the
    /// row's payee.
    fn hash_part(&mut self, date: NaiveDate, signed_cents: i64, description: &str, part: u32) -> (i64, u64) {
        let payee = write_key_part(&mut self.key, self.place, date, signed_cents, description, part);
        let payee = payee_hash(&self.key[payee]);
        let seen = if self
            .repeated
            .contains(&short_hash(imports::fingerprint_hash(&self.key) as u64))
        {
            let seen = self.occurrences.entry(self.key.clone()).or_insert(0);
            *seen += 1;
            *seen - 1
        } else {
            0
        };
        // The fingerprint is the key and its occurrence.
        self.key.push('|');
        push_int(&mut self.key, i64::try_from(seen).unwrap_or(i64::MAX));
        (imports::fingerprint_hash(&self.key), payee)
    }

    fn read(&mut self, item: Item<'_>, rules: &[Rule]) -> ReadItem {
        match item {
            Item::Row(row) => self.read_row(&row, rules),
            Item::Bad(bad) => ReadItem::Rejected(bad),
            Item::Skipped => ReadItem::Skipped,
        }
    }

    fn read_row(&mut self, row: &Row<'_>, rules: &[Rule]) -> ReadItem {
        let amount = match Money::positive_of(row.amount) {
            Ok(amount) => amount,
            Err(e) => {
                let cells = [&row.date.to_string(), &row.amount.to_string(), row.description];
                return ReadItem::Rejected(BadRow::new(row.line, e.to_string(), cells));
            }
        };
        let money_in = row.amount.is_sign_positive();
        let signed_cents = if money_in { amount.cents() } else { -amount.cents() };
        let (hash, payee) = self.hash(row.date, signed_cents, row.description);
        ReadItem::Row(ReadRow {
            line: row.line,
            date: row.date,
            amount,
            money_in,
            description: row.description.to_string(),
            payee,
            category: row.category.map(str::to_string),
            hash,
            rule: first_match(rules, row.description).map(|r| r.action.clone()),
            splits: Vec::new(),
            transfer: None,
            hint: None,
            identified: false,
        })
    }

    fn read_entry(&mut self, entry: &Entry, rules: &[Rule]) -> ReadItem {
        match entry {
            Entry::Row(row) => self.read_statement_row(row, rules),
            Entry::Bad(bad) => ReadItem::Rejected(bad.clone()),
            Entry::Skipped => ReadItem::Skipped,
        }
    }

    fn read_statement_row(&mut self, row: &StatementRow, rules: &[Rule]) -> ReadItem {
        let cells = [&row.date.to_string(), &row.amount.to_string(), row.description.as_str()];
        let rejected = |reason: String| ReadItem::Rejected(BadRow::new(row.line, reason, cells));
        let amount = match Money::positive_of(row.amount) {
            Ok(amount) => amount,
            Err(e) => return rejected(e.to_string()),
        };
        let mut splits = Vec::with_capacity(row.splits.len());
        for line in &row.splits {
            match Money::positive_of(line.amount) {
                Ok(a) => splits.push(Split {
                    category: if line.category.trim().is_empty() {
                        super::import::UNCATEGORIZED.to_string()
                    } else {
                        line.category.clone()
                    },
                    amount: a,
                }),
                Err(e) => return rejected(format!("a split line: {e}")),
            }
        }
        let money_in = row.amount.is_sign_positive();
        let signed_cents = if money_in { amount.cents() } else { -amount.cents() };
        let (hash, payee) = match &row.identity {
            Some(identity) => {
                use std::fmt::Write;
                self.key.clear();
                push_normalized(&mut self.key, &row.description);
                let payee = payee_hash(&self.key);
                self.key.clear();
                let _ = write!(self.key, "{}|id|{identity}", self.place);
                if row.part > 0 {
                    let _ = write!(self.key, "|p{}", row.part);
                }
                (imports::fingerprint_hash(&self.key), payee)
            }
            None => self.hash_part(row.date, signed_cents, &row.description, row.part),
        };
        ReadItem::Row(ReadRow {
            line: row.line,
            date: row.date,
            amount,
            money_in,
            description: row.description.clone(),
            payee,
            category: row.category.clone(),
            hash,
            rule: first_match(rules, &row.description).map(|r| r.action.clone()),
            splits,
            transfer: row.transfer.clone(),
            hint: row.hint,
            identified: row.identity.is_some(),
        })
    }
}

/// The rows an import reads: a CSV file or a statement (OFX), read as a stream, or a statement read whole.
#[derive(Clone, Copy)]
pub(super) enum Rows<'f, 'a> {
    Csv(&'f CsvFile<'a>),
    Stream(&'f StatementStream<'a>),
    Statement(&'f Statement),
}

impl Rows<'_, '_> {
    /// How many records there are, for progress.
    pub fn records(&self) -> usize {
        match self {
            Rows::Csv(file) => file.data_records,
            Rows::Stream(s) => s.entries,
            Rows::Statement(s) => s.entries.len(),
        }
    }
}

/// The duplicate-detection key of a row: place, date, signed amount, description; written into `out`.
pub(super) fn write_key(
    out: &mut String,
    place: PlaceId,
    date: NaiveDate,
    signed_cents: i64,
    description: &str,
) -> std::ops::Range<usize> {
    write_key_part(out, place, date, signed_cents, description, 0)
}

/// [`write_key`] of one part of a record that makes several transactions (a QIF split line to
/// `[Account]` is its own transfer): part 0 keys as a whole row does, part N ends in `|pN`. Returns where
/// in `out` the description as compared is.
pub(super) fn write_key_part(
    out: &mut String,
    place: PlaceId,
    date: NaiveDate,
    signed_cents: i64,
    description: &str,
    part: u32,
) -> std::ops::Range<usize> {
    out.clear();
    push_int(out, place);
    out.push('|');
    crate::domain::calendar::push_iso_date(out, date);
    out.push('|');
    push_int(out, signed_cents);
    out.push('|');
    let start = out.len();
    push_normalized(out, description);
    let payee = start..out.len();
    if part > 0 {
        out.push_str("|p");
        push_int(out, i64::from(part));
    }
    payee
}

/// 32 bits of a 64-bit hash: what the first pass keeps of each row's key and payee (a million rows in
/// 4 MB each). Two keys that share them are both counted by name, two payees both looked up: a little
/// more work for a few rows, never a different result.
pub(super) fn short_hash(hash: u64) -> u32 {
    (hash >> 32) as u32
}

/// A payee's key: the hash of a description as compared (see [`normalize`]).
pub(super) fn payee_hash(normalized: &str) -> u64 {
    xxhash_rust::xxh3::xxh3_64(normalized.as_bytes())
}

/// The payee of a description ([`payee_hash`] of it as compared), `scratch` holding the text meanwhile.
pub(super) fn payee_of(scratch: &mut String, description: &str) -> u64 {
    scratch.clear();
    push_normalized(scratch, description);
    payee_hash(scratch)
}

/// Appends an integer in decimal, as `{n}` would write it.
fn push_int(out: &mut String, n: i64) {
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    let mut rest = n.unsigned_abs();
    loop {
        at -= 1;
        digits[at] = b'0' + (rest % 10) as u8;
        rest /= 10;
        if rest == 0 {
            break;
        }
    }
    if n < 0 {
        out.push('-');
    }
    out.extend(digits[at..].iter().map(|d| char::from(*d)));
}

/// What one pass over the file tells before anything is written: which keys occur more than once (so only
/// those need counting by name) and the dates the file covers.
pub(super) struct FileKeys {
    /// The [`short_hash`]es of the keys seen more than once (one seen once is a key seen once).
    pub repeated: HashSet<u32>,
    pub dates: Option<(NaiveDate, NaiveDate)>,
    /// The [`short_hash`]es of the payees of the file's rows (see [`payee_of`]), sorted, each once: the
    /// ones whose learned categories the import needs.
    pub payees: Vec<u32>,
}

impl FileKeys {
    pub fn gather(rows: Rows<'_, '_>, place: PlaceId) -> std::result::Result<FileKeys, String> {
        let mut hashes = Vec::with_capacity(rows.records());
        let mut payees = Vec::with_capacity(rows.records());
        let mut dates: Option<(NaiveDate, NaiveDate)> = None;
        let mut key = String::new();
        let mut widen = false;
        let mut add = |date: NaiveDate| {
            dates = Some(dates.map_or((date, date), |(a, b)| (a.min(date), b.max(date))));
        };
        match rows {
            Rows::Csv(file) => {
                let mut rows = file.rows()?;
                while let Some(item) = rows.next()? {
                    let Item::Row(row) = item else { continue };
                    let Some(cents) = cents_of(row.amount) else { continue };
                    add(row.date);
                    let payee = write_key(&mut key, place, row.date, cents, row.description);
                    payees.push(short_hash(payee_hash(&key[payee])));
                    hashes.push(short_hash(imports::fingerprint_hash(&key) as u64));
                }
            }
            Rows::Stream(_) | Rows::Statement(_) => {
                let mut gather = |entry: &Entry| {
                    let Entry::Row(row) = entry else { return };
                    let Some(cents) = cents_of(row.amount) else { return };
                    add(row.date);
                    if row.identity.is_some() {
                        widen = true;
                        payees.push(short_hash(payee_of(&mut key, &row.description)));
                        return;
                    }
                    let payee = write_key_part(&mut key, place, row.date, cents, &row.description, row.part);
                    payees.push(short_hash(payee_hash(&key[payee])));
                    hashes.push(short_hash(imports::fingerprint_hash(&key) as u64));
                };
                match rows {
                    Rows::Stream(stream) => stream.each(&mut |entry| {
                        gather(&entry);
                        Ok(())
                    })?,
                    Rows::Statement(statement) => statement.entries.iter().for_each(gather),
                    Rows::Csv(_) => {}
                }
            }
        }
        hashes.sort_unstable();
        let repeated = hashes.windows(2).filter(|w| w[0] == w[1]).map(|w| w[0]).collect();
        drop(hashes);
        payees.sort_unstable();
        payees.dedup();
        payees.shrink_to_fit();
        if widen {
            // A row the bank identifies is found again even when its date moved (a pending row posted a
            // few days later keeps its FITID).
            let days = chrono::Days::new(IDENTITY_SLACK_DAYS);
            dates = dates.map(|(a, b)| {
                (
                    a.checked_sub_days(days).unwrap_or(a),
                    b.checked_add_days(days).unwrap_or(b),
                )
            });
        }
        Ok(FileKeys {
            repeated,
            dates,
            payees,
        })
    }
}

/// How far around the file's dates rows already imported are looked up by the bank's identity.
const IDENTITY_SLACK_DAYS: u64 = 31;

/// The signed amount in cents, as `Money` would give it, when it fits.
fn cents_of(amount: rust_decimal::Decimal) -> Option<i64> {
    if amount.scale() <= 2 {
        let cents = amount.mantissa().checked_mul(10i128.pow(2 - amount.scale()))?;
        return i64::try_from(cents).ok();
    }
    let scaled = amount.checked_mul(rust_decimal::Decimal::ONE_HUNDRED)?;
    if !scaled.fract().is_zero() {
        return None;
    }
    i64::try_from(scaled).ok()
}

/// Lower case, single spaces: how descriptions are compared for duplicates, and how a payee is known
/// again for its learned category.
pub(super) fn normalize(description: &str) -> String {
    description
        .to_lowercase()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Appends [`normalize`]`(description)` to `out`, without allocating for plain ASCII.
fn push_normalized(out: &mut String, description: &str) {
    if !description.is_ascii() {
        out.push_str(&normalize(description));
        return;
    }
    // The ASCII characters `char::is_whitespace` takes for white space.
    let space = |b: &u8| matches!(b, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r');
    // One pass: a run of white space is one space, and none at either end.
    let mut gap = false;
    let start = out.len();
    for b in description.bytes() {
        if space(&b) {
            gap = out.len() > start;
        } else {
            if gap {
                out.push(' ');
                gap = false;
            }
            out.push(char::from(b.to_ascii_lowercase()));
        }
    }
}

/// Reads every row of `file` on a second thread and hands each to `each`, in file order. Stops reading
/// when `each` fails (that error is returned); a file that cannot be read to its end is `Err(reason)`
/// inside the `Ok`, after every row before the fault has been handed on.
pub(super) fn read_rows(
    rows: Rows<'_, '_>,
    mut keyer: Keyer,
    rules: &[Rule],
    mut each: impl FnMut(ReadItem) -> Result<()>,
) -> Result<std::result::Result<(), String>> {
    let source = match rows {
        Rows::Csv(file) => Streamed::Csv(file),
        Rows::Stream(stream) => Streamed::Statement(stream),
        Rows::Statement(statement) => {
            // Read already: each entry is keyed and handed on here, in file order.
            for entry in &statement.entries {
                each(keyer.read_entry(entry, rules))?;
            }
            return Ok(Ok(()));
        }
    };
    std::thread::scope(|scope| {
        let (send, receive) = sync_channel(CHUNKS_AHEAD);
        let reader = std::thread::Builder::new()
            .name("pfos-import-reader".into())
            .spawn_scoped(scope, move || match source {
                Streamed::Csv(file) => read_into(file, keyer, rules, &send),
                Streamed::Statement(stream) => read_stream_into(stream, keyer, rules, &send),
            })
            .map_err(|e| {
                crate::error::Error::refusal(format!("cannot start reading the file ({e}); nothing was imported"))
            })?;
        let mut outcome = Ok(Ok(()));
        'messages: for message in &receive {
            match message {
                Ok(chunk) => {
                    for item in chunk {
                        if let Err(e) = each(item) {
                            outcome = Err(e);
                            break 'messages;
                        }
                    }
                }
                Err(reason) => {
                    outcome = Ok(Err(reason));
                    break;
                }
            }
        }
        // The reader stops at its next message once nobody is listening.
        drop(receive);
        if reader.join().is_err() && matches!(outcome, Ok(Ok(()))) {
            outcome = Ok(Err("the file's reader stopped unexpectedly".into()));
        }
        outcome
    })
}

type Message = std::result::Result<Vec<ReadItem>, String>;

/// What the reading thread reads.
enum Streamed<'f, 'a> {
    Csv(&'f CsvFile<'a>),
    Statement(&'f StatementStream<'a>),
}

/// Read rows gathered into messages of [`CHUNK_ROWS`] rows or [`CHUNK_BYTES`] of text.
struct Chunks<'s> {
    chunk: Vec<ReadItem>,
    bytes: usize,
    send: &'s SyncSender<Message>,
}

impl Chunks<'_> {
    /// Adds an item, sending the chunk when full; false once nobody is listening.
    fn push(&mut self, item: ReadItem) -> bool {
        self.bytes += item.weight();
        self.chunk.push(item);
        if self.chunk.len() < CHUNK_ROWS && self.bytes < CHUNK_BYTES {
            return true;
        }
        self.bytes = 0;
        let full = std::mem::replace(&mut self.chunk, Vec::with_capacity(CHUNK_ROWS));
        self.send.send(Ok(full)).is_ok()
    }
}

/// Said by the reading thread's callback when the importer stopped listening.
const NOBODY_LISTENS: &str = "nobody listens";

/// The reading thread of a statement read as a stream: chunks of entries, then a fault if any.
fn read_stream_into(stream: &StatementStream<'_>, mut keyer: Keyer, rules: &[Rule], send: &SyncSender<Message>) {
    let mut chunks = Chunks {
        chunk: Vec::with_capacity(CHUNK_ROWS),
        bytes: 0,
        send,
    };
    let read = stream.each(&mut |entry| {
        if chunks.push(keyer.read_entry(&entry, rules)) {
            Ok(())
        } else {
            Err(NOBODY_LISTENS.into())
        }
    });
    match read {
        Ok(()) => {
            let _ = send.send(Ok(chunks.chunk));
        }
        Err(reason) if reason == NOBODY_LISTENS => {}
        Err(reason) => {
            if send.send(Ok(std::mem::take(&mut chunks.chunk))).is_ok() {
                let _ = send.send(Err(reason));
            }
        }
    }
}

/// The reading thread: chunks of rows, then a fault if the file has one.
fn read_into(file: &CsvFile<'_>, mut keyer: Keyer, rules: &[Rule], send: &SyncSender<Message>) {
    let mut rows = match file.rows() {
        Ok(rows) => rows,
        Err(reason) => {
            let _ = send.send(Err(reason));
            return;
        }
    };
    let mut chunk = Vec::with_capacity(CHUNK_ROWS);
    let mut bytes = 0;
    loop {
        match rows.next() {
            Ok(Some(item)) => {
                let item = keyer.read(item, rules);
                bytes += item.weight();
                chunk.push(item);
                if chunk.len() == CHUNK_ROWS || bytes >= CHUNK_BYTES {
                    bytes = 0;
                    let full = std::mem::replace(&mut chunk, Vec::with_capacity(CHUNK_ROWS));
                    if send.send(Ok(full)).is_err() {
                        return;
                    }
                }
            }
            Ok(None) => break,
            Err(reason) => {
                if send.send(Ok(chunk)).is_ok() {
                    let _ = send.send(Err(reason));
                }
                return;
            }
        }
    }
    let _ = send.send(Ok(chunk));
}

#[cfg(test)]
mod tests;
