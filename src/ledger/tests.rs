//! Closing months and the rules every transaction obeys, through the use cases, on an in-memory database:
//! months close in order and lock, reopen from the latest, the projection, buckets never below zero,
//! valuations worked out again, names unique in any case.

use super::*;
use crate::domain::{Money, PlaceKind, TxnKind};
use crate::error::Error;

use super::test_support::{d, input, m, month, ok, refusal, refusal_and_hints};
use crate::error::Hint;

/// Checking with 1,000 and a Travel bucket in it with 100, opened 2025-01-01; today 2025-06-15.
fn ledger() -> Ledger {
    let mut l = ok(Ledger::in_memory(d("2025-06-15")));
    ok(l.add_account("Checking", PlaceKind::Checking, m("1000"), d("2025-01-01")));
    let bucket = NewBucket {
        name: "Travel",
        target_monthly: m("50"),
        goal: None,
        held_in: Some("checking"),
    };
    ok(l.add_bucket(&bucket, m("100"), d("2025-01-01")));
    l
}

#[test]
fn months_close_in_order_from_the_first_month_with_transactions() {
    let mut l = ledger();
    ok(l.add_txn(&input(TxnKind::Expense, "10", Some("Checking"), None, "2025-03-05")));
    assert!(refusal(l.close_month(month("2024-12"), false)).contains("first month with transactions is 2025-01"));
    assert!(refusal(l.close_month(month("2025-02"), false)).contains("close 2025-01 first"));
    ok(l.close_month(month("2025-01"), false));
    assert!(refusal(l.close_month(month("2025-01"), false)).contains("already closed"));
    assert!(refusal(l.close_month(month("2025-03"), false)).contains("close 2025-02 first"));
    ok(l.close_month(month("2025-02"), false)); // an empty month closes too: no gap
    ok(l.close_month(month("2025-03"), false));
    assert_eq!(ok(l.snapshot(month("2025-03"))).figures.total_expense, m("10"));
}

#[test]
fn a_month_not_over_needs_force_and_a_future_month_never_closes() {
    let mut l = ledger();
    for mo in ["2025-01", "2025-02", "2025-03", "2025-04", "2025-05"] {
        ok(l.close_month(month(mo), false));
    }
    let (why, hints) = refusal_and_hints(l.close_month(month("2025-06"), false));
    assert!(why.contains("not over yet"), "{why}");
    assert_eq!(
        hints,
        [Hint::ForceClose {
            month: month("2025-06")
        }]
    );
    ok(l.close_month(month("2025-06"), true));
    assert!(refusal(l.close_month(month("2025-07"), true)).contains("has not started"));
}

#[test]
fn closed_months_are_locked_for_add_edit_delete_and_moves() {
    let mut l = ledger();
    let early = ok(l.add_txn(&input(TxnKind::Expense, "10", Some("Checking"), None, "2025-01-10")));
    let late = ok(l.add_txn(&input(TxnKind::Expense, "20", Some("Checking"), None, "2025-02-10")));
    ok(l.close_month(month("2025-01"), false));
    let (add, hints) =
        refusal_and_hints(l.add_txn(&input(TxnKind::Expense, "5", Some("Checking"), None, "2025-01-20")));
    assert!(add.contains("month 2025-01 is closed"), "{add}");
    let reopen = Hint::Reopen {
        latest: month("2025-01"),
        back_to: month("2025-01"),
    };
    assert_eq!(hints, [reopen]);
    let edit = TxnEdit {
        amount: Some(m("11")),
        ..TxnEdit::default()
    };
    assert!(refusal(l.edit_txn(early, &edit)).contains("2025-01"));
    assert!(refusal(l.delete_txn(early)).contains("2025-01"));
    let move_in = TxnEdit {
        date: Some(d("2025-01-31")),
        ..TxnEdit::default()
    };
    assert!(refusal(l.edit_txn(late, &move_in)).contains("2025-01 is closed"));
    ok(l.reopen(month("2025-01")));
    ok(l.edit_txn(early, &edit));
}

#[test]
fn only_the_latest_closed_month_reopens() {
    let mut l = ledger();
    ok(l.close_month(month("2025-01"), false));
    ok(l.close_month(month("2025-02"), false));
    assert!(refusal(l.reopen(month("2025-01"))).contains("reopen 2025-02 first"));
    assert!(refusal(l.reopen(month("2025-05"))).contains("not closed"));
    ok(l.reopen(month("2025-02")));
    assert!(refusal(l.snapshot(month("2025-02"))).contains("not closed"));
    ok(l.reopen(month("2025-01")));
}

#[test]
fn close_reopen_close_gives_the_same_snapshot() {
    let mut l = ledger();
    ok(l.add_txn(&input(TxnKind::Income, "500", None, Some("Checking"), "2025-01-02")));
    ok(l.add_txn(&input(
        TxnKind::Transfer,
        "50",
        Some("Checking"),
        Some("Travel"),
        "2025-01-03",
    )));
    let first = ok(l.close_month(month("2025-01"), false));
    ok(l.reopen(month("2025-01")));
    let again = ok(l.close_month(month("2025-01"), false));
    assert_eq!(first, again);
    assert_eq!(ok(l.snapshot(month("2025-01"))), first);
}

#[test]
fn balances_start_from_the_latest_snapshot() {
    let mut l = ledger();
    ok(l.add_txn(&input(TxnKind::Expense, "10", Some("Checking"), None, "2025-01-10")));
    ok(l.add_txn(&input(TxnKind::Expense, "20", Some("Checking"), None, "2025-02-10")));
    ok(l.close_month(month("2025-01"), false));
    let state = ok(l.load_state());
    assert_eq!(state.checkpoint, Some(month("2025-01")));
    assert_eq!(
        state.txns.len(),
        1,
        "only the transactions after the checkpoint are replayed"
    );
    let checking = ok(l.resolve(&state.places, "Checking"));
    assert_eq!(state.balances().get(checking), m("870"));
}

#[test]
fn a_bucket_is_never_driven_below_zero_by_add_edit_or_delete() {
    let mut l = ledger();
    let add = refusal(l.add_txn(&input(TxnKind::Expense, "150", Some("Travel"), None, "2025-02-01")));
    assert!(add.contains("bucket 'Travel'") && add.contains("100.00"), "{add}");
    let fund = ok(l.add_txn(&input(
        TxnKind::Transfer,
        "100",
        Some("Checking"),
        Some("Travel"),
        "2025-02-01",
    )));
    let spend = ok(l.add_txn(&input(TxnKind::Expense, "150", Some("Travel"), None, "2025-02-10")));
    assert!(refusal(l.delete_txn(fund)).contains("Travel"));
    let shrink = TxnEdit {
        amount: Some(m("10")),
        ..TxnEdit::default()
    };
    assert!(refusal(l.edit_txn(fund, &shrink)).contains("Travel"));
    let earlier = TxnEdit {
        date: Some(d("2025-01-15")),
        ..TxnEdit::default()
    };
    assert!(refusal(l.edit_txn(spend, &earlier)).contains("2025-01-15"));
    assert_eq!(ok(l.txn(fund)).amount, m("100"), "nothing changed");
}

#[test]
fn a_valuation_is_worked_out_again_when_an_earlier_transaction_changes() {
    let mut l = ledger();
    ok(l.add_account("Brokerage", PlaceKind::Investment, m("1000"), d("2025-01-01")));
    ok(l.add_txn(&input(
        TxnKind::Valuation,
        "1100",
        None,
        Some("Brokerage"),
        "2025-01-31",
    )));
    let deposit = ok(l.add_txn(&input(
        TxnKind::Transfer,
        "50",
        Some("Checking"),
        Some("Brokerage"),
        "2025-01-15",
    )));
    let snap = ok(l.close_month(month("2025-01"), false));
    assert_eq!(snap.figures.market_change, m("50"));
    ok(l.reopen(month("2025-01")));
    ok(l.delete_txn(deposit));
    let snap = ok(l.close_month(month("2025-01"), false));
    assert_eq!(snap.figures.market_change, m("100"));
}

#[test]
fn names_are_unique_in_any_case_and_places_resolve_in_any_case() {
    let mut l = ledger();
    let e = refusal(l.add_account("CHECKING", PlaceKind::Savings, m("0"), d("2025-01-01")));
    assert!(e.contains("already exists"), "{e}");
    let card = NewCard {
        name: "travel",
        statement_day: 1,
        grace_days: 25,
        limit: None,
    };
    assert!(refusal(l.add_card(&card, m("0"), d("2025-01-01"))).contains("already exists"));
    ok(l.add_txn(&input(TxnKind::Expense, "1", Some("cHeCkInG"), None, "2025-01-02")));
}

#[test]
fn shape_rules_are_enforced() {
    let mut l = ledger();
    ok(l.add_card(
        &NewCard {
            name: "Visa",
            statement_day: 15,
            grace_days: 25,
            limit: None,
        },
        m("0"),
        d("2025-01-01"),
    ));
    let same = refusal(l.add_txn(&input(
        TxnKind::Transfer,
        "1",
        Some("Checking"),
        Some("checking"),
        "2025-01-02",
    )));
    assert!(same.contains("two different places"), "{same}");
    let valuation = refusal(l.add_txn(&input(TxnKind::Valuation, "1", None, Some("Checking"), "2025-01-02")));
    assert!(valuation.contains("investment"), "{valuation}");
    let income = refusal(l.add_txn(&input(TxnKind::Income, "1", None, Some("Visa"), "2025-01-02")));
    assert!(income.contains("payment to a card or loan is a transfer"), "{income}");
    let early = refusal(l.add_txn(&input(TxnKind::Expense, "1", Some("Visa"), None, "2024-12-31")));
    assert!(early.contains("opened on 2025-01-01"), "{early}");
    let unknown = refusal(l.add_txn(&input(TxnKind::Expense, "1", Some("Nope"), None, "2025-01-02")));
    assert!(
        unknown.contains("no place named 'Nope'") && unknown.contains("Checking"),
        "{unknown}"
    );
    assert!(matches!(
        l.add_card(
            &NewCard {
                name: "X",
                statement_day: 32,
                grace_days: 25,
                limit: None
            },
            m("0"),
            d("2025-01-01")
        ),
        Err(Error::Refused(_))
    ));
}

#[test]
fn the_projection_uses_up_to_three_closed_months() {
    let mut l = ledger();
    for (mo, income) in [
        ("2025-01", "100"),
        ("2025-02", "200"),
        ("2025-03", "300"),
        ("2025-04", "400"),
    ] {
        ok(l.add_txn(&input(
            TxnKind::Income,
            income,
            None,
            Some("Checking"),
            &format!("{mo}-05"),
        )));
    }
    let jan = ok(l.close_month(month("2025-01"), false));
    assert_eq!(jan.projection.expected_income, m("100"));
    ok(l.close_month(month("2025-02"), false));
    ok(l.close_month(month("2025-03"), false));
    let apr = ok(l.close_month(month("2025-04"), false));
    assert_eq!(apr.projection.expected_income, m("300"), "mean of Feb, Mar, Apr");
    assert_eq!(apr.projection.planned_savings, m("50"));
}

#[test]
fn status_counts_this_month_so_far_and_the_verdict_has_every_check() {
    let mut l = ledger();
    ok(l.add_txn(&input(
        TxnKind::Transfer,
        "50",
        Some("Checking"),
        Some("Travel"),
        "2025-06-02",
    )));
    ok(l.add_txn(&input(TxnKind::Expense, "30", Some("Checking"), None, "2025-06-20")));
    let s = ok(l.status(d("2025-06-15")));
    assert_eq!(
        s.figures.total_expense,
        Money::ZERO,
        "the 06-20 expense is after the date"
    );
    assert_eq!(s.buckets[0].added, m("50"));
    assert_eq!(s.verdict.checks.len(), 9);
    let later = ok(l.status(d("2025-06-30")));
    assert_eq!(later.figures.total_expense, m("30"));
}

#[test]
fn check_finds_nothing_on_a_consistent_ledger() {
    let mut l = ledger();
    ok(l.add_txn(&input(TxnKind::Income, "500", None, Some("Checking"), "2025-01-02")));
    ok(l.close_month(month("2025-01"), false));
    ok(l.close_month(month("2025-02"), false));
    let report = ok(l.check());
    assert_eq!(report.months_checked, 2);
    assert!(report.problems.is_empty(), "{:?}", report.problems);
}

#[test]
fn check_reports_a_tampered_snapshot() {
    let mut l = ledger();
    ok(l.add_txn(&input(TxnKind::Income, "500", None, Some("Checking"), "2025-01-02")));
    ok(l.close_month(month("2025-01"), false));
    ok(l.store
        .write_unlogged(|tx| Ok(tx.execute("UPDATE snapshots SET net_worth = net_worth + 1", [])?)));
    let report = ok(l.check());
    assert!(
        report
            .problems
            .iter()
            .any(|p| p.contains("2025-01.net_worth: stored 1500.01, recomputed 1500.00")),
        "{:?}",
        report.problems
    );
    assert!(report
        .problems
        .iter()
        .any(|p| p.contains("identity does not hold in the stored snapshot")));
}

#[test]
fn undo_and_redo_walk_the_activity_log() {
    let mut l = ledger();
    let id = ok(l.add_txn(&input(TxnKind::Expense, "10", Some("Checking"), None, "2025-01-10")));
    ok(l.edit_txn(
        id,
        &TxnEdit {
            amount: Some(m("12")),
            ..TxnEdit::default()
        },
    ));
    let undone = ok(l.undo());
    assert!(undone.summary.starts_with(&format!("edit #{id}")), "{undone:?}");
    assert_eq!(ok(l.txn(id)).amount, m("10"));
    ok(l.undo());
    assert!(l.txn(id).is_err(), "the add is taken back");
    ok(l.redo());
    ok(l.redo());
    assert_eq!(ok(l.txn(id)).amount, m("12"));
    assert!(refusal(l.redo()).contains("nothing to redo"));
    ok(l.undo());
    ok(l.add_txn(&input(TxnKind::Expense, "1", Some("Checking"), None, "2025-01-11")));
    assert!(
        refusal(l.redo()).contains("nothing to redo"),
        "a new change ends the redo history"
    );
}

#[test]
fn undoing_a_close_reopens_the_month() {
    let mut l = ledger();
    ok(l.close_month(month("2025-01"), false));
    let undone = ok(l.undo());
    assert_eq!(undone.summary, "close 2025-01");
    assert!(refusal(l.snapshot(month("2025-01"))).contains("not closed"));
    ok(l.redo());
    ok(l.snapshot(month("2025-01")));
}

#[test]
fn an_undo_that_would_touch_a_closed_month_is_refused() {
    let mut l = ledger();
    let id = ok(l.add_txn(&input(TxnKind::Expense, "10", Some("Checking"), None, "2025-01-10")));
    // A month closed outside the log (as by a pfos older than the log): the add above is now locked.
    let snapshot = ok(l.close_month(month("2025-01"), false));
    ok(l.store.write_unlogged(|tx| {
        crate::store::snapshots::delete(tx, month("2025-01"))?;
        crate::store::snapshots::insert(tx, &snapshot, "2025-02-01T00:00:00+00:00")?;
        tx.execute("DELETE FROM activity WHERE action = 'close'", [])?;
        Ok(())
    }));
    let err = refusal(l.undo());
    assert!(
        err.contains(&format!("cannot undo 'add #{id}")) && err.contains("2025-01, which is closed"),
        "{err}"
    );
    assert_eq!(ok(l.txn(id)).amount, m("10"), "nothing changed");
}

/// The dashboard reads the recent months once and rebuilds the state and card states from them: they
/// must equal a fresh replay and card states worked out from each card's own statement window.
#[test]
fn the_dashboard_read_equals_a_fresh_replay_at_any_date() {
    let mut l = ledger();
    for (name, day) in [("Visa", 15), ("Amex", 31)] {
        let card = NewCard {
            name,
            statement_day: day,
            grace_days: 25,
            limit: None,
        };
        ok(l.add_card(&card, m("0"), d("2025-01-01")));
    }
    for mo in 1..=6 {
        for day in [1, 9, 14, 15, 16, 28] {
            let date = &format!("2025-{mo:02}-{day:02}");
            ok(l.add_txn(&input(TxnKind::Expense, "12.34", Some("Visa"), None, date)));
            ok(l.add_txn(&input(TxnKind::Expense, "7.5", Some("Amex"), None, date)));
            if day == 9 {
                ok(l.add_txn(&input(TxnKind::Transfer, "30", Some("Checking"), Some("Visa"), date)));
                ok(l.add_txn(&input(TxnKind::Income, "100", None, Some("Checking"), date)));
            }
        }
    }
    for mo in ["2025-01", "2025-02", "2025-03", "2025-04"] {
        ok(l.close_month(month(mo), false));
    }
    let conn = l.store.conn();
    for date in [
        "2025-06-15",
        "2025-05-31",
        "2025-05-01",
        "2025-04-30",
        "2025-02-10",
        "2025-01-01",
    ] {
        let date = d(date);
        let fresh = ok(State::load(conn, Some(date)));
        let seen = ok(lookback::Lookback::load(conn, date));
        let ids = |s: &State| s.txns.iter().map(|t| t.id).collect::<Vec<_>>();
        assert_eq!(ids(&seen.state), ids(&fresh), "{date}");
        assert_eq!(seen.state.checkpoint, fresh.checkpoint, "{date}");
        assert_eq!(seen.state.balances(), fresh.balances(), "{date}");
        let places = &fresh.places;
        let every = ok(crate::store::txns::between(conn, d("2000-01-01"), date).map_err(Error::from));
        let expected = close::card_states(places, fresh.balances(), date, &every);
        assert_eq!(expected.len(), 2);
        assert_eq!(
            close::card_states_from_moves(places, seen.state.balances(), date, &seen.card_moves),
            expected,
            "{date}"
        );
    }
}

#[test]
fn an_opening_cannot_move_past_the_places_first_transaction() {
    let mut l = ledger();
    let spent = ok(l.add_txn(&input(TxnKind::Expense, "10", Some("Checking"), None, "2025-02-10")));
    let checking = ok(l.places()).find("Checking").map(|p| p.id).unwrap_or_default();
    let opening = ok(l.txns(None))
        .into_iter()
        .find(|t| t.kind == TxnKind::Opening && t.to == Some(checking))
        .map(|t| t.id)
        .unwrap_or_default();
    let move_to = |date: &str| TxnEdit {
        date: Some(d(date)),
        ..TxnEdit::default()
    };
    let refused = refusal(l.edit_txn(opening, &move_to("2025-03-01")));
    assert!(
        refused.contains(&format!("has transaction {spent} on 2025-02-10")),
        "{refused}"
    );
    ok(l.edit_txn(opening, &move_to("2025-02-10")));
}

#[test]
fn an_import_gives_the_connection_back_with_foreign_keys_checked() {
    use crate::io::csv_import::{CsvOptions, CsvSource};
    let mut l = ledger();
    let foreign_keys = |l: &Ledger| -> i64 {
        ok(l.store
            .conn()
            .pragma_query_value(None, "foreign_keys", |r| r.get(0))
            .map_err(Error::from))
    };
    let file = b"Date,Description,Amount\n2025-05-01,Lunch,-12.00\n2025-05-02,Bad,1.2.3\n";
    for (skip_bad, dry_run) in [(true, true), (false, false), (true, false)] {
        let request = crate::ledger::import::ImportRequest {
            place: "Checking",
            source: CsvSource::Bytes(file),
            options: CsvOptions::default(),
            format: None,
            account: None,
            skip_bad,
            dry_run,
        };
        let _ = l.import_file(request, &|_, _| {});
        assert_eq!(foreign_keys(&l), 1, "skip_bad {skip_bad}, dry_run {dry_run}");
    }
    assert_eq!(ok(l.txns(None)).iter().filter(|t| t.description == "Lunch").count(), 1);
    // And SQLite checks them again: a transaction from a place that does not exist is refused.
    let dangling = l.store.write_unlogged(|tx| {
        Ok(tx.execute(
            "INSERT INTO txns (date, kind, amount_cents, from_id, category) VALUES ('2025-05-03', 'expense', 100, 999, 'X')",
            [],
        )?)
    });
    assert!(dangling.is_err(), "{dangling:?}");
}

#[test]
fn the_stores_connection_refuses_writes_outside_a_logged_transaction() {
    let mut l = ledger();
    ok(l.add_txn(&input(TxnKind::Income, "500", None, Some("Checking"), "2025-01-02")));
    let before = ok(l.txns(None)).len();
    let outside = l.store.conn().execute("DELETE FROM txns", []);
    assert!(outside.is_err(), "{outside:?}");
    assert_eq!(ok(l.txns(None)).len(), before, "nothing deleted");
    // A write through the store still works, and the connection is read-only again after it, even
    // when the write failed.
    ok(l.add_txn(&input(TxnKind::Income, "5", None, Some("Checking"), "2025-01-03")));
    let failed = l.add_txn(&input(TxnKind::Income, "5", None, Some("Nowhere"), "2025-01-03"));
    assert!(failed.is_err());
    assert!(l.store.conn().execute("DELETE FROM txns", []).is_err());
}
