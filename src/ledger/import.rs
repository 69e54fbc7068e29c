//! Importing a bank or card CSV into one place: rules, de-duplication and transfer matching, all in one
//! SQLite transaction (or none of it).

use super::{locks, resolve, Ledger, State};
use crate::domain::rules::{first_match, Rule, RuleAction};
use crate::domain::txn::check_shape;
use crate::domain::{Money, Month, PlaceId, PlaceKind, Places, TxnDraft, TxnId, TxnKind};
use crate::error::{refused, Result};
use crate::io::csv_import::{self, BadRow, BankRow, CsvOptions, Detected};
use crate::store::Change;
use crate::store::{imports, places as place_rows, rules as rule_rows, snapshots, txns};
use rusqlite::Transaction;
use std::collections::HashMap;

/// The category of a row no rule or column categorised.
pub const UNCATEGORIZED: &str = "Uncategorized";
/// How far apart the two sides of one transfer may be dated.
const TRANSFER_MATCH_DAYS: u64 = 5;
/// Words that make money into a card look like a payment rather than a refund.
const PAYMENT_WORDS: &[&str] = &["payment", "thank you", "autopay", "auto pay", "pymt", "pago", "zahlung"];

/// What to import, and how.
pub struct ImportRequest<'a> {
    pub place: &'a str,
    pub bytes: &'a [u8],
    pub options: CsvOptions,
    /// Import the good rows even when some cannot be read.
    pub skip_bad: bool,
    /// Work everything out, store nothing.
    pub dry_run: bool,
}

/// What became of one row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Imported(TxnId),
    /// Already imported (same fingerprint).
    Duplicate(TxnId),
    /// The other side of an existing transfer.
    Matched(TxnId),
}

/// One row as it was (or would be) recorded.
#[derive(Debug, Clone)]
pub struct PlannedRow {
    pub line: u64,
    pub draft: TxnDraft,
    pub outcome: Outcome,
}

/// The summary of an import.
#[derive(Debug, Clone)]
pub struct ImportReport {
    pub detected: Detected,
    pub rows: Vec<PlannedRow>,
    pub rejected: Vec<BadRow>,
    /// Rows with no amount, and summary lines.
    pub skipped: usize,
    pub dry_run: bool,
}

impl ImportReport {
    pub fn count(&self, want: fn(&Outcome) -> bool) -> usize {
        self.rows.iter().filter(|r| want(&r.outcome)).count()
    }
    pub fn imported(&self) -> usize {
        self.count(|o| matches!(o, Outcome::Imported(_)))
    }
    pub fn duplicates(&self) -> usize {
        self.count(|o| matches!(o, Outcome::Duplicate(_)))
    }
    pub fn matched(&self) -> usize {
        self.count(|o| matches!(o, Outcome::Matched(_)))
    }
}

impl Ledger {
    /// Imports a CSV file into a place; `progress` hears (rows done, rows in all).
    pub fn import_csv(&mut self, req: ImportRequest<'_>, progress: &dyn Fn(usize, usize)) -> Result<ImportReport> {
        let places = self.places()?;
        let place_id = resolve(&places, req.place)?;
        let place = places.get(place_id).map(|p| p.kind).unwrap_or(PlaceKind::Checking);
        if place == PlaceKind::Bucket {
            return refused("a CSV comes from a bank or card: import it into an account or a card, not a bucket");
        }
        let options = CsvOptions {
            is_card: place == PlaceKind::Card,
            ..req.options.clone()
        };
        let parsed = csv_import::parse(req.bytes, &options).map_err(|reason| {
            crate::error::Error::Refused(format!("cannot import the file: {reason}; nothing was imported"))
        })?;
        let dry_run = req.dry_run;
        self.store.write_unless(dry_run, |tx| {
            let rules: Vec<Rule> = rule_rows::all(tx)?
                .iter()
                .map(|r| r.compile())
                .collect::<std::result::Result<_, _>>()
                .map_err(crate::error::Error::Refused)?;
            let mut importer = Importer::new(tx, &places, place_id, rules)?;
            // The rows go in without a row image each; the log keeps their id range (see store::activity).
            let before = crate::store::activity::pause(tx)?;
            let mut rejected = parsed.bad.clone();
            let mut rows = Vec::with_capacity(parsed.rows.len());
            for (done, row) in parsed.rows.iter().enumerate() {
                match importer.row(row) {
                    Ok(planned) => rows.push(planned),
                    Err(reason) => rejected.push(BadRow { line: row.line, reason }),
                }
                if done % 1024 == 0 {
                    progress(done, parsed.rows.len());
                }
            }
            progress(parsed.rows.len(), parsed.rows.len());
            rejected.sort_by_key(|b| b.line);
            if !rejected.is_empty() && !req.skip_bad {
                let lines: Vec<String> = rejected.iter().take(20).map(|b| format!("  line {}: {}", b.line, b.reason)).collect();
                let more = rejected.len().saturating_sub(20);
                return refused(format!(
                    "{} row(s) cannot be imported, so nothing was imported:\n{}{}\nfix the file, or import the other rows with --skip-bad",
                    rejected.len(),
                    lines.join("\n"),
                    if more > 0 { format!("\n  … and {more} more") } else { String::new() }
                ));
            }
            crate::store::activity::resume_with_range(tx, before, &importer.matched)?;
            State::load(tx, None)?;
            let report = ImportReport { detected: parsed.detected.clone(), rows, rejected, skipped: parsed.skipped, dry_run };
            let what = format!("import csv into {}: {} transactions", places.name(place_id), report.imported());
            Ok((report, Change::new("import", what)))
        })
    }
}

/// Turns rows into transactions against one place, remembering what it has seen in this file.
struct Importer<'a, 't> {
    tx: &'a Transaction<'t>,
    places: &'a Places,
    place: PlaceId,
    rules: Vec<Rule>,
    latest_closed: Option<Month>,
    occurrences: HashMap<String, usize>,
    /// The one checking account, which pays a card when no rule says otherwise.
    default_payer: Option<PlaceId>,
    /// Fingerprints this import tied to transactions that were already there.
    matched: Vec<String>,
}

impl<'a, 't> Importer<'a, 't> {
    fn new(tx: &'a Transaction<'t>, places: &'a Places, place: PlaceId, rules: Vec<Rule>) -> Result<Self> {
        let checking: Vec<PlaceId> = places
            .iter()
            .filter(|p| p.kind == PlaceKind::Checking)
            .map(|p| p.id)
            .collect();
        Ok(Importer {
            tx,
            places,
            place,
            rules,
            latest_closed: snapshots::latest_month(tx)?,
            occurrences: HashMap::new(),
            default_payer: (checking.len() == 1).then(|| checking[0]),
            matched: Vec::new(),
        })
    }

    fn row(&mut self, row: &BankRow) -> std::result::Result<PlannedRow, String> {
        let amount = Money::parse_positive(&row.amount.abs().to_string()).map_err(|e| e.to_string())?;
        let money_in = row.amount.is_sign_positive();
        let signed_cents = if money_in { amount.cents() } else { -amount.cents() };
        // Place, date, signed amount, description, and which occurrence of that row in the file this is.
        let key = format!(
            "{}|{}|{signed_cents}|{}",
            self.place,
            row.date,
            normalize(&row.description)
        );
        let seen = self.occurrences.entry(key.clone()).or_insert(0);
        let fingerprint = format!("{key}|{seen}");
        *seen += 1;
        if let Some(id) = imports::find(self.tx, &fingerprint).map_err(|e| e.to_string())? {
            let stored = txns::get(self.tx, id).map_err(|e| e.to_string())?;
            let draft = match stored {
                Some(t) => TxnDraft::from(&t),
                None => self.classify(row, amount, money_in)?,
            };
            return Ok(PlannedRow {
                line: row.line,
                draft,
                outcome: Outcome::Duplicate(id),
            });
        }
        let draft = self.classify(row, amount, money_in)?;
        if self.latest_closed.is_some_and(|l| row.date <= l.last_day()) {
            return Err(locks::ensure_open(self.tx, row.date)
                .err()
                .map_or_else(|| "the month is closed".into(), |e| e.to_string()));
        }
        if let Some(p) = [draft.from, draft.to]
            .into_iter()
            .flatten()
            .filter_map(|id| self.places.get(id))
            .find(|p| p.opened_on > row.date)
        {
            return Err(format!(
                "'{}' opened on {}, after this row's date {}",
                p.name, p.opened_on, row.date
            ));
        }
        check_shape(&draft, |id| self.places.get(id)).map_err(|e| e.to_string())?;
        let outcome = match self.existing_transfer(&draft)? {
            Some(id) => Outcome::Matched(id),
            None => Outcome::Imported(txns::insert(self.tx, &draft).map_err(|e| e.to_string())?),
        };
        let id = match outcome {
            Outcome::Imported(id) | Outcome::Matched(id) | Outcome::Duplicate(id) => id,
        };
        imports::insert(self.tx, &fingerprint, id, self.place).map_err(|e| e.to_string())?;
        if matches!(outcome, Outcome::Matched(_)) {
            self.matched.push(fingerprint);
        }
        Ok(PlannedRow {
            line: row.line,
            draft,
            outcome,
        })
    }

    /// Rule first, then the file's category, then "Uncategorized"; card payments become transfers.
    fn classify(&self, row: &BankRow, amount: Money, money_in: bool) -> std::result::Result<TxnDraft, String> {
        let on_card = self.places.kind(self.place) == Some(PlaceKind::Card);
        let rule = first_match(&self.rules, &row.description).map(|r| r.action.clone());
        let category = || match &rule {
            Some(RuleAction::Category(c)) => c.clone(),
            _ => row.category.clone().unwrap_or_else(|| UNCATEGORIZED.to_string()),
        };
        let draft = |kind, from, to, category| TxnDraft {
            date: row.date,
            kind,
            amount,
            from,
            to,
            category,
            description: row.description.clone(),
        };
        let here = Some(self.place);
        if let Some(RuleAction::Transfer(other)) = rule {
            if other == self.place {
                return Err(format!(
                    "a rule turns this row into a transfer to '{}' itself",
                    self.places.name(other)
                ));
            }
            return Ok(if money_in {
                draft(TxnKind::Transfer, Some(other), here, None)
            } else {
                draft(TxnKind::Transfer, here, Some(other), None)
            });
        }
        Ok(match (money_in, on_card) {
            (false, _) => draft(TxnKind::Expense, here, None, Some(category())),
            (true, false) => draft(TxnKind::Income, None, here, Some(category())),
            (true, true) if looks_like_payment(&row.description) => {
                let payer = self.existing_payer(row.date, amount)?.or(self.default_payer).ok_or_else(|| {
                    "this looks like a card payment, but pfos cannot tell which account paid it; add a rule such as \
                     'pfos rule add PATTERN --transfer Checking'"
                        .to_string()
                })?;
                draft(TxnKind::Transfer, Some(payer), here, None)
            }
            (true, true) => draft(TxnKind::Refund, None, here, Some(category())),
        })
    }

    /// The account that paid an already-recorded, unclaimed payment to this card, if any.
    fn existing_payer(&self, date: chrono::NaiveDate, amount: Money) -> std::result::Result<Option<PlaceId>, String> {
        let found =
            imports::unclaimed_transfer(self.tx, None, self.place, amount, date, TRANSFER_MATCH_DAYS, self.place)
                .map_err(|e| e.to_string())?;
        Ok(found
            .and_then(|id| txns::get(self.tx, id).ok().flatten())
            .and_then(|t| t.from))
    }

    fn existing_transfer(&self, draft: &TxnDraft) -> std::result::Result<Option<TxnId>, String> {
        let (TxnKind::Transfer, Some(to)) = (draft.kind, draft.to) else {
            return Ok(None);
        };
        imports::unclaimed_transfer(
            self.tx,
            draft.from,
            to,
            draft.amount,
            draft.date,
            TRANSFER_MATCH_DAYS,
            self.place,
        )
        .map_err(|e| e.to_string())
    }
}

fn looks_like_payment(description: &str) -> bool {
    let text = description.to_lowercase();
    PAYMENT_WORDS.iter().any(|w| text.contains(w))
}

/// Lower case, single spaces: how descriptions are compared for duplicates.
fn normalize(description: &str) -> String {
    description
        .to_lowercase()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

impl Ledger {
    pub fn add_rule(
        &mut self,
        pattern: &str,
        is_regex: bool,
        category: Option<&str>,
        transfer: Option<&str>,
    ) -> Result<i64> {
        self.store.write(|tx| {
            let places = Places::new(place_rows::all(tx)?);
            let action = match (category.map(str::trim), transfer) {
                (Some(""), _) => return refused("the category is empty; give one, like --category Groceries"),
                (Some(c), None) => RuleAction::Category(c.to_string()),
                (None, Some(p)) => RuleAction::Transfer(resolve(&places, p)?),
                _ => return refused("a rule needs exactly one of --category CAT or --transfer PLACE"),
            };
            Rule::new(0, pattern, is_regex, action.clone()).map_err(crate::error::Error::Refused)?;
            let id = rule_rows::insert(tx, pattern, is_regex, &action)?;
            Ok((id, Change::new("rule", format!("add rule #{id} '{pattern}'"))))
        })
    }

    pub fn rules(&self) -> Result<Vec<rule_rows::RuleRow>> {
        Ok(rule_rows::all(self.store.conn())?)
    }

    pub fn delete_rule(&mut self, id: i64) -> Result<()> {
        self.store.write(|tx| {
            if rule_rows::delete(tx, id)? {
                Ok(((), Change::new("rule", format!("delete rule #{id}"))))
            } else {
                refused(format!("rule {id} does not exist; see 'pfos rule list' for ids"))
            }
        })
    }
}
