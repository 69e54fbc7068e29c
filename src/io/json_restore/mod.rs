//! Reading a JSON export back: every field checked, with a message that says where and what is wrong.
//!
//! This checks what can be checked from the file alone (shape, version, amounts, dates, references,
//! the rules of each transaction kind, the order of closed months). The transactions are not held: they
//! stream from the file to a [`Sink`] one by one as they are checked (see [`stream`]), and only what the
//! rest of the file is checked against is kept (their ids, their earliest date, the openings). Whether
//! the snapshots agree with the transactions is checked by `pfos check` after the data is in the
//! database, before it is committed.

mod snapshots;
mod stream;

use super::json_backup::{
    BucketRec, CardRec, ImportedRow, PlaceRec, ReconciliationRec, ReconciliationRow, RuleRec, RuleRow, StoredSnapshot,
    TxnRec, FORMAT, VERSION,
};
use super::json_plans::Plans;
use crate::domain::place::{name_key, MAX_GRACE_DAYS};
use crate::domain::rules::{Rule, RuleAction};
use crate::domain::txn::check_shape;
use crate::domain::{
    parse_date, BucketTerms, CardTerms, Money, Month, Place, PlaceId, PlaceKind, Places, Txn, TxnDraft, TxnKind,
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
    pub places: Vec<Place>,
    /// How many transactions went to the sink.
    pub txns: usize,
    /// Oldest first.
    pub snapshots: Vec<StoredSnapshot>,
    pub rules: Vec<RuleRow>,
    pub plans: Plans,
    /// Oldest first, as in the file.
    pub reconciliations: Vec<ReconciliationRow>,
}

const NOT_UTF8: &str = "it is not UTF-8 text, so not a pfos JSON export; give a file made by 'pfos export json'";

/// Reads the JSON export at `path` (already opened as `file`), checking every field: places first, then
/// each transaction as it is read, handed to `sink`; the rest is returned once the whole file is read
/// and checked. A file whose keys are in another order than `pfos export json` writes them is read twice.
pub fn restore(path: &Path, file: File, sink: &mut dyn Sink) -> Result<Restored, Failure> {
    let result = stream::read(path, file, sink).and_then(finish);
    match result {
        // As when the whole file was read at once: not being text comes before anything else wrong with it.
        Err(Failure::Problem(_)) if !stream::is_utf8(path) => Err(Failure::Problem(NOT_UTF8.to_string())),
        other => other,
    }
}

/// Checks what needed the whole file: rules, snapshots and plans against places and transactions.
fn finish(read: stream::Read) -> Result<Restored, Failure> {
    let places = read.places;
    let rules = rules(&read.rules, &places).map_err(Failure::Problem)?;
    let seen = read.txns.finish(&places).map_err(Failure::Problem)?;
    let snapshots = snapshots::snapshots(&read.snapshots, &places, seen.earliest).map_err(Failure::Problem)?;
    let closed: Vec<Month> = snapshots.iter().map(|s| s.snapshot.month).collect();
    let has_txn = |id: i64| seen.ids.binary_search(&id).is_ok();
    let plans = super::json_plans::from_rec(&read.plans, &places, &has_txn, &closed).map_err(Failure::Problem)?;
    let reconciliations = reconciliations(&read.reconciliations, &places).map_err(Failure::Problem)?;
    Ok(Restored {
        places: places.all().to_vec(),
        txns: read.count,
        snapshots,
        rules,
        plans,
        reconciliations,
    })
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
fn check_format(format: Option<&serde_json::Value>) -> Result<(), Problem> {
    if format.and_then(serde_json::Value::as_str) != Some(FORMAT) {
        return Err(not_an_export());
    }
    Ok(())
}

/// The version field: this pfos reads only its own version.
fn check_version(version: Option<&serde_json::Value>) -> Result<(), Problem> {
    match version.and_then(serde_json::Value::as_u64) {
        Some(VERSION) => Ok(()),
        Some(v) if v > VERSION => Err(format!(
            "it was written by a newer pfos (format version {v}; this pfos reads version {VERSION}); upgrade pfos to import it"
        )),
        _ => Err(format!(
            "its format version is {}, not one this pfos reads (version {VERSION}); give a file made by 'pfos export json'",
            version.map_or("missing".to_string(), ToString::to_string)
        )),
    }
}

fn not_an_export() -> Problem {
    format!("it is not a pfos export (it needs \"format\": \"{FORMAT}\"); give a file made by 'pfos export json'")
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

fn place_terms(
    what: &str,
    kind: PlaceKind,
    card: &Option<CardRec>,
    bucket: &Option<BucketRec>,
) -> Result<(Option<CardTerms>, Option<BucketTerms>), Problem> {
    let card = match (kind, card) {
        (PlaceKind::Card, None) => return Err(format!("{what} is a card but has no \"card\" terms")),
        (PlaceKind::Card, Some(c)) => {
            if !(1..=31).contains(&c.statement_day) {
                return Err(format!("{what}: statement day {} is outside 1–31", c.statement_day));
            }
            if c.grace_days > MAX_GRACE_DAYS {
                return Err(format!(
                    "{what}: grace days {} is more than {MAX_GRACE_DAYS}",
                    c.grace_days
                ));
            }
            let limit = opt_amount(&format!("{what}, limit"), &c.limit)?;
            if limit.is_some_and(|l| !l.is_positive()) {
                return Err(format!(
                    "{what}: the card limit must be more than zero, or null for none"
                ));
            }
            Some(CardTerms {
                statement_day: c.statement_day,
                grace_days: c.grace_days,
                limit,
            })
        }
        (_, Some(_)) => return Err(format!("{what} is not a card but has \"card\" terms")),
        (_, None) => None,
    };
    let bucket = match (kind, bucket) {
        (PlaceKind::Bucket, None) => return Err(format!("{what} is a bucket but has no \"bucket\" terms")),
        (PlaceKind::Bucket, Some(b)) => {
            let target_monthly = amount(&format!("{what}, target_monthly"), &b.target_monthly)?;
            let goal = opt_amount(&format!("{what}, goal"), &b.goal)?;
            if target_monthly.is_negative() {
                return Err(format!("{what}: target_monthly cannot be negative"));
            }
            if goal.is_some_and(|g| !g.is_positive()) {
                return Err(format!("{what}: the goal must be more than zero, or null for none"));
            }
            Some(BucketTerms {
                target_monthly,
                goal,
                held_in: b.held_in_id,
            })
        }
        (_, Some(_)) => return Err(format!("{what} is not a bucket but has \"bucket\" terms")),
        (_, None) => None,
    };
    Ok((card, bucket))
}

fn places(recs: &[PlaceRec]) -> Result<Vec<Place>, Problem> {
    let mut ids = HashSet::new();
    let mut names = HashMap::new();
    let mut out = Vec::with_capacity(recs.len());
    for r in recs {
        let what = format!("place {} ('{}')", r.id, r.name);
        if r.id <= 0 || !ids.insert(r.id) {
            return Err(format!("{what}: place ids must be positive and unique"));
        }
        let name = r.name.trim();
        if name.is_empty() || name != r.name || name.chars().any(char::is_control) {
            return Err(format!(
                "{what}: a place name must be non-empty, without control characters or spaces at either end"
            ));
        }
        if let Some(other) = names.insert(name_key(name), r.id) {
            return Err(format!(
                "{what}: place {other} has the same name; names are unique whatever their case"
            ));
        }
        let kind: PlaceKind = r.kind.parse().map_err(|_| {
            format!(
                "{what}: type '{}' is not one of checking, cash, savings, investment, card, bucket",
                r.kind
            )
        })?;
        let opened_on = date(&format!("{what}, opened_on"), &r.opened_on)?;
        let (card, bucket) = place_terms(&what, kind, &r.card, &r.bucket)?;
        out.push(Place {
            id: r.id,
            name: name.to_string(),
            kind,
            opened_on,
            card,
            bucket,
            loan: None,
            archived_on: None,
            terms_changes: Vec::new(),
        });
    }
    let all = Places::new(out.clone());
    for p in &out {
        if let Some(account_id) = p.held_in() {
            let account = all.get(account_id).filter(|a| a.kind.is_account());
            let Some(account) = account else {
                return Err(format!(
                    "place {} ('{}') is held in place {account_id}, which is not an account in the file",
                    p.id, p.name
                ));
            };
            if account.opened_on > p.opened_on {
                return Err(format!(
                    "place {} ('{}') opened on {}, before '{}', the account that holds it, opened on {}",
                    p.id, p.name, p.opened_on, account.name, account.opened_on
                ));
            }
        }
    }
    Ok(out)
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
}

/// The transactions of a file, once all were read: their ids in order, and their earliest month.
pub(super) struct SeenTxns {
    pub ids: Vec<i64>,
    pub earliest: Option<Month>,
}

impl TxnCheck {
    /// One transaction: its id, kind, amount, places, category and description, and the rules of its kind.
    pub(super) fn check(&mut self, r: &TxnRec, places: &Places) -> Result<Txn, Problem> {
        let what = format!("transaction {}", r.id);
        if r.id <= 0 {
            return Err(format!("{what}: transaction ids must be positive and unique"));
        }
        let kind: TxnKind = r.kind.parse().map_err(|e: String| format!("{what}: {e}"))?;
        let draft = TxnDraft {
            date: date(&format!("{what}, date"), &r.date)?,
            kind,
            amount: Money::parse_non_negative(&r.amount).map_err(|e| format!("{what}: {e}"))?,
            from: known_place(&what, "from_id", r.from_id, places)?,
            to: known_place(&what, "to_id", r.to_id, places)?,
            category: r.category.clone(),
            description: r.description.clone(),
            splits: Vec::new(),
            tags: Vec::new(),
        };
        if let Some(c) = &draft.category {
            if c.trim().is_empty() || c.trim() != c || c.chars().any(char::is_control) {
                return Err(format!(
                    "{what}: category '{c}' must be non-empty, without control characters or spaces at either end"
                ));
            }
        }
        if draft.description.chars().any(char::is_control) {
            return Err(format!(
                "{what}: the description has control characters (tabs, newlines)"
            ));
        }
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
