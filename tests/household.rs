//! The worked household example: every line through the real binary, every figure of both snapshots compared.

mod common;

use common::TestDb;
use serde_json::Value;

const SCRIPT: &str = include_str!("fixtures/household.pfos");
const EXPECTED: &str = include_str!("fixtures/household.expected.json");

/// Compares every expected value (recursively) with what pfos printed.
fn assert_matches(path: &str, expected: &Value, actual: &Value, mismatches: &mut Vec<String>) {
    match (expected, actual) {
        (Value::Object(e), Value::Object(a)) => {
            for (key, ev) in e {
                assert_matches(
                    &format!("{path}.{key}"),
                    ev,
                    a.get(key).unwrap_or(&Value::Null),
                    mismatches,
                );
            }
        }
        (Value::Array(e), Value::Array(a)) => {
            if e.len() != a.len() {
                mismatches.push(format!("{path}: expected {} entries, got {}", e.len(), a.len()));
            }
            for (i, (ev, av)) in e.iter().zip(a).enumerate() {
                assert_matches(&format!("{path}[{i}]"), ev, av, mismatches);
            }
        }
        _ if expected != actual => mismatches.push(format!("{path}: expected {expected}, got {actual}")),
        _ => {}
    }
}

#[test]
fn both_household_snapshots_match_every_expected_figure() {
    let db = TestDb::new();
    db.run_script(SCRIPT);
    let expected: Value = serde_json::from_str(EXPECTED).unwrap_or_else(|e| panic!("{e}"));
    let months = expected.as_object().unwrap_or_else(|| panic!("an object of months"));
    assert_eq!(months.len(), 2);
    let mut mismatches = Vec::new();
    for (month, snapshot) in months {
        let actual = db.json(&["snapshot", month, "--json"]);
        assert_matches(month, snapshot, &actual, &mut mismatches);
    }
    assert!(mismatches.is_empty(), "{}", mismatches.join("\n"));
}

#[test]
fn the_household_passes_check_and_shows_the_carried_visa_debt() {
    let db = TestDb::new();
    db.run_script(SCRIPT);
    assert!(db.ok(&["check"]).starts_with("ok: "));
    let status = db.json(&["status", "--json"]);
    assert_eq!(status["verdict"], "No");
    let carried = status["checks"]
        .as_array()
        .and_then(|c| c.iter().find(|c| c["check"] == "no_carried_debt"))
        .unwrap_or_else(|| panic!("no_carried_debt check"));
    assert_eq!(carried["level"], "bad");
    assert!(carried["reason"].as_str().is_some_and(|r| r.contains("Visa 527.40")));
}

#[test]
fn closing_then_reopening_then_closing_again_gives_the_same_snapshot() {
    let db = TestDb::new();
    db.run_script(SCRIPT);
    let before = db.json(&["snapshot", "2025-10", "--json"]);
    db.ok(&["reopen", "2025-10"]);
    db.ok(&["close", "2025-10"]);
    assert_eq!(db.json(&["snapshot", "2025-10", "--json"]), before);
}

#[test]
fn human_output_is_aligned_with_thousands_separators() {
    let db = TestDb::new();
    db.run_script(SCRIPT);
    let text = db.ok(&["snapshot", "2025-09"]);
    assert!(text.contains("Net worth             22,167.71"), "{text}");
    let accounts = db.ok(&["accounts"]);
    let lines: Vec<&str> = accounts.lines().collect();
    assert_eq!(lines.len(), 4, "{accounts}");
    let right_edges: Vec<usize> = lines[1..].iter().map(|l| l.find(".").unwrap_or(0)).collect();
    assert!(
        right_edges.windows(2).all(|w| w[0] == w[1]),
        "balances align: {accounts}"
    );
    assert!(
        accounts.contains("5,096.51"),
        "Checking shows its bucket too: {accounts}"
    );
}

#[test]
fn listings_have_json() {
    let db = TestDb::new();
    db.run_script(SCRIPT);
    let cards = db.json(&["cards", "--json"]);
    assert_eq!(cards[0]["name"], "Visa");
    assert_eq!(cards[0]["balance"], "591.65");
    let buckets = db.json(&["buckets", "--json"]);
    assert_eq!(buckets[1]["held_in"], "Checking");
    assert_eq!(buckets[1]["balance"], "225.00");
    let accounts = db.json(&["accounts", "--json"]);
    assert_eq!(accounts[0]["balance"], "4871.51");
    assert_eq!(accounts[0]["displayed_balance"], "5096.51");
    let txns = db.json(&["txn", "list", "--month", "2025-10", "--json"]);
    assert_eq!(txns.as_array().map(Vec::len), Some(15));
    assert_eq!(txns[0]["kind"], "income");
    assert_eq!(txns[0]["amount"], "4200.00");
}
