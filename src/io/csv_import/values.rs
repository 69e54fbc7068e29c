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
    let date_part = match text.bytes().position(|b| b == b' ' || b == b'T') {
        Some(at) => &text[..at],
        None => text,
    };
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
    if let Some(value) = plain_amount(text.as_bytes(), mark) {
        return AmountCell::Amount(value);
    }
    match read_amount(text, mark) {
        Some(value) => AmountCell::Amount(value),
        None => AmountCell::Unreadable,
    }
}

/// The shape most cells have, read without building a number's text: an optional `-`, up to 15 digits,
/// and perhaps the decimal mark with one or two decimals. What this reads, [`read_amount`] reads the same;
/// anything else is left to it.
fn plain_amount(text: &[u8], mark: DecimalMark) -> Option<Decimal> {
    let (negative, digits) = match text.split_first() {
        Some((b'-', rest)) => (true, rest),
        _ => (false, text),
    };
    let point = match mark {
        DecimalMark::Point => b'.',
        DecimalMark::Comma => b',',
    };
    let (whole, decimals) = match digits.iter().position(|b| *b == point) {
        Some(at) => (&digits[..at], &digits[at + 1..]),
        None => (digits, &[][..]),
    };
    let has_mark = whole.len() < digits.len();
    if whole.is_empty() || whole.len() > 15 || (has_mark && !(1..=2).contains(&decimals.len())) {
        return None;
    }
    let mut mantissa = 0i64;
    for b in whole.iter().chain(decimals) {
        if !b.is_ascii_digit() {
            return None;
        }
        mantissa = mantissa * 10 + i64::from(b - b'0');
    }
    let value = Decimal::new(mantissa, u32::try_from(decimals.len()).ok()?).normalize();
    Some(if negative { -value } else { value })
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
mod tests;
