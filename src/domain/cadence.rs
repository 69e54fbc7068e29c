//! How often a recurring item happens: weekly, every two weeks, monthly on a day, yearly; and until when.

use super::calendar::Month;
use chrono::{Datelike, Days, NaiveDate};
use std::fmt;
use std::str::FromStr;

/// The rhythm of a recurring item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Cadence {
    /// Every 7 days from the start date.
    Weekly,
    /// Every 14 days from the start date.
    Biweekly,
    /// Once a month on this day (1–31), clamped to the month's last day (31 means the last day).
    Monthly { day: u32 },
    /// Once a year on the start date's month and day (29 February falls on the 28th in other years).
    Yearly,
}

impl Cadence {
    /// The name stored and typed (`weekly`, `biweekly`, `monthly`, `yearly`).
    pub fn name(self) -> &'static str {
        match self {
            Cadence::Weekly => "weekly",
            Cadence::Biweekly => "biweekly",
            Cadence::Monthly { .. } => "monthly",
            Cadence::Yearly => "yearly",
        }
    }

    /// The day of the month for a monthly cadence.
    pub fn day(self) -> Option<u32> {
        match self {
            Cadence::Monthly { day } => Some(day),
            _ => None,
        }
    }

    /// Builds a cadence from its name and, for monthly, the day (defaulting to the start date's day).
    pub fn from_parts(name: &str, day: Option<u32>, start: NaiveDate) -> Result<Cadence, CadenceError> {
        let kind: CadenceName = name.parse().map_err(CadenceError::Unknown)?;
        match (kind, day) {
            (CadenceName::Monthly, Some(d)) if !(1..=31).contains(&d) => Err(CadenceError::DayOutside(d)),
            (CadenceName::Monthly, d) => Ok(Cadence::Monthly {
                day: d.unwrap_or(start.day()),
            }),
            (_, Some(_)) => Err(CadenceError::DayNotMonthly(name.to_string())),
            (CadenceName::Weekly, None) => Ok(Cadence::Weekly),
            (CadenceName::Biweekly, None) => Ok(Cadence::Biweekly),
            (CadenceName::Yearly, None) => Ok(Cadence::Yearly),
        }
    }
}

/// Why a cadence's name and day do not make a cadence.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CadenceError {
    #[error("{0}")]
    Unknown(String),
    #[error("day {0} is outside 1–31; give the day of the month it happens (31 means the month's last day)")]
    DayOutside(u32),
    /// A day of the month given with a weekly, biweekly or yearly cadence.
    #[error("a day of the month only goes with a monthly item; a {0} item follows its start date")]
    DayNotMonthly(String),
}

impl fmt::Display for Cadence {
    /// `weekly`, `every two weeks`, `monthly on day 31`, `yearly`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Cadence::Weekly => f.write_str("weekly"),
            Cadence::Biweekly => f.write_str("every two weeks"),
            Cadence::Monthly { day } => write!(f, "monthly on day {day}"),
            Cadence::Yearly => f.write_str("yearly"),
        }
    }
}

/// A cadence's name alone, as typed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum CadenceName {
    Weekly,
    Biweekly,
    Monthly,
    Yearly,
}

impl FromStr for CadenceName {
    type Err = String;
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        match text.trim().to_ascii_lowercase().as_str() {
            "weekly" | "week" => Ok(CadenceName::Weekly),
            "biweekly" | "fortnightly" | "2weeks" | "two-weeks" => Ok(CadenceName::Biweekly),
            "monthly" | "month" => Ok(CadenceName::Monthly),
            "yearly" | "annually" | "year" => Ok(CadenceName::Yearly),
            _ => Err(format!(
                "'{text}' is not a cadence; use weekly, biweekly (every two weeks), monthly or yearly"
            )),
        }
    }
}

/// When a recurring item stops.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum End {
    Never,
    /// The last date an occurrence may fall on (included).
    Until(NaiveDate),
    /// How many occurrences there are in all, counted from the start.
    Count(u32),
}

/// A cadence anchored on a start date, with its end.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Schedule {
    pub cadence: Cadence,
    /// The first date an occurrence may fall on; weekly and yearly items count from it.
    pub start: NaiveDate,
    pub end: End,
}

impl Schedule {
    /// The `k`-th occurrence (0-based), ignoring the end; `None` past the calendar's end.
    pub fn nth(&self, k: u32) -> Option<NaiveDate> {
        let start = self.start;
        match self.cadence {
            Cadence::Weekly => start.checked_add_days(Days::new(7 * u64::from(k))),
            Cadence::Biweekly => start.checked_add_days(Days::new(14 * u64::from(k))),
            Cadence::Monthly { day } => {
                let first = Month::of(start);
                // The start month counts only if its day is not already past.
                let skip = i32::from(first.clamped_day(day) < start);
                let index = i32::try_from(k).ok()?.checked_add(skip)?;
                let month = first.plus(index);
                (month.year() <= 9999).then(|| month.clamped_day(day))
            }
            Cadence::Yearly => {
                let year = start.year().checked_add(i32::try_from(k).ok()?)?;
                let month = Month::new(year, start.month())?;
                Some(month.clamped_day(start.day()))
            }
        }
    }

    /// Every occurrence dated from `from` to `through` (both included), in order, respecting the end.
    pub fn between(&self, from: NaiveDate, through: NaiveDate) -> Vec<NaiveDate> {
        let mut out = Vec::new();
        if through < from || through < self.start {
            return out;
        }
        let last = match self.end {
            End::Until(until) => through.min(until),
            _ => through,
        };
        let limit = match self.end {
            End::Count(n) => n,
            _ => u32::MAX,
        };
        let mut k = self.first_index_near(from);
        while k < limit {
            let Some(date) = self.nth(k) else { break };
            if date > last {
                break;
            }
            if date >= from {
                out.push(date);
            }
            k += 1;
        }
        out
    }

    /// The first occurrence on or after `date`, if the schedule has one.
    pub fn next_on_or_after(&self, date: NaiveDate) -> Option<NaiveDate> {
        let horizon = date.checked_add_days(Days::new(400))?;
        self.between(date, horizon).first().copied()
    }

    /// An index at or before the first occurrence on or after `from`, so long schedules need not start at 0.
    fn first_index_near(&self, from: NaiveDate) -> u32 {
        let days = (from - self.start).num_days();
        if days <= 0 {
            return 0;
        }
        let estimate = match self.cadence {
            Cadence::Weekly => days / 7,
            Cadence::Biweekly => days / 14,
            // A month is at least 28 days and a year at least 365: never past the first one due.
            Cadence::Monthly { .. } => days / 31 - 1,
            Cadence::Yearly => days / 366 - 1,
        };
        u32::try_from(estimate.max(0)).unwrap_or(0)
    }
}

#[cfg(test)]
mod tests;
