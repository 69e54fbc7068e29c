//! Property tests of search: any text is either a query or an error quoting the part at fault (never a
//! panic), and on random ledgers (edited, deleted from, undone) a query's results, listed whole or paged
//! either way at any page size, are exactly the transactions the plain matcher keeps.

use chrono::{Days, NaiveDate};
use pfos::domain::{Money, PlaceKind, Query, Split, Txn, TxnKind};
use pfos::ledger::browse::TxnFilter;
use pfos::ledger::{Ledger, NewCard, TxnEdit, TxnInput};
use proptest::prelude::*;

/// Words descriptions are made of: cases, accents, apostrophes, digits, CJK, punctuation.
const WORDS: [&str; 16] = [
    "Café",
    "cafe",
    "Olé",
    "coffee",
    "COFFEE",
    "Coffee-shop",
    "trader",
    "Joe's",
    "寿司",
    "#1234",
    "12",
    "a-b",
    "Bäckerei",
    "MÜLLER",
    "x",
    "tea",
];
const CATEGORIES: [&str; 4] = ["Groceries", "groceries", "Dining", "Household"];
const TAGS: [&str; 3] = ["trip", "home", "q/4"];
const PLACES: [&str; 3] = ["Checking", "Wallet", "Visa"];

fn start() -> NaiveDate {
    pfos::domain::parse_date("2025-01-01").unwrap_or_else(|e| panic!("{e}"))
}

#[derive(Debug, Clone)]
struct Op {
    kind: u8,
    cents: i64,
    day: u64,
    words: Vec<usize>,
    category: usize,
    place: usize,
    split: bool,
    tags: Vec<usize>,
    /// 0–5 keep, 6 edit the description, 7 delete, 8 edit then undo the edit.
    then: u8,
}

fn op() -> impl Strategy<Value = Op> {
    (
        (0u8..4, 2i64..30_000, 0u64..365),
        (
            prop::collection::vec(0..WORDS.len(), 0..4),
            0..CATEGORIES.len(),
            0..PLACES.len(),
            any::<bool>(),
            prop::collection::vec(0..TAGS.len(), 0..2),
            0u8..9,
        ),
    )
        .prop_map(|((kind, cents, day), (words, category, place, split, tags, then))| Op {
            kind,
            cents,
            day,
            words,
            category,
            place,
            split,
            tags,
            then,
        })
}

fn description(words: &[usize], separator: usize) -> String {
    let parts: Vec<&str> = words.iter().map(|i| WORDS[*i]).collect();
    parts.join([" ", "  ", ", ", "/"][separator % 4])
}

fn ledger(ops: &[Op]) -> Ledger {
    let money = Money::from_cents;
    let mut l = Ledger::in_memory(start() + Days::new(400)).unwrap_or_else(|e| panic!("{e}"));
    let opened = start() - Days::new(1);
    let ok = |r: pfos::error::Result<i64>| r.unwrap_or_else(|e| panic!("{e}"));
    ok(l.add_account("Checking", PlaceKind::Checking, money(10_000_000), opened));
    ok(l.add_account("Wallet", PlaceKind::Cash, money(500_000), opened));
    ok(l.add_card(
        &NewCard {
            name: "Visa",
            statement_day: 20,
            grace_days: 25,
            limit: None,
        },
        money(0),
        opened,
    ));
    for (n, op) in ops.iter().enumerate() {
        let place = PLACES[op.place].to_string();
        let other = PLACES[(op.place + 1) % 3].to_string();
        let (kind, from, to) = match op.kind {
            0 => (TxnKind::Expense, Some(place), None),
            // Income goes to an account, not a card.
            1 => (TxnKind::Income, None, Some(PLACES[op.place % 2].to_string())),
            2 => (TxnKind::Transfer, Some(place), Some(other)),
            _ => (TxnKind::Refund, None, Some(place)),
        };
        let takes_category = kind != TxnKind::Transfer;
        let split = op.split && kind == TxnKind::Expense && op.cents >= 2;
        let splits = if split {
            let first = op.cents / 2;
            vec![
                Split {
                    category: CATEGORIES[op.category].into(),
                    amount: money(first),
                },
                Split {
                    category: CATEGORIES[(op.category + 2) % 4].into(),
                    amount: money(op.cents - first),
                },
            ]
        } else {
            Vec::new()
        };
        let input = TxnInput {
            kind: Some(kind),
            amount: money(op.cents),
            from,
            to,
            category: (takes_category && !split).then(|| CATEGORIES[op.category].to_string()),
            date: Some(start() + Days::new(op.day)),
            description: Some(description(&op.words, n)),
            splits,
            tags: op.tags.iter().map(|t| TAGS[*t].to_string()).collect(),
        };
        let id = ok(l.add_txn(&input));
        let mut reworded = op.words.clone();
        reworded.reverse();
        reworded.push(n % WORDS.len());
        let edit = TxnEdit {
            description: Some(description(&reworded, n + 1)),
            ..TxnEdit::default()
        };
        match op.then {
            6 => {
                l.edit_txn(id, &edit).unwrap_or_else(|e| panic!("{e}"));
            }
            7 => {
                l.delete_txn(id).unwrap_or_else(|e| panic!("{e}"));
            }
            8 => {
                l.edit_txn(id, &edit).unwrap_or_else(|e| panic!("{e}"));
                l.undo().unwrap_or_else(|e| panic!("{e}"));
            }
            _ => {}
        }
    }
    l
}

/// A valid query of one to three terms, drawn to hit the ledgers' words, categories, tags and places.
fn query_text() -> impl Strategy<Value = String> {
    let word = (0..WORDS.len(), 1usize..6, any::<bool>()).prop_map(|(i, len, upper)| {
        let w: String = WORDS[i].chars().take(len).collect();
        if upper {
            w.to_uppercase()
        } else {
            w.to_lowercase()
        }
    });
    let phrase = (0..WORDS.len(), 0..WORDS.len()).prop_map(|(a, b)| format!("\"{} {}\"", WORDS[a], WORDS[b]));
    let key = prop_oneof![
        (0..CATEGORIES.len()).prop_map(|i| format!("cat:{}", CATEGORIES[i].to_uppercase())),
        Just("cat:Nothing".to_string()),
        (0..TAGS.len()).prop_map(|i| format!("tag:{}", TAGS[i])),
        (0..PLACES.len()).prop_map(|i| format!("place:{}", PLACES[i].to_lowercase())),
        (0usize..4).prop_map(|i| format!("kind:{}", ["expense", "income", "transfer", "refund"][i])),
        (0i64..30_000, 0usize..5).prop_map(|(c, op)| format!(
            "amt:{}{}",
            [">", ">=", "<", "<=", ""][op],
            Money::from_cents(c)
        )),
        (0i64..30_000, 0i64..10_000).prop_map(|(c, w)| format!(
            "amt:{}..{}",
            Money::from_cents(c),
            Money::from_cents(c + w)
        )),
        (1u32..13).prop_map(|m| format!("date:2025-{m:02}")),
        (0u64..365, 0u64..90).prop_map(|(d, w)| {
            let first = start() + Days::new(d);
            format!("date:{first}..{}", first + Days::new(w))
        }),
    ];
    let term = prop_oneof![3 => word, 1 => phrase, 3 => key];
    prop::collection::vec(term, 1..4).prop_map(|terms| terms.join(" "))
}

fn ids(txns: &[Txn]) -> Vec<i64> {
    txns.iter().map(|t| t.id).collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn any_text_is_a_query_or_an_error_quoting_its_bad_part(
        text in prop_oneof![
            any::<String>(),
            prop::collection::vec(
                prop_oneof![
                    Just("cat:"), Just("amt:"), Just("date:"), Just("tag:"), Just("kind:"), Just("place:"),
                    Just("x:"), Just("\""), Just(" "), Just(".."), Just(">"), Just("<="), Just("-"), Just("2025"),
                    Just("-10"), Just("12.345"), Just("abc"), Just("é"), Just("\t"), Just("07"),
                ],
                0..12,
            )
            .prop_map(|parts| parts.concat()),
        ]
    ) {
        match Query::parse(&text) {
            Ok(_) => {}
            Err(e) => {
                prop_assert!(!e.part.is_empty() && !e.why.is_empty(), "{e:?}");
                prop_assert!(text[e.at..].starts_with(&e.part), "{e:?} points into {text:?}");
                prop_assert_eq!(e.to_string(), format!("in '{}': {}", e.part, e.why));
            }
        }
    }

    #[test]
    fn a_querys_results_are_what_the_plain_matcher_keeps(
        ops in prop::collection::vec(op(), 1..40),
        queries in prop::collection::vec(query_text(), 1..6),
        page in 1usize..7,
    ) {
        let l = ledger(&ops);
        let places = l.places().unwrap_or_else(|e| panic!("{e}"));
        let mut all = Vec::new();
        l.each_txn(None, |t| {
            all.push(t.clone());
            Ok(())
        })
        .unwrap_or_else(|e| panic!("{e}"));
        for text in &queries {
            let query = Query::parse(text).unwrap_or_else(|e| panic!("{text}: {e}"));
            let expected: Vec<i64> = all.iter().filter(|t| query.matches(t, &places)).map(|t| t.id).collect();
            let mut listed = Vec::new();
            l.search_txns(&query, |t| {
                listed.push(t.id);
                Ok(())
            })
            .unwrap_or_else(|e| panic!("{e}"));
            prop_assert_eq!(&listed, &expected, "listing {}", text);

            let filter = TxnFilter::query(query.clone());
            let mut older = Vec::new();
            let mut at = None;
            loop {
                let rows = l.txns_before(at, &filter, page).unwrap_or_else(|e| panic!("{e}"));
                prop_assert!(rows.len() <= page);
                let Some(last) = rows.last() else { break };
                at = Some((last.date, last.id));
                older.extend(ids(&rows));
            }
            let mut newest_first = expected.clone();
            newest_first.reverse();
            prop_assert_eq!(&older, &newest_first, "pages newest first of {}", text);

            let mut newer = Vec::new();
            let mut at = None;
            loop {
                let rows = l.txns_after(at, &filter, page).unwrap_or_else(|e| panic!("{e}"));
                let Some(last) = rows.last() else { break };
                at = Some((last.date, last.id));
                newer.extend(ids(&rows));
            }
            prop_assert_eq!(&newer, &expected, "pages oldest first of {}", text);
        }
    }
}
