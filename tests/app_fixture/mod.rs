//! Shared test fixtures: the household scenario of `tests/fixtures/household.pfos`, plus a November.

#![allow(dead_code)]

pub mod screen;

use clap::Parser;
use pfos::cli::{self, Cli};
use pfos::domain::{parse_date, Money, TxnKind};
use pfos::ledger::{Ledger, TxnInput};
use std::path::{Path, PathBuf};

pub const TODAY: &str = "2025-11-20";

/// Splits a line the way a shell would for the fixture: spaces, and double quotes around words.
pub fn words(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    let mut quoted = false;
    let mut any = false;
    for c in line.chars() {
        match c {
            '"' => {
                quoted = !quoted;
                any = true;
            }
            ' ' if !quoted => {
                if any {
                    out.push(std::mem::take(&mut current));
                    any = false;
                }
            }
            _ => {
                current.push(c);
                any = true;
            }
        }
    }
    if any {
        out.push(current);
    }
    out
}

/// Runs every command of the household fixture against the database at `db`.
pub fn run_household(db: &Path) {
    let script = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/household.pfos"))
        .unwrap_or_else(|e| panic!("fixture: {e}"));
    for line in script
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
    {
        let mut args = words(line);
        args.extend([
            "--db".to_string(),
            db.display().to_string(),
            "--today".to_string(),
            TODAY.to_string(),
        ]);
        let mut parsed = Cli::try_parse_from(&args).unwrap_or_else(|e| panic!("{line}: {e}"));
        let command = parsed.command.take().unwrap_or_else(|| panic!("{line}: no command"));
        cli::run(parsed, command).unwrap_or_else(|e| panic!("{line}: {e}"));
    }
}

fn add(
    ledger: &mut Ledger,
    kind: TxnKind,
    cents: i64,
    (from, to): (Option<&str>, Option<&str>),
    category: Option<&str>,
    date: &str,
    desc: &str,
) {
    let input = TxnInput {
        kind: Some(kind),
        amount: Money::from_cents(cents),
        from: from.map(str::to_string),
        to: to.map(str::to_string),
        category: category.map(str::to_string),
        date: Some(parse_date(date).unwrap_or_else(|e| panic!("{e}"))),
        description: Some(desc.to_string()),
        splits: Vec::new(),
        tags: Vec::new(),
    };
    ledger.add_txn(&input).unwrap_or_else(|e| panic!("{desc}: {e}"));
}

/// One November transaction: kind, cents, from, to, category, date, description.
type Row<'a> = (
    TxnKind,
    i64,
    Option<&'a str>,
    Option<&'a str>,
    Option<&'a str>,
    &'a str,
    &'a str,
);

/// The household with September and October closed and November under way, at `dir/pfos.db`.
pub fn household(dir: &Path) -> PathBuf {
    let db = dir.join("pfos.db");
    run_household(&db);
    let mut ledger = open(&db);
    use TxnKind::*;
    let rows: [Row<'_>; 8] = [
        (
            Income,
            420_000,
            None,
            Some("Checking"),
            Some("Salary"),
            "2025-11-01",
            "Paycheck",
        ),
        (
            Expense,
            160_000,
            Some("Checking"),
            None,
            Some("Rent"),
            "2025-11-02",
            "November rent",
        ),
        (
            Transfer,
            30_000,
            Some("Checking"),
            Some("Emergency Fund"),
            None,
            "2025-11-05",
            "",
        ),
        (
            Expense,
            7_850,
            Some("Visa"),
            None,
            Some("Dining"),
            "2025-11-07",
            "寿司 dinner with Ana",
        ),
        (
            Expense,
            11_240,
            Some("Visa"),
            None,
            Some("Groceries"),
            "2025-11-09",
            "Trader Joe's",
        ),
        (
            Transfer,
            26_700,
            Some("Checking"),
            Some("Visa"),
            None,
            "2025-11-10",
            "Visa payment",
        ),
        (
            Expense,
            4_599,
            Some("Amex"),
            None,
            Some("Subscriptions"),
            "2025-11-15",
            "Café Olé beans, yearly",
        ),
        (Valuation, 1_262_000, None, Some("Brokerage"), None, "2025-11-18", ""),
    ];
    for (kind, cents, from, to, category, date, desc) in rows {
        add(&mut ledger, kind, cents, (from, to), category, date, desc);
    }
    db
}

pub fn today() -> chrono::NaiveDate {
    parse_date(TODAY).unwrap_or_else(|e| panic!("{e}"))
}

pub fn open(db: &Path) -> Ledger {
    Ledger::open(db, today()).unwrap_or_else(|e| panic!("{e}"))
}
