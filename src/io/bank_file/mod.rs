//! Bank files other than CSV: OFX/QFX (1.x SGML and 2.x XML, also read as a stream: see [`open_stream`]),
//! QIF and CAMT.053, read whole into one shape
//! the importer shares with the CSV reader's rows: dated, signed rows (money in positive, as seen from the
//! place imported into) with line numbers, an optional identity given by the bank (FITID, AcctSvcrRef) and
//! the balances the statement states. Pure readers: no database here.

mod camt;
mod ofx;
mod qif;
mod sgml;
mod stream;
mod text;
mod xml;

pub use stream::{open_stream, StatementStream};

use super::csv_import::{parse_amount, AmountCell, BadRow, DecimalMark};
use crate::error::{Hint as Remedy, Refusal};
use chrono::NaiveDate;
use rust_decimal::Decimal;

/// What a bank file is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Csv,
    Ofx,
    Qif,
    Camt,
}

impl Format {
    pub fn name(self) -> &'static str {
        match self {
            Format::Csv => "CSV",
            Format::Ofx => "OFX",
            Format::Qif => "QIF",
            Format::Camt => "CAMT.053",
        }
    }
}

/// What a row's kind is told by the file, besides its sign (OFX `TRNTYPE`): never overrules the sign.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hint {
    /// A payment or a transfer (`PAYMENT`, `XFER`): money into a card is a payment to it.
    Payment,
    /// Interest earned or charged (`INT`).
    Interest,
    /// A dividend (`DIV`).
    Dividend,
    /// A bank fee or service charge (`FEE`, `SRVCHG`).
    Fee,
}

impl Hint {
    /// The category a row of this kind takes when nothing else gives it one.
    pub fn category(self) -> Option<&'static str> {
        match self {
            Hint::Payment => None,
            Hint::Interest => Some("Interest"),
            Hint::Dividend => Some("Dividends"),
            Hint::Fee => Some("Fees"),
        }
    }
}

/// One line of a split record (QIF `S`/`E`/`$`), signed like the record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SplitPart {
    pub category: String,
    pub amount: Decimal,
}

/// One transaction of a statement: money in is positive, money out negative.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatementRow {
    /// The line the row starts on.
    pub line: u64,
    pub date: NaiveDate,
    pub description: String,
    pub amount: Decimal,
    pub category: Option<String>,
    /// A transfer to or from this place, named as in the file (QIF `L[Savings]`).
    pub transfer: Option<String>,
    /// Two or more category lines adding up to `amount` (QIF splits), each signed like it.
    pub splits: Vec<SplitPart>,
    /// What the bank identifies the row by (FITID, AcctSvcrRef or NtryRef): the same identity is the same
    /// transaction, whatever else changed; rows without one are told apart by their content, as in a CSV.
    pub identity: Option<String>,
    /// Which transaction of a record this is: a QIF split line to `[Account]` is a transfer of its own
    /// (parts 1, 2…), next to the rest of the record (part 0).
    pub part: u32,
    pub hint: Option<Hint>,
}

/// What one record of a statement is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Entry {
    Row(StatementRow),
    Bad(BadRow),
    /// A record with nothing to import: a zero amount, a QIF opening balance.
    Skipped,
}

/// A balance the bank states: OFX `LEDGERBAL`, CAMT `CLBD`. Signed as the bank prints it (a card's
/// balance owed is negative).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatedBalance {
    pub line: u64,
    pub date: NaiveDate,
    pub amount: Decimal,
}

/// A whole file read.
#[derive(Debug, Clone)]
pub struct Statement {
    pub format: Format,
    /// What pfos worked out about the file, in a few words ("OFX 1.02 (SGML), Windows-1252, …").
    pub about: String,
    pub entries: Vec<Entry>,
    pub balances: Vec<StatedBalance>,
    /// The file says it is a card's (OFX `CCSTMTRS`, QIF `!Type:CCard`), or an account's; `None` when it
    /// does not say.
    pub card: Option<bool>,
    /// Entries the bank has not booked yet (CAMT `PDNG`, OFX `HOLD`), left out.
    pub pending: usize,
}

/// What the reader needs told.
#[derive(Debug, Clone, Default)]
pub struct ReadOptions {
    /// Which account of a file holding several (OFX `ACCTID`, QIF `!Account` name, CAMT IBAN or id).
    pub account: Option<String>,
    /// The QIF date format, when its dates are ambiguous.
    pub date_format: Option<String>,
}

/// The format of a file, told from its first bytes: OFX and QFX (a header or `<OFX>`), QIF (a `!Type`,
/// `!Account` or `!Option` line), CAMT (XML that is not OFX), else CSV.
pub fn sniff(bytes: &[u8]) -> Format {
    let head = &bytes[..bytes.len().min(4096)];
    let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    let start = head.iter().position(|b| !b.is_ascii_whitespace()).unwrap_or(head.len());
    let text = &head[start..];
    let upper: Vec<u8> = text.iter().map(u8::to_ascii_uppercase).collect();
    let has = |needle: &[u8]| upper.windows(needle.len()).any(|w| w == needle);
    if upper.starts_with(b"OFXHEADER") || upper.starts_with(b"<OFX>") {
        return Format::Ofx;
    }
    if upper.starts_with(b"!TYPE") || upper.starts_with(b"!ACCOUNT") || upper.starts_with(b"!OPTION") {
        return Format::Qif;
    }
    // A QIF without its type line still ends its records with `^` lines (the QIF reader says what is wrong).
    if text.split(|b| *b == b'\n').any(|l| l.trim_ascii() == b"^") {
        return Format::Qif;
    }
    if upper.starts_with(b"<?XML") || upper.starts_with(b"<") {
        if has(b"<?OFX") || has(b"<OFX>") {
            return Format::Ofx;
        }
        return Format::Camt;
    }
    Format::Csv
}

/// Reads a whole OFX, QIF or CAMT file. A file-level problem (not that format, cut short, another message
/// type…) is an `Err` with the reason; a row that cannot be read is an [`Entry::Bad`] naming its line.
pub fn read(format: Format, bytes: &[u8], opts: &ReadOptions) -> Result<Statement, Refusal> {
    if bytes.is_empty() {
        return Err("the file is empty".into());
    }
    let mut statement = match format {
        Format::Ofx => ofx::read(bytes, opts),
        Format::Qif => qif::read(bytes, opts),
        Format::Camt => camt::read(bytes, opts),
        Format::Csv => Err(Refusal::new("a CSV file is read by the CSV reader")),
    }?;
    settle_identities(&mut statement.entries);
    Ok(statement)
}

/// An identity the file gives to rows of different dates or amounts identifies nothing (a bank that
/// writes the same reference everywhere): those rows are told apart by their content instead. Rows that
/// share an identity and agree on both are one transaction downloaded twice (overlapping statements).
fn settle_identities(entries: &mut [Entry]) {
    use std::collections::HashMap;
    let mut seen: HashMap<&str, (NaiveDate, Decimal, bool)> = HashMap::new();
    for e in entries.iter() {
        if let Entry::Row(r) = e {
            if let Some(id) = r.identity.as_deref() {
                let entry = seen.entry(id).or_insert((r.date, r.amount, true));
                if entry.0 != r.date || entry.1 != r.amount {
                    entry.2 = false;
                }
            }
        }
    }
    let unreliable: std::collections::HashSet<String> = seen
        .into_iter()
        .filter(|(_, (_, _, ok))| !ok)
        .map(|(id, _)| id.to_string())
        .collect();
    if unreliable.is_empty() {
        return;
    }
    for e in entries.iter_mut() {
        if let Entry::Row(r) = e {
            if r.identity.as_ref().is_some_and(|id| unreliable.contains(id)) {
                r.identity = None;
            }
        }
    }
}

/// Refuses bytes no text file holds (NUL, most control characters), naming where the first one is. A DOS
/// end-of-file mark (Ctrl-Z) at the very end is allowed, and dropped.
fn refuse_binary<'b>(bytes: &'b [u8], what: &str) -> Result<&'b [u8], String> {
    let bytes = bytes.strip_suffix(b"\x1a").unwrap_or(bytes);
    let bad = bytes
        .iter()
        .position(|b| *b == 0 || (*b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c)));
    match bad {
        Some(at) => Err(format!(
            "it holds binary data (byte {:#04x} at offset {at}), not {what} text",
            bytes[at]
        )),
        None => Ok(bytes),
    }
}

/// The text of the bytes: UTF-8 (a BOM dropped) when it is, else Windows-1252; and the encoding's name.
fn decode_text(bytes: &[u8], prefer_1252: bool) -> (String, &'static str) {
    let without_bom = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if !prefer_1252 || without_bom.is_ascii() {
        if let Ok(text) = std::str::from_utf8(without_bom) {
            return (text.to_string(), "UTF-8");
        }
    }
    let (text, _, _) = encoding_rs::WINDOWS_1252.decode(without_bom);
    (text.into_owned(), "Windows-1252")
}

/// An amount cell as the CSV reader reads one (its strict rules: the bank conventions, nothing else), with
/// at most two decimals. `Ok(None)` for an empty cell.
fn amount(cell: &str, mark: DecimalMark) -> Result<Option<Decimal>, String> {
    match parse_amount(cell, mark) {
        AmountCell::Empty => Ok(None),
        AmountCell::Unreadable => Err(format!("amount '{cell}' cannot be read")),
        AmountCell::Amount(a) if a.scale() > 2 => Err(format!("amount {a} has more than two decimal places")),
        AmountCell::Amount(a) => Ok(Some(a)),
    }
}

/// Several accounts in one file: the one the person names (exactly, or by the end of its number), or a
/// refusal naming them all.
fn choose_account<'a>(
    accounts: &'a [String],
    wanted: Option<&str>,
    flag_hint: &str,
) -> Result<Option<&'a str>, Refusal> {
    match (accounts, wanted) {
        ([], _) => Ok(None),
        ([only], None) => Ok(Some(only.as_str())),
        (_, None) => Err(Refusal::new(format!(
            "the file holds {} accounts ({})",
            accounts.len(),
            accounts.join(", "),
        ))
        .hint(Remedy::ChooseAccount {
            example: flag_hint.to_string(),
        })),
        (_, Some(w)) => {
            let w = w.trim();
            let exact = accounts.iter().find(|a| a.eq_ignore_ascii_case(w));
            let by_end: Vec<&String> = accounts
                .iter()
                .filter(|a| a.to_ascii_lowercase().ends_with(&w.to_ascii_lowercase()))
                .collect();
            match (exact, by_end.as_slice()) {
                (Some(a), _) => Ok(Some(a.as_str())),
                (None, [a]) => Ok(Some(a.as_str())),
                (None, []) => Err(Refusal::new(format!(
                    "the file holds no account '{w}'; it holds {}",
                    accounts.join(", ")
                ))),
                (None, _) => Err(Refusal::new(format!(
                    "'{w}' matches {} accounts of the file; give more of it",
                    by_end.len()
                ))),
            }
        }
    }
}

#[cfg(test)]
mod tests;
