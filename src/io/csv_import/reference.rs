//! The reader as it was before it streamed (whole file in memory), kept to check the streaming one against.
//! Both find the header and choose the columns the same way (`columns::find_header`, `choose_columns`).

use super::columns::{choose_columns, find_header, Columns};
use super::values::{
    self, guess_decimal_mark, human_date_format, parse_amount, parse_date_with, AmountCell, DATE_FORMATS,
};
use super::{text, BadRow, BankRow, CsvOptions, DecimalMark, Detected, ParsedCsv};
use crate::error::{Hint, Refusal};
use chrono::NaiveDate;

/// Reads a CSV file's bytes. A file-level problem (no header, ambiguous dates…) is an `Err` with the reason.
pub fn parse_whole(bytes: &[u8], opts: &CsvOptions) -> Result<ParsedCsv, Refusal> {
    let (text, encoding) = text::decode(bytes)?;
    let delimiter = match opts.delimiter {
        Some(d) => d,
        None => sniff_delimiter(&text),
    };
    let records = read_records(&text, delimiter)?;
    let found = find_header(&records, opts)?;
    let columns = choose_columns(&found.cells, opts)?;
    let data = &records[found.data_from()..];

    let amount_cells = data.iter().flat_map(|(_, r)| {
        [columns.amount, columns.debit, columns.credit]
            .into_iter()
            .flatten()
            .filter_map(|i| r.get(i).map(String::as_str))
    });
    let decimal_mark = guess_decimal_mark(amount_cells);
    let date_index = columns.date.unwrap_or(0);
    let date_format = choose_date_format(
        data.iter().filter_map(|(_, r)| r.get(date_index).map(String::as_str)),
        opts,
    )?;

    let mut out = ParsedCsv {
        rows: Vec::new(),
        bad: Vec::new(),
        skipped: 0,
        detected: Detected {
            encoding,
            delimiter,
            header_line: (!found.is_data).then(|| records[found.index].0),
            date_format,
            decimal_mark,
            header: found.cells.clone(),
            columns: columns.clone(),
            negated: opts.negate,
        },
    };
    for (line, record) in data {
        read_row(*line, record, &columns, date_format, decimal_mark, &mut out);
    }
    let charges_printed_positive = opts.is_card
        && columns.amount.is_some()
        && out.rows.iter().filter(|r| r.amount.is_sign_positive()).count()
            > out.rows.iter().filter(|r| r.amount.is_sign_negative()).count();
    if charges_printed_positive != opts.negate {
        for row in &mut out.rows {
            row.amount = -row.amount;
        }
        out.detected.negated = true;
    } else {
        out.detected.negated = false;
    }
    Ok(out)
}

fn sniff_delimiter(text: &str) -> char {
    let sample: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).take(60).collect();
    let score = |d: char| {
        let mut counts = std::collections::HashMap::new();
        for line in &sample {
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

fn read_records(text: &str, delimiter: char) -> Result<Vec<(u64, Vec<String>)>, String> {
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(
            u8::try_from(delimiter)
                .map_err(|_| format!("the delimiter '{delimiter}' is not a single-byte character"))?,
        )
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    // Line numbers as an editor shows them, counted from byte offsets (blank lines included); records come
    // in order, so the count carries on from the previous record.
    let bytes = text.as_bytes();
    let mut counted = (0usize, 1u64);
    let mut line_of = |byte: u64| {
        let mut at = (byte as usize).min(bytes.len());
        // A record's position may sit on blank lines before it: step over them first.
        while at < bytes.len() && (bytes[at] == b'\n' || bytes[at] == b'\r') {
            at += 1;
        }
        let (from, line) = counted;
        let line = line + bytes[from.min(at)..at].iter().filter(|b| **b == b'\n').count() as u64;
        counted = (at.max(from), line);
        line
    };
    let mut records = Vec::new();
    for result in reader.records() {
        let record = match result {
            Ok(record) => record,
            Err(e) => {
                let line = e.position().map_or(0, |p| line_of(p.byte()));
                return Err(format!("line {line} cannot be read as CSV ({e}); check its quotes"));
            }
        };
        let line = record.position().map_or(0, |p| line_of(p.byte()));
        let cells: Vec<String> = record.iter().map(|c| c.trim().to_string()).collect();
        if cells.iter().all(String::is_empty) {
            continue;
        }
        records.push((line, cells));
    }
    if records.is_empty() {
        return Err("the file has no rows".into());
    }
    Ok(records)
}

fn choose_date_format<'a>(cells: impl Iterator<Item = &'a str>, opts: &CsvOptions) -> Result<&'static str, Refusal> {
    if let Some(flag) = &opts.date_format {
        return values::date_format_from_user(flag).ok_or_else(|| {
            let known: Vec<&str> = DATE_FORMATS.iter().map(|(_, h)| *h).collect();
            Refusal::new(format!(
                "the date format '{flag}' is not one pfos knows; use one of {}",
                known.join(", ")
            ))
        });
    }
    let cells: Vec<&str> = cells.filter(|c| !c.trim().is_empty()).collect();
    let counts: Vec<(usize, &'static str)> = DATE_FORMATS
        .iter()
        .map(|(f, _)| (cells.iter().filter(|c| parse_date_with(c, f).is_some()).count(), *f))
        .collect();
    let best = counts.iter().map(|(n, _)| *n).max().unwrap_or(0);
    if best == 0 {
        return Err(Refusal::new("no date in the date column could be read").hint(Hint::GiveDateFormat));
    }
    let mut winners: Vec<&'static str> = counts.iter().filter(|(n, _)| *n == best).map(|(_, f)| *f).collect();
    // Two readings that give different dates: a bank file covers weeks, not months, so a reading whose
    // dates span far less time than every other's is the right one (11/01–11/10 is 9 days, not 9 months).
    let span = |f: &str| {
        let dates: Vec<NaiveDate> = cells.iter().filter_map(|c| parse_date_with(c, f)).collect();
        match (dates.iter().min(), dates.iter().max()) {
            (Some(a), Some(b)) => (*b - *a).num_days(),
            _ => 0,
        }
    };
    winners.sort_by_key(|f| span(f));
    let disagree = |a: &str, b: &str| cells.iter().any(|c| parse_date_with(c, a) != parse_date_with(c, b));
    let clearly_shortest = winners
        .iter()
        .skip(1)
        .all(|other| !disagree(winners[0], other) || span(other) >= 3 * span(winners[0]).max(1));
    if !clearly_shortest {
        let first = winners[0];
        winners.retain(|f| *f == first || disagree(first, f));
        let mut names: Vec<&str> = winners.iter().map(|f| human_date_format(f)).collect();
        names.sort();
        names.dedup();
        let reason = format!("the dates could be read as {}", names.join(" or "));
        let choices = names.iter().map(|n| n.to_string()).collect();
        return Err(Refusal::new(reason).hint(Hint::ChooseDateFormat { choices }));
    }
    Ok(winners[0])
}

fn read_row(line: u64, record: &[String], c: &Columns, date_format: &str, mark: DecimalMark, out: &mut ParsedCsv) {
    let cell = |i: Option<usize>| i.and_then(|i| record.get(i)).map_or("", String::as_str);
    let shown = [c.amount, c.debit, c.credit]
        .into_iter()
        .flatten()
        .map(|i| cell(Some(i)))
        .collect::<Vec<_>>()
        .join(" / ");
    let bad = |reason: String| BadRow::new(line, reason, [cell(c.date), &shown, cell(c.description)]);
    if record.iter().any(|c| c.contains('\n')) && record.len() < out.detected.header.len() {
        out.bad.push(bad("a quote opened on this line is never closed".into()));
        return;
    }
    let description = cell(c.description).to_string();
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
        AmountCell::Empty => {
            out.skipped += 1;
            return;
        }
        AmountCell::Amount(a) if a.is_zero() => {
            out.skipped += 1;
            return;
        }
        AmountCell::Unreadable => {
            out.bad.push(bad(format!("amount '{shown}' cannot be read")));
            return;
        }
        AmountCell::Amount(a) => a,
    };
    if date_cell.is_empty() {
        // "Total", "Ending balance": a summary line, not a transaction.
        out.skipped += 1;
        return;
    }
    let Some(date) = parse_date_with(date_cell, date_format) else {
        out.bad.push(bad(format!(
            "date '{date_cell}' is not a {} date",
            human_date_format(date_format)
        )));
        return;
    };
    if amount.scale() > 2 {
        out.bad
            .push(bad(format!("amount {amount} has more than two decimal places")));
        return;
    }
    let category = Some(cell(c.category).to_string()).filter(|s| !s.is_empty());
    out.rows.push(BankRow {
        line,
        date,
        description,
        amount,
        category,
    });
}
