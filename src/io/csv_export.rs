//! Transactions as CSV, one row each, safe to open in a spreadsheet.

use crate::domain::{Places, Txn};
use crate::error::{Error, Result};

pub const HEADER: [&str; 8] = ["id", "date", "kind", "amount", "from", "to", "category", "description"];

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
    let fail = |e: csv::Error| Error::Refused(format!("cannot write CSV: {e}"));
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer.write_record(HEADER).map_err(fail)?;
    let name = |id: Option<i64>| id.map_or(String::new(), |i| defuse(places.name(i)));
    for t in txns {
        writer
            .write_record([
                t.id.to_string(),
                t.date.to_string(),
                t.kind.to_string(),
                t.amount.to_string(),
                name(t.from),
                name(t.to),
                t.category.as_deref().map_or(String::new(), defuse),
                defuse(&t.description),
            ])
            .map_err(fail)?;
    }
    let bytes = writer
        .into_inner()
        .map_err(|e| Error::Refused(format!("cannot write CSV: {e}")))?;
    String::from_utf8(bytes).map_err(|e| Error::Refused(format!("cannot write CSV: {e}")))
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
