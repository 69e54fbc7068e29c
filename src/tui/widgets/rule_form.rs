//! The import-rule form: text to find (or a regular expression) and what matching rows become, a
//! category or a transfer. It saves through the ledger; a refusal stays in the form.

use super::component::{Component, Outcome};
use super::field_list::FieldList;
use crate::ledger::Ledger;
use crate::tui::action::Action;
use crate::tui::theme::Theme;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

/// A new rule, tried after the existing ones.
#[derive(Debug, Clone)]
pub struct RuleForm {
    fields: FieldList,
}

impl Default for RuleForm {
    fn default() -> RuleForm {
        RuleForm::new("")
    }
}

impl RuleForm {
    /// A new rule, its text prefilled (from the selected transaction's description, say).
    pub fn new(pattern: &str) -> RuleForm {
        RuleForm {
            fields: FieldList::new(vec![
                FieldList::text("Find", pattern, "text to find in a description, in any case"),
                FieldList::choice("Match", &["text", "regex"], "text"),
                FieldList::text("Category", "", "matching rows get this category…"),
                FieldList::text("Transfer", "", "…or become transfers with this place"),
            ]),
        }
    }

    pub fn fields_mut(&mut self) -> &mut FieldList {
        &mut self.fields
    }

    fn save(&mut self, ledger: &mut Ledger) -> Result<String, String> {
        let pattern = self.fields.get("Find").to_string();
        if pattern.is_empty() {
            self.fields.focus_on("Find");
            return Err("Find: give the text a description must contain".into());
        }
        let category = self.fields.optional("Category");
        let transfer = self.fields.optional("Transfer");
        if category.is_some() == transfer.is_some() {
            self.fields.focus_on("Category");
            return Err("give a Category or a Transfer place: one of the two".into());
        }
        let regex = self.fields.get("Match") == "regex";
        let id = ledger
            .add_rule(&pattern, regex, category.as_deref(), transfer.as_deref())
            .map_err(|e| crate::tui::hints::describe(&e))?;
        let what = category.unwrap_or_else(|| format!("a transfer with {}", transfer.unwrap_or_default()));
        Ok(format!("added rule #{id}: '{pattern}' → {what}"))
    }
}

impl Component for RuleForm {
    fn handle(&mut self, action: Action, ledger: &mut Ledger) -> Outcome {
        match action {
            Action::Cancel => Outcome::Closed,
            Action::Quit => Outcome::Quit,
            Action::Submit => match self.save(ledger) {
                Ok(message) => Outcome::Changed(message),
                Err(e) => {
                    self.fields.error = Some(e);
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
        let keys = "Tab next · ←→ text/regex · Enter save · Esc cancel";
        self.fields.render("New import rule", keys, theme, area, buf);
    }

    fn dirty(&self) -> bool {
        self.fields.dirty
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_of_category_or_transfer_and_the_ledger_checks_the_rest() {
        let mut l = crate::tui::widgets::test_ledger::with_checking();
        let mut form = RuleForm::new("COFFEE");
        assert_eq!(form.handle(Action::Submit, &mut l), Outcome::Open);
        assert!(form.fields.error.as_deref().unwrap_or("").contains("one of the two"));
        form.fields_mut().focus_on("Transfer");
        for c in "Nowhere".chars() {
            form.fields_mut().handle(Action::Char(c));
        }
        assert_eq!(form.handle(Action::Submit, &mut l), Outcome::Open);
        assert!(form.fields.error.as_deref().unwrap_or("").contains("Nowhere"));
        for _ in 0.."Nowhere".len() {
            form.fields_mut().handle(Action::Backspace);
        }
        form.fields_mut().focus_on("Category");
        for c in "Dining".chars() {
            form.fields_mut().handle(Action::Char(c));
        }
        assert!(matches!(form.handle(Action::Submit, &mut l), Outcome::Changed(_)));
        let rules = l.rules().unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(rules.len(), 1);
        assert_eq!(rules[0].pattern, "COFFEE");
    }
}
