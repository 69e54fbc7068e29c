//! Every way a bank prints an amount or a date, read as banks mean it, and everything else refused.

use super::*;
use rust_decimal::Decimal;

fn dec(text: &str) -> Decimal {
    Decimal::from_str(text).unwrap_or_else(|e| panic!("{e}"))
}

/// Every way a bank prints an amount, read to its exact signed value; and everything else refused.
#[test]
fn amounts_as_banks_print_them() {
    use DecimalMark::*;
    let accepted: &[(&str, DecimalMark, &str)] = &[
        // Signs: leading minus or plus, trailing minus, parentheses.
        ("12.50", Point, "12.50"),
        ("-12.00", Point, "-12"),
        ("−12.00", Point, "-12"),
        ("+7", Point, "7"),
        ("- 7.10", Point, "-7.1"),
        ("45.10-", Point, "-45.1"),
        ("45.10 -", Point, "-45.1"),
        ("(45.10)", Point, "-45.1"),
        ("( 45.10 )", Point, "-45.1"),
        ("($45.10)", Point, "-45.1"),
        ("$(45.10)", Point, "-45.1"),
        (".50", Point, "0.5"),
        ("-,50", Comma, "-0.5"),
        ("12.500", Point, "12.5"),
        ("7", Comma, "7"),
        // DR is money out, CR money in, with or without a space, in capitals or not.
        ("12.50 DR", Point, "-12.50"),
        ("12.50DR", Point, "-12.50"),
        ("12.50 Dr", Point, "-12.50"),
        ("12.50Dr", Point, "-12.50"),
        ("12.50 CR", Point, "12.50"),
        ("12.50CR", Point, "12.50"),
        ("12.50 Cr", Point, "12.50"),
        ("1,234.56 DR", Point, "-1234.56"),
        ("1.234,56 DR", Comma, "-1234.56"),
        ("$12.50 DR", Point, "-12.50"),
        ("12.50 USD DR", Point, "-12.50"),
        ("12.50 IDR", Point, "12.50"),
        ("12.50 IDR CR", Point, "12.50"),
        ("12,50 € DR", Comma, "-12.50"),
        // Currencies, before or after, with or without a space.
        ("$1,234.56", Point, "1234.56"),
        ("$ 1,234.56", Point, "1234.56"),
        ("-$5.25", Point, "-5.25"),
        ("$-5.25", Point, "-5.25"),
        ("+$5.25", Point, "5.25"),
        ("£3.00", Point, "3"),
        ("¥1,000", Point, "1000"),
        ("12,50 €", Comma, "12.5"),
        ("12,50€", Comma, "12.5"),
        ("€ 12,50", Comma, "12.5"),
        ("€-12,50", Comma, "-12.5"),
        ("12,50 €-", Comma, "-12.5"),
        ("USD 3.00", Point, "3"),
        ("USD3.00", Point, "3"),
        ("3.00 USD", Point, "3"),
        ("3.00USD", Point, "3"),
        ("-3.00 GBP", Point, "-3"),
        ("CHF 1,234.50", Point, "1234.5"),
        ("1 234,50 SEK", Comma, "1234.5"),
        ("EUR -1.234,56", Comma, "-1234.56"),
        ("1.234,56 EUR", Comma, "1234.56"),
        // Thousands separators in groups of three, as the decimal mark allows them.
        ("1,234.56", Point, "1234.56"),
        ("1,234,567.89", Point, "1234567.89"),
        ("1,234", Point, "1234"),
        ("-1,000,000", Point, "-1000000"),
        ("1234.56", Point, "1234.56"),
        ("1.234,56", Comma, "1234.56"),
        ("-1.234,56", Comma, "-1234.56"),
        ("1.234.567,89", Comma, "1234567.89"),
        ("1.234", Comma, "1234"),
        ("1 234,56", Comma, "1234.56"),
        ("1\u{a0}234,56", Comma, "1234.56"),
        ("1\u{202f}234\u{202f}567,00", Comma, "1234567"),
        ("1234,56", Comma, "1234.56"),
        ("  12,50  ", Comma, "12.5"),
    ];
    for (cell, mark, want) in accepted {
        assert_eq!(
            parse_amount(cell, *mark),
            AmountCell::Amount(dec(want)),
            "{cell} ({mark:?})"
        );
    }
    let refused: &[(&str, DecimalMark)] = &[
        // Letters: an exponent, hex, words, markers that are not the conventions.
        ("1e3", Point),
        ("1E3", Point),
        ("1.5e2", Point),
        ("0x10", Point),
        ("0X1F", Point),
        ("abc12def34", Point),
        ("12abc", Point),
        ("abc", Point),
        ("12.50 dr", Point),
        ("12.50 cr", Point),
        ("12.50 dR", Point),
        ("DR 12.50", Point),
        ("DR12.50", Point),
        ("CR 12.50", Point),
        ("Cr12.50", Point),
        ("12.50 DRX", Point),
        ("12.50 ABC", Point),
        ("XYZ 12.50", Point),
        ("INF", Point),
        ("12.50 DEBIT", Point),
        ("12.50 USDDR", Point),
        ("12.50 US", Point),
        ("12.50 USDX", Point),
        ("usd 12.50", Point),
        ("USDX 12.50", Point),
        ("12.50 kr", Point),
        ("NaN", Point),
        ("inf", Point),
        ("Infinity", Point),
        ("twelve", Point),
        ("1 2", Point),
        // Two signs, or one sign twice.
        ("-12.50 DR", Point),
        ("-12.50 CR", Point),
        ("12.50- DR", Point),
        ("(12.50) DR", Point),
        ("(12.50 CR)", Point),
        ("12.50 DR CR", Point),
        ("--12.50", Point),
        ("+-12.50", Point),
        ("-+12.50", Point),
        ("-12.50-", Point),
        ("(-12.50)", Point),
        ("-(12.50)", Point),
        ("(12.50)-", Point),
        ("((12.50))", Point),
        ("(12.50", Point),
        ("12.50)", Point),
        ("$12.50 USD", Point),
        ("$$12.50", Point),
        // Separators out of place, or not the file's.
        ("-5,5", Point),
        ("5,5", Point),
        ("1,23", Point),
        ("1,2345.00", Point),
        ("12,34,567.00", Point),
        ("1,234,56", Point),
        (",234.00", Point),
        ("1,,234", Point),
        ("1,234.", Point),
        ("0,123", Point),
        ("1.234,56", Point),
        ("1 234.56", Point),
        ("1'234.56", Point),
        ("1,234.56", Comma),
        ("1.23", Comma),
        ("1.23,00", Comma),
        ("1.234 567,00", Comma),
        ("12 34,00", Comma),
        ("1_234", Point),
        // Indian lakh grouping is not in groups of three: refused rather than guessed.
        ("₹1,00,000.00", Point),
        // Decimals: more than two, a mark twice, a mark alone.
        ("12.345", Point),
        ("12,345", Comma),
        ("1.2.3", Point),
        ("1,2,3", Comma),
        (".", Point),
        (",", Comma),
        ("12.", Point),
        ("12.5.", Point),
        // Anything else.
        ("$", Point),
        ("USD", Point),
        ("DR", Point),
        ("()", Point),
        ("12#", Point),
        ("12%", Point),
        ("1/2", Point),
        ("12 50", Point),
        ("99999999999999999999999999999999", Point),
    ];
    for (cell, mark) in refused {
        assert_eq!(parse_amount(cell, *mark), AmountCell::Unreadable, "{cell} ({mark:?})");
    }
    for empty in ["", "  ", "-", "--"] {
        assert_eq!(parse_amount(empty, Point), AmountCell::Empty, "{empty:?}");
    }
    assert!(CURRENCY_CODES.windows(2).all(|w| w[0] < w[1]), "searched by halves");
}

#[test]
fn decimal_mark_from_the_cells() {
    assert_eq!(
        guess_decimal_mark(["12,50", "1.234,00", "3,00"].into_iter()),
        DecimalMark::Comma
    );
    assert_eq!(
        guess_decimal_mark(["12.50", "1,234.00", "-3.00"].into_iter()),
        DecimalMark::Point
    );
    assert_eq!(guess_decimal_mark(["1,234", "12.50"].into_iter()), DecimalMark::Point);
}

#[test]
fn dates_need_plausible_years() {
    let d = |c, f| parse_date_with(c, f);
    assert!(d("2025-09-01", "%Y-%m-%d").is_some());
    assert!(d("2025-09-01 00:00:00", "%Y-%m-%d").is_some());
    assert!(d("09/01/2025", "%m/%d/%Y").is_some());
    assert!(d("13/01/2025", "%m/%d/%Y").is_none());
    assert!(d("01.09.2025", "%d.%m.%Y").is_some());
    assert!(d("1/9/25", "%m/%d/%Y").is_none(), "a 2-digit year is not %Y");
    assert_eq!(date_format_from_user("dd/mm/yyyy"), Some("%d/%m/%Y"));
}

/// Every cell the fast reading accepts, chrono reads to the same date (and chrono reads what it refuses).
#[test]
fn plain_dates_read_as_chrono_reads_them() {
    let pieces = [
        "", "0", "1", "9", "01", "12", "13", "29", "30", "31", "32", "00", "69", "70", "99", "123", "2025", "1900",
        "0099", "20250", "+1", " 1", "1a",
    ];
    let seps = ["-", "/", ".", "--", ""];
    let mut checked = 0;
    for (format, _) in DATE_FORMATS {
        for a in pieces {
            for b in ["1", "02", "12", "13", "31", "3 ", "002"] {
                for c in pieces {
                    for s in seps {
                        let text = format!("{a}{s}{b}{s}{c}");
                        let chrono = NaiveDate::parse_from_str(&text, format).ok();
                        if let Some(fast) = plain_date(&text, format) {
                            assert_eq!(Some(fast), chrono, "{text} as {format}");
                            checked += 1;
                        }
                        let whole = parse_date_with(&text, format);
                        let chrono_whole = chrono
                            .filter(|d| format.ends_with("%y") || (1900..=2200).contains(&chrono::Datelike::year(d)));
                        if !text.contains([' ', 'T']) {
                            assert_eq!(whole, chrono_whole, "{text} as {format}");
                        }
                    }
                }
            }
        }
    }
    assert!(checked > 1000, "the fast reading took only {checked} cells");
}

#[test]
fn decimal_mark_votes_match_the_digit_string_reading() {
    fn by_string(cell: &str) -> Option<DecimalMark> {
        let digits: String = cell
            .chars()
            .filter(|c| c.is_ascii_digit() || *c == '.' || *c == ',')
            .collect();
        match (digits.rfind(','), digits.rfind('.')) {
            (Some(c), Some(p)) if c > p => Some(DecimalMark::Comma),
            (Some(_), Some(_)) => Some(DecimalMark::Point),
            (Some(c), None) if (1..=2).contains(&(digits.len() - c - 1)) => Some(DecimalMark::Comma),
            (None, Some(p)) if digits.len() - p - 1 != 3 || digits.matches('.').count() == 1 => {
                Some(DecimalMark::Point)
            }
            _ => None,
        }
    }
    for cell in [
        "12,50",
        "1.234,00",
        "1,234",
        "12.50",
        "1.234.567",
        "€ 1.234",
        "1,2,3",
        "12,",
        ",5",
        ".",
        "",
        "abc",
        "1.2€3,4",
    ] {
        assert_eq!(decimal_mark_vote(cell), by_string(cell), "{cell}");
    }
}

proptest::proptest! {
    /// The plain shape's quick reading is the full reader's, to the digit and the sign.
    #[test]
    fn plain_amounts_read_as_the_full_reader_reads_them(cell in "-?[0-9]{0,17}([.,][0-9]{0,3})?") {
        for mark in [DecimalMark::Point, DecimalMark::Comma] {
            if let Some(quick) = plain_amount(cell.as_bytes(), mark) {
                let full = read_amount(&cell, mark);
                proptest::prop_assert_eq!(Some(quick), full, "{}", cell);
                proptest::prop_assert_eq!(quick.to_string(), full.map(|d| d.to_string()).unwrap_or_default());
                proptest::prop_assert_eq!(quick.is_sign_negative(), full.is_some_and(|d| d.is_sign_negative()));
            }
        }
    }
}
