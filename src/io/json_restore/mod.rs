//! Reading a JSON export back: every field checked, with a message that says where and what is wrong.
//!
//! This checks what can be checked from the file alone (shape, version, amounts, dates, references,
//! the rules of each transaction kind, split lines and tags, categories and their spellings, archive
//! dates, the order of closed months). The transactions are not held: they
//! stream from the file to a [`Sink`] one by one as they are checked (see [`stream`]), and only what the
//! rest of the file is checked against is kept (their ids, their earliest date, the openings). Whether
//! the snapshots agree with the transactions is checked by `pfos check` after the data is in the
//! database, before it is committed.

mod places;
mod snapshots;
mod stream;

use super::json_backup::{
    ImportedRow, LoanInterestRec, LoanInterestRow, ReconciliationRec, ReconciliationRow, RuleRec, RuleRow,
    StoredSnapshot, TxnRec, FORMAT, OLDEST_VERSION, VERSION,
};
use super::json_plans::Plans;
use crate::domain::category::normalize_tags;
use crate::domain::rules::{Rule, RuleAction};
use crate::domain::txn::check_shape;
use crate::domain::{
    category_key, parse_date, Money, Month, Place, PlaceId, PlaceKind, Places, Split, Txn, TxnDraft, TxnId, TxnKind,
};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use std::collections::{HashMap, HashSet};
use std::fs::File;
use std::path::Path;

/// Why a file cannot be imported; the text says where and what to do.
pub type Problem = String;

/// Why a restore stopped: the file (a [`Problem`] to show), or the database or file system underneath.
#[derive(Debug)]
pub enum Failure {
    Problem(Problem),
    /// The file is not a JSON export of pfos at all (not UTF-8, not JSON, another format or version).
    NotAnExport(Problem),
    Error(crate::error::Error),
}

impl From<crate::error::Error> for Failure {
    fn from(e: crate::error::Error) -> Self {
        Failure::Error(e)
    }
}

/// Where a restore puts what it reads, as it reads it.
pub trait Sink {
    /// The checked places, once, before any transaction.
    fn places(&mut self, places: &[Place]) -> Result<(), Failure>;
    /// One checked transaction, in the order of the file, with the bank-file rows CSV imports tied to it
    /// (their places checked). Ids are positive but may repeat: a sink that stores them refuses a repeated
    /// id with a [`Failure::Problem`] (the check after the last one would too).
    fn txn(&mut self, txn: &Txn, imported: &[ImportedRow]) -> Result<(), Failure>;
}

/// Everything but the transactions, checked, for the caller to store after them.
#[derive(Debug)]
pub struct Restored {
    /// The file's format version: one before [`VERSION`] has snapshots computed by older rules.
    pub version: u64,
    /// The largest transaction id ever given (at least the largest in the file).
    pub last_txn_id: TxnId,
    /// Every category's spelling in the order first given; `None` for a file without the list (the
    /// transactions' categories are then recorded as they come).
    pub categories: Option<Vec<String>>,
    pub places: Vec<Place>,
    pub loan_interest: Vec<LoanInterestRow>,
    /// How many transactions went to the sink.
    pub txns: usize,
    /// Oldest first.
    pub snapshots: Vec<StoredSnapshot>,
    pub rules: Vec<RuleRow>,
    pub plans: Plans,
    /// Oldest first, as in the file.
    pub reconciliations: Vec<ReconciliationRow>,
}

const NOT_UTF8: &str = "it is not UTF-8 text, so not a pfos JSON export";

/// Reads the JSON export at `path` (already opened as `file`), checking every field: places first, then
/// each transaction as it is read, handed to `sink`; the rest is returned once the whole file is read
/// and checked. A file whose keys are in another order than `pfos export json` writes them is read twice.
pub fn restore(path: &Path, file: File, sink: &mut dyn Sink) -> Result<Restored, Failure> {
    let result = stream::read(path, file, sink).and_then(finish);
    match result {
        // As when the whole file was read at once: not being text comes before anything else wrong with it.
        Err(Failure::Problem(_) | Failure::NotAnExport(_)) if !stream::is_utf8(path) => {
            Err(Failure::NotAnExport(NOT_UTF8.to_string()))
        }
        other => other,
    }
}

/// Checks what needed the whole file: rules, snapshots and plans against places and transactions.
fn finish(read: stream::Read) -> Result<Restored, Failure> {
    let places = read.places;
    let rules = rules(&read.rules, &places).map_err(Failure::Problem)?;
    let seen = read.txns.finish(&places).map_err(Failure::Problem)?;
    let categories = read
        .categories
        .map(|list| categories(list, &seen.spellings))
        .transpose()
        .map_err(Failure::Problem)?;
    let last_txn_id = last_txn_id(read.last_txn_id, &seen).map_err(Failure::Problem)?;
    let snapshots = snapshots::snapshots(&read.snapshots, &places, seen.earliest).map_err(Failure::Problem)?;
    let closed: Vec<Month> = snapshots.iter().map(|s| s.snapshot.month).collect();
    let has_txn = |id: i64| seen.ids.binary_search(&id).is_ok();
    let plans = super::json_plans::from_rec(&read.plans, &places, &has_txn, &closed).map_err(Failure::Problem)?;
    let reconciliations = reconciliations(&read.reconciliations, &places).map_err(Failure::Problem)?;
    let loan_interest = loan_interest(&read.loan_interest, &places, &has_txn).map_err(Failure::Problem)?;
    Ok(Restored {
        version: read.version,
        last_txn_id,
        categories,
        places: places.all().to_vec(),
        loan_interest,
        txns: read.count,
        snapshots,
        rules,
        plans,
        reconciliations,
    })
}

/// The categories list: each spelling a category name, no two of one category (whatever their case),
/// and every spelling the transactions use listed exactly so (`used`: spelling → the first transaction
/// using it).
fn categories(list: Vec<String>, used: &HashMap<String, TxnId>) -> Result<Vec<String>, Problem> {
    let mut keys: HashMap<String, &str> = HashMap::new();
    for name in &list {
        category_text(&format!("categories: '{name}'"), name)?;
        if let Some(other) = keys.insert(category_key(name), name) {
            return Err(format!(
                "categories: '{other}' and '{name}' are one category (categories are compared whatever their case); list it once, as first spelled"
            ));
        }
    }
    let mut used: Vec<(&String, &TxnId)> = used.iter().collect();
    used.sort_by_key(|(_, id)| **id);
    for (spelling, id) in used {
        match keys.get(&category_key(spelling)) {
            Some(listed) if listed == spelling => {}
            Some(listed) => {
                return Err(format!(
                    "transaction {id}: category '{spelling}' is spelled '{listed}' in \"categories\"; a category keeps the spelling it was first given"
                ))
            }
            None => {
                return Err(format!(
                    "transaction {id}: category '{spelling}' is not in \"categories\", which lists every category"
                ))
            }
        }
    }
    Ok(list)
}

/// The largest id ever given: at least the largest in the file, which it is when the file does not say.
fn last_txn_id(given: Option<i64>, seen: &SeenTxns) -> Result<TxnId, Problem> {
    let largest = seen.ids.last().copied().unwrap_or(0);
    match given {
        None => Ok(largest),
        Some(last) if last < largest => Err(format!(
            "last_txn_id is {last}, but transaction {largest} is in the file; it is the largest id ever given, so never below one in the file"
        )),
        Some(last) => Ok(last),
    }
}

/// The loan interest posts: each of a loan in the file, for a month, by a transaction in the file; a
/// month's interest once, a transaction posting once.
fn loan_interest(
    recs: &[LoanInterestRec],
    places: &Places,
    has_txn: &dyn Fn(i64) -> bool,
) -> Result<Vec<LoanInterestRow>, Problem> {
    let mut months = HashSet::new();
    let mut txns = HashSet::new();
    recs.iter()
        .map(|r| {
            let what = format!("loan interest of transaction {}", r.txn_id);
            let month = Month::parse(&r.month).map_err(|e| format!("{what}: {e}"))?;
            let Some(loan) = places.get(r.loan_id) else {
                return Err(format!("{what}: loan_id {} is not a place in the file", r.loan_id));
            };
            if loan.kind != PlaceKind::Loan {
                return Err(format!("{what}: '{}' is a {}, not a loan", loan.name, loan.kind));
            }
            if !has_txn(r.txn_id) {
                return Err(format!("{what}: the transaction is not in the file"));
            }
            if !months.insert((loan.id, month)) {
                return Err(format!(
                    "{what}: the interest of '{}' for {month} is posted twice; a month's interest is posted once",
                    loan.name
                ));
            }
            if !txns.insert(r.txn_id) {
                return Err(format!("{what} appears twice"));
            }
            Ok(LoanInterestRow {
                loan: loan.id,
                month,
                txn: r.txn_id,
            })
        })
        .collect()
}

/// A category as a transaction, split line or the list gives it.
fn category_text(what: &str, c: &str) -> Result<(), Problem> {
    if c.trim().is_empty() || c.trim() != c || c.chars().any(char::is_control) {
        return Err(format!(
            "{what}: a category must be non-empty, without control characters or spaces at either end"
        ));
    }
    Ok(())
}

/// The reconciliations: each of a place in the file, on a date, for an amount, recorded at some moment.
fn reconciliations(recs: &[ReconciliationRec], places: &Places) -> Result<Vec<ReconciliationRow>, Problem> {
    recs.iter()
        .enumerate()
        .map(|(i, r)| {
            let what = format!("reconciliation {}", i + 1);
            let place = known_place(&what, "place_id", Some(r.place_id), places)?.unwrap_or(r.place_id);
            if let Some(bucket) = places.get(place).filter(|p| p.kind == PlaceKind::Bucket) {
                return Err(format!(
                    "{what}: '{}' is a bucket, which has no statement to reconcile",
                    bucket.name
                ));
            }
            if r.recorded_at.trim().is_empty() || r.recorded_at.chars().any(char::is_control) {
                return Err(format!("{what}: recorded_at must say when it was recorded"));
            }
            Ok(ReconciliationRow {
                place,
                date: date(&format!("{what}, date"), &r.date)?,
                amount: amount(&format!("{what}, amount"), &r.amount)?,
                recorded_at: r.recorded_at.clone(),
            })
        })
        .collect()
}

/// The bank-file rows a transaction's record says CSV imports tied to it.
fn imported(r: &TxnRec, places: &Places) -> Result<Vec<ImportedRow>, Problem> {
    let what = format!("transaction {}, imported row", r.id);
    r.imported
        .iter()
        .map(|i| {
            Ok(ImportedRow {
                place: known_place(&what, "place_id", Some(i.place_id), places)?.unwrap_or(i.place_id),
                date: date(&format!("{what}, date"), &i.date)?,
                hash: i.hash,
            })
        })
        .collect()
}

/// The format field: this pfos reads only its own format.
fn check_format(format: Option<&serde_json::Value>) -> Result<(), Failure> {
    if format.and_then(serde_json::Value::as_str) != Some(FORMAT) {
        return Err(Failure::NotAnExport(not_an_export()));
    }
    Ok(())
}

/// The version field: this pfos reads only its own version.
fn check_version(version: Option<&serde_json::Value>) -> Result<(), Failure> {
    match version.and_then(serde_json::Value::as_u64) {
        Some(v) if (OLDEST_VERSION..=VERSION).contains(&v) => Ok(()),
        Some(v) if v > VERSION => Err(Failure::Problem(format!(
            "it was written by a newer pfos (format version {v}; this pfos reads version {VERSION}); upgrade pfos to import it"
        ))),
        _ => Err(Failure::NotAnExport(format!(
            "its format version is {}, not one this pfos reads (versions {OLDEST_VERSION} to {VERSION})",
            version.map_or("missing".to_string(), ToString::to_string)
        ))),
    }
}

fn not_an_export() -> Problem {
    format!("it is not a pfos export (it needs \"format\": \"{FORMAT}\")")
}

/// Each rule: a unique id, a pattern that compiles, exactly one action, a transfer place that exists.
fn rules(recs: &[RuleRec], places: &Places) -> Result<Vec<RuleRow>, Problem> {
    let mut ids = HashSet::new();
    recs.iter()
        .map(|r| {
            let what = format!("rule {}", r.id);
            if !ids.insert(r.id) {
                return Err(format!("{what} appears twice"));
            }
            let action = match (&r.category, r.transfer_id) {
                (Some(c), None) if !c.trim().is_empty() => RuleAction::Category(c.clone()),
                (None, Some(p)) if places.get(p).is_some() => RuleAction::Transfer(p),
                (None, Some(p)) => return Err(format!("{what} transfers to place {p}, which is not in the file")),
                _ => return Err(format!("{what} needs exactly one of \"category\" and \"transfer_id\"")),
            };
            Rule::new(r.id, &r.pattern, r.regex, action.clone()).map_err(|e| format!("{what}: {e}"))?;
            Ok(RuleRow {
                id: r.id,
                pattern: r.pattern.clone(),
                is_regex: r.regex,
                action,
            })
        })
        .collect()
}

pub(crate) fn date(what: &str, text: &str) -> Result<NaiveDate, Problem> {
    parse_date(text).map_err(|e| format!("{what}: {e}"))
}

/// A stored amount: a decimal with at most two places, within what a database row can hold. May be negative.
pub(crate) fn amount(what: &str, text: &str) -> Result<Money, Problem> {
    let bad =
        || format!("{what}: '{text}' is not an amount; write amounts as strings with two decimals, like \"1234.50\"");
    let trimmed = text.trim();
    let plain = trimmed.strip_prefix('-').unwrap_or(trimmed);
    if plain.is_empty() || !plain.chars().all(|c| c.is_ascii_digit() || c == '.') {
        return Err(bad());
    }
    let value: Decimal = trimmed.parse().map_err(|_| bad())?;
    if value.scale() > 2 {
        return Err(format!("{what}: '{text}' has more than two decimal places"));
    }
    let cents = value * Decimal::ONE_HUNDRED;
    let cents = i64::try_from(cents).map_err(|_| format!("{what}: '{text}' is too large"))?;
    Ok(Money::from_cents(cents))
}

pub(super) fn opt_amount(what: &str, text: &Option<String>) -> Result<Option<Money>, Problem> {
    text.as_deref().map(|t| amount(what, t)).transpose()
}

fn known_place(what: &str, side: &str, id: Option<i64>, places: &Places) -> Result<Option<PlaceId>, Problem> {
    match id {
        Some(id) if places.get(id).is_none() => Err(format!("{what}: {side} {id} is not a place in the file")),
        other => Ok(other),
    }
}

/// What checking the transactions one by one keeps: enough to check the rest of the file against them.
#[derive(Debug, Default)]
pub(super) struct TxnCheck {
    openings: HashMap<PlaceId, i64>,
    ids: Vec<i64>,
    earliest: Option<NaiveDate>,
    /// Each category spelling used (by a transaction or a split line) → the first transaction using it.
    spellings: HashMap<String, TxnId>,
}

/// The transactions of a file, once all were read: their ids in order, their earliest month and the
/// category spellings they use.
pub(super) struct SeenTxns {
    pub ids: Vec<i64>,
    pub earliest: Option<Month>,
    pub spellings: HashMap<String, TxnId>,
}

impl TxnCheck {
    /// One transaction: its id, kind, amount, places, category or split lines, tags and description, and
    /// the rules of its kind.
    pub(super) fn check(&mut self, r: &TxnRec, places: &Places) -> Result<Txn, Problem> {
        let what = format!("transaction {}", r.id);
        if r.id <= 0 {
            return Err(format!("{what}: transaction ids must be positive and unique"));
        }
        let kind: TxnKind = r.kind.parse().map_err(|e: String| format!("{what}: {e}"))?;
        let splits = r
            .splits
            .iter()
            .enumerate()
            .map(|(i, l)| {
                let line = format!("{what}, split line {}", i + 1);
                category_text(&line, &l.category)?;
                Ok(Split {
                    category: l.category.clone(),
                    amount: amount(&format!("{line}, amount"), &l.amount)?,
                })
            })
            .collect::<Result<Vec<_>, Problem>>()?;
        let tags = normalize_tags(&r.tags).map_err(|e| format!("{what}: {e}"))?;
        let draft = TxnDraft {
            date: date(&format!("{what}, date"), &r.date)?,
            kind,
            amount: Money::parse_non_negative(&r.amount).map_err(|e| format!("{what}: {e}"))?,
            from: known_place(&what, "from_id", r.from_id, places)?,
            to: known_place(&what, "to_id", r.to_id, places)?,
            category: r.category.clone(),
            description: r.description.clone(),
            splits,
            tags,
        };
        if let Some(c) = &draft.category {
            category_text(&format!("{what}: category '{c}'"), c)?;
        }
        crate::domain::text_rules::check_description(&draft.description).map_err(|e| format!("{what}: {e}"))?;
        check_shape(&draft, |id| places.get(id)).map_err(|e| format!("{what}: {e}"))?;
        if kind == TxnKind::Opening {
            let Some(place) = draft.to.and_then(|id| places.get(id)) else {
                return Err(format!("{what}: an opening needs to_id"));
            };
            if let Some(other) = self.openings.insert(place.id, r.id) {
                return Err(format!(
                    "{what}: '{}' already has opening transaction {other}; a place has exactly one",
                    place.name
                ));
            }
            if draft.date != place.opened_on {
                return Err(format!(
                    "{what}: the opening of '{}' is dated {}, but the place opened on {}; they must agree",
                    place.name, draft.date, place.opened_on
                ));
            }
        } else {
            for id in [draft.from, draft.to].into_iter().flatten() {
                if let Some(p) = places.get(id).filter(|p| p.opened_on > draft.date) {
                    return Err(format!(
                        "{what}: dated {}, before '{}' opened on {}",
                        draft.date, p.name, p.opened_on
                    ));
                }
            }
        }
        for id in [draft.from, draft.to].into_iter().flatten() {
            if let Some((p, on)) = places.get(id).and_then(|p| Some((p, p.archived_on?))) {
                if draft.date > on {
                    return Err(format!(
                        "{what}: dated {}, after '{}' was archived on {on}; an archived place takes no transaction after that day",
                        draft.date, p.name
                    ));
                }
            }
        }
        let used = draft.category.iter().chain(draft.splits.iter().map(|l| &l.category));
        for spelling in used {
            if !self.spellings.contains_key(spelling) {
                self.spellings.insert(spelling.clone(), r.id);
            }
        }
        self.ids.push(r.id);
        self.earliest = Some(self.earliest.map_or(draft.date, |e| e.min(draft.date)));
        Ok(draft.into_txn(r.id))
    }

    /// After the last transaction: ids unique, and every place has its opening.
    pub(super) fn finish(mut self, places: &Places) -> Result<SeenTxns, Problem> {
        self.ids.sort_unstable();
        if let Some(pair) = self.ids.windows(2).find(|pair| pair[0] == pair[1]) {
            return Err(format!(
                "transaction {}: transaction ids must be positive and unique",
                pair[0]
            ));
        }
        if let Some(p) = places.iter().find(|p| !self.openings.contains_key(&p.id)) {
            return Err(format!(
                "place {} ('{}') has no opening transaction; every place has exactly one (amount \"0.00\" for none)",
                p.id, p.name
            ));
        }
        Ok(SeenTxns {
            ids: self.ids,
            earliest: self.earliest.map(Month::of),
            spellings: self.spellings,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::amount;

    #[test]
    fn stored_amounts_are_signed_decimals_with_two_places_at_most() {
        let cents = |t: &str| amount("x", t).map(|m| m.cents());
        assert_eq!(cents("1234.50"), Ok(123_450));
        assert_eq!(cents("-20.00"), Ok(-2_000));
        assert_eq!(cents("0"), Ok(0));
        for bad in [
            "",
            "-",
            ".",
            "1e5",
            "1,000",
            "12.345",
            "abc",
            "+5",
            "99999999999999999999999",
        ] {
            assert!(amount("x", bad).is_err(), "'{bad}' should be refused");
        }
    }
}
