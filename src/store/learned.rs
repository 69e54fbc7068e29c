//! The `learned_categories` table: the category the person last gave each payee by hand (adding or
//! editing one of its transactions), which an import learns for that payee before anything else. A payee
//! is a description as compared: lower case, single spaces.

use rusqlite::{params, Connection};

/// Records that the person gave `payee` this category (its stored spelling); a later one replaces it.
pub fn set(conn: &Connection, payee: &str, category: &str) -> rusqlite::Result<()> {
    conn.prepare_cached(
        "INSERT INTO learned_categories (payee, category) VALUES (?1, ?2)
         ON CONFLICT (payee) DO UPDATE SET category = excluded.category WHERE category IS NOT excluded.category",
    )?
    .execute(params![payee, category])?;
    Ok(())
}

/// Every (payee, category) the person gave.
pub fn all(conn: &Connection) -> rusqlite::Result<Vec<(String, String)>> {
    let mut stmt = conn.prepare_cached("SELECT payee, category FROM learned_categories ORDER BY payee")?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    rows.collect()
}
