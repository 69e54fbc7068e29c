//! `pfos export ledger|csv`: the household journal read by hledger and ledger gives pfos's figures; the CSV
//! defuses formula cells and round-trips; `--out` never overwrites by accident and leaves nothing half-written.

mod common;

use common::TestDb;
use rust_decimal::Decimal;
use serde_json::Value;
use std::collections::HashMap;
use std::path::Path;
use std::process::Command;

const SCRIPT: &str = include_str!("fixtures/household.pfos");
const EDITION2: &str = include_str!("fixtures/edition2.pfos");

/// Runs an installed tool (hledger, ledger) and returns its stdout; it must exit 0.
fn tool(program: &str, args: &[&str]) -> String {
    let out = Command::new(program).args(args).output().unwrap_or_else(|e| {
        panic!("cannot run {program} ({e}); install it with 'apt-get install -y hledger ledger', as .ci/run does")
    });
    assert!(
        out.status.success(),
        "{program} {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn dec(text: &str) -> Decimal {
    text.trim()
        .parse()
        .unwrap_or_else(|e| panic!("'{text}' is not a number: {e}"))
}

fn money(v: &Value) -> Decimal {
    dec(v.as_str().unwrap_or_else(|| panic!("not a money string: {v}")))
}

/// `hledger -f JOURNAL ARGS -O csv` as rows of cells.
fn hledger_csv(journal: &Path, args: &[&str]) -> Vec<Vec<String>> {
    let file = journal.to_string_lossy();
    let mut all = vec!["-f", &file];
    all.extend_from_slice(args);
    all.extend_from_slice(&["-O", "csv"]);
    let text = tool("hledger", &all);
    csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes())
        .records()
        .map(|r| {
            r.unwrap_or_else(|e| panic!("hledger CSV: {e}"))
                .iter()
                .map(str::to_string)
                .collect()
        })
        .collect()
}

/// Account → balance from `hledger bal … -O csv` (zero balances are left out by hledger: read them as 0).
fn balances(journal: &Path, args: &[&str]) -> HashMap<String, Decimal> {
    hledger_csv(journal, args)
        .into_iter()
        .skip(1)
        .filter(|row| row.len() == 2 && row[0] != "total")
        .map(|row| (row[0].clone(), dec(&row[1])))
        .collect()
}

/// The value of the row labelled `label` in a report; `nth` picks among equal labels.
fn row_value(rows: &[Vec<String>], label: &str, nth: usize) -> Decimal {
    let row = rows
        .iter()
        .filter(|r| r.first().map(String::as_str) == Some(label))
        .nth(nth)
        .unwrap_or_else(|| panic!("no row '{label}' #{nth} in {rows:?}"));
    dec(&row[1])
}

/// The last number ledger prints (its total).
fn ledger_total(journal: &Path, args: &[&str]) -> Decimal {
    let file = journal.to_string_lossy();
    let mut all = vec!["-f", &file];
    all.extend_from_slice(args);
    let text = tool("ledger", &all);
    let last = text.lines().rev().find(|l| !l.trim().is_empty()).unwrap_or("");
    dec(last.split_whitespace().next().unwrap_or(""))
}

/// What each place's hledger account is called, from pfos's own listings (household names need no cleaning).
fn account_names(db: &TestDb) -> HashMap<String, String> {
    let mut names = HashMap::new();
    for p in db.json(&["accounts", "--json"]).as_array().into_iter().flatten() {
        let name = p["name"].as_str().unwrap_or("").to_string();
        names.insert(name.clone(), format!("assets:{name}"));
    }
    for list in ["cards", "loans"] {
        for p in db.json(&[list, "--json"]).as_array().into_iter().flatten() {
            let name = p["name"].as_str().unwrap_or("").to_string();
            names.insert(name.clone(), format!("liabilities:{name}"));
        }
    }
    for p in db.json(&["buckets", "--json"]).as_array().into_iter().flatten() {
        let name = p["name"].as_str().unwrap_or("").to_string();
        let account = match p["held_in"].as_str() {
            Some(held_in) => format!("assets:{held_in}:{name}"),
            None => format!("assets:{name}"),
        };
        names.insert(name, account);
    }
    names
}

#[test]
fn the_household_journal_gives_pfos_figures_in_hledger_and_ledger() {
    let db = TestDb::new();
    db.run_script(SCRIPT);
    let journal = db.dir.path().join("household.journal");
    let path = journal.to_string_lossy().to_string();
    db.ok(&["export", "ledger", "--out", &path]);
    let written = std::fs::read_to_string(&journal).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        db.ok(&["export", "ledger"]),
        written,
        "stdout and --out give the same journal"
    );
    let accounts = account_names(&db);
    let months = [
        ("2025-09", "2025-09-01", "2025-10-01"),
        ("2025-10", "2025-10-01", "2025-11-01"),
    ];
    for (month, first, end) in months {
        let snapshot = db.json(&["snapshot", month, "--json"]);
        let bs = hledger_csv(&journal, &["bs", "-e", end]);
        assert_eq!(
            row_value(&bs, "Net:", 0),
            money(&snapshot["net_worth"]),
            "{month} net worth: {bs:?}"
        );
        assert_eq!(
            row_value(&bs, "total", 0),
            money(&snapshot["total_assets"]),
            "{month} assets"
        );
        assert_eq!(
            row_value(&bs, "total", 1),
            money(&snapshot["total_cc_balance"]),
            "{month} card debt"
        );
        let is = hledger_csv(&journal, &["is", "-p", month]);
        assert_eq!(
            row_value(&is, "total", 0),
            money(&snapshot["total_income"]),
            "{month} income: {is:?}"
        );
        assert_eq!(
            row_value(&is, "total", 1),
            money(&snapshot["total_expense"]),
            "{month} expense"
        );

        // Each place's own balance is its account without sub-accounts (hledger's flat report);
        // an account with its buckets is what the bank shows (the tree report).
        let own = balances(&journal, &["bal", "--flat", "-e", end]);
        let shown = balances(&journal, &["bal", "--tree", "-e", end]);
        let places = snapshot["places"].as_array().unwrap_or_else(|| panic!("places"));
        assert_eq!(places.len(), 7);
        let mut displayed: HashMap<String, Decimal> = HashMap::new();
        for line in places {
            let name = line["name"].as_str().unwrap_or("");
            let account = &accounts[name];
            let closing = money(&line["closing"]);
            let expected = if line["type"] == "card" { -closing } else { closing };
            let found = own.get(account).copied().unwrap_or_default();
            assert_eq!(found, expected, "{month} {name} ({account})");
            let top = account.splitn(3, ':').take(2).collect::<Vec<_>>().join(":");
            *displayed.entry(top).or_default() += expected;
        }
        for (account, total) in &displayed {
            assert_eq!(
                shown.get(account).copied().unwrap_or_default(),
                *total,
                "{month} {account} with its buckets"
            );
        }

        // ledger agrees on net worth and the month's income and expense.
        let net_worth = ledger_total(&journal, &["-e", end, "bal", "^assets", "^liabilities", "--depth", "1"]);
        assert_eq!(net_worth, money(&snapshot["net_worth"]), "{month} net worth in ledger");
        let period = ["-b", first, "-e", end, "bal", "--depth", "1", "--no-total"];
        let expense = ledger_total(&journal, &[&period[..], &["^expenses"]].concat());
        let income = ledger_total(&journal, &[&period[..], &["^income"]].concat());
        assert_eq!(expense, money(&snapshot["total_expense"]), "{month} expense in ledger");
        assert_eq!(-income, money(&snapshot["total_income"]), "{month} income in ledger");
    }
    // Today's balances (nothing after October here) match the listings, bank view included.
    let shown = balances(&journal, &["bal", "--tree"]);
    for a in db.json(&["accounts", "--json"]).as_array().into_iter().flatten() {
        let account = &accounts[a["name"].as_str().unwrap_or("")];
        assert_eq!(
            shown.get(account).copied().unwrap_or_default(),
            money(&a["displayed_balance"])
        );
    }
    tool("ledger", &["-f", &path, "bal"]);
}

/// `pfos txn list --json` of a database.
fn txn_list(db: &TestDb) -> Vec<Value> {
    db.json(&["txn", "list", "--json"])
        .as_array()
        .cloned()
        .unwrap_or_else(|| panic!("txn list"))
}

#[test]
fn loans_splits_and_tags_give_pfos_figures_in_hledger_and_ledger() {
    let db = TestDb::new();
    db.run_script(EDITION2);
    let journal = db.dir.path().join("edition2.journal");
    let path = journal.to_string_lossy().to_string();
    db.ok(&["export", "ledger", "--out", &path]);
    let accounts = account_names(&db);
    assert_eq!(accounts["Car loan"], "liabilities:Car loan");
    for (month, end) in [("2025-09", "2025-10-01"), ("2025-10", "2025-11-01")] {
        let snapshot = db.json(&["snapshot", month, "--json"]);
        let bs = hledger_csv(&journal, &["bs", "-e", end]);
        assert_eq!(
            row_value(&bs, "Net:", 0),
            money(&snapshot["net_worth"]),
            "{month} net worth: {bs:?}"
        );
        assert_eq!(
            row_value(&bs, "total", 0),
            money(&snapshot["total_assets"]),
            "{month} assets"
        );
        assert_eq!(
            row_value(&bs, "total", 1),
            money(&snapshot["total_cc_balance"]) + money(&snapshot["total_loan_balance"]),
            "{month} cards and loans owed"
        );
        let is = hledger_csv(&journal, &["is", "-p", month]);
        assert_eq!(
            row_value(&is, "total", 0),
            money(&snapshot["total_income"]),
            "{month} income: {is:?}"
        );
        assert_eq!(
            row_value(&is, "total", 1),
            money(&snapshot["total_expense"]),
            "{month} expense"
        );
        // Every category's figures, a split's lines each in its own (income without one is uncategorized).
        let by_account = balances(&journal, &["bal", "--flat", "-p", month, "^expenses", "^income"]);
        let categories = snapshot["categories"]
            .as_array()
            .unwrap_or_else(|| panic!("categories"));
        assert!(!categories.is_empty());
        for c in categories {
            let name = c["name"].as_str().unwrap_or("");
            let income_account = if name == "Uncategorized" {
                "income:uncategorized".to_string()
            } else {
                format!("income:{name}")
            };
            let found = |account: &str| by_account.get(account).copied().unwrap_or_default();
            assert_eq!(
                found(&format!("expenses:{name}")),
                money(&c["expense"]),
                "{month} {name}"
            );
            assert_eq!(-found(&income_account), money(&c["income"]), "{month} {name}");
        }
        // Each place's own balance, the loan's included.
        let own = balances(&journal, &["bal", "--flat", "-e", end]);
        for line in snapshot["places"].as_array().into_iter().flatten() {
            let name = line["name"].as_str().unwrap_or("");
            let closing = money(&line["closing"]);
            let owed = line["type"] == "card" || line["type"] == "loan";
            let expected = if owed { -closing } else { closing };
            let account = &accounts[name];
            assert_eq!(
                own.get(account).copied().unwrap_or_default(),
                expected,
                "{month} {name}"
            );
        }
        let net_worth = ledger_total(&journal, &["-e", end, "bal", "^assets", "^liabilities", "--depth", "1"]);
        assert_eq!(net_worth, money(&snapshot["net_worth"]), "{month} net worth in ledger");
    }
    // Tags are hledger's tags, and ledger's: the same transactions carry them.
    for tag in ["trip-2026", "tax/2026"] {
        let mut tagged: Vec<String> = txn_list(&db)
            .iter()
            .filter(|t| t["tags"].as_array().is_some_and(|tags| tags.iter().any(|x| x == tag)))
            .map(|t| t["id"].to_string())
            .collect();
        tagged.sort();
        assert!(!tagged.is_empty(), "{tag}");
        let rows = hledger_csv(&journal, &["print", &format!("tag:{tag}")]);
        let mut codes: Vec<String> = rows.iter().skip(1).map(|r| r[4].clone()).collect();
        codes.sort();
        codes.dedup();
        assert_eq!(codes, tagged, "hledger's transactions tagged {tag}");
    }
    let ledger_tags = tool("ledger", &["-f", &path, "tags"]);
    for tag in ["trip-2026", "tax/2026", "kind"] {
        assert!(ledger_tags.lines().any(|l| l == tag), "ledger tags: {ledger_tags}");
    }
    let trip = tool("ledger", &["-f", &path, "reg", "%trip-2026", "and", "^expenses"]);
    assert_eq!(
        trip.lines().count(),
        4,
        "the split's two lines, Visa's and the trip's: {trip}"
    );
}

#[test]
fn awkward_names_and_descriptions_are_cleaned_so_both_tools_read_every_balance() {
    let db = TestDb::new();
    db.run_script(
        r#"
        pfos account add "Joint: Main" --kind checking --opening 1000 --date 2025-09-01
        pfos bucket add "Trip;  2026" --in "Joint: Main" --opening 100 --date 2025-09-01
        pfos account add a:b --kind savings --date 2025-09-01
        pfos account add a-b --kind cash --opening 5 --date 2025-09-01
        pfos card add "Visa  Gold" --statement-day 10 --opening 50 --date 2025-09-01
        pfos account add "Brøker 日本" --kind investment --opening 1000 --date 2025-09-01
        pfos add expense 12.5 --from "Joint: Main" --category "Food:Out; late" --date 2025-09-02 --desc "Café; dinner — 日本  two spaces * ! @ = |"
        pfos add expense 30 --from "Visa  Gold" --category "=SUM(A1)" --date 2025-09-03 --desc "(123) looks like a code"
        pfos add expense 7 --from "Visa  Gold" --category Misc --date 2025-09-03 --desc "* looks cleared"
        pfos add refund 2 --to "Visa  Gold" --category "Food:Out; late" --date 2025-09-04
        pfos add income 100 --to "Trip;  2026" --date 2025-09-05
        pfos add valuation 1100 --to "Brøker 日本" --date 2025-09-06
        pfos add transfer 5 --from a-b --to a:b --date 2025-09-07 --desc ";"
        "#,
    );
    let journal = db.dir.path().join("awkward.journal");
    let path = journal.to_string_lossy().to_string();
    db.ok(&["export", "ledger", "--out", &path]);
    let own = balances(&journal, &["bal", "--flat"]);
    let id_of = |name: &str| -> i64 {
        db.json(&["accounts", "--json"])
            .as_array()
            .and_then(|a| a.iter().find(|p| p["name"] == name))
            .and_then(|p| p["id"].as_i64())
            .unwrap_or_else(|| panic!("no account {name}"))
    };
    let a_dash_b = format!("assets:a-b #{}", id_of("a-b"));
    let expected: [(&str, &str); 6] = [
        ("assets:Joint- Main", "887.50"),
        ("assets:Joint- Main:Trip, 2026", "200.00"),
        ("assets:a-b", "5.00"),
        (&a_dash_b, "0.00"),
        ("liabilities:Visa Gold", "-85.00"),
        ("assets:Brøker 日本", "1100.00"),
    ];
    for (account, amount) in expected {
        assert_eq!(
            own.get(account).copied().unwrap_or_default(),
            dec(amount),
            "{account} in {own:?}"
        );
    }
    let is = hledger_csv(&journal, &["is"]);
    assert_eq!(row_value(&is, "total", 0), dec("100.00"), "income: {is:?}");
    assert_eq!(row_value(&is, "total", 1), dec("47.50"), "expense: {is:?}");
    assert!(
        is.iter().any(|r| r[0] == "income:uncategorized"),
        "income without a category: {is:?}"
    );
    assert!(is.iter().any(|r| r[0] == "expenses:Food-Out, late"), "{is:?}");
    // hledger keeps the whole description (no semicolon cuts it short) and ledger reads the file too.
    let printed = tool("hledger", &["-f", &path, "print", "desc:dinner"]);
    assert!(
        printed.contains("Café, dinner — 日本  two spaces * ! @ = |"),
        "{printed}"
    );
    let codes = tool("hledger", &["-f", &path, "register", "-O", "csv", "expenses:Misc"]);
    assert!(codes.contains("* looks cleared"), "{codes}");
    tool("ledger", &["-f", &path, "bal"]);
}

#[test]
fn csv_export_defuses_formula_cells_keeps_amounts_plain_and_round_trips() {
    let db = TestDb::new();
    db.run_script(
        r#"
        pfos account add @Wallet --kind cash --opening 1234.5 --date 2025-09-01
        pfos add expense 10 --from @Wallet --category "=cmd|' /C calc'!A0" --date 2025-09-02 --desc "-2 off, see note"
        pfos add income 0.99 --to @Wallet --category +Bonus --date 2025-09-03 --desc "=HYPERLINK(""http://x"")"
        pfos add expense 1000000 --from @Wallet --category Rent --date 2025-09-04 --desc "plain, with ""quotes"""
        "#,
    );
    let text = db.ok(&["export", "csv"]);
    let txns = db.json(&["txn", "list", "--json"]);
    let txns = txns.as_array().unwrap_or_else(|| panic!("txns"));
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .unwrap_or_else(|e| panic!("{e}"))
        .iter()
        .map(str::to_string)
        .collect();
    assert_eq!(
        header,
        [
            "id",
            "date",
            "kind",
            "amount",
            "from",
            "to",
            "category",
            "description",
            "tags"
        ]
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap_or_else(|e| panic!("{e}"))).collect();
    assert_eq!(rows.len(), txns.len());
    let mut defused = 0;
    for (row, t) in rows.iter().zip(txns) {
        assert_eq!(row[0], t["id"].to_string());
        assert_eq!(&row[1], t["date"].as_str().unwrap_or(""));
        assert_eq!(&row[2], t["kind"].as_str().unwrap_or(""));
        assert_eq!(
            &row[3],
            t["amount"].as_str().unwrap_or(""),
            "amounts stay plain numbers"
        );
        assert!(
            row[3].chars().all(|c| c.is_ascii_digit() || c == '.'),
            "amount {}",
            &row[3]
        );
        for (cell, key) in [(4, "from"), (5, "to"), (6, "category"), (7, "description")] {
            let original = t[key].as_str().unwrap_or("");
            if original.starts_with(['=', '+', '-', '@']) {
                assert_eq!(row[cell], format!("'{original}"), "{key} of {t}");
                defused += 1;
            } else {
                assert_eq!(&row[cell], original, "{key} of {t}");
            }
        }
    }
    assert_eq!(defused, 8, "every @Wallet cell, two categories and two descriptions");
    assert!(text.contains(",1000000.00,"), "no thousands separators: {text}");
}

#[test]
fn csv_export_writes_a_split_line_by_line_so_sums_by_category_are_right_and_keeps_tags() {
    let db = TestDb::new();
    db.run_script(EDITION2);
    let text = db.ok(&["export", "csv"]);
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap_or_else(|e| panic!("{e}"))).collect();
    let txns = txn_list(&db);
    let lines = |t: &Value| t["splits"].as_array().map_or(0, Vec::len).max(1);
    assert_eq!(
        rows.len(),
        txns.iter().map(lines).sum::<usize>(),
        "a row per split line"
    );
    for t in &txns {
        let id = t["id"].to_string();
        let own: Vec<&csv::StringRecord> = rows.iter().filter(|r| r[0] == id).collect();
        assert_eq!(own.len(), lines(t), "{t}");
        let sum: Decimal = own.iter().map(|r| dec(&r[3])).sum();
        assert_eq!(sum, money(&t["amount"]), "the lines add up to the transaction: {t}");
        let tags: Vec<&str> = t["tags"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
            .collect();
        for r in &own {
            assert_eq!(&r[8], tags.join(" "), "{t}");
            assert_eq!(&r[2], t["kind"].as_str().unwrap_or(""));
        }
    }
    let split: Vec<(String, String)> = rows
        .iter()
        .filter(|r| &r[0] == "9")
        .map(|r| (r[6].to_string(), r[3].to_string()))
        .collect();
    assert_eq!(
        split,
        [
            ("Groceries".to_string(), "80.00".to_string()),
            ("Household".to_string(), "40.50".to_string())
        ]
    );
    // A spreadsheet's sum by category (expenses less refunds, by month) is pfos's figure.
    for month in ["2025-09", "2025-10"] {
        let mut sums: HashMap<String, Decimal> = HashMap::new();
        for r in rows.iter().filter(|r| r[1].starts_with(month)) {
            let sign = match &r[2] {
                "expense" => Decimal::ONE,
                "refund" => -Decimal::ONE,
                _ => continue,
            };
            *sums.entry(r[6].to_string()).or_default() += sign * dec(&r[3]);
        }
        let snapshot = db.json(&["snapshot", month, "--json"]);
        for c in snapshot["categories"].as_array().into_iter().flatten() {
            let name = c["name"].as_str().unwrap_or("");
            assert_eq!(
                sums.remove(name).unwrap_or_default(),
                money(&c["expense"]),
                "{month} {name}"
            );
        }
        assert!(sums.is_empty(), "{month}: {sums:?}");
    }
}

#[test]
fn out_refuses_an_existing_file_without_force_and_leaves_nothing_half_written() {
    let db = TestDb::new();
    db.run_script(SCRIPT);
    let folder = db.dir.path().join("exports");
    std::fs::create_dir(&folder).unwrap_or_else(|e| panic!("{e}"));
    let out = folder.join("txns.csv");
    std::fs::write(&out, "keep me").unwrap_or_else(|e| panic!("{e}"));
    let path = out.to_string_lossy().to_string();
    let err = db.fails(&["export", "csv", "--out", &path]);
    assert!(err.contains("already exists") && err.contains("--force"), "{err}");
    assert_eq!(std::fs::read_to_string(&out).unwrap_or_default(), "keep me");
    db.ok(&["export", "csv", "--out", &path, "--force"]);
    assert_eq!(
        std::fs::read_to_string(&out).unwrap_or_default(),
        db.ok(&["export", "csv"])
    );
    let left: Vec<String> = std::fs::read_dir(&folder)
        .unwrap_or_else(|e| panic!("{e}"))
        .map(|e| {
            e.map(|e| e.file_name().to_string_lossy().into_owned())
                .unwrap_or_default()
        })
        .collect();
    assert_eq!(left, ["txns.csv"], "no temporary file is left behind");

    let missing = db.dir.path().join("no such folder").join("x.journal");
    let err = db.fails(&["export", "ledger", "--out", &missing.to_string_lossy()]);
    assert!(err.contains("no such folder"), "{err}");
    let db_path = db.path.to_string_lossy().to_string();
    let err = db.fails(&["export", "json", "--out", &db_path, "--force"]);
    assert!(err.contains("the database itself"), "{err}");
    assert!(db.ok(&["check"]).starts_with("ok: "), "the database is untouched");
}

/// Output that cannot be written (a full disk behind `>`) is an error, never a cut-short file that looks
/// complete; a reader that stops early (`| head`) ends the output quietly.
#[test]
fn a_full_disk_fails_the_export_and_a_closed_pipe_does_not() {
    let db = TestDb::new();
    db.run_script(SCRIPT);
    let pfos = |args: &[&str]| {
        let mut cmd = Command::new(assert_cmd::cargo::cargo_bin("pfos"));
        cmd.arg("--db").arg(&db.path).args(args).env("PFOS_TODAY", "2025-11-15");
        cmd
    };
    for args in [
        &["export", "json"][..],
        &["export", "ledger"],
        &["export", "csv"],
        &["txn", "list"],
        &["txn", "list", "--json"],
    ] {
        let full = std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .unwrap_or_else(|e| panic!("/dev/full: {e}"));
        let out = pfos(args).stdout(full).output().unwrap_or_else(|e| panic!("{e}"));
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success(), "pfos {args:?} > /dev/full succeeded");
        assert!(
            stderr.starts_with("error: ") && stderr.contains("space") && !stderr.contains("panicked"),
            "pfos {args:?}: {stderr}"
        );
    }
    let mut child = pfos(&["export", "json"])
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("{e}"));
    drop(child.stdout.take()); // the reader goes away before the first byte
    let status = child.wait().unwrap_or_else(|e| panic!("{e}"));
    assert!(status.success(), "a closed pipe is not an error: {status}");
}
