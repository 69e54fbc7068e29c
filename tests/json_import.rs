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
    assert!(
        said.contains("3 places, 7 transactions and 1 closed month from"),
        "{said}"
    );
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
        (
            "a close time that is no moment",
            &|v| v["snapshots"][0]["closed_at"] = json!("yesterday"),
            "closed_at 'yesterday' is not a moment",
        ),
        (
            "a month closed before it began",
            &|v| v["snapshots"][0]["closed_at"] = json!("2025-08-31T23:00:00+00:00"),
            "is before the month began",
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
    db.fails(&["reconcile", "Checking", "500", "--date", "2025-10-31"]); // recorded, and it disagrees
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

const EDITION2: &str = include_str!("fixtures/edition2.pfos");

/// The edition 2 ledger: a loan with its interest posted, splits, tags, categories in any case, two
/// closed months, a deleted transaction.
fn edition2() -> TestDb {
    let db = TestDb::new();
    db.run_script(EDITION2);
    db
}

/// What a user can see of a database, to compare a restore with its source.
const VIEWS: [&[&str]; 9] = [
    &["snapshot", "2025-09", "--json"],
    &["snapshot", "2025-10", "--json"],
    &["accounts", "--json"],
    &["cards", "--json"],
    &["loans", "--json"],
    &["buckets", "--json"],
    &["txn", "list", "--json"],
    &["status", "--json"],
    &["status", "--date", "2025-10-20", "--json"],
];

/// Two exports are the same bytes; else the first line that differs.
fn same(found: &str, expected: &str, what: &str) {
    if found != expected {
        let at = found.lines().zip(expected.lines()).position(|(a, b)| a != b);
        let line = |text: &str| at.and_then(|i| text.lines().nth(i)).unwrap_or("(end)").to_string();
        panic!(
            "{what}: line {at:?} is {:?}, expected {:?}",
            line(found),
            line(expected)
        );
    }
}

fn count(db: &TestDb, table: &str) -> i64 {
    let conn = rusqlite::Connection::open(&db.path).unwrap_or_else(|e| panic!("{e}"));
    conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
        .unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn an_edition2_ledger_round_trips_byte_for_byte_and_ids_carry_on_after_the_largest_ever_given() {
    let source = edition2();
    let text = source.ok(&["export", "json"]);
    let export = parse(&text);
    assert_eq!(export["version"], 2);
    assert_eq!(export["last_txn_id"], 23, "the deleted transaction's id counts");
    assert_eq!(
        export["categories"],
        json!([
            "Salary",
            "Interest",
            "Groceries",
            "Household",
            "Bonus",
            "Eating Out",
            "Fees",
            "Misc"
        ]),
        "first spellings in the order given, the unused one too"
    );
    let loan = &export["places"][4];
    assert_eq!(loan["type"], "loan");
    assert_eq!(
        loan["loan"],
        json!({"apr": "6.00", "payment": "350.00", "payment_day": 15})
    );
    assert_eq!(
        export["loan_interest"],
        json!([{"loan_id": 5, "month": "2025-09", "txn_id": 7}, {"loan_id": 5, "month": "2025-10", "txn_id": 16}])
    );
    let split = export["transactions"]
        .as_array()
        .and_then(|t| t.iter().find(|t| t["id"] == 9))
        .cloned()
        .unwrap_or_else(|| panic!("no transaction 9"));
    assert_eq!(split["category"], Value::Null);
    assert_eq!(
        split["splits"],
        json!([{"category": "Groceries", "amount": "80.00"}, {"category": "Household", "amount": "40.50"}])
    );
    assert_eq!(split["tags"], json!(["trip-2026"]));
    let october = &export["snapshots"][1];
    assert_eq!(october["figures"]["total_loan_balance"], "11043.55");
    assert_eq!(
        october["loans"],
        json!([{"place_id": 5, "balance": "11043.55", "payment": "350.00", "paid": "750.00", "charged": "83.55"}])
    );
    assert_eq!(october["buckets"][0]["next_target"], "100.00");
    assert_eq!(october["buckets"][0]["archived"], false);
    assert!(
        october["categories"].as_array().is_some_and(|c| c.len() == 6),
        "{october}"
    );

    let target = TestDb::new();
    let file = write(&target, "edition2.json", text.as_bytes());
    let said = target.ok(&["import", "json", &file]);
    assert!(said.contains("5 places, 22 transactions and 2 closed months"), "{said}");
    same(&target.ok(&["export", "json"]), &text, "the same bytes");
    assert!(target.ok(&["check"]).starts_with("ok: "));
    for view in VIEWS {
        assert_eq!(
            target.json(view),
            source.json(view),
            "pfos {view:?} differs after the round trip"
        );
    }
    // Undoing the restore takes the interest posts with the transactions; redo puts everything back.
    assert!(target.ok(&["undo"]).contains("import json"));
    target.assert_empty();
    assert_eq!(count(&target, "loan_interest") + count(&target, "snapshots"), 0);
    target.ok(&["redo"]);
    same(&target.ok(&["export", "json"]), &text, "redo puts all of it back");
    assert!(target.ok(&["check"]).starts_with("ok: "));
    // The restored database goes on as the source would: October's interest is posted already, the
    // next id is after the largest ever given, a category typed in another case keeps its spelling.
    let err = target.fails(&["loan", "interest", "Car loan", "--month", "2025-10"]);
    assert!(err.contains("already posted as #16"), "{err}");
    let added = target.ok(&[
        "add",
        "expense",
        "3",
        "--from",
        "Checking",
        "--category",
        "eating out",
        "--date",
        "2025-11-04",
    ]);
    assert!(added.contains("#24") && added.contains("(Eating Out)"), "{added}");
}

#[test]
fn archive_dates_terms_from_a_month_on_and_what_snapshots_keep_of_them_round_trip() {
    let source = TestDb::new();
    source.run_script(
        r#"
        pfos account add Checking --kind checking --opening 1000 --date 2025-09-01
        pfos card add Visa --statement-day 15 --date 2025-09-01
        pfos bucket add Travel --in Checking --opening 100 --target-monthly 50 --goal 120 --date 2025-09-01
        pfos bucket add "Old jar" --target-monthly 10 --date 2025-09-01
        pfos add expense 20 --from Visa --category Food --date 2025-09-10
        pfos add transfer 50 --from Checking --to Travel --date 2025-09-12
        "#,
    );
    // No command archives or changes terms from a month on in this build: set them as those would.
    {
        let conn = rusqlite::Connection::open(&source.path).unwrap_or_else(|e| panic!("{e}"));
        conn.execute_batch(
            "UPDATE places SET archived_on = '2025-09-30' WHERE name = 'Old jar';
             INSERT INTO place_terms (place_id, from_month, target_monthly_cents)
                 SELECT id, '2025-10', 8000 FROM places WHERE name = 'Travel';
             INSERT INTO place_terms (place_id, from_month, statement_day)
                 SELECT id, '2025-10', 20 FROM places WHERE name = 'Visa';
             INSERT INTO place_terms (place_id, from_month, grace_days)
                 SELECT id, '2025-10', 10 FROM places WHERE name = 'Visa';",
        )
        .unwrap_or_else(|e| panic!("{e}"));
    }
    source.run_script(
        r#"
        pfos close 2025-09
        pfos add expense 30 --from Visa --category Food --date 2025-10-18
        pfos close 2025-10
        "#,
    );
    assert!(source.ok(&["check"]).starts_with("ok: "));
    let text = source.ok(&["export", "json"]);
    let export = parse(&text);
    assert_eq!(export["places"][3]["archived_on"], "2025-09-30");
    assert_eq!(
        export["places"][1]["terms_changes"],
        json!([
            {"from": "2025-10", "statement_day": 20, "grace_days": null, "target_monthly": null},
            {"from": "2025-10", "statement_day": null, "grace_days": 10, "target_monthly": null}
        ])
    );
    assert_eq!(export["places"][2]["terms_changes"][0]["target_monthly"], "80.00");
    let september = &export["snapshots"][0];
    assert_eq!(september["buckets"][0]["next_target"], "80.00");
    assert_eq!(september["buckets"][1]["archived"], true);
    assert_eq!(
        export["snapshots"][1]["places"].as_array().map(Vec::len),
        Some(3),
        "the archived jar is not listed in October"
    );
    let target = TestDb::new();
    let file = write(&target, "terms.json", text.as_bytes());
    target.ok(&["import", "json", &file]);
    same(&target.ok(&["export", "json"]), &text, "archive dates and terms");
    assert!(target.ok(&["check"]).starts_with("ok: "));
    assert_eq!(target.json(&["cards", "--json"]), source.json(&["cards", "--json"]));
    assert_eq!(target.json(&["buckets", "--json"]), source.json(&["buckets", "--json"]));
}

/// An export as edition 1 wrote it: version 1, without what edition 2 added, its snapshots' figures by
/// edition 1's rules (`savings_added` counted a bucket paying a card as a withdrawal).
fn as_edition1(export: &Value, savings_added: &[&str]) -> Value {
    let mut v = export.clone();
    v["version"] = json!(1);
    if let Some(o) = v.as_object_mut() {
        for key in ["last_txn_id", "categories", "loan_interest"] {
            o.remove(key);
        }
    }
    for (i, s) in v["snapshots"].as_array_mut().into_iter().flatten().enumerate() {
        if let Some(o) = s.as_object_mut() {
            o.remove("loans");
            o.remove("categories");
        }
        if let Some(f) = s["figures"].as_object_mut() {
            f.remove("total_loan_balance");
            f.insert("savings_added".into(), json!(savings_added[i]));
        }
        for b in s["buckets"].as_array_mut().into_iter().flatten() {
            if let Some(o) = b.as_object_mut() {
                o.remove("next_target");
                o.remove("archived");
            }
        }
    }
    v
}

#[test]
fn an_edition1_export_imports_as_an_edition1_database_upgrades() {
    let source = TestDb::new();
    source.run_script(include_str!("fixtures/household.pfos"));
    let text = source.ok(&["export", "json"]);
    let export = parse(&text);
    // October's trip, paid from Travel through Amex (1050.00), was a withdrawal of savings in edition 1.
    let september = export["snapshots"][0]["figures"]["savings_added"]
        .as_str()
        .unwrap_or("")
        .to_string();
    assert_eq!(export["snapshots"][1]["figures"]["savings_added"], "100.00");
    let older = as_edition1(&export, &[&september, "-950.00"]);
    let target = TestDb::new();
    let file = write(&target, "edition1.json", older.to_string().as_bytes());
    let out = target
        .cmd(&["import", "json", &file])
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    let (stdout, stderr) = (
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr),
    );
    assert!(out.status.success(), "{stderr}");
    assert!(
        stdout.contains("7 places, 38 transactions and 2 closed months"),
        "{stdout}"
    );
    assert!(
        stderr.contains("written by an older pfos")
            && stderr.contains("2025-10: savings_added -950.00 -> 100.00 (+1050.00)"),
        "{stderr}"
    );
    same(
        &target.ok(&["export", "json"]),
        &text,
        "as if the source had been exported",
    );
    assert!(target.ok(&["check"]).starts_with("ok: "));
    // A figure edition 1 computed as edition 2 does is still checked.
    let mut broken = older.clone();
    broken["snapshots"][0]["figures"]["net_worth"] = json!("1.00");
    let empty = TestDb::new();
    let file = write(&empty, "broken.json", broken.to_string().as_bytes());
    let err = empty.fails(&["import", "json", &file]);
    assert!(
        err.contains("do not agree") && err.contains("2025-09.net_worth: stored 1.00"),
        "{err}"
    );
    empty.assert_empty();
}

#[test]
fn edition2_fields_are_checked_with_clear_problems() {
    let good = parse(&edition2().ok(&["export", "json"]));
    let at = |id: i64| -> usize {
        good["transactions"]
            .as_array()
            .and_then(|t| t.iter().position(|t| t["id"] == id))
            .unwrap_or_else(|| panic!("no transaction {id}"))
    };
    let (split, tagged, transfer, october_pay) = (at(9), at(10), at(8), at(17));
    let target = TestDb::new();
    let cases: Vec<(&str, Box<Edit>, &str)> = vec![
        (
            "split lines that do not add up",
            Box::new(move |v: &mut Value| v["transactions"][split]["splits"][1]["amount"] = json!("40.00")),
            "transaction 9: the split lines add up to 120.00, not the amount 120.50",
        ),
        (
            "a split with a category of its own",
            Box::new(move |v: &mut Value| v["transactions"][split]["category"] = json!("Groceries")),
            "transaction 9: a split transaction has no category of its own",
        ),
        (
            "a split line without a category",
            Box::new(move |v: &mut Value| v["transactions"][split]["splits"][0]["category"] = json!(" ")),
            "transaction 9, split line 1: a category must be non-empty",
        ),
        (
            "a split line's amount",
            Box::new(move |v: &mut Value| v["transactions"][split]["splits"][0]["amount"] = json!("8O.00")),
            "transaction 9, split line 1, amount: '8O.00' is not an amount",
        ),
        (
            "a split transfer",
            Box::new(move |v: &mut Value| {
                v["transactions"][transfer]["splits"] = v["transactions"][split]["splits"].clone();
                v["transactions"][transfer]["amount"] = json!("120.50");
            }),
            "transaction 8: a transfer cannot be split",
        ),
        (
            "a tag with a space",
            Box::new(move |v: &mut Value| v["transactions"][tagged]["tags"] = json!(["tax 2026"])),
            "transaction 10: tag 'tax 2026' may hold only letters, digits",
        ),
        (
            "a tag too long",
            Box::new(move |v: &mut Value| v["transactions"][tagged]["tags"] = json!(["x".repeat(41)])),
            "longer than 40 characters",
        ),
        (
            "a loan without terms",
            Box::new(|v: &mut Value| {
                v["places"][4].as_object_mut().map(|o| o.remove("loan"));
            }),
            "place 5 ('Car loan') is a loan but has no \"loan\" terms",
        ),
        (
            "loan terms on a card",
            Box::new(|v: &mut Value| v["places"][2]["loan"] = v["places"][4]["loan"].clone()),
            "place 3 ('Visa') is not a loan but has \"loan\" terms",
        ),
        (
            "a loan's payment day",
            Box::new(|v: &mut Value| v["places"][4]["loan"]["payment_day"] = json!(32)),
            "place 5 ('Car loan'): payment day 32 is outside 1–31",
        ),
        (
            "a loan's APR",
            Box::new(|v: &mut Value| v["places"][4]["loan"]["apr"] = json!("6.125")),
            "APR '6.125' has more than two decimal places",
        ),
        (
            "a loan paid nothing a month",
            Box::new(|v: &mut Value| v["places"][4]["loan"]["payment"] = json!("0.00")),
            "the scheduled payment must be more than zero",
        ),
        (
            "the largest id ever given below one in the file",
            Box::new(|v: &mut Value| v["last_txn_id"] = json!(21)),
            "last_txn_id is 21, but transaction 22 is in the file",
        ),
        (
            "one category listed twice",
            Box::new(|v: &mut Value| v["categories"][7] = json!("GROCERIES")),
            "categories: 'Groceries' and 'GROCERIES' are one category",
        ),
        (
            "a category that is not listed",
            Box::new(|v: &mut Value| {
                v["categories"] = json!([
                    "Salary",
                    "Interest",
                    "Groceries",
                    "Household",
                    "Bonus",
                    "Eating Out",
                    "Misc"
                ])
            }),
            "transaction 20: category 'Fees' is not in \"categories\"",
        ),
        (
            "a category spelled otherwise than listed",
            Box::new(|v: &mut Value| v["categories"][2] = json!("groceries")),
            "category 'Groceries' is spelled 'groceries' in \"categories\"",
        ),
        (
            "interest on a place that is not a loan",
            Box::new(|v: &mut Value| v["loan_interest"][0]["loan_id"] = json!(1)),
            "loan interest of transaction 7: 'Checking' is a checking, not a loan",
        ),
        (
            "interest posted twice for a month",
            Box::new(|v: &mut Value| v["loan_interest"][1]["month"] = json!("2025-09")),
            "the interest of 'Car loan' for 2025-09 is posted twice",
        ),
        (
            "interest posted by no transaction",
            Box::new(|v: &mut Value| v["loan_interest"][0]["txn_id"] = json!(23)),
            "loan interest of transaction 23: the transaction is not in the file",
        ),
        (
            "a transaction after its place was archived",
            Box::new(|v: &mut Value| v["places"][1]["archived_on"] = json!("2025-10-01")),
            "transaction 21: dated 2025-10-25, after 'Savings' was archived on 2025-10-01",
        ),
        (
            "archived before it opened",
            Box::new(|v: &mut Value| v["places"][1]["archived_on"] = json!("2025-08-31")),
            "archived on 2025-08-31, before it opened on 2025-09-01",
        ),
        (
            "an account archived with its bucket still open",
            Box::new(|v: &mut Value| v["places"][0]["archived_on"] = json!("2025-12-01")),
            "place 4 ('Travel') is not archived, but 'Checking', the account that holds it, was archived",
        ),
        (
            "a terms change of an account",
            Box::new(|v: &mut Value| {
                v["places"][0]["terms_changes"] = json!([{"from": "2025-11", "target_monthly": "5.00"}])
            }),
            "only a card's or a bucket's terms change from a month on",
        ),
        (
            "a terms change that changes nothing",
            Box::new(|v: &mut Value| v["places"][2]["terms_changes"] = json!([{"from": "2025-11"}])),
            "place 3 ('Visa'), terms change from 2025-11: it changes nothing",
        ),
        (
            "a terms change from no month",
            Box::new(|v: &mut Value| {
                v["places"][3]["terms_changes"] = json!([{"from": "2025-13", "target_monthly": "5.00"}])
            }),
            "terms change, from:",
        ),
        (
            "a snapshot's loan line of an account",
            Box::new(|v: &mut Value| v["snapshots"][0]["loans"][0]["place_id"] = json!(2)),
            "snapshot 2025-09, loans: place 2 ('Savings') is a savings",
        ),
        (
            "a snapshot's category twice",
            Box::new(|v: &mut Value| v["snapshots"][0]["categories"][1]["name"] = json!("GROCERIES")),
            "snapshot 2025-09, category 'GROCERIES' appears twice (categories are compared whatever their case)",
        ),
        (
            "a snapshot's loan figure that disagrees",
            Box::new(|v: &mut Value| v["snapshots"][1]["loans"][0]["paid"] = json!("350.00")),
            "2025-10.loans[Car loan].paid: stored 350.00, recomputed 750.00",
        ),
        (
            "a snapshot's category figure that disagrees",
            Box::new(|v: &mut Value| v["snapshots"][0]["categories"][0]["expense"] = json!("1.00")),
            "do not agree with its transactions",
        ),
        (
            "a payment moved off a closed month's loan",
            Box::new(move |v: &mut Value| v["transactions"][october_pay]["to_id"] = json!(3)),
            "do not agree with its transactions",
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
    // An archived place that still holds money is refused once its balance is known.
    let mut v = good.clone();
    v["places"][1]["archived_on"] = json!("2025-12-31");
    let file = write(&target, "archived.json", v.to_string().as_bytes());
    let err = target.fails(&["import", "json", &file]);
    assert!(
        err.contains("place 2 ('Savings') is archived on 2025-12-31 but its balance is 1660.00"),
        "{err}"
    );
    target.assert_empty();
    // Tags in another case or order are what pfos would store.
    let mut v = good.clone();
    v["transactions"][tagged]["tags"] = json!(["Trip-2026", "TAX/2026", "trip-2026"]);
    let file = write(&target, "tags.json", v.to_string().as_bytes());
    target.ok(&["import", "json", &file]);
    assert_eq!(parse(&target.ok(&["export", "json"])), good);
}
