//! Reconciliation through the real binary: agreeing and disagreeing statements, check, Close Month.

mod common;

use common::TestDb;

fn setup() -> TestDb {
    let db = TestDb::new();
    db.run_script(
        r#"
        pfos account add Checking --kind checking --opening 1000 --date 2025-10-01
        pfos card add Visa --statement-day 15 --date 2025-10-01
        pfos bucket add Travel --in Checking --opening 100 --date 2025-10-01
        pfos add expense 25.50 --from Visa --category Food --date 2025-10-05
        pfos add expense 1200 --from Checking --category Rent --date 2025-10-06
        "#,
    );
    db
}

#[test]
fn an_agreeing_statement_is_recorded_and_shown() {
    let db = setup();
    // The bank shows Checking with its bucket: 1000 - 1200 = -200.00 (an overdraft).
    let said = db.ok(&["reconcile", "Checking", "-200", "--date", "2025-10-31"]);
    assert!(said.contains("agrees"), "{said}");
    assert!(db
        .ok(&["reconcile", "visa", "25.50", "--date", "2025-10-31"])
        .contains("agrees"));
    assert!(db.ok(&["accounts"]).contains("2025-10-31"));
    assert!(db.ok(&["cards"]).contains("2025-10-31"));
    assert!(db.ok(&["check"]).starts_with("ok: "));
    db.ok(&["close", "2025-10"]);
}

#[test]
fn a_statement_that_disagrees_is_reported_by_check_and_needs_confirmation_to_close() {
    let db = setup();
    let said = db.fails(&["reconcile", "Visa", "30.00", "--date", "2025-10-31"]);
    assert!(
        said.contains("recorded, but it does not agree") && said.contains("difference -4.50"),
        "{said}"
    );
    let out = db.cmd(&["check"]).output().unwrap_or_else(|e| panic!("{e}"));
    assert!(!out.status.success());
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("Visa on 2025-10-31: the statement says 30.00, pfos has 25.50"),
        "{stdout}"
    );
    let refused = db.fails(&["close", "2025-10"]);
    assert!(
        refused.contains("1 reconciliation(s) in 2025-10 no longer agree") && refused.contains("--accept-differences"),
        "{refused}"
    );
    db.fails(&["snapshot", "2025-10", "--json"]);
    // The missing charge found: now it agrees and closes.
    db.ok(&[
        "add",
        "expense",
        "4.50",
        "--from",
        "Visa",
        "--category",
        "Food",
        "--date",
        "2025-10-20",
    ]);
    assert!(db.ok(&["check"]).starts_with("ok: "));
    db.ok(&["close", "2025-10"]);
}

#[test]
fn closing_with_accepted_differences_and_bad_inputs() {
    let db = setup();
    db.fails(&["reconcile", "Checking", "-150", "--date", "2025-10-31"]); // recorded, and it disagrees
    db.ok(&["close", "2025-10", "--accept-differences"]);
    db.ok(&["snapshot", "2025-10", "--json"]);
    assert!(db.fails(&["reconcile", "Nowhere", "1"]).contains("no place named"));
    assert!(db
        .fails(&["reconcile", "Travel", "1"])
        .contains("bucket has no bank statement"));
    assert!(db.fails(&["reconcile", "Checking", "abc"]).contains("not a number"));
    assert!(db
        .fails(&["reconcile", "Checking", "1", "--date", "2025-09-30"])
        .contains("opened on 2025-10-01"));
}
