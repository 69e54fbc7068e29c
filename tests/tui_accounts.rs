//! The Accounts screen, the place forms and the first-run guide, on a TestBackend: from an empty database
//! to a household set up without the command line, every figure checked through the ledger.

mod app_fixture;
use app_fixture as common;
use common::screen::{draw, keys, press, screen_text};

use pfos::domain::{Money, Month};
use pfos::tui::{App, Theme};
use ratatui::crossterm::event::KeyCode;

fn empty(dir: &std::path::Path) -> App {
    let db = dir.join("pfos.db");
    App::new(common::open(&db), Theme::plain(), (80, 24))
}

/// Types `text` into the focused field (replacing nothing: fields start as the form sets them).
fn type_in(app: &mut App, text: &str) {
    for c in text.chars() {
        press(app, KeyCode::Char(c));
    }
}

/// Clears the focused field.
fn clear(app: &mut App) {
    press(app, KeyCode::End);
    for _ in 0..40 {
        press(app, KeyCode::Backspace);
    }
}

fn tab(app: &mut App, times: usize) {
    for _ in 0..times {
        press(app, KeyCode::Tab);
    }
}

#[test]
fn a_new_database_says_not_yet_and_how_to_begin() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let app = empty(dir.path());
    let text = screen_text(&app);
    assert!(text.contains("Not yet"), "{text}");
    assert!(
        text.contains("8 then n") && text.contains("pfos demo") && text.contains("import"),
        "{text}"
    );
    insta::assert_snapshot!("first_run", draw(&app, 80, 24).backend());
}

#[test]
fn places_are_set_up_changed_and_archived_from_the_app() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let mut app = empty(dir.path());
    keys(&mut app, "8");
    // A checking account: the form opens on Name.
    keys(&mut app, "n");
    type_in(&mut app, "Checking");
    tab(&mut app, 2); // Kind (checking), then Opening
    type_in(&mut app, "2500");
    insta::assert_snapshot!("new_place_form", draw(&app, 80, 24).backend());
    press(&mut app, KeyCode::Enter);
    // A card: Kind → card with the arrows; Enter without its statement day is refused, naming the field.
    keys(&mut app, "n");
    type_in(&mut app, "Visa");
    tab(&mut app, 1);
    for _ in 0..4 {
        press(&mut app, KeyCode::Right);
    }
    tab(&mut app, 3); // Opening, Date, Statement day
    press(&mut app, KeyCode::Enter);
    let refused = screen_text(&app);
    assert!(refused.contains("Statement day: a card needs one"), "{refused}");
    type_in(&mut app, "15");
    press(&mut app, KeyCode::Enter);
    // A loan.
    keys(&mut app, "n");
    type_in(&mut app, "Car loan");
    tab(&mut app, 1);
    for _ in 0..5 {
        press(&mut app, KeyCode::Right);
    }
    tab(&mut app, 1);
    type_in(&mut app, "12000");
    tab(&mut app, 1); // Date: opened before this month's payment day
    clear(&mut app);
    type_in(&mut app, "2025-11-01");
    tab(&mut app, 1);
    type_in(&mut app, "6");
    tab(&mut app, 1);
    type_in(&mut app, "350");
    tab(&mut app, 1);
    type_in(&mut app, "15");
    press(&mut app, KeyCode::Enter);
    let listed = screen_text(&app);
    assert!(listed.contains("added loan 'Car loan'"), "{listed}");
    for name in ["Checking", "Visa", "Car loan", "Accounts", "Cards", "Loans"] {
        assert!(listed.contains(name), "{name}: {listed}");
    }
    insta::assert_snapshot!("accounts_screen", draw(&app, 80, 24).backend());
    let places = app_places(&app);
    assert_eq!(places.len(), 3);
    // Rename the card with e.
    keys(&mut app, "j");
    keys(&mut app, "e");
    clear(&mut app);
    type_in(&mut app, "Visa Gold");
    press(&mut app, KeyCode::Enter);
    assert!(screen_text(&app).contains("saved 'Visa Gold'"));
    // The loan's interest, prefilled: 12,000.00 × 6% / 12 = 60.00.
    keys(&mut app, "j");
    keys(&mut app, "i");
    let prompt = screen_text(&app);
    assert!(prompt.contains("60.00"), "{prompt}");
    press(&mut app, KeyCode::Enter);
    assert!(
        screen_text(&app).contains("interest on 'Car loan', 60.00"),
        "{}",
        screen_text(&app)
    );
    // Its register: the interest and the opening, newest first, with what is owed after each.
    press(&mut app, KeyCode::Enter);
    let register = screen_text(&app);
    assert!(
        register.contains("register") && register.contains("12,060.00") && register.contains("12,000.00"),
        "{register}"
    );
    press(&mut app, KeyCode::Esc);
    // Archiving the card (nothing on it) asks first; it leaves the list, v shows it again.
    keys(&mut app, "k");
    keys(&mut app, "x");
    assert!(screen_text(&app).contains("Archive 'Visa Gold' today?"));
    press(&mut app, KeyCode::Enter);
    assert!(!screen_text(&app).contains("Visa Gold") || screen_text(&app).contains("archived 'Visa Gold'"));
    keys(&mut app, "v");
    assert!(
        screen_text(&app).contains("Visa Gold (archived)"),
        "{}",
        screen_text(&app)
    );
    let loan = app_places(&app)
        .into_iter()
        .find(|p| p.name == "Car loan")
        .unwrap_or_else(|| panic!("loan"));
    assert_eq!(loan.loan.map(|t| t.payment), Some(Money::from_cents(35_000)));
    let _ = Month::of(common::today());
}

fn app_places(app: &App) -> Vec<pfos::domain::Place> {
    app.data.places.all().to_vec()
}

#[test]
fn quick_add_takes_split_lines_and_tags_and_the_list_shows_them() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let db = common::household(dir.path());
    let mut app = App::new(common::open(&db), Theme::plain(), (80, 24));
    keys(&mut app, "2a");
    // The form opens on Amount (an expense); left empty, the lines' sum fills it.
    tab(&mut app, 1); // From
    type_in(&mut app, "Checking");
    tab(&mut app, 1); // Category
    type_in(&mut app, "Groceries=80; Household=40.50");
    tab(&mut app, 2); // Date, Description
    type_in(&mut app, "Costco");
    tab(&mut app, 1);
    type_in(&mut app, "trip-2026");
    press(&mut app, KeyCode::Enter);
    let listed = screen_text(&app);
    assert!(listed.contains("added expense"), "{listed}");
    assert!(
        listed.contains("Split (2)") && listed.contains("Costco #trip"),
        "{listed}"
    );
    let ledger = common::open(&db);
    let saved = ledger
        .txns(None)
        .unwrap_or_default()
        .into_iter()
        .find(|t| t.is_split())
        .unwrap_or_else(|| panic!("a split was saved"));
    assert_eq!(saved.amount, Money::from_cents(12_050));
    assert_eq!(saved.tags, vec!["trip-2026".to_string()]);
    assert_eq!(
        saved.splits.iter().map(|s| s.category.as_str()).collect::<Vec<_>>(),
        ["Groceries", "Household"]
    );
    // Editing it shows the lines; lines that do not add up to a typed amount are refused in the form.
    press(&mut app, KeyCode::Char('e'));
    let form = screen_text(&app);
    assert!(form.contains("Groceries=80.00; Household=40.50"), "{form}");
    press(&mut app, KeyCode::End); // the edit form opens on Amount
    for _ in 0..10 {
        press(&mut app, KeyCode::Backspace);
    }
    type_in(&mut app, "100");
    press(&mut app, KeyCode::Enter);
    assert!(screen_text(&app).contains("add up to 120.50"), "{}", screen_text(&app));
}

#[test]
fn a_place_is_reconciled_from_the_accounts_screen_and_the_difference_shown() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let db = common::household(dir.path());
    let mut app = App::new(common::open(&db), Theme::plain(), (80, 24));
    keys(&mut app, "8g");
    keys(&mut app, "r");
    assert!(
        screen_text(&app).contains("Reconcile 'Checking'"),
        "{}",
        screen_text(&app)
    );
    type_in(&mut app, "1.00");
    press(&mut app, KeyCode::Enter);
    let said = screen_text(&app);
    assert!(
        said.contains("recorded; off by") && said.contains("statement 1.00, pfos 7,129.51"),
        "{said}"
    );
    let ledger = common::open(&db);
    let last = ledger.last_reconciled().unwrap_or_default();
    let checking = ledger.places().ok().and_then(|p| p.find("Checking").map(|c| c.id));
    assert_eq!(checking.and_then(|id| last.get(&id).copied()), Some(common::today()));
    // A bucket has no statement of its own.
    keys(&mut app, "G");
    keys(&mut app, "r");
    assert!(screen_text(&app).contains("reconcile the account that holds it"));
}
