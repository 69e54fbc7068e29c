//! End to end in tmux, without the command line: from a new, empty database, set up accounts, a card, a
//! loan and two buckets in the app, quick-add a month (a split and a tagged expense among it), rename a
//! place, post the loan's interest, close the month in its dialog, quit; then every figure of the month is
//! checked through `pfos snapshot --json`.

mod common;

use common::tmux::Tmux;
use std::path::Path;
use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_pfos");
const TODAY: &str = "2025-10-20";

fn json(db: &Path, args: &[&str]) -> serde_json::Value {
    let out = Command::new(BIN)
        .arg("--db")
        .arg(db)
        .args(args)
        .env("PFOS_TODAY", TODAY)
        .output()
        .unwrap_or_else(|e| panic!("pfos {args:?}: {e}"));
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("JSON of {args:?}: {e}"))
}

/// Replaces the focused field's text.
fn replace(tmux: &Tmux, text: &str) {
    tmux.keys(&["End"]);
    for _ in 0..12 {
        tmux.keys(&["BSpace"]);
    }
    tmux.text(text);
}

/// Fills a new-place form: its name, the kind `steps` presses of → away (← when negative), then each
/// later field in Tab order (`None` leaves one as it is).
fn new_place(tmux: &Tmux, name: &str, steps: i32, fields: &[Option<&str>]) {
    tmux.keys(&["n"]);
    tmux.wait_for("New place");
    tmux.text(name);
    tmux.keys(&["Tab"]);
    for _ in 0..steps.unsigned_abs() {
        tmux.keys(&[if steps > 0 { "Right" } else { "Left" }]);
    }
    for field in fields {
        tmux.keys(&["Tab"]);
        if let Some(text) = field {
            replace(tmux, text);
        }
    }
    tmux.keys(&["Enter"]);
    tmux.wait_for(&format!("added {}", ""));
    tmux.wait_gone("New place");
}

/// Quick-adds a transaction: `kind` is the kind's first letter, then each field after Amount.
fn quick_add(tmux: &Tmux, kind: &str, amount: &str, fields: &[Option<&str>]) {
    tmux.keys(&["a"]);
    tmux.wait_for("Add a transaction");
    tmux.keys(&["BTab"]);
    tmux.text(kind);
    tmux.keys(&["Tab"]);
    tmux.text(amount);
    for field in fields {
        tmux.keys(&["Tab"]);
        if let Some(text) = field {
            replace(tmux, text);
        }
    }
    tmux.keys(&["Enter"]);
    tmux.wait_gone("Add a transaction");
}

#[test]
fn a_household_is_set_up_and_its_first_month_closed_without_the_command_line() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let db = dir.path().join("new.db");
    let tmux = Tmux {
        socket: format!("pfos-setup-{}", std::process::id()),
        session: "setup".to_string(),
    };
    let command = format!("PFOS_TODAY={TODAY} {BIN} --db {}", db.display());
    tmux.run(&["new-session", "-d", "-s", "setup", "-x", "100", "-y", "30", &command]);
    tmux.wait_for("Not yet");
    let d = Some("2025-09-01");
    tmux.keys(&["8"]);
    tmux.wait_for("No places yet");
    // Name, Kind, then Opening, Date and the kind's terms.
    new_place(&tmux, "Checking", 0, &[Some("2000"), d]);
    new_place(&tmux, "Savings", 1, &[Some("5000"), d]);
    new_place(&tmux, "Visa", 4, &[None, d, Some("15"), None, Some("3000")]);
    new_place(
        &tmux,
        "Car loan",
        5,
        &[Some("12000"), d, Some("6"), Some("350"), Some("15")],
    );
    new_place(
        &tmux,
        "Travel",
        -1,
        &[Some("300"), d, Some("100"), None, Some("Savings")],
    );
    new_place(
        &tmux,
        "Emergency",
        -1,
        &[None, d, Some("200"), Some("10000"), Some("Savings")],
    );
    let listed = tmux.wait_for("Emergency");
    for name in ["Checking", "Savings", "Visa", "Car loan", "Travel", "Loans", "Buckets"] {
        assert!(listed.contains(name), "{name}:\n{listed}");
    }
    // A month of transactions: salary, a split receipt (its amount from the lines), a tagged dinner on the
    // card, the loan's payment.
    quick_add(&tmux, "i", "3000", &[Some("Checking"), Some("Salary"), d]);
    quick_add(
        &tmux,
        "e",
        "",
        &[
            Some("Checking"),
            Some("Groceries=80; Household=40.50"),
            Some("2025-09-05"),
        ],
    );
    quick_add(
        &tmux,
        "e",
        "64.50",
        &[
            Some("Visa"),
            Some("Dining"),
            Some("2025-09-10"),
            Some("Tapas"),
            Some("trip-2025"),
        ],
    );
    quick_add(
        &tmux,
        "t",
        "350",
        &[Some("Checking"), Some("Car loan"), Some("2025-09-15")],
    );
    // Rename the card: top of the list, then down past the two accounts.
    tmux.keys(&["g", "j", "j", "e"]);
    tmux.wait_for("Edit 'Visa'");
    replace(&tmux, "Visa Gold");
    tmux.keys(&["Enter"]);
    tmux.wait_for("saved 'Visa Gold'");
    // September's interest on the loan, prefilled by the rule once the month is typed.
    tmux.keys(&["j", "i"]);
    tmux.wait_for("Interest on 'Car loan'");
    tmux.keys(&["Tab"]);
    replace(&tmux, "2025-09");
    tmux.keys(&["Tab"]);
    tmux.wait_for("60.00");
    tmux.keys(&["Enter"]);
    tmux.wait_for("interest on 'Car loan', 60.00");
    // Close September in the dialog.
    tmux.keys(&["5", "c"]);
    tmux.wait_for("Close Month: Sep 2025");
    tmux.keys(&["Enter"]);
    tmux.wait_for("closed 2025-09");
    tmux.keys(&["q"]);
    std::thread::sleep(std::time::Duration::from_millis(300));

    let s = json(&db, &["snapshot", "2025-09", "--json"]);
    let money = |key: &str| s[key].as_str().unwrap_or("?").to_string();
    assert_eq!(money("total_income"), "3000.00");
    assert_eq!(
        money("total_expense"),
        "245.00",
        "120.50 split + 64.50 dinner + 60.00 interest"
    );
    assert_eq!(money("cash_outflow"), "470.50", "the receipt and the loan payment");
    assert_eq!(money("savings_added"), "0.00");
    assert_eq!(money("total_cc_balance"), "64.50");
    assert_eq!(money("total_loan_balance"), "11710.00");
    assert_eq!(money("net_worth"), "-2245.00");
    assert_eq!(money("free_cash"), "4465.00");
    assert_eq!(
        s["categories"],
        serde_json::json!([
            {"name": "Dining", "expense": "64.50", "income": "0.00"},
            {"name": "Groceries", "expense": "80.00", "income": "0.00"},
            {"name": "Household", "expense": "40.50", "income": "0.00"},
            {"name": "Interest", "expense": "60.00", "income": "0.00"},
            {"name": "Salary", "expense": "0.00", "income": "3000.00"},
        ])
    );
    assert_eq!(s["cards"][0]["name"], "Visa Gold", "the renamed card");
    assert_eq!(s["loans"][0]["paid"], "350.00");
    assert_eq!(s["loans"][0]["charged"], "60.00");
    let buckets: Vec<&str> = s["buckets"]
        .as_array()
        .map_or(vec![], |b| b.iter().filter_map(|x| x["name"].as_str()).collect());
    assert_eq!(buckets, ["Travel", "Emergency"]);
    let txns = json(&db, &["txn", "list", "--json"]);
    let tagged = txns
        .as_array()
        .and_then(|t| t.iter().find(|t| t["tags"] == serde_json::json!(["trip-2025"])));
    assert_eq!(
        tagged.map(|t| t["description"].clone()),
        Some(serde_json::json!("Tapas"))
    );
    let check = Command::new(BIN)
        .arg("--db")
        .arg(&db)
        .arg("check")
        .env("PFOS_TODAY", TODAY)
        .output();
    assert!(check.is_ok_and(|o| String::from_utf8_lossy(&o.stdout).starts_with("ok: ")));
}
