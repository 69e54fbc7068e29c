//! Learned categories: the category a row that no rule or file categorises takes from its payee (its
//! description as compared). The person's word comes first: the category they last gave the payee by
//! hand (`txn add`, `txn edit`, the app's edit and categorise), kept in `store::learned`. Without one, the
//! payee's latest categorised transaction (by date, then id): an expense, income or refund, not split, in
//! a category other than "Uncategorized". A person's "Uncategorized" means nothing is learned.

use super::import_read::{payee_hash, payee_of, short_hash};
use super::UNCATEGORIZED;
use crate::domain::TxnId;
use chrono::NaiveDate;
use rusqlite::Connection;
use std::collections::HashMap;

/// What the person said of a payee, or what its latest transaction says.
#[derive(Debug, Clone, Copy)]
enum Source {
    Person(Option<u32>),
    Latest(NaiveDate, TxnId, u32),
}

/// Each payee's learned category, for the payees of one file only (so a ledger of a million different
/// descriptions costs nothing to keep in memory): read once per import.
#[derive(Debug, Default)]
pub(super) struct Learned {
    /// Each category once, in the spelling stored.
    names: Vec<String>,
    by_payee: HashMap<u64, Source>,
}

impl Learned {
    /// The learned categories of the payees whose short hashes are `payees` (sorted, see `FileKeys`).
    pub fn read(conn: &Connection, payees: &[u32]) -> rusqlite::Result<Learned> {
        let mut learned = Learned::default();
        if payees.is_empty() {
            return Ok(learned);
        }
        let wanted = |payee: &u64| payees.binary_search(&short_hash(*payee)).is_ok();
        let mut index: HashMap<String, u32> = HashMap::new();
        let mut name_index = |names: &mut Vec<String>, name: &str| -> u32 {
            if let Some(i) = index.get(name) {
                return *i;
            }
            let i = u32::try_from(names.len()).unwrap_or(u32::MAX);
            names.push(name.to_string());
            index.insert(name.to_string(), i);
            i
        };
        for (payee, category) in crate::store::learned::all(conn)? {
            let key = payee_hash(&payee);
            if wanted(&key) {
                let given =
                    (!category.eq_ignore_ascii_case(UNCATEGORIZED)).then(|| name_index(&mut learned.names, &category));
                learned.by_payee.insert(key, Source::Person(given));
            }
        }
        // Every categorised row, in no order (the latest is kept as they come): no sort of the ledger.
        let mut stmt = conn.prepare(
            "SELECT description, category, date, id FROM txns
             WHERE kind IN ('expense', 'income', 'refund') AND category IS NOT NULL AND splits IS NULL
               AND description <> '' AND lower(category) <> lower(?1)",
        )?;
        let mut rows = stmt.query([UNCATEGORIZED])?;
        let mut scratch = String::new();
        while let Some(row) = rows.next()? {
            let key = payee_of(&mut scratch, row.get_ref(0)?.as_str()?);
            if !wanted(&key) {
                continue;
            }
            let date: NaiveDate = row.get(2)?;
            let id: TxnId = row.get(3)?;
            let newer = match learned.by_payee.get(&key) {
                Some(Source::Person(_)) => false,
                Some(Source::Latest(d, i, _)) => (date, id) > (*d, *i),
                None => true,
            };
            if newer {
                let category = name_index(&mut learned.names, row.get_ref(1)?.as_str()?);
                learned.by_payee.insert(key, Source::Latest(date, id, category));
            }
        }
        Ok(learned)
    }

    /// The category learned for a payee (see `import_read::payee_of`), if any.
    pub fn get(&self, payee: u64) -> Option<&str> {
        let index = match self.by_payee.get(&payee)? {
            Source::Person(given) => (*given)?,
            Source::Latest(_, _, index) => *index,
        };
        self.names.get(index as usize).map(String::as_str)
    }

    pub fn is_empty(&self) -> bool {
        self.by_payee.is_empty()
    }
}
