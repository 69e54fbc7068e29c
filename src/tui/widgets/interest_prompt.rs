//! Posting a loan's interest for a month: the month and the amount, prefilled with what the rule gives,
//! which the person can correct to the lender's figure.

use super::field::TextField;
use super::money::fit;
use super::popup_area;
use crate::domain::{Money, Month};
use crate::error::Result;
use crate::ledger::Ledger;
use crate::tui::theme::Theme;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Widget, Wrap};

/// The prompt's state.
#[derive(Debug, Clone)]
pub struct InterestPrompt {
    pub loan: String,
    pub month: TextField,
    pub amount: TextField,
    /// 0: the month, 1: the amount.
    pub focus: usize,
    pub error: Option<String>,
}

impl InterestPrompt {
    /// For `loan` and this month, with the computed amount (blank when the rule gives none, with why).
    pub fn new(ledger: &Ledger, loan: &str) -> InterestPrompt {
        let month = Month::of(ledger.today());
        let mut prompt = InterestPrompt {
            loan: loan.to_string(),
            month: TextField::new(&month.to_string()),
            amount: TextField::default(),
            focus: 1,
            error: None,
        };
        prompt.prefill(ledger);
        prompt
    }

    /// Fills the amount with what the rule gives for the month typed.
    pub fn prefill(&mut self, ledger: &Ledger) {
        let due = Month::parse(self.month.text().trim())
            .map_err(crate::error::Error::from)
            .and_then(|m| ledger.loan_interest_due(&self.loan, m));
        match due {
            Ok(amount) => {
                self.amount.set(&amount.to_string());
                self.error = None;
            }
            Err(e) => {
                self.amount.set("");
                self.error = Some(e.to_string());
            }
        }
    }

    pub fn field_mut(&mut self) -> &mut TextField {
        if self.focus == 0 {
            &mut self.month
        } else {
            &mut self.amount
        }
    }

    /// Tab: the other field; leaving the month fills the amount again.
    pub fn switch(&mut self, ledger: &Ledger) {
        if self.focus == 0 {
            self.prefill(ledger);
        }
        self.focus = 1 - self.focus;
    }

    /// Posts the interest; returns the status-line message.
    pub fn post(&self, ledger: &mut Ledger) -> Result<String> {
        let month = Month::parse(self.month.text().trim())?;
        let amount = Money::parse_positive(self.amount.text().trim())?;
        let (id, posted) = ledger.post_loan_interest(&self.loan, month, Some(amount))?;
        Ok(format!(
            "posted #{id}: {month}'s interest on '{}', {}",
            self.loan,
            posted.grouped()
        ))
    }

    pub fn render(&self, theme: Theme, area: Rect, buf: &mut Buffer) {
        let popup = popup_area(area, 60, 9);
        Clear.render(popup, buf);
        let block = Block::bordered().title(Span::styled(
            format!(" Interest on '{}' ", crate::text::visible(&self.loan)),
            theme.title(),
        ));
        let inner = block.inner(popup);
        block.render(popup, buf);
        let width = usize::from(inner.width);
        let line = |label: &str, field: &TextField, focused: bool| {
            let marker = if focused { "›" } else { " " };
            let mut spans = vec![Span::styled(
                format!("{marker}{label:<9}"),
                if focused { theme.title() } else { theme.text() },
            )];
            if focused {
                spans.extend(super::form_view::editing_spans(field, None, theme));
            } else {
                spans.push(Span::raw(field.text().to_string()));
            }
            Line::from(spans)
        };
        let mut lines = vec![
            line("Month", &self.month, self.focus == 0),
            line("Amount", &self.amount, self.focus == 1),
            Line::styled(
                fit(
                    "balance owed × APR / 12 at the payment day; correct it to the lender's figure",
                    width,
                ),
                theme.dim(),
            ),
        ];
        if let Some(error) = &self.error {
            lines.push(Line::styled(format!("error: {error}"), theme.error()));
        }
        lines.push(Line::styled(
            fit("Tab month/amount · Enter post · Esc cancel", width),
            theme.dim(),
        ));
        Paragraph::new(lines).wrap(Wrap { trim: false }).render(inner, buf);
    }
}
