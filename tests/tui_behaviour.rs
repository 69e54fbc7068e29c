//! What the app does with keys: deleting, reopening, quitting with unsaved input, funding a bucket.

mod app_fixture;
use app_fixture as common;
use common::screen::{keys, press};

use pfos::tui::app::Popup;
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
    let id = app.txns.selected_txn().map(|t| t.id).unwrap_or_else(|| panic!("a row"));
    keys(&mut app, "d");
    assert!(matches!(app.popup, Some(Popup::Confirm(..))));
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
    let Some(Popup::Form(form)) = &app.popup else {
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
    let Some(Popup::Close(dialog)) = &app.popup else {
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
    assert!(matches!(app.popup, Some(Popup::Confirm(..))));
    press(&mut app, KeyCode::Esc);
    assert!(matches!(app.popup, Some(Popup::Form(_))), "no returns to the form");
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
    assert!(app.popup.is_none(), "saved");
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
    let id = app.txns.selected_txn().map(|t| t.id).unwrap_or_else(|| panic!("a row"));
    keys(&mut app, "d");
    press(&mut app, KeyCode::Enter);
    assert!(common::open(&db).txn(id).is_err(), "deleted");
    keys(&mut app, "u");
    assert!(common::open(&db).txn(id).is_ok(), "back after u");
    let said = format!("{:?}", app.message);
    assert!(said.contains(&format!("undid: delete #{id}")), "{said}");
    assert!(app.txns.rows.iter().any(|t| t.id == id), "the list shows it again");
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
        !app.txns.rows.iter().any(|t| t.id == id),
        "not seen before the app looks"
    );
    app.refresh_if_changed_elsewhere();
    assert!(app.txns.rows.iter().any(|t| t.id == id), "seen after the app looks");
}
