//! The recurring-item form: a new item (kind, amount, places, category, text, cadence, day, start, end)
//! or the selected one being edited. It saves through the ledger; a refusal stays in the form.

use super::component::{Component, Outcome};
use super::field_list::FieldList;
use crate::domain::cadence::End;
use crate::domain::recurring::{RecurringId, RecurringItem};
use crate::domain::{parse_date, Money, Places, TxnKind};
use crate::error::{Error, Result};
use crate::ledger::{Ledger, RecurringEdit, RecurringInput};
use crate::tui::action::Action;
use crate::tui::theme::Theme;
use chrono::NaiveDate;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

const KINDS: &[&str] = &["expense", "income", "transfer"];
const CADENCES: &[&str] = &["monthly", "weekly", "biweekly", "yearly"];

/// A new item, or an existing one being changed (its kind stays).
#[derive(Debug, Clone)]
pub struct RecurringForm {
    editing: Option<RecurringId>,
    fields: FieldList,
    /// The fields as the form opened, to send only what changed.
    opened: FieldList,
}

impl RecurringForm {
    /// A new item, starting today.
    pub fn new(today: NaiveDate) -> RecurringForm {
        let fields = FieldList::new(vec![
            FieldList::choice("Kind", KINDS, "expense"),
            FieldList::text("Amount", "", "a positive amount, like 1600 or 12.99"),
            FieldList::text("From", "", "the place the money leaves (expense, transfer)"),
            FieldList::text("To", "", "the place the money goes to (income, transfer)"),
            FieldList::text("Category", "", "for an expense or income, like Rent"),
            FieldList::text("Description", "", "shown in the list, like 'Flat rent'"),
            FieldList::choice("Every", CADENCES, "monthly"),
            FieldList::text(
                "Day",
                "",
                "monthly: the day of the month (31: the last day); empty: the start's",
            ),
            FieldList::text("Start", &today.to_string(), "the first date it may happen (YYYY-MM-DD)"),
            FieldList::text("Until", "", "the last date it may happen; empty: no end date"),
            FieldList::text("Count", "", "how many times in all; empty: no count"),
        ]);
        RecurringForm {
            editing: None,
            opened: fields.clone(),
            fields,
        }
    }

    /// The form over an existing item, its fields filled in.
    pub fn edit(item: &RecurringItem, places: &Places) -> RecurringForm {
        let name = |p: Option<crate::domain::PlaceId>| p.map_or(String::new(), |p| places.name(p).to_string());
        let (until, count) = match item.schedule.end {
            End::Never => (String::new(), String::new()),
            End::Until(d) => (d.to_string(), String::new()),
            End::Count(n) => (String::new(), n.to_string()),
        };
        let day = item.schedule.cadence.day().map_or(String::new(), |d| d.to_string());
        let fields = FieldList::new(vec![
            FieldList::text("Amount", &item.amount.to_string(), "a positive amount"),
            FieldList::text("From", &name(item.from), "the place the money leaves"),
            FieldList::text("To", &name(item.to), "the place the money goes to"),
            FieldList::text("Category", item.category.as_deref().unwrap_or(""), "like Rent"),
            FieldList::text("Description", &item.description, "shown in the list"),
            FieldList::choice("Every", CADENCES, item.schedule.cadence.name()),
            FieldList::text("Day", &day, "monthly: the day of the month (31: the last day)"),
            FieldList::text("Start", &item.schedule.start.to_string(), "the first date (YYYY-MM-DD)"),
            FieldList::text("Until", &until, "the last date; empty: none"),
            FieldList::text("Count", &count, "how many times in all; empty: none"),
        ]);
        RecurringForm {
            editing: Some(item.id),
            opened: fields.clone(),
            fields,
        }
    }

    pub fn fields_mut(&mut self) -> &mut FieldList {
        &mut self.fields
    }

    /// A field's value read, or the refusal naming it (and the focus put on it).
    fn read<T>(&mut self, label: &'static str, parse: impl FnOnce(&str) -> Result<T>) -> Result<T> {
        parse(self.fields.get(label)).map_err(|e| {
            self.fields.focus_on(label);
            e.within(|e| format!("{label}: {e}"))
        })
    }

    fn date(&mut self, label: &'static str) -> Result<Option<NaiveDate>> {
        self.read(label, |t| Ok((!t.is_empty()).then(|| parse_date(t)).transpose()?))
    }

    fn whole(&mut self, label: &'static str) -> Result<Option<u32>> {
        self.read(label, |t| match t {
            "" => Ok(None),
            t => t
                .parse::<u32>()
                .map(Some)
                .map_err(|_| Error::refusal(format!("'{t}' is not a whole number"))),
        })
    }

    fn changed(&self, label: &str) -> bool {
        self.fields.get(label) != self.opened.get(label)
    }

    fn save(&mut self, ledger: &mut Ledger) -> Result<String> {
        let amount = self.read("Amount", |t| Ok(Money::parse_positive(t)?))?;
        let day = self.whole("Day")?;
        let start = self.date("Start")?;
        let until = self.date("Until")?;
        let count = self.whole("Count")?;
        let item = match self.editing {
            None => {
                let kind: TxnKind = self.fields.get("Kind").parse().map_err(Error::refusal)?;
                let input = RecurringInput {
                    kind: Some(kind),
                    amount,
                    from: self.fields.optional("From"),
                    to: self.fields.optional("To"),
                    category: self.fields.optional("Category"),
                    description: self.fields.optional("Description"),
                    cadence: self.fields.get("Every").to_string(),
                    day,
                    start,
                    until,
                    count,
                };
                ledger.add_recurring(&input)?
            }
            Some(id) => {
                let text = |label: &str| self.changed(label).then(|| self.fields.get(label).to_string());
                let edit = RecurringEdit {
                    amount: self.changed("Amount").then_some(amount),
                    from: text("From"),
                    to: text("To"),
                    category: text("Category"),
                    description: text("Description"),
                    cadence: text("Every"),
                    day: day.filter(|_| self.changed("Day") || self.changed("Every")),
                    start: start.filter(|_| self.changed("Start")),
                    until: self.changed("Until").then_some(until),
                    count: self.changed("Count").then_some(count),
                };
                ledger.edit_recurring(id, &edit)?
            }
        };
        let verb = if self.editing.is_some() { "saved" } else { "added" };
        let next = item.schedule.next_on_or_after(ledger.today());
        Ok(format!(
            "{verb} recurring item {}: {} {} {}{}",
            item.id,
            item.kind,
            item.amount.grouped(),
            item.schedule.cadence,
            next.map(|d| format!("; next on {d}")).unwrap_or_default()
        ))
    }
}

impl Component for RecurringForm {
    fn handle(&mut self, action: Action, ledger: &mut Ledger) -> Outcome {
        match action {
            Action::Cancel => Outcome::Closed,
            Action::Quit => Outcome::Quit,
            Action::Submit => match self.save(ledger) {
                Ok(message) => Outcome::Changed(message),
                Err(e) => {
                    self.fields.error = Some(crate::tui::hints::describe(&e));
                    Outcome::Open
                }
            },
            other => {
                self.fields.handle(other);
                Outcome::Open
            }
        }
    }

    fn render(&self, theme: Theme, area: Rect, buf: &mut Buffer) {
        let title = match self.editing {
            None => "New recurring item".to_string(),
            Some(id) => format!("Edit recurring item {id}"),
        };
        self.fields.render(
            &title,
            "Tab next · ←→ choose · Enter save · Esc cancel",
            theme,
            area,
            buf,
        );
    }

    fn dirty(&self) -> bool {
        self.fields.dirty
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::tui::widgets::test_ledger::with_checking as ledger;

    fn type_text(form: &mut RecurringForm, label: &str, text: &str) {
        let fields = form.fields_mut();
        fields.focus_on(label);
        for c in text.chars() {
            fields.handle(Action::Char(c));
        }
    }

    #[test]
    fn adds_an_item_and_a_refusal_names_and_focuses_the_field() {
        let mut l = ledger();
        let mut form = RecurringForm::new(l.today());
        type_text(&mut form, "Amount", "abc");
        assert_eq!(form.handle(Action::Submit, &mut l), Outcome::Open);
        assert!(form.fields.error.as_deref().unwrap_or("").starts_with("Amount:"));
        assert_eq!(form.fields.get("Amount"), "abc", "what was typed stays");
        form.fields_mut().focus_on("Amount");
        for _ in 0..3 {
            form.fields_mut().handle(Action::Backspace);
        }
        type_text(&mut form, "Amount", "1600");
        type_text(&mut form, "From", "checking");
        type_text(&mut form, "Category", "Rent");
        type_text(&mut form, "Day", "1");
        let Outcome::Changed(message) = form.handle(Action::Submit, &mut l) else {
            panic!("saved: {:?}", form.fields.error);
        };
        assert!(message.contains("next on 2025-07-01"), "{message}");
        let items = l.recurring().unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(items.len(), 1);
        assert_eq!(items[0].category.as_deref(), Some("Rent"));
    }

    #[test]
    fn an_edit_sends_only_what_changed() {
        let mut l = ledger();
        let mut form = RecurringForm::new(l.today());
        type_text(&mut form, "Amount", "50");
        type_text(&mut form, "From", "Checking");
        type_text(&mut form, "Category", "Gym");
        type_text(&mut form, "Count", "12");
        assert!(matches!(form.handle(Action::Submit, &mut l), Outcome::Changed(_)));
        let item = l.recurring().unwrap_or_else(|e| panic!("{e}")).remove(0);
        let places = l.places().unwrap_or_else(|e| panic!("{e}"));
        let mut edit = RecurringForm::edit(&item, &places);
        assert_eq!(edit.fields.get("Count"), "12");
        edit.fields_mut().focus_on("Count");
        edit.fields_mut().handle(Action::Backspace);
        edit.fields_mut().handle(Action::Backspace);
        type_text(&mut edit, "Until", "2025-12-31");
        assert!(matches!(edit.handle(Action::Submit, &mut l), Outcome::Changed(_)));
        let after = l.recurring().unwrap_or_else(|e| panic!("{e}")).remove(0);
        assert_eq!(after.amount, item.amount);
        assert_eq!(after.category.as_deref(), Some("Gym"));
        assert_eq!(
            after.schedule.end,
            End::Until(parse_date("2025-12-31").unwrap_or_else(|e| panic!("{e}")))
        );
    }
}
