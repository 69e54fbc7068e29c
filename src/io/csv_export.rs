//! Transactions as CSV, one row each (a split: one row per line, its id repeated), safe to open in a
//! spreadsheet.

use crate::domain::{Places, Txn};
use crate::error::{Error, Result};

pub const HEADER: [&str; 9] = [
    "id",
    "date",
    "kind",
    "amount",
    "from",
    "to",
    "category",
    "description",
    "tags",
];

/// A text cell a spreadsheet could take for a formula (`=`, `+`, `-`, `@`, tab or carriage return
/// first) gets a leading `'`, so it shows as text and runs nothing. Amounts are written as plain
/// numbers and never pass through here.
pub fn defuse(cell: &str) -> String {
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{cell}"),
        _ => cell.to_string(),
    }
}

/// Every transaction, oldest first, with a header row.
pub fn transactions_csv(places: &Places, txns: &[Txn]) -> Result<String> {
    let mut bytes = Vec::new();
    let mut writer = TxnCsv::new(places, &mut bytes)?;
    for t in txns {
        writer.row(t)?;
    }
    writer.finish()?;
    String::from_utf8(bytes).map_err(|e| Error::refusal(format!("cannot write CSV: {e}")))
}

/// Transactions written as CSV one row at a time, after the header row.
pub struct TxnCsv<'a, W: std::io::Write> {
    places: &'a Places,
    writer: csv::Writer<W>,
}

fn cannot(e: impl std::fmt::Display) -> Error {
    super::export_failed(e)
}

impl<'a, W: std::io::Write> TxnCsv<'a, W> {
    pub fn new(places: &'a Places, out: W) -> Result<TxnCsv<'a, W>> {
        let mut writer = csv::Writer::from_writer(out);
        writer.write_record(HEADER).map_err(cannot)?;
        Ok(TxnCsv { places, writer })
    }

    /// The transaction's row, or a split's rows: one per line, each with the line's amount and category
    /// (so that a sum by category is right) and the rest of the transaction repeated. Tags are separated
    /// by spaces (a tag holds none).
    pub fn row(&mut self, t: &Txn) -> Result<()> {
        let name = |id: Option<i64>| id.map_or(String::new(), |i| defuse(self.places.name(i)));
        let (id, date, kind, from, to) = (
            t.id.to_string(),
            t.date.to_string(),
            t.kind.to_string(),
            name(t.from),
            name(t.to),
        );
        let (description, tags) = (defuse(&t.description), defuse(&t.tags.join(" ")));
        for (category, amount) in t.category_lines() {
            let record = [
                id.as_str(),
                date.as_str(),
                kind.as_str(),
                &amount.to_string(),
                from.as_str(),
                to.as_str(),
                &category.map_or(String::new(), defuse),
                description.as_str(),
                tags.as_str(),
            ];
            self.writer.write_record(record).map_err(cannot)?;
        }
        Ok(())
    }

    pub fn finish(mut self) -> Result<()> {
        self.writer.flush().map_err(cannot)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_starts_are_defused_and_other_text_is_kept() {
        assert_eq!(defuse("=SUM(A1)"), "'=SUM(A1)");
        assert_eq!(defuse("+1"), "'+1");
        assert_eq!(defuse("-5 refund"), "'-5 refund");
        assert_eq!(defuse("@user"), "'@user");
        assert_eq!(defuse("\tx"), "'\tx");
        assert_eq!(defuse("\rx"), "'\rx");
        assert_eq!(defuse("Groceries = food"), "Groceries = food");
        assert_eq!(defuse(""), "");
    }
}
