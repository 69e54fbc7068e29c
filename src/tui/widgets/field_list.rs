//! A form's fields as a list: labelled text fields and choices (← → to change), one focused, the
//! refusal under them and the keys at the bottom. The recurring-item and rule forms are built on it.

use super::field::TextField;
use super::form_view::editing_spans;
use super::money::{fit, pad};
use super::popup_area;
use crate::tui::action::Action;
use crate::tui::theme::Theme;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Widget, Wrap};

/// What a field holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    Text(TextField),
    /// One of fixed options, chosen with ← →.
    Choice {
        options: &'static [&'static str],
        at: usize,
    },
}

/// One labelled field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub label: &'static str,
    pub value: Value,
    /// Said beside the field while it is focused (what it takes).
    pub note: &'static str,
}

/// Fields, the focused one, and the refusal of the last save.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldList {
    pub entries: Vec<Entry>,
    pub focus: usize,
    pub error: Option<String>,
    /// Input was typed since the form opened.
    pub dirty: bool,
}

impl FieldList {
    pub fn new(entries: Vec<Entry>) -> FieldList {
        FieldList {
            entries,
            focus: 0,
            error: None,
            dirty: false,
        }
    }

    pub fn text(label: &'static str, text: &str, note: &'static str) -> Entry {
        Entry {
            label,
            value: Value::Text(TextField::new(text)),
            note,
        }
    }

    pub fn choice(label: &'static str, options: &'static [&'static str], chosen: &str) -> Entry {
        let at = options.iter().position(|o| *o == chosen).unwrap_or(0);
        Entry {
            label,
            value: Value::Choice { options, at },
            note: "← → to change",
        }
    }

    fn index(&self, label: &str) -> Option<usize> {
        self.entries.iter().position(|e| e.label == label)
    }

    /// The trimmed text of a field, or the chosen option; "" for a label not in the form.
    pub fn get(&self, label: &str) -> &str {
        match self.index(label).map(|i| &self.entries[i].value) {
            Some(Value::Text(f)) => f.text().trim(),
            Some(Value::Choice { options, at }) => options.get(*at).copied().unwrap_or(""),
            None => "",
        }
    }

    /// The trimmed text, or `None` when empty.
    pub fn optional(&self, label: &str) -> Option<String> {
        Some(self.get(label).to_string()).filter(|t| !t.is_empty())
    }

    /// Replaces a text field's text (the answer to a question the form asked).
    pub fn set(&mut self, label: &str, text: &str) {
        if let Some(Value::Text(field)) = self.index(label).map(|i| &mut self.entries[i].value) {
            field.set(text);
        }
    }

    /// Puts the focus on the field with this label (the one a refusal names).
    pub fn focus_on(&mut self, label: &str) {
        if let Some(i) = self.index(label) {
            self.focus = i;
        }
    }

    /// Moves the focus, editing or choosing; false for actions a form handles itself (save, cancel).
    pub fn handle(&mut self, action: Action) -> bool {
        let n = self.entries.len().max(1);
        match action {
            Action::NextField | Action::Down => self.focus = (self.focus + 1) % n,
            Action::PrevField | Action::Up => self.focus = (self.focus + n - 1) % n,
            _ => {
                let Some(entry) = self.entries.get_mut(self.focus) else {
                    return false;
                };
                match &mut entry.value {
                    Value::Choice { options, at } => match action {
                        Action::Left => *at = (*at + options.len() - 1) % options.len().max(1),
                        Action::Right | Action::Char(' ') => *at = (*at + 1) % options.len().max(1),
                        // A letter picks the first option that starts with it.
                        Action::Char(c) => match options.iter().position(|o| o.starts_with(c.to_ascii_lowercase())) {
                            Some(i) => *at = i,
                            None => return true,
                        },
                        _ => return false,
                    },
                    Value::Text(field) if TextField::edits(action) => field.apply(action),
                    Value::Text(_) => return false,
                }
                self.dirty = true;
            }
        }
        true
    }

    /// The form over `area`, titled, with its keys at the bottom.
    pub fn render(&self, title: &str, keys: &str, theme: Theme, area: Rect, buf: &mut Buffer) {
        let label_width = self.entries.iter().map(|e| e.label.chars().count()).max().unwrap_or(0) + 2;
        let error_lines = u16::from(self.error.is_some()) * 2;
        let popup = popup_area(area, 70, self.entries.len() as u16 + 5 + error_lines);
        Clear.render(popup, buf);
        let block = Block::bordered().title(Span::styled(format!(" {title} "), theme.title()));
        let inner = block.inner(popup);
        block.render(popup, buf);
        let width = usize::from(inner.width);
        let mut lines: Vec<Line> = Vec::new();
        for (i, entry) in self.entries.iter().enumerate() {
            let focused = i == self.focus;
            let marker = if focused { "›" } else { " " };
            let mut spans = vec![Span::styled(
                format!("{marker}{}", pad(entry.label, label_width)),
                if focused { theme.title() } else { theme.text() },
            )];
            let room = width.saturating_sub(label_width + 1);
            match (&entry.value, focused) {
                (Value::Choice { options, at }, true) => spans.push(Span::styled(
                    format!("‹ {} ›", options.get(*at).unwrap_or(&"")),
                    theme.accent(),
                )),
                (Value::Choice { options, at }, false) => spans.push(Span::styled(
                    format!("  {}", options.get(*at).unwrap_or(&"")),
                    theme.accent(),
                )),
                (Value::Text(field), true) => spans.extend(editing_spans(field, None, theme)),
                (Value::Text(field), false) => spans.push(Span::raw(fit(field.text(), room))),
            }
            lines.push(Line::from(spans));
        }
        let note = self.entries.get(self.focus).map_or("", |e| e.note);
        lines.push(Line::styled(fit(note, width), theme.dim()));
        if let Some(error) = &self.error {
            lines.push(Line::styled(format!("error: {error}"), theme.error()));
        }
        let body = Rect {
            height: inner.height.saturating_sub(1),
            ..inner
        };
        Paragraph::new(lines).wrap(Wrap { trim: false }).render(body, buf);
        if inner.height > 0 {
            let bottom = Rect {
                y: inner.y + inner.height - 1,
                height: 1,
                ..inner
            };
            Line::styled(fit(keys, width), theme.dim()).render(bottom, buf);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn list() -> FieldList {
        FieldList::new(vec![
            FieldList::choice("Kind", &["expense", "income", "transfer"], "income"),
            FieldList::text("Amount", "12", "a positive amount"),
        ])
    }

    #[test]
    fn choices_turn_and_take_a_first_letter_and_text_edits() {
        let mut f = list();
        assert_eq!(f.get("Kind"), "income");
        assert!(f.handle(Action::Right));
        assert_eq!(f.get("Kind"), "transfer");
        assert!(f.handle(Action::Right));
        assert_eq!(f.get("Kind"), "expense", "wraps around");
        assert!(f.handle(Action::Left));
        assert_eq!(f.get("Kind"), "transfer");
        assert!(f.handle(Action::Char('I')));
        assert_eq!(f.get("Kind"), "income");
        assert!(f.handle(Action::NextField));
        assert!(f.handle(Action::Char('5')));
        assert_eq!(f.get("Amount"), "125");
        assert!(f.dirty);
        assert!(!f.handle(Action::Submit), "saving is the form's");
        assert_eq!(f.optional("Nothing"), None);
        f.focus_on("Kind");
        assert_eq!(f.focus, 0);
        assert!(f.handle(Action::PrevField));
        assert_eq!(f.focus, 1, "focus wraps");
    }
}
