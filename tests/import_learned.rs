//! Learned categories through the real binary: a payee takes the category it had the last time, and the
//! person's own word (a category given by hand with `txn edit` or `add`) wins over every import's, whichever
//! transaction it was given to; undo takes it back. And what an import keeps of its rows: in the
//! transaction's own row, still known after the transaction is edited, linked, deleted or restored.

mod common;

use common::TestDb;

fn setup() -> TestDb {
    let db = TestDb::new();
    db.run_script(
        r#"
        pfos account add Checking --kind checking --opening 2500 --date 2025-10-01
        pfos account add Savings --kind savings --opening 1000 --date 2025-10-01
        "#,
    );
    db
}

/// The preview line of the row described `description`.
fn preview_of(db: &TestDb, file: &str, description: &str) -> String {
    let out = db.ok(&["import", "csv", file, "--into", "Checking", "--dry-run"]);
    out.lines()
        .find(|l| l.contains(description))
        .unwrap_or_else(|| panic!("no {description} in {out}"))
        .to_string()
}

/// The id of the `n`th transaction (oldest first) described `description`.
fn id_of(db: &TestDb, description: &str, n: usize) -> String {
    db.json(&["txn", "list", "--json"])
        .as_array()
        .and_then(|a| a.iter().filter(|t| t["description"] == description).nth(n).cloned())
        .and_then(|t| t["id"].as_i64())
        .unwrap_or_else(|| panic!("no {description} #{n}"))
        .to_string()
}

fn sql_count(db: &TestDb, sql: &str) -> i64 {
    let conn = rusqlite::Connection::open(&db.path).unwrap_or_else(|e| panic!("{e}"));
    conn.query_row(sql, [], |r| r.get(0))
        .unwrap_or_else(|e| panic!("{sql}: {e}"))
}

#[test]
fn the_persons_correction_wins_next_time_even_on_an_older_row() {
    let db = setup();
    // The bank's file gives the category: three fuel rows.
    let first = db.file(
        "october.csv",
        "Date,Description,Amount,Category\n2025-10-02,SHELL OIL,-40.00,Fuel\n2025-10-09,Shell  Oil,-41.00,Fuel\n2025-10-16,SHELL OIL,-42.00,Fuel\n",
    );
    db.ok(&["import", "csv", &first, "--into", "Checking"]);
    let next = db.file(
        "november.csv",
        "Date,Description,Amount\n2025-11-02,shell oil,-43.00\n2025-11-03,CORNER SHOP,-5.00\n",
    );
    assert!(preview_of(&db, &next, "shell oil").contains("Fuel (learned)"));
    // The person corrects the oldest of them, not the latest: the correction is what is learned.
    let oldest = id_of(&db, "SHELL OIL", 0);
    db.ok(&["txn", "edit", &oldest, "--category", "Car"]);
    assert!(preview_of(&db, &next, "shell oil").contains("Car (learned)"));
    // A later import that says Fuel again does not overrule the person.
    let more = db.file(
        "late-october.csv",
        "Date,Description,Amount,Category\n2025-10-30,SHELL OIL,-44.00,Fuel\n",
    );
    db.ok(&["import", "csv", &more, "--into", "Checking"]);
    assert!(preview_of(&db, &next, "shell oil").contains("Car (learned)"));
    // A payee never corrected still follows its latest transaction; one never seen learns nothing.
    let corner = preview_of(&db, &next, "CORNER SHOP");
    assert!(
        corner.contains("Uncategorized") && !corner.contains("learned"),
        "{corner}"
    );
    // Undo takes the late import back, then the correction: the latest transaction speaks again.
    assert!(db.ok(&["undo"]).contains("import"));
    assert!(db.ok(&["undo"]).contains("edit"));
    assert!(preview_of(&db, &next, "shell oil").contains("Fuel (learned)"));
    db.ok(&["redo"]);
    assert!(preview_of(&db, &next, "shell oil").contains("Car (learned)"));
    // Another correction replaces it, on any of the payee's rows; "Uncategorized" means learn nothing.
    db.ok(&["txn", "edit", &id_of(&db, "SHELL OIL", 1), "--category", "Travel"]);
    assert!(preview_of(&db, &next, "shell oil").contains("Travel (learned)"));
    db.ok(&["txn", "edit", &oldest, "--category", "Uncategorized"]);
    let none = preview_of(&db, &next, "shell oil");
    assert!(none.contains("Uncategorized") && !none.contains("learned"), "{none}");
    // A transaction added by hand with a category is the person's word too.
    db.ok(&[
        "add",
        "expense",
        "5",
        "--from",
        "Checking",
        "--category",
        "Snacks",
        "--desc",
        "Corner  Shop",
        "--date",
        "2025-10-03",
    ]);
    assert!(preview_of(&db, &next, "CORNER SHOP").contains("Snacks (learned)"));
    // Importing for real writes what the preview showed.
    db.ok(&["import", "csv", &next, "--into", "Checking"]);
    let categories: Vec<String> = db
        .json(&["txn", "list", "--json"])
        .as_array()
        .map(|a| {
            a.iter()
                .filter(|t| t["date"].as_str().is_some_and(|d| d.starts_with("2025-11")))
                .map(|t| t["category"].as_str().unwrap_or("").to_string())
                .collect()
        })
        .unwrap_or_default();
    assert_eq!(categories, ["Uncategorized", "Snacks"]);
}

#[test]
fn an_import_keeps_its_rows_in_the_transactions_and_knows_them_after_edits() {
    let db = setup();
    let file = db.file(
        "bank.csv",
        "Date,Description,Amount\n2025-11-01,Coffee,-4.50\n2025-11-01,Coffee,-4.50\n2025-11-03,Salary,2000.00\n2025-11-04,To savings,-100.00\n",
    );
    db.ok(&["import", "csv", &file, "--into", "Checking"]);
    assert_eq!(
        sql_count(&db, "SELECT count(*) FROM txns WHERE import_hash IS NOT NULL"),
        4
    );
    assert_eq!(
        sql_count(&db, "SELECT count(*) FROM txn_imports"),
        0,
        "nothing beside them"
    );
    let again = |db: &TestDb| db.ok(&["import", "csv", &file, "--into", "Checking"]);
    assert!(again(&db).contains("0 imported, 4 skipped as duplicates"));
    // Moved to another month, a row is still the same bank row.
    let salary = id_of(&db, "Salary", 0);
    db.ok(&["txn", "edit", &salary, "--date", "2025-10-20", "--desc", "Pay"]);
    assert_eq!(sql_count(&db, "SELECT count(*) FROM txn_imports"), 1);
    assert!(again(&db).contains("0 imported, 4 skipped as duplicates"));
    // A new category or amount leaves it where it was.
    db.ok(&[
        "txn",
        "edit",
        &id_of(&db, "Coffee", 0),
        "--category",
        "Dining",
        "--amount",
        "4.75",
    ]);
    assert_eq!(sql_count(&db, "SELECT count(*) FROM txn_imports"), 1);
    // Undoing the move puts it back in its transaction.
    db.ok(&["undo"]);
    db.ok(&["undo"]);
    assert_eq!(sql_count(&db, "SELECT count(*) FROM txn_imports"), 0);
    assert!(again(&db).contains("0 imported, 4 skipped as duplicates"));
    // The savings side, linked by hand: both files' rows stay known.
    let savings = db.file(
        "savings.csv",
        "Date,Description,Amount\n2025-11-05,From checking,100.00\n",
    );
    db.ok(&["import", "csv", &savings, "--into", "Savings"]);
    db.ok(&[
        "txn",
        "link",
        &id_of(&db, "To savings", 0),
        &id_of(&db, "From checking", 0),
    ]);
    assert!(again(&db).contains("0 imported"));
    let savings_again = db.ok(&["import", "csv", &savings, "--into", "Savings"]);
    assert!(
        savings_again.contains("0 imported, 1 skipped as duplicates"),
        "{savings_again}"
    );
    // A deleted row goes with what identified it: importing the file again brings it back.
    db.ok(&["txn", "delete", &id_of(&db, "Coffee", 1)]);
    assert!(again(&db).contains("1 imported, 3 skipped as duplicates"));
    // A JSON backup restored into a new database knows every row the same way.
    let export = db.ok(&["export", "json"]);
    let target = TestDb::new();
    let backup = target.dir.path().join("backup.json");
    std::fs::write(&backup, &export).unwrap_or_else(|e| panic!("{e}"));
    target.ok(&["import", "json", backup.to_str().unwrap_or("")]);
    assert_eq!(target.ok(&["export", "json"]), export);
    assert!(target
        .ok(&["import", "csv", &file, "--into", "Checking"])
        .contains("0 imported, 4 skipped as duplicates"));
    assert_eq!(
        sql_count(&target, "SELECT count(*) FROM txns WHERE import_hash IS NOT NULL"),
        sql_count(&db, "SELECT count(*) FROM txns WHERE import_hash IS NOT NULL")
    );
}
