//! Civil dates and calendar months: parsing, month arithmetic, clamped days.

use chrono::{Datelike, Days, NaiveDate};
use std::fmt;

/// Why a typed date or month was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CalendarError {
    #[error("date '{0}' is not a valid date; write it as YYYY-MM-DD, for example 2025-09-30")]
    BadDate(String),
    #[error("month '{0}' is not a valid month; write it as YYYY-MM, for example 2025-09")]
    BadMonth(String),
    #[error("date '{0}' is outside the years pfos keeps, {FIRST_YEAR} to {LAST_YEAR}; check the year")]
    OutOfRange(String),
}

/// The first and last years a date may have: everything worked out from a date (a statement's due date,
/// a forecast's months) stays a plain four-digit date.
pub const FIRST_YEAR: i32 = 1900;
pub const LAST_YEAR: i32 = 2999;

/// Parses a strict `YYYY-MM-DD` date of the years pfos keeps (see [`FIRST_YEAR`], [`LAST_YEAR`]).
pub fn parse_date(text: &str) -> Result<NaiveDate, CalendarError> {
    let date = parse_stored_date(text)?;
    if !(FIRST_YEAR..=LAST_YEAR).contains(&date.year()) {
        return Err(CalendarError::OutOfRange(text.to_string()));
    }
    Ok(date)
}

/// Parses a strict `YYYY-MM-DD` date of any four-digit year (as stored: a row is read as it was written).
pub fn parse_stored_date(text: &str) -> Result<NaiveDate, CalendarError> {
    let bad = || CalendarError::BadDate(text.to_string());
    let bytes = text.as_bytes();
    let shape_ok = bytes.len() == 10
        && bytes[4] == b'-'
        && bytes[7] == b'-'
        && bytes
            .iter()
            .enumerate()
            .all(|(i, b)| i == 4 || i == 7 || b.is_ascii_digit());
    if !shape_ok {
        return Err(bad());
    }
    // The shape is checked, so every digit is ASCII: read them directly (this runs for every row read).
    let number = |range: std::ops::Range<usize>| bytes[range].iter().fold(0u32, |n, b| n * 10 + u32::from(b - b'0'));
    let year = i32::try_from(number(0..4)).map_err(|_| bad())?;
    NaiveDate::from_ymd_opt(year, number(5..7), number(8..10)).ok_or_else(bad)
}

/// Appends `date` as YYYY-MM-DD to `out`, exactly as chrono's `%F` (and `Display`) writes it, without its
/// formatter: this runs for every row an import writes.
pub fn push_iso_date(out: &mut String, date: NaiveDate) {
    let year = date.year();
    if !(0..=9999).contains(&year) {
        use std::fmt::Write;
        let _ = write!(out, "{}", date.format("%F"));
        return;
    }
    let digit = |n: u32| b'0' + (n % 10) as u8;
    let (year, month, day) = (year.unsigned_abs(), date.month(), date.day());
    let text = [
        digit(year / 1000),
        digit(year / 100),
        digit(year / 10),
        digit(year),
        b'-',
        digit(month / 10),
        digit(month),
        b'-',
        digit(day / 10),
        digit(day),
    ];
    out.extend(text.iter().map(|b| char::from(*b)));
}

/// A calendar month, ordered by time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Month {
    year: i32,
    month: u32,
}

impl Month {
    pub fn new(year: i32, month: u32) -> Option<Month> {
        ((1..=12).contains(&month) && (1..=9999).contains(&year)).then_some(Month { year, month })
    }

    pub fn of(date: NaiveDate) -> Month {
        Month {
            year: date.year(),
            month: date.month(),
        }
    }

    /// Parses a strict `YYYY-MM` month.
    pub fn parse(text: &str) -> Result<Month, CalendarError> {
        let bad = || CalendarError::BadMonth(text.to_string());
        let bytes = text.as_bytes();
        let shape_ok =
            bytes.len() == 7 && bytes[4] == b'-' && bytes.iter().enumerate().all(|(i, b)| i == 4 || b.is_ascii_digit());
        if !shape_ok {
            return Err(bad());
        }
        let year: i32 = text[..4].parse().map_err(|_| bad())?;
        let month = text[5..].parse().map_err(|_| bad())?;
        let month = Month::new(year, month).ok_or_else(bad)?;
        if !(FIRST_YEAR..=LAST_YEAR).contains(&year) {
            return Err(CalendarError::OutOfRange(text.to_string()));
        }
        Ok(month)
    }

    pub fn year(self) -> i32 {
        self.year
    }

    pub fn number(self) -> u32 {
        self.month
    }

    pub fn first_day(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.year, self.month, 1).unwrap_or(NaiveDate::MIN)
    }

    pub fn last_day(self) -> NaiveDate {
        self.next().first_day().pred_opt().unwrap_or(NaiveDate::MAX)
    }

    /// The given day of this month, clamped to the month's last day (31 → 30, 29 or 28).
    pub fn clamped_day(self, day: u32) -> NaiveDate {
        let last = self.last_day();
        NaiveDate::from_ymd_opt(self.year, self.month, day.clamp(1, last.day())).unwrap_or(last)
    }

    pub fn next(self) -> Month {
        if self.month == 12 {
            Month {
                year: self.year + 1,
                month: 1,
            }
        } else {
            Month {
                year: self.year,
                month: self.month + 1,
            }
        }
    }

    pub fn prev(self) -> Month {
        if self.month == 1 {
            Month {
                year: self.year - 1,
                month: 12,
            }
        } else {
            Month {
                year: self.year,
                month: self.month - 1,
            }
        }
    }

    /// Moves by whole months (negative goes back).
    pub fn plus(self, months: i32) -> Month {
        let index = self.year * 12 + self.month as i32 - 1 + months;
        Month {
            year: index.div_euclid(12),
            month: index.rem_euclid(12) as u32 + 1,
        }
    }

    /// Months from `self` to `later` (negative if `later` is earlier).
    pub fn until(self, later: Month) -> i32 {
        (later.year - self.year) * 12 + later.month as i32 - self.month as i32
    }

    pub fn contains(self, date: NaiveDate) -> bool {
        Month::of(date) == self
    }

    /// Short label such as `Sep 2025`.
    pub fn label(self) -> String {
        self.first_day().format("%b %Y").to_string()
    }
}

impl fmt::Display for Month {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

/// `date + days`, saturating at the end of the calendar.
pub fn add_days(date: NaiveDate, days: u32) -> NaiveDate {
    date.checked_add_days(Days::new(u64::from(days)))
        .unwrap_or(NaiveDate::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> NaiveDate {
        parse_date(text).unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn iso_dates_are_written_as_chrono_writes_them() {
        for (y, m, day) in [
            (2026, 11, 1),
            (1999, 12, 31),
            (1, 2, 3),
            (9999, 12, 31),
            (10_000, 1, 1),
            (-44, 3, 15),
        ] {
            let date = NaiveDate::from_ymd_opt(y, m, day).unwrap_or_default();
            let mut out = String::from("kept|");
            push_iso_date(&mut out, date);
            assert_eq!(out, format!("kept|{}", date.format("%F")));
            assert_eq!(out, format!("kept|{date}"), "Display writes it the same");
        }
    }

    #[test]
    fn dates_are_strict() {
        assert_eq!(d("2024-02-29").day(), 29);
        assert!(parse_date("2025-02-29").is_err());
        assert!(parse_date("2025-13-01").is_err());
        assert!(parse_date("2025-9-1").is_err());
        assert!(parse_date("09/01/2025").is_err());
        assert!(parse_date("").is_err());
        assert!(parse_date("2025-04-31").is_err());
        assert!(parse_date("2025-00-10").is_err());
        assert!(parse_date("2025-01-00").is_err());
        assert!(parse_date("2025-01-1x").is_err());
        assert_eq!(
            d("1999-12-31"),
            NaiveDate::from_ymd_opt(1999, 12, 31).unwrap_or_default()
        );
    }

    #[test]
    fn months_parse_and_step() {
        let m = Month::parse("2025-12").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(m.next().to_string(), "2026-01");
        assert_eq!(m.next().prev(), m);
        assert_eq!(m.plus(-12).to_string(), "2024-12");
        assert_eq!(m.plus(-13).to_string(), "2024-11");
        assert_eq!(Month::parse("2024-11").map(|p| p.until(m)), Ok(13));
        assert!(Month::parse("2025-00").is_err());
        assert!(Month::parse("2025-13").is_err());
        assert!(Month::parse("2025-1").is_err());
        assert!(Month::parse("2025-09-01").is_err());
    }

    #[test]
    fn clamps_statement_days() {
        let feb = Month::parse("2025-02").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(feb.clamped_day(31), d("2025-02-28"));
        let leap = Month::parse("2024-02").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(leap.clamped_day(31), d("2024-02-29"));
        let apr = Month::parse("2025-04").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(apr.clamped_day(31), d("2025-04-30"));
        assert_eq!(apr.last_day(), d("2025-04-30"));
    }
}
