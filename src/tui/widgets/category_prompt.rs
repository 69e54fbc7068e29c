//! The category prompt: one field for the selected transaction's category, completing from the categories
//! in use. Drawn at the bottom of the screen so the list stays in sight while a run of rows is categorized.

use super::completion;
use super::field::TextField;
use super::form_view::editing_spans;
use super::money::fit;
use crate::domain::Txn;
use crate::ledger::browse::TxnFilter;
use crate::ledger::UNCATEGORIZED;
use crate::tui::theme::Theme;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Widget, Wrap};
use unicode_width::UnicodeWidthStr;

/// The transaction being categorized and what is typed.
#[derive(Debug, Clone)]
pub struct CategoryPrompt {
    pub txn: Txn,
    pub field: TextField,
    categories: Vec<String>,
    /// The last refusal, in the ledger's words; what was typed stays.
    pub error: Option<String>,
    /// How many this run has categorized, for the title.
    pub done: usize,
    /// The list's filter when the prompt opened: the next row is the next `Uncategorized` one it shows.
    query: TxnFilter,
    /// Whether that filter narrows the list (said when no row is left).
    filtered: bool,
}

impl CategoryPrompt {
    /// The prompt for `txn`, completing from `categories`, going on through the rows `query` shows.
    pub fn new(txn: Txn, categories: Vec<String>, query: TxnFilter, filtered: bool) -> CategoryPrompt {
        CategoryPrompt {
            txn,
            field: TextField::default(),
            categories: categories.into_iter().filter(|c| c != UNCATEGORIZED).collect(),
            error: None,
            done: 0,
            query,
            filtered,
        }
    }

    pub fn suggestions(&self) -> Vec<String> {
        completion::suggestions(&self.categories, self.field.text())
    }

    /// Tab, or → at the end: the first suggestion.
    pub fn accept(&mut self) {
        if let Some(s) = self.suggestions().first() {
            let s = s.clone();
            self.field.set(&s);
        }
    }

    pub fn right(&mut self) {
        if self.field.at_end() {
            self.accept();
        } else {
            self.field.right();
        }
    }

    /// ↑/↓: the next category in use.
    pub fn pick(&mut self, step: isize) {
        if let Some(i) = completion::pick(&self.categories, self.field.text(), step) {
            let name = self.categories[i].clone();
            self.field.set(&name);
        }
    }

    /// The category to save: what is typed, trimmed (the ledger refuses an empty one).
    pub fn category(&self) -> String {
        self.field.text().trim().to_string()
    }

    pub fn render(&self, theme: Theme, area: Rect, buf: &mut Buffer) {
        let width = area.width.min(78);
        let error = self.error.as_ref().map(|e| format!("error: {e}"));
        let error_rows = error
            .as_ref()
            .map_or(0, |e| e.width().div_ceil(usize::from(width.saturating_sub(2)).max(1)));
        let height = 6 + u16::try_from(error_rows).unwrap_or(0);
        let popup = Rect {
            x: area.x + (area.width - width) / 2,
            y: area.y + area.height.saturating_sub(height + 1),
            width,
            height: height.min(area.height),
        };
        Clear.render(popup, buf);
        let t = &self.txn;
        let title = match self.done {
            0 => format!(" Category for {} #{} ", t.kind, t.id),
            n => format!(" Category for {} #{} ({n} done) ", t.kind, t.id),
        };
        let block = Block::bordered().title(Span::styled(title, theme.title()));
        let inner = block.inner(popup);
        block.render(popup, buf);
        let w = usize::from(inner.width);
        let now = t.category.as_deref().unwrap_or("none");
        let about = format!(
            "{} · {} · {} · now {now}",
            t.date,
            t.amount.grouped(),
            if t.description.is_empty() {
                "(no description)"
            } else {
                &t.description
            }
        );
        let suggestions = self.suggestions();
        let mut field = vec![Span::styled("›Category  ", theme.title())];
        field.extend(editing_spans(
            &self.field,
            suggestions.first().map(String::as_str),
            theme,
        ));
        let mut lines = vec![
            Line::styled(fit(&about, w), theme.text()),
            Line::from(field),
            if suggestions.is_empty() {
                Line::raw("")
            } else {
                Line::styled(fit(&format!("→ {}", suggestions.join("  ")), w), theme.dim())
            },
        ];
        if let Some(error) = error {
            lines.push(Line::styled(error, theme.error()));
        }
        lines.push(Line::styled(
            fit(
                "Tab/→ complete · ↑↓ categories · Enter save, next Uncategorized · Esc stop",
                w,
            ),
            theme.dim(),
        ));
        Paragraph::new(lines).wrap(Wrap { trim: false }).render(inner, buf);
    }
}

mod actions;
