//! The help overlay: every key of the current screen, then the keys all screens share.

use super::money::{fit, pad};
use super::popup_area;
use crate::tui::action::Screen;
use crate::tui::keymap::{digits_help, screen_bindings, Binding, FORM_KEYS, GLOBAL, WHATIF_EXAMPLES};
use crate::tui::theme::Theme;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Widget};

pub fn render(screen: Screen, theme: Theme, area: Rect, buf: &mut Buffer) {
    let own = screen_bindings(screen);
    let mut lines: Vec<Line> = Vec::new();
    let key_width = 17;
    let row = |k: &str, d: &str| {
        Line::from(vec![
            Span::styled(pad(k, key_width), theme.accent()),
            Span::raw(fit(d, 56)),
        ])
    };
    if !own.is_empty() {
        lines.push(Line::styled(format!("{} keys", screen.title()), theme.header()));
        lines.extend(merged(own).iter().map(|(k, d)| row(k, d)));
        if screen == Screen::WhatIf {
            lines.extend(WHATIF_EXAMPLES.iter().map(|example| row("", example)));
        }
    }
    lines.push(Line::styled("Everywhere", theme.header()));
    let (digits, screens) = digits_help();
    lines.push(row(&digits, &screens));
    lines.extend(merged(GLOBAL).iter().map(|(k, d)| row(k, d)));
    if screen == Screen::Transactions {
        lines.push(Line::styled("In the quick-add form", theme.header()));
        // On a short terminal the form's keys take one line; the form shows them as well.
        if lines.len() + FORM_KEYS.len() + 2 <= usize::from(area.height) {
            lines.extend(FORM_KEYS.iter().map(|(k, d)| row(k, d)));
        } else {
            lines.push(row(
                "Tab ↑↓ → Enter",
                "next field · suggested names · accept one · save",
            ));
        }
    }
    let popup = popup_area(area, 76, lines.len() as u16 + 2);
    Clear.render(popup, buf);
    let block = Block::bordered()
        .title(Span::styled(format!(" Help: {} ", screen.title()), theme.title()))
        .title_bottom(Line::styled(" Esc or ? closes ", theme.dim()).right_aligned());
    let inner = block.inner(popup);
    block.render(popup, buf);
    Paragraph::new(lines).render(inner, buf);
}

/// The help's rows of a table: keys that go together in pairs (`[` and `]`, `j` and `k`) share a row.
fn merged(table: &[Binding]) -> Vec<(String, String)> {
    let mut rows: Vec<(String, String)> = Vec::new();
    let mut i = 0;
    while i < table.len() {
        let b = &table[i];
        match table.get(i + 1).filter(|next| pairs(b, next)) {
            Some(next) => {
                rows.push((
                    format!("{} / {}", b.label, next.label),
                    format!("{} / {}", b.help, next.help),
                ));
                i += 2;
            }
            None => {
                rows.push((b.label.to_string(), b.help.to_string()));
                i += 1;
            }
        }
    }
    rows
}

/// Two neighbouring keys that read as one row: opposite moves of the same thing.
fn pairs(a: &Binding, b: &Binding) -> bool {
    use crate::tui::action::Action::*;
    matches!(
        (a.action, b.action),
        (NextScreen, PrevScreen)
            | (Down, Up)
            | (PageDown, PageUp)
            | (Top, Bottom)
            | (Undo, Redo)
            | (PrevMonth, NextMonth)
            | (More, Less)
    )
}
