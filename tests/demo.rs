//! `pfos demo`: a fresh, deterministic demo household made through the ledger, never over an existing file.

use assert_cmd::Command;
use predicates::str::contains;

fn pfos() -> Command {
    let mut cmd = Command::cargo_bin("pfos").unwrap_or_else(|e| panic!("{e}"));
    cmd.env("PFOS_TODAY", "2025-11-20");
    cmd
}

#[test]
fn demo_makes_a_checked_household_and_refuses_an_existing_file() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let db = dir.path().join("demo.db");
    pfos()
        .args(["demo", "--no-open", "--db"])
        .arg(&db)
        .assert()
        .success()
        .stdout(contains("23 months closed"));
    pfos()
        .arg("--db")
        .arg(&db)
        .arg("check")
        .assert()
        .success()
        .stdout(contains("every identity holds"));
    let status = pfos()
        .arg("--db")
        .arg(&db)
        .args(["status", "--json"])
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    let status: serde_json::Value = serde_json::from_slice(&status.stdout).unwrap_or_else(|e| panic!("{e}"));
    let text = status.to_string();
    for bucket in ["Emergency Fund", "Loan Savings", "Investments", "Travel"] {
        assert!(text.contains(bucket), "bucket {bucket} is in the demo");
    }
    assert!(text.contains("Mastercard") && text.contains("Visa"), "two cards");
    let carried = status["checks"]
        .as_array()
        .and_then(|c| c.iter().find(|c| c["check"] == "no_carried_debt"))
        .unwrap_or_else(|| panic!("no_carried_debt check: {text}"));
    assert_eq!(
        carried["level"], "bad",
        "Mastercard carries a balance past its due date: {text}"
    );
    assert!(
        carried["reason"].as_str().is_some_and(|r| r.contains("Mastercard ")),
        "{text}"
    );
    assert!(
        status["total_loan_balance"].as_str().is_some_and(|b| b != "0.00"),
        "the car loan: {text}"
    );
    pfos()
        .args(["demo", "--no-open", "--db"])
        .arg(&db)
        .assert()
        .failure()
        .stderr(contains("already exists; the demo only writes a new file"));
}

#[test]
fn the_same_seed_makes_the_same_household() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let list = |name: &str, seed: &str| {
        let db = dir.path().join(name);
        pfos()
            .args(["demo", "--no-open", "--years", "1", "--seed", seed, "--db"])
            .arg(&db)
            .assert()
            .success();
        let out = pfos()
            .arg("--db")
            .arg(&db)
            .args(["txn", "list", "--json"])
            .output()
            .unwrap_or_else(|e| panic!("{e}"));
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let a = list("a.db", "3");
    assert_eq!(a, list("b.db", "3"));
    assert_ne!(a, list("c.db", "4"));
}

/// At scale the checkpoints must still agree with the transactions: a generated ledger of about 60,000
/// transactions passes `pfos check`, and the dashboard (read through the latest snapshot and the cards'
/// statement windows only) agrees with the same figures after every month is reopened (a full replay).
#[test]
fn a_large_generated_ledger_passes_check_and_its_checkpoints_change_nothing() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let db = dir.path().join("large.db");
    pfos()
        .args([
            "demo",
            "--no-open",
            "--years",
            "5",
            "--per-month",
            "1000",
            "--seed",
            "7",
            "--db",
        ])
        .arg(&db)
        .assert()
        .success();
    let run = |args: &[&str]| {
        let out = pfos()
            .arg("--db")
            .arg(&db)
            .args(args)
            .output()
            .unwrap_or_else(|e| panic!("{e}"));
        assert!(
            out.status.success(),
            "pfos {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let checked = run(&["check"]);
    assert!(checked.contains("every identity holds"), "{checked}");
    let count: usize = checked
        .trim_start_matches("ok: ")
        .split(' ')
        .next()
        .and_then(|n| n.parse().ok())
        .unwrap_or(0);
    assert!(count > 50_000, "{checked}");
    let with_checkpoints: serde_json::Value =
        serde_json::from_str(&run(&["status", "--json"])).unwrap_or_else(|e| panic!("{e}"));
    // Reopen every closed month, newest first: the same status then comes from a replay of everything.
    let latest = with_checkpoints["latest_closed"].as_str().unwrap_or_default();
    let mut month = pfos::domain::Month::parse(latest).unwrap_or_else(|e| panic!("{latest}: {e}"));
    let mut reopened = 0;
    while pfos()
        .arg("--db")
        .arg(&db)
        .args(["reopen", &month.to_string()])
        .output()
        .is_ok_and(|o| o.status.success())
    {
        reopened += 1;
        month = month.prev();
    }
    assert!(reopened >= 58, "five years of closed months, reopened {reopened}");
    let without: serde_json::Value =
        serde_json::from_str(&run(&["status", "--json"])).unwrap_or_else(|e| panic!("{e}"));
    let mut expected = with_checkpoints.clone();
    expected["latest_closed"] = serde_json::Value::Null;
    assert_eq!(without, expected, "the same figures without any checkpoint");
}
