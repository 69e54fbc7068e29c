//! Reading a query's text: parts separated by spaces (a quoted phrase or quoted value keeps its spaces),
//! each turned into a term, or an error quoting the part at fault.

use super::{AmountTest, Query, QueryError, Term};
use crate::domain::calendar::{parse_date, CalendarError, Month, FIRST_YEAR, LAST_YEAR};
use crate::domain::category::normalize_tag;
use crate::domain::money::{AmountError, Money};
use crate::domain::txn::TxnKind;
use chrono::NaiveDate;

const AMOUNT_HELP: &str = "write amt:>100 or amt:50..80";
const DATE_HELP: &str = "write date:2025-10, date:2025-10-01 or date:2025-10-01..2025-12-31";
const KEYS_HELP: &str = "use cat:, tag:, place:, kind:, amt: or date:, or put the words in quotes to search for them";

/// One part of a query as written, and where it starts.
struct Part<'a> {
    written: &'a str,
    at: usize,
    kind: PartKind<'a>,
}

enum PartKind<'a> {
    /// A bare word.
    Word(&'a str),
    /// What a pair of quotes holds.
    Phrase(&'a str),
    /// `key:value` (the value without its quotes).
    Keyed { key: &'a str, value: &'a str },
}

pub fn parse(text: &str) -> Result<Query, QueryError> {
    let mut terms = Vec::new();
    let mut at = 0;
    while let Some(part) = next_part(text, &mut at)? {
        terms.push(term(&part).map_err(|why| QueryError {
            part: part.written.to_string(),
            at: part.at,
            why,
        })?);
    }
    Ok(Query { terms })
}

fn fault(text: &str, from: usize, to: usize, why: &str) -> QueryError {
    QueryError {
        part: text[from..to].to_string(),
        at: from,
        why: why.to_string(),
    }
}

/// Where the word starting at `from` ends: at the next space, or the end.
fn word_end(text: &str, from: usize) -> usize {
    text[from..].find(char::is_whitespace).map_or(text.len(), |n| from + n)
}

/// The text of a quote opened just before `inner` (by the part starting at `start`), and where the part
/// ends after its closing quote.
fn quoted(text: &str, start: usize, inner: usize) -> Result<(&str, usize), QueryError> {
    let Some(length) = text[inner..].find('"') else {
        return Err(fault(
            text,
            start,
            text.trim_end().len().max(inner),
            "the quote is not closed; end it with another \"",
        ));
    };
    let close = inner + length;
    let end = close + 1;
    if !text[end..].is_empty() && !text[end..].starts_with(char::is_whitespace) {
        return Err(fault(
            text,
            start,
            word_end(text, end),
            "put a space after the closing quote",
        ));
    }
    Ok((&text[inner..close], end))
}

/// The part starting at or after `*at` (spaces skipped), moving `*at` past it; `None` at the end.
fn next_part<'a>(text: &'a str, at: &mut usize) -> Result<Option<Part<'a>>, QueryError> {
    let rest = &text[*at..];
    let start = *at + (rest.len() - rest.trim_start().len());
    if start >= text.len() {
        *at = text.len();
        return Ok(None);
    }
    let here = &text[start..];
    let (kind, end) = if here.starts_with('"') {
        let (phrase, end) = quoted(text, start, start + 1)?;
        (PartKind::Phrase(phrase), end)
    } else {
        let key_length = here.bytes().take_while(u8::is_ascii_alphabetic).count();
        if key_length > 0 && here[key_length..].starts_with(':') {
            let key = &here[..key_length];
            let value_at = start + key_length + 1;
            if text[value_at..].starts_with('"') {
                let (value, end) = quoted(text, start, value_at + 1)?;
                (PartKind::Keyed { key, value }, end)
            } else {
                let end = word_end(text, value_at);
                (
                    PartKind::Keyed {
                        key,
                        value: &text[value_at..end],
                    },
                    end,
                )
            }
        } else {
            let end = word_end(text, start);
            (PartKind::Word(&text[start..end]), end)
        }
    };
    *at = end;
    Ok(Some(Part {
        written: &text[start..end],
        at: start,
        kind,
    }))
}

fn term(part: &Part<'_>) -> Result<Term, String> {
    match part.kind {
        PartKind::Word(word) => Ok(Term::Text {
            text: word.to_string(),
            phrase: false,
        }),
        PartKind::Phrase(phrase) if phrase.trim().is_empty() => Err("the quotes hold nothing to search for".into()),
        PartKind::Phrase(phrase) => Ok(Term::Text {
            text: phrase.to_string(),
            phrase: true,
        }),
        PartKind::Keyed { key, value } => keyed(key, value.trim()),
    }
}

fn keyed(key: &str, value: &str) -> Result<Term, String> {
    let named = |noun: &str, example: &str| {
        if value.is_empty() {
            Err(format!("say which {noun}, like {key}:{example}"))
        } else {
            Ok(value.to_string())
        }
    };
    match key.to_ascii_lowercase().as_str() {
        "cat" | "category" => named("category", "Groceries").map(Term::Category),
        "tag" => {
            named("tag", "trip")?;
            normalize_tag(value).map(Term::Tag).map_err(|e| e.to_string())
        }
        "place" => named("place", "Checking").map(Term::Place),
        "kind" => {
            named("kind", "expense")?;
            value.parse::<TxnKind>().map(Term::Kind)
        }
        "amt" | "amount" => amount(value).map(Term::Amount),
        "date" => date(value).map(|(first, last)| Term::Date { first, last }),
        _ => Err(format!("'{key}' is not something to search by; {KEYS_HELP}")),
    }
}

/// An amount test from its amount.
type Comparison = fn(Money) -> AmountTest;

fn amount(value: &str) -> Result<AmountTest, String> {
    if let Some((low, high)) = value.split_once("..") {
        let (low, high) = (money(low)?, money(high)?);
        if low > high {
            return Err(format!(
                "{low} is more than {high}; put the smaller amount first, like amt:50..80"
            ));
        }
        return Ok(AmountTest::Between(low, high));
    }
    let tests: [(&str, Comparison); 5] = [
        (">=", AmountTest::AtLeast),
        ("<=", AmountTest::AtMost),
        (">", AmountTest::Above),
        ("<", AmountTest::Below),
        ("=", AmountTest::Exactly),
    ];
    for (sign, test) in tests {
        if let Some(rest) = value.strip_prefix(sign) {
            return money(rest).map(test);
        }
    }
    money(value).map(AmountTest::Exactly)
}

fn money(text: &str) -> Result<Money, String> {
    if text.trim().is_empty() {
        return Err(format!("an amount is missing; {AMOUNT_HELP}"));
    }
    Money::parse_non_negative(text).map_err(|e| {
        let why = match e {
            AmountError::NotANumber(_) | AmountError::Zero(_) => format!("'{text}' is not an amount"),
            AmountError::Negative(_) => {
                format!("'{text}' is negative, and amounts are compared without their sign")
            }
            AmountError::TooPrecise(_) => format!("'{text}' has more than two decimal places"),
            AmountError::TooLarge(_) => format!("'{text}' is larger than any transaction"),
        };
        format!("{why}; {AMOUNT_HELP}")
    })
}

/// The first and last days `value` covers: a year, a month, a day, or a range of them.
fn date(value: &str) -> Result<(NaiveDate, NaiveDate), String> {
    let Some((from, to)) = value.split_once("..") else {
        return days(value);
    };
    let ((first, _), (_, last)) = (days(from)?, days(to)?);
    if first > last {
        return Err(format!("{from} comes after {to}; put the earlier date first"));
    }
    Ok((first, last))
}

fn days(text: &str) -> Result<(NaiveDate, NaiveDate), String> {
    let not_a_date = || format!("'{text}' is not a date; {DATE_HELP}");
    if text.is_empty() {
        return Err(format!("a date is missing; {DATE_HELP}"));
    }
    let why = |e: CalendarError| match e {
        CalendarError::OutOfRange(_) => e.to_string(),
        _ => not_a_date(),
    };
    if text.len() == 4 && text.bytes().all(|b| b.is_ascii_digit()) {
        let year: i32 = text.parse().map_err(|_| not_a_date())?;
        if !(FIRST_YEAR..=LAST_YEAR).contains(&year) {
            return Err(format!(
                "year {text} is outside the years pfos keeps, {FIRST_YEAR} to {LAST_YEAR}; check the year"
            ));
        }
        let day = |m, d| NaiveDate::from_ymd_opt(year, m, d).ok_or_else(not_a_date);
        return Ok((day(1, 1)?, day(12, 31)?));
    }
    if text.len() == 7 {
        return Month::parse(text).map(|m| (m.first_day(), m.last_day())).map_err(why);
    }
    parse_date(text).map(|d| (d, d)).map_err(why)
}
