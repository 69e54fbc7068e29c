//! Faults made for real against the binary: a FIFO as the database, a bogus schema version, a read-only
//! bind mount, a completely full disk (tmpfs), leftovers of a killed copy, private folders, names typed two
//! ways. The mounts need root, as CI runs; elsewhere these tests fail and say so rather than skip.

mod common;

use common::{pfos, TestDb};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

fn run(cmd: &str, args: &[&str]) {
    let status = Command::new(cmd)
        .args(args)
        .status()
        .unwrap_or_else(|e| panic!("{cmd}: {e}"));
    assert!(
        status.success(),
        "{cmd} {args:?} failed (these tests need root, as CI runs them)"
    );
}

/// A mount that is undone when dropped, even when the test fails.
struct Mount(PathBuf);

impl Drop for Mount {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(&self.0).status();
    }
}

fn stderr_of(db: &Path, args: &[&str]) -> (bool, String) {
    let out = pfos(db, args)
        .timeout(Duration::from_secs(20))
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    (out.status.success(), String::from_utf8_lossy(&out.stderr).into_owned())
}

#[test]
fn a_fifo_as_the_database_is_refused_at_once() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let fifo = dir.path().join("pfos.db");
    run("mkfifo", &[fifo.to_str().unwrap_or_default()]);
    let (ok, stderr) = stderr_of(&fifo, &["status"]);
    assert!(!ok, "a FIFO is not a database");
    assert!(stderr.starts_with("error: ") && stderr.contains("FIFO"), "{stderr}");
    let (ok, stderr) = stderr_of(dir.path(), &["status"]);
    assert!(!ok && stderr.contains("is a folder"), "{stderr}");
}

#[test]
fn a_file_with_pfos_id_and_no_schema_version_is_named_for_what_it_is() {
    for version in [0, -1] {
        let db = TestDb::new();
        let conn = rusqlite::Connection::open(&db.path).unwrap_or_else(|e| panic!("{e}"));
        conn.execute_batch(&format!(
            "PRAGMA application_id = {}; PRAGMA user_version = {version}; CREATE TABLE places (id INTEGER);",
            pfos::store::APPLICATION_ID
        ))
        .unwrap_or_else(|e| panic!("{e}"));
        drop(conn);
        let before = std::fs::read(&db.path).unwrap_or_else(|e| panic!("{e}"));
        let stderr = db.fails(&["status"]);
        assert!(stderr.contains("no pfos schema version"), "{stderr}");
        assert!(!stderr.contains("already exists"), "{stderr}");
        assert_eq!(std::fs::read(&db.path).unwrap_or_default(), before, "left as it was");
    }
}

#[cfg(unix)]
#[test]
fn folders_pfos_creates_are_private() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let db = dir.path().join("a").join("b").join("pfos.db");
    pfos(
        &db,
        &[
            "account",
            "add",
            "Checking",
            "--kind",
            "checking",
            "--date",
            "2025-09-01",
        ],
    )
    .assert()
    .success();
    pfos(
        &db,
        &[
            "add",
            "expense",
            "5",
            "--from",
            "Checking",
            "--category",
            "X",
            "--date",
            "2025-09-02",
        ],
    )
    .assert()
    .success();
    pfos(&db, &["close", "2025-09"]).assert().success();
    for folder in [
        dir.path().join("a"),
        dir.path().join("a/b"),
        dir.path().join("a/b/backups"),
    ] {
        let mode = std::fs::metadata(&folder)
            .map(|m| m.permissions().mode() & 0o777)
            .unwrap_or(0);
        assert_eq!(mode, 0o700, "{} is private", folder.display());
    }
}

#[test]
fn old_leftovers_of_a_killed_copy_are_cleaned_at_the_next_start_and_fresh_ones_kept() {
    let db = TestDb::new();
    db.ok(&[
        "account",
        "add",
        "Checking",
        "--kind",
        "checking",
        "--date",
        "2025-09-01",
    ]);
    let folder = db.path.parent().unwrap_or(Path::new(".")).to_path_buf();
    let backups = folder.join("backups");
    std::fs::create_dir_all(&backups).unwrap_or_else(|e| panic!("{e}"));
    let old = [folder.join(".pfos-abc123.tmp"), backups.join(".pfos-def456.tmp")];
    let fresh = folder.join(".pfos-fresh.tmp");
    let not_ours = folder.join("notes.tmp");
    for f in old.iter().chain([&fresh, &not_ours]) {
        std::fs::write(f, vec![0u8; 4096]).unwrap_or_else(|e| panic!("{e}"));
    }
    for f in old.iter().chain([&not_ours]) {
        run("touch", &["-d", "3 hours ago", f.to_str().unwrap_or_default()]);
    }
    db.ok(&["accounts"]);
    for f in &old {
        assert!(!f.exists(), "{} is a leftover and goes", f.display());
    }
    assert!(fresh.exists(), "a fresh one may belong to a pfos still copying");
    assert!(not_ours.exists(), "only pfos's own files are touched");
    assert_eq!(
        db.json(&["backups", "--json"]),
        serde_json::json!([]),
        "leftovers are no backups"
    );
}

#[test]
fn a_database_on_a_read_only_mount_can_be_read_but_not_changed() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let source = dir.path().join("data");
    let mount = dir.path().join("ro");
    std::fs::create_dir_all(&source).unwrap_or_else(|e| panic!("{e}"));
    std::fs::create_dir_all(&mount).unwrap_or_else(|e| panic!("{e}"));
    let db = source.join("pfos.db");
    pfos(
        &db,
        &[
            "account",
            "add",
            "Checking",
            "--kind",
            "checking",
            "--opening",
            "250",
            "--date",
            "2025-09-01",
        ],
    )
    .assert()
    .success();
    run(
        "mount",
        &[
            "--bind",
            source.to_str().unwrap_or_default(),
            mount.to_str().unwrap_or_default(),
        ],
    );
    let _guard = Mount(mount.clone());
    run("mount", &["-o", "remount,bind,ro", mount.to_str().unwrap_or_default()]);
    let ro = mount.join("pfos.db");
    let listed = pfos(&ro, &["accounts", "--json"])
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(listed.status.success(), "{}", String::from_utf8_lossy(&listed.stderr));
    assert!(String::from_utf8_lossy(&listed.stdout).contains("250.00"));
    pfos(&ro, &["status", "--json"]).assert().success();
    pfos(&ro, &["export", "json"]).assert().success();
    let (ok, stderr) = stderr_of(&ro, &["add", "income", "5", "--to", "Checking", "--category", "X"]);
    assert!(
        !ok && stderr.starts_with("error: ") && stderr.contains("read-only"),
        "{stderr}"
    );
}

#[test]
fn a_completely_full_disk_says_so() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let disk = dir.path().join("disk");
    std::fs::create_dir_all(&disk).unwrap_or_else(|e| panic!("{e}"));
    run(
        "mount",
        &[
            "-t",
            "tmpfs",
            "-o",
            "size=400k",
            "tmpfs",
            disk.to_str().unwrap_or_default(),
        ],
    );
    let _guard = Mount(disk.clone());
    let db = disk.join("pfos.db");
    pfos(
        &db,
        &[
            "account",
            "add",
            "Checking",
            "--kind",
            "checking",
            "--date",
            "2025-09-01",
        ],
    )
    .assert()
    .success();
    let before = std::fs::read(&db).unwrap_or_default();
    // Fill every byte that is left: not even the WAL's shared memory fits.
    let _ = Command::new("dd")
        .args([
            "if=/dev/zero",
            &format!("of={}", disk.join("filler").display()),
            "bs=1k",
            "count=100000",
        ])
        .output();
    for args in [
        &["add", "income", "5", "--to", "Checking", "--category", "X"][..],
        &["accounts"][..],
    ] {
        let (ok, stderr) = stderr_of(&db, args);
        assert!(!ok, "{args:?}");
        assert!(
            stderr.contains("disk holding") && stderr.contains("is full"),
            "{args:?}: {stderr}"
        );
        assert!(!stderr.contains("disk I/O error"), "{stderr}");
    }
    assert_eq!(std::fs::read(&db).unwrap_or_default(), before, "nothing was changed");
}

#[test]
fn a_name_typed_with_a_combining_accent_is_the_same_name() {
    let db = TestDb::new();
    db.ok(&["account", "add", "Caf\u{e9}", "--kind", "cash", "--date", "2025-09-01"]);
    db.refuses(
        &[
            "account",
            "add",
            "CAFE\u{301}",
            "--kind",
            "cash",
            "--date",
            "2025-09-01",
        ],
        &["already exists"],
        &["accounts --json"],
    );
    db.ok(&[
        "add",
        "expense",
        "3",
        "--from",
        "cafe\u{301}",
        "--category",
        "Coffee",
        "--date",
        "2025-09-02",
    ]);
}

#[test]
fn no_output_may_replace_the_database_its_companions_or_a_backup_however_spelled() {
    let db = TestDb::new();
    db.ok(&[
        "account",
        "add",
        "Checking",
        "--kind",
        "checking",
        "--opening",
        "100",
        "--date",
        "2025-09-01",
    ]);
    db.ok(&[
        "add",
        "expense",
        "5",
        "--from",
        "Checking",
        "--category",
        "X",
        "--date",
        "2025-09-02",
    ]);
    db.ok(&["close", "2025-09"]);
    // A live connection keeps the WAL and its shared memory in use, as an open app does.
    let live = rusqlite::Connection::open(&db.path).unwrap_or_else(|e| panic!("{e}"));
    live.execute_batch("BEGIN; SELECT count(*) FROM txns;")
        .unwrap_or_else(|e| panic!("{e}"));
    let folder = db.path.parent().unwrap_or(Path::new(".")).to_path_buf();
    let wal = folder.join("pfos.db-wal");
    let sub = folder.join("sub");
    std::fs::create_dir_all(&sub).unwrap_or_else(|e| panic!("{e}"));
    let link = folder.join("innocent.json");
    #[cfg(unix)]
    std::os::unix::fs::symlink(&wal, &link).unwrap_or_else(|e| panic!("{e}"));
    let hard = folder.join("hard.db");
    std::fs::hard_link(&db.path, &hard).unwrap_or_else(|e| panic!("{e}"));
    let backup = db.json(&["backups", "--json"])[0]
        .as_str()
        .map(PathBuf::from)
        .unwrap_or_else(|| panic!("the close made a backup"));
    assert!(backup.is_file());
    let snapshot = |p: &Path| std::fs::read(p).unwrap_or_default();
    let before = (snapshot(&db.path), snapshot(&wal), snapshot(&backup));
    let spellings: Vec<PathBuf> = vec![
        wal.clone(),
        sub.join("..").join("pfos.db-wal"),
        folder.join("pfos.db-shm"),
        folder.join("pfos.db-journal"),
        link.clone(),
        hard.clone(),
        backup.clone(),
        folder.join("backups").join("new.db"),
    ];
    for out in &spellings {
        let out = out.to_str().unwrap_or_default();
        for args in [
            &["export", "json", "--out", out, "--force"][..],
            &["backup", out, "--force"][..],
        ] {
            let stderr = db.fails(args);
            assert!(
                stderr.contains("give another file name") || stderr.contains("write somewhere else"),
                "{args:?}: {stderr}"
            );
        }
    }
    assert_eq!(
        (snapshot(&db.path), snapshot(&wal), snapshot(&backup)),
        before,
        "bytes unchanged"
    );
    live.execute_batch("COMMIT").unwrap_or_else(|e| panic!("{e}"));
    drop(live);
    assert!(db.ok(&["check"]).starts_with("ok: "));
    // An ordinary file beside it is fine.
    db.ok(&[
        "export",
        "json",
        "--out",
        folder.join("export.json").to_str().unwrap_or_default(),
    ]);
}

#[test]
fn dates_outside_the_years_pfos_keeps_are_refused() {
    let db = TestDb::new();
    db.ok(&[
        "account",
        "add",
        "Checking",
        "--kind",
        "checking",
        "--date",
        "2025-09-01",
    ]);
    for date in ["9999-12-31", "1899-12-31", "3000-01-01"] {
        db.refuses(
            &[
                "add",
                "expense",
                "5",
                "--from",
                "Checking",
                "--category",
                "X",
                "--date",
                date,
            ],
            &["outside the years", "1900", "2999"],
            &["txn list --json"],
        );
    }
    db.refuses(&["snapshot", "9999-12", "--json"], &["outside the years"], &[]);
}

/// A household with a closed month and an automatic backup of it; returns the backup's path.
fn household_with_backup(db: &TestDb) -> PathBuf {
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
        "add",
        "expense",
        "25",
        "--from",
        "Checking",
        "--category",
        "Food",
        "--date",
        "2025-09-03",
    ]);
    db.ok(&["close", "2025-09"]);
    db.ok(&[
        "add",
        "expense",
        "7",
        "--from",
        "Checking",
        "--category",
        "Food",
        "--date",
        "2025-10-03",
    ]);
    let copy = db.dir.path().join("copy.db");
    db.ok(&["backup", copy.to_str().unwrap_or_default()]);
    copy
}

fn tamper(path: &Path, sql: &str) {
    let conn = rusqlite::Connection::open(path).unwrap_or_else(|e| panic!("{e}"));
    conn.execute_batch(sql).unwrap_or_else(|e| panic!("{e}"));
}

#[test]
fn restore_refuses_a_candidate_pfos_would_not_have_written_and_changes_nothing() {
    let db = TestDb::new();
    let good = household_with_backup(&db);
    let views = ["txn list --json", "snapshot 2025-09 --json"];
    // A trigger that multiplies every later amount by 100.
    let trigger = db.dir.path().join("trigger.db");
    std::fs::copy(&good, &trigger).unwrap_or_else(|e| panic!("{e}"));
    tamper(
        &trigger,
        "CREATE TRIGGER inflate AFTER INSERT ON txns BEGIN UPDATE txns SET amount_cents = amount_cents * 100 WHERE id = NEW.id; END;",
    );
    // Snapshot figures changed by hand.
    let figures = db.dir.path().join("figures.db");
    std::fs::copy(&good, &figures).unwrap_or_else(|e| panic!("{e}"));
    tamper(&figures, "UPDATE snapshots SET net_worth = net_worth + 100000;");
    // pfos's id, a version, and no pfos schema at all.
    let empty = db.dir.path().join("empty.db");
    tamper(
        &empty,
        &format!(
            "PRAGMA application_id = {}; PRAGMA user_version = 9; CREATE TABLE notes (x);",
            pfos::store::APPLICATION_ID
        ),
    );
    for (file, needle) in [
        (&trigger, "trigger 'inflate'"),
        (&figures, "do not agree"),
        (&empty, "schema is not the one pfos writes"),
    ] {
        db.refuses(
            &["restore", file.to_str().unwrap_or_default(), "--yes"],
            &[needle],
            &views,
        );
    }
    // The untouched copy restores.
    db.ok(&["restore", good.to_str().unwrap_or_default(), "--yes"]);
    assert!(db.ok(&["check"]).starts_with("ok: "));
}

#[test]
fn whatever_pfos_stores_round_trips_and_what_it_refuses_it_refuses_everywhere() {
    let db = TestDb::new();
    db.ok(&[
        "account",
        "add",
        "Checking",
        "--kind",
        "checking",
        "--opening",
        "100",
        "--date",
        "2025-09-01",
    ]);
    // Descriptions keep what a bank wrote: tab, newline, escape, NEL, a bidi override.
    for desc in [
        "tab\there",
        "two\nlines",
        "esc \u{1b}[2J",
        "nel\u{85}x",
        "rtl \u{202e}evil",
    ] {
        db.ok(&[
            "add",
            "expense",
            "1",
            "--from",
            "Checking",
            "--category",
            "Misc",
            "--date",
            "2025-09-02",
            "--desc",
            desc,
        ]);
    }
    // A category, tag or place name holds no control character, from any entrance.
    db.refuses(
        &[
            "add",
            "expense",
            "1",
            "--from",
            "Checking",
            "--category",
            "Gro\u{1b}]0;x\u{7}ceries",
            "--date",
            "2025-09-02",
        ],
        &["control characters", "U+001B"],
        &["txn list --json"],
    );
    db.refuses(
        &["rule", "add", "X", "--category", "a\u{85}b"],
        &["control characters"],
        &["rule list --json"],
    );
    let csv = db.dir.path().join("bank.csv");
    std::fs::write(
        &csv,
        "Date,Description,Amount,Category\n\
         2025-09-03,\"quoted\ttab\",-2.00,Food\n\
         2025-09-04,\"quoted\nnewline\",-3.00,Food\n\
         2025-09-06,bad category,-5.00,\"Fo\u{1b}[2Jod\"\n",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let csv = csv.to_str().unwrap_or_default();
    let refusal = db.fails(&["import", "csv", csv, "--into", "Checking"]);
    assert!(
        refusal.contains("line 5") && refusal.contains("control characters"),
        "{refusal}"
    );
    db.ok(&["import", "csv", csv, "--into", "Checking", "--skip-bad"]);
    let listing = db.ok(&["txn", "list"]);
    assert!(
        !listing.contains('\u{1b}') && !listing.contains('\u{202e}'),
        "shown safely: {listing:?}"
    );
    // A NUL byte makes a file binary, not a bank's CSV: refused whole.
    let nul = db.dir.path().join("nul.csv");
    std::fs::write(&nul, "Date,Description,Amount\n2025-09-05,nul\u{0}inside,-4.00\n")
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(db
        .fails(&["import", "csv", nul.to_str().unwrap_or_default(), "--into", "Checking"])
        .contains("binary"));
    // Everything stored comes back through the JSON export, byte for byte.
    let export = db.dir.path().join("all.json");
    db.ok(&["export", "json", "--out", export.to_str().unwrap_or_default()]);
    let restored = TestDb::new();
    restored.ok(&["import", "json", export.to_str().unwrap_or_default()]);
    assert_eq!(restored.ok(&["export", "json"]), db.ok(&["export", "json"]));
    let descriptions: Vec<String> = restored
        .json(&["txn", "list", "--json"])
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|t| t["description"].as_str().map(String::from))
                .collect()
        })
        .unwrap_or_default();
    assert!(descriptions.iter().any(|d| d == "two\nlines") && descriptions.iter().any(|d| d == "quoted\ttab"));
}
