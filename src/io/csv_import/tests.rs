//! Every fixture shape read row by row, and malformed files refused with a reason.

use super::*;
use std::str::FromStr;

fn dec(text: &str) -> Decimal {
    Decimal::from_str(text).unwrap_or_else(|e| panic!("{e}"))
}

fn date(text: &str) -> NaiveDate {
    crate::domain::parse_date(text).unwrap_or_else(|e| panic!("{e}"))
}

fn read(bytes: &[u8], opts: &CsvOptions) -> ParsedCsv {
    parse(bytes, opts).unwrap_or_else(|e| panic!("{e}"))
}

fn card() -> CsvOptions {
    CsvOptions {
        is_card: true,
        ..CsvOptions::default()
    }
}

/// (date, description, amount) of every row.
fn rows(p: &ParsedCsv) -> Vec<(NaiveDate, &str, Decimal)> {
    p.rows
        .iter()
        .map(|r| (r.date, r.description.as_str(), r.amount))
        .collect()
}

#[test]
fn us_card_with_negative_charges() {
    let p = read(
        include_bytes!("../../../tests/fixtures/csv/us_card_negative_charges.csv"),
        &card(),
    );
    assert_eq!(p.detected.date_format, "%m/%d/%Y");
    assert!(!p.detected.negated, "charges are already negative");
    assert_eq!(
        rows(&p),
        vec![
            (date("2025-11-03"), "WHOLEFDS MKT #10234", dec("-84.30")),
            (date("2025-11-05"), "NETFLIX.COM", dec("-15.49")),
            (date("2025-11-08"), "Payment Thank You-Mobile", dec("450.00")),
            (date("2025-11-12"), "SHELL OIL 57442", dec("-41.07")),
            (date("2025-11-14"), "AMAZON MKTPLACE RETURN", dec("23.99")),
            (date("2025-11-20"), "SQ *BLUE BOTTLE COFFEE", dec("-6.50")),
        ]
    );
    assert_eq!(p.rows[0].category.as_deref(), Some("Groceries"));
    assert_eq!(p.rows[0].line, 2);
}

#[test]
fn us_card_with_positive_charges_is_turned_around() {
    let p = read(
        include_bytes!("../../../tests/fixtures/csv/us_card_positive_charges.csv"),
        &card(),
    );
    assert!(p.detected.negated);
    let amounts: Vec<Decimal> = p.rows.iter().map(|r| r.amount).collect();
    assert_eq!(
        amounts,
        vec![
            dec("-23.45"),
            dec("-62.70"),
            dec("300.00"),
            dec("-412.80"),
            dec("-62.70"),
            dec("-62.70")
        ]
    );
    let as_account = read(
        include_bytes!("../../../tests/fixtures/csv/us_card_positive_charges.csv"),
        &CsvOptions::default(),
    );
    assert_eq!(
        as_account.rows[0].amount,
        dec("23.45"),
        "an account's file is taken as printed"
    );
}

#[test]
fn checking_with_preamble_running_balance_and_a_beginning_balance_line() {
    let p = read(
        include_bytes!("../../../tests/fixtures/csv/checking_preamble.csv"),
        &CsvOptions::default(),
    );
    assert_eq!(p.detected.header_line, 7);
    assert_eq!(p.skipped, 1, "the beginning-balance row has no amount");
    assert_eq!(
        rows(&p),
        vec![
            (
                date("2025-11-01"),
                "ACME CORP PAYROLL PPD ID: 9876543210",
                dec("4200.00")
            ),
            (
                date("2025-11-02"),
                "RENT - ONLINE TRANSFER TO LANDLORD",
                dec("-1600.00")
            ),
            (date("2025-11-08"), "CHASE CREDIT CRD AUTOPAY", dec("-450.00")),
            (date("2025-11-10"), "CITY UTILITIES WEB PMT", dec("-95.00")),
        ]
    );
}

#[test]
fn debit_and_credit_columns() {
    let p = read(
        include_bytes!("../../../tests/fixtures/csv/debit_credit.csv"),
        &CsvOptions::default(),
    );
    assert_eq!(p.detected.columns.debit, Some(2));
    assert_eq!(p.detected.columns.credit, Some(3));
    let amounts: Vec<Decimal> = p.rows.iter().map(|r| r.amount).collect();
    assert_eq!(amounts, vec![dec("-54.20"), dec("12.00"), dec("-100.00"), dec("1.35")]);
}

#[test]
fn european_bank_latin1_semicolons_and_decimal_commas() {
    let p = read(
        include_bytes!("../../../tests/fixtures/csv/european_latin1.csv"),
        &CsvOptions::default(),
    );
    assert_eq!(p.detected.encoding, "Latin-1");
    assert_eq!(p.detected.delimiter, ';');
    assert_eq!(p.detected.decimal_mark, DecimalMark::Comma);
    assert_eq!(p.detected.date_format, "%d.%m.%Y");
    assert_eq!(
        rows(&p),
        vec![
            (date("2025-11-03"), "Bäckerei Müller", dec("-4.80")),
            (date("2025-11-05"), "Gehalt November", dec("2850.00")),
            (date("2025-11-12"), "Café Zentral", dec("-12.50")),
            (date("2025-11-28"), "Miete Wohnung Straße", dec("-1150.00")),
        ]
    );
}

#[test]
fn bom_and_quoted_commas() {
    let p = read(
        include_bytes!("../../../tests/fixtures/csv/bom_quoted.csv"),
        &CsvOptions::default(),
    );
    assert_eq!(p.detected.encoding, "UTF-8 with BOM");
    assert_eq!(p.rows[0].description, "AMAZON.COM, INC. \"PRIME\"");
    assert_eq!(p.rows[1].description, "Transfer from Savings, ref 123");
    assert_eq!(p.rows[1].category, None);
    assert_eq!(p.rows[2].description, "=HYPERLINK(\"x\")");
}

#[test]
fn ambiguous_dates_need_a_format_and_flags_override_guesses() {
    let file = b"Date,Description,Amount\n01/02/2025,A,-1.00\n03/04/2025,B,-2.00\n";
    let err = parse(file, &CsvOptions::default()).err().unwrap_or_default();
    assert!(
        err.contains("DD/MM/YYYY or MM/DD/YYYY") && err.contains("--date-format"),
        "{err}"
    );
    let p = read(
        file,
        &CsvOptions {
            date_format: Some("DD/MM/YYYY".into()),
            ..CsvOptions::default()
        },
    );
    assert_eq!(p.rows[0].date, date("2025-02-01"));
    let negated = read(
        file,
        &CsvOptions {
            date_format: Some("MM/DD/YYYY".into()),
            negate: true,
            ..CsvOptions::default()
        },
    );
    assert_eq!(
        (negated.rows[0].date, negated.rows[0].amount),
        (date("2025-01-02"), dec("1.00"))
    );
    let by_col = read(
        b"When;What;How much\n2025-01-02;A;-1,50\n",
        &CsvOptions {
            date_col: Some("when".into()),
            desc_col: Some("2".into()),
            amount_col: Some("How much".into()),
            ..CsvOptions::default()
        },
    );
    assert_eq!(rows(&by_col), vec![(date("2025-01-02"), "A", dec("-1.50"))]);
}

#[test]
fn unreadable_rows_are_reported_with_their_lines() {
    let file = b"Date,Description,Amount\n2025-01-02,ok,-1.00\n2025-13-45,bad date,-2.00\n2025-01-03,bad amount,12#\n,Total,-3.00\n";
    let p = read(file, &CsvOptions::default());
    assert_eq!(p.rows.len(), 1);
    assert_eq!(
        p.bad,
        vec![
            BadRow {
                line: 3,
                reason: "date '2025-13-45' is not a YYYY-MM-DD date".into()
            },
            BadRow {
                line: 4,
                reason: "amount '12#' cannot be read".into()
            },
        ]
    );
    assert_eq!(p.skipped, 1, "a dateless total line is a summary");
    let unclosed = read(
        b"Date,Description,Amount\n2025-01-01,\"unterminated,-1.00\n2025-01-02,x,-1\n",
        &CsvOptions::default(),
    );
    assert_eq!(
        unclosed.bad,
        vec![BadRow {
            line: 2,
            reason: "a quote opened on this line is never closed".into()
        }]
    );
}

#[test]
fn malformed_files_are_refused_with_a_reason() {
    let refuse = |bytes: &[u8], needle: &str| {
        let err = parse(bytes, &CsvOptions::default())
            .err()
            .unwrap_or_else(|| panic!("accepted {needle}"));
        assert!(err.contains(needle), "{err}");
    };
    refuse(b"", "empty");
    refuse(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary");
    refuse(b"Name,Value\nfoo,1\n", "no header row");
    refuse(b"Date,Description\n2025-01-01,x\n", "no header row");
    refuse(b"Date,Description,Amount\nsoon,x,-1\n", "no date");
}
