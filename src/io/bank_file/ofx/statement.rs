//! The OFX elements that matter, gathered as the walk hands them on: each `STMTTRN` becomes an entry handed
//! to the caller with the number of its statement (`STMTRS`, `CCSTMTRS`), which keeps only its account,
//! kind, `LEDGERBAL` and held rows; at the end, the statements of the account to import are chosen.

use super::super::xml::{shorten, Sink};
use super::super::{amount, choose_account, Entry, Hint, ReadOptions, StatedBalance, StatementRow};
use super::{mark_of, ofx_date};
use crate::io::csv_import::BadRow;

/// A leaf's text, kept from one row to the next without allocating again.
#[derive(Default)]
struct Field {
    text: String,
    set: bool,
}

impl Field {
    fn set(&mut self, value: &str) {
        self.text.clear();
        self.text.push_str(value);
        self.set = true;
    }

    fn get(&self) -> Option<&str> {
        self.set.then_some(self.text.as_str())
    }
}

/// One `STMTTRN` being read (the same one for every row: see [`Field`]).
#[derive(Default)]
struct Trn {
    line: u64,
    trntype: Field,
    posted: Field,
    amount: Field,
    fitid: Field,
    name: Field,
    payee: Field,
    memo: Field,
}

impl Trn {
    fn start(&mut self, line: u64) {
        self.line = line;
        for field in [
            &mut self.trntype,
            &mut self.posted,
            &mut self.amount,
            &mut self.fitid,
            &mut self.name,
            &mut self.payee,
            &mut self.memo,
        ] {
            field.set = false;
        }
    }
}

/// The aggregates whose leaves matter, as the path of open ones keeps them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Open {
    Stmttrn,
    Payee,
    AccountFrom,
    Other,
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
    path: Vec<Open>,
    /// The statements closed, each with its number.
    statements: Vec<(usize, Stmt)>,
    current: Option<Stmt>,
    /// The row being read, when one is.
    trn: Trn,
    in_trn: bool,
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
            trn: Trn::default(),
            in_trn: false,
            ledger: None,
            others: Vec::new(),
            seen_ofx: false,
            opened: 0,
            each,
        }
    }

    fn parent(&self) -> Open {
        self.path.last().copied().unwrap_or(Open::Other)
    }

    fn finish_trn(&mut self) -> Result<(), String> {
        let Some(stmt) = self.current.as_mut() else {
            return Ok(());
        };
        let trn = &self.trn;
        let cells = [
            trn.posted.get().unwrap_or(""),
            trn.amount.get().unwrap_or(""),
            trn.name.get().or(trn.memo.get()).unwrap_or(""),
        ];
        let bad = |reason: String| Entry::Bad(BadRow::new(trn.line, reason, cells));
        let entry = (|| {
            if trn.trntype.get() == Some("HOLD") {
                stmt.pending += 1;
                return None;
            }
            let posted = match trn.posted.get() {
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
            let cell = trn.amount.get().unwrap_or("");
            let value = match amount(cell, mark_of(cell)) {
                Err(reason) => return Some(bad(reason)),
                Ok(None) => return Some(bad("the transaction has no TRNAMT amount".into())),
                Ok(Some(v)) if v.is_zero() => return Some(Entry::Skipped),
                Ok(Some(v)) => v,
            };
            let description = [&trn.name, &trn.payee, &trn.memo]
                .into_iter()
                .filter_map(Field::get)
                .map(|s| s.trim())
                .find(|s| !s.is_empty())
                .unwrap_or("")
                .to_string();
            let hint = match trn.trntype.get().unwrap_or("") {
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
                identity: trn
                    .fitid
                    .get()
                    .map(str::trim)
                    .filter(|f| !f.is_empty())
                    .map(str::to_string),
                part: 0,
                hint,
            }))
        })();
        match entry {
            Some(entry) => (self.each)(self.opened - 1, entry),
            None => Ok(()),
        }
    }

    /// The statements of the account to import (the one asked for, or the only one), or why not.
    pub(in super::super) fn finish(self, opts: &ReadOptions) -> Result<Chosen, crate::error::Refusal> {
        if !self.seen_ofx {
            return Err(crate::error::Refusal::from("it holds no <OFX> element"));
        }
        if self.statements.is_empty() {
            return Err(crate::error::Refusal::from(match self.others.first() {
                Some(other) => format!(
                    "the OFX holds {other} and no bank or card statement (STMTRS or CCSTMTRS); pfos imports bank and card statements"
                ),
                None => "the OFX holds no bank or card statement (STMTRS or CCSTMTRS)".to_string(),
            }));
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
        let is = |tag: &str| name.eq_ignore_ascii_case(tag);
        if is("OFX") {
            if self.seen_ofx && self.path.is_empty() {
                return Err(format!("line {line}: a second <OFX>"));
            }
            self.seen_ofx = true;
        } else if !self.seen_ofx {
            return Err(format!(
                "line {line}: <{}> comes before <OFX>",
                name.to_ascii_uppercase()
            ));
        } else if is("STMTRS") || is("CCSTMTRS") {
            self.opened += 1;
            self.current = Some(Stmt {
                card: is("CCSTMTRS"),
                account: String::new(),
                balances: Vec::new(),
                pending: 0,
            });
        } else if is("STMTTRN") && self.current.is_some() {
            self.trn.start(line);
            self.in_trn = true;
        } else if is("LEDGERBAL") && self.current.is_some() {
            self.ledger = Some(Bal { line, ..Bal::default() });
        } else if is("INVSTMTRS") {
            self.others.push("an investment statement (INVSTMTRS)");
        } else if is("LOANSTMTRS") {
            self.others.push("a loan statement (LOANSTMTRS)");
        }
        self.path.push(if is("STMTTRN") {
            Open::Stmttrn
        } else if is("PAYEE") {
            Open::Payee
        } else if is("BANKACCTFROM") || is("CCACCTFROM") {
            Open::AccountFrom
        } else {
            Open::Other
        });
        Ok(())
    }

    fn leaf(&mut self, name: &str, value: &str, line: u64) -> Result<(), String> {
        if !self.seen_ofx {
            return Err(format!("line {line}: <{name}> comes before <OFX>"));
        }
        let is = |tag: &str| name.eq_ignore_ascii_case(tag);
        let parent = self.parent();
        if self.in_trn {
            let trn = &mut self.trn;
            match parent {
                Open::Stmttrn if is("TRNTYPE") => {
                    trn.trntype.set(value);
                    trn.trntype.text.make_ascii_uppercase();
                }
                Open::Stmttrn if is("DTPOSTED") => trn.posted.set(value),
                Open::Stmttrn if is("TRNAMT") => trn.amount.set(value),
                Open::Stmttrn if is("FITID") => trn.fitid.set(value),
                Open::Stmttrn if is("NAME") => trn.name.set(value),
                Open::Payee if is("NAME") => trn.payee.set(value),
                Open::Stmttrn if is("MEMO") => trn.memo.set(value),
                _ => {}
            }
            return Ok(());
        }
        if let Some(bal) = self.ledger.as_mut() {
            if is("BALAMT") {
                bal.amount = Some(value.to_string());
            } else if is("DTASOF") {
                bal.date = Some(value.to_string());
            }
            return Ok(());
        }
        if let Some(stmt) = self.current.as_mut() {
            if is("ACCTID") && parent == Open::AccountFrom {
                stmt.account = value.to_string();
            }
        }
        Ok(())
    }

    fn close(&mut self, name: &str, _line: u64) -> Result<(), String> {
        let is = |tag: &str| name.eq_ignore_ascii_case(tag);
        self.path.pop();
        if is("STMTTRN") {
            if self.in_trn {
                self.in_trn = false;
                self.finish_trn()?;
            }
        } else if is("LEDGERBAL") {
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
        } else if is("STMTRS") || is("CCSTMTRS") {
            if let Some(stmt) = self.current.take() {
                self.statements.push((self.opened - 1, stmt));
            }
        }
        Ok(())
    }
}
