//! The `categories` table: each category's first spelling, keyed by its case-folded form, kept even after
//! no transaction uses it.

use crate::domain::category_key;
use rusqlite::{Connection, OptionalExtension};

/// The stored spelling of `name`'s category, recording `name` as its spelling if it is new.
pub fn canonical(conn: &Connection, name: &str) -> rusqlite::Result<String> {
    let key = category_key(name);
    if let Some(existing) = conn
        .prepare_cached("SELECT name FROM categories WHERE key = ?1")?
        .query_row([&key], |r| r.get::<_, String>(0))
        .optional()?
    {
        return Ok(existing);
    }
    let spelling = name.trim().to_string();
    conn.prepare_cached("INSERT INTO categories (name, key) VALUES (?1, ?2)")?
        .execute(rusqlite::params![spelling, key])?;
    Ok(spelling)
}

/// [`canonical`] for an optional category.
pub fn canonical_opt(conn: &Connection, name: Option<&str>) -> rusqlite::Result<Option<String>> {
    name.map(|n| canonical(conn, n)).transpose()
}

/// Every known category, in the order they were first given.
pub fn all(conn: &Connection) -> rusqlite::Result<Vec<String>> {
    let mut stmt = conn.prepare_cached("SELECT name FROM categories ORDER BY id")?;
    let rows = stmt.query_map([], |r| r.get(0))?;
    rows.collect()
}

/// Records categories in the given order (restoring an export): each new key keeps the spelling given.
pub fn insert_all(conn: &Connection, names: &[String]) -> rusqlite::Result<()> {
    for name in names {
        canonical(conn, name)?;
    }
    Ok(())
}

/// Replaces every category with `names`, in that order (restoring an export, whose list is the order they
/// were first given). Nothing refers to a category's row: transactions, rules and recurring items keep
/// the name.
pub fn replace_all(conn: &Connection, names: &[String]) -> rusqlite::Result<()> {
    conn.prepare_cached("DELETE FROM categories")?.execute([])?;
    insert_all(conn, names)
}
