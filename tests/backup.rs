//! `pfos export json` / `pfos import json` round trip and refusals, and `pfos backup`.

mod common;

use common::TestDb;
use serde_json::{json, Value};
use std::path::Path;

const SCRIPT: &str = include_str!("fixtures/household.pfos");

/// Everything a user can see of a database.
const VIEWS: [&[&str]; 8] = [
    &["snapshot", "2025-09", "--json"],
    &["snapshot", "2025-10", "--json"],
    &["accounts", "--json"],
    &["cards", "--json"],
    &["buckets", "--json"],
    &["txn", "list", "--json"],
    &["status", "--json"],
    &["status", "--date", "2025-10-20", "--json"],
];

fn household() -> TestDb {
    let db = TestDb::new();
    db.run_script(SCRIPT);
    db
}

fn exported(db: &TestDb) -> Value {
    db.json(&["export", "json"])
}

fn write(path: &Path, text: &str) {
    std::fs::write(path, text).unwrap_or_else(|e| panic!("{e}"));
}

#[test]
fn json_export_restores_into_an_empty_database_identically() {
    let source = household();
    // Beyond the household: a card limit, a bucket held nowhere, and an open month after the closed ones.
    source.run_script(
        r#"
        pfos card add Mastercard --statement-day 28 --limit 5000 --opening 12.34 --date 2025-11-01
        pfos bucket add Gifts --goal 500 --target-monthly 25 --opening 40 --date 2025-11-01
        pfos add expense 15 --from Gifts --category Gifts --date 2025-11-02 --desc "Book; for Ann — ünï"
        pfos add expense 60 --from Mastercard --category Dining --date 2025-11-03
        pfos add refund 10 --to Mastercard --category Dining --date 2025-11-04
        pfos rule add "trader joe" --category Groceries
        pfos rule add "^autopay" --regex --transfer Checking
        "#,
    );
    let text = source.ok(&["export", "json"]);
    let value: Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(value["format"], "pfos-export");
    assert_eq!(value["version"], 2);
    assert_eq!(value["rules"][0]["pattern"], "trader joe");
    assert_eq!(value["rules"][1]["transfer_id"], 1);
    assert_eq!(value["transactions"].as_array().map(Vec::len), Some(43));
    assert_eq!(value["places"][7]["card"]["limit"], "5000.00");
    assert_eq!(value["snapshots"][1]["cards"][0]["carried_over"], "87.00");
    let file = source.dir.path().join("household.json");
    write(&file, &text);

    let target = TestDb::new();
    let said = target.ok(&["import", "json", &file.to_string_lossy()]);
    assert!(said.contains("9 places, 43 transactions and 2 closed months"), "{said}");
    for view in VIEWS {
        assert_eq!(
            target.json(view),
            source.json(view),
            "pfos {view:?} differs after the round trip"
        );
    }
    assert!(target.ok(&["check"]).starts_with("ok: "));
    assert_eq!(
        target.json(&["rule", "list", "--json"]),
        source.json(&["rule", "list", "--json"])
    );
    assert_eq!(
        target.ok(&["export", "json"]),
        text,
        "exporting the copy gives the same file"
    );
    // The restored months stay closed, and ids carry on after the imported ones.
    let err = target.fails(&[
        "add",
        "expense",
        "5",
        "--from",
        "Checking",
        "--category",
        "X",
        "--date",
        "2025-10-03",
    ]);
    assert!(err.contains("month 2025-10 is closed"), "{err}");
    let added = target.ok(&[
        "add",
        "expense",
        "5",
        "--from",
        "Checking",
        "--category",
        "X",
        "--date",
        "2025-11-03",
    ]);
    assert!(added.contains("#44"), "{added}");
}

#[test]
fn import_json_refuses_a_database_that_is_not_empty() {
    let db = household();
    let file = db.dir.path().join("household.json");
    db.ok(&["export", "json", "--out", &file.to_string_lossy()]);
    let before: Vec<Value> = VIEWS.iter().map(|v| db.json(v)).collect();
    let err = db.fails(&["import", "json", &file.to_string_lossy()]);
    assert!(err.contains("not empty") && err.contains("--db NEW.db"), "{err}");
    let after: Vec<Value> = VIEWS.iter().map(|v| db.json(v)).collect();
    assert_eq!(before, after, "nothing changed");
}

/// Index of the first transaction of a kind in an export.
fn first_of(export: &Value, kind: &str) -> usize {
    export["transactions"]
        .as_array()
        .and_then(|t| t.iter().position(|t| t["kind"] == kind))
        .unwrap_or_else(|| panic!("no {kind}"))
}

#[test]
fn import_json_refuses_broken_files_with_a_clear_message_and_imports_nothing() {
    let source = household();
    let good = exported(&source);
    let expense = first_of(&good, "expense");
    let income = first_of(&good, "income");
    let edit = |change: &dyn Fn(&mut Value)| -> String {
        let mut v = good.clone();
        change(&mut v);
        v.to_string()
    };
    let cases: Vec<(&str, String, &str)> = vec![
        ("not JSON", "{\"format\": \"pfos-export\",".into(), "not valid JSON"),
        (
            "another format",
            edit(&|v| v["format"] = json!("other")),
            "not a pfos export",
        ),
        ("a newer version", edit(&|v| v["version"] = json!(3)), "newer pfos"),
        ("no version", edit(&|v| v["version"] = Value::Null), "format version"),
        (
            "no places",
            edit(&|v| {
                v.as_object_mut().map(|o| o.remove("places"));
            }),
            "missing field `places`",
        ),
        (
            "an unknown type",
            edit(&|v| v["places"][0]["type"] = json!("boat")),
            "type 'boat'",
        ),
        (
            "an unknown place",
            edit(&|v| v["transactions"][expense]["from_id"] = json!(99)),
            "from_id 99 is not a place",
        ),
        (
            "held in a card",
            edit(&|v| v["places"][6]["bucket"]["held_in_id"] = json!(4)),
            "not an account in the file",
        ),
        (
            "too precise",
            edit(&|v| v["transactions"][expense]["amount"] = json!("12.345")),
            "more than two decimal places",
        ),
        (
            "not an amount",
            edit(&|v| v["transactions"][expense]["amount"] = json!("abc")),
            "'abc' is not a number",
        ),
        (
            "a number, not a string",
            edit(&|v| v["transactions"][expense]["amount"] = json!(12.5)),
            "invalid type",
        ),
        (
            "a bad date",
            edit(&|v| v["transactions"][expense]["date"] = json!("2025-02-30")),
            "date '2025-02-30' is not a valid date",
        ),
        (
            "a bad snapshot amount",
            edit(&|v| v["snapshots"][0]["figures"]["net_worth"] = json!("12,000")),
            "net_worth: '12,000' is not an amount",
        ),
        (
            "a duplicate id",
            edit(&|v| v["transactions"][expense]["id"] = json!(1)),
            "ids must be positive and unique",
        ),
        (
            "a gap in closed months",
            edit(&|v| v["snapshots"][1]["month"] = json!("2025-11")),
            "followed by a gap",
        ),
        (
            "a rule without an action",
            edit(&|v| {
                v["rules"] = json!([{"id": 1, "pattern": "x", "regex": false, "category": null, "transfer_id": null}])
            }),
            "needs exactly one of",
        ),
        (
            "a rule whose regex does not compile",
            edit(&|v| {
                v["rules"] = json!([{"id": 1, "pattern": "(x", "regex": true, "category": "A", "transfer_id": null}])
            }),
            "not a valid regular expression",
        ),
        (
            "a snapshot that disagrees",
            edit(&|v| v["snapshots"][0]["figures"]["net_worth"] = json!("1.00")),
            "do not agree with its transactions",
        ),
        (
            "a changed amount in a closed month",
            edit(&|v| v["transactions"][income]["amount"] = json!("4300.00")),
            "do not agree with its transactions",
        ),
    ];
    let target = TestDb::new();
    for (what, text, expected) in cases {
        let file = target.dir.path().join("broken.json");
        write(&file, &text);
        let err = target.fails(&["import", "json", &file.to_string_lossy()]);
        assert!(err.contains(expected), "{what}: expected '{expected}' in: {err}");
        assert!(
            err.contains("nothing was imported") || err.contains("error: cannot import"),
            "{what}: {err}"
        );
        target.assert_empty();
    }
    let missing = target.dir.path().join("missing.json");
    let err = target.fails(&["import", "json", &missing.to_string_lossy()]);
    assert!(err.contains("missing.json"), "{err}");
    let binary = target.dir.path().join("binary.json");
    std::fs::write(&binary, [0xff_u8, 0xfe, 0x00, 0x01]).unwrap_or_else(|e| panic!("{e}"));
    let err = target.fails(&["import", "json", &binary.to_string_lossy()]);
    assert!(err.contains("not UTF-8"), "{err}");
    target.assert_empty();
    // The same database takes the good file afterwards: the refusals left it empty.
    let file = target.dir.path().join("good.json");
    write(&file, &good.to_string());
    target.ok(&["import", "json", &file.to_string_lossy()]);
    assert_eq!(exported(&target), good);
}

#[cfg(unix)]
fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path)
        .map(|m| m.permissions().mode() & 0o777)
        .unwrap_or(0)
}

#[test]
fn backup_is_a_private_pfos_database_with_the_same_data_and_never_overwrites_by_accident() {
    let db = household();
    let copy = db.dir.path().join("copy.db");
    let copy_arg = copy.to_string_lossy().to_string();
    db.ok(&["backup", &copy_arg]);
    #[cfg(unix)]
    assert_eq!(mode(&copy), 0o600);
    let restored = common::pfos(&copy, &["txn", "list", "--json"])
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(restored.status.success());
    assert_eq!(
        serde_json::from_slice::<Value>(&restored.stdout).unwrap_or_default(),
        db.json(&["txn", "list", "--json"])
    );
    let snapshot = common::pfos(&copy, &["snapshot", "2025-10", "--json"])
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        serde_json::from_slice::<Value>(&snapshot.stdout).unwrap_or_default(),
        db.json(&["snapshot", "2025-10", "--json"])
    );

    let bytes = std::fs::read(&copy).unwrap_or_default();
    db.ok(&[
        "add",
        "expense",
        "5",
        "--from",
        "Checking",
        "--category",
        "X",
        "--date",
        "2025-11-03",
    ]);
    let err = db.fails(&["backup", &copy_arg]);
    assert!(err.contains("already exists") && err.contains("--force"), "{err}");
    assert_eq!(
        std::fs::read(&copy).unwrap_or_default(),
        bytes,
        "the old backup is untouched"
    );
    db.ok(&["backup", &copy_arg, "--force"]);
    let replaced = common::pfos(&copy, &["txn", "list", "--month", "2025-11", "--json"])
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    let replaced: Value = serde_json::from_slice(&replaced.stdout).unwrap_or_default();
    assert_eq!(
        replaced.as_array().map(Vec::len),
        Some(1),
        "--force replaced it: {replaced}"
    );

    let err = db.fails(&["backup", &db.path.to_string_lossy(), "--force"]);
    assert!(err.contains("the database itself"), "{err}");
    let entries = std::fs::read_dir(db.dir.path()).map(|d| d.count()).unwrap_or(0);
    let names: Vec<String> = std::fs::read_dir(db.dir.path())
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(names.is_empty() && entries > 0, "no temporary file left: {names:?}");
}

#[test]
fn backup_while_another_program_is_writing_copies_the_last_commit() {
    let db = household();
    let before = db.json(&["txn", "list", "--json"]);
    // Another program holds the write lock with a change it has not committed.
    let other = rusqlite::Connection::open(&db.path).unwrap_or_else(|e| panic!("{e}"));
    other
        .execute_batch(
            "BEGIN IMMEDIATE;
             INSERT INTO txns (date, kind, amount_cents, from_id, category, description)
             VALUES ('2025-11-02', 'expense', 999, 1, 'Uncommitted', 'not yet');",
        )
        .unwrap_or_else(|e| panic!("{e}"));
    let copy = db.dir.path().join("while-open.db");
    db.ok(&["backup", &copy.to_string_lossy()]);
    other.execute_batch("COMMIT").unwrap_or_else(|e| panic!("{e}"));
    let copied = common::pfos(&copy, &["txn", "list", "--json"])
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(copied.status.success(), "{}", String::from_utf8_lossy(&copied.stderr));
    assert_eq!(
        serde_json::from_slice::<Value>(&copied.stdout).unwrap_or_default(),
        before
    );
    let check = common::pfos(&copy, &["check"])
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(check.status.success(), "the copy is a whole, consistent database");
    let now = db.json(&["txn", "list", "--json"]);
    assert_eq!(
        now.as_array().map(Vec::len),
        Some(39),
        "the other program's commit landed"
    );
}
