//! `pfos txn list --search QUERY` through the real binary: words, phrases and keys, clear errors for a
//! malformed query, and the search index in step after every kind of write (adds, edits, deletes, undo
//! and redo, a CSV import and its undo, a JSON restore, the upgrade of an older file).

mod common;

use common::TestDb;
use serde_json::Value;

/// Checking and a Visa card, and six transactions (today is 2025-11-15 in these tests).
fn household() -> TestDb {
    let db = TestDb::new();
    db.run_script(
        r#"
        pfos account add Checking --kind checking --opening 5000 --date 2025-09-01
        pfos card add Visa --statement-day 20 --grace-days 25 --date 2025-09-01
        pfos add expense 4.50 --from Checking --category Dining --desc "Café Olé" --date 2025-10-02
        pfos add expense 82.10 --from Visa --category Groceries --desc "Trader Joe's #1234" --date 2025-10-05 --tag trip
        pfos add expense 60 --from Checking --category groceries --desc "Coffee beans" --date 2025-11-01
        pfos add expense 120 --from Visa --split Groceries=100 --split Household=20 --desc "Costco run" --date 2025-11-03
        pfos add income 2000 --to Checking --category Salary --desc Paycheck --date 2025-10-31
        pfos add transfer 300 --from Checking --to Visa --desc "Visa payment" --date 2025-11-05
        "#,
    );
    db
}

/// The descriptions `txn list --search QUERY --json` lists, in its order.
fn found(db: &TestDb, query: &str) -> Vec<String> {
    let listed = db.json(&["txn", "list", "--search", query, "--json"]);
    listed
        .as_array()
        .unwrap_or_else(|| panic!("{listed}"))
        .iter()
        .map(|t| t["description"].as_str().unwrap_or("").to_string())
        .collect()
}

#[test]
fn words_phrases_and_keys_find_what_they_say() {
    let db = household();
    assert_eq!(found(&db, "coff"), ["Coffee beans"], "the start of a word");
    assert_eq!(found(&db, "CAFE"), ["Café Olé"], "case and accents aside");
    assert_eq!(found(&db, "joe's"), ["Trader Joe's #1234"]);
    assert_eq!(found(&db, "\"trader joe\""), ["Trader Joe's #1234"]);
    assert!(found(&db, "\"trader jo\"").is_empty(), "a phrase has whole words");
    assert_eq!(found(&db, "1234"), ["Trader Joe's #1234"], "digits anywhere");
    assert_eq!(
        found(&db, "cat:GROCERIES"),
        ["Trader Joe's #1234", "Coffee beans", "Costco run"],
        "oldest first; a split line counts"
    );
    assert_eq!(found(&db, "cat:household"), ["Costco run"]);
    assert_eq!(found(&db, "tag:trip"), ["Trader Joe's #1234"]);
    assert_eq!(
        found(&db, "place:visa"),
        ["Opening balance", "Trader Joe's #1234", "Costco run", "Visa payment"],
        "from or to"
    );
    assert_eq!(found(&db, "kind:income"), ["Paycheck"]);
    assert_eq!(
        found(&db, "amt:>100"),
        ["Opening balance", "Paycheck", "Costco run", "Visa payment"]
    );
    assert_eq!(found(&db, "amt:50..82.10"), ["Trader Joe's #1234", "Coffee beans"]);
    assert_eq!(
        found(&db, "date:2025-10"),
        ["Café Olé", "Trader Joe's #1234", "Paycheck"]
    );
    assert_eq!(
        found(&db, "date:2025-10-05..2025-11-01"),
        ["Trader Joe's #1234", "Paycheck", "Coffee beans"]
    );
    assert_eq!(found(&db, "cat:groceries place:checking amt:<100"), ["Coffee beans"]);
    assert!(found(&db, "tea").is_empty());
    // With --month, only that month's.
    let listed = db.json(&[
        "txn",
        "list",
        "--search",
        "cat:groceries",
        "--month",
        "2025-10",
        "--json",
    ]);
    assert_eq!(listed.as_array().map(Vec::len), Some(1));
    // The table, and its empty case.
    let table = db.ok(&["txn", "list", "--search", "coffee"]);
    assert!(table.contains("Coffee beans") && !table.contains("Costco"), "{table}");
    assert_eq!(
        db.ok(&["txn", "list", "--search", "tea"]).trim(),
        "no transactions match 'tea'"
    );
}

#[test]
fn a_malformed_query_is_refused_naming_its_bad_part() {
    let db = household();
    for (query, said) in [
        (
            "coffee amt:>abc",
            "error: in 'amt:>abc': 'abc' is not an amount; write amt:>100 or amt:50..80",
        ),
        ("date:2025-13", "error: in 'date:2025-13': '2025-13' is not a date;"),
        (
            "kind:spend",
            "error: in 'kind:spend': 'spend' is not a transaction kind;",
        ),
        (
            "colour:red",
            "error: in 'colour:red': 'colour' is not something to search by;",
        ),
        ("\"trader jo", "error: in '\"trader jo': the quote is not closed"),
        ("tag:a#b", "error: in 'tag:a#b': tag 'a#b' may hold only"),
        ("amt:80..50", "error: in 'amt:80..50': 80.00 is more than 50.00"),
    ] {
        for json in [false, true] {
            let mut args = vec!["txn", "list", "--search", query];
            if json {
                args.push("--json");
            }
            let stderr = db.fails(&args);
            assert!(stderr.starts_with(said), "{query}: {stderr}");
        }
    }
}

/// Whether the search index matches the descriptions it was made from (FTS5's own check).
fn index_in_step(db: &TestDb) -> bool {
    let conn = rusqlite::Connection::open(&db.path).unwrap_or_else(|e| panic!("{e}"));
    conn.execute(
        "INSERT INTO txn_search (txn_search, rank) VALUES ('integrity-check', 1)",
        [],
    )
    .is_ok()
}

#[test]
fn the_index_follows_every_write_and_its_undo() {
    let db = household();
    assert!(index_in_step(&db));
    let id = |query: &str| {
        let listed = db.json(&["txn", "list", "--search", query, "--json"]);
        listed[0]["id"]
            .as_i64()
            .unwrap_or_else(|| panic!("{query}: {listed}"))
            .to_string()
    };
    let coffee = id("coffee");
    db.ok(&["txn", "edit", &coffee, "--desc", "Tea leaves"]);
    assert!(found(&db, "coffee").is_empty(), "the old words are gone");
    assert_eq!(found(&db, "tea"), ["Tea leaves"]);
    db.ok(&["txn", "edit", &coffee, "--amount", "61"]);
    assert_eq!(found(&db, "tea amt:61"), ["Tea leaves"], "an edit of the amount alone");
    db.ok(&["undo"]);
    db.ok(&["undo"]);
    assert_eq!(found(&db, "coffee"), ["Coffee beans"], "undo puts the words back");
    assert!(found(&db, "tea").is_empty());
    db.ok(&["redo"]);
    assert_eq!(found(&db, "tea"), ["Tea leaves"], "and redo takes them again");
    db.ok(&["txn", "delete", &coffee]);
    assert!(found(&db, "tea").is_empty(), "a deleted row is not found");
    db.ok(&["undo"]);
    assert_eq!(found(&db, "tea"), ["Tea leaves"]);
    assert!(index_in_step(&db));

    // A CSV import indexes its rows in one go; its undo and redo follow. (The undone delete before it is
    // forgotten by the import, which runs with foreign keys off: its row changes must go with it.)
    let csv = db.dir.path().join("bank.csv");
    std::fs::write(
        &csv,
        "Date,Description,Amount\n2025-11-06,BLUE BOTTLE COFFEE #77,-5.25\n2025-11-07,Bäckerei Müller,-12.00\n",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    db.ok(&["import", "csv", &csv.to_string_lossy(), "--into", "Checking"]);
    assert_eq!(found(&db, "bottle"), ["BLUE BOTTLE COFFEE #77"]);
    assert_eq!(found(&db, "backerei muller"), ["Bäckerei Müller"]);
    assert_eq!(found(&db, "coffee 77"), ["BLUE BOTTLE COFFEE #77"]);
    assert!(index_in_step(&db));
    db.ok(&["undo"]);
    assert!(
        found(&db, "bottle").is_empty(),
        "the undone import's rows are gone from the index"
    );
    assert!(index_in_step(&db));
    db.ok(&["redo"]);
    assert_eq!(found(&db, "bottle"), ["BLUE BOTTLE COFFEE #77"]);
    assert!(index_in_step(&db));
    // Writes after the import still go through the triggers.
    db.ok(&[
        "add",
        "expense",
        "3",
        "--from",
        "Checking",
        "--category",
        "Dining",
        "--desc",
        "Bottle shop",
        "--date",
        "2025-11-08",
    ]);
    assert_eq!(found(&db, "bottle"), ["BLUE BOTTLE COFFEE #77", "Bottle shop"]);
    assert!(index_in_step(&db));
}

#[test]
fn a_restored_export_is_searchable() {
    let db = household();
    let json = db.dir.path().join("all.json");
    db.ok(&["export", "json", "--out", &json.to_string_lossy()]);
    let restored = TestDb::new();
    restored.ok(&["import", "json", &json.to_string_lossy()]);
    assert_eq!(found(&restored, "joe"), ["Trader Joe's #1234"]);
    assert_eq!(found(&restored, "cat:household"), ["Costco run"]);
    assert!(index_in_step(&restored));
    restored.ok(&["undo"]);
    assert!(found(&restored, "joe").is_empty());
    assert!(index_in_step(&restored));
}

#[test]
fn the_upgrade_indexes_the_rows_there_are() {
    let db = TestDb::new();
    std::fs::copy("tests/fixtures/upgrade/schema8.db", &db.path).unwrap_or_else(|e| panic!("copy: {e}"));
    let listed = db.json(&["txn", "list", "--search", "trader", "--json"]);
    assert_eq!(listed.as_array().map(Vec::len), Some(1), "{listed}");
    assert_eq!(listed[0]["description"], Value::from("Trader Joe's"));
    assert!(index_in_step(&db));
    assert!(db.ok(&["check"]).starts_with("ok: "));
}
