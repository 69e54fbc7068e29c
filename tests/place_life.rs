//! A place's life through the real binary: edit, archive, unarchive and remove, every refusal
//! with `error: …`, a non-zero exit and nothing changed, and renames followed everywhere.

mod common;

use common::TestDb;
use serde_json::Value;

/// Checking (with a Travel bucket), Savings, a Visa card, a car loan, a rule, a recurring item and a
/// reconciliation; September and October closed; today 2025-11-15.
fn setup() -> TestDb {
    let db = TestDb::new();
    db.run_script(
        r#"
        pfos account add Checking --kind checking --opening 1000 --date 2025-09-01
        pfos account add Savings --kind savings --date 2025-09-01
        pfos card add Visa --statement-day 15 --date 2025-09-01
        pfos bucket add Travel --in Checking --opening 100 --target-monthly 50 --date 2025-09-01
        pfos loan add "Car loan" --apr 6 --payment 300 --payment-day 5 --opening 9000 --date 2025-09-01
        pfos add expense 20 --from Visa --category Food --date 2025-09-03
        pfos add transfer 20 --from Checking --to Visa --date 2025-10-05
        pfos rule add AMAZON --transfer Visa
        pfos recurring add expense 15 --from Visa --category Streaming --every monthly --day 20 --start 2025-12-20
        pfos reconcile Checking 980 --date 2025-10-31
        pfos close 2025-09
        pfos close 2025-10
        "#,
    );
    db
}

/// Everything a refused command could have changed: the export, every listing with archived places and
/// their terms, and the activity log (a refusal logs nothing).
const VIEWS: &[&str] = &[
    "export json",
    "accounts --all --json",
    "cards --all --json",
    "buckets --all --json",
    "loans --all --json",
    "rule list --json",
    "recurring list --json",
    "log --json --limit 3",
];

fn refused(db: &TestDb, args: &[&str], needles: &[&str]) {
    db.refuses(args, needles, VIEWS);
}

/// The listing entry named `name` in `pfos LISTING --all --json`.
fn listed(db: &TestDb, listing: &str, name: &str) -> Value {
    let list = db.json(&[listing, "--all", "--json"]);
    list.as_array()
        .and_then(|l| l.iter().find(|p| p["name"] == name))
        .cloned()
        .unwrap_or_else(|| panic!("{name} is not in {listing}: {list}"))
}

fn names(list: &Value) -> Vec<String> {
    list.as_array()
        .map(|l| l.iter().filter_map(|p| p["name"].as_str().map(String::from)).collect())
        .unwrap_or_default()
}

#[test]
fn edit_refusals_name_the_reason_and_change_nothing() {
    let db = setup();
    let card_flags = "--statement-day N, --grace-days N, --limit AMT|none, --apr PCT";
    refused(&db, &["card", "edit", "Visa"], &["nothing to change", card_flags]);
    refused(
        &db,
        &["account", "edit", "Checking"],
        &["nothing to change", "--rename NEW"],
    );
    refused(
        &db,
        &["card", "edit", "Visa", "--from", "2025-12"],
        &["a from month says when", "--statement-day N"],
    );
    refused(
        &db,
        &["bucket", "edit", "Travel", "--from", "2025-12", "--goal", "200"],
        &[
            "a from month says when a new monthly target applies",
            "leave --from out",
        ],
    );
    refused(
        &db,
        &["card", "edit", "Visa", "--statement-day", "20", "--from", "2025-10"],
        &[
            "the from month 2025-10 is not after the latest closed month 2025-10",
            "--from 2025-11 or later",
        ],
    );
    refused(
        &db,
        &[
            "bucket",
            "edit",
            "Travel",
            "--target-monthly",
            "60",
            "--from",
            "2025-09",
        ],
        &["not after the latest closed month 2025-10"],
    );
    refused(
        &db,
        &["card", "edit", "Visa", "--from", "2025-13", "--grace-days", "3"],
        &["not a valid month"],
    );
    refused(
        &db,
        &["card", "edit", "Visa", "--statement-day", "0"],
        &["statement day 0 is outside 1–31"],
    );
    refused(
        &db,
        &["card", "edit", "Visa", "--statement-day", "x"],
        &["not a whole number"],
    );
    refused(
        &db,
        &["card", "edit", "Visa", "--grace-days", "91"],
        &["grace days 91 is more than 90"],
    );
    refused(
        &db,
        &["card", "edit", "Visa", "--limit", "0"],
        &["more than zero", "--limit none"],
    );
    refused(&db, &["card", "edit", "Visa", "--limit", "-5"], &["negative"]);
    refused(&db, &["card", "edit", "Visa", "--apr", "abc"], &["APR 'abc'"]);
    refused(&db, &["card", "edit", "Visa", "--min-percent", "150"], &["over 100%"]);
    refused(
        &db,
        &["bucket", "edit", "Travel", "--goal", "0"],
        &["goal must be more than zero", "--goal none"],
    );
    refused(
        &db,
        &["bucket", "edit", "Travel", "--target-monthly", "-1"],
        &["negative"],
    );
    refused(&db, &["loan", "edit", "Car loan", "--payment", "0"], &["zero"]);
    refused(
        &db,
        &["loan", "edit", "Car loan", "--payment-day", "40"],
        &["payment day 40 is outside 1–31"],
    );
    // Renames: unique whatever the case, a real name.
    refused(
        &db,
        &["card", "edit", "Visa", "--rename", "checking"],
        &["a place named 'Checking' already exists", "pick another"],
    );
    refused(
        &db,
        &["card", "edit", "Visa", "--rename", "  "],
        &["a place needs a name"],
    );
    refused(
        &db,
        &["card", "edit", "Visa", "--rename", "Vi\tsa"],
        &["control characters"],
    );
    // The command must fit the place.
    refused(
        &db,
        &["card", "edit", "Checking", "--apr", "5"],
        &[
            "'Checking' is a checking account, not a card",
            "'pfos account edit Checking'",
        ],
    );
    refused(
        &db,
        &["loan", "edit", "Visa", "--apr", "5"],
        &["'Visa' is a card, not a loan", "'pfos card edit Visa'"],
    );
    refused(
        &db,
        &["account", "edit", "Car loan", "--rename", "Auto"],
        &["is a loan, not an account", "'pfos loan edit \"Car loan\"'"],
    );
    refused(
        &db,
        &["card", "edit", "Nowhere", "--apr", "5"],
        &["no place named 'Nowhere'", "Visa"],
    );
    // What never changes.
    refused(
        &db,
        &["account", "edit", "Checking", "--kind", "savings"],
        &[
            "an account's kind never changes",
            "pfos account add NAME --kind savings",
            "archive 'Checking'",
        ],
    );
    refused(
        &db,
        &["bucket", "edit", "Travel", "--in", "Savings"],
        &[
            "never changes ('Travel' stays in 'Checking')",
            "pfos bucket add NAME --in Savings",
        ],
    );
    // One bad part refuses the whole edit.
    refused(
        &db,
        &[
            "card",
            "edit",
            "Visa",
            "--rename",
            "Visa Gold",
            "--limit",
            "500",
            "--grace-days",
            "99",
        ],
        &["grace days 99"],
    );
    refused(
        &db,
        &["bucket", "edit", "Travel", "--rename", "Trips", "--in", "Savings"],
        &["never changes"],
    );
}

#[test]
fn terms_change_from_a_month_or_at_once_and_listings_show_those_in_force() {
    let db = setup();
    let out = db.ok(&["card", "edit", "visa", "--statement-day", "20"]);
    assert_eq!(out.trim(), "edited card 'Visa': statement day 20 from 2025-11");
    let out = db.ok(&[
        "card",
        "edit",
        "Visa",
        "--grace-days",
        "10",
        "--from",
        "2026-01",
        "--limit",
        "500",
    ]);
    assert_eq!(
        out.trim(),
        "edited card 'Visa': grace days 10 from 2026-01; limit 500.00"
    );
    let visa = listed(&db, "cards", "Visa");
    assert_eq!(visa["statement_day"], 20, "in force this month: {visa}");
    assert_eq!(visa["grace_days"], 25, "the new grace days start in January: {visa}");
    assert_eq!(visa["limit"], "500.00");
    assert_eq!(visa["terms_changes"][1]["from"], "2026-01");
    assert_eq!(visa["terms_changes"][1]["grace_days"], 10);
    db.ok(&["card", "edit", "Visa", "--limit", "none", "--apr", "21"]);
    db.ok(&["card", "set", "Visa", "--min-floor", "30"]);
    let visa = listed(&db, "cards", "Visa");
    assert_eq!(
        (visa["limit"].clone(), visa["apr"].clone()),
        (Value::Null, Value::from("21.00")),
        "{visa}"
    );
    assert_eq!(
        visa["min_payment_floor"], "30.00",
        "card set is the rate part of card edit"
    );

    let out = db.ok(&["bucket", "edit", "Travel", "--target-monthly", "80", "--goal", "500"]);
    assert_eq!(
        out.trim(),
        "edited bucket 'Travel': target 80.00 a month from 2025-11; goal 500.00"
    );
    let travel = listed(&db, "buckets", "Travel");
    assert_eq!(
        (travel["target_monthly"].as_str(), travel["goal"].as_str()),
        (Some("80.00"), Some("500.00"))
    );
    db.ok(&["bucket", "edit", "Travel", "--goal", "none"]);
    assert_eq!(listed(&db, "buckets", "Travel")["goal"], Value::Null);

    let out = db.ok(&[
        "loan",
        "edit",
        "car loan",
        "--apr",
        "5.5",
        "--payment",
        "320",
        "--payment-day",
        "31",
    ]);
    assert_eq!(
        out.trim(),
        "edited loan 'Car loan': APR 5.5%; payment 320.00 a month; payment day 31"
    );
    let car = listed(&db, "loans", "Car loan");
    assert_eq!(
        (
            car["apr"].as_str(),
            car["payment"].as_str(),
            car["payment_day"].as_u64()
        ),
        (Some("5.5"), Some("320.00"), Some(31))
    );

    // November's statement closes on the new day, and its due date follows the grace days in force.
    db.ok(&[
        "add",
        "expense",
        "40",
        "--from",
        "Visa",
        "--category",
        "Food",
        "--date",
        "2025-11-12",
    ]);
    db.ok(&["close", "2025-11", "--force"]);
    let nov = db.json(&["snapshot", "2025-11", "--json"]);
    assert_eq!(nov["cards"][0]["statement_date"], "2025-11-20", "{nov}");
    assert_eq!(nov["cards"][0]["due_date"], "2025-12-15");
    assert_eq!(nov["buckets"][0]["target_monthly"], "80.00");
    let oct = db.json(&["snapshot", "2025-10", "--json"]);
    assert_eq!(
        oct["cards"][0]["statement_date"], "2025-10-15",
        "a closed month keeps its terms"
    );
    assert_eq!(oct["buckets"][0]["target_monthly"], "50.00");
    assert!(db.ok(&["check"]).starts_with("ok:"));
}

#[test]
fn archive_refusals_name_the_reason_and_change_nothing() {
    let db = setup();
    refused(
        &db,
        &["archive", "Travel"],
        &[
            "'Travel' holds 100.00 on 2025-11-15",
            "balance is zero",
            "pfos add transfer 100.00 --from Travel",
        ],
    );
    refused(
        &db,
        &["archive", "Checking"],
        &["'Checking' holds 880.00 of its own (its buckets aside)"],
    );
    refused(
        &db,
        &["archive", "Car loan"],
        &[
            "'Car loan' owes 9,000.00",
            "pfos add transfer 9000.00 --from ACCOUNT --to \"Car loan\"",
        ],
    );
    refused(
        &db,
        &["archive", "Visa", "--date", "2025-10-31"],
        &[
            "2025-10-31 is not after the latest closed month 2025-10",
            "on 2025-11-01 or later",
        ],
    );
    refused(&db, &["archive", "Visa", "--date", "2025-11-31"], &["not a valid date"]);
    refused(&db, &["archive", "Nowhere"], &["no place named 'Nowhere'"]);
    db.ok(&[
        "add",
        "expense",
        "5",
        "--from",
        "Visa",
        "--category",
        "Food",
        "--date",
        "2025-11-10",
    ]);
    refused(
        &db,
        &["archive", "Visa", "--date", "2025-11-01"],
        &[
            "'Visa' has 1 transaction dated after 2025-11-01 (the first #",
            "on 2025-11-10 or later",
        ],
    );
    db.ok(&[
        "add",
        "transfer",
        "880",
        "--from",
        "Checking",
        "--to",
        "Savings",
        "--date",
        "2025-11-11",
    ]);
    refused(
        &db,
        &["archive", "Checking"],
        &["'Checking' holds the bucket 'Travel'", "'pfos archive Travel'"],
    );
    refused(
        &db,
        &["unarchive", "Checking"],
        &["'Checking' is not archived", "pfos accounts --all"],
    );
}

#[test]
fn an_archived_place_takes_nothing_after_its_date_and_leaves_the_lists() {
    let db = setup();
    db.run_script(
        r#"
        pfos add transfer 100 --from Travel --to Savings --date 2025-11-02
        pfos add transfer 880 --from Checking --to Savings --date 2025-11-03
        pfos rule add MOVE --transfer Checking
        "#,
    );
    let out = db.ok(&["archive", "Travel", "--date", "2025-11-02"]);
    assert_eq!(
        out.trim(),
        "archived bucket 'Travel' on 2025-11-02; it takes no transaction after that ('pfos unarchive' lifts it)"
    );
    db.ok(&["archive", "checking", "--date", "2025-11-03"]);
    refused(
        &db,
        &["archive", "Checking"],
        &["already archived, on 2025-11-03", "pfos unarchive Checking"],
    );
    refused(
        &db,
        &["unarchive", "Travel"],
        &[
            "'Travel' is held in 'Checking', which is archived",
            "pfos unarchive Checking",
        ],
    );
    // Lists: gone without --all, marked with it.
    assert_eq!(names(&db.json(&["accounts", "--json"])), ["Savings"]);
    assert_eq!(
        names(&db.json(&["accounts", "--all", "--json"])),
        ["Checking", "Savings"]
    );
    assert_eq!(listed(&db, "accounts", "Checking")["archived_on"], "2025-11-03");
    assert!(db.ok(&["accounts", "--all"]).contains("Checking (archived)"));
    assert!(!db.ok(&["accounts"]).contains("Checking"));
    assert_eq!(db.ok(&["buckets"]).trim(), "none (archived ones are listed with --all)");
    assert!(db.ok(&["buckets", "--all"]).contains("Travel (archived)"));
    let status = db.json(&["status", "--json"]);
    assert_eq!(
        status["buckets"],
        serde_json::json!([]),
        "the dashboard leaves it out: {status}"
    );
    // Nothing dated after the archive date: add, edit, import.
    refused(
        &db,
        &[
            "add",
            "expense",
            "5",
            "--from",
            "Checking",
            "--category",
            "Food",
            "--date",
            "2025-11-04",
        ],
        &[
            "'Checking' was archived on 2025-11-03",
            "on or before 2025-11-03",
            "pfos unarchive Checking",
        ],
    );
    refused(
        &db,
        &["add", "transfer", "5", "--from", "Savings", "--to", "Travel"],
        &["'Travel' was archived on 2025-11-02"],
    );
    let last = db.json(&["txn", "list", "--json"]);
    let last_id = last
        .as_array()
        .and_then(|l| l.last())
        .map(|t| t["id"].to_string())
        .unwrap_or_default();
    refused(
        &db,
        &["txn", "edit", &last_id, "--date", "2025-11-20"],
        &["'Checking' was archived on 2025-11-03"],
    );
    // On the archive date itself a transaction is dated fine, but the place must stay empty.
    refused(
        &db,
        &[
            "add",
            "income",
            "0.50",
            "--to",
            "Checking",
            "--category",
            "Interest",
            "--date",
            "2025-11-03",
        ],
        &[
            "archived on 2025-11-03 with nothing left on it",
            "would leave 0.50 on it",
        ],
    );
    let file = db.dir.path().join("bank.csv");
    let write = |text: &str| std::fs::write(&file, text).unwrap_or_else(|e| panic!("write: {e}"));
    write("Date,Description,Amount\n2025-11-05,Coffee,-3.00\n");
    let path = file.to_string_lossy().into_owned();
    refused(
        &db,
        &["import", "csv", &path, "--into", "Checking"],
        &[
            "'Checking' was archived on 2025-11-03",
            "nothing was imported",
            "pfos unarchive Checking",
        ],
    );
    write("Date,Description,Amount\n2025-11-05,MOVE to checking,-3.00\n2025-11-06,Coffee,-3.00\n");
    refused(
        &db,
        &["import", "csv", &path, "--into", "Savings"],
        &[
            "1 row(s) cannot be imported",
            "line 2: 'Checking' was archived on 2025-11-03",
        ],
    );
    // Unarchive lifts it.
    let out = db.ok(&["unarchive", "Checking"]);
    assert_eq!(
        out.trim(),
        "unarchived checking account 'Checking' (archived on 2025-11-03)"
    );
    db.ok(&[
        "add",
        "expense",
        "0.50",
        "--from",
        "Checking",
        "--category",
        "Food",
        "--date",
        "2025-11-04",
    ]);
    db.ok(&["unarchive", "Travel"]);
    assert_eq!(names(&db.json(&["buckets", "--json"])), ["Travel"]);
    assert!(db.ok(&["check"]).starts_with("ok:"));
}

#[test]
fn an_archived_card_leaves_the_dashboard() {
    let db = setup();
    let cards = |db: &TestDb| names(&db.json(&["status", "--json"])["cards"]);
    assert_eq!(cards(&db), ["Visa"]);
    db.ok(&["archive", "Visa", "--date", "2025-11-01"]);
    assert!(cards(&db).is_empty());
    assert_eq!(
        names(&db.json(&["status", "--date", "2025-10-31", "--json"])["cards"]),
        ["Visa"]
    );
    assert!(db.json(&["cards", "--json"]).as_array().is_some_and(Vec::is_empty));
}

#[test]
fn remove_refusals_say_what_uses_the_place() {
    let db = setup();
    refused(
        &db,
        &["remove", "Visa"],
        &["'Visa' is used by 2 transactions (the first #6 on 2025-09-03), 1 recurring item and 1 rule; archive it instead with 'pfos archive Visa'"],
    );
    refused(
        &db,
        &["remove", "Checking"],
        &["'Checking' is used by 1 transaction (the first #7 on 2025-10-05), 1 reconciliation and the bucket 'Travel' held in it"],
    );
    refused(
        &db,
        &["remove", "Savings"],
        &[
            "'Savings' opened on 2025-09-01, which is not after the latest closed month 2025-10",
            "'pfos archive Savings'",
        ],
    );
    refused(&db, &["remove", "Car loan"], &["'pfos archive \"Car loan\"'"]);
    refused(&db, &["remove", "Nowhere"], &["no place named 'Nowhere'"]);
}

#[test]
fn a_place_only_its_opening_refers_to_is_removed_with_it() {
    let db = setup();
    db.ok(&["account", "add", "Typo", "--kind", "cash", "--opening", "5"]);
    let before = db.json(&["txn", "list", "--json"]);
    let out = db.ok(&["remove", "typo"]);
    assert_eq!(out.trim(), "removed cash account 'Typo' with its opening balance");
    assert!(!names(&db.json(&["accounts", "--all", "--json"])).contains(&"Typo".to_string()));
    let after = db.json(&["txn", "list", "--json"]);
    assert_eq!(
        after.as_array().map(Vec::len),
        before.as_array().map(|l| l.len() - 1),
        "the opening went too"
    );
    db.ok(&["undo"]);
    assert_eq!(db.json(&["txn", "list", "--json"]), before, "undo brings both back");
    assert!(db.ok(&["check"]).starts_with("ok:"));
}

#[test]
fn a_rename_follows_into_snapshots_rules_recurring_items_and_reconciliations() {
    let db = setup();
    let out = db.ok(&["card", "edit", "Visa", "--rename", "Visa Gold"]);
    assert_eq!(out.trim(), "edited card 'Visa Gold': renamed from 'Visa'");
    db.ok(&["account", "edit", "checking", "--rename", "Main"]);
    db.ok(&["bucket", "edit", "Travel", "--rename", "Trips"]);
    db.ok(&["loan", "edit", "Car loan", "--rename", "Auto"]);
    db.ok(&["card", "edit", "visa gold", "--rename", "VISA GOLD"]); // its own name in another case
    let snap = db.json(&["snapshot", "2025-09", "--json"]);
    assert_eq!(
        names(&snap["places"]),
        ["Main", "Savings", "VISA GOLD", "Trips", "Auto"],
        "{snap}"
    );
    assert_eq!(names(&snap["cards"]), ["VISA GOLD"]);
    assert_eq!(names(&snap["buckets"]), ["Trips"]);
    assert_eq!(names(&snap["loans"]), ["Auto"]);
    let rules = db.json(&["rule", "list", "--json"]);
    assert_eq!(rules[0]["transfer"], "VISA GOLD", "{rules}");
    let recurring = db.json(&["recurring", "list", "--json"]);
    assert_eq!(recurring[0]["from"], "VISA GOLD", "{recurring}");
    let txns = db.json(&["txn", "list", "--month", "2025-10", "--json"]);
    assert_eq!(
        (txns[0]["from"].as_str(), txns[0]["to"].as_str()),
        (Some("Main"), Some("VISA GOLD"))
    );
    assert_eq!(listed(&db, "buckets", "Trips")["held_in"], "Main");
    assert!(
        db.ok(&["accounts"]).contains("2025-10-31"),
        "the reconciliation stays with Main"
    );
    refused(
        &db,
        &["add", "expense", "5", "--from", "Visa", "--category", "Food"],
        &["no place named 'Visa'", "VISA GOLD"],
    );
    assert!(db
        .ok(&["log", "--limit", "6"])
        .contains("edit card 'Visa': rename to 'Visa Gold'"));
    assert!(db.ok(&["check"]).starts_with("ok:"));
}

#[test]
fn each_add_command_says_what_its_opening_is() {
    let db = TestDb::new();
    for (kind, meaning) in [
        ("account", "The account's balance"),
        ("card", "What the card owes"),
        ("bucket", "What the bucket holds"),
        ("loan", "What is owed"),
    ] {
        let help = db.ok(&[kind, "add", "--help"]);
        let line = help
            .lines()
            .find(|l| l.trim_start().starts_with("--opening"))
            .unwrap_or_else(|| panic!("{help}"));
        assert!(line.contains(meaning), "{kind}: {line}");
        if kind != "card" {
            assert!(!line.contains("card"), "{kind}: {line}");
        }
    }
}
