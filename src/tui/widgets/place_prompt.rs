//! A two-field prompt about one place: a loan's interest for a month (the amount prefilled with what the
//! rule gives, which the person can correct to the lender's figure), or a reconciliation against a
//! statement (its balance and date, the difference said at once).

use super::component::Outcome;
use super::field::TextField;
use super::money::fit;
use super::popup_area;
use crate::domain::{parse_date, Money, Month};
use crate::error::Result;
use crate::ledger::Ledger;
use crate::tui::action::Action;
use crate::tui::theme::Theme;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Widget, Wrap};

/// What the prompt is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    /// Fields: the month, the amount.
    Interest,
    /// Fields: the date, the statement's balance.
    Reconcile,
}

/// The prompt's state.
#[derive(Debug, Clone)]
pub struct PlacePrompt {
    pub purpose: Purpose,
    pub place: String,
    pub fields: [TextField; 2],
    pub focus: usize,
    pub error: Option<String>,
}

impl PlacePrompt {
    /// This month's interest on `loan`, prefilled (blank, with why, when the rule gives none).
    pub fn interest(ledger: &Ledger, loan: &str) -> PlacePrompt {
        let month = Month::of(ledger.today());
        let mut prompt = PlacePrompt {
            purpose: Purpose::Interest,
            place: loan.to_string(),
            fields: [TextField::new(&month.to_string()), TextField::default()],
            focus: 1,
            error: None,
        };
        prompt.prefill(ledger);
        prompt
    }

    /// A statement of `place` dated today, its balance to type.
    pub fn reconcile(ledger: &Ledger, place: &str) -> PlacePrompt {
        PlacePrompt {
            purpose: Purpose::Reconcile,
            place: place.to_string(),
            fields: [TextField::new(&ledger.today().to_string()), TextField::default()],
            focus: 1,
            error: None,
        }
    }

    fn labels(&self) -> [&'static str; 2] {
        match self.purpose {
            Purpose::Interest => ["Month", "Amount"],
            Purpose::Reconcile => ["Date", "Balance"],
        }
    }

    /// Fills the interest with what the rule gives for the month typed.
    fn prefill(&mut self, ledger: &Ledger) {
        let due = Month::parse(self.fields[0].text().trim())
            .map_err(crate::error::Error::from)
            .and_then(|m| ledger.loan_interest_due(&self.place, m));
        match due {
            Ok(amount) => {
                self.fields[1].set(&amount.to_string());
                self.error = None;
            }
            Err(e) => {
                self.fields[1].set("");
                self.error = Some(crate::tui::hints::describe(&e));
            }
        }
    }

    pub fn field_mut(&mut self) -> &mut TextField {
        &mut self.fields[self.focus]
    }

    /// Tab: the other field; leaving the interest's month fills the amount again.
    pub fn switch(&mut self, ledger: &Ledger) {
        if self.focus == 0 && self.purpose == Purpose::Interest {
            self.prefill(ledger);
        }
        self.focus = 1 - self.focus;
    }

    /// Posts the interest or records the statement; returns the status-line message, or why not.
    pub fn submit(&self, ledger: &mut Ledger) -> Result<String> {
        let first = self.fields[0].text().trim();
        let amount = self.fields[1].text().trim();
        match self.purpose {
            Purpose::Interest => {
                let month = Month::parse(first)?;
                let (id, posted) =
                    ledger.post_loan_interest(&self.place, month, Some(Money::parse_positive(amount)?))?;
                Ok(format!(
                    "posted #{id}: {month}'s interest on '{}', {}",
                    self.place,
                    posted.grouped()
                ))
            }
            Purpose::Reconcile => {
                let (negative, digits) = amount.strip_prefix('-').map_or((false, amount), |d| (true, d));
                let stated = Money::parse_non_negative(digits)?;
                let stated = if negative { -stated } else { stated };
                let r = ledger.reconcile(&self.place, stated, parse_date(first)?)?;
                Ok(if r.agrees() {
                    format!("reconciled {} on {}: {} agrees", r.name, r.date, r.stated.grouped())
                } else {
                    // One status line: short enough to show the difference at 80 columns.
                    format!(
                        "recorded; off by {}: statement {}, pfos {}",
                        r.difference().grouped(),
                        r.stated.grouped(),
                        r.computed.grouped()
                    )
                })
            }
        }
    }

    pub fn render(&self, theme: Theme, area: Rect, buf: &mut Buffer) {
        let popup = popup_area(area, 64, 9);
        Clear.render(popup, buf);
        let title = match self.purpose {
            Purpose::Interest => format!(" Interest on '{}' ", crate::text::visible(&self.place)),
            Purpose::Reconcile => format!(" Reconcile '{}' ", crate::text::visible(&self.place)),
        };
        let block = Block::bordered().title(Span::styled(title, theme.title()));
        let inner = block.inner(popup);
        block.render(popup, buf);
        let width = usize::from(inner.width);
        let labels = self.labels();
        let mut lines: Vec<Line> = (0..2)
            .map(|i| {
                let focused = self.focus == i;
                let marker = if focused { "›" } else { " " };
                let mut spans = vec![Span::styled(
                    format!("{marker}{:<9}", labels[i]),
                    if focused { theme.title() } else { theme.text() },
                )];
                if focused {
                    spans.extend(super::form_view::editing_spans(&self.fields[i], None, theme));
                } else {
                    spans.push(Span::raw(self.fields[i].text().to_string()));
                }
                Line::from(spans)
            })
            .collect();
        let note = match self.purpose {
            Purpose::Interest => "owed at the payment day × APR / 12; correct it to the lender's figure",
            Purpose::Reconcile => "what the statement shows (a card: what it says is owed); with its buckets",
        };
        lines.push(Line::styled(fit(note, width), theme.dim()));
        if let Some(error) = &self.error {
            lines.push(Line::styled(format!("error: {error}"), theme.error()));
        }
        lines.push(Line::styled(
            fit("Tab other field · Enter save · Esc cancel", width),
            theme.dim(),
        ));
        Paragraph::new(lines).wrap(Wrap { trim: false }).render(inner, buf);
    }
}

impl super::component::Component for PlacePrompt {
    fn handle(&mut self, action: Action, ledger: &mut Ledger) -> Outcome {
        match action {
            Action::Cancel => return Outcome::Closed,
            Action::Quit => return Outcome::Quit,
            Action::Submit => match self.submit(ledger) {
                Ok(message) => return Outcome::Changed(message),
                Err(e) => self.error = Some(crate::tui::hints::describe(&e)),
            },
            Action::NextField | Action::PrevField => self.switch(ledger),
            edit if TextField::edits(edit) => self.field_mut().apply(edit),
            _ => {}
        }
        Outcome::Open
    }

    fn render(&self, theme: Theme, area: Rect, buf: &mut Buffer) {
        PlacePrompt::render(self, theme, area, buf);
    }
}
