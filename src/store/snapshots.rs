//! The snapshot tables: what Close Month froze for each closed month.

use crate::domain::{
    Balances, BucketLine, CardState, Figures, Money, Month, PlaceId, PlaceLine, Places, Projection, Snapshot, Statement,
};
use rusqlite::{params, Connection, OptionalExtension, Row};
use std::collections::HashMap;

const FIGURE_COLUMNS: &str = "total_income, total_expense, cash_outflow, savings_added, from_buckets,
    market_change, total_cc_balance, net_worth, free_cash, total_assets, total_savings, cash_advances,
    openings, asset_openings, expected_income, expected_spending, planned_savings, projected_net_worth,
    projected_free_cash";

pub fn insert(conn: &Connection, s: &Snapshot, closed_at: &str) -> rusqlite::Result<()> {
    let f = &s.figures;
    let p = &s.projection;
    conn.prepare_cached(&format!(
        "INSERT INTO snapshots (month, closed_at, {FIGURE_COLUMNS})
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21)"
    ))?
    .execute(params![
        s.month,
        closed_at,
        f.total_income,
        f.total_expense,
        f.cash_outflow,
        f.savings_added,
        f.from_buckets,
        f.market_change,
        f.total_cc_balance,
        f.net_worth,
        f.free_cash,
        f.total_assets,
        f.total_savings,
        f.cash_advances,
        f.openings,
        f.asset_openings,
        p.expected_income,
        p.expected_spending,
        p.planned_savings,
        p.projected_net_worth,
        p.projected_free_cash,
    ])?;
    let mut place_stmt =
        conn.prepare_cached("INSERT INTO snapshot_places (month, place_id, opening, closing) VALUES (?1, ?2, ?3, ?4)")?;
    for line in &s.places {
        place_stmt.execute(params![s.month, line.place_id, line.opening, line.closing])?;
    }
    let mut card_stmt = conn.prepare_cached(
        "INSERT INTO snapshot_cards (month, place_id, balance, limit_cents, statement_date, statement_balance,
                                     due_date, credits, remaining, new_charges, carried_over)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
    )?;
    for c in &s.cards {
        let st = c.statement.as_ref();
        card_stmt.execute(params![
            s.month,
            c.place_id,
            c.balance,
            c.limit,
            st.map(|x| x.date),
            st.map(|x| x.balance),
            st.map(|x| x.due_date),
            st.map(|x| x.credits),
            st.map(|x| x.remaining),
            c.new_charges,
            c.carried_over,
        ])?;
    }
    let mut bucket_stmt = conn.prepare_cached(
        "INSERT INTO snapshot_buckets (month, place_id, balance, added, target_monthly, goal)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    for b in &s.buckets {
        bucket_stmt.execute(params![
            s.month,
            b.place_id,
            b.balance,
            b.added,
            b.target_monthly,
            b.goal
        ])?;
    }
    Ok(())
}

/// Deletes a snapshot (its place, card and bucket rows go with it).
pub fn delete(conn: &Connection, month: Month) -> rusqlite::Result<()> {
    conn.prepare_cached("DELETE FROM snapshots WHERE month = ?1")?
        .execute([month])?;
    Ok(())
}

pub fn latest_month(conn: &Connection) -> rusqlite::Result<Option<Month>> {
    conn.prepare_cached("SELECT max(month) FROM snapshots")?
        .query_row([], |r| r.get(0))
}

/// Every closed month with the moment it was closed, oldest first.
pub fn closed_at_all(conn: &Connection) -> rusqlite::Result<Vec<(Month, String)>> {
    let mut stmt = conn.prepare_cached("SELECT month, closed_at FROM snapshots ORDER BY month")?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    rows.collect()
}

pub fn count(conn: &Connection) -> rusqlite::Result<i64> {
    conn.prepare_cached("SELECT count(*) FROM snapshots")?
        .query_row([], |r| r.get(0))
}

pub fn first_month(conn: &Connection) -> rusqlite::Result<Option<Month>> {
    conn.prepare_cached("SELECT min(month) FROM snapshots")?
        .query_row([], |r| r.get(0))
}

fn figures_and_projection(r: &Row<'_>) -> rusqlite::Result<(Month, Figures, Projection)> {
    let m = |i: usize| r.get::<_, Money>(i);
    Ok((
        r.get(0)?,
        Figures {
            total_income: m(1)?,
            total_expense: m(2)?,
            cash_outflow: m(3)?,
            savings_added: m(4)?,
            from_buckets: m(5)?,
            market_change: m(6)?,
            total_cc_balance: m(7)?,
            net_worth: m(8)?,
            free_cash: m(9)?,
            total_assets: m(10)?,
            total_savings: m(11)?,
            cash_advances: m(12)?,
            openings: m(13)?,
            asset_openings: m(14)?,
        },
        Projection {
            expected_income: m(15)?,
            expected_spending: m(16)?,
            planned_savings: m(17)?,
            projected_net_worth: m(18)?,
            projected_free_cash: m(19)?,
        },
    ))
}

/// Figures and projection of every closed month from `since` on (all for `None`), oldest first.
pub fn figures_since(conn: &Connection, since: Option<Month>) -> rusqlite::Result<Vec<(Month, Figures, Projection)>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT month, {FIGURE_COLUMNS} FROM snapshots WHERE month >= ?1 ORDER BY month"
    ))?;
    let since = since.map_or_else(|| "0000-00".to_string(), |m| m.to_string());
    let rows = stmt.query_map([since], figures_and_projection)?;
    rows.collect()
}

/// Each place's own closing balance in a closed month.
pub fn closing_balances(conn: &Connection, month: Month) -> rusqlite::Result<Balances> {
    let mut stmt = conn.prepare_cached("SELECT place_id, closing FROM snapshot_places WHERE month = ?1")?;
    let rows = stmt.query_map([month], |r| Ok((r.get::<_, PlaceId>(0)?, r.get::<_, Money>(1)?)))?;
    Ok(Balances::from_map(rows.collect::<rusqlite::Result<HashMap<_, _>>>()?))
}

/// The cards carrying debt over at the end of a closed month.
pub fn cards_carrying_over(conn: &Connection, month: Month) -> rusqlite::Result<Vec<PlaceId>> {
    let mut stmt = conn.prepare_cached("SELECT place_id FROM snapshot_cards WHERE month = ?1 AND carried_over > 0")?;
    let rows = stmt.query_map([month], |r| r.get(0))?;
    rows.collect()
}

/// The whole stored snapshot of a closed month, or `None` if the month is not closed.
pub fn load(conn: &Connection, month: Month, places: &Places) -> rusqlite::Result<Option<Snapshot>> {
    let head = conn
        .prepare_cached(&format!(
            "SELECT month, {FIGURE_COLUMNS} FROM snapshots WHERE month = ?1"
        ))?
        .query_row([month], figures_and_projection)
        .optional()?;
    let Some((_, figures, projection)) = head else {
        return Ok(None);
    };
    let mut stmt = conn
        .prepare_cached("SELECT place_id, opening, closing FROM snapshot_places WHERE month = ?1 ORDER BY place_id")?;
    let place_rows = stmt.query_map([month], |r| {
        let id: PlaceId = r.get(0)?;
        let place = places.get(id);
        Ok(PlaceLine {
            place_id: id,
            name: place.map(|p| p.name.clone()).unwrap_or_default(),
            kind: place.map_or(crate::domain::PlaceKind::Checking, |p| p.kind),
            opening: r.get(1)?,
            closing: r.get(2)?,
        })
    })?;
    let place_lines = place_rows.collect::<rusqlite::Result<Vec<_>>>()?;
    let mut stmt = conn.prepare_cached(
        "SELECT place_id, balance, limit_cents, statement_date, statement_balance, due_date, credits, remaining,
                new_charges, carried_over
         FROM snapshot_cards WHERE month = ?1 ORDER BY place_id",
    )?;
    let card_rows = stmt.query_map([month], |r| {
        let id: PlaceId = r.get(0)?;
        let statement = match r.get::<_, Option<chrono::NaiveDate>>(3)? {
            None => None,
            Some(date) => Some(Statement {
                date,
                balance: r.get(4)?,
                due_date: r.get(5)?,
                credits: r.get(6)?,
                remaining: r.get(7)?,
            }),
        };
        Ok(CardState {
            place_id: id,
            name: places.name(id).to_string(),
            balance: r.get(1)?,
            limit: r.get(2)?,
            statement,
            new_charges: r.get(8)?,
            carried_over: r.get(9)?,
        })
    })?;
    let cards = card_rows.collect::<rusqlite::Result<Vec<_>>>()?;
    let mut stmt = conn.prepare_cached(
        "SELECT place_id, balance, added, target_monthly, goal FROM snapshot_buckets WHERE month = ?1 ORDER BY place_id",
    )?;
    let bucket_rows = stmt.query_map([month], |r| {
        let id: PlaceId = r.get(0)?;
        Ok(BucketLine {
            place_id: id,
            name: places.name(id).to_string(),
            balance: r.get(1)?,
            added: r.get(2)?,
            target_monthly: r.get(3)?,
            goal: r.get(4)?,
        })
    })?;
    let buckets = bucket_rows.collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(Some(Snapshot {
        month,
        figures,
        places: place_lines,
        cards,
        buckets,
        projection,
    }))
}
