//! OFX and QFX: version 1.x (SGML after a header of `KEY:VALUE` lines, leaf tags left unclosed, usually
//! CRLF and Windows-1252) and 2.x (XML after `<?OFX …?>`). Bank statements (`STMTRS`) and card statements
//! (`CCSTMTRS`): each `STMTTRN` is a row, its `FITID` the row's identity; `LEDGERBAL` is the balance the
//! bank states.

use super::xml::{shorten, walk_sgml, walk_xml, Sink};
use super::{amount, choose_account, decode_text, refuse_binary, Entry, Hint, ReadOptions, StatedBalance, Statement};
use super::{Format, StatementRow};
use crate::error::Refusal;
use crate::io::csv_import::{BadRow, DecimalMark};
use chrono::NaiveDate;

/// The OFX 1.x versions (SGML) and 2.x versions (XML) there are.
const SGML_VERSIONS: &[&str] = &["102", "103", "151", "160"];
const XML_VERSIONS: &[&str] = &["200", "201", "202", "203", "210", "211", "220", "230"];

pub(super) fn read(bytes: &[u8], opts: &ReadOptions) -> Result<Statement, Refusal> {
    let bytes = refuse_binary(bytes, "OFX")?;
    let start = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let first = start
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(start.len());
    let head = &start[first..];
    let upper_head: Vec<u8> = head.iter().take(16).map(u8::to_ascii_uppercase).collect();
    if upper_head.starts_with(b"OFXHEADER") {
        read_sgml(bytes, opts)
    } else if upper_head.starts_with(b"<?XML") || upper_head.starts_with(b"<?OFX") {
        read_xml(bytes, opts)
    } else if upper_head.starts_with(b"<OFX>") {
        // No header at all: some banks send the body alone. Read as SGML (closed leaves are allowed there).
        let (text, encoding) = decode_text(bytes, true);
        let mut ofx = Ofx::new(format!("OFX without a header (SGML), {encoding}"));
        walk_sgml(&text, 1, &mut ofx)?;
        ofx.finish(opts)
    } else {
        Err("this is not an OFX file: it starts with neither an OFXHEADER line, <?xml nor <OFX>".into())
    }
}

/// OFX 1.x: the header lines up to the first tag, then SGML.
fn read_sgml(bytes: &[u8], opts: &ReadOptions) -> Result<Statement, Refusal> {
    let body_at = bytes.iter().position(|b| *b == b'<').unwrap_or(bytes.len());
    let header = String::from_utf8_lossy(&bytes[..body_at]);
    let mut fields: Vec<(String, String)> = Vec::new();
    for line in header.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let line = line.trim_start_matches('\u{feff}');
        let Some((key, value)) = line.split_once(':') else {
            return Err(format!("the OFX header line '{}' is not KEY:VALUE", shorten(line)).into());
        };
        fields.push((key.trim().to_ascii_uppercase(), value.trim().to_ascii_uppercase()));
    }
    let field = |key: &str| fields.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str());
    match field("OFXHEADER") {
        Some("100") => {}
        Some(other) => {
            return Err(format!(
                "the OFX header says OFXHEADER:{other}; an OFX 1.x file says OFXHEADER:100 (and 2.x files are XML)"
            )
            .into())
        }
        None => return Err("the OFX header has no OFXHEADER line".into()),
    }
    match field("DATA") {
        Some("OFXSGML") => {}
        other => {
            return Err(format!(
                "the OFX header says DATA:{}; OFX 1.x is DATA:OFXSGML",
                other.unwrap_or("(nothing)")
            )
            .into())
        }
    }
    let version = field("VERSION").unwrap_or("");
    if !SGML_VERSIONS.contains(&version) {
        return Err(format!(
            "the OFX header says VERSION:{}; pfos reads OFX 1.x versions {} (SGML) and 2.x (XML)",
            if version.is_empty() { "(nothing)" } else { version },
            SGML_VERSIONS.join(", ")
        )
        .into());
    }
    let charset = field("CHARSET").unwrap_or("NONE");
    let encoding_field = field("ENCODING").unwrap_or("USASCII");
    let body = &bytes[body_at..];
    let utf8 = encoding_field == "UTF-8" || encoding_field == "UTF8";
    let (text, encoding) = decode_text(body, !utf8 || charset == "1252");
    let first_line = 1 + bytes[..body_at].iter().filter(|b| **b == b'\n').count() as u64;
    let mut ofx = Ofx::new(format!("OFX {}.{} (SGML), {encoding}", &version[..1], &version[1..]));
    walk_sgml(&text, first_line, &mut ofx)?;
    ofx.finish(opts)
}

/// OFX 2.x: XML with an `<?OFX OFXHEADER="200" VERSION="2xx" …?>` instruction.
fn read_xml(bytes: &[u8], opts: &ReadOptions) -> Result<Statement, Refusal> {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(2048)]).into_owned();
    let declared_1252 = head
        .split("?>")
        .next()
        .is_some_and(|decl| decl.to_ascii_lowercase().contains("1252") || decl.to_ascii_lowercase().contains("8859"));
    let version = match head.find("<?OFX") {
        Some(at) => {
            let pi = head[at..].split("?>").next().unwrap_or("");
            let attr = |key: &str| {
                let at = pi.find(&format!("{key}="))?;
                let rest = pi[at + key.len() + 1..].trim_start_matches(['"', '\'']);
                Some(rest.split(['"', '\'']).next().unwrap_or("").to_string())
            };
            if attr("OFXHEADER").as_deref() != Some("200") {
                return Err(format!(
                    "the OFX header says OFXHEADER=\"{}\"; an OFX 2.x file says OFXHEADER=\"200\"",
                    attr("OFXHEADER").unwrap_or_default()
                )
                .into());
            }
            let version = attr("VERSION").unwrap_or_default();
            if !XML_VERSIONS.contains(&version.as_str()) {
                return Err(format!(
                    "the OFX header says VERSION=\"{version}\"; pfos reads OFX 2.x versions {} (XML) and 1.x (SGML)",
                    XML_VERSIONS.join(", ")
                )
                .into());
            }
            Some(version)
        }
        None => None,
    };
    let (text, encoding) = decode_text(bytes, declared_1252);
    let about = match &version {
        Some(v) => format!("OFX {}.{}.{} (XML), {encoding}", &v[..1], &v[1..2], &v[2..]),
        None => format!("OFX (XML, no <?OFX?> header), {encoding}"),
    };
    let mut ofx = Ofx::new(about);
    walk_xml(&text, &mut ofx)?;
    ofx.finish(opts)
}

/// A date as OFX writes one: `YYYYMMDD`, then perhaps `HHMMSS`, `.XXX` and a zone `[-5:EST]`. The date is
/// the civil date as printed: the zone moves nothing.
pub(super) fn ofx_date(text: &str) -> Option<NaiveDate> {
    let text = text.trim();
    let (date, rest) = text.split_at_checked(8)?;
    if !date.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let (time, zone) = match rest.find('[') {
        Some(at) => (&rest[..at], Some(&rest[at..])),
        None => (rest, None),
    };
    let time = time.trim_end();
    let (clock, fraction) = match time.split_once('.') {
        Some((clock, fraction)) => (clock, Some(fraction)),
        None => (time, None),
    };
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if !digits(clock) || ![0, 4, 6].contains(&clock.len()) {
        return None;
    }
    if fraction.is_some_and(|f| f.is_empty() || f.len() > 6 || !digits(f)) || (fraction.is_some() && clock.len() != 6) {
        return None;
    }
    if let Some(zone) = zone {
        let inner = zone.strip_prefix('[')?.strip_suffix(']')?;
        let offset = inner.split(':').next().unwrap_or("");
        let offset = offset.strip_prefix(['+', '-']).unwrap_or(offset);
        let (hours, minutes) = offset.split_once('.').unwrap_or((offset, "0"));
        if hours.is_empty() || hours.len() > 2 || !digits(hours) || !digits(minutes) {
            return None;
        }
    }
    if clock.len() >= 4 {
        let (h, m) = (&clock[..2], &clock[2..4]);
        let s = clock.get(4..6).unwrap_or("00");
        if h > "23" || m > "59" || s > "60" {
            return None;
        }
    }
    let n = |range: std::ops::Range<usize>| date[range].parse::<u32>().ok();
    let year = i32::try_from(n(0..4)?).ok()?;
    if !(1900..=2200).contains(&year) {
        return None;
    }
    NaiveDate::from_ymd_opt(year, n(4..6)?, n(6..8)?)
}

/// The decimal mark of one OFX amount: OFX allows a comma for the point, and no thousands separators.
fn mark_of(cell: &str) -> DecimalMark {
    if cell.contains(',') && !cell.contains('.') {
        DecimalMark::Comma
    } else {
        DecimalMark::Point
    }
}

/// One `STMTTRN` being read.
#[derive(Default)]
struct Trn {
    line: u64,
    trntype: String,
    posted: Option<String>,
    amount: Option<String>,
    fitid: Option<String>,
    name: Option<String>,
    payee: Option<String>,
    memo: Option<String>,
}

/// One `STMTRS` or `CCSTMTRS`.
struct Stmt {
    card: bool,
    account: String,
    line: u64,
    entries: Vec<Entry>,
    balances: Vec<StatedBalance>,
    pending: usize,
}

#[derive(Default)]
struct Bal {
    line: u64,
    amount: Option<String>,
    date: Option<String>,
}

/// The OFX elements that matter, gathered as the walk hands them on.
struct Ofx {
    about: String,
    path: Vec<String>,
    statements: Vec<Stmt>,
    current: Option<Stmt>,
    trn: Option<Trn>,
    ledger: Option<Bal>,
    /// Aggregates met that pfos does not import (an investment statement…), for the refusal.
    others: Vec<&'static str>,
    seen_ofx: bool,
}

impl Ofx {
    fn new(about: String) -> Ofx {
        Ofx {
            about,
            path: Vec::new(),
            statements: Vec::new(),
            current: None,
            trn: None,
            ledger: None,
            others: Vec::new(),
            seen_ofx: false,
        }
    }

    fn parent(&self) -> &str {
        self.path.last().map_or("", String::as_str)
    }

    fn finish_trn(&mut self, trn: Trn) {
        let Some(stmt) = self.current.as_mut() else {
            return;
        };
        let text = [&trn.name, &trn.payee, &trn.memo]
            .into_iter()
            .flatten()
            .next()
            .map_or("", String::as_str);
        let cells = [
            trn.posted.as_deref().unwrap_or(""),
            trn.amount.as_deref().unwrap_or(""),
            text,
        ];
        let bad = |reason: String| Entry::Bad(BadRow::new(trn.line, reason, cells));
        let entry = (|| {
            if trn.trntype == "HOLD" {
                stmt.pending += 1;
                return None;
            }
            let posted = match trn.posted.as_deref() {
                None => return Some(bad("the transaction has no DTPOSTED date".into())),
                Some(text) => match ofx_date(text) {
                    Some(d) => d,
                    None => {
                        return Some(bad(format!(
                            "date '{}' is not an OFX date (YYYYMMDD, perhaps with a time and a zone)",
                            shorten(text)
                        )))
                    }
                },
            };
            let cell = trn.amount.as_deref().unwrap_or("");
            let value = match amount(cell, mark_of(cell)) {
                Err(reason) => return Some(bad(reason)),
                Ok(None) => return Some(bad("the transaction has no TRNAMT amount".into())),
                Ok(Some(v)) if v.is_zero() => return Some(Entry::Skipped),
                Ok(Some(v)) => v,
            };
            let description = [&trn.name, &trn.payee, &trn.memo]
                .into_iter()
                .flatten()
                .map(|s| s.trim())
                .find(|s| !s.is_empty())
                .unwrap_or("")
                .to_string();
            let hint = match trn.trntype.as_str() {
                "PAYMENT" | "XFER" => Some(Hint::Payment),
                "INT" => Some(Hint::Interest),
                "DIV" => Some(Hint::Dividend),
                "FEE" | "SRVCHG" => Some(Hint::Fee),
                _ => None,
            };
            Some(Entry::Row(StatementRow {
                line: trn.line,
                date: posted,
                description,
                amount: value,
                category: None,
                transfer: None,
                splits: Vec::new(),
                identity: trn.fitid.filter(|f| !f.trim().is_empty()).map(|f| f.trim().to_string()),
                part: 0,
                hint,
            }))
        })();
        if let Some(entry) = entry {
            stmt.entries.push(entry);
        }
    }

    fn finish(self, opts: &ReadOptions) -> Result<Statement, Refusal> {
        if !self.seen_ofx {
            return Err("it holds no <OFX> element".into());
        }
        if self.statements.is_empty() {
            return Err(match self.others.first() {
                Some(other) => format!(
                    "the OFX holds {other} and no bank or card statement (STMTRS or CCSTMTRS); pfos imports bank and card statements"
                ).into(),
                None => "the OFX holds no bank or card statement (STMTRS or CCSTMTRS)".into(),
            });
        }
        let mut accounts: Vec<String> = Vec::new();
        for s in &self.statements {
            if !accounts.contains(&s.account) {
                accounts.push(s.account.clone());
            }
        }
        let chosen = choose_account(&accounts, opts.account.as_deref(), "ACCTID")?.map(str::to_string);
        let mut entries = Vec::new();
        let mut balances = Vec::new();
        let (mut pending, mut card, mut statements) = (0, None, 0);
        for s in self.statements {
            if chosen.as_ref().is_some_and(|c| *c != s.account) {
                continue;
            }
            let _ = s.line;
            statements += 1;
            card = Some(s.card);
            entries.extend(s.entries);
            balances.extend(s.balances);
            pending += s.pending;
        }
        let kind = if card == Some(true) {
            "card statement (CCSTMTRS)"
        } else {
            "bank statement (STMTRS)"
        };
        let mut about = format!(
            "read as {}, {}{} of account {}",
            self.about,
            if statements > 1 {
                format!("{statements} ")
            } else {
                String::new()
            },
            if statements > 1 {
                kind.replace("statement", "statements")
            } else {
                kind.to_string()
            },
            chosen.as_deref().map_or("(no ACCTID)".to_string(), masked),
        );
        for b in &balances {
            about.push_str(&format!(", LEDGERBAL {:.2} on {}", b.amount, b.date));
        }
        if pending > 0 {
            about.push_str(&format!(", {pending} held (pending) left out"));
        }
        Ok(Statement {
            format: Format::Ofx,
            about,
            entries,
            balances,
            card,
            pending,
        })
    }
}

/// An account number shown by its last four characters.
fn masked(account: &str) -> String {
    let chars: Vec<char> = account.chars().collect();
    if chars.len() <= 4 {
        return account.to_string();
    }
    format!("…{}", chars[chars.len() - 4..].iter().collect::<String>())
}

impl Sink for Ofx {
    fn open(&mut self, name: &str, line: u64, _: Option<&str>) -> Result<(), String> {
        let name = name.to_ascii_uppercase();
        match name.as_str() {
            "OFX" => {
                if self.seen_ofx && self.path.is_empty() {
                    return Err(format!("line {line}: a second <OFX>"));
                }
                self.seen_ofx = true;
            }
            _ if !self.seen_ofx => return Err(format!("line {line}: <{name}> comes before <OFX>")),
            "STMTRS" | "CCSTMTRS" => {
                self.current = Some(Stmt {
                    card: name == "CCSTMTRS",
                    account: String::new(),
                    line,
                    entries: Vec::new(),
                    balances: Vec::new(),
                    pending: 0,
                });
            }
            "STMTTRN" if self.current.is_some() => self.trn = Some(Trn { line, ..Trn::default() }),
            "LEDGERBAL" if self.current.is_some() => self.ledger = Some(Bal { line, ..Bal::default() }),
            "INVSTMTRS" => self.others.push("an investment statement (INVSTMTRS)"),
            "LOANSTMTRS" => self.others.push("a loan statement (LOANSTMTRS)"),
            _ => {}
        }
        self.path.push(name);
        Ok(())
    }

    fn leaf(&mut self, name: &str, value: &str, line: u64) -> Result<(), String> {
        if !self.seen_ofx {
            return Err(format!("line {line}: <{name}> comes before <OFX>"));
        }
        let name = name.to_ascii_uppercase();
        let parent = self.parent().to_string();
        let value = value.to_string();
        if let Some(trn) = self.trn.as_mut() {
            match (parent.as_str(), name.as_str()) {
                ("STMTTRN", "TRNTYPE") => trn.trntype = value.to_ascii_uppercase(),
                ("STMTTRN", "DTPOSTED") => trn.posted = Some(value),
                ("STMTTRN", "TRNAMT") => trn.amount = Some(value),
                ("STMTTRN", "FITID") => trn.fitid = Some(value),
                ("STMTTRN", "NAME") => trn.name = Some(value),
                ("PAYEE", "NAME") => trn.payee = Some(value),
                ("STMTTRN", "MEMO") => trn.memo = Some(value),
                _ => {}
            }
            return Ok(());
        }
        if let Some(bal) = self.ledger.as_mut() {
            match name.as_str() {
                "BALAMT" => bal.amount = Some(value),
                "DTASOF" => bal.date = Some(value),
                _ => {}
            }
            return Ok(());
        }
        if let Some(stmt) = self.current.as_mut() {
            if name == "ACCTID" && (parent == "BANKACCTFROM" || parent == "CCACCTFROM") {
                stmt.account = value;
            }
        }
        Ok(())
    }

    fn close(&mut self, name: &str, line: u64) -> Result<(), String> {
        let name = name.to_ascii_uppercase();
        self.path.pop();
        match name.as_str() {
            "STMTTRN" => {
                if let Some(trn) = self.trn.take() {
                    self.finish_trn(trn);
                }
            }
            "LEDGERBAL" => {
                if let (Some(bal), Some(stmt)) = (self.ledger.take(), self.current.as_mut()) {
                    let date = bal.date.as_deref().and_then(ofx_date);
                    let cell = bal.amount.as_deref().unwrap_or("");
                    let value = amount(cell, mark_of(cell)).ok().flatten();
                    match (date, value) {
                        (Some(date), Some(amount)) => stmt.balances.push(StatedBalance {
                            line: bal.line,
                            date,
                            amount,
                        }),
                        _ => {
                            return Err(format!(
                                "line {}: the LEDGERBAL balance needs a BALAMT amount and a DTASOF date pfos can read (it has '{}' on '{}')",
                                bal.line,
                                shorten(cell),
                                shorten(bal.date.as_deref().unwrap_or(""))
                            ))
                        }
                    }
                }
            }
            "STMTRS" | "CCSTMTRS" => {
                if let Some(stmt) = self.current.take() {
                    self.statements.push(stmt);
                }
            }
            _ => {}
        }
        let _ = line;
        Ok(())
    }
}
