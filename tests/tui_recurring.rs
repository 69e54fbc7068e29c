//! The Recurring & rules screen (`0`) and the Reports screen (`9`) on a TestBackend: recurring items and
//! import rules added, edited, reordered and deleted from the app, each checked through the ledger.

mod app_fixture;
use app_fixture as common;
use common::screen::{draw, keys, press, screen_text};

use pfos::tui::{App, Theme};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

fn household_app(dir: &std::path::Path) -> (std::path::PathBuf, App) {
    let db = common::household(dir);
    let app = App::new(common::open(&db), Theme::plain(), (80, 24));
    (db, app)
}

fn type_in(app: &mut App, text: &str) {
    for c in text.chars() {
        press(app, KeyCode::Char(c));
    }
}

fn tab(app: &mut App, times: usize) {
    for _ in 0..times {
        press(app, KeyCode::Tab);
    }
}

#[test]
fn recurring_items_are_added_edited_and_deleted_from_the_app() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let (db, mut app) = household_app(dir.path());
    let before = common::open(&db).recurring().map_or(0, |r| r.len());
    keys(&mut app, "0");
    let text = screen_text(&app);
    assert!(
        text.contains("Recurring items") && text.contains("Import rules"),
        "{text}"
    );
    insta::assert_snapshot!("recurring_screen", draw(&app, 80, 24).backend());

    // n: the form opens on Kind; an amount that is not one is refused, naming the field.
    keys(&mut app, "n");
    tab(&mut app, 1);
    type_in(&mut app, "12x");
    press(&mut app, KeyCode::Enter);
    let text = screen_text(&app);
    assert!(text.contains("error: Amount:"), "{text}");
    press(&mut app, KeyCode::Backspace);
    tab(&mut app, 1);
    type_in(&mut app, "Checking");
    tab(&mut app, 2);
    type_in(&mut app, "Gym");
    tab(&mut app, 1);
    type_in(&mut app, "City gym");
    tab(&mut app, 2); // Every stays monthly; Day
    type_in(&mut app, "3");
    insta::assert_snapshot!("recurring_form", draw(&app, 80, 24).backend());
    press(&mut app, KeyCode::Enter);
    let items = common::open(&db).recurring().unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(items.len(), before + 1);
    let gym = items
        .iter()
        .find(|i| i.description == "City gym")
        .unwrap_or_else(|| panic!("saved"));
    assert_eq!(gym.amount.to_string(), "12.00");
    assert_eq!(gym.category.as_deref(), Some("Gym"));
    assert!(screen_text(&app).contains("City gym"));

    // e on the new item (the last row): the amount changes, nothing else.
    press(&mut app, KeyCode::End);
    keys(&mut app, "e");
    press(&mut app, KeyCode::End);
    press(&mut app, KeyCode::Backspace);
    press(&mut app, KeyCode::Backspace);
    press(&mut app, KeyCode::Backspace);
    press(&mut app, KeyCode::Backspace);
    press(&mut app, KeyCode::Backspace);
    type_in(&mut app, "15");
    press(&mut app, KeyCode::Enter);
    let edited = common::open(&db).recurring().unwrap_or_else(|e| panic!("{e}"));
    let gym_now = edited.iter().find(|i| i.id == gym.id).unwrap_or_else(|| panic!("kept"));
    assert_eq!(gym_now.amount.to_string(), "15.00");
    assert_eq!(gym_now.schedule, gym.schedule);

    // d asks first; yes deletes; u takes it back.
    keys(&mut app, "d");
    assert!(screen_text(&app).contains("Delete recurring item"));
    insta::assert_snapshot!("recurring_delete", draw(&app, 80, 24).backend());
    keys(&mut app, "y");
    assert_eq!(common::open(&db).recurring().map_or(0, |r| r.len()), before);
    keys(&mut app, "u");
    assert_eq!(common::open(&db).recurring().map_or(0, |r| r.len()), before + 1);
}

#[test]
fn rules_are_added_reordered_and_deleted_from_the_app() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let (db, mut app) = household_app(dir.path());
    keys(&mut app, "0");
    press(&mut app, KeyCode::Right);
    for (pattern, category) in [("COFFEE", "Dining"), ("COFFEE BEANS", "Groceries")] {
        keys(&mut app, "n");
        type_in(&mut app, pattern);
        tab(&mut app, 2);
        type_in(&mut app, category);
        if pattern == "COFFEE BEANS" {
            insta::assert_snapshot!("rule_form", draw(&app, 80, 24).backend());
        }
        press(&mut app, KeyCode::Enter);
    }
    let order = || -> Vec<String> {
        common::open(&db)
            .rules()
            .unwrap_or_else(|e| panic!("{e}"))
            .into_iter()
            .map(|r| r.pattern)
            .collect()
    };
    assert_eq!(order(), ["COFFEE", "COFFEE BEANS"]);
    // Neither a category nor a transfer: refused in the form.
    keys(&mut app, "n");
    type_in(&mut app, "TESCO");
    press(&mut app, KeyCode::Enter);
    assert!(screen_text(&app).contains("one of the two"));
    press(&mut app, KeyCode::Esc);
    // The more specific rule goes first: K on the second row.
    press(&mut app, KeyCode::End);
    keys(&mut app, "K");
    assert_eq!(order(), ["COFFEE BEANS", "COFFEE"]);
    assert!(screen_text(&app).contains("now tried at position 1"));
    keys(&mut app, "K");
    assert_eq!(order(), ["COFFEE BEANS", "COFFEE"], "already first");
    keys(&mut app, "J");
    assert_eq!(order(), ["COFFEE", "COFFEE BEANS"]);
    insta::assert_snapshot!("rules_pane", draw(&app, 80, 24).backend());
    keys(&mut app, "d");
    keys(&mut app, "y");
    assert_eq!(order(), ["COFFEE"]);
    press(&mut app, KeyCode::Left);
    assert!(screen_text(&app).contains("▶ Recurring items"));
}

#[test]
fn the_reports_screen_lists_the_month_by_category_and_moves_by_month() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let (_db, mut app) = household_app(dir.path());
    keys(&mut app, "9");
    let text = screen_text(&app);
    assert!(text.contains("Categories") && text.contains("2025-11"), "{text}");
    assert!(text.contains("Rent") && text.contains("1,600.00"), "{text}");
    insta::assert_snapshot!("reports_month", draw(&app, 80, 24).backend());
    keys(&mut app, "[");
    assert!(screen_text(&app).contains("2025-10"));
    keys(&mut app, "]]");
    assert!(screen_text(&app).contains("2025-12"));
    assert!(
        screen_text(&app).contains("Rent"),
        "December against the usual: nothing yet, usual still shown"
    );
    // Ctrl-C quits from here too.
    app.handle_key(KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL));
    assert!(app.should_quit());
}
