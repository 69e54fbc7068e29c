//! Ordered schema migrations keyed on `PRAGMA user_version`, applied in one transaction.

use rusqlite::Connection;

/// Each entry moves the schema one version up; never edit a released one, append a new one.
const MIGRATIONS: &[&str] = &[
    r#"
CREATE TABLE places (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    name_key TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL CHECK (kind IN ('checking','cash','savings','investment','card','bucket')),
    opened_on TEXT NOT NULL,
    statement_day INTEGER CHECK (statement_day BETWEEN 1 AND 31),
    grace_days INTEGER CHECK (grace_days >= 0),
    limit_cents INTEGER,
    target_monthly_cents INTEGER,
    goal_cents INTEGER,
    held_in INTEGER REFERENCES places(id)
);
CREATE TABLE txns (
    id INTEGER PRIMARY KEY,
    date TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('expense','income','transfer','refund','valuation','opening')),
    amount_cents INTEGER NOT NULL CHECK (amount_cents >= 0),
    from_id INTEGER REFERENCES places(id),
    to_id INTEGER REFERENCES places(id),
    category TEXT,
    description TEXT NOT NULL DEFAULT ''
);
CREATE INDEX txns_by_date ON txns(date, id);
CREATE INDEX txns_by_from ON txns(from_id, date) WHERE from_id IS NOT NULL;
CREATE INDEX txns_by_to ON txns(to_id, date) WHERE to_id IS NOT NULL;
CREATE TABLE snapshots (
    month TEXT PRIMARY KEY,
    closed_at TEXT NOT NULL,
    total_income INTEGER NOT NULL,
    total_expense INTEGER NOT NULL,
    cash_outflow INTEGER NOT NULL,
    savings_added INTEGER NOT NULL,
    from_buckets INTEGER NOT NULL,
    market_change INTEGER NOT NULL,
    total_cc_balance INTEGER NOT NULL,
    net_worth INTEGER NOT NULL,
    free_cash INTEGER NOT NULL,
    total_assets INTEGER NOT NULL,
    total_savings INTEGER NOT NULL,
    cash_advances INTEGER NOT NULL,
    openings INTEGER NOT NULL,
    asset_openings INTEGER NOT NULL,
    expected_income INTEGER NOT NULL,
    expected_spending INTEGER NOT NULL,
    planned_savings INTEGER NOT NULL,
    projected_net_worth INTEGER NOT NULL,
    projected_free_cash INTEGER NOT NULL
);
CREATE TABLE snapshot_places (
    month TEXT NOT NULL REFERENCES snapshots(month) ON DELETE CASCADE,
    place_id INTEGER NOT NULL REFERENCES places(id),
    opening INTEGER NOT NULL,
    closing INTEGER NOT NULL,
    PRIMARY KEY (month, place_id)
) WITHOUT ROWID;
CREATE TABLE snapshot_cards (
    month TEXT NOT NULL REFERENCES snapshots(month) ON DELETE CASCADE,
    place_id INTEGER NOT NULL REFERENCES places(id),
    balance INTEGER NOT NULL,
    limit_cents INTEGER,
    statement_date TEXT,
    statement_balance INTEGER,
    due_date TEXT,
    credits INTEGER,
    remaining INTEGER,
    new_charges INTEGER NOT NULL,
    carried_over INTEGER NOT NULL,
    PRIMARY KEY (month, place_id)
) WITHOUT ROWID;
CREATE TABLE snapshot_buckets (
    month TEXT NOT NULL REFERENCES snapshots(month) ON DELETE CASCADE,
    place_id INTEGER NOT NULL REFERENCES places(id),
    balance INTEGER NOT NULL,
    added INTEGER NOT NULL,
    target_monthly INTEGER NOT NULL,
    goal INTEGER,
    PRIMARY KEY (month, place_id)
) WITHOUT ROWID;
"#,
    r#"
CREATE TABLE rules (
    id INTEGER PRIMARY KEY,
    position INTEGER NOT NULL,
    pattern TEXT NOT NULL,
    is_regex INTEGER NOT NULL DEFAULT 0,
    category TEXT,
    transfer_place_id INTEGER REFERENCES places(id),
    CHECK ((category IS NULL) <> (transfer_place_id IS NULL))
);
CREATE TABLE txn_imports (
    fingerprint TEXT PRIMARY KEY,
    txn_id INTEGER NOT NULL REFERENCES txns(id) ON DELETE CASCADE,
    place_id INTEGER NOT NULL REFERENCES places(id)
) WITHOUT ROWID;
CREATE INDEX txn_imports_by_txn ON txn_imports(txn_id, place_id);
"#,
    r#"
CREATE TABLE activity (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    action TEXT NOT NULL,
    summary TEXT NOT NULL,
    undone INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE activity_changes (
    seq INTEGER PRIMARY KEY,
    activity_id INTEGER REFERENCES activity(id) ON DELETE CASCADE,
    tbl TEXT NOT NULL,
    op TEXT NOT NULL CHECK (op IN ('insert', 'update', 'delete')),
    old TEXT,
    new TEXT
);
CREATE INDEX activity_changes_by_activity ON activity_changes(activity_id, seq);
CREATE TABLE reconciliations (
    id INTEGER PRIMARY KEY,
    place_id INTEGER NOT NULL REFERENCES places(id),
    date TEXT NOT NULL,
    amount_cents INTEGER NOT NULL,
    recorded_at TEXT NOT NULL
);
CREATE INDEX reconciliations_by_place ON reconciliations(place_id, date);
"#,
    // Looking ahead (forecast, payoff and recurring items): card APR and minimum-payment rule, recurring items, what
    // posted them, and the recurring part of a closed month's projection. Self-contained: it may be renumbered.
    r#"
ALTER TABLE places ADD COLUMN apr_bp INTEGER CHECK (apr_bp IS NULL OR apr_bp BETWEEN 0 AND 10000);
ALTER TABLE places ADD COLUMN min_payment_bp INTEGER CHECK (min_payment_bp IS NULL OR min_payment_bp BETWEEN 0 AND 10000);
ALTER TABLE places ADD COLUMN min_payment_floor_cents INTEGER CHECK (min_payment_floor_cents IS NULL OR min_payment_floor_cents >= 0);
CREATE TABLE recurring (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('expense','income','transfer')),
    amount_cents INTEGER NOT NULL CHECK (amount_cents > 0),
    from_id INTEGER REFERENCES places(id),
    to_id INTEGER REFERENCES places(id),
    category TEXT,
    description TEXT NOT NULL DEFAULT '',
    cadence TEXT NOT NULL CHECK (cadence IN ('weekly','biweekly','monthly','yearly')),
    day INTEGER CHECK (day BETWEEN 1 AND 31),
    start_date TEXT NOT NULL,
    end_date TEXT,
    count INTEGER CHECK (count > 0),
    CHECK (end_date IS NULL OR count IS NULL),
    CHECK ((cadence = 'monthly') = (day IS NOT NULL))
);
CREATE TABLE recurring_posts (
    txn_id INTEGER PRIMARY KEY REFERENCES txns(id) ON DELETE CASCADE,
    item_id INTEGER REFERENCES recurring(id) ON DELETE SET NULL,
    date TEXT NOT NULL,
    UNIQUE (item_id, date)
);
CREATE TABLE snapshot_plans (
    month TEXT PRIMARY KEY REFERENCES snapshots(month) ON DELETE CASCADE,
    next_income INTEGER NOT NULL,
    next_spending INTEGER NOT NULL,
    past_income INTEGER NOT NULL,
    past_spending INTEGER NOT NULL
) WITHOUT ROWID;
"#,
    // Bulk imports log their rows as an id range: a pause switch for the triggers, and a 'range' change.
    r#"
CREATE TABLE activity_pause (paused INTEGER NOT NULL);
CREATE TABLE activity_changes_v5 (
    seq INTEGER PRIMARY KEY,
    activity_id INTEGER REFERENCES activity(id) ON DELETE CASCADE,
    tbl TEXT NOT NULL,
    op TEXT NOT NULL CHECK (op IN ('insert', 'update', 'delete', 'range')),
    old TEXT,
    new TEXT
);
INSERT INTO activity_changes_v5 SELECT seq, activity_id, tbl, op, old, new FROM activity_changes;
DROP TABLE activity_changes;
ALTER TABLE activity_changes_v5 RENAME TO activity_changes;
CREATE INDEX activity_changes_by_activity ON activity_changes(activity_id, seq);
"#,
    // Nothing reads transactions by the place they come from any more (card windows and the dashboard read
    // by date): the index only cost every insert a B-tree and every transaction 24 bytes.
    r#"
DROP INDEX IF EXISTS txns_by_from;
"#,
    // Imported rows are kept as (place, day, transaction, 64-bit hash of the fingerprint) instead of the
    // fingerprint's text: a quarter of the size, and an import's new rows go at the end of each day's
    // keys instead of all over a text index. pfos_fingerprint_hash is store::imports::fingerprint_hash;
    // a fingerprint reads "place|YYYY-MM-DD|…". The activity log's row images of the table follow.
    r#"
CREATE TABLE txn_imports_v7 (
    place_id INTEGER NOT NULL REFERENCES places(id),
    day INTEGER NOT NULL,
    txn_id INTEGER NOT NULL REFERENCES txns(id) ON DELETE CASCADE,
    hash INTEGER NOT NULL,
    PRIMARY KEY (place_id, day, txn_id, hash)
) WITHOUT ROWID;
INSERT INTO txn_imports_v7 (place_id, day, txn_id, hash)
    SELECT place_id, unixepoch(substr(fingerprint, instr(fingerprint, '|') + 1, 10)) / 86400, txn_id,
           pfos_fingerprint_hash(fingerprint)
    FROM txn_imports;
DROP TABLE txn_imports;
ALTER TABLE txn_imports_v7 RENAME TO txn_imports;
CREATE INDEX txn_imports_by_txn ON txn_imports(txn_id, place_id);
UPDATE activity_changes SET
    old = CASE WHEN old IS NOT NULL THEN json_object(
        'place_id', json_extract(old, '$.place_id'),
        'day', unixepoch(substr(json_extract(old, '$.fingerprint'), instr(json_extract(old, '$.fingerprint'), '|') + 1, 10)) / 86400,
        'txn_id', json_extract(old, '$.txn_id'),
        'hash', pfos_fingerprint_hash(json_extract(old, '$.fingerprint'))) END,
    new = CASE WHEN new IS NOT NULL THEN json_object(
        'place_id', json_extract(new, '$.place_id'),
        'day', unixepoch(substr(json_extract(new, '$.fingerprint'), instr(json_extract(new, '$.fingerprint'), '|') + 1, 10)) / 86400,
        'txn_id', json_extract(new, '$.txn_id'),
        'hash', pfos_fingerprint_hash(json_extract(new, '$.fingerprint'))) END
WHERE tbl = 'txn_imports';
"#,
    // An import looks for the other side of each transfer by place, amount and dates: with only
    // (to_id, date) to go on it read every row into the place around the date, which an import full of
    // card payments made quadratic. Transfers only, so other rows pay nothing for it.
    r#"
CREATE INDEX txns_transfers_by_to ON txns(to_id, amount_cents, date) WHERE kind = 'transfer';
"#,
    // Edition 2: loans, archived places, terms from a month on, categories whatever their case, splits and
    // tags, ids never reused (AUTOINCREMENT), and what snapshots keep of loans and categories. `places` and
    // `txns` are rebuilt for their new CHECKs and AUTOINCREMENT by SQLite's own procedure (a new table,
    // copied, the old one dropped, the new one renamed; see `upgrade`, which turns foreign keys off around
    // it and checks them all before committing). pfos_category_key is domain::category_key. The closed
    // months' figures are recomputed on the next open (edition2_pending).
    r#"
CREATE TABLE categories (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    key TEXT NOT NULL UNIQUE
);
INSERT INTO categories (name, key)
    SELECT category, pfos_category_key(category) FROM (
        SELECT category, 1 AS src, id FROM txns WHERE category IS NOT NULL
        UNION ALL SELECT category, 2, id FROM rules WHERE category IS NOT NULL
        UNION ALL SELECT category, 3, id FROM recurring WHERE category IS NOT NULL
        ORDER BY src, id)
    WHERE true
    ON CONFLICT (key) DO NOTHING;
CREATE TABLE places_v9 (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL,
    name_key TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL CHECK (kind IN ('checking','cash','savings','investment','card','loan','bucket')),
    opened_on TEXT NOT NULL,
    statement_day INTEGER CHECK (statement_day BETWEEN 1 AND 31),
    grace_days INTEGER CHECK (grace_days >= 0),
    limit_cents INTEGER,
    target_monthly_cents INTEGER,
    goal_cents INTEGER,
    held_in INTEGER REFERENCES places(id),
    apr_bp INTEGER CHECK (apr_bp IS NULL OR apr_bp BETWEEN 0 AND 10000),
    min_payment_bp INTEGER CHECK (min_payment_bp IS NULL OR min_payment_bp BETWEEN 0 AND 10000),
    min_payment_floor_cents INTEGER CHECK (min_payment_floor_cents IS NULL OR min_payment_floor_cents >= 0),
    payment_cents INTEGER CHECK (payment_cents IS NULL OR payment_cents > 0),
    payment_day INTEGER CHECK (payment_day IS NULL OR payment_day BETWEEN 1 AND 31),
    archived_on TEXT
);
INSERT INTO places_v9 (id, name, name_key, kind, opened_on, statement_day, grace_days, limit_cents,
                    target_monthly_cents, goal_cents, held_in, apr_bp, min_payment_bp, min_payment_floor_cents)
    SELECT id, name, pfos_category_key(name), kind, opened_on, statement_day, grace_days, limit_cents,
           target_monthly_cents, goal_cents, held_in, apr_bp, min_payment_bp, min_payment_floor_cents
    FROM places ORDER BY id;
DROP TABLE places;
ALTER TABLE places_v9 RENAME TO places;
CREATE TABLE txns_v9 (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    date TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('expense','income','transfer','refund','valuation','opening')),
    amount_cents INTEGER NOT NULL CHECK (amount_cents >= 0),
    from_id INTEGER REFERENCES places(id),
    to_id INTEGER REFERENCES places(id),
    category TEXT,
    description TEXT NOT NULL DEFAULT '',
    splits TEXT,
    tags TEXT
);
INSERT INTO txns_v9 (id, date, kind, amount_cents, from_id, to_id, category, description)
    SELECT t.id, t.date, t.kind, t.amount_cents, t.from_id, t.to_id,
           CASE WHEN t.category IS NULL THEN NULL
                ELSE (SELECT c.name FROM categories c WHERE c.key = pfos_category_key(t.category)) END,
           t.description
    FROM txns t ORDER BY t.id;
DROP TABLE txns;
ALTER TABLE txns_v9 RENAME TO txns;
CREATE INDEX txns_by_date ON txns(date, id);
CREATE INDEX txns_by_to ON txns(to_id, date) WHERE to_id IS NOT NULL;
CREATE INDEX txns_transfers_by_to ON txns(to_id, amount_cents, date) WHERE kind = 'transfer';
CREATE INDEX txns_tagged ON txns(date, id) WHERE tags IS NOT NULL;
UPDATE rules SET category = (SELECT c.name FROM categories c WHERE c.key = pfos_category_key(rules.category))
    WHERE category IS NOT NULL;
UPDATE recurring SET category = (SELECT c.name FROM categories c WHERE c.key = pfos_category_key(recurring.category))
    WHERE category IS NOT NULL;
CREATE TABLE place_terms (
    id INTEGER PRIMARY KEY,
    place_id INTEGER NOT NULL REFERENCES places(id),
    from_month TEXT NOT NULL,
    statement_day INTEGER CHECK (statement_day IS NULL OR statement_day BETWEEN 1 AND 31),
    grace_days INTEGER CHECK (grace_days IS NULL OR grace_days >= 0),
    target_monthly_cents INTEGER CHECK (target_monthly_cents IS NULL OR target_monthly_cents >= 0)
);
CREATE INDEX place_terms_by_place ON place_terms(place_id, from_month, id);
ALTER TABLE snapshots ADD COLUMN total_loan_balance INTEGER NOT NULL DEFAULT 0;
ALTER TABLE snapshot_buckets ADD COLUMN next_target INTEGER NOT NULL DEFAULT 0;
ALTER TABLE snapshot_buckets ADD COLUMN archived INTEGER NOT NULL DEFAULT 0;
UPDATE snapshot_buckets SET next_target = target_monthly;
CREATE TABLE snapshot_loans (
    month TEXT NOT NULL REFERENCES snapshots(month) ON DELETE CASCADE,
    place_id INTEGER NOT NULL REFERENCES places(id),
    balance INTEGER NOT NULL,
    payment INTEGER NOT NULL,
    paid INTEGER NOT NULL,
    charged INTEGER NOT NULL,
    PRIMARY KEY (month, place_id)
) WITHOUT ROWID;
CREATE TABLE snapshot_categories (
    month TEXT NOT NULL REFERENCES snapshots(month) ON DELETE CASCADE,
    key TEXT NOT NULL,
    name TEXT NOT NULL,
    expense INTEGER NOT NULL,
    income INTEGER NOT NULL,
    PRIMARY KEY (month, key)
) WITHOUT ROWID;
CREATE TABLE loan_interest (
    loan_id INTEGER NOT NULL REFERENCES places(id),
    month TEXT NOT NULL,
    txn_id INTEGER NOT NULL REFERENCES txns(id) ON DELETE CASCADE,
    PRIMARY KEY (loan_id, month)
) WITHOUT ROWID;
CREATE INDEX loan_interest_by_txn ON loan_interest(txn_id);
CREATE TABLE edition2_pending (pending INTEGER NOT NULL);
INSERT INTO edition2_pending (pending) SELECT 1 WHERE EXISTS (SELECT 1 FROM snapshots);
"#,
    // What an import remembers of the row that made a transaction goes in the transaction's own row: the
    // place imported into and the fingerprint's hash (its day is the transaction's date). A row in
    // `txn_imports` and another in its index cost 42 bytes; these columns cost 11. `txn_imports` keeps
    // the others: rows tied to transactions that were already there (the other side of a transfer, a
    // link), and a row whose transaction's date or places have changed since (see store::txns::update).
    // The rows earlier versions imported stay in `txn_imports`, where they are found as before (moving
    // them would leave the activity log's images of them behind). And the categories the person gave a
    // payee by hand, which the next import learns before any other (see store::learned).
    r#"
ALTER TABLE txns ADD COLUMN import_place INTEGER REFERENCES places(id);
ALTER TABLE txns ADD COLUMN import_hash INTEGER;
CREATE TABLE learned_categories (
    payee TEXT PRIMARY KEY,
    category TEXT NOT NULL
) WITHOUT ROWID;
"#,
    // Search (`pfos txn list --search` and the app's search): the words of every description in an FTS5 index over
    // `txns` (external content: the text stays in `txns`), filled here for the rows there are; triggers keep it in
    // step (see store::search, which installs them). Words are runs of letters, case and accents folded; digits are
    // not indexed (a file of unique reference numbers would make every row its own terms): a search finds them in
    // the description itself. No column sizes: nothing ranks by them.
    r#"
CREATE VIRTUAL TABLE txn_search USING fts5(
    description,
    content = 'txns', content_rowid = 'id', columnsize = 0, detail = full,
    tokenize = "unicode61 remove_diacritics 2 categories 'L* Co'"
);
INSERT INTO txn_search (txn_search) VALUES ('rebuild');
"#,
];

/// The functions migrations call that SQLite does not have.
fn register_functions(conn: &Connection) -> rusqlite::Result<()> {
    use rusqlite::functions::FunctionFlags;
    conn.create_scalar_function(
        "pfos_fingerprint_hash",
        1,
        FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC,
        |ctx| Ok(super::imports::fingerprint_hash(&ctx.get::<String>(0)?)),
    )?;
    conn.create_scalar_function(
        "pfos_category_key",
        1,
        FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC,
        |ctx| Ok(crate::domain::category_key(&ctx.get::<String>(0)?)),
    )
}

/// The schema version this build writes.
pub fn latest_version() -> i64 {
    MIGRATIONS.len() as i64
}

/// Creates the schema as it was at `version` on an empty database: for tests of upgrades from older files.
#[doc(hidden)]
pub fn create_at_version(conn: &Connection, version: i64) -> rusqlite::Result<()> {
    register_functions(conn)?;
    for (index, sql) in MIGRATIONS
        .iter()
        .enumerate()
        .take(usize::try_from(version).unwrap_or(0))
    {
        conn.execute_batch(sql)?;
        conn.pragma_update(None, "user_version", index as i64 + 1)?;
    }
    if version >= 3 {
        super::activity::install_triggers(conn)?;
    }
    super::search::install_triggers(conn)?;
    Ok(())
}

/// Brings the schema from `current` up to the latest version in one transaction. Foreign keys are off
/// while tables are rebuilt (SQLite ignores the switch inside a transaction) and every reference is checked
/// before the commit: a failed upgrade leaves the file as it was.
pub fn upgrade(conn: &Connection, current: i64) -> rusqlite::Result<()> {
    conn.pragma_update(None, "foreign_keys", false)?;
    let result = (|| {
        let tx = rusqlite::Transaction::new_unchecked(conn, rusqlite::TransactionBehavior::Immediate)?;
        migrate(&tx, current)?;
        let broken: i64 = tx.query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| r.get(0))?;
        if broken > 0 {
            return Err(rusqlite::Error::SqliteFailure(
                rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_CONSTRAINT_FOREIGNKEY),
                Some(format!(
                    "the upgrade would leave {broken} broken reference(s); nothing was changed"
                )),
            ));
        }
        tx.commit()
    })();
    conn.pragma_update(None, "foreign_keys", true)?;
    result
}

/// Brings the schema from `current` up to the latest version, inside the caller's transaction.
fn migrate(conn: &Connection, current: i64) -> rusqlite::Result<()> {
    register_functions(conn)?;
    for (index, sql) in MIGRATIONS
        .iter()
        .enumerate()
        .skip(usize::try_from(current).unwrap_or(0))
    {
        conn.execute_batch(sql)?;
        conn.pragma_update(None, "user_version", index as i64 + 1)?;
    }
    // The activity log's triggers follow the tables as they are now; so do the search index's.
    super::activity::install_triggers(conn)?;
    super::search::install_triggers(conn)?;
    Ok(())
}
