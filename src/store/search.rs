//! Searching transactions: a [`Query`] as one `WHERE` clause with bound parameters only, its free text
//! through `txn_search`, the FTS5 index of descriptions that triggers on `txns` keep in step in the same
//! transaction as every write (an insert, an edit, a delete, an undo or redo, a restore). A bulk insert
//! sets the insert trigger aside and indexes its rows in one statement at the end ([`pause`], [`resume`]).

use super::txns::{from_row, Cursor, T_COLUMNS};
use crate::domain::query::{digit_runs, words, AmountTest, Term};
use crate::domain::{category_key, Query, Txn};
use rusqlite::types::Value;
use rusqlite::{params_from_iter, Connection};
use std::cell::RefCell;
use std::rc::Rc;

/// Which transactions a page holds: those the query matches, and of exactly one category if given.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TxnFilter {
    pub query: Query,
    /// The category, exactly as stored (`Uncategorized`, say); `None` matches all.
    pub category: Option<String>,
}

impl TxnFilter {
    /// Only the transactions the query matches.
    pub fn query(query: Query) -> TxnFilter {
        TxnFilter { query, category: None }
    }
}

/// The index triggers: a row's words go in when it is inserted, out when it is deleted, and both when
/// its description (or id) changes. External content: what goes out must be what went in, the old row.
const TRIGGERS: &[(&str, &str)] = &[
    (
        "txn_search_insert",
        "AFTER INSERT ON txns BEGIN
             INSERT INTO txn_search (rowid, description) VALUES (NEW.id, NEW.description);
         END",
    ),
    (
        "txn_search_delete",
        "AFTER DELETE ON txns BEGIN
             INSERT INTO txn_search (txn_search, rowid, description) VALUES ('delete', OLD.id, OLD.description);
         END",
    ),
    (
        "txn_search_update",
        "AFTER UPDATE OF id, description ON txns
         WHEN OLD.id IS NOT NEW.id OR OLD.description IS NOT NEW.description BEGIN
             INSERT INTO txn_search (txn_search, rowid, description) VALUES ('delete', OLD.id, OLD.description);
             INSERT INTO txn_search (rowid, description) VALUES (NEW.id, NEW.description);
         END",
    ),
];

fn index_exists(conn: &Connection) -> rusqlite::Result<bool> {
    conn.prepare_cached("SELECT EXISTS (SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'txn_search')")?
        .query_row([], |r| r.get(0))
}

/// (Re)creates the index's triggers, once the schema has the index.
pub fn install_triggers(conn: &Connection) -> rusqlite::Result<()> {
    if !index_exists(conn)? {
        return Ok(());
    }
    for (name, body) in TRIGGERS {
        conn.execute_batch(&format!("DROP TRIGGER IF EXISTS {name}; CREATE TRIGGER {name} {body};"))?;
    }
    Ok(())
}

/// Sets the insert trigger aside for a bulk insert (its presence alone makes every insert keep a
/// statement journal). Rows inserted until [`resume`] must not be changed or deleted before it.
pub fn pause(conn: &Connection) -> rusqlite::Result<()> {
    conn.execute_batch("DROP TRIGGER IF EXISTS txn_search_insert")
}

/// Puts the insert trigger back and indexes the transactions inserted since [`pause`] (ids after
/// `before`), in one statement.
pub fn resume(conn: &Connection, before: i64) -> rusqlite::Result<()> {
    if !index_exists(conn)? {
        return Ok(());
    }
    install_triggers(conn)?;
    conn.execute(
        "INSERT INTO txn_search (rowid, description) SELECT id, description FROM txns WHERE id > ?1",
        [before],
    )?;
    Ok(())
}

/// Checks the index against the descriptions it was made from; the problem found, if any.
pub fn check(conn: &Connection) -> rusqlite::Result<Option<String>> {
    if !index_exists(conn)? {
        return Ok(None);
    }
    match conn.execute(
        "INSERT INTO txn_search (txn_search, rank) VALUES ('integrity-check', 1)",
        [],
    ) {
        Ok(_) => Ok(None),
        Err(rusqlite::Error::SqliteFailure(e, _)) if e.code == rusqlite::ErrorCode::DatabaseCorrupt => Ok(Some(
            "the search index does not match the transactions' descriptions".to_string(),
        )),
        Err(e) => Err(e),
    }
}

/// A query as SQL: the conditions on `txns t` (joined with AND) and their parameters, and the FTS5
/// expression of its words, if it has any.
struct Sql {
    conditions: Vec<String>,
    params: Vec<Value>,
    words: Option<String>,
}

impl Sql {
    fn of(filter: &TxnFilter) -> Sql {
        let mut sql = Sql {
            conditions: Vec::new(),
            params: Vec::new(),
            words: None,
        };
        let mut phrases = Vec::new();
        for term in &filter.query.terms {
            sql.term(term, &mut phrases);
        }
        if let Some(category) = &filter.category {
            let p = sql.bind(category.clone());
            sql.conditions.push(format!("t.category = {p}"));
        }
        if !phrases.is_empty() {
            sql.words = Some(phrases.join(" AND "));
        }
        sql
    }

    /// Adds a parameter; its placeholder.
    fn bind(&mut self, value: impl Into<Value>) -> String {
        self.params.push(value.into());
        format!("?{}", self.params.len())
    }

    fn term(&mut self, term: &Term, phrases: &mut Vec<String>) {
        let condition = match term {
            Term::Text { text, phrase } => {
                for digits in digit_runs(text) {
                    let p = self.bind(digits.to_string());
                    self.conditions.push(format!("instr(t.description, {p}) > 0"));
                }
                if !words(text).is_empty() {
                    phrases.push(fts_phrase(text, *phrase));
                }
                return;
            }
            Term::Category(name) => {
                let p = self.bind(category_key(name));
                let named = format!("(SELECT name FROM categories WHERE key = {p})");
                format!(
                    "(t.category IN {named} OR (t.splits IS NOT NULL AND EXISTS (
                         SELECT 1 FROM json_each(t.splits) line WHERE json_extract(line.value, '$[0]') IN {named})))"
                )
            }
            Term::Tag(tag) => {
                let p = self.bind(format!(" {tag} "));
                format!("(t.tags IS NOT NULL AND instr(' ' || t.tags || ' ', {p}) > 0)")
            }
            Term::Place(name) => {
                let p = self.bind(crate::domain::place::name_key(name));
                let named = format!("(SELECT id FROM places WHERE name_key = {p})");
                format!("(t.from_id IN {named} OR t.to_id IN {named})")
            }
            Term::Kind(kind) => {
                let p = self.bind(kind.as_str().to_string());
                format!("t.kind = {p}")
            }
            Term::Amount(test) => self.amount(*test),
            Term::Date { first, last } => {
                let (a, b) = (self.bind(first.to_string()), self.bind(last.to_string()));
                format!("t.date BETWEEN {a} AND {b}")
            }
        };
        self.conditions.push(condition);
    }

    fn amount(&mut self, test: AmountTest) -> String {
        let (op, cents) = match test {
            AmountTest::Above(m) => (">", m.cents()),
            AmountTest::AtLeast(m) => (">=", m.cents()),
            AmountTest::Below(m) => ("<", m.cents()),
            AmountTest::AtMost(m) => ("<=", m.cents()),
            AmountTest::Exactly(m) => ("=", m.cents()),
            AmountTest::Between(low, high) => {
                let (a, b) = (self.bind(low.cents()), self.bind(high.cents()));
                return format!("t.amount_cents BETWEEN {a} AND {b}");
            }
        };
        let p = self.bind(cents);
        format!("t.amount_cents {op} {p}")
    }

    fn clause(&self) -> String {
        if self.conditions.is_empty() {
            "1".to_string()
        } else {
            self.conditions.join(" AND ")
        }
    }
}

/// Free text as an FTS5 string: in double quotes (a quote inside doubled, control characters made
/// spaces: both are separators to the tokenizer), so no text is FTS5 syntax; a bare word's last word is a
/// prefix.
fn fts_phrase(text: &str, phrase: bool) -> String {
    let mut out = String::with_capacity(text.len() + 4);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\"\""),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out.push('"');
    if !phrase {
        out.push_str(" *");
    }
    out
}

/// Up to this many rows matching the words, a page reads them and sorts them; with more, it walks the
/// date index keeping the rows among them (a page's worth comes soon), which it holds as a bit set.
const FEW_MATCHES: usize = 2000;

/// How many rows match the words: few, or many, with their ids as a bit set (bit `id % 8` of byte
/// `id / 8`) for [`IN_SET`].
enum Matches {
    Few,
    Many(Vec<u8>),
}

/// The last search's matches, kept while the database is unchanged: paging through a search reads the
/// rows matching its words once (with many, that is most of a page's time).
#[derive(Default)]
pub struct MatchCache(RefCell<Option<Cached>>);

struct Cached {
    words: String,
    /// The database's `data_version` (others' commits) and this connection's total changes.
    version: (i64, u64),
    matches: Rc<Matches>,
}

impl MatchCache {
    fn get(&self, conn: &Connection, words: &str) -> rusqlite::Result<Rc<Matches>> {
        let version = (
            conn.query_row("PRAGMA data_version", [], |r| r.get(0))?,
            conn.total_changes(),
        );
        if let Some(hit) = self.0.borrow().as_ref() {
            if hit.words == words && hit.version == version {
                return Ok(Rc::clone(&hit.matches));
            }
        }
        let found = Rc::new(matches(conn, words)?);
        *self.0.borrow_mut() = Some(Cached {
            words: words.to_string(),
            version,
            matches: Rc::clone(&found),
        });
        Ok(found)
    }
}

fn matches(conn: &Connection, words: &str) -> rusqlite::Result<Matches> {
    let mut stmt = conn.prepare_cached("SELECT rowid FROM txn_search WHERE txn_search MATCH ?1")?;
    let mut rows = stmt.query([words])?;
    let mut ids = Vec::new();
    while let Some(row) = rows.next()? {
        ids.push(row.get::<_, i64>(0)?);
    }
    if ids.len() <= FEW_MATCHES {
        return Ok(Matches::Few);
    }
    let top = ids.iter().copied().max().unwrap_or(0);
    let mut bits = vec![0u8; usize::try_from(top / 8 + 1).unwrap_or(0)];
    for id in ids {
        if let Some(byte) = usize::try_from(id / 8).ok().and_then(|i| bits.get_mut(i)) {
            *byte |= 1 << (id % 8);
        }
    }
    Ok(Matches::Many(bits))
}

/// `pfos_in_set(bits, id)`: whether `id`'s bit is set in a bit set of [`Matches::Many`].
const IN_SET: &str = "pfos_in_set";

/// The functions searches call: [`IN_SET`].
pub fn register_functions(conn: &Connection) -> rusqlite::Result<()> {
    use rusqlite::functions::FunctionFlags;
    conn.create_scalar_function(
        IN_SET,
        2,
        FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC,
        |ctx| {
            let bits = ctx.get_raw(0).as_blob_or_null()?.unwrap_or_default();
            let id: i64 = ctx.get(1)?;
            let byte = usize::try_from(id / 8)
                .ok()
                .and_then(|i| bits.get(i))
                .copied()
                .unwrap_or(0);
            Ok(id >= 0 && byte & (1 << (id % 8)) != 0)
        },
    )
}

/// Where a search's rows come from, as `FROM … WHERE …` for more conditions to follow with `AND`: every
/// transaction; with words and few matches, the index's hits joined to `txns`; with many, `txns` along the
/// date index (in date order already, and a date range reads only its part), keeping the hits' bit set.
fn rows_of(sql: &mut Sql, found: Option<(&Matches, &str)>) -> String {
    match found {
        None => "FROM txns t WHERE 1".to_string(),
        Some((Matches::Few, words)) => {
            let w = sql.bind(words.to_string());
            format!(
                "FROM (SELECT rowid AS hit FROM txn_search WHERE txn_search MATCH {w}) found
                 CROSS JOIN txns t ON t.id = found.hit WHERE 1"
            )
        }
        Some((Matches::Many(bits), _)) => {
            let b = sql.bind(bits.clone());
            format!("FROM txns t INDEXED BY txns_by_date WHERE {IN_SET}({b}, t.id)")
        }
    }
}

/// Which way a page goes from its cursor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// Before the cursor, newest first.
    Older,
    /// After the cursor, oldest first.
    Newer,
}

/// Up to `limit` transactions `filter` keeps beyond `from` (from the newest or the oldest for `None`), in
/// the direction's order. Keyset pages: never an `OFFSET`.
pub fn page(
    conn: &Connection,
    cache: &MatchCache,
    filter: &TxnFilter,
    from: Option<Cursor>,
    direction: Direction,
    limit: usize,
) -> rusqlite::Result<Vec<Txn>> {
    let mut sql = Sql::of(filter);
    // Dates are stored as `YYYY-MM-DD` text, so the open ends lie beyond any real date.
    let (date, id, compare, order) = match direction {
        Direction::Older => {
            let (d, id) = from.map_or_else(|| ("9999-12-31".to_string(), i64::MAX), |(d, id)| (d.to_string(), id));
            (d, id, "<", "DESC")
        }
        Direction::Newer => {
            let (d, id) = from.map_or_else(|| ("0000-00-00".to_string(), i64::MIN), |(d, id)| (d.to_string(), id));
            (d, id, ">", "ASC")
        }
    };
    let (d, i) = (sql.bind(date), sql.bind(id));
    let keyset = format!("(t.date, t.id) {compare} ({d}, {i})");
    let clause = sql.clause();
    let found = match sql.words.clone() {
        Some(words) => Some((cache.get(conn, &words)?, words)),
        None => None,
    };
    let rows = rows_of(&mut sql, found.as_ref().map(|(m, w)| (m.as_ref(), w.as_str())));
    let l = sql.bind(i64::try_from(limit).unwrap_or(i64::MAX));
    let text =
        format!("SELECT {T_COLUMNS} {rows} AND {keyset} AND {clause} ORDER BY t.date {order}, t.id {order} LIMIT {l}");
    let mut stmt = conn.prepare_cached(&text)?;
    let rows = stmt.query_map(params_from_iter(sql.params.iter()), from_row)?;
    rows.collect()
}

/// Calls `visit` with every transaction `filter` keeps, oldest first, one row at a time.
pub fn each<E: From<rusqlite::Error>>(
    conn: &Connection,
    filter: &TxnFilter,
    mut visit: impl FnMut(Txn) -> Result<(), E>,
) -> Result<(), E> {
    let mut sql = Sql::of(filter);
    let clause = sql.clause();
    let found = match sql.words.clone() {
        Some(words) => Some((matches(conn, &words)?, words)),
        None => None,
    };
    let rows = rows_of(&mut sql, found.as_ref().map(|(m, w)| (m, w.as_str())));
    let text = format!("SELECT {T_COLUMNS} {rows} AND {clause} ORDER BY t.date, t.id");
    let mut stmt = conn.prepare_cached(&text)?;
    let mut rows = stmt.query(params_from_iter(sql.params.iter()))?;
    while let Some(row) = rows.next()? {
        visit(from_row(row)?)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn free_text_is_always_an_fts_string() {
        assert_eq!(fts_phrase("coff", false), "\"coff\" *");
        assert_eq!(fts_phrase("trader joe", true), "\"trader joe\"");
        assert_eq!(fts_phrase("a\"b OR c*", false), "\"a\"\"b OR c*\" *");
        assert_eq!(fts_phrase("a\tb\0", true), "\"a b \"");
    }
}
