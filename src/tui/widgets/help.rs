//! The help overlay: every key of the current screen, then the keys all screens share.

use super::component::{Component, Outcome};
use super::money::{fit, pad};
use super::popup_area;
use crate::ledger::Ledger;
use crate::tui::action::{Action, Screen};
use crate::tui::keymap::Mode;
use crate::tui::keymap::{digits_help, screen_bindings, Binding, FORM_KEYS, GLOBAL, WHATIF_EXAMPLES};
use crate::tui::theme::Theme;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Widget};

/// The overlay over `screen`: Esc closes it.
pub struct HelpOverlay {
    pub screen: Screen,
}

impl Component for HelpOverlay {
    fn handle(&mut self, action: Action, _ledger: &mut Ledger) -> Outcome {
        match action {
            Action::Cancel => Outcome::Closed,
            Action::Quit => Outcome::Quit,
            _ => Outcome::Open,
        }
    }

    fn render(&self, theme: Theme, area: Rect, buf: &mut Buffer) {
        render(self.screen, theme, area, buf);
    }

    fn mode(&self) -> Mode {
        Mode::Help
    }
}

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
    // The quick-add form's keys, where there is room beside the tab bar and the status line (the form
    // shows its keys as well): all of them, or one line, or none.
    let room = usize::from(area.height).saturating_sub(4);
    if screen == Screen::Transactions && lines.len() + 2 <= room {
        lines.push(Line::styled("In the quick-add form", theme.header()));
        if lines.len() + FORM_KEYS.len() <= room {
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
                rows.push((format!("{} / {}", b.label, next.label), joined(b.help, next.help)));
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
            | (RaiseRule, LowerRule)
            | (Add, PostRecurring)
            | (Mark, Link)
    )
}

/// Two descriptions as one: the words they share at the start and the end said once
/// ("move down" and "move up" read "move down / up").
fn joined(a: &str, b: &str) -> String {
    if b.is_empty() {
        return a.to_string();
    }
    let (a, b): (Vec<&str>, Vec<&str>) = (a.split(' ').collect(), b.split(' ').collect());
    let most = a.len().min(b.len()).saturating_sub(1);
    let head = a.iter().zip(&b).take(most).take_while(|(x, y)| x == y).count();
    let tail = a
        .iter()
        .rev()
        .zip(b.iter().rev())
        .take(most - head)
        .take_while(|(x, y)| x == y)
        .count();
    let part = |words: &[&str]| words[head..words.len() - tail].join(" ");
    let mut out: Vec<String> = a[..head].iter().map(|w| w.to_string()).collect();
    out.push(format!("{} / {}", part(&a), part(&b)));
    out.extend(a[a.len() - tail..].iter().map(|w| w.to_string()));
    out.join(" ")
}

#[cfg(test)]
mod tests {
    use super::joined;

    #[test]
    fn paired_descriptions_share_their_common_words() {
        assert_eq!(joined("move down", "move up"), "move down / up");
        assert_eq!(joined("next screen", "previous screen"), "next / previous screen");
        assert_eq!(
            joined("jump to the previous (older) month", "jump to the next month"),
            "jump to the previous (older) / next month"
        );
        assert_eq!(joined("first", "last"), "first / last");
        assert_eq!(
            joined("the amount up by 50", "the amount down by 50"),
            "the amount up / down by 50"
        );
        assert_eq!(joined("undo it", "redo the change"), "undo it / redo the change");
        assert_eq!(joined("same", "same"), "same / same");
    }
}
