//! The safety net, each part tested by making the fault happen: damaged and foreign files, old and new
//! schemas, backups and restore, two writers at once, read-only files, private permissions, hostile text.

mod common;

use common::{pfos, TestDb};
use std::path::{Path, PathBuf};

fn household() -> TestDb {
    let db = TestDb::new();
    db.run_script(include_str!("fixtures/household.pfos"));
    db
}

fn read(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// A closed copy of the household database in one file (no WAL beside it), made through `pfos backup`.
fn single_file_copy(db: &TestDb, name: &str) -> PathBuf {
    let copy = db.dir.path().join(name);
    db.ok(&["backup", copy.to_str().unwrap_or("")]);
    copy
}

fn stderr_of(path: &Path, args: &[&str]) -> String {
    let out = pfos(path, args).output().unwrap_or_else(|e| panic!("{e}"));
    assert!(!out.status.success(), "pfos {args:?} on {} should fail", path.display());
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(
        stderr.starts_with("error: ") && !stderr.contains("panicked"),
        "{stderr}"
    );
    stderr
}

#[test]
fn a_truncated_or_bit_flipped_pfos_file_is_refused_untouched_and_points_to_the_latest_backup() {
    let db = household();
    assert!(
        !db.ok(&["backups"]).contains("no automatic backups"),
        "closing made backups"
    );
    let whole = single_file_copy(&db, "copy.db");
    let bytes = read(&whole);
    let truncated = db.dir.path().join("truncated.db");
    std::fs::write(&truncated, &bytes[..bytes.len() / 2]).unwrap_or_else(|e| panic!("{e}"));
    let flipped = db.dir.path().join("flipped.db");
    let mut damaged = bytes.clone();
    for b in &mut damaged[4096..4096 + 512] {
        *b ^= 0xA5;
    }
    std::fs::write(&flipped, &damaged).unwrap_or_else(|e| panic!("{e}"));
    for file in [&truncated, &flipped] {
        let before = read(file);
        let err = stderr_of(file, &["txn", "list"]);
        assert!(
            err.contains(&file.display().to_string()) && err.contains("damaged"),
            "{err}"
        );
        assert!(err.contains("will not try to repair it"), "{err}");
        assert!(read(file) == before, "{} was changed", file.display());
    }
}

#[test]
fn a_database_from_a_newer_pfos_is_refused_and_left_as_it_was() {
    let db = household();
    let copy = single_file_copy(&db, "newer.db");
    {
        let conn = rusqlite::Connection::open(&copy).unwrap_or_else(|e| panic!("{e}"));
        conn.pragma_update(None, "user_version", 99)
            .unwrap_or_else(|e| panic!("{e}"));
    }
    let before = read(&copy);
    let err = stderr_of(&copy, &["accounts"]);
    let known = pfos::store::schema_version();
    assert!(
        err.contains("schema version 99") && err.contains(&format!("knows up to {known}")),
        "{err}"
    );
    assert!(read(&copy) == before, "the newer file was changed");
}

/// A pfos file as an older pfos wrote it: the schema at `version` and one account with its opening.
fn old_database(path: &Path, version: i64, stray_table: bool) {
    let conn = rusqlite::Connection::open(path).unwrap_or_else(|e| panic!("{e}"));
    conn.pragma_update(None, "application_id", pfos::store::APPLICATION_ID)
        .unwrap_or_else(|e| panic!("{e}"));
    let _: String = conn
        .pragma_update_and_check(None, "journal_mode", "WAL", |r| r.get(0))
        .unwrap_or_default();
    pfos::store::create_at_version(&conn, version).unwrap_or_else(|e| panic!("{e}"));
    conn.execute_batch(
        "INSERT INTO places (id, name, name_key, kind, opened_on) VALUES (1, 'Checking', 'checking', 'checking', '2025-01-01');
         INSERT INTO txns (date, kind, amount_cents, to_id, description) VALUES ('2025-01-01', 'opening', 100000, 1, 'Opening balance');
         INSERT INTO txns (date, kind, amount_cents, from_id, category, description) VALUES ('2025-01-05', 'expense', 1250, 1, 'Food', 'Lunch');",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    if stray_table {
        // Something the next migration cannot cope with, so the upgrade fails half way.
        conn.execute_batch("CREATE TABLE rules (x);")
            .unwrap_or_else(|e| panic!("{e}"));
    }
    let _: String = conn
        .pragma_update_and_check(None, "journal_mode", "DELETE", |r| r.get(0))
        .unwrap_or_default();
}

#[test]
fn an_older_database_is_upgraded_after_a_backup_beside_it() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let path = dir.path().join("old.db");
    old_database(&path, 1, false);
    let original = read(&path);
    let listed: serde_json::Value = serde_json::from_slice(
        &pfos(&path, &["txn", "list", "--json"])
            .output()
            .map(|o| o.stdout)
            .unwrap_or_default(),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(listed[1]["description"], "Lunch");
    let conn = rusqlite::Connection::open(&path).unwrap_or_else(|e| panic!("{e}"));
    let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0)).unwrap_or(0);
    assert_eq!(version, pfos::store::schema_version());
    let backups: Vec<PathBuf> = std::fs::read_dir(dir.path().join("backups"))
        .map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    assert_eq!(backups.len(), 1, "{backups:?}");
    let name = backups[0]
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("")
        .to_string();
    assert!(
        name.contains(&format!("before-upgrade-v1-to-v{}", pfos::store::schema_version())),
        "{name}"
    );
    let kept = rusqlite::Connection::open(&backups[0]).unwrap_or_else(|e| panic!("{e}"));
    let kept_version: i64 = kept.pragma_query_value(None, "user_version", |r| r.get(0)).unwrap_or(0);
    assert_eq!(kept_version, 1, "the backup is the file as it was");
    assert!(!original.is_empty());
}

/// Runs pfos on `path` and returns its stdout, failing the test if it fails.
fn stdout_of(path: &Path, args: &[&str]) -> String {
    let out = pfos(path, args).output().unwrap_or_else(|e| panic!("{e}"));
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        out.status.success(),
        "pfos {args:?}: {stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    stdout
}

#[test]
fn rows_imported_before_schema_7_are_still_known_and_their_import_can_be_undone() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let path = dir.path().join("v6.db");
    old_database(&path, 6, false);
    // What pfos 6 kept of an import of this file: each row's fingerprint as text ("place|date|signed
    // cents|description as compared|occurrence"), and the import's row images in the activity log.
    let csv = dir.path().join("bank.csv");
    std::fs::write(
        &csv,
        "Date,Description,Amount\n2025-11-01,Coffee  Shop,-4.50\n2025-11-01,COFFEE SHOP,-4.50\n2025-11-03,Salary,2000.00\n",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    {
        let conn = rusqlite::Connection::open(&path).unwrap_or_else(|e| panic!("{e}"));
        conn.execute_batch(
            "INSERT INTO activity (id, at, action, summary) VALUES (1, '2025-01-05 09:00:00', 'account', 'add account Checking');
             UPDATE activity_changes SET activity_id = 1 WHERE activity_id IS NULL;
             INSERT INTO txns (id, date, kind, amount_cents, from_id, category, description) VALUES
                 (10, '2025-11-01', 'expense', 450, 1, 'Uncategorized', 'Coffee  Shop'),
                 (11, '2025-11-01', 'expense', 450, 1, 'Uncategorized', 'COFFEE SHOP');
             INSERT INTO txns (id, date, kind, amount_cents, to_id, category, description) VALUES
                 (12, '2025-11-03', 'income', 200000, 1, 'Uncategorized', 'Salary');
             INSERT INTO txn_imports (fingerprint, txn_id, place_id) VALUES
                 ('1|2025-11-01|-450|coffee shop|0', 10, 1),
                 ('1|2025-11-01|-450|coffee shop|1', 11, 1),
                 ('1|2025-11-03|200000|salary|0', 12, 1);
             INSERT INTO activity (id, at, action, summary) VALUES (2, '2025-11-04 09:00:00', 'import', 'import csv into Checking: 3 transactions');
             UPDATE activity_changes SET activity_id = 2 WHERE activity_id IS NULL;",
        )
        .unwrap_or_else(|e| panic!("{e}"));
    }
    let file = csv.to_str().unwrap_or("");
    let again = stdout_of(&path, &["import", "csv", file, "--into", "Checking"]);
    assert!(again.contains("0 imported, 3 skipped as duplicates"), "{again}");
    let listed = |path: &Path| {
        let text = stdout_of(path, &["txn", "list", "--json"]);
        serde_json::from_str::<serde_json::Value>(&text)
            .map(|v| v.as_array().map_or(0, Vec::len))
            .unwrap_or(0)
    };
    assert_eq!(listed(&path), 5, "the opening, the lunch and the three imported rows");
    // The re-import changed nothing, so it is not in the log: undo takes back pfos 6's import.
    let undone = stdout_of(&path, &["undo"]);
    assert!(undone.contains("import csv into Checking: 3 transactions"), "{undone}");
    assert_eq!(listed(&path), 2, "the import's rows went with it");
    let conn = rusqlite::Connection::open(&path).unwrap_or_else(|e| panic!("{e}"));
    let left: i64 = conn
        .query_row("SELECT count(*) FROM txn_imports", [], |r| r.get(0))
        .unwrap_or(-1);
    assert_eq!(left, 0, "and so did what identified them");
    let fresh = stdout_of(&path, &["import", "csv", file, "--into", "Checking"]);
    assert!(fresh.contains("3 imported, 0 skipped as duplicates"), "{fresh}");
}

#[test]
fn rows_imported_before_schema_10_are_still_known_and_new_ones_live_in_their_transactions() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let path = dir.path().join("v9.db");
    old_database(&path, 9, false);
    let csv = dir.path().join("bank.csv");
    std::fs::write(
        &csv,
        "Date,Description,Amount\n2025-11-01,Coffee  Shop,-4.50\n2025-11-01,COFFEE SHOP,-4.50\n2025-11-03,Salary,2000.00\n",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    // What pfos 9 kept of an import of this file: each row as (place, day, transaction, hash) in
    // txn_imports, and the import's row images in the activity log.
    let hash = |fingerprint: &str| pfos::store::imports::fingerprint_hash(fingerprint);
    let day = |d: u32| chrono::NaiveDate::from_ymd_opt(2025, 11, d).map_or(0, pfos::store::imports::day_number);
    {
        let conn = rusqlite::Connection::open(&path).unwrap_or_else(|e| panic!("{e}"));
        conn.execute_batch(
            "INSERT INTO activity (id, at, action, summary) VALUES (1, '2025-01-05 09:00:00', 'account', 'add account Checking');
             UPDATE activity_changes SET activity_id = 1 WHERE activity_id IS NULL;
             INSERT INTO txns (id, date, kind, amount_cents, from_id, category, description) VALUES
                 (10, '2025-11-01', 'expense', 450, 1, 'Uncategorized', 'Coffee  Shop'),
                 (11, '2025-11-01', 'expense', 450, 1, 'Uncategorized', 'COFFEE SHOP');
             INSERT INTO txns (id, date, kind, amount_cents, to_id, category, description) VALUES
                 (12, '2025-11-03', 'income', 200000, 1, 'Uncategorized', 'Salary');",
        )
        .unwrap_or_else(|e| panic!("{e}"));
        for (txn, d, fingerprint) in [
            (10, 1, "1|2025-11-01|-450|coffee shop|0"),
            (11, 1, "1|2025-11-01|-450|coffee shop|1"),
            (12, 3, "1|2025-11-03|200000|salary|0"),
        ] {
            conn.execute(
                "INSERT INTO txn_imports (place_id, day, txn_id, hash) VALUES (1, ?1, ?2, ?3)",
                rusqlite::params![day(d), txn, hash(fingerprint)],
            )
            .unwrap_or_else(|e| panic!("{e}"));
        }
        conn.execute_batch(
            "INSERT INTO activity (id, at, action, summary) VALUES (2, '2025-11-04 09:00:00', 'import', 'import csv into Checking: 3 transactions');
             UPDATE activity_changes SET activity_id = 2 WHERE activity_id IS NULL;",
        )
        .unwrap_or_else(|e| panic!("{e}"));
    }
    let file = csv.to_str().unwrap_or("");
    let again = stdout_of(&path, &["import", "csv", file, "--into", "Checking"]);
    assert!(again.contains("0 imported, 3 skipped as duplicates"), "{again}");
    let count = |path: &Path, sql: &str| -> i64 {
        let conn = rusqlite::Connection::open(path).unwrap_or_else(|e| panic!("{e}"));
        conn.query_row(sql, [], |r| r.get(0)).unwrap_or(-1)
    };
    assert_eq!(count(&path, "PRAGMA user_version"), pfos::store::schema_version());
    assert_eq!(
        count(&path, "SELECT count(*) FROM txn_imports"),
        3,
        "pfos 9's rows stay where they were"
    );
    // pfos 9's import can still be undone, with what identified its rows.
    let undone = stdout_of(&path, &["undo"]);
    assert!(undone.contains("import csv into Checking: 3 transactions"), "{undone}");
    assert_eq!(
        count(&path, "SELECT count(*) FROM txns"),
        2,
        "the opening and the lunch"
    );
    assert_eq!(count(&path, "SELECT count(*) FROM txn_imports"), 0);
    // Imported again, the rows are kept in their transactions, and known the next time.
    let fresh = stdout_of(&path, &["import", "csv", file, "--into", "Checking"]);
    assert!(fresh.contains("3 imported, 0 skipped as duplicates"), "{fresh}");
    assert_eq!(
        count(
            &path,
            "SELECT count(*) FROM txns WHERE import_place = 1 AND import_hash IS NOT NULL"
        ),
        3
    );
    assert_eq!(count(&path, "SELECT count(*) FROM txn_imports"), 0);
    let twice = stdout_of(&path, &["import", "csv", file, "--into", "Checking"]);
    assert!(twice.contains("0 imported, 3 skipped as duplicates"), "{twice}");
    // The same hashes as pfos 9 gave them: the file is one file, whichever version read it.
    assert_eq!(
        count(
            &path,
            &format!(
                "SELECT count(*) FROM txns WHERE import_hash = {}",
                hash("1|2025-11-03|200000|salary|0")
            )
        ),
        1
    );
}

#[test]
fn a_failed_upgrade_leaves_the_original_untouched() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let path = dir.path().join("old.db");
    old_database(&path, 1, true);
    let before = read(&path);
    let err = stderr_of(&path, &["accounts"]);
    assert!(err.contains("rules"), "{err}");
    assert!(read(&path) == before, "the failed upgrade changed the file");
}

#[test]
fn restore_brings_a_backup_back_and_keeps_the_current_database_aside() {
    let db = household();
    let backups: Vec<String> = db
        .json(&["backups", "--json"])
        .as_array()
        .map(|a| a.iter().filter_map(|v| v.as_str().map(String::from)).collect())
        .unwrap_or_default();
    assert_eq!(backups.len(), 1, "one before the first close of the day: {backups:?}");
    let before_september = backups
        .iter()
        .find(|b| b.contains("before-close-2025-09"))
        .cloned()
        .unwrap_or_default();
    let refusal = db.fails(&["restore", &before_september]);
    assert!(refusal.contains("--yes"), "{refusal}");
    let said = db.ok(&["restore", &before_september, "--yes"]);
    assert!(said.contains("kept at"), "{said}");
    for month in ["2025-09", "2025-10"] {
        assert!(
            db.fails(&["snapshot", month, "--json"]).contains("not closed"),
            "{month} was open in that backup"
        );
    }
    // Today's backup exists already: closing again adds none (`pfos undo` takes a close back).
    db.ok(&["close", "2025-09"]);
    let count = db.json(&["backups", "--json"]).as_array().map_or(0, Vec::len);
    assert_eq!(count, 1, "still one automatic backup made today");
    let not_pfos = db.dir.path().join("notes.txt");
    std::fs::write(&not_pfos, "hello").unwrap_or_else(|e| panic!("{e}"));
    assert!(db
        .fails(&["restore", not_pfos.to_str().unwrap_or(""), "--yes"])
        .contains("not a pfos database"));
}

#[test]
fn two_writers_at_once_lose_nothing() {
    let db = household();
    let before = db
        .json(&["txn", "list", "--json"])
        .as_array()
        .map(Vec::len)
        .unwrap_or(0);
    let children: Vec<_> = (0..4)
        .map(|worker| {
            let mut cmd = std::process::Command::new("sh");
            let bin = assert_cmd::cargo::cargo_bin("pfos");
            let script = (0..15)
                .map(|i| {
                    format!(
                        "{} --db {} add expense 1.{i:02} --from Checking --category W{worker} --date 2025-11-0{} || exit 1",
                        bin.display(),
                        db.path.display(),
                        1 + i % 9
                    )
                })
                .collect::<Vec<_>>()
                .join("\n");
            cmd.arg("-c").arg(script).env("PFOS_TODAY", "2025-11-15");
            cmd.spawn().unwrap_or_else(|e| panic!("{e}"))
        })
        .collect();
    for mut child in children {
        assert!(child.wait().map(|s| s.success()).unwrap_or(false), "a writer failed");
    }
    let after = db
        .json(&["txn", "list", "--json"])
        .as_array()
        .map(Vec::len)
        .unwrap_or(0);
    assert_eq!(after, before + 4 * 15);
}

#[test]
fn the_database_its_wal_and_backups_are_private() {
    use std::os::unix::fs::PermissionsExt;
    let db = household();
    let mode = |p: &Path| {
        std::fs::metadata(p)
            .map(|m| m.permissions().mode() & 0o777)
            .unwrap_or(0)
    };
    assert_eq!(mode(&db.path), 0o600);
    // While a connection is open the -wal and -shm files exist.
    let conn = rusqlite::Connection::open(&db.path).unwrap_or_else(|e| panic!("{e}"));
    conn.query_row("SELECT count(*) FROM txns", [], |r| r.get::<_, i64>(0))
        .unwrap_or(0);
    for suffix in ["-wal", "-shm"] {
        let side = PathBuf::from(format!("{}{suffix}", db.path.display()));
        assert_eq!(mode(&side), 0o600, "{}", side.display());
    }
    for backup in std::fs::read_dir(db.dir.path().join("backups"))
        .into_iter()
        .flatten()
        .flatten()
    {
        assert_eq!(mode(&backup.path()), 0o600, "{}", backup.path().display());
    }
}

#[test]
fn a_read_only_database_can_be_read_but_not_changed() {
    use std::os::unix::fs::PermissionsExt;
    let db = household();
    let copy = single_file_copy(&db, "readonly.db");
    let folder = db.dir.path().join("locked");
    std::fs::create_dir(&folder).unwrap_or_else(|e| panic!("{e}"));
    let locked = folder.join("pfos.db");
    std::fs::rename(&copy, &locked).unwrap_or_else(|e| panic!("{e}"));
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o400)).unwrap_or_else(|e| panic!("{e}"));
    std::fs::set_permissions(&folder, std::fs::Permissions::from_mode(0o500)).unwrap_or_else(|e| panic!("{e}"));
    let probe = folder.join("probe");
    if std::fs::write(&probe, "x").is_ok() {
        // Running as root: permissions do not stop writes, so there is nothing to test here.
        let _ = std::fs::remove_file(&probe);
        std::fs::set_permissions(&folder, std::fs::Permissions::from_mode(0o700)).unwrap_or_else(|e| panic!("{e}"));
        eprintln!("skipped: this user can write to read-only folders (root)");
        return;
    }
    let before = read(&locked);
    let err = stderr_of(
        &locked,
        &["add", "income", "1", "--to", "Checking", "--date", "2025-11-02"],
    );
    assert!(err.contains("read-only") || err.contains("cannot open"), "{err}");
    assert!(read(&locked) == before, "the read-only file was changed");
    std::fs::set_permissions(&folder, std::fs::Permissions::from_mode(0o700)).unwrap_or_else(|e| panic!("{e}"));
}

#[test]
fn hostile_descriptions_are_stored_exactly_and_shown_without_breaking_the_table() {
    let db = household();
    let texts = [
        "Robert'); DROP TABLE txns;--",
        "bell\x07 and escape \x1b[2J and newline\nhere",
        "مرحبا بالعالم \u{202e}reversed",
        "寿司 🍣 ラーメン 🍜",
    ];
    for text in texts {
        db.ok(&[
            "add",
            "expense",
            "1",
            "--from",
            "Checking",
            "--category",
            "Odd",
            "--date",
            "2025-11-03",
            "--desc",
            text,
        ]);
    }
    let listed = db.json(&["txn", "list", "--month", "2025-11", "--json"]);
    let stored: Vec<&str> = listed
        .as_array()
        .map(|a| a.iter().filter_map(|t| t["description"].as_str()).collect())
        .unwrap_or_default();
    assert_eq!(stored, texts.to_vec(), "stored exactly");
    let table = db.ok(&["txn", "list", "--month", "2025-11"]);
    assert!(
        !table.contains('\x1b') && !table.contains('\x07') && !table.contains('\u{202e}'),
        "{table}"
    );
    assert_eq!(
        table.lines().count(),
        1 + texts.len(),
        "one line per transaction: {table}"
    );
    use unicode_width::UnicodeWidthStr;
    let widths: Vec<usize> = table.lines().map(|l| l.width()).collect();
    let amount_ends: Vec<usize> = table
        .lines()
        .skip(1)
        .map(|l| l[..l.find("1.00").unwrap_or(0)].width())
        .collect();
    assert!(
        amount_ends.windows(2).all(|w| w[0] == w[1]),
        "amounts line up: {widths:?}\n{table}"
    );
}
