//! `pfos report cashflow` and `pfos report categories --vs-usual` through the real binary, on the
//! household: each figure checked against the month's snapshot or worked out from its rows; and the usual
//! over a history shorter than three months.

mod common;

use common::TestDb;
use serde_json::Value;

const SCRIPT: &str = include_str!("fixtures/household.pfos");

fn household() -> TestDb {
    let db = TestDb::new();
    db.run_script(SCRIPT);
    db
}

fn money(v: &Value) -> String {
    v.as_str()
        .unwrap_or_else(|| panic!("a decimal string, got {v}"))
        .to_string()
}

#[test]
fn cashflow_gives_each_months_figures_as_its_snapshot_has_them() {
    let db = household();
    let flow = db.json(&["report", "cashflow", "--months", "3", "--json"]);
    let months = flow["months"].as_array().unwrap_or_else(|| panic!("{flow}"));
    assert_eq!(months.len(), 3);
    for m in months.iter().filter(|m| m["closed"] == true) {
        let month = m["month"].as_str().unwrap_or("");
        let snap = db.json(&["snapshot", month, "--json"]);
        let f = &snap;
        assert_eq!(money(&m["income"]), money(&f["total_income"]), "{month}");
        assert_eq!(money(&m["savings_added"]), money(&f["savings_added"]), "{month}");
        assert_eq!(money(&m["cash_outflow"]), money(&f["cash_outflow"]), "{month}");
    }
    let text = db.ok(&["report", "cashflow", "--months", "3"]);
    for header in [
        "Month",
        "Income",
        "Day-to-day",
        "From buckets",
        "Savings added",
        "Cash outflow",
    ] {
        assert!(text.contains(header), "{text}");
    }
    assert!(text.contains("(open)"), "the current month is marked open: {text}");
    assert!(db.fails(&["report", "cashflow", "--months", "0"]).contains("error"));
}

#[test]
fn categories_against_the_usual_put_the_growth_first() {
    let db = household();
    let month = "2025-11";
    let rows = db.json(&["report", "categories", "--month", month, "--vs-usual", "--json"]);
    // The household was tracked from September: its usual for November is the mean of two months.
    assert_eq!(rows["usual_months"], 2);
    let list = rows["categories"].as_array().unwrap_or_else(|| panic!("{rows}"));
    assert!(!list.is_empty());
    // difference = expense - usual, in decimals, and sorted from the largest growth down.
    let amount = |v: &Value| -> rust_decimal::Decimal {
        let text = money(v);
        text.parse().unwrap_or_else(|e| panic!("{text}: {e}"))
    };
    let differences: Vec<rust_decimal::Decimal> = list.iter().map(|c| amount(&c["difference"])).collect();
    for c in list {
        assert_eq!(
            amount(&c["difference"]),
            amount(&c["expense"]) - amount(&c["usual"]),
            "{c}"
        );
    }
    let mut sorted = differences.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(differences, sorted);
    // This month's spending per category is the plain report's.
    let plain = db.json(&["report", "categories", "--month", month, "--json"]);
    for c in plain["categories"].as_array().into_iter().flatten() {
        let same = list
            .iter()
            .find(|r| r["name"] == c["name"])
            .unwrap_or_else(|| panic!("{c}"));
        assert_eq!(same["expense"], c["expense"]);
    }
    let text = db.ok(&["report", "categories", "--month", month, "--vs-usual"]);
    assert!(
        text.contains("Usual") && text.contains("Difference") && text.contains("Total"),
        "{text}"
    );
    let err = db.fails(&["report", "categories", "--from", "2025-09", "--vs-usual"]);
    assert!(err.contains("cannot be used with"), "{err}");
}

#[test]
fn the_usual_counts_only_the_months_there_are() {
    let db = TestDb::new();
    db.run_script(
        "
        pfos account add Checking --kind checking --opening 5000 --date 2025-09-01
        pfos add expense 100 --from Checking --category Groceries --date 2025-09-10
        pfos add expense 200 --from Checking --category Groceries --date 2025-10-10
        pfos add expense 300 --from Checking --category Groceries --date 2025-11-10
        ",
    );
    for (month, months, usual) in [
        ("2025-11", 2, "150.00"),
        ("2025-10", 1, "100.00"),
        ("2025-09", 0, "0.00"),
    ] {
        let rows = db.json(&["report", "categories", "--month", month, "--vs-usual", "--json"]);
        assert_eq!(rows["usual_months"], months, "{month}: {rows}");
        assert_eq!(money(&rows["categories"][0]["usual"]), usual, "{month}: {rows}");
    }
    let text = db.ok(&["report", "categories", "--month", "2025-11", "--vs-usual"]);
    assert!(text.contains("the mean of the 2 months before"), "{text}");
    let text = db.ok(&["report", "categories", "--month", "2025-09", "--vs-usual"]);
    assert!(text.contains("no month before it to compare with"), "{text}");
}
