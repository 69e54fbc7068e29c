//! CAMT.053, the ISO 20022 bank-to-customer statement (`camt.053.001.02` and later): each `Stmt` of the
//! `BkToCstmrStmt` has entries (`Ntry`): `Amt` with `CdtDbtInd` for the direction, `BookgDt` the date,
//! `Sts` BOOK (pending entries are left out), `AcctSvcrRef` (else `NtryRef`) the identity; the description
//! is the other party's name and the unstructured remittance text. The `CLBD` balance is the statement's.

use super::xml::{shorten, walk_xml, Sink};
use super::{choose_account, decode_text, refuse_binary, Entry, ReadOptions, StatedBalance, Statement};
use super::{Format, StatementRow};
use crate::error::Refusal;
use crate::io::csv_import::BadRow;
use chrono::NaiveDate;
use rust_decimal::Decimal;
use std::str::FromStr;

pub(super) fn read(bytes: &[u8], opts: &ReadOptions) -> Result<Statement, Refusal> {
    let bytes = refuse_binary(bytes, "XML")?;
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(512)]).to_ascii_lowercase();
    let declared_1252 = head
        .split("?>")
        .next()
        .is_some_and(|d| d.contains("1252") || d.contains("8859"));
    let (text, _) = decode_text(bytes, declared_1252);
    let mut camt = Camt::default();
    walk_xml(&text, &mut camt)?;
    camt.finish(opts)
}

/// An ISO date as printed (`2025-11-03`, or the date of `2025-11-03T10:15:00+01:00`).
fn iso_date(text: &str) -> Option<NaiveDate> {
    let text = text.trim();
    let date = text.get(..10)?;
    let rest = &text[10..];
    if !(rest.is_empty() || rest.starts_with('T') || rest.starts_with(['+', '-', 'Z'])) {
        return None;
    }
    let b = date.as_bytes();
    if b[4] != b'-'
        || b[7] != b'-'
        || !date
            .bytes()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
    {
        return None;
    }
    let d = NaiveDate::parse_from_str(date, "%Y-%m-%d").ok()?;
    (1900..=2200).contains(&chrono::Datelike::year(&d)).then_some(d)
}

/// An ISO 20022 amount: digits, at most one point and two decimals (no sign: `CdtDbtInd` says which way).
fn camt_amount(text: &str) -> Result<Decimal, String> {
    let t = text.trim();
    let (whole, decimals) = t.split_once('.').unwrap_or((t, ""));
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if whole.is_empty() || !digits(whole) || !digits(decimals) || (t.contains('.') && decimals.is_empty()) {
        return Err(format!("amount '{}' cannot be read", shorten(t)));
    }
    if decimals.bytes().skip(2).any(|b| b != b'0') {
        return Err(format!("amount {} has more than two decimal places", shorten(t)));
    }
    Decimal::from_str(t)
        .map(|d| d.normalize())
        .map_err(|_| format!("amount '{}' cannot be read", shorten(t)))
}

#[derive(Default)]
struct Ntry {
    line: u64,
    amount: Option<String>,
    direction: Option<String>,
    status: Option<String>,
    booked: Option<String>,
    servicer_ref: Option<String>,
    entry_ref: Option<String>,
    debtor: Option<String>,
    creditor: Option<String>,
    remittance: Vec<String>,
    additional: Option<String>,
}

#[derive(Default)]
struct Bal {
    line: u64,
    code: Option<String>,
    amount: Option<String>,
    direction: Option<String>,
    date: Option<String>,
}

#[derive(Default)]
struct Stmt {
    account: Option<String>,
    entries: Vec<Entry>,
    balances: Vec<StatedBalance>,
    pending: usize,
}

#[derive(Default)]
struct Camt {
    path: Vec<String>,
    /// The message type and version from the root's namespace, once checked.
    version: Option<String>,
    statements: Vec<Stmt>,
    current: Option<Stmt>,
    ntry: Option<Ntry>,
    bal: Option<Bal>,
    /// A bad balance: the statement cannot be trusted for its reconciliation.
    fault: Option<String>,
}

impl Camt {
    /// The last names of the path (innermost last), compared to `tail`.
    fn ends_with(&self, tail: &[&str]) -> bool {
        self.path.len() >= tail.len()
            && self.path[self.path.len() - tail.len()..]
                .iter()
                .zip(tail)
                .all(|(a, b)| a == b)
    }

    fn check_root(&mut self, name: &str, namespace: Option<&str>, line: u64) -> Result<(), String> {
        let ns = namespace.unwrap_or("");
        let message = ns.rsplit(':').next().unwrap_or("");
        let what = |kind: &str| format!("it is a {kind} message ({message}), not a camt.053 bank statement");
        if name != "Document" {
            return Err(format!(
                "it is XML whose root is <{}> (line {line}), not a CAMT.053 <Document>",
                shorten(name)
            ));
        }
        if message.starts_with("camt.052") {
            return Err(what("camt.052 account report"));
        }
        if message.starts_with("camt.054") {
            return Err(what("camt.054 debit/credit notification"));
        }
        if message.starts_with("pain.") {
            return Err(what("payment initiation (pain)"));
        }
        let Some(version) = message.strip_prefix("camt.053.001.") else {
            return Err(if message.is_empty() {
                "the <Document> has no camt.053 namespace (xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.053.001.02\" or later)".into()
            } else {
                format!("it is a {} message, not a camt.053 bank statement", shorten(message))
            });
        };
        match version.parse::<u32>() {
            Ok(v) if v >= 2 => {}
            _ => {
                return Err(format!(
                    "it is {}; pfos reads camt.053.001.02 and later",
                    shorten(message)
                ))
            }
        }
        self.version = Some(message.to_string());
        Ok(())
    }

    fn finish_ntry(&mut self, n: Ntry) {
        let Some(stmt) = self.current.as_mut() else {
            return;
        };
        let text = [&n.creditor, &n.debtor, &n.additional].into_iter().flatten().next();
        let text = text.or(n.remittance.first()).map_or("", String::as_str);
        let cells = [
            n.booked.as_deref().unwrap_or(""),
            n.amount.as_deref().unwrap_or(""),
            text,
        ];
        let bad = |reason: String| Entry::Bad(BadRow::new(n.line, reason, cells));
        let status = n.status.as_deref().unwrap_or("").trim().to_ascii_uppercase();
        if status != "BOOK" {
            if status.is_empty() {
                stmt.entries.push(bad("the entry has no Sts status".into()));
            } else {
                stmt.pending += 1;
            }
            return;
        }
        let entry = (|| {
            let booked = match n.booked.as_deref() {
                None => return bad("the entry has no BookgDt booking date".into()),
                Some(t) => match iso_date(t) {
                    Some(d) => d,
                    None => return bad(format!("date '{}' is not an ISO date (YYYY-MM-DD)", shorten(t))),
                },
            };
            let value = match n.amount.as_deref().map(camt_amount) {
                None => return bad("the entry has no Amt amount".into()),
                Some(Err(e)) => return bad(e),
                Some(Ok(v)) => v,
            };
            let signed = match n.direction.as_deref().map(str::trim) {
                Some("CRDT") => value,
                Some("DBIT") => -value,
                Some(other) => return bad(format!("CdtDbtInd '{}' is neither CRDT nor DBIT", shorten(other))),
                None => return bad("the entry has no CdtDbtInd (credit or debit)".into()),
            };
            if signed.is_zero() {
                return Entry::Skipped;
            }
            let party = if signed.is_sign_negative() {
                &n.creditor
            } else {
                &n.debtor
            };
            let mut words: Vec<&str> = Vec::new();
            if let Some(p) = party.as_deref().map(str::trim).filter(|p| !p.is_empty()) {
                words.push(p);
            }
            let remittance = n.remittance.join(" ");
            if !remittance.trim().is_empty() {
                words.push(remittance.trim());
            }
            let description = if words.is_empty() {
                n.additional.clone().unwrap_or_default()
            } else {
                words.join(" - ")
            };
            let identity = [&n.servicer_ref, &n.entry_ref]
                .into_iter()
                .flatten()
                .map(|r| r.trim())
                .find(|r| !r.is_empty() && !r.eq_ignore_ascii_case("NONREF"))
                .map(str::to_string);
            Entry::Row(StatementRow {
                line: n.line,
                date: booked,
                description: description.split_whitespace().collect::<Vec<_>>().join(" "),
                amount: signed,
                category: None,
                transfer: None,
                splits: Vec::new(),
                identity,
                part: 0,
                hint: None,
            })
        })();
        stmt.entries.push(entry);
    }

    fn finish_bal(&mut self, b: Bal) {
        let Some(stmt) = self.current.as_mut() else {
            return;
        };
        if b.code.as_deref().map(str::trim) != Some("CLBD") {
            return;
        }
        let date = b.date.as_deref().and_then(iso_date);
        let value = b.amount.as_deref().map(camt_amount);
        let sign = match b.direction.as_deref().map(str::trim) {
            Some("CRDT") => Some(Decimal::ONE),
            Some("DBIT") => Some(Decimal::NEGATIVE_ONE),
            _ => None,
        };
        match (date, value, sign) {
            (Some(date), Some(Ok(v)), Some(sign)) => stmt.balances.push(StatedBalance {
                line: b.line,
                date,
                amount: v * sign,
            }),
            _ => {
                self.fault.get_or_insert(format!(
                    "line {}: the closing balance (CLBD) needs an Amt, a CdtDbtInd and a Dt pfos can read",
                    b.line
                ));
            }
        }
    }

    fn finish(self, opts: &ReadOptions) -> Result<Statement, Refusal> {
        let Some(version) = self.version else {
            return Err("it is not a CAMT.053 statement".into());
        };
        if let Some(fault) = self.fault {
            return Err(fault.into());
        }
        if self.statements.is_empty() {
            return Err(format!("the {version} message holds no statement (Stmt)").into());
        }
        let mut accounts: Vec<String> = Vec::new();
        for s in &self.statements {
            let a = s.account.clone().unwrap_or_else(|| "(no account id)".into());
            if !accounts.contains(&a) {
                accounts.push(a);
            }
        }
        let chosen = choose_account(&accounts, opts.account.as_deref(), "IBAN")?.map(str::to_string);
        let (mut entries, mut balances, mut pending, mut count) = (Vec::new(), Vec::new(), 0, 0);
        for s in self.statements {
            let a = s.account.clone().unwrap_or_else(|| "(no account id)".into());
            if chosen.as_ref().is_some_and(|c| *c != a) {
                continue;
            }
            count += 1;
            entries.extend(s.entries);
            balances.extend(s.balances);
            pending += s.pending;
        }
        let mut about = format!(
            "read as CAMT.053 ({version}), {count} statement{} of {}",
            if count == 1 { "" } else { "s" },
            chosen.as_deref().unwrap_or("(no account id)")
        );
        for b in &balances {
            about.push_str(&format!(", CLBD {:.2} on {}", b.amount, b.date));
        }
        if pending > 0 {
            let entries = if pending == 1 { "entry" } else { "entries" };
            about.push_str(&format!(", {pending} pending {entries} (not booked) left out"));
        }
        Ok(Statement {
            format: Format::Camt,
            about,
            entries,
            balances,
            card: None,
            pending,
        })
    }
}

impl Sink for Camt {
    fn open(&mut self, name: &str, line: u64, namespace: Option<&str>) -> Result<(), String> {
        if self.path.is_empty() {
            self.check_root(name, namespace, line)?;
        }
        if self.path.len() == 1 && name != "BkToCstmrStmt" {
            return Err(format!(
                "line {line}: the Document holds <{}>, not a BkToCstmrStmt statement",
                shorten(name)
            ));
        }
        match name {
            "Stmt" if self.ends_with(&["BkToCstmrStmt"]) => self.current = Some(Stmt::default()),
            "Ntry" if self.current.is_some() && self.ends_with(&["Stmt"]) => {
                self.ntry = Some(Ntry {
                    line,
                    ..Ntry::default()
                })
            }
            "Bal" if self.current.is_some() && self.ends_with(&["Stmt"]) => {
                self.bal = Some(Bal { line, ..Bal::default() })
            }
            _ => {}
        }
        self.path.push(name.to_string());
        Ok(())
    }

    fn leaf(&mut self, name: &str, value: &str, _line: u64) -> Result<(), String> {
        let v = || Some(value.to_string());
        if self.ntry.is_some() {
            let parent = self.path.last().map_or("", String::as_str);
            let direct = parent == "Ntry";
            let party = |who: &str| self.ends_with(&["RltdPties", who]) || self.ends_with(&["RltdPties", who, "Pty"]);
            let (creditor, debtor) = (party("Cdtr"), party("Dbtr"));
            let remittance = self.ends_with(&["RmtInf"]);
            let status = self.ends_with(&["Ntry", "Sts"]);
            let booked = self.ends_with(&["Ntry", "BookgDt"]);
            let Some(n) = self.ntry.as_mut() else {
                return Ok(());
            };
            match name {
                "Amt" if direct => n.amount = v(),
                "CdtDbtInd" if direct => n.direction = v(),
                "Sts" if direct => n.status = v(),
                "Cd" if status => n.status = v(),
                "Dt" | "DtTm" if booked => n.booked = v(),
                "AcctSvcrRef" if direct => n.servicer_ref = v(),
                "NtryRef" if direct => n.entry_ref = v(),
                "AddtlNtryInf" if direct => n.additional = v(),
                "Nm" if creditor && n.creditor.is_none() => n.creditor = v(),
                "Nm" if debtor && n.debtor.is_none() => n.debtor = v(),
                "Ustrd" if remittance => n.remittance.push(value.to_string()),
                _ => {}
            }
            return Ok(());
        }
        if self.bal.is_some() {
            let code = self.ends_with(&["Tp", "CdOrPrtry"]);
            let direct = self.ends_with(&["Bal"]);
            let dated = self.ends_with(&["Bal", "Dt"]);
            let Some(b) = self.bal.as_mut() else {
                return Ok(());
            };
            match name {
                "Cd" if code => b.code = v(),
                "Amt" if direct => b.amount = v(),
                "CdtDbtInd" if direct => b.direction = v(),
                "Dt" | "DtTm" if dated => b.date = v(),
                _ => {}
            }
            return Ok(());
        }
        let in_account = self.ends_with(&["Stmt", "Acct", "Id"]) || self.ends_with(&["Stmt", "Acct", "Id", "Othr"]);
        if let Some(stmt) = self.current.as_mut() {
            if in_account && (name == "IBAN" || name == "Id") && stmt.account.is_none() {
                stmt.account = v();
            }
        }
        Ok(())
    }

    fn close(&mut self, name: &str, _line: u64) -> Result<(), String> {
        self.path.pop();
        match name {
            "Ntry" => {
                if let Some(n) = self.ntry.take() {
                    self.finish_ntry(n);
                }
            }
            "Bal" => {
                if let Some(b) = self.bal.take() {
                    self.finish_bal(b);
                }
            }
            "Stmt" => {
                if let Some(s) = self.current.take() {
                    self.statements.push(s);
                }
            }
            _ => {}
        }
        Ok(())
    }
}
