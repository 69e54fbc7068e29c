//! The Transactions screen's search at 80×24: the list follows the query as it is typed; a malformed
//! query keeps the last good results and the footer says what is wrong; Esc shows everything again.

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
fn a_search_typed_on_the_transactions_screen() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let mut app = app(dir.path());
    keys(&mut app, "2/pay");
    let typed = screen_text(&app);
    assert!(typed.contains("Paycheck") && typed.contains("Visa payment"), "{typed}");
    assert!(!typed.contains("Trader Joe's"), "{typed}");
    keys(&mut app, " place:visa amt:>200");
    insta::assert_snapshot!("search_typed", draw(&app, 80, 24).backend());
    let shown = screen_text(&app);
    assert!(shown.contains("Visa payment") && !shown.contains("Paycheck"), "{shown}");
}

#[test]
fn a_malformed_search_keeps_the_last_results_and_says_why() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let mut app = app(dir.path());
    keys(&mut app, "2/amt:45.99");
    let good = screen_text(&app);
    assert!(good.contains("Café Olé") && !good.contains("Trader Joe's"), "{good}");
    keys(&mut app, "x");
    insta::assert_snapshot!("search_malformed", draw(&app, 80, 24).backend());
    let shown = screen_text(&app);
    assert!(
        shown.contains("in 'amt:45.99x': '45.99x' is not an amount; write amt:>100 or amt:50..80"),
        "{shown}"
    );
    assert!(shown.contains("Café Olé"), "the last good search's rows stay: {shown}");
    // Enter does not leave a malformed search; mending it shows its rows and the hints again.
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Backspace);
    let mended = screen_text(&app);
    assert!(
        mended.contains("Café Olé") && !mended.contains("not an amount"),
        "{mended}"
    );
    press(&mut app, KeyCode::Enter);
    assert!(!screen_text(&app).contains("Enter keep"), "Enter leaves a good search");
    press(&mut app, KeyCode::Esc);
    assert!(
        screen_text(&app).contains("Trader Joe's"),
        "Esc shows every transaction again"
    );
}
