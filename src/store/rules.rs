//! The `rules` table: import rules in the order they are tried.

pub use crate::domain::rules::RuleRow;
use crate::domain::rules::{Rule, RuleAction};
use rusqlite::{params, Connection};

impl RuleRow {
    pub fn compile(&self) -> Result<Rule, String> {
        Rule::new(self.id, &self.pattern, self.is_regex, self.action.clone())
    }
}

pub fn insert(conn: &Connection, pattern: &str, is_regex: bool, action: &RuleAction) -> rusqlite::Result<i64> {
    let (category, place) = match action {
        // A rule's category joins the category's first spelling, like a transaction's.
        RuleAction::Category(c) => (Some(super::categories::canonical(conn, c)?), None),
        RuleAction::Transfer(p) => (None, Some(*p)),
    };
    conn.prepare_cached(
        "INSERT INTO rules (position, pattern, is_regex, category, transfer_place_id)
         VALUES ((SELECT coalesce(max(position), 0) + 1 FROM rules), ?1, ?2, ?3, ?4)",
    )?
    .execute(params![pattern, is_regex, category, place])?;
    Ok(conn.last_insert_rowid())
}

/// Stores a restored rule under its own id, after the rules already there.
pub fn insert_restored(conn: &Connection, rule: &RuleRow) -> rusqlite::Result<()> {
    let (category, place) = match &rule.action {
        RuleAction::Category(c) => (Some(super::categories::canonical(conn, c)?), None),
        RuleAction::Transfer(p) => (None, Some(*p)),
    };
    conn.prepare_cached(
        "INSERT INTO rules (id, position, pattern, is_regex, category, transfer_place_id)
         VALUES (?1, (SELECT coalesce(max(position), 0) + 1 FROM rules), ?2, ?3, ?4, ?5)",
    )?
    .execute(params![rule.id, rule.pattern, rule.is_regex, category, place])?;
    Ok(())
}

pub fn delete(conn: &Connection, id: i64) -> rusqlite::Result<bool> {
    Ok(conn.prepare_cached("DELETE FROM rules WHERE id = ?1")?.execute([id])? > 0)
}

pub fn all(conn: &Connection) -> rusqlite::Result<Vec<RuleRow>> {
    let mut stmt = conn
        .prepare_cached("SELECT id, pattern, is_regex, category, transfer_place_id FROM rules ORDER BY position, id")?;
    let rows = stmt.query_map([], |r| {
        let category: Option<String> = r.get(3)?;
        let place: Option<i64> = r.get(4)?;
        let action = match (category, place) {
            (Some(c), _) => RuleAction::Category(c),
            (None, Some(p)) => RuleAction::Transfer(p),
            (None, None) => RuleAction::Category("Uncategorized".into()),
        };
        Ok(RuleRow {
            id: r.get(0)?,
            pattern: r.get(1)?,
            is_regex: r.get(2)?,
            action,
        })
    })?;
    rows.collect()
}

/// Puts rule `id` at `position` (1 is tried first; past the end means last), renumbering every rule.
/// Returns the position it now has; `None` when there is no such rule.
pub fn move_to(conn: &Connection, id: i64, position: usize) -> rusqlite::Result<Option<usize>> {
    let mut ids: Vec<i64> = all(conn)?.iter().map(|r| r.id).collect();
    let Some(from) = ids.iter().position(|i| *i == id) else {
        return Ok(None);
    };
    ids.remove(from);
    let to = position.saturating_sub(1).min(ids.len());
    ids.insert(to, id);
    let mut update = conn.prepare_cached("UPDATE rules SET position = ?2 WHERE id = ?1 AND position IS NOT ?2")?;
    for (i, rule) in ids.iter().enumerate() {
        update.execute(params![rule, i64::try_from(i + 1).unwrap_or(i64::MAX)])?;
    }
    Ok(Some(to + 1))
}
