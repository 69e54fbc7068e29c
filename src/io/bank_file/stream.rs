//! A statement read as a stream (OFX): one pass tells what it says (its account, kind, balances, held
//! rows, which rows' identities can be trusted) without keeping its rows; each later pass hands the rows
//! on one at a time, so a file of any size is never in memory.

use super::ofx::OfxFile;
use super::text::Source;
use super::{Entry, Format, ReadOptions, StatedBalance};
use crate::io::csv_import::CsvSource;
use chrono::NaiveDate;
use rust_decimal::Decimal;
use std::collections::HashSet;

/// A bank file whose rows are read as a stream.
pub struct StatementStream<'a> {
    file: OfxFile<'a>,
    options: ReadOptions,
    /// The statements (by number) of the account imported.
    statements: Vec<usize>,
    /// The identities that identify nothing (see `settle_identities`), by [`identity_hash`].
    unreliable: HashSet<u64>,
    pub format: Format,
    /// What pfos worked out about the file, in a few words.
    pub about: String,
    pub balances: Vec<StatedBalance>,
    /// The file says it is a card's, or an account's; `None` when it does not say.
    pub card: Option<bool>,
    pub pending: usize,
    /// How many entries the passes hand on.
    pub entries: usize,
}

fn identity_hash(identity: &str) -> u64 {
    xxhash_rust::xxh3::xxh3_64(identity.as_bytes())
}

/// Reads an OFX file through once: refuses it as [`super::read`] would, and learns what it says.
pub fn open_stream<'a>(
    source: CsvSource<'a>,
    opts: &ReadOptions,
) -> Result<StatementStream<'a>, crate::error::Refusal> {
    let file = OfxFile::open(Source::new(source)?)?;
    // Each identified row's (statement, identity, date, amount), and the entries of each statement.
    let mut identified: Vec<(usize, u64, NaiveDate, Decimal)> = Vec::new();
    let mut counts: Vec<usize> = Vec::new();
    let chosen = file.walk(opts, &mut |number, entry| {
        if counts.len() <= number {
            counts.resize(number + 1, 0);
        }
        counts[number] += 1;
        if let Entry::Row(row) = &entry {
            if let Some(identity) = &row.identity {
                identified.push((number, identity_hash(identity), row.date, row.amount));
            }
        }
        Ok(())
    })?;
    // As `settle_identities`: an identity given to rows of different dates or amounts identifies nothing.
    identified.retain(|(number, ..)| chosen.statements.contains(number));
    identified.sort_unstable_by_key(|(_, hash, ..)| *hash);
    let mut unreliable = HashSet::new();
    for group in identified.chunk_by(|a, b| a.1 == b.1) {
        if group.iter().any(|r| (r.2, r.3) != (group[0].2, group[0].3)) {
            unreliable.insert(group[0].1);
        }
    }
    let entries = chosen
        .statements
        .iter()
        .map(|n| counts.get(*n).copied().unwrap_or(0))
        .sum();
    Ok(StatementStream {
        file,
        options: opts.clone(),
        statements: chosen.statements,
        unreliable,
        format: Format::Ofx,
        about: chosen.about,
        balances: chosen.balances,
        card: chosen.card,
        pending: chosen.pending,
        entries,
    })
}

impl StatementStream<'_> {
    /// Reads the file through again, handing each entry of the account imported to `each`, in file order,
    /// as [`super::read`] would list them. Stops at the first error `each` returns, and returns it.
    pub fn each(&self, each: &mut dyn FnMut(Entry) -> Result<(), String>) -> Result<(), String> {
        self.file
            .walk(&self.options, &mut |number, mut entry| {
                if !self.statements.contains(&number) {
                    return Ok(());
                }
                if let Entry::Row(row) = &mut entry {
                    if row
                        .identity
                        .as_deref()
                        .is_some_and(|i| self.unreliable.contains(&identity_hash(i)))
                    {
                        row.identity = None;
                    }
                }
                each(entry)
            })
            // Which account is read was settled by the first walk, with its hints; here only the reason.
            .map_err(|r| r.to_string())?;
        Ok(())
    }
}
