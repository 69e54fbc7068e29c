//! "Am I okay?" through the real binary, today being 15 November 2025: "Not yet" for a
//! new ledger, the spending pace, savings on the 1st, card limits (and the warning when a charge goes over
//! one), loans on schedule, the outlook, what-if refusals and loans, and the advice of close and snapshot.

mod common;

use common::TestDb;
use serde_json::Value;

fn check<'a>(status: &'a Value, key: &str) -> &'a Value {
    status["checks"]
        .as_array()
        .and_then(|c| c.iter().find(|c| c["check"] == key))
        .unwrap_or_else(|| panic!("no check {key} in {status}"))
}

fn level(status: &Value, key: &str) -> String {
    check(status, key)["level"].as_str().unwrap_or_default().to_string()
}

fn reason(status: &Value, key: &str) -> String {
    check(status, key)["reason"].as_str().unwrap_or_default().to_string()
}

/// The stderr of a command that succeeds.
fn stderr_of(db: &TestDb, args: &[&str]) -> String {
    let out = db.cmd(args).output().unwrap_or_else(|e| panic!("{e}"));
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn a_new_ledger_and_one_with_only_openings_are_not_yet_judged() {
    let db = TestDb::new();
    let status = db.json(&["status", "--json"]);
    assert_eq!(status["verdict"], "Not yet");
    assert_eq!(status["level"], "none");
    let checks = status["checks"].as_array().unwrap_or_else(|| panic!("checks"));
    let keys: Vec<&str> = checks.iter().filter_map(|c| c["check"].as_str()).collect();
    assert_eq!(
        keys,
        [
            "cards_covered",
            "no_carried_debt",
            "card_limits",
            "savings_on_target",
            "spending_in_line",
            "net_worth_trend",
            "runway",
            "debts_on_schedule",
            "outlook"
        ]
    );
    assert!(checks.iter().all(|c| c["level"] == "none" && c["reason"].is_string()));
    // Openings only, even one that leaves a card uncovered: still nothing to judge.
    db.run_script(
        r#"
        pfos account add Checking --kind checking --opening 100 --date 2025-11-01
        pfos card add Visa --statement-day 1 --opening 900 --limit 500 --date 2025-11-01
        "#,
    );
    let status = db.json(&["status", "--json"]);
    assert_eq!(status["verdict"], "Not yet");
    let text = db.ok(&["status"]);
    assert!(text.starts_with("Am I okay? Not yet"), "{text}");
    assert!(text.contains("record"), "it says how to begin: {text}");
    // The first real transaction starts the judging.
    db.ok(&[
        "add",
        "expense",
        "20",
        "--from",
        "Checking",
        "--category",
        "Food",
        "--date",
        "2025-11-02",
    ]);
    let status = db.json(&["status", "--json"]);
    assert_eq!(status["verdict"], "No");
    assert_eq!(level(&status, "cards_covered"), "bad");
    assert_eq!(level(&status, "card_limits"), "bad");
    assert!(reason(&status, "card_limits").contains("Visa 900.00 of 500.00 (180%)"));
}

/// Rent on the 2nd and dining on the 10th each month from August; groceries after the 15th. November's
/// dining by the 15th is 420.00 against 180.00.
fn spending_household() -> TestDb {
    let db = TestDb::new();
    let mut script = String::from(
        "pfos account add Checking --kind checking --opening 20000 --date 2025-08-01\n\
         pfos bucket add Travel --in Checking --target-monthly 100 --date 2025-08-01\n",
    );
    for month in ["2025-08", "2025-09", "2025-10"] {
        script.push_str(&format!(
            "pfos add income 3000 --to Checking --category Salary --date {month}-01\n\
             pfos add expense 1000 --from Checking --category Rent --date {month}-02\n\
             pfos add transfer 100 --from Checking --to Travel --date {month}-03\n\
             pfos add expense 180 --from Checking --category Dining --date {month}-10\n\
             pfos add expense 100 --from Checking --category Groceries --date {month}-20\n"
        ));
    }
    script.push_str(
        "pfos add income 3000 --to Checking --category Salary --date 2025-11-01\n\
         pfos add expense 1000 --from Checking --category Rent --date 2025-11-02\n",
    );
    db.run_script(&script);
    db
}

#[test]
fn spending_is_judged_by_pace_and_names_what_grew() {
    let db = spending_household();
    db.ok(&[
        "add",
        "expense",
        "180",
        "--from",
        "Checking",
        "--category",
        "dining",
        "--date",
        "2025-11-10",
    ]);
    let status = db.json(&["status", "--json"]);
    assert_eq!(level(&status, "spending_in_line"), "ok");
    assert!(
        reason(&status, "spending_in_line").contains("1,180.00 by the 15th, usual 1,180.00 (3 months)"),
        "{}",
        reason(&status, "spending_in_line")
    );
    assert_eq!(status["spending_usual_so_far"], "1180.00");
    db.ok(&[
        "add",
        "expense",
        "240",
        "--from",
        "Checking",
        "--category",
        "Dining",
        "--date",
        "2025-11-12",
    ]);
    let status = db.json(&["status", "--json"]);
    assert_eq!(level(&status, "spending_in_line"), "warn");
    let why = reason(&status, "spending_in_line");
    assert!(
        why.contains("1,420.00 by the 15th vs 1,180.00 usual") && why.contains("Dining 420.00 vs 180.00 usual"),
        "{why}"
    );
    assert_eq!(status["verdict"], "Mostly");
    // The text output wraps the verdict and the checks' reasons to 80 columns.
    let text = db.ok(&["status"]);
    let checks: Vec<&str> = text.split("\n\n").take(2).collect();
    assert!(
        checks.iter().all(|part| part.lines().all(|l| l.chars().count() <= 80)),
        "{text}"
    );
    assert!(
        text.contains("Dining 420.00 vs 180.00 usual"),
        "a name stays with its figure: {text}"
    );
}

#[test]
fn savings_are_not_behind_on_the_first_of_the_month() {
    let db = spending_household();
    let first = db.json(&["status", "--date", "2025-11-01", "--json"]);
    assert_eq!(
        level(&first, "savings_on_target"),
        "ok",
        "{}",
        reason(&first, "savings_on_target")
    );
    assert!(reason(&first, "savings_on_target").contains("Oct targets met"));
    // In November's last 7 days this month's target counts too; on the 23rd not yet.
    let day = |d: &str| db.json(&["status", "--date", d, "--json"]);
    assert_eq!(level(&day("2025-11-23"), "savings_on_target"), "ok");
    let late = day("2025-11-24");
    assert_eq!(level(&late, "savings_on_target"), "warn");
    assert!(reason(&late, "savings_on_target").contains("Travel 0.00 of 100.00"));
}

#[test]
fn a_charge_over_the_limit_is_recorded_with_a_warning() {
    let db = spending_household();
    db.ok(&[
        "card",
        "add",
        "Visa",
        "--statement-day",
        "1",
        "--limit",
        "500",
        "--date",
        "2025-11-01",
    ]);
    let below = stderr_of(
        &db,
        &[
            "add",
            "expense",
            "450",
            "--from",
            "Visa",
            "--category",
            "Dining",
            "--date",
            "2025-11-05",
        ],
    );
    assert!(below.is_empty(), "{below}");
    assert_eq!(
        level(&db.json(&["status", "--json"]), "card_limits"),
        "warn",
        "90% of the limit"
    );
    let over = stderr_of(
        &db,
        &[
            "add",
            "expense",
            "60",
            "--from",
            "Visa",
            "--category",
            "Dining",
            "--date",
            "2025-11-06",
        ],
    );
    assert!(
        over.starts_with("warning: Visa owes 510.00 after this charge, over its 500.00 limit"),
        "{over}"
    );
    let txns = db.json(&["txn", "list", "--json"]);
    assert!(
        txns.as_array()
            .is_some_and(|t| t.iter().any(|t| t["amount"] == "60.00")),
        "the charge is recorded"
    );
    let status = db.json(&["status", "--json"]);
    assert_eq!(level(&status, "card_limits"), "bad");
    assert!(reason(&status, "card_limits").contains("Visa 510.00 of 500.00 (102%)"));
    // An edit that raises a charge over the limit warns too.
    let id = txns
        .as_array()
        .and_then(|t| t.iter().find(|t| t["amount"] == "450.00"))
        .and_then(|t| t["id"].as_i64())
        .unwrap_or_else(|| panic!("the 450.00 charge"));
    let edited = stderr_of(&db, &["txn", "edit", &id.to_string(), "--amount", "470"]);
    assert!(edited.contains("Visa owes 530.00 after this charge"), "{edited}");
}

#[test]
fn a_loan_payment_late_in_the_month_is_flagged() {
    let db = spending_household();
    db.ok(&[
        "loan",
        "add",
        "Car loan",
        "--apr",
        "6",
        "--payment",
        "460",
        "--payment-day",
        "10",
        "--opening",
        "24000",
        "--date",
        "2025-08-01",
    ]);
    for month in ["2025-08", "2025-09", "2025-10"] {
        db.ok(&[
            "add",
            "transfer",
            "460",
            "--from",
            "Checking",
            "--to",
            "Car loan",
            "--date",
            &format!("{month}-10"),
        ]);
    }
    let status = db.json(&["status", "--json"]);
    assert_eq!(level(&status, "debts_on_schedule"), "warn");
    assert!(
        reason(&status, "debts_on_schedule").contains("Car loan got 0.00 of its 460.00 payment, due the 10th"),
        "{}",
        reason(&status, "debts_on_schedule")
    );
    assert_eq!(
        level(
            &db.json(&["status", "--date", "2025-11-10", "--json"]),
            "debts_on_schedule"
        ),
        "ok"
    );
    db.ok(&[
        "add",
        "transfer",
        "460",
        "--from",
        "Checking",
        "--to",
        "Car loan",
        "--date",
        "2025-11-14",
    ]);
    assert_eq!(level(&db.json(&["status", "--json"]), "debts_on_schedule"), "ok");
    // The forecast amortises it and gives its payoff month; a what-if pays it off sooner.
    let f = db.json(&["forecast", "--json"]);
    let loan = &f["loans"][0];
    assert_eq!(loan["name"], "Car loan");
    let off = loan["paid_off"]
        .as_str()
        .unwrap_or_else(|| panic!("a payoff month: {loan}"));
    assert_eq!(
        f["months"][1]["loans"][0]["interest"].as_str().map(|s| !s.is_empty()),
        Some(true)
    );
    let w = db.json(&["whatif", "--extra", "Car loan=200", "--json"]);
    assert_eq!(w["changes"][0], "200.00 more to Car loan every month");
    let sooner = w["scenario"]["loans"][0]["paid_off"]
        .as_str()
        .unwrap_or_else(|| panic!("{w}"));
    assert!(sooner < off, "{sooner} is not before {off}");
    assert_eq!(w["baseline"]["loans"][0]["paid_off"], off);
    let text = db.ok(&["whatif", "--extra", "Car loan=200"]);
    assert!(text.contains(&format!("Car loan: paid off {off} → {sooner}")), "{text}");
    let status = db.ok(&["status"]);
    assert!(status.contains(&format!("Paid off: Car loan {off}")), "{status}");
}

/// Checking 10,000; a Visa (statement day 1, 12%, limit 3,000) that owed 1,900 on 1 August, has been paid
/// 300 on the 20th of each month and charged 600 of dining a month: it climbs toward its limit.
fn climbing_card() -> TestDb {
    let db = TestDb::new();
    let mut script = String::from(
        "pfos account add Checking --kind checking --opening 10000 --date 2025-08-01\n\
         pfos card add Visa --statement-day 1 --opening 1900 --limit 3000 --date 2025-08-01 --apr 12\n",
    );
    for month in ["2025-08", "2025-09", "2025-10"] {
        script.push_str(&format!(
            "pfos add income 2000 --to Checking --category Salary --date {month}-01\n\
             pfos add expense 600 --from Visa --category Dining --date {month}-12\n\
             pfos add transfer 300 --from Checking --to Visa --date {month}-20\n"
        ));
    }
    db.run_script(&script);
    db
}

#[test]
fn the_outlook_names_the_month_a_card_goes_over_its_limit() {
    let db = climbing_card();
    let status = db.json(&["status", "--json"]);
    assert_eq!(level(&status, "outlook"), "warn", "{}", reason(&status, "outlook"));
    let why = reason(&status, "outlook");
    assert!(
        why.starts_with("Visa reaches ") && why.contains("over its 3,000.00 limit"),
        "{why}"
    );
    // The forecast names it in the month it happens, once.
    let f = db.json(&["forecast", "--json"]);
    let months = f["months"].as_array().unwrap_or_else(|| panic!("months"));
    let named: Vec<&str> = months
        .iter()
        .filter(|m| {
            m["drivers"].as_array().is_some_and(|d| {
                d.iter().any(|d| {
                    d["label"]
                        .as_str()
                        .is_some_and(|l| l.starts_with("Visa goes over its 3,000.00 limit"))
                })
            })
        })
        .filter_map(|m| m["month"].as_str())
        .collect();
    assert_eq!(named.len(), 1, "{named:?}");
    let first_over = months
        .iter()
        .find(|m| m["cards"][0]["over_limit"] == true)
        .and_then(|m| m["month"].as_str())
        .unwrap_or_else(|| panic!("a month over the limit"));
    assert_eq!(named[0], first_over);
    // Debt-free dates say what they assume.
    let text = db.ok(&["status"]);
    assert!(
        text.contains("with no new charges") && text.contains("at your usual spending"),
        "{text}"
    );
    assert!(status["debt_free"][0].get("at_usual_spending").is_some());
}

#[test]
fn a_what_if_dated_before_today_is_refused() {
    let db = climbing_card();
    let views = ["txn list", "whatif --extra Visa=1"];
    db.refuses(
        &["whatif", "--purchase", "Visa=900@2025-11-14"],
        &[
            "2025-11-14 is before today (2025-11-15)",
            "a what-if looks ahead",
            "2025-12-01",
        ],
        &views,
    );
    db.refuses(
        &["whatif", "--raise", "300@2025-10"],
        &["2025-10 is before this month (2025-11)"],
        &views,
    );
    db.refuses(
        &["whatif", "--add", "expense,15,Visa,monthly,2025-11-01"],
        &["its start 2025-11-01 is before today"],
        &views,
    );
    db.refuses(
        &["whatif", "--extra", "Checking=100"],
        &["extra needs a card or a loan; 'Checking' is a checking"],
        &views,
    );
    // Today and later are fine, and a purchase dated today counts.
    let base = db.json(&["forecast", "--json"]);
    let w = db.json(&["whatif", "--purchase", "Checking=500@2025-11-15", "--json"]);
    let end = |v: &Value| v["months"][0]["free_cash"].as_str().unwrap_or_default().to_string();
    assert_ne!(
        end(&w["scenario"]),
        end(&base),
        "the purchase today changes the first period"
    );
    db.ok(&["whatif", "--raise", "300@2025-11"]);
}

#[test]
fn close_and_snapshot_give_advice_that_works() {
    let db = TestDb::new();
    db.run_script(
        r#"
        pfos account add Checking --kind checking --opening 100 --date 2025-09-01
        pfos add income 50 --to Checking --date 2025-09-05
        pfos close 2025-09
        "#,
    );
    // A month before the first closed one is locked: it is closed, and the next month to close is named.
    let before = db.fails(&["close", "2025-08"]);
    assert!(
        before.contains("month 2025-08 is closed") && before.contains("the next month to close is 2025-10"),
        "{before}"
    );
    assert!(!before.contains("first month with transactions"), "{before}");
    let again = db.fails(&["close", "2025-09"]);
    assert!(
        again.contains("already closed") && again.contains("the next month to close is 2025-10"),
        "{again}"
    );
    // Snapshots of months not closed say what works.
    let next = db.fails(&["snapshot", "2025-10", "--json"]);
    assert!(next.contains("close 2025-10 with 'pfos close 2025-10'"), "{next}");
    db.ok(&["close", "2025-10"]);
    let current = db.fails(&["snapshot", "2025-11", "--json"]);
    assert!(
        current.contains("not over yet") && current.contains("'pfos close 2025-11 --force'"),
        "{current}"
    );
    let later = db.fails(&["snapshot", "2026-01", "--json"]);
    assert!(
        later.contains("has not started yet") && !later.contains("pfos close 2026-01"),
        "{later}"
    );
    let gap = TestDb::new();
    gap.run_script(
        r#"
        pfos account add Checking --kind checking --opening 100 --date 2025-08-01
        "#,
    );
    let out_of_order = gap.fails(&["snapshot", "2025-10", "--json"]);
    assert!(
        out_of_order.contains("the next one to close is 2025-08")
            && out_of_order.contains("'pfos close 2025-08'")
            && !out_of_order.contains("pfos close 2025-10"),
        "{out_of_order}"
    );
    let early = db.fails(&["snapshot", "2025-07", "--json"]);
    assert!(
        early.contains("comes before 2025-09, the first closed month"),
        "{early}"
    );
}

#[test]
fn an_import_that_takes_a_card_over_its_limit_warns_and_keeps_the_rows() {
    let db = spending_household();
    db.ok(&[
        "card",
        "add",
        "Visa",
        "--statement-day",
        "1",
        "--limit",
        "500",
        "--date",
        "2025-11-01",
    ]);
    let file = db.dir.path().join("visa.csv");
    std::fs::write(
        &file,
        "Date,Description,Amount\n2025-11-05,HOTEL,-450.00\n2025-11-06,DINNER,-60.00\n",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let path = file.to_str().unwrap_or_default();
    let dry = stderr_of(&db, &["import", "csv", path, "--into", "Visa", "--dry-run"]);
    assert!(!dry.contains("warning"), "a dry run records nothing: {dry}");
    let said = stderr_of(&db, &["import", "csv", path, "--into", "Visa"]);
    assert!(said.starts_with("warning: Visa owes 510.00"), "{said}");
    let txns = db.json(&["txn", "list", "--json"]);
    assert!(txns
        .as_array()
        .is_some_and(|t| t.iter().any(|t| t["description"] == "DINNER")));
}
