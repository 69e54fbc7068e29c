//! The order import rules are tried in: moving one rule to another place in the list.

use super::Ledger;
use crate::error::{refused, Result};
use crate::store::rules as rule_rows;
use crate::store::Change;

impl Ledger {
    /// Moves rule `id` to `position` in the order rules are tried (1 is first; past the end means
    /// last). Returns the position it now has.
    pub fn move_rule(&mut self, id: i64, position: usize) -> Result<usize> {
        if position == 0 {
            return refused("positions start at 1 (the rule tried first)");
        }
        self.store.write(|tx| {
            let Some(at) = rule_rows::move_to(tx, id, position)? else {
                return refused(format!("rule {id} does not exist"));
            };
            Ok((at, Change::new("rule", format!("move rule #{id} to position {at}"))))
        })
    }
}

#[cfg(test)]
mod tests {
    use crate::domain::{Money, PlaceKind};
    use crate::ledger::test_support::{d, ok};
    use crate::ledger::Ledger;

    #[test]
    fn a_rule_moves_and_the_move_is_undone_as_one_change() {
        let mut l = ok(Ledger::in_memory(d("2025-06-15")));
        ok(l.add_account("Checking", PlaceKind::Checking, Money::ZERO, d("2025-01-01")));
        let a = l
            .add_rule("COFFEE", false, Some("Dining"), None)
            .unwrap_or_else(|e| panic!("{e}"));
        let b = l
            .add_rule("TESCO", false, Some("Groceries"), None)
            .unwrap_or_else(|e| panic!("{e}"));
        let c = l
            .add_rule("SHELL", false, Some("Fuel"), None)
            .unwrap_or_else(|e| panic!("{e}"));
        let order = |l: &crate::ledger::Ledger| -> Vec<i64> {
            l.rules()
                .unwrap_or_else(|e| panic!("{e}"))
                .iter()
                .map(|r| r.id)
                .collect()
        };
        let before = order(&l);
        assert_eq!(l.move_rule(c, 1).ok(), Some(1));
        let mut expected: Vec<i64> = before.iter().copied().filter(|i| *i != c).collect();
        expected.insert(0, c);
        assert_eq!(order(&l), expected);
        assert_eq!(l.move_rule(a, 99).ok(), Some(expected.len()), "past the end is last");
        assert_eq!(order(&l).last(), Some(&a));
        assert!(l.move_rule(b, 0).is_err());
        assert!(l.move_rule(9999, 1).is_err());
        l.undo().unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(order(&l), expected, "undo puts the one move back");
        l.undo().unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(order(&l), before);
    }
}
