//! A list screen's selection: which row is chosen, kept within the list as it moves and as data reloads.

/// The chosen row of a list, by index.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Selection {
    at: usize,
}

impl Selection {
    pub fn at(self) -> usize {
        self.at
    }

    /// Moves by `step` rows within `len`; `isize::MIN` / `isize::MAX` go to the first / last row.
    pub fn move_by(&mut self, step: isize, len: usize) {
        let last = len.saturating_sub(1);
        self.at = match step {
            isize::MIN => 0,
            isize::MAX => last,
            _ => self.at.saturating_add_signed(step).min(last),
        };
    }

    /// Keeps the selection inside a list that now has `len` rows.
    pub fn clamp(&mut self, len: usize) {
        self.at = self.at.min(len.saturating_sub(1));
    }

    pub fn reset(&mut self) {
        self.at = 0;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn moves_within_the_list_and_follows_it_shrinking() {
        let mut s = Selection::default();
        s.move_by(2, 5);
        assert_eq!(s.at(), 2);
        s.move_by(-7, 5);
        assert_eq!(s.at(), 0);
        s.move_by(isize::MAX, 5);
        assert_eq!(s.at(), 4);
        s.move_by(3, 5);
        assert_eq!(s.at(), 4);
        s.clamp(2);
        assert_eq!(s.at(), 1);
        s.move_by(1, 0);
        assert_eq!(s.at(), 0);
        s.move_by(isize::MIN, 3);
        assert_eq!(s.at(), 0);
    }
}
