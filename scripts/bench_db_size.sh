#!/usr/bin/env bash
# The database size per transaction after `pfos import csv` of N generated bank rows (default 200,000,
# distinct descriptions, scripts/gen_bank_csv.py) into an empty database, what imports
# remember included: the file is VACUUMed, then its size divided by its transactions, and the bytes of
# each table and index (SQLite's dbstat).
# Usage: scripts/bench_db_size.sh [ROWS]
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${1:-200000}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cargo build --release --quiet
python3 scripts/gen_bank_csv.py "$rows" > "$work/bank.csv"
export PFOS_DB="$work/bench.db" PFOS_TODAY=2026-01-15
./target/release/pfos account add Checking --kind checking --opening 1000 --date 2005-12-31 > /dev/null
./target/release/pfos import csv "$work/bank.csv" --into Checking | head -1
python3 - "$work/bench.db" <<'PY'
import sqlite3, sys, os
path = sys.argv[1]
db = sqlite3.connect(path)
db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
db.execute("PRAGMA journal_mode=DELETE")
db.execute("VACUUM")
txns = db.execute("SELECT count(*) FROM txns").fetchone()[0]
try:
    parts = db.execute("SELECT name, sum(pgsize) FROM dbstat GROUP BY name ORDER BY 2 DESC").fetchall()
except sqlite3.OperationalError:
    parts = []
db.close()
size = os.path.getsize(path)
print(f"{txns} transactions, {size} bytes after VACUUM: {size / txns:.1f} bytes per transaction")
for name, bytes_ in parts:
    if bytes_ > 4096:
        print(f"  {name}: {bytes_ / txns:.1f} bytes per transaction")
PY
