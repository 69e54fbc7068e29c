//! The importer proper: each read row turned into a transaction against one place (duplicates, closed
//! months, opening and archive dates, rules, learned categories, card and loan payments, transfers matched),
//! written in batches.

use super::*;

/// Why a row was not imported: the row itself (it is rejected and the import goes on), or the database
/// (the import stops, and its transaction is rolled back).
pub(super) enum RowError {
    Rejected(String),
    Failed(crate::error::Error),
}

impl From<String> for RowError {
    fn from(reason: String) -> RowError {
        RowError::Rejected(reason)
    }
}

impl From<rusqlite::Error> for RowError {
    fn from(e: rusqlite::Error) -> RowError {
        RowError::Failed(e.into())
    }
}

/// Turns read rows (see `import_read`) into transactions against one place: duplicates, closed months,
/// opening dates, transfers matched, and the rows written.
pub(super) struct Importer<'a, 't> {
    pub(super) tx: &'a Transaction<'t>,
    pub(super) places: &'a Places,
    pub(super) place: PlaceId,
    pub(super) latest_closed: Option<Month>,
    /// The (hash, transaction) of the rows already imported into this place over the file's dates, sorted.
    pub(super) stored: Vec<(i64, TxnId)>,
    /// The one checking account, which pays a card when no rule says otherwise.
    pub(super) default_payer: Option<PlaceId>,
    /// Rows this import tied to transactions that were already there, as (place, transaction).
    pub(super) matched: Vec<(PlaceId, TxnId)>,
    /// A transaction this import added takes money from a bucket.
    pub(super) takes_from_bucket: bool,
    /// Whether a row touched a place archived on its date (it must stay empty: checked at the end).
    pub(super) touches_archived: bool,
    /// Writes the new transactions and fingerprints many to a statement.
    pub(super) writer: std::cell::RefCell<txns::BatchWriter<'a>>,
    pub(super) keep_rows: bool,
    pub(super) rows: Vec<PlannedRow>,
    /// Rows the bank identifies, imported by this import: (fingerprint hash, transaction). A statement
    /// downloaded twice into one file (overlapping statements) has the row once.
    pub(super) identified: std::collections::HashMap<i64, TxnId>,
    /// The learned categories of the file's payees.
    pub(super) learned: super::super::import_learned::Learned,
    pub(super) counts: [usize; 3],
    pub(super) newest: Option<(NaiveDate, TxnId)>,
}

impl<'a, 't> Importer<'a, 't> {
    pub(super) fn new(
        tx: &'a Transaction<'t>,
        places: &'a Places,
        place: PlaceId,
        dates: Option<(NaiveDate, NaiveDate)>,
        payees: &[u32],
        keep_rows: bool,
    ) -> Result<Self> {
        let checking: Vec<PlaceId> = places
            .iter()
            .filter(|p| p.kind == PlaceKind::Checking)
            .map(|p| p.id)
            .collect();
        let stored = match dates {
            Some((first, last)) => imports::stored_hashes(tx, place, first, last)?,
            None => Vec::new(),
        };
        Ok(Importer {
            tx,
            places,
            place,
            latest_closed: snapshots::latest_month(tx)?,
            stored,
            default_payer: (checking.len() == 1).then(|| checking[0]),
            matched: Vec::new(),
            takes_from_bucket: false,
            touches_archived: false,
            writer: std::cell::RefCell::new(txns::BatchWriter::new(tx)?),
            keep_rows,
            rows: Vec::new(),
            identified: std::collections::HashMap::new(),
            learned: super::super::import_learned::Learned::read(tx, payees)?,
            counts: [0; 3],
            newest: None,
        })
    }

    pub(super) fn report(self, about: FileAbout, rejected: Vec<BadRow>, skipped: usize) -> ImportReport {
        ImportReport {
            about,
            balances: Vec::new(),
            rows: self.rows,
            rejected,
            skipped,
            dry_run: self.keep_rows,
            newest: self.newest,
            imported: self.counts[0],
            duplicates: self.counts[1],
            matched: self.counts[2],
        }
    }

    /// Counts the row's outcome; a dry run keeps the row with its draft too.
    pub(super) fn record(&mut self, line: u64, date: NaiveDate, draft: Option<(TxnDraft, bool)>, outcome: Outcome) {
        match outcome {
            Outcome::Imported(id) => {
                self.counts[0] += 1;
                self.newest = self.newest.max(Some((date, id)));
            }
            Outcome::Duplicate(_) => self.counts[1] += 1,
            Outcome::Matched(_) => self.counts[2] += 1,
        }
        if let (true, Some((draft, learned))) = (self.keep_rows, draft) {
            self.rows.push(PlannedRow {
                line,
                draft,
                outcome,
                learned,
            });
        }
    }

    /// The id of the transaction already imported with this fingerprint's hash, if any.
    pub(super) fn stored_with(&self, hash: i64) -> Option<TxnId> {
        let at = self.stored.binary_search_by_key(&hash, |(h, _)| *h).ok()?;
        Some(self.stored[at].1)
    }

    pub(super) fn row(&mut self, row: ReadRow) -> std::result::Result<(), RowError> {
        let known = match self.stored_with(row.hash) {
            Some(id) => Some(id),
            None if row.identified => self.identified.get(&row.hash).copied(),
            None => None,
        };
        if let Some(id) = known {
            // A dry run shows the stored transaction; a real import keeps no rows, only the count (and the
            // stored transaction is there: its fingerprint goes with it, on delete cascade).
            let draft = if self.keep_rows {
                self.writer.borrow_mut().flush(self.tx)?;
                Some(match txns::get(self.tx, id)? {
                    Some(t) => (TxnDraft::from(&t), false),
                    None => self.classify(&row)?,
                })
            } else {
                None
            };
            self.record(row.line, row.date, draft, Outcome::Duplicate(id));
            return Ok(());
        }
        let (draft, learned) = self.classify(&row)?;
        if self.latest_closed.is_some_and(|l| row.date <= l.last_day()) {
            return Err(match locks::ensure_open(self.tx, row.date) {
                Ok(()) => RowError::Rejected("the month is closed".into()),
                Err(e @ (crate::error::Error::MonthClosed { .. } | crate::error::Error::Refused(_))) => {
                    RowError::Rejected(e.to_string())
                }
                Err(e) => RowError::Failed(e),
            });
        }
        if let Some(p) = [draft.from, draft.to]
            .into_iter()
            .flatten()
            .filter_map(|id| self.places.get(id))
            .find(|p| p.opened_on > row.date)
        {
            return Err(RowError::Rejected(format!(
                "'{}' opened on {}, after this row's date {}",
                p.name, p.opened_on, row.date
            )));
        }
        if let Some(reason) = [draft.from, draft.to]
            .into_iter()
            .flatten()
            .filter_map(|id| self.places.get(id))
            .find_map(|p| crate::ledger::txns::archived_before(p, row.date))
        {
            return Err(RowError::Rejected(reason.in_words()));
        }
        if [draft.from, draft.to]
            .into_iter()
            .flatten()
            .filter_map(|id| self.places.get(id))
            .any(|p| p.archived_on.is_some())
        {
            self.touches_archived = true;
        }
        check_shape(&draft, |id| self.places.get(id)).map_err(|e| e.to_string())?;
        let (id, outcome, kept) = match self.existing_transfer(&draft)? {
            Some(id) => {
                // Tied to a transaction from before: what identifies the row goes to `txn_imports`.
                self.writer
                    .borrow_mut()
                    .fingerprint(self.tx, self.place, row.date, row.hash, id)?;
                (id, Outcome::Matched(id), Some((draft, learned)))
            }
            None => {
                if draft.from.and_then(|id| self.places.kind(id)) == Some(PlaceKind::Bucket) {
                    self.takes_from_bucket = true;
                }
                let kept = self.keep_rows.then(|| (draft.clone(), learned));
                // The row that makes a transaction is kept in it (its day is the transaction's date).
                let id = self
                    .writer
                    .borrow_mut()
                    .insert(self.tx, draft, Some((self.place, row.hash)))?;
                (id, Outcome::Imported(id), kept)
            }
        };
        if row.identified {
            self.identified.insert(row.hash, id);
        }
        if matches!(outcome, Outcome::Matched(_)) {
            self.matched.push((self.place, id));
        }
        self.record(row.line, row.date, kept, outcome);
        Ok(())
    }

    /// Rule first, then the file's category (or split), then the category the payee had the last time
    /// ("learned"), then what the file's transaction type says (interest, fees), then "Uncategorized"; card
    /// payments become transfers, and so do rows the file sends to another place (QIF `[Account]`). A
    /// category with control characters, or a description with NUL, rejects the row (the same rule as
    /// every other entrance). Also whether the category was learned.
    pub(super) fn classify(&self, row: &ReadRow) -> std::result::Result<(TxnDraft, bool), RowError> {
        use crate::domain::text_rules::{check_description, check_label};
        for category in row.category.iter().chain(row.splits.iter().map(|l| &l.category)) {
            check_label(category, "category").map_err(|e| RowError::Rejected(e.to_string()))?;
        }
        check_description(&row.description).map_err(|e| RowError::Rejected(e.to_string()))?;
        let (amount, money_in) = (row.amount, row.money_in);
        let kind = self.places.kind(self.place);
        let on_card = kind.is_some_and(PlaceKind::is_liability);
        // Money into a loan is a payment, whatever the lender calls it.
        let on_loan = kind == Some(PlaceKind::Loan);
        let rule = &row.rule;
        let learned = match (rule, &row.category, row.splits.is_empty(), self.learned.is_empty()) {
            (Some(RuleAction::Category(_)), _, _, _) | (_, Some(_), _, _) | (_, _, false, _) | (_, _, _, true) => None,
            _ => self.learned.get(row.payee),
        };
        let category = || match rule {
            Some(RuleAction::Category(c)) => c.clone(),
            _ => row
                .category
                .clone()
                .or_else(|| learned.map(str::to_string))
                .or_else(|| row.hint.and_then(Hint::category).map(str::to_string))
                .unwrap_or_else(|| UNCATEGORIZED.to_string()),
        };
        let learned = learned.is_some();
        let draft = |kind, from, to, category: Option<String>| {
            let split = category.is_some() && !row.splits.is_empty();
            TxnDraft {
                date: row.date,
                kind,
                amount,
                from,
                to,
                category: if split { None } else { category },
                description: row.description.clone(),
                splits: if split { row.splits.clone() } else { Vec::new() },
                tags: Vec::new(),
            }
        };
        let here = Some(self.place);
        let transfer_with = |other: PlaceId| {
            if other == self.place {
                return Err(RowError::Rejected(format!(
                    "this row is a transfer to '{}' itself",
                    self.places.name(other)
                )));
            }
            Ok(if money_in {
                draft(TxnKind::Transfer, Some(other), here, None)
            } else {
                draft(TxnKind::Transfer, here, Some(other), None)
            })
        };
        if let Some(name) = &row.transfer {
            let Some(other) = self.places.find(name) else {
                return Err(RowError::Rejected(format!(
                    "the file makes this a transfer with '[{name}]', and no place has that name; add the place, or rename one to it"
                )));
            };
            return Ok((transfer_with(other.id)?, false));
        }
        if let Some(RuleAction::Transfer(other)) = *rule {
            return Ok((transfer_with(other)?, false));
        }
        // Only money into a card or loan can be a payment: the words are looked for there alone.
        let payment = || on_loan || row.hint == Some(Hint::Payment) || looks_like_payment(&row.description);
        Ok(match (money_in, on_card) {
            (false, _) => (draft(TxnKind::Expense, here, None, Some(category())), learned),
            (true, false) => (draft(TxnKind::Income, None, here, Some(category())), learned),
            (true, true) if row.splits.is_empty() && payment() => {
                let payer = self.existing_payer(row.date, amount)?.or(self.default_payer).ok_or_else(|| {
                    "this looks like a payment to the card or loan, but pfos cannot tell which account paid it; add an \
                     import rule that makes such rows transfers from the account that pays them"
                        .to_string()
                })?;
                (draft(TxnKind::Transfer, Some(payer), here, None), false)
            }
            (true, true) => (draft(TxnKind::Refund, None, here, Some(category())), learned),
        })
    }

    /// The account that paid an already-recorded, unclaimed payment to this card, if any.
    pub(super) fn existing_payer(
        &self,
        date: chrono::NaiveDate,
        amount: Money,
    ) -> std::result::Result<Option<PlaceId>, RowError> {
        self.writer.borrow_mut().flush(self.tx)?;
        let found =
            imports::unclaimed_transfer(self.tx, None, self.place, amount, date, TRANSFER_MATCH_DAYS, self.place)?;
        Ok(match found {
            Some(id) => txns::get(self.tx, id)?.and_then(|t| t.from),
            None => None,
        })
    }

    pub(super) fn existing_transfer(&self, draft: &TxnDraft) -> std::result::Result<Option<TxnId>, RowError> {
        let (TxnKind::Transfer, Some(to)) = (draft.kind, draft.to) else {
            return Ok(None);
        };
        // What this import wrote so far counts: a transfer it added, or claimed, is not claimed again.
        self.writer.borrow_mut().flush(self.tx)?;
        imports::unclaimed_transfer(
            self.tx,
            draft.from,
            to,
            draft.amount,
            draft.date,
            TRANSFER_MATCH_DAYS,
            self.place,
        )
        .map_err(RowError::from)
    }
}
