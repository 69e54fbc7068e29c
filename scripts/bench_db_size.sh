#!/usr/bin/env bash
# The database size per transaction after `pfos import csv` of N generated bank rows (default 200,000,
# distinct descriptions, as scripts/bench_import.sh makes them) into an empty database, what imports
# remember included: the file is VACUUMed, then its size divided by its transactions, and the bytes of
# each table and index (SQLite's dbstat).
# Usage: scripts/bench_db_size.sh [ROWS]
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${1:-200000}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cargo build --release --quiet
python3 - "$rows" > "$work/bank.csv" <<'PY'
import random, sys, datetime
n = int(sys.argv[1]); rnd = random.Random(42)
start = datetime.date(2006, 1, 1)
payees = ["TRADER JOE'S", "SHELL OIL", "NETFLIX.COM", "CITY UTILITIES", "AMAZON MKTPLACE", "BLUE BOTTLE", "PAYROLL ACME"]
print("Date,Description,Amount,Balance")
for i in range(n):
    day = start + datetime.timedelta(days=i * 7300 // n)
    payee = rnd.choice(payees)
    cents = rnd.randint(100, 20000) * (1 if payee.startswith("PAYROLL") else -1)
    print(f"{day:%m/%d/%Y},{payee} #{rnd.randint(1, 99999)},{cents / 100:.2f},")
PY
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
