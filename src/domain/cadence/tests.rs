//! Every cadence by hand: month-end days, leap years, two-week steps across a year's end, and the ends.

use super::*;
use crate::domain::calendar::parse_date;

fn d(text: &str) -> NaiveDate {
    parse_date(text).unwrap_or_else(|e| panic!("{e}"))
}

fn dates(list: &[NaiveDate]) -> Vec<String> {
    list.iter().map(ToString::to_string).collect()
}

fn schedule(cadence: Cadence, start: &str, end: End) -> Schedule {
    Schedule {
        cadence,
        start: d(start),
        end,
    }
}

#[test]
fn monthly_on_the_31st_lands_on_each_months_last_day() {
    let s = schedule(Cadence::Monthly { day: 31 }, "2024-01-31", End::Never);
    assert_eq!(
        dates(&s.between(d("2024-01-01"), d("2024-05-31"))),
        ["2024-01-31", "2024-02-29", "2024-03-31", "2024-04-30", "2024-05-31"]
    );
    // 2025 is not a leap year: February has 28 days, and the day does not drift to the 28th afterwards.
    assert_eq!(
        dates(&s.between(d("2025-02-01"), d("2025-03-31"))),
        ["2025-02-28", "2025-03-31"]
    );
}

#[test]
fn monthly_on_the_30th_and_29th_in_february() {
    let s = schedule(Cadence::Monthly { day: 30 }, "2023-01-15", End::Never);
    assert_eq!(
        dates(&s.between(d("2023-01-01"), d("2023-03-31"))),
        ["2023-01-30", "2023-02-28", "2023-03-30"]
    );
    let s = schedule(Cadence::Monthly { day: 29 }, "2024-02-01", End::Never);
    assert_eq!(dates(&s.between(d("2024-02-01"), d("2024-02-29"))), ["2024-02-29"]);
    assert_eq!(dates(&s.between(d("2025-02-01"), d("2025-02-28"))), ["2025-02-28"]);
}

#[test]
fn monthly_skips_the_start_month_when_its_day_has_passed() {
    // Started on the 20th, paid on the 5th: the first occurrence is next month's 5th.
    let s = schedule(Cadence::Monthly { day: 5 }, "2025-11-20", End::Never);
    assert_eq!(s.nth(0), Some(d("2025-12-05")));
    assert_eq!(s.nth(1), Some(d("2026-01-05")));
    let s = schedule(Cadence::Monthly { day: 20 }, "2025-11-20", End::Never);
    assert_eq!(s.nth(0), Some(d("2025-11-20")), "the start day itself counts");
}

#[test]
fn yearly_on_29_february_falls_on_the_28th_except_in_leap_years() {
    let s = schedule(Cadence::Yearly, "2024-02-29", End::Never);
    assert_eq!(
        dates(&s.between(d("2024-01-01"), d("2028-12-31"))),
        ["2024-02-29", "2025-02-28", "2026-02-28", "2027-02-28", "2028-02-29"]
    );
}

#[test]
fn weekly_and_biweekly_cross_the_years_end() {
    // Friday 19 December 2025, every two weeks: 2 and 16 January 2026 (2026 starts on a Thursday).
    let s = schedule(Cadence::Biweekly, "2025-12-19", End::Never);
    assert_eq!(
        dates(&s.between(d("2025-12-01"), d("2026-01-31"))),
        ["2025-12-19", "2026-01-02", "2026-01-16", "2026-01-30"]
    );
    // From a late start the first occurrence is still on the 14-day grid.
    assert_eq!(dates(&s.between(d("2026-01-03"), d("2026-01-20"))), ["2026-01-16"]);
    let s = schedule(Cadence::Weekly, "2025-12-29", End::Never);
    assert_eq!(
        dates(&s.between(d("2025-12-29"), d("2026-01-12"))),
        ["2025-12-29", "2026-01-05", "2026-01-12"]
    );
    // Biweekly across a leap day: 2024-02-22 + 14 days = 2024-03-07.
    let s = schedule(Cadence::Biweekly, "2024-02-22", End::Never);
    assert_eq!(s.nth(1), Some(d("2024-03-07")));
}

#[test]
fn a_count_or_an_until_date_ends_the_schedule() {
    let s = schedule(Cadence::Monthly { day: 1 }, "2025-01-01", End::Count(3));
    assert_eq!(
        dates(&s.between(d("2024-01-01"), d("2026-01-01"))),
        ["2025-01-01", "2025-02-01", "2025-03-01"]
    );
    // The count runs from the start, not from the window.
    assert_eq!(dates(&s.between(d("2025-03-01"), d("2026-01-01"))), ["2025-03-01"]);
    let s = schedule(Cadence::Weekly, "2025-01-01", End::Until(d("2025-01-15")));
    assert_eq!(
        dates(&s.between(d("2025-01-01"), d("2025-12-31"))),
        ["2025-01-01", "2025-01-08", "2025-01-15"]
    );
    assert_eq!(s.next_on_or_after(d("2025-01-16")), None);
    assert_eq!(s.next_on_or_after(d("2025-01-09")), Some(d("2025-01-15")));
}

#[test]
fn nothing_before_the_start_and_long_schedules_start_near_the_window() {
    let s = schedule(Cadence::Weekly, "2025-06-01", End::Never);
    assert!(s.between(d("2025-01-01"), d("2025-05-31")).is_empty());
    // Ten years of weekly occurrences later, the window still finds exactly one per week.
    let found = s.between(d("2035-06-01"), d("2035-06-30"));
    assert_eq!(found.len(), 4);
    assert!(found.iter().all(|day| (*day - d("2025-06-01")).num_days() % 7 == 0));
}

#[test]
fn cadences_parse_with_their_rules() {
    let start = d("2025-01-31");
    assert_eq!(
        Cadence::from_parts("monthly", None, start),
        Ok(Cadence::Monthly { day: 31 })
    );
    assert_eq!(
        Cadence::from_parts("Monthly", Some(15), start),
        Ok(Cadence::Monthly { day: 15 })
    );
    assert_eq!(Cadence::from_parts("fortnightly", None, start), Ok(Cadence::Biweekly));
    let err = |r: Result<Cadence, CadenceError>| r.err().map(|e| e.to_string()).unwrap_or_default();
    assert!(err(Cadence::from_parts("monthly", Some(32), start)).contains("outside 1–31"));
    assert!(err(Cadence::from_parts("weekly", Some(3), start)).contains("only goes with a monthly"));
    assert!(err(Cadence::from_parts("daily", None, start)).contains("not a cadence"));
    assert_eq!(Cadence::Monthly { day: 31 }.to_string(), "monthly on day 31");
}
