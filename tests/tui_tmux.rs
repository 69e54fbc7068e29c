//! End to end: the real binary in tmux. Visits all six screens, adds an expense through the
//! quick-add form, cancels and then confirms the Close Month dialog, shrinks the window and quits.

mod common;

use common::tmux::Tmux;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_pfos");
const TODAY: &str = "2025-10-20";

fn pfos(db: &Path, args: &[&str]) -> String {
    let out = Command::new(BIN)
        .arg("--db")
        .arg(db)
        .args(args)
        .env("PFOS_TODAY", TODAY)
        .output()
        .unwrap_or_else(|e| panic!("pfos {args:?}: {e}"));
    assert!(
        out.status.success(),
        "pfos {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn prepare(dir: &Path) -> PathBuf {
    let db = dir.join("e2e.db");
    let d = "2025-09-01";
    pfos(
        &db,
        &[
            "account",
            "add",
            "Checking",
            "--kind",
            "checking",
            "--opening",
            "2000",
            "--date",
            d,
        ],
    );
    pfos(
        &db,
        &[
            "account",
            "add",
            "Savings",
            "--kind",
            "savings",
            "--opening",
            "5000",
            "--date",
            d,
        ],
    );
    pfos(
        &db,
        &[
            "card",
            "add",
            "Visa",
            "--statement-day",
            "15",
            "--limit",
            "3000",
            "--date",
            d,
        ],
    );
    pfos(
        &db,
        &[
            "bucket",
            "add",
            "Travel",
            "--in",
            "Savings",
            "--target-monthly",
            "100",
            "--opening",
            "300",
            "--date",
            d,
        ],
    );
    pfos(
        &db,
        &[
            "add",
            "income",
            "3000",
            "--to",
            "Checking",
            "--category",
            "Salary",
            "--date",
            d,
        ],
    );
    pfos(
        &db,
        &[
            "add",
            "expense",
            "1200",
            "--from",
            "Checking",
            "--category",
            "Rent",
            "--date",
            "2025-09-02",
        ],
    );
    pfos(
        &db,
        &[
            "add",
            "expense",
            "64.50",
            "--from",
            "Visa",
            "--category",
            "Groceries",
            "--date",
            "2025-09-10",
            "--desc",
            "Market",
        ],
    );
    pfos(
        &db,
        &[
            "add",
            "transfer",
            "100",
            "--from",
            "Checking",
            "--to",
            "Travel",
            "--date",
            "2025-09-12",
        ],
    );
    pfos(
        &db,
        &[
            "add",
            "income",
            "3000",
            "--to",
            "Checking",
            "--category",
            "Salary",
            "--date",
            "2025-10-01",
        ],
    );
    db
}

fn tmux_available() -> bool {
    Command::new("tmux")
        .arg("-V")
        .output()
        .is_ok_and(|o| o.status.success())
}

#[test]
fn the_app_in_tmux() {
    if !tmux_available() {
        assert!(
            std::env::var_os("CI").is_none(),
            "tmux is required on CI: install it (apt-get install -y tmux)"
        );
        eprintln!("skipping: tmux is not installed");
        return;
    }
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let db = prepare(dir.path());
    let id = format!("pfos-e2e-{}", std::process::id());
    let tmux = Tmux {
        socket: id.clone(),
        session: id,
    };
    // The shell around pfos writes its exit status to a file too: tmux 3.3 sometimes marks the
    // pane dead without ever filling in #{pane_dead_status}.
    let status_file = dir.path().join("exit-status");
    let command = format!(
        "env PFOS_TODAY={TODAY} TERM=xterm-256color '{BIN}' --db '{}'; code=$?; echo $code > '{}'; exit $code",
        db.display(),
        status_file.display()
    );
    tmux.run(&[
        "new-session",
        "-d",
        "-s",
        &tmux.session,
        "-x",
        "80",
        "-y",
        "24",
        &command,
    ]);
    tmux.run(&["set-option", "-t", &tmux.session, "remain-on-exit", "on"]);

    let dashboard = tmux.wait_for("Am I okay?");
    std::fs::write(dir.path().join("dashboard.txt"), &dashboard).unwrap_or_else(|e| panic!("{e}"));
    if let Some(out) = std::env::var_os("PFOS_E2E_CAPTURE") {
        std::fs::write(out, &dashboard).unwrap_or_else(|e| panic!("{e}"));
    }

    // All seven screens, by number, then Tab back round to the dashboard.
    for (key, marker) in [
        ("2", "From → To"),
        ("3", "Latest statement"),
        ("4", "funds the selected bucket"),
        ("5", "Closed months"),
        ("6", "Per month:"),
        ("7", "No changes yet"),
        ("1", "Am I okay?"),
    ] {
        tmux.keys(&[key]);
        tmux.wait_for(marker);
    }
    tmux.keys(&["Tab"]);
    tmux.wait_for("From → To");

    // Quick-add an expense.
    tmux.keys(&["a"]);
    tmux.wait_for("Add a transaction");
    tmux.text("12.34");
    tmux.keys(&["Tab"]);
    tmux.text("Vis");
    tmux.keys(&["Tab"]);
    tmux.text("Books");
    tmux.keys(&["Tab"]);
    tmux.keys(&["Tab"]);
    tmux.text("Paperback");
    tmux.keys(&["Enter"]);
    tmux.wait_for("added expense #");
    tmux.wait_for("Paperback");
    let listed: serde_json::Value =
        serde_json::from_str(&pfos(&db, &["txn", "list", "--json"])).unwrap_or_else(|e| panic!("{e}"));
    let found = listed.as_array().into_iter().flatten().any(|t| {
        t["description"] == "Paperback" && t["amount"] == "12.34" && t["kind"] == "expense" && t["date"] == TODAY
    });
    assert!(found, "the expense is in 'pfos txn list --json': {listed}");

    // The Close Month dialog: open and cancel, then close September through it.
    tmux.keys(&["5"]);
    tmux.wait_for("Closed months");
    tmux.keys(&["c"]);
    tmux.wait_for("Close Month: Sep 2025");
    tmux.keys(&["Escape"]);
    tmux.wait_gone("Close Month:");
    tmux.keys(&["c"]);
    tmux.wait_for("Close Month: Sep 2025");
    tmux.keys(&["Enter"]);
    tmux.wait_for("closed 2025-09");
    let snapshot: serde_json::Value =
        serde_json::from_str(&pfos(&db, &["snapshot", "2025-09", "--json"])).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(snapshot["month"], "2025-09");
    assert_eq!(snapshot["total_income"], "3000.00");
    assert_eq!(snapshot["total_expense"], "1264.50");

    // Too small, then back.
    tmux.run(&["resize-window", "-t", &tmux.session, "-x", "20", "-y", "5"]);
    tmux.wait_for("Terminal too small");
    tmux.run(&["resize-window", "-t", &tmux.session, "-x", "80", "-y", "24"]);
    tmux.wait_for("Closed months");

    tmux.keys(&["q"]);
    let format = "#{pane_dead} #{pane_dead_status}";
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let state = tmux.run(&["display-message", "-p", "-t", &tmux.session, format]);
        let written = std::fs::read_to_string(&status_file).unwrap_or_default();
        if state.starts_with('1') && !written.trim().is_empty() {
            assert_eq!(written.trim(), "0", "pfos exits with status 0");
            if let Some(code) = state.split_whitespace().nth(1) {
                assert_eq!(code, "0", "tmux saw pfos exit with status 0");
            }
            break;
        }
        assert!(
            Instant::now() < deadline,
            "pfos did not quit (pane: {state:?}); screen:\n{}",
            tmux.screen()
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}
