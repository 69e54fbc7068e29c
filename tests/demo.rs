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
    assert!(
        text.contains("Mastercard 523.51"),
        "Mastercard carries a balance past its due date: {text}"
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
