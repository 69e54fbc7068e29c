//! Every screen, the quick-add form, the help overlay and the Close Month dialog at 80×24, on fixed data.

mod app_fixture;
use app_fixture as common;
use common::screen::{draw, keys, press, screen_text};

use pfos::tui::{App, Theme};
use ratatui::crossterm::event::KeyCode;

fn app(dir: &std::path::Path) -> App {
    let db = common::household(dir);
    App::new(common::open(&db), Theme::plain(), (80, 24))
}

#[test]
fn every_screen_at_80x24() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let mut app = app(dir.path());
    for (key, name) in [
        ('1', "dashboard"),
        ('2', "transactions"),
        ('3', "cards"),
        ('4', "buckets"),
        ('5', "snapshots"),
        ('6', "net_worth"),
    ] {
        keys(&mut app, &key.to_string());
        insta::assert_snapshot!(name, draw(&app, 80, 24).backend());
    }
}

#[test]
fn the_dashboard_at_the_smallest_size_hides_no_check_without_a_sign() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let mut app = app(dir.path());
    app.resize(60, 16);
    keys(&mut app, "1");
    let terminal = draw(&app, 60, 16);
    insta::assert_snapshot!("dashboard_60x16", terminal.backend());
    // Every check is on the screen: in full, or by its title on a folded row.
    let buffer = terminal.backend().buffer();
    let text: String = (0..buffer.area.height)
        .map(|y| {
            (0..buffer.area.width)
                .map(|x| buffer[(x, y)].symbol())
                .collect::<String>()
                + "\n"
        })
        .collect();
    let status = app.data.status.as_ref().unwrap_or_else(|| panic!("a status"));
    for c in &status.verdict.checks {
        assert!(text.contains(c.title), "{} is missing:\n{text}", c.title);
    }
}

#[test]
fn quick_add_form_with_a_suggestion() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let mut app = app(dir.path());
    keys(&mut app, "2a12.5");
    press(&mut app, KeyCode::Tab);
    keys(&mut app, "Vi");
    insta::assert_snapshot!("quick_add_form", draw(&app, 80, 24).backend());
    // Tab completes the place; in Category, Tab completes "Gro" to Groceries and "Gym" is marked new.
    press(&mut app, KeyCode::Tab);
    keys(&mut app, "Gro");
    press(&mut app, KeyCode::Tab);
    assert!(
        screen_text(&app).contains("Category    Groceries"),
        "{}",
        screen_text(&app)
    );
    press(&mut app, KeyCode::BackTab);
    for _ in 0.."Groceries".len() {
        press(&mut app, KeyCode::Backspace);
    }
    keys(&mut app, "Gym");
    press(&mut app, KeyCode::Tab);
    insta::assert_snapshot!("quick_add_new_category", draw(&app, 80, 24).backend());
    assert!(screen_text(&app).contains("Gym  (new)"), "{}", screen_text(&app));
}

#[test]
fn help_overlay_lists_the_screens_keys() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let mut app = app(dir.path());
    keys(&mut app, "2?");
    insta::assert_snapshot!("help_transactions", draw(&app, 80, 24).backend());
}

#[test]
fn close_month_dialog_previews_the_snapshot() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let mut app = app(dir.path());
    keys(&mut app, "5c");
    insta::assert_snapshot!("close_month_dialog", draw(&app, 80, 24).backend());
    press(&mut app, KeyCode::Enter);
    assert!(
        screen_text(&app).contains("Press Enter once more"),
        "a month not over needs a second confirmation"
    );
}

#[test]
fn form_errors_keep_the_input_and_use_the_ledgers_words() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let mut app = app(dir.path());
    keys(&mut app, "a12");
    press(&mut app, KeyCode::Tab);
    keys(&mut app, "Nowhere");
    press(&mut app, KeyCode::Enter);
    let text = screen_text(&app);
    assert!(text.contains("error: no place named 'Nowhere'"), "{text}");
    assert!(text.contains("Nowhere"), "{text}");
    // An amount with three decimals: the same words as `pfos add`.
    press(&mut app, KeyCode::BackTab);
    keys(&mut app, ".345");
    press(&mut app, KeyCode::Enter);
    let text = screen_text(&app);
    assert!(
        text.contains("error: amount '12.345' has more than two decimal"),
        "{text}"
    );
    assert!(text.contains("Nowhere"), "what was typed stays: {text}");
}

#[test]
fn saving_the_form_adds_the_transaction_through_the_ledger() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let db = common::household(dir.path());
    let mut app = App::new(common::open(&db), Theme::plain(), (80, 24));
    keys(&mut app, "2a42.10");
    press(&mut app, KeyCode::Tab);
    keys(&mut app, "am");
    press(&mut app, KeyCode::Tab);
    keys(&mut app, "Books");
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Tab);
    keys(&mut app, "Paperbacks");
    press(&mut app, KeyCode::Enter);
    assert!(app.popup.is_none(), "the form closes after saving");
    assert!(screen_text(&app).contains("Paperbacks"), "the new row shows");
    let txns = common::open(&db).txns(None).unwrap_or_else(|e| panic!("{e}"));
    let last = txns
        .iter()
        .find(|t| t.description == "Paperbacks")
        .unwrap_or_else(|| panic!("not saved"));
    assert_eq!(last.amount.to_string(), "42.10");
    assert_eq!(last.category.as_deref(), Some("Books"));
    assert_eq!(last.date, common::today());
}

#[test]
fn a_charge_over_a_card_limit_is_saved_with_a_warning_in_the_status_line() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let db = common::household(dir.path());
    let mut ledger = common::open(&db);
    let limit = pfos::ledger::PlaceEdit {
        limit: Some(Some(pfos::domain::Money::from_cents(10_000))),
        ..pfos::ledger::PlaceEdit::default()
    };
    ledger
        .edit_place(pfos::ledger::PlaceClass::Card, "Amex", &limit)
        .unwrap_or_else(|e| panic!("{e}"));
    let mut app = App::new(ledger, Theme::plain(), (80, 24));
    keys(&mut app, "2a142.10");
    press(&mut app, KeyCode::Tab);
    keys(&mut app, "Amex");
    press(&mut app, KeyCode::Tab);
    keys(&mut app, "Books");
    press(&mut app, KeyCode::Enter);
    assert!(app.popup.is_none(), "the charge is saved");
    let text = screen_text(&app);
    assert!(
        text.contains("warning:") && text.contains("over its 100.00 limit"),
        "{text}"
    );
}

#[test]
fn no_panic_at_any_size_and_a_notice_when_too_small() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let mut app = app(dir.path());
    for screen in ['1', '2', '3', '4', '5', '6'] {
        keys(&mut app, &screen.to_string());
        for (w, h) in [(1, 1), (2, 1), (20, 5), (59, 30), (60, 16), (61, 17), (200, 60)] {
            app.resize(w, h);
            draw(&app, w, h);
        }
    }
    app.resize(20, 5);
    let terminal = draw(&app, 20, 5);
    let text: String = terminal
        .backend()
        .buffer()
        .content()
        .iter()
        .map(|c| c.symbol())
        .collect();
    assert!(text.contains("Terminal too small"), "{text}");
}

#[test]
fn transactions_page_lazily_and_jump_months() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let mut app = app(dir.path());
    keys(&mut app, "2");
    let loaded = app.screens.transactions.rows.len();
    assert!(
        loaded <= 2 * app.screens.transactions.height,
        "only about a screenful is loaded ({loaded})"
    );
    keys(&mut app, "[");
    assert_eq!(
        app.screens
            .transactions
            .selected_txn()
            .map(|t| t.date.to_string())
            .as_deref(),
        Some("2025-10-31")
    );
    keys(&mut app, "[");
    assert_eq!(
        app.screens
            .transactions
            .selected_txn()
            .map(|t| t.date.to_string())
            .as_deref(),
        Some("2025-09-30")
    );
    keys(&mut app, "]");
    assert_eq!(
        app.screens
            .transactions
            .selected_txn()
            .map(|t| t.date.to_string())
            .as_deref(),
        Some("2025-10-31")
    );
    press(&mut app, KeyCode::End);
    assert_eq!(
        app.screens.transactions.selected_txn().map(|t| t.description.as_str()),
        Some("Opening balance")
    );
    press(&mut app, KeyCode::Home);
    assert_eq!(
        app.screens
            .transactions
            .selected_txn()
            .map(|t| t.date.to_string())
            .as_deref(),
        Some("2025-11-18")
    );
    keys(&mut app, "/trader");
    press(&mut app, KeyCode::Enter);
    assert!(
        app.screens
            .transactions
            .rows
            .iter()
            .all(|t| t.description.contains("Trader")),
        "the filter keeps only matches"
    );
    assert_eq!(app.screens.transactions.rows.len(), 2);
    press(&mut app, KeyCode::Esc);
    assert!(app.screens.transactions.rows.len() > 2, "Esc clears the filter");
}
