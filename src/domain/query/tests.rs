//! The query parser's terms and errors, and the plain matcher.

use super::*;
use crate::domain::category::Split;
use crate::domain::place::{Place, PlaceKind};

fn day(text: &str) -> NaiveDate {
    crate::domain::parse_date(text).unwrap_or_else(|e| panic!("{e}"))
}

fn parsed(text: &str) -> Vec<Term> {
    Query::parse(text).unwrap_or_else(|e| panic!("{text}: {e}")).terms
}

fn error(text: &str) -> String {
    match Query::parse(text) {
        Ok(q) => panic!("{text} parsed as {q:?}"),
        Err(e) => e.to_string(),
    }
}

fn word(text: &str) -> Term {
    Term::Text {
        text: text.into(),
        phrase: false,
    }
}

fn money(text: &str) -> Money {
    Money::parse_non_negative(text).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn words_phrases_and_keys_make_terms() {
    assert_eq!(parsed(""), []);
    assert_eq!(parsed("   "), []);
    assert_eq!(parsed("coffee  shop"), [word("coffee"), word("shop")]);
    assert_eq!(
        parsed("\"trader joe\" cat:Groceries"),
        [
            Term::Text {
                text: "trader joe".into(),
                phrase: true
            },
            Term::Category("Groceries".into())
        ]
    );
    assert_eq!(
        parsed("CAT:\"Eating out\" tag:Trip place:Visa kind:Refund"),
        [
            Term::Category("Eating out".into()),
            Term::Tag("trip".into()),
            Term::Place("Visa".into()),
            Term::Kind(TxnKind::Refund),
        ]
    );
    assert_eq!(parsed("category:Rent"), [Term::Category("Rent".into())]);
    // A quote inside a word is a character of it; a colon after something other than letters too.
    assert_eq!(parsed("12\" 10:30"), [word("12\""), word("10:30")]);
}

#[test]
fn amounts_compare_and_range() {
    let amount = |text: &str| match parsed(text).as_slice() {
        [Term::Amount(test)] => *test,
        other => panic!("{text}: {other:?}"),
    };
    assert_eq!(amount("amt:>100"), AmountTest::Above(money("100")));
    assert_eq!(amount("amt:>=100"), AmountTest::AtLeast(money("100")));
    assert_eq!(amount("amt:<9.99"), AmountTest::Below(money("9.99")));
    assert_eq!(amount("amt:<=5"), AmountTest::AtMost(money("5")));
    assert_eq!(amount("amt:=12.5"), AmountTest::Exactly(money("12.50")));
    assert_eq!(amount("amount:12.50"), AmountTest::Exactly(money("12.5")));
    assert_eq!(amount("amt:50..80"), AmountTest::Between(money("50"), money("80")));
    assert!(AmountTest::Between(money("50"), money("80")).holds(money("80")));
    assert!(AmountTest::Between(money("50"), money("80")).holds(money("50")));
    assert!(!AmountTest::Between(money("50"), money("80")).holds(money("80.01")));
    assert!(!AmountTest::Above(money("100")).holds(money("100")));
    assert!(AmountTest::AtLeast(money("100")).holds(money("100")));
}

#[test]
fn dates_are_days_months_years_and_ranges() {
    let span = |text: &str| match parsed(text).as_slice() {
        [Term::Date { first, last }] => (first.to_string(), last.to_string()),
        other => panic!("{text}: {other:?}"),
    };
    let pair = |a: &str, b: &str| (a.to_string(), b.to_string());
    assert_eq!(span("date:2025-10"), pair("2025-10-01", "2025-10-31"));
    assert_eq!(span("date:2024-02"), pair("2024-02-01", "2024-02-29"));
    assert_eq!(span("date:2025-10-07"), pair("2025-10-07", "2025-10-07"));
    assert_eq!(span("date:2025"), pair("2025-01-01", "2025-12-31"));
    assert_eq!(span("date:2025-10-01..2025-12-31"), pair("2025-10-01", "2025-12-31"));
    assert_eq!(span("date:2025-10..2025-12"), pair("2025-10-01", "2025-12-31"));
}

#[test]
fn errors_quote_the_bad_part_and_say_what_to_write() {
    assert_eq!(
        error("coffee amt:>abc"),
        "in 'amt:>abc': 'abc' is not an amount; write amt:>100 or amt:50..80"
    );
    assert_eq!(
        Query::parse("coffee amt:>abc").err().map(|e| e.at),
        Some(7),
        "where the bad part starts"
    );
    assert_eq!(
        error("amt:80..50"),
        "in 'amt:80..50': 80.00 is more than 50.00; put the smaller amount first, like amt:50..80"
    );
    assert!(error("amt:-5").contains("'-5' is negative"));
    assert!(error("amt:1.234").contains("more than two decimal places"));
    assert!(error("amt:>").starts_with("in 'amt:>': an amount is missing"));
    assert_eq!(
        error("date:2025-13"),
        "in 'date:2025-13': '2025-13' is not a date; write date:2025-10, date:2025-10-01 or date:2025-10-01..2025-12-31"
    );
    assert!(error("date:2025-12..2025-10").contains("2025-12 comes after 2025-10"));
    assert!(error("date:0001").contains("outside the years pfos keeps"));
    assert!(error("date:1850-01").contains("outside the years pfos keeps"));
    assert_eq!(
        error("kind:spend"),
        "in 'kind:spend': 'spend' is not a transaction kind; use expense, income, transfer, refund, valuation or opening"
    );
    assert_eq!(error("cat:"), "in 'cat:': say which category, like cat:Groceries");
    assert!(error("tag:a#b").starts_with("in 'tag:a#b': tag 'a#b' may hold only"));
    assert!(error("colour:red").starts_with("in 'colour:red': 'colour' is not something to search by"));
    assert_eq!(
        error("shop \"trader jo"),
        "in '\"trader jo': the quote is not closed; end it with another \""
    );
    assert_eq!(
        error("cat:\"Eating out"),
        "in 'cat:\"Eating out': the quote is not closed; end it with another \""
    );
    assert_eq!(
        error("\"a b\"c d"),
        "in '\"a b\"c': put a space after the closing quote"
    );
    assert_eq!(error("\"  \""), "in '\"  \"': the quotes hold nothing to search for");
}

#[test]
fn words_fold_case_and_accents_and_leave_digits_out() {
    assert_eq!(words("Café Olé"), ["cafe", "ole"]);
    assert_eq!(words("Cafe\u{301}"), ["cafe"], "a decomposed accent");
    assert_eq!(words("Trader Joe's #123"), ["trader", "joe", "s"]);
    assert_eq!(words("7-Eleven 42"), ["eleven"]);
    assert_eq!(words("寿司 dinner"), ["寿司", "dinner"]);
    assert_eq!(digit_runs("#1234-5 x9"), ["1234", "5", "9"]);
}

fn txn(description: &str) -> Txn {
    Txn {
        id: 1,
        date: day("2025-10-15"),
        kind: TxnKind::Expense,
        amount: money("80"),
        from: Some(1),
        to: None,
        category: Some("Groceries".into()),
        description: description.into(),
        splits: Vec::new(),
        tags: vec!["trip".into()],
    }
}

fn places() -> Places {
    Places::new(vec![
        Place::account(1, "Checking", PlaceKind::Checking, day("2025-01-01")),
        Place::account(2, "Wallet", PlaceKind::Cash, day("2025-01-01")),
    ])
}

fn hits(query: &str, t: &Txn) -> bool {
    Query::parse(query)
        .unwrap_or_else(|e| panic!("{e}"))
        .matches(t, &places())
}

#[test]
fn free_text_matches_starts_of_words_in_a_row() {
    let t = txn("Trader Joe's #1234 Café");
    for yes in [
        "trader",
        "TRAD",
        "joe's",
        "\"trader joe\"",
        "cafe",
        "café",
        "1234",
        "23",
        "trader joe",
        "joe trader",
        "&",
        "-",
    ] {
        assert!(hits(yes, &t), "{yes}");
    }
    for no in ["\"trader jo\"", "rader", "5678", "tea", "\"joe trader\""] {
        assert!(!hits(no, &t), "{no}");
    }
}

#[test]
fn keys_match_category_splits_tags_places_kinds_amounts_and_dates() {
    let mut t = txn("Market");
    for yes in [
        "cat:groceries",
        "cat:GROCERIES",
        "tag:TRIP",
        "place:checking",
        "kind:expense",
        "amt:80",
        "amt:50..80",
        "amt:>79.99",
        "date:2025-10",
        "date:2025-10-15",
        "date:2025",
        "date:2025-10-15..2025-12-31",
        "market cat:Groceries amt:<=80",
    ] {
        assert!(hits(yes, &t), "{yes}");
    }
    for no in [
        "cat:Household",
        "tag:home",
        "place:Wallet",
        "place:Nowhere",
        "kind:income",
        "amt:>80",
        "amt:80.01..90",
        "date:2025-11",
        "date:2025-10-16..2025-12-31",
        "market cat:Household",
    ] {
        assert!(!hits(no, &t), "{no}");
    }
    t.category = None;
    t.splits = vec![
        Split {
            category: "Groceries".into(),
            amount: money("50"),
        },
        Split {
            category: "Household".into(),
            amount: money("30"),
        },
    ];
    assert!(hits("cat:household", &t), "a split line's category");
    assert!(hits("cat:Groceries cat:Household", &t));
    assert!(!hits("cat:Dining", &t));
    t.from = None;
    t.to = Some(2);
    assert!(hits("place:wallet", &t), "the place money goes to");
}
