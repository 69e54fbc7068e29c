//! The Reports screen (`9`) on a TestBackend: each view at 80×24 and 120×40, without colour (text
//! snapshots) and in colour (the buffer with its styles), and Enter from a category or a tag to the
//! transactions behind it.

mod app_fixture;
use app_fixture as common;
use common::screen::{draw, keys, press, screen_text};

use pfos::domain::{Money, TxnKind};
use pfos::ledger::TxnInput;
use pfos::tui::{App, Theme};
use ratatui::crossterm::event::KeyCode;

/// The household with a tagged trip: two expenses tagged `lisbon`.
fn app(dir: &std::path::Path, theme: Theme, size: (u16, u16)) -> App {
    let db = common::household(dir);
    let mut ledger = common::open(&db);
    for (cents, category, date, text) in [
        (12_000, "Travel", "2025-11-12", "Lisbon hotel"),
        (3_450, "Dining", "2025-11-13", "Lisbon dinner"),
    ] {
        let input = TxnInput {
            kind: Some(TxnKind::Expense),
            amount: Money::from_cents(cents),
            from: Some("Visa".into()),
            category: Some(category.into()),
            date: Some(pfos::domain::parse_date(date).unwrap_or_else(|e| panic!("{e}"))),
            description: Some(text.into()),
            tags: vec!["lisbon".into()],
            ..Default::default()
        };
        ledger.add_txn(&input).unwrap_or_else(|e| panic!("{e}"));
    }
    drop(ledger);
    App::new(common::open(&db), theme, size)
}

#[test]
fn each_view_at_both_sizes_without_colour() {
    for (w, h) in [(80u16, 24u16), (120, 40)] {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let mut app = app(dir.path(), Theme::plain(), (w, h));
        keys(&mut app, "9");
        for view in ["categories", "trends", "cashflow", "tags"] {
            insta::assert_snapshot!(format!("reports_{view}_{w}x{h}"), draw(&app, w, h).backend());
            keys(&mut app, "v");
        }
    }
}

#[test]
fn views_in_colour_keep_their_styles() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let mut app = app(dir.path(), Theme::colour(), (80, 24));
    keys(&mut app, "9");
    insta::assert_debug_snapshot!("reports_categories_colour", draw(&app, 80, 24).backend().buffer());
    keys(&mut app, "vv");
    insta::assert_debug_snapshot!("reports_cashflow_colour", draw(&app, 80, 24).backend().buffer());
}

#[test]
fn the_figures_are_the_reports_and_enter_opens_the_transactions_behind_a_row() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let mut app = app(dir.path(), Theme::plain(), (80, 24));
    keys(&mut app, "9");
    let text = screen_text(&app);
    // Subscriptions grew most (45.99 against 20.00 usual), so it is first; Dining (the trip's dinner)
    // next; Rent is as usual.
    let rows: Vec<&str> = text.lines().skip(3).take(3).collect();
    assert!(
        rows[0].contains("Subscriptions") && rows[0].contains("+25.99"),
        "{text}"
    );
    assert!(rows[1].contains("Dining") && rows[1].contains("113.00"), "{text}");
    assert!(rows[2].contains("Rent") && rows[2].contains("0.00"), "{text}");
    // Enter on Dining: the Transactions screen, only Dining.
    keys(&mut app, "j");
    press(&mut app, KeyCode::Enter);
    let list = &app.screens.transactions;
    assert_eq!(list.category.as_deref(), Some("Dining"));
    assert!(!list.rows.is_empty() && list.rows.iter().all(|t| t.category.as_deref() == Some("Dining")));
    // A range of three months has no usual; the cash flow has the month's figures.
    keys(&mut app, "9r");
    assert!(
        screen_text(&app).contains("2025-09 to 2025-11"),
        "{}",
        screen_text(&app)
    );
    keys(&mut app, "vv");
    let text = screen_text(&app);
    assert!(
        text.contains("income") && text.contains("cash outflow") && text.contains("Nov 2025"),
        "{text}"
    );
    // Tags: what the trip cost.
    keys(&mut app, "v");
    let text = screen_text(&app);
    let trip = text
        .lines()
        .find(|l| l.contains("#lisbon"))
        .unwrap_or_else(|| panic!("{text}"));
    assert!(trip.contains("154.50"), "{trip}");
}
