//! The snapshot tables: what Close Month froze for each closed month.

use crate::domain::{
    Balances, BucketLine, CardState, CategoryLine, Figures, LoanLine, Money, Month, PlaceId, PlaceLine, Places,
    Projection, Snapshot, Statement,
};
use rusqlite::{params, Connection, OptionalExtension, Row};
use std::collections::HashMap;

const FIGURE_COLUMNS: &str = "total_income, total_expense, cash_outflow, savings_added, from_buckets,
    market_change, total_cc_balance, net_worth, free_cash, total_assets, total_savings, cash_advances,
    openings, asset_openings, expected_income, expected_spending, planned_savings, projected_net_worth,
    projected_free_cash, total_loan_balance";

pub fn insert(conn: &Connection, s: &Snapshot, closed_at: &str) -> rusqlite::Result<()> {
    let f = &s.figures;
    let p = &s.projection;
    conn.prepare_cached(&format!(
        "INSERT INTO snapshots (month, closed_at, {FIGURE_COLUMNS})
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22)"
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
        f.total_loan_balance,
    ])?;
    insert_rows(conn, s)
}

/// Replaces a closed month's stored figures and rows with `s` (its close time kept): the upgrade that
/// recomputes closed months by new rules.
pub fn replace(conn: &Connection, s: &Snapshot) -> rusqlite::Result<()> {
    let closed_at: String = conn.query_row("SELECT closed_at FROM snapshots WHERE month = ?1", [s.month], |r| {
        r.get(0)
    })?;
    let plan = super::plans::get(conn, s.month)?;
    delete(conn, s.month)?;
    insert(conn, s, &closed_at)?;
    if let Some(plan) = plan {
        super::plans::insert(conn, s.month, &plan)?;
    }
    Ok(())
}

/// The rows of a snapshot under its `snapshots` row: places, cards, buckets, loans, categories.
fn insert_rows(conn: &Connection, s: &Snapshot) -> rusqlite::Result<()> {
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
        "INSERT INTO snapshot_buckets (month, place_id, balance, added, target_monthly, goal, next_target, archived)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?;
    for b in &s.buckets {
        bucket_stmt.execute(params![
            s.month,
            b.place_id,
            b.balance,
            b.added,
            b.target_monthly,
            b.goal,
            b.next_target,
            b.archived,
        ])?;
    }
    let mut loan_stmt = conn.prepare_cached(
        "INSERT INTO snapshot_loans (month, place_id, balance, payment, paid, charged) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    for l in &s.loans {
        loan_stmt.execute(params![s.month, l.place_id, l.balance, l.payment, l.paid, l.charged])?;
    }
    let mut category_stmt = conn.prepare_cached(
        "INSERT INTO snapshot_categories (month, key, name, expense, income) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    for c in &s.categories {
        category_stmt.execute(params![
            s.month,
            crate::domain::category_key(&c.name),
            c.name,
            c.expense,
            c.income
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
            total_loan_balance: m(20)?,
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

/// Each of `places`' own balance at the start of a closed month (zero for a place it does not list).
pub fn openings_of(conn: &Connection, month: Month, places: &[PlaceId]) -> rusqlite::Result<Balances> {
    let mut stmt = conn.prepare_cached("SELECT opening FROM snapshot_places WHERE month = ?1 AND place_id = ?2")?;
    let mut map = HashMap::new();
    for &id in places {
        let opening: Option<Money> = stmt.query_row(params![month, id], |r| r.get(0)).optional()?;
        map.insert(id, opening.unwrap_or(Money::ZERO));
    }
    Ok(Balances::from_map(map))
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
    let buckets = bucket_lines(conn, month, places)?;
    let mut stmt = conn.prepare_cached(
        "SELECT place_id, balance, payment, paid, charged FROM snapshot_loans WHERE month = ?1 ORDER BY place_id",
    )?;
    let loan_rows = stmt.query_map([month], |r| {
        let id: PlaceId = r.get(0)?;
        Ok(LoanLine {
            place_id: id,
            name: places.name(id).to_string(),
            balance: r.get(1)?,
            payment: r.get(2)?,
            paid: r.get(3)?,
            charged: r.get(4)?,
        })
    })?;
    let loans = loan_rows.collect::<rusqlite::Result<Vec<_>>>()?;
    let categories = categories_of(conn, month)?;
    Ok(Some(Snapshot {
        month,
        figures,
        places: place_lines,
        cards,
        loans,
        buckets,
        categories,
        projection,
    }))
}

/// A closed month's bucket lines (balance, added, the target and goal it was closed with), by place id.
pub fn bucket_lines(conn: &Connection, month: Month, places: &Places) -> rusqlite::Result<Vec<BucketLine>> {
    let mut stmt = conn.prepare_cached(
        "SELECT place_id, balance, added, target_monthly, goal, next_target, archived
         FROM snapshot_buckets WHERE month = ?1 ORDER BY place_id",
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
            next_target: r.get(5)?,
            archived: r.get(6)?,
        })
    })?;
    bucket_rows.collect()
}

/// A closed month's category figures, sorted by lower-case name.
pub fn categories_of(conn: &Connection, month: Month) -> rusqlite::Result<Vec<CategoryLine>> {
    let mut stmt =
        conn.prepare_cached("SELECT name, expense, income FROM snapshot_categories WHERE month = ?1 ORDER BY key")?;
    let rows = stmt.query_map([month], |r| {
        Ok(CategoryLine {
            name: r.get(0)?,
            expense: r.get(1)?,
            income: r.get(2)?,
        })
    })?;
    rows.collect()
}

/// Σ each category's figures over the closed months from `first` to `last`: (key, name, expense, income),
/// sorted by key. One read of the snapshot rows, whatever the number of transactions.
pub fn category_totals(
    conn: &Connection,
    first: Month,
    last: Month,
) -> rusqlite::Result<Vec<(String, String, Money, Money)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT key, min(name), sum(expense), sum(income) FROM snapshot_categories
         WHERE month BETWEEN ?1 AND ?2 GROUP BY key ORDER BY key",
    )?;
    let rows = stmt.query_map(params![first, last], |r| {
        Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
    })?;
    rows.collect()
}

/// Each closed month's category figures from `first` to `last`: (month, name, expense, income), a row
/// per month and category.
pub fn category_totals_by_month(
    conn: &Connection,
    first: Month,
    last: Month,
) -> rusqlite::Result<Vec<(Month, String, Money, Money)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT month, name, expense, income FROM snapshot_categories
         WHERE month BETWEEN ?1 AND ?2 ORDER BY month, key",
    )?;
    let rows = stmt.query_map(params![first, last], |r| {
        Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
    })?;
    rows.collect()
}
