//! Reading one cell: amounts the way banks print them, and dates in the formats banks use.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use std::str::FromStr;

/// Date formats pfos recognises, as chrono patterns with a human name.
pub const DATE_FORMATS: &[(&str, &str)] = &[
    ("%Y-%m-%d", "YYYY-MM-DD"),
    ("%Y/%m/%d", "YYYY/MM/DD"),
    ("%m/%d/%Y", "MM/DD/YYYY"),
    ("%d/%m/%Y", "DD/MM/YYYY"),
    ("%d.%m.%Y", "DD.MM.YYYY"),
    ("%d-%m-%Y", "DD-MM-YYYY"),
    ("%m-%d-%Y", "MM-DD-YYYY"),
    ("%m/%d/%y", "MM/DD/YY"),
    ("%d/%m/%y", "DD/MM/YY"),
    ("%d.%m.%y", "DD.MM.YY"),
];

/// Parses a date cell with one format; tolerates a trailing time ("2025-09-01 00:00:00").
pub fn parse_date_with(cell: &str, format: &str) -> Option<NaiveDate> {
    let text = cell.trim();
    let date_part = text.split([' ', 'T']).next().unwrap_or(text);
    let parsed = match plain_date(date_part, format) {
        Some(date) => date,
        None => NaiveDate::parse_from_str(date_part, format).ok()?,
    };
    // chrono accepts "%Y" of any width: insist on 4-digit years where the format says so.
    let two_digit_year = format.ends_with("%y");
    (two_digit_year || (1900..=2200).contains(&chrono::Datelike::year(&parsed))).then_some(parsed)
}

/// The plain shape of every format pfos knows, read without chrono's general parser: one- or two-digit day
/// and month, a four-digit `%Y` or two-digit `%y` year, the format's separator. Anything else (and any
/// impossible date) is `None`, and chrono reads it as before; what this reads, chrono reads the same.
fn plain_date(text: &str, format: &str) -> Option<NaiveDate> {
    let f = format.as_bytes();
    let sep = *f.get(2)?;
    if f.len() != 8 || f[0] != b'%' || f[3] != b'%' || f[5] != sep || f[6] != b'%' || sep.is_ascii_alphanumeric() {
        return None;
    }
    let mut parts = text.as_bytes().split(|b| *b == sep);
    let mut fields = [(0u32, 0usize); 3];
    for field in &mut fields {
        let digits = parts.next()?;
        if digits.is_empty() || digits.len() > 4 || !digits.iter().all(u8::is_ascii_digit) {
            return None;
        }
        *field = (
            digits.iter().fold(0u32, |n, d| n * 10 + u32::from(d - b'0')),
            digits.len(),
        );
    }
    if parts.next().is_some() {
        return None;
    }
    let (mut year, mut month, mut day) = (None, None, None);
    for (letter, (value, width)) in [f[1], f[4], f[7]].into_iter().zip(fields) {
        match letter {
            b'Y' if width == 4 => year = Some(i32::try_from(value).ok()?),
            b'y' if width == 2 => year = Some(i32::try_from(value).ok()? + if value < 70 { 2000 } else { 1900 }),
            b'm' if width <= 2 => month = Some(value),
            b'd' if width <= 2 => day = Some(value),
            _ => return None,
        }
    }
    NaiveDate::from_ymd_opt(year?, month?, day?)
}

/// The user's `--date-format` (as a human pattern like DD/MM/YYYY, or a chrono pattern).
pub fn date_format_from_user(text: &str) -> Option<&'static str> {
    DATE_FORMATS
        .iter()
        .find(|(chrono, human)| human.eq_ignore_ascii_case(text) || *chrono == text)
        .map(|(chrono, _)| *chrono)
}

pub fn human_date_format(chrono: &str) -> &str {
    DATE_FORMATS
        .iter()
        .find(|(c, _)| *c == chrono)
        .map_or(chrono, |(_, h)| h)
}

/// How numbers in the file write their decimal point.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DecimalMark {
    Point,
    Comma,
}

/// Guesses the decimal mark from every amount cell: "12,50" or "1.234,56" mean a decimal comma.
#[cfg(test)]
pub fn guess_decimal_mark<'a>(cells: impl Iterator<Item = &'a str>) -> DecimalMark {
    let (mut comma, mut point) = (0usize, 0usize);
    for vote in cells.filter_map(decimal_mark_vote) {
        match vote {
            DecimalMark::Comma => comma += 1,
            DecimalMark::Point => point += 1,
        }
    }
    if comma > point {
        DecimalMark::Comma
    } else {
        DecimalMark::Point
    }
}

/// What one amount cell says about the decimal mark, if anything: its digits and marks alone are looked at.
pub fn decimal_mark_vote(cell: &str) -> Option<DecimalMark> {
    // Positions among the digits and marks only (all ASCII, so bytes are characters).
    let (mut len, mut last_comma, mut last_point, mut points) = (0usize, None, None, 0usize);
    for b in cell.bytes() {
        match b {
            b'0'..=b'9' => {}
            b',' => last_comma = Some(len),
            b'.' => {
                last_point = Some(len);
                points += 1;
            }
            _ => continue,
        }
        len += 1;
    }
    match (last_comma, last_point) {
        (Some(c), Some(p)) if c > p => Some(DecimalMark::Comma),
        (Some(_), Some(_)) => Some(DecimalMark::Point),
        (Some(c), None) if (1..=2).contains(&(len - c - 1)) => Some(DecimalMark::Comma),
        (None, Some(p)) if len - p - 1 != 3 || points == 1 => Some(DecimalMark::Point),
        _ => None,
    }
}

/// Why an amount cell could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AmountCell {
    Empty,
    Amount(Decimal),
    Unreadable,
}

/// Currency symbols a bank may print before or after an amount.
const CURRENCY_SYMBOLS: &[char] = &[
    '$', '€', '£', '¥', '￥', '₹', '₩', '₽', '¢', '₺', '₪', '₱', '₫', '₴', '₦', '฿', '₡', '₲', '₵', '₸', '₼', '₾',
];

/// ISO 4217 currency codes (sorted), which a bank may print before or after an amount.
const CURRENCY_CODES: &[&str] = &[
    "AED", "AFN", "ALL", "AMD", "ANG", "AOA", "ARS", "AUD", "AWG", "AZN", "BAM", "BBD", "BDT", "BGN", "BHD", "BIF",
    "BMD", "BND", "BOB", "BOV", "BRL", "BSD", "BTN", "BWP", "BYN", "BZD", "CAD", "CDF", "CHE", "CHF", "CHW", "CLF",
    "CLP", "CNY", "COP", "COU", "CRC", "CUC", "CUP", "CVE", "CZK", "DJF", "DKK", "DOP", "DZD", "EGP", "ERN", "ETB",
    "EUR", "FJD", "FKP", "GBP", "GEL", "GHS", "GIP", "GMD", "GNF", "GTQ", "GYD", "HKD", "HNL", "HTG", "HUF", "IDR",
    "ILS", "INR", "IQD", "IRR", "ISK", "JMD", "JOD", "JPY", "KES", "KGS", "KHR", "KMF", "KPW", "KRW", "KWD", "KYD",
    "KZT", "LAK", "LBP", "LKR", "LRD", "LSL", "LYD", "MAD", "MDL", "MGA", "MKD", "MMK", "MNT", "MOP", "MRU", "MUR",
    "MVR", "MWK", "MXN", "MXV", "MYR", "MZN", "NAD", "NGN", "NIO", "NOK", "NPR", "NZD", "OMR", "PAB", "PEN", "PGK",
    "PHP", "PKR", "PLN", "PYG", "QAR", "RON", "RSD", "RUB", "RWF", "SAR", "SBD", "SCR", "SDG", "SEK", "SGD", "SHP",
    "SLE", "SLL", "SOS", "SRD", "SSP", "STN", "SVC", "SYP", "SZL", "THB", "TJS", "TMT", "TND", "TOP", "TRY", "TTD",
    "TWD", "TZS", "UAH", "UGX", "USD", "USN", "UYI", "UYU", "UYW", "UZS", "VED", "VES", "VND", "VUV", "WST", "XAF",
    "XCD", "XCG", "XOF", "XPF", "YER", "ZAR", "ZMW", "ZWG", "ZWL",
];

/// Whether a character is a letter, to tell a marker ("DR", "USD") from part of a word ("IDR", "ABCD").
fn is_letter(c: Option<char>) -> bool {
    c.is_some_and(char::is_alphabetic)
}

fn is_currency_code(code: &str) -> bool {
    CURRENCY_CODES.binary_search(&code).is_ok()
}

/// A currency at the start: a symbol, or an ISO code ("USD") not running into more letters.
fn strip_currency_start(s: &str) -> Option<&str> {
    if let Some(rest) = s.strip_prefix(CURRENCY_SYMBOLS) {
        return Some(rest);
    }
    let code = s.get(..3)?;
    let rest = &s[3..];
    (is_currency_code(code) && !is_letter(rest.chars().next())).then_some(rest)
}

/// A currency at the end, as [`strip_currency_start`].
fn strip_currency_end(s: &str) -> Option<&str> {
    if let Some(rest) = s.strip_suffix(CURRENCY_SYMBOLS) {
        return Some(rest);
    }
    let cut = s.len().checked_sub(3)?;
    let (rest, code) = (s.get(..cut)?, &s[cut..]);
    (is_currency_code(code) && !is_letter(rest.chars().next_back())).then_some(rest)
}

/// "DR" (money out) or "CR" (money in) after the amount, also as "Dr"/"Cr": `Some((rest, is_debit))`.
fn strip_debit_credit(s: &str) -> Option<(&str, bool)> {
    for (marker, debit) in [("DR", true), ("Dr", true), ("CR", false), ("Cr", false)] {
        if let Some(rest) = s.strip_suffix(marker) {
            if !is_letter(rest.chars().next_back()) {
                return Some((rest, debit));
            }
        }
    }
    None
}

/// Parses an amount the ways banks print one, and nothing else: "$1,234.56", "-12.00", "+7", "(45.10)",
/// "45.10-", "12.50 DR", "12.50CR", "12,50 €", "1.234,56", "1 234,56", "USD 3.00", "3.00EUR".
///
/// Around the number: at most one sign (a leading `-`, `−` or `+`, a trailing `-`, parentheses, or a
/// `DR`/`CR` after it), at most one currency (a symbol or an ISO 4217 code, before or after). The number:
/// digits, thousands separators in groups of three as the file's decimal mark allows them (`,` with a
/// decimal point; `.`, a space or a no-break space with a decimal comma), at most two decimals (or more
/// that are all zeros). Anything else — another letter, an exponent, hex, two signs, a separator out of
/// place — is unreadable.
pub fn parse_amount(cell: &str, mark: DecimalMark) -> AmountCell {
    let text = cell.trim();
    if text.is_empty() || text == "-" || text == "--" {
        return AmountCell::Empty;
    }
    match read_amount(text, mark) {
        Some(value) => AmountCell::Amount(value),
        None => AmountCell::Unreadable,
    }
}

fn read_amount(text: &str, mark: DecimalMark) -> Option<Decimal> {
    let (mut signs, mut negative, mut currency, mut open, mut close) = (0u32, false, false, false, false);
    // The markers before the number.
    let mut s = text;
    loop {
        s = s.trim_start();
        if let Some(rest) = s.strip_prefix(['-', '−']) {
            (signs, negative, s) = (signs + 1, true, rest);
        } else if let Some(rest) = s.strip_prefix('+') {
            (signs, s) = (signs + 1, rest);
        } else if let Some(rest) = s.strip_prefix('(').filter(|_| !open) {
            (open, s) = (true, rest);
        } else if let Some(rest) = strip_currency_start(s).filter(|_| !currency) {
            (currency, s) = (true, rest);
        } else {
            break;
        }
    }
    // The markers after it.
    loop {
        s = s.trim_end();
        if let Some(rest) = s.strip_suffix(['-', '−']) {
            (signs, negative, s) = (signs + 1, true, rest);
        } else if let Some(rest) = s.strip_suffix(')').filter(|_| !close) {
            (close, s) = (true, rest);
        } else if let Some((rest, debit)) = strip_debit_credit(s) {
            (signs, negative, s) = (signs + 1, debit, rest);
        } else if let Some(rest) = strip_currency_end(s).filter(|_| !currency) {
            (currency, s) = (true, rest);
        } else {
            break;
        }
    }
    if open != close {
        return None;
    }
    if open {
        (signs, negative) = (signs + 1, true);
    }
    if signs > 1 {
        return None;
    }
    let value = read_number(s, mark)?;
    Some(if negative { -value } else { value })
}

/// The bare number: digits, thousands separators in groups of three, a decimal mark and up to two decimals.
fn read_number(s: &str, mark: DecimalMark) -> Option<Decimal> {
    let (point, separators): (char, &[char]) = match mark {
        DecimalMark::Point => ('.', &[',']),
        DecimalMark::Comma => (',', &['.', ' ', '\u{a0}', '\u{202f}']),
    };
    let (whole, decimals) = match s.split_once(point) {
        Some((whole, decimals)) => (whole, Some(decimals)),
        None => (s, None),
    };
    let digits = |part: &str| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit());
    let mut number = String::with_capacity(s.len());
    if !whole.is_empty() {
        let separator = whole.chars().find(|c| !c.is_ascii_digit());
        match separator {
            None => number.push_str(whole),
            Some(sep) if separators.contains(&sep) => {
                let mut groups = whole.split(sep);
                let first = groups.next()?;
                if !digits(first) || first.len() > 3 || first.starts_with('0') {
                    return None;
                }
                number.push_str(first);
                for group in groups {
                    if !digits(group) || group.len() != 3 {
                        return None;
                    }
                    number.push_str(group);
                }
            }
            Some(_) => return None,
        }
    }
    match decimals {
        None if number.is_empty() => return None,
        None => {}
        Some(decimals) => {
            // "12.500" is 12.5; "12.345" has a third decimal that is not a zero.
            if !digits(decimals) || decimals.bytes().skip(2).any(|b| b != b'0') {
                return None;
            }
            if number.is_empty() {
                number.push('0');
            }
            number.push('.');
            number.push_str(&decimals[..decimals.len().min(2)]);
        }
    }
    Decimal::from_str(&number).ok().map(|d| d.normalize())
}

#[cfg(test)]
mod tests {
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
                            let chrono_whole = chrono.filter(|d| {
                                format.ends_with("%y") || (1900..=2200).contains(&chrono::Datelike::year(d))
                            });
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
}
