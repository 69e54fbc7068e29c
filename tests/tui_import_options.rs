//! The import dialog's overrides (as the command line has them), the question an ambiguous date file
//! asks, and rejected rows shown with what the file says: on a TestBackend, checked through the ledger.

mod app_fixture;
use app_fixture as common;
use common::screen::{draw, keys, press, screen_text};

use pfos::domain::TxnKind;
use pfos::tui::widgets::import_dialog::ImportDialog;
use pfos::tui::{App, Theme};
use ratatui::crossterm::event::KeyCode;
use std::path::{Path, PathBuf};

fn setup() -> (tempfile::TempDir, PathBuf, App) {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let db = common::household(dir.path());
    let app = App::new(common::open(&db), Theme::plain(), (80, 24));
    (dir, db, app)
}

/// A CSV fixture, relative to the package root (where cargo runs tests): the same text on every machine.
fn fixture(name: &str) -> String {
    format!("tests/fixtures/csv/{name}")
}

/// Opens the dialog, types the file, moves to Into and types the place.
fn fill(app: &mut App, file: &str, place: &str) {
    keys(app, "2i");
    keys(app, file);
    press(app, KeyCode::Esc);
    keys(app, "2i");
    keys(app, file);
    for _ in 0..11 {
        press(app, KeyCode::BackTab);
    }
    keys(app, place);
}

/// Moves from Into to the override with this label (Tab goes through them in order).
fn to_option(app: &mut App, label: &str) {
    let labels = [
        "Date format",
        "Delimiter",
        "Date column",
        "Amount column",
        "Debit column",
        "Credit column",
        "Text column",
        "Negate",
        "Skip bad rows",
        "Account",
    ];
    let at = labels
        .iter()
        .position(|l| *l == label)
        .unwrap_or_else(|| panic!("{label}"));
    for _ in 0..=at {
        press(app, KeyCode::Tab);
    }
}

fn descriptions(db: &Path) -> Vec<(String, String, TxnKind)> {
    common::open(db)
        .txns(None)
        .unwrap_or_else(|e| panic!("{e}"))
        .into_iter()
        .map(|t| (t.description, t.amount.to_string(), t.kind))
        .collect()
}

#[test]
fn an_ambiguous_date_file_asks_which_reading_and_imports_with_it() {
    // A ledger whose months are all open, with a checking account from January.
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let db = dir.path().join("pfos.db");
    let on = |t: &str| pfos::domain::parse_date(t).unwrap_or_else(|e| panic!("{e}"));
    common::open(&db)
        .add_account(
            "Checking",
            pfos::domain::PlaceKind::Checking,
            pfos::domain::Money::ZERO,
            on("2025-01-01"),
        )
        .unwrap_or_else(|e| panic!("{e}"));
    let mut app = App::new(common::open(&db), Theme::plain(), (80, 24));
    // 03/11 and 11/03: the 3rd of November and the 11th of March, or the other way round.
    let file = fixture("ambiguous_dates.csv");
    fill(&mut app, &file, "Checking");
    press(&mut app, KeyCode::Enter);
    let text = screen_text(&app);
    assert!(
        text.contains("Which dates?") && text.contains("DD/MM/YYYY") && text.contains("MM/DD/YYYY"),
        "{text}"
    );
    assert!(
        !text.contains("--date-format"),
        "the app names no command-line flag: {text}"
    );
    insta::assert_snapshot!("import_date_question", draw(&app, 80, 24).backend());
    // Choose DD/MM/YYYY (whichever line it is on) and preview with it.
    let Some(dialog) = app.popup_as::<ImportDialog>() else {
        panic!("the dialog stays")
    };
    let question = dialog.date_question.clone().unwrap_or_else(|| panic!("a question"));
    let dd = question
        .choices
        .iter()
        .position(|c| c == "DD/MM/YYYY")
        .unwrap_or_else(|| panic!("{question:?}"));
    for _ in 0..dd {
        press(&mut app, KeyCode::Down);
    }
    press(&mut app, KeyCode::Enter);
    let Some(dialog) = app.popup_as::<ImportDialog>() else {
        panic!("the dialog stays")
    };
    assert!(
        dialog.preview.is_some(),
        "previewed with the chosen reading: {:?}",
        dialog.error
    );
    assert_eq!(dialog.options.get("Date format"), "DD/MM/YYYY");
    press(&mut app, KeyCode::Enter);
    let dates: Vec<String> = common::open(&db)
        .txns(None)
        .unwrap_or_else(|e| panic!("{e}"))
        .iter()
        .filter(|t| t.description == "Corner shop" || t.description == "Bus pass")
        .map(|t| t.date.to_string())
        .collect();
    assert_eq!(dates.len(), 2);
    assert!(
        dates.contains(&"2025-11-03".to_string()) && dates.contains(&"2025-03-11".to_string()),
        "{dates:?}"
    );
}

#[test]
fn columns_delimiter_and_negate_override_what_pfos_works_out() {
    let (_dir, db, mut app) = setup();
    // Semicolons, no header words pfos knows, and money out written as positive numbers.
    let file = fixture("semicolons_money_out_positive.csv");
    fill(&mut app, &file, "Checking");
    to_option(&mut app, "Delimiter");
    press(&mut app, KeyCode::Right);
    press(&mut app, KeyCode::Right); // detect → , → ;
    press(&mut app, KeyCode::Tab);
    keys(&mut app, "Booked");
    press(&mut app, KeyCode::Tab);
    keys(&mut app, "Sum");
    for _ in 0..3 {
        press(&mut app, KeyCode::Tab);
    }
    keys(&mut app, "Payee");
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Right); // Negate: yes
    insta::assert_snapshot!("import_overrides", draw(&app, 80, 24).backend());
    press(&mut app, KeyCode::Enter);
    let Some(dialog) = app.popup_as::<ImportDialog>() else {
        panic!("the dialog stays")
    };
    let preview = dialog
        .preview
        .as_ref()
        .unwrap_or_else(|| panic!("a preview: {:?}", dialog.error));
    assert_eq!(preview.report.rows.len(), 2);
    press(&mut app, KeyCode::Enter);
    let rows = descriptions(&db);
    for (text, amount) in [("Hardware store", "12.50"), ("Coffee cart", "3.20")] {
        assert!(
            rows.iter()
                .any(|(d, a, k)| d == text && a == amount && *k == TxnKind::Expense),
            "{text} {amount} as money out: {rows:?}"
        );
    }
}

#[test]
fn rejected_rows_show_what_the_file_says_and_skip_bad_imports_the_rest_at_once() {
    let (_dir, db, mut app) = setup();
    let before = descriptions(&db).len();
    let file = fixture("one_bad_amount.csv");
    fill(&mut app, &file, "Checking");
    to_option(&mut app, "Skip bad rows");
    press(&mut app, KeyCode::Right);
    press(&mut app, KeyCode::Enter);
    let text = screen_text(&app);
    let row = text
        .lines()
        .find(|l| l.contains("Mystery"))
        .unwrap_or_else(|| panic!("{text}"));
    assert!(
        row.contains("2025-11-12") && row.contains("-12.3.4") && row.contains('✗'),
        "{row}"
    );
    insta::assert_snapshot!("import_rejected_row", draw(&app, 80, 24).backend());
    // Skip bad rows is the answer already: one Enter imports the good row.
    press(&mut app, KeyCode::Enter);
    assert!(app.popup.is_none());
    let rows = descriptions(&db);
    assert_eq!(rows.len(), before + 1);
    assert!(rows.iter().any(|(d, _, _)| d == "Farmers market"));
}
