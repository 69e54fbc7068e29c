//! What the app does with keys: deleting, reopening, quitting with unsaved input, funding a bucket.

mod app_fixture;
use app_fixture as common;
use common::screen::{keys, press};

use pfos::tui::widgets::close_dialog::CloseDialog;
use pfos::tui::widgets::confirm::Confirm;
use pfos::tui::widgets::form::Form;
use pfos::tui::{App, Theme};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

fn setup() -> (tempfile::TempDir, std::path::PathBuf, App) {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let db = common::household(dir.path());
    let app = App::new(common::open(&db), Theme::plain(), (80, 24));
    (dir, db, app)
}

#[test]
fn delete_asks_first_and_esc_keeps_the_transaction() {
    let (_dir, db, mut app) = setup();
    keys(&mut app, "2j");
    let id = app
        .screens
        .transactions
        .selected_txn()
        .map(|t| t.id)
        .unwrap_or_else(|| panic!("a row"));
    keys(&mut app, "d");
    assert!(app.popup_as::<Confirm>().is_some());
    press(&mut app, KeyCode::Esc);
    assert!(common::open(&db).txn(id).is_ok(), "still there after Esc");
    keys(&mut app, "d");
    press(&mut app, KeyCode::Enter);
    assert!(common::open(&db).txn(id).is_err(), "gone after Enter");
}

#[test]
fn a_closed_month_refuses_edits_with_the_ledgers_words() {
    let (_dir, _db, mut app) = setup();
    keys(&mut app, "2[e");
    press(&mut app, KeyCode::Backspace);
    keys(&mut app, "1");
    press(&mut app, KeyCode::Enter);
    let Some(form) = app.popup_as::<Form>() else {
        panic!("the form stays open")
    };
    assert_eq!(
        form.error.as_deref(),
        Some("month 2025-10 is closed; reopen it first with r on Snapshots (5)")
    );
}

#[test]
fn reopen_then_close_again_through_the_dialog() {
    let (_dir, db, mut app) = setup();
    keys(&mut app, "5r");
    press(&mut app, KeyCode::Enter);
    assert!(common::open(&db)
        .snapshot(pfos::domain::Month::parse("2025-10").unwrap_or_else(|e| panic!("{e}")))
        .is_err());
    keys(&mut app, "c");
    let Some(dialog) = app.popup_as::<CloseDialog>() else {
        panic!("the dialog opens")
    };
    assert_eq!(dialog.preview.snapshot.month.to_string(), "2025-10");
    assert!(!dialog.preview.not_over, "October is over on 2025-11-20");
    press(&mut app, KeyCode::Enter);
    assert!(app.popup.is_none());
    let month = pfos::domain::Month::parse("2025-10").unwrap_or_else(|e| panic!("{e}"));
    assert!(common::open(&db).snapshot(month).is_ok(), "closed with one Enter");
}

#[test]
fn quitting_with_unsaved_input_asks_first() {
    let (_dir, _db, mut app) = setup();
    keys(&mut app, "a12");
    app.handle_key(KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL));
    assert!(!app.should_quit());
    assert!(app.asking_to_quit, "the question is shown");
    press(&mut app, KeyCode::Esc);
    assert!(!app.asking_to_quit);
    assert!(
        app.popup_as::<Form>().is_some_and(|f| f.dirty),
        "no returns to the form as it was"
    );
    app.handle_key(KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL));
    press(&mut app, KeyCode::Enter);
    assert!(app.should_quit());
}

#[test]
fn q_quits_at_once_without_a_form() {
    let (_dir, _db, mut app) = setup();
    keys(&mut app, "q");
    assert!(app.should_quit());
}

#[test]
fn funding_a_bucket_saves_a_transfer_into_it() {
    let (_dir, db, mut app) = setup();
    keys(&mut app, "4jf25");
    press(&mut app, KeyCode::Enter);
    assert!(app.popup.is_none(), "saved: {}", common::screen::screen_text(&app));
    let txns = common::open(&db).txns(None).unwrap_or_else(|e| panic!("{e}"));
    let last = txns.last().unwrap_or_else(|| panic!("rows"));
    assert_eq!(last.kind, pfos::domain::TxnKind::Transfer);
    assert_eq!(last.amount.to_string(), "25.00");
    assert_eq!(last.description, "Fund Travel");
}

#[test]
fn u_undoes_the_latest_change_and_ctrl_r_redoes_it() {
    let (_dir, db, mut app) = setup();
    keys(&mut app, "2j");
    let id = app
        .screens
        .transactions
        .selected_txn()
        .map(|t| t.id)
        .unwrap_or_else(|| panic!("a row"));
    keys(&mut app, "d");
    press(&mut app, KeyCode::Enter);
    assert!(common::open(&db).txn(id).is_err(), "deleted");
    keys(&mut app, "u");
    assert!(common::open(&db).txn(id).is_ok(), "back after u");
    let said = format!("{:?}", app.message);
    assert!(said.contains(&format!("undid: delete #{id}")), "{said}");
    assert!(
        app.screens.transactions.rows.iter().any(|t| t.id == id),
        "the list shows it again"
    );
    app.handle_key(KeyEvent::new(KeyCode::Char('r'), KeyModifiers::CONTROL));
    assert!(common::open(&db).txn(id).is_err(), "deleted again after Ctrl-r");
    assert!(format!("{:?}", app.message).contains(&format!("redid: delete #{id}")));
}

#[test]
fn a_write_by_another_process_shows_up_without_a_key() {
    let (_dir, db, mut app) = setup();
    keys(&mut app, "2");
    let mut script = common::open(&db);
    let input = pfos::ledger::TxnInput {
        kind: Some(pfos::domain::TxnKind::Expense),
        amount: pfos::domain::Money::from_cents(4_321),
        from: Some("Checking".into()),
        to: None,
        category: Some("Books".into()),
        date: Some(pfos::domain::parse_date("2025-11-19").unwrap_or_else(|e| panic!("{e}"))),
        description: Some("written by a script".into()),
        splits: Vec::new(),
        tags: Vec::new(),
    };
    let id = script.add_txn(&input).unwrap_or_else(|e| panic!("{e}"));
    assert!(
        !app.screens.transactions.rows.iter().any(|t| t.id == id),
        "not seen before the app looks"
    );
    app.refresh_if_changed_elsewhere();
    assert!(
        app.screens.transactions.rows.iter().any(|t| t.id == id),
        "seen after the app looks"
    );
}

#[test]
fn editing_undoing_and_redoing_keep_the_selection_and_the_rows_above_it() {
    let (_dir, _db, mut app) = setup();
    keys(&mut app, "2jjjj");
    let list = |app: &App| {
        let l = &app.screens.transactions;
        let ids: Vec<i64> = l.rows.iter().skip(l.offset).take(6).map(|t| t.id).collect();
        (ids, l.selected_txn().map(|t| t.id))
    };
    let before = list(&app);
    let top = app.screens.transactions.rows.first().map(|t| t.id);
    // e: the form opens on Amount; a 1 typed at its start, then saved.
    keys(&mut app, "e");
    press(&mut app, KeyCode::Home);
    keys(&mut app, "1");
    press(&mut app, KeyCode::Enter);
    assert!(app.popup.is_none(), "saved: {}", common::screen::screen_text(&app));
    assert_eq!(list(&app), before, "same rows on screen, same selection after an edit");
    assert_eq!(app.screens.transactions.rows.first().map(|t| t.id), top);
    keys(&mut app, "u");
    assert_eq!(list(&app), before, "and after undo");
    app.handle_key(KeyEvent::new(KeyCode::Char('r'), KeyModifiers::CONTROL));
    assert_eq!(list(&app), before, "and after redo");
}

#[test]
fn card_dues_after_a_past_due_date_show_the_next_statement_building_up() {
    use pfos::domain::{Money, PlaceKind, TxnKind};
    use pfos::ledger::{NewCard, TxnInput};
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let db = dir.path().join("pfos.db");
    let mut ledger = common::open(&db);
    let on = |t: &str| pfos::domain::parse_date(t).unwrap_or_else(|e| panic!("{e}"));
    let ok = |r: pfos::error::Result<_>| r.unwrap_or_else(|e| panic!("{e}"));
    ok(ledger
        .add_account(
            "Checking",
            PlaceKind::Checking,
            Money::from_cents(100_000),
            on("2025-10-01"),
        )
        .map(|_| ()));
    let card = NewCard {
        name: "Visa",
        statement_day: 1,
        grace_days: 10,
        limit: None,
    };
    ok(ledger.add_card(&card, Money::ZERO, on("2025-10-01")).map(|_| ()));
    let charge = |amount: i64, date: &str| TxnInput {
        kind: Some(TxnKind::Expense),
        amount: Money::from_cents(amount),
        from: Some("Visa".into()),
        category: Some("Dining".into()),
        date: Some(on(date)),
        ..Default::default()
    };
    ok(ledger.add_txn(&charge(5_000, "2025-10-20")).map(|_| ()));
    let pay = TxnInput {
        kind: Some(TxnKind::Transfer),
        amount: Money::from_cents(5_000),
        from: Some("Checking".into()),
        to: Some("Visa".into()),
        date: Some(on("2025-11-05")),
        ..Default::default()
    };
    ok(ledger.add_txn(&pay).map(|_| ()));
    ok(ledger.add_txn(&charge(2_350, "2025-11-12")).map(|_| ()));
    drop(ledger);
    // Today (2025-11-20) is past the Nov 1 statement's due date (Nov 11): the next one is due Dec 11.
    let app = App::new(common::open(&db), Theme::plain(), (80, 24));
    let text = common::screen::screen_text(&app);
    let row = text
        .lines()
        .find(|l| l.contains("Visa") && l.contains("Dec 11"))
        .unwrap_or_else(|| panic!("{text}"));
    assert!(row.contains("~23.50"), "{row}");
    assert!(text.contains("~ next statement so far"), "{text}");
}

#[test]
fn the_dashboard_shows_each_loan_with_this_months_payment_and_what_it_owes() {
    use pfos::domain::payoff::Apr;
    use pfos::domain::{Money, TxnKind};
    use pfos::ledger::{NewLoan, TxnInput};
    let (_dir, db, _app) = setup();
    let mut ledger = common::open(&db);
    let on = |t: &str| pfos::domain::parse_date(t).unwrap_or_else(|e| panic!("{e}"));
    let loan = NewLoan {
        name: "Car loan",
        apr: Apr::parse("6").unwrap_or_else(|e| panic!("{e}")),
        payment: Money::from_cents(35_000),
        payment_day: 25,
    };
    ledger
        .add_loan(&loan, Money::from_cents(1_200_000), on("2025-11-01"))
        .unwrap_or_else(|e| panic!("{e}"));
    let app = App::new(common::open(&db), Theme::plain(), (80, 24));
    let text = common::screen::screen_text(&app);
    let row = |text: &str| {
        text.lines()
            .find(|l| l.contains("Car loan") && l.contains("Nov 25"))
            .map(String::from)
    };
    let due = row(&text).unwrap_or_else(|| panic!("{text}"));
    assert!(
        due.contains("350.00") && due.contains("12,000.00"),
        "due, and what it owes: {due}"
    );
    assert!(
        text.contains("Card and loan dues") && text.contains("loans 12,000.00"),
        "{text}"
    );
    insta::assert_snapshot!("dashboard_with_a_loan", common::screen::draw(&app, 80, 24).backend());
    // Paid: the row says so.
    let pay = TxnInput {
        kind: Some(TxnKind::Transfer),
        amount: Money::from_cents(35_000),
        from: Some("Checking".into()),
        to: Some("Car loan".into()),
        date: Some(on("2025-11-19")),
        ..Default::default()
    };
    ledger.add_txn(&pay).unwrap_or_else(|e| panic!("{e}"));
    drop(ledger);
    let app = App::new(common::open(&db), Theme::plain(), (80, 24));
    let paid = row(&common::screen::screen_text(&app)).unwrap_or_default();
    assert!(paid.contains("paid") && paid.contains("11,650.00"), "{paid}");
}

#[test]
fn two_marked_rows_link_into_one_transfer_with_one_key() {
    use pfos::domain::{Money, PlaceKind, TxnKind};
    use pfos::ledger::TxnInput;
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let db = dir.path().join("pfos.db");
    let mut ledger = common::open(&db);
    let on = |t: &str| pfos::domain::parse_date(t).unwrap_or_else(|e| panic!("{e}"));
    for name in ["Checking", "Savings"] {
        let kind = if name == "Checking" {
            PlaceKind::Checking
        } else {
            PlaceKind::Savings
        };
        ledger
            .add_account(name, kind, Money::from_cents(100_000), on("2025-11-01"))
            .unwrap_or_else(|e| panic!("{e}"));
    }
    let row = |kind, from: Option<&str>, to: Option<&str>, date: &str| TxnInput {
        kind: Some(kind),
        amount: Money::from_cents(25_000),
        from: from.map(String::from),
        to: to.map(String::from),
        category: Some("Uncategorized".into()),
        date: Some(on(date)),
        ..Default::default()
    };
    for input in [
        row(TxnKind::Expense, Some("Checking"), None, "2025-11-10"),
        row(TxnKind::Income, None, Some("Savings"), "2025-11-12"),
    ] {
        ledger.add_txn(&input).unwrap_or_else(|e| panic!("{e}"));
    }
    drop(ledger);
    let mut app = App::new(common::open(&db), Theme::plain(), (80, 24));
    keys(&mut app, "2L");
    assert!(common::screen::screen_text(&app).contains("mark two rows with m first"));
    keys(&mut app, "m");
    assert!(common::screen::screen_text(&app).contains("1 marked: mark one more"));
    keys(&mut app, "jm");
    let text = common::screen::screen_text(&app);
    assert!(
        text.contains("2 marked: L links them") && text.matches('◆').count() == 2,
        "{text}"
    );
    insta::assert_snapshot!("two_rows_marked", common::screen::draw(&app, 80, 24).backend());
    keys(&mut app, "L");
    let txns = common::open(&db).txns(None).unwrap_or_else(|e| panic!("{e}"));
    let kinds: Vec<TxnKind> = txns
        .iter()
        .filter(|t| t.kind != TxnKind::Opening)
        .map(|t| t.kind)
        .collect();
    assert_eq!(
        kinds,
        [TxnKind::Transfer],
        "one transfer instead of an expense and an income"
    );
    let text = common::screen::screen_text(&app);
    assert!(text.contains("linked #") && !text.contains('◆'), "{text}");
    keys(&mut app, "u");
    let back = common::open(&db).txns(None).map_or(0, |t| t.len());
    assert_eq!(back, txns.len() + 1, "u takes the link back");
}
