//! The place form against a real (in-memory) ledger: what it adds and changes, and how it refuses.

use super::*;
use crate::domain::parse_date;

fn d(text: &str) -> NaiveDate {
    parse_date(text).unwrap_or_else(|e| panic!("{e}"))
}

fn ledger() -> Ledger {
    let mut l = Ledger::in_memory(d("2025-10-15")).unwrap_or_else(|e| panic!("{e}"));
    l.add_account(
        "Checking",
        PlaceKind::Checking,
        Money::from_cents(100_000),
        d("2025-09-01"),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    l
}

fn type_text(form: &mut PlaceForm, field: PlaceField, text: &str) {
    form.focus = field;
    form.edit_text(|f| f.set(text));
}

#[test]
fn a_card_without_its_statement_day_is_refused_naming_the_field_and_keeping_the_input() {
    let mut l = ledger();
    let mut form = PlaceForm::new(PlaceKind::Card, d("2025-10-15"));
    type_text(&mut form, PlaceField::Name, "Visa");
    type_text(&mut form, PlaceField::Limit, "3000");
    assert_eq!(form.save(&mut l), Saved::Refused);
    assert_eq!(
        form.focus,
        PlaceField::StatementDay,
        "the field it names gets the focus"
    );
    let error = form.error.clone().unwrap_or_default();
    assert!(error.starts_with("Statement day: "), "{error}");
    assert_eq!(form.text(PlaceField::Limit), "3000", "what was typed stays");
    type_text(&mut form, PlaceField::StatementDay, "15");
    assert!(matches!(form.save(&mut l), Saved::Done(_)));
    let visa = l.places().ok().and_then(|p| p.find("visa").cloned());
    assert_eq!(
        visa.and_then(|v| v.card).map(|t| (t.statement_day, t.limit)),
        Some((15, Some(Money::from_cents(300_000))))
    );
}

#[test]
fn the_kind_cycles_with_the_arrows_and_shows_its_own_terms() {
    let mut form = PlaceForm::new(PlaceKind::Checking, d("2025-10-15"));
    form.focus = PlaceField::Kind;
    form.left_right(1);
    assert_eq!(form.kind, PlaceKind::Savings);
    form.left_right(-2);
    assert_eq!(form.kind, PlaceKind::Bucket, "wraps around");
    assert!(form.order().contains(&PlaceField::HeldIn));
    form.left_right(-1);
    assert_eq!(form.kind, PlaceKind::Loan);
    assert!(form
        .order()
        .ends_with(&[PlaceField::Apr, PlaceField::Payment, PlaceField::PaymentDay]));
}

#[test]
fn a_loan_and_a_bucket_are_added_and_a_place_is_renamed_with_new_terms_from_a_month() {
    let mut l = ledger();
    let mut loan = PlaceForm::new(PlaceKind::Loan, d("2025-10-15"));
    type_text(&mut loan, PlaceField::Name, "Car loan");
    type_text(&mut loan, PlaceField::Opening, "12000");
    type_text(&mut loan, PlaceField::Apr, "6");
    type_text(&mut loan, PlaceField::Payment, "350");
    type_text(&mut loan, PlaceField::PaymentDay, "15");
    assert_eq!(
        loan.save(&mut l),
        Saved::Done("added loan 'Car loan' with 12,000.00 on 2025-10-15".into())
    );
    let mut bucket = PlaceForm::new(PlaceKind::Bucket, d("2025-10-15"));
    type_text(&mut bucket, PlaceField::Name, "Travel");
    type_text(&mut bucket, PlaceField::Target, "200");
    type_text(&mut bucket, PlaceField::HeldIn, "checking");
    assert!(matches!(bucket.save(&mut l), Saved::Done(_)));
    let places = l.places().unwrap_or_else(|e| panic!("{e}"));
    let travel = places.find("Travel").cloned().unwrap_or_else(|| panic!("Travel"));
    let mut edit = PlaceForm::edit(&travel, d("2025-10-15"));
    type_text(&mut edit, PlaceField::Name, "Trips");
    type_text(&mut edit, PlaceField::Target, "250");
    type_text(&mut edit, PlaceField::FromMonth, "2025-11");
    assert_eq!(edit.save(&mut l), Saved::Done("saved 'Trips'".into()));
    let trips = l
        .places()
        .ok()
        .and_then(|p| p.find("Trips").cloned())
        .unwrap_or_else(|| panic!("renamed"));
    let month = |t: &str| Month::parse(t).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(trips.target_for(month("2025-10")), Money::from_cents(20_000));
    assert_eq!(trips.target_for(month("2025-11")), Money::from_cents(25_000));
}

#[test]
fn a_refusal_from_the_ledger_is_shown_in_its_words() {
    let mut l = ledger();
    let mut form = PlaceForm::new(PlaceKind::Cash, d("2025-10-15"));
    type_text(&mut form, PlaceField::Name, "CHECKING");
    assert_eq!(form.save(&mut l), Saved::Refused);
    assert!(form.error.clone().unwrap_or_default().contains("already exists"));
    assert_eq!(form.text(PlaceField::Name), "CHECKING");
}
