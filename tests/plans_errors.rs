//! Every bad input of the looking-ahead commands: `error: …` naming what was wrong and what to do,
//! a non-zero exit, no panic, and nothing changed.

mod common;

use common::TestDb;

/// Checking, a Visa card and a Travel bucket; one recurring rent; September closed.
fn setup() -> TestDb {
    let db = TestDb::new();
    db.run_script(
        r#"
        pfos account add Checking --kind checking --opening 1000 --date 2025-09-01
        pfos card add Visa --statement-day 15 --date 2025-09-01
        pfos bucket add Travel --in Checking --opening 100 --target-monthly 50 --date 2025-09-01
        pfos add expense 20 --from Checking --category Food --date 2025-09-10
        pfos close 2025-09
        pfos recurring add expense 900 --from Checking --category Rent --every monthly --day 1 --start 2025-10-01
        "#,
    );
    db
}

/// Everything a user could see, to prove a refused command changed nothing.
const VIEWS: &[&str] = &[
    "txn list --json",
    "cards --json",
    "recurring list --json",
    "snapshot 2025-09 --json",
];

/// Runs a command that must be refused with a message containing every `needle`, changing nothing.
fn refused(db: &TestDb, args: &[&str], needles: &[&str]) {
    db.refuses(args, needles, VIEWS);
}

fn add<'a>(extra: &[&'a str]) -> Vec<&'a str> {
    let mut args = vec![
        "recurring",
        "add",
        "expense",
        "10",
        "--from",
        "Checking",
        "--category",
        "Gym",
    ];
    args.extend_from_slice(extra);
    args
}

#[test]
fn bad_recurring_items() {
    let db = setup();
    refused(
        &db,
        &add(&["--every", "daily"]),
        &["'daily' is not a cadence", "weekly, biweekly"],
    );
    refused(
        &db,
        &add(&["--every", "monthly", "--day", "32"]),
        &["day 32 is outside 1–31"],
    );
    refused(
        &db,
        &add(&["--every", "monthly", "--day", "x"]),
        &["day 'x' is not a whole number"],
    );
    refused(
        &db,
        &add(&["--every", "weekly", "--day", "3"]),
        &["a day of the month only goes with a monthly item", "leave --day out"],
    );
    refused(
        &db,
        &add(&["--every", "weekly", "--start", "2025-10-10", "--until", "2025-10-01"]),
        &["before the start", "--until"],
    );
    refused(
        &db,
        &add(&["--every", "weekly", "--count", "0"]),
        &["number of times must be 1 or more"],
    );
    refused(
        &db,
        &add(&["--every", "weekly", "--count", "2", "--until", "2026-01-01"]),
        &["cannot be used with"],
    );
    refused(
        &db,
        &add(&["--every", "weekly", "--start", "2025-02-30"]),
        &["not a valid date"],
    );
    refused(
        &db,
        &add(&["--every", "weekly", "--start", "2025-08-01"]),
        &["opened on 2025-09-01"],
    );
    refused(
        &db,
        &[
            "recurring",
            "add",
            "refund",
            "10",
            "--to",
            "Checking",
            "--category",
            "X",
            "--every",
            "weekly",
        ],
        &["cannot recur", "expense, income or transfer"],
    );
    refused(
        &db,
        &[
            "recurring",
            "add",
            "bonus",
            "10",
            "--to",
            "Checking",
            "--every",
            "weekly",
        ],
        &["'bonus' is not a transaction kind"],
    );
    refused(
        &db,
        &[
            "recurring",
            "add",
            "expense",
            "-10",
            "--from",
            "Checking",
            "--category",
            "X",
            "--every",
            "weekly",
        ],
        &["negative"],
    );
    refused(
        &db,
        &[
            "recurring",
            "add",
            "expense",
            "10",
            "--from",
            "Nowhere",
            "--category",
            "X",
            "--every",
            "weekly",
        ],
        &["no place named 'Nowhere'", "Checking"],
    );
    refused(
        &db,
        &[
            "recurring",
            "add",
            "expense",
            "10",
            "--from",
            "Checking",
            "--every",
            "weekly",
        ],
        &["needs a category"],
    );
    refused(
        &db,
        &["recurring", "add", "income", "10", "--to", "Visa", "--every", "weekly"],
        &["income goes to an account or bucket"],
    );
}

#[test]
fn bad_edits_deletes_and_posts() {
    let db = setup();
    refused(
        &db,
        &["recurring", "edit", "9", "--amount", "5"],
        &["recurring item 9 does not exist", "pfos recurring list"],
    );
    refused(&db, &["recurring", "edit", "1"], &["nothing to change"]);
    refused(&db, &["recurring", "edit", "1", "--amount", "0"], &["zero"]);
    refused(
        &db,
        &["recurring", "edit", "1", "--until", "soon"],
        &["not a valid date"],
    );
    refused(
        &db,
        &["recurring", "delete", "abc"],
        &["'abc' is not a recurring item id"],
    );
    refused(&db, &["recurring", "delete", "7"], &["recurring item 7 does not exist"]);
    refused(
        &db,
        &["recurring", "post", "--through", "2025-13-01"],
        &["not a valid date"],
    );
}

#[test]
fn the_weekly_edit_above_keeps_the_day_out() {
    // A monthly item turned weekly loses its day; the edit is refused only when --day comes with it.
    let db = setup();
    db.ok(&["recurring", "edit", "1", "--every", "weekly"]);
    assert_eq!(db.json(&["recurring", "list", "--json"])[0]["every"], "weekly");
    refused(
        &db,
        &["recurring", "edit", "1", "--day", "3"],
        &["a day of the month only goes with a monthly item", "leave --day out"],
    );
}

#[test]
fn a_post_that_breaks_a_rule_posts_nothing() {
    let db = setup();
    // Travel holds 100: 60 on 1 October leaves 40, and 60 on the 8th would take it below zero.
    db.ok(&[
        "recurring",
        "add",
        "expense",
        "60",
        "--from",
        "Travel",
        "--category",
        "Trips",
        "--every",
        "weekly",
        "--start",
        "2025-10-01",
    ]);
    refused(
        &db,
        &["recurring", "post"],
        &["Travel", "below zero", "nothing was posted"],
    );
}

#[test]
fn bad_card_rates_and_payoffs() {
    let db = setup();
    let card = |apr: &'static str| vec!["card", "add", "Amex", "--statement-day", "3", "--apr", apr];
    refused(&db, &card("-5"), &["APR '-5' is negative"]);
    refused(&db, &card("abc"), &["APR 'abc' is not a percent", "19.99"]);
    refused(&db, &card("19.999"), &["more than two decimal places"]);
    refused(&db, &card("150"), &["over 100%"]);
    refused(
        &db,
        &["card", "set", "Nowhere", "--apr", "20"],
        &["no place named 'Nowhere'"],
    );
    refused(
        &db,
        &["card", "set", "Checking", "--apr", "20"],
        &["'Checking' is a checking, not a card"],
    );
    refused(&db, &["card", "set", "Visa"], &["nothing to set", "--apr"]);
    refused(&db, &["card", "set", "Visa", "--min-percent", "101"], &["over 100%"]);
    refused(&db, &["card", "set", "Visa", "--min-floor", "-1"], &["negative"]);
    refused(
        &db,
        &["card", "payoff", "Travel"],
        &["'Travel' is a bucket, not a card"],
    );
    refused(&db, &["card", "payoff", "Visa", "--pay", "0"], &["zero"]);
}

#[test]
fn bad_forecasts_and_what_ifs() {
    let db = setup();
    for months in ["0", "121", "twelve", "-3"] {
        refused(&db, &["forecast", "--months", months], &["--months", "from 1 to 120"]);
    }
    refused(&db, &["whatif"], &["give at least one change", "--extra CARD=AMT"]);
    refused(
        &db,
        &["whatif", "--extra", "Visa200"],
        &["extra 'Visa200' has no '='", "extra CARD=AMT"],
    );
    refused(
        &db,
        &["whatif", "--extra", "Checking=200"],
        &["extra needs a card", "'Checking' is a checking"],
    );
    refused(&db, &["whatif", "--extra", "Visa=-2"], &["negative"]);
    refused(&db, &["whatif", "--purchase", "Visa=1200"], &["has no '@DATE'"]);
    refused(
        &db,
        &["whatif", "--purchase", "Visa=1200@2026-02-31"],
        &["not a valid date"],
    );
    refused(
        &db,
        &["whatif", "--purchase", "Nowhere=5@2026-01-01"],
        &["no place named 'Nowhere'"],
    );
    refused(&db, &["whatif", "--raise", "300@2026-13"], &["not a valid month"]);
    refused(&db, &["whatif", "--lose", "lots"], &["not a number"]);
    refused(&db, &["whatif", "--target", "Visa=100"], &["target needs a bucket"]);
    refused(&db, &["whatif", "--drop", "42"], &["recurring item 42 does not exist"]);
    refused(&db, &["whatif", "--drop", "one"], &["drop 'one' is not an item id"]);
    refused(
        &db,
        &["whatif", "--add", "expense,10,Checking"],
        &["needs a kind, an amount, a place and a cadence"],
    );
    refused(
        &db,
        &["whatif", "--add", "refund,10,Checking,monthly"],
        &["cannot recur"],
    );
    refused(&db, &["whatif", "--add", "transfer,10,Checking,monthly"], &["FROM>TO"]);
    refused(
        &db,
        &["whatif", "--add", "expense,10,Checking,hourly"],
        &["not a cadence"],
    );
    refused(
        &db,
        &["whatif", "--extra", "Visa=10", "--months", "0"],
        &["from 1 to 120"],
    );
}
