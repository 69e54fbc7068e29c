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
    assert_eq!(p.detected.header_line, Some(7));
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
    let err = parse(file, &CsvOptions::default())
        .err()
        .unwrap_or_else(|| panic!("read"));
    assert!(err.reason.contains("DD/MM/YYYY or MM/DD/YYYY"), "{err}");
    let choices = vec!["DD/MM/YYYY".to_string(), "MM/DD/YYYY".to_string()];
    assert_eq!(err.hints, [crate::error::Hint::ChooseDateFormat { choices }]);
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
            BadRow::new(
                3,
                "date '2025-13-45' is not a YYYY-MM-DD date".into(),
                ["2025-13-45", "-2.00", "bad date"]
            ),
            BadRow::new(
                4,
                "amount '12#' cannot be read".into(),
                ["2025-01-03", "12#", "bad amount"]
            ),
        ]
    );
    assert_eq!(p.skipped, 1, "a dateless total line is a summary");
    let unclosed = read(
        b"Date,Description,Amount\n2025-01-01,\"unterminated,-1.00\n2025-01-02,x,-1\n",
        &CsvOptions::default(),
    );
    let said: Vec<(u64, &str)> = unclosed.bad.iter().map(|b| (b.line, b.reason.as_str())).collect();
    assert_eq!(said, [(2, "a quote opened on this line is never closed")]);
    assert_eq!(unclosed.bad[0].date, "2025-01-01", "what the row says is kept with it");
}

#[test]
fn malformed_files_are_refused_with_a_reason() {
    let refuse = |bytes: &[u8], needle: &str| {
        let err = parse(bytes, &CsvOptions::default())
            .err()
            .unwrap_or_else(|| panic!("accepted {needle}"));
        assert!(err.reason.contains(needle), "{err}");
    };
    refuse(b"", "empty");
    refuse(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary");
    refuse(b"Name,Value\nfoo,1\n", "no header row");
    refuse(b"Date,Description\n2025-01-01,x\n", "no header row");
    refuse(b"Date,Description,Amount\nsoon,x,-1\n", "no date");
}

#[test]
fn long_date_cells_are_read_each_time_not_kept() {
    let mut tally = DateTally::new();
    let long = format!("2025-11-01 {}", "x".repeat(1000));
    for _ in 0..3 {
        tally.add(&long);
        tally.add("2025-11-02");
    }
    assert_eq!(tally.seen.len(), 1, "only the short cell is kept");
    let ymd = DATE_FORMATS
        .iter()
        .position(|(f, _)| *f == "%Y-%m-%d")
        .unwrap_or(usize::MAX);
    assert_eq!(tally.read[ymd], 6);
}

mod same_as_before {
    //! The streaming reader reads every file exactly as the whole-file reader did.

    use super::super::reference::parse_whole;
    use super::*;
    use proptest::prelude::*;

    fn csvish() -> impl Strategy<Value = Vec<u8>> {
        let token = prop_oneof![
            Just(b"Date,Description,Amount\n".to_vec()),
            Just(b"Date,Payee,Debit,Credit,Category\n".to_vec()),
            Just(b"Datum;Text;Betrag\r\n".to_vec()),
            Just(b"\"".to_vec()),
            Just(b",".to_vec()),
            Just(b";".to_vec()),
            Just(b"\t".to_vec()),
            Just(b"\n".to_vec()),
            Just(b"\r\n".to_vec()),
            Just(b"\n\n".to_vec()),
            Just(b"2025-11-01".to_vec()),
            Just(b"01/02/2025".to_vec()),
            Just(b"13/02/2025".to_vec()),
            Just(b"11/10/25".to_vec()),
            Just(b"31.12.2025".to_vec()),
            Just(b"-1.234,56".to_vec()),
            Just(b"(45.10)".to_vec()),
            Just(b"12,50".to_vec()),
            Just(b"$1,000.00".to_vec()),
            Just(b"-7.123".to_vec()),
            Just(b"Payment thank you".to_vec()),
            Just(b"Caf\xe9".to_vec()),
            Just("Café".as_bytes().to_vec()),
            Just(b"\xEF\xBB\xBF".to_vec()),
            Just(b"\xFF\xFE".to_vec()),
            prop::collection::vec(any::<u8>(), 0..8),
        ];
        prop::collection::vec(token, 0..80).prop_map(|parts| parts.concat())
    }

    fn options() -> impl Strategy<Value = CsvOptions> {
        (
            any::<bool>(),
            any::<bool>(),
            prop::option::of(prop_oneof![Just(','), Just(';'), Just('\t')]),
            prop::option::of(prop_oneof![Just("DD/MM/YYYY".to_string()), Just("bogus".to_string())]),
        )
            .prop_map(|(is_card, negate, delimiter, date_format)| CsvOptions {
                is_card,
                negate,
                delimiter,
                date_format,
                ..CsvOptions::default()
            })
    }

    fn same(bytes: &[u8], opts: &CsvOptions) -> std::result::Result<(), TestCaseError> {
        match (parse(bytes, opts), parse_whole(bytes, opts)) {
            (Ok(new), Ok(old)) => {
                prop_assert_eq!(new.rows, old.rows);
                prop_assert_eq!(new.bad, old.bad);
                prop_assert_eq!(new.skipped, old.skipped);
                prop_assert_eq!(new.detected, old.detected);
            }
            (Err(new), Err(old)) => prop_assert_eq!(new, old),
            (new, old) => prop_assert!(false, "new {:?}, old {:?}", new.map(|p| p.rows), old.map(|p| p.rows)),
        }
        Ok(())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]
        #[test]
        fn file_like_bytes(bytes in csvish(), opts in options()) {
            same(&bytes, &opts)?;
        }

        #[test]
        fn any_bytes(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
            same(&bytes, &CsvOptions::default())?;
        }
    }

    /// A file with a second byte-order mark is decoded by encoding_rs as a stream, as it was decoded whole.
    #[test]
    fn a_second_byte_order_mark_streams_as_it_decoded_whole() {
        // (marks, rows, whether the header still reads): past the first, a UTF-16 mark makes the file one
        // long line of Chinese (a short one, then); a third UTF-8 mark is left to the CSV reader to drop.
        let shapes = [
            (&b"\xEF\xBB\xBF\xEF\xBB\xBF"[..], 3000, true),
            (b"\xEF\xBB\xBF\xFF\xFE", 100, false),
            (b"\xEF\xBB\xBF\xFE\xFF", 100, false),
            (b"\xEF\xBB\xBF\xEF\xBB\xBF\xEF\xBB\xBF", 3000, true),
        ];
        for (bom, rows, reads) in shapes {
            let mut file = bom.to_vec();
            file.extend_from_slice(b"Date,Description,Amount\n");
            for i in 0..rows {
                file.extend_from_slice(format!("2025-11-{:02},Caf", i % 28 + 1).as_bytes());
                file.extend_from_slice(format!("\u{e9} {i},-1.{:02}\n", i % 100).as_bytes());
                file.extend_from_slice(b"2025-11-01,Caf\xe9 \xff\xfe,-2.00\n");
            }
            same(&file, &CsvOptions::default()).unwrap_or_else(|e| panic!("{e}"));
            if reads {
                let streamed = parse(&file, &CsvOptions::default()).unwrap_or_else(|e| panic!("{bom:?}: {e}"));
                assert_eq!(streamed.rows.len(), 2 * rows, "{bom:?}");
            }
        }
    }

    #[test]
    fn every_fixture() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/csv");
        let mut seen = 0;
        for entry in std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{e}")) {
            let bytes = std::fs::read(entry.unwrap_or_else(|e| panic!("{e}")).path()).unwrap_or_else(|e| panic!("{e}"));
            for opts in [CsvOptions::default(), card()] {
                same(&bytes, &opts).unwrap_or_else(|e| panic!("{e}"));
            }
            seen += 1;
        }
        assert!(seen > 3);
    }
}

mod amounts_read_back {
    //! Any amount formatted as a bank formats it reads back exactly; a letter inside one never reads.

    use super::super::values::{parse_amount, AmountCell};
    use super::*;
    use proptest::prelude::*;

    /// How one bank prints amounts.
    #[derive(Debug, Clone)]
    struct Style {
        mark: DecimalMark,
        /// Index into the thousands separators the mark allows, or none.
        group: Option<usize>,
        /// Decimals printed when the amount allows fewer than two (0, 1 or 2), and zeros added after two.
        decimals: usize,
        zeros: usize,
        /// Which way of showing the sign (of those for its direction).
        sign: usize,
        currency: usize,
        space: bool,
    }

    fn style() -> impl Strategy<Value = Style> {
        (
            prop_oneof![Just(DecimalMark::Point), Just(DecimalMark::Comma)],
            prop::option::of(0usize..4),
            0usize..3,
            prop_oneof![6 => Just(0usize), 1 => 1usize..3],
            0usize..7,
            0usize..9,
            any::<bool>(),
        )
            .prop_map(|(mark, group, decimals, zeros, sign, currency, space)| Style {
                mark,
                group,
                decimals,
                zeros,
                sign,
                currency,
                space,
            })
    }

    /// The bare number: digits grouped in threes, the decimal mark, the decimals.
    fn number(cents: u64, st: &Style) -> String {
        let (point, separators): (char, &[char]) = match st.mark {
            DecimalMark::Point => ('.', &[',']),
            DecimalMark::Comma => (',', &['.', ' ', '\u{a0}', '\u{202f}']),
        };
        let whole = (cents / 100).to_string();
        let mut out = String::new();
        for (i, d) in whole.chars().enumerate() {
            if let Some(g) = st.group {
                if i > 0 && (whole.len() - i).is_multiple_of(3) {
                    out.push(separators[g % separators.len()]);
                }
            }
            out.push(d);
        }
        let frac = cents % 100;
        let decimals = match st.decimals {
            0 if frac == 0 => String::new(),
            1 if frac.is_multiple_of(10) => format!("{}", frac / 10),
            _ => format!("{frac:02}"),
        };
        if !decimals.is_empty() {
            out.push(point);
            out.push_str(&decimals);
            if decimals.len() == 2 {
                out.push_str(&"0".repeat(st.zeros));
            }
        }
        out
    }

    /// The whole cell: the number with its sign and currency, as `st` says.
    fn cell(value: i64, st: &Style) -> String {
        let sp = if st.space { " " } else { "" };
        let n = number(value.unsigned_abs(), st);
        let (before, after) = match st.currency {
            0 => (String::new(), String::new()),
            1 => (format!("${sp}"), String::new()),
            2 => (String::new(), format!("{sp}€")),
            3 => (format!("USD{sp}"), String::new()),
            4 => (String::new(), format!("{sp}EUR")),
            5 => (format!("£{sp}"), String::new()),
            6 => (String::new(), format!("{sp}IDR")),
            7 => (format!("CHF{sp}"), String::new()),
            _ => (String::new(), format!("{sp}¥")),
        };
        let body = format!("{before}{n}{after}");
        // "12.50 USD DR": a code and DR/CR run together are one word, not two markers.
        let sp = if after.ends_with(char::is_alphabetic) { " " } else { sp };
        if value < 0 {
            match st.sign % 6 {
                0 => format!("-{body}"),
                1 => format!("{before}-{n}{after}"),
                2 => format!("{body}-"),
                3 => format!("({body})"),
                4 => format!("{body}{sp}DR"),
                _ => format!("−{body}"),
            }
        } else {
            match st.sign % 4 {
                0 => body,
                1 => format!("+{body}"),
                2 => format!("{body}{sp}CR"),
                _ => format!("{body}{sp}Cr"),
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]
        #[test]
        fn any_formatted_amount_reads_back_exactly(
            value in prop_oneof![-100_000i64..100_000, -1_000_000_000_000_000i64..1_000_000_000_000_000],
            st in style(),
        ) {
            let text = cell(value, &st);
            prop_assert_eq!(
                parse_amount(&text, st.mark),
                AmountCell::Amount(Decimal::new(value, 2)),
                "{} ({:?})", text, st.mark
            );
        }

        /// A letter (or a stray sign) anywhere between the digits makes the cell unreadable.
        #[test]
        fn a_letter_inside_an_amount_never_reads(
            value in 1000i64..1_000_000_000,
            st in style(),
            letter in prop_oneof![
                prop::char::range('a', 'z'),
                prop::char::range('A', 'Z'),
                Just('é'),
                Just('-'),
                Just('+'),
            ],
            at in any::<prop::sample::Index>(),
        ) {
            let st = Style { currency: 0, sign: 0, ..st };
            let n = number(value.unsigned_abs(), &st);
            let inner: Vec<usize> = n.char_indices().map(|(i, _)| i).skip(1).collect();
            let cut = inner[at.index(inner.len())];
            let text = format!("{}{letter}{}", &n[..cut], &n[cut..]);
            prop_assert_eq!(parse_amount(&text, st.mark), AmountCell::Unreadable, "{}", text);
        }

        /// Through a whole file: the decimal mark is worked out from the amounts, and each row reads back.
        #[test]
        fn a_file_of_formatted_amounts_reads_back(
            values in prop::collection::vec(
                prop_oneof![-100_000i64..100_000, -10_000_000_000i64..10_000_000_000]
                    .prop_filter("zero is skipped", |v| *v != 0),
                1..20,
            ),
            st in style(),
        ) {
            // Two decimals on every row, so that each amount tells the decimal mark.
            let st = Style { decimals: 2, zeros: 0, ..st };
            let mut file = String::from("Date,Description,Amount\n");
            for (i, value) in values.iter().enumerate() {
                file.push_str(&format!("2025-11-{:02},Row {i},\"{}\"\n", i + 1, cell(*value, &st)));
            }
            let parsed = parse(file.as_bytes(), &CsvOptions::default()).map_err(|e| TestCaseError::fail(e.reason))?;
            prop_assert_eq!(parsed.detected.decimal_mark, st.mark);
            prop_assert!(parsed.bad.is_empty(), "{:?}\n{}", parsed.bad, file);
            let got: Vec<Decimal> = parsed.rows.iter().map(|r| r.amount).collect();
            let want: Vec<Decimal> = values.iter().map(|v| Decimal::new(*v, 2)).collect();
            prop_assert_eq!(got, want);
        }
    }
}

#[test]
fn delimiters_are_named_as_people_type_them() {
    assert_eq!(delimiter_named(","), Some(','));
    assert_eq!(delimiter_named(";"), Some(';'));
    assert_eq!(delimiter_named("|"), Some('|'));
    assert_eq!(delimiter_named("tab"), Some('\t'));
    assert_eq!(delimiter_named("\\t"), Some('\t'));
    assert_eq!(delimiter_named("detect"), None);
    assert_eq!(delimiter_named(":"), None);
}
