//! The new-place and edit-place form: Name, Kind (←/→), opening and date, then the kind's own terms; it
//! saves through the ledger's use cases and keeps what was typed when refused, naming the field.

use super::component::Outcome;
use super::field::TextField;
use crate::domain::payoff::Apr;
use crate::domain::{parse_date, Money, Month, Place, PlaceKind};
use crate::error::{Error, Result};
use crate::ledger::{Ledger, NewBucket, NewCard, NewLoan, PlaceClass, PlaceEdit, RatesEdit};
use crate::tui::action::Action;
use crate::tui::theme::Theme;
use chrono::NaiveDate;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

/// A field of the place form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlaceField {
    Name,
    Kind,
    Opening,
    Date,
    StatementDay,
    GraceDays,
    Limit,
    Apr,
    Target,
    Goal,
    HeldIn,
    Payment,
    PaymentDay,
    /// The month new statement days, grace days or targets apply from (editing).
    FromMonth,
}

impl PlaceField {
    pub fn label(self, kind: PlaceKind) -> &'static str {
        match self {
            PlaceField::Name => "Name",
            PlaceField::Kind => "Kind",
            PlaceField::Opening if kind.is_liability() => "Owed now",
            PlaceField::Opening => "Opening",
            PlaceField::Date => "Date",
            PlaceField::StatementDay => "Statement day",
            PlaceField::GraceDays => "Grace days",
            PlaceField::Limit => "Limit",
            PlaceField::Apr => "APR %",
            PlaceField::Target => "Target/month",
            PlaceField::Goal => "Goal",
            PlaceField::HeldIn => "Held in",
            PlaceField::Payment => "Payment",
            PlaceField::PaymentDay => "Payment day",
            PlaceField::FromMonth => "From month",
        }
    }
}

/// The kinds the Kind field cycles through.
pub const PLACE_KINDS: [PlaceKind; 7] = [
    PlaceKind::Checking,
    PlaceKind::Savings,
    PlaceKind::Investment,
    PlaceKind::Cash,
    PlaceKind::Card,
    PlaceKind::Loan,
    PlaceKind::Bucket,
];

/// Adding a place, or editing the one named.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PlaceFormMode {
    New,
    Edit { name: String },
}

/// What saving did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Saved {
    /// The message for the status line.
    Done(String),
    /// Refused: the form stays open with the reason shown.
    Refused,
}

/// The form's state.
#[derive(Debug, Clone)]
pub struct PlaceForm {
    pub mode: PlaceFormMode,
    pub kind: PlaceKind,
    fields: Vec<(PlaceField, TextField)>,
    pub focus: PlaceField,
    /// The last refusal, naming the field where it can.
    pub error: Option<String>,
    pub dirty: bool,
}

impl PlaceForm {
    /// A new place of `kind` (the screen's own kind), dated `today`; the cursor in Name.
    pub fn new(kind: PlaceKind, today: NaiveDate) -> PlaceForm {
        let mut form = PlaceForm {
            mode: PlaceFormMode::New,
            kind,
            fields: Vec::new(),
            focus: PlaceField::Name,
            error: None,
            dirty: false,
        };
        form.set(PlaceField::Date, &today.to_string());
        form.set(PlaceField::GraceDays, "25");
        form
    }

    /// The place as it is, ready to change: a new name, and its terms (with the month they apply from).
    pub fn edit(place: &Place, today: NaiveDate) -> PlaceForm {
        let mut form = PlaceForm {
            mode: PlaceFormMode::Edit {
                name: place.name.clone(),
            },
            kind: place.kind,
            fields: Vec::new(),
            focus: PlaceField::Name,
            error: None,
            dirty: false,
        };
        let month = Month::of(today);
        form.set(PlaceField::Name, &place.name);
        form.set(PlaceField::FromMonth, &month.to_string());
        if let Some(t) = place.card_terms_for(month) {
            form.set(PlaceField::StatementDay, &t.statement_day.to_string());
            form.set(PlaceField::GraceDays, &t.grace_days.to_string());
            form.set(PlaceField::Limit, &t.limit.map(|l| l.to_string()).unwrap_or_default());
        }
        if place.kind == PlaceKind::Bucket {
            form.set(PlaceField::Target, &place.target_for(month).to_string());
            form.set(
                PlaceField::Goal,
                &place.goal().map(|g| g.to_string()).unwrap_or_default(),
            );
        }
        if let Some(t) = place.loan {
            form.set(PlaceField::Apr, apr_text(t.apr).as_str());
            form.set(PlaceField::Payment, &t.payment.to_string());
            form.set(PlaceField::PaymentDay, &t.payment_day.to_string());
        }
        form
    }

    /// The fields shown, in order, for the kind and mode.
    pub fn order(&self) -> Vec<PlaceField> {
        use PlaceField::*;
        let new = self.mode == PlaceFormMode::New;
        let mut order = vec![Name];
        if new {
            order.extend([Kind, Opening, Date]);
        }
        match self.kind {
            PlaceKind::Card if new => order.extend([StatementDay, GraceDays, Limit, Apr]),
            PlaceKind::Card => order.extend([StatementDay, GraceDays, FromMonth, Limit]),
            PlaceKind::Bucket if new => order.extend([Target, Goal, HeldIn]),
            PlaceKind::Bucket => order.extend([Target, FromMonth, Goal]),
            PlaceKind::Loan => order.extend([Apr, Payment, PaymentDay]),
            _ => {}
        }
        order
    }

    pub fn text(&self, id: PlaceField) -> &str {
        self.fields.iter().find(|(f, _)| *f == id).map_or("", |(_, t)| t.text())
    }

    pub fn field(&self, id: PlaceField) -> TextField {
        self.fields
            .iter()
            .find(|(f, _)| *f == id)
            .map(|(_, t)| t.clone())
            .unwrap_or_default()
    }

    fn set(&mut self, id: PlaceField, text: &str) {
        match self.fields.iter_mut().find(|(f, _)| *f == id) {
            Some((_, field)) => field.set(text),
            None => self.fields.push((id, TextField::new(text))),
        }
    }

    fn field_mut(&mut self, id: PlaceField) -> &mut TextField {
        if !self.fields.iter().any(|(f, _)| *f == id) {
            self.fields.push((id, TextField::default()));
        }
        let at = self.fields.iter().position(|(f, _)| *f == id).unwrap_or(0);
        &mut self.fields[at].1
    }

    /// Tab and Shift-Tab: the next or previous field, wrapping.
    pub fn move_focus(&mut self, step: isize) {
        let order = self.order();
        let at = order.iter().position(|f| *f == self.focus).unwrap_or(0) as isize;
        let n = order.len() as isize;
        self.focus = order[(at + step).rem_euclid(n) as usize];
    }

    /// ←/→ on Kind cycles the kinds; elsewhere they move the cursor.
    pub fn left_right(&mut self, step: isize) {
        if self.focus == PlaceField::Kind {
            let at = PLACE_KINDS.iter().position(|k| *k == self.kind).unwrap_or(0) as isize;
            let n = PLACE_KINDS.len() as isize;
            self.kind = PLACE_KINDS[(at + step).rem_euclid(n) as usize];
            self.dirty = true;
            return;
        }
        let field = self.field_mut(self.focus);
        if step < 0 {
            field.left();
        } else {
            field.right();
        }
    }

    /// Edits the focused text field (Kind has none).
    pub fn edit_text(&mut self, edit: impl FnOnce(&mut TextField)) {
        if self.focus != PlaceField::Kind {
            edit(self.field_mut(self.focus));
            self.dirty = true;
        }
    }

    /// Saves through the ledger. A refusal stays in the form: the field it names gets the focus.
    pub fn save(&mut self, ledger: &mut Ledger) -> Saved {
        let result = match self.mode.clone() {
            PlaceFormMode::New => self.add(ledger),
            PlaceFormMode::Edit { name } => self.change(ledger, &name),
        };
        match result {
            Ok(message) => Saved::Done(message),
            Err((field, e)) => {
                if let Some(field) = field {
                    self.focus = field;
                }
                self.error = Some(match field {
                    Some(f) => format!("{}: {}", f.label(self.kind), crate::tui::hints::describe(&e)),
                    None => crate::tui::hints::describe(&e),
                });
                Saved::Refused
            }
        }
    }

    /// A field's text, or `None` when left blank.
    fn given(&self, id: PlaceField) -> Option<&str> {
        Some(self.text(id).trim()).filter(|t| !t.is_empty())
    }

    /// A field that must be filled in, parsed; the error names it.
    fn required<T>(&self, id: PlaceField, parse: impl Fn(&str) -> Result<T>) -> FieldResult<T> {
        let text = self
            .given(id)
            .ok_or((Some(id), Error::refusal(format!("a {} needs one", self.kind_noun()))))?;
        parse(text).map_err(|e| (Some(id), e))
    }

    /// A field that may be blank, parsed; the error names it.
    fn optional<T>(&self, id: PlaceField, parse: impl Fn(&str) -> Result<T>) -> FieldResult<Option<T>> {
        self.given(id).map(&parse).transpose().map_err(|e| (Some(id), e))
    }

    fn kind_noun(&self) -> &'static str {
        match self.kind {
            PlaceKind::Card => "card",
            PlaceKind::Loan => "loan",
            PlaceKind::Bucket => "bucket",
            _ => "place",
        }
    }

    fn add(&self, ledger: &mut Ledger) -> FieldResult<String> {
        use PlaceField as F;
        let name = self.required(F::Name, |t| Ok(t.to_string()))?;
        let opening = self
            .optional(F::Opening, |t| Ok(Money::parse_non_negative(t)?))?
            .unwrap_or(Money::ZERO);
        let date = self.required(F::Date, |t| Ok(parse_date(t)?))?;
        let at = |r: Result<crate::domain::PlaceId>| r.map(drop).map_err(|e| (None, e));
        match self.kind {
            PlaceKind::Card => {
                let card = NewCard {
                    name: &name,
                    statement_day: self.required(F::StatementDay, |t| day_of_month(t, "statement day"))?,
                    grace_days: self.optional(F::GraceDays, whole)?.unwrap_or(25),
                    limit: self.optional(F::Limit, |t| Ok(Money::parse_positive(t)?))?,
                };
                let rates = RatesEdit {
                    apr: self.optional(F::Apr, apr)?,
                    ..RatesEdit::default()
                };
                at(ledger.add_card_with_rates(&card, rates, opening, date))?;
            }
            PlaceKind::Bucket => {
                let held_in = self.given(F::HeldIn).map(str::to_string);
                let bucket = NewBucket {
                    name: &name,
                    target_monthly: self
                        .optional(F::Target, |t| Ok(Money::parse_non_negative(t)?))?
                        .unwrap_or(Money::ZERO),
                    goal: self.optional(F::Goal, |t| Ok(Money::parse_positive(t)?))?,
                    held_in: held_in.as_deref(),
                };
                at(ledger.add_bucket(&bucket, opening, date))?;
            }
            PlaceKind::Loan => {
                let loan = NewLoan {
                    name: &name,
                    apr: self.required(F::Apr, apr)?,
                    payment: self.required(F::Payment, |t| Ok(Money::parse_positive(t)?))?,
                    payment_day: self.required(F::PaymentDay, |t| day_of_month(t, "payment day"))?,
                };
                at(ledger.add_loan(&loan, opening, date))?;
            }
            kind => at(ledger.add_account(&name, kind, opening, date))?,
        }
        Ok(format!(
            "added {} '{}' with {} on {date}",
            self.kind,
            name.trim(),
            opening.grouped()
        ))
    }

    fn change(&self, ledger: &mut Ledger, name: &str) -> FieldResult<String> {
        use PlaceField as F;
        let rename = self.required(F::Name, |t| Ok(t.to_string()))?;
        let class = PlaceClass::of(self.kind);
        let mut edit = PlaceEdit {
            rename: (rename.trim() != name).then(|| rename.trim().to_string()),
            ..PlaceEdit::default()
        };
        let place = ledger.places().map_err(|e| (None, e))?;
        let current = place.find(name).cloned();
        let today = ledger.today();
        let month = Month::of(today);
        match self.kind {
            PlaceKind::Card => {
                let terms = current.as_ref().and_then(|p| p.card_terms_for(month));
                let day = self.required(F::StatementDay, |t| day_of_month(t, "statement day"))?;
                let grace = self.required(F::GraceDays, whole)?;
                if terms.is_none_or(|t| t.statement_day != day) {
                    edit.statement_day = Some(day);
                }
                if terms.is_none_or(|t| t.grace_days != grace) {
                    edit.grace_days = Some(grace);
                }
                let limit = self.optional(F::Limit, |t| Ok(Money::parse_positive(t)?))?;
                if terms.is_none_or(|t| t.limit != limit) {
                    edit.limit = Some(limit);
                }
            }
            PlaceKind::Bucket => {
                let target = self
                    .optional(F::Target, |t| Ok(Money::parse_non_negative(t)?))?
                    .unwrap_or(Money::ZERO);
                if current.as_ref().is_none_or(|p| p.target_for(month) != target) {
                    edit.target_monthly = Some(target);
                }
                let goal = self.optional(F::Goal, |t| Ok(Money::parse_positive(t)?))?;
                if current.as_ref().is_none_or(|p| p.goal() != goal) {
                    edit.goal = Some(goal);
                }
            }
            PlaceKind::Loan => {
                let terms = current.as_ref().and_then(|p| p.loan);
                let rate = self.required(F::Apr, apr)?;
                let payment = self.required(F::Payment, |t| Ok(Money::parse_positive(t)?))?;
                let day = self.required(F::PaymentDay, |t| day_of_month(t, "payment day"))?;
                if terms.is_none_or(|t| t.apr != rate) {
                    edit.rates.apr = Some(rate);
                }
                if terms.is_none_or(|t| t.payment != payment) {
                    edit.payment = Some(payment);
                }
                if terms.is_none_or(|t| t.payment_day != day) {
                    edit.payment_day = Some(day);
                }
            }
            _ => {}
        }
        if edit.statement_day.is_some() || edit.grace_days.is_some() || edit.target_monthly.is_some() {
            edit.from = Some(self.required(F::FromMonth, |t| Ok(Month::parse(t)?))?);
        }
        let changed = edit.rename.is_some()
            || edit.statement_day.is_some()
            || edit.grace_days.is_some()
            || edit.limit.is_some()
            || edit.target_monthly.is_some()
            || edit.goal.is_some()
            || edit.rates.apr.is_some()
            || edit.payment.is_some()
            || edit.payment_day.is_some();
        if !changed {
            return Ok(format!("'{name}' is unchanged"));
        }
        ledger.edit_place(class, name, &edit).map_err(|e| (None, e))?;
        Ok(format!("saved '{}'", rename.trim()))
    }
}

/// A form result whose error may name the field it is about.
type FieldResult<T> = std::result::Result<T, (Option<PlaceField>, Error)>;

fn whole(text: &str) -> Result<u32> {
    text.parse::<u32>()
        .map_err(|_| Error::refusal(format!("'{text}' is not a whole number")))
}

fn day_of_month(text: &str, what: &str) -> Result<u32> {
    match text.parse::<u32>() {
        Ok(n) if (1..=31).contains(&n) => Ok(n),
        _ => Err(Error::refusal(format!(
            "{what} '{text}' is not a day of the month from 1 to 31 (31 means the month's last day)"
        ))),
    }
}

fn apr(text: &str) -> Result<Apr> {
    Apr::parse(text).map_err(Error::refusal)
}

/// An APR as typed in the form: `6.49`, `0`.
fn apr_text(apr: Apr) -> String {
    apr.to_string().trim_end_matches('%').to_string()
}

#[cfg(test)]
mod tests;

impl super::component::Component for PlaceForm {
    fn handle(&mut self, action: Action, ledger: &mut Ledger) -> Outcome {
        match action {
            Action::Cancel => return Outcome::Closed,
            Action::Quit => return Outcome::Quit,
            Action::Submit => match self.save(ledger) {
                Saved::Done(message) => return Outcome::Changed(message),
                Saved::Refused => {}
            },
            Action::NextField => self.move_focus(1),
            Action::PrevField => self.move_focus(-1),
            Action::Left => self.left_right(-1),
            Action::Right => self.left_right(1),
            edit if TextField::edits(edit) => self.edit_text(|f| f.apply(edit)),
            _ => {}
        }
        Outcome::Open
    }

    fn render(&self, theme: Theme, area: Rect, buf: &mut Buffer) {
        super::place_form_view::render(self, theme, area, buf);
    }

    fn dirty(&self) -> bool {
        self.dirty
    }
}
