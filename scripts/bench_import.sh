#!/usr/bin/env bash
# Times `pfos import csv` of N generated bank rows (default 100,000) with the release build.
# Usage: scripts/bench_import.sh [ROWS]
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${1:-100000}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cargo build --release --quiet
python3 scripts/gen_bank_csv.py "$rows" > "$work/bank.csv"
export PFOS_DB="$work/bench.db" PFOS_TODAY=2026-01-15
./target/release/pfos account add Checking --kind checking --opening 1000 --date 2005-12-31 > /dev/null
/usr/bin/time -f "%e s elapsed, %M KiB max RSS" ./target/release/pfos import csv "$work/bank.csv" --into Checking | head -1
/usr/bin/time -f "%e s elapsed, %M KiB max RSS (re-import, all duplicates)" ./target/release/pfos import csv "$work/bank.csv" --into Checking | head -1
