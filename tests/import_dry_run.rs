//! `pfos import … --dry-run` through the real binary: the preview shows the rows it would import and the
//! rows it would reject (line, date, amount, text, reason), stores nothing, and fails when the real import
//! would refuse the file (rejected rows without `--skip-bad`).

mod common;

use common::TestDb;

/// Checking, opened on 2025-10-01; today 2025-11-15.
fn setup() -> TestDb {
    let db = TestDb::new();
    db.run_script(
        r#"
        pfos account add Checking --kind checking --opening 2500 --date 2025-10-01
        "#,
    );
    db
}

#[test]
fn a_dry_run_previews_the_rejected_rows_too_and_fails_without_skip_bad() {
    let db = setup();
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let file = dir.path().join("some_bad.csv");
    std::fs::write(
        &file,
        "Date,Description,Amount\n2025-11-01,Good coffee,-3.50\n2025-11-31,Bad date,-2.00\n2025-11-03,Bad amount,1.2.3\n",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let path = file.to_str().unwrap_or("");
    let before = db.ok(&["txn", "list", "--json"]);
    let out = db
        .cmd(&["import", "csv", path, "--into", "Checking", "--dry-run"])
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    let (stdout, stderr) = (
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr),
    );
    assert!(
        !out.status.success(),
        "rejected rows without --skip-bad fail the dry run: {stdout}"
    );
    // The preview: the good row, then each rejected row with its line, date, amount, text and reason.
    assert!(stdout.contains("Good coffee") && stdout.contains("3.50"), "{stdout}");
    assert!(stdout.contains("2 rejected row(s)"), "{stdout}");
    let line = |n: &str| stdout.lines().find(|l| l.trim_start().starts_with(n)).unwrap_or("");
    let bad_date = line("3  2025-");
    for cell in ["2025-11-31", "-2.00", "Bad date", "is not a YYYY-MM-DD date"] {
        assert!(bad_date.contains(cell), "{cell} in {bad_date:?}: {stdout}");
    }
    let bad_amount = line("4  2025-");
    for cell in ["2025-11-03", "1.2.3", "Bad amount", "cannot be read"] {
        assert!(bad_amount.contains(cell), "{cell} in {bad_amount:?}: {stdout}");
    }
    assert!(
        stdout.contains("1 would import") && stdout.contains("nothing was imported"),
        "{stdout}"
    );
    assert!(
        stderr.contains("the import would refuse") && stderr.contains("--skip-bad"),
        "{stderr}"
    );
    // With --skip-bad the dry run succeeds, shows the same rows, and still stores nothing.
    let skipping = db.ok(&["import", "csv", path, "--into", "Checking", "--dry-run", "--skip-bad"]);
    assert!(
        skipping.contains("2 rejected row(s)") && skipping.contains("nothing was imported"),
        "{skipping}"
    );
    assert_eq!(db.ok(&["txn", "list", "--json"]), before);
}
