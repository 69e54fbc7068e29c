//! The `txns` table: every transaction, read back in date-then-entry order.

use super::categories;
use crate::domain::{Money, Month, PlaceId, Split, Txn, TxnDraft, TxnId};
use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension, Row};

const COLUMNS: &str = "id, date, kind, amount_cents, from_id, to_id, category, description, splits, tags";
/// [`COLUMNS`] of the table named `t`.
pub(super) const T_COLUMNS: &str =
    "t.id, t.date, t.kind, t.amount_cents, t.from_id, t.to_id, t.category, t.description, t.splits, t.tags";

/// A split's lines as stored: `[["Groceries",8000],["Household",4050]]` (cents), `None` when not split.
pub fn encode_splits(splits: &[Split]) -> Option<String> {
    if splits.is_empty() {
        return None;
    }
    let lines: Vec<(&str, i64)> = splits.iter().map(|s| (s.category.as_str(), s.amount.cents())).collect();
    serde_json::to_string(&lines).ok()
}

fn decode_splits(text: Option<&str>) -> Result<Vec<Split>, serde_json::Error> {
    let Some(text) = text else {
        return Ok(Vec::new());
    };
    let lines: Vec<(String, i64)> = serde_json::from_str(text)?;
    Ok(lines
        .into_iter()
        .map(|(category, cents)| Split {
            category,
            amount: Money::from_cents(cents),
        })
        .collect())
}

/// Tags as stored: separated by spaces (a tag holds none), `None` without tags.
pub fn encode_tags(tags: &[String]) -> Option<String> {
    (!tags.is_empty()).then(|| tags.join(" "))
}

fn decode_tags(text: Option<&str>) -> Vec<String> {
    text.map(|t| t.split(' ').filter(|s| !s.is_empty()).map(str::to_string).collect())
        .unwrap_or_default()
}

/// The draft's category and split lines in the spellings they were first given (categories match whatever
/// their case).
fn canonical_text(conn: &Connection, t: &TxnDraft) -> rusqlite::Result<(Option<String>, Vec<Split>)> {
    let category = categories::canonical_opt(conn, t.category.as_deref())?;
    let splits = t
        .splits
        .iter()
        .map(|s| {
            Ok(Split {
                category: categories::canonical(conn, &s.category)?,
                amount: s.amount,
            })
        })
        .collect::<rusqlite::Result<_>>()?;
    Ok((category, splits))
}

mod batch;
pub use batch::BatchWriter;

pub fn insert(conn: &Connection, t: &TxnDraft) -> rusqlite::Result<TxnId> {
    let (category, splits) = canonical_text(conn, t)?;
    conn.prepare_cached(
        "INSERT INTO txns (date, kind, amount_cents, from_id, to_id, category, description, splits, tags)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?
    .execute(params![
        t.date,
        t.kind,
        t.amount,
        t.from,
        t.to,
        category,
        t.description,
        encode_splits(&splits),
        encode_tags(&t.tags)
    ])?;
    Ok(conn.last_insert_rowid())
}

/// Stores a transaction exactly as given, id included (restoring an export into an empty database), with
/// the (place, hash) of the imported row that made it, if any (see [`super::imports`]).
pub fn insert_restored(conn: &Connection, t: &Txn, made_by: Option<(PlaceId, i64)>) -> rusqlite::Result<()> {
    let (category, splits) = canonical_text(conn, &TxnDraft::from(t))?;
    conn.prepare_cached(
        "INSERT INTO txns (id, date, kind, amount_cents, from_id, to_id, category, description, splits, tags,
                           import_place, import_hash)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
    )?
    .execute(params![
        t.id,
        t.date,
        t.kind,
        t.amount,
        t.from,
        t.to,
        category,
        t.description,
        encode_splits(&splits),
        encode_tags(&t.tags),
        made_by.map(|(place, _)| place),
        made_by.map(|(_, hash)| hash)
    ])?;
    Ok(())
}

/// The largest id ever given to a transaction (ids are never reused, whatever was deleted).
pub fn last_id(conn: &Connection) -> rusqlite::Result<TxnId> {
    conn.query_row(
        "SELECT max(coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'txns'), 0),
                    coalesce((SELECT max(id) FROM txns), 0))",
        [],
        |r| r.get(0),
    )
}

/// Makes sure the next transaction gets an id after `id` (restoring an export that had used it).
pub fn reserve_ids_through(conn: &Connection, id: TxnId) -> rusqlite::Result<()> {
    if last_id(conn)? >= id {
        return Ok(());
    }
    let updated = conn.execute("UPDATE sqlite_sequence SET seq = ?1 WHERE name = 'txns'", [id])?;
    if updated == 0 {
        conn.execute("INSERT INTO sqlite_sequence (name, seq) VALUES ('txns', ?1)", [id])?;
    }
    Ok(())
}

pub fn count(conn: &Connection) -> rusqlite::Result<i64> {
    conn.prepare_cached("SELECT count(*) FROM txns")?
        .query_row([], |r| r.get(0))
}

/// Changes a transaction. The imported row that made it, kept in its row for its date and place, goes to
/// `txn_imports` first when the date or the places change away from them (so the row is still known by
/// its own day and place).
pub fn update(conn: &Connection, id: TxnId, t: &TxnDraft) -> rusqlite::Result<()> {
    let (category, splits) = canonical_text(conn, t)?;
    let apart = super::imports::keep_apart_unless(conn, id, t.date, t.from, t.to)?;
    conn.prepare_cached(
        "UPDATE txns SET date = ?2, kind = ?3, amount_cents = ?4, from_id = ?5, to_id = ?6,
                         category = ?7, description = ?8, splits = ?9, tags = ?10,
                         import_place = CASE WHEN ?11 THEN NULL ELSE import_place END,
                         import_hash = CASE WHEN ?11 THEN NULL ELSE import_hash END
         WHERE id = ?1",
    )?
    .execute(params![
        id,
        t.date,
        t.kind,
        t.amount,
        t.from,
        t.to,
        category,
        t.description,
        encode_splits(&splits),
        encode_tags(&t.tags),
        apart
    ])?;
    Ok(())
}

pub fn delete(conn: &Connection, id: TxnId) -> rusqlite::Result<()> {
    conn.prepare_cached("DELETE FROM txns WHERE id = ?1")?.execute([id])?;
    Ok(())
}

pub fn get(conn: &Connection, id: TxnId) -> rusqlite::Result<Option<Txn>> {
    conn.prepare_cached(&format!("SELECT {COLUMNS} FROM txns WHERE id = ?1"))?
        .query_row([id], from_row)
        .optional()
}

/// Every transaction dated after `date` (all of them for `None`), in order.
pub fn after(conn: &Connection, date: Option<NaiveDate>) -> rusqlite::Result<Vec<Txn>> {
    let mut stmt = conn.prepare_cached(&format!("SELECT {COLUMNS} FROM txns WHERE date > ?1 ORDER BY date, id"))?;
    let since = date.map_or_else(|| "0000-00-00".to_string(), |d| d.to_string());
    let rows = stmt.query_map([since], from_row)?;
    rows.collect()
}

/// Transactions dated from `first` to `last`, both included, in order.
pub fn between(conn: &Connection, first: NaiveDate, last: NaiveDate) -> rusqlite::Result<Vec<Txn>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM txns WHERE date BETWEEN ?1 AND ?2 ORDER BY date, id"
    ))?;
    let rows = stmt.query_map(params![first, last], from_row)?;
    rows.collect()
}

/// Like [`between`], without the transactions' text (no category, no split lines, an empty
/// description, no tags): for figures that need only dates, kinds, amounts and places (the dashboard), at
/// a fraction of the cost.
pub fn between_without_text(conn: &Connection, first: NaiveDate, last: NaiveDate) -> rusqlite::Result<Vec<Txn>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, date, kind, amount_cents, from_id, to_id, NULL, '', NULL, NULL FROM txns
         WHERE date BETWEEN ?1 AND ?2 ORDER BY date, id",
    )?;
    let rows = stmt.query_map(params![first, last], from_row)?;
    rows.collect()
}

/// Like [`between`], with categories and split lines but without descriptions and tags: for figures
/// grouped by category (Close Month, reports).
pub fn between_with_categories(conn: &Connection, first: NaiveDate, last: NaiveDate) -> rusqlite::Result<Vec<Txn>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, date, kind, amount_cents, from_id, to_id, category, '', splits, NULL FROM txns
         WHERE date BETWEEN ?1 AND ?2 ORDER BY date, id",
    )?;
    let rows = stmt.query_map(params![first, last], from_row)?;
    rows.collect()
}

/// Calls `visit` with each transaction dated from `first` to `last`, in order, one row at a time.
pub fn each_between<E: From<rusqlite::Error>>(
    conn: &Connection,
    first: NaiveDate,
    last: NaiveDate,
    mut visit: impl FnMut(Txn) -> Result<(), E>,
) -> Result<(), E> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM txns WHERE date BETWEEN ?1 AND ?2 ORDER BY date, id"
    ))?;
    let mut rows = stmt.query(params![first, last])?;
    while let Some(row) = rows.next()? {
        visit(from_row(row)?)?;
    }
    Ok(())
}

/// Calls `visit` with every transaction, in order, one row at a time.
pub fn each_of_all<E: From<rusqlite::Error>>(
    conn: &Connection,
    visit: impl FnMut(Txn) -> Result<(), E>,
) -> Result<(), E> {
    // Dates are stored as `YYYY-MM-DD` text, so every stored date lies between these two.
    let any = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default();
    each_between(conn, any(0, 1, 1), any(9999, 12, 31), visit)
}

/// Every transaction oldest first, each with the (place, day, hash) of the imported rows tied to it (see
/// [`super::imports`]), in one read: what the JSON export writes.
pub fn each_of_all_with_imports<E: From<rusqlite::Error>>(
    conn: &Connection,
    mut visit: impl FnMut(Txn, &[(PlaceId, i64, i64)]) -> Result<(), E>,
) -> Result<(), E> {
    let mut stmt = conn.prepare_cached(
        "SELECT t.id, t.date, t.kind, t.amount_cents, t.from_id, t.to_id, t.category, t.description,
                t.splits, t.tags, i.place_id, i.day, i.hash, t.import_place, t.import_hash
         FROM txns t LEFT JOIN txn_imports i ON i.txn_id = t.id
         ORDER BY t.date, t.id, i.place_id, i.day, i.hash",
    )?;
    let mut rows = stmt.query([])?;
    let mut current: Option<Txn> = None;
    let mut imported = Vec::new();
    // In (place, day, hash) order, wherever each is kept.
    let mut done = |t: Txn, imported: &mut Vec<(PlaceId, i64, i64)>| {
        imported.sort_unstable();
        visit(t, imported)
    };
    while let Some(row) = rows.next()? {
        let id: TxnId = row.get(0)?;
        if current.as_ref().is_some_and(|t| t.id != id) {
            if let Some(t) = current.take() {
                done(t, &mut imported)?;
            }
            imported.clear();
        }
        if current.is_none() {
            let t = from_row(row)?;
            if let (Some(place), Some(hash)) = (row.get::<_, Option<PlaceId>>(13)?, row.get(14)?) {
                imported.push((place, super::imports::day_number(t.date), hash));
            }
            current = Some(t);
        }
        if let Some(place) = row.get::<_, Option<PlaceId>>(10)? {
            imported.push((place, row.get(11)?, row.get(12)?));
        }
    }
    if let Some(t) = current {
        done(t, &mut imported)?;
    }
    Ok(())
}

pub fn in_month(conn: &Connection, month: Month) -> rusqlite::Result<Vec<Txn>> {
    between(conn, month.first_day(), month.last_day())
}

/// The first transaction (by date, then entry) touching `place` dated before `date`, other than `except`.
pub fn first_touching_before(
    conn: &Connection,
    place: PlaceId,
    date: NaiveDate,
    except: TxnId,
) -> rusqlite::Result<Option<Txn>> {
    conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM txns WHERE (from_id = ?1 OR to_id = ?1) AND date < ?2 AND id != ?3
         ORDER BY date, id LIMIT 1"
    ))?
    .query_row(params![place, date, except], from_row)
    .optional()
}

/// A place's balance change from every transaction dated before `date`, and from its opening when that
/// is dated `date` (what a loan owes at the start of its payment day): positive means owed for a card or
/// loan.
pub fn owed_at_start_of(conn: &Connection, loan: PlaceId, date: NaiveDate) -> rusqlite::Result<Money> {
    conn.prepare_cached(
        "SELECT coalesce(sum(CASE
             WHEN kind = 'opening' THEN amount_cents
             WHEN from_id = ?1 THEN amount_cents
             ELSE -amount_cents END), 0)
         FROM txns WHERE (from_id = ?1 OR to_id = ?1) AND kind != 'valuation'
           AND (date < ?2 OR (date = ?2 AND kind = 'opening'))",
    )?
    .query_row(params![loan, date], |r| r.get(0))
}

/// What was paid to a place (transfers to it) and charged to it in `category` (expenses net of refunds)
/// between two dates, both included.
pub fn paid_and_charged_in(
    conn: &Connection,
    place: PlaceId,
    category: &str,
    first: NaiveDate,
    last: NaiveDate,
) -> rusqlite::Result<(Money, Money)> {
    conn.prepare_cached(
        "SELECT coalesce(sum(CASE WHEN kind = 'transfer' AND to_id = ?1 THEN amount_cents ELSE 0 END), 0),
                coalesce(sum(CASE WHEN kind = 'expense' AND from_id = ?1 AND category = ?2 THEN amount_cents
                                  WHEN kind = 'refund' AND to_id = ?1 AND category = ?2 THEN -amount_cents
                                  ELSE 0 END), 0)
         FROM txns WHERE (from_id = ?1 OR to_id = ?1) AND date BETWEEN ?3 AND ?4",
    )?
    .query_row(params![place, category, first, last], |r| Ok((r.get(0)?, r.get(1)?)))
}

/// Every tagged transaction dated from `first` to `last`: (kind, amount, tags), through the index of
/// tagged rows (untagged rows cost nothing).
pub fn tagged_between(
    conn: &Connection,
    first: NaiveDate,
    last: NaiveDate,
) -> rusqlite::Result<Vec<(crate::domain::TxnKind, Money, Vec<String>)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT kind, amount_cents, tags FROM txns
         WHERE tags IS NOT NULL AND date BETWEEN ?1 AND ?2 ORDER BY date, id",
    )?;
    let rows = stmt.query_map(params![first, last], |r| {
        Ok((r.get(0)?, r.get(1)?, decode_tags(r.get_ref(2)?.as_str_or_null()?)))
    })?;
    rows.collect()
}

/// Transactions dated from `first` to `last` that touch any of `places`, in order (a place's register).
pub fn touching_between(
    conn: &Connection,
    places: &[PlaceId],
    first: NaiveDate,
    last: NaiveDate,
) -> rusqlite::Result<Vec<Txn>> {
    let ids = serde_json::to_string(places).unwrap_or_else(|_| "[]".to_string());
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM txns WHERE date BETWEEN ?1 AND ?2
           AND (from_id IN (SELECT value FROM json_each(?3)) OR to_id IN (SELECT value FROM json_each(?3)))
         ORDER BY date, id"
    ))?;
    let rows = stmt.query_map(params![first, last, ids], from_row)?;
    rows.collect()
}

/// Every tag in use, sorted.
pub fn tags(conn: &Connection) -> rusqlite::Result<Vec<String>> {
    let mut stmt = conn.prepare_cached("SELECT DISTINCT tags FROM txns WHERE tags IS NOT NULL")?;
    let rows = stmt.query_map([], |r| r.get::<_, String>(0))?;
    let mut all: Vec<String> = Vec::new();
    for row in rows {
        all.extend(decode_tags(Some(&row?)));
    }
    all.sort();
    all.dedup();
    Ok(all)
}

/// Whether any transaction other than an opening is dated on or before `date`.
pub fn any_besides_openings_through(conn: &Connection, date: NaiveDate) -> rusqlite::Result<bool> {
    conn.prepare_cached("SELECT EXISTS(SELECT 1 FROM txns WHERE kind != 'opening' AND date <= ?1)")?
        .query_row(params![date], |r| r.get(0))
}

pub fn earliest_date(conn: &Connection) -> rusqlite::Result<Option<NaiveDate>> {
    conn.prepare_cached("SELECT min(date) FROM txns")?
        .query_row([], |r| r.get(0))
}

pub fn latest_date(conn: &Connection) -> rusqlite::Result<Option<NaiveDate>> {
    conn.prepare_cached("SELECT max(date) FROM txns")?
        .query_row([], |r| r.get(0))
}

/// Every known category, sorted whatever their case, for completion.
pub fn categories(conn: &Connection) -> rusqlite::Result<Vec<String>> {
    let mut names = categories::all(conn)?;
    names.sort_by_cached_key(|n| crate::domain::category_key(n));
    Ok(names)
}

/// A `YYYY-MM-DD` column, read without chrono's general-purpose parser (every row read goes through it).
fn date_column(r: &Row<'_>, index: usize) -> rusqlite::Result<NaiveDate> {
    let text = r.get_ref(index)?.as_str()?;
    crate::domain::calendar::parse_stored_date(text)
        .map_err(|e| rusqlite::Error::FromSqlConversionFailure(index, rusqlite::types::Type::Text, Box::new(e)))
}

pub(super) fn from_row(r: &Row<'_>) -> rusqlite::Result<Txn> {
    Ok(Txn {
        id: r.get(0)?,
        date: date_column(r, 1)?,
        kind: r.get(2)?,
        amount: r.get(3)?,
        from: r.get(4)?,
        to: r.get(5)?,
        category: r.get(6)?,
        description: r.get(7)?,
        splits: decode_splits(r.get_ref(8)?.as_str_or_null()?)
            .map_err(|e| rusqlite::Error::FromSqlConversionFailure(8, rusqlite::types::Type::Text, Box::new(e)))?,
        tags: decode_tags(r.get_ref(9)?.as_str_or_null()?),
    })
}

/// Where a keyset page starts: a transaction's `(date, id)`; pages never use `OFFSET` (see [`super::search`]).
pub type Cursor = (NaiveDate, TxnId);
