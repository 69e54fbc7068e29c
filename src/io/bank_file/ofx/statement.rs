//! The OFX elements that matter, gathered as the walk hands them on: each `STMTTRN` becomes an entry handed
//! to the caller with the number of its statement (`STMTRS`, `CCSTMTRS`), which keeps only its account,
//! kind, `LEDGERBAL` and held rows; at the end, the statements of the account to import are chosen.

use super::super::xml::{shorten, Sink};
use super::super::{amount, choose_account, Entry, Hint, ReadOptions, StatedBalance, StatementRow};
use super::{mark_of, ofx_date};
use crate::io::csv_import::BadRow;

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

/// One `STMTRS` or `CCSTMTRS` (its entries went to the caller).
struct Stmt {
    card: bool,
    account: String,
    balances: Vec<StatedBalance>,
    pending: usize,
}

#[derive(Default)]
struct Bal {
    line: u64,
    amount: Option<String>,
    date: Option<String>,
}

/// What is handed each entry: the number of its statement, and the entry.
pub(in super::super) type EachEntry<'e> = dyn FnMut(usize, Entry) -> Result<(), String> + 'e;

/// The OFX elements that matter, gathered as the walk hands them on.
pub(in super::super) struct Ofx<'e> {
    about: String,
    path: Vec<String>,
    /// The statements closed, each with its number.
    statements: Vec<(usize, Stmt)>,
    current: Option<Stmt>,
    trn: Option<Trn>,
    ledger: Option<Bal>,
    /// Aggregates met that pfos does not import (an investment statement…), for the refusal.
    others: Vec<&'static str>,
    seen_ofx: bool,
    /// Statements opened so far: the number of the open one is one less.
    opened: usize,
    each: &'e mut EachEntry<'e>,
}

/// The statements of the account to import, and what they say.
#[derive(Debug, Clone)]
pub(in super::super) struct Chosen {
    /// Their numbers, in file order.
    pub statements: Vec<usize>,
    pub about: String,
    pub balances: Vec<StatedBalance>,
    pub card: Option<bool>,
    pub pending: usize,
}

impl<'e> Ofx<'e> {
    pub(in super::super) fn new(about: String, each: &'e mut EachEntry<'e>) -> Ofx<'e> {
        Ofx {
            about,
            path: Vec::new(),
            statements: Vec::new(),
            current: None,
            trn: None,
            ledger: None,
            others: Vec::new(),
            seen_ofx: false,
            opened: 0,
            each,
        }
    }

    fn parent(&self) -> &str {
        self.path.last().map_or("", String::as_str)
    }

    fn finish_trn(&mut self, trn: Trn) -> Result<(), String> {
        let Some(stmt) = self.current.as_mut() else {
            return Ok(());
        };
        let bad = |reason: String| Entry::Bad(BadRow { line: trn.line, reason });
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
        match entry {
            Some(entry) => (self.each)(self.opened - 1, entry),
            None => Ok(()),
        }
    }

    /// The statements of the account to import (`--account`, or the only one), or why not.
    pub(in super::super) fn finish(self, opts: &ReadOptions) -> Result<Chosen, String> {
        if !self.seen_ofx {
            return Err("it holds no <OFX> element".into());
        }
        if self.statements.is_empty() {
            return Err(match self.others.first() {
                Some(other) => format!(
                    "the OFX holds {other} and no bank or card statement (STMTRS or CCSTMTRS); pfos imports bank and card statements"
                ),
                None => "the OFX holds no bank or card statement (STMTRS or CCSTMTRS)".into(),
            });
        }
        let mut accounts: Vec<String> = Vec::new();
        for (_, s) in &self.statements {
            if !accounts.contains(&s.account) {
                accounts.push(s.account.clone());
            }
        }
        let chosen = choose_account(&accounts, opts.account.as_deref(), "ACCTID")?.map(str::to_string);
        let mut numbers = Vec::new();
        let mut balances = Vec::new();
        let (mut pending, mut card, mut statements) = (0, None, 0);
        for (number, s) in self.statements {
            if chosen.as_ref().is_some_and(|c| *c != s.account) {
                continue;
            }
            statements += 1;
            numbers.push(number);
            card = Some(s.card);
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
        Ok(Chosen {
            statements: numbers,
            about,
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

impl Sink for Ofx<'_> {
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
                self.opened += 1;
                self.current = Some(Stmt {
                    card: name == "CCSTMTRS",
                    account: String::new(),
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
                    self.finish_trn(trn)?;
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
                    self.statements.push((self.opened - 1, stmt));
                }
            }
            _ => {}
        }
        let _ = line;
        Ok(())
    }
}
