//! QIF, the Quicken Interchange Format: `!Type:Bank`, `CCard`, `Cash` (and `Oth A`, `Oth L`) sections of
//! records, one field a line (`D` date, `T`/`U` amount, `P` payee, `M` memo, `N` number, `L` category or
//! `[Account]`, `S`/`E`/`$` split lines), each record ended by `^`. `!Account` blocks name the account the
//! next section belongs to; lists (`!Type:Cat`, `Class`, `Memorized`…) are passed over.

use super::xml::shorten;
use super::{amount, choose_account, decode_text, refuse_binary, Entry, ReadOptions, SplitPart, Statement};
use super::{Format, StatementRow};
use crate::error::Refusal;
use crate::io::csv_import::{
    date_format_of, decimal_mark_vote, human_date_format, parse_date_with, BadRow, DecimalMark,
};
use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;

/// One record: its fields with their lines.
struct Record {
    line: u64,
    fields: Vec<(u8, String)>,
}

/// The records of one `!Type:` section of transactions.
struct Section {
    kind: String,
    account: Option<String>,
    records: Vec<Record>,
}

#[derive(PartialEq)]
enum Mode {
    Start,
    Txns,
    Account,
    List,
}

pub(super) fn read(bytes: &[u8], opts: &ReadOptions) -> Result<Statement, Refusal> {
    let bytes = refuse_binary(bytes, "QIF")?;
    let (text, encoding) = decode_text(bytes, false);
    let mut mode = Mode::Start;
    let mut sections: Vec<Section> = Vec::new();
    let mut account: Option<String> = None;
    let mut account_fields: Vec<(u8, String)> = Vec::new();
    let mut record: Option<Record> = None;
    let mut investment = false;
    for (index, raw) in text.lines().enumerate() {
        let line = index as u64 + 1;
        let trimmed = raw.trim();
        if trimmed.is_empty() {
            continue;
        }
        if let Some(header) = trimmed.strip_prefix('!') {
            if let (Some(r), Some(section)) = (record.take(), sections.last_mut()) {
                section.records.push(r);
            }
            let header = header.trim().to_ascii_lowercase();
            if let Some(kind) = header.strip_prefix("type:") {
                let kind = kind.trim();
                mode = match kind {
                    "bank" | "ccard" | "cash" | "oth a" | "oth l" => {
                        sections.push(Section {
                            kind: kind.to_string(),
                            account: account.clone(),
                            records: Vec::new(),
                        });
                        Mode::Txns
                    }
                    "invst" => {
                        investment = true;
                        Mode::List
                    }
                    "cat" | "class" | "memorized" | "security" | "prices" | "invitem" | "template" | "bill"
                    | "budget" | "payee" => Mode::List,
                    other => {
                        return Err(format!(
                            "line {line}: !Type:{} is not a QIF type pfos knows (Bank, CCard, Cash, Oth A, Oth L)",
                            shorten(other)
                        )
                        .into())
                    }
                };
            } else if header == "account" {
                mode = Mode::Account;
                account_fields.clear();
            } else if header.starts_with("option:") || header.starts_with("clear:") {
                if mode == Mode::Start {
                    mode = Mode::List;
                }
            } else {
                return Err(format!("line {line}: '!{}' is not a QIF header", shorten(&header)).into());
            }
            continue;
        }
        let mut chars = trimmed.chars();
        // A field's code is one ASCII letter or sign; any other first character makes a field pfos passes over.
        let code = chars.next().filter(char::is_ascii).map_or(0, |c| c as u8);
        let value = chars.as_str().trim().to_string();
        match mode {
            Mode::Start => {
                return Err(format!(
                    "a QIF file starts with a type line such as !Type:Bank, and line {line} is '{}'",
                    shorten(trimmed)
                )
                .into())
            }
            Mode::List => {}
            Mode::Account => {
                if code == b'^' {
                    if let Some((_, name)) = account_fields.iter().find(|(c, _)| *c == b'N') {
                        account = Some(name.clone());
                    }
                    account_fields.clear();
                } else {
                    account_fields.push((code, value));
                }
            }
            Mode::Txns => {
                if code == b'^' {
                    if let (Some(r), Some(section)) = (record.take(), sections.last_mut()) {
                        section.records.push(r);
                    }
                } else {
                    record
                        .get_or_insert_with(|| Record {
                            line,
                            fields: Vec::new(),
                        })
                        .fields
                        .push((code, value));
                }
            }
        }
    }
    if let (Some(r), Some(section)) = (record.take(), sections.last_mut()) {
        // The last record without its `^`: taken as ended.
        section.records.push(r);
    }
    if mode == Mode::Start {
        return Err("a QIF file starts with a type line such as !Type:Bank, and this one has none".into());
    }
    if sections.is_empty() {
        return Err(if investment {
            "it is an investment QIF (!Type:Invst); pfos imports Bank, CCard and Cash accounts".into()
        } else {
            "the QIF holds no !Type:Bank, CCard or Cash section of transactions".into()
        });
    }
    let mut accounts: Vec<String> = Vec::new();
    for s in sections.iter().filter(|s| !s.records.is_empty()) {
        let name = s.account.clone().unwrap_or_else(|| "(unnamed)".into());
        if !accounts.contains(&name) {
            accounts.push(name);
        }
    }
    let chosen = choose_account(&accounts, opts.account.as_deref(), "NAME")?.map(str::to_string);
    let picked: Vec<&Section> = sections
        .iter()
        .filter(|s| {
            chosen.is_none()
                || s.account.clone().unwrap_or_else(|| "(unnamed)".into()) == *chosen.as_deref().unwrap_or("")
        })
        .collect();
    let kind = picked.first().map_or("bank", |s| s.kind.as_str()).to_string();
    let records: Vec<&Record> = picked.iter().flat_map(|s| s.records.iter()).collect();
    let mark = decimal_mark(&records);
    let dates: Vec<String> = records
        .iter()
        .filter_map(|r| field(r, b'D'))
        .map(|d| normalize_date(d).0)
        .collect();
    let format = if dates.is_empty() {
        "%m/%d/%Y"
    } else {
        date_format_of(dates.iter().map(String::as_str), opts.date_format.as_deref())?
    };
    let own_account = chosen.as_deref().filter(|a| *a != "(unnamed)");
    let mut entries = Vec::new();
    for r in &records {
        read_record(r, format, mark, own_account, &mut entries);
    }
    let shown_kind = match kind.as_str() {
        "ccard" => "CCard",
        "cash" => "Cash",
        "oth a" => "Oth A",
        "oth l" => "Oth L",
        _ => "Bank",
    };
    let about = format!(
        "read as QIF !Type:{shown_kind}{}, {encoding}, dates {}, {}",
        own_account.map_or(String::new(), |a| format!(" of account '{}'", shorten(a))),
        human_date_format(format),
        match mark {
            DecimalMark::Point => "decimal point",
            DecimalMark::Comma => "decimal comma",
        }
    );
    Ok(Statement {
        format: Format::Qif,
        about,
        entries,
        balances: Vec::new(),
        card: Some(matches!(kind.as_str(), "ccard" | "oth l")),
        pending: 0,
    })
}

fn field(r: &Record, code: u8) -> Option<&str> {
    r.fields.iter().find(|(c, _)| *c == code).map(|(_, v)| v.as_str())
}

/// The file's decimal mark, voted by its amounts as in a CSV.
fn decimal_mark(records: &[&Record]) -> DecimalMark {
    let (mut comma, mut point) = (0usize, 0usize);
    for (_, value) in records
        .iter()
        .flat_map(|r| r.fields.iter())
        .filter(|(c, _)| matches!(c, b'T' | b'U' | b'$'))
    {
        match decimal_mark_vote(value) {
            Some(DecimalMark::Comma) => comma += 1,
            Some(DecimalMark::Point) => point += 1,
            None => {}
        }
    }
    if comma > point {
        DecimalMark::Comma
    } else {
        DecimalMark::Point
    }
}

/// A `D` field as the CSV date formats read it: spaces out (`11/ 3'25`), Quicken's `'` before a year of
/// the 2000s made a `/`. Also whether there was one.
fn normalize_date(text: &str) -> (String, bool) {
    let apostrophe = text.contains('\'');
    let cleaned: String = text
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| if c == '\'' { '/' } else { c })
        .collect();
    (cleaned, apostrophe)
}

fn read_date(text: &str, format: &str) -> Option<NaiveDate> {
    let (cleaned, apostrophe) = normalize_date(text);
    let date = parse_date_with(&cleaned, format)?;
    if apostrophe && format.ends_with("%y") && date.year() < 2000 {
        // Quicken writes `'` before a two-digit year of the 2000s only.
        return date.with_year(date.year() + 100);
    }
    Some(date)
}

/// An `L` or `S` field: a category (its `/Class` left out), or `[Account]` for a transfer.
fn target(text: &str) -> (Option<String>, Option<String>) {
    let text = text.trim();
    if let Some(inner) = text.strip_prefix('[') {
        if let Some(end) = inner.find(']') {
            let name = inner[..end].trim();
            return (None, (!name.is_empty()).then(|| name.to_string()));
        }
    }
    let category = text.split('/').next().unwrap_or("").trim();
    ((!category.is_empty()).then(|| category.to_string()), None)
}

/// One split line being read.
struct Line {
    category: Option<String>,
    transfer: Option<String>,
    amount: Option<String>,
}

fn read_record(r: &Record, format: &str, mark: DecimalMark, own: Option<&str>, out: &mut Vec<Entry>) {
    let said = |code| field(r, code).map_or("", str::trim);
    let text = [b'P', b'M', b'N']
        .into_iter()
        .map(said)
        .find(|t| !t.is_empty())
        .unwrap_or("");
    let total_said = Some(said(b'T')).filter(|t| !t.is_empty()).unwrap_or(said(b'U'));
    let cells = [said(b'D'), total_said, text];
    let bad = |reason: String| Entry::Bad(BadRow::new(r.line, reason, cells));
    let Some(date_text) = field(r, b'D') else {
        return out.push(bad("the record has no D line (its date)".into()));
    };
    let Some(date) = read_date(date_text, format) else {
        return out.push(bad(format!(
            "date '{}' is not a {} date",
            shorten(date_text),
            human_date_format(format)
        )));
    };
    let t = field(r, b'T').map(|t| amount(t, mark));
    let u = field(r, b'U').map(|u| amount(u, mark));
    let total = match (t, u) {
        (Some(Err(e)), _) | (None, Some(Err(e))) => return out.push(bad(e)),
        (Some(Ok(Some(t))), Some(Ok(Some(u)))) if t != u => {
            return out.push(bad(format!("the T amount {t} and the U amount {u} differ")))
        }
        (Some(Ok(Some(t))), _) | (None, Some(Ok(Some(t)))) => t,
        _ => return out.push(bad("the record has no T line (its amount)".into())),
    };
    let text = |code| field(r, code).map(str::trim).filter(|s| !s.is_empty());
    let description = text(b'P')
        .or(text(b'M'))
        .map(str::to_string)
        .or_else(|| text(b'N').map(|n| format!("Check {n}")))
        .unwrap_or_default();
    let (category, transfer) = field(r, b'L').map_or((None, None), target);
    if let Some(to) = &transfer {
        let opening = description.eq_ignore_ascii_case("opening balance");
        if opening || own.is_some_and(|own| own.eq_ignore_ascii_case(to)) {
            // Quicken's first record of an account: its opening balance, a transfer to itself.
            return out.push(Entry::Skipped);
        }
    }
    let mut lines: Vec<Line> = Vec::new();
    for (code, value) in &r.fields {
        match code {
            b'S' => {
                let (category, transfer) = target(value);
                lines.push(Line {
                    category,
                    transfer,
                    amount: None,
                });
            }
            b'$' => match lines.last_mut().filter(|l| l.amount.is_none()) {
                Some(line) => line.amount = Some(value.clone()),
                None => lines.push(Line {
                    category: None,
                    transfer: None,
                    amount: Some(value.clone()),
                }),
            },
            _ => {}
        }
    }
    let row = |part, amount, category, transfer, splits| {
        Entry::Row(StatementRow {
            line: r.line,
            date,
            description: description.clone(),
            amount,
            category,
            transfer,
            splits,
            identity: None,
            part,
            hint: None,
        })
    };
    if lines.is_empty() {
        if total.is_zero() {
            return out.push(Entry::Skipped);
        }
        return out.push(row(0, total, category, transfer, Vec::new()));
    }
    let mut parts: Vec<(Option<String>, Option<String>, Decimal)> = Vec::new();
    for line in &lines {
        let value = match line.amount.as_deref().map(|a| amount(a, mark)) {
            Some(Ok(Some(v))) => v,
            Some(Err(e)) => return out.push(bad(format!("a split line's {e}"))),
            _ => return out.push(bad("a split line (S) has no amount ($)".into())),
        };
        parts.push((line.category.clone(), line.transfer.clone(), value));
    }
    let sum: Decimal = parts.iter().map(|(_, _, v)| *v).sum();
    if sum != total {
        return out.push(bad(format!(
            "the split lines add up to {sum}, not to the record's amount {total}"
        )));
    }
    let mut rows = Vec::new();
    let mut rest = total;
    for (_, to, value) in parts.iter().filter(|(_, to, v)| to.is_some() && !v.is_zero()) {
        rest -= *value;
        rows.push((to.clone(), *value));
    }
    // The category lines, one per category (any case), in the order first given.
    let mut merged: Vec<SplitPart> = Vec::new();
    for (category, _, value) in parts.iter().filter(|(_, to, v)| to.is_none() && !v.is_zero()) {
        let name = category.clone().unwrap_or_default();
        match merged
            .iter_mut()
            .find(|m| m.category.to_lowercase() == name.to_lowercase())
        {
            Some(m) => m.amount += *value,
            None => merged.push(SplitPart {
                category: name,
                amount: *value,
            }),
        }
    }
    merged.retain(|m| !m.amount.is_zero());
    if merged
        .iter()
        .any(|m| m.amount.is_sign_negative() != rest.is_sign_negative() || rest.is_zero())
    {
        return out.push(bad(
            "the split's category lines go both ways (money in and out); pfos splits one amount into positive lines"
                .into(),
        ));
    }
    if !rest.is_zero() {
        match merged.len() {
            0 => out.push(row(0, rest, None, None, Vec::new())),
            1 => {
                let only = merged.remove(0);
                let category = (!only.category.is_empty()).then_some(only.category);
                out.push(row(0, rest, category, None, Vec::new()));
            }
            _ => out.push(row(0, rest, None, None, merged)),
        }
    }
    for (i, (to, value)) in rows.into_iter().enumerate() {
        out.push(row(i as u32 + 1, value, None, to, Vec::new()));
    }
}
