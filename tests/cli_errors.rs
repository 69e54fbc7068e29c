//! Every bad input to the core commands: `error: …` on stderr, a non-zero exit, no panic, and no change to the data.

mod common;

use common::{pfos, TestDb};

/// A small ledger: Checking, Brokerage, a Visa card and a Travel bucket, September closed.
fn setup() -> TestDb {
    let db = TestDb::new();
    db.run_script(
        r#"
        pfos account add Checking --kind checking --opening 1000 --date 2025-09-01
        pfos account add Brokerage --kind investment --opening 5000 --date 2025-09-01
        pfos card add Visa --statement-day 15 --date 2025-09-01
        pfos bucket add Travel --in Checking --opening 100 --target-monthly 50 --date 2025-09-01
        pfos add expense 20 --from Checking --category Food --date 2025-09-10
        pfos close 2025-09
        pfos add expense 30 --from Visa --category Food --date 2025-10-10
        "#,
    );
    db
}

/// Everything a user could see, to prove a refused command changed nothing.
const VIEWS: &[&str] = &[
    "txn list --json",
    "accounts --json",
    "cards --json",
    "buckets --json",
    "snapshot 2025-09 --json",
];

/// Runs a command that must be refused with a message containing every `needle`, changing nothing.
fn refused(db: &TestDb, args: &[&str], needles: &[&str]) {
    db.refuses(args, needles, VIEWS);
}

#[test]
fn bad_amounts() {
    let db = setup();
    let expense = |amt: &'static str| {
        [
            "add",
            "expense",
            amt,
            "--from",
            "Checking",
            "--category",
            "Food",
            "--date",
            "2025-10-01",
        ]
    };
    refused(&db, &expense("-5"), &["amount '-5' is negative"]);
    refused(&db, &expense("0"), &["amount '0' is zero"]);
    refused(&db, &expense("abc"), &["amount 'abc' is not a number"]);
    refused(&db, &expense("1.234"), &["more than two decimal places"]);
    refused(&db, &expense("1000000000000"), &["too large", "999,999,999,999.99"]);
    refused(
        &db,
        &["account", "add", "X", "--kind", "cash", "--opening", "-1"],
        &["negative"],
    );
    refused(&db, &["txn", "edit", "6", "--amount", "0"], &["more than zero"]);
}

#[test]
fn unknown_places() {
    let db = setup();
    refused(
        &db,
        &["add", "expense", "5", "--from", "Nowhere", "--category", "Food"],
        &["no place named 'Nowhere'", "Checking"],
    );
    refused(
        &db,
        &["add", "income", "5", "--to", "Nowhere"],
        &["no place named 'Nowhere'"],
    );
    refused(
        &db,
        &["bucket", "add", "B", "--in", "Nowhere"],
        &["no place named 'Nowhere'"],
    );
    refused(
        &db,
        &["bucket", "add", "B", "--in", "Visa"],
        &["held in an account", "card"],
    );
}

#[test]
fn bad_dates_and_months() {
    let db = setup();
    for date in ["2025-02-30", "2025-13-01", "25-10-01", "10/01/2025", "yesterday"] {
        refused(
            &db,
            &["add", "income", "5", "--to", "Checking", "--date", date],
            &[&format!("date '{date}' is not a valid date"), "YYYY-MM-DD"],
        );
    }
    for month in ["2025-13", "2025-1", "October", "2025-10-01"] {
        refused(
            &db,
            &["close", month],
            &[&format!("month '{month}' is not a valid month"), "YYYY-MM"],
        );
        refused(&db, &["txn", "list", "--month", month], &["not a valid month"]);
    }
}

#[test]
fn closed_months_refuse_changes_and_say_how_to_reopen() {
    let db = setup();
    refused(
        &db,
        &[
            "add",
            "expense",
            "5",
            "--from",
            "Checking",
            "--category",
            "Food",
            "--date",
            "2025-09-20",
        ],
        &["month 2025-09 is closed", "pfos reopen 2025-09"],
    );
    refused(
        &db,
        &["txn", "edit", "5", "--amount", "25"],
        &["month 2025-09 is closed"],
    );
    refused(&db, &["txn", "delete", "5"], &["month 2025-09 is closed"]);
    refused(
        &db,
        &["txn", "edit", "6", "--date", "2025-09-30"],
        &["month 2025-09 is closed"],
    );
    refused(
        &db,
        &["account", "add", "Old", "--kind", "cash", "--date", "2025-08-01"],
        &["2025-08", "locked"],
    );
}

#[test]
fn close_and_reopen_order() {
    let db = setup();
    refused(&db, &["close", "2025-09"], &["month 2025-09 is already closed"]);
    refused(
        &db,
        &["close", "2025-11"],
        &["cannot close 2025-11", "close 2025-10 first"],
    );
    db.ok(&["close", "2025-10"]);
    refused(
        &db,
        &["reopen", "2025-09"],
        &["only the latest closed month can be reopened", "reopen 2025-10 first"],
    );
    refused(&db, &["reopen", "2025-08"], &["month 2025-08 is not closed"]);
    refused(
        &db,
        &["close", "2025-11"],
        &["not over yet", "pfos close 2025-11 --force"],
    );
    refused(&db, &["close", "2025-12", "--force"], &["close 2025-11 first"]);
    refused(
        &db,
        &["snapshot", "2025-11", "--json"],
        &["month 2025-11 is not closed"],
    );
}

#[test]
fn buckets_never_go_below_zero() {
    let db = setup();
    refused(
        &db,
        &[
            "add",
            "expense",
            "100.01",
            "--from",
            "Travel",
            "--category",
            "Trip",
            "--date",
            "2025-10-02",
        ],
        &["bucket 'Travel'", "100.00", "below zero"],
    );
    refused(
        &db,
        &[
            "add",
            "transfer",
            "150",
            "--from",
            "Travel",
            "--to",
            "Visa",
            "--date",
            "2025-10-02",
        ],
        &["bucket 'Travel'"],
    );
}

#[test]
fn names_kinds_and_card_terms() {
    let db = setup();
    refused(
        &db,
        &["account", "add", "checking", "--kind", "savings"],
        &["a place named 'Checking' already exists"],
    );
    refused(
        &db,
        &["card", "add", "TRAVEL", "--statement-day", "5"],
        &["already exists"],
    );
    refused(
        &db,
        &["account", "add", "Wallet", "--kind", "crypto"],
        &[
            "'crypto' is not an account kind",
            "checking, savings, investment or cash",
        ],
    );
    refused(
        &db,
        &["account", "add", "Wallet", "--kind", "card"],
        &["not an account kind"],
    );
    for day in ["0", "32", "-1"] {
        refused(&db, &["card", "add", "Amex", "--statement-day", day], &["outside 1–31"]);
    }
    refused(
        &db,
        &["card", "add", "Amex", "--statement-day", "x"],
        &["not a whole number"],
    );
}

#[test]
fn transaction_shapes() {
    let db = setup();
    refused(
        &db,
        &["add", "transfer", "5", "--from", "Checking", "--to", "checking"],
        &["two different places", "Checking"],
    );
    refused(
        &db,
        &["add", "valuation", "5", "--to", "Checking"],
        &["only an investment account has a market value"],
    );
    refused(
        &db,
        &["add", "income", "5", "--to", "Visa"],
        &["payment to a card or loan is a transfer"],
    );
    refused(
        &db,
        &["add", "expense", "5", "--from", "Checking", "--category", " "],
        &["category is empty"],
    );
    refused(
        &db,
        &["txn", "delete", "999"],
        &["transaction 999 does not exist", "pfos txn list"],
    );
    refused(&db, &["txn", "delete", "abc"], &["not a transaction id"]);
    refused(&db, &["txn", "delete", "1"], &["opening balance", "--amount 0"]);
    refused(&db, &["txn", "edit", "6"], &["nothing to change"]);
}

#[test]
fn a_file_that_is_not_a_pfos_database_is_refused_and_left_as_it_was() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let text = dir.path().join("notes.txt");
    std::fs::write(&text, "groceries 12.50\nrent 1600\n").unwrap_or_else(|e| panic!("{e}"));
    let empty = dir.path().join("empty.db");
    std::fs::write(&empty, "").unwrap_or_else(|e| panic!("{e}"));
    let other = dir.path().join("other.sqlite");
    {
        let conn = rusqlite::Connection::open(&other).unwrap_or_else(|e| panic!("{e}"));
        conn.execute_batch("CREATE TABLE songs (title TEXT); INSERT INTO songs VALUES ('x');")
            .unwrap_or_else(|e| panic!("{e}"));
    }
    for (file, reason) in [
        (&text, "not an SQLite database"),
        (&empty, "empty"),
        (&other, "another application"),
    ] {
        let before = std::fs::read(file).unwrap_or_else(|e| panic!("{e}"));
        let out = pfos(file, &["account", "add", "X", "--kind", "cash"])
            .output()
            .unwrap_or_else(|e| panic!("{e}"));
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success());
        assert!(
            stderr.starts_with("error: ") && stderr.contains("is not a pfos database") && stderr.contains(reason),
            "{stderr}"
        );
        assert_eq!(
            std::fs::read(file).unwrap_or_else(|e| panic!("{e}")),
            before,
            "{} was changed",
            file.display()
        );
        let wal = format!("{}-wal", file.display());
        assert!(
            !std::path::Path::new(&wal).exists(),
            "no WAL was created beside {}",
            file.display()
        );
    }
}

#[test]
fn a_new_database_is_private_and_its_folders_are_created() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let path = dir.path().join("deep/er/pfos.db");
    let out = pfos(&path, &["accounts"]).output().unwrap_or_else(|e| panic!("{e}"));
    assert!(out.status.success());
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&path)
            .map(|m| m.permissions().mode() & 0o777)
            .unwrap_or(0);
        assert_eq!(mode, 0o600);
    }
    let conn = rusqlite::Connection::open(&path).unwrap_or_else(|e| panic!("{e}"));
    let app_id: i64 = conn.query_row("PRAGMA application_id", [], |r| r.get(0)).unwrap_or(0);
    let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap_or(0);
    let journal: String = conn
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap_or_default();
    assert_eq!(app_id, 0x5046_4F53);
    assert_eq!(version, pfos::store::schema_version());
    assert_eq!(journal, "wal");
}

#[test]
fn the_app_without_a_terminal_says_so_instead_of_panicking() {
    // assert_cmd gives the binary no terminal: stdin is closed and stdout and stderr are pipes.
    let db = TestDb::new();
    let err = db.fails(&[]);
    assert!(
        err.contains("pfos needs a terminal for the full-screen app") && err.contains("pfos status"),
        "{err}"
    );
    assert!(!db.path.exists(), "no database was made: {}", db.path.display());
    let err = db.fails(&["demo"]);
    assert!(
        err.contains("needs a terminal") && err.contains("pfos demo --no-open"),
        "{err}"
    );
    assert!(!db.path.exists(), "no demo database was made");
    // With a ledger there, it is left as it was, and commands still run without a terminal.
    db.run_script("pfos account add Checking --kind checking --opening 10 --date 2025-11-01");
    let before = db.views(&["txn list --json"]);
    db.fails(&[]);
    assert_eq!(db.views(&["txn list --json"]), before);
}
