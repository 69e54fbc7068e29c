//! The app's import dialog and the quick categorizing of `Uncategorized` rows: screens at 80×24, and what
//! the keys store, checked through the ledger.

mod app_fixture;
use app_fixture as common;
use common::screen::{draw, keys, press, screen_text};

use pfos::domain::{parse_date, Money, TxnKind};
use pfos::ledger::{Ledger, TxnInput};
use pfos::tui::app::Message;
use pfos::tui::widgets::category_prompt::CategoryPrompt;
use pfos::tui::widgets::import_dialog::ImportDialog;
use pfos::tui::{App, Theme};
use ratatui::crossterm::event::KeyCode;
use std::path::{Path, PathBuf};

/// Relative to the package root, where cargo runs tests: the same text on every machine.
const VISA_CSV: &str = "tests/fixtures/csv/us_card_negative_charges.csv";

fn setup() -> (tempfile::TempDir, PathBuf, App) {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let db = common::household(dir.path());
    let app = App::new(common::open(&db), Theme::plain(), (80, 24));
    (dir, db, app)
}

fn ok<T, E: std::fmt::Display>(r: Result<T, E>) -> T {
    r.unwrap_or_else(|e| panic!("{e}"))
}

/// Opens the dialog on Transactions and types the file and the place.
fn fill_dialog(app: &mut App, file: &str, place: &str) {
    keys(app, "2i");
    keys(app, file);
    // Shift-Tab from File goes to the last override; on back through the ten overrides to Into.
    press(app, KeyCode::BackTab);
    for _ in 0..10 {
        press(app, KeyCode::BackTab);
    }
    keys(app, place);
}

fn info(app: &App) -> String {
    match &app.message {
        Some(Message::Info(text)) => text.clone(),
        other => panic!("expected an info message, got {other:?}"),
    }
}

#[test]
fn dialog_fields_complete_the_file_and_the_place() {
    let (_dir, _db, mut app) = setup();
    keys(&mut app, "2i");
    keys(&mut app, "tests/fixtures/csv/us_card_n");
    press(&mut app, KeyCode::Tab);
    let Some(dialog) = app.popup_as::<ImportDialog>() else {
        panic!("i opens the import dialog")
    };
    assert_eq!(
        dialog.file.text(),
        VISA_CSV,
        "Tab completes a file name only one file starts with"
    );
    press(&mut app, KeyCode::Tab);
    keys(&mut app, "V");
    insta::assert_snapshot!("import_dialog_fields", draw(&app, 80, 24).backend());
    press(&mut app, KeyCode::Tab);
    let Some(dialog) = app.popup_as::<ImportDialog>() else {
        panic!("still open")
    };
    assert_eq!(
        dialog.place.text(),
        "Visa",
        "Tab completes a place only one account or card starts with"
    );
}

#[test]
fn preview_shows_every_row_and_stores_nothing() {
    let (_dir, db, mut app) = setup();
    let before = ok(common::open(&db).txns(None)).len();
    fill_dialog(&mut app, VISA_CSV, "Visa");
    press(&mut app, KeyCode::Enter);
    let Some(dialog) = app.popup_as::<ImportDialog>() else {
        panic!("the dialog stays open")
    };
    assert_eq!(dialog.error, None);
    let preview = dialog.preview.as_ref().unwrap_or_else(|| panic!("Enter previews"));
    assert_eq!(preview.lines.len(), 6);
    insta::assert_snapshot!("import_preview", draw(&app, 80, 24).backend());
    assert_eq!(
        ok(common::open(&db).txns(None)).len(),
        before,
        "a preview stores nothing"
    );

    // Esc goes back to the fields with what was typed.
    press(&mut app, KeyCode::Esc);
    let Some(dialog) = app.popup_as::<ImportDialog>() else {
        panic!("Esc from the preview returns to the fields")
    };
    assert!(dialog.preview.is_none());
    assert_eq!(dialog.file.text(), VISA_CSV);
    assert_eq!(dialog.place.text(), "Visa");
}

#[test]
fn confirming_the_preview_imports_and_says_so() {
    let (_dir, db, mut app) = setup();
    let before = ok(common::open(&db).txns(None)).len();
    fill_dialog(&mut app, VISA_CSV, "vi");
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Enter);
    assert!(app.popup.is_none(), "the dialog closes after importing");
    let txns = ok(common::open(&db).txns(None));
    assert_eq!(txns.len(), before + 6);
    let shell = txns
        .iter()
        .find(|t| t.description == "SHELL OIL 57442")
        .unwrap_or_else(|| panic!("stored"));
    assert_eq!(shell.kind, TxnKind::Expense);
    assert_eq!(shell.amount.to_string(), "41.07");
    assert_eq!(shell.category.as_deref(), Some("Gas"));
    assert_eq!(shell.date.to_string(), "2025-11-12");
    assert_eq!(
        info(&app),
        "us_card_negative_charges.csv: 6 imported, 0 skipped as duplicates, 0 matched to existing transfers, \
         0 rejected, 0 without an amount skipped"
    );
    assert_eq!(
        app.screens.transactions.selected_txn().map(|t| t.description.as_str()),
        Some("SQ *BLUE BOTTLE COFFEE"),
        "the list shows the newest imported row"
    );
    assert!(screen_text(&app).contains("SQ *BLUE"));

    // The same file again: every row is a duplicate and nothing is added.
    fill_dialog(&mut app, VISA_CSV, "Visa");
    press(&mut app, KeyCode::Enter);
    assert!(
        screen_text(&app).contains("duplicate of #"),
        "the preview says which rows are known"
    );
    press(&mut app, KeyCode::Enter);
    assert_eq!(ok(common::open(&db).txns(None)).len(), before + 6);
    assert!(
        info(&app).contains("0 imported, 6 skipped as duplicates"),
        "{}",
        info(&app)
    );
}

#[test]
fn refusals_show_in_the_dialog_in_the_ledgers_words_and_keep_the_input() {
    let (_dir, _db, mut app) = setup();
    fill_dialog(&mut app, "tests/fixtures/csv/no-such-file.csv", "Visa");
    press(&mut app, KeyCode::Enter);
    let text = screen_text(&app);
    assert!(
        text.contains("error: cannot use 'tests/fixtures/csv/no-such-file.csv'"),
        "{text}"
    );
    let Some(dialog) = app.popup_as::<ImportDialog>() else {
        panic!("the dialog stays open")
    };
    assert_eq!(dialog.place.text(), "Visa", "what was typed stays");

    let (_dir, _db, mut app) = setup();
    fill_dialog(&mut app, VISA_CSV, "Travel");
    press(&mut app, KeyCode::Enter);
    let Some(dialog) = app.popup_as::<ImportDialog>() else {
        panic!("the dialog stays open")
    };
    assert_eq!(
        dialog.error.as_deref(),
        Some("a bank file comes from a bank or card: import it into an account or a card, not a bucket")
    );
}

/// A checking file with one unreadable amount on line 3.
fn file_with_a_bad_row(dir: &Path) -> String {
    let path = dir.join("checking-bad.csv");
    let text = "Date,Description,Amount\n\
                2025-11-11,Farmers market,-23.00\n\
                2025-11-12,Mystery,-12.3.4\n\
                2025-11-13,Bakery,-6.20\n";
    ok(std::fs::write(&path, text));
    path.display().to_string()
}

#[test]
fn rejected_rows_need_an_explicit_yes_to_import_the_rest() {
    let (dir, db, mut app) = setup();
    let before = ok(common::open(&db).txns(None)).len();
    let file = file_with_a_bad_row(dir.path());
    fill_dialog(&mut app, &file, "Checking");
    press(&mut app, KeyCode::Enter);
    let text = screen_text(&app);
    assert!(text.contains("1 row cannot be imported"), "{text}");
    assert!(text.contains("✗"), "the rejected row is in the table: {text}");
    press(&mut app, KeyCode::Enter);
    let text = screen_text(&app);
    assert!(text.contains("y imports them"), "Enter asks: {text}");
    press(&mut app, KeyCode::Enter);
    assert_eq!(
        ok(common::open(&db).txns(None)).len(),
        before,
        "Enter again does not answer the question"
    );
    press(&mut app, KeyCode::Esc);
    assert!(
        app.popup_as::<ImportDialog>()
            .is_some_and(|d| d.preview.as_ref().is_some_and(|p| !p.asking)),
        "Esc takes the question back"
    );
    press(&mut app, KeyCode::Enter);
    keys(&mut app, "y");
    assert!(app.popup.is_none());
    let txns = ok(common::open(&db).txns(None));
    assert_eq!(txns.len(), before + 2, "the two good rows");
    assert!(txns.iter().any(|t| t.description == "Bakery"));
    assert!(!txns.iter().any(|t| t.description == "Mystery"));
    assert!(
        info(&app).contains("2 imported") && info(&app).contains("1 rejected"),
        "{}",
        info(&app)
    );
}

/// Three `Uncategorized` expenses on the Visa card, newest first: Kiosk, Hardware, Bookshop.
fn with_uncategorized(db: &Path) -> Ledger {
    let mut ledger = common::open(db);
    for (day, desc) in [
        ("2025-11-16", "BOOKSHOP 12"),
        ("2025-11-17", "HARDWARE 7"),
        ("2025-11-19", "KIOSK 3"),
    ] {
        let input = TxnInput {
            kind: Some(TxnKind::Expense),
            amount: Money::from_cents(1_000),
            from: Some("Visa".into()),
            category: Some("Uncategorized".into()),
            date: Some(ok(parse_date(day))),
            description: Some(desc.into()),
            ..TxnInput::default()
        };
        ok(ledger.add_txn(&input));
    }
    ledger
}

fn category_of(db: &Path, description: &str) -> Option<String> {
    ok(common::open(db).txns(None))
        .into_iter()
        .find(|t| t.description == description)
        .unwrap_or_else(|| panic!("{description} is stored"))
        .category
}

#[test]
fn u_shows_only_uncategorized_rows_and_esc_shows_all() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let db = common::household(dir.path());
    let mut app = App::new(with_uncategorized(&db), Theme::plain(), (80, 24));
    keys(&mut app, "2U");
    let shown: Vec<&str> = app
        .screens
        .transactions
        .rows
        .iter()
        .map(|t| t.description.as_str())
        .collect();
    assert_eq!(shown, ["KIOSK 3", "HARDWARE 7", "BOOKSHOP 12"]);
    assert!(screen_text(&app).contains("only Uncategorized"));
    keys(&mut app, "U");
    assert!(app.screens.transactions.rows.len() > 3, "U again shows everything");
    keys(&mut app, "U");
    press(&mut app, KeyCode::Esc);
    assert!(app.screens.transactions.rows.len() > 3, "so does Esc");
}

#[test]
fn categorizing_two_rows_in_a_row() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let db = common::household(dir.path());
    let mut app = App::new(with_uncategorized(&db), Theme::plain(), (80, 24));
    keys(&mut app, "2UC");
    insta::assert_snapshot!("category_prompt", draw(&app, 80, 24).backend());
    keys(&mut app, "Gro");
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Enter);
    assert_eq!(category_of(&db, "KIOSK 3").as_deref(), Some("Groceries"));
    let Some(prompt) = app.popup_as::<CategoryPrompt>() else {
        panic!("the prompt stays open for the next row")
    };
    assert_eq!(prompt.txn.description, "HARDWARE 7");
    assert_eq!(
        app.screens.transactions.selected_txn().map(|t| t.description.as_str()),
        Some("HARDWARE 7")
    );
    keys(&mut app, "Home repair");
    press(&mut app, KeyCode::Enter);
    assert_eq!(category_of(&db, "HARDWARE 7").as_deref(), Some("Home repair"));
    assert_eq!(category_of(&db, "BOOKSHOP 12").as_deref(), Some("Uncategorized"));
    let Some(prompt) = app.popup_as::<CategoryPrompt>() else {
        panic!("and again")
    };
    assert_eq!(prompt.txn.description, "BOOKSHOP 12");
    assert_eq!(prompt.done, 2);
    press(&mut app, KeyCode::Esc);
    assert!(app.popup.is_none(), "Esc stops the run");
    let shown: Vec<&str> = app
        .screens
        .transactions
        .rows
        .iter()
        .map(|t| t.description.as_str())
        .collect();
    assert_eq!(shown, ["BOOKSHOP 12"], "the filter list lost the categorized rows");
}

#[test]
fn the_prompt_refuses_in_the_ledgers_words_and_skips_rows_without_categories() {
    let (_dir, _db, mut app) = setup();
    // The newest row is a valuation: it has no category.
    keys(&mut app, "2C");
    assert!(app.popup.is_none());
    assert!(matches!(&app.message, Some(Message::Error(e)) if e.starts_with("a valuation has no category")));
    // An expense in closed October.
    keys(&mut app, "[j");
    assert_eq!(
        app.screens.transactions.selected_txn().map(|t| t.kind),
        Some(TxnKind::Expense)
    );
    keys(&mut app, "CFares");
    press(&mut app, KeyCode::Enter);
    let Some(prompt) = app.popup_as::<CategoryPrompt>() else {
        panic!("the prompt stays open")
    };
    assert_eq!(
        prompt.error.as_deref(),
        Some("month 2025-10 is closed; reopen it first with r on Snapshots (5)")
    );
    assert_eq!(prompt.field.text(), "Fares");
}

#[test]
fn without_the_filter_the_prompt_skips_to_the_next_uncategorized_row_and_ends_when_none_is_left() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let db = common::household(dir.path());
    let mut app = App::new(with_uncategorized(&db), Theme::plain(), (80, 24));
    keys(&mut app, "2");
    assert_eq!(
        app.screens.transactions.selected_txn().map(|t| t.description.as_str()),
        Some("KIOSK 3")
    );
    keys(&mut app, "CSnacks");
    press(&mut app, KeyCode::Enter);
    // The valuation of 2025-11-18 sits between the two: the selection passes over it.
    assert_eq!(
        app.screens.transactions.selected_txn().map(|t| t.description.as_str()),
        Some("HARDWARE 7")
    );
    keys(&mut app, "Tools");
    press(&mut app, KeyCode::Enter);
    keys(&mut app, "sn");
    press(&mut app, KeyCode::Right);
    press(&mut app, KeyCode::Enter);
    assert_eq!(
        category_of(&db, "BOOKSHOP 12").as_deref(),
        Some("Snacks"),
        "→ took the suggestion"
    );
    assert!(app.popup.is_none(), "nothing is left to categorize");
    let bookshop = ok(common::open(&db).txns(None))
        .into_iter()
        .find(|t| t.description == "BOOKSHOP 12")
        .map(|t| t.id)
        .unwrap_or_else(|| panic!("stored"));
    assert_eq!(
        info(&app),
        format!("expense #{bookshop} is now Snacks; 3 rows categorized, no Uncategorized transaction left")
    );
    assert!(app.screens.transactions.rows.len() > 3, "the list was not filtered");
}

#[test]
fn a_long_preview_scrolls_with_the_selection_in_sight() {
    let (dir, _db, mut app) = setup();
    let path = dir.path().join("long.csv");
    let mut text = String::from("Date,Description,Amount\n");
    for day in 1..=19 {
        for n in 0..2 {
            text.push_str(&format!("2025-11-{day:02},Shop {day}-{n},-{day}.{n}0\n"));
        }
    }
    ok(std::fs::write(&path, text));
    fill_dialog(&mut app, &path.display().to_string(), "Checking");
    press(&mut app, KeyCode::Enter);
    let screen = screen_text(&app);
    assert!(screen.contains("Shop 1-0") && !screen.contains("Shop 19-1"), "{screen}");
    keys(&mut app, "G");
    let screen = screen_text(&app);
    assert!(
        screen.contains("line 39: Shop 19-1"),
        "the last row is selected: {screen}"
    );
    assert!(screen.contains("  39 2025-11-19"), "and on screen: {screen}");
    assert!(
        !screen.contains("   2 2025-11-01"),
        "the first row scrolled away: {screen}"
    );
    press(&mut app, KeyCode::PageUp);
    press(&mut app, KeyCode::PageUp);
    press(&mut app, KeyCode::PageUp);
    let screen = screen_text(&app);
    assert!(screen.contains("line 2: Shop 1-0"), "back at the top: {screen}");
    assert!(screen.contains("   2 2025-11-01"), "{screen}");
}

#[test]
fn the_preview_refuses_what_the_import_refuses_a_long_line_and_letters_in_an_amount() {
    let (dir, _db, mut app) = setup();
    let long = dir.path().join("long.csv");
    let text = format!(
        "Date,Description,Amount\n2025-11-11,Farmers market,-23.00\n2025-11-12,{},-1.00\n",
        "x".repeat(100_000)
    );
    ok(std::fs::write(&long, text));
    fill_dialog(&mut app, &long.display().to_string(), "Checking");
    press(&mut app, KeyCode::Enter);
    let Some(dialog) = app.popup_as::<ImportDialog>() else {
        panic!("the dialog stays open")
    };
    assert_eq!(
        dialog.error.as_deref(),
        Some("cannot import the file: line 3 is 100,017 bytes long; a bank row is a few hundred bytes: is this the right file?; nothing was imported")
    );
    assert!(dialog.preview.is_none());

    let (dir, _db, mut app) = setup();
    let letters = dir.path().join("letters.csv");
    ok(std::fs::write(
        &letters,
        "Date,Description,Amount\n2025-11-11,Farmers market,23.00 DR\n2025-11-12,Exponent,1e3\n",
    ));
    fill_dialog(&mut app, &letters.display().to_string(), "Checking");
    press(&mut app, KeyCode::Enter);
    let Some(dialog) = app.popup_as::<ImportDialog>() else {
        panic!("the dialog stays open")
    };
    let preview = dialog.preview.as_ref().unwrap_or_else(|| panic!("{:?}", dialog.error));
    let rejected: Vec<(u64, &str)> = preview
        .report
        .rejected
        .iter()
        .map(|b| (b.line, b.reason.as_str()))
        .collect();
    assert_eq!(rejected, vec![(3, "amount '1e3' cannot be read")]);
    assert!(screen_text(&app).contains("1 row cannot be imported"));
}
