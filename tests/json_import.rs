//! `pfos import json` as it streams: keys in any order, files cut short or not text part-way through,
//! and undo/redo of a whole restore (logged as one id range, with the recurring posts).

mod common;

use common::TestDb;
use serde_json::{json, Map, Value};

/// Two accounts, a card, a bucket, a rule, September closed, a recurring rent posted twice.
fn source() -> TestDb {
    let db = TestDb::new();
    db.run_script(
        r#"
        pfos account add Checking --kind checking --opening 1000 --date 2025-09-01
        pfos card add Visa --statement-day 15 --limit 2000 --date 2025-09-01
        pfos bucket add Travel --in Checking --opening 100 --target-monthly 50 --date 2025-09-01
        pfos add expense 20 --from Checking --category Food --date 2025-09-10
        pfos add expense 35.50 --from Visa --category Fuel --date 2025-09-12 --desc "ünï — €"
        pfos close 2025-09
        pfos rule add "trader joe" --category Groceries
        pfos recurring add expense 900 --from Checking --category Rent --every monthly --day 1 --start 2025-10-01
        pfos recurring post
        "#,
    );
    db
}

fn write(db: &TestDb, name: &str, bytes: &[u8]) -> String {
    let path = db.dir.path().join(name);
    std::fs::write(&path, bytes).unwrap_or_else(|e| panic!("{e}"));
    path.to_string_lossy().into_owned()
}

fn parse(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("{e}"))
}

/// The same export with its top-level keys in the opposite order (transactions before places).
fn reversed(export: &Value) -> String {
    let object = export.as_object().cloned().unwrap_or_default();
    let mut out = Map::new();
    for (key, value) in object.into_iter().rev() {
        out.insert(key, value);
    }
    Value::Object(out).to_string()
}

fn txn_rows_logged(db: &TestDb) -> i64 {
    let conn = rusqlite::Connection::open(&db.path).unwrap_or_else(|e| panic!("{e}"));
    conn.query_row("SELECT count(*) FROM activity_changes WHERE tbl = 'txns'", [], |r| {
        r.get(0)
    })
    .unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn a_restore_is_logged_as_one_range_and_undone_and_redone_whole() {
    let text = source().ok(&["export", "json"]);
    assert_eq!(
        parse(&text)["plans"]["recurring_posts"].as_array().map(Vec::len),
        Some(2)
    );
    let target = TestDb::new();
    let file = write(&target, "export.json", text.as_bytes());
    target.ok(&["import", "json", &file]);
    assert_eq!(
        txn_rows_logged(&target),
        1,
        "one range, not a row image per transaction"
    );
    assert!(target.ok(&["undo"]).contains("import json"));
    target.assert_empty();
    assert_eq!(target.json(&["recurring", "list", "--json"]), json!([]));
    target.ok(&["redo"]);
    assert_eq!(target.ok(&["export", "json"]), text, "redo puts all of it back");
    assert!(target.ok(&["check"]).starts_with("ok: "));
    target.ok(&["undo"]);
    target.assert_empty();
}

#[test]
fn keys_in_any_order_restore_the_same_database() {
    let text = source().ok(&["export", "json"]);
    let target = TestDb::new();
    let file = write(&target, "reversed.json", reversed(&parse(&text)).as_bytes());
    let said = target.ok(&["import", "json", &file]);
    assert!(said.contains("3 places, 7 transactions and 1 closed months"), "{said}");
    assert_eq!(target.ok(&["export", "json"]), text);
}

/// A change made to a good export.
type Edit = dyn Fn(&mut Value);

#[test]
fn transactions_before_their_places_are_checked_all_the_same() {
    let good = parse(&source().ok(&["export", "json"]));
    let target = TestDb::new();
    let cases: Vec<(&str, &Edit, &str)> = vec![
        (
            "an unknown place",
            &|v| v["transactions"][3]["from_id"] = json!(99),
            "from_id 99 is not a place",
        ),
        (
            "a repeated id",
            &|v| v["transactions"][4]["id"] = json!(2),
            "transaction 2: transaction ids must be positive and unique",
        ),
        (
            "a post of no transaction",
            &|v| v["plans"]["recurring_posts"][0]["txn_id"] = json!(77),
            "recurring post of transaction 77: the transaction is not in the file",
        ),
        ("a version from the future", &|v| v["version"] = json!(9), "newer pfos"),
        (
            "an imported row of an unknown place",
            &|v| v["transactions"][3]["imported"] = json!([{"place_id": 99, "date": "2025-09-10", "hash": 7}]),
            "imported row: place_id 99 is not a place in the file",
        ),
        (
            "an imported row listed twice",
            &|v| {
                let row = json!({"place_id": 1, "date": "2025-09-10", "hash": 7});
                v["transactions"][3]["imported"] = json!([row.clone(), row]);
            },
            "the same imported row is listed twice",
        ),
        (
            "a reconciliation of an unknown place",
            &|v| {
                v["reconciliations"] = json!([{"place_id": 99, "date": "2025-09-30", "amount": "1.00", "recorded_at": "2025-10-01T09:00:00"}])
            },
            "reconciliation 1: place_id 99 is not a place in the file",
        ),
        (
            "a reconciliation of a bucket",
            &|v| {
                v["reconciliations"] = json!([{"place_id": 3, "date": "2025-09-30", "amount": "1.00", "recorded_at": "2025-10-01T09:00:00"}])
            },
            "reconciliation 1: 'Travel' is a bucket",
        ),
    ];
    for (what, change, expected) in cases {
        for order in ["as written", "reversed"] {
            let mut v = good.clone();
            change(&mut v);
            let text = if order == "reversed" {
                reversed(&v)
            } else {
                v.to_string()
            };
            let file = write(&target, "broken.json", text.as_bytes());
            let err = target.fails(&["import", "json", &file]);
            assert!(
                err.contains(expected) && err.contains("nothing was imported"),
                "{what}, {order}: {err}"
            );
            target.assert_empty();
        }
    }
}

#[test]
fn a_file_cut_short_or_not_text_part_way_imports_nothing() {
    let text = source().ok(&["export", "json"]);
    let target = TestDb::new();
    // Cut inside the transactions: the places were already read, and go back out with the rest.
    let cut = text.find("\"transactions\"").unwrap_or(0) + 200;
    let file = write(&target, "cut.json", &text.as_bytes()[..cut]);
    let err = target.fails(&["import", "json", &file]);
    assert!(
        err.contains("not valid JSON") && err.contains("nothing was imported"),
        "{err}"
    );
    target.assert_empty();
    // A byte that is not UTF-8 inside a description, after the places.
    let mut bytes = text.clone().into_bytes();
    let at = text.find("ünï").unwrap_or(0);
    bytes[at] = 0xff;
    let file = write(&target, "latin.json", &bytes);
    let err = target.fails(&["import", "json", &file]);
    assert!(err.contains("not UTF-8"), "{err}");
    target.assert_empty();
    // A top level that is not an object.
    let file = write(&target, "list.json", b"[1, 2]");
    let err = target.fails(&["import", "json", &file]);
    assert!(err.contains("not a pfos export"), "{err}");
    let file = write(&target, "good.json", text.as_bytes());
    target.ok(&["import", "json", &file]);
    assert_eq!(target.ok(&["export", "json"]), text);
}

#[test]
fn a_restore_keeps_the_rows_csv_imports_remember_and_the_reconciliations() {
    let db = source();
    // A bank file with two identical rows, imported into Checking, and a statement balance recorded.
    let csv = write(
        &db,
        "bank.csv",
        b"Date,Description,Amount\n2025-10-02,Coffee,-3.50\n2025-10-02,Coffee,-3.50\n2025-10-03,Book,-12.00\n",
    );
    db.ok(&["import", "csv", &csv, "--into", "Checking"]);
    db.ok(&["reconcile", "Checking", "500", "--date", "2025-10-31"]);
    let text = db.ok(&["export", "json"]);
    let export = parse(&text);
    let tied = export["transactions"]
        .as_array()
        .map_or(0, |all| all.iter().filter(|t| t["imported"].is_array()).count());
    assert_eq!(tied, 3, "each imported transaction carries its row");
    assert_eq!(export["reconciliations"].as_array().map(Vec::len), Some(1));
    let target = TestDb::new();
    let file = write(&target, "export.json", text.as_bytes());
    target.ok(&["import", "json", &file]);
    assert_eq!(target.ok(&["export", "json"]), text, "all of it came back");
    let again = target.ok(&["import", "csv", &csv, "--into", "Checking"]);
    assert!(again.contains("0 imported, 3 skipped as duplicates"), "{again}");
    // Undoing the restore takes them back with the transactions.
    assert!(target.ok(&["undo"]).contains("import json"));
    target.assert_empty();
    let conn = rusqlite::Connection::open(&target.path).unwrap_or_else(|e| panic!("{e}"));
    let left: i64 = conn
        .query_row(
            "SELECT (SELECT count(*) FROM txn_imports) + (SELECT count(*) FROM reconciliations)",
            [],
            |r| r.get(0),
        )
        .unwrap_or(-1);
    assert_eq!(left, 0);
    target.ok(&["redo"]);
    assert_eq!(target.ok(&["export", "json"]), text, "redo puts them back too");
}
