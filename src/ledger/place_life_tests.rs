//! A place's life through the use cases: terms in force by month, rename, archive, remove.

use super::*;
use crate::domain::{Money, PlaceKind, TxnKind};

use super::test_support::{d, input, m, month, ok, refusal, refusal_and_hints};
use crate::error::Hint;

/// Checking with 1,000, a Travel bucket in it with 100 (target 50), a Visa card (statement day 15) and
/// a car loan, all opened 2025-01-01; today 2025-06-15.
fn ledger() -> Ledger {
    let mut l = ok(Ledger::in_memory(d("2025-06-15")));
    ok(l.add_account("Checking", PlaceKind::Checking, m("1000"), d("2025-01-01")));
    let bucket = NewBucket {
        name: "Travel",
        target_monthly: m("50"),
        goal: None,
        held_in: Some("Checking"),
    };
    ok(l.add_bucket(&bucket, m("100"), d("2025-01-01")));
    let card = NewCard {
        name: "Visa",
        statement_day: 15,
        grace_days: 25,
        limit: None,
    };
    ok(l.add_card(&card, Money::ZERO, d("2025-01-01")));
    l
}

fn close_through(l: &mut Ledger, last: &str) {
    let mut mo = month("2025-01");
    while mo <= month(last) {
        ok(l.close_month(mo, false));
        mo = mo.next();
    }
}

fn place(l: &Ledger, name: &str) -> crate::domain::Place {
    let places = ok(l.places());
    match places.find(name) {
        Some(p) => p.clone(),
        None => panic!("no place {name}"),
    }
}

fn edit(l: &mut Ledger, class: PlaceClass, name: &str, e: PlaceEdit) -> Result<Edited> {
    l.edit_place(class, name, &e)
}

#[test]
fn a_new_statement_day_applies_from_its_month_and_closed_months_keep_theirs() {
    let mut l = ledger();
    ok(l.add_txn(&input(TxnKind::Expense, "40", Some("Visa"), None, "2025-04-02")));
    close_through(&mut l, "2025-04");
    let before = ok(l.snapshot(month("2025-04")));
    let early = PlaceEdit {
        statement_day: Some(20),
        from: Some(month("2025-04")),
        ..Default::default()
    };
    let (why, hints) = refusal_and_hints(edit(&mut l, PlaceClass::Card, "Visa", early));
    assert!(
        why.contains("2025-04 is not after the latest closed month 2025-04"),
        "{why}"
    );
    assert_eq!(
        hints,
        [Hint::FromMonth {
            first: month("2025-05")
        }]
    );
    let change = PlaceEdit {
        statement_day: Some(20),
        grace_days: Some(10),
        from: Some(month("2025-05")),
        ..Default::default()
    };
    let edited = ok(edit(&mut l, PlaceClass::Card, "visa", change));
    assert_eq!(edited.from, Some(month("2025-05")));
    let visa = place(&l, "Visa");
    assert_eq!(visa.card_terms_for(month("2025-04")).map(|t| t.statement_day), Some(15));
    assert_eq!(visa.card_terms_for(month("2025-05")).map(|t| t.statement_day), Some(20));
    assert_eq!(
        ok(l.snapshot(month("2025-04"))),
        before,
        "a closed month keeps its statement"
    );
    let may = ok(l.close_month(month("2025-05"), false));
    let statement = may.cards[0].statement.as_ref().map(|s| (s.date, s.due_date));
    assert_eq!(
        statement,
        Some((d("2025-05-20"), d("2025-05-30"))),
        "May's statement uses the new terms"
    );
    let april = before.cards[0].statement.as_ref().map(|s| s.date);
    assert_eq!(april, Some(d("2025-04-15")));
    assert!(ok(l.check()).problems.is_empty());
}

#[test]
fn the_latest_change_from_a_month_wins_and_the_default_month_is_this_one() {
    let mut l = ledger();
    let at = |l: &mut Ledger, from: Option<&str>, target: &str| {
        let e = PlaceEdit {
            target_monthly: Some(m(target)),
            from: from.map(month),
            ..Default::default()
        };
        ok(edit(l, PlaceClass::Bucket, "Travel", e))
    };
    let edited = at(&mut l, None, "70");
    assert_eq!(edited.from, Some(month("2025-06")), "default: the current month");
    at(&mut l, Some("2025-08"), "90");
    at(&mut l, Some("2025-08"), "95");
    let travel = place(&l, "Travel");
    assert_eq!(travel.target_for(month("2025-05")), m("50"));
    assert_eq!(travel.target_for(month("2025-06")), m("70"));
    assert_eq!(travel.target_for(month("2025-07")), m("70"));
    assert_eq!(
        travel.target_for(month("2025-08")),
        m("95"),
        "of two changes from one month, the later"
    );
    let status = ok(l.status(d("2025-06-15")));
    assert_eq!(status.buckets[0].target_monthly, m("70"));
    assert_eq!(status.buckets[0].next_target, m("70"));
}

#[test]
fn a_bucket_target_changes_from_a_month_and_snapshots_keep_the_one_they_had() {
    let mut l = ledger();
    close_through(&mut l, "2025-03");
    let e = PlaceEdit {
        target_monthly: Some(m("80")),
        from: Some(month("2025-04")),
        ..Default::default()
    };
    ok(edit(&mut l, PlaceClass::Bucket, "Travel", e));
    assert_eq!(ok(l.snapshot(month("2025-03"))).buckets[0].target_monthly, m("50"));
    let april = ok(l.close_month(month("2025-04"), false));
    assert_eq!(april.buckets[0].target_monthly, m("80"));
    let goal = PlaceEdit {
        goal: Some(Some(m("120"))),
        ..Default::default()
    };
    ok(edit(&mut l, PlaceClass::Bucket, "Travel", goal));
    assert_eq!(place(&l, "Travel").goal(), Some(m("120")), "the goal changes at once");
    assert!(ok(l.check()).problems.is_empty(), "closed months keep their terms");
    let from_alone = PlaceEdit {
        from: Some(month("2025-07")),
        goal: Some(None),
        ..Default::default()
    };
    let (why, hints) = refusal_and_hints(edit(&mut l, PlaceClass::Bucket, "Travel", from_alone));
    assert!(why.contains("a from month says when"), "{why}");
    assert_eq!(hints, [Hint::FromNeedsTerm(PlaceClass::Bucket)]);
    assert_eq!(place(&l, "Travel").goal(), Some(m("120")), "nothing changed");
}

#[test]
fn a_closed_current_month_needs_a_later_from() {
    let mut l = ledger();
    close_through(&mut l, "2025-05");
    ok(l.close_month(month("2025-06"), true));
    let e = PlaceEdit {
        statement_day: Some(3),
        ..Default::default()
    };
    let (why, hints) = refusal_and_hints(edit(&mut l, PlaceClass::Card, "Visa", e));
    assert!(why.contains("this month, 2025-06, is closed"), "{why}");
    assert_eq!(
        hints,
        [Hint::FromMonth {
            first: month("2025-07")
        }]
    );
    assert!(place(&l, "Visa").terms_changes.is_empty());
}

#[test]
fn renames_are_unique_in_any_case_and_checked_like_new_names() {
    let mut l = ledger();
    let rename = |l: &mut Ledger, class, from: &str, to: &str| {
        let e = PlaceEdit {
            rename: Some(to.to_string()),
            ..Default::default()
        };
        edit(l, class, from, e)
    };
    assert!(refusal(rename(&mut l, PlaceClass::Bucket, "Travel", "CHECKING")).contains("'Checking' already exists"));
    assert!(refusal(rename(&mut l, PlaceClass::Bucket, "Travel", "  ")).contains("needs a name"));
    assert!(refusal(rename(&mut l, PlaceClass::Bucket, "Travel", "Tr\u{7}avel")).contains("control characters"));
    assert!(refusal(rename(&mut l, PlaceClass::Card, "Travel", "Trips")).contains("is a bucket, not a card"));
    let (_, hints) = refusal_and_hints(rename(&mut l, PlaceClass::Account, "Visa", "Trips"));
    let as_a_card = Hint::EditAs {
        class: PlaceClass::Card,
        place: "Visa".into(),
    };
    assert_eq!(hints, [as_a_card]);
    assert_eq!(place(&l, "Travel").name, "Travel", "nothing changed");
    let own = ok(rename(&mut l, PlaceClass::Bucket, "Travel", "TRAVEL"));
    assert_eq!((own.old_name.as_str(), own.place.name.as_str()), ("Travel", "TRAVEL"));
    ok(rename(&mut l, PlaceClass::Account, "checking", " Main "));
    let places = ok(l.places());
    assert_eq!(places.find("main").map(|p| p.name.as_str()), Some("Main"));
    assert!(places.find("Checking").is_none());
    assert_eq!(places.name(place(&l, "TRAVEL").held_in().unwrap_or_default()), "Main");
}

#[test]
fn kinds_and_held_in_accounts_never_change() {
    let mut l = ledger();
    let kind = PlaceEdit {
        kind: Some("savings".into()),
        ..Default::default()
    };
    let (why, hints) = refusal_and_hints(edit(&mut l, PlaceClass::Account, "Checking", kind));
    assert!(why.contains("kind never changes"), "{why}");
    let instead = Hint::NewAccountInstead {
        kind: "savings".into(),
        place: "Checking".into(),
    };
    assert_eq!(hints, [instead]);
    let held = PlaceEdit {
        held_in: Some("Checking".into()),
        rename: Some("Trips".into()),
        ..Default::default()
    };
    let (why, hints) = refusal_and_hints(edit(&mut l, PlaceClass::Bucket, "Travel", held));
    assert!(why.contains("never changes"), "{why}");
    assert!(matches!(&hints[..], [Hint::NewBucketInstead { .. }]), "{hints:?}");
    assert_eq!(place(&l, "Travel").name, "Travel");
    assert!(refusal(edit(&mut l, PlaceClass::Account, "Checking", PlaceEdit::default())).contains("nothing to change"));
}

#[test]
fn loan_and_card_terms_change_at_once() {
    let mut l = ledger();
    let loan = NewLoan {
        name: "Car",
        apr: crate::domain::payoff::Apr::parse("6").unwrap_or_default(),
        payment: m("300"),
        payment_day: 5,
    };
    ok(l.add_loan(&loan, m("9000"), d("2025-01-01")));
    let mut e = PlaceEdit {
        payment: Some(m("350")),
        payment_day: Some(31),
        ..Default::default()
    };
    e.rates.apr = crate::domain::payoff::Apr::parse("4.5").ok();
    ok(edit(&mut l, PlaceClass::Loan, "car", e));
    let terms = place(&l, "Car").loan;
    assert_eq!(
        terms.map(|t| (t.payment, t.payment_day, t.apr.to_string())),
        Some((m("350"), 31, "4.5%".into()))
    );
    let card = PlaceEdit {
        limit: Some(Some(m("2000"))),
        rates: RatesEdit {
            apr: crate::domain::payoff::Apr::parse("19.99").ok(),
            ..Default::default()
        },
        ..Default::default()
    };
    let edited = ok(edit(&mut l, PlaceClass::Card, "Visa", card));
    assert_eq!(edited.place.card.and_then(|c| c.limit), Some(m("2000")));
    assert_eq!(
        edited.rates.and_then(|r| r.apr).map(|a| a.to_string()),
        Some("19.99%".into())
    );
    let none = PlaceEdit {
        limit: Some(None),
        ..Default::default()
    };
    ok(edit(&mut l, PlaceClass::Card, "Visa", none));
    assert_eq!(place(&l, "Visa").card.and_then(|c| c.limit), None);
    let bad = PlaceEdit {
        payment_day: Some(32),
        ..Default::default()
    };
    assert!(refusal(edit(&mut l, PlaceClass::Loan, "Car", bad)).contains("outside 1–31"));
}

#[test]
fn archive_needs_a_zero_balance_no_open_bucket_no_later_transaction_and_an_open_month() {
    let mut l = ledger();
    ok(l.add_txn(&input(TxnKind::Expense, "10", Some("Visa"), None, "2025-03-10")));
    close_through(&mut l, "2025-02");
    // Money left.
    let (why, hints) = refusal_and_hints(l.archive_place("Travel", None));
    assert!(why.contains("'Travel' holds 100.00 on 2025-06-15"), "{why}");
    let move_out = Hint::MoveMoneyOut {
        place: "Travel".into(),
        amount: m("100"),
    };
    assert_eq!(hints, [move_out]);
    let why = refusal(l.archive_place("Visa", None));
    assert!(why.contains("'Visa' owes 10.00"), "{why}");
    // A closed month.
    let why = refusal(l.archive_place("Travel", Some(d("2025-02-28"))));
    assert!(
        why.contains("not after the latest closed month 2025-02") && why.contains("2025-03-01"),
        "{why}"
    );
    // Before it opened.
    let mut late = ok(Ledger::in_memory(d("2025-06-15")));
    ok(late.add_account("Cash", PlaceKind::Cash, Money::ZERO, d("2025-05-01")));
    assert!(refusal(late.archive_place("Cash", Some(d("2025-04-30")))).contains("opened on 2025-05-01"));
    // A later transaction.
    ok(l.add_txn(&input(TxnKind::Expense, "100", Some("Travel"), None, "2025-05-20")));
    let why = refusal(l.archive_place("Travel", Some(d("2025-05-01"))));
    assert!(
        why.contains("1 transaction dated after 2025-05-01") && why.contains("on 2025-05-20 or later"),
        "{why}"
    );
    // A bucket held in the account.
    ok(l.add_txn(&input(TxnKind::Expense, "900", Some("Checking"), None, "2025-05-21")));
    let (why, hints) = refusal_and_hints(l.archive_place("Checking", None));
    let first = Hint::ArchiveBucketsFirst {
        bucket: "Travel".into(),
        several: false,
    };
    assert_eq!(hints, [first]);
    assert!(why.contains("holds the bucket 'Travel'"), "{why}");
    assert!(
        ok(l.places()).iter().all(|p| p.archived_on.is_none()),
        "nothing was archived"
    );

    let travel = ok(l.archive_place("Travel", Some(d("2025-05-20"))));
    assert_eq!(travel.archived_on, Some(d("2025-05-20")));
    assert!(refusal(l.archive_place("Travel", None)).contains("already archived, on 2025-05-20"));
    ok(l.archive_place("Checking", Some(d("2025-05-31"))));
    // An archived place takes nothing dated after its archive date.
    let (why, hints) = refusal_and_hints(l.add_txn(&input(TxnKind::Income, "5", None, Some("Checking"), "2025-06-01")));
    assert!(why.contains("archived on 2025-05-31"), "{why}");
    let unarchive = Hint::Unarchive {
        place: "Checking".into(),
    };
    assert_eq!(
        hints,
        [Hint::Words("date it on or before 2025-05-31".into()), unarchive]
    );
    // On the archive date itself, only what leaves it empty.
    let why = refusal(l.add_txn(&input(TxnKind::Income, "5", None, Some("Checking"), "2025-05-31")));
    assert!(why.contains("would leave 5.00 on it"), "{why}");
    let status = ok(l.status(d("2025-06-15")));
    assert!(status.buckets.is_empty(), "an archived bucket leaves the dashboard");
    // A bucket in an archived account stays archived until the account comes back.
    let (why, hints) = refusal_and_hints(l.unarchive_place("Travel"));
    assert!(why.contains("held in 'Checking', which is archived"), "{why}");
    assert_eq!(
        hints,
        [Hint::Unarchive {
            place: "Checking".into()
        }]
    );
    let (back, on) = ok(l.unarchive_place("Checking"));
    assert_eq!((back.archived_on, on), (None, d("2025-05-31")));
    ok(l.unarchive_place("Travel"));
    assert!(refusal(l.unarchive_place("Travel")).contains("is not archived"));
}

#[test]
fn an_archived_card_leaves_the_dashboard_and_closed_months_keep_an_archive() {
    let mut l = ledger();
    ok(l.archive_place("Visa", Some(d("2025-03-31"))));
    assert!(ok(l.status(d("2025-06-15"))).cards.is_empty());
    assert_eq!(
        ok(l.status(d("2025-03-20"))).cards.len(),
        1,
        "before its archive date it is there"
    );
    close_through(&mut l, "2025-04");
    assert!(
        ok(l.snapshot(month("2025-04"))).cards.is_empty(),
        "April's snapshot leaves it out"
    );
    assert_eq!(ok(l.snapshot(month("2025-03"))).cards.len(), 1);
    ok(l.unarchive_place("Visa"));
    assert!(
        ok(l.snapshot(month("2025-04"))).cards.is_empty(),
        "a closed month keeps what it listed"
    );
    assert!(ok(l.check()).problems.is_empty());
    assert_eq!(
        ok(l.close_month(month("2025-05"), false)).cards.len(),
        1,
        "back from May on"
    );
}

#[test]
fn remove_only_what_nothing_refers_to() {
    let mut l = ledger();
    ok(l.add_txn(&input(TxnKind::Expense, "10", Some("Visa"), None, "2025-03-10")));
    ok(l.add_txn(&input(TxnKind::Expense, "12", Some("Visa"), None, "2025-03-02")));
    ok(l.add_rule("SHOP", false, None, Some("Visa")));
    let (why, hints) = refusal_and_hints(l.remove_place("Visa"));
    assert!(
        why.starts_with("'Visa' is used by 2 transactions (the first #"),
        "{why}"
    );
    assert!(why.ends_with("on 2025-03-02) and 1 rule"), "{why}");
    assert_eq!(hints, [Hint::ArchiveInstead { place: "Visa".into() }]);
    let why = refusal(l.remove_place("Checking"));
    assert!(why.contains("the bucket 'Travel' held in it"), "{why}");
    ok(l.add_account("Spare", PlaceKind::Cash, m("0"), d("2025-05-01")));
    ok(l.reconcile("Spare", Money::ZERO, d("2025-05-02")));
    assert!(refusal(l.remove_place("Spare")).contains("1 reconciliation"));
    // An opening in a closed month stays with the closed month.
    ok(l.add_account("Old", PlaceKind::Cash, m("5"), d("2025-01-01")));
    close_through(&mut l, "2025-01");
    let (why, hints) = refusal_and_hints(l.remove_place("Old"));
    assert!(why.contains("not after the latest closed month 2025-01"), "{why}");
    assert_eq!(hints, [Hint::ArchiveInstead { place: "Old".into() }]);
    // A place with only its opening goes, the opening with it; undo brings both back.
    ok(l.add_account("Typo", PlaceKind::Cash, m("25"), d("2025-06-01")));
    let count = ok(l.txns(None)).len();
    let removed = ok(l.remove_place("typo"));
    assert_eq!(removed.name, "Typo");
    assert!(ok(l.places()).find("Typo").is_none());
    assert_eq!(ok(l.txns(None)).len(), count - 1, "the opening went with it");
    ok(l.undo());
    assert!(ok(l.places()).find("Typo").is_some());
    assert_eq!(ok(l.txns(None)).len(), count);
    assert!(ok(l.check()).problems.is_empty());
}
