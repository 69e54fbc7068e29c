//! `pfos import ofx|qif|camt` and `pfos import FILE` through the real binary, on fixtures in the shapes
//! of several banks: every row, the balances, the statement balances as reconciliations, re-imports,
//! overlapping downloads, look-alike rows, malformed files; learned categories, `rule suggest`, `txn link`.

mod common;

use common::TestDb;
use serde_json::Value;

fn fixture(path: &str) -> String {
    format!("{}/tests/fixtures/{path}", env!("CARGO_MANIFEST_DIR"))
}

/// Checking, Savings, a cash Wallet, Visa and Amex, opened on 2025-10-01; today 2025-11-15.
fn setup() -> TestDb {
    let db = TestDb::new();
    db.run_script(
        r#"
        pfos account add Checking --kind checking --opening 2500 --date 2025-10-01
        pfos account add Savings --kind savings --opening 1000 --date 2025-10-01
        pfos account add Wallet --kind cash --opening 50 --date 2025-10-01
        pfos card add Visa --statement-day 15 --opening 450 --date 2025-10-01
        pfos card add Amex --statement-day 3 --opening 500 --date 2025-10-01
        "#,
    );
    db
}

type Row = (String, String, String, String, String, String, String);

/// (date, kind, amount, from, to, category or split lines, description) of every transaction but the
/// openings, by date then id.
fn imported(db: &TestDb) -> Vec<Row> {
    let list = db.json(&["txn", "list", "--json"]);
    let text = |v: &Value| v.as_str().unwrap_or("").to_string();
    list.as_array()
        .map(|a| {
            a.iter()
                .filter(|t| t["kind"] != "opening")
                .map(|t| {
                    let category = match t["splits"].as_array().filter(|s| !s.is_empty()) {
                        Some(lines) => lines
                            .iter()
                            .map(|l| format!("{}={}", text(&l["category"]), text(&l["amount"])))
                            .collect::<Vec<_>>()
                            .join(","),
                        None => text(&t["category"]),
                    };
                    (
                        text(&t["date"]),
                        text(&t["kind"]),
                        text(&t["amount"]),
                        text(&t["from"]),
                        text(&t["to"]),
                        category,
                        text(&t["description"]),
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}

fn row(date: &str, kind: &str, amount: &str, from: &str, to: &str, category: &str, desc: &str) -> Row {
    (
        date.into(),
        kind.into(),
        amount.into(),
        from.into(),
        to.into(),
        category.into(),
        desc.into(),
    )
}

/// The balance of a place as `accounts --json` or `cards --json` gives it.
fn balance(db: &TestDb, listing: &str, name: &str) -> String {
    let list = db.json(&[listing, "--json"]);
    list.as_array()
        .and_then(|a| a.iter().find(|p| p["name"] == name))
        .map(|p| p["balance"].as_str().unwrap_or("").to_string())
        .unwrap_or_else(|| panic!("no {name} in {list}"))
}

fn import(db: &TestDb, args: &[&str]) -> String {
    let mut all = vec!["import"];
    all.extend(args);
    db.ok(&all)
}

#[test]
fn an_sgml_bank_ofx_imports_every_row_once_and_records_its_balance() {
    let db = setup();
    // The bank's payment of the Amex card goes to the card, as a CSV import would send it.
    db.ok(&["rule", "add", "AMEX EPAYMENT", "--transfer", "Amex"]);
    let file = fixture("ofx/chase_checking.qfx");
    let out = import(&db, &["ofx", &file, "--into", "Checking"]);
    assert!(out.contains("6 imported, 0 skipped as duplicates"), "{out}");
    assert!(
        out.contains("OFX 1.02 (SGML), Windows-1252, bank statement (STMTRS) of account …6789"),
        "{out}"
    );
    assert!(
        out.contains("statement balance on 2025-11-05: the bank says 4,117.10, pfos has 4,117.10 (they agree)"),
        "{out}"
    );
    let first = vec![
        // Two look-alike rows with different FITIDs are two transactions.
        row(
            "2025-11-01",
            "expense",
            "4.75",
            "Checking",
            "",
            "Uncategorized",
            "STARBUCKS STORE 1234",
        ),
        row(
            "2025-11-01",
            "expense",
            "4.75",
            "Checking",
            "",
            "Uncategorized",
            "STARBUCKS STORE 1234",
        ),
        // 20251103120000[-5:EST]: the civil date as printed.
        row(
            "2025-11-03",
            "income",
            "2000.00",
            "",
            "Checking",
            "Uncategorized",
            "ACME CORP PAYROLL",
        ),
        row(
            "2025-11-04",
            "expense",
            "150.00",
            "Checking",
            "",
            "Uncategorized",
            "CHECK 1001",
        ),
        row(
            "2025-11-05",
            "expense",
            "23.40",
            "Checking",
            "",
            "Uncategorized",
            "CAFÉ RÉSUMÉ & BAR",
        ),
        row(
            "2025-11-05",
            "expense",
            "200.00",
            "Checking",
            "",
            "Uncategorized",
            "ONLINE TRANSFER TO SAV ...3210",
        ),
    ];
    assert_eq!(imported(&db), first);
    assert_eq!(balance(&db, "accounts", "Checking"), "4117.10");
    // The same download again adds nothing, and records its balance once.
    let again = import(&db, &["ofx", &file, "--into", "Checking"]);
    assert!(again.contains("0 imported, 6 skipped as duplicates"), "{again}");
    assert!(again.contains("already recorded as a reconciliation"), "{again}");
    assert_eq!(imported(&db), first);
    // An overlapping download (11-04 to 11-08, the cafe posted a day later under its FITID) adds the new rows.
    let overlap = import(&db, &[&fixture("ofx/chase_checking_overlap.qfx"), "--into", "Checking"]);
    assert!(overlap.contains("3 imported, 3 skipped as duplicates"), "{overlap}");
    let mut all = first.clone();
    all.extend([
        row(
            "2025-11-07",
            "expense",
            "60.00",
            "Checking",
            "",
            "Uncategorized",
            "SHELL OIL 57444",
        ),
        row(
            "2025-11-08",
            "expense",
            "4.75",
            "Checking",
            "",
            "Uncategorized",
            "STARBUCKS STORE 1234",
        ),
        row(
            "2025-11-08",
            "transfer",
            "450.00",
            "Checking",
            "Amex",
            "",
            "AMEX EPAYMENT ACH PMT",
        ),
    ]);
    assert_eq!(imported(&db), all);
    assert_eq!(balance(&db, "accounts", "Checking"), "3602.35");
    // The card's statement has the payment too: the other side of the transfer, not a second one.
    let amex = import(&db, &[&fixture("ofx/amex_card.ofx"), "--into", "Amex"]);
    assert!(
        amex.contains("3 imported, 0 skipped as duplicates, 1 matched to existing transfers"),
        "{amex}"
    );
    assert!(amex.contains("card statement (CCSTMTRS) of account …1111"), "{amex}");
    assert!(
        amex.contains("the bank says 97.19, pfos has 97.19 (they agree)"),
        "{amex}"
    );
    all.extend([
        row(
            "2025-11-02",
            "expense",
            "54.20",
            "Amex",
            "",
            "Uncategorized",
            "WHOLE FOODS MARKET",
        ),
        row(
            "2025-11-04",
            "expense",
            "12.99",
            "Amex",
            "",
            "Uncategorized",
            "NETFLIX.COM",
        ),
        row(
            "2025-11-06",
            "refund",
            "20.00",
            "",
            "Amex",
            "Uncategorized",
            "WHOLE FOODS MARKET",
        ),
    ]);
    all.sort();
    let mut got = imported(&db);
    got.sort();
    assert_eq!(got, all);
    assert_eq!(balance(&db, "cards", "Amex"), "97.19");
    // Every statement balance agrees: pfos check says so.
    assert!(db.ok(&["check"]).starts_with("ok:"));
    // Each statement balance is a reconciliation: the card's latest is the Amex one.
    let cards = db.ok(&["cards"]);
    assert!(cards.contains("2025-11-08"), "{cards}");
}

#[test]
fn an_xml_card_ofx_reads_payments_interest_and_fees_by_their_type() {
    let db = setup();
    let file = fixture("ofx/boa_card.ofx");
    let out = import(&db, &["ofx", &file, "--into", "Visa"]);
    assert!(out.contains("5 imported"), "{out}");
    assert!(out.contains("OFX 2.2.0 (XML)"), "{out}");
    assert_eq!(
        imported(&db),
        vec![
            row(
                "2025-11-03",
                "expense",
                "85.10",
                "Visa",
                "",
                "Uncategorized",
                "TRADER JOE'S #552"
            ),
            row(
                "2025-11-05",
                "expense",
                "45.00",
                "Visa",
                "",
                "Uncategorized",
                "SHELL OIL 57444"
            ),
            // TRNTYPE PAYMENT: a payment, though the words do not say so; from the one checking account.
            row(
                "2025-11-10",
                "transfer",
                "450.00",
                "Checking",
                "Visa",
                "",
                "ONLINE TRANSFER REF 88123"
            ),
            row(
                "2025-11-12",
                "expense",
                "3.21",
                "Visa",
                "",
                "Interest",
                "INTEREST CHARGE ON PURCHASES"
            ),
            row("2025-11-12", "expense", "35.00", "Visa", "", "Fees", "LATE FEE"),
        ]
    );
    assert_eq!(balance(&db, "cards", "Visa"), "168.31");
    assert!(
        out.contains("the bank says 168.31, pfos has 168.31 (they agree)"),
        "{out}"
    );
    let again = import(&db, &[&file, "--into", "Visa"]);
    assert!(again.contains("0 imported, 5 skipped as duplicates"), "{again}");
    assert!(db.ok(&["check"]).starts_with("ok:"));
    // A card's statement is not an account's.
    db.refuses(
        &["import", "ofx", &file, "--into", "Checking"],
        &["boa_card.ofx", "card's statement", "nothing was imported"],
        &["txn list --json"],
    );
}

#[test]
fn a_transfer_seen_as_an_expense_and_an_income_is_linked_and_stays_recognised() {
    let db = setup();
    import(&db, &[&fixture("ofx/chase_checking.qfx"), "--into", "Checking"]);
    let out = import(&db, &[&fixture("ofx/wells_savings.ofx"), "--into", "Savings"]);
    assert!(out.contains("3 imported") && out.contains("OFX 2.1.1 (XML)"), "{out}");
    let list = db.json(&["txn", "list", "--json"]);
    let id_of = |desc: &str| {
        list.as_array()
            .and_then(|a| a.iter().find(|t| t["description"] == desc))
            .and_then(|t| t["id"].as_i64())
            .unwrap_or_else(|| panic!("no {desc}"))
            .to_string()
    };
    let (out_id, in_id) = (
        id_of("ONLINE TRANSFER TO SAV ...3210"),
        id_of("ONLINE TRANSFER FROM CHK ...6789"),
    );
    let savings_rows = [
        row(
            "2025-11-01",
            "income",
            "1.25",
            "",
            "Savings",
            "Interest",
            "INTEREST PAYMENT",
        ),
        row(
            "2025-11-06",
            "expense",
            "5.00",
            "Savings",
            "",
            "Fees",
            "MONTHLY SERVICE FEE",
        ),
    ];
    // Not two expenses, not two amounts.
    db.refuses(
        &["txn", "link", &out_id, &id_of("CHECK 1001")],
        &["an expense in one place and an income in another"],
        &["txn list --json"],
    );
    db.refuses(
        &["txn", "link", &id_of("CHECK 1001"), &id_of("INTEREST PAYMENT")],
        &["one amount"],
        &["txn list --json"],
    );
    let linked = db.ok(&["txn", "link", &in_id, &out_id]);
    assert!(linked.contains("transfer 200.00 from Checking to Savings"), "{linked}");
    // Undo gives both sides back; redo links them again.
    db.ok(&["undo"]);
    assert_eq!(
        imported(&db)
            .iter()
            .filter(|r| r.2 == "200.00" && r.1 != "transfer")
            .count(),
        2
    );
    db.ok(&["redo"]);
    let rows = imported(&db);
    assert!(rows.contains(&row(
        "2025-11-05",
        "transfer",
        "200.00",
        "Checking",
        "Savings",
        "",
        "ONLINE TRANSFER TO SAV ...3210"
    )));
    assert!(savings_rows.iter().all(|r| rows.contains(r)));
    assert_eq!(rows.len(), 8);
    for (file, place, n) in [
        ("ofx/chase_checking.qfx", "Checking", 6),
        ("ofx/wells_savings.ofx", "Savings", 3),
    ] {
        let again = import(&db, &[&fixture(file), "--into", place]);
        assert!(
            again.contains(&format!("0 imported, {n} skipped as duplicates")),
            "{again}"
        );
    }
    assert_eq!(imported(&db), rows);
    assert_eq!(balance(&db, "accounts", "Savings"), "1196.25");
    assert!(db.ok(&["check"]).starts_with("ok:"));
}

#[test]
fn a_quicken_qif_with_splits_and_transfers() {
    let db = setup();
    let file = fixture("qif/quicken_checking.qif");
    let out = import(&db, &["qif", &file, "--into", "Checking"]);
    assert!(out.contains("7 imported, 0 skipped as duplicates, 0 matched to existing transfers, 0 rejected, 1 with nothing to import skipped"), "{out}");
    assert!(
        out.contains("QIF !Type:Bank of account 'Checking', UTF-8, dates MM/DD/YY, decimal point"),
        "{out}"
    );
    let rows = vec![
        // S/E/$ lines: a split of the expense, and the [Savings] line a transfer of its own.
        row(
            "2025-11-03",
            "expense",
            "110.00",
            "Checking",
            "",
            "Groceries=80.00,Household=30.00",
            "COSTCO WHOLESALE",
        ),
        row(
            "2025-11-03",
            "transfer",
            "10.00",
            "Checking",
            "Savings",
            "",
            "COSTCO WHOLESALE",
        ),
        row(
            "2025-11-04",
            "transfer",
            "50.00",
            "Checking",
            "Savings",
            "",
            "Transfer to savings",
        ),
        row("2025-11-05", "income", "1850.25", "", "Checking", "Salary", "ACME CORP"),
        // The same record twice is two transactions, as in a CSV.
        row(
            "2025-11-05",
            "expense",
            "4.75",
            "Checking",
            "",
            "Dining:Coffee",
            "STARBUCKS",
        ),
        row(
            "2025-11-05",
            "expense",
            "4.75",
            "Checking",
            "",
            "Dining:Coffee",
            "STARBUCKS",
        ),
        row(
            "2025-11-10",
            "expense",
            "65.00",
            "Checking",
            "",
            "Utilities",
            "City Utilities",
        ),
    ];
    assert_eq!(imported(&db), rows);
    assert_eq!(balance(&db, "accounts", "Checking"), "4105.75");
    assert_eq!(balance(&db, "accounts", "Savings"), "1060.00");
    let again = import(&db, &[&file, "--into", "Checking"]);
    assert!(again.contains("0 imported, 7 skipped as duplicates"), "{again}");
    assert_eq!(imported(&db), rows);
    // A GnuCash card export: MM/DD/YYYY, a payment from [Checking], a refund.
    let card = import(&db, &[&fixture("qif/gnucash_card.qif"), "--into", "Visa"]);
    assert!(card.contains("4 imported") && card.contains("!Type:CCard"), "{card}");
    let mut all = rows.clone();
    all.extend([
        row(
            "2025-11-03",
            "expense",
            "85.10",
            "Visa",
            "",
            "Groceries",
            "TRADER JOE'S",
        ),
        row("2025-11-12", "expense", "19.99", "Visa", "", "Subscriptions", "SPOTIFY"),
        row(
            "2025-11-14",
            "transfer",
            "300.00",
            "Checking",
            "Visa",
            "",
            "Payment received",
        ),
        row("2025-11-20", "refund", "15.00", "", "Visa", "Groceries", "TRADER JOE'S"),
    ]);
    // A European cash book: DD.MM.YYYY, decimal commas, Windows-1252, a split and a withdrawal.
    let cash = import(&db, &[&fixture("qif/european_cash.qif"), "--into", "Wallet"]);
    assert!(
        cash.contains("5 imported") && cash.contains("dates DD.MM.YYYY, decimal comma"),
        "{cash}"
    );
    all.extend([
        row(
            "2025-11-03",
            "expense",
            "12.50",
            "Wallet",
            "",
            "Lebensmittel",
            "Bäckerei Müller",
        ),
        row("2025-11-04", "expense", "3.20", "Wallet", "", "Transport", "U-Bahn"),
        row(
            "2025-11-05",
            "transfer",
            "200.00",
            "Checking",
            "Wallet",
            "",
            "Geldautomat",
        ),
        row(
            "2025-11-05",
            "expense",
            "102.00",
            "Wallet",
            "",
            "Möbel=100.00,Lieferung=2.00",
            "Möbelhaus",
        ),
        row(
            "2025-11-06",
            "income",
            "1250.00",
            "",
            "Wallet",
            "Nebeneinkünfte",
            "Trinkgeld",
        ),
    ]);
    all.sort();
    let mut got = imported(&db);
    got.sort();
    assert_eq!(got, all);
    assert_eq!(balance(&db, "cards", "Visa"), "240.09");
    assert_eq!(balance(&db, "accounts", "Wallet"), "1382.30");
    assert_eq!(balance(&db, "accounts", "Checking"), "3605.75");
    assert!(db.ok(&["check"]).starts_with("ok:"));
}

#[test]
fn camt_statements_book_entries_once_and_leave_pending_ones_out() {
    let db = setup();
    let file = fixture("camt/deutsche_bank_053_02.xml");
    let out = import(&db, &["camt", &file, "--into", "Checking"]);
    assert!(out.contains("4 imported, 0 skipped as duplicates"), "{out}");
    assert!(
        out.contains("CAMT.053 (camt.053.001.02), 2 statements of DE89370400440532013000")
            && out.contains("1 pending entry (not booked) left out"),
        "{out}"
    );
    assert!(
        out.contains("statement balance on 2025-11-03: the bank says 2,455.30, pfos has 2,455.30"),
        "{out}"
    );
    assert!(
        out.contains("statement balance on 2025-11-04: the bank says 4,555.30, pfos has 4,555.30"),
        "{out}"
    );
    let mut rows = vec![
        row(
            "2025-11-03",
            "expense",
            "44.70",
            "Checking",
            "",
            "Uncategorized",
            "REWE Markt GmbH - REWE SAGT DANKE 12345",
        ),
        row(
            "2025-11-04",
            "income",
            "2300.00",
            "",
            "Checking",
            "Uncategorized",
            "ACME GmbH - Gehalt November 2025",
        ),
        // Look-alike entries with different references are two transactions.
        row(
            "2025-11-04",
            "expense",
            "100.00",
            "Checking",
            "",
            "Uncategorized",
            "Stadtwerke München - Abschlag Strom",
        ),
        row(
            "2025-11-04",
            "expense",
            "100.00",
            "Checking",
            "",
            "Uncategorized",
            "Stadtwerke München - Abschlag Strom",
        ),
    ];
    assert_eq!(imported(&db), rows);
    let again = import(&db, &[&file, "--into", "Checking"]);
    assert!(again.contains("0 imported, 4 skipped as duplicates"), "{again}");
    // The next bank's download (camt.053.001.08) overlaps on 11-04.
    let next = import(&db, &[&fixture("camt/ing_053_08.xml"), "--into", "Checking"]);
    assert!(next.contains("1 imported, 3 skipped as duplicates"), "{next}");
    rows.push(row(
        "2025-11-05",
        "expense",
        "25.00",
        "Checking",
        "",
        "Uncategorized",
        "Netflix International B.V. - Netflix Monatsabo",
    ));
    assert_eq!(imported(&db), rows);
    assert_eq!(balance(&db, "accounts", "Checking"), "4530.30");
    assert!(db.ok(&["check"]).starts_with("ok:"));
}

#[test]
fn the_format_is_told_from_the_content() {
    let db = setup();
    for (file, place, needle) in [
        ("ofx/chase_checking.qfx", "Checking", "OFX 1.02 (SGML)"),
        ("ofx/boa_card.ofx", "Visa", "OFX 2.2.0 (XML)"),
        ("qif/european_cash.qif", "Wallet", "QIF !Type:Cash"),
        ("camt/ing_053_08.xml", "Savings", "CAMT.053"),
        ("csv/checking_preamble.csv", "Checking", "header on line"),
    ] {
        let out = import(&db, &[&fixture(file), "--into", place, "--dry-run"]);
        assert!(out.contains(needle), "{file}: {out}");
    }
    assert_eq!(imported(&db), vec![], "dry runs store nothing");
}

#[test]
fn malformed_files_are_refused_naming_the_file_and_the_fault() {
    let db = setup();
    let views = ["txn list --json", "accounts --json", "cards --json"];
    let cases: &[(&[&str], &[&str])] = &[
        (
            &["ofx", "ofx/truncated.ofx"],
            &["truncated.ofx", "cut short", "never closed"],
        ),
        (&["ofx", "ofx/wrong_version.ofx"], &["wrong_version.ofx", "VERSION:300"]),
        (&["ofx", "ofx/binary.qfx"], &["binary.qfx", "binary data"]),
        (&["ofx/binary.qfx"], &["binary.qfx", "binary data"]),
        (
            &["qif", "qif/no_type_line.qif"],
            &["no_type_line.qif", "type line such as !Type:Bank"],
        ),
        (&["qif/no_type_line.qif"], &["no_type_line.qif", "type line"]),
        (
            &["camt", "camt/camt052_report.xml"],
            &["camt052_report.xml", "camt.052", "not a camt.053"],
        ),
        (&["camt/truncated.xml"], &["truncated.xml", "cut short"]),
        (&["qif", "ofx/boa_card.ofx"], &["boa_card.ofx", "type line"]),
        (&["camt", "ofx/boa_card.ofx"], &["boa_card.ofx", "not a CAMT.053"]),
    ];
    for (args, needles) in cases {
        let mut all: Vec<String> = vec!["import".into()];
        all.extend(args[..args.len() - 1].iter().map(|s| s.to_string()));
        all.push(fixture(args[args.len() - 1]));
        all.extend(["--into".to_string(), "Checking".to_string()]);
        let refs: Vec<&str> = all.iter().map(String::as_str).collect();
        let mut needles = needles.to_vec();
        needles.push("nothing was imported");
        db.refuses(&refs, &needles, &views);
    }
}

#[test]
fn amounts_are_strict_in_every_format() {
    let db = setup();
    let file = fixture("qif/bad_amounts.qif");
    db.refuses(
        &["import", "qif", &file, "--into", "Checking"],
        &[
            "2 row(s) cannot be imported",
            "line 6: amount '-12.5O' cannot be read",
            "line 10: amount '1e3' cannot be read",
        ],
        &["txn list --json"],
    );
    let out = import(&db, &["qif", &file, "--into", "Checking", "--skip-bad"]);
    assert!(out.contains("2 imported") && out.contains("rejected line 6"), "{out}");
    assert_eq!(
        imported(&db),
        vec![
            row(
                "2025-11-03",
                "expense",
                "85.10",
                "Checking",
                "",
                "Uncategorized",
                "GOOD"
            ),
            // DR after the number: money out, as the CSV import reads it.
            row(
                "2025-11-06",
                "expense",
                "7.00",
                "Checking",
                "",
                "Uncategorized",
                "DR SUFFIX"
            ),
        ]
    );
    // An OFX amount with a letter is a rejected row too, named by its line.
    let text = std::fs::read_to_string(fixture("ofx/boa_card.ofx")).unwrap_or_default();
    let bad = db.dir.path().join("bad.ofx");
    std::fs::write(&bad, text.replace("<TRNAMT>-45.00", "<TRNAMT>-45.0O")).unwrap_or_else(|e| panic!("{e}"));
    db.refuses(
        &["import", bad.to_str().unwrap_or(""), "--into", "Visa"],
        &["line 36: amount '-45.0O' cannot be read"],
        &["txn list --json"],
    );
}

#[test]
fn a_payee_keeps_the_category_it_had_last_time_and_corrections_win() {
    let db = setup();
    import(&db, &[&fixture("ofx/chase_checking.qfx"), "--into", "Checking"]);
    let ids: Vec<String> = db
        .json(&["txn", "list", "--json"])
        .as_array()
        .map(|a| {
            a.iter()
                .filter(|t| t["description"] == "STARBUCKS STORE 1234")
                .filter_map(|t| t["id"].as_i64())
                .map(|i| i.to_string())
                .collect()
        })
        .unwrap_or_default();
    for id in &ids {
        db.ok(&["txn", "edit", id, "--category", "Coffee"]);
    }
    let preview = import(
        &db,
        &[
            &fixture("ofx/chase_checking_overlap.qfx"),
            "--into",
            "Checking",
            "--dry-run",
        ],
    );
    let line = preview
        .lines()
        .find(|l| l.contains("2025-11-08") && l.contains("STARBUCKS"))
        .unwrap_or("");
    assert!(line.contains("Coffee (learned)"), "{preview}");
    import(&db, &[&fixture("ofx/chase_checking_overlap.qfx"), "--into", "Checking"]);
    // Three times Coffee: a rule is suggested, ready to run.
    let suggested = db.ok(&["rule", "suggest"]);
    assert_eq!(
        suggested.trim(),
        "pfos rule add \"STARBUCKS STORE 1234\" --category Coffee  # 3 times"
    );
    // The person corrects the latest one: the next import learns the correction.
    let latest = db
        .json(&["txn", "list", "--json"])
        .as_array()
        .and_then(|a| {
            a.iter()
                .rev()
                .find(|t| t["description"] == "STARBUCKS STORE 1234")
                .cloned()
        })
        .and_then(|t| t["id"].as_i64())
        .unwrap_or_default()
        .to_string();
    db.ok(&["txn", "edit", &latest, "--category", "Dining"]);
    let csv = db.dir.path().join("more.csv");
    std::fs::write(
        &csv,
        "Date,Description,Amount\n2025-11-12,STARBUCKS STORE 1234,-5.10\n2025-11-12,NEW PLACE,-1.00\n",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let out = import(&db, &[csv.to_str().unwrap_or(""), "--into", "Checking", "--dry-run"]);
    assert!(
        out.contains("Dining (learned)") && out.contains("Uncategorized"),
        "{out}"
    );
    // A rule wins over what was learned.
    db.ok(&["rule", "add", "starbucks", "--category", "Treats"]);
    let out = import(&db, &[csv.to_str().unwrap_or(""), "--into", "Checking", "--dry-run"]);
    assert!(out.contains("Treats") && !out.contains("(learned)"), "{out}");
    assert!(db.ok(&["rule", "suggest"]).contains("no payee"));
}
