//! The app looking ahead, at 80×24: the forecast on the Net worth screen, the What-if screen with changes
//! typed in, the dashboard's due recurring items and `p` posting them after a confirmation.

mod app_fixture;
use app_fixture as common;
use common::screen::{draw, keys, press, screen_text};

use pfos::domain::payoff::Apr;
use pfos::domain::{Money, TxnKind};
use pfos::ledger::{Ledger, RatesEdit, RecurringInput};
use pfos::tui::{App, Theme};
use ratatui::crossterm::event::KeyCode;

fn monthly(kind: TxnKind, amount: i64, place: &str, day: u32, start: &str, what: &str) -> RecurringInput {
    let (from, to) = if kind == TxnKind::Income {
        (None, Some(place.to_string()))
    } else {
        (Some(place.to_string()), None)
    };
    RecurringInput {
        kind: Some(kind),
        amount: Money::from_cents(amount),
        from,
        to,
        category: (kind == TxnKind::Expense).then(|| what.to_string()),
        description: Some(what.to_string()),
        cadence: "monthly".into(),
        day: Some(day),
        start: Some(pfos::domain::parse_date(start).unwrap_or_else(|e| panic!("{e}"))),
        ..RecurringInput::default()
    }
}

/// The household (Visa carrying debt) with a 19.99% APR on the Visa, salary and rent from December.
fn ledger(dir: &std::path::Path) -> (std::path::PathBuf, Ledger) {
    let db = common::household(dir);
    let mut ledger = common::open(&db);
    let apr = RatesEdit {
        apr: Some(Apr::parse("19.99").unwrap_or_else(|e| panic!("{e}"))),
        ..RatesEdit::default()
    };
    ledger.set_card_rates("Visa", apr).unwrap_or_else(|e| panic!("{e}"));
    for item in [
        monthly(TxnKind::Income, 420_000, "Checking", 1, "2025-12-01", "Salary"),
        monthly(TxnKind::Expense, 160_000, "Checking", 2, "2025-12-01", "Rent"),
    ] {
        ledger.add_recurring(&item).unwrap_or_else(|e| panic!("{e}"));
    }
    (db, ledger)
}

#[test]
fn the_net_worth_screen_draws_the_forecast_after_today() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let (_, ledger) = ledger(dir.path());
    let mut app = App::new(ledger, Theme::plain(), (80, 24));
    keys(&mut app, "6");
    let text = screen_text(&app);
    assert!(text.contains("forecast▪"), "{text}");
    assert!(text.contains("Nov 2026"), "the axis runs 12 months past today: {text}");
    insta::assert_snapshot!("net_worth_forecast", draw(&app, 80, 24).backend());
}

#[test]
fn the_what_if_screen_redraws_both_lines_after_each_change() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let (_, ledger) = ledger(dir.path());
    let mut app = App::new(ledger, Theme::plain(), (80, 24));
    keys(&mut app, "7");
    assert!(screen_text(&app).contains("No changes yet"));
    keys(&mut app, "nextra Visa=200");
    press(&mut app, KeyCode::Enter);
    let with_extra = app.screens.whatif.report.clone().unwrap_or_else(|| panic!("a report"));
    let (base, scen) = &with_extra.payoffs[0];
    assert!(
        scen.current.debt_free < base.current.debt_free || scen.current.interest < base.current.interest,
        "paying more pays off sooner or costs less: {base:?} {scen:?}"
    );
    assert!(with_extra.whatif.scenario.interest() < with_extra.whatif.baseline.interest());
    keys(&mut app, "npurchase Checking=1500@2026-03-01:Laptop");
    press(&mut app, KeyCode::Enter);
    insta::assert_snapshot!("whatif_screen", draw(&app, 80, 24).backend());
    // A typo stays in the editor with the ledger's words; Esc leaves the changes as they were.
    keys(&mut app, "nextra Nowhere=5");
    press(&mut app, KeyCode::Enter);
    assert!(screen_text(&app).contains("error: no place named 'Nowhere'"));
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.screens.whatif.changes.len(), 2);
    // + raises the selected (last) change by 50; d drops it.
    keys(&mut app, "+");
    let text = screen_text(&app);
    assert!(text.contains("Laptop of 1,550.00"), "{text}");
    keys(&mut app, "kd");
    assert_eq!(app.screens.whatif.changes.len(), 1);
    assert!(
        screen_text(&app).contains("Laptop"),
        "the extra payment went, the purchase stays"
    );
}

#[test]
fn due_items_show_on_the_dashboard_and_p_posts_them_after_asking() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let (db, mut ledger) = ledger(dir.path());
    let gym = monthly(TxnKind::Expense, 4_000, "Checking", 5, "2025-11-01", "Gym");
    ledger.add_recurring(&gym).unwrap_or_else(|e| panic!("{e}"));
    let mut app = App::new(ledger, Theme::plain(), (80, 24));
    let text = screen_text(&app);
    assert!(
        text.contains("Due: 1 recurring") && text.contains("Nov 05 Gym"),
        "{text}"
    );
    assert!(text.contains("p post 1 due"), "{text}");
    insta::assert_snapshot!("dashboard_due", draw(&app, 80, 24).backend());
    keys(&mut app, "p");
    assert!(screen_text(&app).contains("Post 1 recurring item(s) due through 2025-11-20?"));
    press(&mut app, KeyCode::Esc);
    let count = || common::open(&db).txns(None).map_or(0, |t| t.len());
    let before = count();
    assert_eq!(before, common::open(&db).txns(None).map_or(0, |t| t.len()));
    keys(&mut app, "p");
    press(&mut app, KeyCode::Enter);
    assert_eq!(count(), before + 1, "posted once");
    assert!(screen_text(&app).contains("posted 1 recurring item(s)"));
    keys(&mut app, "p");
    assert!(screen_text(&app).contains("nothing recurring is due through 2025-11-20"));
    assert_eq!(count(), before + 1, "and never twice");
}

#[test]
fn a_new_ledger_opens_without_an_error_and_the_what_if_screen_says_what_it_needs() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let ledger = common::open(&dir.path().join("new.db"));
    let mut app = App::new(ledger, Theme::plain(), (80, 24));
    assert_eq!(app.message, None);
    keys(&mut app, "7");
    assert!(screen_text(&app).contains("The forecast needs an account"));
    keys(&mut app, "p");
    assert!(screen_text(&app).contains("nothing recurring is due"));
}

#[test]
fn the_what_if_starts_again_from_the_ledger_after_a_change_elsewhere_but_not_before() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let (db, ledger) = ledger(dir.path());
    let mut app = App::new(ledger, Theme::plain(), (80, 24));
    keys(&mut app, "7nraise 100");
    press(&mut app, KeyCode::Enter);
    let net_worth = |app: &App| app.screens.whatif.report.as_ref().map(|r| r.whatif.baseline.net_worth);
    let before = net_worth(&app);
    assert!(before.is_some(), "a report");
    // Another process spends 1,000 from Checking: until the app notices, the what-if keeps its basis.
    let mut other = common::open(&db);
    let spend = pfos::ledger::TxnInput {
        kind: Some(TxnKind::Expense),
        amount: Money::from_cents(100_000),
        from: Some("Checking".into()),
        to: None,
        category: Some("Furniture".into()),
        date: Some(common::today()),
        description: None,
        splits: Vec::new(),
        tags: Vec::new(),
    };
    other.add_txn(&spend).unwrap_or_else(|e| panic!("{e}"));
    keys(&mut app, "+");
    assert_eq!(net_worth(&app), before, "a nudge works from the kept starting point");
    app.refresh_if_changed_elsewhere();
    let after = net_worth(&app).unwrap_or_else(|| panic!("a report"));
    assert_eq!(
        before.map(|b| b - after),
        Some(Money::from_cents(100_000)),
        "the new spending is in the baseline"
    );
}

/// The what-if is worked out when its screen is shown or in a pause, not before the first frame; a
/// change to the ledger makes it stale again, and it then shows the new figures.
#[test]
fn the_what_if_is_read_in_a_pause_or_when_shown_and_again_after_a_write() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let (_db, ledger) = ledger(dir.path());
    let mut app = App::new(ledger, Theme::plain(), (80, 24));
    assert!(app.screens.whatif.report.is_none(), "not read for the first frame");
    assert!(app.has_idle_work());
    while app.work_when_idle() {}
    assert!(!app.has_idle_work());
    // The what-if worked out, as text to compare.
    let report = |app: &App, when: &str| match &app.screens.whatif.report {
        Some(r) => format!("{r:?}"),
        None => panic!("not read {when}"),
    };
    let before = report(&app, "in the pause");
    // A new expense today through quick-add, on the Amex: the forecast starts from more card debt.
    keys(&mut app, "2a500");
    press(&mut app, KeyCode::Tab);
    keys(&mut app, "am");
    press(&mut app, KeyCode::Tab);
    keys(&mut app, "Books");
    press(&mut app, KeyCode::Enter);
    assert!(app.popup.is_none(), "the expense was saved: {:?}", app.message);
    assert!(app.has_idle_work(), "stale after the write: {:?}", app.message);
    keys(&mut app, "7");
    assert_ne!(report(&app, "when shown"), before, "the write shows in the what-if");
}
