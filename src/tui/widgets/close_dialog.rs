//! The Close Month dialog: every figure the snapshot will store, then Enter to close or Esc to cancel.

use super::component::{Component, Outcome};
use super::money::{fit, spread};
use super::popup_area;
use crate::ledger::{ClosePreview, Ledger};
use crate::tui::action::Action;
use crate::tui::keymap::Mode;
use crate::tui::theme::Theme;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Widget, Wrap};

/// The preview and whether a month not over yet has had its first confirmation.
pub struct CloseDialog {
    pub preview: ClosePreview,
    pub armed: bool,
    /// Why the ledger refused to close, in its words; the figures stay on screen.
    pub error: Option<String>,
}

impl CloseDialog {
    pub fn new(preview: ClosePreview) -> CloseDialog {
        CloseDialog {
            preview,
            armed: false,
            error: None,
        }
    }

    pub fn render(&self, theme: Theme, area: Rect, buf: &mut Buffer) {
        let s = &self.preview.snapshot;
        let popup = popup_area(area, 78, 22);
        Clear.render(popup, buf);
        let title = format!(" Close Month: {} ({}) ", s.month.label(), s.month);
        let block = Block::bordered().title(Span::styled(title, theme.title()));
        let inner = block.inner(popup);
        block.render(popup, buf);
        let note_lines = 3 + self.preview.differences.len().min(4) as u16 + u16::from(self.error.is_some());
        let [body, notes] = Layout::vertical([Constraint::Min(1), Constraint::Length(note_lines)]).areas(inner);
        let [left, right] = Layout::horizontal([Constraint::Length(36), Constraint::Min(1)])
            .spacing(2)
            .areas(body);
        let lw = left.width as usize;
        let f = &s.figures;
        let p = &s.projection;
        let pair = |label: &str, value: String| Line::raw(spread(label, &value, lw));
        let mut figures = vec![
            Line::styled("The snapshot stores", theme.header()),
            pair("Income", f.total_income.grouped()),
            pair("Expense", f.total_expense.grouped()),
            pair("  of it from buckets", f.from_buckets.grouped()),
            pair("Cash outflow", f.cash_outflow.grouped()),
            pair("Savings added", f.savings_added.grouped()),
            pair("Market change", f.market_change.grouped()),
            pair("Card balances", f.total_cc_balance.grouped()),
            pair("Net worth", f.net_worth.grouped()),
            pair("Free cash", f.free_cash.grouped()),
            Line::styled(format!("Projection for {}", s.month.next()), theme.header()),
            pair("Expected income", p.expected_income.grouped()),
            pair("Expected spending", p.expected_spending.grouped()),
            pair("Planned savings", p.planned_savings.grouped()),
            pair("Projected net worth", p.projected_net_worth.grouped()),
            pair("Projected free cash", p.projected_free_cash.grouped()),
        ];
        figures.truncate(left.height as usize);
        Paragraph::new(figures).render(left, buf);

        let rw = right.width as usize;
        let mut side = vec![Line::styled("Cards carried into next month", theme.header())];
        for c in &s.cards {
            side.push(Line::raw(spread(&c.name, &format!("owes {}", c.balance.grouped()), rw)));
            if let Some(st) = &c.statement {
                side.push(Line::styled(
                    fit(
                        &format!(
                            "  stmt {} {} due {}",
                            st.date.format("%m-%d"),
                            st.balance.grouped(),
                            st.due_date.format("%m-%d")
                        ),
                        rw,
                    ),
                    theme.dim(),
                ));
                side.push(Line::raw(spread("  remaining", &st.remaining.grouped(), rw)));
            }
            if c.carried_over.is_positive() {
                side.push(Line::styled(
                    spread("  carried over", &c.carried_over.grouped(), rw),
                    theme.bad(),
                ));
            }
        }
        side.push(Line::styled("Buckets: added / target", theme.header()));
        for b in &s.buckets {
            let style = if b.added < b.target_monthly {
                theme.warn()
            } else {
                theme.text()
            };
            let value = format!("{} / {}", b.added.grouped(), b.target_monthly.grouped());
            side.push(Line::styled(spread(&b.name, &value, rw), style));
        }
        Paragraph::new(side).render(right, buf);

        let mut note = Vec::new();
        for d in &self.preview.differences {
            note.push(Line::styled(format!("Not reconciled: {}", d.describe()), theme.bad()));
        }
        if !self.preview.differences.is_empty() {
            let text = if self.armed {
                "Press Enter once more to close with these differences."
            } else {
                "Closing with differences needs a second Enter."
            };
            note.push(Line::styled(text, theme.warn()));
        } else if self.preview.not_over {
            let text = if self.armed {
                format!("{} is not over yet. Press Enter once more to close it anyway.", s.month)
            } else {
                format!("{} is not over yet: closing it now needs a second Enter.", s.month)
            };
            note.push(Line::styled(text, theme.warn()));
        } else {
            note.push(Line::raw(format!(
                "Closing locks {}: its transactions cannot change until reopened.",
                s.month
            )));
        }
        if let Some(error) = &self.error {
            note.push(Line::styled(format!("error: {error}"), theme.error()));
        }
        note.push(Line::styled(
            format!("Enter close {} · Esc cancel", s.month),
            theme.accent(),
        ));
        Paragraph::new(note).wrap(Wrap { trim: true }).render(notes, buf);
    }
}

impl Component for CloseDialog {
    /// Enter closes the month; a month not over yet, or one with differences on screen, needs a
    /// second Enter, which is the explicit acceptance.
    fn handle(&mut self, action: Action, ledger: &mut Ledger) -> Outcome {
        match action {
            Action::Cancel => Outcome::Closed,
            Action::Quit => Outcome::Quit,
            Action::Confirm if self.preview.needs_second_confirmation() && !self.armed => {
                self.armed = true;
                Outcome::Open
            }
            Action::Confirm => {
                let month = self.preview.snapshot.month;
                match ledger.close_month_accepting(month, self.preview.not_over) {
                    Ok(s) => {
                        let f = &s.figures;
                        Outcome::Changed(format!(
                            "closed {month}: net worth {}, free cash {}, card debt {}",
                            f.net_worth.grouped(),
                            f.free_cash.grouped(),
                            f.total_cc_balance.grouped()
                        ))
                    }
                    Err(e) => {
                        self.error = Some(crate::tui::hints::describe(&e));
                        Outcome::Open
                    }
                }
            }
            _ => Outcome::Open,
        }
    }

    fn render(&self, theme: Theme, area: Rect, buf: &mut Buffer) {
        CloseDialog::render(self, theme, area, buf);
    }

    fn mode(&self) -> Mode {
        Mode::Dialog
    }
}
