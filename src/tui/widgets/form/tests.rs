use super::*;
use crate::domain::{BucketTerms, Place};

fn date(text: &str) -> NaiveDate {
    parse_date(text).unwrap_or_else(|e| panic!("{e}"))
}

fn place(id: i64, name: &str, kind: PlaceKind) -> Place {
    let bucket = (kind == PlaceKind::Bucket).then_some(BucketTerms {
        target_monthly: Money::ZERO,
        goal: None,
        held_in: Some(1),
    });
    Place {
        id,
        name: name.into(),
        kind,
        opened_on: date("2025-01-01"),
        card: None,
        bucket,
        loan: None,
        archived_on: None,
        terms_changes: Vec::new(),
    }
}

fn places() -> Vec<Place> {
    vec![
        place(1, "Checking", PlaceKind::Checking),
        place(2, "Visa", PlaceKind::Card),
        place(3, "Travel", PlaceKind::Bucket),
        place(4, "Brokerage", PlaceKind::Investment),
    ]
}

fn type_text(form: &mut Form, text: &str) {
    for c in text.chars() {
        form.type_char(c);
    }
}

#[test]
fn starts_as_an_expense_in_amount_with_today() {
    let form = Form::add(date("2025-11-20"), &places(), vec![]);
    assert_eq!(form.kind, TxnKind::Expense);
    assert_eq!(form.focus, FieldId::Amount);
    assert_eq!(form.field(FieldId::Date).text(), "2025-11-20");
    use FieldId::*;
    assert_eq!(
        form.order(),
        vec![Kind, Amount, From, Category, Date, Description, Tags]
    );
}

#[test]
fn fields_follow_the_kind() {
    use FieldId::*;
    let mut form = Form::add(date("2025-11-20"), &places(), vec![]);
    form.cycle_kind(1);
    assert_eq!(form.kind, TxnKind::Income);
    assert_eq!(form.order(), vec![Kind, Amount, To, Category, Date, Description, Tags]);
    form.cycle_kind(1);
    assert_eq!(form.order(), vec![Kind, Amount, From, To, Date, Description, Tags]);
    form.focus = Kind;
    form.type_char('v');
    assert_eq!(form.kind, TxnKind::Valuation);
    assert_eq!(form.order(), vec![Kind, Amount, To, Date]);
    form.cycle_kind(1);
    assert_eq!(form.kind, TxnKind::Expense);
}

#[test]
fn tab_completes_a_unique_place_prefix() {
    let mut form = Form::add(date("2025-11-20"), &places(), vec!["Groceries".into()]);
    type_text(&mut form, "12.5");
    form.move_focus(1);
    type_text(&mut form, "vi");
    assert_eq!(form.suggestions(), vec!["Visa".to_string()]);
    form.move_focus(1);
    assert_eq!(form.field(FieldId::From).text(), "Visa");
    type_text(&mut form, "gro");
    form.right();
    assert_eq!(form.field(FieldId::Category).text(), "Groceries");
    let input = form.to_input().unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(input.amount, Money::from_cents(1250));
    assert_eq!(input.from.as_deref(), Some("Visa"));
    assert_eq!(input.to, None);
    assert_eq!(input.date, Some(date("2025-11-20")));
}

#[test]
fn tab_completes_a_category_and_a_new_one_is_marked() {
    let categories = vec!["Groceries".to_string(), "Gifts".to_string()];
    let mut form = Form::add(date("2025-11-20"), &places(), categories);
    type_text(&mut form, "9");
    form.move_focus(1);
    type_text(&mut form, "Visa");
    form.move_focus(1);
    type_text(&mut form, "gro");
    // "gro" itself would be new; the form shows the suggestion instead of the mark while there is one.
    assert!(form.category_is_new());
    assert_eq!(form.suggestions(), vec!["Groceries".to_string()]);
    form.move_focus(1);
    assert_eq!(
        form.field(FieldId::Category).text(),
        "Groceries",
        "Tab completes, as for places"
    );
    assert!(!form.category_is_new());
    form.move_focus(-1);
    type_text(&mut form, "!");
    assert!(form.category_is_new(), "Groceries! is a new category");
    // Two categories start with G: Tab keeps what is typed.
    let mut form = Form::add(date("2025-11-20"), &places(), vec!["Groceries".into(), "Gifts".into()]);
    form.focus = FieldId::Category;
    type_text(&mut form, "g");
    form.move_focus(1);
    assert_eq!(form.field(FieldId::Category).text(), "g");
    assert!(form.category_is_new());
    // The same name in another case is the same category; a split is never marked.
    form.focus = FieldId::Category;
    form.edit_text(|f| f.set("GIFTS"));
    assert!(!form.category_is_new());
    form.edit_text(|f| f.set("Newthing=5"));
    assert!(!form.category_is_new());
}

#[test]
fn bad_input_gives_the_command_line_words_and_keeps_the_text() {
    let mut form = Form::add(date("2025-11-20"), &places(), vec![]);
    type_text(&mut form, "12.345");
    let err = form.to_input().err().map(|e| e.to_string());
    assert_eq!(err.as_deref(), Some("amount '12.345' has more than two decimal places"));
    assert_eq!(form.field(FieldId::Amount).text(), "12.345");
}

#[test]
fn valuation_suggests_only_investment_accounts() {
    let mut form = Form::add(date("2025-11-20"), &places(), vec![]);
    form.focus = FieldId::Kind;
    form.type_char('v');
    form.move_focus(2);
    assert_eq!(form.focus, FieldId::To);
    form.pick_suggestion(1);
    assert_eq!(form.field(FieldId::To).text(), "Brokerage");
}

#[test]
fn funding_prefills_a_transfer_from_the_holding_account() {
    let all = places();
    let form = Form::fund(date("2025-11-20"), &all, vec![], &all[2]);
    assert_eq!(form.kind, TxnKind::Transfer);
    assert_eq!(form.field(FieldId::From).text(), "Checking");
    assert_eq!(form.field(FieldId::To).text(), "Travel");
    assert!(!form.dirty);
}

#[test]
fn split_lines_in_the_category_field_fill_the_amount_and_tags_complete_word_by_word() {
    let mut form =
        Form::add(date("2025-11-20"), &places(), vec![]).with_tags(vec!["trip-2026".into(), "tax/2026".into()]);
    form.focus = FieldId::From;
    type_text(&mut form, "Checking");
    form.focus = FieldId::Category;
    type_text(&mut form, "Groceries=80; Household=40.50");
    form.focus = FieldId::Tags;
    type_text(&mut form, "home tr");
    assert_eq!(form.suggestions(), vec!["home trip-2026".to_string()]);
    let input = form.to_input().unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(input.amount, Money::from_cents(12_050), "the lines' sum");
    assert_eq!(input.category, None);
    assert_eq!(input.splits.len(), 2);
    assert_eq!(input.tags, vec!["home".to_string(), "tr".to_string()]);
    form.focus = FieldId::Category;
    form.edit_text(TextField::end);
    type_text(&mut form, "; Oops");
    assert!(form
        .to_input()
        .is_err_and(|e| e.to_string().contains("CATEGORY=AMOUNT")));
}
