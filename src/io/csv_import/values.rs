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

/// Parses "$1,234.56", "-12.00", "(45.10)", "12,50 €", "1.234,56", "45.10-", "USD 3.00".
pub fn parse_amount(cell: &str, mark: DecimalMark) -> AmountCell {
    let text = cell.trim();
    if text.is_empty() || text == "-" || text == "--" {
        return AmountCell::Empty;
    }
    let mut negative = false;
    let mut body = text.to_string();
    if body.starts_with('(') && body.ends_with(')') {
        negative = true;
        body = body[1..body.len() - 1].to_string();
    }
    let body = body.trim();
    let (sign_stripped, trailing_minus) = match body.strip_suffix('-') {
        Some(rest) => (rest, true),
        None => (body, false),
    };
    negative ^= trailing_minus;
    let mut number = String::with_capacity(sign_stripped.len());
    for ch in sign_stripped.chars() {
        match ch {
            '0'..='9' => number.push(ch),
            '-' | '−' if number.is_empty() => negative = !negative,
            '+' if number.is_empty() => {}
            '.' | ',' => {
                let is_decimal = (ch == '.') == (mark == DecimalMark::Point);
                if is_decimal {
                    number.push('.');
                }
            }
            ' ' | '\u{a0}' | '\u{202f}' | '\'' => {}
            c if c.is_alphabetic() || "$€£¥₹₩₽¢".contains(c) => {}
            _ => return AmountCell::Unreadable,
        }
    }
    if number.is_empty() || number == "." || number.matches('.').count() > 1 {
        return AmountCell::Unreadable;
    }
    match Decimal::from_str(&number) {
        Ok(value) if value.scale() <= 2 || value.normalize().scale() <= 2 => {
            let value = value.normalize();
            AmountCell::Amount(if negative { -value } else { value })
        }
        _ => AmountCell::Unreadable,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal::Decimal;

    fn amount(cell: &str, mark: DecimalMark) -> Decimal {
        match parse_amount(cell, mark) {
            AmountCell::Amount(d) => d,
            other => panic!("{cell}: {other:?}"),
        }
    }

    fn dec(text: &str) -> Decimal {
        Decimal::from_str(text).unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn amounts_as_banks_print_them() {
        use DecimalMark::*;
        assert_eq!(amount("$1,234.56", Point), dec("1234.56"));
        assert_eq!(amount("-12.00", Point), dec("-12"));
        assert_eq!(amount("(45.10)", Point), dec("-45.1"));
        assert_eq!(amount("45.10-", Point), dec("-45.1"));
        assert_eq!(amount("12,50 €", Comma), dec("12.5"));
        assert_eq!(amount("-1.234,56", Comma), dec("-1234.56"));
        assert_eq!(amount("USD 3.00", Point), dec("3"));
        assert_eq!(amount("+7", Point), dec("7"));
        assert_eq!(amount("-$5.25", Point), dec("-5.25"));
        assert_eq!(parse_amount("", Point), AmountCell::Empty);
        assert_eq!(parse_amount("  ", Point), AmountCell::Empty);
        assert_eq!(parse_amount("12.345", Point), AmountCell::Unreadable);
        assert_eq!(parse_amount("abc", Point), AmountCell::Unreadable);
        assert_eq!(parse_amount("1.2.3", Point), AmountCell::Unreadable);
        assert_eq!(parse_amount("12#", Point), AmountCell::Unreadable);
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
