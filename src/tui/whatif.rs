//! The What-if screen's state and keys, and posting due recurring items: each change goes through the
//! ledger's own parser, and the baseline and scenario are worked out again after every edit.

use super::action::Action;
use super::app::{App, Message};
use super::widgets::change_input::ChangeInput;
use super::widgets::confirm::Confirm;
use super::widgets::field::TextField;
use crate::domain::forecast::ForecastInput;
use crate::domain::whatif::Change;
use crate::domain::Money;
use crate::ledger::WhatIfReport;

/// How far ahead the What-if screen can look, in months; `[`/`]` step through them.
pub const HORIZONS: [u32; 5] = [6, 12, 24, 36, 60];
/// What `+`/`-` add to or take from the selected change's amount.
const STEP_CENTS: i64 = 5_000;

/// The changes being tried and what they do.
#[derive(Debug, Clone)]
pub struct WhatIfState {
    pub changes: Vec<Change>,
    pub selected: usize,
    /// Index into [`HORIZONS`].
    pub horizon: usize,
    pub report: Option<WhatIfReport>,
    /// The forecast's starting point the report was worked out from, kept while only the changes or the
    /// horizon change (reading it takes longer than a frame on a large ledger); dropped when the data does.
    pub basis: Option<ForecastInput>,
}

impl Default for WhatIfState {
    fn default() -> Self {
        WhatIfState {
            changes: Vec::new(),
            selected: 0,
            horizon: 1,
            report: None,
            basis: None,
        }
    }
}

impl WhatIfState {
    pub fn months(&self) -> u32 {
        HORIZONS[self.horizon.min(HORIZONS.len() - 1)]
    }
}

/// The amount a change carries, moved by `step` (never to zero or below, a target never below zero).
fn nudge(change: &mut Change, step: Money) {
    let floor = Money::from_cents(1);
    let up = |m: &mut Money| *m = (*m + step).max(floor);
    match change {
        Change::ExtraPayment { monthly, .. } => up(monthly),
        Change::Purchase { amount, .. } => up(amount),
        Change::Income { monthly, .. } if monthly.is_negative() => *monthly = (*monthly - step).min(-floor),
        Change::Income { monthly, .. } => up(monthly),
        Change::BucketTarget { target, .. } => *target = (*target + step).max(Money::ZERO),
        Change::AddRecurring(item) => up(&mut item.amount),
        Change::RemoveRecurring(_) => {}
    }
}

impl App {
    /// Works the what-if out again from the ledger (after a change, or after the data changed).
    pub(crate) fn recompute_whatif(&mut self) {
        if self.data.places.accounts().next().is_none() {
            self.screens.whatif.report = None;
            return;
        }
        let months = self.screens.whatif.months();
        if self.screens.whatif.basis.is_none() {
            let today = self.ledger.today();
            self.screens.whatif.basis = self.report(self.ledger.forecast_input(today, months));
        }
        // The starting point does not depend on how far ahead the forecast looks.
        if let Some(basis) = &mut self.screens.whatif.basis {
            basis.months = months;
        }
        let Some(basis) = &self.screens.whatif.basis else {
            self.screens.whatif.report = None;
            return;
        };
        let report = self.ledger.whatif_report_on(basis, &self.screens.whatif.changes);
        match report {
            Ok(r) => self.screens.whatif.report = Some(r),
            Err(e) => {
                self.screens.whatif.report = None;
                self.message = Some(Message::Error(crate::tui::hints::describe(&e)));
            }
        }
        self.screens.whatif.selected = self
            .screens
            .whatif
            .selected
            .min(self.screens.whatif.changes.len().saturating_sub(1));
    }

    /// The What-if screen's own keys; `false` when the key is not one of them.
    pub(crate) fn whatif_key(&mut self, action: Action) -> bool {
        let w = &mut self.screens.whatif;
        match action {
            Action::NewChange => {
                self.open(ChangeInput::default());
            }
            Action::Edit if !w.changes.is_empty() => {
                let line = self.ledger.change_line(&w.changes[w.selected]);
                if let Some(text) = self.report(line) {
                    let input = ChangeInput {
                        field: TextField::new(&text),
                        editing: Some(self.screens.whatif.selected),
                        error: None,
                    };
                    self.open(input);
                }
            }
            Action::Delete if !w.changes.is_empty() => {
                w.changes.remove(w.selected);
                self.recompute_whatif();
            }
            Action::More | Action::Less if !w.changes.is_empty() => {
                let step = Money::from_cents(if action == Action::More {
                    STEP_CENTS
                } else {
                    -STEP_CENTS
                });
                nudge(&mut w.changes[w.selected], step);
                self.recompute_whatif();
            }
            Action::Up | Action::Down => {
                let last = w.changes.len().saturating_sub(1);
                w.selected = if action == Action::Up {
                    w.selected.saturating_sub(1)
                } else {
                    (w.selected + 1).min(last)
                };
            }
            Action::PrevMonth | Action::NextMonth => {
                w.horizon = if action == Action::NextMonth {
                    (w.horizon + 1).min(HORIZONS.len() - 1)
                } else {
                    w.horizon.saturating_sub(1)
                };
                self.recompute_whatif();
            }
            Action::Edit | Action::Delete | Action::More | Action::Less => {
                self.message = Some(Message::Info("no changes yet: n adds one".into()));
            }
            _ => return false,
        }
        true
    }

    /// A change typed in the popup: it replaces the change at `replaces`, or is added and selected.
    pub(crate) fn try_change(&mut self, change: Change, replaces: Option<usize>) {
        let w = &mut self.screens.whatif;
        match replaces.filter(|i| *i < w.changes.len()) {
            Some(i) => w.changes[i] = change,
            None => {
                w.changes.push(change);
                w.selected = w.changes.len() - 1;
            }
        }
        self.recompute_whatif();
    }

    /// `p`: asks before posting what is due through today; says so when nothing is.
    pub(crate) fn ask_post_recurring(&mut self) {
        let today = self.today();
        let due = self.ledger.due_recurring(today);
        let Some(due) = self.report(due) else { return };
        if due.is_empty() {
            self.message = Some(Message::Info(format!("nothing recurring is due through {today}")));
            return;
        }
        let shown: Vec<String> = due
            .iter()
            .take(4)
            .map(|d| {
                format!(
                    "{} {} on {}",
                    d.item.label(),
                    d.item.amount.grouped(),
                    d.date.format("%b %d")
                )
            })
            .collect();
        let more = if due.len() > 4 {
            format!(" and {} more", due.len() - 4)
        } else {
            String::new()
        };
        let question = format!(
            "Post {} recurring item(s) due through {today}? {}{more}.",
            due.len(),
            shown.join(", ")
        );
        self.open(Confirm::new("Post recurring items", question, move |ledger| {
            let posted = ledger.post_recurring(today, false)?;
            Ok(format!("posted {} recurring item(s) due through {today}", posted.len()))
        }));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn jan() -> crate::domain::Month {
        crate::domain::Month::parse("2026-01").unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn nudging_keeps_amounts_sensible() {
        let mut raise = Change::Income {
            monthly: Money::from_cents(3000),
            from: jan(),
        };
        nudge(&mut raise, Money::from_cents(-5000));
        assert_eq!(
            raise,
            Change::Income {
                monthly: Money::from_cents(1),
                from: jan(),
            }
        );
        let mut target = Change::BucketTarget {
            bucket: 1,
            target: Money::from_cents(2000),
        };
        nudge(&mut target, Money::from_cents(-5000));
        assert_eq!(
            target,
            Change::BucketTarget {
                bucket: 1,
                target: Money::ZERO
            }
        );
        let mut lost = Change::Income {
            monthly: Money::from_cents(-10_000),
            from: jan(),
        };
        nudge(&mut lost, Money::from_cents(5000));
        assert!(matches!(lost, Change::Income { monthly, .. } if monthly == Money::from_cents(-15_000)));
    }
}
