//! What the keys of the Recurring & rules screen do: new, edit and delete items and rules (asked
//! first), and the rules' order.

use super::action::{Action, Screen};
use super::app::{App, Message};
use super::screens::recurring::Pane;
use super::widgets::confirm::{Confirm, OnYes};
use super::widgets::recurring_form::RecurringForm;
use super::widgets::rule_form::RuleForm;

impl App {
    /// Handles the action if it is one of this screen's; false otherwise.
    pub(crate) fn recurring_key(&mut self, action: Action) -> bool {
        if self.screen != Screen::Recurring {
            return false;
        }
        let screen = &mut self.screens.recurring;
        match action {
            Action::SwitchPane => screen.switch_pane(),
            Action::NewPlan => match screen.pane {
                Pane::Items => self.open(RecurringForm::new(self.today())),
                Pane::Rules => self.open(RuleForm::default()),
            },
            Action::Edit => match screen.selected_item() {
                Some(item) => {
                    let form = RecurringForm::edit(item, &self.data.places);
                    self.open(form);
                }
                None if screen.pane == Pane::Rules => {
                    self.message = Some(Message::Info(
                        "a rule is not edited: add the new one with n, then delete this one with d".into(),
                    ))
                }
                None => {}
            },
            Action::Delete => self.ask_delete_plan(),
            Action::RaiseRule | Action::LowerRule => self.move_rule(action == Action::RaiseRule),
            _ => return false,
        }
        true
    }

    fn ask_delete_plan(&mut self) {
        let screen = &self.screens.recurring;
        let (question, on_yes): (String, OnYes) = if let Some(item) = screen.selected_item() {
            let id = item.id;
            (
                format!(
                    "Delete recurring item {} ({})? The transactions it posted stay; u takes it back.",
                    item.id,
                    item.label()
                ),
                Box::new(move |ledger| {
                    let item = ledger.delete_recurring(id)?;
                    Ok(format!(
                        "deleted recurring item {id} ({}); u takes it back",
                        item.label()
                    ))
                }),
            )
        } else if let Some((rule, _)) = screen.selected_rule() {
            let id = rule.id;
            (
                format!("Delete rule #{} ('{}')? u takes it back.", rule.id, rule.pattern),
                Box::new(move |ledger| {
                    ledger.delete_rule(id)?;
                    Ok(format!("deleted rule #{id}; u takes it back"))
                }),
            )
        } else {
            return;
        };
        self.open(Confirm::new("Delete", question, on_yes));
    }

    fn move_rule(&mut self, earlier: bool) {
        let Some((rule, at)) = self.screens.recurring.selected_rule() else {
            return;
        };
        let id = rule.id;
        let last = self.screens.recurring.rules.len();
        let to = if earlier {
            at.saturating_sub(1).max(1)
        } else {
            (at + 1).min(last)
        };
        if to == at {
            return;
        }
        let moved = self.ledger.move_rule(id, to);
        if let Some(now) = self.report(moved) {
            self.message = Some(Message::Info(format!("rule #{id} is now tried at position {now}")));
            self.changed();
            let step = if earlier { -1 } else { 1 };
            self.screens.recurring.move_by(step);
        }
    }
}
