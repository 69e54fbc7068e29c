#!/usr/bin/env bash
# Times `pfos import csv` of N generated bank rows (default 100,000) with the release build.
# Usage: scripts/bench_import.sh [ROWS]
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${1:-100000}
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
/usr/bin/time -f "%e s elapsed, %M KiB max RSS" ./target/release/pfos import csv "$work/bank.csv" --into Checking | head -1
/usr/bin/time -f "%e s elapsed, %M KiB max RSS (re-import, all duplicates)" ./target/release/pfos import csv "$work/bank.csv" --into Checking | head -1
