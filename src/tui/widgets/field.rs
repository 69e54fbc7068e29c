//! A single-line text field: the text and a cursor, edited a character at a time.

use crate::tui::action::Action;

/// Text being typed, with the cursor as a character index.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TextField {
    text: String,
    cursor: usize,
}

impl TextField {
    /// Whether an action edits text: a character, a deletion or a cursor move. Every form, filter and
    /// prompt passes these to its focused field's `apply`.
    pub fn edits(action: Action) -> bool {
        matches!(
            action,
            Action::Char(_)
                | Action::Backspace
                | Action::DeleteChar
                | Action::Left
                | Action::Right
                | Action::Home
                | Action::End
        )
    }

    /// Applies an editing action (see `edits`); any other action leaves the field as it is.
    pub fn apply(&mut self, action: Action) {
        match action {
            Action::Char(c) => self.insert(c),
            Action::Backspace => self.backspace(),
            Action::DeleteChar => self.delete(),
            Action::Left => self.left(),
            Action::Right => self.right(),
            Action::Home => self.home(),
            Action::End => self.end(),
            _ => {}
        }
    }

    pub fn new(text: &str) -> TextField {
        TextField {
            text: text.to_string(),
            cursor: text.chars().count(),
        }
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn cursor(&self) -> usize {
        self.cursor
    }

    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    pub fn at_end(&self) -> bool {
        self.cursor == self.text.chars().count()
    }

    /// Replaces the text and puts the cursor at its end.
    pub fn set(&mut self, text: &str) {
        *self = TextField::new(text);
    }

    fn byte_index(&self, char_index: usize) -> usize {
        self.text
            .char_indices()
            .nth(char_index)
            .map_or(self.text.len(), |(i, _)| i)
    }

    pub fn insert(&mut self, c: char) {
        if c.is_control() {
            return;
        }
        let at = self.byte_index(self.cursor);
        self.text.insert(at, c);
        self.cursor += 1;
    }

    pub fn backspace(&mut self) {
        if self.cursor > 0 {
            self.cursor -= 1;
            let at = self.byte_index(self.cursor);
            self.text.remove(at);
        }
    }

    pub fn delete(&mut self) {
        if !self.at_end() {
            let at = self.byte_index(self.cursor);
            self.text.remove(at);
        }
    }

    pub fn left(&mut self) {
        self.cursor = self.cursor.saturating_sub(1);
    }

    pub fn right(&mut self) {
        if !self.at_end() {
            self.cursor += 1;
        }
    }

    pub fn home(&mut self) {
        self.cursor = 0;
    }

    pub fn end(&mut self) {
        self.cursor = self.text.chars().count();
    }

    /// The text before and after the cursor, and the character under it.
    pub fn split(&self) -> (&str, Option<char>, &str) {
        let at = self.byte_index(self.cursor);
        let (before, rest) = self.text.split_at(at);
        let mut chars = rest.chars();
        let under = chars.next();
        (before, under, chars.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn editing_actions_apply_and_others_do_not() {
        let mut f = TextField::new("Gro");
        for action in [
            Action::Left,
            Action::Backspace,
            Action::Char('a'),
            Action::End,
            Action::Char('!'),
        ] {
            assert!(TextField::edits(action));
            f.apply(action);
        }
        assert_eq!(f.text(), "Gao!");
        f.apply(Action::Home);
        f.apply(Action::DeleteChar);
        assert_eq!((f.text(), f.cursor()), ("ao!", 0));
        for other in [Action::Submit, Action::NextField, Action::Up, Action::Cancel] {
            assert!(!TextField::edits(other));
            f.apply(other);
        }
        assert_eq!((f.text(), f.cursor()), ("ao!", 0));
    }

    #[test]
    fn edits_at_the_cursor_with_wide_characters() {
        let mut f = TextField::new("寿司");
        f.left();
        f.insert('x');
        assert_eq!(f.text(), "寿x司");
        f.backspace();
        f.backspace();
        assert_eq!(f.text(), "司");
        f.end();
        f.insert('!');
        f.home();
        f.delete();
        assert_eq!(f.text(), "!");
        assert_eq!(f.split(), ("", Some('!'), ""));
        f.right();
        f.right();
        assert!(f.at_end());
    }
}
