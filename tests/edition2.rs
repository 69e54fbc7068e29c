//! The money rules of edition 2 through the real binary: loans, splits, tags, categories whatever their
//! case, reports, ids never reused, and every refusal (clear `error:`, nothing changed).

mod common;

use common::TestDb;
use serde_json::Value;

const VIEWS: &[&str] = &["txn list --json", "accounts --json", "loans --json"];

/// Checking and a car loan, opened 2025-09-01 (today is 2025-11-15 in these tests).
fn household() -> TestDb {
    let db = TestDb::new();
    db.ok(&[
        "account",
        "add",
        "Checking",
        "--kind",
        "checking",
        "--opening",
        "5000",
        "--date",
        "2025-09-01",
    ]);
    db.ok(&[
        "loan",
        "add",
        "Car loan",
        "--apr",
        "6",
        "--payment",
        "350",
        "--payment-day",
        "15",
        "--opening",
        "12000",
        "--date",
        "2025-09-01",
    ]);
    db
}

fn snapshot_figure(db: &TestDb, month: &str, key: &str) -> Value {
    db.json(&["snapshot", month, "--json"])[key].clone()
}

#[test]
fn a_loan_counts_in_net_worth_outflow_and_its_interest_is_spending() {
    let db = household();
    db.ok(&[
        "add",
        "transfer",
        "350",
        "--from",
        "Checking",
        "--to",
        "Car loan",
        "--date",
        "2025-09-15",
    ]);
    let posted = db.ok(&["loan", "interest", "car loan", "--month", "2025-09"]);
    assert!(posted.contains("60.00"), "12,000.00 × 6% / 12: {posted}");
    db.ok(&["close", "2025-09"]);
    let s = db.json(&["snapshot", "2025-09", "--json"]);
    assert_eq!(s["total_loan_balance"], "11710.00");
    assert_eq!(s["net_worth"], "-7060.00", "4,650.00 − 11,710.00");
    assert_eq!(s["cash_outflow"], "350.00");
    assert_eq!(s["total_expense"], "60.00");
    assert_eq!(s["free_cash"], "4650.00", "loans are not due at once");
    assert_eq!(
        s["loans"],
        serde_json::json!([{"name": "Car loan", "balance": "11710.00", "payment": "350.00", "paid": "350.00", "charged": "60.00"}])
    );
    assert_eq!(
        s["categories"],
        serde_json::json!([{"name": "Interest", "expense": "60.00", "income": "0.00"}])
    );
    assert!(db.ok(&["check"]).starts_with("ok: "));
    let loans = db.json(&["loans", "--json"]);
    assert_eq!(loans[0]["balance"], "11710.00");
    assert_eq!(loans[0]["apr"], "6");
    assert_eq!(loans[0]["payment_day"], 15);
    assert_eq!(loans[0]["interest_this_year"], "60.00");
}

#[test]
fn the_lenders_figure_replaces_the_computed_interest() {
    let db = household();
    db.ok(&[
        "loan", "interest", "Car loan", "--month", "2025-10", "--amount", "58.21",
    ]);
    let txns = db.json(&["txn", "list", "--json"]);
    let interest = txns
        .as_array()
        .and_then(|t| t.iter().find(|t| t["category"] == "Interest"))
        .unwrap_or_else(|| panic!("an interest expense"));
    assert_eq!(interest["amount"], "58.21");
    assert_eq!(interest["date"], "2025-10-15");
    assert_eq!(interest["from"], "Car loan");
}

#[test]
fn loan_refusals_name_the_reason_and_change_nothing() {
    let db = household();
    db.ok(&["loan", "interest", "Car loan", "--month", "2025-09"]);
    db.refuses(
        &["loan", "interest", "Car loan", "--month", "2025-09"],
        &["already posted", "txn edit"],
        VIEWS,
    );
    db.refuses(
        &["loan", "interest", "Car loan", "--month", "2025-08"],
        &["opened on 2025-09-01", "no interest to post"],
        VIEWS,
    );
    db.refuses(
        &["loan", "interest", "Checking", "--month", "2025-09"],
        &["not a loan"],
        VIEWS,
    );
    db.refuses(
        &[
            "loan",
            "add",
            "Mortgage",
            "--apr",
            "5",
            "--payment",
            "0",
            "--payment-day",
            "1",
        ],
        &["amount"],
        VIEWS,
    );
    db.refuses(
        &[
            "loan",
            "add",
            "Mortgage",
            "--apr",
            "5",
            "--payment",
            "900",
            "--payment-day",
            "32",
        ],
        &["payment day 32", "1–31"],
        VIEWS,
    );
    db.refuses(
        &[
            "loan",
            "add",
            "Mortgage",
            "--apr",
            "120",
            "--payment",
            "900",
            "--payment-day",
            "1",
        ],
        &["over 100%"],
        VIEWS,
    );
    db.refuses(
        &[
            "loan",
            "add",
            "car LOAN",
            "--apr",
            "5",
            "--payment",
            "900",
            "--payment-day",
            "1",
        ],
        &["already exists"],
        VIEWS,
    );
    db.refuses(
        &["add", "income", "10", "--to", "Car loan", "--category", "Gift"],
        &["payment to a card or loan is a transfer"],
        VIEWS,
    );
}

#[test]
fn a_loan_with_nothing_owed_has_no_interest() {
    let db = household();
    db.ok(&[
        "add",
        "transfer",
        "12000",
        "--from",
        "Checking",
        "--to",
        "Car loan",
        "--date",
        "2025-09-10",
    ]);
    db.refuses(
        &["loan", "interest", "Car loan", "--month", "2025-09"],
        &["owed nothing"],
        VIEWS,
    );
    db.refuses(
        &["loan", "interest", "Car loan", "--month", "2025-09", "--amount", "5"],
        &["owed nothing"],
        VIEWS,
    );
}

#[test]
fn a_split_counts_each_line_in_its_category_and_lists_its_lines() {
    let db = household();
    db.ok(&[
        "add",
        "expense",
        "120.50",
        "--from",
        "Checking",
        "--split",
        "Groceries=80",
        "--split",
        "Household=40.50",
        "--tag",
        "Costco-Run",
        "--date",
        "2025-09-20",
        "--desc",
        "Costco",
    ]);
    db.ok(&[
        "add",
        "refund",
        "10",
        "--to",
        "Checking",
        "--category",
        "groceries",
        "--date",
        "2025-09-21",
    ]);
    let txns = db.json(&["txn", "list", "--json"]);
    let split = &txns[2];
    assert_eq!(split["category"], Value::Null);
    assert_eq!(
        split["splits"],
        serde_json::json!([{"category": "Groceries", "amount": "80.00"}, {"category": "Household", "amount": "40.50"}])
    );
    assert_eq!(split["tags"], serde_json::json!(["costco-run"]));
    assert_eq!(txns[3]["category"], "Groceries", "a category joins its first spelling");
    let listing = db.ok(&["txn", "list"]);
    assert!(listing.contains("Groceries 80.00 + Household 40.50"), "{listing}");
    db.ok(&["close", "2025-09"]);
    assert_eq!(
        snapshot_figure(&db, "2025-09", "categories"),
        serde_json::json!([
            {"name": "Groceries", "expense": "70.00", "income": "0.00"},
            {"name": "Household", "expense": "40.50", "income": "0.00"},
        ])
    );
    assert_eq!(snapshot_figure(&db, "2025-09", "total_expense"), "110.50");
    assert!(db.ok(&["check"]).starts_with("ok: "));
}

#[test]
fn split_refusals_show_the_sum_and_the_difference() {
    let db = household();
    db.refuses(
        &[
            "add",
            "expense",
            "120.50",
            "--from",
            "Checking",
            "--split",
            "Groceries=80",
            "--split",
            "Household=40",
        ],
        &["add up to 120.00", "120.50", "0.50"],
        VIEWS,
    );
    db.refuses(
        &["add", "expense", "80", "--from", "Checking", "--split", "Groceries=80"],
        &["two or more lines"],
        VIEWS,
    );
    db.refuses(
        &[
            "add", "expense", "100", "--from", "Checking", "--split", "Food=50", "--split", "food=50",
        ],
        &["cannot share a category"],
        VIEWS,
    );
    db.refuses(
        &[
            "add", "expense", "100", "--from", "Checking", "--split", "Food50", "--split", "Fun=50",
        ],
        &["CATEGORY=AMOUNT"],
        VIEWS,
    );
    db.refuses(
        &[
            "add", "expense", "100", "--from", "Checking", "--split", "Food=0", "--split", "Fun=100",
        ],
        &["zero"],
        VIEWS,
    );
    db.refuses(
        &[
            "add",
            "expense",
            "10",
            "--from",
            "Checking",
            "--category",
            "Food",
            "--tag",
            "two words",
        ],
        &["letters, digits"],
        VIEWS,
    );
    db.ok(&[
        "add",
        "expense",
        "100",
        "--from",
        "Checking",
        "--split",
        "Food=60",
        "--split",
        "Fun=40",
        "--date",
        "2025-10-01",
    ]);
    db.refuses(&["txn", "edit", "3", "--amount", "90"], &["is split", "--split"], VIEWS);
    db.ok(&[
        "txn", "edit", "3", "--amount", "90", "--split", "Food=50", "--split", "Fun=40",
    ]);
    db.ok(&["txn", "edit", "3", "--tag", "a", "--tag", "B"]);
    assert_eq!(
        db.json(&["txn", "list", "--json"])[2]["tags"],
        serde_json::json!(["a", "b"])
    );
    db.ok(&["txn", "edit", "3", "--no-tags"]);
    assert_eq!(db.json(&["txn", "list", "--json"])[2]["tags"], serde_json::json!([]));
    db.ok(&["txn", "edit", "3", "--category", "Food"]);
    let edited = &db.json(&["txn", "list", "--json"])[2];
    assert_eq!(edited["category"], "Food");
    assert_eq!(edited["splits"], serde_json::json!([]));
    // Tags go on any transaction; a transfer is never split.
    db.ok(&[
        "add",
        "transfer",
        "5",
        "--from",
        "Checking",
        "--to",
        "Car loan",
        "--tag",
        "x/y",
        "--date",
        "2025-10-02",
    ]);
    db.refuses(
        &["txn", "edit", "4", "--split", "A=2", "--split", "B=3"],
        &["transfer cannot be split"],
        VIEWS,
    );
}

#[test]
fn reports_add_up_months_closed_and_open_with_a_total_row() {
    let db = household();
    db.ok(&[
        "add",
        "expense",
        "100",
        "--from",
        "Checking",
        "--category",
        "Dining",
        "--date",
        "2025-09-05",
        "--tag",
        "lisbon-2026",
    ]);
    db.ok(&[
        "add",
        "expense",
        "50",
        "--from",
        "Checking",
        "--category",
        "dining",
        "--date",
        "2025-10-05",
        "--tag",
        "Lisbon-2026",
    ]);
    db.ok(&[
        "add",
        "refund",
        "20",
        "--to",
        "Checking",
        "--category",
        "Dining",
        "--date",
        "2025-10-06",
        "--tag",
        "lisbon-2026",
    ]);
    db.ok(&["add", "income", "1000", "--to", "Checking", "--date", "2025-10-01"]);
    db.ok(&["close", "2025-09"]);
    let report = db.json(&["report", "categories", "--from", "2025-09", "--to", "2025-10", "--json"]);
    assert_eq!(
        report,
        serde_json::json!({"from": "2025-09", "to": "2025-10", "categories": [
            {"name": "Dining", "expense": "130.00", "income": "0.00"},
            {"name": "Uncategorized", "expense": "0.00", "income": "1000.00"},
        ]})
    );
    let one = db.json(&["report", "categories", "--month", "2025-09", "--json"]);
    assert_eq!(one["categories"], snapshot_figure(&db, "2025-09", "categories"));
    let tags = db.json(&["report", "tags", "--from", "2025-09", "--to", "2025-10", "--json"]);
    assert_eq!(
        tags["tags"],
        serde_json::json!([{"name": "lisbon-2026", "expense": "130.00", "income": "0.00"}])
    );
    let human = db.ok(&["report", "categories", "--from", "2025-09", "--to", "2025-10"]);
    assert!(
        human
            .lines()
            .any(|l| l.trim_start().starts_with("Total") && l.contains("130.00") && l.contains("1,000.00")),
        "{human}"
    );
    db.refuses(
        &["report", "categories", "--from", "2025-10", "--to", "2025-09"],
        &["is after the last month 2025-09", "--from"],
        VIEWS,
    );
    db.refuses(&["report", "tags", "--from", "2025-13"], &["2025-13"], VIEWS);
}

#[test]
fn transaction_ids_are_never_reused() {
    let db = household();
    db.ok(&[
        "add",
        "expense",
        "10",
        "--from",
        "Checking",
        "--category",
        "A",
        "--date",
        "2025-10-01",
    ]);
    db.ok(&["txn", "delete", "3"]);
    let added = db.ok(&[
        "add",
        "expense",
        "11",
        "--from",
        "Checking",
        "--category",
        "A",
        "--date",
        "2025-10-01",
    ]);
    assert!(added.starts_with("added #4"), "{added}");
    db.ok(&["undo"]);
    let again = db.ok(&[
        "add",
        "expense",
        "12",
        "--from",
        "Checking",
        "--category",
        "A",
        "--date",
        "2025-10-01",
    ]);
    assert!(
        again.starts_with("added #5"),
        "an undone add's id is not given again: {again}"
    );
}

#[test]
fn a_bucket_paying_a_card_is_not_a_withdrawal_of_savings() {
    let db = TestDb::new();
    db.ok(&[
        "account",
        "add",
        "Checking",
        "--kind",
        "checking",
        "--opening",
        "1000",
        "--date",
        "2025-09-01",
    ]);
    db.ok(&["card", "add", "Visa", "--statement-day", "20", "--date", "2025-09-01"]);
    db.ok(&[
        "bucket",
        "add",
        "Travel",
        "--in",
        "Checking",
        "--opening",
        "500",
        "--date",
        "2025-09-01",
    ]);
    db.ok(&[
        "add",
        "expense",
        "300",
        "--from",
        "Visa",
        "--category",
        "Travel",
        "--date",
        "2025-09-05",
    ]);
    db.ok(&[
        "add",
        "transfer",
        "300",
        "--from",
        "Travel",
        "--to",
        "Visa",
        "--date",
        "2025-09-06",
    ]);
    db.ok(&["close", "2025-09"]);
    assert_eq!(snapshot_figure(&db, "2025-09", "savings_added"), "0.00");
    assert_eq!(snapshot_figure(&db, "2025-09", "from_buckets"), "300.00");
}

#[test]
fn planned_savings_stop_at_each_buckets_goal() {
    let db = TestDb::new();
    db.ok(&[
        "account",
        "add",
        "Checking",
        "--kind",
        "checking",
        "--opening",
        "1000",
        "--date",
        "2025-09-01",
    ]);
    db.ok(&[
        "bucket",
        "add",
        "Full",
        "--in",
        "Checking",
        "--target-monthly",
        "100",
        "--goal",
        "500",
        "--opening",
        "500",
        "--date",
        "2025-09-01",
    ]);
    db.ok(&[
        "bucket",
        "add",
        "Nearly",
        "--in",
        "Checking",
        "--target-monthly",
        "100",
        "--goal",
        "500",
        "--opening",
        "450",
        "--date",
        "2025-09-01",
    ]);
    db.ok(&[
        "bucket",
        "add",
        "Open",
        "--in",
        "Checking",
        "--target-monthly",
        "100",
        "--date",
        "2025-09-01",
    ]);
    db.ok(&["close", "2025-09"]);
    let projection = snapshot_figure(&db, "2025-09", "projection");
    assert_eq!(
        projection["planned_savings"], "150.00",
        "0 (at its goal) + 50 (what it lacks) + 100"
    );
}

#[test]
fn an_edition_one_database_is_upgraded_recomputed_and_checks_clean() {
    // A real schema-8 file written by the pfos before edition 2: the household's two closed months, a
    // category typed in two cases, a rule and a recurring item in lower case.
    let db = TestDb::new();
    std::fs::copy("tests/fixtures/upgrade/schema8.db", &db.path).unwrap_or_else(|e| panic!("copy: {e}"));
    let out = db.cmd(&["check"]).output().unwrap_or_else(|e| panic!("run: {e}"));
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("2025-10: savings_added -950.00 -> 100.00 (+1050.00)"),
        "the upgrade says what changed: {stderr}"
    );
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("ok: "));
    // Said once: the second open has nothing to recompute.
    let second = db.cmd(&["check"]).output().unwrap_or_else(|e| panic!("run: {e}"));
    assert!(!String::from_utf8_lossy(&second.stderr).contains("upgraded"));
    // Both months stay closed, with edition-2 figures and categories.
    let expected: Value =
        serde_json::from_str(include_str!("fixtures/household.expected.json")).unwrap_or_else(|e| panic!("{e}"));
    for month in ["2025-09", "2025-10"] {
        let s = db.json(&["snapshot", month, "--json"]);
        for key in [
            "savings_added",
            "net_worth",
            "total_loan_balance",
            "categories",
            "projection",
        ] {
            assert_eq!(s[key], expected[month][key], "{month} {key}");
        }
    }
    // The case variants merged into their first spelling, everywhere.
    let txns = db.json(&["txn", "list", "--month", "2025-11", "--json"]);
    assert_eq!(txns[0]["category"], "Groceries");
    let rules = db.json(&["rule", "list", "--json"]);
    assert_eq!(rules[0]["category"], "Groceries");
    db.refuses(
        &[
            "add",
            "expense",
            "5",
            "--from",
            "Checking",
            "--category",
            "x",
            "--date",
            "2025-10-31",
        ],
        &["closed"],
        &[],
    );
}

#[test]
fn rules_and_recurring_items_join_a_categorys_first_spelling() {
    let db = household();
    db.ok(&[
        "add",
        "expense",
        "5",
        "--from",
        "Checking",
        "--category",
        "Groceries",
        "--date",
        "2025-09-02",
    ]);
    db.ok(&["rule", "add", "TRADER", "--category", "GROCERIES"]);
    assert_eq!(db.json(&["rule", "list", "--json"])[0]["category"], "Groceries");
    db.ok(&[
        "recurring",
        "add",
        "expense",
        "40",
        "--from",
        "Checking",
        "--category",
        "groceries",
        "--every",
        "monthly",
        "--day",
        "3",
        "--start",
        "2025-12-03",
    ]);
    let items = db.json(&["recurring", "list", "--json"]);
    assert_eq!(items[0]["category"], "Groceries", "{items}");
}

#[test]
fn a_split_with_tags_survives_undo_and_redo() {
    let db = household();
    db.ok(&[
        "add",
        "expense",
        "120.50",
        "--from",
        "Checking",
        "--split",
        "Groceries=80",
        "--split",
        "Household=40.50",
        "--tag",
        "trip-2026",
        "--date",
        "2025-09-20",
    ]);
    let before = db.json(&["txn", "list", "--json"]);
    db.ok(&["txn", "edit", "3", "--category", "Food", "--no-tags"]);
    db.ok(&["undo"]);
    assert_eq!(
        db.json(&["txn", "list", "--json"]),
        before,
        "undo puts the lines and tags back"
    );
    db.ok(&["redo"]);
    let redone = db.json(&["txn", "list", "--json"]);
    assert_eq!(redone[2]["category"], "Food");
    assert_eq!(redone[2]["splits"], serde_json::json!([]));
    db.ok(&["undo"]);
    assert_eq!(db.json(&["txn", "list", "--json"]), before);
}
