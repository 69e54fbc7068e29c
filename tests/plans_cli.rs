//! Looking ahead through the real binary: recurring items, the forecast, what-if, card APR and payoff, status.

mod common;

use common::TestDb;
use serde_json::Value;

/// Checking with 10,000; a Visa (statement day 1, APR 12%) that owed 1,900 on 1 August and has been paid
/// 300 on the 20th of each month since, so it carries debt and owes 1,000.00 on 15 November (today).
fn card_debt() -> TestDb {
    let db = TestDb::new();
    db.run_script(
        r#"
        pfos account add Checking --kind checking --opening 10000 --date 2025-08-01
        pfos card add Visa --statement-day 1 --opening 1900 --date 2025-08-01 --apr 12
        pfos add transfer 300 --from Checking --to Visa --date 2025-08-20
        pfos add transfer 300 --from Checking --to Visa --date 2025-09-20
        pfos add transfer 300 --from Checking --to Visa --date 2025-10-20
        "#,
    );
    db
}

fn text<'a>(v: &'a Value, path: &[&str]) -> &'a str {
    let mut at = v;
    for key in path {
        at = match key.parse::<usize>() {
            Ok(i) => &at[i],
            Err(_) => &at[*key],
        };
    }
    at.as_str().unwrap_or_else(|| panic!("{path:?} is not a string in {v}"))
}

/// Every money string in a JSON value has exactly two decimals.
fn money_strings_have_two_decimals(v: &Value) {
    let money_keys = [
        "amount",
        "income",
        "spending",
        "net_worth",
        "free_cash",
        "interest",
        "balance",
        "paid",
    ];
    match v {
        Value::Object(map) => {
            for (k, x) in map {
                if let (true, Value::String(s)) = (money_keys.contains(&k.as_str()), x) {
                    let (int, frac) = s.split_once('.').unwrap_or_else(|| panic!("{k}: {s}"));
                    assert!(
                        frac.len() == 2 && int.trim_start_matches('-').chars().all(|c| c.is_ascii_digit()),
                        "{k}: {s}"
                    );
                }
                money_strings_have_two_decimals(x);
            }
        }
        Value::Array(items) => items.iter().for_each(money_strings_have_two_decimals),
        _ => {}
    }
}

#[test]
fn card_apr_is_stored_and_can_be_changed() {
    let db = card_debt();
    let cards = db.json(&["cards", "--json"]);
    assert_eq!(cards[0]["apr"], "12.00");
    assert_eq!(cards[0]["min_payment_percent"], "1.00");
    assert_eq!(cards[0]["min_payment_floor"], "25.00");
    let out = db.ok(&[
        "card",
        "set",
        "visa",
        "--apr",
        "19.99",
        "--min-percent",
        "2",
        "--min-floor",
        "35",
    ]);
    assert!(
        out.contains("APR 19.99%") && out.contains("2% of the statement"),
        "{out}"
    );
    let cards = db.json(&["cards", "--json"]);
    assert_eq!(cards[0]["apr"], "19.99");
    assert_eq!(cards[0]["min_payment_floor"], "35.00");
    assert!(db.ok(&["cards"]).contains("19.99%"));
}

#[test]
fn payoff_under_the_minimum_the_usual_payments_and_a_chosen_payment() {
    let db = card_debt();
    // Usual: 300 a month (it carries debt, and 300 was paid each month). 1,000.00 at 1% a month from November:
    //   Nov 700 + 7.00; Dec 407 + 4.07; Jan 111.07 + 1.11; Feb 112.18 paid: debt-free 2026-02, interest 12.18.
    // Chosen 550: Nov 450 + 4.50; Dec 454.50 paid: debt-free 2025-12, interest 4.50.
    let p = db.json(&["card", "payoff", "Visa", "--pay", "550", "--json"]);
    assert_eq!(p["balance"], "1000.00");
    assert_eq!(p["usual"]["kind"], "fixed");
    assert_eq!(p["usual"]["amount"], "300.00");
    assert_eq!(p["first_payment"], "2025-11");
    assert_eq!(p["current"]["debt_free"], "2026-02");
    assert_eq!(p["current"]["interest"], "12.18");
    assert_eq!(p["chosen"]["debt_free"], "2025-12");
    assert_eq!(p["chosen"]["interest"], "4.50");
    assert_eq!(p["chosen"]["payment"], "550.00");
    assert!(p["minimum"]["months"].as_u64().is_some_and(|n| n > 4));
    money_strings_have_two_decimals(&p);
    let out = db.ok(&["card", "payoff", "Visa"]);
    assert!(
        out.contains("Debt-free") && out.contains("2026-02") && out.contains("12.18"),
        "{out}"
    );
}

#[test]
fn an_extra_payment_moves_the_debt_free_date_two_months_earlier() {
    let db = card_debt();
    // 250 more a month: the same arithmetic as the chosen 550 above, two months sooner and 7.68 less interest.
    let w = db.json(&["whatif", "--extra", "Visa=250", "--json"]);
    assert_eq!(w["changes"][0], "250.00 more to Visa every month");
    assert_eq!(
        text(&w, &["payoffs", "0", "baseline", "current", "debt_free"]),
        "2026-02"
    );
    assert_eq!(
        text(&w, &["payoffs", "0", "scenario", "current", "debt_free"]),
        "2025-12"
    );
    assert_eq!(text(&w, &["payoffs", "0", "baseline", "current", "interest"]), "12.18");
    assert_eq!(text(&w, &["payoffs", "0", "scenario", "current", "interest"]), "4.50");
    // The forecast agrees: the statement is paid in full from February, or from December; interest over the
    // forecast 12.18 against 4.50, and net worth at the end 7.68 higher.
    assert_eq!(text(&w, &["baseline", "cards", "0", "clear_from"]), "2026-02");
    assert_eq!(text(&w, &["scenario", "cards", "0", "clear_from"]), "2025-12");
    assert_eq!(w["baseline"]["interest"], "12.18");
    assert_eq!(w["scenario"]["interest"], "4.50");
    let last = |side: &str| -> i64 {
        let months = w[side]["months"].as_array().unwrap_or_else(|| panic!("months"));
        let nw = text(&months[months.len() - 1], &["net_worth"]).replace('.', "");
        nw.parse().unwrap_or_else(|e| panic!("{e}"))
    };
    assert_eq!(last("scenario") - last("baseline"), 768);
    money_strings_have_two_decimals(&w);
    let out = db.ok(&["whatif", "--extra", "Visa=250"]);
    assert!(
        out.contains("Visa: debt-free 2026-02 → 2025-12, interest 12.18 → 4.50"),
        "{out}"
    );
}

#[test]
fn recurring_items_post_once_and_show_on_the_dashboard() {
    let db = card_debt();
    db.ok(&[
        "recurring",
        "add",
        "income",
        "4200",
        "--to",
        "Checking",
        "--category",
        "Salary",
        "--every",
        "monthly",
        "--day",
        "1",
        "--start",
        "2025-10-01",
    ]);
    let out = db.ok(&[
        "recurring",
        "add",
        "expense",
        "15.99",
        "--from",
        "Visa",
        "--category",
        "Streaming",
        "--desc",
        "Films",
        "--every",
        "monthly",
        "--day",
        "31",
        "--start",
        "2025-10-31",
    ]);
    assert!(
        out.contains("added recurring item 2") && out.contains("next on 2025-11-30"),
        "{out}"
    );
    let list = db.json(&["recurring", "list", "--json"]);
    assert_eq!(list.as_array().map(Vec::len), Some(2));
    assert_eq!(list[1]["every"], "monthly on day 31");
    assert_eq!(list[1]["amount"], "15.99");
    assert_eq!(list[0]["due"], 2, "October and November salaries");
    let status = db.json(&["status", "--json"]);
    let due = status["recurring_due"]
        .as_array()
        .unwrap_or_else(|| panic!("recurring_due"));
    assert_eq!(due.len(), 3, "salary Oct 1 and Nov 1, films Oct 31: {due:?}");
    assert!(status["health"]["runway_months"].is_string());
    assert!(status["debt_free"][0]["current"]["debt_free"].is_string());
    let before = db.json(&["txn", "list", "--json"]).as_array().map_or(0, Vec::len);
    let dry = db.ok(&["recurring", "post", "--dry-run"]);
    assert!(dry.contains("3 occurrence(s) would be posted"), "{dry}");
    let first = db.json(&["recurring", "post", "--json"]);
    assert_eq!(first["posted"].as_array().map(Vec::len), Some(3));
    let second = db.ok(&["recurring", "post"]);
    assert!(second.contains("nothing recurring is due"), "{second}");
    let after = db.json(&["txn", "list", "--json"]).as_array().map_or(0, Vec::len);
    assert_eq!(after, before + 3, "posting twice creates nothing twice");
    assert_eq!(
        db.json(&["status", "--json"])["recurring_due"],
        Value::Array(Vec::new())
    );
    assert!(db.ok(&["check"]).starts_with("ok: "));
    // Edit and delete.
    let out = db.ok(&["recurring", "edit", "2", "--amount", "17.99", "--count", "3"]);
    assert!(out.contains("17.99"), "{out}");
    let list = db.json(&["recurring", "list", "--json"]);
    assert_eq!(list[1]["count"], 3);
    db.ok(&["recurring", "edit", "2", "--count", "never"]);
    assert_eq!(db.json(&["recurring", "list", "--json"])[1]["count"], Value::Null);
    let out = db.ok(&["recurring", "delete", "2"]);
    assert!(out.contains("the transactions it posted stay"), "{out}");
    assert_eq!(
        db.json(&["txn", "list", "--json"]).as_array().map_or(0, Vec::len),
        after
    );
}

#[test]
fn the_forecast_runs_month_by_month_with_money_as_strings() {
    let db = card_debt();
    db.ok(&[
        "recurring",
        "add",
        "income",
        "3000",
        "--to",
        "Checking",
        "--every",
        "monthly",
        "--day",
        "1",
        "--start",
        "2025-12-01",
    ]);
    let f = db.json(&["forecast", "--months", "6", "--json"]);
    let months = f["months"].as_array().unwrap_or_else(|| panic!("months"));
    assert_eq!(months.len(), 7, "the rest of November, then six months");
    assert_eq!(months[0]["partial"], true);
    assert_eq!(months[0]["from"], "2025-11-16");
    assert_eq!(months[1]["month"], "2025-12");
    assert_eq!(months[1]["income"], "3000.00");
    assert_eq!(months[6]["month"], "2026-05");
    assert!(months[1]["drivers"].as_array().is_some_and(|d| !d.is_empty()));
    money_strings_have_two_decimals(&f);
    let out = db.ok(&["forecast"]);
    assert!(
        out.contains("Nov 16–30") && out.contains("Nov 2026") && out.contains("What drives it"),
        "{out}"
    );
}

#[test]
fn the_database_is_at_the_latest_schema() {
    let db = card_debt();
    let conn = rusqlite::Connection::open(&db.path).unwrap_or_else(|e| panic!("{e}"));
    let version: i64 = conn
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(version, pfos::store::schema_version());
    let tables: i64 = conn
        .query_row(
            "SELECT count(*) FROM sqlite_master WHERE name IN ('recurring', 'recurring_posts', 'snapshot_plans')",
            [],
            |r| r.get(0),
        )
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(tables, 3);
}

#[test]
fn a_new_ledger_still_has_a_status_and_the_forecast_says_what_it_needs() {
    let db = TestDb::new();
    let status = db.json(&["status", "--json"]);
    assert!(status.get("health").is_none(), "nothing to look ahead at yet");
    assert!(db.ok(&["status"]).contains("Am I okay?"));
    let stderr = db.fails(&["forecast"]);
    assert!(
        stderr.contains("needs an account") && stderr.contains("pfos account add"),
        "{stderr}"
    );
}
