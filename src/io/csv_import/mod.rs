//! Reading bank and card CSV files: encoding, delimiter, header, columns, date format and amounts,
//! worked out from the file itself, with flags to override every guess.

mod columns;
mod source;
#[cfg(test)]
mod text;
mod values;

pub use values::{decimal_mark_vote, human_date_format, parse_amount, parse_date_with, AmountCell, DecimalMark};

use crate::error::{Hint, Refusal};
use chrono::NaiveDate;
use columns::{choose_columns, find_header, Columns, HeaderRow, HEADER_SEARCH};
use rust_decimal::Decimal;
pub use source::CsvSource;

use source::{Decoded, Record, Records};
use values::DATE_FORMATS;

/// Flags that override what pfos would guess.
#[derive(Debug, Clone, Default)]
pub struct CsvOptions {
    pub date_col: Option<String>,
    pub amount_col: Option<String>,
    pub debit_col: Option<String>,
    pub credit_col: Option<String>,
    pub desc_col: Option<String>,
    pub negate: bool,
    pub date_format: Option<String>,
    pub delimiter: Option<char>,
    /// The file is a card's: charges are money out even when printed as positive numbers.
    pub is_card: bool,
}

/// One readable row: money in is positive, money out negative, seen from the imported place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BankRow {
    pub line: u64,
    pub date: NaiveDate,
    pub description: String,
    pub amount: Decimal,
    pub category: Option<String>,
}

/// A row that cannot be imported: its line, what the file says in it, and why.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BadRow {
    pub line: u64,
    /// The row's date, amount and text as the file has them (empty where it has none).
    pub date: String,
    pub amount: String,
    pub text: String,
    pub reason: String,
}

impl BadRow {
    /// A row refused for `reason`, with what the file says in it.
    pub fn new(line: u64, reason: String, cells: [&str; 3]) -> BadRow {
        let [date, amount, text] = cells.map(str::to_string);
        BadRow {
            line,
            date,
            amount,
            text,
            reason,
        }
    }
}

/// What pfos worked out about the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Detected {
    pub encoding: &'static str,
    pub delimiter: char,
    /// The header's line; `None` for a file without one (its columns given by number).
    pub header_line: Option<u64>,
    pub date_format: &'static str,
    pub decimal_mark: DecimalMark,
    pub header: Vec<String>,
    pub columns: Columns,
    /// Amounts were turned around (by `--negate` or because card charges were printed positive).
    pub negated: bool,
}

/// A whole file read.
#[derive(Debug, Clone)]
pub struct ParsedCsv {
    pub rows: Vec<BankRow>,
    pub bad: Vec<BadRow>,
    /// Rows with no amount (a "beginning balance" line) or summary lines, skipped.
    pub skipped: usize,
    pub detected: Detected,
}

/// The delimiters a person can name, and what each is: `,` `;` `|` as themselves, `tab` (or `\t`)
/// for a tab. `None` for any other name.
pub fn delimiter_named(name: &str) -> Option<char> {
    match name {
        "tab" | "\\t" | "\t" => Some('\t'),
        "," | ";" | "|" => name.chars().next(),
        _ => None,
    }
}

/// Reads a CSV file's bytes whole. A file-level problem (no header, ambiguous dates…) is an `Err` with the reason.
pub fn parse(bytes: &[u8], opts: &CsvOptions) -> Result<ParsedCsv, Refusal> {
    let file = CsvFile::open(CsvSource::Bytes(bytes), opts)?;
    let mut out = ParsedCsv {
        rows: Vec::new(),
        bad: Vec::new(),
        skipped: 0,
        detected: file.detected.clone(),
    };
    let mut rows = file.rows()?;
    while let Some(item) = rows.next()? {
        match item {
            Item::Row(r) => out.rows.push(BankRow {
                line: r.line,
                date: r.date,
                description: r.description.to_string(),
                amount: r.amount,
                category: r.category.map(str::to_string),
            }),
            Item::Bad(b) => out.bad.push(b),
            Item::Skipped => out.skipped += 1,
        }
    }
    Ok(out)
}

/// One readable row, borrowed from the reader: money in is positive, money out negative.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Row<'r> {
    pub line: u64,
    pub date: NaiveDate,
    pub description: &'r str,
    pub amount: Decimal,
    pub category: Option<&'r str>,
}

/// What one record of the file is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Item<'r> {
    Row(Row<'r>),
    Bad(BadRow),
    /// No amount (a "beginning balance" line), or a summary line.
    Skipped,
}

/// A file whose shape has been worked out, read again row by row as often as needed: no more than one
/// record of it is held at a time.
pub struct CsvFile<'a> {
    decoded: Decoded<'a>,
    delimiter: u8,
    /// Records (blank ones aside) up to and including the header.
    before_data: usize,
    /// Records after the header, blank ones aside.
    pub data_records: usize,
    pub detected: Detected,
}

/// The cells of a record, wherever they are kept.
trait Cells {
    fn cell(&self, i: usize) -> Option<&str>;
}

impl Cells for Record {
    fn cell(&self, i: usize) -> Option<&str> {
        self.get(i)
    }
}

impl Cells for Vec<String> {
    fn cell(&self, i: usize) -> Option<&str> {
        self.get(i).map(String::as_str)
    }
}

/// What the first pass gathers from the data records for the decimal mark and date format guesses.
struct Tally {
    comma: usize,
    point: usize,
    dates: Option<DateTally>,
    records: usize,
}

impl Tally {
    fn add(&mut self, record: &impl Cells, columns: &Columns) {
        self.records += 1;
        for i in [columns.amount, columns.debit, columns.credit].into_iter().flatten() {
            match record.cell(i).and_then(values::decimal_mark_vote) {
                Some(DecimalMark::Comma) => self.comma += 1,
                Some(DecimalMark::Point) => self.point += 1,
                None => {}
            }
        }
        if let (Some(dates), Some(cell)) = (&mut self.dates, record.cell(columns.date.unwrap_or(0))) {
            dates.add(cell);
        }
    }
}

const FORMATS: usize = DATE_FORMATS.len();
// DateTally keeps the formats that read a cell as the bits of a u16.
const _: () = assert!(FORMATS <= 16);

/// Each date format's readings of the date column, gathered a cell at a time.
struct DateTally {
    read: [usize; FORMATS],
    first: [Option<NaiveDate>; FORMATS],
    last: [Option<NaiveDate>; FORMATS],
    /// Two formats read some cell differently.
    disagree: [[bool; FORMATS]; FORMATS],
    /// Cells already tallied, with the formats that read them (bit `i` for `DATE_FORMATS[i]`): a bank
    /// file repeats each date many times, and a repeat changes only the counts.
    seen: std::collections::HashMap<String, u16>,
    /// The last cell and its formats: the rows of one day usually come one after another.
    previous: (String, u16),
}

/// How many distinct date cells [`DateTally`] remembers (cells with times of day may all differ)…
const DATE_CELLS_KEPT: usize = 8192;
/// …and how long one may be ("2025-11-01T23:59:59.999999+01:00" is 32 bytes): a longer one is read each
/// time it comes, so that what is kept stays small whatever the file.
const DATE_CELL_KEPT_BYTES: usize = 64;

impl DateTally {
    fn new() -> DateTally {
        DateTally {
            read: [0; FORMATS],
            first: [None; FORMATS],
            last: [None; FORMATS],
            disagree: [[false; FORMATS]; FORMATS],
            seen: std::collections::HashMap::new(),
            previous: (String::new(), 0),
        }
    }

    fn add(&mut self, cell: &str) {
        if cell.trim().is_empty() {
            return;
        }
        let known = if !self.previous.0.is_empty() && self.previous.0 == cell {
            Some(self.previous.1)
        } else {
            self.seen.get(cell).copied()
        };
        if let Some(read_by) = known {
            for (i, read) in self.read.iter_mut().enumerate() {
                *read += usize::from(read_by & (1 << i) != 0);
            }
            if self.previous.0 != cell {
                self.previous.0.clear();
                self.previous.0.push_str(cell);
                self.previous.1 = read_by;
            }
            return;
        }
        let mut dates = [None; FORMATS];
        for (i, (format, _)) in DATE_FORMATS.iter().enumerate() {
            dates[i] = parse_date_with(cell, format);
            if let Some(d) = dates[i] {
                self.read[i] += 1;
                self.first[i] = Some(self.first[i].map_or(d, |f| f.min(d)));
                self.last[i] = Some(self.last[i].map_or(d, |l| l.max(d)));
            }
        }
        for a in 0..FORMATS {
            for b in a + 1..FORMATS {
                if dates[a] != dates[b] {
                    self.disagree[a][b] = true;
                    self.disagree[b][a] = true;
                }
            }
        }
        let read_by = (0..FORMATS)
            .filter(|i| dates[*i].is_some())
            .fold(0u16, |m, i| m | 1 << i);
        // Read again, the same cell counts the same and moves no first or last date: remembering the
        // last one, however long, changes nothing but the time.
        self.previous.0.clear();
        self.previous.0.push_str(cell);
        self.previous.1 = read_by;
        if self.seen.len() < DATE_CELLS_KEPT && cell.len() <= DATE_CELL_KEPT_BYTES {
            self.seen.insert(cell.to_string(), read_by);
        }
    }

    fn span(&self, i: usize) -> i64 {
        match (self.first[i], self.last[i]) {
            (Some(a), Some(b)) => (b - a).num_days(),
            _ => 0,
        }
    }
}

impl<'a> CsvFile<'a> {
    /// Works out the encoding, delimiter, header, columns, date format, decimal mark and sign of the file,
    /// reading it through once (twice for a card file with one amount column).
    pub fn open(source: CsvSource<'a>, opts: &CsvOptions) -> Result<CsvFile<'a>, Refusal> {
        let decoded = source.decode()?;
        let delimiter = match opts.delimiter {
            Some(d) => d,
            None => sniff_delimiter(&decoded.sample_lines(60)?),
        };
        let delimiter_byte = u8::try_from(delimiter)
            .map_err(|_| format!("the delimiter '{delimiter}' is not a single-byte character"))?;
        let mut records = decoded.records(delimiter_byte)?;
        let mut record = Record::default();
        let mut head: Vec<(u64, Vec<String>)> = Vec::new();
        let mut shape: Option<Result<Shape, Refusal>> = None;
        let mut tally = Tally {
            comma: 0,
            point: 0,
            dates: opts.date_format.is_none().then(DateTally::new),
            records: 0,
        };
        let first_rows = |head: &[(u64, Vec<String>)], tally: &mut Tally| {
            let shape = find_header(head, opts).and_then(|header| {
                let columns = choose_columns(&header.cells, opts)?;
                Ok((header, columns))
            });
            if let Ok((header, columns)) = &shape {
                for (_, r) in &head[header.data_from()..] {
                    tally.add(r, columns);
                }
            }
            shape
        };
        // Every record is read even once the header is known to be missing: a record that cannot be read
        // is the first thing to tell.
        while let Some(line) = records.next_into(&mut record)? {
            match &shape {
                None => {
                    head.push((line, record.to_strings()));
                    if head.len() == HEADER_SEARCH {
                        shape = Some(first_rows(&head, &mut tally));
                    }
                }
                Some(Ok((_, columns))) => tally.add(&record, columns),
                Some(Err(_)) => {}
            }
        }
        drop(records);
        if head.is_empty() {
            return Err("the file has no rows".into());
        }
        let (header, columns) = match shape {
            Some(shape) => shape?,
            None => first_rows(&head, &mut tally)?,
        };
        let decimal_mark = if tally.comma > tally.point {
            DecimalMark::Comma
        } else {
            DecimalMark::Point
        };
        let date_format = choose_date_format(tally.dates.as_ref(), opts)?;
        let mut file = CsvFile {
            decoded,
            delimiter: delimiter_byte,
            before_data: header.data_from(),
            data_records: tally.records,
            detected: Detected {
                encoding: "",
                delimiter,
                header_line: (!header.is_data).then(|| head[header.index].0),
                date_format,
                decimal_mark,
                header: header.cells,
                columns,
                negated: false,
            },
        };
        file.detected.encoding = file.decoded.encoding;
        if opts.is_card && file.detected.columns.amount.is_some() {
            let (mut positive, mut negative) = (0usize, 0usize);
            let mut rows = file.rows()?;
            while let Some(item) = rows.next()? {
                if let Item::Row(r) = item {
                    positive += usize::from(r.amount.is_sign_positive());
                    negative += usize::from(r.amount.is_sign_negative());
                }
            }
            drop(rows);
            file.detected.negated = (positive > negative) != opts.negate;
        } else {
            file.detected.negated = opts.negate;
        }
        Ok(file)
    }

    /// Reads the data rows from the start, one at a time.
    pub fn rows(&self) -> Result<RowReader<'_, 'a>, String> {
        Ok(RowReader {
            file: self,
            records: self.decoded.records(self.delimiter)?,
            record: Record::default(),
            to_skip: self.before_data,
        })
    }
}

/// The data rows of one pass over a file.
pub struct RowReader<'f, 'a> {
    file: &'f CsvFile<'a>,
    records: Records<'f, 'a>,
    record: Record,
    to_skip: usize,
}

impl RowReader<'_, '_> {
    /// The next row; `Ok(None)` at the end of the file.
    #[allow(clippy::should_implement_trait)]
    pub fn next(&mut self) -> Result<Option<Item<'_>>, String> {
        loop {
            let Some(line) = self.records.next_into(&mut self.record)? else {
                return Ok(None);
            };
            if self.to_skip > 0 {
                self.to_skip -= 1;
                continue;
            }
            return Ok(Some(read_row(line, &self.record, &self.file.detected)));
        }
    }
}

/// The header row (or the first data row of a file without one) and the columns chosen from it.
type Shape = (HeaderRow, Columns);

fn sniff_delimiter(sample: &[String]) -> char {
    let score = |d: char| {
        let mut counts = std::collections::HashMap::new();
        for line in sample {
            let mut reader = csv::ReaderBuilder::new()
                .delimiter(d as u8)
                .has_headers(false)
                .flexible(true)
                .from_reader(line.as_bytes());
            let fields = reader.records().next().and_then(Result::ok).map_or(0, |r| r.len());
            if fields > 1 {
                *counts.entry(fields).or_insert(0usize) += 1;
            }
        }
        counts.into_values().max().unwrap_or(0)
    };
    [',', ';', '\t']
        .into_iter()
        .max_by_key(|d| (score(*d), *d == ','))
        .unwrap_or(',')
}

/// The date format of a column of date cells, worked out as for a CSV's date column (the formats pfos
/// knows; of two that read every cell, the one whose dates span far less time), or the user's
/// given date format: what the QIF reader uses for its `D` lines.
pub fn date_format_of<'c>(
    cells: impl IntoIterator<Item = &'c str>,
    user: Option<&str>,
) -> Result<&'static str, Refusal> {
    let opts = CsvOptions {
        date_format: user.map(str::to_string),
        ..CsvOptions::default()
    };
    if user.is_some() {
        return choose_date_format(None, &opts);
    }
    let mut tally = DateTally::new();
    for cell in cells {
        tally.add(cell);
    }
    choose_date_format(Some(&tally), &opts)
}

fn choose_date_format(tally: Option<&DateTally>, opts: &CsvOptions) -> Result<&'static str, Refusal> {
    if let Some(flag) = &opts.date_format {
        return values::date_format_from_user(flag).ok_or_else(|| {
            let known: Vec<&str> = DATE_FORMATS.iter().map(|(_, h)| *h).collect();
            Refusal::new(format!(
                "the date format '{flag}' is not one pfos knows; use one of {}",
                known.join(", ")
            ))
        });
    }
    let no_dates = || Refusal::new("no date in the date column could be read").hint(Hint::GiveDateFormat);
    let t = tally.ok_or_else(no_dates)?;
    let best = t.read.iter().copied().max().unwrap_or(0);
    if best == 0 {
        return Err(no_dates());
    }
    let mut winners: Vec<usize> = (0..FORMATS).filter(|i| t.read[*i] == best).collect();
    // Two readings that give different dates: a bank file covers weeks, not months, so a reading whose
    // dates span far less time than every other's is the right one (11/01–11/10 is 9 days, not 9 months).
    winners.sort_by_key(|i| t.span(*i));
    let disagree = |a: usize, b: usize| t.disagree[a][b];
    let clearly_shortest = winners
        .iter()
        .skip(1)
        .all(|other| !disagree(winners[0], *other) || t.span(*other) >= 3 * t.span(winners[0]).max(1));
    if !clearly_shortest {
        let first = winners[0];
        winners.retain(|f| *f == first || disagree(first, *f));
        let mut names: Vec<&str> = winners.iter().map(|f| DATE_FORMATS[*f].1).collect();
        names.sort();
        names.dedup();
        let reason = format!("the dates could be read as {}", names.join(" or "));
        let choices = names.iter().map(|n| n.to_string()).collect();
        return Err(Refusal::new(reason).hint(Hint::ChooseDateFormat { choices }));
    }
    Ok(DATE_FORMATS[winners[0]].0)
}

fn read_row<'r>(line: u64, record: &'r Record, d: &Detected) -> Item<'r> {
    let c = &d.columns;
    let mark = d.decimal_mark;
    let cell = |i: Option<usize>| i.and_then(|i| record.get(i)).unwrap_or("");
    let shown = [c.amount, c.debit, c.credit]
        .into_iter()
        .flatten()
        .map(|i| cell(Some(i)))
        .collect::<Vec<_>>()
        .join(" / ");
    let bad = |reason: String| Item::Bad(BadRow::new(line, reason, [cell(c.date), &shown, cell(c.description)]));
    if record.len() < d.header.len() && record.iter().any(|c| c.contains('\n')) {
        return bad("a quote opened on this line is never closed".into());
    }
    let description = cell(c.description);
    let amount = if let Some(i) = c.amount {
        parse_amount(cell(Some(i)), mark)
    } else {
        let debit = parse_amount(cell(c.debit), mark);
        let credit = parse_amount(cell(c.credit), mark);
        match (debit, credit) {
            (AmountCell::Unreadable, _) | (_, AmountCell::Unreadable) => AmountCell::Unreadable,
            (AmountCell::Amount(d), AmountCell::Empty) => AmountCell::Amount(-d.abs()),
            (AmountCell::Empty, AmountCell::Amount(cr)) => AmountCell::Amount(cr.abs()),
            (AmountCell::Amount(d), AmountCell::Amount(cr)) => AmountCell::Amount(cr.abs() - d.abs()),
            (AmountCell::Empty, AmountCell::Empty) => AmountCell::Empty,
        }
    };
    let date_cell = cell(c.date);
    let amount = match amount {
        AmountCell::Empty => return Item::Skipped,
        AmountCell::Amount(a) if a.is_zero() => return Item::Skipped,
        AmountCell::Unreadable => return bad(format!("amount '{shown}' cannot be read")),
        AmountCell::Amount(a) => a,
    };
    if date_cell.is_empty() {
        // "Total", "Ending balance": a summary line, not a transaction.
        return Item::Skipped;
    }
    let Some(date) = parse_date_with(date_cell, d.date_format) else {
        return bad(format!(
            "date '{date_cell}' is not a {} date",
            human_date_format(d.date_format)
        ));
    };
    if amount.scale() > 2 {
        return bad(format!("amount {amount} has more than two decimal places"));
    }
    let category = Some(cell(c.category)).filter(|s| !s.is_empty());
    Item::Row(Row {
        line,
        date,
        description,
        amount: if d.negated { -amount } else { amount },
        category,
    })
}

#[cfg(test)]
mod reference;
#[cfg(test)]
mod tests;
